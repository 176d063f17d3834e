#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.h"
#include "domain/planning.h"
#include "store/database.h"

namespace duibiao {

// Planning indicators of a province's plan (表1-1, 表2-1) and their yearly actuals. Reads and
// writes take the caller's scope (region path range) first; actuals are scoped through their
// indicator.

struct PlanningFilter {
  std::string table_no;  // "" = every table
};

long long insert_planning_indicator(Tx& tx, const PlanningIndicator& ind);
long long count_planning_indicators(Tx& tx, const std::string& region_code);
PageResult<PlanningIndicator> list_planning_indicators(Tx& tx, const Scope& scope,
                                                       const PlanningFilter& f, const Page& page);
std::optional<PlanningIndicator> find_planning_indicator(Tx& tx, const Scope& scope, long long id);

// The actuals of every indicator the filter selects in scope, by indicator then year.
std::vector<PlanningActual> list_planning_actuals(Tx& tx, const Scope& scope,
                                                  const PlanningFilter& f);
std::vector<PlanningActual> list_actuals_of(Tx& tx, const Scope& scope, long long indicator_id);
std::optional<PlanningActual> find_planning_actual(Tx& tx, const Scope& scope,
                                                   long long indicator_id, int year);
// Inserts or replaces the actual of (indicator, year); false when the indicator is outside scope.
bool put_planning_actual(Tx& tx, const Scope& scope, const PlanningActual& a);
// false when there was no such actual in scope.
bool delete_planning_actual(Tx& tx, const Scope& scope, long long indicator_id, int year);

// Loads the preloaded indicators of a province (data/planning_indicators_*.csv, header row
// first) when that province has none yet; returns how many were inserted.
long long load_planning_indicators(Tx& tx, std::string_view csv, const std::string& region_code,
                                   const std::string& plan_name);

}  // namespace duibiao
