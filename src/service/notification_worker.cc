#include "service/notification_worker.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "service/webhook_signature.h"

namespace huji::service {

namespace {

constexpr int64_t kSecondMs = 1'000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
constexpr int64_t kHourMs = 60 * kMinuteMs;

// The delays after attempt 1, 2, … 9.
constexpr std::array<int64_t, 9> kSchedule = {5 * kSecondMs, 5 * kMinuteMs, 30 * kMinuteMs,
                                              2 * kHourMs,   5 * kHourMs,   10 * kHourMs,
                                              14 * kHourMs,  20 * kHourMs,  30 * kHourMs};

// `delay` ± 10 %, uniformly.
int64_t jittered(int64_t delay) {
  const int64_t span = delay / 10;
  if (span <= 0) return delay;
  return delay - span +
         static_cast<int64_t>(randombytes_uniform(static_cast<uint32_t>(2 * span + 1)));
}

// The agency, not the message, is unavailable: slow down instead of spending every row's
// attempts (no answer at all, rate limited, or a gateway saying it cannot reach it).
bool agency_unavailable(int status) {
  return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
}

std::string answer_error(const DeliveryAnswer& a) {
  if (!a.error.empty()) return a.error;
  return "HTTP " + std::to_string(a.http_status);
}

}  // namespace

int64_t notification_retry_delay_ms(int attempts) {
  const size_t i = static_cast<size_t>(std::clamp(attempts, 1, static_cast<int>(kSchedule.size())));
  return kSchedule[i - 1];
}

NotificationWorker::NotificationWorker(Store& store, const core::Clock& clock,
                                       NotificationTransport& transport,
                                       NotificationWorkerOptions options)
    : store_(store),
      clock_(clock),
      transport_(transport),
      options_(std::move(options)),
      thread_(options_.poll, [this] {
        auto passed = deliver_due();
        if (!passed.ok() && options_.on_error) options_.on_error(passed.error());
        // A pass that delivered may have freed the next message of each line it sent (a pass
        // sends only the first of each): go round again at once instead of waiting a poll.
        // Failures reschedule their rows later, so a pass with nothing delivered waits.
        if (passed.ok() && *passed > 0) thread_.wake();
      }) {}

NotificationWorker::~NotificationWorker() { stop(); }

void NotificationWorker::start() { thread_.start(); }

void NotificationWorker::stop() { thread_.stop(); }

void NotificationWorker::wake() { thread_.wake(); }

core::Result<int> NotificationWorker::deliver_due() {
  std::lock_guard pass(pass_mu_);
  std::vector<NotificationRecord> due;
  std::map<std::string, domain::notify::Agency> agencies;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(due, tx->due_notifications(clock_.now_ms(), options_.batch));
    if (due.empty()) return 0;
    HUJI_ASSIGN_OR_RETURN(auto list, tx->list_agencies());
    for (auto& a : list) agencies.emplace(a.code, std::move(a));
  }
  int delivered = 0;
  std::set<std::string> held;  // agencies paused or disabled during this pass
  for (const auto& n : due) {
    const auto agency = agencies.find(n.agency);
    if (agency == agencies.end() || held.count(n.agency) > 0) continue;
    if (thread_.stopping()) break;  // shutting down: the rest waits for the next server
    {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
      HUJI_ASSIGN_OR_RETURN(bool mine, tx->claim_notification(n.id, n.next_attempt_ms,
                                                              clock_.now_ms() + options_.lease_ms));
      HUJI_TRY(tx->commit());
      if (!mine) continue;
    }
    HUJI_ASSIGN_OR_RETURN(Outcome outcome, attempt(agency->second, n));
    if (outcome.delivered) ++delivered;
    if (outcome.agency_held) held.insert(n.agency);
  }
  return delivered;
}

int64_t NotificationWorker::pause_ms(const std::string& agency, const DeliveryAnswer& answer) {
  const int k = std::min(++pauses_[agency], 20);
  if (answer.retry_after_s) {
    return std::clamp(*answer.retry_after_s * kSecondMs, int64_t{0}, kMaxRetryAfterMs);
  }
  return scaled(std::min(kFirstPauseMs << (k - 1), kMaxPauseMs));
}

