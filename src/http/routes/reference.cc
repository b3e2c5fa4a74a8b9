// Reference computations that read no personal data and no store: ID number check, address
// parsing, the working-day calendar (/api/v1/id-numbers, /addresses, /calendar).

#include "core/address.h"
#include "core/id_number.h"
#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

// ?from=YYYY-MM-DD&<count_name>=N → {"due", "due_roc"} by `compute`.
template <typename F>
Answer calendar_query(const Request& req, const char* count_name, F compute) {
  HUJI_ASSIGN_OR_RETURN(Query q, req.query());
  auto from_text = q.get("from");
  auto n_text = q.get(count_name);
  if (!from_text || !n_text) {
    return core::Error::invalid(
        "calendar.params", std::string("請提供 from（YYYY-MM-DD）與 ") + count_name + " 參數",
        std::string("from (YYYY-MM-DD) and ") + count_name + " are required");
  }
  HUJI_ASSIGN_OR_RETURN(core::Date from, core::Date::parse_iso(*from_text));
  auto n = to_int(*n_text);
  if (!n || *n < 0 || *n > 3650) {
    return core::Error::invalid("calendar.count", std::string(count_name) + " 須為 0–3650 的整數",
                                std::string(count_name) + " must be a whole number 0-3650");
  }
  HUJI_ASSIGN_OR_RETURN(core::Date due, compute(from, *n));
  return Response::ok({{"due", due.to_iso()}, {"due_roc", due.to_roc()}});
}

}  // namespace

void add_reference_routes(Routes& r, Services& s) {
  const RouteOptions io{.run = Run::kIoThread, .anonymous = true};
  r.get(
      "/api/v1/id-numbers/{value}",
      [](Request& q) -> Answer {
        return Response::ok(id_check_json(core::IdNumber::parse(q.path("value"))));
      },
      io);
  r.get(
      "/api/v1/addresses/parse",
      [](Request& q) -> Answer {
        HUJI_ASSIGN_OR_RETURN(Query query, q.query());
        auto text = query.get("text");
        if (!text) {
          return core::Error::invalid("address.text_required", "請提供 text 參數（地址）",
                                      "the text parameter (an address) is required");
        }
        auto a = core::Address::parse(*text);
        if (!a.ok()) {  // well-formed request, an address that does not parse
          core::Error e = a.error();
          e.kind = core::ErrorKind::kUnprocessable;
          return e;
        }
        return Response::ok(address_json(*a));
      },
      io);
  r.get(
      "/api/v1/calendar/due-date",
      [&s](Request& q) -> Answer {
        return calendar_query(q, "working-days", [&s](core::Date from, int n) {
          return s.calendar.get()->due_date(from, n);
        });
      },
      io);
  r.get(
      "/api/v1/calendar/deadline",
      [&s](Request& q) -> Answer {
        return calendar_query(q, "days", [&s](core::Date from, int n) {
          return s.calendar.get()->deadline(from, n);
        });
      },
      io);
}

}  // namespace huji::http
