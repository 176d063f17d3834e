// A campaign's dashboard, its tables as xlsx, and the results behind each figure.
#include "domain/requirement.h"
#include "domain/result_rules.h"
#include "domain/text.h"
#include "http/handlers/campaign_stats_json.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "http/json_writer.h"
#include "io/xlsx.h"
#include "service/caches.h"
#include "service/campaign_stats_service.h"

namespace duibiao::http {
namespace {

constexpr const char* kNotFound = "专项行动不存在";

Json counts_json(const std::vector<StatCount>& list, const char* key_name) {
  Json out = Json::array();
  for (const auto& c : list)
    out.push_back({{key_name, c.key}, {"label", c.label}, {"count", c.count}});
  return out;
}

// As json_response writes a document.
std::string dump_json(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json rate_json(const RateStat& r) {
  return {{"numerator", r.figure.numerator},
          {"denominator", r.figure.denominator},
          {"rate", r.figure.rate},
          {"definition", r.definition}};
}

Json stats_json(const CampaignStats& s) {
  Json regions = Json::array();
  for (const auto& r : s.regions)
    regions.push_back({{"region_code", r.region_code},
                       {"region_name", r.region_name},
                       {"enterprises", r.enterprises},
                       {"quota", r.quota},
                       {"quota_share", r.quota_share},
                       {"results", r.results},
                       {"submitted", r.submitted},
                       {"published", r.published},
                       {"compliant", r.compliant},
                       {"rank", r.rank}});
  Json industries = Json::array();
  for (const auto& r : s.industries)
    industries.push_back({{"code", r.code},
                          {"name", r.name},
                          {"kind", r.kind},
                          {"enterprises", r.enterprises},
                          {"results", r.results},
                          {"published", r.published}});
  Json batches = Json::array();
  for (const auto& b : s.batches)
    batches.push_back({{"batch", b.batch},
                       {"name", b.name},
                       {"enterprises", b.enterprises},
                       {"results", b.results},
                       {"published", b.published}});
  Json months = Json::array();
  for (const auto& m : s.months)
    months.push_back({{"month", m.month},
                      {"members_added", m.members_added},
                      {"submitted", m.submitted},
                      {"published", m.published}});
  Json quotas = Json::array();
  for (const auto& q : s.quotas)
    quotas.push_back({{"region_code", q.region_code},
                      {"region_name", q.region_name},
                      {"quota", q.quota},
                      {"enterprises", q.enterprises},
                      {"share", q.share}});
  Json targets = Json::array();
  for (const auto& t : s.targets)
    targets.push_back({{"metric", t.metric},
                       {"label", t.label},
                       {"unit", t.unit},
                       {"value", t.value},
                       {"actual", t.actual},
                       {"share", t.share},
                       {"due_date", t.due_date},
                       {"overdue", t.overdue},
                       {"computed", t.computed}});
  Json phases = Json::array();
  for (const auto& p : s.phases) {
    Json overdue = Json::array();
    for (const auto& [code, name] : p.overdue_regions)
      overdue.push_back({{"region_code", code}, {"region_name", name}});
    phases.push_back({{"key", p.key},
                      {"name", p.name},
                      {"due_date", p.due_date},
                      {"regions_total", p.regions_total},
                      {"regions_reached", p.regions_reached},
                      {"overdue", p.overdue},
                      {"overdue_regions", overdue}});
  }
  return {
      {"campaign_id", s.campaign_id},
      {"scope",
       {{"region_code", s.scope_code}, {"region_name", s.scope_name}, {"level", s.scope_level}}},
      {"generated_at", format_time_utc(s.generated_at)},
      {"totals",
       {{"enterprises", s.enterprises},
        {"products", s.products},
        {"plans", s.plans},
        {"results", s.results},
        {"submitted", s.submitted},
        {"published", s.published},
        {"compliant", s.compliant},
        {"quota", s.quota},
        {"quota_share", s.quota_share}}},
      {"results_by_status", counts_json(s.results_by_status, "status")},
      {"results_by_rollup", counts_json(s.results_by_rollup, "rollup")},
      {"plans_by_status", counts_json(s.plans_by_status, "status")},
      {"regions", regions},
      {"ranking_definition", kRankingDefinition},
      {"industries", industries},
      {"batches", batches},
      {"months", months},
      {"quotas", quotas},
      {"targets", targets},
      {"phases", phases},
      {"conversion", rate_json(s.conversion)},
      {"consistency", rate_json(s.consistency)}};
}

std::string num(double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<long long>(v)))
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

Result<CampaignResultQuery> read_result_query(const Request& req) {
  CampaignResultQuery q;
  q.region_code = req.query("region_code");
  q.industry_code = req.query("industry_code");
  q.status = req.query("status");
  q.rollup = req.query("rollup");
  q.month = req.query("month");
  q.compliant = req.query("compliant");
  if (auto b = req.query("batch"); !b.empty()) {
    try {
      q.batch = std::stoll(b);
    } catch (const std::exception&) {
      return fail(Error::field("batch", "batch 应为批次号（整数）"));
    }
  }
  return q;
}

Json result_row_json(App& app, const CampaignResultRow& r) {
  auto region = cached_region(app, r.region_code);
  auto rollup = parse_roll_up_kind(r.rollup);
  return {{"id", r.id},
          {"code", r.code},
          {"enterprise_id", r.enterprise_id},
          {"enterprise_name", r.enterprise_name},
          {"region_code", r.region_code},
          {"region_name", region ? region->name : r.region_code},
          {"product_name", r.product_name},
          {"plan_number", r.plan_number},
          {"status", r.status},
          {"status_label", result_status_label_zh(r.status)},
          {"rollup", r.rollup},
          {"rollup_label", rollup ? roll_up_label_zh(*rollup) : ""},
          {"compliant", r.compliant},
          {"submitted_at", r.submitted_at ? format_time_utc(r.submitted_at) : ""},
          {"published_at", r.published_at ? format_time_utc(r.published_at) : ""}};
}

}  // namespace

Json campaign_stats_json(const CampaignStats& s) {
  return stats_json(s);
}

Response campaign_stats_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto answer = campaign_stats_answer(ctx.app, ctx.caller, *id, req.query("region_code"));
  if (!answer) return error_response(answer.error());
  // Rendered once per cached answer: a warm hit copies the bytes.
  return json_text_response(
      200, (*answer)->rendered([](const CampaignStats& s) { return dump_json(stats_json(s)); }));
}

