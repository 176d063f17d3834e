#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace duibiao {

// JSON-lines logging to stdout (spdlog behind it, in log.cpp only).
using LogFields = std::initializer_list<std::pair<const char*, std::string>>;
void log_info(const std::string& msg, LogFields fields = {});
void log_error(const std::string& msg, LogFields fields = {});

// The request id of the request this thread is handling ("" outside a request). Every log line
// written meanwhile carries it as "request_id" (error logs, the slow-query log).
const std::string& current_request_id();
void set_current_request_id(const std::string& id);
class RequestIdScope {
 public:
  explicit RequestIdScope(const std::string& id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;
};

// Writes one already formatted JSON line (without the newline) to stdout in a single write(2),
// bypassing spdlog's mutex: the per-request access log.
void log_raw_line(std::string& line);
// Appends s to out as the body of a JSON string (quotes, backslashes, control characters;
// bytes above 0x7f become '?': only for ASCII fields such as addresses and ids).
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace duibiao
