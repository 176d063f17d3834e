#pragma once

// The aggregate reads behind a campaign's dashboard. Every query takes the campaign and the
// region range the figures cover (the caller's scope ∩ the campaign's region ∩ the filter, built
// by service/) as bound parameters. Answers are grouped by the enterprise's own region code; the
// service rolls them up to the children of the viewed region from the region tree.

#include <string>
#include <utility>
#include <vector>

#include "domain/campaign.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Every figure reads the counters that the triggers of migration 9 keep; `live = true` computes it
// from the rows themselves instead (the tests compare the two after every kind of write).
struct StatsRange {
  long long campaign_id = 0;
  std::string lo = "/";
  std::string hi = "/\x7f";
};

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

// Counts per CST day (days since 1970-01-01 in UTC+8): members added, results submitted (first
// submission), results published.
struct DayCount {
  long long day = 0;
  long long count = 0;
};
std::vector<DayCount> member_days(Tx& tx, const StatsRange& r, bool live = false);
std::vector<DayCount> submitted_days(Tx& tx, const StatsRange& r, bool live = false);
std::vector<DayCount> published_days(Tx& tx, const StatsRange& r, bool live = false);

// Per enterprise region: what the phases need (members, with a result, submitted, concluded).
std::vector<std::pair<std::string, RegionProgress>> region_progress(Tx& tx, const StatsRange& r,
                                                                   bool live = false);

// Selected products of members, per enterprise region.
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
PageResult<CampaignResultRow> list_campaign_results(Tx& tx, const StatsRange& r,
                                                    const CampaignResultFilter& f,
                                                    const Page& page);

}  // namespace duibiao
