#ifndef HUJI_SERVICE_REGISTRATION_SERVICE_H_
#define HUJI_SERVICE_REGISTRATION_SERVICE_H_

// 戶籍登記 as a workflow: a clerk enters an application (applicant, relation, identity check,
// the registration's content, attached documents) → a supervisor other than the clerk reviews
// it (審核) and, when late, decides the fine → it is registered: its events are appended and
// the projections updated in the same transaction → a supervisor may sample it (抽核) and mark
// it correct or erroneous (誤辦). Every step is audited; every POST is idempotent by key.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/register/applicants.h"
#include "domain/register/deadline.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/application_view.h"
#include "service/notification_service.h"
#include "service/store.h"

namespace huji::service {

struct ApplicantInput {
  std::string name;
  std::string id_number;  // may be empty for a foreign applicant (then a passport no.)
  // The capacity in which they apply (domain/register/applicants.h): self, father, mother,
  // spouse, head, … agent, both_parties, office; the older words (本人, 父, 母 …) are read too
  // and stored as the code.
  std::string relation;
  std::string identity_check;  // how identity was checked: id_card, passport, residence_permit,
                               // citizen_certificate, power_of_attorney
  // Optional (hence the initializers: {name, id, relation, check} stays a whole value).
  std::string interest = {};      // the stated interest or basis (interested_party, carer …)
  std::string principal_id = {};  // agent: who gave the power of attorney …
  std::string principal_relation = {};  // … and in which capacity (a code, as relation)
};

struct SubmitInput {
  std::string type;        // domain::event_type_code, e.g. "birth", "move_in"
  std::string event_date;  // ISO
  std::string subject_id;  // empty for birth and first registration
  std::map<std::string, std::string> fields;
  ApplicantInput applicant;
  ConsentInput consent = {};  // cross-agency notification (notification_service.h)
};

struct ReviewInput {
  bool approve = false;
  std::string note;         // required when rejecting, or when waiving a late fine
  std::optional<int> fine;  // required when approving a late application
  int64_t version = 0;      // the application's version the reviewer saw
};

// GET /registrations' filters: NULL-like fields filter nothing.
struct ApplicationFilter {
  std::optional<std::string> status;  // pending_review | registered | rejected
  std::optional<core::Date> day;      // entered that day (Taipei)
  bool mine = false;                  // entered by the reader
  std::optional<int64_t> before_id;   // paging: the applications numbered below it
  int limit = 200;                    // 1–200
};

struct ApplicationPage {
  std::vector<ApplicationView> items;  // newest first
  std::optional<int64_t> next_before;  // the next page's before_id; none on the last page
};

struct Correctness {
  CorrectnessCounts counts;  // received, sampled, errors by kind (records.h)
  double rate = 1.0;         // (received − erroneous) ÷ received (DOMAIN §9)
  // The target in force on the period's end (StatutoryRules::target_registration_correctness),
  // raised to the prior years' average when target_correctness_prior_years > 0 (大同:
  // "不得低於前三年的平均數").
  double target = 1.0;
  double configured_target = 1.0;
  int prior_years = 0;
  std::optional<double> prior_average;  // of the prior years with applications; none: no data
  bool met = true;                      // rate ≥ target
};

// What an application would be if it were submitted now (POST /registrations/preview): the
// record submit() would enter (id 0: nothing is entered) and the 記事 its registration would
// write, dated as if registered today.
struct RegistrationPreview {
  ApplicationRecord application;
  std::vector<domain::Event> entries;
};

class RegistrationService {
 public:
  // `rules`: the statutory figures by effective date (deadlines, fines, caps).
  RegistrationService(Store& store, const core::Clock& clock, const core::SharedCalendar& calendar,
                      const domain::SharedRuleBook& rules)
      : store_(store), clock_(clock), calendar_(calendar), rules_(rules) {}

  // Rung (after the commit) when a review wrote cross-agency notifications to the outbox:
  // the delivery worker's wake() (notification_worker.h), so it sends them at once.
  void set_outbox_bell(std::function<void()> bell) { outbox_bell_ = std::move(bell); }

