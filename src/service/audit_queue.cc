#include "service/audit_queue.h"

#include <utility>

namespace huji::service {

AuditQueue::AuditQueue(Store& store, const core::Clock& clock, size_t max_batch)
    : store_(store), clock_(clock), max_batch_(max_batch ? max_batch : 1) {
  thread_ = std::thread([this] { run(); });
}

AuditQueue::~AuditQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void AuditQueue::submit(const Actor& actor, const RequestContext& ctx, AuditRecord record,
                        Done done) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back({actor, ctx, std::move(record), std::move(done)});
    ++submitted_;
  }
  wake_.notify_one();
}

void AuditQueue::drain() {
  std::unique_lock lock(mu_);
  const uint64_t target = submitted_;
  drained_.wait(lock, [&] { return told_ >= target; });
}

core::Status AuditQueue::write(const std::vector<Item>& batch) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto last, tx->last_audit());
  std::vector<AuditEntry> entries;
  entries.reserve(batch.size());
  for (const Item& item : batch) {
    entries.push_back(chain_audit_entry(clock_, item.actor, item.ctx, item.record, last));
  }
  HUJI_TRY(tx->append_audits(entries));
  return tx->commit();
}

void AuditQueue::run() {
  std::vector<Item> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, and all told
      if (pending_.size() <= max_batch_) {
        batch.swap(pending_);
      } else {
        auto cut = pending_.begin() + static_cast<std::ptrdiff_t>(max_batch_);
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
    {
      std::lock_guard lock(mu_);
      told_ += batch.size();
    }
    drained_.notify_all();
    batch.clear();
  }
}

}  // namespace huji::service
