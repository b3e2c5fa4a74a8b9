#include "service/id_card_stock_service.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "testing/temp_db.h"

namespace huji::service {
namespace {

using core::Date;

constexpr int64_t kDayMs = 86'400'000;

int64_t ms_of(Date d) {
  return d.days_since_epoch() * kDayMs + int64_t{2} * 3600 * 1000;
}  // 10:00 Taipei

// Random receipts, removals and counts over four months through the use cases, on a real
// store: after every operation the stock balances (received = issued + spoiled + voided +
// defective + on hand) and agrees with the month's count, each month opens with the previous
// month's closing stock, and a serial never leaves the stock twice.
TEST(IdCardStockServiceTest, InvariantHoldsAfterRandomOperations) {
  testing::TempDb db;
  {
    auto tx = db.store().begin(TxMode::kWrite).value();
    ASSERT_TRUE(tx->put_office({"63000080", "文山區戶政事務所", "臺北市", "文山區", ""}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  const Date start = Date::from_ymd(2026, 8, 1).value();
  core::ManualClock clock(ms_of(start));
  core::SharedCalendar calendar;
  IdCardStockService stock(db.store(), clock, calendar);
  Actor clerk{1, "clerk1", "承辦人", domain::Role::kClerk, "63000080", "文山區戶政事務所"};
  RequestContext ctx{"test", ""};
  std::mt19937 rng(42);
  int next = 1;
  int keys = 0;
  std::vector<std::pair<std::string, std::string>> serials;  // item, serial
  std::set<std::pair<std::string, std::string>> gone;
  for (int day = 0; day < 120; ++day) {
    clock.set_ms(ms_of(start.add_days(day)));
    for (int op = 0; op < 3; ++op) {
      const std::string item = rng() % 2 ? "card" : "laminate";
      if (rng() % 4 == 0) {
        const int n = 1 + static_cast<int>(rng() % 20);
        const std::string first = "R" + std::to_string(1000000 + next);
        const std::string last = "R" + std::to_string(1000000 + next + n - 1);
        auto r = stock.receive(clerk, ctx, item, first, last, "", "k" + std::to_string(++keys));
        ASSERT_TRUE(r.ok()) << r.error().message_en;
        for (int i = 0; i < n; ++i)
          serials.emplace_back(item, "R" + std::to_string(1000000 + next + i));
        next += n;
      } else if (!serials.empty()) {
        const auto& s = serials[rng() % serials.size()];
        static const char* const kOut[] = {"spoiled", "voided", "defective"};
        auto r = stock.remove(clerk, ctx, s.first, s.second, kOut[rng() % 3], "test");
        EXPECT_EQ(r.ok(), !gone.contains(s)) << s.second;
        if (!r.ok()) {
          EXPECT_EQ(r.error().code, "id_card_stock.used");
        }
        gone.insert(s);
      }
      auto sum = stock.summary(clerk).value();
      for (const auto& i : sum.items) ASSERT_TRUE(i.balances()) << domain::stock_item_code(i.item);
    }
  }
  int closing[2] = {0, 0};
  for (int m = 0; m < 4; ++m) {
    const Date first = start.add_months(m);
    auto month = stock.monthly(clerk, ctx, first.to_iso().substr(0, 7)).value();
    for (size_t i = 0; i < month.items.size(); ++i) {
      const auto& f = month.items[i].figures;
      EXPECT_TRUE(f.balances()) << m;
      EXPECT_EQ(f.opening, closing[i]) << m;
      closing[i] = f.on_hand;
    }
  }
  const auto sum = stock.summary(clerk).value();
  for (size_t i = 0; i < sum.items.size(); ++i) EXPECT_EQ(sum.items[i].on_hand, closing[i]);
}

}  // namespace
}  // namespace huji::service
