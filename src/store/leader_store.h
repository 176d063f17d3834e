#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/leader_evaluation.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Which evaluation plans a caller sees (decided by service/): notice, published and withdrawn
// plans are public; drafts only to their author and to everyone with `everything`.
struct LeaderPlanVisibility {
  bool everything = false;
  long long author_id = 0;
};

long long insert_leader_plan(Tx& tx, const LeaderPlan& p, const std::string& search_text);
// Writes the plan when it still has `expected_version`; the stored version becomes p.version.
bool update_leader_plan(Tx& tx, const LeaderPlan& p, const std::string& search_text,
                        int expected_version);
void replace_leader_indicators(Tx& tx, long long plan_id,
                               const std::vector<LeaderIndicator>& indicators);
std::optional<LeaderPlan> find_leader_plan(Tx& tx, const LeaderPlanVisibility& v, long long id);
PageResult<LeaderPlan> list_leader_plans(Tx& tx, const LeaderPlanVisibility& v,
                                         const std::string& q, const std::string& status,
                                         const Page& page);

long long insert_leader_objection(Tx& tx, const LeaderObjection& o);
bool answer_leader_objection(Tx& tx, long long plan_id, long long objection_id,
                             const std::string& answer, long long at);
std::vector<LeaderObjection> list_leader_objections(Tx& tx, long long plan_id);

long long insert_leader_round(Tx& tx, const LeaderRound& r);
bool update_leader_round(Tx& tx, const LeaderRound& r, int expected_version);
std::optional<LeaderRound> find_leader_round(Tx& tx, long long id);
std::vector<LeaderRound> list_leader_rounds(Tx& tx, long long plan_id);

long long insert_leader_declaration(Tx& tx, const LeaderDeclaration& d,
                                    const std::string& search_text);
bool update_leader_declaration(Tx& tx, const LeaderDeclaration& d, int expected_version);
// A declaration inside the scope (region range, and the enterprise when scope.enterprise_id).
std::optional<LeaderDeclaration> find_leader_declaration(Tx& tx, const Scope& scope, long long id);
PageResult<LeaderDeclaration> list_leader_declarations(Tx& tx, const Scope& scope,
                                                       long long round_id, const Page& page);
// Every declaration of a round (for ranking), in id order.
std::vector<LeaderDeclaration> all_leader_declarations(Tx& tx, long long round_id);

// The published lists: listed declarations of published rounds, newest round first.
struct ListedEntry {
  LeaderDeclaration declaration;
  long long plan_id = 0;
  std::string plan_number;
  std::string product;
  std::string evaluator;
  int round_no = 0;
  std::string round_title;
  long long published_at = 0;
};
PageResult<ListedEntry> list_listed_entries(Tx& tx, const std::string& q, const std::string& level,
                                            long long round_id, const Page& page);

}  // namespace duibiao
