#include "service/campaign_stats_service.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "domain/region.h"
#include "domain/requirement.h"
#include "domain/result_rules.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/caches.h"
#include "service/campaign_service.h"
#include "service/plan_service.h"
#include "store/reference_store.h"

namespace duibiao {
namespace {

const std::vector<std::string>& result_statuses() {
  static const std::vector<std::string> s = {
      "draft",           "returned",         "submitted",
      "county_reviewed", "city_recommended", "province_recommended",
      "accepted",        "published"};
  return s;
}

bool reported(const std::string& status) {
  return status != "draft" && status != "returned";
}

const std::vector<std::string>& plan_statuses() {
  static const std::vector<std::string> s = {"draft",     "consultation", "notice",
                                             "published", "superseded",   "withdrawn"};
  return s;
}

std::string region_name_of(App& app, const std::string& code) {
  auto r = cached_region(app, code);
  return r ? r->name : code;
}

long long cst_day_start(const std::string& ymd) {
  std::tm tm{};
  tm.tm_year = std::stoi(ymd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(ymd.substr(5, 2)) - 1;
  tm.tm_mday = 1;
  return static_cast<long long>(timegm(&tm)) - 8 * 3600;
}

// The regions whose phases are judged: the campaign's participating regions inside the scope,
// else the children of the scope's region (a county: itself).
struct PhaseRegion {
  std::string code;
  std::string name;
  std::string path;
  long long quota = 0;
};
std::vector<PhaseRegion> phase_regions(App& app, const Campaign& c, const std::string& scope_code,
                                       const std::string& scope_path) {
  std::vector<PhaseRegion> out;
  for (const auto& r : c.regions)
    if (path_in_subtree(r.region_path, scope_path))
      out.push_back({r.region_code, r.region_name, r.region_path, r.quota});
  if (!out.empty()) return out;
  std::vector<Region> children;
  app.db.read([&](Tx& tx) { children = list_region_children(tx, scope_code); });
  for (const auto& ch : children) out.push_back({ch.code, ch.name, ch.path, 0});
  if (out.empty()) out.push_back({scope_code, region_name_of(app, scope_code), scope_path, 0});
  return out;
}

// What the phases need, per region: read from the counters of the scope's children, of the
// scope itself, or (for a region deeper down) of that region.
std::map<std::string, RegionProgress> progress_of(App& app, long long campaign_id,
                                                  const std::string& scope_code,
                                                  const std::vector<std::string>& regions) {
  std::map<std::string, RegionProgress> out;
  app.db.read([&](Tx& tx) {
    StatsRange kids{campaign_id, scope_code, "/", "/", true};
    for (auto& [code, p] : region_progress(tx, kids)) out[code] = p;
    StatsRange at{campaign_id, scope_code, "/", "/", false};
    for (auto& [code, p] : region_progress(tx, at)) out[code] = p;
    bool deeper = false;  // a participating region further down than the scope's children
    for (const auto& code : regions) {
      auto region = cached_region(app, code);
      if (!out.count(code) && !(region && region->parent_code == scope_code)) deeper = true;
    }
    if (deeper)
      for (auto& [code, p] : participating_progress(tx, campaign_id)) out.emplace(code, p);
  });
  return out;
}

std::vector<PhaseRow> phase_rows(App& app, const Campaign& c, const std::string& scope_code,
                                 const std::string& scope_path) {
  auto regions = phase_regions(app, c, scope_code, scope_path);
  std::vector<std::string> codes;
  for (const auto& r : regions) codes.push_back(r.code);
  auto progress = progress_of(app, c.id, scope_code, codes);
  std::vector<RegionProgress> sums(regions.size());
  for (size_t i = 0; i < regions.size(); ++i) {
    if (auto it = progress.find(regions[i].code); it != progress.end()) sums[i] = it->second;
    sums[i].quota = regions[i].quota;
  }
  std::string today = today_in_china();
  std::vector<PhaseRow> out;
  for (const auto& ph : c.phases) {
    PhaseRow row{ph.key, ph.name, ph.due_date, static_cast<long long>(regions.size()),
                 0,      false,   {}};
    for (size_t i = 0; i < regions.size(); ++i) {
      if (phase_reached(ph.key, sums[i])) ++row.regions_reached;
      if (phase_overdue(ph.key, ph.due_date, today, sums[i]))
        row.overdue_regions.emplace_back(regions[i].code, regions[i].name);
    }
    row.overdue = !row.overdue_regions.empty();
    out.push_back(std::move(row));
  }
  return out;
}

std::string scope_code_of(const std::string& lo) {
  return lo == "/" ? std::string(kNationalRegionCode) : region_code_of_path(lo);
}

std::string key_of(const std::string& number) {
  auto parsed = parse_standard_number(number);
  return parsed ? standard_key(parsed.value) : number;
}

}  // namespace

std::string scope_region_code(const std::string& lo) {
  return scope_code_of(lo);
}

std::string today_in_china() {
  std::time_t t = static_cast<std::time_t>(now_unix() + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<bool> phase_overdue_flags(App& app, const Campaign& c, const Scope& scope) {
  std::vector<bool> out;
  for (const auto& row : phase_rows(app, c, scope_code_of(scope.lo), scope.lo))
    out.push_back(row.overdue);
  return out;
}

Result<std::shared_ptr<const CampaignStatsAnswer>> campaign_stats_answer(
    App& app, const Caller& caller, long long id, const std::string& region_code) {
  if (!caller.user) return fail(Error::unauthenticated());
  // The epoch is read before the figures: figures computed afterwards are at least as new as
  // the epoch they are kept under (a write in between only causes a miss next time).
  long long epoch = campaign_stats_epoch(app);
  auto access = campaign_data_access_at(app, caller, id, epoch);
  if (!access) return fail(access.error());
  auto scope = narrow_scope(app, (*access)->scope, region_code);
  if (!scope) return fail(scope.error());
  // The figures depend on the campaign, the scope's range, the tables under the epoch and, for
  // what is overdue, on the date in China; on nothing else of the caller.
  CacheKey key;
  key.add(id).add(scope->lo).add(scope->hi).add(scope->enterprise_id).add(epoch);
  key.add(today_in_china());
  return app.caches->campaign_stats.get(key.str(), [&] {
    return std::make_shared<const CampaignStatsAnswer>(
        campaign_stats_in(app, (*access)->campaign, *scope));
  });
}

Result<CampaignStats> campaign_stats(App& app, const Caller& caller, long long id,
                                     const std::string& region_code) {
  auto answer = campaign_stats_answer(app, caller, id, region_code);
  if (!answer) return fail(answer.error());
  return (*answer)->value;
}

CampaignStats campaign_stats_in(App& app, const Campaign& c, const Scope& scope_range) {
  const Scope* scope = &scope_range;
  std::string scope_code = scope_code_of(scope->lo);
  StatsRange range{c.id, scope_code, scope->lo, scope->hi, false};
  StatsRange kids = range;
  kids.children = true;

  std::vector<MemberGroup> members, child_members;
  std::vector<ResultGroup> results, child_results;
  std::vector<MonthCount> months;
  std::vector<std::pair<std::string, long long>> products, plans_status;
  std::vector<std::string> plan_numbers, adopted;
  std::vector<std::pair<std::string, std::string>> plan_standards, adoptions;
  std::vector<Region> children;
  app.db.read([&](Tx& tx) {
    members = member_groups(tx, range);
    results = result_groups(tx, range);
    child_members = member_groups(tx, kids);
    child_results = result_groups(tx, kids);
    months = month_counts(tx, range);
    products = selected_products(tx, range);
    plan_numbers = plan_numbers_used(tx, range);
    plan_standards = plan_standards_used(tx, range);
    plans_status = plans_by_status(tx, scope->lo, scope->hi);
    adopted = adopted_international_numbers(tx);
    adoptions = domestic_adoptions(tx, range);
    children = list_region_children(tx, scope_code);
  });

  CampaignStats s;
  s.campaign_id = c.id;
  s.scope_code = scope_code;
  auto scope_region = cached_region(app, s.scope_code);
  s.scope_name = scope_region ? scope_region->name : "";
  s.scope_level = scope_region ? scope_region->level : "";
  s.generated_at = now_unix();

  // Totals and the breakdowns by status and roll-up.
  std::map<std::string, long long> by_status, by_rollup;
  for (const auto& g : members) s.enterprises += g.count;
  for (const auto& g : results) {
    s.results += g.count;
    by_status[g.status] += g.count;
    if (reported(g.status)) {
      s.submitted += g.count;
      by_rollup[g.rollup] += g.count;
      if (g.compliant) s.compliant += g.count;
    }
    if (g.status == "published") s.published += g.count;
  }
  for (const auto& [code, n] : products) s.products += n;
  s.plans = static_cast<long long>(plan_numbers.size());
  for (const auto& st : result_statuses())
    s.results_by_status.push_back({st, std::string(result_status_label_zh(st)), by_status[st]});
  for (RollUpKind k : {RollUpKind::kAllBetter, RollUpKind::kPartlyBetter, RollUpKind::kAllEqual,
                       RollUpKind::kNotMet, RollUpKind::kUndetermined}) {
    std::string name(roll_up_name(k));
    s.results_by_rollup.push_back({name, std::string(roll_up_label_zh(k)), by_rollup[name]});
  }
  std::map<std::string, long long> plan_counts(plans_status.begin(), plans_status.end());
  for (const auto& st : plan_statuses())
    s.plans_by_status.push_back({st, plan_status_label_zh(st), plan_counts[st]});

  // By child region of the scope (a county: itself), ranked.
  std::map<std::string, RegionStatRow> rows;
  const auto& by_member = children.empty() ? members : child_members;
  const auto& by_result = children.empty() ? results : child_results;
  for (const auto& ch : children) rows[ch.code].region_code = ch.code;
  for (const auto& g : by_member) {
    auto& r = rows[g.region_code];
    r.region_code = g.region_code;
    r.enterprises += g.count;
  }
  for (const auto& g : by_result) {
    auto& r = rows[g.region_code];
    r.region_code = g.region_code;
    r.results += g.count;
    if (reported(g.status)) r.submitted += g.count;
    if (g.status == "published") r.published += g.count;
    if (reported(g.status) && g.compliant) r.compliant += g.count;
  }
  std::map<std::string, long long> quota_of;
  for (const auto& cr : c.regions) quota_of[cr.region_code] = cr.quota;
  std::vector<RankRow> ranking;
  for (auto& [code, r] : rows) {
    r.region_name = region_name_of(app, code);
    r.quota = quota_of.count(code) ? quota_of[code] : 0;
    r.quota_share = r.quota > 0 ? percent(r.enterprises, r.quota) : 0;
    ranking.push_back({code, r.published, r.submitted, r.enterprises, 0});
  }
  rank_regions(ranking);
  for (const auto& rr : ranking) {
    RegionStatRow r = rows[rr.region_code];
    r.rank = rr.rank;
    s.regions.push_back(std::move(r));
  }

  // By industry: the members' own codes, then the campaign's clusters.
  std::map<std::string, std::optional<Industry>> known;
  std::map<std::string, const Industry*> industry_by_code;
  auto remember = [&](const std::string& code) {
    auto [it, fresh] = known.emplace(code, std::nullopt);
    if (fresh) it->second = cached_industry(app, code);
    if (it->second) industry_by_code[code] = &*it->second;
  };
  for (const auto& g : members) remember(g.industry_code);
  for (const auto& g : results) remember(g.industry_code);
  for (const auto& code : c.industries) remember(code);
  std::map<std::string, IndustryStatRow> by_industry;
  auto industry_row = [&](const std::string& code) -> IndustryStatRow& {
    auto& r = by_industry[code];
    if (r.code.empty()) {
      r.code = code;
      auto it = industry_by_code.find(code);
      r.name = it != industry_by_code.end() ? it->second->name : code;
      r.kind = it != industry_by_code.end() ? it->second->kind : "";
    }
    return r;
  };
  for (const auto& g : members) industry_row(g.industry_code).enterprises += g.count;
  for (const auto& g : results) {
    auto& r = industry_row(g.industry_code);
    r.results += g.count;
    if (g.status == "published") r.published += g.count;
  }
  for (const auto& [code, r] : by_industry) s.industries.push_back(r);
  std::sort(s.industries.begin(), s.industries.end(), [](const auto& a, const auto& b) {
    return a.enterprises > b.enterprises || (a.enterprises == b.enterprises && a.code < b.code);
  });
  for (const auto& code : c.industries) {
    auto it = industry_by_code.find(code);
    if (it == industry_by_code.end() || it->second->kind != "cluster") continue;
    std::set<std::string> member_codes(it->second->members.begin(), it->second->members.end());
    IndustryStatRow r{code, it->second->name, "cluster", 0, 0, 0};
    for (const auto& g : members)
      if (member_codes.count(g.industry_code)) r.enterprises += g.count;
    for (const auto& g : results)
      if (member_codes.count(g.industry_code)) {
        r.results += g.count;
        if (g.status == "published") r.published += g.count;
      }
    s.industries.push_back(r);
  }

  // By batch.
  std::map<int, BatchStatRow> by_batch;
  for (const auto& b : c.batches) by_batch[b.batch] = {b.batch, b.name, 0, 0, 0};
  for (const auto& g : members) by_batch[g.batch].enterprises += g.count;
  for (const auto& g : results) {
    auto& r = by_batch[g.batch];
    r.results += g.count;
    if (g.status == "published") r.published += g.count;
  }
  for (auto& [b, r] : by_batch) {
    r.batch = b;
    if (r.name.empty()) r.name = b == 0 ? "未分批" : "第" + std::to_string(b) + "批";
    if (b == 0 && r.enterprises == 0 && r.results == 0) continue;
    s.batches.push_back(r);
  }

  // By month (China time).
  std::map<std::string, MonthStatRow> by_month;
  for (const auto& m : months) {
    auto& r = by_month[m.month];
    if (m.kind == "added") r.members_added += m.count;
    if (m.kind == "submitted") r.submitted += m.count;
    if (m.kind == "published") r.published += m.count;
  }
  for (auto& [m, r] : by_month) {
    r.month = m;
    s.months.push_back(r);
  }

  // Quotas of the participating regions inside the scope.
  long long quota_members = 0;
  std::vector<std::string> quota_codes;
  for (const auto& cr : c.regions)
    if (cr.quota > 0 && path_in_subtree(cr.region_path, scope->lo))
      quota_codes.push_back(cr.region_code);
  auto quota_progress = progress_of(app, c.id, scope_code, quota_codes);
  for (const auto& cr : c.regions) {
    if (cr.quota <= 0 || !path_in_subtree(cr.region_path, scope->lo)) continue;
    QuotaRow q{cr.region_code, cr.region_name, cr.quota, 0, 0};
    if (auto it = quota_progress.find(cr.region_code); it != quota_progress.end())
      q.enterprises = it->second.members;
    q.share = percent(q.enterprises, q.quota);
    s.quota += q.quota;
    quota_members += q.enterprises;
    s.quotas.push_back(q);
  }
  // Against the quotas, only the enterprises of the regions that have one count.
  s.quota_share = s.quota > 0 ? percent(quota_members, s.quota) : 0;

  // Conversion rate and consistency degree from the plans' standards and the catalog.
  std::vector<std::string> benchmarked, adopted_keys;
  for (const auto& [role, number] : plan_standards) {
    if (role != "benchmark") continue;
    auto parsed = parse_standard_number(number);
    if (parsed && parsed.value.kind == StandardKind::kInternational)
      benchmarked.push_back(standard_key(parsed.value));
  }
  for (const auto& a : adopted) adopted_keys.push_back(key_of(a));
  s.conversion = {conversion_rate(benchmarked, adopted_keys), kConversionDefinition};
  std::map<std::string, std::string> adoption_of(adoptions.begin(), adoptions.end());
  std::vector<std::pair<std::string, std::string>> domestic;
  for (const auto& [role, number] : plan_standards) {
    if (role != "domestic") continue;
    auto parsed = parse_standard_number(number);
    if (!parsed || (parsed.value.kind != StandardKind::kNational &&
                    parsed.value.kind != StandardKind::kIndustry))
      continue;
    std::string adoption = adoption_of.count(number) ? adoption_of[number] : "";
    if (adoption.empty() && parsed.value.adopts) adoption = "IDT";  // a double number adopts IDT
    domestic.emplace_back(standard_key(parsed.value), adoption);
  }
  s.consistency = {consistency_degree(domestic), kConsistencyDefinition};

  // Targets against the figures.
  std::set<std::string> divisions;
  for (const auto& g : members)
    if (!g.industry_code.empty()) divisions.insert(g.industry_code);
  std::string today = today_in_china();
  for (const auto& t : c.targets) {
    const MetricDef* def = find_metric(t.metric);
    TargetRow row;
    row.metric = t.metric;
    row.label = t.label;
    row.unit = def ? std::string(def->unit_zh) : "";
    row.value = t.value;
    row.due_date = t.due_date;
    row.computed = def && def->computed;
    if (t.metric == "enterprises")
      row.actual = static_cast<double>(s.enterprises);
    else if (t.metric == "industries")
      row.actual = static_cast<double>(divisions.size());
    else if (t.metric == "products")
      row.actual = static_cast<double>(s.products);
    else if (t.metric == "plans")
      row.actual = static_cast<double>(s.plans);
    else if (t.metric == "results_submitted")
      row.actual = static_cast<double>(s.submitted);
    else if (t.metric == "results_published")
      row.actual = static_cast<double>(s.published);
    else if (t.metric == "compliant_rate")
      row.actual = percent(s.compliant, s.submitted);
    else if (t.metric == "conversion_rate")
      row.actual = s.conversion.figure.rate;
    else if (t.metric == "consistency")
      row.actual = s.consistency.figure.rate;
    else
      row.actual = t.manual_actual.value_or(0);
    row.share = target_share(row.actual, row.value);
    row.overdue = !row.due_date.empty() && today > row.due_date && row.actual < row.value;
    s.targets.push_back(std::move(row));
  }

  s.phases = phase_rows(app, c, scope_code, scope->lo);
  return s;
}

Result<std::shared_ptr<const CampaignResultsAnswer>> campaign_results_answer(
    App& app, const Caller& caller, long long id, const CampaignResultQuery& q, const Page& page) {
  if (!caller.user) return fail(Error::unauthenticated());
  long long epoch = campaign_stats_epoch(app);  // before the rows kept under it
  auto access = campaign_data_access_at(app, caller, id, epoch);
  if (!access) return fail(access.error());
  auto scope = narrow_scope(app, (*access)->scope, q.region_code);
  if (!scope) return fail(scope.error());
  CampaignResultFilter f;
  f.batch = static_cast<int>(q.batch);
  f.status = q.status;
  if (!f.status.empty() && f.status != "reported" && !is_result_status(f.status))
    return fail(Error::field("status", "未知的结果状态“" + f.status + "”"));
  if (q.compliant == "1" || q.compliant == "true")
    f.compliant = 1;
  else if (q.compliant == "0" || q.compliant == "false")
    f.compliant = 0;
  else if (!q.compliant.empty())
    return fail(Error::field("compliant", "compliant 应为 1（达标）或 0（未达标）"));
  f.rollup = q.rollup;
  if (!f.rollup.empty() && !parse_roll_up_kind(f.rollup))
    return fail(Error::field("rollup", "未知的对标结论“" + f.rollup + "”"));
  if (!q.month.empty()) {
    if (q.month.size() != 7 || !is_iso_date(q.month + "-01"))
      return fail(Error::field("month", "month 应为 YYYY-MM"));
    f.time_field = q.status == "published" ? 2 : 1;
    f.t0 = cst_day_start(q.month + "-01");
    int y = std::stoi(q.month.substr(0, 4)), m = std::stoi(q.month.substr(5, 2));
    char next[32];  // room for any int year: the compiler cannot know it has four digits
    std::snprintf(next, sizeof next, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
    f.t1 = cst_day_start(next);
  }
  // The page as the tables under the epoch make it: everything the query reads and binds.
  CacheKey key;
  key.add(id).add(scope->lo).add(scope->hi).add(q.industry_code).add(f.batch).add(f.status);
  key.add(f.compliant).add(f.rollup).add(f.time_field).add(f.t0).add(f.t1).add(page.page);
  key.add(page.page_size).add(epoch);
  std::optional<Error> refused;
  auto answer = app.caches->campaign_results.get(
      key.str(), [&]() -> std::shared_ptr<const CampaignResultsAnswer> {
        auto industries = industry_filter_codes(app, q.industry_code);
        if (!industries) {
          refused = industries.error();
          return nullptr;
        }
        f.industry_codes = *industries;
        StatsRange range{id, scope_code_of(scope->lo), scope->lo, scope->hi, false};
        PageResult<CampaignResultRow> out;
        app.db.read([&](Tx& tx) { out = list_campaign_results(tx, range, f, page); });
        return std::make_shared<const CampaignResultsAnswer>(std::move(out));
      });
  if (!answer) return fail(*refused);
  return answer;
}

Result<PageResult<CampaignResultRow>> campaign_results(App& app, const Caller& caller, long long id,
                                                       const CampaignResultQuery& q,
                                                       const Page& page) {
  auto answer = campaign_results_answer(app, caller, id, q, page);
  if (!answer) return fail(answer.error());
  return (*answer)->value;
}

}  // namespace duibiao
