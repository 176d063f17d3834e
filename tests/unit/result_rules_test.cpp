#include "domain/result_rules.h"

#include <gtest/gtest.h>

namespace duibiao {
namespace {

std::vector<std::string> levels(const std::vector<ChainStep>& chain) {
  std::vector<std::string> out;
  for (const auto& s : chain) out.push_back(s.level + ":" + s.region_code);
  return out;
}

const std::vector<RegionLevel> kHaishu{
    {"330000", "province"}, {"330200", "city"}, {"330203", "county"}};
const std::vector<RegionLevel> kHainanCounty{{"460000", "province"}, {"469001", "county"}};
const std::vector<RegionLevel> kNingboZone{
    {"330000", "province"}, {"330200", "city"}, {"330200Z1", "zone"}};

TEST(ReviewChain, ClimbsEveryLevelTheRegionHas) {
  EXPECT_EQ(
      levels(review_chain(kHaishu, "national")),
      (std::vector<std::string>{"county:330203", "city:330200", "province:330000", "national:"}));
}

TEST(ReviewChain, SkipsTheCityForProvinceAdministeredCounties) {
  EXPECT_EQ(levels(review_chain(kHainanCounty, "national")),
            (std::vector<std::string>{"county:469001", "province:460000", "national:"}));
}

TEST(ReviewChain, AZoneTakesTheCountyStep) {
  EXPECT_EQ(
      levels(review_chain(kNingboZone, "national")),
      (std::vector<std::string>{"county:330200Z1", "city:330200", "province:330000", "national:"}));
}

TEST(ReviewChain, AProvincialCampaignEndsAtTheProvince) {
  EXPECT_EQ(levels(review_chain(kHaishu, "province")),
            (std::vector<std::string>{"county:330203", "city:330200", "province:330000"}));
}

EnterpriseResult at(std::string status, std::string stage, std::string region) {
  EnterpriseResult r;
  r.status = std::move(status);
  r.stage = std::move(stage);
  r.stage_region = std::move(region);
  return r;
}

TEST(ReviewMoves, PassWalksUpAndTheTopAccepts) {
  auto chain = review_chain(kHaishu, "national");
  Move m = submit_move(at("draft", "", ""), chain);
  EXPECT_EQ(m.status, "submitted");
  EXPECT_EQ(m.stage, "county");
  EXPECT_EQ(m.stage_region, "330203");
  m = review_move(at("submitted", "county", "330203"), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "county_reviewed");
  EXPECT_EQ(m.stage + m.stage_region, "city330200");
  m = review_move(at("county_reviewed", "city", "330200"), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "city_recommended");
  m = review_move(at("city_recommended", "province", "330000"), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "province_recommended");
  EXPECT_EQ(m.stage, "national");
  m = review_move(at("province_recommended", "national", ""), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "accepted");
  EXPECT_EQ(m.stage, "national");
  m = review_move(at("accepted", "national", ""), chain, ReviewAction::kPublish);
  EXPECT_EQ(m.status, "published");
  EXPECT_EQ(m.stage, "");
}

TEST(ReviewMoves, HainanCountyPassGoesStraightToTheProvince) {
  auto chain = review_chain(kHainanCounty, "national");
  Move m = review_move(at("submitted", "county", "469001"), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "county_reviewed");
  EXPECT_EQ(m.stage + m.stage_region, "province460000");
}

TEST(ReviewMoves, ProvinceTopAcceptsAtTheProvince) {
  auto chain = review_chain(kHaishu, "province");
  Move m = review_move(at("city_recommended", "province", "330000"), chain, ReviewAction::kPass);
  EXPECT_EQ(m.status, "accepted");
  EXPECT_EQ(m.stage + m.stage_region, "province330000");
}

TEST(ReviewMoves, RefusedOutOfState) {
  auto chain = review_chain(kHaishu, "national");
  EXPECT_FALSE(submit_move(at("submitted", "county", "330203"), chain).error.empty());
  EXPECT_FALSE(submit_move(at("published", "", ""), chain).error.empty());
  EXPECT_TRUE(submit_move(at("returned", "", ""), chain).error.empty());
  EXPECT_FALSE(review_move(at("draft", "", ""), chain, ReviewAction::kPass).error.empty());
  EXPECT_FALSE(review_move(at("returned", "", ""), chain, ReviewAction::kReturn).error.empty());
  EXPECT_FALSE(review_move(at("published", "", ""), chain, ReviewAction::kReturn).error.empty());
  EXPECT_FALSE(
      review_move(at("province_recommended", "national", ""), chain, ReviewAction::kPublish)
          .error.empty());
  EXPECT_FALSE(
      review_move(at("accepted", "national", ""), chain, ReviewAction::kPass).error.empty());
  Move back = review_move(at("accepted", "national", ""), chain, ReviewAction::kReturn);
  EXPECT_EQ(back.status, "returned");
  EXPECT_EQ(back.stage, "");
}

std::vector<PlanIndicator> plan_rows() {
  PlanIndicator a;
  a.name = "洗净比";
  a.benchmark_requirement = "≥0.80";
  a.core = true;
  PlanIndicator b;
  b.name = "噪声";
  b.unit = "dB(A)";
  b.benchmark_requirement = "≤65 dB(A)";
  return {a, b};
}

TEST(ResultEvaluation, VerdictsRollUpAndGaps) {
  ResultContent c;
  c.entries = {{"≥0.85", "0.88", "", "", "", "", "", ""}, {"≤60", "58", "", "", "", "", "", ""}};
  auto ev = evaluate_result(plan_rows(), c);
  ASSERT_EQ(ev.rows.size(), 2u);
  EXPECT_EQ(ev.rows[0].verdict, "better");
  EXPECT_EQ(ev.rows[1].verdict, "better") << ev.rows[1].verdict_reason;
  EXPECT_EQ(ev.rows[0].measured_verdict, "pass");
  EXPECT_EQ(ev.rollup, "all_better");
  EXPECT_TRUE(ev.compliant);
  EXPECT_TRUE(ev.gaps.empty());

  c.entries[0] = {"≥0.75", "0.78", "", "", "", "", "", ""};
  ev = evaluate_result(plan_rows(), c);
  EXPECT_EQ(ev.rows[0].verdict, "worse");
  EXPECT_EQ(ev.rows[0].measured_verdict, "fail");
  EXPECT_EQ(ev.rollup, "not_met");
  EXPECT_FALSE(ev.compliant);
  ASSERT_EQ(ev.gaps.size(), 2u);
  EXPECT_EQ(ev.gaps[0].name, "洗净比");

  // The revised requirement (after 达标提升) replaces the entered one in the verdict.
  c.entries[0].revised_requirement = "≥0.80";
  c.entries[0].measured_value = "0.82";
  ev = evaluate_result(plan_rows(), c);
  EXPECT_EQ(ev.rows[0].effective_requirement, "≥0.80");
  EXPECT_EQ(ev.rows[0].verdict, "equal");
  EXPECT_EQ(ev.rollup, "partly_better");
  EXPECT_TRUE(ev.compliant);
}

TEST(ResultEvaluation, EmptyRowsAreNotJudged) {
  ResultContent c;
  c.entries.resize(2);
  auto ev = evaluate_result(plan_rows(), c);
  EXPECT_EQ(ev.rows[0].verdict, "");
  EXPECT_EQ(ev.rows[0].measured_verdict, "");
  EXPECT_EQ(ev.rollup, "undetermined");
  EXPECT_FALSE(ev.compliant);
}

TEST(ResultEvaluation, SubmissionGapsNameEveryMissingField) {
  ResultContent c;
  c.entries = {{"≥0.75", "0.78", "BG-1", "院", "2026-05-12", "", "", ""},
               {"≤60", "", "", "", "", "", "", ""}};
  auto ev = evaluate_result(plan_rows(), c);
  auto gaps = submission_gaps(plan_rows(), c, ev);
  std::vector<std::string> keys;
  for (const auto& g : gaps) keys.push_back(g.first);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"enterprise_standard", "indicators[1].measured_value",
                                      "indicators[1].report_number", "indicators[1].lab",
                                      "indicators[1].report_date", "conclusion", "improvements"}));
  c.enterprise_standard = "Q/NB 1-2020";
  c.conclusion = "x";
  c.entries[1] = {"≤60", "58", "BG-1", "院", "2026-05-12", "", "", ""};
  c.improvements = {{"洗净比", "改进", "张工", "2027-01-01"}};
  EXPECT_TRUE(submission_gaps(plan_rows(), c, evaluate_result(plan_rows(), c)).empty());
}

