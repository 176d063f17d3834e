// Benchmarking technical plans (对标技术方案): drafting, lifecycle, objections, exports.
#include "domain/requirement.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "io/docx.h"
#include "io/xlsx.h"
#include "service/plan_service.h"

namespace duibiao::http {
namespace {

Json to_json(const Plan& p) {
  Json standards = Json::array();
  for (const auto& s : p.standards)
    standards.push_back({{"role", s.role}, {"number", s.number}, {"title", s.title}});
  Json indicators = Json::array();
  std::vector<IndicatorVerdict> verdicts;
  for (const auto& i : p.indicators) {
    indicators.push_back({{"name", i.name},
                          {"unit", i.unit},
                          {"domestic_requirement", i.domestic_requirement},
                          {"benchmark_requirement", i.benchmark_requirement},
                          {"domestic_method", i.domestic_method},
                          {"benchmark_method", i.benchmark_method},
                          {"core", i.core},
                          {"safety", i.safety},
                          {"health", i.health},
                          {"environment", i.environment},
                          {"notes", i.notes},
                          {"verdict", i.verdict.empty() ? Json(nullptr) : Json(i.verdict)},
                          {"verdict_label", verdict_label(i.verdict)},
                          {"verdict_reason", i.verdict_reason}});
    if (auto v = parse_verdict(i.verdict)) verdicts.push_back({i.name, *v, i.core});
  }
  Json j = {
      {"id", p.id},
      {"plan_number", p.plan_number.empty() ? Json(nullptr) : Json(p.plan_number)},
      {"version", p.version},
      {"replaces_id", p.replaces_id == 0 ? Json(nullptr) : Json(p.replaces_id)},
      {"status", p.status},
      {"product", p.product},
      {"industry_code", p.industry_code},
      {"author_id", p.author_id},
      {"author_org", p.author_org},
      {"region_code", p.region_code},
      {"summary", p.summary},
      {"notice_start", p.notice_start},
      {"notice_end", p.notice_end},
      {"last_reason", p.last_reason},
      {"published_at", p.published_at ? Json(format_time_utc(p.published_at)) : Json(nullptr)},
      {"created_at", format_time_utc(p.created_at)},
      {"updated_at", format_time_utc(p.updated_at)},
      {"standards", standards},
      {"indicators", indicators}};
  if (!verdicts.empty()) {
    auto r = roll_up(verdicts);
    j["roll_up"] = {{"kind", roll_up_name(r.kind)},
                    {"label", roll_up_label_zh(r.kind)},
                    {"gaps", r.gaps},
                    {"needs_review", r.needs_review},
                    {"summary", r.summary}};
  } else {
    j["roll_up"] = nullptr;
  }
  return j;
}

Result<PlanInput> read_plan_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  PlanInput p;
  p.product = in.str("product");
  p.industry_code = in.str("industry_code");
  p.author_org = in.str("author_org");
  p.summary = in.str("summary");
  auto array_of = [&](const char* key) { return array_member(*body, in, key, 1000); };
  if (const Json* standards = array_of("standards")) {
    for (size_t i = 0; i < standards->size(); ++i) {
      const Json& s = (*standards)[i];
      if (!s.is_object()) {
        in.errors()["standards[" + std::to_string(i) + "]"] = "类型错误：应为对象";
        continue;
      }
      DtoReader r(s, "standards[" + std::to_string(i) + "].");
      p.standards.push_back({r.str("role"), r.str("number"), r.str("title")});
      in.merge(r);
    }
  }
  if (const Json* indicators = array_of("indicators")) {
    for (size_t i = 0; i < indicators->size(); ++i) {
      const Json& s = (*indicators)[i];
      if (!s.is_object()) {
        in.errors()["indicators[" + std::to_string(i) + "]"] = "类型错误：应为对象";
        continue;
      }
      DtoReader r(s, "indicators[" + std::to_string(i) + "].");
      PlanIndicator row;
      row.name = r.str("name");
      row.unit = r.str("unit");
      row.domestic_requirement = r.str("domestic_requirement");
      row.benchmark_requirement = r.str("benchmark_requirement");
      row.domestic_method = r.str("domestic_method");
      row.benchmark_method = r.str("benchmark_method");
      row.core = r.boolean("core");
      row.safety = r.boolean("safety");
      row.health = r.boolean("health");
      row.environment = r.boolean("environment");
      row.notes = r.str("notes");
      p.indicators.push_back(std::move(row));
      in.merge(r);
    }
  }
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return p;
}

// File name of an export: the plan number and version (ASCII), or the id of an unnumbered draft.
std::string export_name(const Plan& p) {
  if (p.plan_number.empty()) return "plan-" + std::to_string(p.id) + "-draft";
  return p.plan_number + "-v" + std::to_string(p.version);
}

}  // namespace

