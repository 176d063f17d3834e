#pragma once

// 企业标准“领跑者” evaluation (DOMAIN.md §9): the tiers (档) of the enterprise standards declared
// for one product, per core indicator, and the 领跑者 / 跟跑者 levels that follow from them.
//
// Pure code, no I/O. The tiering rule (a proposal: no public source fixes one; documented in
// docs/user-guide.md and shown on the page):
//   1. A declared value is read by the requirement engine with the indicator's unit as default.
//      A bare number is the value; a bound counts when it points the indicator's way (≥ for
//      higher-is-better, ≤ for lower-is-better; > and < count as the same number). Ranges,
//      tolerances, grades, text, a bound pointing the other way and a unit that cannot be
//      converted to the indicator's are "not comparable", listed apart with the reason.
//   2. Values worse than the national / industry baseline are listed apart ("below baseline"):
//      the lowest tier never falls below the baseline. A value equal to it is ranked.
//   3. When every ranked value is equal, the indicator is not ranked (no tiers at all).
//   4. Otherwise the n ranked values are ordered best first; a value's position is 1 + the
//      number of values strictly better (ties share a position, so there is no order inside a
//      tier). Its tier is the first k with position ≤ ceil(cut_k × n / 100), cuts being
//      cumulative percentages (default 5, 20, 50, 100 → 第1档 … 第4档).
//   5. A declaration's overall tier is its worst tier over the ranked indicators; it has none when
//      any core indicator value is missing, not comparable or below the baseline, or when no
//      indicator is ranked. 领跑者: overall tier ≤ leader_tiers (default 1); 跟跑者: overall
//      tier ≤ follower_tiers (default 2) and not a 领跑者.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.h"
#include "domain/units.h"

namespace duibiao {

enum class Direction { kHigherBetter, kLowerBetter };
std::string_view direction_name(Direction d);  // higher | lower
std::optional<Direction> parse_direction(std::string_view s);

struct TierRule {
  std::vector<int> cuts = {5, 20, 50, 100};  // cumulative percentages, ascending, last is 100
  int leader_tiers = 1;
  int follower_tiers = 2;
};
// Chinese reason when the rule is not usable, "" when it is.
std::string check_tier_rule(const TierRule& rule);
// "第1档：前5%；第2档：前20%；…；领跑者：第1档；跟跑者：第2档及以内"
std::string describe_tier_rule(const TierRule& rule);

struct LeaderIndicatorDef {
  std::string name;
  std::string unit;
  Direction direction = Direction::kHigherBetter;
  std::string baseline;  // the national / industry standard's value, as written ("≥95%", "95")
};

// One value read for ranking.
struct RankValue {
  bool ok = false;
  Decimal value;
  Unit unit;
  std::string reason;  // why not comparable (Chinese), when !ok
};

// A declared value (or the baseline) read for an indicator.
RankValue read_rank_value(std::string_view text, const LeaderIndicatorDef& indicator);
// The baseline: a bound of either direction or a bare number; "" is an error too.
RankValue read_baseline(const LeaderIndicatorDef& indicator);

enum class CellState {
  kTier,           // ranked into `tier`
  kUnranked,       // comparable and not below the baseline, but the indicator is not ranked
  kBelowBaseline,  // worse than the national / industry value
  kIncomparable,   // not comparable: `reason`
  kMissing,        // nothing declared
};
std::string_view cell_state_name(CellState s);  // tier | unranked | below_baseline | ...

struct RankCell {
  CellState state = CellState::kMissing;
  int tier = 0;      // 1-based when kTier
  int position = 0;  // 1 + values strictly better (kTier only)
  std::string reason;
};

enum class IndicatorRanking {
  kRanked,
  kAllEqual,     // every ranked value equal: no ranking published
  kNoValues,     // nothing comparable at or above the baseline
  kBadBaseline,  // the baseline cannot be read: nothing ranked
};
std::string_view indicator_ranking_name(IndicatorRanking r);

struct IndicatorOutcome {
  IndicatorRanking status = IndicatorRanking::kNoValues;
  std::string reason;
  int ranked = 0;                // values placed in tiers
  std::vector<int> tier_counts;  // per tier
};

enum class Level { kNone, kLeader, kFollower };
std::string_view level_name(Level l);      // none | leader | follower
std::string_view level_label_zh(Level l);  // — | 领跑者 | 跟跑者

struct DeclarationOutcome {
  int overall_tier = 0;  // 0: none
  Level level = Level::kNone;
  std::string reason;  // why no overall tier
};

struct RankingOutcome {
  std::vector<IndicatorOutcome> indicators;
  std::vector<std::vector<RankCell>> cells;  // [declaration][indicator]
  std::vector<DeclarationOutcome> declarations;
  bool any_ranked = false;
  int leaders = 0;
  int followers = 0;
};

// values[d][i]: declaration d's text for indicator i ("" = missing; short rows are padded).
RankingOutcome rank_declarations(const std::vector<LeaderIndicatorDef>& indicators,
                                 const std::vector<std::vector<std::string>>& values,
                                 const TierRule& rule = {});

// Tiers of one indicator from values already read (the core of rank_declarations, exposed for
// the benchmark and tests). cells must have values.size() entries.
IndicatorOutcome rank_indicator(const std::vector<RankValue>& values, const RankValue& baseline,
                                Direction direction, const TierRule& rule,
                                std::vector<RankCell>& cells);

}  // namespace duibiao

