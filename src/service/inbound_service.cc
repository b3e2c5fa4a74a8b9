#include "service/inbound_service.h"

#include <algorithm>

#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/text_limits.h"

namespace huji::service {

using core::Error;
using core::Result;
namespace notify = domain::notify;

namespace {

// Lines named in a refused file's message: enough to fix the file, not the whole of a bad one.
constexpr size_t kErrorsShown = 20;
constexpr int kFilesShown = 50;
constexpr size_t kMaxFilename = 200;
constexpr const char* kAbroad = "abroad_2y";
constexpr const char* kReentry = "reentry";

bool allowed(const Actor& a) { return domain::role_has(a.role, domain::Permission::kRegister); }

Error not_a_feed(const std::string& feed) {
  return Error::not_found("inbound.feed", "無此通報類別：" + feed + "（immigration、death、court）",
                          "no such feed: " + feed + " (immigration, death, court)");
}

Error refused(const std::vector<notify::FeedLineError>& errors) {
  std::string zh = "通報檔有誤，未匯入任何資料：";
  std::string en = "the file was not imported: ";
  for (size_t i = 0; i < errors.size() && i < kErrorsShown; ++i) {
    zh += (i ? "；" : "") + errors[i].message_zh;
    en += (i ? "; " : "") + errors[i].message_en;
  }
  if (errors.size() > kErrorsShown) {
    const std::string more = std::to_string(errors.size() - kErrorsShown);
    zh += "；另有 " + more + " 行錯誤";
    en += "; and " + more + " more bad lines";
  }
  return Error::invalid("inbound.file", zh, en);
}

Error stale() {
  return Error::conflict("inbound.stale", "案件已被他人更新，請重新整理",
                         "the case changed since you opened it; reload");
}

std::string case_label(const InboundRecord& r) {
  return "外機關通報 #" + std::to_string(r.id) + " " + r.feed + "/" + r.event + " " + r.record_id;
}

}  // namespace

InboundCaseView InboundService::view(const InboundRecord& r, core::Date today) {
  return {r, r.status == "open" && r.due_on && today > *r.due_on};
}

Result<InboundImport> InboundService::import_as_operator(const std::string& office,
                                                         const std::string& feed,
                                                         const std::string& filename,
                                                         const std::string& text) {
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(auto found, tx->find_office(office));
    if (!found) {
      return Error::not_found("inbound.office", "查無戶政事務所 " + office,
                              "no such office: " + office);
    }
  }
  Actor a;
  a.username = "operator-cli";
  a.role = domain::Role::kSupervisor;
  a.office_code = office;
  return import(a, RequestContext{}, feed, filename, text);
}

