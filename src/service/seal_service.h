#ifndef HUJI_SERVICE_SEAL_SERVICE_H_
#define HUJI_SERVICE_SEAL_SERVICE_H_

// The seal register (印鑑登記, issue 18 item 5): registration of a person's seal impression,
// its change (印鑑變更: the new impression replaces the current one, which is kept as
// changed) and abolition (印鑑廢止), and the comparison of an application's impression with
// the registered one (印鑑比對: seal/compare.h measures, domain/documents/seal_verdict.h
// answers). Each step is one transaction, audited under the person with the applicant, and
// idempotent by key. Any office may serve any person (跨區申辦).

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "domain/documents/seal_verdict.h"
#include "service/actor.h"
#include "service/document_registry.h"
#include "service/seal_certificate.h"
#include "service/store.h"

namespace huji::service {

// Who applied at the counter: the person (self) or an agent for them.
struct SealApplicant {
  std::string kind = "self";  // self | agent
  std::string name;           // an agent's name
  std::string id_number;      // an agent's ID number
};

struct SealRegistration {
  std::string person_id;
  std::string image_png;
  SealApplicant applicant;
};

struct SealComparison {
  double score = 0;
  domain::documents::SealVerdict verdict = domain::documents::SealVerdict::kAmbiguous;
  double coverage = 0;
  double ink_ratio = 0;
  std::string overlay_png;
};

// A seal certificate's application (印鑑證明申請): the impression stamped on the application,
// why it is wanted, how many sheets, who applied, and the clerk's confirmation that they
// looked at the comparison themselves.
struct SealCertificateRequest {
  std::string candidate_png;
  std::string purpose;
  int sheets = 1;
  SealApplicant applicant;
  bool confirmed = false;
};

struct IssuedSealCertificate {
  SealCertificateRecord certificate;
  std::string check_code_grouped;
  int64_t fee = 0;  // NT$ charged
};

// Fee items charged (data/fees/schedule.txt).
inline constexpr const char* kSealRegistrationFee = "seal_registration";
inline constexpr const char* kSealChangeFee = "seal_change";
inline constexpr const char* kSealAbolitionFee = "seal_abolition";
inline constexpr const char* kSealCertificateFee = "seal_certificate_sheet";

class SealService {
 public:
  // `fees`, `signer` and `renderer` outlive the service.
  SealService(Store& store, const core::Clock& clock, const domain::SharedFeeSchedule& fees,
              const DocumentSigner& signer, const SealCertificateRenderer& renderer)
      : store_(store), clock_(clock), fees_(fees), signer_(signer), renderer_(renderer) {}

  core::Result<SealRecord> register_seal(const Actor& actor, const RequestContext& ctx,
                                         const SealRegistration& in, const std::string& idem_key);
  // The current seal `seal_id` changed to `image_png`: answers the new seal.
  core::Result<SealRecord> change_seal(const Actor& actor, const RequestContext& ctx,
                                       int64_t seal_id, const std::string& image_png,
                                       const SealApplicant& applicant, const std::string& idem_key);
  core::Result<SealRecord> abolish_seal(const Actor& actor, const RequestContext& ctx,
                                        int64_t seal_id, const SealApplicant& applicant,
                                        const std::string& reason, const std::string& idem_key);
  // The person's seals, newest first, without images; audited as a read with `purpose`.
  core::Result<std::vector<SealRecord>> seals_of(const Actor& actor, const RequestContext& ctx,
                                                 const std::string& person_id,
                                                 const std::string& purpose);
  // One seal with its image; audited.
  core::Result<SealRecord> seal(const Actor& actor, const RequestContext& ctx, int64_t seal_id,
                                const std::string& purpose);
  // 印鑑證明: issued only from a current seal (409 seal.changed / seal.abolished), after the
  // application's impression is compared with it and the clerk confirmed (422
  // seal.unconfirmed); never when the comparison says no match (422 seal.no_match: the
  // applicant stamps again). Keeps the score and overlay with the certificate, records the
  // document (check code, QR) and charges the fee per sheet. Audited under the person.
  core::Result<IssuedSealCertificate> issue_certificate(const Actor& actor,
                                                        const RequestContext& ctx, int64_t seal_id,
                                                        const SealCertificateRequest& in,
                                                        const std::string& idem_key);
  // The certificate with its impression and overlay; audited.
  core::Result<SealCertificateRecord> certificate(const Actor& actor, const RequestContext& ctx,
                                                  int64_t id);
  // Its PDF as issued; audited.
  core::Result<std::string> certificate_pdf(const Actor& actor, const RequestContext& ctx,
                                            int64_t id);
  // Two impressions compared (no personal data is read: not audited).
  core::Result<SealComparison> compare(const Actor& actor, const std::string& registered_png,
                                       const std::string& candidate_png) const;

 private:
  core::Result<SealRecord> end_seal(const Actor& actor, const RequestContext& ctx, int64_t seal_id,
                                    const std::string& status,
                                    const std::optional<std::string>& new_image,
                                    const SealApplicant& applicant, const std::string& reason,
                                    const std::string& idem_key);

  core::Status charge(Transaction& tx, const Actor& actor, const char* item, int quantity,
                      const std::string& ref_kind, int64_t ref_id);

  Store& store_;
  const core::Clock& clock_;
  const domain::SharedFeeSchedule& fees_;
  const DocumentSigner& signer_;
  const SealCertificateRenderer& renderer_;
};

// The applicant as stored (JSON text) and back.
std::string applicant_json(const SealApplicant& a);
// Refuses an applicant that is neither the person nor a named agent with an ID number.
core::Status check_applicant(const SealApplicant& a);
// The refusal of a seal that is no longer current: 409 seal.changed or seal.abolished.
core::Error seal_not_current(const SealRecord& s);

}  // namespace huji::service

#endif  // HUJI_SERVICE_SEAL_SERVICE_H_
