#include "domain/planning.h"

#include <algorithm>
#include <cmath>

#include "domain/text.h"
#include "domain/units.h"

namespace duibiao {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// a ≥ b (or ≤ for lower-is-better), tolerant of the last bits of binary floating point so that
// 0.1 + 0.2 still meets 0.3.
bool at_least_as_good(double a, double b, bool higher) {
  double eps = 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
  return higher ? a >= b - eps : a <= b + eps;
}

}  // namespace

PlanValue parse_plan_value(std::string_view text) {
  PlanValue out;
  std::string folded(text.size(), '\0');
  folded.resize(fold_width(text, folded.data()));
  std::string_view s = trim(folded);
  if (s.empty()) {
    out.reason = "规划未给出数值";
    return out;
  }
  if (s == "-" || s == "--" || s == "/" || s == "\xE2\x80\x94" /* — */) {
    out.reason = "规划中为“" + std::string(s) + "”，未给出数值";
    return out;
  }
  for (std::string_view q : {"及以上", "以上", "及以下", "以下"}) {
    if (ends_with(s, q)) {
      out.qualifier = q.substr(q.size() - 6) == "以上" ? "以上" : "以下";
      s = trim(s.substr(0, s.size() - q.size()));
      break;
    }
  }
  auto d = parse_decimal(s);
  if (!d) {
    out.qualifier.clear();
    out.reason = "“" + std::string(trim(folded)) + "”不是数值";
    return out;
  }
  out.value = d->to_double();
  return out;
}

std::string measure_of_name(std::string_view name) {
  std::string_view s = trim(name);
  if (ends_with(s, "（新增）") || ends_with(s, "(新增)")) return "increment";
  if (ends_with(s, "（累计）") || ends_with(s, "(累计)")) return "cumulative";
  return "level";
}

bool is_valid_direction(std::string_view d) {
  return d == "higher" || d == "lower";
}
bool is_valid_attribute(std::string_view a) {
  return a.empty() || a == "预期性" || a == "约束性";
}
bool is_valid_measure(std::string_view m) {
  return m == "level" || m == "cumulative" || m == "increment";
}

std::string format_plan_number(double v) {
  if (!std::isfinite(v)) return "";
  if (v == 0) return "0";  // also −0
  auto d = decimal_from_double(v);
  if (d) return d->to_string();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

std::string format_with_unit(double v, std::string_view unit) {
  return format_plan_number(v) + std::string(unit);
}

PlanningPath planning_path(const PlanningIndicator& ind) {
  PlanningPath p;
  p.start_year = ind.baseline_year;
  p.target_year = ind.target_year;
  PlanValue target = parse_plan_value(ind.target_text);
  if (!target.value) {
    p.reason = "目标值：" + target.reason;
    return p;
  }
  p.target = *target.value;
  p.qualifier = target.qualifier;
  if (ind.measure == "increment") {
    p.start = 0;  // counted from the baseline year on
  } else {
    PlanValue base = parse_plan_value(ind.baseline_text);
    if (!base.value) {
      p.reason = "基期值：" + base.reason + "，无法画出直线路径";
      return p;
    }
    p.start = *base.value;
  }
  if (ind.target_year <= ind.baseline_year) {
    p.reason = "目标年份应晚于基期年份";
    return p;
  }
  p.ok = true;
  return p;
}

double expected_value(const PlanningPath& path, int year) {
  int y = std::clamp(year, path.start_year, path.target_year);
  double share = static_cast<double>(y - path.start_year) / (path.target_year - path.start_year);
  return path.start + (path.target - path.start) * share;
}

std::string_view progress_status_label(std::string_view status) {
  if (status == "reached") return "已达到目标";
  if (status == "on_track") return "符合进度";
  if (status == "behind") return "落后于进度";
  if (status == "no_data") return "暂无数据";
  if (status == "not_assessable") return "无法评估";
  return "";
}

PlanningProgress assess_value(const PlanningIndicator& ind, int year, double value) {
  PlanningProgress out;
  out.year = year;
  out.actual = value;
  bool higher = ind.direction != "lower";
  PlanningPath path = planning_path(ind);
  PlanValue target = parse_plan_value(ind.target_text);
  if (target.value) out.target = *target.value;
  if (!path.ok) {
    // Without a path, meeting the target is still meeting it.
    if (target.value && at_least_as_good(value, *target.value, higher)) {
      out.status = "reached";
      out.reason = "实际值已达到目标值（" + path.reason + "）";
    } else {
      out.status = "not_assessable";
      out.reason = path.reason;
    }
    return out;
  }
  out.start = path.start;
  double expected = expected_value(path, year);
  out.expected = expected;
  double span = path.target - path.start;
  out.expected_progress =
      static_cast<double>(std::clamp(year, path.start_year, path.target_year) - path.start_year) /
      (path.target_year - path.start_year);
  if (std::fabs(span) > 1e-12)
    out.progress = (value - path.start) / span;
  else
    out.progress = at_least_as_good(value, path.target, higher) ? 1.0 : 0.0;
  std::string unit = ind.unit;
  if (at_least_as_good(value, path.target, higher)) {
    out.status = "reached";
    out.reason = std::to_string(year) + "年实际值 " + format_with_unit(value, unit) +
                 (higher ? " ≥ " : " ≤ ") + "目标值 " + format_with_unit(path.target, unit);
  } else if (at_least_as_good(value, expected, higher)) {
    out.status = "on_track";
    out.reason = std::to_string(year) + "年实际值 " + format_with_unit(value, unit) +
                 "，不差于直线路径上的 " + format_with_unit(expected, unit);
  } else {
    out.status = "behind";
    out.reason = std::to_string(year) + "年实际值 " + format_with_unit(value, unit) +
                 "，落后于直线路径上的 " + format_with_unit(expected, unit);
  }
  return out;
}

PlanningProgress assess_progress(const PlanningIndicator& ind,
                                 const std::vector<PlanningActual>& actuals) {
  const PlanningActual* latest = nullptr;
  for (const auto& a : actuals)
    if (a.indicator_id == ind.id && (!latest || a.year > latest->year)) latest = &a;
  if (latest) return assess_value(ind, latest->year, latest->value);
  PlanningProgress out;
  PlanningPath path = planning_path(ind);
  if (!path.ok) {
    out.status = "not_assessable";
    out.reason = path.reason;
    if (auto t = parse_plan_value(ind.target_text); t.value) out.target = *t.value;
    return out;
  }
  out.status = "no_data";
  out.reason = "尚未填报实际值";
  out.start = path.start;
  out.target = path.target;
  return out;
}

std::string check_actual_year(const PlanningIndicator& ind, int year) {
  if (year < ind.baseline_year || year > ind.target_year)
    return "年份应在 " + std::to_string(ind.baseline_year) + "–" + std::to_string(ind.target_year) +
           " 之间（基期至目标年）";
  return "";
}

}  // namespace duibiao
