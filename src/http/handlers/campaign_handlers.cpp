// Campaigns (专项行动): definition, members, candidates.
#include "domain/progress_report.h"
#include "domain/result_rules.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "http/json_writer.h"
#include "io/xlsx.h"
#include "service/caches.h"
#include "service/campaign_service.h"

namespace duibiao::http {
namespace {

constexpr const char* kNotFound = "专项行动不存在";

// Every filing level with its due days (the campaign's own or the defaults).
Json report_due_json(const Campaign& c) {
  Json out = Json::object();
  for (const auto& [level, days] : default_report_due_days().by_level) {
    auto it = c.report_due.find(level);
    const auto& d = it != c.report_due.end() ? it->second : days;
    out[level] = {{"h1", d.first}, {"h2", d.second}};
  }
  return out;
}

Json campaign_json(App& app, const CampaignView& v) {
  const Campaign& c = v.campaign;
  Json industries = Json::array();
  for (const auto& code : c.industries) {
    auto i = cached_industry(app, code);
    industries.push_back(
        {{"code", code}, {"name", i ? i->name : code}, {"kind", i ? i->kind : ""}});
  }
  Json batches = Json::array();
  for (const auto& b : c.batches) {
    Json regions = Json::array();
    for (const auto& code : b.regions) {
      auto r = cached_region(app, code);
      regions.push_back({{"code", code}, {"name", r ? r->name : code}});
    }
    batches.push_back(
        {{"batch", b.batch}, {"name", b.name}, {"start_date", b.start_date}, {"regions", regions}});
  }
  Json phases = Json::array();
  for (size_t i = 0; i < c.phases.size(); ++i) {
    const auto& p = c.phases[i];
    phases.push_back({{"key", p.key},
                      {"name", p.name},
                      {"due_date", p.due_date},
                      {"overdue", i < v.phase_overdue.size() && v.phase_overdue[i]}});
  }
  Json targets = Json::array();
  for (const auto& t : c.targets) {
    Json j = {
        {"metric", t.metric}, {"label", t.label}, {"value", t.value}, {"due_date", t.due_date}};
    j["manual_actual"] = t.manual_actual ? Json(*t.manual_actual) : Json(nullptr);
    targets.push_back(j);
  }
  Json regions = Json::array();
  for (const auto& r : c.regions)
    regions.push_back({{"region_code", r.region_code},
                       {"region_name", r.region_name},
                       {"quota", r.quota},
                       {"batch", r.batch}});
  return {{"id", c.id},
          {"name", c.name},
          {"level", c.level},
          {"level_label", campaign_level_label_zh(c.level)},
          {"region_code", c.region_code},
          {"region_name", c.region_name},
          {"parent_id", c.parent_id},
          {"parent_name", c.parent_name},
          {"year", c.year},
          {"batch", c.batch},
          {"description", c.description},
          {"start_date", c.start_date},
          {"end_date", c.end_date},
          {"review_top", c.review_top},
          {"industries", industries},
          {"batches", batches},
          {"phases", phases},
          {"targets", targets},
          {"regions", regions},
          {"report_due", report_due_json(c)},
          {"quota_total", v.quota_total},
          {"member_count", c.member_count},
          {"created_at", format_time_utc(c.created_at)},
          {"updated_at", format_time_utc(c.updated_at)},
          {"version", c.version},
          {"can_edit", v.can_edit},
          {"can_add_members", v.can_add_members},
          {"can_view_stats", v.can_view_stats}};
}

Result<CampaignInput> read_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  CampaignInput c;
  c.name = in.str("name");
  c.year = in.integer("year");
  c.parent_id = in.integer("parent_id");
  c.batch = in.integer("batch");
  c.description = in.str("description");
  c.start_date = in.str("start_date");
  c.end_date = in.str("end_date");
  c.review_top = in.str("review_top");
  c.industries = in.str_list("industries");
  c.version = in.integer("version");
  auto objects = [&](const char* key, size_t max, auto&& each) {
    const Json* list = array_member(*body, in, key, max);
    if (!list) return;
    for (size_t i = 0; i < list->size(); ++i) {
      std::string path = std::string(key) + "[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        in.errors()[path] = "类型错误：应为对象";
        continue;
      }
      DtoReader r((*list)[i], path + ".");
      each(r);
      in.merge(r);
    }
  };
  objects("batches", 20, [&](DtoReader& r) {
    c.batches.push_back({static_cast<int>(r.integer("batch")), r.str("name"), r.str("start_date"),
                         r.str_list("regions")});
  });
  objects("phases", 10, [&](DtoReader& r) {
    c.phases.push_back({r.str("key"), r.str("name"), r.str("due_date")});
  });
  objects("targets", 50, [&](DtoReader& r) {
    CampaignTargetInput t;
    t.metric = r.str("metric");
    t.label = r.str("label");
    t.value = r.opt_number("value").value_or(0);
    t.due_date = r.str("due_date");
    t.manual_actual = r.opt_number("manual_actual");
    c.targets.push_back(std::move(t));
  });
  objects("regions", 500, [&](DtoReader& r) {
    c.regions.push_back({r.str("region_code"), r.integer("quota")});
  });
  if (const Json* due = in.object("report_due")) {
    for (auto it = due->begin(); it != due->end(); ++it) {
      if (!it->is_object()) {
        in.errors()["report_due." + it.key()] = "类型错误：应为对象 {h1, h2}";
        continue;
      }
      DtoReader r(*it, "report_due." + it.key() + ".");
      c.report_due[it.key()] = {r.str("h1"), r.str("h2")};
      in.merge(r);
    }
  }
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return c;
}