TEST(ResultContentJson, RoundTripsAndToleratesMissingKeys) {
  ResultContent c;
  c.enterprise_standard = "Q/NB 1-2020";
  c.entries = {{"≥0.85", "0.88", "BG-1", "检验院", "2026-05-12", "ab", "r.pdf", ""}};
  c.conclusion = "结论\n\"引号\"";
  c.improvements = {{"洗净比", "改进", "张工", "2027-01-01"}};
  auto back = content_from_json(content_to_json(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(content_to_json(*back), content_to_json(c));
  EXPECT_EQ(back->entries[0].file_name, "r.pdf");
  auto sparse = content_from_json(R"({"indicators":[{},{"measured_value":"1"}]})");
  ASSERT_TRUE(sparse);
  ASSERT_EQ(sparse->entries.size(), 2u);
  EXPECT_EQ(sparse->entries[1].measured_value, "1");
  EXPECT_FALSE(content_from_json("not json"));
  EXPECT_FALSE(content_from_json("[1,2]"));
  EXPECT_FALSE(content_from_json(R"({"indicators":[1]})"));
}

TEST(ResultChanges, ListWhatChangedWithTheIndicatorName) {
  ResultContent a;
  a.entries = {{"≥0.85", "0.88", "BG-1", "院", "2026-05-12", "", "", ""}, {}};
  ResultContent b = a;
  b.entries[0].report_date = "2026-09-01";
  b.conclusion = "新结论";
  auto changes = content_changes(plan_rows(), a, b);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, "indicators[0].report_date");
  EXPECT_EQ(changes[0].label, "指标“洗净比”报告日期");
  EXPECT_EQ(changes[0].before, "2026-05-12");
  EXPECT_EQ(changes[0].after, "2026-09-01");
  EXPECT_EQ(changes[1].field, "conclusion");
  EXPECT_TRUE(content_changes(plan_rows(), a, a).empty());
}

TEST(VerificationCode, MadeFromRandomBytesAndReadLeniently) {
  std::string bytes("\x00\x01\x1f\x20\xff\x10\x11\x12\x13\x14", 10);
  std::string code = make_verification_code(bytes);
  EXPECT_EQ(code, "01Z0ZGHJKM");
  EXPECT_EQ(normalize_verification_code("01z0-zghj km"), code);
  EXPECT_EQ(normalize_verification_code("OIZ0ZGHJKM"), code) << "O→0, I→1";
  EXPECT_EQ(normalize_verification_code("01Z0ZGHJK"), "") << "too short";
  EXPECT_EQ(normalize_verification_code("01Z0ZGHJKU"), "") << "U is not in the alphabet";
  EXPECT_EQ(normalize_verification_code("../../etc"), "");
}

}  // namespace
}  // namespace duibiao
