#pragma once

// Analysis reports (issue 9 §2): the jobs that generate a region's 综合分析报告 in the background
// and the wording the reports share. Pure: no database, no clock.

#include <string>
#include <string_view>

namespace duibiao {

// One generation of a report file. status: queued → running → done | failed.
struct ReportJob {
  long long id = 0;
  std::string kind;  // "campaign_analysis": a region's 综合分析报告 of one campaign
  long long campaign_id = 0;
  std::string region_code;
  std::string region_path;
  long long requested_by = 0;
  std::string requested_by_name;
  std::string status;
  int progress = 0;       // 0–100
  std::string stage;      // what the worker is doing (Chinese)
  std::string error;      // why it failed
  std::string file_path;  // relative to the data directory
  std::string file_name;  // offered to the browser
  long long file_size = 0;
  std::string worker;
  long long created_at = 0;
  long long started_at = 0;
  long long heartbeat_at = 0;
  long long finished_at = 0;
};

inline constexpr std::string_view kCampaignAnalysisKind = "campaign_analysis";

bool is_report_job_kind(std::string_view kind);
bool is_report_job_active(std::string_view status);  // queued or running
std::string_view report_job_status_label_zh(std::string_view status);

// A share as the reports print it: "37.5%"; "—" when there is no denominator.
std::string percent_text(long long part, long long whole);

}  // namespace duibiao
