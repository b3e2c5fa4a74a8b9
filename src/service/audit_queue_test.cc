#include "service/audit_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/journal/file_audit_journal.h"
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

// Submits `n` lookups' entries (the same person and purpose), each told to `done`.
void submit_lookups(
    AuditQueue& queue, int n, const AuditQueue::Done& done = [](const core::Status&) {}) {
  for (int i = 0; i < n; ++i) {
    queue.submit(kClerk, {"r"}, {"person.read", "A123456789", "p", "ok"}, done);
  }
}

// Entries from many threads: every one written once, in one chain, each submitter told after
// its entry is durable, and batches shared (fewer transactions than entries).
TEST(AuditQueue, ManySubmittersOneChainEachToldAfterItsEntryIsStored) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  constexpr int kThreads = 8, kEach = 200;
  std::atomic<int> ok{0}, stored_when_told{0};
  {
    AuditQueue queue(db.store(), clock, {.max_batch = 64});
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          const std::string request = "r" + std::to_string(t) + "-" + std::to_string(i);
          queue.submit(kClerk, {request}, {"person.read", "A123456789", "受理申請", "ok"},
                       [&, request](const core::Status& s) {
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
                   [&](const core::Status& s) { told += s.ok(); });
    }
  }
  EXPECT_EQ(told.load(), 50);
  EXPECT_EQ(audit_count(db.store()), 50);
}

// The group commit window: a lone entry waits for others (but no longer than the window);
// a full batch, or stopping, does not wait.
TEST(AuditQueue, ALoneEntryWaitsTheCommitWindowThenIsWritten) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  AuditQueue queue(db.store(), clock,
                   {.commit_window = std::chrono::milliseconds(50), .commit_batch = 32});
  std::atomic<bool> told{false};
  const auto t0 = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point t1;
  submit_lookups(queue, 1, [&](const core::Status& s) {
    t1 = std::chrono::steady_clock::now();
    told = s.ok();
  });
  queue.drain();
  ASSERT_TRUE(told.load());
  EXPECT_GE(t1 - t0, std::chrono::milliseconds(50));
  EXPECT_EQ(audit_count(db.store()), 1);
}

TEST(AuditQueue, AFullCommitBatchIsWrittenWithoutWaitingTheWindow) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  AuditQueue queue(db.store(), clock,
                   {.commit_window = std::chrono::seconds(60), .commit_batch = 3});
  std::atomic<int> told{0};
  auto count = [&](const core::Status& s) { told += s.ok(); };
  const auto t0 = std::chrono::steady_clock::now();
  submit_lookups(queue, 2, count);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(told.load(), 0);  // two of three: still waiting for the third
  submit_lookups(queue, 1, count);
  queue.drain();
  EXPECT_EQ(told.load(), 3);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  EXPECT_EQ(audit_count(db.store()), 3);
}

