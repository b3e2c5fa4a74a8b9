#include "service/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "service/audit_checkpoint.h"
#include "testing/temp_db.h"

namespace huji::service {
namespace {

constexpr int64_t kDay = 86'400'000;

class AuditTest : public ::testing::Test {
 protected:
  void append(const Actor& who, const std::string& subject, const std::string& purpose) {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(append_audit(*tx, clock_, who, {"req"}, {"person.read", subject, purpose}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  void exec_raw(const char* sql) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.path().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  testing::TempDb db_;
  core::ManualClock clock_{1'732'000'000'000};
  AuditService audit_{db_.store(), clock_};
  Actor clerk_{1, "clerk1", "", domain::Role::kClerk, "63000080", ""};
  Actor other_office_clerk_{3, "clerk9", "", domain::Role::kClerk, "10007010", ""};
  Actor auditor_{2, "auditor1", "", domain::Role::kAuditor, "63000080", ""};
};

TEST_F(AuditTest, ChainVerifiesAndLinksEntries) {
  append(clerk_, "A123456789", "受理申請");
  append(clerk_, "F131104093", "戶籍資料核對");
  auto v = audit_.verify().value();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 2);
  auto entries = db_.store().begin(TxMode::kRead).value()->query_audit({}).value();
  (void)entries;
}

TEST_F(AuditTest, TamperingIsDetectedAtTheAlteredEntry) {
  for (int i = 0; i < 5; ++i) append(clerk_, "A123456789", "受理申請");
  // An attacker with file access drops the guard and rewrites who looked.
  exec_raw("DROP TRIGGER audit_no_update; UPDATE audit SET username = 'nobody' WHERE seq = 3");
  auto v = audit_.verify().value();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_EQ(v.entries, 2);
}

TEST_F(AuditTest, DeletionIsDetected) {
  for (int i = 0; i < 4; ++i) append(clerk_, "A123456789", "受理申請");
  exec_raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2");
  auto v = audit_.verify().value();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditTest, AuditorListsBySubjectUserAndDayWithinTheOffice) {
  append(clerk_, "A123456789", "受理申請");
  append(other_office_clerk_, "A123456789", "通報業務");
  clock_.advance_ms(kDay);
  append(clerk_, "F131104093", "稽核");

  AuditQuery by_subject;
  by_subject.subject_id = "A123456789";
  auto r = audit_.list(auditor_, {"q"}, by_subject).value();
  ASSERT_EQ(r.size(), 1u);  // the other office's access is not this auditor's to see
  EXPECT_EQ(r[0].username, "clerk1");
  EXPECT_EQ(r[0].purpose, "受理申請");

  AuditQuery by_user;
  by_user.username = "clerk1";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, by_user).value().size(), 2u);

  AuditQuery by_day;
  by_day.from_ms = clock_.now_ms() - 1000;
  by_day.to_ms = clock_.now_ms() + 1000;
  auto day = audit_.list(auditor_, {"q"}, by_day).value();
  ASSERT_FALSE(day.empty());
  EXPECT_EQ(day.back().subject_id, "F131104093");

  // Listing is itself audited, and the chain still verifies.
  EXPECT_TRUE(audit_.verify().value().ok);
  AuditQuery by_auditor;
  by_auditor.username = "auditor1";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, by_auditor).value().size(), 3u);
}

TEST_F(AuditTest, OnlyAuditorsListAndAFilterIsRequired) {
  AuditQuery q;
  q.subject_id = "A123456789";
  EXPECT_EQ(audit_.list(clerk_, {"q"}, q).error().code, "auth.forbidden");
  EXPECT_EQ(audit_.list(auditor_, {"q"}, AuditQuery{}).error().code, "audit.filter_required");
}

TEST_F(AuditTest, HashCoversEveryField) {
  AuditEntry e{1, 5, "u", "clerk", "o", "person.read", "A123456789", "p", "r", "ok", "", ""};
  const std::string h = audit_hash(e);
  for (int field = 0; field < 10; ++field) {
    AuditEntry m = e;
    switch (field) {
      case 0: m.seq = 2; break;
      case 1: m.at_ms = 6; break;
      case 2: m.username = "v"; break;
      case 3: m.role = "admin"; break;
      case 4: m.office_code = "x"; break;
      case 5: m.action = "person.write"; break;
      case 6: m.subject_id = "F131104093"; break;
      case 7: m.purpose = "q"; break;
      case 8: m.request_id = "s"; break;
      case 9: m.outcome = "denied"; break;
    }
    EXPECT_NE(audit_hash(m), h) << "field " << field;
  }
  // Length-prefixing: moving characters between fields changes the hash.
  AuditEntry a = e, b = e;
  a.username = "ab";
  a.role = "c";
  b.username = "a";
  b.role = "bc";
  EXPECT_NE(audit_hash(a), audit_hash(b));
}

// --- Signed checkpoints (issue 15 item 4) ------------------------------------------------------

// Checkpoints kept in memory, as the file keeps them.
class MemoryCheckpointLog final : public AuditCheckpointLog {
 public:
  const std::string& where() const override { return where_; }
  core::Status append(const AuditCheckpoint& cp) override {
    std::lock_guard lock(mu);
    all.push_back(cp);
    return {};
  }
  core::Result<std::vector<AuditCheckpoint>> read_all() override {
    std::lock_guard lock(mu);
    return all;
  }
  std::mutex mu;  // the checkpointer's thread appends
  std::vector<AuditCheckpoint> all;

