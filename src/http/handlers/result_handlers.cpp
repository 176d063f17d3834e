// Benchmarking results (对标结果), the review chain, uploads, notifications, the public side.
#include "domain/requirement.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "io/xlsx.h"
#include "service/caches.h"
#include "service/result_service.h"

namespace duibiao::http {
namespace {

Json chain_json(const ResultView& v, App& app) {
  const EnterpriseResult& r = v.result;
  Json steps = Json::array();
  bool reached = false;  // the current step has been passed while walking up
  for (const auto& step : v.chain) {
    std::string state = "todo";
    if (r.status == "published") {
      state = "done";
    } else if (!r.stage.empty()) {
      if (step.level == r.stage) {
        state = r.status == "accepted" ? "done" : "current";
        reached = true;
      } else if (!reached) {
        state = "done";
      }
    }
    std::string name = step.level == "national" ? "国家对标办" : "";
    if (!step.region_code.empty())
      if (auto reg = cached_region(app, step.region_code)) name = reg->name;
    steps.push_back({{"level", step.level},
                     {"region_code", step.region_code},
                     {"region_name", name},
                     {"state", state}});
  }
  return steps;
}

// What the public does not see of a result: workflow internals and row ids.
Json without_internals(Json j) {
  for (const char* key : {"version", "stage", "stage_region_code", "stage_region_name",
                          "stage_since", "overdue", "enterprise_id", "product_id"})
    j.erase(key);
  return j;
}

Json time_or_null(long long t) {
  return t > 0 ? Json(format_time_utc(t)) : Json(nullptr);
}

Json summary_json(const ResultView& v) {
  const EnterpriseResult& r = v.result;
  Json benchmark = Json::array();
  if (v.plan)
    for (const auto& s : v.plan->standards)
      if (s.role == "benchmark") benchmark.push_back(s.number);
  auto kind = parse_roll_up_kind(v.evaluation.rollup).value_or(RollUpKind::kUndetermined);
  return {{"id", r.id},
          {"code", r.code},
          {"version", r.version},
          {"status", r.status},
          {"status_label", result_status_label_zh(r.status)},
          {"stage", r.stage},
          {"stage_region_code", r.stage_region},
          {"stage_region_name", v.stage_region_name},
          {"stage_since", time_or_null(r.stage_since)},
          {"overdue", v.overdue},
          {"enterprise_id", r.enterprise_id},
          {"enterprise_name", r.enterprise_name},
          {"credit_code", r.credit_code},
          {"region_code", v.region_code},
          {"region_name", v.region_name},
          {"product_id", r.product_id},
          {"product_name", r.product_name},
          {"product_model", r.product_model},
          {"plan_id", r.plan_id},
          {"plan_number", r.plan_number},
          {"plan_product", r.plan_product},
          {"benchmark_standards", benchmark},
          {"enterprise_standard", r.content.enterprise_standard},
          {"rollup", v.evaluation.rollup},
          {"rollup_label", roll_up_label_zh(kind)},
          {"compliant", v.evaluation.compliant},
          {"submitted_at", time_or_null(r.submitted_at)},
          {"published_at", time_or_null(r.published_at)},
          {"created_at", format_time_utc(r.created_at)},
          {"updated_at", format_time_utc(r.updated_at)}};
}

// The whole result; the public view leaves out file references (test reports are not public).
Json detail_json(const ResultView& v, App& app, bool public_view) {
  Json j = summary_json(v);
  const EnterpriseResult& r = v.result;
  Json rows = Json::array();
  if (v.plan) {
    for (size_t i = 0; i < v.plan->indicators.size(); ++i) {
      const PlanIndicator& p = v.plan->indicators[i];
      ResultEntry e = i < r.content.entries.size() ? r.content.entries[i] : ResultEntry{};
      const RowEvaluation& ev = v.evaluation.rows[i];
      Json row = {{"index", i},
                  {"name", p.name},
                  {"unit", p.unit},
                  {"domestic_requirement", p.domestic_requirement},
                  {"benchmark_requirement", p.benchmark_requirement},
                  {"core", p.core},
                  {"safety", p.safety},
                  {"health", p.health},
                  {"environment", p.environment},
                  {"enterprise_requirement", e.enterprise_requirement},
                  {"measured_value", e.measured_value},
                  {"report_number", e.report_number},
                  {"lab", e.lab},
                  {"report_date", e.report_date},
                  {"revised_requirement", e.revised_requirement},
                  {"effective_requirement", ev.effective_requirement},
                  {"verdict", ev.verdict},
                  {"verdict_label", verdict_label(ev.verdict)},
                  {"verdict_reason", ev.verdict_reason},
                  {"measured_verdict", ev.measured_verdict},
                  {"measured_reason", ev.measured_reason}};
      if (!public_view) {
        row["file_hash"] = e.file_hash;
        row["file_name"] = e.file_name;
      }
      rows.push_back(std::move(row));
    }
  }
  j["indicators"] = std::move(rows);
  Json gaps = Json::array();
  for (const auto& g : v.evaluation.gaps)
    gaps.push_back({{"index", g.index}, {"name", g.name}, {"reason", g.reason}});
  j["gaps"] = std::move(gaps);
  j["rollup_summary"] = v.evaluation.summary;
  j["conclusion"] = r.content.conclusion;
  Json improvements = Json::array();
  for (const auto& i : r.content.improvements)
    improvements.push_back({{"indicator", i.indicator},
                            {"action", i.action},
                            {"responsible", i.responsible},
                            {"target_date", i.target_date}});
  j["improvements"] = std::move(improvements);
  j["revised_standard"] = r.content.revised_standard;
  j["chain"] = chain_json(v, app);
  if (!public_view) {
    Json changes = Json::array();
    if (!v.changes_json.empty()) {
      Json parsed = Json::parse(v.changes_json, nullptr, false);
      if (parsed.is_array()) changes = std::move(parsed);
    }
    j["changes"] = std::move(changes);
  } else {
    j = without_internals(std::move(j));
  }
  return j;
}

Json event_json(const ResultEvent& e, App& app) {
  std::string region_name;
  if (!e.actor_region.empty())
    if (auto reg = cached_region(app, e.actor_region)) region_name = reg->name;
  Json changes = Json::array();
  if (!e.changes.empty()) {
    Json parsed = Json::parse(e.changes, nullptr, false);
    if (parsed.is_array()) changes = std::move(parsed);
  }
  return {{"id", e.id},
          {"at", format_time_utc(e.at)},
          {"actor_id", e.actor_id},
          {"actor_name", e.actor_name},
          {"actor_role", e.actor_role},
          {"actor_region_code", e.actor_region},
          {"actor_region_name", region_name},
          {"action", e.action},
          {"from_status", e.from_status},
          {"to_status", e.to_status},
          {"stage", e.stage},
          {"comment", e.comment},
          {"changes", changes}};
}

bool flag(const Request& req, const char* name) {
  auto v = req.query(name);
  return v == "1" || v == "true";
}

ResultQuery read_query(const Request& req) {
  ResultQuery q;
  q.status = req.query("status");
  q.stage = req.query("stage");
  q.q = req.query("q");
  q.plan_number = req.query("plan_number");
  q.region_code = req.query("region_code");
  q.queue = flag(req, "queue");
  q.overdue = flag(req, "overdue");
  return q;
}

Result<int> read_version(DtoReader& in, const Json& body) {
  if (!body.contains("version"))
    return fail(Error::field("version", "请给出所修改结果的版本号 version（防止覆盖他人的修改）"));
  long long v = in.integer("version");
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  if (v < 1 || v > 1000000000) return fail(Error::field("version", "version 应为正整数"));
  return static_cast<int>(v);
}

struct SaveInput {
  int version = 0;
  ResultContent content;
};

Result<SaveInput> read_save_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  SaveInput s;
  s.content.enterprise_standard = in.str("enterprise_standard");
  s.content.conclusion = in.str("conclusion");
  s.content.revised_standard = in.str("revised_standard");
  if (const Json* rows = array_member(*body, in, "indicators", 1000)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      const Json& row = (*rows)[i];
      std::string path = "indicators[" + std::to_string(i) + "]";
      if (!row.is_object()) {
        in.errors()[path] = "类型错误：应为对象";
        continue;
      }
      DtoReader r(row, path + ".");
      s.content.entries.push_back({r.str("enterprise_requirement"), r.str("measured_value"),
                                   r.str("report_number"), r.str("lab"), r.str("report_date"),
                                   r.str("file_hash"), r.str("file_name"),
                                   r.str("revised_requirement")});
      in.merge(r);
    }
  }
  if (const Json* rows = array_member(*body, in, "improvements", 1000)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      const Json& row = (*rows)[i];
      std::string path = "improvements[" + std::to_string(i) + "]";
      if (!row.is_object()) {
        in.errors()[path] = "类型错误：应为对象";
        continue;
      }
      DtoReader r(row, path + ".");
      s.content.improvements.push_back(
          {r.str("indicator"), r.str("action"), r.str("responsible"), r.str("target_date")});
      in.merge(r);
    }
  }
  auto version = read_version(in, *body);
  if (!version) return fail(version.error());
  s.version = *version;
  return s;
}

}  // namespace

