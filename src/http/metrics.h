#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace duibiao::http {

// Prometheus metrics of one server process (text exposition format 0.0.4). The hot path only
// touches relaxed atomics: a request adds to its route's status counter and latency histogram.
// Labels are route templates ("/api/v1/users/{id}"), never raw paths, so their number is the
// number of routes plus a few fixed ones (static files, unmatched, unparsable requests).
class Metrics {
 public:
  static constexpr int kBuckets = 14;  // latency histogram buckets, +Inf implicit
  static constexpr double kBucketBounds[kBuckets] = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  // Route slots after the API routes.
  enum Extra { kStatic = 0, kUnmatched, kInvalid, kMetrics, kExtraCount };

  // labels: "METHOD pattern" of each API route, in the order of the route list.
  explicit Metrics(const std::vector<std::pair<std::string, std::string>>& routes);
  ~Metrics();

  int extra_slot(Extra e) const { return static_cast<int>(route_count_) + e; }
  void observe(int slot, int status, long long micros);

  // Worker pool: requests waiting for a worker thread, requests being handled.
  std::atomic<long long> queue_depth{0};
  std::atomic<long long> in_flight{0};
  std::atomic<long long> worker_threads{0};
  std::atomic<long long> slow_queries{0};

  // A gauge read at scrape time (e.g. the database pool, a job queue). Register before serving.
  void add_gauge(std::string name, std::string help, std::string type,
                 std::function<double()> read);

  // The whole exposition; `build_labels` is the label set of duibiao_build_info.
  std::string render(const std::string& build_labels) const;

 private:
  struct RouteCounters;
  size_t route_count_;
  std::vector<std::pair<std::string, std::string>> labels_;  // method, route per slot
  std::unique_ptr<RouteCounters[]> counters_;
  struct Gauge {
    std::string name, help, type;
    std::function<double()> read;
  };
  std::vector<Gauge> gauges_;
  std::chrono::system_clock::time_point started_wall_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace duibiao::http