Response plans_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  PlanFilter f{req.query("q"), req.query("status"), req.query("standard"),
               req.query("industry_code")};
  return respond(list_plans_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<Plan>& p) {
                   return page_json(p, *page, [](const Plan& plan) { return to_json(plan); });
                 });
}

Response plan_by_number_get(Request& req, RouteContext& ctx) {
  return respond(get_published_plan(ctx.app, req.params["number"]), 200,
                 [](const Plan& p) { return to_json(p); });
}

Response plan_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  return respond(get_plan(ctx.app, ctx.caller, *id), 200, [](const Plan& p) { return to_json(p); });
}

Response plans_post(Request& req, RouteContext& ctx) {
  auto in = read_plan_input(req);
  if (!in) return error_response(in.error());
  return respond(create_plan(ctx.app, ctx.caller, *in), 201,
                 [](const Plan& p) { return to_json(p); });
}

Response plan_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  auto in = read_plan_input(req);
  if (!in) return error_response(in.error());
  return respond(update_plan_content(ctx.app, ctx.caller, *id, *in), 200,
                 [](const Plan& p) { return to_json(p); });
}

Response plan_actions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  PlanAction a{in.str("action"), in.str("comment"), in.str("notice_start"), in.str("notice_end")};
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(act_on_plan(ctx.app, ctx.caller, *id, a), 200,
                 [](const Plan& p) { return to_json(p); });
}

Response plan_versions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  return respond(new_plan_version(ctx.app, ctx.caller, *id), 201,
                 [](const Plan& p) { return to_json(p); });
}

Response plan_objections_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  return respond(plan_objections(ctx.app, ctx.caller, *id), 200, objections_json);
}

Response plan_objections_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  auto text = single_text_body(req, "text");
  if (!text) return error_response(text.error());
  return respond(file_objection(ctx.app, ctx.caller, *id, *text), 201, objection_json);
}

Response plan_objection_answer_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  auto oid = id_param(req, "oid");
  if (!id || !oid) return error_response(Error::not_found("异议不存在"));
  auto answer = single_text_body(req, "answer");
  if (!answer) return error_response(answer.error());
  return respond(answer_plan_objection(ctx.app, ctx.caller, *id, *oid, *answer), 200,
                 objection_json);
}

Response plan_events_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  return respond(plan_events(ctx.app, ctx.caller, *id), 200,
                 [](const std::vector<PlanEvent>& list) {
                   Json items = Json::array();
                   for (const auto& e : list)
                     items.push_back({{"id", e.id},
                                      {"at", format_time_utc(e.at)},
                                      {"actor_name", e.actor_name},
                                      {"action", e.action},
                                      {"from_status", e.from_status},
                                      {"to_status", e.to_status},
                                      {"comment", e.comment}});
                   return Json{{"items", items}};
                 });
}

