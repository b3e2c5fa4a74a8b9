#include "service/audit_queue.h"

#include <iterator>
#include <utility>

namespace huji::service {

namespace {

template <typename Items>
size_t record_count(const Items& batch) {
  size_t n = 0;
  for (const auto& item : batch) n += item.records.size();
  return n;
}

}  // namespace

AuditQueue::AuditQueue(Store& store, const core::Clock& clock, AuditQueueOptions options,
                       AuditJournal* journal)
    : store_(store), clock_(clock), options_(std::move(options)), journal_(journal) {
  if (journal_) {
    next_jseq_ = journal_->last_jseq();
    journaled_through_ = moved_through_ = next_jseq_;
    mover_ = std::thread([this] { run_mover(); });
  }
  thread_ = std::thread([this] { run(); });
}

AuditQueue::~AuditQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (mover_.joinable()) mover_.join();
}

void AuditQueue::submit(const Actor& actor, const RequestContext& ctx,
                        std::vector<AuditRecord> records, Done done) {
  if (records.empty()) {
    done(core::Status());
    return;
  }
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (pending_.empty()) oldest_pending_ = std::chrono::steady_clock::now();
    pending_.push_back({actor, ctx, std::move(records), std::move(done)});
    ++submitted_;
    // The writer waits for the first entry, then (within the window) for commit_batch.
    wake = pending_.size() == 1 || pending_.size() == options_.commit_batch;
  }
  if (wake) wake_.notify_one();
}

void AuditQueue::drain() {
  std::unique_lock lock(mu_);
  const uint64_t target = submitted_;
  drained_.wait(lock, [&] { return told_ >= target; });
  if (!journal_) return;
  const int64_t through = journaled_through_;
  const uint64_t failed = failed_moves_;
  ++move_requests_;
  mover_wake_.notify_one();
  drained_.wait(lock,
                [&] { return moved_through_ >= through || failed_moves_ > failed || mover_done_; });
}

core::Status AuditQueue::write(const std::vector<Item>& batch) {
  if (!journal_) {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_ASSIGN_OR_RETURN(const auto newest, tx->last_audit());
    ChainEnd end = chain_end(newest);
    std::vector<AuditEntry> entries;
    entries.reserve(record_count(batch));
    for (const Item& item : batch) {
      for (const AuditRecord& record : item.records) {
        entries.push_back(chain_audit_entry(clock_, item.actor, item.ctx, record, end));
      }
    }
    HUJI_TRY(tx->append_audits(entries));
    return tx->commit();
  }
  {
    std::unique_lock lock(mu_);
    if (unmoved_.size() >= options_.max_unmoved) {
      const uint64_t failed = failed_moves_;
      mover_wake_.notify_one();
      drained_.wait(lock, [&] {
        return unmoved_.size() < options_.max_unmoved || failed_moves_ > failed || mover_done_;
      });
      if (unmoved_.size() >= options_.max_unmoved) {
        return core::Error::unavailable(
            "audit.trail_behind", "稽核軌跡暫時無法寫入，請稍後再試",
            "the audit trail cannot be written at the moment; try again");
      }
    }
  }
  // The whole batch in one append: every submission's entries are acknowledged together.
  std::vector<JournaledAudit> records;
  records.reserve(record_count(batch));
  const int64_t at_ms = clock_.now_ms();
  for (const Item& item : batch) {
    for (const AuditRecord& record : item.records) {
      records.push_back({next_jseq_ + 1 + static_cast<int64_t>(records.size()),
                         make_audit_entry(at_ms, item.actor, item.ctx, record)});
    }
  }
  HUJI_TRY(append_to_journal(records));
  next_jseq_ = records.back().jseq;
  bool full = false;
  {
    std::lock_guard lock(mu_);
    journaled_through_ = next_jseq_;
    unmoved_.insert(unmoved_.end(), std::make_move_iterator(records.begin()),
                    std::make_move_iterator(records.end()));
    full = unmoved_.size() >= options_.move_batch;
  }
  if (full) mover_wake_.notify_one();
  return {};
}

core::Status AuditQueue::append_to_journal(const std::vector<JournaledAudit>& records) {
  // While the journal fails, batches are refused at once until its next try is due.
  if (journal_error_ && std::chrono::steady_clock::now() < journal_retry_at_) {
    journal_refused_ += records.size();
    return *journal_error_;
  }
  core::Status appended;
  {
    std::lock_guard j(journal_mu_);
    appended = journal_->append(records);
  }
  journal_result(appended, records.size());
  return appended;
}

void AuditQueue::probe_journal() {
  if (std::chrono::steady_clock::now() < journal_retry_at_) return;
  core::Status probed;
  {
    std::lock_guard j(journal_mu_);
    probed = journal_->probe();
  }
  journal_result(probed, 0);
}

