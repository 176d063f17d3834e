// Standard-number parsing throughput on the mix an enterprise declaration import sees: mostly
// national and industry numbers, a fair share typed with em dashes, full-width characters or
// lower case, some international / foreign ones, and a few entries that are not numbers at all.
#include <benchmark/benchmark.h>

#include <string_view>
#include <vector>

#include "domain/standard_number.h"

namespace {

const std::vector<std::string_view>& realistic_mix() {
  static const std::vector<std::string_view> mix = {
      // national, as typed and as copied from official texts
      "GB/T 19001-2016",
      "GB/T 19001—2016",
      "GB 4706.1-2005",
      "GB 4943.1-2022",
      "GB/T 2828.1—2012",
      "gb/t 1234-2019",
      "ＧＢ／Ｔ　１９００１－２０１６",
      "GB/T19001-2016",
      "GB 2760-2014",
      "GB/T 1.1—2020",
      // IDT double numbers
      "GB/T 19001—2016/ISO 9001:2015",
      "GB 4706.1-2005/IEC 60335-1:2004+A1:2004",
      // industry, local, group, enterprise
      "QB/T 1333-2018",
      "JB/T 10391—2008",
      "YY/T 0287-2017/ISO 13485:2016",
      "HG/T 20592-2009",
      "DB33/T 1234-2020",
      "DB3302/T 1-2021",
      "T/ZZB 0001—2018",
      "T/CAS 123-2020",
      "Q/NBXX 001-2020",
      "Q/320582 AAB 01-2019",
      // international and foreign
      "ISO 9001:2015",
      "IEC 60335-1:2020+A1:2023",
      "EN 60335-2-9:2003+A13:2010",
      "BS EN 60335-1:2012+A11:2014",
      "DIN EN ISO 9001:2015-11",
      "ASTM D638-14",
      "JIS C 9335-1:2014",
      "ITU-T Y.2060 (06/2012)",
      "ANSI Z87.1-2020",
      "UL 94",
      // not standard numbers
      "hello",
      "12345",
      "GB/T",
      "GB/T 19001-2016 质量管理体系 要求",
  };
  return mix;
}

void BM_ParseStandardNumberMix(benchmark::State& state) {
  const auto& mix = realistic_mix();
  size_t i = 0;
  for (auto _ : state) {
    auto r = duibiao::parse_standard_number(mix[i]);
    benchmark::DoNotOptimize(r);
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseStandardNumberMix);

void BM_ParseStandardNumberSimple(benchmark::State& state) {
  for (auto _ : state) {
    auto r = duibiao::parse_standard_number("GB/T 19001-2016");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseStandardNumberSimple);

void BM_SameStandard(benchmark::State& state) {
  auto a = duibiao::parse_standard_number("GB/T 19001—2016/ISO 9001:2015").value;
  auto b = duibiao::parse_standard_number("GB/T 19001-2008").value;
  for (auto _ : state) benchmark::DoNotOptimize(duibiao::same_standard(a, b, true));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_SameStandard);

}  // namespace
