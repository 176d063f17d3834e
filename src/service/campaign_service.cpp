#include "service/campaign_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/progress_report.h"
#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/campaign_stats_service.h"
#include "store/campaign_stats_store.h"
#include "store/enterprise_store.h"
#include "store/reference_store.h"
#include "store/user_store.h"

namespace duibiao {
namespace {

constexpr const char* kNotFound = "专项行动不存在";
constexpr size_t kMaxRegions = 500;
constexpr size_t kMaxTargets = 50;
constexpr size_t kMaxIndustries = 200;
constexpr size_t kMaxMembersPerCall = 500;

// The level and region of the campaigns a role runs: national office → national, province and
// city regulators → their own region. Others run none.
std::optional<std::string> office_level(const User& u) {
  switch (u.role) {
    case Role::kNationalOffice:
      return "national";
    case Role::kProvinceRegulator:
      return "province";
    case Role::kCityRegulator:
      return "city";
    default:
      return std::nullopt;
  }
}

std::string office_region(const User& u) {
  return u.role == Role::kNationalOffice || u.region_code.empty() ? std::string(kNationalRegionCode)
                                                                  : u.region_code;
}

bool owns(const User& u, const Campaign& c) {
  auto level = office_level(u);
  return level && *level == c.level && office_region(u) == c.region_code;
}

CampaignVisibility visibility_of(const User& u) {
  CampaignVisibility v;
  v.containing.assign(4, "!");  // "!" sorts before "/": no path equals it
  switch (u.role) {
    case Role::kAdmin:
    case Role::kNationalOffice:
    case Role::kTechnicalBody:
    case Role::kExpert:
      v.all = true;
      break;
    case Role::kCountyRegulator:
    case Role::kCityRegulator:
    case Role::kProvinceRegulator: {
      auto range = subtree_range(u.region_path);
      v.lo = range.lo;
      v.hi = range.hi;
      // The caller's ancestors, root first: "/", "/33/", "/33/3302/" for a county.
      size_t i = 0;
      for (size_t pos = 0; i < 4 && pos < u.region_path.size(); ++pos) {
        if (u.region_path[pos] != '/') continue;
        std::string prefix = u.region_path.substr(0, pos + 1);
        if (prefix != u.region_path) v.containing[i++] = prefix;
      }
      break;
    }
    case Role::kEnterprise:
      v.enterprise_id = u.enterprise_id ? u.enterprise_id : -1;
      break;
  }
  return v;
}

bool data_role(Role r) {
  return is_regulator(r) || r == Role::kNationalOffice || r == Role::kAdmin;
}

// The rows a data caller may read in a campaign: the deeper of its own subtree and the campaign's
// region (one contains the other when the campaign is visible to it).
std::optional<Scope> intersect(const Scope& caller, const std::string& campaign_path) {
  auto range = subtree_range(campaign_path);
  Scope s = caller;
  if (path_in_subtree(campaign_path, caller.lo)) {
    s.lo = range.lo;
    s.hi = range.hi;
  } else if (!path_in_subtree(caller.lo, campaign_path)) {
    return std::nullopt;
  }
  return s;
}

CampaignView view_of(App& app, const User& u, Campaign c, bool with_phases) {
  CampaignView v;
  v.can_edit = owns(u, c);
  v.can_add_members = is_regulator(u.role) || u.role == Role::kNationalOffice;
  v.can_view_stats = data_role(u.role);
  for (const auto& r : c.regions) v.quota_total += r.quota;
  v.phase_overdue.assign(c.phases.size(), false);
  if (with_phases && data_role(u.role)) {
    if (auto scope = data_scope(u); scope)
      if (auto s = intersect(*scope, c.region_path))
        v.phase_overdue = phase_overdue_flags(app, c, *s);
  }
  v.campaign = std::move(c);
  return v;
}

std::string audit_json(const Campaign& c) {
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : c.regions)
    regions.push_back({{"region_code", r.region_code}, {"quota", r.quota}});
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : c.targets)
    targets.push_back({{"metric", t.metric}, {"value", t.value}, {"due_date", t.due_date}});
  nlohmann::json phases = nlohmann::json::array();
  for (const auto& p : c.phases) phases.push_back({{"key", p.key}, {"due_date", p.due_date}});
  return nlohmann::json{{"id", c.id},
                        {"name", c.name},
                        {"level", c.level},
                        {"region_code", c.region_code},
                        {"parent_id", c.parent_id},
                        {"year", c.year},
                        {"batch", c.batch},
                        {"start_date", c.start_date},
                        {"end_date", c.end_date},
                        {"review_top", c.review_top},
                        {"industries", c.industries},
                        {"phases", phases},
                        {"targets", targets},
                        {"regions", regions}}
      .dump();
}

