#include "notify/file_drop.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace huji::notify {
namespace {

namespace fs = std::filesystem;

class FileDrop : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "huji-drop-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string dir_;
};

service::OutgoingMessage message() {
  return {"msg_7_land_registration", 1'764'900'000,
          "v1,abc=", R"({"type":"registration.move_in","data":{"name":"王小明"}})"};
}

TEST_F(FileDrop, WritesTheSignedEnvelopeWithThePayloadByteForByte) {
  const auto m = message();
  const auto answer = drop_file(dir_, m);
  EXPECT_EQ(answer.http_status, 200) << answer.error;
  EXPECT_TRUE(answer.delivered());
  std::ifstream in(dir_ + "/msg_7_land_registration.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const auto envelope = nlohmann::json::parse(text.str());
  EXPECT_EQ(envelope["webhook-id"], m.message_id);
  EXPECT_EQ(envelope["webhook-timestamp"], m.timestamp_s);
  EXPECT_EQ(envelope["webhook-signature"], m.signature);
  EXPECT_EQ(envelope["payload"].get<std::string>(), m.payload);
  // Nothing else is left in the directory (the temporary file was renamed).
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(FileDrop, WritingAgainReplacesTheFile) {
  auto m = message();
  ASSERT_TRUE(drop_file(dir_, m).delivered());
  m.timestamp_s += 5;
  ASSERT_TRUE(drop_file(dir_, m).delivered());
  std::ifstream in(dir_ + "/msg_7_land_registration.json");
  EXPECT_EQ(nlohmann::json::parse(in)["webhook-timestamp"], m.timestamp_s);
}

TEST_F(FileDrop, AMissingDirectoryIsNoAnswer) {
  const auto answer = drop_file(dir_ + "/absent", message());
  EXPECT_EQ(answer.http_status, 0);
  EXPECT_FALSE(answer.delivered());
  EXPECT_NE(answer.error.find("file drop"), std::string::npos);
}

TEST_F(FileDrop, AnIdThatIsNoFileNameIsRefused) {
  auto m = message();
  m.message_id = "../escape";
  EXPECT_FALSE(drop_file(dir_, m).delivered());
  EXPECT_FALSE(fs::exists(fs::path(dir_).parent_path() / "escape.json"));
}

}  // namespace
}  // namespace huji::notify
