#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "http/message.h"
#include "service/app.h"

namespace duibiao::http {

struct HttpOptions {
  std::string web_root;  // web/dist; empty: no static files
  size_t max_body_bytes = 1 << 20;
  bool secure_cookies = false;  // also on when X-Forwarded-Proto is https
  // Behind a reverse proxy on loopback: take the client address from X-Real-IP /
  // X-Forwarded-For (for login throttling and the audit log) instead of the proxy's address.
  bool trust_proxy = false;
  // GET /metrics: with a token, only requests carrying `Authorization: Bearer TOKEN`; without,
  // only requests from a loopback peer that did not come through a proxy (no X-Forwarded-For,
  // X-Real-IP or Forwarded header).
  std::string metrics_token;
  bool access_log = true;  // one JSON line per request on stdout
};

// The client address of a request: the peer, or what a trusted local proxy says.
std::string client_address(const Request& req, bool trust_proxy);

struct RouteContext {
  App& app;
  const HttpOptions& options;
  Caller caller;
  bool secure = false;  // the request came over TLS (directly or through a proxy)
};

using Handler = Response (*)(Request&, RouteContext&);

enum class RouteKind {
  kCheap,    // public, no database: answered on the io thread
  kPublic,   // public, reads the database, no session lookup
  kSession,  // resolves the caller from the session cookie
  // kSession whose answer is a few short reads (kept pages, one row, one indexed page of a
  // list): answered on the io thread on SQLite unless it searches text (`q`), sparing two thread
  // hand-offs per request.
  kSessionInline,
};

struct RouteSpec {
  const char* method;
  const char* pattern;  // "/api/v1/users/{id}"
  Handler handler;
  RouteKind kind = RouteKind::kSession;
  bool upload = false;  // its body is a file: the server's upload limit applies, not --max-body
};

class StaticFiles;
class Metrics;

// Matches routes, resolves the caller, enforces CSRF on writes, turns exceptions into 500s.
class Dispatcher {
 public:
  Dispatcher(App& app, HttpOptions options);
  ~Dispatcher();
  // True when the request can be answered without blocking (no database): run on the io thread.
  bool is_cheap(const Request& req) const;
  // Whether `method path` is an upload route (asked once the header is read, before the body).
  bool accepts_upload(std::string_view method, std::string_view path) const;
  Response handle(Request& req);
  // Called by the server just before an answer is written (req is null when the request could
  // not be parsed): counts it in the metrics, adds the X-Request-Id header, writes the access
  // log line. `started`: when the request had been read.
  void complete(const Request* req, Response& res, std::chrono::steady_clock::time_point started);
  Metrics& metrics() { return *metrics_; }

 private:
  void assign_request_id(Request& req) const;
  Response metrics_get(const Request& req) const;
  struct Route {
    RouteSpec spec;
    std::vector<std::string> segments;
  };
  const Route* match(const Request& req, std::map<std::string, std::string>& params,
                     bool& path_matched) const;
  App& app_;
  HttpOptions options_;
  std::vector<Route> routes_;
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<Metrics> metrics_;
};

// Every API route of the platform, in one list (http/routes.cpp).
const std::vector<RouteSpec>& api_routes();

}  // namespace duibiao::http
