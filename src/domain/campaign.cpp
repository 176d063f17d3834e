#include "domain/campaign.h"

#include "domain/standard_number.h"
#include "domain/text.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <tuple>

namespace duibiao {

bool is_campaign_level(std::string_view level) {
  return level == "national" || level == "province" || level == "city";
}

std::string_view campaign_level_label_zh(std::string_view level) {
  if (level == "national") return "国家级";
  if (level == "province") return "省级";
  if (level == "city") return "市级";
  return "";
}

int campaign_level_rank(std::string_view level) {
  if (level == "national") return 0;
  if (level == "province") return 1;
  if (level == "city") return 2;
  return 3;
}

const std::vector<PhaseDef>& campaign_phase_defs() {
  static const std::vector<PhaseDef> defs = {
      {"select", "确定对标企业"},
      {"plans", "制定/选用技术方案"},
      {"results", "对标达标"},
      {"summary", "总结"},
  };
  return defs;
}

bool is_phase_key(std::string_view key) {
  for (const auto& d : campaign_phase_defs())
    if (d.key == key) return true;
  return false;
}

const std::vector<MetricDef>& campaign_metrics() {
  static const std::vector<MetricDef> defs = {
      {"enterprises", "参与对标企业数", "家", true},
      {"industries", "参与对标行业数", "个", true},
      {"products", "对标产品数", "个", true},
      {"plans", "使用的对标技术方案数", "个", true},
      {"results_submitted", "上报对标结果数", "个", true},
      {"results_published", "公开发布对标结果数", "个", true},
      {"compliant_rate", "对标达标率", "%", true},
      {"conversion_rate", "国际标准转化率", "%", true},
      {"consistency", "与国际标准一致性程度", "%", true},
      {"leaders", "企业标准“领跑者”数", "个", false},
      {"manual", "其他指标", "", false},
  };
  return defs;
}

const MetricDef* find_metric(std::string_view metric) {
  for (const auto& d : campaign_metrics())
    if (d.metric == metric) return &d;
  return nullptr;
}

std::string_view support_status_label_zh(std::string_view status) {
  if (status == "open") return "待受理";
  if (status == "taken") return "已受理";
  if (status == "done") return "已完成";
  return "";
}

const std::vector<std::string_view>& list_form_columns() {
  static const std::vector<std::string_view> cols = {"序号",
                                                     "企业名称",
                                                     "产品名称",
                                                     "执行标准号、名称",
                                                     "比对标准号、名称",
                                                     "平台现有技术方案编号",
                                                     "另行制定技术方案技术支持需求"};
  return cols;
}

bool phase_reached(std::string_view key, const RegionProgress& p) {
  if (key == "select") return p.members > 0 && p.members >= p.quota;
  if (p.members == 0) return false;
  if (key == "plans") return p.members_with_plan >= p.members;
  if (key == "results") return p.members_submitted >= p.members;
  if (key == "summary") return p.members_concluded >= p.members;
  return false;
}

bool phase_overdue(std::string_view key, std::string_view due_date, std::string_view today,
                   const RegionProgress& p) {
  if (due_date.empty() || today <= due_date) return false;
  return !phase_reached(key, p);
}

const char* const kRankingDefinition =
    "排名依据：公开发布的对标结果数，相同时比较已上报的结果数，再相同时比较参与企业数；"
    "各项都相同的地区并列。";

void rank_regions(std::vector<RankRow>& rows) {
  auto key = [](const RankRow& r) { return std::tuple(r.published, r.submitted, r.enterprises); };
  std::sort(rows.begin(), rows.end(), [&](const RankRow& a, const RankRow& b) {
    if (key(a) != key(b)) return key(a) > key(b);
    return a.region_code < b.region_code;
  });
  for (size_t i = 0; i < rows.size(); ++i)
    rows[i].rank =
        (i > 0 && key(rows[i]) == key(rows[i - 1])) ? rows[i - 1].rank : static_cast<int>(i + 1);
}

double percent(long long numerator, long long denominator) {
  if (denominator <= 0) return 0;
  return std::round(1000.0 * static_cast<double>(numerator) / static_cast<double>(denominator)) /
         10.0;
}

const char* const kConversionDefinition =
    "国际标准转化率 = 已被国家标准等同（IDT）或修改（MOD）采用的国际标准数 ÷ "
    "本次专项行动技术方案中作为比对标准的国际标准数（按标准号去重，不计年代号；"
    "采用关系取自标准目录中国家标准的“采用程度”和“采用的国际标准”）。";

RateFigure conversion_rate(const std::vector<std::string>& benchmarked_international_keys,
                           const std::vector<std::string>& adopted_keys) {
  std::set<std::string> benchmarked(benchmarked_international_keys.begin(),
                                    benchmarked_international_keys.end());
  std::set<std::string> adopted(adopted_keys.begin(), adopted_keys.end());
  RateFigure f;
  f.denominator = static_cast<long long>(benchmarked.size());
  for (const auto& k : benchmarked)
    if (adopted.count(k)) ++f.numerator;
  f.rate = percent(f.numerator, f.denominator);
  return f;
}

const char* const kConsistencyDefinition =
    "一致性程度 = 与国际标准等同（IDT）或修改（MOD）的国内标准数 ÷ "
    "本次专项行动技术方案中的国内标准数（国家、行业标准，按标准号去重，不计年代号；"
    "采用程度取自标准目录）。";

RateFigure consistency_degree(
    const std::vector<std::pair<std::string, std::string>>& key_adoption) {
  std::map<std::string, bool> consistent;
  for (const auto& [key, adoption] : key_adoption) {
    bool ok = adoption == "IDT" || adoption == "MOD";
    consistent[key] = consistent[key] || ok;
  }
  RateFigure f;
  f.denominator = static_cast<long long>(consistent.size());
  for (const auto& [k, ok] : consistent)
    if (ok) ++f.numerator;
  f.rate = percent(f.numerator, f.denominator);
  return f;
}

double target_share(double actual, double value) {
  if (value <= 0) return 0;
  double share = std::round(1000.0 * actual / value) / 10.0;
  return std::min(share, 100.0);
}

namespace {
// Byte offsets where a standard number may end: before a space, 、, 《, a comma or a
// full-width space, and the end of the text.
std::vector<size_t> split_points(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == ',')
      out.push_back(i);
    else if (s.substr(i, 3) == "、" || s.substr(i, 3) == "《" || s.substr(i, 3) == "\xE3\x80\x80" ||
             s.substr(i, 3) == "，" || s.substr(i, 3) == "（")
      out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

std::string strip_title(std::string_view t) {
  for (;;) {
    t = trim(t);
    bool changed = false;
    for (std::string_view sep : {"、", "《", "》", "，", ",", "\xE3\x80\x80", ":", "："}) {
      if (t.substr(0, sep.size()) == sep) {
        t.remove_prefix(sep.size());
        changed = true;
      }
      if (t.size() >= sep.size() && t.substr(t.size() - sep.size()) == sep) {
        t.remove_suffix(sep.size());
        changed = true;
      }
    }
    if (!changed) break;
  }
  return std::string(t);
}
}  // namespace

StandardCell parse_standard_cell(std::string_view text) {
  StandardCell cell;
  std::string unified(text);
  // Items are separated by line breaks and semicolons (half- or full-width).
  for (std::string_view sep : {"；", "\r"})
    for (size_t pos; (pos = unified.find(sep)) != std::string::npos;)
      unified.replace(pos, sep.size(), "\n");
  for (auto& ch : unified)
    if (ch == ';') ch = '\n';
  for (const auto& raw : split(unified, '\n')) {
    std::string_view item = trim(raw);
    if (item.empty()) continue;
    auto points = split_points(item);
    bool found = false;
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
      auto parsed = parse_standard_number(item.substr(0, *it));
      if (!parsed) continue;
      cell.items.push_back({parsed.value.normalized, strip_title(item.substr(*it))});
      found = true;
      break;
    }
    if (!found) {
      cell.error =
          "无法识别标准号“" + std::string(item) +
          "”：每项应以标准号开头，后接标准名称，如“GB/T 1234-2020 名称”，多项用分号或换行分隔";
      return cell;
    }
  }
  return cell;
}

int result_progress_rank(std::string_view s) {
  static const char* order[] = {"draft",           "returned",         "submitted",
                                "county_reviewed", "city_recommended", "province_recommended",
                                "accepted",        "published"};
  for (int i = 0; i < 8; ++i)
    if (s == order[i]) return i;
  return -1;
}

std::string month_of_cst_day(long long day) {
  std::time_t t = static_cast<std::time_t>(day * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m", &tm);
  return buf;
}

}  // namespace duibiao