std::string text_field(std::string_view s) {
  return std::string(trim(s));
}

// Checks the input and builds the campaign's definition; `c` carries level, region and path.
Result<void> validate(App& app, const User& u, const CampaignInput& in, Campaign& c) {
  std::map<std::string, std::string> fields;
  c.name = text_field(in.name);
  if (c.name.empty())
    fields["name"] = "请填写专项行动名称";
  else if (utf8_length(c.name) > 100)
    fields["name"] = "名称最多100个字";
  if (in.year < 2018 || in.year > 2100) fields["year"] = "年度应在 2018 至 2100 之间";
  c.year = static_cast<int>(in.year);
  if (in.batch < 0 || in.batch > 9) fields["batch"] = "批次应为 0（不分批）至 9";
  c.batch = static_cast<int>(in.batch);
  c.description = text_field(in.description);
  if (utf8_length(c.description) > 2000) fields["description"] = "说明最多2000个字";
  c.start_date = text_field(in.start_date);
  c.end_date = text_field(in.end_date);
  if (!is_iso_date(c.start_date)) fields["start_date"] = "开始日期应为 YYYY-MM-DD 格式的有效日期";
  if (!is_iso_date(c.end_date))
    fields["end_date"] = "结束日期应为 YYYY-MM-DD 格式的有效日期";
  else if (is_iso_date(c.start_date) && c.end_date < c.start_date)
    fields["end_date"] = "结束日期不能早于开始日期";
  c.review_top = text_field(in.review_top);
  if (c.review_top != "" && c.review_top != "national" && c.review_top != "province")
    fields["review_top"] = "审核终点应为空（按平台设置）、national（国家）或 province（省级）";
  if (c.level == "city" && c.review_top == "national") {
    // A city campaign may still send its results to the national office: allowed.
  }

  auto in_campaign_region = [&](const std::string& code, const std::string& field,
                                std::string* path_out) -> bool {
    auto r = cached_region(app, code);
    if (!r) {
      fields[field] = "行政区划代码“" + code + "”不存在";
      return false;
    }
    if (r->path == c.region_path || !path_in_subtree(r->path, c.region_path)) {
      fields[field] = "“" + r->name + "”不在本专项行动的区域（" + c.region_name + "）之内";
      return false;
    }
    if (path_out) *path_out = r->path;
    return true;
  };

  // Industries: GB/T 4754 sections, divisions or the seeds' clusters.
  c.industries.clear();
  if (in.industries.size() > kMaxIndustries) fields["industries"] = "行业最多200个";
  std::set<std::string> seen_industries;
  app.db.read([&](Tx& tx) {
    for (size_t i = 0; i < in.industries.size() && i < kMaxIndustries; ++i) {
      std::string code = text_field(in.industries[i]);
      if (!find_industry(tx, code)) {
        fields["industries[" + std::to_string(i) + "]"] = "行业代码“" + code + "”不存在";
        continue;
      }
      if (seen_industries.insert(code).second) c.industries.push_back(code);
    }
  });

  // Participating regions with quotas (附件1), then the batches' cities.
  c.regions.clear();
  std::map<std::string, size_t> region_index;
  if (in.regions.size() > kMaxRegions) fields["regions"] = "参与地区最多500个";
  for (size_t i = 0; i < in.regions.size() && i < kMaxRegions; ++i) {
    std::string key = "regions[" + std::to_string(i) + "]";
    std::string code = text_field(in.regions[i].region_code);
    std::string path;
    if (!in_campaign_region(code, key + ".region_code", &path)) continue;
    if (in.regions[i].quota < 0 || in.regions[i].quota > 1000000) {
      fields[key + ".quota"] = "企业数指标应为 0 至 1000000 的整数";
      continue;
    }
    if (region_index.count(code)) {
      fields[key + ".region_code"] = "地区重复";
      continue;
    }
    region_index[code] = c.regions.size();
    c.regions.push_back({code, cached_region(app, code)->name, path, in.regions[i].quota, 0});
  }
  c.batches.clear();
  std::set<int> batch_numbers;
  for (size_t i = 0; i < in.batches.size() && i < 20; ++i) {
    std::string key = "batches[" + std::to_string(i) + "]";
    CampaignBatch b = in.batches[i];
    b.name = text_field(b.name);
    b.start_date = text_field(b.start_date);
    if (b.batch < 1 || b.batch > 9) {
      fields[key + ".batch"] = "批次应为 1 至 9";
      continue;
    }
    if (!batch_numbers.insert(b.batch).second) fields[key + ".batch"] = "批次重复";
    if (utf8_length(b.name) > 50) fields[key + ".name"] = "批次名称最多50个字";
    if (!b.start_date.empty() && !is_iso_date(b.start_date))
      fields[key + ".start_date"] = "开始日期应为 YYYY-MM-DD 格式的有效日期";
    std::vector<std::string> codes;
    for (size_t j = 0; j < b.regions.size() && j < kMaxRegions; ++j) {
      std::string code = text_field(b.regions[j]);
      std::string path;
      if (!in_campaign_region(code, key + ".regions[" + std::to_string(j) + "]", &path)) continue;
      codes.push_back(code);
      if (auto it = region_index.find(code); it != region_index.end()) {
        c.regions[it->second].batch = b.batch;
      } else {
        region_index[code] = c.regions.size();
        c.regions.push_back({code, cached_region(app, code)->name, path, 0, b.batch});
      }
    }
    b.regions = codes;
    c.batches.push_back(std::move(b));
  }

  // Phases: the four of the seeds, each at most once, in their order.
  c.phases.clear();
  std::set<std::string> phase_keys;
  for (size_t i = 0; i < in.phases.size() && i < 10; ++i) {
    std::string key = "phases[" + std::to_string(i) + "]";
    CampaignPhase p = in.phases[i];
    p.key = text_field(p.key);
    p.name = text_field(p.name);
    p.due_date = text_field(p.due_date);
    if (!is_phase_key(p.key)) {
      fields[key + ".key"] =
          "阶段应为 select（确定对标企业）、plans（制定/选用技术方案）、"
          "results（对标达标）或 summary（总结）";
      continue;
    }
    if (!phase_keys.insert(p.key).second) {
      fields[key + ".key"] = "阶段重复";
      continue;
    }
    if (p.name.empty())
      for (const auto& d : campaign_phase_defs())
        if (d.key == p.key) p.name = std::string(d.name_zh);
    if (utf8_length(p.name) > 50) fields[key + ".name"] = "阶段名称最多50个字";
    if (!p.due_date.empty() && !is_iso_date(p.due_date))
      fields[key + ".due_date"] = "截止日期应为 YYYY-MM-DD 格式的有效日期";
    c.phases.push_back(std::move(p));
  }
  auto order = [](const std::string& k) {
    const auto& defs = campaign_phase_defs();
    for (size_t i = 0; i < defs.size(); ++i)
      if (defs[i].key == k) return i;
    return defs.size();
  };
  std::stable_sort(
      c.phases.begin(), c.phases.end(),
      [&](const CampaignPhase& a, const CampaignPhase& b) { return order(a.key) < order(b.key); });

  // Targets.
  c.targets.clear();
  if (in.targets.size() > kMaxTargets) fields["targets"] = "目标最多50项";
  for (size_t i = 0; i < in.targets.size() && i < kMaxTargets; ++i) {
    std::string key = "targets[" + std::to_string(i) + "]";
    const auto& t = in.targets[i];
    const MetricDef* def = find_metric(text_field(t.metric));
    if (!def) {
      fields[key + ".metric"] = "未知的目标指标“" + t.metric + "”";
      continue;
    }
    CampaignTarget target{std::string(def->metric), text_field(t.label), t.value,
                          text_field(t.due_date), std::nullopt};
    if (target.label.empty()) {
      if (def->metric == "manual")
        fields[key + ".label"] = "其他指标请填写指标名称";
      else
        target.label = std::string(def->label_zh);
    }
    if (utf8_length(target.label) > 100) fields[key + ".label"] = "指标名称最多100个字";
    if (!std::isfinite(t.value) || t.value <= 0 || t.value > 1e9)
      fields[key + ".value"] = "目标值应为大于 0 的数";
    if (def->unit_zh == "%" && t.value > 100) fields[key + ".value"] = "百分比目标不能超过 100";
    if (!target.due_date.empty() && !is_iso_date(target.due_date))
      fields[key + ".due_date"] = "日期应为 YYYY-MM-DD 格式的有效日期";
    if (t.manual_actual) {
      if (def->computed)
        fields[key + ".manual_actual"] = "该指标由平台根据数据计算，不能手工填写";
      else if (!std::isfinite(*t.manual_actual) || *t.manual_actual < 0 || *t.manual_actual > 1e9)
        fields[key + ".manual_actual"] = "完成值应为不小于 0 的数";
      else
        target.manual_actual = *t.manual_actual;
    }
    c.targets.push_back(std::move(target));
  }

  // Due days of the 附件3 reports per filing level.
  c.report_due.clear();
  for (const auto& [level, days] : in.report_due) {
    std::string key = "report_due." + level;
    if (level != "county" && level != "city" && level != "province") {
      fields[key] = "报表层级应为 county、city 或 province";
      continue;
    }
    if (!is_month_day(days.first)) fields[key + ".h1"] = "半年报截止日应为 MM-DD，如 07-05";
    if (!is_month_day(days.second)) fields[key + ".h2"] = "年报截止日应为 MM-DD，如 01-05";
    c.report_due[level] = days;
  }

  // The parent: a campaign of a higher level whose region contains this one.
  c.parent_id = in.parent_id;
  c.parent_name.clear();
  if (in.parent_id != 0) {
    std::optional<Campaign> parent;
    app.db.read([&](Tx& tx) { parent = find_campaign(tx, visibility_of(u), in.parent_id); });
    if (!parent)
      fields["parent_id"] = "上级专项行动不存在";
    else if (parent->id == c.id)
      fields["parent_id"] = "上级专项行动不能是它自己";
    else if (campaign_level_rank(parent->level) >= campaign_level_rank(c.level))
      fields["parent_id"] = "上级专项行动应是更高一级（国家、省、市）的行动";
    else if (!path_in_subtree(c.region_path, parent->region_path))
      fields["parent_id"] = "上级专项行动的区域（" + parent->region_name + "）不包含本行动的区域";
    else
      c.parent_name = parent->name;
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

Result<const User*> require_office(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if (!office_level(**me))
    return fail(Error::forbidden("只有国家专项行动办公室、省级和市级市场监管部门可以组织专项行动"));
  return *me;
}

}  // namespace

Result<PageResult<CampaignView>> list_campaigns_for(App& app, const Caller& caller,
                                                    const CampaignFilter& f, const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  CampaignFilter filter = f;
  filter.q = to_lower_ascii(trim(f.q));
  if (!filter.level.empty() && !is_campaign_level(filter.level))
    return fail(Error::field("level", "level 应为 national、province 或 city"));
  PageResult<Campaign> rows;
  app.db.read([&](Tx& tx) { rows = list_campaigns(tx, visibility_of(**me), filter, page); });
  PageResult<CampaignView> out;
  out.total = rows.total;
  for (auto& c : rows.items) out.items.push_back(view_of(app, **me, std::move(c), false));
  return out;
}

Result<CampaignView> get_campaign(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  std::optional<Campaign> c;
  app.db.read([&](Tx& tx) { c = find_campaign(tx, visibility_of(**me), id); });
  if (!c) return fail(Error::not_found(kNotFound));
  return view_of(app, **me, std::move(*c), true);
}

Result<CampaignView> create_campaign(App& app, const Caller& caller, const CampaignInput& in) {
  auto me = require_office(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  Campaign c;
  c.level = *office_level(u);
  c.region_code = office_region(u);
  auto region = cached_region(app, c.region_code);
  if (!region) return fail(Error::forbidden("账号未绑定有效的行政区划"));
  c.region_name = region->name;
  c.region_path = region->path;
  if (auto ok = validate(app, u, in, c); !ok) return fail(ok.error());
  c.created_by = u.id;
  c.created_at = c.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    c.id = insert_campaign(tx, c);
    record_audit(tx, caller, "create", "campaign", std::to_string(c.id), c.region_path, 0,
                 "创建专项行动 " + c.name, "", audit_json(c));
  });
  return get_campaign(app, caller, c.id);
}

