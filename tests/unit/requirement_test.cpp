#include "domain/requirement.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace duibiao {
namespace {

using K = RequirementKind;

ParsedRequirement P(std::string_view s, const ParseOptions& o = {}) {
  return parse_requirement(s, o);
}

std::string lo(const ParsedRequirement& r) {
  if (!r.lower) return "none";
  return (r.lower->inclusive ? "[" : "(") + r.lower->value.to_string();
}
std::string hi(const ParsedRequirement& r) {
  if (!r.upper) return "none";
  return r.upper->value.to_string() + (r.upper->inclusive ? "]" : ")");
}

Verdict V(std::string_view a, std::string_view b, const ParseOptions& o = {}) {
  return compare_requirements(P(a, o), P(b, o)).verdict;
}

JudgeResult J(std::string_view req, std::string_view measured,
              JudgeMethod m = JudgeMethod::kFullValue, std::optional<double> interval = {}) {
  return judge_value(P(req), measured, m, interval);
}
bool passes(std::string_view req, std::string_view measured,
            JudgeMethod m = JudgeMethod::kFullValue, std::optional<double> interval = {}) {
  auto j = J(req, measured, m, interval);
  EXPECT_TRUE(j.decided) << req << " / " << measured << ": " << j.reason;
  return j.pass;
}
constexpr auto kRounded = JudgeMethod::kRoundedValue;

// --- Lower bounds -----------------------------------------------------------------------------

TEST(RequirementParse, LowerBoundSymbols) {
  for (std::string_view s :
       {"≥95%", ">=95%", "≧95%", "≥ 95 %", "＞＝９５％", "≥９５％", "=>95%", "> = 95%", "≮95%"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kLowerBound) << s << ": " << r.reason;
    EXPECT_EQ(lo(r), "[95") << s;
    EXPECT_EQ(hi(r), "none") << s;
    EXPECT_EQ(r.unit.symbol, "%") << s;
  }
  for (std::string_view s : {">95", "＞95", "＞９５", " > 95 "}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kLowerBound) << s;
    EXPECT_EQ(lo(r), "(95") << s;
    EXPECT_TRUE(r.unit.is_none()) << s;
  }
}

TEST(RequirementParse, LowerBoundWords) {
  struct Case {
    std::string_view text, lower;
  } cases[] = {
      {"不小于95%", "[95"},    {"不低于 95 %", "[95"}, {"不少于95", "[95"},   {"至少95", "[95"},
      {"95%以上", "[95"},      {"95 % 以上", "[95"},   {"95及以上", "[95"},   {"95或以上", "[95"},
      {"超过95", "(95"},       {"大于95", "(95"},      {"高于95", "(95"},     {"多于95", "(95"},
      {"大于或等于95", "[95"}, {"大于等于95", "[95"},  {"不得低于95", "[95"}, {"不应小于95", "[95"},
      {"应不小于95%", "[95"},  {"应≥95%", "[95"},      {"最低95", "[95"},     {"９５％以上", "[95"},
  };
  for (const auto& c : cases) {
    auto r = P(c.text);
    EXPECT_EQ(r.kind, K::kLowerBound) << c.text << ": " << r.reason;
    EXPECT_EQ(lo(r), c.lower) << c.text;
  }
  EXPECT_NE(P("95%以上").reason.find("以上"), std::string_view::npos);
  EXPECT_NE(P("超过95").reason.find("不包含"), std::string_view::npos);
}

// --- Upper bounds -----------------------------------------------------------------------------

TEST(RequirementParse, UpperBounds) {
  struct Case {
    std::string_view text, upper;
  } cases[] = {
      {"≤0.5 mg/kg", "0.5]"},  {"<=0.5", "0.5]"},       {"＜0.5", "0.5)"},
      {"<0.5", "0.5)"},        {"不大于0.5", "0.5]"},   {"不超过0.5", "0.5]"},
      {"不高于0.5", "0.5]"},   {"至多0.5", "0.5]"},     {"不多于0.5", "0.5]"},
      {"0.5以下", "0.5]"},     {"0.5及以下", "0.5]"},   {"0.5以内", "0.5]"},
      {"不满0.5", "0.5)"},     {"小于0.5", "0.5)"},     {"低于0.5", "0.5)"},
      {"少于0.5", "0.5)"},     {"不得大于0.5", "0.5]"}, {"不得超过0.5", "0.5]"},
      {"不应高于0.5", "0.5]"}, {"≦0.5", "0.5]"},        {"≯0.5", "0.5]"},
      {"０．５以下", "0.5]"},  {"0。5以下", "0.5]"},    {"≤-18℃", "-18]"},
  };
  for (const auto& c : cases) {
    auto r = P(c.text);
    EXPECT_EQ(r.kind, K::kUpperBound) << c.text << ": " << r.reason;
    EXPECT_EQ(hi(r), c.upper) << c.text;
    EXPECT_EQ(lo(r), "none") << c.text;
  }
  EXPECT_EQ(P("≤0.5 mg/kg").unit.symbol, "mg/kg");
  EXPECT_EQ(hi(P("不得≥0.5")), "0.5)");  // the complement of ≥
  EXPECT_EQ(hi(P("不应>0.5")), "0.5]");
  EXPECT_EQ(lo(P("不得<95")), "[95");
  EXPECT_EQ(P("不得不小于95").kind, K::kUnparsed);
  EXPECT_EQ(P("不得至少95").kind, K::kUnparsed);
  EXPECT_EQ(P("≤ 0.5 ｍｇ／ｋｇ").unit.symbol, "mg/kg");
  EXPECT_EQ(P("0.5mg/kg以下").unit.symbol, "mg/kg");
  EXPECT_EQ(P("≤-18℃").unit.symbol, "℃");
}

// --- Ranges -----------------------------------------------------------------------------------

TEST(RequirementParse, Ranges) {
  for (std::string_view s :
       {"0.3～0.5", "0.3~0.5", "0.3-0.5", "0.3至0.5", "0.3到0.5", "0.3 ～ 0.5", "０．３～０．５",
        "0.3〜0.5", "0.3—0.5", "0.3 - 0.5", "在0.3～0.5之间", "0.3~0.5范围内"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kRange) << s << ": " << r.reason;
    EXPECT_EQ(lo(r), "[0.3") << s;
    EXPECT_EQ(hi(r), "0.5]") << s;
  }
  for (std::string_view s : {"0.3 mm～0.5 mm", "0.3～0.5mm", "0.3mm～0.5", "(0.3～0.5)mm"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kRange) << s << ": " << r.reason;
    EXPECT_EQ(r.unit.symbol, "mm") << s;
  }
}

