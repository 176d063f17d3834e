#include "http/handlers/handler_util.h"

#include "service/reference_service.h"

namespace duibiao::http {

std::string session_cookie(const std::string& token, long long max_age, bool secure) {
  return "duibiao_session=" + token + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string csrf_cookie(const std::string& token, bool secure) {
  return "duibiao_csrf=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string clear_session_cookie(bool secure) {
  return std::string("duibiao_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax") +
         (secure ? "; Secure" : "");
}

Response download_response(std::string body, const char* content_type,
                           const std::string& filename_ascii) {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename_ascii + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Result<std::string> region_filter_path(const Request& req, RouteContext& ctx) {
  auto code = req.query("region_code");
  if (code.empty()) return std::string();
  auto chain = region_with_ancestors(ctx.app, code);
  if (!chain) return fail(Error::field("region_code", "行政区划“" + code + "”不存在"));
  std::string path = "/";
  for (const auto& r : *chain) path += r.code + "/";
  return path;
}

}  // namespace duibiao::http
