#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "domain/planning.h"
#include "service/app.h"
#include "service/standard_service.h"
#include "store/planning_store.h"

namespace duibiao {

// Planning-indicator monitoring (规划指标监测, seed 004). Who may do what:
// - read: the national office and administrators all provinces' indicators; a regulator (county,
//   city or province) its own province's — the plan is the province's, every level works to it;
//   enterprises, technical bodies and experts: 403 (the plan is public, but the actuals entered
//   are official figures before the province publishes them).
// - write (enter, import, delete actuals): the province office of the indicator's province only;
//   another province's indicator is 404 (not visible), a visible one 403 for everyone else.

struct PlanningRow {
  PlanningIndicator indicator;
  std::vector<PlanningActual> actuals;  // by year
  PlanningProgress progress;            // of the latest actual
  bool can_edit = false;
};

Result<PageResult<PlanningRow>> list_planning_for(App& app, const Caller& caller,
                                                  const PlanningFilter& f, const Page& page);
Result<PlanningRow> get_planning_row(App& app, const Caller& caller, long long id);

struct ActualInput {
  std::optional<double> value;
  std::string note;
};
// Enters or replaces the actual of one year.
Result<PlanningRow> put_planning_actual_for(App& app, const Caller& caller, long long id, int year,
                                            const ActualInput& in);
Result<void> delete_planning_actual_for(App& app, const Caller& caller, long long id, int year);

struct PlanningImportReport {
  size_t imported = 0;
  std::vector<ImportError> errors;
  bool rejected = false;  // errors and all-or-nothing: nothing saved
};
inline constexpr size_t kMaxPlanningImportRows = 5000;
// xlsx or CSV (UTF-8 or GBK) with the columns 编号 or 指标名称 (表号 to tell apart names both
// tables use), 年份, 实际值, 备注; into the caller's own province. Every bad row is reported with
// its row and column.
Result<PlanningImportReport> import_planning_actuals(App& app, const Caller& caller,
                                                     std::string_view bytes, bool good_rows_only);
// The import template: one line per indicator of the caller's province, year and value blank.
Result<std::string> planning_template_xlsx(App& app, const Caller& caller);
// 中期评估: per indicator unit, baseline, target, the actual of every year, the straight-line
// value at the latest year, progress and status.
Result<std::string> planning_evaluation_xlsx(App& app, const Caller& caller,
                                             const PlanningFilter& f);

}  // namespace duibiao
