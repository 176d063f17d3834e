#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/auth_service.h"
#include "service/security.h"

namespace duibiao::http {

Response auth_csrf_get(Request& req, RouteContext& ctx) {
  if (ctx.caller.user) return json_response(200, {{"csrf_token", ctx.caller.csrf_token}});
  std::string token = req.cookie("duibiao_csrf");
  if (token.size() < 20 || token.size() > 100) token = random_token(24);
  Response r = json_response(200, {{"csrf_token", token}});
  r.set_header("Set-Cookie", csrf_cookie(token, ctx.secure));
  return r;
}

Response auth_login_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string username = in.str("username");
  std::string password = in.str("password");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  auto result = login(ctx.app, ctx.caller, username, password);
  if (!result) return error_response(result.error());
  Response r =
      json_response(200, {{"user", to_json(result->user)}, {"csrf_token", result->csrf_token}});
  r.set_header("Set-Cookie", session_cookie(result->session_token,
                                            ctx.app.config.session_lifetime_seconds, ctx.secure));
  return r;
}

Response auth_logout_post(Request&, RouteContext& ctx) {
  if (!ctx.caller.user) return error_response(Error::unauthenticated("当前未登录"));
  logout(ctx.app, ctx.caller);
  Response r = no_content();
  r.set_header("Set-Cookie", clear_session_cookie(ctx.secure));
  return r;
}

Response auth_me_get(Request&, RouteContext& ctx) {
  if (!ctx.caller.user) return error_response(Error::unauthenticated());
  return json_response(
      200, {{"user", to_json(*ctx.caller.user)}, {"csrf_token", ctx.caller.csrf_token}});
}

Response auth_password_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string old_password = in.str("old_password");
  std::string new_password = in.str("new_password");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  auto result = change_password(ctx.app, ctx.caller, old_password, new_password);
  if (!result) return error_response(result.error());
  return no_content();
}

}  // namespace duibiao::http