Response results_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(list_results_for(ctx.app, ctx.caller, read_query(req), *page), 200,
                 [&](const PageResult<ResultView>& p) {
                   return page_json(p, *page, [](const ResultView& v) { return summary_json(v); });
                 });
}

Response results_export_get(Request& req, RouteContext& ctx) {
  ResultQuery q = read_query(req);
  auto rows = collect_all<ResultView>(
      [&](const Page& p) { return list_results_for(ctx.app, ctx.caller, q, p); });
  if (!rows) return error_response(rows.error());
  std::vector<std::vector<std::string>> cells;
  for (const auto& v : *rows) {
    const EnterpriseResult& r = v.result;
    auto kind = parse_roll_up_kind(v.evaluation.rollup).value_or(RollUpKind::kUndetermined);
    cells.push_back({r.code, r.enterprise_name, r.credit_code, v.region_name, r.product_name,
                     r.product_model, r.plan_number, r.plan_product,
                     std::string(roll_up_label_zh(kind)), v.evaluation.compliant ? "是" : "否",
                     std::string(result_status_label_zh(r.status)),
                     v.stage_region_name.empty() ? "" : v.stage_region_name,
                     r.stage_since > 0 ? format_time_utc(r.stage_since) : "", v.overdue ? "是" : "",
                     r.submitted_at > 0 ? format_time_utc(r.submitted_at) : ""});
  }
  return download_response(write_xlsx("对标结果",
                                      {{"核验码", 14},
                                       {"企业名称", 32},
                                       {"统一社会信用代码", 22},
                                       {"所在地区"},
                                       {"产品名称", 20},
                                       {"型号"},
                                       {"方案编号", 24},
                                       {"方案产品", 20},
                                       {"对标结论", 12},
                                       {"达标", 6},
                                       {"状态", 16},
                                       {"待审核单位", 16},
                                       {"进入当前环节", 22},
                                       {"超期", 6},
                                       {"提交时间", 22}},
                                      cells),
                           kXlsxType, "results.xlsx");
}

