#include "service/queue_service.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "service/errors.h"
#include "service/queue_common.h"

namespace huji::service {

namespace q = domain::queue;
using core::Error;
using core::Result;

namespace {

using queue_common::changed_meanwhile;
using queue_common::find_service;
using queue_common::staff_may_read;
using queue_common::staff_may_serve;
using queue_common::unknown_service;

Error no_such_office(const std::string& office) {
  return Error::not_found("queue.office", "此戶政事務所未設定叫號服務：" + office,
                          "this office has no queue configured: " + office);
}

}  // namespace

namespace {

nlohmann::json display_json(const QueueEvent& e) {
  nlohmann::json detail = nlohmann::json::parse(e.detail, nullptr, false);
  if (!detail.is_object()) detail = nlohmann::json::object();
  nlohmann::json m = {{"type", "call"},
                      {"seq", e.display_seq},
                      {"ticket_id", e.ticket_id},
                      {"number", detail.value("number", 0)},
                      {"counter", e.counter},
                      {"counter_name_zh", detail.value("counter_name_zh", "")},
                      {"counter_name_en", detail.value("counter_name_en", "")},
                      {"service", detail.value("service", "")},
                      {"recall", e.kind == "recall"},
                      {"at_ms", e.at_ms}};
  return m;
}

}  // namespace

std::string display_message(const QueueEvent& e) { return display_json(e).dump(); }

std::string snapshot_message(const DisplaySnapshot& s) {
  nlohmann::json counters = nlohmann::json::array();
  for (const auto& c : s.counters) {
    counters.push_back({{"counter", c.counter.id},
                        {"name_zh", c.counter.name_zh},
                        {"name_en", c.counter.name_en},
                        {"open", c.counter.open},
                        {"number", c.number},
                        {"service", c.service},
                        {"called_ms", c.called_ms}});
  }
  nlohmann::json recent = nlohmann::json::array();
  for (const auto& e : s.recent) recent.push_back(display_json(e));
  return nlohmann::json{
      {"type", "snapshot"}, {"seq", s.seq}, {"counters", counters}, {"recent", recent}}
      .dump();
}

std::mutex& QueueService::office_lock(const std::string& office) {
  std::lock_guard lock(locks_mu_);
  auto& m = locks_[office];
  if (!m) m = std::make_unique<std::mutex>();
  return *m;
}

Result<std::string> QueueService::public_office(const std::string& requested) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  if (!requested.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto ss, tx->queue_services(requested));
    if (ss.empty()) return no_such_office(requested);
    return requested;
  }
  HUJI_ASSIGN_OR_RETURN(auto offices, tx->list_offices());
  std::string found;
  for (const auto& o : offices) {
    HUJI_ASSIGN_OR_RETURN(auto ss, tx->queue_services(o.code));
    if (ss.empty()) continue;
    if (!found.empty()) {
      return Error::invalid("queue.office_required", "請指定戶政事務所（office）",
                            "name the office (office): more than one has a queue");
    }
    found = o.code;
  }
  if (found.empty()) {
    return Error::not_found("queue.office", "尚無戶政事務所設定叫號服務",
                            "no office has a queue configured");
  }
  return found;
}

Result<std::vector<q::Service>> QueueService::services(const std::string& office) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto all, tx->queue_services(office));
  std::vector<q::Service> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [](const q::Service& s) { return s.active; });
  return out;
}

Result<std::vector<q::Counter>> QueueService::counters(const Actor& actor) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.counters");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->counters(actor.office_code);
}

Result<q::Policy> QueueService::policy(const std::string& office) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return queue_common::policy_of(*tx, office);
}

