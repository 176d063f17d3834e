// Planning indicators (规划指标监测): the province's plan indicators, yearly actuals, progress
// against the straight-line path, the actuals import and the mid-term evaluation export.
#include "domain/planning.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/planning_service.h"

namespace duibiao::http {
namespace {
constexpr const char* kNotFound = "规划指标不存在";

Json number_or_null(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json to_json(const PlanningRow& r, bool with_path) {
  const auto& i = r.indicator;
  PlanValue base = parse_plan_value(i.baseline_text), target = parse_plan_value(i.target_text);
  Json actuals = Json::array();
  for (const auto& a : r.actuals)
    actuals.push_back({{"year", a.year},
                       {"value", a.value},
                       {"note", a.note},
                       {"entered_by_name", a.entered_by_name},
                       {"entered_at", format_time_utc(a.entered_at)}});
  const auto& p = r.progress;
  Json progress = {{"status", p.status},
                   {"status_label", progress_status_label(p.status)},
                   {"reason", p.reason},
                   {"year", p.year ? Json(*p.year) : Json(nullptr)},
                   {"actual", number_or_null(p.actual)},
                   {"expected", number_or_null(p.expected)},
                   {"start", number_or_null(p.start)},
                   {"target", number_or_null(p.target)},
                   {"progress", number_or_null(p.progress)},
                   {"expected_progress", number_or_null(p.expected_progress)}};
  Json out = {{"id", i.id},
              {"region_code", i.region_code},
              {"region_name", i.region_name},
              {"plan_name", i.plan_name},
              {"table_no", i.table_no},
              {"table_title", i.table_title},
              {"seq", i.seq},
              {"category", i.category},
              {"name", i.name},
              {"unit", i.unit},
              {"measure", i.measure},
              {"baseline_year", i.baseline_year},
              {"baseline_text", i.baseline_text},
              {"baseline_value", number_or_null(base.value)},
              {"target_year", i.target_year},
              {"target_text", i.target_text},
              {"target_value", number_or_null(target.value)},
              {"target_qualifier", target.qualifier},
              {"direction", i.direction},
              {"attribute", i.attribute},
              {"actuals", actuals},
              {"latest", r.actuals.empty() ? Json(nullptr)
                                           : Json{{"year", r.actuals.back().year},
                                                  {"value", r.actuals.back().value}}},
              {"progress", progress},
              {"can_edit", r.can_edit}};
  if (with_path) {
    // The straight line year by year, for the chart.
    Json path = Json::array();
    PlanningPath line = planning_path(i);
    if (line.ok)
      for (int y = line.start_year; y <= line.target_year; ++y)
        path.push_back({{"year", y}, {"expected", expected_value(line, y)}});
    out["path"] = path;
    out["path_reason"] = line.ok ? "" : line.reason;
  }
  return out;
}

Result<PlanningFilter> read_filter(const Request& req) {
  PlanningFilter f;
  f.table_no = req.query("table");
  if (!f.table_no.empty() && f.table_no != "表1-1" && f.table_no != "表2-1")
    return fail(Error::field("table", "table 应为 表1-1 或 表2-1"));
  return f;
}
}  // namespace

Response planning_indicators_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto f = read_filter(req);
  if (!f) return error_response(f.error());
  bool with_path = query_flag(req, "path");
  return respond(list_planning_for(ctx.app, ctx.caller, *f, *page), 200,
                 [&](const PageResult<PlanningRow>& p) {
                   return page_json(p, *page,
                                    [&](const PlanningRow& x) { return to_json(x, with_path); });
                 });
}

Response planning_indicator_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_planning_row(ctx.app, ctx.caller, *id), 200,
                 [](const PlanningRow& r) { return to_json(r, true); });
}

Response planning_actual_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto year = id_param(req, "year");
  if (!year || *year > 9999) return error_response(Error::not_found("年份应为四位数字"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  ActualInput a;
  a.value = in.opt_number("value");
  a.note = in.str("note");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(put_planning_actual_for(ctx.app, ctx.caller, *id, static_cast<int>(*year), a), 200,
                 [](const PlanningRow& r) { return to_json(r, true); });
}

Response planning_actual_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto year = id_param(req, "year");
  if (!year || *year > 9999) return error_response(Error::not_found("该年份没有实际值"));
  auto r = delete_planning_actual_for(ctx.app, ctx.caller, *id, static_cast<int>(*year));
  if (!r) return error_response(r.error());
  return no_content();
}

Response planning_import_post(Request& req, RouteContext& ctx) {
  auto good_only = read_import_mode(req);
  if (!good_only) return error_response(good_only.error());
  auto report = import_planning_actuals(ctx.app, ctx.caller, req.body, *good_only);
  if (!report) return error_response(report.error());
  return import_answer(report->errors, report->rejected, {{"imported", report->imported}});
}

Response planning_template_get(Request&, RouteContext& ctx) {
  auto file = planning_template_xlsx(ctx.app, ctx.caller);
  if (!file) return error_response(file.error());
  return download_response(std::move(*file), kXlsxType, "planning-actuals-template.xlsx");
}

Response planning_export_get(Request& req, RouteContext& ctx) {
  auto f = read_filter(req);
  if (!f) return error_response(f.error());
  auto file = planning_evaluation_xlsx(ctx.app, ctx.caller, *f);
  if (!file) return error_response(file.error());
  return download_response(std::move(*file), kXlsxType, "planning-midterm-evaluation.xlsx");
}

}  // namespace duibiao::http
