#ifndef HUJI_SERVICE_QUEUE_SERVICE_H_
#define HUJI_SERVICE_QUEUE_SERVICE_H_

// The counter queue (叫號, issue 20; DOMAIN §6): tickets issued at the kiosk, on the web or by
// a clerk, called to counters by domain::queue::choose_next, and every step kept in the
// ticket's row and the append-only history (queue_events), so that the queue survives a
// restart or kill -9 as it was last committed. Calls carry the office's display sequence
// number and are published to the lobby displays (DisplayHub) after they are committed.
//
// One process serves an office's queue: steps of one office are serialised by a lock here
// (two counters never get the same ticket), each step one write transaction.
//
// Tickets name no one (a number and a service): they are not personal data. Staff steps are
// recorded with the clerk's username in the history.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/queue/queue.h"
#include "service/actor.h"
#include "service/display_hub.h"
#include "service/store.h"

namespace huji::service {

struct TicketRequest {
  std::string office;  // "" : the actor's office, or for the public the only office with a queue
  std::string service;
  bool priority = false;
  std::string priority_reason;  // elderly | disabled | pregnant (priority tickets)
};

// A ticket as its holder and the staff see it.
struct TicketView {
  domain::queue::Ticket ticket;
  int position = 0;            // waiting tickets that would be called before it (0 when called)
  int estimated_wait_min = 0;  // from now
  int estimate_low_min = 0;    // the range the wait is expected to fall in
  int estimate_high_min = 0;
};

class QueueService {
 public:
  QueueService(Store& store, const core::Clock& clock, DisplayHub& hub)
      : store_(store), clock_(clock), hub_(hub) {}

  // The office a public request (kiosk, web, display) means: `requested` when it has a queue,
  // or, when none is named, the only office with queue services configured.
  core::Result<std::string> public_office(const std::string& requested);

  // Active services of the office (public: the kiosk lists them).
  core::Result<std::vector<domain::queue::Service>> services(const std::string& office);
  // The actor's office's counters (staff).
  core::Result<std::vector<domain::queue::Counter>> counters(const Actor& actor);
  core::Result<domain::queue::Policy> policy(const std::string& office);

  // Issues a ticket. `actor` null: from the public (source kiosk or web, the office from
  // public_office); else by a clerk of the actor's office (source clerk).
  core::Result<TicketView> issue(const Actor* actor, const RequestContext& ctx,
                                 const TicketRequest& request, const std::string& source);

  // Issues the ticket an appointment's check-in turns into, numbered as issue() numbers (same
  // office lock and transaction), with source "appointment" and `appointment_id`, not called
  // before `ready_ms` (the slot's start; now for a walk-in, whose source is then "clerk" for a
  // clerk's check-in, "kiosk" for the public's). `within` runs in the same write transaction
  // after the ticket is inserted (the appointment's own update and audit): all or nothing.
  using WithinIssue = std::function<core::Status(Transaction& tx, const domain::queue::Ticket&)>;
  core::Result<TicketView> issue_for_appointment(const std::string& office,
                                                 const std::string& service, int64_t appointment_id,
                                                 int64_t ready_ms, const std::string& source,
                                                 const std::string& actor_name,
                                                 const WithinIssue& within);

  // Calls the best waiting ticket `counter` serves (domain::queue::choose_next); the ticket the
  // counter was serving is finished first. nullopt when none waits.
  core::Result<std::optional<TicketView>> call_next(const Actor& actor, const RequestContext& ctx,
                                                    const std::string& counter);

  core::Result<TicketView> ticket(int64_t id);

  // The office's tickets of today with status `status` ("" all), by id (staff).
  core::Result<std::vector<TicketView>> today(const Actor& actor, const std::string& status);

  // Calls and recalls with display sequence number > after, in order (a display's replay).
  core::Result<std::vector<QueueEvent>> display_events_after(const std::string& office,
                                                             int64_t after, int limit);

  DisplayHub& hub() { return hub_; }

 private:
  std::mutex& office_lock(const std::string& office);
  // Inserts `t` (office, service, priority, source, times filled in) with the next number of
  // its service today and its issue event, in `tx`, under the office's lock.
  core::Result<TicketView> add_ticket(Transaction& tx, domain::queue::Ticket t,
                                      const std::string& actor_name, int64_t now);
  // The waiting tickets' positions and estimates, in place (the naive model: position ×
  // mean service time ÷ open counters serving the service).
  void estimate(std::vector<TicketView>& views, const std::vector<domain::queue::Ticket>& waiting,
                const std::vector<domain::queue::Counter>& counters, int64_t now_ms) const;

  Store& store_;
  const core::Clock& clock_;
  DisplayHub& hub_;
  std::mutex locks_mu_;
  std::map<std::string, std::unique_ptr<std::mutex>> locks_;
};

// The message a lobby display gets for a call or recall (JSON text): type "call", seq,
// number, counter, the counter's names, service, recall, at_ms.
std::string display_message(const QueueEvent& e);

}  // namespace huji::service

#endif  // HUJI_SERVICE_QUEUE_SERVICE_H_