TEST(RequirementParse, RangesWithNegativeNumbers) {
  auto a = P("-5~5");
  EXPECT_EQ(lo(a), "[-5");
  EXPECT_EQ(hi(a), "5]");
  auto b = P("-5--1");
  EXPECT_EQ(b.kind, K::kRange);
  EXPECT_EQ(lo(b), "[-5");
  EXPECT_EQ(hi(b), "-1]");
  auto c = P("-40℃～85℃");
  EXPECT_EQ(lo(c), "[-40");
  EXPECT_EQ(hi(c), "85]");
  EXPECT_EQ(c.unit.symbol, "℃");
  auto d = P("－10～－5");
  EXPECT_EQ(lo(d), "[-10");
  EXPECT_EQ(hi(d), "-5]");
}

TEST(RequirementParse, RangesFromTwoBounds) {
  auto a = P("≥0.3且≤0.5");
  EXPECT_EQ(a.kind, K::kRange);
  EXPECT_EQ(lo(a), "[0.3");
  EXPECT_EQ(hi(a), "0.5]");
  auto b = P("大于0.3，不大于0.5");
  EXPECT_EQ(lo(b), "(0.3");
  EXPECT_EQ(hi(b), "0.5]");
  auto c = P("≤0.5, ≥0.3");
  EXPECT_EQ(lo(c), "[0.3");
  EXPECT_EQ(hi(c), "0.5]");
  auto e = P("大于0.3小于0.5");  // no joiner
  EXPECT_EQ(lo(e), "(0.3");
  EXPECT_EQ(hi(e), "0.5)");
  EXPECT_EQ(hi(P("≥95 ≤99")), "99]");
  auto d = P("0.3<x≤0.5");
  EXPECT_EQ(d.kind, K::kRange);
  EXPECT_EQ(lo(d), "(0.3");
  EXPECT_EQ(hi(d), "0.5]");
  EXPECT_EQ(P("≥0.3且≥0.5").kind, K::kUnparsed);  // two lower bounds
  EXPECT_EQ(P(">0.5且<0.5").kind, K::kUnparsed);  // empty
}

TEST(RequirementParse, RangeUnitsAreReconciled) {
  auto a = P("500 g～1 kg");
  EXPECT_EQ(a.kind, K::kRange);
  EXPECT_EQ(a.unit.symbol, "kg");
  EXPECT_EQ(lo(a), "[0.500");
  EXPECT_EQ(P("0.3 mm～0.5 mg").kind, K::kUnparsed);
  EXPECT_EQ(P("0.5～0.3").kind, K::kUnparsed);
  EXPECT_EQ(P("0.5～0.5").kind, K::kRange);  // a single point is a valid range
}

// --- Nominal and tolerance --------------------------------------------------------------------

TEST(RequirementParse, NominalWithTolerance) {
  for (std::string_view s : {"50±2", "50 ± 2", "５０±２", "50+-2", "50+/-2", "５０＋－２"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kNominal) << s << ": " << r.reason;
    EXPECT_EQ(lo(r), "[48") << s;
    EXPECT_EQ(hi(r), "52]") << s;
    ASSERT_TRUE(r.nominal) << s;
    EXPECT_EQ(r.nominal->to_string(), "50") << s;
  }
  for (std::string_view s : {"50 ± 2 mm", "(50±2)mm", "（50±2）mm", "50mm±2mm", "50 mm ± 2"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kNominal) << s << ": " << r.reason;
    EXPECT_EQ(r.unit.symbol, "mm") << s;
    EXPECT_EQ(lo(r), "[48") << s;
    EXPECT_EQ(hi(r), "52]") << s;
  }
  auto c = P("50 mm±0.2 cm");
  EXPECT_EQ(c.kind, K::kNominal);
  EXPECT_EQ(lo(c), "[48");
}

TEST(RequirementParse, AsymmetricTolerance) {
  auto a = P("50+2/-1");
  EXPECT_EQ(a.kind, K::kNominal);
  EXPECT_EQ(lo(a), "[49");
  EXPECT_EQ(hi(a), "52]");
  EXPECT_EQ(a.upper_deviation.to_string(), "2");
  EXPECT_EQ(a.lower_deviation.to_string(), "-1");
  auto b = P("50-1/+2 mm");
  EXPECT_EQ(lo(b), "[49");
  EXPECT_EQ(hi(b), "52]");
  EXPECT_EQ(b.unit.symbol, "mm");
  auto c = P("50-0.1/-0.3");  // a shaft: both deviations below the nominal
  EXPECT_EQ(lo(c), "[49.7");
  EXPECT_EQ(hi(c), "49.9]");
  auto d = P("50+0.2/0");
  EXPECT_EQ(lo(d), "[50");
  EXPECT_EQ(hi(d), "50.2]");
  EXPECT_EQ(P("50+2").kind, K::kUnparsed);
  auto e = P("50 (+2/-1)");
  EXPECT_EQ(lo(e), "[49");
  EXPECT_EQ(hi(e), "52]");
  auto f = P("220 V (+10%/-15%)");
  EXPECT_TRUE(f.relative_tolerance);
  EXPECT_EQ(lo(f), "[187");
  EXPECT_EQ(hi(f), "242]");
  EXPECT_EQ(P("50 (2)").kind, K::kUnparsed);
}

TEST(RequirementParse, RelativeAndPercentTolerances) {
  auto v = P("220V±10%");
  EXPECT_EQ(v.kind, K::kNominal);
  EXPECT_TRUE(v.relative_tolerance);
  EXPECT_EQ(v.unit.symbol, "V");
  EXPECT_EQ(lo(v), "[198");
  EXPECT_EQ(hi(v), "242]");
  auto p = P("(50±2)%");
  EXPECT_FALSE(p.relative_tolerance);
  EXPECT_EQ(p.unit.symbol, "%");
  EXPECT_EQ(lo(p), "[48");
  auto q = P("12%±1%");
  EXPECT_FALSE(q.relative_tolerance);
  EXPECT_EQ(lo(q), "[11");
  // The ambiguous bare form is refused unless the row's unit settles it.
  EXPECT_EQ(P("50±2%").kind, K::kUnparsed);
  ParseOptions ohm;
  ohm.default_unit = "Ω";
  auto rel = P("100±5%", ohm);
  EXPECT_TRUE(rel.relative_tolerance);
  EXPECT_EQ(lo(rel), "[95");
  EXPECT_EQ(rel.unit.symbol, "Ω");
  ParseOptions pct;
  pct.default_unit = "%";
  auto abs = P("50±2%", pct);
  EXPECT_FALSE(abs.relative_tolerance);
  EXPECT_EQ(lo(abs), "[48");
  auto paren = P("(220±10%)V");
  EXPECT_TRUE(paren.relative_tolerance);
  EXPECT_EQ(hi(paren), "242]");
  // mg/kg is a content, not a relative deviation: the unit applies to both numbers.
  auto mg = P("0.5±0.1 mg/kg");
  EXPECT_FALSE(mg.relative_tolerance);
  EXPECT_EQ(lo(mg), "[0.4");
}

