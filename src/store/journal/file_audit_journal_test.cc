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

// Where the next append goes: after the intact batches, before the zeros ahead of them.
size_t end_of_batches(const std::string& data) { return data.find('\0'); }

void write_at(const fs::path& p, size_t offset, const std::string& bytes) {
  std::fstream f(p, std::ios::binary | std::ios::in | std::ios::out);
  f.seekp(static_cast<std::streamoff>(offset));
  f << bytes;
}

// A crash in the middle of an append leaves part of a batch: it was never acknowledged, so
// the next append goes over it, and the numbering goes on from the last whole batch.
TEST(FileAuditJournal, AnUnfinishedLastBatchIsWrittenOver) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    ASSERT_TRUE(j->append(records(3, 5)).ok());
  }
  const fs::path seg = segments(tmp.journal()).back();
  const std::string before = slurp(seg);
  const size_t end = end_of_batches(before);
  ASSERT_NE(end, std::string::npos) << "space is prepared ahead of the batches";
  write_at(seg, end, "B 6 2 300 0123456789abcdef\n6\t1732000000006\tclerk1\tcl");
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    EXPECT_EQ(j->last_jseq(), 5);
    ASSERT_TRUE(j->append(records(6, 7)).ok());
  }
  EXPECT_EQ(slurp(seg).substr(0, end), before.substr(0, end)) << "intact batches untouched";
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 7);
  auto all = j->read_after(0).value();
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all.back().entry.request_id, "req-7");
}

