#include "service/small_cells.h"

#include <gtest/gtest.h>

#include <numeric>

namespace huji::service {
namespace {

using Cells = std::vector<std::optional<int64_t>>;
constexpr std::nullopt_t kHidden = std::nullopt;

// No withheld cell can be worked out from the total and the cells shown.
void expect_unrecoverable(const std::vector<int64_t>& in, const SuppressedRow& out) {
  if (!out.total) return;
  int64_t shown = 0, hidden = 0;
  int withheld = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (out.cells[i]) {
      shown += *out.cells[i];
    } else {
      hidden += in[i];
      ++withheld;
    }
  }
  EXPECT_EQ(shown + hidden, *out.total);
  if (withheld > 0) {
    EXPECT_GE(withheld, 2);
    EXPECT_GT(hidden, withheld) << "every withheld cell would be a 1";
  }
}

TEST(SmallCellsTest, NothingSmallIsShownAsIs) {
  const auto r = suppress_small_cells({0, 3, 10, 0, 4});
  EXPECT_EQ(r.cells, (Cells{0, 3, 10, 0, 4}));
  EXPECT_EQ(r.total, 17);
  EXPECT_EQ(r.withheld, 0);
}

TEST(SmallCellsTest, OnesAndTwosAreWithheldAndZerosShown) {
  const auto r = suppress_small_cells({1, 0, 2, 7, 9});
  EXPECT_EQ(r.cells, (Cells{kHidden, 0, kHidden, 7, 9}));
  EXPECT_EQ(r.total, 19);
  EXPECT_EQ(r.withheld, 2);
}

TEST(SmallCellsTest, ALoneSmallCellTakesTheSmallestOtherWithIt) {
  // 2 alone would be 14 − 3 − 9; the 3 goes too (the smallest shown, not the 9).
  const std::vector<int64_t> in{2, 0, 9, 3};
  const auto r = suppress_small_cells(in);
  EXPECT_EQ(r.cells, (Cells{kHidden, 0, 9, kHidden}));
  EXPECT_EQ(r.total, 14);
  expect_unrecoverable(in, r);
}

TEST(SmallCellsTest, OnesThatSumToTheirNumberAreNotLeftRecoverable) {
  // Two ones: total − shown = 2 = two withheld cells, so both would be known to be 1.
  const std::vector<int64_t> in{1, 1, 5, 8};
  const auto r = suppress_small_cells(in);
  EXPECT_EQ(r.cells, (Cells{kHidden, kHidden, kHidden, 8}));
  EXPECT_EQ(r.total, 15);
  expect_unrecoverable(in, r);
}

TEST(SmallCellsTest, ARowOfOnlySmallCellsHidesItsTotal) {
  auto r = suppress_small_cells({0, 1, 0});
  EXPECT_EQ(r.cells, (Cells{0, kHidden, 0}));
  EXPECT_EQ(r.total, std::nullopt);
  r = suppress_small_cells({1, 1, 0});
  EXPECT_EQ(r.total, std::nullopt);
  // Nothing left to withhold beside a lone small cell: the total goes.
  r = suppress_small_cells({2, 0, 0, 0});
  EXPECT_EQ(r.total, std::nullopt);
}

TEST(SmallCellsTest, AnEmptyRowIsZero) {
  const auto r = suppress_small_cells({0, 0});
  EXPECT_EQ(r.cells, (Cells{0, 0}));
  EXPECT_EQ(r.total, 0);
}

TEST(SmallCellsTest, NoRowOfSmallNumbersLeavesAWithheldCellRecoverable) {
  // Every row of four cells of 0..4.
  for (int code = 0; code < 625; ++code) {
    std::vector<int64_t> in;
    for (int c = code, i = 0; i < 4; ++i, c /= 5) in.push_back(c % 5);
    const auto r = suppress_small_cells(in);
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i] > 0 && in[i] < kSuppressBelow) {
        EXPECT_FALSE(r.cells[i]) << code;
      }
    }
    expect_unrecoverable(in, r);
  }
}

}  // namespace
}  // namespace huji::service