namespace duibiao {

// ---------------------------------------------------------------------------------------------
// The aggregate (stored by store/leader_store, used by service/leader_service)

struct LeaderIndicator {
  std::string name;
  std::string unit;
  std::string direction = "higher";  // higher | lower
  std::string baseline;              // national / industry standard value ("≥95%")
  std::string baseline_source;       // the standard it comes from ("GB 12021.2-2015")
  std::string notes;
};

// An evaluation plan (领跑者评价方案) drafted by a technical body.
struct LeaderPlan {
  long long id = 0;
  std::string plan_number;  // LPPJ-<year>-<region>-<seq>, on publication
  std::string status;       // draft | notice | published | withdrawn
  std::string product;
  std::string industry_code;
  long long author_id = 0;
  std::string evaluator;         // the evaluation body
  std::string joint_evaluators;  // 联合评估机构, one per line
  std::string basis_standard;    // the standard the evaluation rests on
  std::string region_code;
  std::string summary;
  TierRule rule;
  std::string notice_start, notice_end;
  std::string last_reason;
  int version = 1;
  long long published_at = 0, created_at = 0, updated_at = 0;
  std::vector<LeaderIndicator> indicators;
};

// One evaluation round of a published plan; a new round keeps the old list readable.
struct LeaderRound {
  long long id = 0;
  long long plan_id = 0;
  int round_no = 1;
  std::string title;
  std::string status;  // declaring | shortlisted | notice | published
  std::string notice_start, notice_end;
  std::string ranking;  // JSON of the ranking frozen on shortlisting
  int version = 1;
  long long published_at = 0, created_at = 0, updated_at = 0;
};

// An enterprise standard declared for a round's product, with its indicator values.
struct LeaderDeclaration {
  long long id = 0;
  long long round_id = 0;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string region_path;
  std::string region_code;
  std::string product_name;
  std::string standard_number;
  std::string result_code;          // the published result it rests on, if any
  std::vector<std::string> values;  // aligned with the plan's indicators
  // declared | shortlisted | not_shortlisted | committed | listed | dropped
  std::string status = "declared";
  std::string level;  // leader | follower (on shortlisting)
  int overall_tier = 0;
  std::string tiers;  // JSON array of cells, frozen on shortlisting
  std::string reason;
  std::string commitment_hash, commitment_name;
  long long commitment_at = 0;
  int version = 1;
  long long created_at = 0, updated_at = 0;
};

using LeaderObjection = Objection;

}  // namespace duibiao
