#pragma once

// The 附件3 half-year progress report (对标达标提升专项行动进展情况报表, Ningbo seed): periods, due
// dates by level (county → city by Jan 5 / Jul 5, city → province by Jan 10 / Jul 10), the rows
// of the form, the figures computed from the data and how children's reports add up. Pure.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// "2026-H1" (January–June) or "2026-H2" (the whole year, reported in January of the next).
struct ReportPeriod {
  int year = 0;
  int half = 1;
  std::string key() const;    // 2026-H1
  std::string label() const;  // 2026年上半年 / 2026年全年
  std::string end_date() const;
};
std::optional<ReportPeriod> parse_report_period(std::string_view s);
// The period whose report is due next on `today` (YYYY-MM-DD): before July: last year's H2 until
// its due day has passed in January, then this year's H1; from July: H1 until its due day, then H2.
ReportPeriod current_report_period(std::string_view today);
// Periods overlapping [start, end] (YYYY-MM-DD), oldest first.
std::vector<ReportPeriod> report_periods(std::string_view start, std::string_view end);

// Month-day of the due dates per level, for the H1 report (July) and the H2 one (January of the
// next year): county "07-05"/"01-05", city "07-10"/"01-10" (the seeds), province "07-20"/"01-20"
// (no seed sets it: a platform default). A campaign may override each.
struct ReportDueDays {
  std::map<std::string, std::pair<std::string, std::string>> by_level;  // level → {h1, h2}
};
ReportDueDays default_report_due_days();
// "MM-DD" with a real day of month.
bool is_month_day(std::string_view s);
std::string report_due_date(const ReportDueDays& days, std::string_view level,
                            const ReportPeriod& p);

// The figures the platform computes for a region (the form's numeric rows), from the campaign's
// statistics of that region at the moment: participating enterprises, the plans they use, the
// results they reported; the denominators that the platform has no data for are typed.
struct ReportFigures {
  long long enterprises = 0;         // 参与对标企业数
  long long scale_enterprises = 0;   // 对标产业规上企业总数 (typed by the office)
  long long plans = 0;               // 上传对标方案数: distinct published plans used
  long long products = 0;            // participating products (each needs a plan and a result)
  long long products_with_plan = 0;  // results created (one per product × plan)
  long long results = 0;  // 上传对标结果数: results reported (beyond draft / returned)
  double enterprise_share() const;  // 占对标产业规上企业总数比例（%）
  double plan_share() const;        // 占应上传方案总数比例（%）
  double result_share() const;      // 占应上传结果总数比例（%）
};
// Sums of children's figures (the upper level's aggregated view).
ReportFigures add_figures(const ReportFigures& a, const ReportFigures& b);

struct NarrativeRow {
  std::string_view key;
  std::string_view label_zh;
  std::string_view hint_zh;
};
// The form's typed rows, in its order, with its wording.
const std::vector<NarrativeRow>& report_narrative_rows();
bool is_narrative_key(std::string_view key);

// One region's report for one campaign and period.
struct ProgressReport {
  long long id = 0;
  long long campaign_id = 0;
  std::string region_code;
  std::string region_path;
  std::string level;   // county, city, province
  std::string period;  // 2026-H1
  std::string status = "draft";
  std::string due_date;
  std::string industries_text;  // 对标产业名称
  long long scale_enterprises = 0;
  std::map<std::string, std::string> narratives;
  std::optional<ReportFigures> frozen;  // the figures as submitted
  std::string return_reason;
  long long submitted_at = 0;
  long long submitted_by = 0;
  std::string submitted_by_name;
  long long returned_at = 0;
  std::string returned_by_name;
  int version = 0;  // 0: never saved (the row starts at 1)
  long long created_by = 0;
  long long created_at = 0;
  long long updated_at = 0;
};

bool is_report_status(std::string_view s);  // draft, submitted, returned
std::string_view report_status_label_zh(std::string_view s);

// The office level that files a region's report: county (also zones), city, province, national.
std::string report_level_of(std::string_view region_level);

}  // namespace duibiao
