// The cashier (service/payment_service.h): counter charges (/api/v1/charges), payments and
// their receipt preview (/api/v1/payments), receipts, their PDF and refunds
// (/api/v1/receipts/…), and each counter's daily close (/api/v1/daily-closes).

#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/payment_service.h"

namespace huji::http {

namespace {

using nlohmann::json;

json line_json(const service::ReceiptLine& l) {
  const auto& c = l.charge;
  return {{"charge_id", c.id},
          {"item", c.item},
          {"name_zh", l.name_zh},
          {"name_en", l.name_en},
          {"quantity", c.quantity},
          {"amount", c.amount},
          {"waiver", c.waiver.empty() ? json(nullptr) : json(c.waiver)},
          {"waiver_zh", l.waiver_zh.empty() ? json(nullptr) : json(l.waiver_zh)},
          {"waiver_en", l.waiver_en.empty() ? json(nullptr) : json(l.waiver_en)},
          {"ref_kind", c.ref_kind},
          {"ref_id", c.ref_id},
          {"charged_on", c.charged_on.to_iso()},
          {"charged_by", c.charged_by},
          {"paid", c.receipt_id != 0}};
}

json lines_json(const std::vector<service::ReceiptLine>& lines) {
  json out = json::array();
  for (const auto& l : lines) out.push_back(line_json(l));
  return out;
}

json charge_json(const service::ChargeRecord& c) {
  return {{"id", c.id},
          {"item", c.item},
          {"quantity", c.quantity},
          {"amount", c.amount},
          {"waiver", c.waiver.empty() ? json(nullptr) : json(c.waiver)},
          {"ref_kind", c.ref_kind},
          {"charged_on", c.charged_on.to_iso()},
          {"charged_by", c.charged_by},
          {"paid", c.receipt_id != 0}};
}

json refund_json(const service::RefundRecord& f) {
  return {{"id", f.id},
          {"receipt_id", f.receipt_id},
          {"amount", f.amount},
          {"method", f.method},
          {"reason", f.reason},
          {"full", f.full},
          {"counter", f.counter},
          {"refunded_on", f.refunded_on.to_iso()},
          {"approved_by", f.approved_by},
          {"refunded_at_ms", f.refunded_ms}};
}

json receipt_json(const service::ReceiptView& v) {
  const auto& r = v.receipt;
  json refunds = json::array();
  for (const auto& f : v.refunds) refunds.push_back(refund_json(f));
  json payer = {{"name", r.payer_name},
                {"email", r.payer_email.empty() ? json(nullptr) : json(r.payer_email)}};
  return {{"id", r.id},
          {"number", r.number},
          {"office_code", r.office_code},
          {"issued_on", r.issued_on.to_iso()},
          {"counter", r.counter},
          {"method", r.method},
          {"amount", r.amount},
          {"tendered", r.method == "cash" ? json(r.tendered) : json(nullptr)},
          {"change", r.method == "cash" ? json(r.change) : json(nullptr)},
          {"reference", r.reference.empty() ? json(nullptr) : json(r.reference)},
          {"payer", std::move(payer)},
          {"issued_by", r.issued_by},
          {"issued_at_ms", r.issued_ms},
          {"check_code", service::group_check_code(r.check_code)},
          {"document_status", v.document_status},
          {"lines", lines_json(v.lines)},
          {"refunds", std::move(refunds)},
          {"refunded", v.refunded},
          {"email_status", v.mail ? json(v.mail->status) : json(nullptr)},
          {"email_error",
           v.mail && !v.mail->last_error.empty() ? json(v.mail->last_error) : json(nullptr)},
          {"email_attempts", v.mail ? v.mail->attempts : 0},
          {"pdf_url", "/api/v1/receipts/" + std::to_string(r.id) + "/receipt.pdf"}};
}

json list_of(const std::string& text) {
  json out = json::array();
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

json close_json(const service::DailyCloseRecord& c) {
  return {{"id", c.id},
          {"date", c.close_date.to_iso()},
          {"counter", c.counter},
          {"receipts", c.receipts},
          {"first_number", c.first_number.empty() ? json(nullptr) : json(c.first_number)},
          {"last_number", c.last_number.empty() ? json(nullptr) : json(c.last_number)},
          {"cash_payments", c.cash_payments},
          {"cash_refunds", c.cash_refunds},
          {"cash_expected", c.cash_expected},
          {"cash_counted", c.cash_counted},
          {"difference", c.difference},
          {"non_cash", {{"stored_value", c.stored_value_total}, {"transfer", c.transfer_total}}},
          {"refunds_total", c.refunds_total},
          {"gaps", list_of(c.gaps)},
          {"voids", list_of(c.voids)},
          {"closed_by", c.closed_by},
          {"closed_at_ms", c.closed_ms}};
}

Answer receipt(const core::Result<service::ReceiptView>& v, int status = 200) {
  if (!v.ok()) return v.error();
  return Response{status, {{"receipt", receipt_json(*v)}}, {}, {}};
}

}  // namespace

HUJI_JSON_INPUT(service::NewCharge, item, quantity, waiver)
HUJI_JSON_INPUT(service::PaymentPayer, name, email)
HUJI_JSON_INPUT(service::PaymentInput, charges, method, tendered, reference, counter, payer)
HUJI_JSON_INPUT(service::RefundInput, amount, reason, counter)
HUJI_JSON_INPUT(service::CloseInput, date, counter, cash_counted)

void add_payment_routes(Routes& r, Services& s) {
  r.post("/api/v1/charges", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::NewCharge>());
    HUJI_ASSIGN_OR_RETURN(auto c, s.payments->add_charge(actor, q.ctx(), in, q.idempotency_key()));
    return Response::created({{"charge", charge_json(c)}});
  });
  r.get("/api/v1/charges", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto on, query.date("on"));
    HUJI_ASSIGN_OR_RETURN(auto lines, s.payments->open_charges(actor, on));
    return Response::ok({{"charges", lines_json(lines)}});
  });
  r.post("/api/v1/payments/preview", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::PaymentInput>());
    HUJI_ASSIGN_OR_RETURN(auto p, s.payments->preview(actor, in));
    return Response::ok({{"preview",
                          {{"lines", lines_json(p.lines)},
                           {"total", p.total},
                           {"method", in.method},
                           {"change", in.method == "cash" ? json(p.change) : json(nullptr)}}}});
  });
  r.post("/api/v1/payments", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::PaymentInput>());
    HUJI_ASSIGN_OR_RETURN(auto v, s.payments->pay(actor, q.ctx(), in, q.idempotency_key()));
    json payment = {
        {"receipt_id", v.receipt.id},
        {"charges", in.charges},
        {"method", v.receipt.method},
        {"amount", v.receipt.amount},
        {"tendered", v.receipt.method == "cash" ? json(v.receipt.tendered) : json(nullptr)},
        {"change", v.receipt.method == "cash" ? json(v.receipt.change) : json(nullptr)},
        {"counter", v.receipt.counter}};
    return Response::created({{"payment", std::move(payment)}, {"receipt", receipt_json(v)}});
  });
  r.get("/api/v1/receipts", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto on, query.date("date"));
    HUJI_ASSIGN_OR_RETURN(auto list, s.payments->receipts_on(actor, on));
    json arr = json::array();
    for (const auto& v : list) arr.push_back(receipt_json(v));
    return Response::ok({{"receipts", std::move(arr)}});
  });
  r.get("/api/v1/receipts/{id:int}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    return receipt(s.payments->receipt(actor, id));
  });
  r.get("/api/v1/receipts/{id:int}/receipt.pdf", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto pdf, s.payments->receipt_pdf(actor, id));
    return Response::bytes("application/pdf", std::move(pdf));
  });
  r.post("/api/v1/receipts/{id:int}/refund", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::RefundInput>());
    return receipt(s.payments->refund(actor, q.ctx(), id, in), 201);
  });
  r.post("/api/v1/daily-closes", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::CloseInput>());
    HUJI_ASSIGN_OR_RETURN(auto c, s.payments->close(actor, q.ctx(), in));
    return Response::created({{"close", close_json(c)}});
  });
  r.get("/api/v1/daily-closes", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto on, query.date("date"));
    HUJI_ASSIGN_OR_RETURN(auto list, s.payments->closes(actor, on));
    json arr = json::array();
    for (const auto& c : list) arr.push_back(close_json(c));
    return Response::ok({{"closes", std::move(arr)}});
  });
}

}  // namespace huji::http
