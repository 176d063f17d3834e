#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/analysis_report.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

long long insert_report_job(Tx& tx, const ReportJob& j);
// By id, when its region lies in [lo, hi).
std::optional<ReportJob> find_report_job(Tx& tx, const std::string& lo, const std::string& hi,
                                         long long id);
// A queued or running job of the same kind, campaign and region (the newest), if any.
std::optional<ReportJob> find_active_report_job(Tx& tx, const std::string& kind,
                                                long long campaign_id,
                                                const std::string& region_code);
// The jobs of a campaign whose region lies in [lo, hi), newest first.
PageResult<ReportJob> list_report_jobs(Tx& tx, long long campaign_id, const std::string& lo,
                                       const std::string& hi, const Page& page);
// Takes the oldest queued job for `worker` (running, started and heartbeat now); nullopt when
// none is queued or another worker took it first.
std::optional<ReportJob> claim_report_job(Tx& tx, const std::string& worker, long long now);
void report_job_progress(Tx& tx, long long id, int progress, const std::string& stage,
                         long long now);
void finish_report_job(Tx& tx, const ReportJob& j);
// Every running job (the worker decides which ones were left behind by a dead process).
std::vector<ReportJob> running_report_jobs(Tx& tx);
// Jobs waiting and running in the whole installation (every process), for /metrics.
struct ReportJobCounts {
  long long queued = 0, running = 0;
};
ReportJobCounts count_active_report_jobs(Tx& tx);
// Running jobs whose worker has not been heard of since `before` (a crash, a kill) become failed
// with `error`; returns how many.
long long fail_stale_report_jobs(Tx& tx, long long before, const std::string& error, long long now);

}  // namespace duibiao
