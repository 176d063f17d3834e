// libFuzzer target for what an enterprise's result is stored as and checked with: content JSON
// parsing never crashes and round-trips (writing what was read and reading it again gives the
// same text); evaluation against a fixed plan gives one row per indicator and only known
// verdicts; a content compared with itself has no changes; verification codes normalize to
// either nothing or ten characters of the code alphabet, idempotently.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/result_rules.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

std::vector<duibiao::PlanIndicator> plan() {
  std::vector<duibiao::PlanIndicator> rows(4);
  rows[0].name = "洗净比";
  rows[0].benchmark_requirement = "≥0.80";
  rows[0].core = true;
  rows[1].name = "噪声";
  rows[1].unit = "dB(A)";
  rows[1].benchmark_requirement = "≤65 dB(A)";
  rows[2].name = "等级";
  rows[2].benchmark_requirement = "1级";
  rows[3].name = "有害物质";
  rows[3].benchmark_requirement = "不得检出";
  return rows;
}

bool known_verdict(const std::string& v) {
  return v.empty() || v == "better" || v == "equal" || v == "worse" || v == "incomparable";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const auto kPlan = plan();
  if (auto content = duibiao::content_from_json(input)) {
    std::string once = duibiao::content_to_json(*content);
    auto again = duibiao::content_from_json(once);
    check(again.has_value());
    check(duibiao::content_to_json(*again) == once);
    auto ev = duibiao::evaluate_result(kPlan, *content);
    check(ev.rows.size() == kPlan.size());
    for (const auto& row : ev.rows) {
      check(known_verdict(row.verdict));
      check(row.measured_verdict.empty() || row.measured_verdict == "pass" ||
            row.measured_verdict == "fail" || row.measured_verdict == "undecided");
    }
    for (const auto& gap : ev.gaps) check(gap.index >= 0 && gap.index < 4);
    (void)duibiao::submission_gaps(kPlan, *content, ev);
    check(duibiao::content_changes(kPlan, *content, *content).empty());
  }
  std::string code = duibiao::normalize_verification_code(input);
  check(code.empty() || code.size() == 10);
  if (!code.empty()) check(duibiao::normalize_verification_code(code) == code);
  if (input.size() >= 10) check(duibiao::make_verification_code(input).size() == 10);
  return 0;
}
