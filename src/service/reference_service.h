#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"

namespace duibiao {

// Public reference data: anyone may read it.
std::vector<Region> region_children(App& app, const std::string& parent_code);
// A region with its ancestors from the province down (the region itself last).
Result<std::vector<Region>> region_with_ancestors(App& app, const std::string& code);
std::vector<Industry> all_industries(App& app);

struct HealthInfo {
  std::string version;
  std::string database;
  int schema_version = 0;
};
HealthInfo health(App& app);

}  // namespace duibiao
