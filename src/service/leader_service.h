#pragma once

// 企业标准“领跑者” evaluation (DOMAIN.md §9): evaluation plans drafted by technical bodies with
// their 公示 and objections, evaluation rounds, enterprises' declarations, ranking into tiers,
// shortlist → commitment letter → 公示 → published list of 领跑者 / 跟跑者.

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/leader_evaluation.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/result_service.h"
#include "store/leader_store.h"

namespace duibiao {

// LPPJ-<year>-<region code of the drafting body>-<4-digit sequence> (领跑评价), on publication.
std::string format_leader_plan_number(int year, const std::string& region_code, long long seq);

struct LeaderPlanInput {
  std::string product;
  std::string industry_code;
  std::string evaluator;
  std::string joint_evaluators;
  std::string basis_standard;
  std::string summary;
  std::optional<std::vector<int>> tier_cuts;
  std::optional<int> leader_tiers;
  std::optional<int> follower_tiers;
  std::vector<LeaderIndicator> indicators;
};

struct LeaderAction {
  std::string action;
  std::string comment;
  std::string notice_start;
  std::string notice_end;
  int version = 0;  // the version the caller saw (0: not checked)
};

Result<PageResult<LeaderPlan>> list_leader_plans_for(App& app, const Caller& caller,
                                                     const std::string& q,
                                                     const std::string& status, const Page& page);
Result<LeaderPlan> get_leader_plan(App& app, const Caller& caller, long long id);
Result<LeaderPlan> create_leader_plan(App& app, const Caller& caller, const LeaderPlanInput& in);
Result<LeaderPlan> update_leader_plan_content(App& app, const Caller& caller, long long id,
                                              int version, const LeaderPlanInput& in);
// notice (author, from draft) | publish (author or national office, after the notice period) |
// reject (national office, notice → draft, with a reason) | withdraw (author or national office,
// published → withdrawn, with a reason).
Result<LeaderPlan> act_on_leader_plan(App& app, const Caller& caller, long long id,
                                      const LeaderAction& a);
Result<std::vector<LeaderObjection>> leader_plan_objections(App& app, const Caller& caller,
                                                            long long id);
Result<LeaderObjection> file_leader_objection(App& app, const Caller& caller, long long id,
                                              const std::string& text);
Result<LeaderObjection> answer_leader_plan_objection(App& app, const Caller& caller, long long id,
                                                     long long objection_id,
                                                     const std::string& answer);

struct LeaderRoundView {
  LeaderRound round;
  LeaderPlan plan;
  std::vector<LeaderRound> rounds;  // every round of the plan
  long long declarations = 0;       // how many (only to those who may see them; else -1)
  bool can_manage = false;          // the caller is the evaluator (or an overseer)
};

Result<std::vector<LeaderRound>> leader_plan_rounds(App& app, const Caller& caller, long long id);
Result<LeaderRoundView> open_leader_round(App& app, const Caller& caller, long long plan_id,
                                          const std::string& title);
Result<LeaderRoundView> get_leader_round(App& app, const Caller& caller, long long id);
// shortlist (declaring → shortlisted) | notice (shortlisted → notice, dates) | publish (notice →
// published, after the notice period).
Result<LeaderRoundView> act_on_leader_round(App& app, const Caller& caller, long long id,
                                            const LeaderAction& a);

struct RankingView {
  LeaderPlan plan;
  LeaderRound round;
  std::vector<LeaderDeclaration> declarations;
  RankingOutcome outcome;
};
// The ranking of a round's declarations: the evaluator, the national office, administrators.
Result<RankingView> leader_round_ranking(App& app, const Caller& caller, long long id);

struct DeclarationInput {
  std::string product_name;
  std::string standard_number;
  std::string result_code;
  std::optional<std::vector<std::string>> values;
};

Result<PageResult<LeaderDeclaration>> list_leader_declarations_for(App& app, const Caller& caller,
                                                                   long long round_id,
                                                                   const Page& page);
Result<LeaderDeclaration> get_leader_declaration(App& app, const Caller& caller, long long id);
Result<LeaderDeclaration> declare_leader(App& app, const Caller& caller, long long round_id,
                                         const DeclarationInput& in);
Result<LeaderDeclaration> update_leader_declaration_for(App& app, const Caller& caller,
                                                        long long id, int version,
                                                        const DeclarationInput& in);
// The commitment letter (承诺书): a file the enterprise uploaded through /api/v1/uploads.
Result<LeaderDeclaration> commit_leader_declaration(App& app, const Caller& caller, long long id,
                                                    int version, const std::string& file_hash);
Result<StoredFile> leader_commitment_file(App& app, const Caller& caller, long long id);

// Public side: the published lists only.
struct PublicEntry {
  ListedEntry entry;
  std::string region_name;
};
Result<PageResult<PublicEntry>> public_leader_entries(App& app, const std::string& q,
                                                      const std::string& level, long long round_id,
                                                      const Page& page);
Result<LeaderRoundView> public_leader_round(App& app, long long id);

}  // namespace duibiao
