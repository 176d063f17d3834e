#include "http/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

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

std::string line(const char* level, const std::string& msg, LogFields fields) {
  nlohmann::json j = {{"time", std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count()},
                      {"level", level},
                      {"msg", msg}};
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

}  // namespace duibiao
