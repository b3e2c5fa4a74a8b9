// The audit trail for auditors (/api/v1/audit): pages of it, its export, and the weekly audit
// sample with the auditor's findings.

#include <charconv>
#include <cstdio>

#include "core/clock.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

using nlohmann::json;

namespace {

struct DrawBody {
  std::optional<std::string> week;  // any day of the week (YYYY-MM-DD)
  std::optional<int64_t> size;
};

struct FindingBody {
  int64_t seq = 0;
  std::string finding;
  std::string note;
};

}  // namespace

HUJI_JSON_INPUT(DrawBody, week, size)
HUJI_JSON_INPUT(FindingBody, seq, finding, note)

namespace {

// The filters of GET /audit and /audit/export.csv.
core::Result<service::AuditQuery> audit_query(const Query& query) {
  service::AuditQuery aq;
  aq.subject_id = query.get("subject");
  aq.username = query.get("user");
  aq.office_code = query.get("office");
  aq.action_prefix = query.get("action");
  aq.purpose_prefix = query.get("purpose");
  aq.outcome = query.get("outcome");
  HUJI_ASSIGN_OR_RETURN(auto day, query.date("day"));
  HUJI_ASSIGN_OR_RETURN(auto from, query.date("from"));
  HUJI_ASSIGN_OR_RETURN(auto to, query.date("to"));
  if (day && (from || to)) {
    return core::Error::invalid("audit.range", "day 不可與 from、to 並用",
                                "give either day or from/to, not both");
  }
  if (day) from = to = day;
  if (from && to && *to < *from) {
    return core::Error::invalid("audit.range", "迄日不可早於起日", "to must not be before from");
  }
  // Days in Taiwan, both ends included.
  if (from) aq.from_ms = core::taipei_day_start_ms(*from);
  if (to) aq.to_ms = core::taipei_day_start_ms(*to) + core::kDayMs;
  if (!from && to) aq.from_ms = 0;  // "up to" a day is a time filter of its own
  if (auto v = query.get("limit")) aq.limit = to_int(*v).value_or(-1);
  if (auto v = query.get("before")) {
    // An audit sequence number: beyond what to_int reads once the trail is long.
    int64_t before = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), before);
    if (ec != std::errc() || end != v->data() + v->size() || before < 0) {
      return core::Error::invalid("audit.before", "before 須為稽核紀錄序號（非負整數）",
                                  "before must be an audit sequence number (a whole number ≥ 0)");
    }
    aq.before_seq = before;
  }
  return aq;
}

// An entry with the name and office of the staff member who made it (null when the username
// is no staff member's: a login tried with an unknown name).
json entry_json(const service::AuditEntry& e, const service::StaffNames& staff) {
  json j = audit_entry_json(e);
  const auto who = staff.find(e.username);
  j["display_name"] = who == staff.end() ? json(nullptr) : json(who->second.display_name);
  j["office_name"] = who == staff.end() ? json(nullptr) : json(who->second.office_name);
  return j;
}

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading
// = + - @ is prefixed with ' so that a spreadsheet does not run it as a formula.
std::string csv_field(std::string_view v) {
  std::string s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) s += '\'';
  s += v;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// "2026-12-04 09:05:07": the instant in Taiwan time, as a spreadsheet reads a date and time.
std::string taipei_time_text(int64_t ms) {
  const int64_t in_day =
      ((ms + core::kTaipeiOffsetMs) % core::kDayMs + core::kDayMs) % core::kDayMs;
  const int64_t secs = in_day / 1000;
  char hms[16];
  std::snprintf(hms, sizeof hms, " %02d:%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return core::taipei_date_of_ms(ms).to_iso() + hms;
}

std::string audit_csv(const service::AuditListing& l) {
  // A UTF-8 byte order mark: spreadsheet programs then read the Chinese text right.
  std::string out = "\xEF\xBB\xBF";
  out +=
      "seq,at,username,display_name,office_code,office_name,role,action,subject_id,"
      "purpose,outcome,request_id\r\n";
  for (const auto& e : l.entries) {
    const auto who = l.staff.find(e.username);
    const bool staff = who != l.staff.end();
    const std::string fields[] = {std::to_string(e.seq),
                                  taipei_time_text(e.at_ms),
                                  e.username,
                                  staff ? who->second.display_name : "",
                                  e.office_code,
                                  staff ? who->second.office_name : "",
                                  e.role,
                                  e.action,
                                  e.subject_id,
                                  e.purpose,
                                  e.outcome,
                                  e.request_id};
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out += ',';
      first = false;
      out += csv_field(f);
    }
    out += "\r\n";
  }
  return out;
}

