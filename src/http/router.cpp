#include "http/router.h"

#include <array>
#include <atomic>
#include <cmath>
#include <random>

#include "domain/text.h"
#include "http/json_io.h"
#include "http/log.h"
#include "http/metrics.h"
#include "http/static_files.h"
#include "service/auth_service.h"
#include "service/report_job_service.h"

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
  std::vector<std::pair<std::string, std::string>> labels;
  for (const auto& spec : api_routes()) {
    routes_.push_back({spec, path_segments(spec.pattern)});
    labels.emplace_back(spec.method, spec.pattern);
  }
  if (!options_.web_root.empty()) static_files_ = std::make_unique<StaticFiles>(options_.web_root);
  metrics_ = std::make_unique<Metrics>(labels);
  auto* db = &app_.db;
  metrics_->add_gauge("duibiao_db_pool_connections", "Connections in the database pool.", "gauge",
                      [db] { return static_cast<double>(db->pool_stats().size); });
  metrics_->add_gauge("duibiao_db_pool_in_use", "Pool connections leased right now.", "gauge",
                      [db] { return static_cast<double>(db->pool_stats().in_use); });
  metrics_->add_gauge("duibiao_db_pool_waits_total",
                      "Leases that had to wait for a free connection.", "counter",
                      [db] { return static_cast<double>(db->pool_stats().waits); });
  metrics_->add_gauge("duibiao_db_pool_wait_seconds_total",
                      "Time spent waiting for a free connection.", "counter",
                      [db] { return static_cast<double>(db->pool_stats().wait_micros) / 1e6; });
  // Read from the database at scrape time: the queue is shared by every process.
  auto* jobs_app = &app_;
  metrics_->add_gauge("duibiao_report_jobs_queued",
                      "Analysis-report jobs waiting for a worker (all processes).", "gauge",
                      [jobs_app] {
                        auto c = report_job_counts(*jobs_app);
                        return c ? static_cast<double>(c->queued) : std::nan("");
                      });
  metrics_->add_gauge("duibiao_report_jobs_running",
                      "Analysis-report jobs being generated (all processes).", "gauge", [jobs_app] {
                        auto c = report_job_counts(*jobs_app);
                        return c ? static_cast<double>(c->running) : std::nan("");
                      });
  metrics_->add_gauge("duibiao_db_write_groups_total",
                      "SQLite commits, each of one or more writes (group commit).", "counter",
                      [db] { return static_cast<double>(db->group_commit_stats().groups); });
  metrics_->add_gauge("duibiao_db_grouped_writes_total", "Writes committed by those commits.",
                      "counter",
                      [db] { return static_cast<double>(db->group_commit_stats().writes); });
  metrics_->add_gauge(
      "duibiao_db_write_group_seconds_total",
      "The SQLite writer's time in the groups' writes (BEGIN to before COMMIT).", "counter",
      [db] { return static_cast<double>(db->group_commit_stats().write_micros) / 1e6; });
  metrics_->add_gauge(
      "duibiao_db_commit_seconds_total",
      "The SQLite writer's time in COMMIT (WAL pages, fsync, checkpoints).", "counter",
      [db] { return static_cast<double>(db->group_commit_stats().commit_micros) / 1e6; });
  metrics_->add_gauge(
      "duibiao_db_background_checkpoints_total",
      "SQLite checkpoints run beside the writes (the log copied into the file).", "counter",
      [db] { return static_cast<double>(db->group_commit_stats().background_checkpoints); });
  metrics_->add_gauge(
      "duibiao_db_background_checkpoint_seconds_total", "Time those checkpoints took.", "counter",
      [db] {
        return static_cast<double>(db->group_commit_stats().background_checkpoint_micros) / 1e6;
      });
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
  if (r == nullptr || r->spec.kind == RouteKind::kCheap) return true;
  // On SQLite a read never waits for the network or for a writer (WAL); a PostgreSQL read may
  // wait for a reconnection, which must not hold up every connection of an io thread.
  // A free-text search may scan many rows: it goes to the worker pool.
  return r->spec.kind == RouteKind::kSessionInline && app_.db.kind() == DbKind::kSqlite &&
         req.query("q").empty();
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

namespace {
// A request id from the client (through a trusted proxy) is used only when it looks like one.
bool well_formed_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

// 16 hex digits: 32 random bits chosen at start (so that processes behind one proxy differ)
// and a 32-bit counter. Cheap: no lock, no system call.
std::string new_request_id() {
  static const unsigned long long prefix = [] {
    std::random_device rd;
    return (static_cast<unsigned long long>(rd()) & 0xffffffffULL) << 32;
  }();
  static std::atomic<unsigned long long> counter{0};
  unsigned long long v = prefix | (counter.fetch_add(1, std::memory_order_relaxed) & 0xffffffffULL);
  static const char* hex = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<size_t>(i)] = hex[v & 15];
  return id;
}

// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}
}  // namespace

void Dispatcher::assign_request_id(Request& req) const {
  if (!req.request_id.empty()) return;
  if (options_.trust_proxy && is_loopback(req.remote_addr)) {
    auto incoming = req.header("x-request-id");
    if (well_formed_request_id(incoming)) {
      req.request_id = std::move(incoming);
      return;
    }
  }
  req.request_id = new_request_id();
}