TEST(RequirementParse, ToleranceOnly) {
  auto a = P("±2%");
  EXPECT_EQ(a.kind, K::kTolerance);
  EXPECT_EQ(lo(a), "[-2");
  EXPECT_EQ(hi(a), "2]");
  EXPECT_EQ(a.unit.symbol, "%");
  EXPECT_TRUE(a.relative_tolerance);
  EXPECT_EQ(P("± 0.5 ℃").kind, K::kTolerance);
  EXPECT_EQ(P("≤±2%").kind, K::kTolerance);
  EXPECT_EQ(P("不超过±5%").kind, K::kTolerance);
  EXPECT_EQ(P("≥±5%").kind, K::kUnparsed);
  auto b = P("+0.2/-0.1 mm");
  EXPECT_EQ(b.kind, K::kTolerance);
  EXPECT_EQ(lo(b), "[-0.1");
  EXPECT_EQ(hi(b), "0.2]");
}

// --- Grades -----------------------------------------------------------------------------------

TEST(RequirementParse, GradeNotations) {
  for (std::string_view s :
       {"1级", "一级", "Ⅰ级", "I级", "1 级", "能效1级", "能效等级1级", "1级能效", "能效等级：1级",
        "应达到1级", "不低于1级", "1级及以上", "ⅰ级"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kGrade) << s << ": " << r.reason;
    EXPECT_EQ(r.grade.scale, GradeScale::kNumeric) << s;
    EXPECT_EQ(r.grade.level, 1) << s;
    EXPECT_EQ(r.grade.order, GradeOrder::kFirstIsBest) << s;
  }
  EXPECT_EQ(P("二级").grade.level, 2);
  EXPECT_EQ(P("Ⅲ级").grade.level, 3);
  EXPECT_EQ(P("IV级").grade.level, 4);
  EXPECT_EQ(P("十二级").grade.level, 12);
  EXPECT_EQ(P("十级").grade.level, 10);
  auto a = P("A级");
  EXPECT_EQ(a.grade.scale, GradeScale::kLetter);
  EXPECT_EQ(a.grade.level, 1);
  EXPECT_EQ(P("C级").grade.level, 3);
  auto half = P("4-5级");
  EXPECT_EQ(half.grade.level, 4.5);
  auto q = P("优等品");
  EXPECT_EQ(q.grade.scale, GradeScale::kQualityClass);
  EXPECT_EQ(q.grade.level, 1);
  EXPECT_EQ(P("合格品").grade.level, 3);
}

TEST(RequirementParse, GradeDirection) {
  auto ge = P("≥4级");
  EXPECT_EQ(ge.grade.order, GradeOrder::kLastIsBest);
  EXPECT_TRUE(ge.grade.order_explicit);
  EXPECT_EQ(P("≤2级").grade.order, GradeOrder::kFirstIsBest);
  ParseOptions o;
  o.numeric_grades = GradeOrder::kLastIsBest;
  EXPECT_EQ(P("4级", o).grade.order, GradeOrder::kLastIsBest);
  EXPECT_FALSE(P("4级", o).grade.order_explicit);
  ParseOptions letters;
  letters.letter_grades = GradeOrder::kLastIsBest;
  EXPECT_EQ(P("A级", letters).grade.order, GradeOrder::kLastIsBest);
  EXPECT_EQ(P("A级").grade.order, GradeOrder::kFirstIsBest);
}

TEST(RequirementParse, MalformedGradesAreRefused) {
  for (std::string_view s :
       {"2级以下", ">3级", "AA级", "级", "一二级", "3-5级", "≥A级", "高于2级", "1级1级"}) {
    EXPECT_EQ(P(s).kind, K::kUnparsed) << s;
  }
}

// --- Qualitative ------------------------------------------------------------------------------

TEST(RequirementParse, Absence) {
  for (std::string_view s :
       {"无", "不得检出", "未检出", "不允许", "应无", "不应检出", "不得有", "ND"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kQualitative) << s << ": " << r.reason;
    EXPECT_EQ(r.term, QualitativeTerm::kAbsent) << s;
    EXPECT_EQ(r.subject, "") << s;
  }
  auto a = P("应无裂纹、毛刺");
  EXPECT_EQ(a.term, QualitativeTerm::kAbsent);
  EXPECT_EQ(a.subject, "裂纹、毛刺");
  EXPECT_EQ(P("不允许有气泡").subject, "气泡");
  EXPECT_EQ(P("不得渗漏").subject, "渗漏");
}

TEST(RequirementParse, ConformityAndPass) {
  auto c = P("符合 GB 4706.1 第19章");
  EXPECT_EQ(c.kind, K::kQualitative);
  EXPECT_EQ(c.term, QualitativeTerm::kConforms);
  EXPECT_EQ(c.subject, "GB 4706.1 第19章");
  auto d = P("应符合GB 4706.1—2005第19章的规定。");
  EXPECT_EQ(d.term, QualitativeTerm::kConforms);
  EXPECT_EQ(d.subject, "GB 4706.1-2005第19章");
  EXPECT_EQ(P("按GB/T 2423.1规定").subject, "GB/T 2423.1");
  EXPECT_EQ(P("符合 GB 12021.2 中能效1级的要求").term, QualitativeTerm::kConforms);
  for (std::string_view s : {"合格", "符合要求", "满足要求", "通过", "应符合要求"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kQualitative) << s;
    EXPECT_EQ(r.term, QualitativeTerm::kPass) << s;
  }
  EXPECT_EQ(P("符合").kind, K::kUnparsed);
  EXPECT_EQ(P("应有接地标志").term, QualitativeTerm::kPresent);
  EXPECT_EQ(P("应有接地标志").subject, "接地标志");
}

TEST(RequirementParse, NoRequirement) {
  for (std::string_view s : {"—", "-", "/", "——", "无要求", "不作要求", "未规定", "N/A", "不适用"})
    EXPECT_EQ(P(s).kind, K::kNoRequirement) << s;
}

