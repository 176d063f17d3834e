#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/plan_store.h"

namespace duibiao {

// Plan numbers: DBFA-<year>-<region code of the drafting body>-<4-digit sequence>, assigned
// when a plan is first published and kept by every later version (DBFA = 对标方案).
std::string format_plan_number(int year, const std::string& region_code, long long sequence);
// 草稿, 征求意见, 公示, 已发布, 已被替代, 已废止.
std::string plan_status_label_zh(const std::string& status);

struct PlanInput {
  std::string product;
  std::string industry_code;
  std::string author_org;
  std::string summary;
  std::vector<PlanStandard> standards;
  std::vector<PlanIndicator> indicators;
};

struct PlanAction {
  std::string action;   // submit | notice | publish | reject | withdraw
  std::string comment;  // the reason for reject / withdraw
  std::string notice_start;
  std::string notice_end;
};

Result<PageResult<Plan>> list_plans_for(App& app, const Caller& caller, PlanFilter filter,
                                        const Page& page);
Result<Plan> get_plan(App& app, const Caller& caller, long long id);
Result<Plan> get_published_plan(App& app, const std::string& number);
// Technical bodies (and administrators) draft plans.
Result<Plan> create_plan(App& app, const Caller& caller, const PlanInput& in);
// The author edits a draft; published versions are immutable.
Result<Plan> update_plan_content(App& app, const Caller& caller, long long id, const PlanInput& in);
Result<Plan> act_on_plan(App& app, const Caller& caller, long long id, const PlanAction& a);
// A new draft version of a published plan, linked to the one it will replace.
Result<Plan> new_plan_version(App& app, const Caller& caller, long long id);
Result<std::vector<PlanObjection>> plan_objections(App& app, const Caller& caller, long long id);
Result<PlanObjection> file_objection(App& app, const Caller& caller, long long id,
                                     const std::string& text);
Result<PlanObjection> answer_plan_objection(App& app, const Caller& caller, long long id,
                                            long long objection_id, const std::string& answer);
Result<std::vector<PlanEvent>> plan_events(App& app, const Caller& caller, long long id);

}  // namespace duibiao
