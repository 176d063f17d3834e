#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/enterprise_service.h"
#include "service/reference_service.h"

namespace duibiao::http {

Response enterprises_register_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader top(*body, "");
  const Json* ent = top.object("enterprise");
  const Json* usr = top.object("user");
  if (auto ok = top.finish(); !ok) return error_response(ok.error());
  std::map<std::string, std::string> missing;
  if (!ent) missing["enterprise"] = "缺少企业信息 enterprise";
  if (!usr) missing["user"] = "缺少账号信息 user";
  if (!missing.empty()) return error_response(Error::validation(missing));
  DtoReader e(*ent, "enterprise.");
  DtoReader u(*usr, "user.");
  RegistrationRequest r;
  r.name = e.str("name");
  r.credit_code = e.str("credit_code");
  r.region_code = e.str("region_code");
  r.industry_code = e.str("industry_code");
  r.contact_name = e.str("contact_name");
  r.contact_phone = e.str("contact_phone");
  r.contact_email = e.str("contact_email");
  r.address = e.str("address");
  r.flags = e.str_list("flags");
  r.pilot_code = e.boolean("pilot_code");
  r.username = u.str("username");
  r.password = u.str("password");
  r.display_name = u.str("display_name");
  e.merge(u);
  if (auto ok = e.finish(); !ok) return error_response(ok.error());
  auto result = register_enterprise(ctx.app, ctx.caller, r);
  if (!result) return error_response(result.error());
  Response resp = json_response(201, {{"enterprise", to_json(result->enterprise)},
                                      {"user", to_json(result->session.user)},
                                      {"csrf_token", result->session.csrf_token}});
  resp.set_header("Set-Cookie",
                  session_cookie(result->session.session_token,
                                 ctx.app.config.session_lifetime_seconds, ctx.secure));
  return resp;
}

Response enterprises_mine_get(Request&, RouteContext& ctx) {
  return respond(my_enterprise(ctx.app, ctx.caller), 200,
                 [](const Enterprise& e) { return to_json(e); });
}

Response enterprises_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  EnterpriseFilter f;
  f.q = req.query("q");
  auto region_path = region_filter_path(req, ctx);
  if (!region_path) return error_response(region_path.error());
  f.region_path = *region_path;
  return respond(list_enterprises_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<Enterprise>& p) {
                   return page_json(p, *page, [](const Enterprise& e) { return to_json(e); });
                 });
}

Response enterprise_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("企业不存在"));
  return respond(get_enterprise(ctx.app, ctx.caller, *id), 200,
                 [](const Enterprise& e) { return to_json(e); });
}

Response enterprise_confirm_code_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("企业不存在"));
  return respond(confirm_credit_code(ctx.app, ctx.caller, *id), 200,
                 [](const Enterprise& e) { return to_json(e); });
}

}  // namespace duibiao::http
