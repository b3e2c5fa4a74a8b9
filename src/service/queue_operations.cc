// The counter queue's operations beyond issuing and call-next (issue 20): a chosen call,
// recall, no-show and return, transfer, finish with a link, cancel, the board, and the
// configuration of services, counters and the policy. See queue_service.h.

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "service/audit.h"
#include "service/document_registry.h"
#include "service/errors.h"
#include "service/queue_common.h"
#include "service/queue_service.h"

namespace huji::service {

namespace q = domain::queue;
using core::Error;
using core::Result;
using core::Status;
using queue_common::changed_meanwhile;
using queue_common::find_counter;
using queue_common::find_service;
using queue_common::policy_of;
using queue_common::staff_may_read;
using queue_common::staff_may_serve;

namespace {

const char* status_zh(const std::string& status) {
  if (status == q::kWaiting) return "等候中";
  if (status == q::kCalled) return "已叫號";
  if (status == q::kDone) return "已完成";
  if (status == q::kNoShow) return "未到（過號）";
  return "已取消";
}

Error wrong_status(const q::Ticket& t, const std::string& zh_action, const std::string& en_action) {
  return Error::conflict("queue.wrong_status",
                         std::string("此號碼牌") + status_zh(t.status) + "，不能" + zh_action,
                         "a ticket that is " + t.status + " cannot be " + en_action);
}

// The ticket `id` of the actor's office, at `version` when one is given.
Result<q::Ticket> ticket_of_office(QueueTx& tx, const Actor& actor, int64_t id,
                                   std::optional<int64_t> version) {
  HUJI_ASSIGN_OR_RETURN(auto found, tx.find_ticket(id));
  if (!found) return Error::not_found("queue.no_ticket", "查無此號碼牌", "no such ticket");
  if (found->office_code != actor.office_code) {
    return Error::denied("queue.other_office", "此號碼牌屬其他戶政事務所",
                         "this ticket belongs to another office");
  }
  if (version && *version != found->version) return changed_meanwhile();
  return *found;
}

// A call or recall of `t` at `counter` (null: a counter no longer configured), carrying the
// office's next display sequence number; not yet appended.
Result<QueueEvent> display_event(QueueTx& tx, const std::string& kind, const q::Counter* counter,
                                 const q::Ticket& t, const Actor& actor, int64_t now_ms,
                                 nlohmann::json detail) {
  HUJI_ASSIGN_OR_RETURN(int64_t last_seq, tx.last_display_seq(t.office_code));
  QueueEvent e;
  e.office_code = t.office_code;
  e.ticket_id = t.id;
  e.kind = kind;
  e.counter = t.counter;
  e.actor = actor.username;
  e.at_ms = now_ms;
  e.display_seq = last_seq + 1;
  detail["number"] = t.number;
  detail["service"] = t.service;
  detail["counter_name_zh"] = counter ? counter->name_zh : "";
  detail["counter_name_en"] = counter ? counter->name_en : "";
  e.detail = detail.dump();
  return e;
}

// "application:ID" of the office, "document:CODE" of an issued document, or "": the stored
// form, or the error.
Result<std::string> checked_link(Transaction& tx, const std::string& office,
                                 const std::string& link) {
  if (link.empty()) return link;
  const std::string app = "application:";
  const std::string doc = "document:";
  if (link.starts_with(app)) {
    int64_t id = 0;
    const char* b = link.data() + app.size();
    const char* e = link.data() + link.size();
    auto [ptr, ec] = std::from_chars(b, e, id);
    if (ec == std::errc() && ptr == e && id > 0) {
      HUJI_ASSIGN_OR_RETURN(auto a, tx.find_application(id));
      if (!a || a->office_code != office) {
        return Error::not_found("queue.no_link", "本所查無此登記申請案：" + link,
                                "no such registration application of this office: " + link);
      }
      return app + std::to_string(id);
    }
  } else if (link.starts_with(doc)) {
    if (auto code = normalize_check_code(std::string_view(link).substr(doc.size()))) {
      HUJI_ASSIGN_OR_RETURN(auto d, tx.find_issued_document(*code));
      if (!d) {
        return Error::not_found("queue.no_link", "查無此核發文件：" + link,
                                "no such issued document: " + link);
      }
      return doc + *code;
    }
  }
  return Error::invalid("queue.link",
                        "連結須為 application:申請案編號 或 document:文件檢核碼，或留空",
                        "link is application:ID, document:CHECK-CODE or empty");
}

// A step from status `from` to the final status `to` (no-show, cancel).
auto settling(const char* from, const char* to, const std::string& zh_action,
              const std::string& en_action) {
  return [=](Transaction&, q::Ticket& t, QueueEvent&, int64_t now) -> Status {
    if (t.status != from) return wrong_status(t, zh_action, en_action);
    t.status = to;
    t.finished_ms = now;
    return {};
  };
}

}  // namespace

void QueueService::publish(const QueueEvent& e) {
  hub_.publish(e.office_code, display_message(e), e.display_seq);
}

Status QueueService::finish_serving(Transaction& tx, const Actor& actor, const std::string& counter,
                                    int64_t now_ms, core::Date today) {
  HUJI_ASSIGN_OR_RETURN(auto called, tx.tickets_of_day(actor.office_code, today, q::kCalled));
  for (auto t : called) {
    if (t.counter != counter) continue;
    t.status = q::kDone;
    t.finished_ms = now_ms;
    if (t.outcome.empty()) t.outcome = t.service;
    ++t.version;
    HUJI_ASSIGN_OR_RETURN(bool ok, tx.update_ticket(t));
    if (!ok) return changed_meanwhile();
    QueueEvent f;
    f.office_code = t.office_code;
    f.ticket_id = t.id;
    f.kind = "finish";
    f.counter = counter;
    f.actor = actor.username;
    f.at_ms = now_ms;
    f.detail = nlohmann::json{{"outcome", t.outcome}, {"link", t.link}, {"by", "call"}}.dump();
    HUJI_TRY(tx.append_queue_event(f));
  }
  return {};
}

Result<QueueService::Called> QueueService::record_call(Transaction& tx, const Actor& actor,
                                                       const q::Counter& counter,
                                                       const std::vector<q::Ticket>& waiting,
                                                       size_t index, const std::string& reason,
                                                       int64_t now_ms) {
  q::Ticket t = waiting[index];
  t.called_ms = now_ms;
  for (size_t i : q::overtaken_by(waiting, t, counter)) {
    q::Ticket o = waiting[i];
    ++o.overtaken;
    ++o.version;
    HUJI_ASSIGN_OR_RETURN(bool ok, tx.update_ticket(o));
    if (!ok) return changed_meanwhile();
  }
  HUJI_ASSIGN_OR_RETURN(int64_t last_call, tx.last_call_seq(t.office_code, t.day));
  t.status = q::kCalled;
  t.counter = counter.id;
  t.called_ms = now_ms;
  t.called_by = actor.username;
  ++t.calls;
  t.call_seq = last_call + 1;
  ++t.version;
  HUJI_ASSIGN_OR_RETURN(bool ok, tx.update_ticket(t));
  if (!ok) return changed_meanwhile();
  HUJI_ASSIGN_OR_RETURN(QueueEvent e,
                        display_event(tx, "call", &counter, t, actor, now_ms,
                                      {{"reason", reason}, {"waited_ms", now_ms - t.arrived_ms}}));
  HUJI_ASSIGN_OR_RETURN(e.id, tx.append_queue_event(e));
  return Called{std::move(t), std::move(e)};
}

Result<TicketView> QueueService::call_ticket(const Actor& actor, const RequestContext& /*ctx*/,
                                             const std::string& counter_id, int64_t id,
                                             std::optional<int64_t> version) {
  if (!staff_may_serve(actor)) return errors::forbidden("queue.call");
  HUJI_ASSIGN_OR_RETURN(auto at, queue_common::at_counter(store_, office_lock(actor.office_code),
                                                          clock_.now_ms(), actor, counter_id));
  auto& tx = at.tx;
  const q::Counter* counter = at.counter;
  const int64_t now = at.now;
  HUJI_ASSIGN_OR_RETURN(q::Ticket chosen, ticket_of_office(*tx, actor, id, version));
  if (chosen.status != q::kWaiting) return wrong_status(chosen, "叫號", "called");
  if (!q::serves(*counter, chosen.service)) {
    return Error::conflict("queue.not_served", "此櫃台不辦理此號碼牌的服務：" + chosen.service,
                           "this counter does not serve the ticket's service: " + chosen.service);
  }
  HUJI_TRY(finish_serving(*tx, actor, counter_id, now, at.today));
  HUJI_ASSIGN_OR_RETURN(auto waiting, tx->tickets_of_day(actor.office_code, at.today, q::kWaiting));
  const auto it = std::find_if(waiting.begin(), waiting.end(),
                               [&](const q::Ticket& t) { return t.id == chosen.id; });
  if (it == waiting.end()) {
    return Error::conflict("queue.not_today", "此號碼牌非今日號碼", "the ticket is not of today");
  }
  HUJI_ASSIGN_OR_RETURN(auto called,
                        record_call(*tx, actor, *counter, waiting,
                                    static_cast<size_t>(it - waiting.begin()), "chosen", now));
  HUJI_TRY(tx->commit());
  publish(called.event);  // under the office's lock, as call_next
  return TicketView{called.ticket, 0, 0, 0, 0};
}

Result<TicketView> QueueService::step(const Actor& actor, int64_t id,
                                      std::optional<int64_t> version, const std::string& kind,
                                      const Step& apply) {
  if (!staff_may_serve(actor)) return errors::forbidden("queue." + kind);
  const int64_t now = clock_.now_ms();
  std::lock_guard office_guard(office_lock(actor.office_code));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(q::Ticket t, ticket_of_office(*tx, actor, id, version));
  // A ticket of an earlier day is over: only finishing or cancelling it (tidying up) is
  // allowed, never a recall, no-show, return or transfer that would bring it back.
  if (kind != "cancel" && kind != "finish" && t.day != core::taipei_date_of_ms(now)) {
    return Error::conflict("queue.not_today", "此號碼牌非今日號碼", "the ticket is not of today");
  }
  QueueEvent e;
  e.office_code = t.office_code;
  e.ticket_id = t.id;
  e.kind = kind;
  e.counter = t.counter;
  e.actor = actor.username;
  e.at_ms = now;
  HUJI_TRY(apply(*tx, t, e, now));
  ++t.version;
  HUJI_ASSIGN_OR_RETURN(bool ok, tx->update_ticket(t));
  if (!ok) return changed_meanwhile();
  HUJI_ASSIGN_OR_RETURN(e.id, tx->append_queue_event(e));
  HUJI_TRY(tx->commit());
  if (e.display_seq > 0) publish(e);
  return TicketView{t, 0, 0, 0, 0};
}

Result<TicketView> QueueService::recall(const Actor& actor, const RequestContext& /*ctx*/,
                                        int64_t id, std::optional<int64_t> version) {
  return step(
      actor, id, version, "recall",
      [&](Transaction& tx, q::Ticket& t, QueueEvent& e, int64_t now) -> Status {
        if (t.status != q::kCalled) return wrong_status(t, "重新叫號", "recalled");
        HUJI_ASSIGN_OR_RETURN(q::Policy policy, policy_of(tx, t.office_code));
        if (now - t.called_ms < int64_t{policy.recall_pause_s} * 1000) {
          const std::string s = std::to_string(policy.recall_pause_s);
          return Error::conflict("queue.recall_too_soon", "上次叫號後須隔 " + s + " 秒才能重新叫號",
                                 "a recall waits " + s + " s after the last call");
        }
        HUJI_ASSIGN_OR_RETURN(auto counters, tx.counters(t.office_code));
        t.called_ms = now;
        ++t.calls;
        HUJI_ASSIGN_OR_RETURN(e, display_event(tx, "recall", find_counter(counters, t.counter), t,
                                               actor, now, {{"calls", t.calls}}));
        return {};
      });
}

Result<TicketView> QueueService::no_show(const Actor& actor, const RequestContext& /*ctx*/,
                                         int64_t id, std::optional<int64_t> version) {
  return step(actor, id, version, "no_show",
              settling(q::kCalled, q::kNoShow, "記為未到", "marked a no-show"));
}

Result<TicketView> QueueService::return_ticket(const Actor& actor, const RequestContext& /*ctx*/,
                                               int64_t id, std::optional<int64_t> version) {
  return step(actor, id, version, "return",
              [&](Transaction& tx, q::Ticket& t, QueueEvent& e, int64_t now) -> Status {
                if (t.status != q::kNoShow) return wrong_status(t, "回到隊列", "returned");
                HUJI_ASSIGN_OR_RETURN(q::Policy policy, policy_of(tx, t.office_code));
                if (now - t.finished_ms >= int64_t{policy.no_show_grace_min} * 60'000) {
                  const std::string m = std::to_string(policy.no_show_grace_min);
                  return Error::conflict(
                      "queue.grace_over", "過號已逾 " + m + " 分鐘，請重新取號",
                      "more than " + m + " min since the no-show: take a new ticket");
                }
                e.detail = nlohmann::json{{"no_show_ms", t.finished_ms}}.dump();
                t.status = q::kWaiting;  // at its place: arrived_ms is kept
                t.finished_ms = 0;
                return {};
              });
}

Result<TicketView> QueueService::transfer(const Actor& actor, const RequestContext& /*ctx*/,
                                          int64_t id, const std::string& service,
                                          std::optional<int64_t> version) {
  return step(actor, id, version, "transfer",
              [&](Transaction& tx, q::Ticket& t, QueueEvent& e, int64_t) -> Status {
                if (t.status != q::kWaiting && t.status != q::kCalled) {
                  return wrong_status(t, "轉給其他服務", "transferred");
                }
                HUJI_ASSIGN_OR_RETURN(auto services, tx.queue_services(t.office_code));
                const q::Service* to = find_service(services, service);
                if (!to || !to->active) return queue_common::unknown_service(service);
                if (to->code == t.service) {
                  return Error::invalid("queue.same_service", "號碼牌已在此服務等候",
                                        "the ticket already waits for this service");
                }
                e.detail = nlohmann::json{{"from", t.service}, {"to", to->code}}.dump();
                t.service = to->code;
                t.status = q::kWaiting;  // number and arrival kept: its place
                return {};
              });
}

Result<TicketView> QueueService::finish(const Actor& actor, const RequestContext& /*ctx*/,
                                        int64_t id, const FinishRequest& request,
                                        std::optional<int64_t> version) {
  return step(
      actor, id, version, "finish",
      [&](Transaction& tx, q::Ticket& t, QueueEvent& e, int64_t now) -> Status {
        if (t.status != q::kCalled) return wrong_status(t, "結案", "finished");
        HUJI_ASSIGN_OR_RETURN(auto services, tx.queue_services(t.office_code));
        if (!find_service(services, request.outcome)) {
          return queue_common::unknown_service(request.outcome);
        }
        HUJI_ASSIGN_OR_RETURN(std::string link, checked_link(tx, t.office_code, request.link));
        t.status = q::kDone;
        t.finished_ms = now;
        t.outcome = request.outcome;
        t.link = link;
        e.detail = nlohmann::json{{"outcome", t.outcome}, {"link", t.link}, {"by", "clerk"}}.dump();
        return {};
      });
}

Result<TicketView> QueueService::cancel(const Actor& actor, const RequestContext& /*ctx*/,
                                        int64_t id, std::optional<int64_t> version) {
  return step(actor, id, version, "cancel",
              settling(q::kWaiting, q::kCancelled, "取消", "cancelled"));
}

Result<QueueBoard> QueueService::board(const Actor& actor) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.board");
  const std::string& office = actor.office_code;
  const core::Date today = core::taipei_date_of_ms(clock_.now_ms());
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(office));
  HUJI_ASSIGN_OR_RETURN(auto services, tx->queue_services(office));
  HUJI_ASSIGN_OR_RETURN(auto called, tx->tickets_of_day(office, today, q::kCalled));
  HUJI_ASSIGN_OR_RETURN(auto waiting, tx->tickets_of_day(office, today, q::kWaiting));
  QueueBoard b;
  for (auto& c : counters) {
    QueueBoard::CounterRow row{std::move(c), std::nullopt};
    for (const auto& t : called) {
      if (t.counter == row.counter.id) row.serving = TicketView{t, 0, 0, 0, 0};
    }
    b.counters.push_back(std::move(row));
  }
  for (auto& s : services) {
    if (!s.active) continue;
    QueueBoard::ServiceRow row{std::move(s), 0, 0};
    for (const auto& t : waiting) {
      if (t.service != row.service.code) continue;
      ++row.waiting;
      if (t.priority) ++row.priority_waiting;
    }
    b.services.push_back(std::move(row));
  }
  return b;
}