// --- Numbers, units, options --------------------------------------------------------------------

TEST(RequirementParse, NumberForms) {
  EXPECT_EQ(hi(P("≤5×10^-3 mg/kg")), "0.005]");
  EXPECT_EQ(hi(P("≤5×10⁻³")), "0.005]");
  EXPECT_EQ(hi(P("≤1.5E-3")), "0.0015]");
  EXPECT_EQ(hi(P("≤1.5x10^3")), "1500]");
  EXPECT_EQ(lo(P("≥1万次")), "[10000");
  EXPECT_EQ(P("≥1万次").unit.symbol, "次");
  EXPECT_EQ(lo(P("≥1,000 h")), "[1000");
  EXPECT_EQ(lo(P("≥.5")), "[0.5");
  EXPECT_EQ(P("≥0,5").kind, K::kUnparsed);  // decimal comma: not guessed
  EXPECT_EQ(P("≥1×10").kind, K::kUnparsed);
  EXPECT_EQ(P("≥1E99").kind, K::kUnparsed);
}

TEST(RequirementParse, UnitsInRequirements) {
  EXPECT_EQ(P("≥2 MΩ").unit.symbol, "MΩ");
  EXPECT_EQ(P("≤3 kW·h").unit.symbol, "kW·h");
  EXPECT_EQ(P("≤3kWh").unit.symbol, "kW·h");
  EXPECT_EQ(P("≤55 dB(A)").unit.symbol, "dB(A)");
  EXPECT_EQ(P("≤55dB（A）").unit.symbol, "dB(A)");
  EXPECT_EQ(P("≥10 g/m²").unit.symbol, "g/m²");
  EXPECT_EQ(P("≥5 毫米").unit.symbol, "mm");
  EXPECT_EQ(P("≤2小时").unit.symbol, "h");
  EXPECT_EQ(P("≥1500 r/min").unit.symbol, "r/min");
  EXPECT_EQ(P("≥5粒").unit.status, UnitStatus::kUnknown);
  EXPECT_EQ(P("≥5粒").unit.symbol, "粒");
  EXPECT_EQ(P("≥5 lm/W").unit.symbol, "lm/W");
}

TEST(RequirementParse, Options) {
  ParseOptions pct;
  pct.default_unit = "%";
  EXPECT_EQ(P("≥95", pct).unit.symbol, "%");
  EXPECT_EQ(P("≥95 mm", pct).unit.symbol, "mm");  // the text's own unit wins
  EXPECT_EQ(P("95").kind, K::kUnparsed);
  ParseOptions bare;
  bare.bare_number = BareNumber::kLowerBound;
  EXPECT_EQ(lo(P("95", bare)), "[95");
  bare.bare_number = BareNumber::kUpperBound;
  EXPECT_EQ(hi(P("0.5", bare)), "0.5]");
  bare.bare_number = BareNumber::kExact;
  auto e = P("50", bare);
  EXPECT_EQ(e.kind, K::kNominal);
  EXPECT_EQ(lo(e), "[50");
  EXPECT_EQ(hi(e), "50]");
}

TEST(RequirementParse, KeepsOriginalAndDescribes) {
  auto r = P("  不低于 ９５ ％ ");
  EXPECT_EQ(r.original, "  不低于 ９５ ％ ");
  EXPECT_EQ(describe_requirement(r), "下限：≥95 %");
  EXPECT_EQ(describe_requirement(P("0.3～0.5 mm")), "范围：0.3～0.5 mm（含两端）");
  EXPECT_EQ(describe_requirement(P("50±2 mm")),
            "标称值及偏差：标称值 50 mm，允许偏差 ±2 mm，即 48～52 mm");
  EXPECT_EQ(describe_requirement(P("1级")), "等级：1级（靠前的等级最优，如1级、A级）");
  EXPECT_EQ(describe_requirement(P("符合 GB 4706.1 第19章")), "定性：符合 GB 4706.1 第19章");
  EXPECT_NE(describe_requirement(P("abc")).find("无法识别"), std::string::npos);
  EXPECT_EQ(requirement_kind_name(K::kLowerBound), "lower_bound");
  EXPECT_EQ(requirement_kind_label_zh(K::kRange), "范围");
}

TEST(RequirementParse, UnparsedNeverGuesses) {
  for (std::string_view s : {"abc",      "约95%",    "95左右",  "95%以外", "≥95%（含）以上",
                             "0.3 0.5",  "≥",        "≥≥",      "≥≥95",    "±",
                             "±±2",      "+",        "()",      "(50±2",   "50±2)",
                             "(≥95)mm",  "≥95 ≥99",  "1..5",    "≥1.2.3",  "≥95%或",
                             "95 以 上", "ND及以上", "≤0.5/kg", "不得",    "不得 5"}) {
    auto r = P(s);
    EXPECT_EQ(r.kind, K::kUnparsed) << s;
    EXPECT_FALSE(r.reason.empty()) << s;
  }
}

TEST(RequirementParse, HostileInput) {
  EXPECT_EQ(P("").kind, K::kUnparsed);
  EXPECT_EQ(P("").reason, "要求为空");
  EXPECT_EQ(P("   　 ").kind, K::kUnparsed);
  std::string digits(10 * 1024, '9');
  EXPECT_EQ(P(digits).kind, K::kUnparsed);
  EXPECT_EQ(P("≥" + std::string(1000, '9')).kind, K::kUnparsed);
  EXPECT_EQ(P("≥" + std::string(30, '9')).reason, "数值过长（有效数字超过18位），无法精确处理");
  EXPECT_EQ(P("\xff\xfe≥95").reason, "文本不是有效的UTF-8编码");
  EXPECT_EQ(P("≥9\xe2\x89").kind, K::kUnparsed);  // truncated ≥
  EXPECT_EQ(P(std::string("≥9\0 5", 5)).kind, K::kUnparsed);
  std::string many;
  for (int i = 0; i < 300; ++i) many += "≥";
  EXPECT_EQ(P(many).kind, K::kUnparsed);
  EXPECT_EQ(P(std::string(1023, '(')).kind, K::kUnparsed);
  EXPECT_EQ(P(std::string(1000, '-')).kind, K::kUnparsed);
  EXPECT_EQ(P("级级级级").kind, K::kUnparsed);
}

// --- Comparison ---------------------------------------------------------------------------------

