#include "store/bulk_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace huji::store {
namespace {

// The bulk loaders must store the same events.data text as the per-row path's
// nlohmann::json::dump().
TEST(BulkText, JsonObjectMatchesNlohmannDump) {
  const std::map<std::string, std::string> cases[] = {
      {},
      {{"history", "1"}},
      {{"from", "臺北市大安區"}, {"name", "陳\"小\"明"}, {"path", "a\\b"}},
      {{"ctl", std::string("x\b\f\n\r\t\x01\x1f\x7f", 9)}, {"", ""}},
  };
  for (const auto& m : cases) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : m) j[k] = v;
    std::string out;
    append_json_object(out, m);
    EXPECT_EQ(out, j.dump());
  }
}

TEST(BulkText, CopyFieldEscapesTheSeparators) {
  std::string out;
  append_copy_field(out, "a\tb\nc\rd\\e 臺");
  EXPECT_EQ(out, "a\\tb\\nc\\rd\\\\e 臺");
}

TEST(BulkText, CopyFieldReadsBackWhatWasWritten) {
  const std::string text = "a\tb\nc\rd\\e 臺\\t";
  std::string out;
  append_copy_field(out, text);
  EXPECT_EQ(read_copy_field(out), text);
  EXPECT_EQ(read_copy_field("ab\\"), std::nullopt);   // a trailing backslash
  EXPECT_EQ(read_copy_field("a\\xb"), std::nullopt);  // an escape never written
}

}  // namespace
}  // namespace huji::store
