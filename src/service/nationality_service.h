#ifndef HUJI_SERVICE_NATIONALITY_SERVICE_H_
#define HUJI_SERVICE_NATIONALITY_SERVICE_H_

// 國籍案件: after the Ministry of the Interior approves a naturalization (or restoration,
// loss, renunciation), the follow-up registration is due within 30 working days counted from
// the day after the Ministry's letter (DOMAIN §3); a naturalized person must prove the loss of
// the original nationality within one year, and is reminded before that; the naturalization
// knowledge test (歸化測試) is booked on demand on working days.

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct NationalityCaseView {
  NationalityCase record;
  std::string state;  // awaiting_registration | registration_overdue | awaiting_proof_of_loss |
                      // proof_overdue | closed
  bool reminder_due = false;  // proof of loss due within 60 days and not received
};

struct NewNationalityCase {
  std::string kind;  // naturalization | restoration | loss | renunciation
  std::string person_name;
  std::string id_number;  // resident certificate or ID number, may be empty before allocation
  std::string approval_letter_date;  // ISO
};

// A naturalization test booking as asked for (slot_date ISO, checked by book_test).
struct NewNaturalizationTest {
  std::optional<int64_t> case_id;
  std::string candidate_name;
  std::string slot_date;
  std::string slot_time;  // one of the day's slots, "09:00" …
};

class NationalityService {
 public:
  NationalityService(Store& store, const core::Clock& clock, const core::SharedCalendar& cal)
      : store_(store), clock_(clock), calendar_(cal) {}

  // Idempotent by `idem_key` (the Idempotency-Key, 1–128 characters): a retry with the same
  // key and content returns the case first opened; other content is 422
  // idempotency.key_reused.
  core::Result<NationalityCaseView> open(const Actor& actor, const RequestContext& ctx,
                                         const NewNationalityCase& in, const std::string& idem_key);
  core::Result<std::vector<NationalityCaseView>> list(const Actor& actor,
                                                      const RequestContext& ctx);
  // Records the follow-up registration (on) or the received proof of loss (kind "proof").
  core::Result<NationalityCaseView> record(const Actor& actor, const RequestContext& ctx,
                                           int64_t id, const std::string& what,
                                           const std::string& on_date, int64_t version);
  // Idempotent by `idem_key` like open().
  core::Result<NaturalizationTest> book_test(const Actor& actor, const RequestContext& ctx,
                                             const NewNaturalizationTest& in,
                                             const std::string& idem_key);
  core::Result<std::vector<NaturalizationTest>> tests(const Actor& actor,
                                                      const RequestContext& ctx);

  // The state of a case on `today` (pure; exposed for tests).
  static NationalityCaseView view(const NationalityCase& c, core::Date today);

 private:
  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NATIONALITY_SERVICE_H_
