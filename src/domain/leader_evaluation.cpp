#include "domain/leader_evaluation.h"

#include <algorithm>
#include <numeric>

#include "domain/requirement.h"

namespace duibiao {

std::string_view direction_name(Direction d) {
  return d == Direction::kHigherBetter ? "higher" : "lower";
}

std::optional<Direction> parse_direction(std::string_view s) {
  if (s == "higher") return Direction::kHigherBetter;
  if (s == "lower") return Direction::kLowerBetter;
  return std::nullopt;
}

std::string check_tier_rule(const TierRule& rule) {
  if (rule.cuts.empty() || rule.cuts.size() > 10) return "分档应有1至10档";
  int prev = 0;
  for (int c : rule.cuts) {
    if (c <= prev || c > 100) return "各档累计百分比应严格递增，且在1至100之间";
    prev = c;
  }
  if (rule.cuts.back() != 100) return "最后一档的累计百分比应为100";
  int n = static_cast<int>(rule.cuts.size());
  if (rule.leader_tiers < 1 || rule.leader_tiers > n) return "领跑者档数应在1至分档数之间";
  if (rule.follower_tiers < rule.leader_tiers || rule.follower_tiers > n)
    return "跟跑者档数应不小于领跑者档数，且不超过分档数";
  return "";
}

std::string describe_tier_rule(const TierRule& rule) {
  std::string s;
  for (size_t i = 0; i < rule.cuts.size(); ++i) {
    if (i) s += "；";
    s += "第" + std::to_string(i + 1) + "档：前" + std::to_string(rule.cuts[i]) + "%";
  }
  s += "；领跑者：第" + std::to_string(rule.leader_tiers) + "档及以内";
  if (rule.follower_tiers > rule.leader_tiers)
    s += "；跟跑者：第" + std::to_string(rule.follower_tiers) + "档及以内";
  return s;
}

namespace {
RankValue bad(std::string reason) {
  RankValue v;
  v.reason = std::move(reason);
  return v;
}

RankValue read_value(std::string_view text, const LeaderIndicatorDef& ind, bool baseline) {
  if (text.empty()) return bad(baseline ? "未填写基准值" : "未填写");
  ParseOptions options;
  options.default_unit = ind.unit;
  options.bare_number = BareNumber::kExact;
  ParsedRequirement r = parse_requirement(text, options);
  RankValue v;
  v.unit = r.unit;
  bool higher = ind.direction == Direction::kHigherBetter;
  switch (r.kind) {
    case RequirementKind::kUnparsed:
      return bad("无法解析：" + std::string(r.reason));
    case RequirementKind::kLowerBound:
      if (!baseline && !higher) return bad("“越小越好”的指标不能以下限（≥）排序");
      v.value = r.lower->value;
      break;
    case RequirementKind::kUpperBound:
      if (!baseline && higher) return bad("“越大越好”的指标不能以上限（≤）排序");
      v.value = r.upper->value;
      break;
    case RequirementKind::kNominal:
      if (!r.nominal || !r.upper_deviation.is_zero() || !r.lower_deviation.is_zero())
        return bad("带公差的标称值是范围，不能排序");
      v.value = *r.nominal;
      break;
    case RequirementKind::kRange:
      return bad("范围值不能排序");
    case RequirementKind::kTolerance:
      return bad("公差不是指标值，不能排序");
    case RequirementKind::kGrade:
      return bad("等级值不参与数值排序");
    case RequirementKind::kQualitative:
      return bad("文字要求不能排序");
    case RequirementKind::kNoRequirement:
      return bad("未规定要求，不能排序");
  }
  Unit ref = parse_unit(ind.unit);
  if (!ref.is_none() && !v.unit.is_none() && !units_comparable(v.unit, ref))
    return bad("单位“" + v.unit.symbol + "”不能换算为指标单位“" + ref.symbol + "”");
  v.ok = true;
  return v;
}

// A value ready for sorting: converted to the reference unit when the conversion is exact.
struct Key {
  Decimal d;
  bool converted = false;
  size_t index = 0;
};

// −1 when a is better than b, 1 when worse, 0 when equal.
int better(const RankValue& a, const RankValue& b, Direction dir) {
  int c = compare_quantity(a.value, a.unit, b.value, b.unit);
  return dir == Direction::kHigherBetter ? -c : c;
}
}  // namespace

RankValue read_rank_value(std::string_view text, const LeaderIndicatorDef& indicator) {
  return read_value(text, indicator, false);
}

RankValue read_baseline(const LeaderIndicatorDef& indicator) {
  return read_value(indicator.baseline, indicator, true);
}

std::string_view cell_state_name(CellState s) {
  switch (s) {
    case CellState::kTier:
      return "tier";
    case CellState::kUnranked:
      return "unranked";
    case CellState::kBelowBaseline:
      return "below_baseline";
    case CellState::kIncomparable:
      return "incomparable";
    case CellState::kMissing:
      return "missing";
  }
  return "missing";
}

std::string_view indicator_ranking_name(IndicatorRanking r) {
  switch (r) {
    case IndicatorRanking::kRanked:
      return "ranked";
    case IndicatorRanking::kAllEqual:
      return "all_equal";
    case IndicatorRanking::kNoValues:
      return "no_values";
    case IndicatorRanking::kBadBaseline:
      return "bad_baseline";
  }
  return "no_values";
}

std::string_view level_name(Level l) {
  return l == Level::kLeader ? "leader" : l == Level::kFollower ? "follower" : "none";
}
std::string_view level_label_zh(Level l) {
  return l == Level::kLeader ? "领跑者" : l == Level::kFollower ? "跟跑者" : "—";
}

IndicatorOutcome rank_indicator(const std::vector<RankValue>& values, const RankValue& baseline,
                                Direction direction, const TierRule& rule,
                                std::vector<RankCell>& cells) {
  IndicatorOutcome out;
  out.tier_counts.assign(rule.cuts.size(), 0);
  if (!baseline.ok) {
    out.status = IndicatorRanking::kBadBaseline;
    out.reason = "基准值" + baseline.reason;
    for (size_t i = 0; i < values.size(); ++i) {
      cells[i].state = values[i].ok ? CellState::kUnranked : CellState::kIncomparable;
      cells[i].reason = values[i].ok ? out.reason : values[i].reason;
    }
    return out;
  }
  const Unit& ref = baseline.unit;
  std::vector<Key> keys;
  keys.reserve(values.size());
  bool all_converted = true;
  for (size_t i = 0; i < values.size(); ++i) {
    const RankValue& v = values[i];
    RankCell& cell = cells[i];
    if (!v.ok) {
      cell.state = v.reason == "未填写" ? CellState::kMissing : CellState::kIncomparable;
      cell.reason = v.reason;
      continue;
    }
    if (!units_comparable(v.unit, ref)) {
      cell.state = CellState::kIncomparable;
      cell.reason = "单位“" + v.unit.symbol + "”与基准值单位“" + ref.symbol + "”不能换算";
      continue;
    }
    if (better(v, baseline, direction) > 0) {
      cell.state = CellState::kBelowBaseline;
      cell.reason = "低于国家/行业标准基准值 " + baseline.value.to_string() + ref.symbol;
      continue;
    }
    Key k;
    k.index = i;
    if (v.unit.symbol == ref.symbol) {
      k.d = v.value;
      k.converted = true;
    } else if (auto c = convert_quantity(v.value, v.unit, ref)) {
      k.d = *c;
      k.converted = true;
    } else {
      all_converted = false;
    }
    keys.push_back(k);
  }
  size_t n = keys.size();
  out.ranked = 0;
  if (n == 0) {
    out.status = IndicatorRanking::kNoValues;
    out.reason = "没有可排序且达到基准值的指标值";
    return out;
  }
  bool higher = direction == Direction::kHigherBetter;
  auto cmp = [&](const Key& a, const Key& b) -> int {  // −1: a better
    int c;
    if (all_converted || (a.converted && b.converted))
      c = compare_decimal(a.d, b.d);
    else
      c = compare_quantity(values[a.index].value, values[a.index].unit, values[b.index].value,
                           values[b.index].unit);
    return higher ? -c : c;
  };
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return cmp(a, b) < 0; });
  if (cmp(keys.front(), keys.back()) == 0) {
    out.status = IndicatorRanking::kAllEqual;
    out.reason = "所有指标值相同，不分档、不排名";
    for (const auto& k : keys) {
      cells[k.index].state = CellState::kUnranked;
      cells[k.index].reason = out.reason;
    }
    return out;
  }
  std::vector<long long> limits;  // ceil(cut × n / 100)
  for (int c : rule.cuts) limits.push_back((static_cast<long long>(c) * n + 99) / 100);
  size_t tier = 0;
  long long position = 1;
  for (size_t j = 0; j < n; ++j) {
    if (j > 0 && cmp(keys[j - 1], keys[j]) != 0) position = static_cast<long long>(j) + 1;
    while (tier + 1 < limits.size() && position > limits[tier]) ++tier;
    RankCell& cell = cells[keys[j].index];
    cell.state = CellState::kTier;
    cell.tier = static_cast<int>(tier) + 1;
    cell.position = static_cast<int>(position);
    ++out.tier_counts[tier];
  }
  out.ranked = static_cast<int>(n);
  out.status = IndicatorRanking::kRanked;
  return out;
}