TEST(RequirementCompare, BoundsOpenAndClosed) {
  EXPECT_EQ(V("≥95%", "≥95%"), Verdict::kEqual);
  EXPECT_EQ(V("不低于95%", "≥95%"), Verdict::kEqual);
  EXPECT_EQ(V("95%以上", "≥95%"), Verdict::kEqual);
  EXPECT_EQ(V(">95%", "≥95%"), Verdict::kBetter);
  EXPECT_EQ(V("≥95%", ">95%"), Verdict::kWorse);
  EXPECT_EQ(V("超过95%", "不低于95%"), Verdict::kBetter);
  EXPECT_EQ(V("≥96%", "≥95%"), Verdict::kBetter);
  EXPECT_EQ(V("≥94%", "≥95%"), Verdict::kWorse);
  EXPECT_EQ(V("≤0.4", "≤0.5"), Verdict::kBetter);
  EXPECT_EQ(V("<0.5", "≤0.5"), Verdict::kBetter);
  EXPECT_EQ(V("≤0.5", "<0.5"), Verdict::kWorse);
  EXPECT_EQ(V("不满0.5", "小于0.5"), Verdict::kEqual);
  EXPECT_EQ(V("≤0.6", "≤0.5"), Verdict::kWorse);
  EXPECT_EQ(V("0.5以内", "不超过0.50"), Verdict::kEqual);
}

TEST(RequirementCompare, LowerVsUpperIsWorse) {
  EXPECT_EQ(V("≥0.5", "≤0.5"), Verdict::kWorse);  // overlap in one point only
  EXPECT_EQ(V("≤0.5", "≥0.5"), Verdict::kWorse);
  EXPECT_EQ(V(">0.5", "<0.5"), Verdict::kWorse);  // disjoint
}

TEST(RequirementCompare, Ranges) {
  EXPECT_EQ(V("0.35～0.45", "0.3～0.5"), Verdict::kBetter);  // nested
  EXPECT_EQ(V("0.3～0.5", "0.3～0.5"), Verdict::kEqual);     // identical
  EXPECT_EQ(V("0.3~0.5", "0.30至0.50"), Verdict::kEqual);
  EXPECT_EQ(V("0.3～0.5", "0.35～0.45"), Verdict::kWorse);  // wider
  EXPECT_EQ(V("0.2～0.4", "0.3～0.5"), Verdict::kWorse);    // overlapping
  EXPECT_EQ(V("0.6～0.8", "0.3～0.5"), Verdict::kWorse);    // disjoint
  EXPECT_EQ(V("0.3～0.5", "≥0.3"), Verdict::kBetter);
  EXPECT_EQ(V("≥0.3", "0.3～0.5"), Verdict::kWorse);  // a allows 0.6
  EXPECT_EQ(V("0.3～0.5", "≤0.5"), Verdict::kBetter);
  EXPECT_EQ(V("0.3<x≤0.5", "0.3～0.5"), Verdict::kBetter);
  EXPECT_EQ(V("≥0.3且≤0.5", "0.3～0.5"), Verdict::kEqual);
  EXPECT_EQ(V("0.3～0.5 mm", "0.03～0.05 cm"), Verdict::kEqual);
  EXPECT_NE(compare_requirements(P("0.6～0.8"), P("0.3～0.5")).reason.find("不相交"),
            std::string_view::npos);
  EXPECT_NE(compare_requirements(P("0.2～0.4"), P("0.3～0.5")).reason.find("重叠"),
            std::string_view::npos);
}

TEST(RequirementCompare, NominalAndTolerance) {
  EXPECT_EQ(V("50±1", "50±2"), Verdict::kBetter);
  EXPECT_EQ(V("50±2", "48～52"), Verdict::kEqual);
  EXPECT_EQ(V("(50±2)mm", "50 mm±2 mm"), Verdict::kEqual);
  EXPECT_EQ(V("50+1/-2", "50±2"), Verdict::kBetter);
  EXPECT_EQ(V("50±2", "51±2"), Verdict::kWorse);
  EXPECT_EQ(V("220V±10%", "198～242 V"), Verdict::kEqual);
  EXPECT_EQ(V("220V±5%", "220V±10%"), Verdict::kBetter);
  EXPECT_EQ(V("±1%", "±2%"), Verdict::kBetter);
  EXPECT_EQ(V("±2%", "±2%"), Verdict::kEqual);
  EXPECT_EQ(V("±3%", "+2/-3 %"), Verdict::kWorse);
  EXPECT_EQ(V("±1%", "50±2"), Verdict::kIncomparable);
  EXPECT_EQ(V("≤0.5", "±2%"), Verdict::kIncomparable);
  EXPECT_EQ(V("±2 mm", "±2%"), Verdict::kIncomparable);
}

TEST(RequirementCompare, UnitConversion) {
  EXPECT_EQ(V("≥950 g", "≥0.9 kg"), Verdict::kBetter);
  EXPECT_EQ(V("≥900 g", "≥0.9 kg"), Verdict::kEqual);
  EXPECT_EQ(V("≥899 g", "≥0.9 kg"), Verdict::kWorse);
  EXPECT_EQ(V("≤1000 mg/kg", "≤0.1%"), Verdict::kEqual);
  EXPECT_EQ(V("≤0.05%", "≤1000 mg/kg"), Verdict::kBetter);
  EXPECT_EQ(V("≤2 h", "≤120 min"), Verdict::kEqual);
  EXPECT_EQ(V("≤2 小时", "≤119 分钟"), Verdict::kWorse);
  EXPECT_EQ(V("≤3 kW·h", "≤3kWh"), Verdict::kEqual);
  EXPECT_EQ(V("≥1 MΩ", "≥1000 kΩ"), Verdict::kEqual);
  EXPECT_EQ(V("≥5 粒", "≥4 粒"), Verdict::kBetter);  // unknown but identical units
}

TEST(RequirementCompare, UnitMismatchIsIncomparable) {
  EXPECT_EQ(V("≤5 mm", "≤5 mg/kg"), Verdict::kIncomparable);
  EXPECT_EQ(V("≤55 dB", "≤55 dB(A)"), Verdict::kIncomparable);
  EXPECT_EQ(V("≤0.5 mg/kg", "≤0.5 mg/L"), Verdict::kIncomparable);
  EXPECT_EQ(V("≥95", "≥95%"), Verdict::kIncomparable);
  EXPECT_EQ(V("≥5 粒", "≥5 个"), Verdict::kIncomparable);
  EXPECT_EQ(V("≥5 lm/W", "≥5 lx"), Verdict::kIncomparable);
  EXPECT_NE(compare_requirements(P("≤5 mm"), P("≤5 mg/kg")).reason.find("量纲"),
            std::string_view::npos);
  ParseOptions pct;
  pct.default_unit = "%";
  EXPECT_EQ(V("≥96", "≥95%", pct), Verdict::kBetter);
}

