#ifndef HUJI_SERVICE_QUEUE_COMMON_H_
#define HUJI_SERVICE_QUEUE_COMMON_H_

// What queue_service.cc and queue_operations.cc share (internal to the queue's use cases): who
// may do what, the lookups in an office's configuration, and the errors worded once.

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/queue/queue.h"
#include "service/actor.h"
#include "service/errors.h"
#include "service/transaction.h"

namespace huji::service::queue_common {

// Clerks and supervisors serve the lobby (call, recall, finish …).
inline bool staff_may_serve(const Actor& a) {
  return a.role == domain::Role::kClerk || a.role == domain::Role::kSupervisor;
}

inline bool staff_may_read(const Actor& a) {
  return staff_may_serve(a) || a.role == domain::Role::kAdmin;
}

inline core::Error changed_meanwhile() {
  return core::Error::conflict("queue.changed", "號碼牌狀態已被他人變更，請重新整理",
                               "the ticket was changed meanwhile; reload");
}

inline core::Error unknown_service(const std::string& code) {
  return core::Error::not_found("queue.unknown_service", "無此服務項目：" + code,
                                "no such service: " + code);
}

inline core::Error no_counter(const std::string& id) {
  return core::Error::not_found("queue.no_counter", "無此櫃台：" + id, "no such counter: " + id);
}

inline const domain::queue::Counter* find_counter(const std::vector<domain::queue::Counter>& cs,
                                                  const std::string& id) {
  for (const auto& c : cs) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

inline const domain::queue::Service* find_service(const std::vector<domain::queue::Service>& ss,
                                                  const std::string& code) {
  for (const auto& s : ss) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

// The counter `id`, open (404 queue.no_counter, 409 queue.counter_closed).
inline core::Result<const domain::queue::Counter*> open_counter(
    const std::vector<domain::queue::Counter>& cs, const std::string& id) {
  const domain::queue::Counter* c = find_counter(cs, id);
  if (!c) return no_counter(id);
  if (!c->open) {
    return core::Error::conflict("queue.counter_closed", "此櫃台未開放", "this counter is closed");
  }
  return c;
}

// The office's policy (the defaults when never set).
inline core::Result<domain::queue::Policy> policy_of(QueueTx& tx, const std::string& office) {
  HUJI_ASSIGN_OR_RETURN(std::string text, tx.queue_policy_text(office));
  if (text.empty()) return domain::queue::Policy{};
  auto p = domain::queue::parse_policy(text);
  if (!p) {
    return core::Error::internal("store.corrupt", "叫號規則設定毀損",
                                 "stored queue policy is corrupt");
  }
  return *p;
}

}  // namespace huji::service::queue_common

#endif  // HUJI_SERVICE_QUEUE_COMMON_H_
