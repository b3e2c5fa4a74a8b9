#include "service/appointment_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/id_number.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/login_throttle.h"
#include "service/text_limits.h"

namespace huji::service {

namespace q = domain::queue;
using core::Error;
using core::Result;
using core::Status;

namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kReminderHourMs = int64_t{9} * 3'600'000;  // 09:00 the day before
constexpr int64_t kReminderLeaseMs = 120'000;
constexpr const char* kPublic = "(public)";
// Crockford's base32 without look-alikes: what a reference and a code are written in.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

Actor public_actor(const std::string& office_code) {
  Actor a;
  a.username = kPublic;
  a.anonymous = true;
  a.office_code = office_code;
  return a;
}

// The server itself, sending a reminder (no staff username has parentheses).
Actor reminder_actor(const std::string& office_code) {
  Actor a = public_actor(office_code);
  a.username = "(reminders)";
  return a;
}

std::string random_code(size_t n) {
  std::string out;
  uint64_t bits = random_u64();
  for (size_t i = 0; i < n; ++i) {
    if (i % 12 == 11) bits = random_u64();
    out += kAlphabet[bits % kAlphabet.size()];
    bits /= kAlphabet.size();
  }
  return out;
}

std::string normalised(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ' '; }), s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return s;
}

bool may_serve(const Actor& a) {
  return a.role == domain::Role::kClerk || a.role == domain::Role::kSupervisor;
}

Error not_found() {
  return Error::not_found("appointment.not_found", "查無此預約：預約編號或密碼不符",
                          "no such appointment: the reference or code does not match");
}

Error changed() {
  return Error::conflict("appointment.changed", "預約已被他人變更，請重新整理",
                         "the appointment was changed meanwhile; reload");
}

Error not_open(const std::string& status) {
  return Error::conflict("appointment.not_booked", "此預約狀態為 " + status + "，無法辦理",
                         "the appointment is " + status + ", not booked");
}

Status check_person(const std::string& name, const std::string& id_number, const std::string& phone,
                    const std::string& email) {
  HUJI_TRY(check_text(name, "appointment.name", "請填姓名", "name is required"));
  if (!core::IdNumber::is_valid(id_number)) {
    return Error::invalid("appointment.id_number", "身分證統一編號不正確",
                          "the ID number is not valid");
  }
  const bool phone_ok = phone.size() >= 6 && phone.size() <= 20 &&
                        std::all_of(phone.begin(), phone.end(), [](char c) {
                          return std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
                                 c == '+' || c == ' ' || c == '#';
                        });
  if (!phone_ok) {
    return Error::invalid("appointment.phone", "請填正確的電話號碼（6 至 20 碼）",
                          "phone is 6 to 20 digits");
  }
  const size_t at = email.find('@');
  if (!email.empty() && (at == std::string::npos || at == 0 || at + 1 >= email.size() ||
                         email.size() > 254 || email.find_first_of(" \r\n<>,;") != email.npos)) {
    return Error::invalid("appointment.email", "電子郵件地址不正確",
                          "the e-mail address is not valid");
  }
  return {};
}

AuditRecord audit_of(const char* action, const std::string& id_number, const std::string& purpose,
                     const std::string& outcome = "ok") {
  return AuditRecord{action, id_number, purpose, outcome};
}

}  // namespace

int64_t PublicLimiter::wait_s(const std::string& address, int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = events_.find(LoginThrottle::address_key(address));
  if (it == events_.end()) return 0;
  auto& d = it->second;
  while (!d.empty() && d.front() <= now_ms - window_ms_) d.pop_front();
  if (static_cast<int>(d.size()) < max_) return 0;
  return std::max<int64_t>(1, (d.front() + window_ms_ - now_ms + 999) / 1000);
}