Result<CampaignView> update_campaign_entry(App& app, const Caller& caller, long long id,
                                           const CampaignInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  std::optional<Campaign> before;
  app.db.read([&](Tx& tx) { before = find_campaign(tx, visibility_of(u), id); });
  if (!before) return fail(Error::not_found(kNotFound));
  if (!owns(u, *before)) return fail(Error::forbidden("只有组织该专项行动的部门可以修改"));
  if (in.version <= 0) return fail(Error::field("version", "请提交编辑开始时的版本号 version"));
  Campaign c = *before;
  if (auto ok = validate(app, u, in, c); !ok) return fail(ok.error());
  c.updated_at = now_unix();
  bool stale = false;
  app.db.write([&](Tx& tx) {
    if (!update_campaign(tx, c, static_cast<int>(in.version))) {
      stale = true;
      return;
    }
    refresh_member_batches(tx, id);
    record_audit(tx, caller, "update", "campaign", std::to_string(id), c.region_path, 0,
                 "修改专项行动 " + c.name, audit_json(*before), audit_json(c));
  });
  if (stale)
    return fail(Error::conflict("该专项行动已被他人修改（当前版本 " +
                                std::to_string(before->version) + "），请刷新后再改"));
  return get_campaign(app, caller, id);
}

Result<void> delete_campaign_entry(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  Result<void> out;
  bool found = false;
  app.db.write([&](Tx& tx) {
    auto c = find_campaign(tx, visibility_of(u), id);
    if (!c) return;
    found = true;
    if (!owns(u, *c)) {
      out = fail(Error::forbidden("只有组织该专项行动的部门可以删除"));
      return;
    }
    if (count_members(tx, id) > 0 || count_child_campaigns(tx, id) > 0 ||
        count_campaign_work(tx, id) > 0) {
      out =
          fail(Error::conflict("该专项行动已有参与企业、下级行动、附件2名单或进展报表，不能删除"));
      return;
    }
    delete_campaign(tx, id);
    record_audit(tx, caller, "delete", "campaign", std::to_string(id), c->region_path, 0,
                 "删除专项行动 " + c->name, audit_json(*c), "");
  });
  if (!found) return fail(Error::not_found(kNotFound));
  return out;
}

