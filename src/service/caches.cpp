#include "service/caches.h"

#include "domain/text.h"
#include "store/plan_store.h"
#include "store/reference_store.h"
#include "store/throttle_store.h"

namespace duibiao {

std::shared_ptr<ServiceCaches> make_service_caches() {
  return std::make_shared<ServiceCaches>();
}

std::optional<Region> cached_region(App& app, const std::string& code) {
  ServiceCaches& c = *app.caches;
  {
    std::lock_guard lock(c.mutex);
    if (c.regions_loaded) {
      auto it = c.regions.find(code);
      if (it == c.regions.end()) return std::nullopt;
      return it->second;
    }
  }
  std::vector<Region> all;
  app.db.read([&](Tx& tx) { all = list_all_regions(tx); });
  std::lock_guard lock(c.mutex);
  if (!c.regions_loaded) {
    for (auto& r : all) c.regions.emplace(r.code, std::move(r));
    c.regions_loaded = true;
  }
  auto it = c.regions.find(code);
  if (it == c.regions.end()) return std::nullopt;
  return it->second;
}

std::optional<Industry> cached_industry(App& app, const std::string& code) {
  ServiceCaches& c = *app.caches;
  {
    std::lock_guard lock(c.mutex);
    if (c.industries_loaded) {
      auto it = c.industries.find(code);
      if (it == c.industries.end()) return std::nullopt;
      return it->second;
    }
  }
  std::vector<Industry> all;
  app.db.read([&](Tx& tx) { all = list_industries(tx); });
  std::lock_guard lock(c.mutex);
  if (!c.industries_loaded) {
    for (auto& i : all) c.industries.emplace(i.code, std::move(i));
    c.industries_loaded = true;
  }
  auto it = c.industries.find(code);
  if (it == c.industries.end()) return std::nullopt;
  return it->second;
}

std::string region_code_of_path(const std::string& path) {
  auto parts = split(path, '/');
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    if (!it->empty()) return *it;
  return "";
}

std::vector<RegionLevel> region_levels(App& app, const std::string& path) {
  std::vector<RegionLevel> out;
  for (const auto& code : split(path, '/')) {
    if (code.empty()) continue;
    auto r = cached_region(app, code);
    if (r) out.push_back({r->code, r->level});
  }
  return out;
}

std::shared_ptr<const Plan> plan_version(App& app, Tx& tx, long long plan_id) {
  ServiceCaches& c = *app.caches;
  {
    std::lock_guard lock(c.mutex);
    auto it = c.plans.find(plan_id);
    if (it != c.plans.end()) return it->second;
  }
  PlanVisibility all;
  all.everything = true;
  auto plan = find_plan(tx, all, plan_id);
  if (!plan) return nullptr;
  auto shared = std::make_shared<const Plan>(std::move(*plan));
  if (shared->status == "published" || shared->status == "superseded") {
    std::lock_guard lock(c.mutex);
    if (c.plans.size() > 20000) c.plans.clear();  // bounded; refilled on demand
    c.plans.emplace(plan_id, shared);
  }
  return shared;
}

std::optional<long long> code_lookup_blocked(App& app, const std::string& addr, long long now) {
  std::optional<CodeMisses> m;
  app.db.read([&](Tx& tx) { m = find_code_misses(tx, addr); });
  if (!m) return std::nullopt;
  long long window_end = m->window_start + app.config.public_code_window_seconds;
  if (now >= window_end || m->misses < app.config.public_code_misses) return std::nullopt;
  return window_end - now;
}

long long note_code_miss(App& app, const std::string& addr, long long now) {
  long long window = app.config.public_code_window_seconds;
  long long misses = 0;
  app.db.write([&](Tx& tx) {
    misses = record_code_miss(tx, addr, now, now - window);
    // The first miss of a window also forgets the addresses whose windows are long over, so the
    // table stays as small as the set of recent guessers.
    if (misses == 1) prune_code_misses(tx, now - 2 * window);
  });
  return misses;
}

std::shared_ptr<const std::string> cached_public_page(App& app, const std::string& code) {
  ServiceCaches& c = *app.caches;
  std::lock_guard lock(c.mutex);
  auto it = c.public_pages.find(code);
  return it == c.public_pages.end() ? nullptr : it->second;
}

void keep_public_page(App& app, const std::string& code, std::shared_ptr<const std::string> page) {
  ServiceCaches& c = *app.caches;
  std::lock_guard lock(c.mutex);
  if (c.public_pages.size() >= 20000) c.public_pages.clear();  // bounded (~8 KB a page)
  c.public_pages.emplace(code, std::move(page));
}

std::shared_ptr<const std::string> cached_result_page(App& app, long long id,
                                                      const std::string& fingerprint) {
  ServiceCaches& c = *app.caches;
  std::lock_guard lock(c.mutex);
  auto it = c.result_pages.find(id);
  if (it == c.result_pages.end() || it->second.first != fingerprint) return nullptr;
  return it->second.second;
}

void keep_result_page(App& app, long long id, std::string fingerprint,
                      std::shared_ptr<const std::string> page) {
  ServiceCaches& c = *app.caches;
  std::lock_guard lock(c.mutex);
  if (c.result_pages.size() >= 4096) c.result_pages.clear();  // bounded (~10 KB a page)
  c.result_pages.insert_or_assign(id, std::pair{std::move(fingerprint), std::move(page)});
}

}  // namespace duibiao