void AuditQueue::journal_result(const core::Status& status, size_t entries) {
  auto tell = [&](const core::Error* failed, uint64_t refused) {
    if (!options_.on_journal_state) return;
    try {
      options_.on_journal_state(failed, refused);
    } catch (...) {
      // The log's failure must not stop the writer.
    }
  };
  if (status.ok()) {
    if (!journal_error_) return;
    journal_error_.reset();
    journal_failing_ = false;
    tell(nullptr, std::exchange(journal_refused_, 0));
    return;
  }
  journal_refused_ += entries;
  journal_retry_delay_ = journal_error_
                             ? std::min(journal_retry_delay_ * 2, options_.journal_retry_max)
                             : options_.journal_retry;
  journal_retry_at_ = std::chrono::steady_clock::now() + journal_retry_delay_;
  const bool first = !journal_error_;
  journal_error_ = status.error();
  if (first) {
    journal_failing_ = true;
    tell(&*journal_error_, 0);
  }
}

void AuditQueue::run() {
  std::vector<Item> batch;
  const size_t max_batch = options_.max_batch ? options_.max_batch : 1;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (journal_error_) {
        // A failed journal is probed when its retry is due, even with no lookup to write.
        wake_.wait_until(lock, journal_retry_at_, [&] { return stopping_ || !pending_.empty(); });
        if (!stopping_ && pending_.empty()) {
          lock.unlock();
          probe_journal();
          continue;
        }
      }
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (options_.commit_window.count() > 0 && pending_.size() < options_.commit_batch) {
        wake_.wait_until(lock, oldest_pending_ + options_.commit_window,
                         [&] { return stopping_ || pending_.size() >= options_.commit_batch; });
      }
      if (pending_.empty()) {  // stopping, and all told
        writer_done_ = true;
        mover_wake_.notify_one();
        return;
      }
      if (pending_.size() <= max_batch) {
        batch.swap(pending_);
      } else {
        auto cut = pending_.begin() + static_cast<std::ptrdiff_t>(max_batch);
        batch.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(cut));
        pending_.erase(pending_.begin(), cut);
      }
    }
    const core::Status status = write(batch);
    for (Item& item : batch) {
      try {
        item.done(status);
      } catch (...) {
        // A submitter's failure to answer is its own; the others are still told.
      }
    }
    // The completions (and what they hold: a request, its connection) are gone before drain()
    // can return: a server may tear down its I/O once drained.
    const size_t told = batch.size();
    batch.clear();
    {
      std::lock_guard lock(mu_);
      told_ += told;
    }
    drained_.notify_all();
  }
}

void AuditQueue::run_mover() {
  std::unique_lock lock(mu_);
  uint64_t served_requests = 0;
  int64_t requested_through = 0;  // what drain() calls asked to have moved at once
  bool failing = false;           // the last move failed: the next waits for the interval
  auto more_now = [&] {
    return unmoved_.size() >= options_.move_batch || moved_through_ < requested_through;
  };
  auto due = std::chrono::steady_clock::now() + options_.move_interval;
  for (;;) {
    // A drain() always gets one attempt at once; otherwise a failing trail is retried only
    // every move_interval (not in a busy loop while the backlog is large).
    mover_wake_.wait_until(lock, due, [&] {
      return writer_done_ || move_requests_ > served_requests || (!failing && more_now());
    });
    if (move_requests_ > served_requests) {
      served_requests = move_requests_;
      requested_through = std::max(requested_through, journaled_through_);
    }
    if (unmoved_.empty()) {
      if (writer_done_) break;
      // Nothing waiting: a drain() that asked is answered, everything journaled is moved.
      drained_.notify_all();
      due = std::chrono::steady_clock::now() + options_.move_interval;
      continue;
    }
    const size_t n = std::min(unmoved_.size(), std::max<size_t>(options_.move_batch, 1));
    const auto taken_end = unmoved_.begin() + static_cast<std::ptrdiff_t>(n);
    std::vector<JournaledAudit> take(std::make_move_iterator(unmoved_.begin()),
                                     std::make_move_iterator(taken_end));
    unmoved_.erase(unmoved_.begin(), taken_end);
    lock.unlock();
    const core::Status moved = move_into_trail(store_, journal_->id(), take);
    if (!moved.ok() && options_.on_move_error) {
      try {
        options_.on_move_error(moved.error());
      } catch (...) {
        // The log's failure must not stop the moves.
      }
    }
    if (moved.ok()) {
      std::lock_guard j(journal_mu_);
      // A segment that cannot be removed now is removed with the next one.
      (void)journal_->release(take.back().jseq);
    }
    lock.lock();
    failing = !moved.ok();
    if (moved.ok()) {
      moved_through_ = take.back().jseq;
    } else {
      ++failed_moves_;
      unmoved_.insert(unmoved_.begin(), std::make_move_iterator(take.begin()),
                      std::make_move_iterator(take.end()));
    }
    drained_.notify_all();
    if (failing && writer_done_) break;  // stopping: they stay in the journal
    due = std::chrono::steady_clock::now() +
          (!failing && more_now() ? std::chrono::milliseconds(0) : options_.move_interval);
  }
  mover_done_ = true;
  drained_.notify_all();
}

}  // namespace huji::service