TEST(RequirementCompare, Grades) {
  EXPECT_EQ(V("1级", "一级"), Verdict::kEqual);
  EXPECT_EQ(V("Ⅰ级", "I级"), Verdict::kEqual);
  EXPECT_EQ(V("能效1级", "1级"), Verdict::kEqual);
  EXPECT_EQ(V("1级", "2级"), Verdict::kBetter);
  EXPECT_EQ(V("一级", "Ⅱ级"), Verdict::kBetter);
  EXPECT_EQ(V("3级", "二级"), Verdict::kWorse);
  EXPECT_EQ(V("A级", "B级"), Verdict::kBetter);
  EXPECT_EQ(V("C级", "B级"), Verdict::kWorse);
  EXPECT_EQ(V("1级", "A级"), Verdict::kIncomparable);
  EXPECT_EQ(V("优等品", "一等品"), Verdict::kBetter);
  EXPECT_EQ(V("合格品", "一等品"), Verdict::kWorse);
  EXPECT_EQ(V("优等品", "1级"), Verdict::kIncomparable);
  // Colour-fastness style: larger is better.
  EXPECT_EQ(V("≥4级", "≥3级"), Verdict::kBetter);
  EXPECT_EQ(V("≥3级", "≥4级"), Verdict::kWorse);
  EXPECT_EQ(V("≥4-5级", "≥4级"), Verdict::kBetter);
  ParseOptions last;
  last.numeric_grades = GradeOrder::kLastIsBest;
  EXPECT_EQ(V("4级", "3级", last), Verdict::kBetter);
  EXPECT_EQ(V("3级", "四级", last), Verdict::kWorse);
  ParseOptions letters;
  letters.letter_grades = GradeOrder::kLastIsBest;
  EXPECT_EQ(V("B级", "A级", letters), Verdict::kBetter);
  // Mixed directions cannot be ordered.
  EXPECT_EQ(V("≥4级", "≤4级"), Verdict::kIncomparable);
  EXPECT_EQ(V("1级", "≥1级"), Verdict::kIncomparable);
  EXPECT_EQ(V("1级", "≥95%"), Verdict::kIncomparable);
}

TEST(RequirementCompare, Qualitative) {
  EXPECT_EQ(V("无", "不得检出"), Verdict::kEqual);
  EXPECT_EQ(V("不允许", "无"), Verdict::kEqual);
  EXPECT_EQ(V("未检出", "不得检出"), Verdict::kEqual);
  EXPECT_EQ(V("应无裂纹", "无裂纹"), Verdict::kEqual);
  EXPECT_EQ(V("无裂纹", "不得检出"), Verdict::kEqual);
  EXPECT_EQ(V("无裂纹", "无气泡"), Verdict::kIncomparable);
  EXPECT_EQ(V("符合 GB 4706.1 第19章", "应符合GB4706.1第19章的规定"), Verdict::kEqual);
  EXPECT_EQ(V("符合《GB 4706.1》第19章", "符合 gb 4706.1 第19章"), Verdict::kEqual);
  EXPECT_EQ(V("符合 GB 4706.1 第19章", "符合 GB 4706.1 第20章"), Verdict::kIncomparable);
  EXPECT_EQ(V("合格", "符合要求"), Verdict::kEqual);
  EXPECT_EQ(V("合格", "符合 GB 4706.1"), Verdict::kIncomparable);
  EXPECT_EQ(V("不得检出", "≤0.01 mg/kg"), Verdict::kIncomparable);
  EXPECT_EQ(V("无", "应有接地标志"), Verdict::kIncomparable);
}

TEST(RequirementCompare, NoRequirementAllowsEverything) {
  EXPECT_EQ(V("—", "≥95"), Verdict::kWorse);
  EXPECT_EQ(V("≥95", "无要求"), Verdict::kBetter);
  EXPECT_EQ(V("/", "—"), Verdict::kEqual);
  EXPECT_EQ(V("无", "不作要求"), Verdict::kBetter);
}

TEST(RequirementCompare, UnparsedIsIncomparable) {
  EXPECT_EQ(V("abc", "abc"), Verdict::kIncomparable);
  EXPECT_EQ(V("≥95", "约95"), Verdict::kIncomparable);
  EXPECT_EQ(V("", "≥95"), Verdict::kIncomparable);
  EXPECT_EQ(compare_requirements(P("abc"), P("≥1")).reason, "要求文本未能解析，需人工判断");
}

TEST(RequirementCompare, AntisymmetryOnASample) {
  std::vector<std::string> texts = {
      "≥95%", ">95%",     "≤0.5", "<0.5", "0.3～0.5",  "0.2～0.4",  "50±2", "50±1",   "±2%",
      "±1%",  "1级",      "2级",  "A级",  "无",        "合格",      "—",    "≥950 g", "≥0.9 kg",
      "≤2 h", "≤100 min", "≥4级", "abc",  "符合 GB 1", "0.3<x<0.5", "≥0.3"};
  for (const auto& x : texts) {
    for (const auto& y : texts) {
      auto a = P(x), b = P(y);
      Verdict ab = compare_requirements(a, b).verdict;
      Verdict ba = compare_requirements(b, a).verdict;
      if (ab == Verdict::kBetter) {
        EXPECT_EQ(ba, Verdict::kWorse) << x << " vs " << y;
      } else if (ab == Verdict::kEqual || ab == Verdict::kIncomparable) {
        EXPECT_EQ(ba, ab) << x << " vs " << y;
      }
    }
    Verdict self = compare_requirements(P(x), P(x)).verdict;
    EXPECT_TRUE(self == Verdict::kEqual || self == Verdict::kIncomparable) << x;
  }
}

TEST(RequirementCompare, Labels) {
  EXPECT_EQ(verdict_name(Verdict::kBetter), "better");
  EXPECT_EQ(verdict_label_zh(Verdict::kBetter), "优于");
  EXPECT_EQ(verdict_label_zh(Verdict::kEqual), "达到");
  EXPECT_EQ(verdict_label_zh(Verdict::kWorse), "低于");
  EXPECT_EQ(verdict_label_zh(Verdict::kIncomparable), "不可比");
  for (Verdict v : {Verdict::kBetter, Verdict::kEqual, Verdict::kWorse, Verdict::kIncomparable}) {
    EXPECT_EQ(parse_verdict(verdict_name(v)), v);
    EXPECT_EQ(parse_verdict(verdict_label_zh(v)), v);
  }
  EXPECT_FALSE(parse_verdict("best").has_value());
}

