// Throughput of the requirement engine: parsing a realistic mix of requirement texts, comparing
// pre-parsed pairs, and judging measured values. Goals: ≥ 1 M parses/s and ≥ 10 M comparisons/s
// on one core (a plan import or a campaign-wide re-evaluation touches millions of rows).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "domain/requirement.h"

namespace {

// The mix seen in technical plans: mostly bounds with units, some ranges and tolerances, a few
// grades and qualitative rows, an occasional unparseable cell.
const std::vector<std::string>& mix() {
  static const std::vector<std::string> texts = {
      "≥95%",
      "≤0.5 mg/kg",
      "不小于 95 %",
      "不大于0.5",
      "０．３～０．５ mm",
      "50±2 mm",
      "(50±2)mm",
      "220 V±10%",
      "1级",
      "一级",
      "A级",
      "不得检出",
      "无",
      "符合 GB 4706.1 第19章",
      "≤55 dB(A)",
      "≥1500 r/min",
      "≤3 kW·h",
      "95%以上",
      "超过95",
      "不满0.5",
      "≥0.3且≤0.5",
      "≤5×10⁻³ mg/kg",
      "±2%",
      "50+2/-1",
      "≥10 g/m²",
      "≤-18℃",
      "≥2 MΩ",
      "—",
      "约95%",
      "≥1万次",
  };
  return texts;
}

void BM_ParseRequirementMix(benchmark::State& state) {
  const auto& texts = mix();
  size_t i = 0;
  for (auto _ : state) {
    auto r = duibiao::parse_requirement(texts[i]);
    benchmark::DoNotOptimize(r);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseRequirementMix);

void BM_ParseSimpleBound(benchmark::State& state) {
  for (auto _ : state) {
    auto r = duibiao::parse_requirement("≤0.5 mg/kg");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseSimpleBound);

struct Pair {
  duibiao::ParsedRequirement a, b;
};

std::vector<Pair> make_pairs() {
  // Pairs as a plan row holds them: domestic vs benchmark, mostly same-unit, some converted.
  static const char* kPairs[][2] = {
      {"≥95%", "≥96%"},
      {">95%", "≥95%"},
      {"≤0.5 mg/kg", "≤0.1%"},
      {"≤0.4", "≤0.5"},
      {"0.3～0.5", "0.35～0.45"},
      {"50±1 mm", "(50±2)mm"},
      {"≥950 g", "≥0.9 kg"},
      {"≤2 h", "≤120 min"},
      {"1级", "2级"},
      {"一级", "1级"},
      {"无", "不得检出"},
      {"≤55 dB(A)", "≤55 dB"},
      {"±1%", "±2%"},
      {"≥0.3", "0.3～0.5"},
      {"符合 GB 4706.1 第19章", "合格"},
      {"220 V±5%", "198～242 V"},
  };
  std::vector<Pair> out;
  for (const auto& p : kPairs)
    out.push_back({duibiao::parse_requirement(p[0]), duibiao::parse_requirement(p[1])});
  return out;
}

void BM_CompareParsedPairs(benchmark::State& state) {
  auto pairs = make_pairs();
  size_t i = 0;
  for (auto _ : state) {
    auto c = duibiao::compare_requirements(pairs[i].a, pairs[i].b);
    benchmark::DoNotOptimize(c);
    if (++i == pairs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompareParsedPairs);

void BM_JudgeRounded(benchmark::State& state) {
  auto r = duibiao::parse_requirement("≤0.5 mg/kg");
  const char* values[] = {"0.54", "0.55 mg/kg", "450 μg/kg", "0.45", "未检出"};
  size_t i = 0;
  for (auto _ : state) {
    auto j = duibiao::judge_value(r, values[i], duibiao::JudgeMethod::kRoundedValue, 0.1);
    benchmark::DoNotOptimize(j);
    if (++i == 5) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JudgeRounded);

}  // namespace
