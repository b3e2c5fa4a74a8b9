#ifndef HUJI_SERVICE_BOOKLET_SERVICE_H_
#define HUJI_SERVICE_BOOKLET_SERVICE_H_

// 戶口名簿 at the counter (domain/documents/booklet.h): issue and replacement per household,
// applied for by the head, a member, or an agent of one with a stated reason. Clerks and
// supervisors of any office; audited under every member the booklet lists.

#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/documents/fee_schedule.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct BookletInput {
  std::string household_no;
  std::string kind;  // issue | replacement
  std::string applicant_id;
  std::string principal_id, reason;  // an agent's
  std::string waiver;
};

struct HouseholdBooklets {
  std::string household_no;
  std::string office_code;
  std::vector<BookletRecord> booklets;  // oldest first
};

class BookletService {
 public:
  BookletService(Store& store, const core::Clock& clock, const domain::SharedFeeSchedule& fees)
      : store_(store), clock_(clock), fees_(fees) {}

  core::Result<BookletRecord> issue(const Actor& actor, const RequestContext& ctx,
                                    const BookletInput& in, const std::string& idem_key);
  core::Result<HouseholdBooklets> list(const Actor& actor, const RequestContext& ctx,
                                       const std::string& household_no);

 private:
  Store& store_;
  const core::Clock& clock_;
  const domain::SharedFeeSchedule& fees_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_BOOKLET_SERVICE_H_
