#ifndef HUJI_HTTP_JSON_MAPPING_H_
#define HUJI_HTTP_JSON_MAPPING_H_

// Domain and service values as the API's JSON (docs/API.md), and the one table that maps
// error kinds to HTTP statuses.

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/address.h"
#include "core/id_number.h"
#include "core/result.h"
#include "service/actor.h"
#include "service/nationality_service.h"
#include "service/person_service.h"
#include "service/registration_service.h"
#include "service/store.h"

namespace huji::http {

// The status of an error: its kind's (the one table), except for two statuses only the
// transport answers, for errors of kind kInvalidArgument that the HTTP layer makes itself and
// no use case returns: these two codes.
inline constexpr std::string_view kUnsupportedMediaType = "http.unsupported_media_type";  // 415
inline constexpr std::string_view kHeadersTooLarge = "http.headers_too_large";            // 431
int http_status(const core::Error& e);
nlohmann::json error_json(const core::Error& e);
nlohmann::json actor_json(const service::Actor& a);
// The person lookup's answer, written directly (the hot path): keys in the order
// nlohmann::json would sort them, so it reads the same as the other answers.
std::string person_view_text(const service::PersonView& v);
nlohmann::json audit_entry_json(const service::AuditEntry& e);
nlohmann::json address_json(const core::Address& a);
nlohmann::json application_json(const service::ApplicationRecord& a);
nlohmann::json preview_json(const service::RegistrationPreview& p);
nlohmann::json document_json(const service::DocumentRecord& d);
// application_json with the view's additions (names, own, and when detailed: changes,
// entries, documents, preview_refused).
nlohmann::json application_view_json(const service::ApplicationView& v);
nlohmann::json household_view_json(const service::HouseholdView& v);
nlohmann::json nationality_case_json(const service::NationalityCaseView& v);
nlohmann::json naturalization_test_json(const service::NaturalizationTest& t);
// {"valid","kind","sex","reason"} for GET /api/v1/id-numbers/{value}.
nlohmann::json id_check_json(const core::Result<core::IdNumber>& r);

}  // namespace huji::http

#endif  // HUJI_HTTP_JSON_MAPPING_H_