TEST(AuditQueue, StoppingWritesWithoutWaitingTheWindow) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  std::atomic<int> told{0};
  const auto t0 = std::chrono::steady_clock::now();
  {
    AuditQueue queue(db.store(), clock,
                     {.commit_window = std::chrono::seconds(60), .commit_batch = 32});
    submit_lookups(queue, 1, [&](const core::Status& s) { told += s.ok(); });
  }
  EXPECT_EQ(told.load(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  EXPECT_EQ(audit_count(db.store()), 1);
}

// A store that cannot write: every submitter of the batch gets the error, none is told ok.
class UnwritableStore final : public Store {
 public:
  core::Result<std::unique_ptr<Transaction>> begin(TxMode) override {
    return core::Error::unavailable("store.busy", "資料庫忙碌中", "the database is busy");
  }
  int schema_version() const override { return 0; }
};

TEST(AuditQueue, AFailedWriteIsToldToEverySubmitter) {
  UnwritableStore store;
  core::ManualClock clock{1'732'000'000'000};
  AuditQueue queue(store, clock);
  std::atomic<int> failed{0};
  submit_lookups(queue, 10, [&](const core::Status& s) {
    if (!s.ok() && s.error().code == "store.busy") ++failed;
  });
  queue.drain();
  EXPECT_EQ(failed.load(), 10);
}

// --- With a journal -------------------------------------------------------------------------

std::string journal_dir(const testing::TempDb& db) { return db.path() + ".audit"; }

int64_t mark_of(Store& store, const std::string& journal_id) {
  auto tx = store.begin(TxMode::kRead).value();
  return tx->audit_journal_mark(journal_id).value().value_or(-1);
}

// A journal as the server opens it: bound to the database, emptied into the trail.
std::unique_ptr<AuditJournal> open_journal(testing::TempDb& db) {
  auto journal = store::open_file_audit_journal(journal_dir(db)).value();
  EXPECT_EQ(move_journal_into_trail(db.store(), *journal).value(), 0);
  return journal;
}

// Told means on disk in the journal; drain() means in the trail too, chained once each, with
// the journal's mark at the last record.
TEST(AuditQueueJournal, ToldEntriesAreJournaledAndDrainMovesThemIntoTheTrail) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  constexpr int kThreads = 4, kEach = 250;
  std::atomic<int> ok{0};
  {
    // A long interval: only drain() moves, so the trail is empty until then.
    AuditQueue queue(db.store(), clock, {.max_batch = 64, .move_interval = std::chrono::hours(1)},
                     journal.get());
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          queue.submit(kClerk, {"r" + std::to_string(t) + "-" + std::to_string(i)},
                       {"person.read", "A123456789", "受理申請", "ok"},
                       [&](const core::Status& s) { ok += s.ok(); });
        }
      });
    }
    for (auto& th : threads) th.join();
    // Told (each submitter's done ran ok) while the trail is still empty: the journal
    // alone held them.
    for (int i = 0; i < 1000 && ok.load() < kThreads * kEach; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(ok.load(), kThreads * kEach);
    EXPECT_EQ(audit_count(db.store()), 0);
    queue.drain();
    EXPECT_EQ(audit_count(db.store()), kThreads * kEach);
    EXPECT_EQ(mark_of(db.store(), journal->id()), kThreads * kEach);
  }
  AuditService audit(db.store(), clock);
  auto v = audit.verify().value();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, kThreads * kEach);
  EXPECT_EQ(journal->last_jseq(), kThreads * kEach);
}

TEST(AuditQueueJournal, TheMoverMovesOnItsOwnAfterTheInterval) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  AuditQueue queue(db.store(), clock, {.move_interval = std::chrono::milliseconds(20)},
                   journal.get());
  std::atomic<int> told{0};
  submit_lookups(queue, 10, [&](const core::Status& s) { told += s.ok(); });
  // Polling the database is the event here: the mover has no other outward sign.
  for (int i = 0; i < 500 && audit_count(db.store()) < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(told.load(), 10);
  EXPECT_EQ(audit_count(db.store()), 10);
}

// A submission's entries (a full lookup: the subject and everyone else shown) are appended
// together, so when its submitter is told, all of them are on disk; a batch is cut between
// submissions, never inside one.
TEST(AuditQueueJournal, ASubmissionsEntriesAreJournaledTogether) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  constexpr int kLookups = 20;
  std::atomic<int> told{0};
  std::atomic<bool> whole{true};
  {
    AuditQueue queue(db.store(), clock, {.max_batch = 1, .move_interval = std::chrono::hours(1)},
                     journal.get());
    for (int i = 0; i < kLookups; ++i) {
      std::vector<AuditRecord> shown{{"person.read", "A123456789", "p", "ok"},
                                     {"person.read_related", "A223456781", "p", "ok"},
                                     {"person.read_related", "A100000001", "p", "ok"}};
      // `done` runs on the queue's thread, the journal's one user.
      queue.submit(kClerk, {"r" + std::to_string(i)}, std::move(shown), [&](const core::Status& s) {
        const int n = ++told;
        whole = whole && s.ok() && journal->last_jseq() == int64_t{3} * n;
      });
    }
    queue.drain();
  }
  EXPECT_EQ(told.load(), kLookups);
  EXPECT_TRUE(whole.load());
  EXPECT_EQ(audit_count(db.store()), 3 * kLookups);
  bool called = false;
  AuditQueue(db.store(), clock)
      .submit(kClerk, {"none"}, std::vector<AuditRecord>{},
              [&](const core::Status& s) { called = s.ok(); });
  EXPECT_TRUE(called);  // nothing to write: told at once
}