Result<CampaignAccess> campaign_data_access(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  std::optional<Campaign> c;
  app.db.read([&](Tx& tx) { c = find_campaign(tx, visibility_of(u), id); });
  if (!c) return fail(Error::not_found(kNotFound));
  if (!data_role(u.role)) return fail(Error::forbidden("当前角色无权查看专项行动的企业和统计数据"));
  auto scope = data_scope(u);
  if (!scope) return fail(Error::forbidden("当前角色无权查看专项行动的企业和统计数据"));
  auto s = intersect(*scope, c->region_path);
  if (!s) return fail(Error::not_found(kNotFound));
  return CampaignAccess{std::move(*c), *s};
}

long long campaign_stats_epoch(App& app) {
  long long epoch = 0;
  app.db.read([&](Tx& tx) { epoch = stats_epoch(tx); });
  return epoch;
}

Result<std::shared_ptr<const CampaignAccess>> campaign_data_access_at(App& app,
                                                                      const Caller& caller,
                                                                      long long id,
                                                                      long long epoch) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  // Everything of the caller that visibility_of, data_role and data_scope look at.
  CacheKey key;
  key.add(id)
      .add(static_cast<long long>(u.role))
      .add(u.region_path)
      .add(u.enterprise_id)
      .add(epoch);
  std::optional<Error> refused;
  auto access =
      app.caches->campaign_access.get(key.str(), [&]() -> std::shared_ptr<const CampaignAccess> {
        auto a = campaign_data_access(app, caller, id);
        if (!a) {
          refused = a.error();
          return nullptr;
        }
        return std::make_shared<const CampaignAccess>(std::move(*a));
      });
  if (!access) return fail(*refused);
  return access;
}