Result<InboundImport> InboundService::import(const Actor& actor, const RequestContext& ctx,
                                             const std::string& feed, const std::string& filename,
                                             const std::string& text) {
  if (!allowed(actor)) return errors::forbidden("inbound.import");
  if (!notify::is_feed(feed)) return not_a_feed(feed);
  if (characters(filename) > kMaxFilename) {
    return Error::invalid("inbound.filename", "檔名過長（至多 200 字）",
                          "the file name is too long (at most 200 characters)");
  }
  const core::Date today = clock_.today_taipei();
  notify::ParsedFeed parsed = notify::parse_feed(feed, text, today);
  if (!parsed.errors.empty()) return refused(parsed.errors);
  HUJI_ASSIGN_OR_RETURN(core::Date due, calendar_.get()->due_date(today, notify::kCaseWorkingDays));

  InboundImport out;
  out.file.feed = feed;
  out.file.sha256 = sha256_hex(text);
  out.file.filename = filename;
  out.file.office_code = actor.office_code;
  out.file.imported_by = actor.username;
  out.file.imported_ms = clock_.now_ms();
  out.file.received_on = today;
  out.file.records = static_cast<int>(parsed.records.size());

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_inbound_file(feed, out.file.sha256));
  if (prior) {
    out.file = *prior;
    out.repeated = true;
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                          {"inbound.import", "",
                           "外機關通報檔 #" + std::to_string(prior->id) + " 重複匯入，未變更"}));
    HUJI_TRY(tx->commit());
    return out;
  }

  const std::vector<bool> effective = notify::last_wins(parsed.records);
  std::vector<InboundRecord> rows;
  std::vector<InboundRecord> to_close;
  for (size_t i = 0; i < parsed.records.size(); ++i) {
    const notify::FeedRecord& f = parsed.records[i];
    HUJI_ASSIGN_OR_RETURN(auto known, tx->find_inbound_record_of_sender(feed, f.record_id));
    if (known) {
      ++out.file.unchanged;
      continue;
    }
    InboundRecord r;
    r.feed = feed;
    r.record_id = f.record_id;
    r.line = f.line;
    r.id_number = f.id_number;
    r.name = f.name;
    r.event = f.event;
    r.event_date = f.event_date;
    r.reference = f.reference;
    r.office_code = actor.office_code;
    r.received_on = today;
    if (!effective[i]) {
      r.kind = "superseded";
      ++out.file.superseded;
      rows.push_back(std::move(r));
      continue;
    }
    HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(f.id_number));
    if (!person || person->name != f.name) {
      r.kind = "anomaly";
      r.anomaly = person ? "name_mismatch" : "no_such_person";
      ++out.file.anomalies;
      rows.push_back(std::move(r));
      continue;
    }
    if (!person->household_no.empty()) {
      HUJI_ASSIGN_OR_RETURN(auto household, tx->find_household(person->household_no));
      if (household) r.office_code = household->office_code;
    }
    r.kind = "case";
    r.status = "open";
    r.due_on = due;
    if (f.event == kReentry) {
      // Back in the country: an abroad-2-years case not yet registered has nothing left to do,
      // and neither has this record then.
      HUJI_ASSIGN_OR_RETURN(auto open, tx->open_inbound_cases_of(f.id_number, kAbroad));
      for (auto& c : open) {
        c.status = "closed";
        c.close_note = "再入境通報 " + f.record_id + "（" + f.event_date.to_iso() + "）：免逕遷";
        c.closed_by = actor.username;
        c.closed_ms = out.file.imported_ms;
        c.version += 1;
        to_close.push_back(c);
      }
      if (!open.empty()) {
        r.status = "closed";
        r.close_note = "已取消出境滿二年案件 #" + std::to_string(open.front().id);
        r.closed_by = actor.username;
        r.closed_ms = out.file.imported_ms;
      }
    }
    ++out.file.new_cases;
    rows.push_back(std::move(r));
  }
  out.file.closed = static_cast<int>(to_close.size());
  HUJI_ASSIGN_OR_RETURN(out.file.id, tx->insert_inbound_file(out.file));
  std::vector<AuditRecord> audit{{"inbound.import", "",
                                  "外機關通報檔 #" + std::to_string(out.file.id) + " " + feed +
                                      " " + out.file.sha256.substr(0, 16)}};
  for (auto& r : rows) {
    r.file_id = out.file.id;
    HUJI_ASSIGN_OR_RETURN(r.id, tx->insert_inbound_record(r));
    if (r.kind == "case") out.cases.push_back(r);
    if (r.kind == "anomaly") out.anomalies.push_back(r);
    if (r.kind != "superseded") audit.push_back({"inbound.import", r.id_number, case_label(r)});
  }
  for (auto& c : to_close) {
    HUJI_ASSIGN_OR_RETURN(bool ok, tx->close_inbound_case(c));
    if (!ok) return stale();
    audit.push_back({"inbound.close", c.id_number, case_label(c)});
    out.closed.push_back(c);
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, audit));
  HUJI_TRY(tx->commit());
  return out;
}

Result<std::vector<InboundCaseView>> InboundService::cases(const Actor& actor,
                                                           const RequestContext& ctx,
                                                           const std::string& status,
                                                           const std::string& feed) {
  if (!allowed(actor)) return errors::forbidden("inbound.cases");
  if (status != "" && status != "open" && status != "closed") {
    return Error::invalid("inbound.status", "狀態須為 open 或 closed",
                          "status must be open or closed");
  }
  if (!feed.empty() && !notify::is_feed(feed)) return not_a_feed(feed);
  InboundQuery q;
  q.office_code = actor.office_code;
  q.kind = "case";
  q.status = status;
  q.feed = feed;
  HUJI_ASSIGN_OR_RETURN(auto rows, listed(actor, ctx, q, "inbound.cases", " 外機關通報案件"));
  const core::Date today = clock_.today_taipei();
  std::vector<InboundCaseView> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(view(r, today));
  return out;
}

Result<std::vector<InboundRecord>> InboundService::anomalies(const Actor& actor,
                                                             const RequestContext& ctx) {
  if (!allowed(actor)) return errors::forbidden("inbound.anomalies");
  InboundQuery q;
  q.office_code = actor.office_code;
  q.kind = "anomaly";
  return listed(actor, ctx, q, "inbound.anomalies", " 外機關通報異常");
}

