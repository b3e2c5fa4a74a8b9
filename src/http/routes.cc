#include "http/routes.h"

namespace huji::http {

Routes api_routes(const ServerConfig& config, Services& s) {
  Routes r(config.max_json_body);
  add_health_routes(r, s);
  add_auth_routes(r, s);
  add_reference_routes(r, s);
  add_person_routes(r, s);
  add_audit_routes(r, s);
  add_registration_routes(r, s, config);
  add_statistics_routes(r, s);
  add_nationality_routes(r, s);
  add_calendar_admin_routes(r, s);
  add_rules_admin_routes(r, s);
  add_reminder_routes(r, s);
  add_care_list_routes(r, s);
  add_verify_routes(r, s, config);
  add_transcript_routes(r, s);
  add_seal_routes(r, s);
  add_fee_routes(r, s);
  add_payment_routes(r, s);
  add_id_card_routes(r, s, config);
  add_notification_routes(r, s);
  add_inbound_routes(r, s);
  add_notification_kpi_routes(r, s);
  add_queue_routes(r, s);
  add_queue_stats_routes(r, s);
  add_queue_advice_routes(r, s);
  add_voice_routes(r, s);
  add_appointment_routes(r, s);
  return r;
}

}  // namespace huji::http