void PublicLimiter::record(const std::string& address, int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (events_.size() > 100'000) events_.clear();  // a flood of addresses: start again
  auto& d = events_[LoginThrottle::address_key(address)];
  d.push_back(now_ms);
  while (static_cast<int>(d.size()) > max_) d.pop_front();
}

Status AppointmentService::limited(const RequestContext& ctx) {
  const int64_t wait = limiter_.wait_s(ctx.source_address, clock_.now_ms());
  if (wait == 0) return {};
  Error e = Error::too_many("appointment.rate_limited",
                            "嘗試次數過多，請於 " + std::to_string(wait) + " 秒後再試",
                            "too many attempts; try again in " + std::to_string(wait) + " seconds");
  e.retry_after_s = wait;
  return e;
}

void AppointmentService::count_against(const RequestContext& ctx) {
  limiter_.record(ctx.source_address, clock_.now_ms());
}

bool AppointmentService::is_no_show(const AppointmentRecord& a, const q::BookingRules& rules,
                                    int64_t now_ms) {
  if (a.status == q::kApptNoShow) return true;
  return a.status == q::kBooked && now_ms > q::no_show_at_ms(rules, a.slot_end_ms);
}

Result<q::BookingRules> AppointmentService::rules(const std::string& office) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(std::string text, at->appointment_rules_text(office));
  if (text.empty()) return q::BookingRules{};
  auto r = q::parse_rules(text);
  if (!r)
    return Error::internal("store.corrupt", "預約規則設定毀損", "stored booking rules are corrupt");
  return *r;
}

Result<q::BookingRules> AppointmentService::put_rules(const Actor& actor, const RequestContext& ctx,
                                                      const q::BookingRules& rules) {
  if (actor.role != domain::Role::kAdmin) return errors::forbidden("appointment.rules");
  HUJI_TRY(q::check_rules(rules));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_TRY(at->put_appointment_rules_text(actor.office_code, q::rules_text(rules), actor.username,
                                          clock_.now_ms()));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        audit_of("appointment.rules", "", "office configuration")));
  HUJI_TRY(tx->commit());
  return rules;
}

Result<std::string> AppointmentService::office_of(const Actor* actor,
                                                  const std::string& requested) {
  if (!actor) return queue_.public_office(requested);
  if (!requested.empty() && requested != actor->office_code) {
    return errors::forbidden("appointment.office");
  }
  return actor->office_code;
}

Result<DaySlots> AppointmentService::slots(const std::string& office, const std::string& kind,
                                           const std::string& service, core::Date day) {
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(office));
  const auto calendar = calendar_.get();
  HUJI_ASSIGN_OR_RETURN(q::DayKind day_kind, q::day_kind(r, *calendar, day));
  const bool director = kind == q::kDirectorMeeting;
  DaySlots out;
  out.office = office;
  out.day = day;
  out.kind = day_kind;
  const std::vector<int> starts =
      director ? q::director_slot_starts(r, day_kind, day) : q::slot_starts(r, day_kind);
  if (starts.empty()) return out;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(auto booked, at->appointments_of_day(office, day));
  const int64_t now = clock_.now_ms();
  for (int start : starts) {
    SlotView v;
    v.start_min = start;
    v.slot_ms = q::slot_ms(day, start);
    q::BookingRequest req{kind, service, day, start};
    q::BookingFacts facts;
    for (const auto& a : booked) {
      const bool live = a.status == q::kBooked || a.status == q::kCheckedIn;
      if (live && a.start_min == start && a.kind == kind && (director || a.service == service)) {
        ++facts.slot_taken;
      }
    }
    v.capacity = director ? 1 : q::capacity_of(r, service);
    v.remaining = std::max(0, v.capacity - facts.slot_taken);
    v.bookable = q::check_booking(r, *calendar, now, req, facts).ok();
    out.slots.push_back(v);
  }
  return out;
}