core::Status QueueService::estimate(QueueTx& tx, const std::string& office,
                                    std::vector<TicketView>& views,
                                    const std::vector<q::Ticket>& waiting,
                                    const std::vector<q::Counter>& counters, int64_t now_ms) {
  HUJI_ASSIGN_OR_RETURN(auto state, estimates_.state(tx, office, waiting, counters, now_ms));
  int64_t last_id = 0;
  for (const auto& w : waiting) last_id = std::max(last_id, w.id);
  std::vector<int64_t> ids;  // the estimated ticket of each view (0: none)
  for (auto& v : views) {
    if (v.ticket.status != q::kWaiting) {
      ids.push_back(0);
      continue;
    }
    const bool known = std::any_of(waiting.begin(), waiting.end(),
                                   [&](const q::Ticket& w) { return w.id == v.ticket.id; });
    q::Ticket joining = v.ticket;
    if (!known) {
      joining.id = ++last_id;  // after every ticket waiting, as its row will be
      state.waiting.push_back(joining);
    }
    ids.push_back(joining.id);
  }
  HUJI_ASSIGN_OR_RETURN(auto history, estimates_.history(tx, office, now_ms));
  const auto estimates = q::estimate_waits(state, history);
  for (size_t i = 0; i < views.size(); ++i) {
    if (ids[i] == 0) continue;
    for (const q::WaitEstimate& e : estimates) {
      if (e.ticket_id != ids[i]) continue;
      views[i].position = e.position;
      views[i].estimated_wait_min = static_cast<int>(std::lround(e.wait_min));
      views[i].estimate_low_min = static_cast<int>(std::floor(e.low_min));
      views[i].estimate_high_min = static_cast<int>(std::ceil(e.high_min));
      break;
    }
  }
  return {};
}

Result<std::vector<q::ServiceLoad>> QueueService::advice(const Actor& actor) {
  if (!staff_may_serve(actor)) return errors::forbidden("queue.advice");
  const std::string& office = actor.office_code;
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto services, tx->queue_services(office));
  HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(office));
  HUJI_ASSIGN_OR_RETURN(auto waiting,
                        tx->tickets_of_day(office, core::taipei_date_of_ms(now), q::kWaiting));
  HUJI_ASSIGN_OR_RETURN(
      auto state, estimates_.state(*tx, office, std::move(waiting), std::move(counters), now));
  HUJI_ASSIGN_OR_RETURN(auto history, estimates_.history(*tx, office, now));
  return q::advise(state, services, history);
}

Result<TicketView> QueueService::issue(const Actor* actor, const RequestContext& ctx,
                                       const TicketRequest& request, const std::string& source) {
  std::string office;
  if (actor) {
    if (!staff_may_serve(*actor)) return errors::forbidden("queue.issue");
    if (!request.office.empty() && request.office != actor->office_code) {
      return errors::forbidden("queue.issue");
    }
    office = actor->office_code;
  } else {
    HUJI_ASSIGN_OR_RETURN(office, public_office(request.office));
  }
  if (request.priority && !request.priority_reason.empty() &&
      request.priority_reason != "elderly" && request.priority_reason != "disabled" &&
      request.priority_reason != "pregnant") {
    return Error::invalid("queue.priority_reason",
                          "優先原因須為 elderly（長者）、disabled（身心障礙）或 pregnant（孕婦）",
                          "priority_reason is elderly, disabled or pregnant");
  }
  if (!request.priority && !request.priority_reason.empty()) {
    return Error::invalid("queue.priority_reason", "非優先號碼不得填優先原因",
                          "priority_reason is only for priority tickets");
  }
  const int64_t now = clock_.now_ms();
  q::Ticket t;
  t.office_code = office;
  t.service = request.service;
  t.priority = request.priority;
  t.priority_reason = request.priority_reason;
  t.source = source;
  t.arrived_ms = now;
  t.ready_ms = now;
  std::lock_guard office_guard(office_lock(office));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(TicketView view, add_ticket(*tx, t, actor ? actor->username : source, now,
                                                    actor ? nullptr : &ctx));
  HUJI_TRY(tx->commit());
  return view;
}

