// Benchmarking results (对标结果), the review chain, uploads, notifications, the public side.
#include "domain/requirement.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "http/json_writer.h"
#include "io/xlsx.h"
#include "service/caches.h"
#include "service/result_service.h"

namespace duibiao::http {
namespace {

void write_chain(JsonWriter& w, const ResultView& v, App& app) {
  const EnterpriseResult& r = v.result;
  w.begin_array();
  bool reached = false;  // the current step has been passed while walking up
  for (const auto& step : v.chain) {
    const char* state = "todo";
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
    w.begin_object()
        .field("level", step.level)
        .field("region_code", step.region_code)
        .field("region_name", name)
        .field("state", state)
        .end_object();
  }
  w.end_array();
}

void time_or_null(JsonWriter& w, const char* key, long long t) {
  w.key(key);
  if (t > 0)
    w.value(format_time_utc(t));
  else
    w.null();
}

// The fields of a result every list shows. The public never sees the workflow internals and
// row ids (version, stage, stage_region_*, stage_since, overdue, enterprise_id, product_id).
void write_summary_fields(JsonWriter& w, const ResultView& v, bool public_view) {
  const EnterpriseResult& r = v.result;
  auto kind = parse_roll_up_kind(v.evaluation.rollup).value_or(RollUpKind::kUndetermined);
  w.field("id", r.id).field("code", r.code);
  if (!public_view) {
    w.field("version", r.version)
        .field("stage", r.stage)
        .field("stage_region_code", r.stage_region)
        .field("stage_region_name", v.stage_region_name);
    time_or_null(w, "stage_since", r.stage_since);
    w.field("overdue", v.overdue)
        .field("enterprise_id", r.enterprise_id)
        .field("product_id", r.product_id);
  }
  w.field("status", r.status)
      .field("status_label", result_status_label_zh(r.status))
      .field("enterprise_name", r.enterprise_name)
      .field("credit_code", r.credit_code)
      .field("region_code", v.region_code)
      .field("region_name", v.region_name)
      .field("product_name", r.product_name)
      .field("product_model", r.product_model)
      .field("plan_id", r.plan_id)
      .field("plan_number", r.plan_number)
      .field("plan_product", r.plan_product);
  w.key("benchmark_standards").begin_array();
  if (v.plan)
    for (const auto& s : v.plan->standards)
      if (s.role == "benchmark") w.value(s.number);
  w.end_array();
  w.field("enterprise_standard", r.content.enterprise_standard)
      .field("rollup", v.evaluation.rollup)
      .field("rollup_label", roll_up_label_zh(kind))
      .field("compliant", v.evaluation.compliant);
  time_or_null(w, "submitted_at", r.submitted_at);
  time_or_null(w, "published_at", r.published_at);
  w.field("created_at", format_time_utc(r.created_at))
      .field("updated_at", format_time_utc(r.updated_at));
}

// The whole result; the public view leaves out file references (test reports are not public)
// and what changed between submissions.
std::string detail_json(const ResultView& v, App& app, bool public_view) {
  const EnterpriseResult& r = v.result;
  JsonWriter w;
  w.begin_object();
  write_summary_fields(w, v, public_view);
  w.key("indicators").begin_array();
  if (v.plan) {
    for (size_t i = 0; i < v.plan->indicators.size(); ++i) {
      const PlanIndicator& p = v.plan->indicators[i];
      static const ResultEntry kEmpty;
      const ResultEntry& e = i < r.content.entries.size() ? r.content.entries[i] : kEmpty;
      const RowEvaluation& ev = v.evaluation.rows[i];
      w.begin_object()
          .field("index", i)
          .field("name", p.name)
          .field("unit", p.unit)
          .field("domestic_requirement", p.domestic_requirement)
          .field("benchmark_requirement", p.benchmark_requirement)
          .field("core", p.core)
          .field("safety", p.safety)
          .field("health", p.health)
          .field("environment", p.environment)
          .field("enterprise_requirement", e.enterprise_requirement)
          .field("measured_value", e.measured_value)
          .field("report_number", e.report_number)
          .field("lab", e.lab)
          .field("report_date", e.report_date)
          .field("revised_requirement", e.revised_requirement)
          .field("effective_requirement", ev.effective_requirement)
          .field("verdict", ev.verdict)
          .field("verdict_label", verdict_label(ev.verdict))
          .field("verdict_reason", ev.verdict_reason)
          .field("measured_verdict", ev.measured_verdict)
          .field("measured_reason", ev.measured_reason);
      if (!public_view) w.field("file_hash", e.file_hash).field("file_name", e.file_name);
      w.end_object();
    }
  }
  w.end_array();
  w.key("gaps").begin_array();
  for (const auto& g : v.evaluation.gaps)
    w.begin_object()
        .field("index", g.index)
        .field("name", g.name)
        .field("reason", g.reason)
        .end_object();
  w.end_array();
  w.field("rollup_summary", v.evaluation.summary).field("conclusion", r.content.conclusion);
  w.key("improvements").begin_array();
  for (const auto& i : r.content.improvements)
    w.begin_object()
        .field("indicator", i.indicator)
        .field("action", i.action)
        .field("responsible", i.responsible)
        .field("target_date", i.target_date)
        .end_object();
  w.end_array();
  w.field("revised_standard", r.content.revised_standard);
  w.key("chain");
  write_chain(w, v, app);
  if (!public_view) {
    // Stored by the server at submission as a JSON array.
    w.key("changes");
    if (v.changes_json.empty())
      w.raw("[]");
    else
      w.raw(v.changes_json);
  }
  w.end_object();
  return w.take();
}

std::string page_text(const PageResult<ResultView>& p, const Page& page, bool public_view) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& v : p.items) {
    w.begin_object();
    write_summary_fields(w, v, public_view);
    w.end_object();
  }
  w.end_array()
      .field("total", p.total)
      .field("page", page.page)
      .field("page_size", page.page_size)
      .end_object();
  return w.take();
}

