#include "domain/documents/id_card_stock.h"

#include <gtest/gtest.h>

#include <random>

namespace huji::domain {
namespace {

using core::Date;

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day).value(); }

TEST(IdCardStockTest, SerialRanges) {
  auto r = expand_serial_range("AB0000098", "AB0000102");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{"AB0000098", "AB0000099", "AB0000100", "AB0000101",
                                          "AB0000102"}));
  EXPECT_EQ(expand_serial_range("00001234", "00001234")->size(), 1U);
  for (auto [first, last] : {std::pair{"AB0000102", "AB0000098"},
                             {"AB0000001", "AC0000002"},
                             {"AB000001", "AB0000002"},
                             {"ab0000001", "ab0000002"},
                             {"AB12", "AB123"},
                             {"AB0000000", "AB0005000"}}) {
    auto bad = expand_serial_range(first, last);
    ASSERT_FALSE(bad.ok()) << first << " " << last;
    EXPECT_EQ(bad.error().code, "id_card_stock.range");
  }
  EXPECT_EQ(expand_serial_range("AB0000000", "AB0004999")->size(), 5000U);
  EXPECT_TRUE(valid_serial("ABCD000000000001"));
  EXPECT_FALSE(valid_serial("ABCDE0001"));
  EXPECT_FALSE(valid_serial("A12"));
}

// Random receipts and moves over a year: every month's figures balance (opening + received =
// issued + spoiled + voided + defective + closing), each month opens with the last one's
// closing, and at the end received = issued + spoiled + voided + defective + on hand.
TEST(IdCardStockTest, InvariantHoldsAfterRandomOperations) {
  std::mt19937 rng(20);
  std::vector<StockSerial> stock;
  int next = 0;
  const Date start = d(2026, 1, 1);
  for (int day = 0; day < 365; ++day) {
    const Date on = start.add_days(day);
    const int op = static_cast<int>(rng() % 10);
    if (op < 2) {
      const int n = 1 + static_cast<int>(rng() % 50);
      for (int i = 0; i < n; ++i) {
        const auto item = rng() % 2 ? StockItem::kCard : StockItem::kLaminate;
        stock.push_back(
            {item, "S" + std::to_string(100000 + next++), StockStatus::kOnHand, on, std::nullopt});
      }
    } else {
      for (auto& s : stock) {
        if (s.status != StockStatus::kOnHand || rng() % 8 != 0) continue;
        static constexpr StockStatus kOut[] = {StockStatus::kIssued, StockStatus::kIssued,
                                               StockStatus::kIssued, StockStatus::kSpoiled,
                                               StockStatus::kVoided, StockStatus::kDefective};
        s.status = kOut[rng() % 6];
        s.moved_on = on;
        break;
      }
    }
  }
  for (auto item : {StockItem::kCard, StockItem::kLaminate}) {
    int closing = 0;
    for (int m = 0; m < 12; ++m) {
      const Date first = start.add_months(m);
      const auto f = stock_figures(stock, item, first, first.add_months(1).add_days(-1));
      EXPECT_TRUE(f.balances()) << stock_item_code(item) << " month " << m + 1;
      EXPECT_EQ(f.opening, closing);
      closing = f.on_hand;
    }
    const auto all = stock_figures(stock, item, start, d(2026, 12, 31));
    int received = 0;
    for (const auto& s : stock) received += s.item == item ? 1 : 0;
    EXPECT_EQ(all.opening, 0);
    EXPECT_EQ(all.received, received);
    EXPECT_EQ(received, all.issued + all.spoiled + all.voided + all.defective + all.on_hand);
  }
}

TEST(IdCardStockTest, ACountThatDoesNotReconcileSaysWhichSerials) {
  const std::vector<std::string> on_hand{"A0003", "A0001", "A0002"};
  auto same = reconcile_count(on_hand, std::vector<std::string>{"A0001", "A0002", "A0003"}, -1);
  EXPECT_TRUE(same.reconciled());
  auto off = reconcile_count(on_hand, std::vector<std::string>{"A0001", "A0003", "A0009"}, -1);
  EXPECT_FALSE(off.reconciled());
  EXPECT_EQ(off.missing, std::vector<std::string>{"A0002"});
  EXPECT_EQ(off.unexpected, std::vector<std::string>{"A0009"});
  auto by_number = reconcile_count(on_hand, std::nullopt, 2);
  EXPECT_FALSE(by_number.reconciled());
  EXPECT_EQ(by_number.expected - by_number.counted, 1);
  EXPECT_TRUE(reconcile_count(on_hand, std::nullopt, 3).reconciled());
}

TEST(IdCardStockTest, TheMonthlyCountIsDueOnTheFifthOrTheNextWorkingDay) {
  core::WorkingCalendar cal;
  ASSERT_TRUE(cal.load_text("year 2026\n2026-10-05 holiday test\n", "test").ok());
  // 2026-12-05 is a Saturday: due Monday 7 December.
  EXPECT_EQ(monthly_count_due(cal, d(2026, 11, 30))->to_iso(), "2026-12-07");
  // 2026-10-05 a (test) holiday: due the 6th.
  EXPECT_EQ(monthly_count_due(cal, d(2026, 9, 30))->to_iso(), "2026-10-06");
  EXPECT_EQ(monthly_count_due(cal, d(2026, 7, 31))->to_iso(), "2026-08-05");
  EXPECT_FALSE(monthly_count_due(cal, d(2027, 12, 31)).ok());  // 2028 not loaded
}

}  // namespace
}  // namespace huji::domain
