#pragma once

// The requirement engine (DOMAIN.md §7): requirement text as typed in standards → a constraint;
// constraint vs constraint → 优于 / 达到 / 低于 / 不可比; measured value vs constraint → pass/fail
// by GB/T 8170-2008; indicator verdicts → the roll-up of one result.
//
// Pure code, no I/O. Like units.h it must not include <expected> or domain/error.h: the
// libFuzzer target is built with clang 14, which cannot use std::expected with libstdc++ 12.
// Results are plain structs with a Chinese reason instead.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/units.h"

namespace duibiao {

enum class RequirementKind {
  kUnparsed,     // not understood: reason says why; never guessed
  kLowerBound,   // ≥95%, >95, 不低于95%, 95%以上, 超过95
  kUpperBound,   // ≤0.5 mg/kg, <0.5, 不超过0.5, 0.5以下, 不满0.5
  kRange,        // 0.3～0.5, 0.3 mm至0.5 mm, ≥0.3且≤0.5, 0.3<x≤0.5
  kNominal,      // 50±2, (50±2)mm, 220 V±10%, 50+2/-1: bounds computed from the tolerance
  kTolerance,    // ±2%, +2/-1 mm: a tolerance relative to a nominal that is not given
  kGrade,        // 1级, 一级, Ⅰ级, I级, A级, 优等品
  kQualitative,  // 无, 不得检出, 不允许, 应无裂纹, 符合 GB 4706.1 第19章, 合格
  kNoRequirement,  // "—", "/", 无要求, 不作要求: the standard sets nothing, everything is allowed
};
std::string_view requirement_kind_name(RequirementKind k);      // "lower_bound"
std::string_view requirement_kind_label_zh(RequirementKind k);  // "下限"

struct Bound {
  Decimal value;
  bool inclusive = true;  // ≥ / ≤ (closed) or > / < (open)
};

enum class GradeScale {
  kNumeric,       // 1级 = 一级 = Ⅰ级 = I级 (one scale whatever the numerals)
  kLetter,        // A级, B级 …
  kQualityClass,  // 优等品 > 一等品 > 合格品 (GB/T 1.1 product classes)
};
enum class GradeOrder {
  kFirstIsBest,  // 1级 / A级 best: energy-efficiency style, the default
  kLastIsBest,   // 5级 best: colour fastness style, what "≥4级" says
};

struct Grade {
  GradeScale scale = GradeScale::kNumeric;
  double level = 0;  // 1, 2 …; A = 1; half steps from "4-5级" are 4.5
  GradeOrder order = GradeOrder::kFirstIsBest;
  bool order_explicit = false;  // from ≥ / ≤ in the text rather than from ParseOptions
};

enum class QualitativeTerm {
  kAbsent,  // 无, 不得检出, 未检出, 不允许, 不得有 …: subject = what must be absent (may be empty)
  kPresent,   // 应有, 具有: subject = what must be present
  kConforms,  // 符合 / 满足 / 按 … 规定: subject = the referenced text (GB 4706.1 第19章)
  kPass,      // 合格, 通过, 符合要求
};

// What to do with a bare number ("95"), common in tables whose column header says ≥ or ≤.
enum class BareNumber { kUnparsed, kLowerBound, kUpperBound, kExact };

struct ParseOptions {
  GradeOrder numeric_grades = GradeOrder::kFirstIsBest;
  GradeOrder letter_grades = GradeOrder::kFirstIsBest;
  // The indicator row's unit column: used when the text itself carries no unit.
  std::string_view default_unit;
  BareNumber bare_number = BareNumber::kUnparsed;
};

// Texts longer than this are not requirements; they are refused (kUnparsed) without scanning.
inline constexpr size_t kMaxRequirementBytes = 1024;

struct ParsedRequirement {
  RequirementKind kind = RequirementKind::kUnparsed;
  std::string original;  // as given
  // Static Chinese text: the rule applied ("“以上”包含本数") or, for kUnparsed, why it failed.
  std::string_view reason;

  // kLowerBound, kUpperBound, kRange, kNominal (computed), kTolerance (−minus … +plus).
  std::optional<Bound> lower;
  std::optional<Bound> upper;
  Unit unit;  // of the bounds / nominal; for kTolerance the tolerance's own unit

