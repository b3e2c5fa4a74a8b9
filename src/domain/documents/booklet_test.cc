#include "domain/documents/booklet.h"

#include <gtest/gtest.h>

namespace huji::domain {
namespace {

Person person(const std::string& id, PersonStatus status = PersonStatus::kActive) {
  Person p;
  p.id_number = id;
  p.status = status;
  return p;
}

TEST(BookletTest, HeadMemberOrAnAgentWithAReason) {
  Household h;
  h.head_id = "A123456789";
  const std::vector<Person> members{person("A123456789"), person("B234567890"),
                                    person("C145678901", PersonStatus::kRemoved)};
  EXPECT_EQ(booklet_capacity(h, members, {"A123456789", "", ""}).value(), BookletCapacity::kHead);
  EXPECT_EQ(booklet_capacity(h, members, {"B234567890", "", ""}).value(), BookletCapacity::kMember);
  EXPECT_EQ(booklet_capacity(h, members, {"Z199999999", "B234567890", "住院"}).value(),
            BookletCapacity::kAgent);
  EXPECT_EQ(booklet_capacity(h, members, {"Z199999999", "B234567890", ""}).error().code,
            "booklet.reason");
  EXPECT_EQ(booklet_capacity(h, members, {"Z199999999", "", "住院"}).error().code,
            "booklet.unrelated");
  // A removed member is no longer one.
  EXPECT_EQ(booklet_capacity(h, members, {"C145678901", "", ""}).error().code, "booklet.unrelated");
  EXPECT_EQ(booklet_capacity(h, members, {"Z199999999", "C145678901", "住院"}).error().code,
            "booklet.unrelated");
}

TEST(BookletTest, IssueOnceThenReplace) {
  EXPECT_TRUE(check_booklet_issue(BookletKind::kIssue, false).ok());
  EXPECT_EQ(check_booklet_issue(BookletKind::kIssue, true).error().code, "booklet.already_issued");
  EXPECT_TRUE(check_booklet_issue(BookletKind::kReplacement, true).ok());
  EXPECT_EQ(check_booklet_issue(BookletKind::kReplacement, false).error().code, "booklet.none");
}

}  // namespace
}  // namespace huji::domain