Result<CampaignAccess> campaign_member_access(App& app, const Caller& caller, long long id) {
  auto access = campaign_data_access(app, caller, id);
  if (!access) return access;
  const User& u = *caller.user;
  if (!is_regulator(u.role) && u.role != Role::kNationalOffice)
    return fail(Error::forbidden("只有市场监管部门和国家专项行动办公室可以确定参与企业"));
  return access;
}

Result<Scope> narrow_scope(App& app, const Scope& scope, const std::string& region_code) {
  if (region_code.empty()) return scope;
  auto r = cached_region(app, region_code);
  if (!r || !path_in_subtree(r->path, scope.lo))
    return fail(Error::not_found("地区不存在或不在您的管辖范围内"));
  auto range = subtree_range(r->path);
  return Scope{range.lo, range.hi, scope.enterprise_id};
}

Result<std::vector<std::string>> industry_filter_codes(App& app, const std::string& code) {
  if (code.empty()) return std::vector<std::string>{};
  std::optional<Industry> ind;
  std::vector<Industry> all;
  app.db.read([&](Tx& tx) {
    ind = find_industry(tx, code);
    if (ind && ind->kind == "section") all = list_industries(tx);
  });
  if (!ind) return fail(Error::field("industry_code", "行业代码“" + code + "”不存在"));
  std::vector<std::string> codes;
  if (ind->kind == "cluster") {
    codes = ind->members;
  } else if (ind->kind == "section") {
    codes.push_back(code);
    for (const auto& i : all)
      if (i.parent_code == code) codes.push_back(i.code);
  } else {
    codes.push_back(code);
  }
  if (codes.size() > 8) codes.resize(8);
  return codes;
}

