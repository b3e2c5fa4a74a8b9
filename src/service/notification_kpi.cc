#include "service/notification_kpi.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/access/audit_sample.h"
#include "domain/access/role.h"
#include "domain/register/care_list.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

namespace {

namespace notify = domain::notify;

bool may_read(const Actor& actor) {
  return domain::role_has(actor.role, domain::Permission::kReadKpi) ||
         domain::role_has(actor.role, domain::Permission::kReadAudit);
}

core::Status check_read(const Actor& actor) {
  if (!may_read(actor)) return errors::forbidden("kpi.notification");
  return {};
}

core::Status check_supervisor(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kSample)) {
    return errors::forbidden("notification_review");
  }
  return {};
}

std::string month_of(core::Date d) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

// The first day of a YYYY-MM month (domain::parse_month, under this area's error code).
core::Result<core::Date> parse_month(const std::string& month) {
  auto m = domain::parse_month(month);
  if (!m.ok()) {
    return core::Error::invalid("notification_anomaly.month", "月份須為 YYYY-MM",
                                "the month must be YYYY-MM");
  }
  return m->first;
}

core::Error sample_not_found() {
  return core::Error::not_found("notification_review.not_found", "查無此跨機關通報審核抽樣",
                                "no such notification review sample");
}

std::string sample_ref(int64_t id) { return "跨機關通報審核抽樣 #" + std::to_string(id); }

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

}  // namespace

core::Result<NotificationRates> NotificationKpiService::rates(const Actor& actor, core::Date from,
                                                              core::Date to) {
  HUJI_TRY(check_read(actor));
  if (to < from)
    return core::Error::invalid("kpi.range", "起日不得晚於迄日", "from must not be after to");
  if (to.days_since_epoch() - from.days_since_epoch() > 366) {
    return core::Error::invalid("kpi.range", "期間至多 367 日",
                                "the period may span at most 367 days");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto rows, tx->notification_facts(actor.office_code, from, to));
  HUJI_ASSIGN_OR_RETURN(auto lines, tx->notification_fact_consents(actor.office_code, from, to));
  std::map<int64_t, size_t> index;
  std::vector<notify::RegistrationFact> facts;
  facts.reserve(rows.size());
  for (auto& r : rows) {
    index[r.application_id] = facts.size();
    notify::RegistrationFact f;
    f.application_id = r.application_id;
    f.office = std::move(r.office_code);
    f.type = std::move(r.type);
    f.registered_on = r.registered_on;
    f.person = std::move(r.person_id);
    facts.push_back(std::move(f));
  }
  for (auto& c : lines) {
    auto it = index.find(c.application_id);
    if (it == index.end()) continue;
    facts[it->second].consents.push_back({std::move(c.group), std::move(c.channel)});
  }
  NotificationRates out;
  out.from = from;
  out.to = to;
  out.beidou = notify::beidou_rate(facts);
  out.datong = notify::datong_rate(facts);
  const auto& rules = rules_.get()->at(to);
  out.beidou_target = rules.target_notification_rate_beidou;
  out.datong_target = rules.target_notification_rate_datong;
  // Facts come by day: a month's are consecutive, and Wenshan's units (one day) never span
  // two months, so the months add up to the whole.
  for (size_t i = 0; i < facts.size();) {
    const std::string month = month_of(facts[i].registered_on);
    size_t j = i;
    while (j < facts.size() && month_of(facts[j].registered_on) == month) ++j;
    const std::vector<notify::RegistrationFact> part(facts.begin() + static_cast<ptrdiff_t>(i),
                                                     facts.begin() + static_cast<ptrdiff_t>(j));
    out.months.push_back({month, notify::beidou_rate(part), notify::datong_rate(part)});
    i = j;
  }
  return out;
}

