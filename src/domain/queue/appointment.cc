#include "domain/queue/appointment.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <sstream>

#include "core/clock.h"

namespace huji::domain::queue {

using core::Error;

namespace {

constexpr int64_t kMinuteMs = 60'000;

bool contains(const std::vector<core::Date>& days, core::Date d) {
  return std::find(days.begin(), days.end(), d) != days.end();
}

struct IntField {
  const char* key;
  int BookingRules::*member;
  int min;
  int max;
};

constexpr IntField kIntFields[] = {
    {"weekday_open_min", &BookingRules::weekday_open_min, 0, 1440},
    {"weekday_close_min", &BookingRules::weekday_close_min, 0, 1440},
    {"lunch_from_min", &BookingRules::lunch_from_min, 0, 1440},
    {"lunch_to_min", &BookingRules::lunch_to_min, 0, 1440},
    {"saturday_open_min", &BookingRules::saturday_open_min, 0, 1440},
    {"saturday_close_min", &BookingRules::saturday_close_min, 0, 1440},
    {"holiday_open_min", &BookingRules::holiday_open_min, 0, 1440},
    {"holiday_close_min", &BookingRules::holiday_close_min, 0, 1440},
    {"slot_min", &BookingRules::slot_min, 5, 240},
    {"capacity", &BookingRules::capacity, 0, 100},
    {"min_days_ahead", &BookingRules::min_days_ahead, 0, 365},
    {"max_days_ahead", &BookingRules::max_days_ahead, 0, 365},
    {"cutoff_min", &BookingRules::cutoff_min, 0, 1440},
    {"wedding_min_working_days", &BookingRules::wedding_min_working_days, 0, 365},
    {"wedding_max_days", &BookingRules::wedding_max_days, 0, 365},
    {"per_person_per_day", &BookingRules::per_person_per_day, 1, 20},
    {"max_no_shows", &BookingRules::max_no_shows, 0, 100},
    {"suspend_months", &BookingRules::suspend_months, 0, 60},
    {"late_min", &BookingRules::late_min, 0, 240},
    {"no_show_grace_min", &BookingRules::no_show_grace_min, 0, 240},
    {"director_from_min", &BookingRules::director_from_min, 0, 1440},
    {"director_to_min", &BookingRules::director_to_min, 0, 1440},
    {"director_slot_min", &BookingRules::director_slot_min, 5, 240},
    {"max_home_visits", &BookingRules::max_home_visits, 1, 20},
};

std::optional<int> to_int(std::string_view s) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::string join_dates(const std::vector<core::Date>& days) {
  std::string s;
  for (const auto& d : days) s += (s.empty() ? "" : ",") + d.to_iso();
  return s;
}

std::vector<int> slots_between(int from, int to, int length, const BookingRules& rules,
                               bool skip_lunch) {
  std::vector<int> out;
  for (int s = from; s + length <= to; s += length) {
    if (skip_lunch && s < rules.lunch_to_min && s + length > rules.lunch_from_min) continue;
    out.push_back(s);
  }
  return out;
}

Error rule_error(const std::string& what) {
  return Error::invalid("appointment.rules", "預約規則設定不正確：" + what,
                        "the booking rules are not valid: " + what);
}

}  // namespace

std::string hhmm(int minutes) {
  const int h = (minutes / 60) % 100;
  const int m = minutes % 60;
  std::string out = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                     static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
  return out;
}

const char* day_kind_code(DayKind k) {
  switch (k) {
    case DayKind::kWorking: return "working";
    case DayKind::kSaturday: return "saturday";
    case DayKind::kHoliday: return "holiday";
    case DayKind::kClosed: break;
  }
  return "closed";
}

core::Result<DayKind> day_kind(const BookingRules& rules, const core::WorkingCalendar& calendar,
                               core::Date day) {
  HUJI_ASSIGN_OR_RETURN(bool working, calendar.is_working_day(day));
  if (working) return DayKind::kWorking;
  if (contains(rules.holiday_days, day)) return DayKind::kHoliday;
  if (day.weekday() == core::Weekday::kSaturday && contains(rules.saturday_days, day)) {
    return DayKind::kSaturday;
  }
  return DayKind::kClosed;
}

std::vector<int> slot_starts(const BookingRules& r, DayKind kind) {
  switch (kind) {
    case DayKind::kWorking:
      return slots_between(r.weekday_open_min, r.weekday_close_min, r.slot_min, r,
                           !r.lunch_service);
    case DayKind::kSaturday:
      return slots_between(r.saturday_open_min, r.saturday_close_min, r.slot_min, r, false);
    case DayKind::kHoliday:
      return slots_between(r.holiday_open_min, r.holiday_close_min, r.slot_min, r, false);
    case DayKind::kClosed: break;
  }
  return {};
}

std::vector<int> director_slot_starts(const BookingRules& r, DayKind kind, core::Date day) {
  if (kind != DayKind::kWorking) return {};
  const int weekday = static_cast<int>(day.weekday());
  if (std::find(r.director_weekdays.begin(), r.director_weekdays.end(), weekday) ==
      r.director_weekdays.end()) {
    return {};
  }
  return slots_between(r.director_from_min, r.director_to_min, r.director_slot_min, r, false);
}

int capacity_of(const BookingRules& rules, const std::string& service) {
  auto it = rules.capacities.find(service);
  return it == rules.capacities.end() ? rules.capacity : it->second;
}

int64_t slot_ms(core::Date day, int start_min) {
  return core::taipei_day_start_ms(day) + start_min * kMinuteMs;
}

core::Status check_booking(const BookingRules& r, const core::WorkingCalendar& calendar,
                           int64_t now_ms, const BookingRequest& q, const BookingFacts& facts) {
  HUJI_ASSIGN_OR_RETURN(DayKind kind, day_kind(r, calendar, q.day));
  const bool director = q.kind == kDirectorMeeting;
  const std::vector<int> slots =
      director ? director_slot_starts(r, kind, q.day) : slot_starts(r, kind);
  if (slots.empty()) {
    return Error::conflict("appointment.closed", "此日不受理預約：" + q.day.to_iso(),
                           "no appointments on " + q.day.to_iso());
  }
  if (std::find(slots.begin(), slots.end(), q.start_min) == slots.end()) {
    return Error::invalid("appointment.no_slot", "此時段不受理預約：" + hhmm(q.start_min),
                          "no slot starts at " + hhmm(q.start_min));
  }
  const core::Date today = core::taipei_date_of_ms(now_ms);
  const int64_t days_ahead = today.days_until(q.day);
  if (kind == DayKind::kHoliday) {
    // 假日預約結婚登記: 3 working days to 30 days ahead.
    if (director || q.service != r.wedding_service) {
      return Error::conflict(
          "appointment.holiday_service", "假日預約僅受理結婚登記（" + r.wedding_service + "）",
          "holiday appointment days are for wedding registration (" + r.wedding_service + ") only");
    }
    HUJI_ASSIGN_OR_RETURN(int working, calendar.working_days_between(today, q.day));
    if (working < r.wedding_min_working_days) {
      return Error::conflict(
          "appointment.too_late",
          "假日結婚登記須於 " + std::to_string(r.wedding_min_working_days) + " 個工作天前預約",
          "a holiday wedding registration is booked at least " +
              std::to_string(r.wedding_min_working_days) + " working days ahead");
    }
    if (days_ahead > r.wedding_max_days) {
      return Error::conflict(
          "appointment.too_early", "最早僅可預約 " + std::to_string(r.wedding_max_days) + " 天內",
          "bookings open " + std::to_string(r.wedding_max_days) + " days ahead at most");
    }
  } else {
    // 預約須於 1–7 日前，前一日 15:00 前.
    if (days_ahead > r.max_days_ahead) {
      return Error::conflict(
          "appointment.too_early", "最早僅可預約 " + std::to_string(r.max_days_ahead) + " 天內",
          "bookings open " + std::to_string(r.max_days_ahead) + " days ahead at most");
    }
    const int64_t cutoff = core::taipei_day_start_ms(q.day.add_days(-1)) + r.cutoff_min * kMinuteMs;
    if (days_ahead < r.min_days_ahead || now_ms >= cutoff) {
      return Error::conflict("appointment.too_late",
                             "預約須於 " + std::to_string(r.min_days_ahead) + " 天前、前一日 " +
                                 hhmm(r.cutoff_min) + " 前完成",
                             "bookings close " + std::to_string(r.min_days_ahead) +
                                 " day(s) ahead, at " + hhmm(r.cutoff_min) + " the day before");
    }
  }
  if (auto until = suspended_until(r, facts.no_shows); until && today < *until) {
    return Error::conflict(
        "appointment.suspended",
        "預約未到超過 " + std::to_string(r.max_no_shows) + " 次，停止預約至 " + until->to_iso(),
        "more than " + std::to_string(r.max_no_shows) + " no-shows: booking is suspended until " +
            until->to_iso());
  }
  if (facts.person_bookings_that_day >= r.per_person_per_day) {
    return Error::conflict("appointment.one_per_day", "每人每日限預約一個時段",
                           "one booking per person per day");
  }
  const int capacity = director ? 1 : capacity_of(r, q.service);
  if (facts.slot_taken >= capacity) {
    return Error::conflict("appointment.full", "此時段已額滿", "this slot is fully booked");
  }
  return {};
}

std::optional<core::Date> suspended_until(const BookingRules& r, std::vector<core::Date> no_shows) {
  std::sort(no_shows.begin(), no_shows.end());
  std::optional<core::Date> until;
  int count = 0;
  for (const auto& d : no_shows) {
    if (until && d < *until) continue;  // none counts during a suspension
    if (++count > r.max_no_shows) {
      until = d.add_months(r.suspend_months);
      count = 0;
    }
  }
  return until;
}

bool is_late(const BookingRules& r, int64_t slot_start_ms, int64_t now_ms) {
  return now_ms > slot_start_ms + r.late_min * kMinuteMs;
}

int64_t no_show_at_ms(const BookingRules& r, int64_t slot_end_ms) {
  return slot_end_ms + r.no_show_grace_min * kMinuteMs;
}

bool is_home_visit_reason(const std::string& reason) {
  return std::find(std::begin(kHomeVisitReasons), std::end(kHomeVisitReasons), reason) !=
         std::end(kHomeVisitReasons);
}

core::Status check_rules(const BookingRules& r) {
  for (const auto& f : kIntFields) {
    const int v = r.*(f.member);
    if (v < f.min || v > f.max) {
      return rule_error(std::string(f.key) + " " + std::to_string(f.min) + "–" +
                        std::to_string(f.max));
    }
  }
  auto ordered = [](int a, int b) { return a <= b; };
  if (!ordered(r.weekday_open_min, r.weekday_close_min) ||
      !ordered(r.lunch_from_min, r.lunch_to_min) ||
      !ordered(r.saturday_open_min, r.saturday_close_min) ||
      !ordered(r.holiday_open_min, r.holiday_close_min) ||
      !ordered(r.director_from_min, r.director_to_min)) {
    return rule_error("opening hours end before they start");
  }
  if (r.min_days_ahead > r.max_days_ahead) return rule_error("min_days_ahead > max_days_ahead");
  for (const auto& [service, capacity] : r.capacities) {
    if (service.empty() || capacity < 0 || capacity > 100) {
      return rule_error("capacity." + service);
    }
  }
  for (const auto& d : r.saturday_days) {
    if (d.weekday() != core::Weekday::kSaturday) {
      return rule_error("saturday_days " + d.to_iso() + " is not a Saturday");
    }
  }
  for (int w : r.director_weekdays) {
    if (w < 0 || w > 6) return rule_error("director_weekdays 0–6");
  }
  if (r.wedding_service.empty()) return rule_error("wedding_service");
  return {};
}

std::string rules_text(const BookingRules& r) {
  std::ostringstream out;
  for (const auto& f : kIntFields) out << f.key << '=' << r.*(f.member) << '\n';
  out << "lunch_service=" << (r.lunch_service ? 1 : 0) << '\n';
  out << "wedding_service=" << r.wedding_service << '\n';
  out << "saturday_days=" << join_dates(r.saturday_days) << '\n';
  out << "holiday_days=" << join_dates(r.holiday_days) << '\n';
  std::string weekdays;
  for (int w : r.director_weekdays) weekdays += (weekdays.empty() ? "" : ",") + std::to_string(w);
  out << "director_weekdays=" << weekdays << '\n';
  for (const auto& [service, capacity] : r.capacities) {
    out << "capacity." << service << '=' << capacity << '\n';
  }
  return out.str();
}

std::optional<BookingRules> parse_rules(const std::string& text) {
  BookingRules r;
  std::istringstream in(text);
  std::string line;
  auto dates = [](const std::string& v) -> std::optional<std::vector<core::Date>> {
    std::vector<core::Date> out;
    for (const auto& part : split(v)) {
      auto d = core::Date::parse_iso(part);
      if (!d.ok()) return std::nullopt;
      out.push_back(*d);
    }
    return out;
  };
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = line.substr(0, eq);
    const std::string value = line.substr(eq + 1);
    const auto* f = std::find_if(std::begin(kIntFields), std::end(kIntFields),
                                 [&](const IntField& x) { return key == x.key; });
    if (f != std::end(kIntFields)) {
      auto v = to_int(value);
      if (!v) return std::nullopt;
      r.*(f->member) = *v;
    } else if (key == "lunch_service") {
      r.lunch_service = value == "1";
    } else if (key == "wedding_service") {
      r.wedding_service = value;
    } else if (key == "saturday_days" || key == "holiday_days") {
      auto d = dates(value);
      if (!d) return std::nullopt;
      (key == "saturday_days" ? r.saturday_days : r.holiday_days) = std::move(*d);
    } else if (key == "director_weekdays") {
      r.director_weekdays.clear();
      for (const auto& part : split(value)) {
        auto v = to_int(part);
        if (!v) return std::nullopt;
        r.director_weekdays.push_back(*v);
      }
    } else if (key.starts_with("capacity.")) {
      auto v = to_int(value);
      if (!v) return std::nullopt;
      r.capacities[key.substr(9)] = *v;
    } else {
      return std::nullopt;
    }
  }
  return r;
}

}  // namespace huji::domain::queue
