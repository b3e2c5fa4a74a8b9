// The model must stay better than the naive quote on simulated days (issue 20 item 4): a short
// replay (2 days: 0.23 × the naive squared error, MAE 2.95 min at seed 20), so that the improvement
// measured by bench/queue_replay cannot vanish unnoticed.

#include "demo/queue_replay.h"

#include <gtest/gtest.h>

namespace huji::demo {
namespace {

TEST(QueueReplayTest, ModelStaysBetterThanNaive) {
  ReplayOptions o;
  o.days = 2;
  const auto quotes = replay(o);
  ASSERT_GT(quotes.size(), 1000u);
  const Scores naive = score(quotes, Method::kNaive);
  const Scores model = score(quotes, Method::kModel);
  EXPECT_LT(model.squared_error, 0.5 * naive.squared_error);
  EXPECT_LT(model.mae_min, naive.mae_min);
  EXPECT_LT(model.mae_min, 4.5);
  EXPECT_GT(model.coverage, 0.75);
}

TEST(QueueReplayTest, SeededDaysRepeat) {
  ReplayOptions o;
  o.days = 1;
  o.tickets_per_day = 150;
  const auto a = replay(o);
  const auto b = replay(o);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_DOUBLE_EQ(a[i].actual_min, b[i].actual_min);
    EXPECT_DOUBLE_EQ(a[i].model_min, b[i].model_min);
  }
}

}  // namespace
}  // namespace huji::demo