core::Result<NotificationReviewSample> NotificationKpiService::draw_review(
    const Actor& actor, const RequestContext& ctx, std::optional<core::Date> day) {
  HUJI_TRY(check_supervisor(actor));
  const core::Date this_week = domain::audit_week_start(clock_.today_taipei());
  const core::Date week = day ? domain::audit_week_start(*day) : this_week.add_days(-7);
  if (!(week < this_week)) {
    return core::Error::unprocessable("notification_review.week_open",
                                      "該週尚未結束，請於次週抽樣（每周審核上周案件）",
                                      "that week has not ended: draw its sample the week after");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  auto exists = [&] {
    return core::Error::conflict("notification_review.exists",
                                 "該週（" + week.to_roc() + " 起）已抽樣，請開啟該次抽樣",
                                 "the week of " + week.to_iso() + " already has its sample");
  };
  HUJI_ASSIGN_OR_RETURN(auto existing, tx->find_review_sample_of_week(actor.office_code, week));
  if (existing) return exists();
  HUJI_ASSIGN_OR_RETURN(auto cases,
                        tx->notification_cases(actor.office_code, week, week.add_days(6)));
  NotificationReviewSample s;
  s.office_code = actor.office_code;
  s.week_start = week;
  s.population = static_cast<int64_t>(cases.size());
  s.size = notify::review_sample_size(s.population);
  const uint64_t seed = random_u64();
  s.seed = std::to_string(seed);
  for (int64_t id : domain::draw_audit_sample(std::move(cases), s.size, seed)) {
    NotificationReviewItem item;
    item.application_id = id;
    s.items.push_back(item);
  }
  s.drawn_by = actor.username;
  s.drawn_ms = clock_.now_ms();
  if (s.items.empty()) s.completed_ms = s.drawn_ms;  // a week without cases: nothing to check
  HUJI_ASSIGN_OR_RETURN(auto id, tx->insert_review_sample(s));
  if (!id) return exists();
  HUJI_ASSIGN_OR_RETURN(auto stored, tx->find_review_sample(*id));
  if (!stored) return sample_not_found();
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx,
                   {"notification_review.draw", "",
                    sample_ref(*id) + " " + week.to_iso() + " " + std::to_string(s.items.size()) +
                        "/" + std::to_string(s.population) + " seed " + s.seed}));
  HUJI_TRY(tx->commit());
  return std::move(*stored);
}

core::Result<std::vector<NotificationReviewSample>> NotificationKpiService::reviews(
    const Actor& actor) {
  HUJI_TRY(check_read(actor));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->list_review_samples(actor.office_code, 104);
}

core::Result<NotificationReviewSample> NotificationKpiService::review(const Actor& actor,
                                                                      int64_t id) {
  HUJI_TRY(check_read(actor));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_review_sample(id));
  // Another office's sample is not this office's to know of.
  if (!found || found->office_code != actor.office_code) return sample_not_found();
  return std::move(*found);
}

core::Result<NotificationReviewSample> NotificationKpiService::record_finding(
    const Actor& actor, const RequestContext& ctx, int64_t id, const ReviewFindingInput& in) {
  HUJI_TRY(check_supervisor(actor));
  if (in.finding != "correct" && in.finding != "erroneous") {
    return core::Error::invalid("notification_review.finding", "finding 須為 correct 或 erroneous",
                                "finding must be correct or erroneous");
  }
  const std::string note = trimmed(in.note);
  if (in.finding == "erroneous" && note.empty()) {
    return core::Error::invalid("notification_review.note", "「錯誤」須寫明錯漏情形",
                                "an erroneous finding needs a note saying what was wrong");
  }
  if (note.size() > 2000) {
    return core::Error::invalid("notification_review.note", "說明至多 2000 位元組",
                                "the note may be at most 2,000 bytes");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_review_sample(id));
  if (!found || found->office_code != actor.office_code) return sample_not_found();
  auto item = std::find_if(
      found->items.begin(), found->items.end(),
      [&](const NotificationReviewItem& i) { return i.application_id == in.application_id; });
  if (item == found->items.end()) {
    return core::Error::not_found("notification_review.item_not_found", "此抽樣無該案件",
                                  "that case is not in this sample");
  }
  item->finding = in.finding;
  item->note = note;
  item->recorded_by = actor.username;
  item->recorded_ms = clock_.now_ms();
  HUJI_TRY(tx->set_review_finding(id, *item));
  const bool all_done =
      std::all_of(found->items.begin(), found->items.end(),
                  [](const NotificationReviewItem& i) { return !i.finding.empty(); });
  if (all_done && found->completed_ms == 0) {
    found->completed_ms = clock_.now_ms();
    HUJI_TRY(tx->set_review_completed(id, found->completed_ms));
  }
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"notification_review.finding", "",
       sample_ref(id) + " 案件 #" + std::to_string(in.application_id) + " " + in.finding}));
  HUJI_TRY(tx->commit());
  return std::move(*found);
}