 private:
  std::string where_ = "memory";
};

class AuditCheckpointTest : public AuditTest {
 protected:
  AuditCheckpoint checkpoint() {
    AuditCheckpointer cp(db_.store(), clock_, key_, log_, {.server = "test"});
    return cp.checkpoint().value();
  }
  AuditVerification verify_with_checkpoints() {
    CheckpointEvidence evidence{log_.all, {key_.public_hex()}};
    return audit_.verify(&evidence).value();
  }
  // Removes `subject`'s entries and recomputes every later hash with the public formula
  // (audit_hash), renumbering seq: what someone with write access to the database can do.
  void delete_and_rechain(const std::string& subject) {
    std::vector<AuditEntry> kept;
    {
      auto tx = db_.store().begin(TxMode::kRead).value();
      ASSERT_TRUE(tx->scan_audit([&](const AuditEntry& e) {
                      if (e.subject_id != subject) kept.push_back(e);
                      return true;
                    }).ok());
    }
    exec_raw("DROP TRIGGER audit_no_delete; DELETE FROM audit");
    ChainEnd end;
    for (AuditEntry& e : kept) chain_after(e, end);
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->append_audits(kept).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  AuditSigningKey key_ = AuditSigningKey::generate();
  MemoryCheckpointLog log_;
};

TEST_F(AuditCheckpointTest, ACheckpointSignsTheChainsHeadAndAnIntactTrailVerifies) {
  for (int i = 0; i < 4; ++i) append(clerk_, "A123456789", "受理申請");
  const AuditCheckpoint cp = checkpoint();
  EXPECT_EQ(cp.seq, 4);
  EXPECT_EQ(cp.server, "test");
  EXPECT_TRUE(checkpoint_signature_valid(cp));
  append(clerk_, "F131104093", "稽核");
  auto v = verify_with_checkpoints();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.checkpoints, 1);
  EXPECT_EQ(v.checkpoint_seq, 4);
  // A checkpoint whose fields were altered no longer carries a valid signature.
  AuditCheckpoint forged = cp;
  forged.seq = 3;
  EXPECT_FALSE(checkpoint_signature_valid(forged));
}

// Before, deleting the newest entries left a chain that verified.
TEST_F(AuditCheckpointTest, DeletingTheNewestEntriesIsReportedAsTruncation) {
  for (int i = 0; i < 6; ++i) append(clerk_, "A123456789", "受理申請");
  checkpoint();
  exec_raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 3");
  EXPECT_TRUE(audit_.verify().value().ok) << "the chain alone cannot tell";
  auto v = verify_with_checkpoints();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.finding, AuditVerification::Finding::kTruncated);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("entries 4 to 6 were deleted"), std::string::npos) << v.problem;
}

// Before, deleting one person's entries and recomputing the chain verified.
TEST_F(AuditCheckpointTest, DeletingOnePersonsEntriesAndRechainingIsReported) {
  append(clerk_, "A123456789", "受理申請");
  append(clerk_, "F131104093", "稽核");
  append(clerk_, "A123456789", "受理申請");
  checkpoint();
  append(clerk_, "A123456789", "受理申請");
  delete_and_rechain("F131104093");
  EXPECT_TRUE(audit_.verify().value().ok) << "the chain alone cannot tell";
  auto v = verify_with_checkpoints();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.finding, AuditVerification::Finding::kRewritten);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditCheckpointTest, ACheckpointSignedByAnUntrustedKeyIsReported) {
  append(clerk_, "A123456789", "受理申請");
  checkpoint();
  // Someone with the database and the checkpoint file signs a head of their own.
  const AuditSigningKey other = AuditSigningKey::generate();
  AuditCheckpoint cp = log_.all.back();
  other.sign(cp);
  log_.all.push_back(cp);
  auto v = verify_with_checkpoints();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.finding, AuditVerification::Finding::kBadCheckpoint);
  EXPECT_NE(v.problem.find("untrusted key " + other.public_hex()), std::string::npos);
}

TEST_F(AuditCheckpointTest, TheCheckpointerSignsEveryNEntriesAtStartAndAtStop) {
  AuditCheckpointer cp(db_.store(), clock_, key_, log_,
                       {.every_entries = 3,
                        .every = std::chrono::hours(1),
                        .poll = std::chrono::milliseconds(1),
                        .server = "test"});
  cp.start();
  ASSERT_EQ(log_.all.size(), 1u);  // the trail as found: empty
  EXPECT_EQ(log_.all[0].seq, 0);
  for (int i = 0; i < 3; ++i) append(clerk_, "A123456789", "受理申請");
  // The checkpoint's appearance is the event waited for (its thread has no other sign).
  for (int i = 0; i < 2000 && log_.read_all().value().back().seq != 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(log_.read_all().value().back().seq, 3) << "every 3 entries";
  append(clerk_, "A123456789", "受理申請");
  ASSERT_TRUE(cp.stop().ok());
  ASSERT_GE(log_.all.size(), 3u);
  EXPECT_EQ(log_.all.back().seq, 4) << "the clean stop's checkpoint";
  auto v = verify_with_checkpoints();
  EXPECT_TRUE(v.ok) << v.problem;
}

}  // namespace
}  // namespace huji::service
