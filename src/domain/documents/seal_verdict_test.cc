#include "domain/documents/seal_verdict.h"

#include <gtest/gtest.h>

namespace huji::domain::documents {
namespace {

TEST(SealVerdict, GoodImpressionAboveMatchThresholdMatches) {
  const SealThresholds t;
  EXPECT_EQ(seal_verdict({t.match, 1.0, 1.0}), SealVerdict::kMatch);
  EXPECT_EQ(seal_verdict({1.0, t.min_coverage, t.min_ink_ratio}), SealVerdict::kMatch);
}

TEST(SealVerdict, LowScoreOfAGoodImpressionIsNoMatch) {
  const SealThresholds t;
  EXPECT_EQ(seal_verdict({t.no_match - 0.01, 1.0, 1.0}), SealVerdict::kNoMatch);
  EXPECT_EQ(seal_verdict({0.0, t.min_coverage, t.min_ink_ratio}), SealVerdict::kNoMatch);
}

TEST(SealVerdict, BetweenThresholdsOrPoorImpressionIsAmbiguous) {
  const SealThresholds t;
  EXPECT_EQ(seal_verdict({(t.match + t.no_match) / 2, 1.0, 1.0}), SealVerdict::kAmbiguous);
  EXPECT_EQ(seal_verdict({1.0, t.min_coverage - 0.01, 1.0}), SealVerdict::kAmbiguous);
  EXPECT_EQ(seal_verdict({1.0, 1.0, t.min_ink_ratio - 0.01}), SealVerdict::kAmbiguous);
  // A blank or cut application says nothing either way, even with a low score.
  EXPECT_EQ(seal_verdict({0.0, 0.0, 0.0}), SealVerdict::kAmbiguous);
  EXPECT_EQ(seal_verdict({0.0, t.min_coverage - 0.01, 1.0}), SealVerdict::kAmbiguous);
}

TEST(SealVerdict, Names) {
  EXPECT_EQ(to_string(SealVerdict::kMatch), "match");
  EXPECT_EQ(to_string(SealVerdict::kNoMatch), "no_match");
  EXPECT_EQ(to_string(SealVerdict::kAmbiguous), "ambiguous");
}

}  // namespace
}  // namespace huji::domain::documents
