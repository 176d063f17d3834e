#include "domain/region.h"

namespace duibiao {

std::string_view region_level_name(RegionTier l) {
  switch (l) {
    case RegionTier::kNational:
      return "national";
    case RegionTier::kProvince:
      return "province";
    case RegionTier::kCity:
      return "city";
    case RegionTier::kCounty:
      return "county";
    case RegionTier::kZone:
      return "zone";
  }
  return "";
}

std::optional<RegionTier> parse_region_level(std::string_view s) {
  for (auto l : {RegionTier::kNational, RegionTier::kProvince, RegionTier::kCity,
                 RegionTier::kCounty, RegionTier::kZone})
    if (region_level_name(l) == s) return l;
  return std::nullopt;
}

bool is_pseudo_city(std::string_view city4, std::string_view name) {
  if (city4.size() != 4) return false;
  if (city4.substr(2) == "90") return true;
  auto province = city4.substr(0, 2);
  bool municipality = province == "11" || province == "12" || province == "31" || province == "50";
  return municipality && (name == "市辖区" || name == "县");
}

std::string region_path(const std::vector<std::string>& codes) {
  std::string p = "/";
  for (const auto& c : codes) {
    p += c;
    p += '/';
  }
  return p;
}

PathRange subtree_range(std::string_view path) {
  // Paths use only digits, letters and '/', all below 0x7F; appending 0x7F bounds the subtree.
  std::string lo(path);
  std::string hi(path);
  hi.push_back('\x7f');
  return {lo, hi};
}

bool path_in_subtree(std::string_view path, std::string_view subtree) {
  return path.substr(0, subtree.size()) == subtree;
}

bool is_region_code_format(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return code.substr(0, 2) != "00";
}

}  // namespace duibiao
