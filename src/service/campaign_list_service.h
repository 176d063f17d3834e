#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/campaign.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/standard_service.h"
#include "store/campaign_store.h"

namespace duibiao {

// The 附件2 enterprise list of a campaign, its import and export, and the technical-support
// requests its rows raise.

Result<PageResult<CampaignListRow>> list_campaign_list(App& app, const Caller& caller, long long id,
                                                       const std::string& q,
                                                       const std::string& region_code,
                                                       const Page& page);

struct ListImportReport {
  size_t imported = 0;
  long long members_added = 0;
  long long support_requests = 0;
  std::vector<ImportError> errors;
  bool rejected = false;  // errors and all-or-nothing: nothing saved
};
inline constexpr size_t kMaxListImportRows = 50000;
// xlsx or CSV (UTF-8, or GBK/GB18030 as Excel saves it), sniffed from the bytes. Rows resolve
// enterprises (exact name or credit code, in the caller's scope ∩ the campaign), standard numbers
// (normalised) and plan numbers (published plans); each bad row is reported with its row number.
Result<ListImportReport> import_campaign_list(App& app, const Caller& caller, long long id,
                                              std::string_view bytes, bool good_rows_only);
Result<void> delete_campaign_list_row(App& app, const Caller& caller, long long id,
                                      long long row_id);
// The form as an xlsx: title, 填报单位 / 填报日期 line, header, rows, the form's notes.
Result<std::string> campaign_list_xlsx(App& app, const Caller& caller, long long id,
                                       const std::string& region_code);
Result<std::string> campaign_list_template(App& app, const Caller& caller, long long id);

Result<PageResult<SupportRequest>> list_support_requests_for(App& app, const Caller& caller,
                                                             const SupportFilter& f,
                                                             const Page& page);
// take (open → taken) and done (taken → done, by the body that took it; a note is required).
Result<SupportRequest> act_on_support_request(App& app, const Caller& caller, long long id,
                                              const std::string& action, const std::string& note);

}  // namespace duibiao