Result<std::vector<InboundRecord>> InboundService::listed(const Actor& actor,
                                                          const RequestContext& ctx,
                                                          const InboundQuery& q, const char* action,
                                                          const char* what) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto rows, tx->list_inbound_records(q));
  std::vector<AuditRecord> audit{{action, "", std::string(kWorkQueuePurpose) + what}};
  for (const auto& r : rows) audit.push_back({action, r.id_number, case_label(r)});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, audit));
  HUJI_TRY(tx->commit());
  return rows;
}

Result<std::vector<InboundFile>> InboundService::files(const Actor& actor) {
  if (!allowed(actor)) return errors::forbidden("inbound.files");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->list_inbound_files(actor.office_code, kFilesShown);
}

Result<InboundCaseView> InboundService::close(const Actor& actor, const RequestContext& ctx,
                                              int64_t id, int64_t application_id,
                                              const std::string& note, int64_t version) {
  if (!allowed(actor)) return errors::forbidden("inbound.close");
  if (application_id == 0) {
    HUJI_TRY(check_text(note, "inbound.note", "未以登記結案者須說明理由",
                        "a case closed without a registration needs a note why"));
  } else if (characters(note) > kMaxText) {
    return Error::invalid("inbound.note", "說明至多 200 字", "the note is at most 200 characters");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_inbound_record(id));
  if (!found || found->kind != "case" || found->office_code != actor.office_code) {
    return Error::not_found("inbound.not_found", "本所查無此通報案件",
                            "this office has no such case");
  }
  InboundRecord c = *found;
  if (c.status != "open") {
    return Error::conflict("inbound.closed", "案件已結案", "the case is already closed");
  }
  if (c.version != version) return stale();
  if (application_id != 0) {
    HUJI_ASSIGN_OR_RETURN(auto app, tx->find_application(application_id));
    const std::string no = std::to_string(application_id);
    if (!app) {
      return Error::unprocessable("inbound.registration", "查無登記案 #" + no,
                                  "no registration #" + no);
    }
    if (app->status != ApplicationStatus::kRegistered || app->revoked_by != 0) {
      return Error::unprocessable("inbound.registration_not_registered",
                                  "登記案 #" + no + " 尚未登記或已撤銷",
                                  "registration #" + no + " is not registered, or was revoked");
    }
    if (app->subject_id != c.id_number && app->result_subject_id != c.id_number) {
      return Error::unprocessable("inbound.registration_person",
                                  "登記案 #" + no + " 之當事人非本通報之當事人",
                                  "registration #" + no + " is about another person");
    }
    const notify::FeedEvent* event = notify::find_feed_event(c.feed, c.event);
    if (!event || std::find(event->registrations.begin(), event->registrations.end(), app->type) ==
                      event->registrations.end()) {
      return Error::unprocessable(
          "inbound.registration_type",
          "登記案 #" + no + "（" + app->type + "）非續辦「" + c.event + "」之登記",
          "registration #" + no + " (" + app->type + ") does not follow " + c.event + " up");
    }
  }
  c.status = "closed";
  c.closed_by_application = application_id;
  c.close_note = note;
  c.closed_by = actor.username;
  c.closed_ms = clock_.now_ms();
  c.version += 1;
  HUJI_ASSIGN_OR_RETURN(bool ok, tx->close_inbound_case(c));
  if (!ok) return stale();
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"inbound.close", c.id_number, case_label(c)}));
  HUJI_TRY(tx->commit());
  return view(c, clock_.today_taipei());
}

Result<InboundKpi> InboundService::kpi(const Actor& actor, int year) {
  if (!domain::role_has(actor.role, domain::Permission::kReadKpi) && !allowed(actor)) {
    return errors::forbidden("inbound.kpi");
  }
  if (year < 1912 || year > 9998) {
    return Error::invalid("inbound.year", "年度須為西元年", "year must be a Gregorian year");
  }
  InboundQuery q;
  q.office_code = actor.office_code;
  q.kind = "case";
  q.event = kAbroad;
  HUJI_ASSIGN_OR_RETURN(q.received_from, core::Date::from_ymd(year, 1, 1));
  HUJI_ASSIGN_OR_RETURN(q.received_to, core::Date::from_ymd(year, 12, 31));
  q.limit = 1000000;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto rows, tx->list_inbound_records(q));
  std::vector<notify::AbroadCase> cases;
  cases.reserve(rows.size());
  for (const auto& r : rows)
    cases.push_back({r.due_on.value_or(r.received_on), r.status == "open"});
  InboundKpi k;
  k.year = year;
  k.as_of = clock_.today_taipei();
  k.abroad = notify::abroad_completion(cases, k.as_of);
  return k;
}

}  // namespace huji::service
