#include "http/metrics.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace duibiao::http {
namespace {
// Status codes the server answers with get their own label; anything else is "other".
constexpr int kStatuses[] = {200, 201, 204, 206, 301, 302, 304, 400, 401, 403, 404, 405,
                             409, 410, 413, 415, 416, 422, 429, 500, 502, 503, 504, 507};
constexpr int kStatusCount = sizeof(kStatuses) / sizeof(kStatuses[0]);

int status_slot(int status) {
  for (int i = 0; i < kStatusCount; ++i)
    if (kStatuses[i] == status) return i;
  return kStatusCount;  // other
}

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Resident set size in bytes, from /proc/self/statm (pages).
double rss_bytes() {
  std::ifstream f("/proc/self/statm");
  long long size = 0, resident = 0;
  if (!(f >> size >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// User + system CPU seconds, from /proc/self/stat (fields 14 and 15, in clock ticks).
double cpu_seconds() {
  std::ifstream f("/proc/self/stat");
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto close = s.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream rest(s.substr(close + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) stime = std::stoll(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}
}  // namespace

struct Metrics::RouteCounters {
  std::atomic<unsigned long long> by_status[kStatusCount + 1];
  std::atomic<unsigned long long> buckets[kBuckets + 1];  // non-cumulative; last is +Inf
  std::atomic<unsigned long long> count;
  std::atomic<unsigned long long> micros;
  RouteCounters() {
    for (auto& c : by_status) c.store(0, std::memory_order_relaxed);
    for (auto& c : buckets) c.store(0, std::memory_order_relaxed);
    count.store(0, std::memory_order_relaxed);
    micros.store(0, std::memory_order_relaxed);
  }
};

Metrics::Metrics(const std::vector<std::pair<std::string, std::string>>& routes)
    : route_count_(routes.size()),
      labels_(routes),
      counters_(std::make_unique<RouteCounters[]>(routes.size() + kExtraCount)),
      started_wall_(std::chrono::system_clock::now()),
      started_(std::chrono::steady_clock::now()) {
  labels_.push_back({"GET", "static"});
  labels_.push_back({"", "unmatched"});
  labels_.push_back({"", "invalid"});
  labels_.push_back({"GET", "/metrics"});
}

Metrics::~Metrics() = default;

void Metrics::observe(int slot, int status, long long micros) {
  if (slot < 0 || static_cast<size_t>(slot) >= labels_.size()) return;
  auto& c = counters_[slot];
  c.by_status[status_slot(status)].fetch_add(1, std::memory_order_relaxed);
  double seconds = static_cast<double>(micros) / 1e6;
  int b = 0;
  while (b < kBuckets && seconds > kBucketBounds[b]) ++b;
  c.buckets[b].fetch_add(1, std::memory_order_relaxed);
  c.count.fetch_add(1, std::memory_order_relaxed);
  c.micros.fetch_add(static_cast<unsigned long long>(micros < 0 ? 0 : micros),
                     std::memory_order_relaxed);
}

void Metrics::add_gauge(std::string name, std::string help, std::string type,
                        std::function<double()> read) {
  gauges_.push_back({std::move(name), std::move(help), std::move(type), std::move(read)});
}

std::string Metrics::render(const std::string& build_labels) const {
  std::string out;
  out.reserve(16384);
  auto labels = [&](size_t slot) {
    std::string l;
    if (!labels_[slot].first.empty()) l += "method=\"" + escape_label(labels_[slot].first) + "\",";
    l += "route=\"" + escape_label(labels_[slot].second) + "\"";
    return l;
  };
  out +=
      "# HELP duibiao_http_requests_total HTTP requests answered, by route template and "
      "status.\n# TYPE duibiao_http_requests_total counter\n";
  for (size_t s = 0; s < labels_.size(); ++s) {
    const auto& c = counters_[s];
    for (int i = 0; i <= kStatusCount; ++i) {
      auto n = c.by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "duibiao_http_requests_total{" + labels(s) + ",status=\"" +
             (i < kStatusCount ? std::to_string(kStatuses[i]) : std::string("other")) + "\"} " +
             std::to_string(n) + "\n";
    }
  }
  out +=
      "# HELP duibiao_http_request_duration_seconds Time from a parsed request to its answer "
      "(including the wait for a worker), by route template.\n"
      "# TYPE duibiao_http_request_duration_seconds histogram\n";
  for (size_t s = 0; s < labels_.size(); ++s) {
    const auto& c = counters_[s];
    // Read the buckets first and derive the count from them, so that a scrape racing with
    // requests still sees a consistent histogram (+Inf bucket == _count).
    unsigned long long cumulative = 0;
    unsigned long long raw[kBuckets + 1];
    for (int b = 0; b <= kBuckets; ++b) raw[b] = c.buckets[b].load(std::memory_order_relaxed);
    unsigned long long total = 0;
    for (auto v : raw) total += v;
    if (total == 0) continue;
    std::string l = labels(s);
    for (int b = 0; b < kBuckets; ++b) {
      cumulative += raw[b];
      out += "duibiao_http_request_duration_seconds_bucket{" + l + ",le=\"" +
             number(kBucketBounds[b]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "duibiao_http_request_duration_seconds_bucket{" + l + ",le=\"+Inf\"} " +
           std::to_string(total) + "\n";
    out += "duibiao_http_request_duration_seconds_sum{" + l + "} " +
           number(static_cast<double>(c.micros.load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "duibiao_http_request_duration_seconds_count{" + l + "} " + std::to_string(total) + "\n";
  }
  auto gauge = [&](const char* name, const char* help, const char* type, double v) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + number(v) + "\n";
  };
  gauge("duibiao_http_in_flight_requests", "Requests being handled by a worker thread.", "gauge",
        static_cast<double>(in_flight.load(std::memory_order_relaxed)));
  gauge("duibiao_worker_queue_depth", "Requests waiting for a free worker thread.", "gauge",
        static_cast<double>(queue_depth.load(std::memory_order_relaxed)));
  gauge("duibiao_worker_threads", "Worker threads (handlers that use the database).", "gauge",
        static_cast<double>(worker_threads.load(std::memory_order_relaxed)));
  gauge("duibiao_slow_queries_total", "SQL statements slower than --slow-query-ms.", "counter",
        static_cast<double>(slow_queries.load(std::memory_order_relaxed)));
  for (const auto& g : gauges_)
    gauge(g.name.c_str(), g.help.c_str(), g.type.c_str(), g.read ? g.read() : 0.0);
  auto now = std::chrono::steady_clock::now();
  gauge("process_resident_memory_bytes", "Resident memory size in bytes.", "gauge", rss_bytes());
  gauge("process_cpu_seconds_total", "User and system CPU time spent in seconds.", "counter",
        cpu_seconds());
  gauge("process_start_time_seconds", "Start time of the process since the Unix epoch.", "gauge",
        static_cast<double>(
            std::chrono::duration_cast<std::chrono::seconds>(started_wall_.time_since_epoch())
                .count()));
  gauge("duibiao_uptime_seconds", "Seconds since the server started.", "gauge",
        std::chrono::duration<double>(now - started_).count());
  out +=
      "# HELP duibiao_build_info Version of the binary, schema version and database kind.\n"
      "# TYPE duibiao_build_info gauge\nduibiao_build_info{" +
      build_labels + "} 1\n";
  return out;
}

}  // namespace duibiao::http
