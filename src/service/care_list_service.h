#ifndef HUJI_SERVICE_CARE_LIST_SERVICE_H_
#define HUJI_SERVICE_CARE_LIST_SERVICE_H_

// 主動關懷通報 (seed 004 CC1.1; domain/register/care_list.h): the month's list, for the
// social-welfare office, of the office's registered marriages of elderly persons and divorces
// of couples with children under 18, each case's notification (實際通報) and the rate
// 實際通報 ÷ 符合通報條件 against the target in the statutory figures.
//
// Which cases qualify is computed from the register whenever the list is read, never stored:
// a revoked registration drops out at once, a corrected birth date counts, and the figures
// (ages, target) are those in force on each case's date. Only the notifications are stored,
// append-only (a correction or withdrawal is a new entry with its reason). Clerks and
// supervisors of the office; every list is audited under each person it shows.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/register/care_list.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

struct CarePerson {
  std::string id_number;
  std::string name;
  int age = 0;  // completed years on the event date
};

// One qualifying registration.
struct CareCase {
  ApplicationRecord application;
  bool qualifies = true;  // false: no longer (a withdrawal after the registration was revoked)
  domain::CareReason reason = domain::CareReason::kElderlyMarriage;
  std::string basis;
  std::vector<CarePerson> persons;  // the subject, then the spouse
  int minor_children = 0;
  std::optional<CareNotification> notification;  // the current one
  std::vector<CareNotification> history;         // every entry, oldest first
};

struct CareList {
  domain::Month month;
  std::string office_code;
  int eligible = 0;
  int notified = 0;
  std::optional<double> rate;  // none when nothing qualifies
  double target = 1.0;         // StatutoryRules::target_care_list_rate on the month's first day
  std::vector<CareCase> cases;
};

struct CareNotificationInput {
  std::string action = "notified";  // notified | withdrawn
  std::string sent_on;              // ISO; notified only
  std::string agency, channel, reference, reason;
  int64_t replaces = 0;  // the case's newest entry (0 when none): a stale one is refused
};

class CareListService {
 public:
  CareListService(Store& store, const core::Clock& clock, const domain::SharedRuleBook& rules)
      : store_(store), clock_(clock), rules_(rules) {}

  // `month`: "YYYY-MM", the month the registrations were registered in.
  core::Result<CareList> list(const Actor& actor, const RequestContext& ctx,
                              const std::string& month);
  // The same list for the file sent to the social-welfare office (the http layer writes it
  // as CSV); audited as care_list.export under each person in it.
  core::Result<CareList> export_list(const Actor& actor, const RequestContext& ctx,
                                     const std::string& month);
  // Records (or corrects, or withdraws) the notification of one qualifying registration.
  core::Result<CareCase> notify(const Actor& actor, const RequestContext& ctx,
                                int64_t application_id, const CareNotificationInput& in,
                                const std::string& idem_key);

 private:
  core::Result<CareList> read(const Actor& actor, const RequestContext& ctx,
                              const std::string& month, const std::string& action,
                              const std::string& use);

  Store& store_;
  const core::Clock& clock_;
  const domain::SharedRuleBook& rules_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_CARE_LIST_SERVICE_H_
