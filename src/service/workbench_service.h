#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/campaign_stats_service.h"
#include "store/workbench_store.h"

namespace duibiao {

// The home page (工作台) of one caller: what waits for it, the figures of its scope and the next
// step. Each part comes from the service that owns the list behind it (its permission check
// included), or from a count over the caller's own scope; a part the role has no business with
// is left empty.
struct LabeledCount {
  std::string key;
  std::string label;
  long long count = 0;
};

struct WorkbenchDeadline {
  long long campaign_id = 0;
  std::string campaign_name;
  std::string phase_key;
  std::string phase_name;
  std::string due_date;
  bool overdue = false;
};

struct WorkbenchCampaign {
  long long id = 0;
  std::string name;
  std::string level;
  std::string region_name;
};

struct AuditRow {
  long long id = 0;
  long long at = 0;
  std::string actor_name;
  std::string action;
  std::string entity;
  std::string summary;
};

struct SystemHealth {
  std::string version;
  std::string database;  // sqlite, postgresql
  int schema_version = 0;
  std::string data_dir;
  long long disk_free_bytes = -1;  // -1: could not be read
  long long disk_total_bytes = -1;
};

struct Workbench {
  std::string role;
  std::string role_label;
  std::string region_name;
  long long generated_at = 0;
  // enterprise
  std::string enterprise_name;
  std::optional<ProductCounts> products;
  std::vector<ReturnedResult> returned;
  std::vector<WorkbenchDeadline> deadlines;
  std::string next_step;
  std::string next_step_label;
  // results in scope by status (enterprise: its own, drafts included; regulators: submitted)
  std::vector<LabeledCount> results_by_status;
  // reviewers: the work queue
  std::optional<long long> queue_waiting;
  std::optional<long long> queue_overdue;
  std::optional<long long> enterprises;
  // the figures of one campaign for the caller's scope (campaign statistics)
  std::vector<WorkbenchCampaign> campaigns;  // those whose statistics the caller may read
  std::optional<CampaignStats> campaign;
  std::vector<ResultActivity> activity;
  // plans: national office (all), technical body (its own), expert (open to comment)
  std::vector<LabeledCount> plans_by_status;
  std::optional<long long> objections_open;
  std::optional<long long> notice_ended;  // 公示 over: ready to publish (national office)
  std::optional<long long> support_open;
  // administrator
  std::vector<LabeledCount> users_by_role;
  std::vector<AuditRow> audit;
  std::optional<SystemHealth> system;
};

// `campaign_id` 0: the campaign closest to the caller's region (deepest region, newest year).
Result<Workbench> workbench_for(App& app, const Caller& caller, long long campaign_id);

}  // namespace duibiao
