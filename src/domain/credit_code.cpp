#include "domain/credit_code.h"

#include <array>
#include <string>

#include "domain/text.h"

namespace duibiao {
namespace {
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};
}

int credit_code_char_index(char c) {
  auto pos = kCreditCodeChars.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

char credit_code_check_char(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) {
    sum += credit_code_char_index(first17[i]) * kWeights[i];
  }
  return kCreditCodeChars[(31 - sum % 31) % 31];
}

CreditCodeCheck check_credit_code(std::string_view input) {
  CreditCodeCheck r;
  std::string code = to_upper_ascii(trim(input));
  r.normalized = code;
  if (code.empty()) {
    r.message = "请输入18位统一社会信用代码";
    return r;
  }
  size_t length = utf8_length(code);
  if (length != 18) {
    r.message = "统一社会信用代码应为18位，当前为" + std::to_string(length) + "位";
    return r;
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (credit_code_char_index(code[i]) < 0) {
      std::string ch = code.substr(i, 1);
      if (static_cast<unsigned char>(code[i]) >= 0x80) ch = "非ASCII字符";
      r.message = "第" + std::to_string(i + 1) + "位字符“" + ch +
                  "”不允许出现在统一社会信用代码中（只允许数字和除 I、O、S、V、Z 以外的大写字母）";
      return r;
    }
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      r.message = "第3–8位应为登记管理机关行政区划码（6位数字），第" + std::to_string(i + 1) +
                  "位为“" + code.substr(i, 1) + "”";
      return r;
    }
  }
  char expected = credit_code_check_char(code);
  if (code[17] != expected) {
    r.expected = expected;
    r.only_check_char_wrong = true;
    r.message = std::string("第18位校验码错误：按 GB 32100 计算应为“") + expected + "”，实为“" +
                code[17] + "”";
    return r;
  }
  r.valid = true;
  r.message = "统一社会信用代码校验通过";
  return r;
}

std::string credit_code_region(std::string_view code) {
  if (code.size() < 8) return {};
  return std::string(code.substr(2, 6));
}

}  // namespace duibiao
