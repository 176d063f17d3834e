#pragma once

// Analysis reports (issue 9 §2): the 对标达标分析报告 of one enterprise result and the
// 综合分析报告 of a region in a campaign, as Word documents with native charts.

#include <functional>
#include <string>

#include "domain/campaign.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"

namespace duibiao {

struct ReportFile {
  std::string bytes;
  std::string file_name;  // ASCII, offered to the browser
};

// The 对标达标分析报告 of a result: whoever may see the result may download it (same check as
// the result's page); small, so built on request.
Result<ReportFile> result_analysis_report(App& app, const Caller& caller, long long result_id);

// The 综合分析报告 of `scope` (a region's subtree ∩ the campaign) — participation, verdict
// distribution, child-region ranking, quota and target progress, open gaps by industry — each
// chart a native Word chart followed by its table. `progress(percent, stage)` is told as it goes.
std::string campaign_analysis_docx(App& app, const Campaign& c, const Scope& scope,
                                   const std::function<void(int, const std::string&)>& progress);

}  // namespace duibiao