// --- Judging measured values (GB/T 8170-2008)
// ------------------------------------------------------

TEST(RequirementJudge, FullValueComparison) {
  EXPECT_TRUE(passes("≤0.5", "0.5"));
  EXPECT_TRUE(passes("≤0.5", "0.50"));
  EXPECT_FALSE(passes("≤0.5", "0.50000001"));
  EXPECT_FALSE(passes("≤0.5", "0.54"));  // full value: no rounding
  EXPECT_FALSE(passes("<0.5", "0.5"));
  EXPECT_TRUE(passes("<0.5", "0.49999999"));
  EXPECT_TRUE(passes("≥95%", "95.0"));
  EXPECT_FALSE(passes("≥95%", "94.99"));
  EXPECT_FALSE(passes("≥95%", "９４．９９％"));
  EXPECT_FALSE(passes(">95", "95"));
  EXPECT_TRUE(passes("0.3～0.5", "0.3"));
  EXPECT_FALSE(passes("0.3～0.5", "0.29"));
  EXPECT_FALSE(passes("0.3～0.5", "0.51"));
  EXPECT_TRUE(passes("≤-18℃", "-20"));
  EXPECT_FALSE(passes("≤-18℃", "-17.9 ℃"));
  auto j = J("≤0.5", "0.54");
  EXPECT_EQ(j.compared_value, "0.54");
  EXPECT_NE(j.reason.find("全数值"), std::string::npos);
}

TEST(RequirementJudge, RoundedValueComparison) {
  EXPECT_TRUE(passes("≤0.5", "0.54", kRounded, 0.1));   // → 0.5
  EXPECT_FALSE(passes("≤0.5", "0.55", kRounded, 0.1));  // → 0.6 (5.5 → 6)
  EXPECT_TRUE(passes("≤0.5", "0.45", kRounded, 0.1));   // → 0.4 (4.5 → 4)
  EXPECT_TRUE(passes("≤0.5", "0.549999", kRounded, 0.1));
  EXPECT_FALSE(passes("≤0.5", "0.5500001", kRounded, 0.1));
  auto j = J("≤0.5", "0.54", kRounded, 0.1);
  EXPECT_EQ(j.compared_value, "0.5");
  EXPECT_NE(j.reason.find("五成双"), std::string::npos);
  // Interval from the limit as written: ≤0.5 → 0.1, ≤0.50 → 0.01.
  EXPECT_TRUE(passes("≤0.5", "0.54", kRounded));
  EXPECT_FALSE(passes("≤0.50", "0.54", kRounded));
  EXPECT_TRUE(passes("≤0.50", "0.505", kRounded));   // → 0.50
  EXPECT_FALSE(passes("≤0.50", "0.515", kRounded));  // → 0.52
  // 0.2 and 0.5 intervals.
  EXPECT_TRUE(passes("≤0.5", "0.5", kRounded, 0.2));      // 2.5 → 2 → 0.4
  EXPECT_FALSE(passes("≤0.5", "0.62", kRounded, 0.2));    // 3.1 → 3 → 0.6
  EXPECT_TRUE(passes("≤60.0", "60.25", kRounded, 0.5));   // → 60.0
  EXPECT_FALSE(passes("≤60.0", "60.28", kRounded, 0.5));  // → 60.5
  EXPECT_TRUE(passes("≥95%", "94.95", kRounded, 1));      // → 95
  EXPECT_FALSE(passes("≥95%", "94.5", kRounded, 1));      // → 94
  EXPECT_TRUE(passes("≥95%", "95.5", kRounded, 1));       // → 96
  EXPECT_FALSE(J("≤0.5", "0.54", kRounded, -0.1).decided);
  EXPECT_FALSE(J("≤0.5", "0.54", kRounded, 0.0).decided);
}

TEST(RequirementJudge, MeasuredUnitsAreConverted) {
  EXPECT_TRUE(passes("≤0.5 mg/kg", "0.5 mg/kg"));
  EXPECT_FALSE(passes("≤0.5 mg/kg", "540 μg/kg"));
  EXPECT_TRUE(passes("≤0.5 mg/kg", "500 μg/kg"));
  EXPECT_TRUE(passes("≤0.5 mg/kg", "0.00005%"));
  EXPECT_FALSE(passes("≤0.5 mg/kg", "0.00006%"));
  EXPECT_TRUE(passes("≤0.5 mg/kg", "0.54 mg/kg", kRounded, 0.1));
  EXPECT_TRUE(passes("≤0.5 mg/kg", "540 μg/kg", kRounded, 0.1));
  EXPECT_TRUE(passes("50±2 mm", "5.2 cm"));
  EXPECT_FALSE(passes("50±2 mm", "52.1"));
  EXPECT_FALSE(passes("50±2 mm", "47.9 mm"));
  EXPECT_TRUE(passes("≤2 h", "120 min"));
  EXPECT_TRUE(passes("≤0.8 h", "50 min", kRounded, 0.1));  // 0.833… → 0.8
  EXPECT_FALSE(J("≤0.5 mm", "0.4 kg").decided);
  EXPECT_FALSE(J("≤0.5", "0.4 kg").decided);  // the requirement has no unit to convert to
}

TEST(RequirementJudge, NotDetectedAndLimits) {
  EXPECT_TRUE(passes("无", "未检出"));
  EXPECT_TRUE(passes("不得检出", "ND"));
  EXPECT_TRUE(passes("不得检出", "N.D."));
  EXPECT_TRUE(passes("不得检出", "0"));
  EXPECT_FALSE(passes("不得检出", "0.02"));
  EXPECT_FALSE(passes("不得检出", "检出"));
  EXPECT_TRUE(passes("不得检出", "<0.01"));
  EXPECT_TRUE(passes("≤0.5 mg/kg", "未检出"));
  EXPECT_TRUE(passes("≤0.5", "<0.01"));
  EXPECT_TRUE(passes("≤0.5", "＜0.5"));
  EXPECT_FALSE(J("≤0.5", "<1").decided);  // the reported limit straddles the requirement
  EXPECT_FALSE(passes("≥95", "<0.01"));
  EXPECT_TRUE(passes("≥95", ">96"));
  EXPECT_FALSE(passes("≤0.5", ">0.6"));
  EXPECT_FALSE(J("≥95", "未检出").decided);
}

