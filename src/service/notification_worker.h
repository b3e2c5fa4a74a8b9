#ifndef HUJI_SERVICE_NOTIFICATION_WORKER_H_
#define HUJI_SERVICE_NOTIFICATION_WORKER_H_

// The delivery worker of cross-agency notification (issue 19): sends the outbox rows that
// RegistrationService::review wrote (notification_service.h) to their agencies, through a
// NotificationTransport (a Standard Webhooks POST or a signed file in a drop directory:
// notify/agency_transport.h).
//
// One pass (deliver_due): the due rows — the first pending row of each (agency, person) line
// (NotificationTx::due_notifications), so a later message never overtakes an earlier one for
// the same person — are each claimed (a lease: its next attempt moved kLeaseMs ahead), sent
// with the stored payload byte for byte, and the attempt's ledger row and the row's new state
// written in one transaction. Only a 2xx delivers. Otherwise:
//   - 429, 502, 503, 504 or no answer at all (connection refused, timeout): the agency is
//     unavailable, not the message: the agency is paused (Retry-After seconds when given,
//     else a back-off doubling from kFirstPauseMs to kMaxPauseMs) and its other rows wait
//     without spending attempts;
//   - 410 Gone: the agency is disabled (active false, disabled_reason "gone"); its rows stay
//     pending until an admin enables it again;
//   - anything else (500, 4xx, 3xx): the message is retried.
// A failed attempt is retried after retry_delay_ms(attempts) ± 10 % (libsodium's
// randombytes); after kMaxAttempts the row is dead (dead letter) until a supervisor replays it.
// A worker killed mid-send leaves its row leased: when the lease ends the row is due again
// and sent again with the same webhook-id (receivers de-duplicate by it).
//
// Threading: one background thread (start/stop); wake() from any thread starts a pass now
// (RegistrationService rings it after a commit that wrote outbox rows). Rows of different
// agencies are sent one after another within a pass.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "domain/notify/agency.h"
#include "service/notification_records.h"
#include "service/polling_thread.h"
#include "service/store.h"

namespace huji::service {

// One message as it goes out: the payload as stored and the Standard Webhooks headers.
struct OutgoingMessage {
  std::string message_id;   // webhook-id
  int64_t timestamp_s = 0;  // webhook-timestamp: this attempt's time
  std::string signature;    // webhook-signature
  std::string payload;      // the body, byte for byte
};

// What came back.
struct DeliveryAnswer {
  int http_status = 0;  // 0: no answer (connection error, timeout, a file not written)
  std::string error;    // why there was no answer
  std::string body;     // the answer's body, at most kMaxResponseBytes
  std::optional<int64_t> retry_after_s;
  std::string receipt;  // the receiver's signed receipt (header webhook-receipt), if any
  bool delivered() const { return http_status >= 200 && http_status < 300; }
};

class NotificationTransport {
 public:
  static constexpr size_t kMaxResponseBytes = 2048;
  virtual ~NotificationTransport() = default;
  // Sends `m` to the agency's channel (webhook URL or drop directory). Thread-safe.
  virtual DeliveryAnswer deliver(const domain::notify::Agency& agency,
                                 const OutgoingMessage& m) = 0;
};

// The delay before attempt `attempts` + 1 after `attempts` failed ones, without jitter: the
// Standard Webhooks schedule stretched so that ten attempts span about 3.4 days (5 s, 5 min,
// 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 30 h): even with the jitter taking 10 % off every
// delay, the last attempt comes more than 72 hours after the first, so an agency down for
// three days loses nothing.
int64_t notification_retry_delay_ms(int attempts);

struct NotificationWorkerOptions {
  std::chrono::milliseconds poll{1000};  // how often the thread looks for due rows
  // How long a claimed row is left to its sender: longer than a send takes (15 s).
  int64_t lease_ms = 30'000;
  int batch = 200;  // rows read per pass
  // Multiplies the retry schedule and the agency back-off (not a receiver's Retry-After): 1 in
  // service; tests and drills shrink three days to seconds.
  double retry_scale = 1.0;
  // Told of each message that became a dead letter (serve logs it).
  std::function<void(const NotificationRecord&)> on_dead;
  // Told of a store error in the thread's pass.
  std::function<void(const core::Error&)> on_error;
};

class NotificationWorker {
 public:
  static constexpr int kMaxAttempts = 10;
  static constexpr int64_t kFirstPauseMs = 5'000;
  static constexpr int64_t kMaxPauseMs = 1'800'000;        // 30 min
  static constexpr int64_t kMaxRetryAfterMs = 86'400'000;  // a Retry-After beyond a day: a day

  NotificationWorker(Store& store, const core::Clock& clock, NotificationTransport& transport,
                     NotificationWorkerOptions options = {});
  ~NotificationWorker();
  NotificationWorker(const NotificationWorker&) = delete;
  NotificationWorker& operator=(const NotificationWorker&) = delete;

  void start();
  void stop();
  void wake();
  // Sends what is due now, once (the thread's pass; tests call it directly). Returns how many
  // messages it delivered.
  core::Result<int> deliver_due();

 private:
  // What one attempt did: delivered, and whether the agency is now paused or disabled (its
  // other rows wait for the next pass).
  struct Outcome {
    bool delivered = false;
    bool agency_held = false;
  };
  core::Result<Outcome> attempt(const domain::notify::Agency& agency, const NotificationRecord& n);
  int64_t pause_ms(const std::string& agency, const DeliveryAnswer& answer);
  int64_t scaled(int64_t ms) const;

  Store& store_;
  const core::Clock& clock_;
  NotificationTransport& transport_;
  const NotificationWorkerOptions options_;
  // Consecutive pauses per agency (the back-off's exponent), under pass_mu_.
  std::map<std::string, int> pauses_;
  std::mutex pass_mu_;  // one pass at a time (the thread's and a test's)
  PollingThread thread_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NOTIFICATION_WORKER_H_
