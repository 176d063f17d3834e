#include "domain/progress_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/text.h"

namespace duibiao {
namespace {
double share(long long n, long long d) {
  if (d <= 0) return 0;
  return std::round(1000.0 * static_cast<double>(n) / static_cast<double>(d)) / 10.0;
}
}  // namespace

std::string ReportPeriod::key() const {
  return std::to_string(year) + "-H" + std::to_string(half);
}

std::string ReportPeriod::label() const {
  return std::to_string(year) + (half == 1 ? "年上半年" : "年全年");
}

std::string ReportPeriod::end_date() const {
  return std::to_string(year) + (half == 1 ? "-06-30" : "-12-31");
}

std::optional<ReportPeriod> parse_report_period(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || s[5] != 'H' || (s[6] != '1' && s[6] != '2'))
    return std::nullopt;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    year = year * 10 + (s[i] - '0');
  }
  if (year < 2018 || year > 2100) return std::nullopt;
  return ReportPeriod{year, s[6] - '0'};
}

ReportPeriod current_report_period(std::string_view today) {
  int year = std::stoi(std::string(today.substr(0, 4)));
  std::string md(today.substr(5));
  // The county's due days decide when the next report comes into view.
  if (md <= "01-05") return {year - 1, 2};
  if (md <= "07-05") return {year, 1};
  return {year, 2};
}

std::vector<ReportPeriod> report_periods(std::string_view start, std::string_view end) {
  std::vector<ReportPeriod> out;
  if (start.size() < 10 || end.size() < 10) return out;
  int y0 = std::stoi(std::string(start.substr(0, 4))),
      y1 = std::stoi(std::string(end.substr(0, 4)));
  for (int y = y0; y <= y1 && out.size() < 400; ++y)
    for (int h = 1; h <= 2; ++h) {
      // H2 reports the whole year, so every year of the campaign has one; H1 only when the
      // campaign ran before July of that year.
      if (h == 1 && std::string(start) > std::to_string(y) + "-06-30") continue;
      out.push_back({y, h});
    }
  return out;
}

ReportDueDays default_report_due_days() {
  ReportDueDays d;
  d.by_level = {{"county", {"07-05", "01-05"}},
                {"city", {"07-10", "01-10"}},
                {"province", {"07-20", "01-20"}}};
  return d;
}

bool is_month_day(std::string_view s) {
  if (s.size() != 5 || s[2] != '-') return false;
  return is_iso_date("2024-" + std::string(s));  // a leap year: 02-29 is a day of month
}

std::string report_due_date(const ReportDueDays& days, std::string_view level,
                            const ReportPeriod& p) {
  auto it = days.by_level.find(std::string(level));
  auto def = default_report_due_days();
  if (it == days.by_level.end()) it = def.by_level.find(std::string(level));
  if (it == days.by_level.end() || it == def.by_level.end()) it = def.by_level.find("province");
  std::string md = p.half == 1 ? it->second.first : it->second.second;
  int year = p.half == 1 ? p.year : p.year + 1;
  std::string date = std::to_string(year) + "-" + md;
  if (!is_iso_date(date)) date = std::to_string(year) + "-" + md.substr(0, 3) + "28";  // 02-29
  return date;
}

double ReportFigures::enterprise_share() const {
  return share(enterprises, scale_enterprises);
}
double ReportFigures::plan_share() const {
  return std::min(100.0, share(products_with_plan, products));
}
double ReportFigures::result_share() const {
  return std::min(100.0, share(results, products));
}

ReportFigures add_figures(const ReportFigures& a, const ReportFigures& b) {
  ReportFigures s;
  s.enterprises = a.enterprises + b.enterprises;
  s.scale_enterprises = a.scale_enterprises + b.scale_enterprises;
  s.plans = a.plans + b.plans;  // plans shared by regions count in each: the sum is an upper bound
  s.products = a.products + b.products;
  s.products_with_plan = a.products_with_plan + b.products_with_plan;
  s.results = a.results + b.results;
  return s;
}

const std::vector<NarrativeRow>& report_narrative_rows() {
  static const std::vector<NarrativeRow> rows = {
      {"party_government", "纳入当地党委、政府工作情况", ""},
      {"policies", "当地党委、政府出台相关政策措施情况", ""},
      {"organisation", "成立相应推进机构情况", ""},
      {"endorsement", "当地党委、政府领导批示肯定情况", ""},
      {"finance", "当地财政支持情况", ""},
      {"departments", "相关部门共同参与情况", ""},
      {"voice", "对标产业标准话语权能力提升情况",
       "包括主导制定国际标准、国家标准、行业标准和全国性团体标准、“浙江制造”标准，承担国际和全国专"
       "业"
       "标准化技术委员会秘书处等情况"},
      {"growth", "对标企业较上年产值规模、上缴税收增长情况", ""},
      {"reports", "形成对标达标报告情况", ""},
      {"leaders", "树立企业标准“领跑者”情况", ""},
  };
  return rows;
}

bool is_narrative_key(std::string_view key) {
  for (const auto& r : report_narrative_rows())
    if (r.key == key) return true;
  return false;
}

bool is_report_status(std::string_view s) {
  return s == "draft" || s == "submitted" || s == "returned";
}

std::string_view report_status_label_zh(std::string_view s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "已报送";
  if (s == "returned") return "已退回";
  if (s == "missing") return "未填报";
  return "";
}

std::string report_level_of(std::string_view region_level) {
  if (region_level == "zone") return "county";
  return std::string(region_level);
}

}  // namespace duibiao
