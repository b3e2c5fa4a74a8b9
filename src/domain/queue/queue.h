#ifndef HUJI_DOMAIN_QUEUE_QUEUE_H_
#define HUJI_DOMAIN_QUEUE_QUEUE_H_

// The counter queue (叫號, DOMAIN §6): services, counters and the services each serves, the
// tickets of a day, and the rule that picks the next ticket for a counter. No I/O.
//
// Which ticket a counter calls next (choose_next), among the waiting tickets of services it
// serves that are ready (an appointment's ticket is ready at its slot time):
//   1. the earliest-arrived ticket that has waited `cap_min` or longer (default 40 min);
//   2. else the earliest ordinary ticket that later arrivals have overtaken `max_overtaken`
//      times (a later arrival called before it at a counter that could have served it);
//   3. else the ready appointment ticket with the earliest slot ("called on time");
//   4. else, by the ratio (default 2 priority : 1 ordinary): the earliest priority ticket
//      while fewer than `priority_ratio` priority tickets were called in a row or no
//      ordinary ticket waits, otherwise the earliest ordinary ticket.
// The bound: no ordinary ticket is overtaken more than `max_overtaken` times by call-next
// (rule 2 calls it, or an earlier ticket, before a further overtaking could happen), and a
// ticket that has waited past the cap is called by the first counter that can serve it and
// calls next, unless an even earlier one past the cap goes first. Calling a chosen ticket
// out of order is the clerk's decision and may exceed the bound; it is recorded.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace huji::domain::queue {

// A service the lobby issues tickets for (謄本, 登記, 身分證…). Numbers of a service run
// number_base + 1, + 2, … each day (wrapping after 999): 1001, 1002 … for base 1000.
struct Service {
  std::string code;  // [a-z0-9_]{1,32}
  std::string name_zh;
  std::string name_en;
  int number_base = 1000;  // a multiple of 1000, 1000–9000
  int sort = 0;
  bool active = true;
};

// A counter (櫃台) and the services it serves; `id` is what the lobby calls it ("3").
struct Counter {
  std::string id;  // [A-Za-z0-9]{1,8}
  std::string name_zh;
  std::string name_en;
  std::vector<std::string> services;
  bool open = true;
  int sort = 0;
};

// Ticket statuses.
inline constexpr const char* kWaiting = "waiting";  // in the queue
inline constexpr const char* kCalled = "called";    // called to a counter, being served
inline constexpr const char* kDone = "done";        // finished
inline constexpr const char* kNoShow = "no_show";   // did not come when called
inline constexpr const char* kCancelled = "cancelled";

struct Ticket {
  int64_t id = 0;
  std::string office_code;
  core::Date day;
  std::string service;         // the service it waits for now (a transfer changes it)
  std::string issued_service;  // the service its number was drawn for
  int daily_no = 0;            // 1, 2, … per office, day and issued service
  int number = 0;              // what the lobby shows and calls: 1001, 2017, …
  bool priority = false;
  std::string priority_reason;  // elderly | disabled | pregnant | "" (priority tickets)
  std::string source;           // kiosk | web | clerk | appointment
  std::string status = kWaiting;
  int64_t arrived_ms = 0;  // when it joined the queue (issued, or checked in)
  int64_t ready_ms = 0;    // not called before this (an appointment's slot); else arrived_ms
  int64_t called_ms = 0;   // the latest call
  std::string counter;     // the counter of the latest call
  std::string called_by;   // the clerk of the latest call
  int calls = 0;           // calls and recalls
  int overtaken = 0;       // later arrivals called before it at counters that could serve it
  int64_t call_seq = 0;    // order of first calls in the day (0: never called)
  int64_t finished_ms = 0;
  std::string outcome;  // the service actually done (a service code), when finished
  std::string link;     // the registration or document it led to ("application:12", …)
  int64_t appointment_id = 0;
  int estimated_wait_min = 0;  // quoted when issued
  int64_t version = 1;
};

struct Policy {
  int priority_ratio = 2;   // priority tickets called per ordinary one, while both wait
  int max_overtaken = 10;   // the bound on overtaking of an ordinary ticket
  int cap_min = 40;         // waiting this long puts a ticket first
  int recall_pause_s = 20;  // a recall only this long after the last call
  int no_show_grace_min = 5;
  int target_wait_min = 20;  // statistics: share served within this wait
  int target_share_pct = 80;
};

// What choose_next needs to know about earlier calls: how many priority tickets were called
// in a row most recently (office-wide).
struct CallState {
  int priority_streak = 0;
};

enum class Reason { kCap, kOvertaken, kAppointment, kPriority, kOrdinary };
const char* reason_code(Reason r);

struct Choice {
  size_t index = 0;  // into the `waiting` given
  Reason reason = Reason::kOrdinary;
};

bool serves(const Counter& counter, const std::string& service);

// The ticket `counter` calls next among `waiting` (status waiting, any service), or nothing
// when none it serves is ready.
std::optional<Choice> choose_next(const std::vector<Ticket>& waiting, const Counter& counter,
                                  const Policy& policy, const CallState& state, int64_t now_ms);

// The indexes of the tickets in `waiting` that calling `called` (called_ms: now) at `counter`
// overtakes: waiting, ready by now, ordinary, arrived before it, of a service it serves.
std::vector<size_t> overtaken_by(const std::vector<Ticket>& waiting, const Ticket& called,
                                 const Counter& counter);

// The state after calling a ticket of this kind by call-next.
CallState after_call(CallState state, bool priority);

// The number a service's n-th ticket of the day carries.
int ticket_number(const Service& service, int daily_no);

// The services and counters a new office starts with (DOMAIN §6).
std::vector<Service> default_services();
std::vector<Counter> default_counters();

// Checks of configuration values; an error message pair when invalid.
struct Problem {
  std::string code;
  std::string zh;
  std::string en;
};
std::optional<Problem> check_service(const Service& s);
std::optional<Problem> check_counter(const Counter& c, const std::vector<Service>& services);
std::optional<Problem> check_policy(const Policy& p);

// The policy as "key=value" lines and back (stored per office); unknown keys are refused.
std::string policy_text(const Policy& p);
std::optional<Policy> parse_policy(const std::string& text);

}  // namespace huji::domain::queue

#endif  // HUJI_DOMAIN_QUEUE_QUEUE_H_
