#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Which plans a caller may see, decided by service/ and bound here as flags.
struct PlanVisibility {
  bool public_statuses = true;     // notice (公示), published, superseded: everyone
  bool internal_statuses = false;  // consultation (征求意见), withdrawn: logged-in users
  bool everything = false;         // national office, administrators
  long long author_id = 0;         // the caller's own drafts
};

struct PlanFilter {
  std::string q;  // lower-cased fragment of number, product, organisation, standard numbers
  std::string status;
  std::string standard;  // normalized standard number used by the plan
  std::string industry_code;
};

long long insert_plan(Tx& tx, const Plan& p, const std::string& search_text);
void update_plan(Tx& tx, const Plan& p, const std::string& search_text);
void replace_plan_content(Tx& tx, long long plan_id, const std::vector<PlanStandard>& standards,
                          const std::vector<PlanIndicator>& indicators);
std::optional<Plan> find_plan(Tx& tx, const PlanVisibility& v, long long id);
PageResult<Plan> list_plans(Tx& tx, const PlanVisibility& v, const PlanFilter& f, const Page& page);
// The published version carrying this number (empty when none is published).
std::optional<Plan> find_published_plan(Tx& tx, const std::string& plan_number);
// Whether a newer version (of any status) has been started from this plan.
bool has_revision(Tx& tx, long long plan_id);
// Next value of a numbering sequence (atomic on both backends).
long long next_plan_sequence(Tx& tx, const std::string& prefix);

long long insert_objection(Tx& tx, long long plan_id, const PlanObjection& o);
bool answer_objection(Tx& tx, long long plan_id, long long objection_id, const std::string& answer,
                      long long at);
std::vector<PlanObjection> list_objections(Tx& tx, long long plan_id);

void insert_plan_event(Tx& tx, long long plan_id, const PlanEvent& e);
std::vector<PlanEvent> list_plan_events(Tx& tx, long long plan_id);

}  // namespace duibiao
