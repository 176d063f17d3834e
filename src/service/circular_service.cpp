#include "service/circular_service.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"
#include "service/campaign_stats_service.h"
#include "store/reference_store.h"

namespace duibiao {
namespace {
constexpr const char* kNotFound = "情况通报不存在";
constexpr const char* kOfficesOnly = "情况通报仅在市场监管部门和国家专项行动办公室之间往来";
constexpr const char* kStale = "该通报已被他人修改，请刷新后重试";

bool is_office(const User& u) {
  return is_regulator(u.role) || u.role == Role::kNationalOffice;
}

std::string office_region(const User& u) {
  if (u.role == Role::kNationalOffice) return std::string(kNationalRegionCode);
  if (is_regulator(u.role)) return u.region_code;
  return "";
}

Result<CircularViewer> viewer_of(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (!is_office(u) && u.role != Role::kAdmin) return fail(Error::forbidden(kOfficesOnly));
  CircularViewer v;
  v.everything = u.role == Role::kNationalOffice || u.role == Role::kAdmin;
  v.own_region = office_region(u);
  return v;
}

CircularView make_view(const User& u, Circular c) {
  CircularView v;
  std::string own = office_region(u);
  v.can_edit = !own.empty() && own == c.region_code;
  for (const auto& r : c.recipients) {
    if (r.confirmed_at > 0) ++v.confirmed;
    if (c.status == "sent" && !own.empty() && r.region_code == own && r.confirmed_at == 0)
      v.can_confirm = true;
  }
  v.circular = std::move(c);
  return v;
}

std::string audit_json(const Circular& c) {
  nlohmann::json rs = nlohmann::json::array();
  for (const auto& r : c.recipients) rs.push_back(r.region_code);
  return nlohmann::json{{"title", c.title},     {"status", c.status},
                        {"source", c.source},   {"campaign_id", c.campaign_id},
                        {"version", c.version}, {"recipients", rs}}
      .dump();
}

Result<CircularView> load(App& app, const Caller& caller, long long id) {
  auto v = viewer_of(caller);
  if (!v) return fail(v.error());
  std::optional<Circular> c;
  app.db.read([&](Tx& tx) { c = find_circular(tx, *v, id); });
  if (!c) return fail(Error::not_found(kNotFound));
  return make_view(*caller.user, std::move(*c));
}

Result<Circular> owned(App& app, const Caller& caller, long long id) {
  auto v = load(app, caller, id);
  if (!v) return fail(v.error());
  if (!v->can_edit) return fail(Error::forbidden("只有发出该通报的部门可以修改"));
  return v->circular;
}

// Validates the input against the sender's region: recipients must be its child regions.
Result<Circular> build(App& app, const User& u, Circular c, const CircularInput& in) {
  c.title = in.title;
  c.body = in.body;
  c.source = in.source;
  c.campaign_id = in.campaign_id;
  std::vector<std::string> codes = in.recipients;
  auto fields = validate_circular(c, codes);
  if (c.campaign_id < 0) fields["campaign_id"] = "campaign_id 应为正整数";
  std::string own = office_region(u);
  c.recipients.clear();
  app.db.read([&](Tx& tx) {
    for (size_t i = 0; i < codes.size(); ++i) {
      auto r = find_region(tx, codes[i]);
      if (!r || r->parent_code != own) {
        fields["recipients"] = "“" + codes[i] + "”不是本部门所辖的下一级地区";
        continue;
      }
      c.recipients.push_back({r->code, r->name, r->path, 0, 0, ""});
    }
  });
  if (!fields.empty()) return fail(Error::validation(fields));
  return c;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}
}  // namespace

Result<PageResult<CircularView>> list_circulars_for(App& app, const Caller& caller,
                                                    const CircularFilter& f, const Page& page) {
  auto v = viewer_of(caller);
  if (!v) return fail(v.error());
  if (!f.box.empty() && f.box != "sent" && f.box != "received")
    return fail(Error::field("box", "box 应为 sent（发出的）或 received（收到的）"));
  PageResult<Circular> rows;
  app.db.read([&](Tx& tx) { rows = list_circulars(tx, *v, f, page); });
  PageResult<CircularView> out;
  out.total = rows.total;
  for (auto& c : rows.items) out.items.push_back(make_view(*caller.user, std::move(c)));
  return out;
}

Result<CircularView> get_circular_for(App& app, const Caller& caller, long long id) {
  return load(app, caller, id);
}

Result<CircularView> create_circular(App& app, const Caller& caller, const CircularInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (!is_office(u))
    return fail(Error::forbidden("情况通报由市场监管部门或国家专项行动办公室发出"));
  std::string own = office_region(u);
  std::optional<Region> region;
  app.db.read([&](Tx& tx) { region = find_region(tx, own); });
  if (!region) return fail(Error::internal("用户所属行政区划不存在"));
  Circular c;
  c.region_code = region->code;
  c.region_path = region->code == kNationalRegionCode ? "/" : region->path;
  c.office_name = region->code == kNationalRegionCode ? "对标达标提升专项行动办公室"
                                                      : region->name + "市场监督管理局";
  c.author_id = u.id;
  c.author_name = u.display_name;
  c.status = "draft";
  c.created_at = c.updated_at = now_unix();
  auto built = build(app, u, c, in);
  if (!built) return fail(built.error());
  c = std::move(*built);
  app.db.write([&](Tx& tx) {
    c.id = insert_circular(tx, c);
    replace_circular_recipients(tx, c.id, c.recipients);
    record_audit(tx, caller, "create", "circular", std::to_string(c.id), c.region_path, 0,
                 "起草情况通报 " + c.title, "", audit_json(c));
  });
  return load(app, caller, c.id);
}

Result<CircularView> update_circular_for(App& app, const Caller& caller, long long id, int version,
                                         const CircularInput& in) {
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  if (before->status != "draft") return fail(Error::conflict("已发出的通报不能修改"));
  auto built = build(app, *caller.user, *before, in);
  if (!built) return fail(built.error());
  Circular c = std::move(*built);
  c.updated_at = now_unix();
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_circular(tx, c, version);
    if (!ok) return;
    replace_circular_recipients(tx, id, c.recipients);
    record_audit(tx, caller, "update", "circular", std::to_string(id), c.region_path, 0,
                 "修改情况通报 " + c.title, audit_json(*before), audit_json(c));
  });
  if (!ok) return fail(Error::conflict(kStale));
  return load(app, caller, id);
}

