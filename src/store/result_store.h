#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct ResultFilter {
  std::string status;
  std::string stage;
  std::string q;            // lower-cased fragment of the search text
  std::string plan_number;  // exact
  std::string region_lo;    // narrowing region range (the scope still applies); empty: none
  std::string region_hi;
  // The work queue: results waiting at this level for this region's office.
  std::string queue_stage;
  std::string queue_region;
  std::string queue_region_path;  // the path of queue_region ("/" for the national office)
  bool queue = false;
  long long overdue_before = 0;  // waiting since before this time (0: no filter)
  bool submitted_only = false;   // hide drafts never submitted (regulators)
  bool published_only = false;   // the public list
};

long long insert_result(Tx& tx, const EnterpriseResult& r);
std::optional<EnterpriseResult> find_result(Tx& tx, const Scope& scope, long long id);
// The same row with an empty content (every other field as find_result gives it).
std::optional<EnterpriseResult> find_result_head(Tx& tx, const Scope& scope, long long id);
// A published result by its verification code (public: no scope).
std::optional<EnterpriseResult> find_published_result(Tx& tx, const std::string& code);
bool result_code_taken(Tx& tx, const std::string& code);
bool result_exists_for(Tx& tx, long long product_id, const std::string& plan_number);
long long count_results_for_product(Tx& tx, long long product_id);
PageResult<EnterpriseResult> list_results(Tx& tx, const Scope& scope, const ResultFilter& f,
                                          const Page& page);

// Saves the enterprise's entries when the row still has `expected_version` and is editable;
// false when it does not (stale or locked: nothing written).
bool update_result_content(Tx& tx, const Scope& scope, const EnterpriseResult& r,
                           int expected_version);
// Moves the result along the chain (status, stage, times, stored roll-up) when it still has
// `expected_version`; false when it does not. The content is not written: moves never change it.
bool move_result(Tx& tx, const Scope& scope, const EnterpriseResult& r, int expected_version);
// Deletes a draft that was never submitted.
bool delete_draft_result(Tx& tx, const Scope& scope, long long id);

void insert_result_event(Tx& tx, const ResultEvent& e);
std::vector<ResultEvent> list_result_events(Tx& tx, long long result_id);
// What changed with the latest submission (JSON array), or "" when none.
std::string latest_submission_changes(Tx& tx, long long result_id);
// The snapshots of the latest submissions, newest first (at most `limit`).
std::vector<std::string> latest_submission_snapshots(Tx& tx, long long result_id, int limit);

// Uploads are recorded per enterprise; the same file uploaded twice is one row.
void insert_upload(Tx& tx, const Upload& u);
std::optional<Upload> find_upload(Tx& tx, const Scope& scope, const std::string& hash);

// Notifications go to the users who must know: the enterprise's users, or the office at a level.
std::vector<long long> enterprise_user_ids(Tx& tx, long long enterprise_id);
std::vector<long long> office_user_ids(Tx& tx, const std::string& role,
                                       const std::string& region_code);
void insert_notification(Tx& tx, const Notification& n);
PageResult<Notification> list_notifications(Tx& tx, long long user_id, bool unread_only,
                                            const Page& page);
long long count_unread_notifications(Tx& tx, long long user_id);
void mark_notifications_read(Tx& tx, long long user_id, const std::vector<long long>& ids,
                             long long at);
void mark_all_notifications_read(Tx& tx, long long user_id, long long at);

}  // namespace duibiao
