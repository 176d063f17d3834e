#include "domain/analysis_report.h"

#include <cstdio>

namespace duibiao {

bool is_report_job_kind(std::string_view kind) {
  return kind == kCampaignAnalysisKind;
}

bool is_report_job_active(std::string_view status) {
  return status == "queued" || status == "running";
}

std::string_view report_job_status_label_zh(std::string_view status) {
  if (status == "queued") return "排队中";
  if (status == "running") return "生成中";
  if (status == "done") return "已完成";
  if (status == "failed") return "失败";
  return "";
}

std::string percent_text(long long part, long long whole) {
  if (whole <= 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

}  // namespace duibiao