Result<Booked> AppointmentService::book(const Actor* actor, const RequestContext& ctx,
                                        BookingInput in) {
  if (actor && !may_serve(*actor)) return errors::forbidden("appointment.book");
  if (!actor) HUJI_TRY(limited(ctx));
  HUJI_ASSIGN_OR_RETURN(std::string office, office_of(actor, in.office));
  in.id_number = normalised(in.id_number);
  HUJI_TRY(check_person(in.name, in.id_number, in.phone, in.email));
  const bool director = in.kind == q::kDirectorMeeting;
  if (!director && in.kind != q::kCounterVisit) {
    return Error::invalid("appointment.kind", "預約種類須為 counter（臨櫃）或 director（與民有約）",
                          "kind is counter or director");
  }
  if (director) {
    HUJI_TRY(check_text(in.topic, "appointment.topic", "請填陳述事項", "topic is required"));
    in.service = "director";
  } else {
    in.topic.clear();
  }
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(office));
  const auto calendar = calendar_.get();
  const int64_t now = clock_.now_ms();
  const Actor who = actor ? *actor : public_actor(office);
  Booked out;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  if (!director) {
    HUJI_ASSIGN_OR_RETURN(auto services, tx->queue_services(office));
    const bool known = std::any_of(services.begin(), services.end(), [&](const q::Service& s) {
      return s.code == in.service && s.active;
    });
    if (!known) {
      return Error::not_found("queue.unknown_service", "無此服務項目：" + in.service,
                              "no such service: " + in.service);
    }
  }
  q::BookingFacts facts;
  HUJI_ASSIGN_OR_RETURN(auto mine, at->person_appointments_of_day(in.id_number, in.day));
  for (const auto& a : mine) {
    if (a.status == q::kBooked || a.status == q::kCheckedIn) ++facts.person_bookings_that_day;
  }
  HUJI_ASSIGN_OR_RETURN(facts.no_shows,
                        at->no_show_days(in.id_number, now - r.no_show_grace_min * kMinuteMs));
  HUJI_ASSIGN_OR_RETURN(auto day, at->appointments_of_day(office, in.day));
  for (const auto& a : day) {
    const bool live = a.status == q::kBooked || a.status == q::kCheckedIn;
    if (live && a.start_min == in.start_min && a.kind == in.kind && a.service == in.service) {
      ++facts.slot_taken;
    }
  }
  q::BookingRequest req{in.kind, in.service, in.day, in.start_min};
  if (Status ok = q::check_booking(r, *calendar, now, req, facts); !ok.ok()) {
    if (!actor) count_against(ctx);
    HUJI_TRY(append_audit(
        *tx, clock_, who, ctx,
        audit_of("appointment.book", in.id_number, actor ? "appointment phone booking" : "self",
                 "refused " + ok.error().code)));
    HUJI_TRY(tx->commit());
    return ok.error();
  }
  AppointmentRecord a;
  a.office_code = office;
  a.reference = "A" + random_code(9);
  out.code = random_code(8);
  a.secret_hash = sha256_hex(out.code);
  a.kind = in.kind;
  a.service = in.service;
  a.day = in.day;
  a.start_min = in.start_min;
  a.slot_ms = q::slot_ms(in.day, in.start_min);
  a.slot_end_ms = a.slot_ms + (director ? r.director_slot_min : r.slot_min) * kMinuteMs;
  a.name = in.name;
  a.id_number = in.id_number;
  a.phone = in.phone;
  a.email = in.email;
  a.topic = in.topic;
  a.source = actor ? "phone" : "web";
  a.created_ms = now;
  a.created_by = who.username;
  a.updated_ms = now;
  if (!a.email.empty()) {
    a.reminder_status = "pending";
    a.reminder_due_ms =
        std::max(now, core::taipei_day_start_ms(in.day.add_days(-1)) + kReminderHourMs);
  }
  HUJI_ASSIGN_OR_RETURN(a.id, at->insert_appointment(a));
  HUJI_TRY(append_audit(
      *tx, clock_, who, ctx,
      audit_of("appointment.book", a.id_number, actor ? "appointment phone booking" : "self")));
  HUJI_TRY(tx->commit());
  if (!actor) count_against(ctx);
  out.appointment = std::move(a);
  return out;
}

template <typename Record>
Result<Record> AppointmentService::own_record(const RequestContext& ctx,
                                              Result<std::optional<Record>> found,
                                              const std::string& code, Error missing) {
  HUJI_ASSIGN_OR_RETURN(std::optional<Record> record, std::move(found));
  if (!record || record->secret_hash != sha256_hex(normalised(code))) {
    count_against(ctx);
    return missing;
  }
  return std::move(*record);
}