TEST(FileAuditJournal, ABatchWithAWrongChecksumAtTheEndIsNotTaken) {
  TempDir tmp;
  {
    auto j = open_file_audit_journal(tmp.journal()).value();
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    ASSERT_TRUE(j->append(records(3, 3)).ok());
  }
  const fs::path seg = segments(tmp.journal()).back();
  std::string data = slurp(seg);
  const size_t at = data.find("req-3");
  ASSERT_NE(at, std::string::npos);
  data[at] = 'X';  // inside the last batch's payload
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
// are all in the trail, never the newest, and keeps one as the space of the next segment,
// whose old batches are then ignored; what is left reopens and reads on.
TEST(FileAuditJournal, SegmentsRollOverAndMovedOnesAreRecycledOrRemoved) {
  TempDir tmp;
  const FileAuditJournalOptions small{.segment_bytes = 300};
  {
    auto j = open_file_audit_journal(tmp.journal(), small).value();
    for (int64_t i = 1; i <= 10; ++i) ASSERT_TRUE(j->append({record(i)}).ok());
    const size_t before = segments(tmp.journal()).size();
    EXPECT_GE(before, 3u);
    ASSERT_TRUE(j->release(6).ok());
    EXPECT_LT(segments(tmp.journal()).size(), before);
    EXPECT_TRUE(fs::exists(tmp.journal() + "/spare"));
    // Every record after the release point is still there.
    auto rest = j->read_after(6).value();
    ASSERT_EQ(rest.size(), 4u);
    EXPECT_EQ(rest.front().jseq, 7);
    ASSERT_TRUE(j->release(10).ok());
    EXPECT_EQ(segments(tmp.journal()).size(), 1u) << "the newest segment stays";
    for (int64_t i = 11; i <= 20; ++i) ASSERT_TRUE(j->append({record(i)}).ok());
    EXPECT_FALSE(fs::exists(tmp.journal() + "/spare")) << "the spare became a segment";
  }
  auto j = open_file_audit_journal(tmp.journal(), small).value();
  EXPECT_EQ(j->last_jseq(), 20);
  auto rest = j->read_after(10).value();
  ASSERT_EQ(rest.size(), 10u);
  EXPECT_EQ(rest.front().jseq, 11);
  EXPECT_EQ(rest.back().entry.request_id, "req-20");
  ASSERT_TRUE(j->append({record(21)}).ok());
  EXPECT_EQ(j->read_after(20).value().size(), 1u);
}

// A recycled segment holds the old batches of earlier records behind the new ones: after
// reopening they are taken for space, not for records nor for damage.
TEST(FileAuditJournal, ARecycledSegmentsOldBatchesAreIgnoredOnReopening) {
  TempDir tmp;
  const FileAuditJournalOptions opts{.segment_bytes = 400};
  {
    auto j = open_file_audit_journal(tmp.journal(), opts).value();
    for (int64_t i = 1; i <= 11; ++i) ASSERT_TRUE(j->append({record(i, "p")}).ok());
    ASSERT_GE(segments(tmp.journal()).size(), 3u);
    ASSERT_TRUE(j->release(10).ok());
    ASSERT_TRUE(fs::exists(tmp.journal() + "/spare"));
    // Into the newest segment until the next record needs the spare.
    int64_t next = 12;
    while (fs::exists(tmp.journal() + "/spare")) {
      ASSERT_TRUE(j->append({record(next++, "a longer purpose than before")}).ok());
    }
    EXPECT_EQ(j->last_jseq(), next - 1);
  }
  const fs::path recycled = segments(tmp.journal()).back();
  const std::string data = slurp(recycled);
  ASSERT_NE(data.find("req-3\t"), std::string::npos) << "old batches remain behind the new one";
  auto j = open_file_audit_journal(tmp.journal(), opts).value();
  const int64_t last = j->last_jseq();
  auto rest = j->read_after(11).value();
  ASSERT_EQ(static_cast<int64_t>(rest.size()), last - 11);
  EXPECT_EQ(rest.back().jseq, last);
  for (const auto& r : rest) EXPECT_EQ(r.entry.purpose, "a longer purpose than before");
  ASSERT_TRUE(j->append({record(last + 1)}).ok());
}

// A spare renamed into place whose first batch never got written (a crash between the two):
// an empty segment, the numbering going on from the one before.
TEST(FileAuditJournal, AnEmptyRecycledSegmentIsEmpty) {
  TempDir tmp;
  const FileAuditJournalOptions opts{.segment_bytes = 300};
  {
    auto j = open_file_audit_journal(tmp.journal(), opts).value();
    for (int64_t i = 1; i <= 6; ++i) ASSERT_TRUE(j->append({record(i)}).ok());
    ASSERT_TRUE(j->release(4).ok());
    ASSERT_TRUE(fs::exists(tmp.journal() + "/spare"));
  }
  fs::rename(tmp.journal() + "/spare", tmp.journal() + "/00000000000000000007.journal");
  auto j = open_file_audit_journal(tmp.journal(), opts).value();
  EXPECT_EQ(j->last_jseq(), 6);
  EXPECT_EQ(j->read_after(4).value().size(), 2u);
  ASSERT_TRUE(j->append({record(7)}).ok());
  EXPECT_EQ(j->read_after(6).value().size(), 1u);
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

// --- Faults heal (issue 15 item 5) ----------------------------------------------------------

// A journal whose writes fail while `*fault` says so, as a full disk would make them.
std::unique_ptr<service::AuditJournal> faulty(const TempDir& tmp, const JournalFault* fault,
                                              size_t segment_bytes = size_t{64} << 20) {
  FileAuditJournalOptions o;
  o.segment_bytes = segment_bytes;
  o.fault = [fault] { return *fault; };
  return open_file_audit_journal(tmp.journal(), o).value();
}

std::vector<int64_t> jseqs(const std::vector<JournaledAudit>& rs) {
  std::vector<int64_t> out;
  out.reserve(rs.size());
  for (const auto& r : rs) out.push_back(r.jseq);
  return out;
}

// Before, the journal refused every append after one failure until the server restarted.
TEST(FileAuditJournal, AFullDiskFailsTheAppendAndTheNextOneSucceedsWithoutReopening) {
  TempDir tmp;
  JournalFault fault = JournalFault::kNone;
  std::vector<JournaledAudit> read;
  {
    auto j = faulty(tmp, &fault);
    ASSERT_TRUE(j->append(records(1, 3)).ok());
    fault = JournalFault::kWrite;
    auto failed = j->append(records(4, 6));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "audit.journal_write");
    EXPECT_EQ(failed.error().kind, core::ErrorKind::kUnavailable);
    EXPECT_EQ(j->last_jseq(), 3);
    EXPECT_FALSE(j->probe().ok()) << "the disk is still full";
    EXPECT_FALSE(j->append(records(4, 5)).ok());
    fault = JournalFault::kNone;
    ASSERT_TRUE(j->probe().ok());
    ASSERT_TRUE(j->append(records(4, 5)).ok()) << "the failed numbers are given again";
    ASSERT_TRUE(j->append(records(6, 6)).ok());
    EXPECT_EQ(jseqs(j->read_after(0).value()), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  }
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 6);
  read = j->read_after(2).value();
  EXPECT_EQ(jseqs(read), (std::vector<int64_t>{3, 4, 5, 6}));
  EXPECT_EQ(read[1].entry.request_id, "req-4");
}

// A sync that fails after the write leaves the failed batch whole on disk; the numbers it had
// go to the records written next, and only those are read back, now and after reopening.
TEST(FileAuditJournal, AFailedSyncsBatchOnDiskIsSupersededByTheRecordsWrittenNext) {
  TempDir tmp;
  JournalFault fault = JournalFault::kNone;
  {
    auto j = faulty(tmp, &fault);
    ASSERT_TRUE(j->append(records(1, 2)).ok());
    fault = JournalFault::kSync;
    std::vector<JournaledAudit> refused = {record(3, "refused"), record(4, "refused")};
    ASSERT_FALSE(j->append(refused).ok());
    fault = JournalFault::kNone;
    ASSERT_TRUE(j->append({record(3, "told")}).ok());
    auto now = j->read_after(0).value();
    ASSERT_EQ(jseqs(now), (std::vector<int64_t>{1, 2, 3}));
    EXPECT_EQ(now[2].entry.purpose, "told");
    ASSERT_TRUE(j->append({record(4, "told")}).ok());
  }
  EXPECT_EQ(segments(tmp.journal()).size(), 2u) << "the append after the failure started over";
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 4);
  auto read = j->read_after(0).value();
  ASSERT_EQ(jseqs(read), (std::vector<int64_t>{1, 2, 3, 4}));
  for (size_t i = 2; i < 4; ++i) EXPECT_EQ(read[i].entry.purpose, "told");
  // The older segment goes once the records it holds are moved; the failed batch with it.
  ASSERT_TRUE(j->append(records(5, 5)).ok());
  ASSERT_TRUE(j->release(2).ok());
  EXPECT_EQ(jseqs(j->read_after(0).value()), (std::vector<int64_t>{3, 4, 5}));
}

// A failure in a segment that holds nothing acknowledged yet (the first batch after a roll-over)
// starts that segment over rather than leave an empty one behind.
TEST(FileAuditJournal, AFailureInAFreshSegmentStartsThatSegmentOver) {
  TempDir tmp;
  JournalFault fault = JournalFault::kNone;
  {
    auto j = faulty(tmp, &fault, 600);
    ASSERT_TRUE(j->append(records(1, 3)).ok());
    fault = JournalFault::kSync;
    ASSERT_FALSE(j->append(records(4, 8)).ok());  // past 600 bytes: a new segment, failed
    ASSERT_FALSE(j->append(records(4, 5)).ok());  // still failing: the same segment again
    fault = JournalFault::kNone;
    ASSERT_TRUE(j->append(records(4, 4)).ok());
  }
  EXPECT_EQ(segments(tmp.journal()).size(), 2u);
  auto j = open_file_audit_journal(tmp.journal()).value();
  EXPECT_EQ(j->last_jseq(), 4);
  EXPECT_EQ(jseqs(j->read_after(0).value()), (std::vector<int64_t>{1, 2, 3, 4}));
  ASSERT_TRUE(j->append(records(5, 5)).ok());
}

}  // namespace
}  // namespace huji::store