json sample_summary_json(const service::AuditSampleRecord& s) {
  int recorded = 0;
  int normal = 0;
  int explain = 0;
  int violation = 0;
  for (const auto& i : s.items) {
    if (i.finding.empty()) continue;
    ++recorded;
    if (i.finding == "normal") ++normal;
    if (i.finding == "explain") ++explain;
    if (i.finding == "violation") ++violation;
  }
  auto opt_ms = [](int64_t ms) { return ms == 0 ? json(nullptr) : json(ms); };
  return {{"id", s.id},
          {"office_code", s.office_code},
          {"week_start", s.week_start.to_iso()},
          {"week_end", s.week_start.add_days(6).to_iso()},
          {"size", s.size},
          {"population", s.population},
          {"seed", s.seed},
          {"upto_seq", s.upto_seq},
          {"drawn_by", s.drawn_by},
          {"drawn_at_ms", s.drawn_ms},
          {"completed_at_ms", opt_ms(s.completed_ms)},
          {"counts",
           {{"sampled", s.items.size()},
            {"recorded", recorded},
            {"normal", normal},
            {"explain", explain},
            {"violation", violation}}}};
}

Answer sample_answer(core::Result<service::AuditSampleView> r, int status = 200) {
  if (!r.ok()) return r.error();
  json j = sample_summary_json(r->sample);
  json items = json::array();
  for (const auto& i : r->sample.items) {
    items.push_back({{"seq", i.seq},
                     {"entry", entry_json(i.entry, r->staff)},
                     {"finding", i.finding.empty() ? json(nullptr) : json(i.finding)},
                     {"note", i.note},
                     {"recorded_by", i.recorded_by.empty() ? json(nullptr) : json(i.recorded_by)},
                     {"recorded_at_ms", i.recorded_ms == 0 ? json(nullptr) : json(i.recorded_ms)}});
  }
  j["items"] = std::move(items);
  json body = {{"sample", std::move(j)}};
  return status == 201 ? Response::created(std::move(body)) : Response::ok(std::move(body));
}

}  // namespace

void add_audit_routes(Routes& r, Services& s) {
  r.get("/api/v1/audit", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto aq, audit_query(query));
    HUJI_ASSIGN_OR_RETURN(auto listing, s.audit.list(actor, q.ctx(), aq));
    json arr = json::array();
    for (const auto& e : listing.entries) arr.push_back(entry_json(e, listing.staff));
    json body = {
        {"entries", std::move(arr)},
        {"next_before", listing.next_before == 0 ? json(nullptr) : json(listing.next_before)}};
    if (aq.subject_id) {
      body["subject"] = {
          {"id_number", *aq.subject_id},
          {"name", listing.subject_name ? json(*listing.subject_name) : json(nullptr)}};
    }
    return Response::ok(std::move(body));
  });
  r.get("/api/v1/audit/export.csv", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto aq, audit_query(query));
    if (!query.get("limit")) aq.limit = 0;  // the whole selection (up to the export's cap)
    HUJI_ASSIGN_OR_RETURN(auto listing,
                          s.audit.list(actor, q.ctx(), aq, service::AuditUse::kExport));
    return Response::bytes("text/csv; charset=utf-8", audit_csv(listing));
  });
  r.post("/api/v1/audit/samples", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(DrawBody b, q.body<DrawBody>());
    core::Date day = s.clock.today_taipei();
    if (b.week) {
      HUJI_ASSIGN_OR_RETURN(day, core::Date::parse_iso(*b.week));
    }
    const int64_t size = b.size.value_or(service::kDefaultAuditSampleSize);
    const int checked =
        size < 1 || size > service::kMaxAuditSampleSize ? 0 : static_cast<int>(size);
    return sample_answer(s.audit.draw_sample(actor, q.ctx(), day, checked), 201);
  });
  r.get("/api/v1/audit/samples", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto list, s.audit.samples(actor, q.ctx()));
    json arr = json::array();
    for (const auto& sample : list) arr.push_back(sample_summary_json(sample));
    return Response::ok({{"samples", std::move(arr)}});
  });
  r.get("/api/v1/audit/samples/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return sample_answer(s.audit.sample(actor, q.ctx(), id));
  });
  r.post("/api/v1/audit/samples/{id:int}/findings", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(FindingBody b, q.body<FindingBody>());
    return sample_answer(s.audit.record_finding(actor, q.ctx(), id, {b.seq, b.finding, b.note}));
  });
}

}  // namespace huji::http
