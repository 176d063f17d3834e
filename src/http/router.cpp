#include "http/router.h"

#include <array>

#include "domain/text.h"
#include "http/json_io.h"
#include "http/log.h"
#include "http/static_files.h"
#include "service/auth_service.h"

namespace duibiao::http {
namespace {
std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  for (auto& s : split(path, '/'))
    if (!s.empty()) out.push_back(s);
  return out;
}

bool is_mutating(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}
bool is_loopback(const std::string& addr) {
  return addr.rfind("127.", 0) == 0 || addr == "::1" || addr.rfind("::ffff:127.", 0) == 0;
}
}  // namespace

std::string client_address(const Request& req, bool trust_proxy) {
  if (!trust_proxy || !is_loopback(req.remote_addr)) return req.remote_addr;
  if (auto real = std::string(trim(req.header("x-real-ip"))); !real.empty()) return real;
  // The rightmost entry is the one our proxy appended; earlier ones are the client's word.
  auto forwarded = req.header("x-forwarded-for");
  if (!forwarded.empty()) {
    auto last =
        forwarded.substr(forwarded.rfind(',') == std::string::npos ? 0 : forwarded.rfind(',') + 1);
    if (auto t = std::string(trim(last)); !t.empty()) return t;
  }
  return req.remote_addr;
}

Dispatcher::Dispatcher(App& app, HttpOptions options) : app_(app), options_(std::move(options)) {
  for (const auto& spec : api_routes()) routes_.push_back({spec, path_segments(spec.pattern)});
  if (!options_.web_root.empty()) static_files_ = std::make_unique<StaticFiles>(options_.web_root);
}

Dispatcher::~Dispatcher() = default;

const Dispatcher::Route* Dispatcher::match(const Request& req,
                                           std::map<std::string, std::string>& params,
                                           bool& path_matched) const {
  // Split into views without allocating: this runs for every request, twice for cheap routes.
  constexpr size_t kMaxSegments = 12;
  std::array<std::string_view, kMaxSegments> segs;
  size_t count = 0;
  std::string_view rest = req.path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (!seg.empty()) {
      if (count == kMaxSegments) return nullptr;
      segs[count++] = seg;
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  path_matched = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != count) continue;
    bool ok = true;
    for (size_t i = 0; i < count && ok; ++i) {
      const auto& pat = route.segments[i];
      bool is_param = pat.size() > 2 && pat.front() == '{' && pat.back() == '}';
      ok = is_param || pat == segs[i];
    }
    if (!ok) continue;
    path_matched = true;
    if (route.spec.method == req.method ||
        (req.method == "HEAD" && std::string_view(route.spec.method) == "GET")) {
      params.clear();
      for (size_t i = 0; i < count; ++i) {
        const auto& pat = route.segments[i];
        if (pat.size() > 2 && pat.front() == '{' && pat.back() == '}')
          params[pat.substr(1, pat.size() - 2)] = std::string(segs[i]);
      }
      return &route;
    }
  }
  return nullptr;
}

bool Dispatcher::is_cheap(const Request& req) const {
  if (req.path.rfind("/api/", 0) != 0) return true;  // static files
  std::map<std::string, std::string> params;
  bool path_matched = false;
  const Route* r = match(req, params, path_matched);
  return r == nullptr || r->spec.kind == RouteKind::kCheap;
}

bool Dispatcher::accepts_upload(std::string_view method, std::string_view path) const {
  Request req;
  req.method = std::string(method);
  req.path = std::string(path);
  std::map<std::string, std::string> params;
  bool path_matched = false;
  const Route* r = match(req, params, path_matched);
  return r != nullptr && r->spec.upload;
}

Response Dispatcher::handle(Request& req) {
  if (req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    if (!static_files_) return error_response(Error::not_found("未配置前端文件目录"));
    if (req.method != "GET" && req.method != "HEAD")
      return error_response({ErrorCode::kMethodNotAllowed, "静态文件只支持 GET"});
    return static_files_->serve(req.path, req.header("if-none-match"));
  }
  bool path_matched = false;
  const Route* route = match(req, req.params, path_matched);
  if (!route) {
    if (path_matched)
      return error_response(
          {ErrorCode::kMethodNotAllowed, "接口 " + req.path + " 不支持 " + req.method + " 方法"});
    return error_response(Error::not_found("接口不存在：" + req.method + " " + req.path));
  }
  req.remote_addr = client_address(req, options_.trust_proxy);
  RouteContext ctx{app_, options_, Caller{}, options_.secure_cookies};
  if (req.header("x-forwarded-proto") == "https") ctx.secure = true;
  try {
    if (route->spec.kind == RouteKind::kSession)
      ctx.caller = authenticate(app_, req.cookie("duibiao_session"), req.remote_addr);
    else
      ctx.caller.remote_addr = req.remote_addr;
    if (is_mutating(req.method)) {
      auto ok = check_csrf(ctx.caller, req.header("x-csrf-token"), req.cookie("duibiao_csrf"));
      if (!ok) return error_response(ok.error());
    }
    return route->spec.handler(req, ctx);
  } catch (const std::exception& e) {
    log_error("request failed", {{"method", req.method}, {"path", req.path}, {"error", e.what()}});
    return error_response(Error::internal("服务器内部错误，请稍后重试"));
  }
}

}  // namespace duibiao::http
