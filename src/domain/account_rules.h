#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// Each returns nullopt when the value is acceptable, else a Chinese message saying what is
// expected.
std::optional<std::string> check_username(std::string_view v);
std::optional<std::string> check_password(std::string_view v);
std::optional<std::string> check_display_name(std::string_view v);
std::optional<std::string> check_phone(std::string_view v);
std::optional<std::string> check_email(std::string_view v);
std::optional<std::string> check_enterprise_name(std::string_view v);

// Enterprise flags named in the seeds.
struct EnterpriseFlag {
  std::string_view code;
  std::string_view label;
};
const std::vector<EnterpriseFlag>& enterprise_flags();
bool is_enterprise_flag(std::string_view code);

}  // namespace duibiao
