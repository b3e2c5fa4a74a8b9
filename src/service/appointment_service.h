#ifndef HUJI_SERVICE_APPOINTMENT_SERVICE_H_
#define HUJI_SERVICE_APPOINTMENT_SERVICE_H_

// Appointments (預約, issue 20; DOMAIN §6): bookings on the web (no login) and by phone (a
// clerk), in slots with capacity per service under the office's booking rules
// (domain/queue/appointment.h, stored per office and edited by an admin); director meetings
// (與民有約) in the director's published slots; home-visit requests (到宅服務); check-in at the
// kiosk or the counter, which turns a booking into a queue ticket called at its slot
// (QueueService::issue_for_appointment) or, more than 15 minutes late, into a walk-in ticket;
// cancelling, no-shows and the suspension they cause; reminders by e-mail the day before.
//
// The public holds a booking by its reference (random, not enumerable) and a secret code
// shown once at booking (kept as its SHA-256). Looking it up or cancelling it takes both;
// the kiosk's check-in takes the reference and the booker's ID number. Nothing lists anyone
// else's bookings to the public. Failed lookups and bookings are limited per source address
// (appointment.rate_limited, 429).
//
// Personal data (name, ID number, phone, e-mail, address): every read and write is audited in
// the same transaction (service/audit.h), the public as "(public)", staff by username, with
// the purpose: "self" (the booker's own), "appointment" (staff handling a booking),
// kWorkQueuePurpose (a day's list).
//
// No-shows: a booking not checked in by the slot's end + no_show_grace_min is a no-show.
// It is derived where it matters (the suspension counts such bookings, a late check-in is
// refused) and written to the row lazily when staff list the day or mark it, so no sweep is
// needed for correctness.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "core/result.h"
#include "domain/queue/appointment.h"
#include "service/actor.h"
#include "service/appointment_records.h"
#include "service/mail_outbox.h"
#include "service/polling_thread.h"
#include "service/queue_service.h"
#include "service/store.h"

namespace huji::service {

struct BookingInput {
  std::string office;  // "" : the only office with a queue (public), the clerk's (phone)
  std::string kind = domain::queue::kCounterVisit;  // counter | director
  std::string service;                              // counter visits
  core::Date day;
  int start_min = 0;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string topic;  // director meetings
};

// A booking as made: its secret code is shown this once.
struct Booked {
  AppointmentRecord appointment;
  std::string code;
};

struct SlotView {
  int start_min = 0;
  int64_t slot_ms = 0;
  int capacity = 0;
  int remaining = 0;
  bool bookable = false;  // within the booking window now
};

struct DaySlots {
  std::string office;
  core::Date day;
  domain::queue::DayKind kind = domain::queue::DayKind::kClosed;
  std::vector<SlotView> slots;
};

struct CheckedIn {
  AppointmentRecord appointment;
  TicketView ticket;
};

struct HomeVisitInput {
  std::string office;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string reason;
  std::string detail;
};

struct HomeVisitRequested {
  HomeVisitRecord visit;
  std::string code;
};

// A home-visit step by staff: schedule (at_ms), complete, decline.
struct HomeVisitStep {
  std::string action;  // schedule | complete | decline
  int64_t at_ms = 0;
  std::string note;
};

// Per source address: failed lookups and bookings in a sliding window. Thread-safe.
class PublicLimiter {
 public:
  PublicLimiter(int max_events, int64_t window_ms) : max_(max_events), window_ms_(window_ms) {}
  // 0 when the address may act at `now_ms`, else the seconds to wait.
  int64_t wait_s(const std::string& address, int64_t now_ms);
  void record(const std::string& address, int64_t now_ms);

