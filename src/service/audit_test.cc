#include "service/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "domain/access/audit_sample.h"
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
  auto r = audit_.list(auditor_, {"q"}, by_subject).value().entries;
  ASSERT_EQ(r.size(), 1u);  // the other office's access is not this auditor's to see
  EXPECT_EQ(r[0].username, "clerk1");
  EXPECT_EQ(r[0].purpose, "受理申請");

  AuditQuery by_user;
  by_user.username = "clerk1";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, by_user).value().entries.size(), 2u);

  AuditQuery by_day;
  by_day.from_ms = clock_.now_ms() - 1000;
  by_day.to_ms = clock_.now_ms() + 1000;
  auto day = audit_.list(auditor_, {"q"}, by_day).value().entries;
  ASSERT_FALSE(day.empty());
  EXPECT_EQ(day.back().subject_id, "F131104093");

  // Listing is itself audited, and the chain still verifies.
  EXPECT_TRUE(audit_.verify().value().ok);
  AuditQuery by_auditor;
  by_auditor.username = "auditor1";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, by_auditor).value().entries.size(), 3u);
}

TEST_F(AuditTest, OnlyAuditorsListAndAFilterIsRequired) {
  AuditQuery q;
  q.subject_id = "A123456789";
  EXPECT_EQ(audit_.list(clerk_, {"q"}, q).error().code, "auth.forbidden");
  EXPECT_EQ(audit_.list(auditor_, {"q"}, AuditQuery{}).error().code, "audit.filter_required");
}

TEST_F(AuditTest, FiltersByActionPurposeAndRefusalAndRefusesAnotherOffice) {
  append(clerk_, "A123456789", "受理申請");
  append(clerk_, "A123456789", "其他：法院函查");
  {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(append_audit(*tx, clock_, clerk_, {"req"},
                             {"household.read", "戶:12345678", "受理申請", "denied"})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  AuditQuery q;
  q.username = "clerk1";
  q.action_prefix = "person.read";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, q).value().entries.size(), 2u);
  q.purpose_prefix = "其他";
  auto other = audit_.list(auditor_, {"q"}, q).value().entries;
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].purpose, "其他：法院函查");
  AuditQuery refused;
  refused.username = "clerk1";
  refused.outcome = "denied";
  auto denied = audit_.list(auditor_, {"q"}, refused).value().entries;
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0].action, "household.read");
  // Paging: a full page names where the next one starts.
  AuditQuery paged;
  paged.username = "clerk1";
  paged.limit = 2;
  auto page = audit_.list(auditor_, {"q"}, paged).value();
  ASSERT_EQ(page.entries.size(), 2u);
  paged.before_seq = page.next_before;
  auto rest = audit_.list(auditor_, {"q"}, paged).value();
  ASSERT_EQ(rest.entries.size(), 1u);
  EXPECT_EQ(rest.next_before, 0);
  EXPECT_LT(rest.entries[0].seq, page.entries.back().seq);

  AuditQuery elsewhere;
  elsewhere.username = "clerk9";
  elsewhere.office_code = "10007010";
  EXPECT_EQ(audit_.list(auditor_, {"q"}, elsewhere).error().code, "audit.office_scope");
}

TEST_F(AuditTest, ExportIsAuditedAsAnExport) {
  append(clerk_, "A123456789", "受理申請");
  AuditQuery q;
  q.subject_id = "A123456789";
  ASSERT_TRUE(audit_.list(auditor_, {"q"}, q, AuditUse::kExport).ok());
  AuditQuery mine;
  mine.username = "auditor1";
  auto entries = audit_.list(auditor_, {"q"}, mine).value().entries;
  ASSERT_EQ(entries.size(), 1u);  // the export (this listing is recorded after it answers)
  EXPECT_EQ(entries[0].action, "audit.export");
  EXPECT_EQ(entries[0].subject_id, "A123456789");
}

