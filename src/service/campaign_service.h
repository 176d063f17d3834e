#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/epoch_cache.h"
#include "store/campaign_store.h"

namespace duibiao {

struct CampaignTargetInput {
  std::string metric;
  std::string label;
  double value = 0;
  std::string due_date;
  std::optional<double> manual_actual;
};

struct CampaignRegionInput {
  std::string region_code;
  long long quota = 0;
};

struct CampaignInput {
  std::string name;
  long long year = 0;
  long long parent_id = 0;
  long long batch = 0;
  std::string description;
  std::string start_date;
  std::string end_date;
  std::string review_top;
  std::vector<std::string> industries;
  std::vector<CampaignBatch> batches;
  std::vector<CampaignPhase> phases;
  std::vector<CampaignTargetInput> targets;
  std::vector<CampaignRegionInput> regions;
  std::map<std::string, std::pair<std::string, std::string>> report_due;  // level → {h1, h2}
  long long version = 0;  // for updates: the version the editor started from
};

// A campaign as one caller sees it.
struct CampaignView {
  Campaign campaign;
  bool can_edit = false;
  bool can_add_members = false;
  bool can_view_stats = false;
  long long quota_total = 0;
  std::vector<bool> phase_overdue;  // per phase, for the viewer's part of the campaign
};

Result<PageResult<CampaignView>> list_campaigns_for(App& app, const Caller& caller,
                                                    const CampaignFilter& f, const Page& page);
Result<CampaignView> get_campaign(App& app, const Caller& caller, long long id);
Result<CampaignView> create_campaign(App& app, const Caller& caller, const CampaignInput& in);
Result<CampaignView> update_campaign_entry(App& app, const Caller& caller, long long id,
                                           const CampaignInput& in);
Result<void> delete_campaign_entry(App& app, const Caller& caller, long long id);

// A campaign and the rows of it the caller may read (its scope ∩ the campaign's region):
// regulators, the national office and administrators; 403 for other roles, 404 when the campaign
// is not visible.
struct CampaignAccess {
  Campaign campaign;
  Scope scope;
};
Result<CampaignAccess> campaign_data_access(App& app, const Caller& caller, long long id);
// The statistics epoch now (migration 16): read it BEFORE the data an answer is kept under.
long long campaign_stats_epoch(App& app);
// campaign_data_access kept per process under `epoch` (read before): the decision depends only
// on the campaign's rows (moving the epoch) and on the caller's role, region and enterprise.
Result<std::shared_ptr<const CampaignAccess>> campaign_data_access_at(App& app,
                                                                      const Caller& caller,
                                                                      long long id,
                                                                      long long epoch);
// The same for adding and removing members and list rows: regulators and the national office.
Result<CampaignAccess> campaign_member_access(App& app, const Caller& caller, long long id);

// A `region_code` filter inside an access scope: the narrowed range, 404 when the region is
// unknown or outside it. Empty code: the access scope itself.
Result<Scope> narrow_scope(App& app, const Scope& scope, const std::string& region_code);

struct MemberQuery {
  std::string q;
  std::string region_code;
  std::string industry_code;  // a division, section or cluster
  long long batch = 0;
  std::string result_status;
  std::string rollup;
};
// A page of members as the tables under the statistics epoch make it (service/epoch_cache.h),
// kept per process, with the body last rendered from it and the names of who added the members
// that body shows: the users table moves no epoch, so the names are read on every answer and
// the body is reused only while they are the same.
using AddedByNames = std::map<long long, std::string>;
class CampaignMembersAnswer {
 public:
  explicit CampaignMembersAnswer(PageResult<CampaignMember> v) : value(std::move(v)) {}
  const PageResult<CampaignMember> value;  // added_by_name as it was when computed
  PageResult<CampaignMember> with_names(const AddedByNames& names) const;
  template <class Render>
  std::string rendered(const AddedByNames& names, Render&& render) const {
    std::lock_guard lock(mutex_);
    if (!body_ || body_names_ != names) {
      body_ = std::make_shared<const std::string>(render(with_names(names)));
      body_names_ = names;
    }
    return *body_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const std::string> body_;
  mutable AddedByNames body_names_;
};
struct CampaignMembersPage {
  std::shared_ptr<const CampaignMembersAnswer> answer;
  AddedByNames added_by;  // read now
};
Result<CampaignMembersPage> campaign_members_page(App& app, const Caller& caller, long long id,
                                                  const MemberQuery& q, const Page& page);
// The same page as plain rows with the names filled in.
Result<PageResult<CampaignMember>> list_campaign_members(App& app, const Caller& caller,
                                                         long long id, const MemberQuery& q,
                                                         const Page& page);
// The industry codes a filter stands for (a cluster: its member divisions; a section: its
// divisions and itself); 422 for an unknown code.
Result<std::vector<std::string>> industry_filter_codes(App& app, const std::string& code);
Result<PageResult<Enterprise>> list_campaign_candidates(App& app, const Caller& caller,
                                                        long long id, const std::string& q,
                                                        const std::string& region_code,
                                                        const Page& page);

struct AddMembersReport {
  long long added = 0;
  std::vector<std::pair<long long, std::string>> skipped;  // enterprise id, reason
};
Result<AddMembersReport> add_campaign_members(App& app, const Caller& caller, long long id,
                                              const std::vector<long long>& enterprise_ids);
Result<void> remove_campaign_member(App& app, const Caller& caller, long long id,
                                    long long enterprise_id);

// Adds one enterprise to a campaign inside an open write (used by the 附件2 import); false when it
// was a member already.
bool add_member_in(Tx& tx, const Caller& caller, const Campaign& c, const Enterprise& e);

}  // namespace duibiao