 private:
  std::mutex mu_;
  const int max_;
  const int64_t window_ms_;
  std::map<std::string, std::deque<int64_t>> events_;
};

class AppointmentService {
 public:
  AppointmentService(Store& store, const core::Clock& clock, const core::SharedCalendar& calendar,
                     QueueService& queue, int public_limit = 60, int64_t public_window_ms = 600'000)
      : store_(store),
        clock_(clock),
        calendar_(calendar),
        queue_(queue),
        limiter_(public_limit, public_window_ms) {}

  core::Date today() const { return clock_.today_taipei(); }

  // The office's rules (defaults until an admin sets them). Public: the booking page shows
  // the hours and windows.
  core::Result<domain::queue::BookingRules> rules(const std::string& office);
  // Admins of the office; audited.
  core::Result<domain::queue::BookingRules> put_rules(const Actor& actor, const RequestContext& ctx,
                                                      const domain::queue::BookingRules& rules);

  // The slots of `day` for `service` (kind counter) or the director's (kind director), with
  // what remains. Public.
  core::Result<DaySlots> slots(const std::string& office, const std::string& kind,
                               const std::string& service, core::Date day);

  // actor null: the public on the web; else a clerk booking by phone.
  core::Result<Booked> book(const Actor* actor, const RequestContext& ctx, BookingInput input);
  // The public's own booking by reference and code.
  core::Result<AppointmentRecord> lookup(const RequestContext& ctx, const std::string& reference,
                                         const std::string& code);
  core::Result<AppointmentRecord> cancel_own(const RequestContext& ctx,
                                             const std::string& reference, const std::string& code);
  // Staff (clerk, supervisor) of the appointment's office.
  core::Result<AppointmentRecord> cancel(const Actor& actor, const RequestContext& ctx, int64_t id);
  core::Result<AppointmentRecord> mark_no_show(const Actor& actor, const RequestContext& ctx,
                                               int64_t id);
  // The kiosk: by reference and the booker's ID number. Refused when the day is not today.
  core::Result<CheckedIn> check_in_own(const RequestContext& ctx, const std::string& reference,
                                       const std::string& id_number);
  // At the counter.
  core::Result<CheckedIn> check_in(const Actor& actor, const RequestContext& ctx, int64_t id);
  // The office's appointments of `day` (staff); overdue bookings are marked no-show first.
  core::Result<std::vector<AppointmentRecord>> of_day(const Actor& actor, const RequestContext& ctx,
                                                      core::Date day);

  core::Result<HomeVisitRequested> request_home_visit(const Actor* actor, const RequestContext& ctx,
                                                      HomeVisitInput input);
  core::Result<HomeVisitRecord> home_visit_of(const RequestContext& ctx,
                                              const std::string& reference,
                                              const std::string& code);
  core::Result<std::vector<HomeVisitRecord>> home_visits(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const std::string& status);
  core::Result<HomeVisitRecord> step_home_visit(const Actor& actor, const RequestContext& ctx,
                                                int64_t id, const HomeVisitStep& step);

  // Sends the reminders due now through `transport`, once; how many were sent.
  core::Result<int> send_due_reminders(MailTransport& transport);

  // Whether the booking counts as a no-show at `now_ms` (marked, or overdue).
  static bool is_no_show(const AppointmentRecord& a, const domain::queue::BookingRules& rules,
                         int64_t now_ms);

 private:
  core::Result<std::string> office_of(const Actor* actor, const std::string& requested);
  core::Result<CheckedIn> do_check_in(const Actor* actor, const RequestContext& ctx,
                                      AppointmentRecord a);
  core::Result<AppointmentRecord> staff_update(const Actor& actor, const RequestContext& ctx,
                                               int64_t id, const std::string& status,
                                               const char* action);
  core::Status limited(const RequestContext& ctx);
  void count_against(const RequestContext& ctx);
  // The booking or request `found` (by the public's reference) when `code` is its secret;
  // else `missing`, the miss counted against the client.
  template <typename Record>
  core::Result<Record> own_record(const RequestContext& ctx,
                                  core::Result<std::optional<Record>> found,
                                  const std::string& code, core::Error missing);

  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
  QueueService& queue_;
  PublicLimiter limiter_;
};

// Sends appointment reminders in the background (the day before, from 09:00): a pass every
// `poll`. Started only when the server has an SMTP server (--smtp).
class AppointmentReminders {
 public:
  AppointmentReminders(AppointmentService& appointments, MailTransport& transport,
                       std::chrono::milliseconds poll = std::chrono::seconds(5))
      : thread_(poll,
                [&appointments, &transport] { (void)appointments.send_due_reminders(transport); }) {
  }
  void start() { thread_.start(); }
  void stop() { thread_.stop(); }

 private:
  PollingThread thread_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_APPOINTMENT_SERVICE_H_