class AuditSampleTest : public AuditTest {
 protected:
  void SetUp() override {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office({"63000080", "文山區戶政事務所", "臺北市", "文山區", ""}).ok());
    ASSERT_TRUE(tx->put_office({"10007010", "北斗鎮戶政事務所", "彰化縣", "北斗鎮", ""}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  void read_as(const Actor& who, const char* action, int n) {
    auto tx = db_.store().begin(TxMode::kWrite).value();
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(append_audit(*tx, clock_, who, {"req"},
                               {action, "A12345678" + std::to_string(i % 10), "受理申請"})
                      .ok());
    }
    ASSERT_TRUE(tx->commit().ok());
  }
  Actor auditor2_{4, "auditor2", "", domain::Role::kAuditor, "63000080", ""};
  Actor other_auditor_{5, "auditor9", "", domain::Role::kAuditor, "10007010", ""};
};

TEST_F(AuditSampleTest, DrawsTheWeeksReadsOfTheOfficeReproduciblyFromTheRecordedSeed) {
  read_as(clerk_, "person.read", 30);
  read_as(clerk_, "person.read_related", 5);  // shown beside a lookup: not drawn
  read_as(other_office_clerk_, "person.read", 5);
  read_as(auditor_, "person.read_summary", 3);  // the auditor's own: never theirs to audit
  read_as(clerk_, "person.search", 2);          // a search by name is a lookup with a purpose
  auto v = audit_.draw_sample(auditor_, {"q"}, clock_.today_taipei(), 10).value();
  const auto& s = v.sample;
  EXPECT_EQ(s.population, 32);
  ASSERT_EQ(s.items.size(), 10u);
  for (const auto& i : s.items) {
    EXPECT_EQ(i.entry.username, "clerk1");
    EXPECT_TRUE(i.entry.action == "person.read" || i.entry.action == "person.search")
        << i.entry.action;
    EXPECT_TRUE(i.finding.empty());
  }
  // Anyone holding the seed redraws the same reads from the same population.
  std::vector<int64_t> population;
  ASSERT_TRUE(db_.store()
                  .begin(TxMode::kRead)
                  .value()
                  ->scan_audit([&](const AuditEntry& e) {
                    if (e.username == "clerk1" &&
                        (e.action == "person.read" || e.action == "person.search")) {
                      population.push_back(e.seq);
                    }
                    return true;
                  })
                  .ok());
  std::vector<int64_t> drawn;
  for (const auto& i : s.items) drawn.push_back(i.seq);
  EXPECT_EQ(domain::draw_audit_sample(population, 10, std::stoull(s.seed)), drawn);

  // One sample a week per office; another office draws its own.
  EXPECT_EQ(audit_.draw_sample(auditor2_, {"q"}, clock_.today_taipei(), 10).error().code,
            "audit.sample_exists");
  EXPECT_EQ(audit_.draw_sample(other_auditor_, {"q"}, clock_.today_taipei(), 10)
                .value()
                .sample.population,
            5);
  EXPECT_EQ(audit_.draw_sample(auditor_, {"q"}, clock_.today_taipei().add_days(7), 10).error().code,
            "audit.sample_future");
  EXPECT_EQ(audit_.draw_sample(auditor_, {"q"}, clock_.today_taipei(), 0).error().code,
            "audit.sample_size");
  EXPECT_EQ(audit_.draw_sample(clerk_, {"q"}, clock_.today_taipei(), 10).error().code,
            "auth.forbidden");
}

TEST_F(AuditSampleTest, FindingsCompleteTheSampleAndAreKeptAndAudited) {
  read_as(clerk_, "person.read", 2);
  read_as(auditor2_, "household.read", 1);
  const auto drawn = audit_.draw_sample(auditor_, {"q"}, clock_.today_taipei(), 5).value();
  const int64_t id = drawn.sample.id;
  ASSERT_EQ(drawn.sample.items.size(), 3u);
  const auto& items = drawn.sample.items;
  EXPECT_EQ(
      audit_.record_finding(auditor_, {"q"}, id, {items[0].seq, "explain", "  "}).error().code,
      "audit.finding_note");
  EXPECT_EQ(audit_.record_finding(auditor_, {"q"}, id, {items[0].seq, "fine", ""}).error().code,
            "audit.finding");
  EXPECT_EQ(audit_.record_finding(auditor_, {"q"}, id, {999999, "normal", ""}).error().code,
            "audit.sample_item_not_found");
  EXPECT_EQ(
      audit_.record_finding(other_auditor_, {"q"}, id, {items[0].seq, "normal", ""}).error().code,
      "audit.sample_not_found");
  // auditor2's own read is in auditor1's sample; auditor2 may not judge it.
  EXPECT_EQ(audit_.record_finding(auditor2_, {"q"}, id, {items[2].seq, "normal", ""}).error().code,
            "audit.own_read");

  ASSERT_TRUE(audit_.record_finding(auditor_, {"q"}, id, {items[0].seq, "normal", ""}).ok());
  ASSERT_TRUE(
      audit_.record_finding(auditor_, {"q"}, id, {items[1].seq, "violation", "與業務無關"}).ok());
  auto half = audit_.sample(auditor_, {"q"}, id).value().sample;
  EXPECT_EQ(half.completed_ms, 0);
  auto done =
      audit_.record_finding(auditor_, {"q"}, id, {items[2].seq, "explain", "請說明事由"}).value();
  EXPECT_GT(done.sample.completed_ms, 0);
  EXPECT_EQ(done.sample.items[1].finding, "violation");
  EXPECT_EQ(done.sample.items[1].note, "與業務無關");
  EXPECT_EQ(done.sample.items[1].recorded_by, "auditor1");

  auto listed = audit_.samples(auditor_, {"q"}).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].items.size(), 3u);
  EXPECT_TRUE(audit_.samples(other_auditor_, {"q"}).value().empty());

  AuditQuery mine;
  mine.username = "auditor1";
  mine.action_prefix = "audit.";
  auto trail = audit_.list(auditor_, {"q"}, mine).value().entries;
  int findings = 0;
  for (const auto& e : trail) findings += e.action == "audit.finding" ? 1 : 0;
  EXPECT_EQ(findings, 3);
  EXPECT_TRUE(audit_.verify().value().ok);
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