TEST(RequirementJudge, GradesAndQualitative) {
  EXPECT_TRUE(passes("1级", "1级"));
  EXPECT_TRUE(passes("2级", "一级"));
  EXPECT_FALSE(passes("1级", "2级"));
  EXPECT_TRUE(passes("≥4级", "4-5级"));
  EXPECT_FALSE(passes("≥4级", "3级"));
  EXPECT_TRUE(passes("B级", "A级"));
  EXPECT_FALSE(J("1级", "A级").decided);
  EXPECT_FALSE(J("1级", "0.5").decided);
  EXPECT_TRUE(passes("符合 GB 4706.1 第19章", "符合"));
  EXPECT_FALSE(passes("符合 GB 4706.1 第19章", "不符合"));
  EXPECT_TRUE(passes("合格", "合格"));
  EXPECT_FALSE(passes("合格", "不合格"));
  EXPECT_TRUE(passes("应无裂纹", "无"));
  EXPECT_FALSE(passes("应无裂纹", "有"));
  EXPECT_TRUE(passes("应有接地标志", "有"));
  EXPECT_FALSE(J("合格", "0.5").decided);
}

TEST(RequirementJudge, UndecidableCases) {
  EXPECT_FALSE(J("±2%", "1.5").decided);
  EXPECT_FALSE(J("abc", "1").decided);
  EXPECT_FALSE(J("≤0.5", "").decided);
  EXPECT_FALSE(J("≤0.5", "abc").decided);
  EXPECT_FALSE(J("≤0.5", "0.5 0.6").decided);
  EXPECT_FALSE(J("≤0.5", std::string(10000, '9')).decided);
  EXPECT_FALSE(J("≤0.5", "\xff").decided);
  auto none = J("—", "whatever");
  EXPECT_TRUE(none.decided);
  EXPECT_TRUE(none.pass);
}

// --- Roll-up
// --------------------------------------------------------------------------------------

std::vector<IndicatorVerdict> rows(std::initializer_list<std::pair<const char*, Verdict>> v,
                                   std::vector<bool> core = {}) {
  std::vector<IndicatorVerdict> out;
  size_t i = 0;
  for (const auto& [name, verdict] : v) {
    IndicatorVerdict row{name, verdict};
    row.core = i < core.size() && core[i];
    out.push_back(row);
    ++i;
  }
  return out;
}

TEST(RequirementRollUp, Kinds) {
  auto all_better = roll_up(rows({{"a", Verdict::kBetter}, {"b", Verdict::kBetter}}));
  EXPECT_EQ(all_better.kind, RollUpKind::kAllBetter);
  EXPECT_TRUE(all_better.compliant);
  EXPECT_FALSE(all_better.provisional);
  auto partly = roll_up(rows({{"a", Verdict::kBetter}, {"b", Verdict::kEqual}}));
  EXPECT_EQ(partly.kind, RollUpKind::kPartlyBetter);
  EXPECT_TRUE(partly.compliant);
  auto equal = roll_up(rows({{"a", Verdict::kEqual}, {"b", Verdict::kEqual}}));
  EXPECT_EQ(equal.kind, RollUpKind::kAllEqual);
  EXPECT_TRUE(equal.compliant);
  auto not_met = roll_up(
      rows({{"吸水率", Verdict::kWorse}, {"a", Verdict::kBetter}, {"耐磨性", Verdict::kWorse}}));
  EXPECT_EQ(not_met.kind, RollUpKind::kNotMet);
  EXPECT_FALSE(not_met.compliant);
  EXPECT_EQ(not_met.gaps, (std::vector<std::string>{"吸水率", "耐磨性"}));
  EXPECT_EQ(not_met.worse, 2);
  EXPECT_NE(not_met.summary.find("吸水率、耐磨性"), std::string::npos);
}

TEST(RequirementRollUp, IncomparableRowsNeedAPerson) {
  auto r = roll_up(rows({{"a", Verdict::kBetter}, {"噪声", Verdict::kIncomparable}}));
  EXPECT_EQ(r.kind, RollUpKind::kAllBetter);
  EXPECT_TRUE(r.provisional);
  EXPECT_EQ(r.needs_review, std::vector<std::string>{"噪声"});
  EXPECT_EQ(r.incomparable, 1);
  EXPECT_NE(r.summary.find("待人工判定"), std::string::npos);
  auto only = roll_up(rows({{"a", Verdict::kIncomparable}}));
  EXPECT_EQ(only.kind, RollUpKind::kUndetermined);
  EXPECT_FALSE(only.compliant);
  auto empty = roll_up({});
  EXPECT_EQ(empty.kind, RollUpKind::kUndetermined);
}

TEST(RequirementRollUp, CompliantLooksAtCoreIndicatorsOnly) {
  // A non-core row below the benchmark: 未达到, yet 达标.
  auto r = roll_up(rows({{"核心", Verdict::kEqual}, {"外观", Verdict::kWorse}}, {true, false}));
  EXPECT_EQ(r.kind, RollUpKind::kNotMet);
  EXPECT_TRUE(r.compliant);
  auto c = roll_up(rows({{"核心", Verdict::kWorse}, {"外观", Verdict::kBetter}}, {true, false}));
  EXPECT_FALSE(c.compliant);
  // No core flags: every row counts.
  auto all = roll_up(rows({{"a", Verdict::kEqual}, {"b", Verdict::kWorse}}));
  EXPECT_FALSE(all.compliant);
}

TEST(RequirementRollUp, Labels) {
  EXPECT_EQ(roll_up_name(RollUpKind::kAllBetter), "all_better");
  EXPECT_EQ(roll_up_name(RollUpKind::kPartlyBetter), "partly_better");
  EXPECT_EQ(roll_up_name(RollUpKind::kAllEqual), "all_equal");
  EXPECT_EQ(roll_up_name(RollUpKind::kNotMet), "not_met");
  EXPECT_EQ(roll_up_label_zh(RollUpKind::kAllBetter), "全部优于");
  EXPECT_EQ(roll_up_label_zh(RollUpKind::kPartlyBetter), "部分优于");
  EXPECT_EQ(roll_up_label_zh(RollUpKind::kAllEqual), "全部达到");
  EXPECT_EQ(roll_up_label_zh(RollUpKind::kNotMet), "未达到");
  for (RollUpKind k : {RollUpKind::kAllBetter, RollUpKind::kPartlyBetter, RollUpKind::kAllEqual,
                       RollUpKind::kNotMet, RollUpKind::kUndetermined}) {
    EXPECT_EQ(parse_roll_up_kind(roll_up_name(k)), k);
    EXPECT_EQ(parse_roll_up_kind(roll_up_label_zh(k)), k);
  }
  EXPECT_FALSE(parse_roll_up_kind("none").has_value());
}

}  // namespace
}  // namespace duibiao