// A service result as a JSON text answer.
template <class T, class F>
Response respond_text(const Result<T>& r, int status, F&& text) {
  if (!r) return error_response(r.error());
  return json_text_response(status, text(*r));
}

void write_event(JsonWriter& w, const ResultEvent& e, App& app) {
  std::string region_name;
  if (!e.actor_region.empty())
    if (auto reg = cached_region(app, e.actor_region)) region_name = reg->name;
  w.begin_object()
      .field("id", e.id)
      .field("at", format_time_utc(e.at))
      .field("actor_id", e.actor_id)
      .field("actor_name", e.actor_name)
      .field("actor_role", e.actor_role)
      .field("actor_region_code", e.actor_region)
      .field("actor_region_name", region_name)
      .field("action", e.action)
      .field("from_status", e.from_status)
      .field("to_status", e.to_status)
      .field("stage", e.stage)
      .field("comment", e.comment);
  w.key("changes");
  // Written by the server itself; anything that is not an array is shown as none.
  if (!e.changes.empty() && e.changes.front() == '[' && Json::accept(e.changes))
    w.raw(e.changes);
  else
    w.raw("[]");
  w.end_object();
}

ResultQuery read_query(const Request& req) {
  ResultQuery q;
  q.status = req.query("status");
  q.stage = req.query("stage");
  q.q = req.query("q");
  q.plan_number = req.query("plan_number");
  q.region_code = req.query("region_code");
  q.queue = query_flag(req, "queue");
  q.overdue = query_flag(req, "overdue");
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
  return respond_text(list_results_for(ctx.app, ctx.caller, read_query(req), *page), 200,
                      [&](const PageResult<ResultView>& p) { return page_text(p, *page, false); });
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
  auto page = result_page(ctx.app, ctx.caller, *id,
                          [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
  if (!page) return error_response(page.error());
  return json_text_response(200, **page);
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
  return respond_text(create_result(ctx.app, ctx.caller, n), 201,
                      [&](const ResultView& v) { return detail_json(v, ctx.app, false); });
}

Response result_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto in = read_save_input(req);
  if (!in) return error_response(in.error());
  return respond_text(save_result(ctx.app, ctx.caller, *id, in->version, in->content), 200,
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
  return respond_text(submit_result(ctx.app, ctx.caller, *id, *version), 200,
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
  return respond_text(review_result(ctx.app, ctx.caller, *id, *version, action, comment), 200,
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
  return respond_text(result_events_for(ctx.app, ctx.caller, *id), 200,
                      [&](const std::vector<ResultEvent>& events) {
                        JsonWriter w;
                        w.begin_object().key("items").begin_array();
                        for (const auto& e : events) write_event(w, e, ctx.app);
                        w.end_array().end_object();
                        return w.take();
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
  return respond(my_notifications(ctx.app, ctx.caller, query_flag(req, "unread"), *page), 200,
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
  return respond_text(public_results(ctx.app, read_query(req), *page), 200,
                      [&](const PageResult<ResultView>& p) { return page_text(p, *page, true); });
}

Response public_result_get(Request& req, RouteContext& ctx) {
  auto page =
      public_result_page(ctx.app, ctx.caller, path_param(req, "code"),
                         [&](const ResultView& v) { return detail_json(v, ctx.app, true); });
  if (!page) return error_response(page.error());
  return json_text_response(200, **page);
}

}  // namespace duibiao::http
