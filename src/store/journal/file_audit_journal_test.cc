#include "store/journal/file_audit_journal.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace huji::store {
namespace {

namespace fs = std::filesystem;
using service::JournaledAudit;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "huji-journal-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string journal() const { return path_ + "/audit"; }

 private:
  std::string path_;
};

JournaledAudit record(int64_t jseq, std::string purpose = "受理申請") {
  JournaledAudit r;
  r.jseq = jseq;
  r.entry.at_ms = 1'732'000'000'000 + jseq;
  r.entry.username = "clerk1";
  r.entry.role = "clerk";
  r.entry.office_code = "63000080";
  r.entry.action = "person.read";
  r.entry.subject_id = "A123456789";
  r.entry.purpose = std::move(purpose);
  r.entry.request_id = "req-" + std::to_string(jseq);
  r.entry.outcome = "ok";
  return r;
}

std::vector<JournaledAudit> records(int64_t from, int64_t to) {
  std::vector<JournaledAudit> out;
  for (int64_t j = from; j <= to; ++j) out.push_back(record(j));
  return out;
}

std::vector<fs::path> segments(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".journal") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void append_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::app);
  out << bytes;
}

TEST(FileAuditJournal, RecordsSurviveReopeningWithEveryCharacterIntact) {
  TempDir tmp;
  const std::string odd = "事由\twith tab\nnewline \\ backslash \r and \\t literal";
  std::string id;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    EXPECT_EQ(j->last_jseq(), 0);
    EXPECT_FALSE(j->id().empty());
    id = j->id();
    ASSERT_TRUE(j->append({record(1), record(2, odd)}).ok());
    ASSERT_TRUE(j->append({record(3)}).ok());
    EXPECT_EQ(j->last_jseq(), 3);
  }
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->id(), id);
  EXPECT_EQ(j->last_jseq(), 3);
  auto all = j->read_after(0).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].jseq, 2);
  EXPECT_EQ(all[1].entry.purpose, odd);
  EXPECT_EQ(all[1].entry.at_ms, record(2).entry.at_ms);
  EXPECT_EQ(all[2].entry.request_id, "req-3");
  EXPECT_EQ(all[0].entry.office_code, "63000080");
  auto tail = j->read_after(2).value();
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].jseq, 3);
  ASSERT_TRUE(j->append({record(4)}).ok());
  EXPECT_EQ(j->read_after(3).value().size(), 1u);
}

TEST(FileAuditJournal, ASecondProcessIsRefusedWhileTheFirstHasItOpen) {
  TempDir tmp;
  auto first = open_file_audit_journal(tmp.journal()).value();
  auto second = open_file_audit_journal(tmp.journal());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "audit.journal_locked");
  first.reset();
  EXPECT_TRUE(open_file_audit_journal(tmp.journal()).ok());
}

TEST(FileAuditJournal, RecordsMustContinueTheNumbering) {
  TempDir tmp;
  auto j = open_file_audit_journal(tmp.journal()).value();
  auto r = j->append({record(2)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "audit.journal_sequence");
  ASSERT_TRUE(j->append({record(1)}).ok());
  EXPECT_FALSE(j->append({record(1)}).ok());
  EXPECT_EQ(j->last_jseq(), 1);
}

TEST(FileAuditJournal, MissingParentDirectoryIsAClearError) {
  auto j = open_file_audit_journal("/nonexistent-dir/audit");
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "audit.journal_open");
  EXPECT_NE(j.error().message_en.find("/nonexistent-dir/audit"), std::string::npos);
}

// A crash in the middle of an append leaves part of a batch: it was never acknowledged, so it
// is cut off, and the numbering goes on from the last whole batch.
TEST(FileAuditJournal, AnUnfinishedLastBatchIsCutOff) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    ASSERT_TRUE(j->append(records(3, 5)).ok());
  }
  const fs::path seg = segments(tmp.journal()).back();
  const std::string whole = slurp(seg);
  const std::string header_and_half = "B 6 2 300 0123456789abcdef\n6\t1732000000006\tclerk1\tcl";
  append_bytes(seg, header_and_half);
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    EXPECT_EQ(j->last_jseq(), 5);
    EXPECT_EQ(slurp(seg), whole);
    ASSERT_TRUE(j->append(records(6, 7)).ok());
  }
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 7);
  EXPECT_EQ(j->read_after(0).value().size(), 7u);
}

TEST(FileAuditJournal, ABatchWithAWrongChecksumAtTheEndIsCutOff) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    ASSERT_TRUE(j->append(records(3, 3)).ok());
  }
  const fs::path seg = segments(tmp.journal()).back();
  std::string data = slurp(seg);
  data[data.size() - 3] ^= 0x01;  // inside the last batch's payload
  std::ofstream(seg, std::ios::binary | std::ios::trunc) << data;
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 2);
}

// A damaged batch followed by an intact one: the damaged one had been acknowledged (the next
// is only written once it is on disk), so opening fails instead of dropping it.
TEST(FileAuditJournal, DamageBeforeAnIntactBatchIsRefused) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    ASSERT_TRUE(j->append(records(3, 4)).ok());
  }
  const fs::path seg = segments(tmp.journal()).back();
  std::string data = slurp(seg);
  const size_t at = data.find("req-1");
  ASSERT_NE(at, std::string::npos);
  data[at] = 'X';
  std::ofstream(seg, std::ios::binary | std::ios::trunc) << data;
  auto j = open_file_audit_journal(tmp.journal());
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "audit.journal_corrupt");
  EXPECT_EQ(slurp(seg), data) << "nothing is cut off a damaged journal";
}

// Small segments: appends roll over to new files; release() removes the files whose records
// are all in the trail, never the newest; what is left reopens and reads on.
TEST(FileAuditJournal, SegmentsRollOverAndMovedOnesAreRemoved) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal(), {.segment_bytes = 300}).value();
    for (int64_t i = 1; i <= 10; ++i) ASSERT_TRUE(j->append({record(i)}).ok());
    const size_t before = segments(tmp.journal()).size();
    EXPECT_GE(before, 3u);
    ASSERT_TRUE(j->release(6).ok());
    const auto left = segments(tmp.journal());
    EXPECT_LT(left.size(), before);
    // Every record after the release point is still there.
    auto rest = j->read_after(6).value();
    ASSERT_EQ(rest.size(), 4u);
    EXPECT_EQ(rest.front().jseq, 7);
    ASSERT_TRUE(j->release(10).ok());
    EXPECT_EQ(segments(tmp.journal()).size(), 1u) << "the newest segment stays";
  }
  auto j = open_file_audit_journal(tmp.journal(), {.segment_bytes = 300}).value();
  EXPECT_EQ(j->last_jseq(), 10);
  EXPECT_TRUE(j->read_after(10).value().empty());
  ASSERT_TRUE(j->append({record(11)}).ok());
  EXPECT_EQ(j->read_after(10).value().size(), 1u);
}

TEST(FileAuditJournal, AMissingMiddleSegmentIsRefused) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal(), {.segment_bytes = 200}).value();
    for (int64_t i = 1; i <= 6; ++i) ASSERT_TRUE(j->append({record(i)}).ok());
  }
  const auto segs = segments(tmp.journal());
  ASSERT_GE(segs.size(), 3u);
  fs::remove(segs[1]);
  auto j = open_file_audit_journal(tmp.journal(), {.segment_bytes = 200});
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().code, "audit.journal_corrupt");
}

}  // namespace
}  // namespace huji::store
