// 情况通报: circulars of an office to its child regions, generated from campaign statistics where
// the office wants, with the confirmation of receipt of each addressed region.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/circular_service.h"

namespace duibiao::http {
namespace {
constexpr const char* kNotFound = "情况通报不存在";

Json time_or_null(long long t) {
  return t ? Json(format_time_utc(t)) : Json();
}

Json to_json(const CircularView& v, bool with_body) {
  const Circular& c = v.circular;
  Json rs = Json::array();
  for (const auto& r : c.recipients)
    rs.push_back({{"region_code", r.region_code},
                  {"region_name", r.region_name},
                  {"confirmed", r.confirmed_at > 0},
                  {"confirmed_at", time_or_null(r.confirmed_at)},
                  {"confirmed_by_name", r.confirmed_by_name}});
  Json j = {{"id", c.id},
            {"region_code", c.region_code},
            {"office_name", c.office_name},
            {"author_name", c.author_name},
            {"title", c.title},
            {"campaign_id", c.campaign_id ? Json(c.campaign_id) : Json()},
            {"source", c.source},
            {"status", c.status},
            {"status_label", c.status == "sent" ? "已发出" : "草稿"},
            {"version", c.version},
            {"sent_at", time_or_null(c.sent_at)},
            {"updated_at", format_time_utc(c.updated_at)},
            {"recipients", rs},
            {"confirmed", v.confirmed},
            {"recipient_count", c.recipients.size()},
            {"can_edit", v.can_edit},
            {"can_confirm", v.can_confirm}};
  if (with_body) j["body"] = c.body;
  return j;
}

Json full(const CircularView& v) {
  return to_json(v, true);
}

Result<CircularInput> read_input(Request& req, int* version) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  CircularInput c;
  c.title = in.str("title");
  c.body = in.str("body");
  c.campaign_id = in.integer("campaign_id");
  c.source = in.str("source");
  const Json* rs = array_member(*body, in, "recipients", kMaxCircularRecipients + 1);
  if (rs)
    for (size_t i = 0; i < rs->size(); ++i) {
      if (!(*rs)[i].is_string())
        in.errors()["recipients[" + std::to_string(i) + "]"] = "类型错误：应为字符串（地区代码）";
      else
        c.recipients.push_back((*rs)[i].get<std::string>());
    }
  Result<int> v = version ? body_version(in) : Result<int>(0);
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  if (!v) return fail(v.error());
  if (version) *version = *v;
  return c;
}

Result<int> version_body(Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  auto v = body_version(in);
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return v;
}
}  // namespace

Response circulars_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  CircularFilter f;
  f.box = req.query("box");
  return respond(list_circulars_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<CircularView>& p) {
                   return page_json(p, *page,
                                    [](const CircularView& v) { return to_json(v, false); });
                 });
}

Response circulars_post(Request& req, RouteContext& ctx) {
  auto in = read_input(req, nullptr);
  if (!in) return error_response(in.error());
  return respond(create_circular(ctx.app, ctx.caller, *in), 201, full);
}

Response circulars_generate_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  CircularGenerate g;
  g.campaign_id = in.integer("campaign_id");
  g.kind = in.str("kind");
  g.phase_key = in.str("phase_key");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(generate_circular(ctx.app, ctx.caller, g), 200, [&](const CircularDraft& d) {
    return Json{{"title", d.title},
                {"body", d.body},
                {"recipients", d.recipients},
                {"campaign_id", g.campaign_id},
                {"source", g.kind}};
  });
}

Response circular_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_circular_for(ctx.app, ctx.caller, *id), 200, full);
}

Response circular_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  int version = 0;
  auto in = read_input(req, &version);
  if (!in) return error_response(in.error());
  return respond(update_circular_for(ctx.app, ctx.caller, *id, version, *in), 200, full);
}

Response circular_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto version = query_version(req);
  if (!version) return error_response(version.error());
  auto r = delete_circular_for(ctx.app, ctx.caller, *id, *version);
  if (!r) return error_response(r.error());
  return no_content();
}

Response circular_send_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto version = version_body(req);
  if (!version) return error_response(version.error());
  return respond(send_circular(ctx.app, ctx.caller, *id, *version), 200, full);
}

Response circular_confirm_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(confirm_circular_for(ctx.app, ctx.caller, *id), 200, full);
}

}  // namespace duibiao::http
