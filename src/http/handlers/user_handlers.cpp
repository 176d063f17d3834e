#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/user_service.h"

namespace duibiao::http {

Response users_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  UserFilter f{req.query("q"), req.query("role"), ""};
  auto region_path = region_filter_path(req, ctx);
  if (!region_path) return error_response(region_path.error());
  f.region_path = *region_path;
  return respond(list_users_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<User>& p) {
                   return page_json(p, *page, [](const User& u) { return to_json(u); });
                 });
}

Response users_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  CreateUserRequest r;
  r.username = in.str("username");
  r.display_name = in.str("display_name");
  r.role = in.str("role");
  r.region_code = in.str("region_code");
  r.enterprise_id = in.integer("enterprise_id");
  r.password = in.str("password");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(create_user(ctx.app, ctx.caller, r), 201, [](const CreatedUser& c) {
    return Json{{"user", to_json(c.user)}, {"password", c.password}};
  });
}

Response user_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("用户不存在"));
  return respond(get_user(ctx.app, ctx.caller, *id), 200, [](const User& u) { return to_json(u); });
}

Response user_patch(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("用户不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  UpdateUserRequest r;
  r.display_name = in.opt_str("display_name");
  r.disabled = in.opt_bool("disabled");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(update_user(ctx.app, ctx.caller, *id, r), 200,
                 [](const User& u) { return to_json(u); });
}

Response user_reset_password_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("用户不存在"));
  return respond(reset_password(ctx.app, ctx.caller, *id), 200, [](const std::string& p) {
    return Json{{"password", p}};
  });
}

}  // namespace duibiao::http