Result<TicketView> QueueService::issue_for_appointment(
    const std::string& office, const std::string& service, int64_t appointment_id, int64_t ready_ms,
    const std::string& source, const std::string& actor_name, const WithinIssue& within) {
  const int64_t now = clock_.now_ms();
  q::Ticket t;
  t.office_code = office;
  t.service = service;
  t.source = source;
  t.arrived_ms = now;
  t.ready_ms = std::max(ready_ms, now);
  t.appointment_id = appointment_id;
  std::lock_guard office_guard(office_lock(office));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(TicketView view, add_ticket(*tx, t, actor_name, now, nullptr));
  HUJI_TRY(within(*tx, view.ticket));
  HUJI_TRY(tx->commit());
  return view;
}

Result<TicketView> QueueService::add_ticket(Transaction& tx, q::Ticket t,
                                            const std::string& actor_name, int64_t now,
                                            const RequestContext* public_client) {
  const core::Date today = core::taipei_date_of_ms(now);
  HUJI_ASSIGN_OR_RETURN(auto services, tx.queue_services(t.office_code));
  const q::Service* service = find_service(services, t.service);
  if (!service || !service->active) return unknown_service(t.service);
  HUJI_ASSIGN_OR_RETURN(int last, tx.last_daily_no(t.office_code, today, service->code));
  if (last >= 999) {
    return Error::conflict("queue.full", "本服務今日號碼已發完（999 張）",
                           "this service has issued all 999 of today's numbers");
  }
  // The last numbers of the day are the counters' own (clerks and appointments): a flood of
  // public tickets cannot leave the clerks without numbers.
  if (public_client && last >= kPublicNumbers) {
    return Error::conflict("queue.full", "本服務今日可自行取號的號碼已發完，請洽服務台",
                           "this service has issued all of today's public numbers; ask at the "
                           "information desk");
  }
  t.day = today;
  t.issued_service = service->code;
  t.daily_no = last + 1;
  t.number = q::ticket_number(*service, t.daily_no);
  HUJI_ASSIGN_OR_RETURN(auto waiting, tx.tickets_of_day(t.office_code, today, q::kWaiting));
  // Refused before the estimate and the insert: a refused client costs little under the lock.
  std::string source_key;
  if (public_client) {
    HUJI_ASSIGN_OR_RETURN(source_key, limit_public(*public_client, t, waiting));
  }
  HUJI_ASSIGN_OR_RETURN(auto counters, tx.counters(t.office_code));
  std::vector<TicketView> views(1);
  views[0].ticket = t;
  HUJI_TRY(estimate(tx, t.office_code, views, waiting, counters, now));
  t.estimated_wait_min = views[0].estimated_wait_min;
  HUJI_ASSIGN_OR_RETURN(t.id, tx.insert_ticket(t));
  if (!source_key.empty()) note_public(t, source_key);
  QueueEvent e;
  e.office_code = t.office_code;
  e.ticket_id = t.id;
  e.kind = "issue";
  e.actor = actor_name;
  e.at_ms = now;
  nlohmann::json detail = {{"number", t.number},
                           {"service", t.service},
                           {"priority", t.priority},
                           {"source", t.source},
                           {"estimated_wait_min", t.estimated_wait_min}};
  if (t.appointment_id != 0) detail["appointment_id"] = t.appointment_id;
  e.detail = detail.dump();
  HUJI_TRY(tx.append_queue_event(e));
  views[0].ticket = t;
  return views[0];
}

