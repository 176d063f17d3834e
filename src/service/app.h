#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct ServiceConfig {
  long long session_lifetime_seconds = 12 * 3600;
  int login_max_failures_per_user = 5;
  int login_max_failures_per_addr = 20;
  long long login_window_seconds = 15 * 60;
  std::string upload_dir = "data-dir/uploads";  // uploaded files, stored by content hash
  std::string report_dir = "data-dir/reports";  // generated analysis reports, one per job
  long long max_upload_bytes = 10 << 20;
  // Unknown verification codes one address may try per window before 429.
  int public_code_misses = 30;
  long long public_code_window_seconds = 10 * 60;
  // PostgreSQL: how long a session read from the database is trusted without reading it again
  // (ms), the bound on how late another process sees a logout or a disabled user (SQLite sees it
  // at once through the change signal). 0: read every time, on both.
  long long session_check_ms = 1000;
};

// Per-process caches of data that never changes once written (regions, published plan
// versions) and the code-guessing throttle. Defined in service/caches.cpp.
struct ServiceCaches;
std::shared_ptr<ServiceCaches> make_service_caches();
class SessionCache;  // service/session_cache.h
std::shared_ptr<SessionCache> make_session_cache();

// What services need: the database and the settings. Services are free functions over it.
struct App {
  Database& db;
  ServiceConfig config;
  int schema_version = 0;  // set once the database is migrated at start
  // shared_ptr: the type is incomplete here and App is built as an aggregate everywhere.
  std::shared_ptr<ServiceCaches> caches = make_service_caches();
  std::shared_ptr<SessionCache> sessions = make_session_cache();
};

// Who is asking. `user` is empty for anonymous callers.
struct Caller {
  std::optional<User> user;
  std::string session_hash;
  std::string csrf_token;
  std::string remote_addr;
};

}  // namespace duibiao
