#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Which campaigns a caller may see, built by service/: everything, or the campaigns inside the
// subtree [lo, hi) plus those whose region path is one of `containing` (the caller's ancestors,
// padded to four entries), or, for an enterprise, the campaigns it is a member of.
struct CampaignVisibility {
  bool all = false;
  std::string lo = "/";
  std::string hi = "/";
  std::vector<std::string> containing;  // exactly four paths
  long long enterprise_id = 0;
};

struct CampaignFilter {
  std::string q;  // lower-cased fragment of the name
  std::string level;
  int year = 0;
};

// definition_json: industries, batches, phases and targets as stored.
long long insert_campaign(Tx& tx, const Campaign& c);
// False when the stored version is not `expected_version` (someone else saved meanwhile).
bool update_campaign(Tx& tx, const Campaign& c, int expected_version);
void delete_campaign(Tx& tx, long long id);
std::optional<Campaign> find_campaign(Tx& tx, const CampaignVisibility& v, long long id);
PageResult<Campaign> list_campaigns(Tx& tx, const CampaignVisibility& v, const CampaignFilter& f,
                                    const Page& page);
long long count_child_campaigns(Tx& tx, long long id);
// 附件2 rows, support requests and 附件3 reports of a campaign.
long long count_campaign_work(Tx& tx, long long id);
void replace_campaign_regions(Tx& tx, long long id, const std::vector<CampaignRegion>& regions);
// The deepest campaign with its own review top among those the enterprise is a member of.
std::string campaign_review_top_for(Tx& tx, long long enterprise_id);

// ---------------------------------------------------------------- members
struct MemberFilter {
  std::string q;         // lower-cased fragment of the name or the credit code
  std::string lo = "/";  // narrowing region range (the caller's scope is passed separately)
  std::string hi = "/\x7f";
  std::vector<std::string> industry_codes;  // any of them; empty: all (at most 8)
  int batch = 0;
  std::string result_status;  // a status, "reported" (beyond draft/returned), "none" (no result)
  std::string rollup;
};

bool member_exists(Tx& tx, long long campaign_id, long long enterprise_id);
void insert_member(Tx& tx, const CampaignMember& m);
void delete_member(Tx& tx, long long campaign_id, long long enterprise_id);
std::optional<CampaignMember> find_member(Tx& tx, const Scope& scope, long long campaign_id,
                                          long long enterprise_id);
// How a list page of a large scope is found: from the newest `rows` rows when the scope is
// expected to fill the page from them (`always`: whenever there are any, for tests), falling
// back to the whole scope when they do not; rows = 0 never uses the window.
struct RecentWindow {
  long long rows = 0;
  bool always = false;
};
constexpr RecentWindow kRecentMembers{2000, false};
PageResult<CampaignMember> list_members(Tx& tx, const Scope& scope, long long campaign_id,
                                        const MemberFilter& f, const Page& page,
                                        RecentWindow window = kRecentMembers);
long long count_members(Tx& tx, long long campaign_id);
// Sets every member's batch from the participating region that contains it.
void refresh_member_batches(Tx& tx, long long campaign_id);
// Enterprises of scope ∩ [lo, hi) that are not members yet.
PageResult<Enterprise> list_candidates(Tx& tx, const Scope& scope, long long campaign_id,
                                       const std::string& q, const std::string& lo,
                                       const std::string& hi, const Page& page);
// Whether the enterprise has a result beyond draft (submitted once at least).
bool enterprise_has_submitted_result(Tx& tx, long long enterprise_id);

// ---------------------------------------------------------------- the 附件2 list
long long insert_list_row(Tx& tx, const CampaignListRow& row);
int next_list_seq(Tx& tx, long long campaign_id);
bool list_row_exists(Tx& tx, long long campaign_id, long long enterprise_id,
                     const std::string& product_name);
std::optional<CampaignListRow> find_list_row(Tx& tx, const Scope& scope, long long campaign_id,
                                             long long id);
void delete_list_row(Tx& tx, long long id);
PageResult<CampaignListRow> list_rows(Tx& tx, const Scope& scope, long long campaign_id,
                                      const std::string& q, const Page& page);

// ---------------------------------------------------------------- support requests
struct SupportFilter {
  std::string status;
  std::string industry_code;
  long long campaign_id = 0;
};
long long insert_support_request(Tx& tx, const SupportRequest& r);
std::optional<SupportRequest> find_support_request(Tx& tx, const Scope& scope, long long id);
void update_support_request(Tx& tx, const SupportRequest& r);
void delete_support_request_of_row(Tx& tx, long long list_row_id);
PageResult<SupportRequest> list_support_requests(Tx& tx, const Scope& scope, const SupportFilter& f,
                                                 const Page& page);

}  // namespace duibiao