namespace {

// Whom the public limits count: the client's address, an IPv4 client of a dual-stack listener
// (::ffff:a.b.c.d) as a.b.c.d, an IPv6 client by its /64 (one host holds a whole /64).
std::string source_key(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  if (address.find(':') == std::string_view::npos) return std::string(address);
  std::string text(address);
  in6_addr a{};
  if (inet_pton(AF_INET6, text.c_str(), &a) != 1) return text;
  std::fill(std::begin(a.s6_addr) + 8, std::end(a.s6_addr), 0);
  char out[INET6_ADDRSTRLEN] = {};
  if (!inet_ntop(AF_INET6, &a, out, sizeof out)) return text;
  return std::string(out) + "/64";
}

}  // namespace

Result<std::string> QueueService::limit_public(const RequestContext& ctx, const q::Ticket& t,
                                               const std::vector<q::Ticket>& waiting) {
  const std::string key = source_key(ctx.source_address);
  const bool kiosk = std::any_of(kiosk_addresses_.begin(), kiosk_addresses_.end(),
                                 [&](const std::string& k) { return source_key(k) == key; });
  if (key.empty() || kiosk) return std::string();
  std::lock_guard lock(sources_mu_);
  if (sources_day_ != t.day) {
    sources_.clear();
    sources_day_ = t.day;
  }
  Source& source = sources_[t.office_code][key];
  auto waiting_ticket = [&](int64_t id) {
    auto it = std::find_if(waiting.begin(), waiting.end(),
                           [id](const q::Ticket& w) { return w.id == id; });
    return it == waiting.end() ? nullptr : &*it;
  };
  std::erase_if(source.waiting, [&](int64_t id) { return waiting_ticket(id) == nullptr; });
  const auto same = std::count_if(source.waiting.begin(), source.waiting.end(), [&](int64_t id) {
    return waiting_ticket(id)->service == t.service;
  });
  if (same >= public_per_source_) {
    const std::string n = std::to_string(public_per_source_);
    return Error::too_many("queue.too_many",
                           "同一裝置已有 " + n + " 張此項服務的號碼牌等候中，請待叫號後再取號",
                           "this device already holds " + n +
                               " waiting tickets for this service; wait to be called first");
  }
  if (source.drawn_today >= kPublicPerDay) {
    const std::string n = std::to_string(kPublicPerDay);
    return Error::too_many(
        "queue.too_many", "同一裝置今日已取 " + n + " 張號碼牌，請洽服務台",
        "this device has drawn " + n + " tickets today; ask at the information desk");
  }
  return key;
}

