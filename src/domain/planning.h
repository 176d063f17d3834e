#pragma once

// Planning indicators (规划主要指标, seed 004: 表1-1 “十三五”时期主要指标完成表 and 表2-1
// 质量强省、 标准强省、品牌强省“十四五”规划主要指标) and where each stands against the
// straight-line path from its baseline to its target. Pure code: no I/O, no SQL, no JSON.
//
// Decisions (the plan text does not spell them out):
// - The plan's cells are kept as written ("98以上", "-", "93.3"); numbers are read from them here.
//   "以上" / "以下" after a target make it a threshold (at least / at most); the number is the
//   target all the same.
// - An indicator named “…（新增）” counts what was added since the baseline year: its path runs
// from
//   0 at the baseline year to the target, and its baseline cell (what the previous period added,
//   or "-") is shown but is not the start of the path. Every other indicator (rates, “…（累计）”
//   stocks) runs from the baseline value to the target value.
// - Status at a year: reached (the target is met, in the indicator's direction), on_track (not
//   yet, but at or better than the path's value for that year), behind (worse than the path),
//   no_data (no actual), not_assessable (the path cannot be drawn: baseline or target missing or
//   not a number; a reason says which). An indicator without a usable baseline whose actual meets
//   the target is still reached.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

struct PlanningIndicator {
  long long id = 0;
  std::string region_code;
  std::string region_name;
  std::string region_path;
  std::string plan_name;  // 浙江省质量强省标准强省品牌强省建设“十四五”规划
  std::string table_no;   // 表1-1, 表2-1
  std::string table_title;  // “十三五”时期主要指标完成表
  int seq = 0;              // order within the table, 1-based
  std::string category;     // 质量建设, 标准建设, 品牌建设
  std::string name;
  std::string unit;     // %, 项, 家, 个, 万件 … ("" where the plan gives none)
  std::string measure;  // level, cumulative, increment (see measure_of_name)
  int baseline_year = 0;
  std::string baseline_text;  // as written: "81", "-", ""
  int target_year = 0;
  std::string target_text;           // as written: "150", "96以上"
  std::string direction = "higher";  // higher | lower is better
  std::string attribute;             // 预期性, 约束性 or "" (the seed's tables give none)
  long long created_at = 0;
};

struct PlanningActual {
  long long id = 0;
  long long indicator_id = 0;
  int year = 0;
  double value = 0;
  std::string note;
  long long entered_by = 0;  // 0: preloaded from the plan text
  std::string entered_by_name;
  long long entered_at = 0;
};

// A number read from a plan cell.
struct PlanValue {
  std::optional<double> value;
  std::string qualifier;  // "以上", "以下" or ""
  std::string reason;     // why there is no value ("" when there is one)
};

// "93.3" → 93.3; "96以上" → 96 at least; "1,500" → 1500; "-", "—", "" → none with a reason;
// anything else → none, the reason quoting the text.
PlanValue parse_plan_value(std::string_view text);

// increment for names ending in （新增） / (新增), cumulative for （累计）, level otherwise.
std::string measure_of_name(std::string_view name);

bool is_valid_direction(std::string_view d);  // higher, lower
bool is_valid_attribute(std::string_view a);  // 预期性, 约束性, ""
bool is_valid_measure(std::string_view m);    // level, cumulative, increment

// Shortest text that reads back as the same double, never scientific: 93.3, 2000, 87.13.
std::string format_plan_number(double v);
// The number with its unit as the tables write it: "93.3%", "150家", "87.13" (no unit).
std::string format_with_unit(double v, std::string_view unit);

struct PlanningPath {
  bool ok = false;
  std::string reason;  // why not, when !ok
  double start = 0;    // value at baseline_year (0 for increments)
  double target = 0;
  int start_year = 0;
  int target_year = 0;
  std::string qualifier;  // of the target
};

// The straight line of an indicator, when both ends are usable.
PlanningPath planning_path(const PlanningIndicator& ind);

// The value on the path at `year` (clamped to the path's years). Precondition: path.ok.
double expected_value(const PlanningPath& path, int year);

struct PlanningProgress {
  std::string status;       // reached, on_track, behind, no_data, not_assessable
  std::string reason;       // Chinese, for not_assessable (and the basis of every other status)
  std::optional<int> year;  // of the actual judged (the latest)
  std::optional<double> actual;
  std::optional<double> expected;  // on the path at `year`
  std::optional<double> target;
  std::optional<double> start;
  // Share of the way from start to target covered by the actual (may be < 0 or > 1), and the
  // share the path expects by `year`; both absent when the path cannot be drawn.
  std::optional<double> progress;
  std::optional<double> expected_progress;
};

// Chinese label of a status: 已达到目标, 符合进度, 落后于进度, 暂无数据, 无法评估.
std::string_view progress_status_label(std::string_view status);

// Judges the latest actual (by year) of `actuals` (any order; those of other indicators are
// ignored).
PlanningProgress assess_progress(const PlanningIndicator& ind,
                                 const std::vector<PlanningActual>& actuals);
// Judges one value at one year.
PlanningProgress assess_value(const PlanningIndicator& ind, int year, double value);

// Whether an actual may be entered for `year`: between the baseline year and the target year,
// inclusive. "" when fine, otherwise the message.
std::string check_actual_year(const PlanningIndicator& ind, int year);

inline constexpr size_t kMaxActualNoteChars = 500;

}  // namespace duibiao
