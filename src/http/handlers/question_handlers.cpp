// 互动交流: enterprises' questions, their assignment and answer, and the public FAQ.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/question_service.h"

namespace duibiao::http {
namespace {
constexpr const char* kNotFound = "问题不存在";

Json time_or_null(long long t) {
  return t ? Json(format_time_utc(t)) : Json();
}

Json question_json(const QuestionView& v) {
  const Question& q = v.question;
  long long secs = answer_seconds(q);
  return {{"id", q.id},
          {"enterprise_id", q.enterprise_id},
          {"enterprise_name", q.enterprise_name},
          {"region_code", q.region_code},
          {"region_name", q.region_name},
          {"asker_name", q.asker_name},
          {"target", q.target},
          {"target_label", question_target_label(q.target)},
          {"title", q.title},
          {"body", q.body},
          {"status", q.status},
          {"status_label", question_status_label(q.status)},
          {"assignee_id", q.assignee_id ? Json(q.assignee_id) : Json()},
          {"assignee_name", q.assignee_name},
          {"assignee_role", q.assignee_role},
          {"assigned_at", time_or_null(q.assigned_at)},
          {"answer", q.answer},
          {"answered_by_name", q.answered_by_name},
          {"answered_at", time_or_null(q.answered_at)},
          {"answer_seconds", secs >= 0 ? Json(secs) : Json()},
          {"answer_time_label", duration_label_zh(secs)},
          {"faq", q.faq},
          {"faq_question", q.faq_question},
          {"faq_answer", q.faq_answer},
          {"version", q.version},
          {"created_at", format_time_utc(q.created_at)},
          {"can_assign", v.can_assign},
          {"can_answer", v.can_answer},
          {"can_publish", v.can_publish}};
}

// What the public sees of an FAQ entry: no enterprise, asker, region or answerer.
Json faq_json(const Question& q) {
  long long secs = answer_seconds(q);
  return {{"id", q.id},
          {"question", q.faq_question},
          {"target", q.target},
          {"answer", q.faq_answer},
          {"target_label", question_target_label(q.target)},
          {"answered_at", time_or_null(q.answered_at)},
          {"answer_seconds", secs >= 0 ? Json(secs) : Json()},
          {"answer_time_label", duration_label_zh(secs)},
          {"published_at", time_or_null(q.faq_at)}};
}
}  // namespace

Response questions_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  QuestionFilter f;
  f.status = req.query("status");
  auto q = text_query(req, "q");
  if (!q) return error_response(q.error());
  f.q = *q;
  return respond(
      list_questions_for(ctx.app, ctx.caller, f, *page), 200,
      [&](const PageResult<QuestionView>& p) { return page_json(p, *page, question_json); });
}

Response questions_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  QuestionInput q;
  q.title = in.str("title");
  q.body = in.str("body");
  q.target = in.str("target");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(ask_question(ctx.app, ctx.caller, q), 201, question_json);
}

Response questions_assignees_get(Request&, RouteContext& ctx) {
  return respond(question_assignees(ctx.app, ctx.caller), 200, [](const std::vector<Assignee>& v) {
    Json items = Json::array();
    for (const auto& a : v)
      items.push_back({{"id", a.id}, {"display_name", a.display_name}, {"role", a.role}});
    return Json{{"items", items}};
  });
}

Response question_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_question_for(ctx.app, ctx.caller, *id), 200, question_json);
}

Response question_assign_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  long long assignee = in.integer("assignee_id");
  auto version = body_version(in);
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (!version) return error_response(version.error());
  return respond(assign_question(ctx.app, ctx.caller, *id, *version, assignee), 200, question_json);
}

Response question_answer_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string answer = in.str("answer");
  auto version = body_version(in);
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (!version) return error_response(version.error());
  return respond(answer_question(ctx.app, ctx.caller, *id, *version, answer), 200, question_json);
}

Response question_faq_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  FaqInput f;
  f.publish = in.opt_bool("publish").value_or(true);
  f.question = in.opt_str("faq_question");
  f.answer = in.opt_str("faq_answer");
  auto version = body_version(in);
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (!version) return error_response(version.error());
  return respond(set_question_faq(ctx.app, ctx.caller, *id, *version, f), 200, question_json);
}

Response public_faq_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto q = text_query(req, "q");
  if (!q) return error_response(q.error());
  return respond(public_faq(ctx.app, *q, *page), 200,
                 [&](const PageResult<Question>& p) { return page_json(p, *page, faq_json); });
}

Response public_faq_entry_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("常见问题不存在"));
  return respond(public_faq_entry(ctx.app, *id), 200, faq_json);
}

}  // namespace duibiao::http
