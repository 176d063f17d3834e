#pragma once

#include <initializer_list>
#include <string>
#include <utility>

namespace duibiao {

// JSON-lines logging to stdout (spdlog behind it, in log.cpp only).
using LogFields = std::initializer_list<std::pair<const char*, std::string>>;
void log_info(const std::string& msg, LogFields fields = {});
void log_error(const std::string& msg, LogFields fields = {});

}  // namespace duibiao
