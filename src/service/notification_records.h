#ifndef HUJI_SERVICE_NOTIFICATION_RECORDS_H_
#define HUJI_SERVICE_NOTIFICATION_RECORDS_H_

// Stored records of cross-agency notification (跨機關通報; issue 19): the citizen's consent
// per registration (table notification_consents), the outbox of notifications written in
// the registering transaction (notifications), and the immutable delivery ledger
// (notification_attempts). Agencies themselves are domain::notify::Agency (table agencies).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace huji::service {

// One line of the consent recorded at the counter for an application. `channel`:
//   system   — the office notifies the agency through Huji (an outbox row is written on
//              approval); counted "via system" (經戶役政系統, 大同 weight 0.65)
//   other    — notified outside the system (非經戶役政系統, weight 0.30)
//   office   — the office notified it itself (各所自行通報, weight 0.05)
//   declined — the citizen declined notification (agency ""), counted in 大同's numerator
struct ConsentRecord {
  int64_t application_id = 0;
  std::string agency;   // agency code; "" for declined
  std::string channel;  // system | other | office | declined
  std::string recorded_by;
  int64_t recorded_ms = 0;
};

// One message to one agency about one registration (or its revocation). The payload is
// frozen when the row is written: every attempt sends the same bytes.
struct NotificationRecord {
  int64_t id = 0;
  std::string message_id;      // "msg_<application>_<agency>_<kind>": webhook-id, stable
  int64_t application_id = 0;  // the registration the message is about
  std::string office_code;
  std::string agency;
  std::string person_id;           // the registration's subject: order is kept per (agency, person)
  std::string kind;                // registration | revocation
  std::string event_type;          // registration type code
  std::string payload;             // the JSON body, byte for byte
  std::string status = "pending";  // pending | delivered | dead
  int attempts = 0;
  int64_t created_ms = 0;
  int64_t next_attempt_ms = 0;  // pending: when it is due (a claim moves it to a lease)
  int64_t delivered_at_ms = 0;  // 0 until delivered
  int last_http_status = 0;     // 0: no answer (connection error, timeout)
  std::string last_error;
  int64_t version = 1;
};

struct NotificationQuery {
  std::string office;                 // required
  std::optional<std::string> status;  // pending | delivered | dead
  std::optional<std::string> agency;
  std::optional<int64_t> before_id;  // paging: ids below it
  int limit = 100;
};

// One attempt to deliver, appended once it ended; never changed.
struct AttemptRecord {
  int64_t id = 0;
  int64_t notification_id = 0;
  int attempt = 0;  // 1, 2, …
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  int http_status = 0;   // 0: no answer
  std::string outcome;   // delivered | retry | dead | gone | throttled
  std::string error;     // transport error or a short reason
  std::string response;  // the answer's body, at most 2 KiB
  std::string receipt;   // the receiver's signed receipt header, when it gives one
  std::string by;        // "worker" or the admin who forced it
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NOTIFICATION_RECORDS_H_
