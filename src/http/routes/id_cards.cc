// 國民身分證 (issue 18 item 3): issues, photos, loss reports and cancellations under
// /api/v1/id-cards, the blank stock under /api/v1/id-card-stock, and 戶口名簿 (item 4) under
// /api/v1/booklets.

#include <string>
#include <vector>

#include "http/csv.h"
#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/booklet_service.h"
#include "service/id_card_service.h"
#include "service/id_card_stock_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

struct IssueBody {
  std::string person_id, kind, card_serial, laminate_serial;
  std::optional<int64_t> photo_id;
  std::string applicant_name, applicant_id, applicant_relation, identity_check, waiver;
};
struct BatchBody {
  std::string school;
  std::vector<IssueBody> students;
};
struct CertificateBody {
  std::string person_id, reason;
  std::optional<int64_t> valid_days;
};
struct LossBody {
  std::string reason;
};
struct CancelBody {
  std::string reason;
  std::optional<bool> attributable;
  std::optional<int64_t> version;
};
struct ReceiveBody {
  std::string item, first, last, received_on;
};
struct RemoveBody {
  std::string item, serial, status, reason;
};
struct CountBody {
  std::string month, item;
  std::optional<std::vector<std::string>> serials;
  std::optional<int64_t> count;
};
struct BookletBody {
  std::string household_no, kind, applicant_id, principal_id, reason, waiver;
};

json opt_date(const std::optional<core::Date>& d) { return d ? json(d->to_iso()) : json(nullptr); }

json card_json(const service::IdCardRecord& c) {
  return {{"id", c.id},
          {"office_code", c.office_code},
          {"person_id", c.person_id},
          {"kind", c.kind},
          {"issued_on", c.issued_on.to_iso()},
          {"card_serial", c.card_serial},
          {"laminate_serial", c.laminate_serial},
          {"status", c.status},
          {"lost_on", opt_date(c.lost_on)},
          {"previous_id", c.previous_id == 0 ? json(nullptr) : json(c.previous_id)},
          {"superseded_by", c.superseded_by == 0 ? json(nullptr) : json(c.superseded_by)},
          {"photo_id", c.photo_id},
          {"applicant",
           {{"name", c.applicant_name},
            {"id_number", c.applicant_id},
            {"relation", c.applicant_relation},
            {"identity_check", c.identity_check}}},
          {"waiver", c.waiver.empty() ? json(nullptr) : json(c.waiver)},
          {"fee", c.fee},
          {"cross_district", c.cross_district},
          {"school", c.school.empty() ? json(nullptr) : json(c.school)},
          {"issued_by", c.issued_by},
          {"cancellation", c.status != "cancelled" ? json(nullptr)
                                                   : json{{"reason", c.cancel_reason},
                                                          {"attributable", c.cancel_attributable},
                                                          {"by", c.cancelled_by}}},
          {"version", c.version}};
}

json loss_json(const service::IdCardLoss& l) {
  return {{"id", l.id},
          {"card_id", l.card_id},
          {"action", l.action},
          {"on", l.on.to_iso()},
          {"reason", l.reason},
          {"office_code", l.office_code},
          {"recorded_by", l.recorded_by}};
}

json photo_json(const service::IdCardPhoto& p) {
  return {{"id", p.id},
          {"person_id", p.person_id},
          {"mime", p.mime},
          {"sha256", p.sha256},
          {"size", p.size}};
}

json count_json(const service::StockCountRecord& c) {
  return {{"id", c.id},
          {"month", c.month},
          {"item", domain::stock_item_code(c.item)},
          {"expected", c.expected},
          {"counted", c.counted},
          {"difference", c.counted - c.expected},
          {"by_serial", c.by_serial},
          {"missing", c.missing},
          {"unexpected", c.unexpected},
          {"reconciled", c.reconciled},
          {"counted_by", c.counted_by}};
}

json figures_json(const domain::StockFigures& f) {
  return {{"opening", f.opening}, {"received", f.received},  {"issued", f.issued},
          {"spoiled", f.spoiled}, {"voided", f.voided},      {"defective", f.defective},
          {"on_hand", f.on_hand}, {"balances", f.balances()}};
}

json monthly_json(const service::MonthlyStockCount& m) {
  json items = json::array();
  for (const auto& i : m.items) {
    items.push_back({{"item", domain::stock_item_code(i.item)},
                     {"figures", figures_json(i.figures)},
                     {"count", i.count ? count_json(*i.count) : json(nullptr)}});
  }
  return {{"month", m.month},
          {"office_code", m.office_code},
          {"due_on", m.due_on.to_iso()},
          {"due_on_calendar", m.due_on_calendar},
          {"items", std::move(items)},
          {"lost", m.lost},
          {"reconciled", m.reconciled}};
}