PageResult<CampaignMember> CampaignMembersAnswer::with_names(const AddedByNames& names) const {
  PageResult<CampaignMember> out = value;
  for (auto& m : out.items)
    if (auto it = names.find(m.added_by); it != names.end()) m.added_by_name = it->second;
  return out;
}

Result<CampaignMembersPage> campaign_members_page(App& app, const Caller& caller, long long id,
                                                  const MemberQuery& q, const Page& page) {
  if (!caller.user) return fail(Error::unauthenticated());
  long long epoch = campaign_stats_epoch(app);  // before the data kept under it
  auto access = campaign_data_access_at(app, caller, id, epoch);
  if (!access) return fail(access.error());
  const Scope& scope = (*access)->scope;
  auto narrowed = narrow_scope(app, scope, q.region_code);
  if (!narrowed) return fail(narrowed.error());
  static const std::set<std::string> statuses = {"",
                                                 "none",
                                                 "reported",
                                                 "draft",
                                                 "returned",
                                                 "submitted",
                                                 "county_reviewed",
                                                 "city_recommended",
                                                 "province_recommended",
                                                 "accepted",
                                                 "published"};
  if (!statuses.count(q.result_status))
    return fail(Error::field("result_status", "未知的结果状态“" + q.result_status + "”"));
  // The page as the tables under the epoch make it: everything the query reads and binds.
  CacheKey key;
  key.add(id).add(scope.lo).add(scope.hi).add(scope.enterprise_id).add(narrowed->lo);
  key.add(narrowed->hi).add(q.q).add(q.industry_code).add(q.batch).add(q.result_status);
  key.add(q.rollup).add(page.page).add(page.page_size).add(epoch);
  std::optional<Error> refused;
  auto entry = app.caches->campaign_members.get(
      key.str(), [&]() -> std::shared_ptr<const CampaignMembersAnswer> {
        auto industries = industry_filter_codes(app, q.industry_code);
        if (!industries) {
          refused = industries.error();
          return nullptr;
        }
        MemberFilter f;
        f.q = to_lower_ascii(trim(q.q));
        f.lo = narrowed->lo;
        f.hi = narrowed->hi;
        f.industry_codes = *industries;
        f.batch = static_cast<int>(q.batch);
        f.result_status = q.result_status;
        f.rollup = q.rollup;
        PageResult<CampaignMember> out;
        app.db.read([&](Tx& tx) { out = list_members(tx, scope, id, f, page); });
        return std::make_shared<const CampaignMembersAnswer>(std::move(out));
      });
  if (!entry) return fail(*refused);
  // Who added a member is shown by name, read now: the users table moves no epoch.
  CampaignMembersPage out{entry, {}};
  for (const auto& m : entry->value.items)
    if (m.added_by) out.added_by.emplace(m.added_by, "");
  if (!out.added_by.empty())
    app.db.read([&](Tx& tx) {
      for (auto& [uid, name] : out.added_by)
        if (auto u = find_user_by_id(tx, uid)) name = u->display_name;
    });
  return out;
}

