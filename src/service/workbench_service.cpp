#include "service/workbench_service.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <system_error>

#include "domain/result_rules.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "domain/workbench.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/campaign_list_service.h"
#include "service/campaign_service.h"
#include "service/enterprise_service.h"
#include "service/epoch_cache.h"
#include "service/plan_service.h"
#include "service/reference_service.h"
#include "service/result_service.h"

namespace duibiao {
namespace {

constexpr long long kWorkbenchSlotSeconds = 30;

// The 30-second slot of an office's kept page, shifted by a hash of the office: the pages of all
// offices do not all expire in the same second (227 of them recomputed at once stalled the rest).
long long slot_of(const User& u, long long now) {
  auto shift = static_cast<long long>(std::hash<std::string>{}(u.region_path) %
                                      static_cast<size_t>(kWorkbenchSlotSeconds));
  return (now + shift + static_cast<long long>(u.role)) / kWorkbenchSlotSeconds;
}

// Statuses in the order of the chain, so that charts read left to right.
constexpr const char* kResultOrder[] = {
    "draft",           "returned",         "submitted",
    "county_reviewed", "city_recommended", "province_recommended",
    "accepted",        "published"};
constexpr const char* kPlanOrder[] = {"draft",     "consultation", "notice",
                                      "published", "superseded",   "withdrawn"};

std::vector<LabeledCount> result_counts(const std::vector<KeyCount>& rows, bool with_drafts) {
  std::map<std::string, long long> by;
  for (const auto& r : rows) by[r.key] += r.count;
  std::vector<LabeledCount> out;
  for (const char* s : kResultOrder) {
    if (!with_drafts && std::string_view(s) == "draft") continue;
    out.push_back({s, std::string(result_status_label_zh(s)), by[s]});
  }
  return out;
}

std::vector<LabeledCount> plan_counts(const std::vector<KeyCount>& rows,
                                      const std::vector<std::string>& only) {
  std::map<std::string, long long> by;
  for (const auto& r : rows) by[r.key] += r.count;
  std::vector<LabeledCount> out;
  for (const char* s : kPlanOrder)
    if (only.empty() || std::find(only.begin(), only.end(), s) != only.end())
      out.push_back({s, plan_status_label_zh(s), by[s]});
  return out;
}

// The total of a list as its owning service answers it for this caller (nullopt when the
// service refuses: the figure is then not shown).
template <class T>
std::optional<long long> total_of(const Result<PageResult<T>>& r) {
  if (!r) return std::nullopt;
  return r->total;
}

SystemHealth system_health(App& app) {
  SystemHealth h;
  auto info = health(app);
  h.version = info.version;
  h.database = info.database;
  h.schema_version = info.schema_version;
  std::filesystem::path uploads(app.config.upload_dir);
  std::filesystem::path dir = uploads.has_parent_path() ? uploads.parent_path() : uploads;
  std::error_code ec;
  auto abs = std::filesystem::absolute(dir, ec);
  h.data_dir = ec ? dir.string() : abs.lexically_normal().string();
  auto space = std::filesystem::space(dir, ec);
  if (!ec) {
    h.disk_free_bytes = static_cast<long long>(space.available);
    h.disk_total_bytes = static_cast<long long>(space.capacity);
  }
  return h;
}

// Campaigns whose statistics the caller may read; the default is the one closest to the caller
// (deepest region that contains it), the newest of those.
void pick_campaign(App& app, const Caller& caller, long long wanted, Workbench& w) {
  CampaignFilter f;
  auto list = list_campaigns_for(app, caller, f, Page{1, 100});
  if (!list) return;
  const CampaignView* best = nullptr;
  const std::string& mine = caller.user->region_path;
  // Campaigns whose region contains the caller's own come first (the national campaign for the
  // national office, the city's for its counties), then any other it may read.
  auto contains_me = [&](const Campaign& c) { return mine.rfind(c.region_path, 0) == 0; };
  auto better = [&](const Campaign& a, const Campaign& b) {
    if (contains_me(a) != contains_me(b)) return contains_me(a);
    if (a.region_path.size() != b.region_path.size())
      return contains_me(a) ? a.region_path.size() > b.region_path.size()
                            : a.region_path.size() < b.region_path.size();
    return a.year > b.year;
  };
  for (const auto& v : list->items) {
    if (!v.can_view_stats) continue;
    const Campaign& c = v.campaign;
    w.campaigns.push_back({c.id, c.name, c.level, c.region_name});
    if (wanted != 0) {
      if (c.id == wanted) best = &v;
      continue;
    }
    if (!best || better(c, best->campaign)) best = &v;
  }
  if (!best) return;
  // The statistics apply the caller's scope ∩ the campaign's region themselves.
  if (auto stats = campaign_stats(app, caller, best->campaign.id, ""); stats)
    w.campaign = std::move(*stats);
}

void reviewer_part(App& app, const Caller& caller, const User& me, const Scope& scope,
                   Workbench& w) {
  ResultQuery q;
  q.queue = true;
  w.queue_waiting = total_of(list_results_for(app, caller, q, Page{1, 1}));
  q.overdue = true;
  w.queue_overdue = total_of(list_results_for(app, caller, q, Page{1, 1}));
  app.db.read([&](Tx& tx) {
    w.enterprises = count_enterprises_in(tx, scope);
    w.results_by_status = result_counts(count_results_by_status(tx, scope, true), false);
    w.activity = recent_result_activity(tx, scope, 8);
    if (me.role == Role::kNationalOffice) {
      w.plans_by_status = plan_counts(count_plans_by_status(tx, 0), {});
      w.objections_open = count_open_objections(tx, 0);
      w.notice_ended = count_notice_ended(tx, today_in_china());
    }
  });
}

void enterprise_part(App& app, const Caller& caller, const Scope& scope, Workbench& w) {
  if (auto e = my_enterprise(app, caller); e) {
    w.enterprise_name = e->name;
    w.region_name = e->region_name;
  }
  std::vector<KeyCount> rows;
  app.db.read([&](Tx& tx) {
    w.products = count_products_in(tx, scope);
    rows = count_results_by_status(tx, scope, false);
    w.returned = returned_results(tx, scope, 5);
  });
  w.results_by_status = result_counts(rows, true);
  EnterpriseProgress p;
  p.products = w.products->total;
  p.selected = w.products->selected;
  for (const auto& c : w.results_by_status) {
    p.results += c.count;
    if (c.key == "draft")
      p.drafts = c.count;
    else if (c.key == "returned")
      p.returned = c.count;
    else if (c.key == "accepted" || c.key == "published")
      p.accepted += c.count;
    else
      p.in_review += c.count;
  }
  w.next_step = std::string(enterprise_next_step(p));
  w.next_step_label = std::string(enterprise_next_step_label_zh(w.next_step));
  // Deadlines: the phases of the campaigns it takes part in, the next ones first.
  CampaignFilter f;
  if (auto list = list_campaigns_for(app, caller, f, Page{1, 50}); list) {
    std::string today = today_in_china();
    for (const auto& v : list->items)
      for (const auto& ph : v.campaign.phases) {
        if (ph.due_date.empty()) continue;
        w.deadlines.push_back(
            {v.campaign.id, v.campaign.name, ph.key, ph.name, ph.due_date, ph.due_date < today});
      }
    // Upcoming first (soonest on top), then the passed ones (latest first).
    std::sort(w.deadlines.begin(), w.deadlines.end(), [](const auto& a, const auto& b) {
      if (a.overdue != b.overdue) return !a.overdue;
      return a.overdue ? a.due_date > b.due_date : a.due_date < b.due_date;
    });
    if (w.deadlines.size() > 6) w.deadlines.resize(6);
  }
}

void plans_part(App& app, const Caller& caller, const User& me, Workbench& w) {
  app.db.read([&](Tx& tx) {
    if (me.role == Role::kTechnicalBody) {
      // Its own plans, every status, and the objections it has to answer.
      w.plans_by_status = plan_counts(count_plans_by_status(tx, me.id), {});
      w.objections_open = count_open_objections(tx, me.id);
    } else {
      // An expert reads the plans open to comment and the published ones (never drafts).
      w.plans_by_status =
          plan_counts(count_plans_by_status(tx, 0), {"consultation", "notice", "published"});
    }
  });
  SupportFilter sf;
  sf.status = "open";
  w.support_open = total_of(list_support_requests_for(app, caller, sf, Page{1, 1}));
}

void admin_part(App& app, const Caller& caller, const Scope& scope, Workbench& w) {
  std::vector<KeyCount> users, results, plans;
  app.db.read([&](Tx& tx) {
    users = count_users_by_role(tx, scope);
    results = count_results_by_status(tx, scope, true);
    plans = count_plans_by_status(tx, 0);
    w.enterprises = count_enterprises_in(tx, scope);
  });
  std::map<std::string, long long> by;
  for (const auto& u : users) by[u.key] += u.count;
  for (Role r :
       {Role::kEnterprise, Role::kCountyRegulator, Role::kCityRegulator, Role::kProvinceRegulator,
        Role::kNationalOffice, Role::kTechnicalBody, Role::kExpert, Role::kAdmin}) {
    std::string name(role_name(r));
    w.users_by_role.push_back({name, std::string(role_label_zh(r)), by[name]});
  }
  w.results_by_status = result_counts(results, false);
  w.plans_by_status = plan_counts(plans, {});
  AuditFilter af;
  if (auto rows = list_audit_entries(app, caller, af, Page{1, 8}); rows)
    for (const auto& a : rows->items)
      w.audit.push_back({a.id, a.at, a.actor_name, a.action, a.entity, a.summary});
  w.system = system_health(app);
}

}  // namespace

Result<Workbench> workbench_for(App& app, const Caller& caller, long long campaign_id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  Workbench w;
  w.role = std::string(role_name(u.role));
  w.role_label = std::string(role_label_zh(u.role));
  w.region_name = u.region_name;
  w.generated_at = now_unix();
  auto scope = data_scope(u);
  bool picks_campaign = false;
  switch (u.role) {
    case Role::kEnterprise:
      if (!scope) return fail(Error::forbidden("企业账号未绑定企业"));
      enterprise_part(app, caller, *scope, w);
      break;
    case Role::kCountyRegulator:
    case Role::kCityRegulator:
    case Role::kProvinceRegulator:
    case Role::kNationalOffice: {
      // Every office of a role and region sees the same page: kept under the statistics epoch,
      // which every write to what it counts moves on (results with their events, enterprises,
      // plans and their objections, campaigns), and for 30 seconds at most, since "overdue" and
      // "公示 over" move with the clock alone.
      CacheKey key;
      key.add(static_cast<long long>(u.role))
          .add(u.region_path)
          .add(campaign_id)
          .add(campaign_stats_epoch(app))
          .add(slot_of(u, w.generated_at));
      auto kept = app.caches->workbench.get(key.str(), [&] {
        Workbench fresh = w;
        reviewer_part(app, caller, u, *scope, fresh);
        pick_campaign(app, caller, campaign_id, fresh);
        return std::make_shared<const Workbench>(std::move(fresh));
      });
      w = *kept;
      picks_campaign = true;
      break;
    }
    case Role::kTechnicalBody:
    case Role::kExpert:
      plans_part(app, caller, u, w);
      break;
    case Role::kAdmin:
      admin_part(app, caller, *scope, w);
      pick_campaign(app, caller, campaign_id, w);
      picks_campaign = true;
      break;
  }
  // Another region's campaign reads as a missing one (never reveal what exists elsewhere).
  if (campaign_id != 0 && (!picks_campaign || !w.campaign))
    return fail(Error::not_found("专项行动不存在"));
  return w;
}

}  // namespace duibiao