Result<CircularView> send_circular(App& app, const Caller& caller, long long id, int version) {
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  if (before->status != "draft") return fail(Error::conflict("该通报已经发出"));
  if (before->recipients.empty())
    return fail(Error::field("recipients", "请至少选择一个通报对象地区"));
  Circular c = *before;
  c.status = "sent";
  c.sent_at = c.updated_at = now_unix();
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_circular(tx, c, version);
    if (ok)
      record_audit(
          tx, caller, "send", "circular", std::to_string(id), c.region_path, 0,
          "发出情况通报 " + c.title + "（" + std::to_string(c.recipients.size()) + "个地区）",
          audit_json(*before), audit_json(c));
  });
  if (!ok) return fail(Error::conflict(kStale));
  return load(app, caller, id);
}

Result<void> delete_circular_for(App& app, const Caller& caller, long long id, int version) {
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  if (before->status != "draft") return fail(Error::conflict("已发出的通报不能删除"));
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = delete_draft_circular(tx, id, version);
    if (ok)
      record_audit(tx, caller, "delete", "circular", std::to_string(id), before->region_path, 0,
                   "删除情况通报草稿 " + before->title, audit_json(*before), "");
  });
  if (!ok) return fail(Error::conflict(kStale));
  return {};
}

Result<CircularView> confirm_circular_for(App& app, const Caller& caller, long long id) {
  auto v = load(app, caller, id);
  if (!v) return fail(v.error());
  const User& u = *caller.user;
  std::string own = office_region(u);
  const CircularRecipient* mine = nullptr;
  for (const auto& r : v->circular.recipients)
    if (!own.empty() && r.region_code == own) mine = &r;
  if (!mine || v->circular.status != "sent")
    return fail(Error::forbidden("只有被通报地区的监管部门可以确认收到"));
  if (mine->confirmed_at > 0) return fail(Error::conflict("本地区已确认收到该通报"));
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = confirm_circular(tx, id, own, u.id, u.display_name, now_unix());
    if (ok)
      record_audit(tx, caller, "confirm", "circular", std::to_string(id), mine->region_path, 0,
                   mine->region_name + " 确认收到情况通报 " + v->circular.title, "", "");
  });
  if (!ok) return fail(Error::conflict("本地区已确认收到该通报"));
  return load(app, caller, id);
}