Result<AppointmentRecord> AppointmentService::lookup(const RequestContext& ctx,
                                                     const std::string& reference,
                                                     const std::string& code) {
  HUJI_TRY(limited(ctx));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(
      AppointmentRecord found,
      own_record(ctx, tx->find_appointment_by_reference(normalised(reference)), code, not_found()));
  HUJI_TRY(append_audit(*tx, clock_, public_actor(found.office_code), ctx,
                        audit_of("appointment.read", found.id_number, "self")));
  HUJI_TRY(tx->commit());
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(found.office_code));
  if (is_no_show(found, r, clock_.now_ms())) found.status = q::kApptNoShow;
  return found;
}

Result<AppointmentRecord> AppointmentService::cancel_own(const RequestContext& ctx,
                                                         const std::string& reference,
                                                         const std::string& code) {
  HUJI_TRY(limited(ctx));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(
      AppointmentRecord a,
      own_record(ctx, at->find_appointment_by_reference(normalised(reference)), code, not_found()));
  if (a.status != q::kBooked || clock_.now_ms() >= a.slot_ms) return not_open(a.status);
  a.status = q::kApptCancelled;
  a.updated_ms = clock_.now_ms();
  if (a.reminder_status == "pending") a.reminder_status = "none";
  ++a.version;
  HUJI_ASSIGN_OR_RETURN(bool ok, at->update_appointment(a));
  if (!ok) return changed();
  HUJI_TRY(append_audit(*tx, clock_, public_actor(a.office_code), ctx,
                        audit_of("appointment.cancel", a.id_number, "self")));
  HUJI_TRY(tx->commit());
  return a;
}

Result<AppointmentRecord> AppointmentService::staff_update(const Actor& actor,
                                                           const RequestContext& ctx, int64_t id,
                                                           const std::string& status,
                                                           const char* action) {
  if (!may_serve(actor)) return errors::forbidden(action);
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(actor.office_code));
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(auto found, at->find_appointment(id));
  if (!found || found->office_code != actor.office_code) {
    return Error::not_found("appointment.not_found", "查無此預約", "no such appointment");
  }
  AppointmentRecord a = *found;
  if (a.status != q::kBooked) return not_open(a.status);
  if (status == q::kApptNoShow && now <= a.slot_ms + r.late_min * kMinuteMs) {
    return Error::conflict("appointment.not_due", "預約時段尚未逾時，不得登記未到",
                           "the slot has not passed; it is too early for a no-show");
  }
  a.status = status;
  a.updated_ms = now;
  if (a.reminder_status == "pending") a.reminder_status = "none";
  ++a.version;
  HUJI_ASSIGN_OR_RETURN(bool ok, at->update_appointment(a));
  if (!ok) return changed();
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, audit_of(action, a.id_number, "appointment")));
  HUJI_TRY(tx->commit());
  return a;
}

Result<AppointmentRecord> AppointmentService::cancel(const Actor& actor, const RequestContext& ctx,
                                                     int64_t id) {
  return staff_update(actor, ctx, id, q::kApptCancelled, "appointment.cancel");
}

Result<AppointmentRecord> AppointmentService::mark_no_show(const Actor& actor,
                                                           const RequestContext& ctx, int64_t id) {
  return staff_update(actor, ctx, id, q::kApptNoShow, "appointment.no_show");
}

Result<CheckedIn> AppointmentService::check_in_own(const RequestContext& ctx,
                                                   const std::string& reference,
                                                   const std::string& id_number) {
  HUJI_TRY(limited(ctx));
  std::optional<AppointmentRecord> found;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    AppointmentTx* at = tx.get();
    HUJI_ASSIGN_OR_RETURN(found, at->find_appointment_by_reference(normalised(reference)));
  }
  if (!found || found->id_number != normalised(id_number)) {
    count_against(ctx);
    return Error::not_found("appointment.not_found", "查無此預約：預約編號或身分證統一編號不符",
                            "no such appointment: the reference or ID number does not match");
  }
  return do_check_in(nullptr, ctx, *found);
}

