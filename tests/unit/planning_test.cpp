#include "domain/planning.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace duibiao {
namespace {

PlanningIndicator indicator(std::string name, std::string unit, int by, std::string base, int ty,
                            std::string target, std::string direction = "higher") {
  PlanningIndicator i;
  i.id = 7;
  i.name = std::move(name);
  i.unit = std::move(unit);
  i.measure = measure_of_name(i.name);
  i.baseline_year = by;
  i.baseline_text = std::move(base);
  i.target_year = ty;
  i.target_text = std::move(target);
  i.direction = std::move(direction);
  return i;
}

PlanningActual actual(int year, double value, long long indicator_id = 7) {
  PlanningActual a;
  a.indicator_id = indicator_id;
  a.year = year;
  a.value = value;
  return a;
}

TEST(PlanningValues, ReadsTheCellsAsThePlanWritesThem) {
  EXPECT_EQ(*parse_plan_value("93.3").value, 93.3);
  auto at_least = parse_plan_value("96以上");
  EXPECT_EQ(*at_least.value, 96);
  EXPECT_EQ(at_least.qualifier, "以上");
  EXPECT_EQ(parse_plan_value("0.5及以下").qualifier, "以下");
  EXPECT_EQ(*parse_plan_value("1,500").value, 1500);
  EXPECT_EQ(*parse_plan_value(" ９５ ").value, 95);  // full-width digits
  for (const char* none : {"-", "—", "", "  "}) {
    auto v = parse_plan_value(none);
    EXPECT_FALSE(v.value) << none;
    EXPECT_FALSE(v.reason.empty()) << none;
  }
  auto text = parse_plan_value("3-5个");
  EXPECT_FALSE(text.value);
  EXPECT_NE(text.reason.find("3-5个"), std::string::npos);
  EXPECT_TRUE(parse_plan_value("以上").reason.size() > 0);
}

TEST(PlanningValues, MeasureFromTheName) {
  EXPECT_EQ(measure_of_name("制定“浙江制造”标准（新增）"), "increment");
  EXPECT_EQ(measure_of_name("培育“品字标”企业（累计）"), "cumulative");
  EXPECT_EQ(measure_of_name("累计创鲁班奖、国家优质工程奖、詹天佑奖等国家级奖"), "level");
  EXPECT_EQ(measure_of_name("制造业产品质量合格率"), "level");
}

TEST(PlanningValues, NumbersAndUnits) {
  EXPECT_EQ(format_plan_number(93.3), "93.3");
  EXPECT_EQ(format_plan_number(2000), "2000");
  EXPECT_EQ(format_plan_number(87.13), "87.13");
  EXPECT_EQ(format_plan_number(-0.0), "0");
  EXPECT_EQ(format_with_unit(93.3, "%"), "93.3%");
  EXPECT_EQ(format_with_unit(150, "家"), "150家");
  EXPECT_EQ(format_with_unit(1.5, "亿元"), "1.5亿元");
  EXPECT_EQ(format_with_unit(87.13, ""), "87.13");
}

TEST(PlanningPath, StraightLineFromBaselineToTarget) {
  auto i = indicator("中国质量奖、省政府质量奖获奖组织（累计）", "家", 2020, "81", 2025, "150");
  auto path = planning_path(i);
  ASSERT_TRUE(path.ok);
  EXPECT_DOUBLE_EQ(expected_value(path, 2020), 81);
  EXPECT_DOUBLE_EQ(expected_value(path, 2023), 81 + 69 * 0.6);
  EXPECT_DOUBLE_EQ(expected_value(path, 2025), 150);
  EXPECT_DOUBLE_EQ(expected_value(path, 2019), 81);   // clamped
  EXPECT_DOUBLE_EQ(expected_value(path, 2030), 150);  // clamped
}

TEST(PlanningPath, IncrementsStartFromZero) {
  // 制定“浙江制造”标准（新增）: 561 is what 2020 added; 2000 new ones by 2025.
  auto i = indicator("制定“浙江制造”标准（新增）", "项", 2020, "561", 2025, "2000");
  auto path = planning_path(i);
  ASSERT_TRUE(path.ok);
  EXPECT_DOUBLE_EQ(path.start, 0);
  EXPECT_DOUBLE_EQ(expected_value(path, 2022), 800);
  // Baseline "-" does not matter for an increment.
  EXPECT_TRUE(planning_path(indicator("浙江出口名牌（新增）", "个", 2020, "-", 2025, "100")).ok);
}

TEST(PlanningPath, MissingOrTextEndsHaveAReason) {
  auto no_base =
      planning_path(indicator("实施“浙江制造”标准企业（累计）", "家", 2015, "-", 2020, "5000"));
  EXPECT_FALSE(no_base.ok);
  EXPECT_NE(no_base.reason.find("基期值"), std::string::npos);
  auto text_target = planning_path(indicator("先进制造业集群", "个", 2020, "1", 2025, "3-5个"));
  EXPECT_FALSE(text_target.ok);
  EXPECT_NE(text_target.reason.find("目标值"), std::string::npos);
  auto no_target = planning_path(indicator("某指标", "%", 2020, "1", 2025, ""));
  EXPECT_FALSE(no_target.ok);
  auto backwards = planning_path(indicator("某指标", "%", 2025, "1", 2020, "2"));
  EXPECT_FALSE(backwards.ok);
}

TEST(PlanningProgress, HigherIsBetter) {
  auto i = indicator("中国质量奖、省政府质量奖获奖组织（累计）", "家", 2020, "81", 2025, "150");
  // 2023 on the line: 81 + 69 × 3/5 = 122.4
  auto on = assess_value(i, 2023, 123);
  EXPECT_EQ(on.status, "on_track");
  EXPECT_DOUBLE_EQ(*on.expected, 122.4);
  EXPECT_NEAR(*on.progress, (123.0 - 81) / 69, 1e-12);
  EXPECT_DOUBLE_EQ(*on.expected_progress, 0.6);
  EXPECT_EQ(assess_value(i, 2023, 122.4).status, "on_track");  // exactly on the line
  auto behind = assess_value(i, 2023, 110);
  EXPECT_EQ(behind.status, "behind");
  EXPECT_NE(behind.reason.find("122.4家"), std::string::npos);
  EXPECT_EQ(assess_value(i, 2022, 150).status, "reached");
  EXPECT_EQ(assess_value(i, 2025, 149).status,
            "behind");  // the target year: the line is the target
}

TEST(PlanningProgress, LowerIsBetter) {
  auto i = indicator("单位GDP能耗", "吨标准煤/万元", 2020, "0.5", 2025, "0.4", "lower");
  EXPECT_EQ(assess_value(i, 2021, 0.47).status, "on_track");  // line: 0.48
  EXPECT_EQ(assess_value(i, 2021, 0.49).status, "behind");
  EXPECT_EQ(assess_value(i, 2023, 0.4).status, "reached");
  EXPECT_EQ(assess_value(i, 2023, 0.39).status, "reached");
  auto p = assess_value(i, 2022, 0.45);
  EXPECT_NEAR(*p.progress, 0.5, 1e-12);  // half of the way down
}

TEST(PlanningProgress, FlatAndThresholdTargets) {
  // 98 → 98以上: the line is flat; meeting 98 is reaching it.
  auto flat = indicator("农产品质量安全监测合格率", "%", 2020, "98", 2025, "98以上");
  EXPECT_EQ(assess_value(flat, 2022, 98.2).status, "reached");
  EXPECT_DOUBLE_EQ(*assess_value(flat, 2022, 98.2).progress, 1.0);
  auto below = assess_value(flat, 2022, 97.5);
  EXPECT_EQ(below.status, "behind");
  EXPECT_DOUBLE_EQ(*below.progress, 0.0);
  // 93.3 → 93以上: a target below the baseline is already reached at the baseline.
  auto air = indicator("设区城市空气质量优良天数比率", "%", 2020, "93.3", 2025, "93以上");
  EXPECT_EQ(assess_value(air, 2021, 93.3).status, "reached");
  EXPECT_EQ(assess_value(air, 2021, 92.8).status, "behind");
}

TEST(PlanningProgress, WithoutAPath) {
  auto i = indicator("实施“浙江制造”标准企业（累计）", "家", 2015, "-", 2020, "5000");
  auto reached = assess_value(i, 2020, 5721);
  EXPECT_EQ(reached.status, "reached");
  EXPECT_NE(reached.reason.find("基期值"), std::string::npos);
  auto unknown = assess_value(i, 2018, 3000);
  EXPECT_EQ(unknown.status, "not_assessable");
  EXPECT_FALSE(unknown.expected);
  EXPECT_FALSE(unknown.progress);
  auto text = indicator("先进制造业集群", "个", 2020, "1", 2025, "3-5个");
  EXPECT_EQ(assess_value(text, 2022, 10).status, "not_assessable");
  EXPECT_EQ(assess_progress(text, {}).status, "not_assessable");
}

TEST(PlanningProgress, LatestActualIsJudged) {
  auto i = indicator("单项冠军企业数量（累计）", "家", 2020, "114", 2025, "230");
  EXPECT_EQ(assess_progress(i, {}).status, "no_data");
  std::vector<PlanningActual> xs = {actual(2023, 150), actual(2021, 140), actual(2024, 999, 8)};
  auto p = assess_progress(i, xs);  // 2023: line 183.6, actual 150; 2024 is another indicator's
  EXPECT_EQ(*p.year, 2023);
  EXPECT_EQ(p.status, "behind");
  EXPECT_NEAR(*p.expected, 183.6, 1e-9);
}

TEST(PlanningProgress, FloatingPointOnTheLine) {
  auto i = indicator("x", "%", 2020, "0.1", 2021, "0.3");
  EXPECT_EQ(assess_value(i, 2021, 0.1 + 0.2).status, "reached");
}

TEST(PlanningRules, YearsAndLabels) {
  auto i = indicator("x", "%", 2020, "1", 2025, "2");
  EXPECT_EQ(check_actual_year(i, 2020), "");
  EXPECT_EQ(check_actual_year(i, 2025), "");
  EXPECT_NE(check_actual_year(i, 2019), "");
  EXPECT_NE(check_actual_year(i, 2026), "");
  EXPECT_EQ(progress_status_label("on_track"), "符合进度");
  EXPECT_EQ(progress_status_label("behind"), "落后于进度");
  EXPECT_TRUE(is_valid_direction("lower"));
  EXPECT_FALSE(is_valid_direction("up"));
  EXPECT_TRUE(is_valid_attribute("约束性"));
  EXPECT_TRUE(is_valid_attribute(""));
  EXPECT_FALSE(is_valid_attribute("指导性"));
}

}  // namespace
}  // namespace duibiao
