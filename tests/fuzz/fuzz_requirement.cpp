// libFuzzer target for the requirement engine: parsing never crashes, every result is internally
// consistent, and comparison is a partial order on the sets of allowed values (compare(a,a) is
// equal or incomparable; better one way is worse the other way; equal and incomparable are
// symmetric). The input is split at the first NUL or '|' into two requirement texts; the second
// also serves as a measured value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/requirement.h"
#include "domain/units.h"

namespace {

using duibiao::CompareResult;
using duibiao::ParsedRequirement;
using duibiao::RequirementKind;
using duibiao::Verdict;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_parsed(const ParsedRequirement& r) {
  check(!r.reason.empty());
  check(!duibiao::describe_requirement(r).empty());
  switch (r.kind) {
    case RequirementKind::kUnparsed:
      check(!r.lower && !r.upper);
      break;
    case RequirementKind::kLowerBound:
      check(r.lower && !r.upper);
      break;
    case RequirementKind::kUpperBound:
      check(!r.lower && r.upper);
      break;
    case RequirementKind::kRange:
    case RequirementKind::kNominal:
    case RequirementKind::kTolerance: {
      check(r.lower && r.upper);
      int c = duibiao::compare_decimal(r.lower->value, r.upper->value);
      check(c < 0 || (c == 0 && r.lower->inclusive && r.upper->inclusive));
      if (r.kind == RequirementKind::kNominal) check(r.nominal.has_value());
      break;
    }
    case RequirementKind::kGrade:
      check(r.grade.level >= 0 && r.grade.level < 100);
      break;
    case RequirementKind::kQualitative:
    case RequirementKind::kNoRequirement:
      check(!r.lower && !r.upper);
      break;
  }
}

void check_pair(const ParsedRequirement& a, const ParsedRequirement& b) {
  CompareResult ab = duibiao::compare_requirements(a, b);
  CompareResult ba = duibiao::compare_requirements(b, a);
  check(!ab.reason.empty() && !ba.reason.empty());
  if (ab.verdict == Verdict::kBetter) check(ba.verdict == Verdict::kWorse);
  if (ba.verdict == Verdict::kBetter) check(ab.verdict == Verdict::kWorse);
  if (ab.verdict == Verdict::kEqual) check(ba.verdict == Verdict::kEqual);
  if (ab.verdict == Verdict::kIncomparable) check(ba.verdict == Verdict::kIncomparable);
  Verdict self = duibiao::compare_requirements(a, a).verdict;
  check(self == Verdict::kEqual || self == Verdict::kIncomparable);
  if (a.ok() && a.kind != RequirementKind::kQualitative) check(self == Verdict::kEqual);
}

void check_judge(const ParsedRequirement& r, std::string_view measured) {
  for (auto method : {duibiao::JudgeMethod::kFullValue, duibiao::JudgeMethod::kRoundedValue}) {
    for (std::optional<double> interval :
         {std::optional<double>{}, std::optional<double>{0.1}, std::optional<double>{0.5}}) {
      auto j = duibiao::judge_value(r, measured, method, interval);
      check(!j.reason.empty());
      if (!j.decided) check(!j.pass);
    }
  }
}

// Rounding moves a value by at most half an interval, and lands on a multiple of it.
void check_rounding(std::string_view text) {
  auto x = duibiao::parse_decimal(text);
  if (!x) return;
  for (auto interval : {duibiao::Decimal{1, -1}, duibiao::Decimal{5, -1}, duibiao::Decimal{2, 0}}) {
    auto r = duibiao::round_half_even(*x, interval);
    if (!r) continue;
    check(r->exponent == interval.exponent && r->mantissa % interval.mantissa == 0);
    auto diff = duibiao::subtract_decimal(*x, *r);
    if (!diff) continue;
    duibiao::Decimal mag{diff->mantissa < 0 ? -diff->mantissa : diff->mantissa, diff->exponent};
    auto twice = duibiao::multiply_decimal(mag, duibiao::Decimal{2, 0});
    if (twice) check(duibiao::compare_decimal(*twice, interval) <= 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t cut = input.find_first_of(std::string_view("\0|", 2));
  std::string_view first = input.substr(0, cut);
  std::string_view second =
      cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);

  duibiao::ParseOptions plain;
  duibiao::ParseOptions with_unit;
  with_unit.default_unit = "%";
  with_unit.bare_number = duibiao::BareNumber::kLowerBound;
  with_unit.numeric_grades = duibiao::GradeOrder::kLastIsBest;

  for (const auto* options : {&plain, &with_unit}) {
    ParsedRequirement a = duibiao::parse_requirement(first, *options);
    ParsedRequirement b = duibiao::parse_requirement(second, *options);
    check(a.original == first && b.original == second);
    check_parsed(a);
    check_parsed(b);
    check_pair(a, b);
    check_judge(a, second);
  }
  // Whole input, unsplit, as one requirement (exercises '|' and NUL inside the text).
  ParsedRequirement whole = duibiao::parse_requirement(input);
  check_parsed(whole);
  check_rounding(first);

  duibiao::Unit ua = duibiao::parse_unit(first), ub = duibiao::parse_unit(second);
  check(duibiao::relate_units(ua, ub) == duibiao::relate_units(ub, ua));
  if (duibiao::units_comparable(ua, ub)) {
    duibiao::Decimal one{1, 0};
    int c1 = duibiao::compare_quantity(one, ua, one, ub);
    int c2 = duibiao::compare_quantity(one, ub, one, ua);
    check(c1 == -c2);
  }
  return 0;
}
