#include "domain/roles.h"

#include <array>
#include <utility>

namespace duibiao {
namespace {
struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label;
};
constexpr std::array<RoleInfo, 8> kRoles = {{
    {Role::kEnterprise, "enterprise", "企业"},
    {Role::kCountyRegulator, "county_regulator", "县级监管部门"},
    {Role::kCityRegulator, "city_regulator", "市级监管部门"},
    {Role::kProvinceRegulator, "province_regulator", "省级监管部门"},
    {Role::kNationalOffice, "national_office", "全国专项行动办公室"},
    {Role::kTechnicalBody, "technical_body", "技术机构"},
    {Role::kExpert, "expert", "专家"},
    {Role::kAdmin, "admin", "系统管理员"},
}};
}  // namespace

std::string_view role_name(Role r) {
  return kRoles[static_cast<size_t>(r)].name;
}
std::string_view role_label_zh(Role r) {
  return kRoles[static_cast<size_t>(r)].label;
}

std::optional<Role> parse_role(std::string_view s) {
  for (const auto& info : kRoles)
    if (info.name == s) return info.role;
  return std::nullopt;
}

bool is_regulator(Role r) {
  return r == Role::kCountyRegulator || r == Role::kCityRegulator || r == Role::kProvinceRegulator;
}

std::string_view regulator_level(Role r) {
  switch (r) {
    case Role::kCountyRegulator:
      return "county";
    case Role::kCityRegulator:
      return "city";
    case Role::kProvinceRegulator:
      return "province";
    default:
      return "";
  }
}

}  // namespace duibiao