Result<CircularDraft> generate_circular(App& app, const Caller& caller, const CircularGenerate& g) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if (!is_office(**me))
    return fail(Error::forbidden("情况通报由市场监管部门或国家专项行动办公室发出"));
  std::map<std::string, std::string> fields;
  if (g.campaign_id <= 0) fields["campaign_id"] = "请选择专项行动";
  if (g.kind != "overdue" && g.kind != "ranking")
    fields["kind"] = "kind 应为 overdue（逾期地区）或 ranking（进展排名）";
  if (g.kind == "overdue" && trim(g.phase_key).empty()) fields["phase_key"] = "请选择工作阶段";
  if (!fields.empty()) return fail(Error::validation(fields));
  auto campaign = get_campaign(app, caller, g.campaign_id);
  if (!campaign) return fail(campaign.error());
  const std::string own = office_region(**me);
  auto stats = campaign_stats(app, caller, g.campaign_id, "");
  if (!stats) return fail(stats.error());
  std::optional<Region> region;
  app.db.read([&](Tx& tx) { region = find_region(tx, own); });
  std::string region_name = region ? region->name : "";
  auto is_child = [&](const std::string& code) {
    std::optional<Region> r;
    app.db.read([&](Tx& tx) { r = find_region(tx, code); });
    return r && r->parent_code == own;
  };
  CircularDraft d;
  const std::string& name = campaign->campaign.name;
  if (g.kind == "overdue") {
    const PhaseRow* phase = nullptr;
    for (const auto& p : stats->phases)
      if (p.key == g.phase_key) phase = &p;
    if (!phase) return fail(Error::field("phase_key", "该专项行动没有这个工作阶段"));
    d.title = "关于" + name + "“" + phase->name + "”阶段工作进度的通报";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& [code, rname] : phase->overdue_regions) {
      rows.emplace_back(rname, "截至 " + phase->due_date + " 未完成");
      if (is_child(code)) d.recipients.push_back(code);
    }
    d.body = "按照" + name + "的安排，“" + phase->name + "”阶段应于 " + phase->due_date +
             " 前完成。" + std::to_string(phase->regions_total) + "个地区中已完成 " +
             std::to_string(phase->regions_reached) + "个，以下地区逾期未完成：\n" +
             (rows.empty() ? std::string("（无）\n") : circular_table(rows)) +
             "请上述地区抓紧推进，并于收到本通报后确认。";
  } else {
    d.title = "关于" + name + "工作进展情况的通报";
    std::vector<RegionStatRow> regions = stats->regions;
    std::sort(regions.begin(), regions.end(), [](const RegionStatRow& a, const RegionStatRow& b) {
      return a.rank != b.rank ? (a.rank == 0   ? false
                                 : b.rank == 0 ? true
                                               : a.rank < b.rank)
                              : a.region_code < b.region_code;
    });
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& r : regions) {
      std::string fig = "参与企业" + std::to_string(r.enterprises) + "家";
      if (r.quota > 0)
        fig += "（配额" + std::to_string(r.quota) + "家，完成" + percent(r.quota_share) + "）";
      fig += "，提交对标结果" + std::to_string(r.submitted) + "份，已发布" +
             std::to_string(r.published) + "份，达标" + std::to_string(r.compliant) + "份";
      rows.emplace_back(r.region_name, fig);
      if (is_child(r.region_code)) d.recipients.push_back(r.region_code);
    }
    d.body = "现将" + (region_name.empty() ? std::string() : region_name) + name +
             "各地区工作进展排名通报如下（按进展排名）：\n" +
             (rows.empty() ? std::string("（暂无参与地区）\n") : circular_table(rows)) +
             "请各地对照排名查找差距，加快推进。";
  }
  return d;
}

}  // namespace duibiao
