#include "service/calendar_service.h"

#include <algorithm>
#include <utility>

#include "core/utf8.h"
#include "domain/access/role.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;
using core::Status;

namespace {

// Years a calendar may be loaded for: the register's deadlines never reach further.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

std::string source_name(int year) { return "calendar_years/" + std::to_string(year); }

}  // namespace

CalendarService::CalendarService(Store& store, const core::Clock& clock,
                                 core::SharedCalendar& shared, core::WorkingCalendar files)
    : store_(store), clock_(clock), shared_(shared), files_(std::move(files)) {
  shared_.set(files_);
}

Status CalendarService::refresh() {
  std::vector<CalendarYearRecord> rows;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(rows, tx->list_calendar_years());
  }
  std::lock_guard lock(mu_);
  std::map<int, CalendarYearRecord> stored;
  for (auto& r : rows) stored.emplace(r.year, std::move(r));
  if (stored.size() == stored_.size() &&
      std::equal(stored.begin(), stored.end(), stored_.begin(), [](const auto& a, const auto& b) {
        return a.first == b.first && a.second.loaded_ms == b.second.loaded_ms &&
               a.second.text == b.second.text;
      })) {
    return {};  // nothing new: the calendar in use stays the same object
  }
  stored_ = std::move(stored);
  return rebuild();
}

Status CalendarService::rebuild() {
  core::WorkingCalendar cal = files_;
  for (const auto& [year, r] : stored_) HUJI_TRY(cal.load_year(year, r.text, source_name(year)));
  shared_.set(std::move(cal));
  return {};
}

Result<CalendarYearView> CalendarService::load_year(const Actor& actor, const RequestContext& ctx,
                                                    int year, std::string_view text) {
  if (!domain::role_has(actor.role, domain::Permission::kManageCalendar)) {
    return errors::forbidden("calendar.load");
  }
  if (year < kFirstYear || year > kLastYear) {
    return Error::invalid("calendar.year", "年份須介於 2000 至 2100",
                          "the year must be from 2000 to 2100");
  }
  // Comments too are stored and shown: no NUL (PostgreSQL refuses it), no bidi controls.
  if (auto bad = core::utf8::find_forbidden(text, true)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + bad->offset, '\n');
    const std::string cp = core::utf8::code_point_name(bad->code_point);
    return Error::invalid("calendar.file",
                          "行事曆檔案第 " + std::to_string(line) + " 行含不允許的字元 " + cp,
                          source_name(year) + ":" + std::to_string(line) +
                              ": a character that is not allowed: " + cp);
  }
  core::WorkingCalendar parsed;  // the text alone: all or nothing, the line named
  HUJI_TRY(parsed.load_year(year, text, source_name(year)));
  if (parsed.entries().empty()) {  // every year has holidays: an empty text is a mistake
    return Error::invalid("calendar.empty", "辦公日曆表沒有任何放假日或補行上班日",
                          "the calendar lists no holiday and no make-up working day");
  }
  CalendarYearRecord r;
  r.year = year;
  r.text = std::string(text);
  r.provisional = parsed.provisional_years().contains(year);
  r.loaded_by = actor.username;
  r.loaded_ms = clock_.now_ms();

  std::lock_guard lock(mu_);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->put_calendar_year(r));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"calendar.load", "",
                         "辦公日曆表 " + std::to_string(year) + (r.provisional ? "（暫定）" : "") +
                             " sha256 " + sha256_hex(r.text)}));
  HUJI_TRY(tx->commit());
  stored_[year] = r;
  HUJI_TRY(rebuild());
  return CalendarYearView{year, "database", r.provisional, r.loaded_by, r.loaded_ms};
}

Result<CalendarOverview> CalendarService::overview(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kManageCalendar)) {
    return errors::forbidden("calendar.list");
  }
  HUJI_TRY(refresh());
  const auto cal = shared_.get();
  CalendarOverview out;
  {
    std::lock_guard lock(mu_);
    for (int year : cal->years()) {
      CalendarYearView v{year, "file", cal->provisional_years().contains(year), "", 0};
      if (auto it = stored_.find(year); it != stored_.end()) {
        v.source = "database";
        v.loaded_by = it->second.loaded_by;
        v.loaded_ms = it->second.loaded_ms;
      }
      out.years.push_back(std::move(v));
    }
  }
  out.warning = next_year_warning(*cal, clock_.today_taipei());
  return out;
}

Result<std::vector<CalendarDay>> CalendarService::year_days(const Actor& actor, int year) {
  if (!domain::role_has(actor.role, domain::Permission::kManageCalendar)) {
    return errors::forbidden("calendar.read");
  }
  HUJI_TRY(refresh());
  const auto cal = shared_.get();
  HUJI_ASSIGN_OR_RETURN(const core::Date first, core::Date::from_ymd(year, 1, 1));
  HUJI_TRY(cal->is_working_day(first));  // calendar.year_not_loaded
  HUJI_ASSIGN_OR_RETURN(const core::Date last, core::Date::from_ymd(year, 12, 31));
  std::vector<CalendarDay> out;
  const auto& entries = cal->entries();
  for (auto it = entries.lower_bound(first.days_since_epoch());
       it != entries.end() && it->first <= last.days_since_epoch(); ++it) {
    out.push_back(
        {core::Date::from_days_since_epoch(it->first), it->second.working, it->second.description});
  }
  return out;
}

std::optional<Error> CalendarService::next_year_warning(const core::WorkingCalendar& cal,
                                                        core::Date today) {
  const int next = today.year() + 1;
  if (today.month() < 10 || cal.has_year(next)) return std::nullopt;
  const std::string y = std::to_string(next);
  return Error::unprocessable(
      "calendar.next_year_missing",
      "尚未載入" + y + "年（民國" + std::to_string(next - 1911) +
          "年）的辦公日曆表：期限跨入該年的案件將無法計算。請於人事行政總處公布後載入",
      "the office calendar for " + y +
          " is not loaded: deadlines that reach into it cannot be computed. Load it once the "
          "government publishes it");
}

}  // namespace huji::service
