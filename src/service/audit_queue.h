#ifndef HUJI_SERVICE_AUDIT_QUEUE_H_
#define HUJI_SERVICE_AUDIT_QUEUE_H_

// Audit entries written in batches from a thread of their own, for use cases that only read
// (a person lookup): the request's thread reads and prepares its answer, hands the entry
// here and goes on serving others; the queue appends every waiting entry in one write
// transaction — one fsync, group-committed with other writers — and then tells each
// submitter, who may only now let its answer out. Durability is as with append_audit in the
// use case's own transaction: nothing is shown before its entry is on disk.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/store.h"

namespace huji::service {

class AuditQueue {
 public:
  using Done = std::function<void(core::Status)>;

  AuditQueue(Store& store, const core::Clock& clock, size_t max_batch = 512);
  // Writes and tells everything submitted, then stops.
  ~AuditQueue();
  AuditQueue(const AuditQueue&) = delete;
  AuditQueue& operator=(const AuditQueue&) = delete;

  // Queues one entry. `done` is called on the queue's thread once the batch holding the entry
  // is durable (ok) or has failed (the error; nothing of the batch was written).
  void submit(const Actor& actor, const RequestContext& ctx, AuditRecord record, Done done);
  // Returns once every entry submitted before the call is written and its `done` has run.
  void drain();

 private:
  struct Item {
    Actor actor;
    RequestContext ctx;
    AuditRecord record;
    Done done;
  };
  void run();
  core::Status write(const std::vector<Item>& batch);

  Store& store_;
  const core::Clock& clock_;
  const size_t max_batch_;
  std::mutex mu_;
  std::condition_variable wake_;     // items arrived, or stopping
  std::condition_variable drained_;  // a batch was told
  std::vector<Item> pending_;
  uint64_t submitted_ = 0, told_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUDIT_QUEUE_H_
