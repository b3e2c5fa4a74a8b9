#ifndef HUJI_SERVICE_DOCUMENT_VERIFICATION_H_
#define HUJI_SERVICE_DOCUMENT_VERIFICATION_H_

// Verification of issued documents by anyone, without a login (issue 18 item 2): by the check
// code printed on the document, or by the PDF's bytes; and their revocation, after which a
// check answers "revoked" at once (checks read the store, nothing is cached).
//
// Guessing is throttled per client address (VerifyThrottle, in memory): a token bucket for all
// checks and a stricter one for misses (a code that names no document, or a PDF that is not an
// issued one). Every check is audited (action document.verify) as a member of the public — the
// username "(public)", no role — with the address; the entry is made under the issuing office,
// so that its auditors see the checks of their documents.

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/actor.h"
#include "service/document_registry.h"
#include "service/records.h"
#include "service/store.h"

namespace huji::service {

class AuditQueue;
class DocumentTx;

// How much checking one client address may do. 0 in a field: no limit of that kind.
struct VerifyPolicy {
  int checks_per_minute = 60;  // bucket of all checks: this many at once, refilled per minute
  int misses_per_window = 10;  // bucket of misses: this many at once, refilled per window
  int64_t miss_window_ms = int64_t{10} * 60 * 1000;
};

// Token buckets per client address (LoginThrottle::address_key: IPv6 by /64), in memory: a
// restart forgets them, and each server of several counts on its own.
class VerifyThrottle {
 public:
  explicit VerifyThrottle(VerifyPolicy policy = {}) : policy_(policy) {}

  struct Admission {
    int64_t retry_after_s = 0;   // 0: admitted (a check token taken); else refused, wait so long
    bool audit_refusal = false;  // the first refusal of the address in a minute: audit it
  };
  // A check from `address` at `now_ms`. Refused while either bucket is empty: an address that
  // spent its misses may not check any code until one is refilled.
  Admission admit(std::string_view address, int64_t now_ms);
  // The admitted check was a miss.
  void record_miss(std::string_view address, int64_t now_ms);

  const VerifyPolicy& policy() const { return policy_; }

 private:
  struct Buckets {
    double checks = 0, misses = 0;
    int64_t at_ms = 0;              // when the buckets were last refilled
    int64_t refusal_noted_ms = -1;  // the last audited refusal
  };
  Buckets& buckets(const std::string& key, int64_t now_ms);
  void prune(int64_t now_ms);

  const VerifyPolicy policy_;
  std::mutex mu_;
  std::unordered_map<std::string, Buckets> by_address_;
};

// What a check found.
enum class VerifyOutcome { kValid, kRevoked, kNotFound, kRateLimited };
const char* verify_outcome_code(VerifyOutcome o);  // valid | revoked | not_found | rate_limited

struct Verification {
  VerifyOutcome outcome = VerifyOutcome::kNotFound;
  std::optional<IssuedDocument> document;  // found: without the PDF's bytes
  std::string office_name;
  std::vector<PrintedField> printed;  // what the document printed, in order
  int64_t retry_after_s = 0;          // rate limited
};

// The printed fields of a canonical form (canonical_printed), or nullopt when it is not one.
std::optional<DocumentDraft> parse_canonical_printed(std::string_view canonical);

// Marks the document revoked (voided or superseded) with the reason; what other use cases call
// inside their own transaction when they void or replace a document. document.not_found (404),
// document.already_revoked (409).
core::Result<IssuedDocument> revoke_document(DocumentTx& tx, const std::string& check_code,
                                             const std::string& reason, int64_t now_ms);

class VerificationService {
 public:
  // With `queue`, checks' audit entries are batched there (a check only reads); without, each
  // is appended in a write transaction of its own.
  VerificationService(Store& store, const core::Clock& clock, VerifyThrottle& throttle,
                      AuditQueue* queue = nullptr)
      : store_(store), clock_(clock), throttle_(throttle), queue_(queue) {}

  // As PersonService::lookup_async: the reads run on the calling thread, `prepare` builds the
  // answer from the result there and returns what lets it out, which is called once the
  // check's audit entry is durable (with the audit write's status). The result is an error
  // only when the store failed.
  using Release = std::function<void(core::Status)>;
  using Prepare = std::function<Release(core::Result<Verification>)>;
  void check_code(const RequestContext& ctx, std::string_view code, const Prepare& prepare);
  // The document whose PDF has these bytes; with `code`, only if it is that code's document.
  void check_pdf(const RequestContext& ctx, std::string_view pdf,
                 const std::optional<std::string>& code, const Prepare& prepare);

  // A supervisor of the issuing office revokes a document with a reason (required), once per
  // Idempotency-Key; audited as document.revoke.
  core::Result<IssuedDocument> revoke(const Actor& actor, const RequestContext& ctx,
                                      std::string_view code, const std::string& reason,
                                      const std::string& idempotency_key);

 private:
  struct Checked {
    Verification v;
    std::string office;   // the audit entry's office: the document's, "" for a miss
    std::string purpose;  // what was checked, and from where
  };
  core::Result<Checked> find(std::optional<std::string> code, const std::string* pdf_sha256);
  void finish(const RequestContext& ctx, core::Result<Checked> checked, const Prepare& prepare);
  // Answers a check the throttle refused (audited when `admitted` says so): true when refused.
  bool refused(const RequestContext& ctx, const VerifyThrottle::Admission& admitted,
               const std::string& purpose, const Prepare& prepare);

  Store& store_;
  const core::Clock& clock_;
  VerifyThrottle& throttle_;
  AuditQueue* queue_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_DOCUMENT_VERIFICATION_H_