// 國民身分證及膠膜月報 as a file: one row per item (作廢 = 印製失敗 + 作廢), the cards reported
// lost, and each filed count's differences.
std::string monthly_csv(const service::MonthlyStockCount& m) {
  CsvFile csv;
  csv.row({"月份", m.month, "應報日期", m.due_on.to_iso()});
  csv.row(
      {"品項", "上月結存", "本月領入", "核發", "作廢", "瑕疵", "待發（本月結存）", "實點", "相符"});
  for (const auto& i : m.items) {
    const auto& f = i.figures;
    csv.row({domain::stock_item_zh(i.item), std::to_string(f.opening), std::to_string(f.received),
             std::to_string(f.issued), std::to_string(f.spoiled + f.voided),
             std::to_string(f.defective), std::to_string(f.on_hand),
             i.count ? std::to_string(i.count->counted) : "",
             i.count ? (i.count->reconciled ? "是" : "否") : "未點存"});
  }
  csv.row({"遺失（掛失）", std::to_string(m.lost)});
  for (const auto& i : m.items) {
    if (!i.count || i.count->reconciled) continue;
    for (const auto& s : i.count->missing) csv.row({domain::stock_item_zh(i.item), "短少", s});
    for (const auto& s : i.count->unexpected) csv.row({domain::stock_item_zh(i.item), "帳外", s});
  }
  return csv.text();
}

json booklet_json(const service::BookletRecord& b) {
  return {{"id", b.id},
          {"office_code", b.office_code},
          {"household_no", b.household_no},
          {"kind", b.kind},
          {"issued_on", b.issued_on.to_iso()},
          {"status", b.status},
          {"previous_id", b.previous_id == 0 ? json(nullptr) : json(b.previous_id)},
          {"applicant_id", b.applicant_id},
          {"capacity", b.capacity},
          {"principal_id", b.principal_id.empty() ? json(nullptr) : json(b.principal_id)},
          {"reason", b.reason.empty() ? json(nullptr) : json(b.reason)},
          {"waiver", b.waiver.empty() ? json(nullptr) : json(b.waiver)},
          {"fee", b.fee},
          {"issued_by", b.issued_by}};
}

service::IdCardIssueInput issue_input(const IssueBody& b) {
  service::IdCardIssueInput in;
  in.person_id = b.person_id;
  in.kind = b.kind;
  in.card_serial = b.card_serial;
  in.laminate_serial = b.laminate_serial;
  in.photo_id = b.photo_id.value_or(0);
  in.applicant_name = b.applicant_name;
  in.applicant_id = b.applicant_id;
  if (!b.applicant_relation.empty()) in.applicant_relation = b.applicant_relation;
  in.identity_check = b.identity_check;
  in.waiver = b.waiver;
  return in;
}

}  // namespace

HUJI_JSON_INPUT(IssueBody, person_id, kind, card_serial, laminate_serial, photo_id, applicant_name,
                applicant_id, applicant_relation, identity_check, waiver)
HUJI_JSON_INPUT(BatchBody, school, students)
HUJI_JSON_INPUT(CertificateBody, person_id, reason, valid_days)
HUJI_JSON_INPUT(LossBody, reason)
HUJI_JSON_INPUT(CancelBody, reason, attributable, version)
HUJI_JSON_INPUT(ReceiveBody, item, first, last, received_on)
HUJI_JSON_INPUT(RemoveBody, item, serial, status, reason)
HUJI_JSON_INPUT(CountBody, month, item, serials, count)
HUJI_JSON_INPUT(BookletBody, household_no, kind, applicant_id, principal_id, reason, waiver)