void QueueService::note_public(const q::Ticket& t, const std::string& key) {
  std::lock_guard lock(sources_mu_);
  if (sources_day_ != t.day) {
    sources_.clear();
    sources_day_ = t.day;
  }
  Source& source = sources_[t.office_code][key];
  source.waiting.push_back(t.id);
  ++source.drawn_today;
}

// Configuration.

Result<std::vector<q::Service>> QueueService::all_services(const Actor& actor) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.services");
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  return tx->queue_services(actor.office_code);
}

namespace {

core::Error config_problem(const q::Problem& p) { return Error::invalid(p.code, p.zh, p.en); }

bool is_admin(const Actor& a) { return a.role == domain::Role::kAdmin; }

}  // namespace

Result<q::Service> QueueService::put_service(const Actor& actor, const RequestContext& ctx,
                                             const q::Service& s) {
  if (!is_admin(actor)) return errors::forbidden("queue.service_put");
  if (auto p = q::check_service(s)) return config_problem(*p);
  const std::string& office = actor.office_code;
  std::lock_guard office_guard(office_lock(office));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto services, tx->queue_services(office));
  for (const auto& other : services) {
    if (other.code != s.code && other.number_base == s.number_base) {
      return Error::conflict(
          "queue.number_base_taken",
          "號碼起點 " + std::to_string(s.number_base) + " 已由「" + other.name_zh + "」使用",
          "number_base " + std::to_string(s.number_base) + " is " + other.code + "'s");
    }
  }
  // Numbers drawn today stay unique (UNIQUE (office, day, number)): a service's numbering
  // changes only on a day without tickets, else a moved base would meet numbers in use.
  const auto before = std::find_if(services.begin(), services.end(),
                                   [&](const q::Service& x) { return x.code == s.code; });
  if (before != services.end() && before->number_base != s.number_base) {
    HUJI_ASSIGN_OR_RETURN(auto today,
                          tx->tickets_of_day(office, core::taipei_date_of_ms(clock_.now_ms()), ""));
    if (!today.empty()) {
      return Error::conflict("queue.number_base_in_use",
                             "今日已發號，號碼起點須於無號碼牌之日（如明日開始前）變更",
                             "tickets were drawn today: change a number base on a day without "
                             "tickets (before tomorrow's first)");
    }
  }
  HUJI_TRY(tx->put_queue_service(office, s));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"queue.service", "",
                         "叫號服務 " + s.code + " " + s.name_zh + " 起號 " +
                             std::to_string(s.number_base) + (s.active ? "" : "（停用）")}));
  HUJI_TRY(tx->commit());
  return s;
}

