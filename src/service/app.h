#pragma once

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
};

// What services need: the database and the settings. Services are free functions over it.
struct App {
  Database& db;
  ServiceConfig config;
  int schema_version = 0;  // set once the database is migrated at start
};

// Who is asking. `user` is empty for anonymous callers.
struct Caller {
  std::optional<User> user;
  std::string session_hash;
  std::string csrf_token;
  std::string remote_addr;
};

}  // namespace duibiao