core::Result<AnomalyLog> NotificationKpiService::build_log(Transaction& tx,
                                                           const std::string& office,
                                                           const std::string& month,
                                                           core::Date first) {
  const int64_t from_ms = core::taipei_day_start_ms(first);
  const int64_t to_ms = core::taipei_day_start_ms(first.add_months(1));
  AnomalyLog log;
  log.month = month;
  // Erroneous findings recorded in the month (samples of the last two years hold them all).
  HUJI_ASSIGN_OR_RETURN(auto samples, tx.list_review_samples(office, 104));
  for (const auto& s : samples) {
    for (const auto& i : s.items) {
      if (i.finding != "erroneous" || i.recorded_ms < from_ms || i.recorded_ms >= to_ms) continue;
      AnomalyEntry e;
      e.kind = "review_error";
      e.at_ms = i.recorded_ms;
      e.application_id = i.application_id;
      e.detail = i.note;
      e.handling = "recorded";
      e.sample_id = s.id;
      log.entries.push_back(std::move(e));
    }
  }
  HUJI_ASSIGN_OR_RETURN(auto dead, tx.dead_letters(office, from_ms, to_ms));
  for (auto& d : dead) {
    AnomalyEntry e;
    e.kind = "dead_letter";
    e.at_ms = d.at_ms;
    e.application_id = d.application_id;
    e.notification_id = d.notification_id;
    e.agency = std::move(d.agency);
    e.detail = d.error.empty() ? d.outcome : d.outcome + ": " + d.error;
    e.handling = std::move(d.status);
    log.entries.push_back(std::move(e));
  }
  HUJI_ASSIGN_OR_RETURN(auto notices, tx.revocation_notices(office, from_ms, to_ms));
  for (auto& n : notices) {
    AnomalyEntry e;
    e.kind = "revocation";
    e.at_ms = n.created_ms;
    e.application_id = n.application_id;
    e.notification_id = n.id;
    e.agency = std::move(n.agency);
    e.detail = n.event_type;
    e.handling = std::move(n.status);
    log.entries.push_back(std::move(e));
  }
  std::stable_sort(log.entries.begin(), log.entries.end(),
                   [](const AnomalyEntry& a, const AnomalyEntry& b) { return a.at_ms < b.at_ms; });
  HUJI_ASSIGN_OR_RETURN(log.signoff, tx.find_anomaly_signoff(office, month));
  return log;
}

core::Result<AnomalyLog> NotificationKpiService::anomaly_log(const Actor& actor,
                                                             const std::string& month) {
  HUJI_TRY(check_read(actor));
  HUJI_ASSIGN_OR_RETURN(core::Date first, parse_month(month));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return build_log(*tx, actor.office_code, month, first);
}

core::Result<AnomalyLog> NotificationKpiService::sign_anomaly_log(const Actor& actor,
                                                                  const RequestContext& ctx,
                                                                  const std::string& month,
                                                                  const std::string& note) {
  HUJI_TRY(check_supervisor(actor));
  HUJI_ASSIGN_OR_RETURN(core::Date first, parse_month(month));
  if (clock_.today_taipei() < first.add_months(1)) {
    return core::Error::unprocessable("notification_anomaly.month_open",
                                      "該月尚未結束，請於次月陳核",
                                      "that month has not ended: sign it off the month after");
  }
  const std::string clean = trimmed(note);
  if (clean.size() > 2000) {
    return core::Error::invalid("notification_anomaly.note", "說明至多 2000 位元組",
                                "the note may be at most 2,000 bytes");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto log, build_log(*tx, actor.office_code, month, first));
  auto signed_already = [&] {
    return core::Error::conflict("notification_anomaly.signed", month + " 之紀錄簿已陳核",
                                 "the log of " + month + " is signed off already");
  };
  if (log.signoff) return signed_already();
  AnomalySignoff s;
  s.office_code = actor.office_code;
  s.month = month;
  s.entries = static_cast<int>(log.entries.size());
  s.note = clean;
  s.signed_by = actor.username;
  s.signed_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(bool inserted, tx->insert_anomaly_signoff(s));
  if (!inserted) return signed_already();
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"notification_anomaly.sign", "",
       "跨機關通報錯漏異常紀錄簿 " + month + " " + std::to_string(s.entries) + " 筆"}));
  HUJI_TRY(tx->commit());
  log.signoff = std::move(s);
  return log;
}

}  // namespace huji::service
