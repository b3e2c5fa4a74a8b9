#include "service/audit_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "testing/temp_db.h"

namespace huji::service {
namespace {

const Actor kClerk{1, "clerk1", "", domain::Role::kClerk, "63000080", ""};

int64_t audit_count(Store& store) {
  int64_t n = 0;
  auto tx = store.begin(TxMode::kRead).value();
  EXPECT_TRUE(tx->scan_audit([&](const AuditEntry&) { return ++n, true; }).ok());
  return n;
}

// Entries from many threads: every one written once, in one chain, each submitter told after
// its entry is durable, and batches shared (fewer transactions than entries).
TEST(AuditQueue, ManySubmittersOneChainEachToldAfterItsEntryIsStored) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  constexpr int kThreads = 8, kEach = 200;
  std::atomic<int> ok{0}, stored_when_told{0};
  {
    AuditQueue queue(db.store(), clock, 64);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          const std::string request = "r" + std::to_string(t) + "-" + std::to_string(i);
          queue.submit(kClerk, {request}, {"person.read", "A123456789", "受理申請", "ok"},
                       [&, request](core::Status s) {
                         if (s.ok()) ++ok;
                         // Told: the entry is in the database for any reader.
                         AuditQuery q;
                         q.subject_id = "A123456789";
                         q.limit = 1000;
                         auto tx = db.store().begin(TxMode::kRead).value();
                         auto entries = tx->query_audit(q).value();
                         for (const auto& e : entries) {
                           if (e.request_id == request) ++stored_when_told;
                         }
                       });
        }
      });
    }
    for (auto& th : threads) th.join();
    queue.drain();
    EXPECT_EQ(ok.load(), kThreads * kEach);
  }
  EXPECT_EQ(stored_when_told.load(), kThreads * kEach);
  EXPECT_EQ(audit_count(db.store()), kThreads * kEach);
  AuditService audit(db.store(), clock);
  auto v = audit.verify().value();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, kThreads * kEach);
}

TEST(AuditQueue, DestroyingTheQueueWritesWhatWasSubmitted) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  std::atomic<int> told{0};
  {
    AuditQueue queue(db.store(), clock);
    for (int i = 0; i < 50; ++i) {
      queue.submit(kClerk, {"r"}, {"person.read", "A123456789", "受理申請", "ok"},
                   [&](core::Status s) { told += s.ok(); });
    }
  }
  EXPECT_EQ(told.load(), 50);
  EXPECT_EQ(audit_count(db.store()), 50);
}

// A store that cannot write: every submitter of the batch gets the error, none is told ok.
class UnwritableStore final : public Store {
 public:
  core::Result<std::unique_ptr<Transaction>> begin(TxMode) override {
    return core::Error::make(core::ErrorKind::kUnavailable, "store.busy", "資料庫忙碌中",
                             "the database is busy");
  }
  int schema_version() const override { return 0; }
};

TEST(AuditQueue, AFailedWriteIsToldToEverySubmitter) {
  UnwritableStore store;
  core::ManualClock clock{1'732'000'000'000};
  AuditQueue queue(store, clock);
  std::atomic<int> failed{0};
  for (int i = 0; i < 10; ++i) {
    queue.submit(kClerk, {"r"}, {"person.read", "A123456789", "p", "ok"}, [&](core::Status s) {
      if (!s.ok() && s.error().code == "store.busy") ++failed;
    });
  }
  queue.drain();
  EXPECT_EQ(failed.load(), 10);
}

}  // namespace
}  // namespace huji::service