  // kNominal / kTolerance: signed deviations in tolerance_unit (50+2/-1 → +2, −1; ±2 → +2, −2;
  // a shaft's 50-0.1/-0.3 → −0.1, −0.3).
  std::optional<Decimal> nominal;
  Decimal upper_deviation;
  Decimal lower_deviation;
  Unit tolerance_unit;
  bool relative_tolerance = false;  // 220 V±10%: the deviations are a fraction of the nominal

  // kGrade
  Grade grade;

  // kQualitative
  QualitativeTerm term = QualitativeTerm::kAbsent;
  std::string subject;

  bool ok() const { return kind != RequirementKind::kUnparsed; }
};

ParsedRequirement parse_requirement(std::string_view text, const ParseOptions& options = {});

// Chinese one-line description: "下限：≥95 %", "范围：0.3～0.5 mm（含两端）",
// "等级：1级（1级最优）".
std::string describe_requirement(const ParsedRequirement& r);

// ---------------------------------------------------------------------------------------------
// Requirement vs requirement

enum class Verdict { kBetter, kEqual, kWorse, kIncomparable };
std::string_view verdict_name(Verdict v);      // better | equal | worse | incomparable
std::string_view verdict_label_zh(Verdict v);  // 优于 | 达到 | 低于 | 不可比
// Accepts either form.
std::optional<Verdict> parse_verdict(std::string_view s);

struct CompareResult {
  Verdict verdict = Verdict::kIncomparable;
  std::string_view reason;  // static Chinese text
};

// a = the requirement judged (enterprise / domestic standard), b = the benchmark. Constraints are
// sets of allowed values: better = a ⊂ b (stricter), equal = same set, worse = a allows something
// b forbids, incomparable = no common scale (units, kinds, unparsed text, tolerance without a
// nominal, different references) — then a person decides. Allocation-free.
CompareResult compare_requirements(const ParsedRequirement& a, const ParsedRequirement& b);

// ---------------------------------------------------------------------------------------------
// Measured value vs requirement (GB/T 8170-2008 §4)

enum class JudgeMethod {
  kFullValue,     // 全数值比较法: the value as reported against the limit (the default)
  kRoundedValue,  // 修约值比较法: round half-even to the interval first, then compare
};

struct JudgeResult {
  bool pass = false;
  bool decided = false;        // false: cannot be judged automatically (reason says why)
  std::string reason;          // Chinese
  std::string compared_value;  // the value actually compared, in the requirement's unit
};

// measured: "0.54", "0.54 mg/kg", "９５．２％", "未检出", "ND", "<0.01", "1级", "合格".
// rounding_interval is in the requirement's unit (0.1, 0.5, 0.2 …); when absent in kRoundedValue
// the limit's own last written digit is used (≤0.50 → 0.01), as GB/T 8170 §4.3.3 prescribes.
JudgeResult judge_value(const ParsedRequirement& r, std::string_view measured,
                        JudgeMethod method = JudgeMethod::kFullValue,
                        std::optional<double> rounding_interval = std::nullopt);

// ---------------------------------------------------------------------------------------------
// Roll-up of one result (DOMAIN.md §7, campaign statistics)

struct IndicatorVerdict {
  std::string name;
  Verdict verdict = Verdict::kIncomparable;
  bool core = false;  // 核心/关键指标
};

enum class RollUpKind {
  kAllBetter,     // 全部优于
  kPartlyBetter,  // 部分优于: some better, the rest equal, none worse
  kAllEqual,      // 全部达到
  kNotMet,        // 未达到: at least one worse
  kUndetermined,  // 待人工判定: no comparable indicator at all
};
// all_better | partly_better | all_equal | not_met | undetermined
std::string_view roll_up_name(RollUpKind k);
// 全部优于 | 部分优于 | 全部达到 | 未达到 | 待人工判定
std::string_view roll_up_label_zh(RollUpKind k);
std::optional<RollUpKind> parse_roll_up_kind(std::string_view s);

struct RollUp {
  RollUpKind kind = RollUpKind::kUndetermined;
  // 达标: no core indicator worse than the benchmark. When no row is flagged core, every row
  // counts as core (a plan without flags has not singled any out).
  bool compliant = false;
  // Some rows are incomparable: kind and compliant hold for the comparable rows only until a
  // person decides those.
  bool provisional = false;
  int better = 0, equal = 0, worse = 0, incomparable = 0;
  std::vector<std::string> gaps;          // names of the worse rows (差距), in input order
  std::vector<std::string> needs_review;  // names of the incomparable rows
  std::string summary;                    // Chinese sentence
};

RollUp roll_up(const std::vector<IndicatorVerdict>& rows);

}  // namespace duibiao
