#pragma once

#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Counts a workbench (工作台) shows. Every query of scoped rows takes the caller's scope first and
// binds it; who may see which count is decided in service/workbench_service.

struct KeyCount {
  std::string key;
  long long count = 0;
};

// Results in scope by status; `submitted_only` leaves out drafts never submitted (regulators).
// An office's subtree is read from the counters of migration 23, an enterprise's own rows are
// counted.
std::vector<KeyCount> count_results_by_status(Tx& tx, const Scope& scope, bool submitted_only);

struct ProductCounts {
  long long total = 0;
  long long selected = 0;
};
ProductCounts count_products_in(Tx& tx, const Scope& scope);

// An office's subtree from the counters of migration 23 (an enterprise: itself).
long long count_enterprises_in(Tx& tx, const Scope& scope);

// Plans by status: those written by `author_id`, or every plan when it is 0.
std::vector<KeyCount> count_plans_by_status(Tx& tx, long long author_id);
// Objections not answered yet, on plans written by `author_id` (every plan when 0).
long long count_open_objections(Tx& tx, long long author_id);
// Plans in 公示 whose notice period has ended by `today` (YYYY-MM-DD): ready to be published.
long long count_notice_ended(Tx& tx, const std::string& today);

// Active user accounts in scope by role.
std::vector<KeyCount> count_users_by_role(Tx& tx, const Scope& scope);

// The latest moves of results in scope (submissions, passes, returns, publications), newest first.
struct ResultActivity {
  long long at = 0;
  long long result_id = 0;
  std::string actor_name;
  std::string actor_role;
  std::string action;
  std::string to_status;
  std::string comment;
  std::string enterprise_name;
  std::string product_name;
};
// An office looks at the newest `window` events of the country first and is exact when that fills
// the list (a busy scope's moves are among the newest); otherwise the scope's own results are
// walked (cost: their number, small where the window missed). `window` 0: always the latter.
constexpr long long kRecentEventWindow = 5000;
std::vector<ResultActivity> recent_result_activity(Tx& tx, const Scope& scope, int limit,
                                                   long long window = kRecentEventWindow);

// Results in scope that are back with the enterprise (status returned), newest return first, each
// with the reason of its latest return.
struct ReturnedResult {
  long long result_id = 0;
  std::string product_name;
  std::string plan_number;
  long long at = 0;
  std::string actor_name;
  std::string reason;
};
std::vector<ReturnedResult> returned_results(Tx& tx, const Scope& scope, int limit);

}  // namespace duibiao