// What a crash left in the journal is moved into the trail at the next start, exactly once,
// after entries that other use cases wrote to the trail meanwhile.
TEST(AuditQueueJournal, RecoveryMovesWhatACrashLeftExactlyOnce) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  std::string id;
  {
    auto journal = open_journal(db);
    id = journal->id();
    std::vector<JournaledAudit> left;
    for (int64_t j = 1; j <= 25; ++j) {
      left.push_back(
          {j, make_audit_entry(1'732'000'000'000 + j, kClerk, {"crash-" + std::to_string(j)},
                               {"person.read", "A123456789", "受理申請", "ok"})});
    }
    ASSERT_TRUE(journal->append(left).ok());
  }  // the process ends before the mover ran
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(append_audit(*tx, clock, kClerk, {"login"}, {"auth.login", "", "", "ok"}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  db.reopen();
  auto journal = store::open_file_audit_journal(journal_dir(db)).value();
  EXPECT_EQ(journal->id(), id);
  EXPECT_EQ(move_journal_into_trail(db.store(), *journal, 10).value(), 25);
  EXPECT_EQ(move_journal_into_trail(db.store(), *journal, 10).value(), 0);
  EXPECT_EQ(audit_count(db.store()), 26);
  EXPECT_EQ(mark_of(db.store(), id), 25);
  AuditQuery q;
  q.subject_id = "A123456789";
  q.limit = 100;
  auto tx = db.store().begin(TxMode::kRead).value();
  auto entries = tx->query_audit(q).value();
  ASSERT_EQ(entries.size(), 25u);
  EXPECT_EQ(entries.front().request_id, "crash-25");
  EXPECT_EQ(entries.front().at_ms, 1'732'000'000'025);
  AuditService audit(db.store(), clock);
  EXPECT_TRUE(audit.verify().value().ok);
}

// A commit whose answer was lost may be retried with the same records: they go in once.
TEST(AuditQueueJournal, MovingTheSameRecordsTwiceWritesThemOnce) {
  testing::TempDb db;
  std::vector<JournaledAudit> records;
  for (int64_t j = 1; j <= 3; ++j) {
    records.push_back({j, make_audit_entry(j, kClerk, {"r"}, {"person.read", "A123456789", "p"})});
  }
  ASSERT_TRUE(move_into_trail(db.store(), "j", records).ok());
  ASSERT_TRUE(move_into_trail(db.store(), "j", records).ok());
  EXPECT_EQ(audit_count(db.store()), 3);
  // A gap between the mark and the records is an error, not a silent skip.
  std::vector<JournaledAudit> later{{5, records[0].entry}};
  auto gap = move_into_trail(db.store(), "j", later);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code, "audit.journal_gap");
  EXPECT_EQ(audit_count(db.store()), 3);
}

// A journal holding records that this database never took is another database's.
TEST(AuditQueueJournal, AJournalOfAnotherDatabaseIsRefused) {
  testing::TempDb db, other;
  {
    auto journal = open_journal(db);
    ASSERT_TRUE(
        journal
            ->append({{1, make_audit_entry(1, kClerk, {"r"}, {"person.read", "A123456789", "p"})}})
            .ok());
  }
  auto journal = store::open_file_audit_journal(journal_dir(db)).value();
  auto r = move_journal_into_trail(other.store(), *journal);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.journal_foreign");
  EXPECT_EQ(audit_count(other.store()), 0);
}

TEST(AuditQueueJournal, AJournalBehindTheTrailsMarkIsRefused) {
  testing::TempDb db;
  auto journal = store::open_file_audit_journal(journal_dir(db)).value();
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->set_audit_journal_mark(journal->id(), 40).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  auto r = move_journal_into_trail(db.store(), *journal);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.journal_behind");
}

// The trail's database refuses writes for a while: lookups are still answered (their entries
// are durable in the journal), and once it writes again the mover catches up.
class FlakyStore final : public Store {
 public:
  explicit FlakyStore(Store& inner) : inner_(inner) {}
  core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    if (mode == TxMode::kWrite && refuse_writes) {
      return core::Error::unavailable("store.busy", "資料庫忙碌中", "the database is busy");
    }
    return inner_.begin(mode);
  }
  int schema_version() const override { return inner_.schema_version(); }
  std::atomic<bool> refuse_writes{true};

 private:
  Store& inner_;
};

