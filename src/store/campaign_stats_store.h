#pragma once

// The aggregate reads behind a campaign's dashboard. Every query takes the campaign and the region
// the figures cover (the caller's scope ∩ the campaign's region ∩ the filter, built by service/)
// as bound parameters.

#include <string>
#include <utility>
#include <vector>

#include "domain/campaign.h"
#include "domain/models.h"
#include "store/campaign_store.h"
#include "store/database.h"

namespace duibiao {

// The statistics epoch (migration 16): moved on by every write to a table the statistics read.
long long stats_epoch(Tx& tx);

// Every figure reads the counters that the triggers of migration 9 keep at each region of the
// tree (a member counts at its own region and at every region above it): the rows of
// `region_code` itself, or with `children` the rows of each region directly under it. `live`
// computes the same figures from the rows of the subtree [lo, hi) instead (the tests compare the
// two after every kind of write; `children` has no live form).
struct StatsRange {
  long long campaign_id = 0;
  std::string region_code = "000000";
  std::string lo = "/";
  std::string hi = "/\x7f";
  bool children = false;
};

// region_code: the region of the row (region_code itself, or a child with `children`; per child
// only members, and results by status and 达标, are given: the other fields are empty).
struct MemberGroup {
  std::string region_code;
  std::string industry_code;
  int batch = 0;
  long long count = 0;
};
std::vector<MemberGroup> member_groups(Tx& tx, const StatsRange& r, bool live = false);

struct ResultGroup {
  std::string region_code;
  std::string industry_code;
  int batch = 0;
  std::string status;
  std::string rollup;
  bool compliant = false;
  long long count = 0;
};
std::vector<ResultGroup> result_groups(Tx& tx, const StatsRange& r, bool live = false);

// Months (China time, YYYY-MM) of members joining (kind "added"), results first submitted
// ("submitted") and published ("published").
struct MonthCount {
  std::string kind;
  std::string month;
  long long count = 0;
};
std::vector<MonthCount> month_counts(Tx& tx, const StatsRange& r, bool live = false);

// Per region: what the phases need (members, with a result, submitted, concluded).
std::vector<std::pair<std::string, RegionProgress>> region_progress(Tx& tx, const StatsRange& r,
                                                                    bool live = false);
// What the phases need at each of the campaign's participating regions (counters only).
std::vector<std::pair<std::string, RegionProgress>> participating_progress(Tx& tx,
                                                                           long long campaign_id);
// Selected products of members, per region.
std::vector<std::pair<std::string, long long>> selected_products(Tx& tx, const StatsRange& r,
                                                                 bool live = false);

// Distinct plan numbers the members' results use or the 附件2 list names.
std::vector<std::string> plan_numbers_used(Tx& tx, const StatsRange& r, bool live = false);
// The standards of the plans used: {role, normalized number}; results count the version they
// rest on, list rows the published version.
std::vector<std::pair<std::string, std::string>> plan_standards_used(Tx& tx, const StatsRange& r,
                                                                     bool live = false);

// Plans by status whose region lies in [lo, hi).
std::vector<std::pair<std::string, long long>> plans_by_status(Tx& tx, const std::string& lo,
                                                               const std::string& hi);

// The catalog's adoption data: adopted numbers of national standards that are IDT / MOD, and
// {number, adoption ("" when not in the catalog)} of the domestic standards of the plans used.
std::vector<std::string> adopted_international_numbers(Tx& tx);
std::vector<std::pair<std::string, std::string>> domestic_adoptions(Tx& tx, const StatsRange& r);

// The results behind a figure.
struct CampaignResultFilter {
  std::vector<std::string> industry_codes;  // at most 8; empty: all
  int batch = 0;
  std::string status;  // a status, or "reported" (beyond draft / returned)
  std::string rollup;
  int time_field = 0;  // 0 none, 1 submitted_at, 2 published_at in [t0, t1)
  long long t0 = 0;
  long long t1 = 0;
  int compliant = -1;  // -1 either, 0 未达标, 1 达标
};
struct CampaignResultRow {
  long long id = 0;
  std::string code;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::string product_name;
  std::string plan_number;
  std::string status;
  std::string rollup;
  bool compliant = false;
  long long submitted_at = 0;
  long long published_at = 0;
};
constexpr RecentWindow kRecentResults{5000, false};
PageResult<CampaignResultRow> list_campaign_results(Tx& tx, const StatsRange& r,
                                                    const CampaignResultFilter& f, const Page& page,
                                                    RecentWindow window = kRecentResults);

}  // namespace duibiao
