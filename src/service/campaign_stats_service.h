#pragma once

#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/epoch_cache.h"
#include "store/campaign_stats_store.h"

namespace duibiao {

struct StatCount {
  std::string key;
  std::string label;
  long long count = 0;
};

struct RegionStatRow {
  std::string region_code;
  std::string region_name;
  long long enterprises = 0;
  long long quota = 0;
  double quota_share = 0;
  long long results = 0;
  long long submitted = 0;
  long long published = 0;
  long long compliant = 0;
  int rank = 0;
};

struct IndustryStatRow {
  std::string code;
  std::string name;
  std::string kind;  // section, division, cluster
  long long enterprises = 0;
  long long results = 0;
  long long published = 0;
};

struct BatchStatRow {
  int batch = 0;
  std::string name;
  long long enterprises = 0;
  long long results = 0;
  long long published = 0;
};

struct MonthStatRow {
  std::string month;  // YYYY-MM
  long long members_added = 0;
  long long submitted = 0;
  long long published = 0;
};

struct QuotaRow {
  std::string region_code;
  std::string region_name;
  long long quota = 0;
  long long enterprises = 0;
  double share = 0;
};

struct TargetRow {
  std::string metric;
  std::string label;
  std::string unit;
  double value = 0;
  double actual = 0;
  double share = 0;
  std::string due_date;
  bool overdue = false;
  bool computed = true;
};

struct PhaseRow {
  std::string key;
  std::string name;
  std::string due_date;
  long long regions_total = 0;
  long long regions_reached = 0;
  bool overdue = false;
  std::vector<std::pair<std::string, std::string>> overdue_regions;  // code, name
};

struct RateStat {
  RateFigure figure;
  std::string definition;
};

struct CampaignStats {
  long long campaign_id = 0;
  std::string scope_code;
  std::string scope_name;
  std::string scope_level;
  long long generated_at = 0;
  long long enterprises = 0, products = 0, plans = 0, results = 0, submitted = 0, published = 0,
            compliant = 0, quota = 0;
  double quota_share = 0;
  std::vector<StatCount> results_by_status;
  std::vector<StatCount> results_by_rollup;
  std::vector<StatCount> plans_by_status;
  std::vector<RegionStatRow> regions;
  std::vector<IndustryStatRow> industries;
  std::vector<BatchStatRow> batches;
  std::vector<MonthStatRow> months;
  std::vector<QuotaRow> quotas;
  std::vector<TargetRow> targets;
  std::vector<PhaseRow> phases;
  RateStat conversion;
  RateStat consistency;
};

// The dashboard of a campaign for the caller's scope ∩ the campaign's region, narrowed by
// `region_code` (404 outside). Kept per process under the statistics epoch read before the
// figures (service/epoch_cache.h), so it is exact after every write, another process's too.
Result<CampaignStats> campaign_stats(App& app, const Caller& caller, long long id,
                                     const std::string& region_code);
// The same as the shared cached answer, with the body a handler rendered from it once.
struct CampaignStatsAnswer : CachedAnswer<CampaignStats> {
  using CachedAnswer::CachedAnswer;
};
Result<std::shared_ptr<const CampaignStatsAnswer>> campaign_stats_answer(
    App& app, const Caller& caller, long long id, const std::string& region_code);
// The same figures for a scope already decided (the caller's access ∩ the campaign, narrowed):
// the analysis report jobs compute them for the region they were requested for.
CampaignStats campaign_stats_in(App& app, const Campaign& c, const Scope& scope);
// The code of the region a scope's range is the subtree of ("000000" for the whole country).
std::string scope_region_code(const std::string& lo);

struct CampaignResultQuery {
  std::string region_code;
  std::string industry_code;
  long long batch = 0;
  std::string status;
  std::string rollup;
  std::string month;      // YYYY-MM: submitted in that month (published, with status=published)
  std::string compliant;  // "1" 达标, "0" not, "" either
};
Result<PageResult<CampaignResultRow>> campaign_results(App& app, const Caller& caller, long long id,
                                                       const CampaignResultQuery& q,
                                                       const Page& page);
// The same page kept under the statistics epoch like the figures, with its rendered body.
struct CampaignResultsAnswer : CachedAnswer<PageResult<CampaignResultRow>> {
  using CachedAnswer::CachedAnswer;
};
Result<std::shared_ptr<const CampaignResultsAnswer>> campaign_results_answer(
    App& app, const Caller& caller, long long id, const CampaignResultQuery& q, const Page& page);

// Per phase of the campaign: whether it is overdue somewhere in `scope` (used by the campaign's
// own page).
std::vector<bool> phase_overdue_flags(App& app, const Campaign& c, const Scope& scope);

std::string today_in_china();

}  // namespace duibiao
