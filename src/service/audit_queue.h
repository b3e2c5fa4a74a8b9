#ifndef HUJI_SERVICE_AUDIT_QUEUE_H_
#define HUJI_SERVICE_AUDIT_QUEUE_H_

// Audit entries written in batches from a thread of their own, for use cases that only read
// (a person lookup): the request's thread reads and prepares its answer, hands its entries
// (one per person the answer shows) here and goes on serving others; the queue makes every
// waiting entry durable at once — one fsync — and then tells each submitter, who may only now
// let its answer out. Nothing is shown before its entries are on disk, and a submission's
// entries are never split: they are written (appended to the journal) in the same batch.
//
// Where the batch goes:
//  - without a journal, into the trail: one write transaction per batch, group-committed with
//    other writers;
//  - with an AuditJournal (service/audit_journal.h), into the journal: one append and
//    fdatasync per batch. A second thread moves the journaled records into the trail every
//    `move_interval` (or at once when `move_batch` are waiting, or when drain() asks), in one
//    write transaction that also advances the journal's mark. The register's database then
//    takes a few commits a second for lookups instead of one per batch. A move that fails
//    leaves its records in the journal and is tried again after `move_interval`; a crash
//    leaves them there for move_journal_into_trail at the next start. The mover runs at
//    normal priority: it holds the register's write lock while it moves, and registrations
//    wait for that lock.
//  - A journal append that fails (a full disk) fails its batch, and the journal stops being
//    used: batches are refused at once (503) while the writer probes it again after
//    `journal_retry`, doubling up to `journal_retry_max`, with no lookup needed to drive it; the
//    first probe or append that succeeds ends the failure (journal_failing(), and
//    `on_journal_state` at each change: the operator's log). No restart is needed.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/audit_journal.h"
#include "service/store.h"

namespace huji::service {

struct AuditQueueOptions {
  // Submissions made durable together, at most (each with all its entries: a full person
  // lookup brings one per person shown).
  size_t max_batch = 512;
  // Group commit window: once a submission is waiting, the writer waits until `commit_batch`
  // are waiting or until `commit_window` has passed since the oldest of them arrived, whichever
  // comes first, and then writes them all with one fsync. Under load the batches are larger
  // and the fsyncs (each a context switch and, on a virtual disk, an exit to the hypervisor)
  // fewer; a lone entry waits at most the window. A zero window writes at once.
  std::chrono::microseconds commit_window{200};
  size_t commit_batch = 32;
  // With a journal: how often, and from how many waiting records at once, they are moved.
  std::chrono::milliseconds move_interval{200};
  size_t move_batch = 20000;
  // Journaled records waiting to be moved, at most: past it the writer waits for the mover
  // and, if a move fails meanwhile, refuses the batch (503) rather than hold ever more.
  size_t max_unmoved = 500000;
  // Told of each failed move (on the mover's thread), for the operator's log.
  std::function<void(const core::Error&)> on_move_error = nullptr;
  // With a journal: after a failed append, the wait before probing it again (doubled after each
  // failed probe, up to the maximum).
  std::chrono::milliseconds journal_retry{50};
  std::chrono::milliseconds journal_retry_max{2000};
  // Told on the writer's thread when the journal fails (its error) and when it works again
  // (nullptr, with the number of entries refused meanwhile).
  std::function<void(const core::Error* failed, uint64_t refused)> on_journal_state = nullptr;
};

class AuditQueue {
 public:
  using Done = std::function<void(core::Status)>;

  // `journal`, when given, must have been emptied into the trail (move_journal_into_trail)
  // and must outlive the queue.
  AuditQueue(Store& store, const core::Clock& clock, AuditQueueOptions options = {},
             AuditJournal* journal = nullptr);
  // Writes and tells everything submitted, moves what the journal holds into the trail (what
  // cannot be moved stays in the journal), then stops.
  ~AuditQueue();
  AuditQueue(const AuditQueue&) = delete;
  AuditQueue& operator=(const AuditQueue&) = delete;

  // Queues `records`, in order, to be written together (in one journal append, or one
  // transaction). `done` is called on the queue's thread once the batch holding them is
  // durable (ok) or has failed (the error; nothing of the batch was acknowledged). No records:
  // `done` is called at once.
  void submit(const Actor& actor, const RequestContext& ctx, std::vector<AuditRecord> records,
              Done done);
  // One entry.
  void submit(const Actor& actor, const RequestContext& ctx, AuditRecord record, Done done) {
    submit(actor, ctx, std::vector<AuditRecord>{std::move(record)}, std::move(done));
  }
  // Returns once every entry submitted before the call is written and its `done` has run and,
  // with a journal, once those entries are in the trail — or a move of them has failed (they
  // are then still in the journal): what an auditor reads after drain() includes them.
  void drain();
  // True from a failed journal append until the journal works again (readiness).
  bool journal_failing() const { return journal_failing_.load(std::memory_order_relaxed); }

 private:
  struct Item {
    Actor actor;
    RequestContext ctx;
    std::vector<AuditRecord> records;
    Done done;
  };
  void run();
  void run_mover();
  core::Status write(const std::vector<Item>& batch);
  core::Status append_to_journal(const std::vector<JournaledAudit>& records);
  void probe_journal();
  // Notes the outcome of an append of `entries` (or of a probe: 0) to the journal.
  void journal_result(const core::Status& status, size_t entries);

  Store& store_;
  const core::Clock& clock_;
  const AuditQueueOptions options_;
  AuditJournal* const journal_;
  std::mutex mu_;
  std::condition_variable wake_;     // items arrived, or stopping
  std::condition_variable drained_;  // a batch was told, or records were moved (or not)
  std::vector<Item> pending_;
  std::chrono::steady_clock::time_point oldest_pending_;  // when pending_ became non-empty
  uint64_t submitted_ = 0, told_ = 0;
  bool stopping_ = false;
  // With a journal (guarded by mu_): journaled records not yet in the trail, oldest first.
  std::condition_variable mover_wake_;
  std::vector<JournaledAudit> unmoved_;
  int64_t journaled_through_ = 0;  // the newest jseq made durable
  int64_t moved_through_ = 0;      // the newest jseq in the trail
  uint64_t move_requests_ = 0;     // drain() calls that asked for a move
  uint64_t failed_moves_ = 0;
  bool writer_done_ = false;  // run() has told everything and returned
  bool mover_done_ = false;   // run_mover() has returned
  std::mutex journal_mu_;     // journal_ is used by one thread at a time
  int64_t next_jseq_ = 0;     // the writer thread's alone
  // The journal's failure, the writer thread's alone: its error while failing, when to try
  // it again, the wait before that, and the entries refused since it failed.
  std::optional<core::Error> journal_error_;
  std::chrono::steady_clock::time_point journal_retry_at_;
  std::chrono::milliseconds journal_retry_delay_{0};
  uint64_t journal_refused_ = 0;
  std::atomic<bool> journal_failing_{false};  // journal_error_ has a value (read by any thread)
  std::thread thread_, mover_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUDIT_QUEUE_H_