Result<q::Counter> QueueService::put_counter(const Actor& actor, const RequestContext& ctx,
                                             const q::Counter& c) {
  const bool supervisor = actor.role == domain::Role::kSupervisor;
  if (!is_admin(actor) && !supervisor) return errors::forbidden("queue.counter_put");
  const std::string& office = actor.office_code;
  std::lock_guard office_guard(office_lock(office));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto services, tx->queue_services(office));
  if (auto p = q::check_counter(c, services)) return config_problem(*p);
  if (supervisor) {  // may open or close an existing counter, nothing else
    HUJI_ASSIGN_OR_RETURN(auto counters, tx->counters(office));
    const q::Counter* old = find_counter(counters, c.id);
    if (!old) return queue_common::no_counter(c.id);
    if (old->name_zh != c.name_zh || old->name_en != c.name_en || old->services != c.services ||
        old->sort != c.sort) {
      return Error::denied("queue.open_only", "督導僅能開啟或關閉櫃台",
                           "a supervisor may only open or close a counter");
    }
  }
  HUJI_TRY(tx->put_counter(office, c));
  std::string served;
  for (const auto& code : c.services) served += (served.empty() ? "" : ",") + code;
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"queue.counter", "",
       "櫃台 " + c.id + " " + c.name_zh + (c.open ? " 開放" : " 關閉") + " 服務 " + served}));
  HUJI_TRY(tx->commit());
  return c;
}

Result<q::Policy> QueueService::policy(const Actor& actor) {
  if (!staff_may_read(actor)) return errors::forbidden("queue.policy");
  return policy(actor.office_code);
}

Result<q::Policy> QueueService::put_policy(const Actor& actor, const RequestContext& ctx,
                                           const q::Policy& p) {
  if (!is_admin(actor)) return errors::forbidden("queue.policy_put");
  if (auto problem = q::check_policy(p)) return config_problem(*problem);
  const std::string& office = actor.office_code;
  const std::string text = q::policy_text(p);
  std::lock_guard office_guard(office_lock(office));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_TRY(tx->put_queue_policy_text(office, text, actor.username, clock_.now_ms()));
  std::string line = text;
  std::replace(line.begin(), line.end(), '\n', ' ');
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"queue.policy", "", "叫號規則 " + line}));
  HUJI_TRY(tx->commit());
  return p;
}

}  // namespace huji::service