Response campaign_stats_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  std::string table = req.query("table");
  auto s = campaign_stats(ctx.app, ctx.caller, *id, req.query("region_code"));
  if (!s) return error_response(s.error());
  std::vector<XlsxColumn> cols;
  std::vector<std::vector<std::string>> rows;
  std::string sheet;
  if (table == "regions" || table.empty()) {
    sheet = "地区排名";
    cols = {{"排名", 6},        {"地区", 16},          {"参与企业", 10},
            {"企业数指标", 10}, {"指标完成率(%)", 12}, {"对标结果", 10},
            {"已上报", 10},     {"已发布", 10},        {"达标", 10}};
    for (const auto& r : s->regions)
      rows.push_back({std::to_string(r.rank), r.region_name, std::to_string(r.enterprises),
                      std::to_string(r.quota), num(r.quota_share), std::to_string(r.results),
                      std::to_string(r.submitted), std::to_string(r.published),
                      std::to_string(r.compliant)});
  } else if (table == "industries") {
    sheet = "行业";
    cols = {{"代码", 10},     {"行业/产业集群", 24}, {"类别", 10},
            {"参与企业", 10}, {"对标结果", 10},      {"已发布", 10}};
    for (const auto& r : s->industries)
      rows.push_back({r.code, r.name, r.kind == "cluster" ? "产业集群" : "国民经济行业",
                      std::to_string(r.enterprises), std::to_string(r.results),
                      std::to_string(r.published)});
  } else if (table == "batches") {
    sheet = "批次";
    cols = {{"批次", 8}, {"名称", 16}, {"参与企业", 10}, {"对标结果", 10}, {"已发布", 10}};
    for (const auto& b : s->batches)
      rows.push_back({std::to_string(b.batch), b.name, std::to_string(b.enterprises),
                      std::to_string(b.results), std::to_string(b.published)});
  } else if (table == "months") {
    sheet = "月度";
    cols = {{"月份", 10}, {"新增参与企业", 12}, {"上报结果", 10}, {"发布结果", 10}};
    for (const auto& m : s->months)
      rows.push_back({m.month, std::to_string(m.members_added), std::to_string(m.submitted),
                      std::to_string(m.published)});
  } else if (table == "quotas") {
    sheet = "企业数指标";
    cols = {{"地区", 16}, {"指标", 10}, {"已确定企业", 10}, {"完成率(%)", 10}};
    for (const auto& q : s->quotas)
      rows.push_back(
          {q.region_name, std::to_string(q.quota), std::to_string(q.enterprises), num(q.share)});
  } else if (table == "targets") {
    sheet = "目标";
    cols = {{"指标", 28},      {"目标值", 10}, {"完成值", 10}, {"单位", 6},
            {"完成率(%)", 10}, {"期限", 12},   {"逾期", 6}};
    for (const auto& t : s->targets)
      rows.push_back({t.label, num(t.value), num(t.actual), t.unit, num(t.share), t.due_date,
                      t.overdue ? "是" : ""});
  } else if (table == "phases") {
    sheet = "阶段";
    cols = {{"阶段", 20}, {"截止日期", 12}, {"地区数", 8}, {"已完成地区", 10}, {"逾期地区", 40}};
    for (const auto& p : s->phases) {
      std::vector<std::string> names;
      for (const auto& [code, name] : p.overdue_regions) names.push_back(name);
      rows.push_back({p.name, p.due_date, std::to_string(p.regions_total),
                      std::to_string(p.regions_reached), join(names, "、")});
    }
  } else if (table == "status") {
    sheet = "结果状态";
    cols = {{"状态", 16}, {"数量", 10}};
    for (const auto& c : s->results_by_status) rows.push_back({c.label, std::to_string(c.count)});
  } else if (table == "rollup") {
    sheet = "对标结论";
    cols = {{"结论", 16}, {"数量", 10}};
    for (const auto& c : s->results_by_rollup) rows.push_back({c.label, std::to_string(c.count)});
  } else {
    return error_response(Error::field(
        "table",
        "table 应为 regions、industries、batches、months、quotas、targets、phases、status 或 "
        "rollup"));
  }
  return download_response(write_xlsx(sheet, cols, rows), kXlsxType,
                           "campaign-" + std::to_string(*id) + "-" +
                               (table.empty() ? std::string("regions") : table) + ".xlsx");
}

