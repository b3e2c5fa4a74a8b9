#include "store/journal/audit_checkpoint_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace huji::store {
namespace {

namespace fs = std::filesystem;

class CheckpointFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "huji-checkpoint-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string dir_;
};

TEST_F(CheckpointFileTest, AKeyIsCreatedPrivateOnceAndReadBack) {
  const std::string path = dir_ + "/audit-key";
  EXPECT_EQ(read_signing_key(path).error().code, "audit.key_missing");
  auto made = create_signing_key(path).value();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(create_signing_key(path).error().code, "audit.key_exists");
  EXPECT_EQ(read_signing_key(path).value().public_hex(), made.public_hex());
  EXPECT_EQ(made.public_hex().size(), 64u);
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(read_signing_key(path).error().code, "audit.key_permissions");
}

TEST_F(CheckpointFileTest, CheckpointsAreAppendedAsLinesAndReadBackInOrder) {
  const std::string path = dir_ + "/checkpoints";
  EXPECT_TRUE(read_checkpoint_file(path).value().empty());
  auto key = service::AuditSigningKey::generate();
  {
    auto log = open_checkpoint_file(path).value();
    for (int64_t seq : {5, 9}) {
      service::AuditCheckpoint cp{seq, "h" + std::to_string(seq), 1000 + seq, "srv", "j", "", ""};
      key.sign(cp);
      ASSERT_TRUE(log->append(cp).ok());
    }
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  {
    std::ofstream torn(path, std::ios::app);
    torn << R"({"seq":12,"hash")";  // a write a crash cut short
  }
  auto all = open_checkpoint_file(path).value()->read_all().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].seq, 9);
  EXPECT_EQ(all[1].hash, "h9");
  EXPECT_EQ(all[1].server, "srv");
  EXPECT_TRUE(service::checkpoint_signature_valid(all[1]));
  {
    std::ofstream damaged(path, std::ios::app);
    damaged << "\nnot json\n";
  }
  EXPECT_EQ(read_checkpoint_file(path).error().code, "audit.checkpoints_corrupt");
}

}  // namespace
}  // namespace huji::store
