#include "http/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/json_mapping.h"

namespace huji::http {
namespace {

using nlohmann::json;

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonWriter, PlacesCommasAndNests) {
  JsonWriter w;
  w.begin_object().member("a", 1).key("b").begin_array().number(-2).null().string("x");
  w.begin_object().end_object().begin_array().end_array().end_array();
  w.key("c").string_or_null("").member("d", "e").end_object();
  EXPECT_EQ(w.take(), R"({"a":1,"b":[-2,null,"x",{},[]],"c":null,"d":"e"})");
}

// Strings come out as nlohmann::json writes them.
TEST(JsonWriter, EscapesAsNlohmannDoes) {
  for (const std::string& s :
       {std::string("王小明"), std::string(R"(say "hi"\)"), std::string("a\nb\tc\r"),
        std::string("\x01\x1f\x7f", 3), std::string("\b\f"), std::string(""),
        std::string("民國113年05月01日由臺北市大安區遷入 113年05月03日登記"),
        std::string("𠀀 (U+20000) and emoji 😀")}) {
    JsonWriter w;
    w.string(s);
    EXPECT_EQ(w.take(), dumped(json(s))) << s;
  }
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacters) {
  JsonWriter w;
  w.string(std::string("ok\xff\xc3(end", 8));
  const std::string out = w.take();
  auto parsed = json::parse(out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << out;
  EXPECT_EQ(parsed.get<std::string>(), "ok\xEF\xBF\xBD\xEF\xBF\xBD(end");
}

// The lookup's answer, field by field (docs/API.md), with and without household and parents.
TEST(PersonViewText, HasEveryDocumentedField) {
  service::PersonView v;
  v.person.id_number = "A123456789";
  v.person.name = "王\"小\"明";
  v.person.sex = core::Sex::kMale;
  v.person.birth_date = core::Date::parse_iso("1990-05-01").value();
  v.person.birth_place = "臺北市";
  v.person.relation = "長子";
  v.person.birth_order = 1;
  v.father = service::PersonRef{"A100000001", "王大明"};
  v.mother = service::PersonRef{"", "林美玲"};
  domain::Household h;
  h.household_no = "F0000001";
  h.office_code = "63000080";
  h.door_plate_id = 42;
  h.head_id = "A100000001";
  h.established = core::Date::parse_iso("2001-07-09").value();
  v.household = h;
  v.members = {v.person};
  domain::Event e;
  e.seq = 7;
  e.type = domain::EventType::kBirth;
  e.subject_id = v.person.id_number;
  e.event_date = v.person.birth_date;
  e.registered_on = core::Date::parse_iso("1990-05-03").value();
  e.office_code = "63000080";
  e.data = {{"place", "臺北市"}};
  v.events = {e};
  e.seq = 9;
  e.corrects_seq = 7;
  e.type = domain::EventType::kNameCorrection;
  e.data = {{"new_name", "王曉明"}};
  v.events.push_back(e);

  const json got = json::parse(person_view_text(v));
  const json expected = {{"person",
                          {{"id_number", "A123456789"},
                           {"name", "王\"小\"明"},
                           {"sex", "M"},
                           {"birth_date", "1990-05-01"},
                           {"birth_date_roc", "民國79年05月01日"},
                           {"birth_place", "臺北市"},
                           {"status", "active"},
                           {"removal_reason", ""},
                           {"indigenous", ""},
                           {"relation", "長子"},
                           {"birth_order", 1},
                           {"father", {{"id_number", "A100000001"}, {"name", "王大明"}}},
                           {"mother", {{"id_number", nullptr}, {"name", "林美玲"}}},
                           {"spouse", nullptr}}},
                         {"household",
                          {{"household_no", "F0000001"},
                           {"office_code", "63000080"},
                           {"head_id_number", "A100000001"},
                           {"established", "2001-07-09"},
                           {"door_plate_id", 42},
                           {"address", ""},
                           {"members", json::array({{{"id_number", "A123456789"},
                                                     {"name", "王\"小\"明"},
                                                     {"relation", "長子"},
                                                     {"sex", "M"},
                                                     {"birth_date", "1990-05-01"},
                                                     {"birth_date_roc", "民國79年05月01日"},
                                                     {"status", "active"}}})}}},
                         {"events", json::array({{{"seq", 7},
                                                  {"type", "birth"},
                                                  {"event_date", "1990-05-01"},
                                                  {"registered_on", "1990-05-03"},
                                                  {"office_code", "63000080"},
                                                  {"corrects_seq", nullptr},
                                                  {"text_zh", domain::describe_zh(v.events[0])},
                                                  {"text_en", domain::describe_en(v.events[0])}},
                                                 {{"seq", 9},
                                                  {"type", "name_correction"},
                                                  {"event_date", "1990-05-01"},
                                                  {"registered_on", "1990-05-03"},
                                                  {"office_code", "63000080"},
                                                  {"corrects_seq", 7},
                                                  {"text_zh", domain::describe_zh(v.events[1])},
                                                  {"text_en", domain::describe_en(v.events[1])}}})},
                         {"view", "full"}};
  EXPECT_EQ(got, expected) << got.dump(2);
  // Keys come sorted, as in the other (nlohmann-built) answers.
  EXPECT_EQ(person_view_text(v), dumped(expected));

  v.household.reset();
  v.members.clear();
  v.father.reset();
  const json bare = json::parse(person_view_text(v));
  EXPECT_TRUE(bare["household"].is_null());
  EXPECT_TRUE(bare["person"]["father"].is_null());
}

// ?view=summary: the person's own row, household number included, nothing else.
TEST(PersonViewText, SummaryHasThePersonsRowOnly) {
  service::PersonView v;
  v.kind = service::PersonViewKind::kSummary;
  v.person.id_number = "A223456781";
  v.person.name = "林美玲";
  v.person.sex = core::Sex::kFemale;
  v.person.birth_date = core::Date::parse_iso("1962-03-04").value();
  v.person.birth_place = "臺南市";
  v.person.household_no = "F0000001";
  v.person.relation = "配偶";
  v.person.birth_order = 2;
  v.person.father_id = "A100000001";  // not read for a summary, so not shown
  const json expected = {{"person",
                          {{"id_number", "A223456781"},
                           {"name", "林美玲"},
                           {"sex", "F"},
                           {"birth_date", "1962-03-04"},
                           {"birth_date_roc", "民國51年03月04日"},
                           {"birth_place", "臺南市"},
                           {"status", "active"},
                           {"removal_reason", ""},
                           {"indigenous", ""},
                           {"household_no", "F0000001"},
                           {"relation", "配偶"},
                           {"birth_order", 2}}},
                         {"view", "summary"}};
  EXPECT_EQ(person_view_text(v), dumped(expected));
}

}  // namespace
}  // namespace huji::http
