// The statutory figures by effective date (/api/v1/admin/rules): a version's text to load, and
// the versions in force and to come (service/rules_service.h).

#include "domain/register/statutory_rules.h"
#include "http/json_mapping.h"
#include "http/routes.h"
#include "service/rules_service.h"

namespace huji::http {

namespace {

// A version is about 1.5 KiB; this leaves room for comments and a few versions.
constexpr size_t kMaxRulesText = size_t{64} * 1024;

nlohmann::json figures_json(const domain::StatutoryRules& r) {
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : r.fines.bands) {
    bands.push_back({{"up_to_days", b.up_to_days}, {"amount", b.amount}});
  }
  return {{"birth_days", r.birth_days},
          {"general_days", r.general_days},
          {"move_stay_months", r.move_stay_months},
          {"move_days", r.move_days},
          {"abroad_years", r.abroad_years},
          {"marriage_by_registration_since", r.registration_marriage_since.to_iso()},
          {"agreed_divorce_by_registration_since", r.registration_agreed_divorce_since.to_iso()},
          {"fine_bands", std::move(bands)},
          {"fine_beyond", r.fines.beyond},
          {"fine_statutory_max", r.fines.statutory_max},
          {"fine_after_reminder", r.fine_after_reminder},
          {"false_application_fines", r.false_application_fines},
          {"reminder_days", r.reminder_days},
          {"nationality_registration_working_days", r.nationality_registration_working_days},
          {"proof_of_loss_years", r.proof_of_loss_years},
          {"proof_reminder_days", r.proof_reminder_days},
          {"name_change_cap", r.name_change_cap},
          {"age_of_majority", r.age_of_majority},
          {"marriage_min_age_man", r.marriage_min_age_man},
          {"marriage_min_age_woman", r.marriage_min_age_woman},
          {"care_elderly_age", r.care_elderly_age},
          {"care_child_age", r.care_child_age},
          {"target_registration_correctness", r.target_registration_correctness},
          {"target_correctness_prior_years", r.target_correctness_prior_years},
          {"target_care_list_rate", r.target_care_list_rate},
          {"target_notification_rate_beidou", r.target_notification_rate_beidou},
          {"target_notification_rate_datong", r.target_notification_rate_datong}};
}

nlohmann::json version_json(const service::RuleVersionView& v) {
  nlohmann::json j = {{"effective_from", v.rules.effective_from.to_iso()},
                      {"source", v.source},
                      {"in_force", v.in_force},
                      {"statutes", v.rules.source},
                      {"figures", figures_json(v.rules)},
                      {"text", domain::format_rule_version(v.rules)}};
  if (v.source == "database") {
    j["loaded_by"] = v.loaded_by;
    j["loaded_at_ms"] = v.loaded_ms;
  }
  return j;
}

nlohmann::json versions_json(const std::vector<service::RuleVersionView>& views) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views) out.push_back(version_json(v));
  return out;
}

}  // namespace

void add_rules_admin_routes(Routes& r, Services& s) {
  r.put("/api/v1/admin/rules",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
          if (q.mime() != "text/plain") {
            return core::Error::invalid("rules.content_type",
                                        "法規數值須以 text/plain 傳送（檔案內容原文）",
                                        "send the rules text as text/plain");
          }
          HUJI_ASSIGN_OR_RETURN(auto loaded, s.rules.load(actor, q.ctx(), q.raw_body()));
          return Response::ok({{"versions", versions_json(loaded)}});
        },
        {.body_limit = kMaxRulesText});
  r.get("/api/v1/admin/rules", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto versions, s.rules.versions(actor));
    return Response::ok({{"versions", versions_json(versions)}});
  });
}

}  // namespace huji::http