Response plan_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  auto plan = get_plan(ctx.app, ctx.caller, *id);
  if (!plan) return error_response(plan.error());
  std::vector<std::vector<std::string>> rows;
  int n = 1;
  for (const auto& i : plan->indicators) {
    std::string flags;
    if (i.core) flags += "核心 ";
    if (i.safety) flags += "安全 ";
    if (i.health) flags += "健康 ";
    if (i.environment) flags += "环保 ";
    rows.push_back({std::to_string(n++), i.name, i.unit, i.domestic_requirement,
                    i.benchmark_requirement, i.domestic_method, i.benchmark_method,
                    verdict_label(i.verdict), std::string(trim(flags)), i.notes});
  }
  return download_response(write_xlsx("关键技术指标",
                                      {{"序号", 6},
                                       {"指标名称", 24},
                                       {"单位", 10},
                                       {"国内标准要求", 20},
                                       {"对标标准要求", 20},
                                       {"国内检测方法", 20},
                                       {"对标检测方法", 20},
                                       {"比对结果", 10},
                                       {"属性", 14},
                                       {"备注", 24}},
                                      rows),
                           kXlsxType, export_name(*plan) + ".xlsx");
}

}  // namespace duibiao::http

namespace duibiao::http {
// The plan as a Word document laid out like the paper form: header table, standards,
// indicator comparison table, conclusion.
Response plan_export_docx_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术方案不存在"));
  auto plan = get_plan(ctx.app, ctx.caller, *id);
  if (!plan) return error_response(plan.error());
  const Plan& p = *plan;
  DocxBuilder doc;
  doc.title(p.product + " 对标技术方案");
  doc.table({{"方案编号", p.plan_number.empty() ? "（发布时分配）" : p.plan_number, "版本",
              "第" + std::to_string(p.version) + "版"},
             {"产品类别", p.product, "行业代码", p.industry_code},
             {"起草单位", p.author_org, "状态", plan_status_label_zh(p.status)},
             {"公示期", p.notice_start.empty() ? "" : p.notice_start + " 至 " + p.notice_end,
              "发布时间", p.published_at ? format_time_utc(p.published_at).substr(0, 10) : ""}},
            {1800, 5200, 1800, 5200});
  doc.heading("一、国内标准");
  int n = 0;
  for (const auto& s : p.standards)
    if (s.role == "domestic") doc.paragraph(std::to_string(++n) + ". " + s.number + "  " + s.title);
  doc.heading("二、对标标准（国际标准、国外先进标准）");
  n = 0;
  for (const auto& s : p.standards)
    if (s.role == "benchmark")
      doc.paragraph(std::to_string(++n) + ". " + s.number + "  " + s.title);
  doc.heading("三、关键技术指标对比");
  std::vector<std::vector<std::string>> rows = {{"序号", "指标名称", "单位", "国内标准要求",
                                                 "对标标准要求", "国内检测方法", "对标检测方法",
                                                 "比对结果", "备注"}};
  std::vector<IndicatorVerdict> verdicts;
  n = 0;
  for (const auto& i : p.indicators) {
    std::string name = i.name;
    if (i.core) name += "（核心）";
    if (i.safety) name += "（安全）";
    rows.push_back({std::to_string(++n), name, i.unit, i.domestic_requirement,
                    i.benchmark_requirement, i.domestic_method, i.benchmark_method,
                    verdict_label(i.verdict), i.notes});
    if (auto v = parse_verdict(i.verdict)) verdicts.push_back({i.name, *v, i.core});
  }
  doc.table(rows, {700, 2000, 900, 1900, 1900, 1700, 1700, 1000, 1800});
  doc.heading("四、对标结论");
  if (!verdicts.empty()) {
    auto r = roll_up(verdicts);
    doc.paragraph(std::string(roll_up_label_zh(r.kind)) + "。" + r.summary, true);
  } else {
    doc.paragraph("尚无可比较的指标。");
  }
  if (!p.summary.empty()) {
    doc.heading("五、说明");
    doc.paragraph(p.summary);
  }
  return download_response(doc.build(), kDocxType, export_name(p) + ".docx");
}

}  // namespace duibiao::http
