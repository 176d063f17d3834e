#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duibiao {

// 统一社会信用代码, GB 32100-2015.
struct CreditCodeCheck {
  bool valid = false;
  std::string message;           // Chinese, says what is wrong and where
  std::optional<char> expected;  // the right check character, when only it is wrong
  std::string normalized;        // upper-cased, trimmed
  bool only_check_char_wrong = false;
};

inline constexpr std::string_view kCreditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Index of c in kCreditCodeChars, or -1.
int credit_code_char_index(char c);

// The check character for the first 17 characters (all must be valid characters).
char credit_code_check_char(std::string_view first17);

CreditCodeCheck check_credit_code(std::string_view input);

// The 6-digit administrative division code embedded at positions 3–8.
std::string credit_code_region(std::string_view code);

}  // namespace duibiao