Result<std::optional<TicketView>> QueueService::call_next(const Actor& actor,
                                                          const RequestContext& /*ctx*/,
                                                          const std::string& counter_id) {
  if (!staff_may_serve(actor)) return errors::forbidden("queue.call");
  HUJI_ASSIGN_OR_RETURN(auto at, queue_common::at_counter(store_, office_lock(actor.office_code),
                                                          clock_.now_ms(), actor, counter_id));
  auto& tx = at.tx;
  const q::Counter* counter = at.counter;
  const std::string& office = actor.office_code;
  const int64_t now = at.now;
  const core::Date today = at.today;
  HUJI_ASSIGN_OR_RETURN(const q::Policy policy, queue_common::policy_of(*tx, office));
  HUJI_TRY(finish_serving(*tx, actor, counter_id, now, today));
  HUJI_ASSIGN_OR_RETURN(auto latest, tx->latest_calls(office, today, policy.priority_ratio + 1));
  q::CallState state;
  for (const auto& t : latest) {
    if (!t.priority) break;
    ++state.priority_streak;
  }
  HUJI_ASSIGN_OR_RETURN(auto waiting, tx->tickets_of_day(office, today, q::kWaiting));
  auto choice = q::choose_next(waiting, *counter, policy, state, now);
  if (!choice) {
    HUJI_TRY(tx->commit());
    return std::optional<TicketView>();
  }
  HUJI_ASSIGN_OR_RETURN(auto called, record_call(*tx, actor, *counter, waiting, choice->index,
                                                 q::reason_code(choice->reason), now));
  HUJI_TRY(tx->commit());
  // Published while the office's lock is held: displays get calls in sequence order.
  publish(called.event);
  return std::optional<TicketView>(TicketView{called.ticket, 0, 0, 0, 0});
}

Result<TicketView> QueueService::ticket(int64_t id) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_ticket(id));
  if (!found) {
    return Error::not_found("queue.no_ticket", "查無此號碼牌", "no such ticket");
  }
  std::vector<TicketView> views(1);
  views[0].ticket = *found;
  if (found->status == q::kWaiting && found->day == core::taipei_date_of_ms(clock_.now_ms())) {
    HUJI_ASSIGN_OR_RETURN(auto waiting,
                          tx->tickets_of_day(found->office_code, found->day, q::kWaiting));
    HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(found->office_code));
    HUJI_TRY(estimate(*tx, found->office_code, views, waiting, counters, clock_.now_ms()));
  }
  return views[0];
}

Result<TicketView> QueueService::ticket(const Actor& actor, int64_t id) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.tickets");
  HUJI_ASSIGN_OR_RETURN(TicketView v, ticket(id));
  if (v.ticket.office_code != actor.office_code) {
    return Error::denied("queue.other_office", "此號碼牌屬其他戶政事務所",
                         "the ticket belongs to another office");
  }
  return v;
}

Result<std::vector<TicketView>> QueueService::today(const Actor& actor, const std::string& status) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.tickets");
  const int64_t now = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  const core::Date day = core::taipei_date_of_ms(now);
  HUJI_ASSIGN_OR_RETURN(auto tickets, tx->tickets_of_day(actor.office_code, day, status));
  HUJI_ASSIGN_OR_RETURN(auto waiting, tx->tickets_of_day(actor.office_code, day, q::kWaiting));
  HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(actor.office_code));
  std::vector<TicketView> views;
  views.reserve(tickets.size());
  for (auto& t : tickets) views.push_back(TicketView{std::move(t), 0, 0, 0, 0});
  HUJI_TRY(estimate(*tx, actor.office_code, views, waiting, counters, now));
  return views;
}

Result<std::vector<QueueEvent>> QueueService::display_events_after(const std::string& office,
                                                                   int64_t after, int limit) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->display_events_after(office, after, limit);
}

Result<DisplaySnapshot> QueueService::display_snapshot(const std::string& office, int recent) {
  const core::Date today = core::taipei_date_of_ms(clock_.now_ms());
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  DisplaySnapshot s;
  HUJI_ASSIGN_OR_RETURN(s.seq, tx->last_display_seq(office));
  HUJI_ASSIGN_OR_RETURN(
      s.recent, tx->display_events_after(office, std::max<int64_t>(0, s.seq - recent), recent));
  HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(office));
  HUJI_ASSIGN_OR_RETURN(auto latest, tx->latest_calls(office, today, 200));
  for (auto& c : counters) {
    DisplaySnapshot::Serving serving{std::move(c), 0, "", 0};
    // latest_calls is latest first: the first of this counter is what it serves now.
    for (const auto& t : latest) {
      if (t.counter != serving.counter.id) continue;
      serving.number = t.number;
      serving.service = t.service;
      serving.called_ms = t.called_ms;
      break;
    }
    s.counters.push_back(std::move(serving));
  }
  return s;
}

}  // namespace huji::service
