#include "domain/notify/notification_rate.h"

#include <map>
#include <set>
#include <tuple>

#include "domain/notify/agency.h"

namespace huji::domain::notify {

namespace {

// The channels a unit may count on, first wins.
int channel_rank(const std::string& channel) {
  if (channel == kChannelSystem) return 0;
  if (channel == kChannelOther) return 1;
  if (channel == kChannelOffice) return 2;
  return -1;  // declined: not a notification
}

}  // namespace

NotificationUnits count_units(const std::vector<RegistrationFact>& facts, bool notifiable_only) {
  using Unit = std::tuple<std::string, std::string, int64_t, std::string>;
  std::map<Unit, int> best;  // unit → lowest channel rank seen
  for (const auto& f : facts) {
    if (notifiable_only && !is_notifiable(f.type)) continue;
    for (const auto& c : f.consents) {
      const int rank = channel_rank(c.channel);
      if (rank < 0) continue;
      Unit u{f.office, f.person, f.registered_on.days_since_epoch(), c.group};
      auto [it, inserted] = best.emplace(std::move(u), rank);
      if (!inserted && rank < it->second) it->second = rank;
    }
  }
  NotificationUnits n;
  for (const auto& [unit, rank] : best) {
    if (rank == 0) ++n.system;
    if (rank == 1) ++n.other;
    if (rank == 2) ++n.office;
  }
  return n;
}

BeidouRate beidou_rate(const std::vector<RegistrationFact>& facts) {
  BeidouRate r;
  for (const auto& f : facts) {
    if (is_notifiable(f.type)) ++r.notifiable;
  }
  r.notified = count_units(facts, true).system;
  if (r.notifiable > 0)
    r.rate = static_cast<double>(r.notified) / static_cast<double>(r.notifiable);
  return r;
}

DatongRate datong_rate(const std::vector<RegistrationFact>& facts) {
  DatongRate r;
  r.registrations = static_cast<int64_t>(facts.size());
  for (const auto& f : facts) {
    for (const auto& c : f.consents) {
      if (c.channel == kChannelDeclined) {
        ++r.declined;
        break;
      }
    }
  }
  r.units = count_units(facts, false);
  r.numerator = kDatongSystemWeight * static_cast<double>(r.units.system) +
                kDatongOtherWeight * static_cast<double>(r.units.other) +
                kDatongOfficeWeight * static_cast<double>(r.units.office) +
                static_cast<double>(r.declined);
  if (r.registrations > 0) r.rate = r.numerator / static_cast<double>(r.registrations);
  return r;
}

int review_sample_size(int64_t cases) {
  if (cases <= 0) return 0;
  return static_cast<int>((cases * 5 + 99) / 100);
}

}  // namespace huji::domain::notify
