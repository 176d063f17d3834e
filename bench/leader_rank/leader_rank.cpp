// 领跑者 ranking at national scale: 100,000 enterprise standards declared for one product, ranked
// per core indicator into tiers (domain/leader_evaluation). Goal (issue 10): < 1 s in-process.
//
// Prints, for the median of several runs: the full ranking (reading every declared text with the
// requirement engine, baseline floor, sort, tiers, overall levels) for one and for three core
// indicators, and as the reference a plain std::sort of the same 100,000 values as doubles, with
// the ratio ranking / reference. Run it with `scripts/bench-leader [N] [runs]` (under the bench lock).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "domain/leader_evaluation.h"

using namespace duibiao;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> eff(800, 999);    // 80.0 … 99.9 %
  std::uniform_int_distribution<int> noise(300, 650);  // 30.0 … 65.0 dB(A)
  std::uniform_int_distribution<int> power(1, 999);    // 0.001 … 0.999 W, some in mW
  std::vector<std::vector<std::string>> one(n), three(n);
  std::vector<double> plain(n);
  for (size_t i = 0; i < n; ++i) {
    int e = eff(rng);
    std::string ev = "≥" + std::to_string(e / 10) + "." + std::to_string(e % 10) + "%";
    plain[i] = e / 10.0;
    int s = noise(rng);
    std::string nv = "≤" + std::to_string(s / 10) + "." + std::to_string(s % 10) + " dB(A)";
    int p = power(rng);
    std::string pv = (i % 3 == 0) ? "≤" + std::to_string(p) + " mW"
                                  : "0." + std::string(p < 10 ? "00" : p < 100 ? "0" : "") +
                                        std::to_string(p);
    one[i] = {ev};
    three[i] = {ev, nv, pv};
  }
  std::vector<LeaderIndicatorDef> defs1 = {{"能效", "%", Direction::kHigherBetter, "≥80%"}};
  std::vector<LeaderIndicatorDef> defs3 = {
      {"能效", "%", Direction::kHigherBetter, "≥80%"},
      {"噪声", "dB(A)", Direction::kLowerBetter, "≤60 dB(A)"},
      {"待机功率", "W", Direction::kLowerBetter, "≤1 W"}};

  std::vector<double> t1, t3, tref, tparse;
  int leaders = 0, followers = 0, leaders3 = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    auto o1 = rank_declarations(defs1, one);
    t1.push_back(ms_since(t0));
    leaders = o1.leaders;
    followers = o1.followers;
    t0 = Clock::now();
    auto o3 = rank_declarations(defs3, three);
    t3.push_back(ms_since(t0));
    leaders3 = o3.leaders;
    t0 = Clock::now();
    size_t ok = 0;
    for (const auto& v : one) ok += read_rank_value(v[0], defs1[0]).ok;
    tparse.push_back(ms_since(t0));
    if (ok != n) std::printf("unexpected: %zu of %zu values read\n", ok, n);
    std::vector<double> copy = plain;
    t0 = Clock::now();
    std::sort(copy.begin(), copy.end(), std::greater<double>());
    tref.push_back(ms_since(t0));
  }
  double m1 = median(t1), m3 = median(t3), mref = median(tref), mparse = median(tparse);
  std::printf("leader_rank: %zu declarations, median of %d runs\n", n, runs);
  std::printf("  rank, 1 core indicator  : %8.1f ms  (%d 领跑者, %d 跟跑者)\n", m1, leaders,
              followers);
  std::printf("  rank, 3 core indicators : %8.1f ms  (%d 领跑者)\n", m3, leaders3);
  std::printf("  of which reading the %zu texts (requirement engine): %6.1f ms\n", n, mparse);
  std::printf("  reference std::sort of the same %zu doubles: %6.2f ms\n", n, mref);
  std::printf("  ratio rank(1) / reference sort: %.1fx; goal < 1000 ms: %s\n", m1 / mref,
              m1 < 1000 ? "met" : "NOT met");
  return 0;
}