int64_t NotificationWorker::scaled(int64_t ms) const {
  return static_cast<int64_t>(static_cast<double>(ms) * options_.retry_scale);
}

core::Result<NotificationWorker::Outcome> NotificationWorker::attempt(
    const domain::notify::Agency& agency, const NotificationRecord& n) {
  const int64_t started = clock_.now_ms();
  OutgoingMessage m{n.message_id, started / kSecondMs, "", n.payload};
  DeliveryAnswer answer;
  auto signature =
      webhook::signature_header(agency.secret, agency.previous_secret, agency.signing_key,
                                m.message_id, m.timestamp_s, m.payload);
  if (signature.ok()) {
    m.signature = std::move(signature).value();
    answer = transport_.deliver(agency, m);
  } else {
    answer.error = "cannot sign: " + signature.error().message_en;
  }
  if (answer.body.size() > NotificationTransport::kMaxResponseBytes) {
    answer.body.resize(NotificationTransport::kMaxResponseBytes);
  }
  const int64_t finished = clock_.now_ms();
  const bool delivered = answer.delivered();
  const bool gone = answer.http_status == 410;
  const bool unavailable = !delivered && agency_unavailable(answer.http_status);

  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  // The row as it is now: a supervisor's forced retry may have changed it during the send.
  HUJI_ASSIGN_OR_RETURN(auto fresh, tx->find_notification(n.id));
  if (!fresh) {
    return core::Error::internal("notification.vanished", "通報列不存在",
                                 "the notification row is gone");
  }
  AttemptRecord ledger;
  ledger.notification_id = n.id;
  ledger.attempt = fresh->attempts + 1;
  ledger.started_ms = started;
  ledger.finished_ms = finished;
  ledger.http_status = answer.http_status;
  ledger.error = delivered ? "" : answer_error(answer);
  ledger.response = answer.body;
  ledger.receipt = answer.receipt;
  ledger.by = "worker";
  NotificationRecord next = *fresh;
  Outcome outcome;
  if (fresh->status == "pending") {
    next.attempts += 1;
    next.last_http_status = answer.http_status;
    next.last_error = ledger.error;
    if (delivered) {
      next.status = "delivered";
      next.delivered_at_ms = finished;
      ledger.outcome = "delivered";
      outcome.delivered = true;
    } else if (gone) {
      // Due again as soon as an admin enables the agency.
      next.next_attempt_ms = finished;
      ledger.outcome = "gone";
      outcome.agency_held = true;
      HUJI_ASSIGN_OR_RETURN(auto current, tx->find_agency(agency.code));
      if (current && current->active) {
        current->active = false;
        current->disabled_reason = "gone";
        current->version += 1;
        current->updated_ms = finished;
        current->updated_by = "worker";
        HUJI_TRY(tx->update_agency(*current));
      }
    } else {
      if (next.attempts >= kMaxAttempts) {
        next.status = "dead";
        ledger.outcome = "dead";
      } else {
        next.next_attempt_ms =
            finished + jittered(scaled(notification_retry_delay_ms(next.attempts)));
        ledger.outcome = unavailable ? "throttled" : "retry";
      }
      if (unavailable) {
        HUJI_TRY(tx->pause_agency(agency.code, finished + pause_ms(agency.code, answer)));
        outcome.agency_held = true;
      }
    }
    next.version = fresh->version + 1;
    HUJI_ASSIGN_OR_RETURN(bool updated, tx->update_notification(next));
    if (!updated) {
      return core::Error::conflict("notification.stale", "通報列已被更新",
                                   "the notification changed meanwhile");
    }
  } else {
    // Delivered meanwhile by another sender (its lease had ended): only the ledger learns.
    ledger.outcome = delivered ? "delivered" : "retry";
  }
  HUJI_TRY(tx->insert_attempt(ledger));
  HUJI_TRY(tx->commit());
  if (delivered) pauses_.erase(agency.code);
  if (next.status == "dead" && fresh->status == "pending" && options_.on_dead) {
    options_.on_dead(next);
  }
  return outcome;
}

}  // namespace huji::service