Result<PageResult<CampaignMember>> list_campaign_members(App& app, const Caller& caller,
                                                         long long id, const MemberQuery& q,
                                                         const Page& page) {
  auto p = campaign_members_page(app, caller, id, q, page);
  if (!p) return fail(p.error());
  return p->answer->with_names(p->added_by);
}

Result<PageResult<Enterprise>> list_campaign_candidates(App& app, const Caller& caller,
                                                        long long id, const std::string& q,
                                                        const std::string& region_code,
                                                        const Page& page) {
  auto access = campaign_member_access(app, caller, id);
  if (!access) return fail(access.error());
  auto narrowed = narrow_scope(app, access->scope, region_code);
  if (!narrowed) return fail(narrowed.error());
  PageResult<Enterprise> out;
  std::string needle = to_lower_ascii(trim(q));
  app.db.read([&](Tx& tx) {
    out = list_candidates(tx, access->scope, id, needle, narrowed->lo, narrowed->hi, page);
  });
  return out;
}

bool add_member_in(Tx& tx, const Caller& caller, const Campaign& c, const Enterprise& e) {
  if (member_exists(tx, c.id, e.id)) return false;
  CampaignMember m;
  m.campaign_id = c.id;
  m.enterprise_id = e.id;
  m.region_code = e.region_code;
  m.region_path = e.region_path;
  m.industry_code = e.industry_code;
  m.added_by = caller.user->id;
  m.added_at = now_unix();
  insert_member(tx, m);
  record_audit(tx, caller, "add_member", "campaign", std::to_string(c.id), e.region_path, e.id,
               "将企业 " + e.name + " 纳入专项行动 " + c.name, "",
               nlohmann::json{{"campaign_id", c.id}, {"enterprise_id", e.id}}.dump());
  return true;
}

Result<AddMembersReport> add_campaign_members(App& app, const Caller& caller, long long id,
                                              const std::vector<long long>& enterprise_ids) {
  auto access = campaign_member_access(app, caller, id);
  if (!access) return fail(access.error());
  if (enterprise_ids.empty()) return fail(Error::field("enterprise_ids", "请选择要添加的企业"));
  if (enterprise_ids.size() > kMaxMembersPerCall)
    return fail(Error::field("enterprise_ids", "一次最多添加 500 家企业"));
  AddMembersReport report;
  app.db.write([&](Tx& tx) {
    std::set<long long> done;
    for (long long eid : enterprise_ids) {
      if (!done.insert(eid).second) continue;
      auto e = find_enterprise(tx, access->scope, eid);
      if (!e) {
        report.skipped.emplace_back(eid, "企业不存在或不在您的管辖范围内");
        continue;
      }
      if (!add_member_in(tx, caller, access->campaign, *e)) {
        report.skipped.emplace_back(eid, "已是参与企业");
        continue;
      }
      ++report.added;
    }
    if (report.added) refresh_member_batches(tx, id);
  });
  return report;
}

Result<void> remove_campaign_member(App& app, const Caller& caller, long long id,
                                    long long enterprise_id) {
  auto access = campaign_member_access(app, caller, id);
  if (!access) return fail(access.error());
  Result<void> out = fail(Error::not_found("该企业不是本专项行动的参与企业"));
  app.db.write([&](Tx& tx) {
    auto m = find_member(tx, access->scope, id, enterprise_id);
    if (!m) return;
    if (m->has_submitted) {
      out = fail(Error::conflict("该企业已上报对标结果，不能移出专项行动"));
      return;
    }
    delete_member(tx, id, enterprise_id);
    record_audit(tx, caller, "remove_member", "campaign", std::to_string(id), m->region_path,
                 enterprise_id, "将企业 " + m->name + " 移出专项行动 " + access->campaign.name,
                 nlohmann::json{{"campaign_id", id}, {"enterprise_id", enterprise_id}}.dump(), "");
    out = {};
  });
  return out;
}

}  // namespace duibiao
