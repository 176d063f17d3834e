#include "domain/account_rules.h"

#include "domain/text.h"

namespace duibiao {

std::optional<std::string> check_username(std::string_view v) {
  if (v.size() < 3 || v.size() > 32) return "用户名应为3–32个字符";
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return "用户名只能包含小写字母、数字和 _ . -";
  }
  return std::nullopt;
}

std::optional<std::string> check_password(std::string_view v) {
  if (v.size() < 10) return "密码至少10个字符";
  if (v.size() > 128) return "密码最多128个字符";
  bool letter = false, digit = false;
  for (char c : v) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letter = true;
    if (c >= '0' && c <= '9') digit = true;
  }
  if (!letter || !digit) return "密码须同时包含字母和数字";
  return std::nullopt;
}

std::optional<std::string> check_display_name(std::string_view v) {
  auto t = trim(v);
  if (t.empty()) return "请填写姓名";
  if (utf8_length(t) > 50) return "姓名最多50个字";
  return std::nullopt;
}

std::optional<std::string> check_phone(std::string_view v) {
  auto t = trim(v);
  if (t.size() < 7 || t.size() > 20) return "联系电话应为7–20位数字（可含 - 和 +）";
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' '))
      return "联系电话只能包含数字、- 和 +";
  return std::nullopt;
}

std::optional<std::string> check_email(std::string_view v) {
  auto t = trim(v);
  if (t.empty()) return std::nullopt;  // optional
  auto at = t.find('@');
  if (t.size() > 100 || at == 0 || at == std::string_view::npos ||
      t.find('.', at) == std::string_view::npos || t.find(' ') != std::string_view::npos)
    return "电子邮箱格式不正确（例如 name@example.com）";
  return std::nullopt;
}

std::optional<std::string> check_enterprise_name(std::string_view v) {
  auto n = utf8_length(trim(v));
  if (n < 2 || n > 100) return "企业名称应为2–100个字";
  return std::nullopt;
}

const std::vector<EnterpriseFlag>& enterprise_flags() {
  static const std::vector<EnterpriseFlag> flags = {
      {"above_size", "规上企业"},
      {"little_giant", "小巨人"},
      {"hidden_champion", "隐形冠军"},
      {"single_champion", "单打冠军"},
      {"unicorn", "独角兽"},
      {"gazelle", "瞪羚"},
      {"zhejiang_made", "浙江制造标准制定企业"},
  };
  return flags;
}

bool is_enterprise_flag(std::string_view code) {
  for (const auto& f : enterprise_flags())
    if (f.code == code) return true;
  return false;
}

}  // namespace duibiao