TEST(AuditQueueJournal, AFailedMoveKeepsTheRecordsAndIsTriedAgain) {
  testing::TempDb db;
  FlakyStore flaky(db.store());
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  std::atomic<int> ok{0};
  {
    AuditQueue queue(flaky, clock, {.move_interval = std::chrono::milliseconds(10)}, journal.get());
    submit_lookups(queue, 20, [&](const core::Status& s) { ok += s.ok(); });
    queue.drain();  // returns after a failed move
    EXPECT_EQ(ok.load(), 20);
    EXPECT_EQ(audit_count(db.store()), 0);
    flaky.refuse_writes = false;
    // A move that began before writes were allowed again may still fail and end a drain().
    for (int i = 0; i < 10 && audit_count(db.store()) < 20; ++i) queue.drain();
    EXPECT_EQ(audit_count(db.store()), 20);
  }
  EXPECT_TRUE(AuditService(db.store(), clock).verify().value().ok);
}

// Stopping while the trail cannot be written: the records stay in the journal for the next
// start, nothing is lost and nothing hangs.
TEST(AuditQueueJournal, StoppingWhileTheTrailIsUnwritableLeavesTheRecordsInTheJournal) {
  testing::TempDb db;
  FlakyStore flaky(db.store());
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  {
    AuditQueue queue(flaky, clock, {}, journal.get());
    submit_lookups(queue, 5);
  }
  EXPECT_EQ(audit_count(db.store()), 0);
  EXPECT_EQ(move_journal_into_trail(db.store(), *journal).value(), 5);
  EXPECT_EQ(audit_count(db.store()), 5);
}

// A failing trail is retried every move_interval, not in a busy loop, even with a backlog
// larger than one move.
TEST(AuditQueueJournal, AFailingTrailIsRetriedAtTheIntervalNotInALoop) {
  testing::TempDb db;
  FlakyStore flaky(db.store());
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  std::atomic<int> failures{0};
  {
    AuditQueue queue(flaky, clock,
                     {.move_interval = std::chrono::milliseconds(50),
                      .move_batch = 2,
                      .on_move_error = [&](const core::Error&) { ++failures; }},
                     journal.get());
    submit_lookups(queue, 10);
    // The count of attempts over a stretch of time is what is tested: time must pass.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_GE(failures.load(), 1);
    EXPECT_LE(failures.load(), 20) << "about one attempt per 50 ms";
    flaky.refuse_writes = false;
    for (int i = 0; i < 10 && audit_count(db.store()) < 10; ++i) queue.drain();
  }
  EXPECT_EQ(audit_count(db.store()), 10);
}

// drain() moves everything it waits for at once, in as many moves as that takes.
TEST(AuditQueueJournal, DrainMovesABacklogLargerThanOneMove) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  AuditQueue queue(db.store(), clock, {.move_interval = std::chrono::hours(1), .move_batch = 3},
                   journal.get());
  submit_lookups(queue, 10);
  queue.drain();  // before the fix it waited an hour for the second move
  EXPECT_EQ(audit_count(db.store()), 10);
}

// Past max_unmoved waiting records, while the trail cannot be written, a batch is refused
// (503) instead of held: nothing of it is journaled, and what was journaled still arrives.
TEST(AuditQueueJournal, ABacklogPastTheBoundIsRefusedWhileTheTrailFails) {
  testing::TempDb db;
  FlakyStore flaky(db.store());
  core::ManualClock clock{1'732'000'000'000};
  auto journal = open_journal(db);
  std::atomic<int> ok{0}, behind{0};
  auto done = [&](const core::Status& s) {
    if (s.ok())
      ++ok;
    else if (s.error().code == "audit.trail_behind")
      ++behind;
  };
  {
    AuditQueue queue(
        flaky, clock,
        {.max_batch = 5, .move_interval = std::chrono::milliseconds(10), .max_unmoved = 5},
        journal.get());
    submit_lookups(queue, 5, done);
    for (int i = 0; i < 1000 && ok.load() < 5; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_EQ(ok.load(), 5);
    queue.submit(kClerk, {"refused"}, {"person.read", "A123456789", "p", "ok"}, done);
    for (int i = 0; i < 1000 && behind.load() < 1; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    EXPECT_EQ(behind.load(), 1);
    flaky.refuse_writes = false;
    for (int i = 0; i < 10 && audit_count(db.store()) < 5; ++i) queue.drain();
  }
  EXPECT_EQ(audit_count(db.store()), 5);
  EXPECT_EQ(journal->last_jseq(), 5) << "the refused batch was not journaled";
}

// --- Faults heal (issue 15 item 5) ----------------------------------------------------------

// What the queue tells the operator's log about the journal, in order; waited for as events.
struct JournalStates {
  std::mutex mu;
  std::condition_variable changed;
  std::vector<std::string> seen;  // "failed <code>" or "recovered <refused>"
  void note(const core::Error* failed, uint64_t refused) {
    {
      std::lock_guard lock(mu);
      seen.push_back(failed ? "failed " + failed->code : "recovered " + std::to_string(refused));
    }
    changed.notify_all();
  }
  bool wait_for(size_t n) {
    std::unique_lock lock(mu);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return seen.size() >= n; });
  }
};

