#include "domain/leader_evaluation.h"

#include <gtest/gtest.h>

namespace duibiao {
namespace {

LeaderIndicatorDef ind(std::string name, std::string unit, Direction d, std::string baseline) {
  return {std::move(name), std::move(unit), d, std::move(baseline)};
}

std::vector<std::vector<std::string>> column(std::vector<std::string> v) {
  std::vector<std::vector<std::string>> out;
  for (auto& s : v) out.push_back({s});
  return out;
}

TEST(LeaderTiers, HigherIsBetterTiersByPosition) {
  // 20 values 81..100: cuts 5/20/50/100 → limits 1, 4, 10, 20.
  std::vector<std::string> v;
  for (int i = 81; i <= 100; ++i) v.push_back(std::to_string(i) + "%");
  auto r = rank_declarations({ind("能效", "%", Direction::kHigherBetter, "≥80%")}, column(v));
  ASSERT_EQ(r.indicators[0].status, IndicatorRanking::kRanked);
  EXPECT_EQ(r.cells[19][0].tier, 1);  // 100%
  EXPECT_EQ(r.cells[19][0].position, 1);
  EXPECT_EQ(r.cells[18][0].tier, 2);  // 99%: position 2
  EXPECT_EQ(r.cells[16][0].tier, 2);  // 97%: position 4
  EXPECT_EQ(r.cells[15][0].tier, 3);  // 96%: position 5
  EXPECT_EQ(r.cells[10][0].tier, 3);  // 91%: position 10
  EXPECT_EQ(r.cells[9][0].tier, 4);   // 90%: position 11
  EXPECT_EQ(r.cells[0][0].tier, 4);
  EXPECT_EQ(r.indicators[0].tier_counts, (std::vector<int>{1, 3, 6, 10}));
  EXPECT_EQ(r.leaders, 1);
  EXPECT_EQ(r.followers, 3);
  EXPECT_EQ(r.declarations[19].level, Level::kLeader);
  EXPECT_EQ(r.declarations[17].level, Level::kFollower);
  EXPECT_EQ(r.declarations[5].level, Level::kNone);
  EXPECT_EQ(r.declarations[5].overall_tier, 4);
}

TEST(LeaderTiers, LowerIsBetterAndUpperBounds) {
  auto r = rank_declarations({ind("待机功率", "W", Direction::kLowerBetter, "≤1.0 W")},
                             column({"≤0.3 W", "0.5", "≤800 mW", "≤1.0"}));
  ASSERT_EQ(r.indicators[0].status, IndicatorRanking::kRanked);
  EXPECT_EQ(r.cells[0][0].position, 1);  // 0.3 W best
  EXPECT_EQ(r.cells[1][0].position, 2);
  EXPECT_EQ(r.cells[2][0].position, 3);  // 800 mW = 0.8 W, converted
  EXPECT_EQ(r.cells[3][0].position, 4);  // equal to the baseline: still ranked
  EXPECT_EQ(r.cells[0][0].tier, 1);
  EXPECT_EQ(r.cells[3][0].tier, 4);
}

TEST(LeaderTiers, TiesShareTierAndPosition) {
  // 10 values: three share the best. Limits 1, 2, 5, 10.
  auto r =
      rank_declarations({ind("强度", "MPa", Direction::kHigherBetter, "≥10 MPa")},
                        column({"50", "50", "≥50 MPa", "40", "30", "30", "20", "20", "20", "10"}));
  for (int d : {0, 1, 2}) {
    EXPECT_EQ(r.cells[d][0].position, 1);
    EXPECT_EQ(r.cells[d][0].tier, 1) << d;  // a tie never splits: all three in tier 1
  }
  EXPECT_EQ(r.cells[3][0].position, 4);
  EXPECT_EQ(r.cells[3][0].tier, 3);  // position 4 > 2, ≤ 5
  EXPECT_EQ(r.cells[4][0].position, 5);
  EXPECT_EQ(r.cells[5][0].position, 5);
  EXPECT_EQ(r.cells[5][0].tier, 3);
  EXPECT_EQ(r.cells[9][0].tier, 4);
  EXPECT_EQ(r.leaders, 3);
}

TEST(LeaderTiers, AllEqualIsNotRanked) {
  auto r = rank_declarations({ind("能效", "%", Direction::kHigherBetter, "≥80%")},
                             column({"95%", "≥95%", "95.0%", "95"}));
  EXPECT_EQ(r.indicators[0].status, IndicatorRanking::kAllEqual);
  EXPECT_FALSE(r.any_ranked);
  EXPECT_EQ(r.leaders, 0);
  EXPECT_EQ(r.followers, 0);
  for (const auto& row : r.cells) EXPECT_EQ(row[0].state, CellState::kUnranked);
  for (const auto& d : r.declarations) EXPECT_EQ(d.level, Level::kNone);
}

TEST(LeaderTiers, AllEqualIndicatorDoesNotBlockAnotherRankedOne) {
  auto r = rank_declarations({ind("能效", "%", Direction::kHigherBetter, "≥80%"),
                              ind("噪声", "dB(A)", Direction::kLowerBetter, "≤60 dB(A)")},
                             {{"95%", "50"}, {"95%", "55"}, {"95%", "58"}});
  EXPECT_EQ(r.indicators[0].status, IndicatorRanking::kAllEqual);
  EXPECT_EQ(r.indicators[1].status, IndicatorRanking::kRanked);
  EXPECT_EQ(r.declarations[0].overall_tier, 1);
  EXPECT_EQ(r.declarations[0].level, Level::kLeader);
}

TEST(LeaderTiers, BaselineFloor) {
  auto r = rank_declarations({ind("能效", "%", Direction::kHigherBetter, "≥90%")},
                             column({"95%", "89.9%", "92%", "90%"}));
  EXPECT_EQ(r.cells[1][0].state, CellState::kBelowBaseline);
  EXPECT_EQ(r.cells[1][0].tier, 0);
  EXPECT_EQ(r.indicators[0].ranked, 3);
  EXPECT_EQ(r.cells[3][0].state, CellState::kTier);  // equal to the baseline: lowest tier at most
  EXPECT_EQ(r.declarations[1].level, Level::kNone);
  EXPECT_NE(r.declarations[1].reason.find("基准值"), std::string::npos);
  // lower is better: above the ceiling is below the baseline
  auto l = rank_declarations({ind("甲醛", "mg/kg", Direction::kLowerBetter, "≤0.5 mg/kg")},
                             column({"0.6 mg/kg", "0.2"}));
  EXPECT_EQ(l.cells[0][0].state, CellState::kBelowBaseline);
  EXPECT_EQ(l.indicators[0].status, IndicatorRanking::kAllEqual);  // one value left
}

TEST(LeaderTiers, IncomparableValuesListedApartWithReason) {
  auto r = rank_declarations(
      {ind("能效", "%", Direction::kHigherBetter, "≥80%")},
      column({"95%", "0.3～0.5", "≥90 mm", "优良", "≤99%", "", "90%", "1级", "50±2"}));
  EXPECT_EQ(r.cells[0][0].state, CellState::kTier);
  EXPECT_EQ(r.cells[6][0].state, CellState::kTier);
  EXPECT_EQ(r.indicators[0].ranked, 2);
  for (int d : {1, 2, 3, 4, 7, 8}) {
    EXPECT_EQ(r.cells[d][0].state, CellState::kIncomparable) << d;
    EXPECT_FALSE(r.cells[d][0].reason.empty()) << d;
    EXPECT_EQ(r.declarations[d].level, Level::kNone);
  }
  EXPECT_NE(r.cells[1][0].reason.find("范围"), std::string::npos);
  EXPECT_NE(r.cells[2][0].reason.find("单位"), std::string::npos);
  EXPECT_NE(r.cells[4][0].reason.find("上限"), std::string::npos);
  EXPECT_EQ(r.cells[5][0].state, CellState::kMissing);
}

TEST(LeaderTiers, UnreadableBaselineRanksNothing) {
  auto r = rank_declarations({ind("能效", "%", Direction::kHigherBetter, "见附录")},
                             column({"95%", "90%"}));
  EXPECT_EQ(r.indicators[0].status, IndicatorRanking::kBadBaseline);
  EXPECT_EQ(r.leaders, 0);
}

TEST(LeaderTiers, OverallTierIsTheWorstOverIndicators) {
  // d0 best on A, worst on B; d1 the other way round; d2 second on both.
  std::vector<LeaderIndicatorDef> defs = {ind("A", "", Direction::kHigherBetter, "≥1"),
                                          ind("B", "", Direction::kLowerBetter, "≤100")};
  TierRule rule;
  rule.cuts = {34, 67, 100};  // 3 values: limits 2, 3, 3
  rule.leader_tiers = 1;
  rule.follower_tiers = 2;
  auto r = rank_declarations(defs, {{"10", "90"}, {"2", "5"}, {"8", "20"}}, rule);
  EXPECT_EQ(r.cells[0][0].tier, 1);
  EXPECT_EQ(r.cells[0][1].tier, 2);  // position 3 > 2 → tier 2
  EXPECT_EQ(r.declarations[0].overall_tier, 2);
  EXPECT_EQ(r.declarations[2].overall_tier, 1);
  EXPECT_EQ(r.declarations[2].level, Level::kLeader);
  EXPECT_EQ(r.declarations[0].level, Level::kFollower);
}

TEST(LeaderTiers, RuleChecks) {
  EXPECT_EQ(check_tier_rule({}), "");
  EXPECT_NE(check_tier_rule({{5, 5, 100}, 1, 2}), "");
  EXPECT_NE(check_tier_rule({{5, 50}, 1, 2}), "");
  EXPECT_NE(check_tier_rule({{5, 100}, 3, 3}), "");
  EXPECT_NE(check_tier_rule({{5, 100}, 2, 1}), "");
  EXPECT_NE(describe_tier_rule({}).find("第1档：前5%"), std::string::npos);
}

}  // namespace
}  // namespace duibiao
