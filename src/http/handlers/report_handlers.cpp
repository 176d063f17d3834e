// 附件3 half-year progress reports: an office's desk, saving, submitting, returning, exports.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/campaign_service.h"
#include "service/progress_report_service.h"

namespace duibiao::http {
namespace {

constexpr const char* kNotFound = "进展报表不存在";

Json figures_json(const ReportFigures& f) {
  return {{"enterprises", f.enterprises},
          {"scale_enterprises", f.scale_enterprises},
          {"enterprise_share", f.enterprise_share()},
          {"plans", f.plans},
          {"products", f.products},
          {"products_with_plan", f.products_with_plan},
          {"plan_share", f.plan_share()},
          {"results", f.results},
          {"result_share", f.result_share()}};
}

Json view_json(const ReportView& v) {
  const auto& r = v.report;
  Json narratives = Json::object();
  for (const auto& [k, text] : r.narratives) narratives[k] = text;
  bool hidden = r.status == "missing" || (r.status == "draft" && !v.can_edit);
  return {{"id", r.id},
          {"campaign_id", r.campaign_id},
          {"region_code", r.region_code},
          {"region_name", v.region_name},
          {"level", r.level},
          {"period", r.period},
          {"period_label", v.period_label},
          {"status", r.status},
          {"status_label", report_status_label_zh(r.status)},
          {"due_date", r.due_date},
          {"overdue", v.overdue},
          {"due_soon", v.due_soon},
          {"industries_text", hidden ? "" : r.industries_text},
          {"scale_enterprises", hidden ? 0 : r.scale_enterprises},
          {"narratives", narratives},
          {"figures", hidden || !v.figures_known ? Json(nullptr) : figures_json(v.figures)},
          {"frozen", r.frozen.has_value()},
          {"return_reason", r.return_reason},
          {"submitted_at", r.submitted_at ? format_time_utc(r.submitted_at) : ""},
          {"submitted_by_name", r.submitted_by_name},
          {"returned_at", r.returned_at ? format_time_utc(r.returned_at) : ""},
          {"returned_by_name", r.returned_by_name},
          {"version", r.version},
          {"can_edit", v.can_edit},
          {"can_return", v.can_return}};
}

Json desk_json(const ReportDesk& d) {
  Json periods = Json::array();
  for (const auto& p : d.periods) periods.push_back({{"key", p.key()}, {"label", p.label()}});
  Json rows = Json::array();
  for (const auto& n : report_narrative_rows())
    rows.push_back({{"key", n.key}, {"label", n.label_zh}, {"hint", n.hint_zh}});
  Json children = Json::array();
  for (const auto& c : d.children) children.push_back(view_json(c));
  return {{"campaign_id", d.campaign.id},
          {"campaign_name", d.campaign.name},
          {"period", d.period.key()},
          {"period_label", d.period.label()},
          {"periods", periods},
          {"narrative_rows", rows},
          {"own", d.own ? view_json(*d.own) : Json(nullptr)},
          {"children", children},
          {"aggregate", figures_json(d.aggregate)},
          {"children_submitted", d.children_submitted},
          {"children_total", d.children.size()}};
}

Result<ReportInput> read_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  ReportInput r;
  r.industries_text = in.str("industries_text");
  r.scale_enterprises = in.integer("scale_enterprises");
  r.version = in.integer("version");
  if (const Json* n = in.object("narratives")) {
    DtoReader nr(*n, "narratives.");
    for (auto it = n->begin(); it != n->end(); ++it)
      r.narratives[it.key()] = nr.str(it.key().c_str());
    in.merge(nr);
  }
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return r;
}

Result<long long> read_version(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  long long v = in.integer("version");
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return v;
}

}  // namespace

Response campaign_reports_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  return respond(report_desk(ctx.app, ctx.caller, *id, req.query("period")), 200,
                 [](const ReportDesk& d) { return desk_json(d); });
}

Response campaign_reports_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  auto d = report_desk(ctx.app, ctx.caller, *id, req.query("period"));
  if (!d) return error_response(d.error());
  return download_response(
      desk_xlsx(*d), kXlsxType,
      "campaign-" + std::to_string(*id) + "-reports-" + d->period.key() + ".xlsx");
}

Response campaign_report_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  auto in = read_input(req);
  if (!in) return error_response(in.error());
  return respond(save_report(ctx.app, ctx.caller, *id, path_param(req, "period"), *in), 200,
                 [](const ReportView& v) { return view_json(v); });
}

Response campaign_report_submit_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  auto version = read_version(req);
  if (!version) return error_response(version.error());
  return respond(submit_report(ctx.app, ctx.caller, *id, path_param(req, "period"), *version), 200,
                 [](const ReportView& v) { return view_json(v); });
}

Response report_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_report(ctx.app, ctx.caller, *id), 200,
                 [](const ReportView& v) { return view_json(v); });
}

Response report_return_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  long long version = in.integer("version");
  std::string reason = in.str("reason");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(return_report(ctx.app, ctx.caller, *id, version, reason), 200,
                 [](const ReportView& v) { return view_json(v); });
}

namespace {
Response export_report(Request& req, RouteContext& ctx, bool docx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto v = get_report(ctx.app, ctx.caller, *id);
  if (!v) return error_response(v.error());
  auto c = get_campaign(ctx.app, ctx.caller, v->report.campaign_id);
  if (!c) return error_response(c.error());
  std::string name = "report-" + v->report.region_code + "-" + v->report.period;
  if (docx) return download_response(report_docx(*v, c->campaign), kDocxType, name + ".docx");
  return download_response(report_xlsx(*v, c->campaign), kXlsxType, name + ".xlsx");
}
}  // namespace

Response report_export_xlsx_get(Request& req, RouteContext& ctx) {
  return export_report(req, ctx, false);
}

Response report_export_docx_get(Request& req, RouteContext& ctx) {
  return export_report(req, ctx, true);
}

}  // namespace duibiao::http
