#ifndef HUJI_DOMAIN_NOTIFY_NOTIFICATION_RATE_H_
#define HUJI_DOMAIN_NOTIFY_NOTIFICATION_RATE_H_

// The cross-agency notification rate (跨機關通報比率; DOMAIN §9, issue 19 item 6) under the
// two formulas of the seeds, over the facts of an office's registrations:
//
//   北斗 (seed 000):  單一簽入通報件數 ÷ 戶籍登記可通報件數
//     numerator   notifications made through the system, in Wenshan's units (below);
//     denominator registrations of the notifiable types (notifiable_types()).
//   大同 (seed 004):  (系統 × 0.65 + 非經系統 × 0.30 + 各所自行 × 0.05 + 民眾不同意) ÷ 辦理登記件數
//     numerator   notifications by channel in Wenshan's units, weighted, plus the
//                 registrations whose citizen declined (one each);
//     denominator every registration.
//
// Wenshan's counting rule (seed 002 §7): one citizen, one day, one agency counts once however
// often it was notified (重複通報案件應予以扣除), and agencies of one group (the land offices)
// are one agency. A unit notified over several channels counts once, on the first of system,
// other, office. Numerators count agencies and denominators registrations, so a rate may
// exceed 100 % (seed 002: 達100%以上). Revoked registrations are not facts (the caller leaves
// them out): their notifications were withdrawn by a revocation notice.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace huji::domain::notify {

// How one agency was (or was not) told of a registration: the consent line's channel.
inline constexpr const char* kChannelSystem = "system";      // 戶役政系統 (Huji's outbox)
inline constexpr const char* kChannelOther = "other";        // 非經戶役政系統
inline constexpr const char* kChannelOffice = "office";      // 各所自行通報
inline constexpr const char* kChannelDeclined = "declined";  // 民眾不同意

struct ConsentLine {
  std::string group;    // the agency's count group (Agency::count_group()); "" for declined
  std::string channel;  // one of the kChannel* codes
};

// One registration as the rates see it.
struct RegistrationFact {
  int64_t application_id = 0;
  std::string office;
  std::string type;  // registration type code
  core::Date registered_on;
  std::string person;  // the subject's person id
  std::vector<ConsentLine> consents;
};

// Distinct (office, person, day, agency group) units by the channel they count on.
struct NotificationUnits {
  int64_t system = 0;
  int64_t other = 0;
  int64_t office = 0;
};
// Wenshan's units over `facts`; only those of notifiable registrations when
// `notifiable_only`.
NotificationUnits count_units(const std::vector<RegistrationFact>& facts, bool notifiable_only);

struct BeidouRate {
  int64_t notified = 0;        // numerator: system units of notifiable registrations
  int64_t notifiable = 0;      // denominator: notifiable registrations
  std::optional<double> rate;  // notified / notifiable; none without a notifiable registration
};
BeidouRate beidou_rate(const std::vector<RegistrationFact>& facts);

struct DatongRate {
  NotificationUnits units;
  int64_t declined = 0;       // registrations with a declined line
  double numerator = 0;       // 0.65·system + 0.30·other + 0.05·office + declined
  int64_t registrations = 0;  // denominator
  std::optional<double> rate;
};
inline constexpr double kDatongSystemWeight = 0.65;
inline constexpr double kDatongOtherWeight = 0.30;
inline constexpr double kDatongOfficeWeight = 0.05;
DatongRate datong_rate(const std::vector<RegistrationFact>& facts);

// The weekly review sample's size (seed 002 §7: 每周審核上周跨機關通報案件數至少5%): 5 % of
// `cases` rounded up, at least one when there is a case.
int review_sample_size(int64_t cases);

}  // namespace huji::domain::notify

#endif  // HUJI_DOMAIN_NOTIFY_NOTIFICATION_RATE_H_