RankingOutcome rank_declarations(const std::vector<LeaderIndicatorDef>& indicators,
                                 const std::vector<std::vector<std::string>>& values,
                                 const TierRule& rule) {
  RankingOutcome out;
  size_t nd = values.size(), ni = indicators.size();
  out.cells.assign(nd, std::vector<RankCell>(ni));
  out.declarations.assign(nd, {});
  std::vector<RankValue> column(nd);
  std::vector<RankCell> cells(nd);
  for (size_t i = 0; i < ni; ++i) {
    for (size_t d = 0; d < nd; ++d) {
      std::string_view text = i < values[d].size() ? std::string_view(values[d][i]) : "";
      column[d] = read_rank_value(text, indicators[i]);
      cells[d] = RankCell{};
    }
    out.indicators.push_back(
        rank_indicator(column, read_baseline(indicators[i]), indicators[i].direction, rule, cells));
    if (out.indicators.back().status == IndicatorRanking::kRanked) out.any_ranked = true;
    for (size_t d = 0; d < nd; ++d) out.cells[d][i] = std::move(cells[d]);
  }
  for (size_t d = 0; d < nd; ++d) {
    DeclarationOutcome& o = out.declarations[d];
    int worst = 0;
    for (size_t i = 0; i < ni && o.reason.empty(); ++i) {
      const RankCell& c = out.cells[d][i];
      switch (c.state) {
        case CellState::kTier:
          worst = std::max(worst, c.tier);
          break;
        case CellState::kUnranked:
          break;
        case CellState::kBelowBaseline:
          o.reason = indicators[i].name + "：" + c.reason;
          break;
        case CellState::kIncomparable:
          o.reason = indicators[i].name + "：不可比（" + c.reason + "）";
          break;
        case CellState::kMissing:
          o.reason = indicators[i].name + "：未填写";
          break;
      }
    }
    if (!o.reason.empty()) continue;
    if (!out.any_ranked || worst == 0) {
      o.reason = "没有分档的指标（指标值全部相同或无可比值）";
      continue;
    }
    o.overall_tier = worst;
    if (worst <= rule.leader_tiers) {
      o.level = Level::kLeader;
      ++out.leaders;
    } else if (worst <= rule.follower_tiers) {
      o.level = Level::kFollower;
      ++out.followers;
    }
  }
  return out;
}

}  // namespace duibiao
