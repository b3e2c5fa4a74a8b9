// Reading the register: one person, a household, the households at a door plate
// (/api/v1/persons, /households, /door-plates). Every read is audited by the service with
// its purpose.

#include "http/json_mapping.h"
#include "http/routes.h"

namespace huji::http {

void add_person_routes(Routes& r, Services& s) {
  // Answered once the lookup's audit entry is durable (the audit queue lets the answer out);
  // no thread waits for the fsync. With an embedded store the reads run on the I/O thread.
  r.deferred(
      Method::kGet, "/api/v1/persons/{id}",
      [&s](Request& q, Respond respond) {
        auto actor = q.actor();
        if (!actor.ok()) return respond(actor.error());
        auto query = q.query();
        if (!query.ok()) return respond(query.error());
        const std::string view = query->text("view", "full");
        if (view != "full" && view != "summary") {
          return respond(core::Error::invalid("person.view_invalid", "view 須為 full 或 summary",
                                              "view must be full or summary"));
        }
        s.persons.lookup_async(
            *actor, q.ctx(), q.path("id"), query->text("purpose"),
            view == "summary" ? service::PersonViewKind::kSummary : service::PersonViewKind::kFull,
            [respond = std::move(respond)](core::Result<service::PersonView> v) {
              // Written here, on the reading thread, not on the audit queue's.
              Answer answer =
                  v.ok() ? Answer(Response::written(person_view_text(*v))) : Answer(v.error());
              return [respond, answer = std::move(answer)](const core::Status& durable) mutable {
                respond(durable.ok() ? std::move(answer) : Answer(durable.error()));
              };
            });
      },
      {.run = Run::kLocalReads});
  r.get("/api/v1/persons", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    service::NameSearch search{query.text("name"), query.text("birth_date"),
                               query.text("household_no"), query.text("purpose")};
    HUJI_ASSIGN_OR_RETURN(auto m, s.persons.search_by_name(actor, q.ctx(), search));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& p : m.persons) {
      nlohmann::json j = member_json(p);
      j["household_no"] = p.household_no;
      arr.push_back(std::move(j));
    }
    return Response::ok({{"persons", std::move(arr)}, {"truncated", m.truncated}});
  });
  r.get("/api/v1/door-plates", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto m, s.persons.search_by_address(actor, q.ctx(), query.text("address"),
                                                              query.text("purpose")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& match : m.plates) {
      arr.push_back({{"id", match.plate.id},
                     {"address", match.plate.address.format()},
                     {"office_code", match.plate.office_code},
                     {"abolished", match.plate.abolished},
                     {"household_nos", match.household_nos}});
    }
    return Response::ok({{"address", address_json(m.address)},
                         {"door_plates", std::move(arr)},
                         {"truncated", m.truncated}});
  });
  r.get("/api/v1/households/{no}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto v,
                          s.persons.household(actor, q.ctx(), q.path("no"), query.text("purpose")));
    return Response::ok({{"household", household_view_json(v)}});
  });
  r.get("/api/v1/door-plates/{id}/persons", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(int64_t id, q.path_id("id"));
    HUJI_ASSIGN_OR_RETURN(auto households,
                          s.persons.at_door_plate(actor, q.ctx(), id, query.text("purpose")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& h : households) arr.push_back(household_view_json(h));
    return Response::ok({{"door_plate_id", id}, {"households", std::move(arr)}});
  });
}

}  // namespace huji::http
