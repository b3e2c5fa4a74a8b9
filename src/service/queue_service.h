#ifndef HUJI_SERVICE_QUEUE_SERVICE_H_
#define HUJI_SERVICE_QUEUE_SERVICE_H_

// The counter queue (叫號, issue 20; DOMAIN §6): tickets issued at the kiosk, on the web or by
// a clerk, called to counters by domain::queue::choose_next, and every step kept in the
// ticket's row and the append-only history (queue_events), so that the queue survives a
// restart or kill -9 as it was last committed. Calls carry the office's display sequence
// number and are published to the lobby displays (DisplayHub) after they are committed.
//
// Steps of one office are serialised by a lock here (two counters never get the same ticket;
// several processes on one PostgreSQL database are serialised by its writer lock), each step
// one write transaction. The displays' hub and the public-ticket counts are per process: one
// process serves an office's lobby (docs/OPERATIONS.md).
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
#include "domain/queue/wait_model.h"
#include "service/actor.h"
#include "service/display_hub.h"
#include "service/queue_estimates.h"
#include "service/store.h"
#include "service/transaction.h"

namespace huji::service {

struct TicketRequest {
  std::string office;  // "" : the actor's office, or for the public the only office with a queue
  std::string service;
  bool priority = false;
  std::string priority_reason;  // elderly | disabled | pregnant (priority tickets)
};

// How a clerk finishes a ticket: the service actually done and what it led to.
struct FinishRequest {
  std::string outcome;  // a service code of the office
  // "application:ID" (a registration application of the office), "document:CODE" (an issued
  // document's check code) or "".
  std::string link;
};

// A ticket as its holder and the staff see it.
// What a lobby display is shown when it connects: the office's latest display sequence number,
// every counter with the number it called last today (0: none yet), and the latest calls.
struct DisplaySnapshot {
  struct Serving {
    domain::queue::Counter counter;
    int number = 0;
    std::string service;
    int64_t called_ms = 0;
  };
  int64_t seq = 0;
  std::vector<Serving> counters;
  std::vector<QueueEvent> recent;  // oldest first, seq <= seq
};

struct TicketView {
  domain::queue::Ticket ticket;
  int position = 0;            // waiting tickets that would be called before it (0 when called)
  int estimated_wait_min = 0;  // from now
  int estimate_low_min = 0;    // the range the wait is expected to fall in
  int estimate_high_min = 0;
};

// The lobby at a glance (the clerk's panel, the supervisor): each counter and whom it
// serves now, each active service and how many wait for it.
struct QueueBoard {
  struct CounterRow {
    domain::queue::Counter counter;
    std::optional<TicketView> serving;
  };
  struct ServiceRow {
    domain::queue::Service service;
    int waiting = 0;
    int priority_waiting = 0;
  };
  std::vector<CounterRow> counters;
  std::vector<ServiceRow> services;
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

  // A ticket by id, as its holder follows it (the route shows the public fields only).
  core::Result<TicketView> ticket(int64_t id);
  // The same for staff of the ticket's office (403 queue.other_office otherwise).
  core::Result<TicketView> ticket(const Actor& actor, int64_t id);

  // The office's tickets of today with status `status` ("" all), by id (staff).
  core::Result<std::vector<TicketView>> today(const Actor& actor, const std::string& status);

  // Calls and recalls with display sequence number > after, in order (a display's replay).
  core::Result<std::vector<QueueEvent>> display_events_after(const std::string& office,
                                                             int64_t after, int limit);

  // Crowd dispersion for the actor's office (clerk, supervisor): per active service the
  // predicted wait of the last in line against the policy's target, with advice to open or
  // re-assign a counter when it passes the target (domain::queue::advise).
  core::Result<std::vector<domain::queue::ServiceLoad>> advice(const Actor& actor);
  // Ticket operations (queue_operations.cc). Each is one write transaction under the office's
  // lock, by a clerk or supervisor of the ticket's office, appending one QueueEvent; `version`,
  // when given, must be the ticket's (409 queue.changed otherwise).
  //
  // Calls the waiting ticket `id` at `counter` out of order (the counter must serve its
  // service): the counter's current ticket is finished as call-next does, earlier ordinary
  // tickets are counted as overtaken, and the call goes to the displays.
  core::Result<TicketView> call_ticket(const Actor& actor, const RequestContext& ctx,
                                       const std::string& counter, int64_t id,
                                       std::optional<int64_t> version);
  // Announces a called ticket again at its counter, policy.recall_pause_s after its last call.
  core::Result<TicketView> recall(const Actor& actor, const RequestContext& ctx, int64_t id,
                                  std::optional<int64_t> version);
  // A called ticket whose holder did not come.
  core::Result<TicketView> no_show(const Actor& actor, const RequestContext& ctx, int64_t id,
                                   std::optional<int64_t> version);
  // A no-show back in the queue at its place, within policy.no_show_grace_min of being marked.
  core::Result<TicketView> return_ticket(const Actor& actor, const RequestContext& ctx, int64_t id,
                                         std::optional<int64_t> version);
  // A waiting or called ticket waits for `service` instead, at its place (number and arrival).
  core::Result<TicketView> transfer(const Actor& actor, const RequestContext& ctx, int64_t id,
                                    const std::string& service, std::optional<int64_t> version);
  core::Result<TicketView> finish(const Actor& actor, const RequestContext& ctx, int64_t id,
                                  const FinishRequest& request, std::optional<int64_t> version);
  // A waiting ticket withdrawn (the holder left, a duplicate).
  core::Result<TicketView> cancel(const Actor& actor, const RequestContext& ctx, int64_t id,
                                  std::optional<int64_t> version);
  core::Result<QueueBoard> board(const Actor& actor);

