#include "domain/documents/id_card.h"

#include <gtest/gtest.h>

namespace huji::domain {
namespace {

using core::Date;

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day).value(); }

std::string code_of(const core::Status& s) { return s.ok() ? "" : s.error().code; }

// Ages are whole years on the issue day: 14 on the 14th birthday, not the day before; a
// person born on 29 February turns 14 on 1 March in a common year.
TEST(IdCardTest, FirstIssueFromTheFourteenthBirthday) {
  struct Case {
    Date birth, on;
    std::string code;
  } cases[] = {
      {d(2012, 6, 16), d(2026, 6, 16), ""},
      {d(2012, 6, 16), d(2026, 6, 15), "id_card.under_age"},
      {d(2012, 2, 29), d(2026, 2, 28), "id_card.under_age"},
      {d(2012, 2, 29), d(2026, 3, 1), ""},
      {d(1950, 1, 1), d(2026, 1, 1), ""},
      {d(2026, 1, 1), d(2026, 1, 1), "id_card.under_age"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(code_of(check_card_issue(CardIssueKind::kFirst, c.birth, true, c.on, std::nullopt)),
              c.code)
        << c.birth.to_iso() << " on " << c.on.to_iso();
  }
}

TEST(IdCardTest, KindFollowsTheCardInForce) {
  const Date birth = d(1990, 5, 1);
  const Date on = d(2026, 12, 5);
  auto check = [&](CardIssueKind k, std::optional<CardStatus> s) {
    return code_of(check_card_issue(k, birth, true, on, s));
  };
  EXPECT_EQ(check(CardIssueKind::kFirst, CardStatus::kValid), "id_card.already_issued");
  EXPECT_EQ(check(CardIssueKind::kRenewal, std::nullopt), "id_card.no_card");
  EXPECT_EQ(check(CardIssueKind::kRenewal, CardStatus::kValid), "");
  EXPECT_EQ(check(CardIssueKind::kRenewal, CardStatus::kLost), "id_card.lost");
  EXPECT_EQ(check(CardIssueKind::kReplacement, CardStatus::kValid), "id_card.not_lost");
  EXPECT_EQ(check(CardIssueKind::kReplacement, CardStatus::kLost), "");
  EXPECT_EQ(check(CardIssueKind::kReplacement, std::nullopt), "id_card.no_card");
  EXPECT_EQ(
      code_of(check_card_issue(CardIssueKind::kRenewal, birth, false, on, CardStatus::kValid)),
      "id_card.person_removed");
}

TEST(IdCardTest, ALostCardIsNotUnlostOnceReplaced) {
  EXPECT_EQ(code_of(check_loss_report(CardStatus::kValid)), "");
  EXPECT_EQ(code_of(check_loss_report(CardStatus::kLost)), "id_card.not_valid");
  EXPECT_EQ(code_of(check_loss_report(CardStatus::kSuperseded)), "id_card.not_valid");
  EXPECT_EQ(code_of(check_loss_revocation(CardStatus::kLost, true)), "");
  EXPECT_EQ(code_of(check_loss_revocation(CardStatus::kSuperseded, true)), "id_card.replaced");
  EXPECT_EQ(code_of(check_loss_revocation(CardStatus::kValid, false)), "id_card.not_lost");
  EXPECT_EQ(code_of(check_loss_revocation(CardStatus::kSuperseded, false)), "id_card.not_lost");
}

TEST(IdCardTest, CodesRoundTrip) {
  for (auto k : {CardIssueKind::kFirst, CardIssueKind::kRenewal, CardIssueKind::kReplacement}) {
    EXPECT_EQ(card_issue_kind_from_code(card_issue_kind_code(k)), k);
  }
  EXPECT_STREQ(card_fee_item(CardIssueKind::kReplacement), "id_card_replacement");
  EXPECT_EQ(card_status_from_code("lost"), CardStatus::kLost);
  EXPECT_FALSE(card_status_from_code("gone"));
}

}  // namespace
}  // namespace huji::domain
