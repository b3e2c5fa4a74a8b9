// Nationality cases and naturalization test bookings (/api/v1/nationality-cases,
// /api/v1/naturalization-tests).

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

namespace {

struct RecordBody {
  std::string what;  // proof_received | notice_sent | check (registered: refused)
  std::string on;    // ISO date
  std::optional<int64_t> version;
  std::string item;  // check: the checklist item
};

}  // namespace

HUJI_JSON_INPUT(service::NewNationalityCase, kind, person_name, id_number, approval_letter_date,
                original_decision_date, sham_by_court_judgment)
HUJI_JSON_INPUT(RecordBody, what, on, version, item)
HUJI_JSON_INPUT(service::NewNaturalizationTest, case_id, candidate_name, slot_date, slot_time)

void add_nationality_routes(Routes& r, Services& s) {
  r.post("/api/v1/nationality-cases", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::NewNationalityCase>());
    HUJI_ASSIGN_OR_RETURN(auto c, s.nationality.open(actor, q.ctx(), in, q.idempotency_key()));
    return Response::created({{"case", nationality_case_json(c)}});
  });
  r.get("/api/v1/nationality-cases", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto cases, s.nationality.list(actor, q.ctx()));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : cases) arr.push_back(nationality_case_json(c));
    return Response::ok({{"cases", std::move(arr)}});
  });
  r.post("/api/v1/nationality-cases/{id:int}/record", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(RecordBody b, q.body<RecordBody>());
    HUJI_ASSIGN_OR_RETURN(auto c, s.nationality.record(actor, q.ctx(), id, b.what, b.on,
                                                       b.version.value_or(-1), b.item));
    return Response::ok({{"case", nationality_case_json(c)}});
  });
  r.post("/api/v1/naturalization-tests", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto in, q.body<service::NewNaturalizationTest>());
    HUJI_ASSIGN_OR_RETURN(auto booking,
                          s.nationality.book_test(actor, q.ctx(), in, q.idempotency_key()));
    return Response::created({{"booking", naturalization_test_json(booking)}});
  });
  r.get("/api/v1/naturalization-tests", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto bookings, s.nationality.tests(actor, q.ctx()));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& t : bookings) arr.push_back(naturalization_test_json(t));
    return Response::ok({{"bookings", std::move(arr)}});
  });
}

}  // namespace huji::http
