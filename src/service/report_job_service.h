#pragma once

// Report jobs: a region's 综合分析报告 is generated in the background by a worker thread of the
// server (no request waits for it); the job shows its progress, the file is kept under the data
// directory and downloaded with the same permission check as the campaign's data.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "domain/analysis_report.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/report_job_store.h"

namespace duibiao {

struct ReportJobView {
  ReportJob job;
  std::string region_name;
  std::string campaign_name;
  bool created = false;  // false: an identical queued / running job was returned instead
};

// Queues the 综合分析报告 of `region_code` ("" : the caller's whole part of the campaign). Who may
// read the campaign's data may ask; 404 for an unknown campaign or a region outside the scope.
// An identical job still queued or running is returned instead of a second one.
Result<ReportJobView> request_campaign_report(App& app, const Caller& caller, long long campaign_id,
                                              const std::string& region_code);
// The campaign's generated reports the caller may see (regions inside its scope), newest first.
Result<PageResult<ReportJobView>> list_campaign_reports(App& app, const Caller& caller,
                                                        long long campaign_id, const Page& page);
Result<ReportJobView> get_report_job(App& app, const Caller& caller, long long id);
struct ReportJobFile {
  std::string bytes;
  std::string file_name;
};
// 409 while the job is not done.
Result<ReportJobFile> report_job_file(App& app, const Caller& caller, long long id);

// Runs one job (claimed already): writes the file, marks it done or failed with the error.
void run_report_job(App& app, ReportJob job);

// The server's worker: claims queued jobs one at a time. At start it fails the jobs a dead
// process left running (same host: the process is gone; any host: no heartbeat for 2 minutes).
class ReportWorker {
 public:
  // log(message, detail): where the worker tells what it did (the server's log).
  using LogFn = std::function<void(const std::string&, const std::string&)>;
  explicit ReportWorker(App& app, LogFn log = {});
  ~ReportWorker();
  void start();
  void stop();
  const std::string& id() const { return id_; }

 private:
  void loop();
  void recover();
  App& app_;
  LogFn log_;
  std::string id_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

// Wakes the workers of this process (a job was queued).
void wake_report_workers();

// Analysis-report jobs queued and running across the installation (for /metrics; no caller:
// the metrics route has its own access rule); nullopt when the database cannot answer.
std::optional<ReportJobCounts> report_job_counts(App& app);

}  // namespace duibiao
