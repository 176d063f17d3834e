#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duibiao {

enum class Role {
  kEnterprise,
  kCountyRegulator,
  kCityRegulator,
  kProvinceRegulator,
  kNationalOffice,
  kTechnicalBody,
  kExpert,
  kAdmin,
};

std::string_view role_name(Role r);      // "county_regulator"
std::string_view role_label_zh(Role r);  // "县级监管部门"
std::optional<Role> parse_role(std::string_view s);
bool is_regulator(Role r);  // county, city or province
// The region level a regulator role is bound to ("county" also covers functional zones).
std::string_view regulator_level(Role r);

}  // namespace duibiao