void add_id_card_routes(Routes& r, Services& s, const ServerConfig& config) {
  r.get("/api/v1/id-cards", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto h, s.id_cards->holder(actor, q.ctx(), query.text("person_id")));
    json cards = json::array();
    for (const auto& c : h.cards) cards.push_back(card_json(c));
    json losses = json::array();
    for (const auto& l : h.losses) losses.push_back(loss_json(l));
    return Response::ok({{"person",
                          {{"id_number", h.person_id},
                           {"name", h.name},
                           {"birth_date", h.birth_date.to_iso()},
                           {"age", h.age},
                           {"active", h.active},
                           {"household_office", h.household_office}}},
                         {"cards", std::move(cards)},
                         {"losses", std::move(losses)}});
  });
  r.post("/api/v1/id-cards/photos",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
           HUJI_ASSIGN_OR_RETURN(Query query, q.query());
           HUJI_ASSIGN_OR_RETURN(
               auto p, s.id_cards->upload_photo(actor, q.ctx(), query.text("person_id"), q.mime(),
                                                std::string(q.raw_body()), q.idempotency_key()));
           return Response::created({{"photo", photo_json(p)}});
         },
         {.body_limit = config.max_document_body});
  r.get("/api/v1/id-cards/photos/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto p, s.id_cards->photo(actor, q.ctx(), id));
    return Response::bytes(p.mime, std::move(p.content));
  });
  r.post("/api/v1/id-cards", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(IssueBody b, q.body<IssueBody>());
    HUJI_ASSIGN_OR_RETURN(auto c,
                          s.id_cards->issue(actor, q.ctx(), issue_input(b), q.idempotency_key()));
    return Response::created({{"card", card_json(c)}});
  });
  r.post("/api/v1/id-cards/batches", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(BatchBody b, q.body<BatchBody>());
    std::vector<service::IdCardIssueInput> students;
    for (const auto& st : b.students) students.push_back(issue_input(st));
    HUJI_ASSIGN_OR_RETURN(auto outcomes, s.id_cards->issue_batch(actor, q.ctx(), b.school, students,
                                                                 q.idempotency_key()));
    json results = json::array();
    int issued = 0;
    for (const auto& o : outcomes) {
      issued += o.card ? 1 : 0;
      results.push_back({{"person_id", o.person_id},
                         {"card", o.card ? card_json(*o.card) : json(nullptr)},
                         {"error", o.error ? error_json(*o.error)["error"] : json(nullptr)}});
    }
    return Response::ok({{"school", b.school},
                         {"issued", issued},
                         {"refused", static_cast<int>(outcomes.size()) - issued},
                         {"results", std::move(results)}});
  });
  r.post("/api/v1/id-cards/temporary-certificates", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(CertificateBody b, q.body<CertificateBody>());
    const int days = static_cast<int>(std::clamp<int64_t>(b.valid_days.value_or(0), -1, 1000));
    HUJI_ASSIGN_OR_RETURN(
        auto c, s.id_cards->issue_temporary_certificate(actor, q.ctx(), b.person_id, b.reason, days,
                                                        q.idempotency_key()));
    const std::string code = service::group_check_code(c.document.check_code);
    return Response::created(
        {{"certificate",
          {{"check_code", code},
           {"person_id", c.person_id},
           {"issued_on", c.document.issued_on.to_iso()},
           {"valid_from", c.valid_from.to_iso()},
           {"valid_until", c.valid_until.to_iso()},
           {"sha256", c.document.pdf_sha256},
           {"pdf_url", "/api/v1/id-cards/temporary-certificates/" + code + "/pdf"}}}});
  });
  r.get("/api/v1/id-cards/temporary-certificates/{code}/pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto doc,
                          s.id_cards->temporary_certificate_pdf(actor, q.ctx(), q.path("code")));
    return Response::bytes("application/pdf", std::move(doc.pdf));
  });
  r.post("/api/v1/id-cards/{id:int}/loss", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(LossBody b, q.body<LossBody>());
    HUJI_ASSIGN_OR_RETURN(
        auto c, s.id_cards->report_loss(actor, q.ctx(), id, b.reason, q.idempotency_key()));
    return Response::ok({{"card", card_json(c)}});
  });
  r.post("/api/v1/id-cards/{id:int}/loss-revocation", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(LossBody b, q.body<LossBody>());
    HUJI_ASSIGN_OR_RETURN(
        auto c, s.id_cards->revoke_loss(actor, q.ctx(), id, b.reason, q.idempotency_key()));
    return Response::ok({{"card", card_json(c)}});
  });
  r.post("/api/v1/id-cards/{id:int}/cancel", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(CancelBody b, q.body<CancelBody>());
    HUJI_ASSIGN_OR_RETURN(
        auto c, s.id_cards->cancel(actor, q.ctx(), id, b.reason, b.attributable.value_or(true),
                                   b.version.value_or(-1)));
    return Response::ok({{"card", card_json(c)}});
  });
  r.get("/api/v1/id-cards/kpis", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    auto year = to_int(query.text("year"));
    auto staff = to_int(query.text("budgeted_staff", "0"));
    if (!year || !staff) {
      return core::Error::invalid("id_card.year", "year 須為西元年，budgeted_staff 須為整數",
                                  "year must be a year, budgeted_staff a whole number");
    }
    HUJI_ASSIGN_OR_RETURN(auto k, s.id_cards->kpis(actor, q.ctx(), *year, *staff));
    json by_staff = json::array();
    for (const auto& [user, n] : k.cross_district_by_staff) {
      by_staff.push_back({{"username", user}, {"count", n}});
    }
    auto ratio = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    return Response::ok(
        {{"year", k.year},
         {"office_code", k.office_code},
         {"issue_correctness",
          {{"issued", k.issued}, {"in_error", k.in_error}, {"rate", ratio(k.correctness)}}},
         {"cross_district",
          {{"issued", k.cross_district},
           {"budgeted_staff", k.budgeted_staff},
           {"per_staff", ratio(k.cross_district_per_staff)},
           {"by_staff", std::move(by_staff)}}}});
  });

  r.get("/api/v1/id-card-stock", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto sum, s.id_card_stock->summary(actor));
    json items = json::array();
    for (const auto& i : sum.items) {
      json runs = json::array();
      for (const auto& run : i.on_hand_runs) {
        runs.push_back({{"first", run.first}, {"last", run.last}, {"count", run.count}});
      }
      items.push_back({{"item", domain::stock_item_code(i.item)},
                       {"received", i.received},
                       {"issued", i.issued},
                       {"spoiled", i.spoiled},
                       {"voided", i.voided},
                       {"defective", i.defective},
                       {"on_hand", i.on_hand},
                       {"balances", i.balances()},
                       {"on_hand_runs", std::move(runs)}});
    }
    return Response::ok({{"office_code", sum.office_code}, {"items", std::move(items)}});
  });
  r.post("/api/v1/id-card-stock/receipts", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(ReceiveBody b, q.body<ReceiveBody>());
    HUJI_ASSIGN_OR_RETURN(int n, s.id_card_stock->receive(actor, q.ctx(), b.item, b.first, b.last,
                                                          b.received_on, q.idempotency_key()));
    return Response::created(
        {{"item", b.item}, {"first", b.first}, {"last", b.last}, {"received", n}});
  });
  r.post("/api/v1/id-card-stock/removals", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(RemoveBody b, q.body<RemoveBody>());
    HUJI_ASSIGN_OR_RETURN(
        auto moved, s.id_card_stock->remove(actor, q.ctx(), b.item, b.serial, b.status, b.reason));
    return Response::ok({{"item", domain::stock_item_code(moved.item)},
                         {"serial", moved.serial},
                         {"status", domain::stock_status_code(moved.status)},
                         {"moved_on", opt_date(moved.moved_on)},
                         {"reason", moved.reason}});
  });
  r.get("/api/v1/id-card-stock/monthly-count", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto m, s.id_card_stock->monthly(actor, q.ctx(), query.text("month")));
    return Response::ok(monthly_json(m));
  });
  r.get("/api/v1/id-card-stock/monthly-count.csv", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto m, s.id_card_stock->monthly(actor, q.ctx(), query.text("month")));
    return Response::bytes("text/csv; charset=utf-8", monthly_csv(m));
  });
  r.post("/api/v1/id-card-stock/counts",
         [&s](Request& q) -> Answer {
           HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
           HUJI_ASSIGN_OR_RETURN(CountBody b, q.body<CountBody>());
           service::CountInput in;
           in.month = b.month;
           in.item = b.item;
           in.serials = b.serials;
           in.count = b.count ? static_cast<int>(std::clamp<int64_t>(*b.count, -1, 1'000'000)) : -1;
           HUJI_ASSIGN_OR_RETURN(
               auto c, s.id_card_stock->enter_count(actor, q.ctx(), in, q.idempotency_key()));
           return Response::created({{"count", count_json(c)}});
         },
         {.body_limit = size_t{1} << 20});

  r.get("/api/v1/booklets", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto h, s.booklets->list(actor, q.ctx(), query.text("household_no")));
    json booklets = json::array();
    for (const auto& b : h.booklets) booklets.push_back(booklet_json(b));
    return Response::ok({{"household_no", h.household_no},
                         {"office_code", h.office_code},
                         {"booklets", std::move(booklets)}});
  });
  r.post("/api/v1/booklets", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(BookletBody b, q.body<BookletBody>());
    service::BookletInput in{b.household_no, b.kind,   b.applicant_id,
                             b.principal_id, b.reason, b.waiver};
    HUJI_ASSIGN_OR_RETURN(auto booklet, s.booklets->issue(actor, q.ctx(), in, q.idempotency_key()));
    return Response::created({{"booklet", booklet_json(booklet)}});
  });
}

}  // namespace huji::http
