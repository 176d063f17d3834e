// libFuzzer target: the GB 32100 credit-code check never crashes and is self-consistent.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/credit_code.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto r = duibiao::check_credit_code(input);
  if (r.message.empty()) std::abort();
  if (r.valid && r.normalized.size() != 18) std::abort();
  if (r.expected) {
    // Replacing the check character with the expected one must make the code valid.
    std::string fixed = r.normalized;
    fixed[17] = *r.expected;
    if (!duibiao::check_credit_code(fixed).valid) std::abort();
  }
  return 0;
}
