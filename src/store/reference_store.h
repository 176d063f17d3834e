#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// Regions and industries are public reference data: no scope argument.
void insert_region(Tx& tx, const Region& r, int sort_order);
long long count_regions(Tx& tx);
std::optional<Region> find_region(Tx& tx, const std::string& code);
// Children of a region; an empty parent lists the provinces.
std::vector<Region> list_region_children(Tx& tx, const std::string& parent_code);
// Every region (code, name, level, parent, path; has_children not set): for in-memory lookups.
std::vector<Region> list_all_regions(Tx& tx);

void insert_industry(Tx& tx, const Industry& i, int sort_order);
long long count_industries(Tx& tx);
std::optional<Industry> find_industry(Tx& tx, const std::string& code);
std::vector<Industry> list_industries(Tx& tx);

std::optional<std::string> get_setting(Tx& tx, const std::string& key);
void set_setting(Tx& tx, const std::string& key, const std::string& value);

}  // namespace duibiao
