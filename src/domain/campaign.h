#pragma once

// A campaign (专项行动) as an office runs it: its definition (phases, targets, quotas, batches)
// and the pure rules over it — which metrics exist, when a phase is reached or overdue, how
// regions are ranked, how the conversion rate and the consistency degree are computed. No I/O.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

struct CampaignPhase {
  std::string key;  // select, plans, results, summary
  std::string name;
  std::string due_date;  // YYYY-MM-DD
};

struct CampaignTarget {
  std::string metric;  // see campaign_metrics()
  std::string label;
  double value = 0;
  std::string due_date;
  std::optional<double> manual_actual;  // typed by the office for figures the platform cannot count
};

// A participating sub-region, with its quota of enterprises (Ningbo 附件1) and the national batch
// it joined in (0: none).
struct CampaignRegion {
  std::string region_code;
  std::string region_name;
  std::string region_path;
  long long quota = 0;
  int batch = 0;
};

// A national batch: number, name, start date and its cities.
struct CampaignBatch {
  int batch = 0;
  std::string name;
  std::string start_date;
  std::vector<std::string> regions;  // region codes
};

struct Campaign {
  long long id = 0;
  std::string name;
  std::string level;  // national, province, city
  std::string region_code;
  std::string region_name;
  std::string region_path = "/";
  long long parent_id = 0;
  std::string parent_name;
  int year = 0;
  int batch = 0;
  std::string description;
  std::string start_date;
  std::string end_date;
  std::string review_top;               // "" (the platform setting), national, province
  std::vector<std::string> industries;  // GB/T 4754 division or cluster codes
  std::vector<CampaignBatch> batches;
  std::vector<CampaignPhase> phases;
  std::vector<CampaignTarget> targets;
  std::vector<CampaignRegion> regions;
  // Due days of the 附件3 reports per filing level, {H1 "MM-DD", H2 "MM-DD"}; missing levels use
  // the defaults (county 07-05 / 01-05, city 07-10 / 01-10, province 07-20 / 01-20).
  std::map<std::string, std::pair<std::string, std::string>> report_due;
  long long member_count = 0;
  long long created_by = 0;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
};

struct CampaignMember {
  long long campaign_id = 0;
  long long enterprise_id = 0;
  std::string name;
  std::string credit_code;
  std::string region_code;
  std::string region_path;
  std::string industry_code;
  long long added_by = 0;
  std::string added_by_name;
  long long added_at = 0;
  long long products = 0;  // selected products
  long long results = 0;
  std::string best_status;           // the result furthest up the chain, "" without results
  std::vector<std::string> rollups;  // roll-ups of its results
  bool has_submitted = false;        // any result beyond draft: the member cannot be removed
};

// One row of the 附件2 list.
struct CampaignListRow {
  long long id = 0;
  long long campaign_id = 0;
  int seq = 0;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string credit_code;
  std::string region_code;
  std::string region_path;
  std::string product_name;
  std::string executed_standards;  // as typed in the form: "GB/T 1234-2010 名称"
  std::vector<std::string> executed_numbers;
  std::string benchmark_standards;
  std::vector<std::string> benchmark_numbers;
  std::string plan_number;
  bool support_needed = false;
  long long support_request_id = 0;
  long long created_by = 0;
  long long created_at = 0;
};

struct SupportRequest {
  long long id = 0;
  long long campaign_id = 0;
  std::string campaign_name;
  long long list_row_id = 0;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::string region_path;
  std::string industry_code;
  std::string product_name;
  std::string executed_standards;
  std::string benchmark_standards;
  std::string status;  // open, taken, done
  long long taken_by = 0;
  std::string taken_by_name;
  std::string note;
  long long created_at = 0;
  long long updated_at = 0;
};

// ---------------------------------------------------------------------------------------------
// Vocabulary

bool is_campaign_level(std::string_view level);
std::string_view campaign_level_label_zh(std::string_view level);  // 国家级 / 省级 / 市级
int campaign_level_rank(std::string_view level);                   // national 0, province 1, city 2

struct PhaseDef {
  std::string_view key;
  std::string_view name_zh;
};
// 确定对标企业 → 制定/选用技术方案 → 对标达标 → 总结, in order.
const std::vector<PhaseDef>& campaign_phase_defs();
bool is_phase_key(std::string_view key);

struct MetricDef {
  std::string_view metric;
  std::string_view label_zh;
  std::string_view unit_zh;
  bool computed;  // false: the office types the actual value
};
const std::vector<MetricDef>& campaign_metrics();
const MetricDef* find_metric(std::string_view metric);

std::string_view support_status_label_zh(std::string_view status);

// The 附件2 columns, in the form's order.
const std::vector<std::string_view>& list_form_columns();

// ---------------------------------------------------------------------------------------------
// Rules

// Where a region stands in the campaign, from the data: what a phase needs to be reached.
struct RegionProgress {
  long long members = 0;
  long long quota = 0;
  long long members_with_plan = 0;  // a result on a published plan
  long long members_submitted = 0;  // a result beyond draft / returned
  long long members_concluded = 0;  // every result accepted or published, at least one
};
// select: ≥ 1 member and the quota met; plans: every member has a result; results: every
// member submitted; summary: every member's results accepted or published.
bool phase_reached(std::string_view phase_key, const RegionProgress& p);
// Due date passed (today > due) and not reached.
bool phase_overdue(std::string_view phase_key, std::string_view due_date, std::string_view today,
                   const RegionProgress& p);

// A region's row in the ranking.
struct RankRow {
  std::string region_code;
  long long published = 0;
  long long submitted = 0;
  long long enterprises = 0;
  int rank = 0;
};
// Ranks by published results, then submitted, then enterprises; equal rows share a rank
// (1, 2, 2, 4). Sorts `rows` into rank order (ties by region code).
void rank_regions(std::vector<RankRow>& rows);
extern const char* const kRankingDefinition;

// Percent with one decimal (0 when the denominator is 0).
double percent(long long numerator, long long denominator);

// Conversion rate: of the distinct international standards benchmarked in the campaign's plans,
// those that a national standard adopts identically (IDT) or modified (MOD). `adopted_keys` are
// the standard keys (number without year) adopted IDT/MOD by national standards of the catalog.
struct RateFigure {
  long long numerator = 0;
  long long denominator = 0;
  double rate = 0;
};
RateFigure conversion_rate(const std::vector<std::string>& benchmarked_international_keys,
                           const std::vector<std::string>& adopted_keys);
extern const char* const kConversionDefinition;
// Consistency degree: of the distinct domestic standards in the campaign's plans, those that are
// IDT or MOD to an international one.
RateFigure consistency_degree(const std::vector<std::pair<std::string, std::string>>& key_adoption);
extern const char* const kConsistencyDefinition;

// A target's share reached, in percent (capped at 100 for the bar; the figure keeps the actual).
double target_share(double actual, double value);

// One cell of the 附件2 form's standard columns: one or more "number name" items separated by
// line breaks or semicolons ("GB/T 1234-2010 家用电器安全；ISO 9001:2015").
struct StandardCellItem {
  std::string normalized;
  std::string title;
};
struct StandardCell {
  std::vector<StandardCellItem> items;
  std::string error;  // Chinese, naming the item that could not be read
};
StandardCell parse_standard_cell(std::string_view text);

// How far up the chain a result status is: draft 0, returned 1, submitted 2 … published 7;
// -1 for "" or unknown.
int result_progress_rank(std::string_view status);

// Months "YYYY-MM" of a CST day number (days since 1970-01-01 in UTC+8).
std::string month_of_cst_day(long long day);

}  // namespace duibiao
