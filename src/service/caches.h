#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/models.h"
#include "domain/result_rules.h"
#include "service/app.h"
#include "service/epoch_cache.h"

namespace duibiao {

struct ReviewSettings {
  std::string review_top = "national";  // national | province
  int review_days = 15;                 // per level, before a waiting result is overdue
};

// Kept under the statistics epoch (service/epoch_cache.h), defined by the campaign services.
struct CampaignAccess;
struct CampaignStatsAnswer;
struct CampaignResultsAnswer;
struct CampaignMembersAnswer;
struct Workbench;

struct ServiceCaches {
  std::mutex mutex;
  bool regions_loaded = false;
  std::unordered_map<std::string, Region> regions;
  bool industries_loaded = false;
  std::unordered_map<std::string, Industry> industries;
  // Published and superseded plan versions never change: safe to keep.
  std::unordered_map<long long, std::shared_ptr<const Plan>> plans;
  // Rendered public pages of published results by code. A published result never changes (there
  // is no way back from publication), so the page can be kept; whatever adds one must drop it.
  std::unordered_map<std::string, std::shared_ptr<const std::string>> public_pages;
  // Rendered detail pages of results by id, each with the fingerprint of what it was rendered
  // from (see result_page): used only while the row still has that fingerprint.
  std::unordered_map<long long, std::pair<std::string, std::shared_ptr<const std::string>>>
      result_pages;
  // Under the statistics epoch (never stale, see epoch_cache.h), each with its own lock: a
  // campaign's access decision by campaign | what of the caller decides it | epoch; its
  // statistics by campaign | scope | epoch | date in China; the pages of its results drill-down
  // and of its members by campaign | scope | query | page | epoch.
  EpochCache<CampaignAccess> campaign_access{1024};
  EpochCache<CampaignStatsAnswer> campaign_stats{512};
  EpochCache<CampaignResultsAnswer> campaign_results{256};
  EpochCache<CampaignMembersAnswer> campaign_members{256};
  // An office's home page by role | region | campaign | epoch | 30-second slot (see workbench_for).
  EpochCache<Workbench> workbench{512};
  // Enterprises by scope | id | change token of `enterprises` and `regions` (SQLite, see
  // store/change_signal.h): an enterprise's own profile, an office's look at one.
  EpochCache<Enterprise> enterprises{20000};
  long long settings_read_at = 0;  // 0: not read yet / changed here
  std::string review_top;
  int review_days = 0;
};

// A region by code from the in-memory copy (loaded on first use); nullopt when unknown.
std::optional<Region> cached_region(App& app, const std::string& code);
// An industry (GB/T 4754 section or division, or a cluster) from the in-memory copy.
std::optional<Industry> cached_industry(App& app, const std::string& code);
// The code of the deepest region on a path ("/330000/330200/330203/" → "330203").
std::string region_code_of_path(const std::string& path);
// The ancestors on a region path with their levels, province first.
std::vector<RegionLevel> region_levels(App& app, const std::string& path);
// A plan version with its standards and indicators; cached once it can no longer change.
std::shared_ptr<const Plan> plan_version(App& app, Tx& tx, long long plan_id);

// Code-guessing throttle, kept in the database so that every process behind a proxy shares it:
// whether `addr` may look up another code now (else seconds to wait), and recording a miss,
// which returns the misses of the address's window including this one.
std::optional<long long> code_lookup_blocked(App& app, const std::string& addr, long long now);
long long note_code_miss(App& app, const std::string& addr, long long now);

std::shared_ptr<const std::string> cached_public_page(App& app, const std::string& code);
void keep_public_page(App& app, const std::string& code, std::shared_ptr<const std::string> page);
// A kept detail page of result `id`, if it was rendered from `fingerprint`; keeping one replaces
// the result's previous page (bounded: the map is cleared when full).
std::shared_ptr<const std::string> cached_result_page(App& app, long long id,
                                                      const std::string& fingerprint);
void keep_result_page(App& app, long long id, std::string fingerprint,
                      std::shared_ptr<const std::string> page);

}  // namespace duibiao