Result<CheckedIn> AppointmentService::check_in(const Actor& actor, const RequestContext& ctx,
                                               int64_t id) {
  if (!may_serve(actor)) return errors::forbidden("appointment.check_in");
  std::optional<AppointmentRecord> found;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    AppointmentTx* at = tx.get();
    HUJI_ASSIGN_OR_RETURN(found, at->find_appointment(id));
  }
  if (!found || found->office_code != actor.office_code) {
    return Error::not_found("appointment.not_found", "查無此預約", "no such appointment");
  }
  return do_check_in(&actor, ctx, *found);
}

Result<CheckedIn> AppointmentService::do_check_in(const Actor* actor, const RequestContext& ctx,
                                                  AppointmentRecord a) {
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(a.office_code));
  const int64_t now = clock_.now_ms();
  if (a.kind != q::kCounterVisit) {
    return Error::conflict("appointment.not_counter", "與民有約無須取號",
                           "a director meeting takes no ticket");
  }
  if (a.status != q::kBooked) return not_open(a.status);
  if (core::taipei_date_of_ms(now) != a.day) {
    return Error::conflict("appointment.not_today", "預約日期為 " + a.day.to_iso() + "，非今日",
                           "the appointment is on " + a.day.to_iso() + ", not today");
  }
  if (is_no_show(a, r, now)) {
    return Error::conflict("appointment.no_show", "預約時段已過，已列為未到；請現場抽號",
                           "the slot has passed and counts as a no-show; take an ordinary ticket");
  }
  const bool late = q::is_late(r, a.slot_ms, now);
  const Actor who = actor ? *actor : public_actor(a.office_code);
  const std::string source = late ? (actor ? "clerk" : "kiosk") : "appointment";
  CheckedIn out;
  auto within = [&](Transaction& tx, const q::Ticket& t) -> Status {
    AppointmentTx* lat = &tx;
    a.status = late ? q::kWalkIn : q::kCheckedIn;
    a.ticket_id = t.id;
    a.updated_ms = now;
    if (a.reminder_status == "pending") a.reminder_status = "none";
    ++a.version;
    HUJI_ASSIGN_OR_RETURN(bool ok, lat->update_appointment(a));
    if (!ok) return changed();
    return append_audit(
        tx, clock_, who, ctx,
        audit_of("appointment.check_in", a.id_number, actor ? "appointment" : "self"));
  };
  HUJI_ASSIGN_OR_RETURN(out.ticket, queue_.issue_for_appointment(
                                        a.office_code, a.service, late ? 0 : a.id,
                                        late ? now : a.slot_ms, source, who.username, within));
  out.appointment = std::move(a);
  return out;
}

Result<std::vector<AppointmentRecord>> AppointmentService::of_day(const Actor& actor,
                                                                  const RequestContext& ctx,
                                                                  core::Date day) {
  if (!may_serve(actor)) return errors::forbidden("appointment.list");
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(actor.office_code));
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(auto list, at->appointments_of_day(actor.office_code, day));
  std::vector<AuditRecord> audit;
  audit.reserve(list.size());
  for (auto& a : list) {
    if (a.status == q::kBooked && is_no_show(a, r, now)) {
      a.status = q::kApptNoShow;
      a.updated_ms = now;
      if (a.reminder_status == "pending") a.reminder_status = "none";
      ++a.version;
      HUJI_ASSIGN_OR_RETURN(bool ok, at->update_appointment(a));
      if (!ok) return changed();
    }
    audit.push_back(audit_of("appointment.list", a.id_number,
                             std::string(kWorkQueuePurpose) + " 預約清單 " + day.to_iso()));
  }
  if (!audit.empty()) HUJI_TRY(append_audit(*tx, clock_, actor, ctx, audit));
  HUJI_TRY(tx->commit());
  return list;
}