Response Dispatcher::metrics_get(const Request& req) const {
  if (!options_.metrics_token.empty()) {
    auto auth = req.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.rfind(kBearer, 0) != 0 ||
        !same_secret(std::string_view(auth).substr(kBearer.size()), options_.metrics_token)) {
      auto res = error_response({ErrorCode::kUnauthenticated, "需要 metrics 令牌（Bearer）"});
      res.set_header("WWW-Authenticate", "Bearer realm=\"metrics\"");
      return res;
    }
  } else if (!is_loopback(req.remote_addr) || !req.header("x-forwarded-for").empty() ||
             !req.header("x-real-ip").empty() || !req.header("forwarded").empty()) {
    return error_response(
        {ErrorCode::kForbidden, "/metrics 只对本机开放（或以 --metrics-token 启动后凭令牌访问）"});
  }
  if (req.method != "GET" && req.method != "HEAD")
    return error_response({ErrorCode::kMethodNotAllowed, "/metrics 只支持 GET"});
  std::string build = "version=\"" + std::string(DUIBIAO_VERSION) + "\",schema_version=\"" +
                      std::to_string(app_.schema_version) + "\",database=\"" +
                      std::string(app_.db.kind_name()) + "\"";
  Response res;
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.set_header("Cache-Control", "no-store");
  res.body = metrics_->render(build);
  return res;
}

void Dispatcher::complete(const Request* req, Response& res,
                          std::chrono::steady_clock::time_point started) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
  int slot = !req                  ? metrics_->extra_slot(Metrics::kInvalid)
             : req->route_slot < 0 ? metrics_->extra_slot(Metrics::kUnmatched)
                                   : req->route_slot;
  metrics_->observe(slot, res.status, micros);
  std::string id = req && !req->request_id.empty() ? req->request_id : new_request_id();
  if (options_.access_log) {
    // Built by hand: this runs for every request (nlohmann::json costs a few µs here).
    std::string line;
    line.reserve(320);
    line += "{\"time\":";
    line += std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
    line += ",\"level\":\"info\",\"msg\":\"access\",\"request_id\":\"";
    append_json_escaped(line, id);
    line += "\",\"method\":\"";
    if (req) append_json_escaped(line, req->method);
    line += "\",\"route\":\"";
    if (req && req->route_slot >= 0 && static_cast<size_t>(req->route_slot) < routes_.size())
      line += routes_[static_cast<size_t>(req->route_slot)].spec.pattern;
    else
      line += slot == metrics_->extra_slot(Metrics::kStatic)    ? "static"
              : slot == metrics_->extra_slot(Metrics::kMetrics) ? "/metrics"
              : req                                             ? "unmatched"
                                                                : "invalid";
    line += "\",\"status\":";
    line += std::to_string(res.status);
    line += ",\"duration_us\":";
    line += std::to_string(micros);
    line += ",\"bytes\":";
    line += std::to_string(res.body.size());
    if (req && req->user_id > 0) {
      line += ",\"user_id\":";
      line += std::to_string(req->user_id);
    }
    line += ",\"client_ip\":\"";
    if (req) append_json_escaped(line, client_address(*req, options_.trust_proxy));
    line += "\"}";
    log_raw_line(line);
  }
  res.headers.emplace_back("X-Request-Id", std::move(id));
}

Response Dispatcher::handle(Request& req) {
  assign_request_id(req);
  RequestIdScope request_scope(req.request_id);
  if (req.path == "/metrics") {
    req.route_slot = metrics_->extra_slot(Metrics::kMetrics);
    return metrics_get(req);
  }
  if (req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    req.route_slot = metrics_->extra_slot(Metrics::kStatic);
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
  req.route_slot = static_cast<int>(route - routes_.data());
  req.remote_addr = client_address(req, options_.trust_proxy);
  RouteContext ctx{app_, options_, Caller{}, options_.secure_cookies};
  if (req.header("x-forwarded-proto") == "https") ctx.secure = true;
  try {
    if (route->spec.kind == RouteKind::kSession || route->spec.kind == RouteKind::kSessionInline) {
      ctx.caller = authenticate(app_, req.cookie("duibiao_session"), req.remote_addr);
      if (ctx.caller.user) req.user_id = ctx.caller.user->id;
    } else
      ctx.caller.remote_addr = req.remote_addr;
    if (is_mutating(req.method)) {
      auto ok = check_csrf(ctx.caller, req.header("x-csrf-token"), req.cookie("duibiao_csrf"));
      if (!ok) return error_response(ok.error());
    }
    return route->spec.handler(req, ctx);
  } catch (const EnvironmentFailure& e) {
    // Disk full or database unreachable: the client learns which (507 / 503), the log the detail.
    log_error("request failed", {{"method", req.method},
                                 {"path", req.path},
                                 {"error", e.what()},
                                 {"code", error_code_name(e.code())}});
    return error_response(e.error());
  } catch (const std::exception& e) {
    log_error("request failed", {{"method", req.method}, {"path", req.path}, {"error", e.what()}});
    return error_response(Error::internal("服务器内部错误，请稍后重试"));
  }
}

}  // namespace duibiao::http
