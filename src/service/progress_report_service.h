#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/error.h"
#include "domain/progress_report.h"
#include "service/app.h"

namespace duibiao {

// A report as one office sees it: its figures (frozen once submitted, live before), its due date
// and whether it is due soon or overdue.
struct ReportView {
  ProgressReport report;  // id 0: not saved yet (a fresh draft)
  std::string region_name;
  std::string period_label;
  ReportFigures figures;
  bool figures_known = false;  // frozen or computed for this viewer; false: not to be shown
  bool overdue = false;
  bool due_soon = false;  // within 7 days of the due date and not submitted
  bool can_edit = false;
  bool can_return = false;
};

// The desk of an office for one campaign and period: its own report (none for the national
// office), its children's reports and what they add up to.
struct ReportDesk {
  Campaign campaign;
  ReportPeriod period;
  std::vector<ReportPeriod> periods;
  std::optional<ReportView> own;
  std::vector<ReportView> children;  // status "missing" when a child has not started or saved one
  ReportFigures aggregate;           // sums of the submitted children's figures
  long long children_submitted = 0;
};

// period: "2026-H1"; empty: the period due next.
Result<ReportDesk> report_desk(App& app, const Caller& caller, long long campaign_id,
                               const std::string& period);

struct ReportInput {
  std::string industries_text;
  long long scale_enterprises = 0;
  std::map<std::string, std::string> narratives;
  long long version = 0;  // 0 for a first save
};
Result<ReportView> save_report(App& app, const Caller& caller, long long campaign_id,
                               const std::string& period, const ReportInput& in);
// Freezes the figures as they stand now; the upper office is notified.
Result<ReportView> submit_report(App& app, const Caller& caller, long long campaign_id,
                                 const std::string& period, long long version);
// The upper office sends a submitted report back with a reason; the figures thaw.
Result<ReportView> return_report(App& app, const Caller& caller, long long report_id,
                                 long long version, const std::string& reason);
// One report (own or a child's) for reading and export.
Result<ReportView> get_report(App& app, const Caller& caller, long long report_id);

// The form, filled: title, 填报单位 / 填报日期 line, the table, signature lines.
std::string report_xlsx(const ReportView& v, const Campaign& c);
std::string report_docx(const ReportView& v, const Campaign& c);
// The upper level's view: one row per child with its figures, and the total.
std::string desk_xlsx(const ReportDesk& d);

}  // namespace duibiao