// A journal failing as a full disk makes it while *fault says so (read on the writer's thread).
std::unique_ptr<AuditJournal> open_faulty_journal(testing::TempDb& db,
                                                  std::atomic<store::JournalFault>& fault,
                                                  std::atomic<int>& writes) {
  store::FileAuditJournalOptions o;
  o.fault = [&] {
    ++writes;
    return fault.load();
  };
  auto journal = store::open_file_audit_journal(journal_dir(db), o).value();
  EXPECT_EQ(move_journal_into_trail(db.store(), *journal).value(), 0);
  return journal;
}

// Before, one failed append (a full disk) failed every lookup until the server restarted; now
// the queue probes the journal and lookups succeed again once space is back, with a log line
// when it failed and one when it recovered.
TEST(AuditQueueJournal, AFailedJournalIsProbedAndHealsWithoutARestart) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  std::atomic<store::JournalFault> fault{store::JournalFault::kWrite};
  std::atomic<int> writes{0}, ok{0}, refused{0};
  auto journal = open_faulty_journal(db, fault, writes);
  JournalStates states;
  auto done = [&](const core::Status& s) {
    if (s.ok()) {
      ++ok;
    } else if (s.error().code == "audit.journal_write") {
      ++refused;
    }
  };
  {
    AuditQueue queue(
        db.store(), clock,
        {.journal_retry = std::chrono::milliseconds(5),
         .journal_retry_max = std::chrono::milliseconds(20),
         .on_journal_state = [&](const core::Error* e, uint64_t n) { states.note(e, n); }},
        journal.get());
    submit_lookups(queue, 7, done);
    queue.drain();
    EXPECT_EQ(refused.load(), 7);
    EXPECT_EQ(ok.load(), 0);
    EXPECT_TRUE(queue.journal_failing());
    ASSERT_TRUE(states.wait_for(1));
    fault = store::JournalFault::kNone;
    // No lookup drives it: the writer's own probe finds the journal working again.
    ASSERT_TRUE(states.wait_for(2));
    EXPECT_FALSE(queue.journal_failing());
    submit_lookups(queue, 5, done);
    queue.drain();
    EXPECT_EQ(ok.load(), 5);
    EXPECT_EQ(audit_count(db.store()), 5);
  }
  EXPECT_EQ(states.seen, (std::vector<std::string>{"failed audit.journal_write", "recovered 7"}));
  EXPECT_EQ(journal->last_jseq(), 5);
  auto v = AuditService(db.store(), clock).verify().value();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 5);
}

// While the journal fails, batches are refused at once until the next try is due: the
// journal is not hammered once per batch.
TEST(AuditQueueJournal, BatchesWhileTheJournalFailsAreRefusedWithoutTryingIt) {
  testing::TempDb db;
  core::ManualClock clock{1'732'000'000'000};
  std::atomic<store::JournalFault> fault{store::JournalFault::kSync};
  std::atomic<int> writes{0}, failed{0};
  auto journal = open_faulty_journal(db, fault, writes);
  AuditQueue queue(db.store(), clock,
                   {.max_batch = 1,
                    .commit_window = std::chrono::microseconds(0),
                    .journal_retry = std::chrono::hours(1)},
                   journal.get());
  submit_lookups(queue, 20, [&](const core::Status& s) { failed += !s.ok(); });
  queue.drain();
  EXPECT_EQ(failed.load(), 20);
  EXPECT_EQ(writes.load(), 1) << "one batch tried the journal; the other 19 were refused";
}

}  // namespace
}  // namespace huji::service