Json member_json(App& app, const CampaignMember& m) {
  auto region = cached_region(app, m.region_code);
  return {{"enterprise_id", m.enterprise_id},
          {"name", m.name},
          {"credit_code", m.credit_code},
          {"region_code", m.region_code},
          {"region_name", region ? region->name : m.region_code},
          {"industry_code", m.industry_code},
          {"added_at", format_time_utc(m.added_at)},
          {"added_by_name", m.added_by_name},
          {"products", m.products},
          {"results", m.results},
          {"best_status", m.best_status},
          {"best_status_label", result_status_label_zh(m.best_status)},
          {"rollups", m.rollups},
          {"removable", !m.has_submitted}};
}

Result<MemberQuery> read_member_query(const Request& req) {
  MemberQuery q;
  q.q = req.query("q");
  q.region_code = req.query("region_code");
  q.industry_code = req.query("industry_code");
  q.result_status = req.query("result_status");
  q.rollup = req.query("rollup");
  if (auto b = req.query("batch"); !b.empty()) {
    try {
      q.batch = std::stoll(b);
    } catch (const std::exception&) {
      return fail(Error::field("batch", "batch 应为批次号（整数）"));
    }
  }
  return q;
}

}  // namespace

Response campaigns_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  CampaignFilter f;
  f.q = req.query("q");
  f.level = req.query("level");
  if (auto y = req.query("year"); !y.empty()) {
    try {
      f.year = std::stoi(y);
    } catch (const std::exception&) {
      return error_response(Error::field("year", "year 应为年份（整数）"));
    }
  }
  return respond(list_campaigns_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<CampaignView>& p) {
                   return page_json(
                       p, *page, [&](const CampaignView& v) { return campaign_json(ctx.app, v); });
                 });
}

Response campaigns_post(Request& req, RouteContext& ctx) {
  auto in = read_input(req);
  if (!in) return error_response(in.error());
  return respond(create_campaign(ctx.app, ctx.caller, *in), 201,
                 [&](const CampaignView& v) { return campaign_json(ctx.app, v); });
}

Response campaign_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_campaign(ctx.app, ctx.caller, *id), 200,
                 [&](const CampaignView& v) { return campaign_json(ctx.app, v); });
}

Response campaign_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto in = read_input(req);
  if (!in) return error_response(in.error());
  return respond(update_campaign_entry(ctx.app, ctx.caller, *id, *in), 200,
                 [&](const CampaignView& v) { return campaign_json(ctx.app, v); });
}

Response campaign_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto r = delete_campaign_entry(ctx.app, ctx.caller, *id);
  if (!r) return error_response(r.error());
  return no_content();
}

Response campaign_candidates_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(list_campaign_candidates(ctx.app, ctx.caller, *id, req.query("q"),
                                          req.query("region_code"), *page),
                 200, [&](const PageResult<Enterprise>& p) {
                   return page_json(p, *page, [](const Enterprise& e) { return to_json(e); });
                 });
}

Response campaign_members_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto q = read_member_query(req);
  if (!q) return error_response(q.error());
  auto p = campaign_members_page(ctx.app, ctx.caller, *id, *q, *page);
  if (!p) return error_response(p.error());
  return json_text_response(
      200, p->answer->rendered(p->added_by, [&](const PageResult<CampaignMember>& rows) {
        return page_json(rows, *page,
                         [&](const CampaignMember& m) { return member_json(ctx.app, m); })
            .dump(-1, ' ', false, Json::error_handler_t::replace);
      }));
}

Response campaign_members_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto q = read_member_query(req);
  if (!q) return error_response(q.error());
  auto all = collect_all<CampaignMember>(
      [&](const Page& p) { return list_campaign_members(ctx.app, ctx.caller, *id, *q, p); });
  if (!all) return error_response(all.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : *all) {
    auto region = cached_region(ctx.app, m.region_code);
    rows.push_back({m.name, m.credit_code, region ? region->name : m.region_code, m.industry_code,
                    std::to_string(m.products), std::to_string(m.results),
                    std::string(result_status_label_zh(m.best_status)), format_time_utc(m.added_at),
                    m.added_by_name});
  }
  return download_response(write_xlsx("参与企业",
                                      {{"企业名称", 32},
                                       {"统一社会信用代码", 22},
                                       {"所在地区", 16},
                                       {"行业代码", 10},
                                       {"对标产品数", 10},
                                       {"对标结果数", 10},
                                       {"最新进度", 14},
                                       {"加入时间", 22},
                                       {"添加人", 14}},
                                      rows),
                           kXlsxType, "campaign-" + std::to_string(*id) + "-members.xlsx");
}

Response campaign_members_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::vector<long long> ids;
  // The service refuses more than 500 with a 422 naming the field; here only the type counts.
  if (const Json* list = array_member(*body, in, "enterprise_ids", 100000)) {
    for (size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_number_integer()) {
        in.errors()["enterprise_ids[" + std::to_string(i) + "]"] = "类型错误：应为企业编号（整数）";
        continue;
      }
      ids.push_back((*list)[i].get<long long>());
    }
  }
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(add_campaign_members(ctx.app, ctx.caller, *id, ids), 200,
                 [](const AddMembersReport& r) {
                   Json skipped = Json::array();
                   for (const auto& [eid, reason] : r.skipped)
                     skipped.push_back({{"enterprise_id", eid}, {"reason", reason}});
                   return Json{{"added", r.added}, {"skipped", skipped}};
                 });
}

Response campaign_member_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto eid = id_param(req, "enterprise_id");
  if (!eid) return error_response(Error::not_found("该企业不是本专项行动的参与企业"));
  auto r = remove_campaign_member(ctx.app, ctx.caller, *id, *eid);
  if (!r) return error_response(r.error());
  return no_content();
}

}  // namespace duibiao::http