Response campaign_results_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto q = read_result_query(req);
  if (!q) return error_response(q.error());
  auto answer = campaign_results_answer(ctx.app, ctx.caller, *id, *q, *page);
  if (!answer) return error_response(answer.error());
  return json_text_response(200, (*answer)->rendered([&](const PageResult<CampaignResultRow>& p) {
    return dump_json(page_json(
        p, *page, [&](const CampaignResultRow& r) { return result_row_json(ctx.app, r); }));
  }));
}

Response campaign_results_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto q = read_result_query(req);
  if (!q) return error_response(q.error());
  auto all = collect_all<CampaignResultRow>(
      [&](const Page& p) { return campaign_results(ctx.app, ctx.caller, *id, *q, p); });
  if (!all) return error_response(all.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *all) {
    Json j = result_row_json(ctx.app, r);
    rows.push_back({r.code, r.enterprise_name, j["region_name"].get<std::string>(), r.product_name,
                    r.plan_number, std::string(result_status_label_zh(r.status)),
                    j["rollup_label"].get<std::string>(), r.compliant ? "是" : "否",
                    j["submitted_at"].get<std::string>(), j["published_at"].get<std::string>()});
  }
  return download_response(write_xlsx("对标结果",
                                      {{"核验码", 12},
                                       {"企业", 30},
                                       {"地区", 14},
                                       {"产品", 20},
                                       {"技术方案编号", 22},
                                       {"状态", 12},
                                       {"结论", 10},
                                       {"达标", 6},
                                       {"上报时间", 22},
                                       {"发布时间", 22}},
                                      rows),
                           kXlsxType, "campaign-" + std::to_string(*id) + "-results.xlsx");
}

}  // namespace duibiao::http