Result<HomeVisitRequested> AppointmentService::request_home_visit(const Actor* actor,
                                                                  const RequestContext& ctx,
                                                                  HomeVisitInput in) {
  if (actor && !may_serve(*actor)) return errors::forbidden("home_visit.request");
  if (!actor) HUJI_TRY(limited(ctx));
  HUJI_ASSIGN_OR_RETURN(std::string office, office_of(actor, in.office));
  in.id_number = normalised(in.id_number);
  HUJI_TRY(check_person(in.name, in.id_number, in.phone, in.email));
  HUJI_TRY(check_text(in.address, "home_visit.address", "請填到宅地址", "address is required"));
  if (!q::is_home_visit_reason(in.reason)) {
    return Error::invalid("home_visit.reason",
                          "到宅服務原因須為 disabled（身心障礙）、elderly_65_limited_mobility（65 "
                          "歲以上行動不便）或 seriously_ill（重病）",
                          "reason is disabled, elderly_65_limited_mobility or seriously_ill");
  }
  HUJI_TRY(check_text(in.detail, "home_visit.detail", "請填申辦事項", "detail is required"));
  const int64_t now = clock_.now_ms();
  const Actor who = actor ? *actor : public_actor(office);
  HomeVisitRequested out;
  HomeVisitRecord h;
  h.office_code = office;
  h.reference = "H" + random_code(9);
  out.code = random_code(8);
  h.secret_hash = sha256_hex(out.code);
  h.name = in.name;
  h.id_number = in.id_number;
  h.phone = in.phone;
  h.email = in.email;
  h.address = in.address;
  h.reason = in.reason;
  h.detail = in.detail;
  h.created_ms = now;
  h.updated_by = who.username;
  h.updated_ms = now;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(h.id, at->insert_home_visit(h));
  HUJI_TRY(
      append_audit(*tx, clock_, who, ctx,
                   audit_of("home_visit.request", h.id_number, actor ? "appointment" : "self")));
  HUJI_TRY(tx->commit());
  if (!actor) count_against(ctx);
  out.visit = std::move(h);
  return out;
}

Result<HomeVisitRecord> AppointmentService::home_visit_of(const RequestContext& ctx,
                                                          const std::string& reference,
                                                          const std::string& code) {
  HUJI_TRY(limited(ctx));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(
      HomeVisitRecord found,
      own_record(ctx, tx->find_home_visit_by_reference(normalised(reference)), code,
                 Error::not_found("home_visit.not_found", "查無此到宅服務申請：編號或密碼不符",
                                  "no such home-visit request: the reference or code does not "
                                  "match")));
  HUJI_TRY(append_audit(*tx, clock_, public_actor(found.office_code), ctx,
                        audit_of("home_visit.read", found.id_number, "self")));
  HUJI_TRY(tx->commit());
  return found;
}

Result<std::vector<HomeVisitRecord>> AppointmentService::home_visits(const Actor& actor,
                                                                     const RequestContext& ctx,
                                                                     const std::string& status) {
  if (!may_serve(actor)) return errors::forbidden("home_visit.list");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(auto list, at->home_visits(actor.office_code, status));
  std::vector<AuditRecord> audit;
  audit.reserve(list.size());
  for (const auto& h : list) {
    audit.push_back(
        audit_of("home_visit.list", h.id_number, std::string(kWorkQueuePurpose) + " 到宅服務清單"));
  }
  if (!audit.empty()) HUJI_TRY(append_audit(*tx, clock_, actor, ctx, audit));
  HUJI_TRY(tx->commit());
  return list;
}