  // Clerks and supervisors. Validates against the current register at once (so the clerk
  // sees every rejection at the counter) and records the proposed fine when late.
  core::Result<ApplicationRecord> submit(const Actor& actor, const RequestContext& ctx,
                                         const SubmitInput& in, const std::string& idem_key);
  // The same checks and lateness assessment as submit(), in a transaction that enters nothing
  // and consumes no Idempotency-Key: the clerk's "check your answers" step. The same errors as
  // submit(); audited as a read of the persons the application shows.
  core::Result<RegistrationPreview> preview(const Actor& actor, const RequestContext& ctx,
                                            const SubmitInput& in);
  // Supervisors of the application's office, not its own clerk. Approval re-validates
  // against the register as it is now; a household changed since entry is a 409.
  core::Result<ApplicationRecord> review(const Actor& actor, const RequestContext& ctx, int64_t id,
                                         const ReviewInput& in, const std::string& idem_key);
  core::Result<ApplicationRecord> sample(const Actor& actor, const RequestContext& ctx, int64_t id,
                                         const std::string& result, const std::string& reason,
                                         int64_t version);
  core::Result<ApplicationRecord> get(const Actor& actor, const RequestContext& ctx, int64_t id);
  // get() with what the reader needs to act on it (application_view.h): names, the changes
  // and 記事 a pending one would write, documents. Every person shown is audited.
  core::Result<ApplicationView> detail(const Actor& actor, const RequestContext& ctx, int64_t id);
  core::Result<std::vector<ApplicationRecord>> list(const Actor& actor, const RequestContext& ctx,
                                                    std::optional<std::string> status,
                                                    std::optional<core::Date> day);
  // The office's applications (or the reader's own), newest first, one page, with names.
  core::Result<ApplicationPage> page(const Actor& actor, const RequestContext& ctx,
                                     const ApplicationFilter& filter);
  // A reproducible sample (seeded by office and day) of `percent` % (at least one) of the
  // office's applications registered on `day` (entered that day or up to a year before), for
  // the supervisor's 抽核. Cases the requesting supervisor entered or reviewed are left out:
  // sampling is independent of entry and review (sample() refuses them).
  core::Result<std::vector<ApplicationRecord>> sampling_candidates(const Actor& actor,
                                                                   const RequestContext& ctx,
                                                                   core::Date day, int percent);
  // The latest day before today on which the office registered a case this supervisor may
  // sample (none in the past year: nullopt), the sampling screen's default day. Returns no
  // personal data.
  core::Result<std::optional<core::Date>> latest_sampling_day(const Actor& actor);
  core::Result<DocumentRecord> attach(const Actor& actor, const RequestContext& ctx, int64_t id,
                                      const std::string& filename, const std::string& mime,
                                      const std::string& bytes, const std::string& idem_key);
  core::Result<DocumentRecord> document(const Actor& actor, const RequestContext& ctx, int64_t id,
                                        int64_t document_id);
  // Registration correctness over applications entered in [from, to] (Taiwan dates): every
  // application received (pending, rejected, registered; revocations apart), errors as
  // CorrectnessCounts counts them, against the configured target.
  core::Result<Correctness> correctness(const Actor& actor, core::Date from, core::Date to);

 private:
  struct Checked;
  struct Assessment;
  static core::Result<Checked> check(const SubmitInput& in);
  // Checks `in` against the register in `tx` (a refusal by the rules is audited under
  // `action` and committed) and assesses its lateness; writes nothing else.
  core::Result<Assessment> assess(Transaction& tx, const Actor& actor, const RequestContext& ctx,
                                  const SubmitInput& in, const Checked& checked,
                                  const std::string& action);
  core::Result<std::optional<ApplicationRecord>> replay(WorkflowTx& tx, const Actor& actor,
                                                        const std::string& key,
                                                        const std::string& operation,
                                                        const std::string& fingerprint);
  // The registration `a` asks for, as the rules judge it on `today`.
  domain::Registration registration_of(const ApplicationRecord& a, core::Date today) const;
  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
  const domain::SharedRuleBook& rules_;
  std::function<void()> outbox_bell_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_REGISTRATION_SERVICE_H_
