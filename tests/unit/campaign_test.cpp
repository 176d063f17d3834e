#include "domain/campaign.h"

#include <gtest/gtest.h>

namespace duibiao {
namespace {

TEST(CampaignRules, PhaseReachedFollowsTheData) {
  RegionProgress none;
  EXPECT_FALSE(phase_reached("select", none));  // no member yet
  RegionProgress p{3, 5, 3, 2, 1};              // 3 members of a quota of 5
  EXPECT_FALSE(phase_reached("select", p));     // quota not met
  p.quota = 3;
  EXPECT_TRUE(phase_reached("select", p));
  EXPECT_TRUE(phase_reached("plans", p));     // every member has a result
  EXPECT_FALSE(phase_reached("results", p));  // one has not submitted
  EXPECT_FALSE(phase_reached("summary", p));
  p.members_submitted = 3;
  p.members_concluded = 3;
  EXPECT_TRUE(phase_reached("results", p));
  EXPECT_TRUE(phase_reached("summary", p));
  EXPECT_FALSE(phase_reached("unknown", p));
}

TEST(CampaignRules, OverdueOnlyAfterTheDueDayAndWhenNotReached) {
  RegionProgress behind{1, 10, 0, 0, 0};
  EXPECT_FALSE(phase_overdue("select", "2026-06-05", "2026-06-05", behind));  // the due day itself
  EXPECT_TRUE(phase_overdue("select", "2026-06-05", "2026-06-06", behind));
  EXPECT_FALSE(phase_overdue("select", "", "2030-01-01", behind));  // no date, never overdue
  RegionProgress done{10, 10, 10, 10, 10};
  EXPECT_FALSE(phase_overdue("summary", "2026-06-05", "2027-01-01", done));
}

TEST(CampaignRules, RankingSharesRanksOnTies) {
  std::vector<RankRow> rows = {{"330205", 1, 4, 8, 0},
                               {"330203", 3, 5, 10, 0},
                               {"330212", 1, 4, 8, 0},
                               {"330206", 1, 4, 9, 0},
                               {"330211", 0, 0, 0, 0}};
  rank_regions(rows);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].region_code, "330203");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].region_code, "330206");  // more enterprises breaks the tie
  EXPECT_EQ(rows[1].rank, 2);
  EXPECT_EQ(rows[2].region_code, "330205");  // equal rows share a rank, ordered by code
  EXPECT_EQ(rows[2].rank, 3);
  EXPECT_EQ(rows[3].region_code, "330212");
  EXPECT_EQ(rows[3].rank, 3);
  EXPECT_EQ(rows[4].rank, 5);
}

TEST(CampaignRules, ConversionRateCountsDistinctBenchmarkedStandards) {
  auto f = conversion_rate({"IEC 60335-2-15", "IEC 60456", "IEC 60335-2-15", "ISO 9001"},
                           {"IEC 60335-2-15", "ISO 9001", "ISO 14001"});
  EXPECT_EQ(f.denominator, 3);  // the same standard benchmarked twice counts once
  EXPECT_EQ(f.numerator, 2);
  EXPECT_DOUBLE_EQ(f.rate, 66.7);
  auto empty = conversion_rate({}, {"ISO 9001"});
  EXPECT_EQ(empty.denominator, 0);
  EXPECT_DOUBLE_EQ(empty.rate, 0);
}

TEST(CampaignRules, ConsistencyDegreeCountsIdtAndModOnly) {
  auto f = consistency_degree({{"GB 4706.19", "IDT"},
                               {"GB/T 4288", ""},
                               {"GB/T 19001", "MOD"},
                               {"GB/T 7777", "NEQ"},
                               {"GB/T 4288", ""}});
  EXPECT_EQ(f.denominator, 4);
  EXPECT_EQ(f.numerator, 2);
  EXPECT_DOUBLE_EQ(f.rate, 50);
}

TEST(CampaignRules, PercentAndTargetShare) {
  EXPECT_DOUBLE_EQ(percent(1, 3), 33.3);
  EXPECT_DOUBLE_EQ(percent(2, 3), 66.7);
  EXPECT_DOUBLE_EQ(percent(5, 0), 0);
  EXPECT_DOUBLE_EQ(target_share(9, 450), 2);
  EXPECT_DOUBLE_EQ(target_share(600, 450), 100);  // the bar stops at 100
  EXPECT_DOUBLE_EQ(target_share(1, 0), 0);
}

TEST(CampaignRules, MonthsAreChinaTime) {
  // 2026-05-31T16:30Z is 2026-06-01 00:30 in Beijing: CST day numbers are taken by the caller.
  long long cst_day = (1780245000LL + 28800) / 86400;
  EXPECT_EQ(month_of_cst_day(cst_day), "2026-06");
}

TEST(CampaignRules, VocabularyIsClosed) {
  EXPECT_TRUE(is_campaign_level("city"));
  EXPECT_FALSE(is_campaign_level("county"));  // counties take part; they do not run campaigns
  EXPECT_LT(campaign_level_rank("national"), campaign_level_rank("province"));
  EXPECT_TRUE(is_phase_key("summary"));
  EXPECT_FALSE(is_phase_key("report"));
  ASSERT_NE(find_metric("leaders"), nullptr);
  EXPECT_FALSE(find_metric("leaders")->computed);
  EXPECT_TRUE(find_metric("conversion_rate")->computed);
  EXPECT_EQ(find_metric("nope"), nullptr);
  EXPECT_EQ(list_form_columns().size(), 7u);
  EXPECT_EQ(result_progress_rank("published"), 7);
  EXPECT_LT(result_progress_rank("returned"), result_progress_rank("submitted"));
  EXPECT_EQ(result_progress_rank(""), -1);
}

TEST(StandardCell, NumberThenTitleAndSeveralItems) {
  auto c = parse_standard_cell("GB/T 1234-2010 家用电器安全；ISO 9001:2015《质量管理体系 要求》");
  ASSERT_TRUE(c.error.empty()) << c.error;
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].normalized, "GB/T 1234-2010");
  EXPECT_EQ(c.items[0].title, "家用电器安全");
  EXPECT_EQ(c.items[1].normalized, "ISO 9001:2015");
  EXPECT_EQ(c.items[1].title, "质量管理体系 要求");
}

TEST(StandardCell, WrittenLooselyAsPeopleTypeIt) {
  auto c =
      parse_standard_cell("GB/T4288—2018、家用和类似用途电动洗衣机\nIEC 60335-2-15:2016 Household");
  ASSERT_TRUE(c.error.empty()) << c.error;
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].normalized, "GB/T 4288-2018");
  EXPECT_EQ(c.items[0].title, "家用和类似用途电动洗衣机");
  EXPECT_EQ(c.items[1].normalized, "IEC 60335-2-15:2016");
  auto number_only = parse_standard_cell("GB 4706.19-2008");
  ASSERT_EQ(number_only.items.size(), 1u);
  EXPECT_EQ(number_only.items[0].title, "");
}

TEST(StandardCell, AnItemWithoutANumberNamesItself) {
  auto c = parse_standard_cell("GB/T 1234-2010 甲；家用电器安全标准");
  EXPECT_NE(c.error.find("家用电器安全标准"), std::string::npos) << c.error;
  EXPECT_TRUE(parse_standard_cell("  ").items.empty());
}

}  // namespace
}  // namespace duibiao