Response result_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  return respond(get_result(ctx.app, ctx.caller, *id), 200,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response results_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  NewResult n;
  n.product_id = in.integer("product_id");
  n.plan_id = in.integer("plan_id");
  n.plan_number = in.str("plan_number");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (n.product_id <= 0) return error_response(Error::field("product_id", "请选择产品"));
  if (n.plan_id <= 0 && trim(n.plan_number).empty())
    return error_response(Error::field("plan_number", "请给出已发布的对标方案编号或 plan_id"));
  return respond(create_result(ctx.app, ctx.caller, n), 201,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response result_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto in = read_save_input(req);
  if (!in) return error_response(in.error());
  return respond(save_result(ctx.app, ctx.caller, *id, in->version, in->content), 200,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response result_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto r = delete_result(ctx.app, ctx.caller, *id);
  if (!r) return error_response(r.error());
  return no_content();
}

Response result_submit_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  auto version = read_version(in, *body);
  if (!version) return error_response(version.error());
  return respond(submit_result(ctx.app, ctx.caller, *id, *version), 200,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response result_review_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string action = in.str("action");
  std::string comment = in.str("comment");
  auto version = read_version(in, *body);
  if (!version) return error_response(version.error());
  return respond(review_result(ctx.app, ctx.caller, *id, *version, action, comment), 200,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response results_review_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string action = in.str("action");
  std::string comment = in.str("comment");
  std::vector<BulkItem> items;
  if (const Json* rows = array_member(*body, in, "items", 1000)) {
    for (size_t i = 0; i < rows->size(); ++i) {
      const Json& row = (*rows)[i];
      std::string path = "items[" + std::to_string(i) + "]";
      if (!row.is_object()) {
        in.errors()[path] = "类型错误：应为对象 {id, version}";
        continue;
      }
      DtoReader r(row, path + ".");
      BulkItem item{r.integer("id"), static_cast<int>(r.integer("version"))};
      in.merge(r);
      items.push_back(item);
    }
  }
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(bulk_review(ctx.app, ctx.caller, action, comment, items), 200,
                 [&](const std::vector<BulkOutcome>& outcomes) {
                   Json out = Json::array();
                   for (const auto& o : outcomes) {
                     if (o.view)
                       out.push_back({{"id", o.id},
                                      {"ok", true},
                                      {"status", o.view->result.status},
                                      {"version", o.view->result.version}});
                     else
                       out.push_back({{"id", o.id},
                                      {"ok", false},
                                      {"status_code", http_status(o.error->code)},
                                      {"error",
                                       {{"code", error_code_name(o.error->code)},
                                        {"message", o.error->message}}}});
                   }
                   return Json{{"items", out}};
                 });
}

Response result_events_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  return respond(result_events_for(ctx.app, ctx.caller, *id), 200,
                 [&](const std::vector<ResultEvent>& events) {
                   Json items = Json::array();
                   for (const auto& e : events) items.push_back(event_json(e, ctx.app));
                   return Json{{"items", items}};
                 });
}

Response files_post(Request& req, RouteContext& ctx) {
  return respond(
      upload_file(ctx.app, ctx.caller, req.query("name"), req.body), 201, [](const Upload& u) {
        return Json{
            {"hash", u.hash}, {"size", u.size}, {"content_type", u.content_type}, {"name", u.name}};
      });
}

Response file_get(Request& req, RouteContext& ctx) {
  auto f = read_file(ctx.app, ctx.caller, path_param(req, "hash"));
  if (!f) return error_response(f.error());
  Response r;
  r.content_type = f->upload.content_type;
  r.body = std::move(f->bytes);
  // The name is only a hint for the browser; non-ASCII names go in filename*.
  r.set_header("Content-Disposition", "inline; filename*=UTF-8''" + percent_encode(f->upload.name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, max-age=3600");
  return r;
}

Response notifications_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(my_notifications(ctx.app, ctx.caller, flag(req, "unread"), *page), 200,
                 [&](const NotificationPage& n) {
                   Json j = page_json(n.page, *page, [](const Notification& x) {
                     return Json{{"id", x.id},
                                 {"at", format_time_utc(x.at)},
                                 {"result_id", x.result_id},
                                 {"kind", x.kind},
                                 {"text", x.text},
                                 {"read", x.read_at > 0}};
                   });
                   j["unread"] = n.unread;
                   return j;
                 });
}

Response notifications_read_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  bool all = in.boolean("all");
  std::vector<long long> ids;
  if (const Json* rows = array_member(*body, in, "ids", 1000))
    for (size_t i = 0; i < rows->size(); ++i) {
      if (!(*rows)[i].is_number_integer()) {
        in.errors()["ids[" + std::to_string(i) + "]"] = "类型错误：应为整数";
        continue;
      }
      ids.push_back((*rows)[i].get<long long>());
    }
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(mark_read(ctx.app, ctx.caller, ids, all), 200, [](long long unread) {
    return Json{{"unread", unread}};
  });
}

Response review_settings_get(Request&, RouteContext& ctx) {
  return respond(get_review_settings(ctx.app, ctx.caller), 200, [](const ReviewSettings& s) {
    return Json{{"review_top", s.review_top}, {"review_days", s.review_days}};
  });
}

Response review_settings_put(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  ReviewSettings s;
  s.review_top = in.str("review_top");
  s.review_days = static_cast<int>(in.integer("review_days"));
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(put_review_settings(ctx.app, ctx.caller, s), 200, [](const ReviewSettings& x) {
    return Json{{"review_top", x.review_top}, {"review_days", x.review_days}};
  });
}

Response public_results_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(
      public_results(ctx.app, read_query(req), *page), 200, [&](const PageResult<ResultView>& p) {
        return page_json(p, *page,
                         [&](const ResultView& v) { return without_internals(summary_json(v)); });
      });
}

Response public_result_get(Request& req, RouteContext& ctx) {
  return respond(public_result(ctx.app, ctx.caller, path_param(req, "code")), 200,
                 [&](const ResultView& v) { return detail_json(v, ctx.app, true); });
}

}  // namespace duibiao::http
