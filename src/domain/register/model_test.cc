#include "domain/register/model.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace huji::domain {
namespace {

core::Date date(const char* iso) { return core::Date::parse_iso(iso).value(); }

Event event(EventType type, const char* on, const char* registered,
            std::map<std::string, std::string> data = {}) {
  Event e;
  e.type = type;
  e.event_date = date(on);
  e.registered_on = date(registered);
  e.data = std::move(data);
  return e;
}

TEST(EventTypeCode, RoundTripsForEveryType) {
  std::set<std::string> seen;
  for (int i = 0; i <= static_cast<int>(EventType::kConversion); ++i) {
    const auto type = static_cast<EventType>(i);
    const std::string code = event_type_code(type);
    EXPECT_NE(code, "unknown");
    EXPECT_TRUE(seen.insert(code).second) << code;
    ASSERT_TRUE(event_type_from_code(code).has_value()) << code;
    EXPECT_EQ(*event_type_from_code(code), type);
  }
  EXPECT_STREQ(event_type_code(EventType::kMoveIn), "move_in");
  EXPECT_STREQ(event_type_code(EventType::kExOfficioMoveIn), "ex_officio_move_in");
  EXPECT_FALSE(event_type_from_code("moved_in").has_value());
  EXPECT_FALSE(event_type_from_code("").has_value());
}

struct Wording {
  Event event;
  const char* zh;
  const char* en;
};

TEST(DescribeEvent, TranscriptWording) {
  const std::vector<Wording> cases = {
      {event(EventType::kMoveIn, "2024-05-01", "2024-05-03", {{"from", "臺北市大安區"}}),
       "民國113年05月01日由臺北市大安區遷入 113年05月03日登記",
       "2024-05-01 Moved in from 臺北市大安區, registered 2024-05-03"},
      {event(EventType::kBirth, "1991-03-02", "1991-03-10", {{"place", "臺北市"}}),
       "民國80年03月02日在臺北市出生 80年03月10日登記",
       "1991-03-02 Born in 臺北市, registered 1991-03-10"},
      {event(EventType::kMarriage, "2016-10-10", "2016-10-12",
             {{"spouse_name", "王小明"}, {"spouse_id", "A123456789"}}),
       "民國105年10月10日與王小明結婚 105年10月12日登記",
       "2016-10-10 Married 王小明, registered 2016-10-12"},
      {event(EventType::kDeath, "2021-01-05", "2021-01-08"),
       "民國110年01月05日死亡 110年01月08日登記", "2021-01-05 Died, registered 2021-01-08"},
      {event(EventType::kMoveOut, "2023-07-01", "2023-07-03", {{"to", "新北市板橋區"}}),
       "民國112年07月01日遷出至新北市板橋區 112年07月03日登記",
       "2023-07-01 Moved out to 新北市板橋區, registered 2023-07-03"},
      {event(EventType::kMoveOut, "2023-07-01", "2023-07-03", {{"to", "國外"}}),
       "民國112年07月01日遷出國外 112年07月03日登記",
       "2023-07-01 Moved abroad, registered 2023-07-03"},
      {event(EventType::kAddressChange, "2022-02-03", "2022-02-07"),
       "民國111年02月03日住址變更 111年02月07日登記",
       "2022-02-03 Address changed, registered 2022-02-07"},
      {event(EventType::kDivorce, "2019-06-30", "2019-07-01",
             {{"spouse_name", "林美玲"}, {"reason", "agreed"}}),
       "民國108年06月30日與林美玲兩願離婚 108年07月01日登記",
       "2019-06-30 Divorced by mutual consent from 林美玲, registered 2019-07-01"},
      {event(EventType::kNameChange, "2020-09-09", "2020-09-09",
             {{"old_name", "陳金水"}, {"new_name", "陳建宏"}}),
       "民國109年09月09日姓名由陳金水變更為陳建宏 109年09月09日登記",
       "2020-09-09 Name changed from 陳金水 to 陳建宏, registered 2020-09-09"},
      {event(EventType::kHeadChange, "2018-04-02", "2018-04-10", {{"old_head_name", "張清水"}}),
       "民國107年04月02日戶長變更，原戶長張清水 107年04月10日登記",
       "2018-04-02 Head of household changed, formerly 張清水, registered 2018-04-10"},
      {event(EventType::kFirstRegistration, "2015-12-01", "2015-12-04", {{"from", "越南"}}),
       "民國104年12月01日由越南入境初設戶籍 104年12月04日登記",
       "2015-12-01 First household registration on entry from 越南, registered 2015-12-04"},
      {event(EventType::kExOfficioMoveIn, "2024-03-01", "2024-03-01"),
       "民國113年03月01日逕為遷入 113年03月01日登記",
       "2024-03-01 Moved in ex officio, registered 2024-03-01"},
      {event(EventType::kHouseholdSplit, "2012-08-08", "2012-08-08"),
       "民國101年08月08日分戶 101年08月08日登記",
       "2012-08-08 Household split, registered 2012-08-08"},
      {event(EventType::kBirthDateCorrection, "2010-01-02", "2010-01-05",
             {{"old_date", "1980-02-03"}, {"new_date", "1980-03-02"}}),
       "民國99年01月02日出生日期由69年02月03日更正為69年03月02日 99年01月05日登記",
       "2010-01-02 Date of birth corrected from 1980-02-03 to 1980-03-02, registered 2010-01-05"},
      {event(EventType::kLossOfNationality, "2017-05-05", "2017-05-09"),
       "民國106年05月05日喪失中華民國國籍，廢止戶籍 106年05月09日登記",
       "2017-05-05 Lost ROC nationality; registration abolished, registered 2017-05-09"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(describe_zh(c.event), c.zh) << event_type_code(c.event.type);
    EXPECT_EQ(describe_en(c.event), c.en) << event_type_code(c.event.type);
  }
}

TEST(DescribeEvent, MissingDataFallsBackToBareWording) {
  EXPECT_EQ(describe_zh(event(EventType::kMoveIn, "2024-05-01", "2024-05-03")),
            "民國113年05月01日遷入 113年05月03日登記");
  EXPECT_EQ(describe_zh(event(EventType::kMarriage, "2024-05-01", "2024-05-01")),
            "民國113年05月01日結婚 113年05月01日登記");
  EXPECT_EQ(describe_zh(event(EventType::kBirth, "2024-05-01", "2024-05-20")),
            "民國113年05月01日出生 113年05月20日登記");
}

TEST(DescribeEvent, RevocationNamesTheEntry) {
  Event e = event(EventType::kRevocation, "2024-05-01", "2024-05-01", {{"reason", "誤辦"}});
  e.corrects_seq = 42;
  EXPECT_EQ(describe_zh(e), "民國113年05月01日撤銷第42號記事（誤辦） 113年05月01日登記");
  EXPECT_EQ(describe_en(e), "2024-05-01 Entry 42 revoked (誤辦), registered 2024-05-01");
}

TEST(DescribeEvent, EveryTypeHasWording) {
  for (int i = 0; i <= static_cast<int>(EventType::kConversion); ++i) {
    const Event e = event(static_cast<EventType>(i), "2024-05-01", "2024-05-02");
    const std::string zh = describe_zh(e);
    EXPECT_TRUE(zh.starts_with("民國113年05月01日")) << zh;
    EXPECT_TRUE(zh.ends_with(" 113年05月02日登記")) << zh;
    EXPECT_GT(zh.size(), std::string("民國113年05月01日 113年05月02日登記").size()) << zh;
    EXPECT_FALSE(describe_en(e).empty());
  }
}

}  // namespace
}  // namespace huji::domain
