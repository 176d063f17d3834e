// 信息发布: notices of the offices, their attachments, read receipts and the public notices.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/notice_service.h"

namespace duibiao::http {
namespace {
constexpr const char* kNotFound = "通知公告不存在";

Json attachment_json(const NoticeAttachment& a, const std::string& base) {
  return {{"id", a.id},
          {"name", a.name},
          {"size", a.size},
          {"content_type", a.content_type},
          {"url", base + "/attachments/" + std::to_string(a.id)}};
}

// The public form shows no author account and no internal state.
Json public_json(const Notice& n, bool with_body) {
  Json atts = Json::array();
  std::string base = "/api/v1/public/notices/" + std::to_string(n.id);
  for (const auto& a : n.attachments) atts.push_back(attachment_json(a, base));
  Json j = {{"id", n.id},
            {"office_name", n.office_name},
            {"title", n.title},
            {"published_at", format_time_utc(n.published_at)},
            {"attachments", atts}};
  if (with_body) j["body"] = n.body;
  return j;
}

Json to_json(const Notice& n, bool can_edit, bool with_body) {
  Json atts = Json::array();
  std::string base = "/api/v1/notices/" + std::to_string(n.id);
  for (const auto& a : n.attachments) atts.push_back(attachment_json(a, base));
  Json j = {{"id", n.id},
            {"region_code", n.region_code},
            {"office_name", n.office_name},
            {"author_name", n.author_name},
            {"audience", n.audience},
            {"audience_label", notice_audience_label(n.audience)},
            {"title", n.title},
            {"status", n.status},
            {"status_label", notice_status_label(n.status)},
            {"version", n.version},
            {"published_at", n.published_at ? Json(format_time_utc(n.published_at)) : Json()},
            {"withdrawn_at", n.withdrawn_at ? Json(format_time_utc(n.withdrawn_at)) : Json()},
            {"updated_at", format_time_utc(n.updated_at)},
            {"read", n.read},
            {"can_edit", can_edit},
            {"attachments", atts}};
  if (with_body) j["body"] = n.body;
  return j;
}

Json view_json(const NoticeView& v) {
  return to_json(v.notice, v.can_edit, true);
}

Result<NoticeInput> read_input(Request& req, int* version) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  NoticeInput n;
  n.title = in.str("title");
  n.body = in.str("body");
  n.audience = in.str("audience");
  Result<int> v = version ? body_version(in) : Result<int>(0);
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  if (!v) return fail(v.error());
  if (version) *version = *v;
  return n;
}

Result<NoticeFilter> read_filter(const Request& req) {
  NoticeFilter f;
  auto q = text_query(req, "q");
  if (!q) return fail(q.error());
  f.q = *q;
  f.status = req.query("status");
  f.mine = query_flag(req, "mine");
  return f;
}

Response file_response(NoticeFile f) {
  Response r;
  r.content_type = f.attachment.content_type;
  r.body = std::move(f.bytes);
  bool inline_ok = f.attachment.content_type == "application/pdf" ||
                   f.attachment.content_type.rfind("image/", 0) == 0;
  r.set_header("Content-Disposition", std::string(inline_ok ? "inline" : "attachment") +
                                          "; filename*=UTF-8''" +
                                          percent_encode(f.attachment.name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, max-age=600");
  return r;
}
}  // namespace

Response notices_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto f = read_filter(req);
  if (!f) return error_response(f.error());
  return respond(list_notices_for(ctx.app, ctx.caller, *f, *page), 200, [&](const NoticePage& p) {
    Json j = page_json(p.page, *page,
                       [](const NoticeView& v) { return to_json(v.notice, v.can_edit, false); });
    j["unread"] = p.unread;
    return j;
  });
}

Response notices_unread_get(Request&, RouteContext& ctx) {
  return respond(unread_notice_count(ctx.app, ctx.caller), 200, [](long long n) {
    return Json{{"unread", n}};
  });
}

Response notices_post(Request& req, RouteContext& ctx) {
  auto in = read_input(req, nullptr);
  if (!in) return error_response(in.error());
  return respond(create_notice(ctx.app, ctx.caller, *in), 201, view_json);
}

Response notice_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_notice_for(ctx.app, ctx.caller, *id), 200, view_json);
}

Response notice_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  int version = 0;
  auto in = read_input(req, &version);
  if (!in) return error_response(in.error());
  return respond(update_notice_for(ctx.app, ctx.caller, *id, version, *in), 200, view_json);
}

Response notice_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto version = query_version(req);
  if (!version) return error_response(version.error());
  auto r = delete_notice_for(ctx.app, ctx.caller, *id, *version);
  if (!r) return error_response(r.error());
  return no_content();
}

Response notice_actions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string action = in.str("action");
  auto version = body_version(in);
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (!version) return error_response(version.error());
  return respond(act_on_notice(ctx.app, ctx.caller, *id, *version, action), 200, view_json);
}

Response notice_attachments_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto name = text_query(req, "name", 200);
  if (!name) return error_response(name.error());
  return respond(add_notice_attachment(ctx.app, ctx.caller, *id, *name, req.body), 201, view_json);
}

Response notice_attachment_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  auto aid = id_param(req, "aid");
  if (!id || !aid) return error_response(Error::not_found("附件不存在"));
  return respond(remove_notice_attachment(ctx.app, ctx.caller, *id, *aid), 200, view_json);
}

Response notice_attachment_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  auto aid = id_param(req, "aid");
  if (!id || !aid) return error_response(Error::not_found("附件不存在"));
  auto f = read_notice_attachment(ctx.app, ctx.caller, *id, *aid, false);
  if (!f) return error_response(f.error());
  return file_response(std::move(*f));
}

Response notice_read_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto r = mark_notice_read(ctx.app, ctx.caller, *id);
  if (!r) return error_response(r.error());
  return respond(unread_notice_count(ctx.app, ctx.caller), 200, [](long long n) {
    return Json{{"unread", n}};
  });
}

Response notice_readers_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(notice_readers(ctx.app, ctx.caller, *id), 200, [](const NoticeReaders& r) {
    Json rows = Json::array();
    for (const auto& x : r.rows)
      rows.push_back({{"region_code", x.region_code},
                      {"region_name", x.region_name},
                      {"readers", x.readers},
                      {"audience", x.audience}});
    return Json{{"total_readers", r.total_readers},
                {"total_audience", r.total_audience},
                {"regions", rows}};
  });
}

Response public_notices_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto f = read_filter(req);
  if (!f) return error_response(f.error());
  return respond(public_notices(ctx.app, *f, *page), 200, [&](const PageResult<Notice>& p) {
    return page_json(p, *page, [](const Notice& n) { return public_json(n, false); });
  });
}

Response public_notice_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(public_notice(ctx.app, *id), 200,
                 [](const Notice& n) { return public_json(n, true); });
}

Response public_notice_attachment_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  auto aid = id_param(req, "aid");
  if (!id || !aid) return error_response(Error::not_found("附件不存在"));
  auto f = read_notice_attachment(ctx.app, Caller{}, *id, *aid, true);
  if (!f) return error_response(f.error());
  return file_response(std::move(*f));
}

}  // namespace duibiao::http