Result<HomeVisitRecord> AppointmentService::step_home_visit(const Actor& actor,
                                                            const RequestContext& ctx, int64_t id,
                                                            const HomeVisitStep& step) {
  if (!may_serve(actor)) return errors::forbidden("home_visit.step");
  HUJI_ASSIGN_OR_RETURN(q::BookingRules r, rules(actor.office_code));
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  AppointmentTx* at = tx.get();
  HUJI_ASSIGN_OR_RETURN(auto found, at->find_home_visit(id));
  if (!found || found->office_code != actor.office_code) {
    return Error::not_found("home_visit.not_found", "查無此到宅服務申請",
                            "no such home-visit request");
  }
  HomeVisitRecord h = *found;
  const bool open = h.status == "requested" || h.status == "scheduled" || h.status == "completed";
  if (!open) {
    return Error::conflict("home_visit.closed", "此申請已" + h.status,
                           "the request is " + h.status);
  }
  if (step.action == "schedule") {
    if (h.status == "scheduled") {
      return Error::conflict("home_visit.scheduled", "已排定訪視", "a visit is scheduled already");
    }
    if (h.visits >= r.max_home_visits) {
      return Error::conflict("home_visit.max_visits",
                             "每案到宅服務以 " + std::to_string(r.max_home_visits) + " 次為限",
                             "at most " + std::to_string(r.max_home_visits) + " visits per case");
    }
    if (step.at_ms <= now) {
      return Error::invalid("home_visit.at", "訪視時間須在未來", "the visit must be in the future");
    }
    h.status = "scheduled";
    h.scheduled_ms = step.at_ms;
  } else if (step.action == "complete") {
    if (h.status != "scheduled") {
      return Error::conflict("home_visit.not_scheduled", "尚未排定訪視", "no visit is scheduled");
    }
    h.status = "completed";
    ++h.visits;
  } else if (step.action == "decline") {
    if (h.status != "requested") {
      return Error::conflict("home_visit.not_requested", "僅能婉拒尚未排定之申請",
                             "only a request not yet scheduled may be declined");
    }
    h.status = "declined";
  } else {
    return Error::invalid("home_visit.action", "動作須為 schedule、complete 或 decline",
                          "action is schedule, complete or decline");
  }
  if (!step.note.empty()) h.staff_note = step.note;
  h.updated_by = actor.username;
  h.updated_ms = now;
  ++h.version;
  HUJI_ASSIGN_OR_RETURN(bool ok, at->update_home_visit(h));
  if (!ok) return changed();
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        audit_of("home_visit.step", h.id_number, "appointment " + step.action)));
  HUJI_TRY(tx->commit());
  return h;
}

Result<int> AppointmentService::send_due_reminders(MailTransport& transport) {
  std::vector<AppointmentRecord> due;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    AppointmentTx* at = tx.get();
    HUJI_ASSIGN_OR_RETURN(due, at->due_reminders(clock_.now_ms(), 20));
  }
  int sent = 0;
  for (auto a : due) {
    // Claimed by moving its due time past a lease: another server skips it meanwhile.
    {
      HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
      AppointmentTx* at = tx.get();
      a.reminder_due_ms = clock_.now_ms() + kReminderLeaseMs;
      ++a.version;
      HUJI_ASSIGN_OR_RETURN(bool mine, at->update_appointment(a));
      if (!mine) continue;
      HUJI_TRY(append_audit(*tx, clock_, reminder_actor(a.office_code), RequestContext{},
                            audit_of("appointment.remind", a.id_number, "reminder e-mail")));
      HUJI_TRY(tx->commit());
    }
    const std::string when = q::hhmm(a.start_min);
    MailMessage m;
    m.to = a.email;
    m.subject = "預約提醒 Appointment reminder " + a.reference;
    const std::string zh_day = a.day.to_roc();
    const std::string iso_day = a.day.to_iso();
    m.text.append(a.name)
        .append(" 您好：\r\n\r\n提醒您於 ")
        .append(zh_day)
        .append(" ")
        .append(when);
    m.text.append(" 至戶政事務所辦理（預約編號 ").append(a.reference);
    m.text.append(
        "）。請攜帶身分證件，逾時 15 分鐘以現場取號辦理；如不克前來，請以預約編號及密碼取消。");
    m.text.append("\r\n\r\nA reminder of your appointment on ").append(iso_day).append(" at ");
    m.text.append(when).append(" (reference ").append(a.reference);
    m.text.append(
        "). Please bring your ID; more than 15 minutes late, you take an ordinary ticket. ");
    m.text.append("If you cannot come, cancel it with your reference and code.\r\n");
    const Status result = transport.send(m);
    ++a.reminder_attempts;
    if (result.ok()) {
      a.reminder_status = "sent";
      ++sent;
    } else if (a.reminder_attempts >= MailOutbox::kMaxAttempts) {
      a.reminder_status = "failed";
    } else {
      a.reminder_due_ms = clock_.now_ms() + mail_retry_delay_ms(a.reminder_attempts);
    }
    ++a.version;
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    AppointmentTx* at = tx.get();
    HUJI_ASSIGN_OR_RETURN(bool ok, at->update_appointment(a));
    if (ok) HUJI_TRY(tx->commit());
  }
  return sent;
}

}  // namespace huji::service
