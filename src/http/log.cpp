#include "http/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include <nlohmann/json.hpp>

namespace duibiao {
namespace {
spdlog::logger& logger() {
  static auto l = [] {
    auto lg = spdlog::stdout_logger_mt("duibiao");
    lg->set_pattern("%v");
    lg->flush_on(spdlog::level::info);
    return lg;
  }();
  return *l;
}

thread_local std::string t_request_id;

std::string line(const char* level, const std::string& msg, LogFields fields) {
  nlohmann::json j = {{"time", std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count()},
                      {"level", level},
                      {"msg", msg}};
  if (!t_request_id.empty()) j["request_id"] = t_request_id;
  for (const auto& [k, v] : fields) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

void log_info(const std::string& msg, LogFields fields) {
  logger().info(line("info", msg, fields));
}

void log_error(const std::string& msg, LogFields fields) {
  logger().error(line("error", msg, fields));
}

const std::string& current_request_id() {
  return t_request_id;
}

void set_current_request_id(const std::string& id) {
  t_request_id = id;
}

RequestIdScope::RequestIdScope(const std::string& id) {
  t_request_id = id;
}
RequestIdScope::~RequestIdScope() {
  t_request_id.clear();
}

void log_raw_line(std::string& line) {
  line.push_back('\n');
  const char* p = line.data();
  size_t left = line.size();
  // One write(2) per line: lines below PIPE_BUF (4096 bytes) reach a pipe (journald) whole even
  // when several threads log at once.
  while (left > 0) {
    ssize_t n = ::write(STDOUT_FILENO, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // a log that cannot be written must not break the request
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void append_json_escaped(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c >= 0x80) {
      out.push_back('?');  // the fields logged this way are ASCII; never emit invalid UTF-8
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace duibiao