  // Configuration (queue_operations.cc), audited: an admin of the office replaces a service,
  // a counter or the policy; a supervisor may only open or close a counter.
  core::Result<std::vector<domain::queue::Service>> all_services(const Actor& actor);
  core::Result<domain::queue::Service> put_service(const Actor& actor, const RequestContext& ctx,
                                                   const domain::queue::Service& s);
  core::Result<domain::queue::Counter> put_counter(const Actor& actor, const RequestContext& ctx,
                                                   const domain::queue::Counter& c);
  core::Result<domain::queue::Policy> policy(const Actor& actor);
  core::Result<domain::queue::Policy> put_policy(const Actor& actor, const RequestContext& ctx,
                                                 const domain::queue::Policy& p);

  // Public tickets (the kiosk and web pages): one client address may hold `per_source` waiting
  // tickets of a service (429 queue.too_many beyond), except the kiosks' `exempt` addresses
  // (serve --queue-public-limit, --kiosk-address).
  void set_public_limit(int per_source, std::vector<std::string> exempt) {
    public_per_source_ = per_source;
    kiosk_addresses_ = std::move(exempt);
  }
  // One read transaction: the display's state as of the latest committed call.
  core::Result<DisplaySnapshot> display_snapshot(const std::string& office, int recent);

  DisplayHub& hub() { return hub_; }

 private:
  struct Called {
    domain::queue::Ticket ticket;
    QueueEvent event;
  };
  using Step = std::function<core::Status(Transaction& tx, domain::queue::Ticket& t, QueueEvent& e,
                                          int64_t now_ms)>;

  std::mutex& office_lock(const std::string& office);
  // Inserts `t` (office, service, priority, source, times filled in) with the next number of
  // its service today and its issue event, in `tx`, under the office's lock; a ticket for the
  // public client `public_client` is held to set_public_limit.
  core::Result<TicketView> add_ticket(Transaction& tx, domain::queue::Ticket t,
                                      const std::string& actor_name, int64_t now,
                                      const RequestContext* public_client);
  // The shared part of call-next and a chosen call, inside the caller's write transaction and
  // under the office's lock: earlier ordinary tickets `waiting[index]` overtakes are counted,
  // it is called at `counter` with the day's next call order, and the call is appended with the
  // office's next display sequence number. The caller commits, then publish()es the event.
  core::Result<Called> record_call(Transaction& tx, const Actor& actor,
                                   const domain::queue::Counter& counter,
                                   const std::vector<domain::queue::Ticket>& waiting, size_t index,
                                   const std::string& reason, int64_t now_ms);
  // The ticket `counter` is serving, if any, is done (its outcome its service).
  core::Status finish_serving(Transaction& tx, const Actor& actor, const std::string& counter,
                              int64_t now_ms, core::Date today);
  void publish(const QueueEvent& e);
  // One step on ticket `id` of the actor's office (see the ticket operations above).
  core::Result<TicketView> step(const Actor& actor, int64_t id, std::optional<int64_t> version,
                                const std::string& kind, const Step& apply);
  // set_public_limit: a public client may hold that many waiting tickets of a service (429
  // queue.too_many beyond). `t` is the ticket being issued (inserted, not committed).
  // The client's key (its address, an IPv6 one by its /64; "" for a kiosk) when it may draw
  // another ticket like `t` (not inserted yet), else 429 queue.too_many; note_public() counts
  // the ticket once inserted.
  core::Result<std::string> limit_public(const RequestContext& ctx, const domain::queue::Ticket& t,
                                         const std::vector<domain::queue::Ticket>& waiting);
  void note_public(const domain::queue::Ticket& t, const std::string& key);
  // The waiting tickets' positions and estimates, in place (domain/queue/wait_model.h); a
  // view's ticket that is not among `waiting` yet (one being issued) is estimated as joining.
  core::Status estimate(QueueTx& tx, const std::string& office, std::vector<TicketView>& views,
                        const std::vector<domain::queue::Ticket>& waiting,
                        const std::vector<domain::queue::Counter>& counters, int64_t now_ms);

  Store& store_;
  const core::Clock& clock_;
  DisplayHub& hub_;
  std::mutex locks_mu_;
  std::map<std::string, std::unique_ptr<std::mutex>> locks_;
  int public_per_source_ = 5;
  std::vector<std::string> kiosk_addresses_;
  // The public tickets each client address drew today, per office (limit_public); kept in
  // memory only: addresses are not stored with tickets, which name no one.
  std::mutex sources_mu_;
  core::Date sources_day_;
  struct Source {
    std::vector<int64_t> waiting;  // its public tickets, as far as known still waiting
    int drawn_today = 0;
  };
  std::map<std::string, std::map<std::string, Source>> sources_;
  // Public tickets one client may draw in a day, of all services; numbers of a service a day
  // the public may draw (the rest, up to 999, are the counters').
  static constexpr int kPublicPerDay = 20;
  static constexpr int kPublicNumbers = 900;
  QueueEstimates estimates_;
};

// The message a lobby display gets for a call or recall (JSON text): type "call", seq,
// number, counter, the counter's names, service, recall, at_ms.
std::string display_message(const QueueEvent& e);
// The snapshot's message: type "snapshot", seq, counters [{counter, name_zh, name_en, open,
// number, service, called_ms}], recent [call messages, oldest first].
std::string snapshot_message(const DisplaySnapshot& s);

}  // namespace huji::service

#endif  // HUJI_SERVICE_QUEUE_SERVICE_H_
