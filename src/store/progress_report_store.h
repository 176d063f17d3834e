#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/progress_report.h"
#include "store/database.h"

namespace duibiao {

std::optional<ProgressReport> find_progress_report(Tx& tx, long long campaign_id,
                                                   const std::string& period,
                                                   const std::string& region_code);
// By id, when its region lies in [lo, hi).
std::optional<ProgressReport> find_progress_report_by_id(Tx& tx, const std::string& lo,
                                                         const std::string& hi, long long id);
long long insert_progress_report(Tx& tx, const ProgressReport& r);
// False when the stored version is not `expected_version`.
bool update_progress_report(Tx& tx, const ProgressReport& r, int expected_version);
// The reports of one campaign and period whose regions lie in [lo, hi).
std::vector<ProgressReport> list_progress_reports(Tx& tx, long long campaign_id,
                                                  const std::string& period, const std::string& lo,
                                                  const std::string& hi);

}  // namespace duibiao
