// libFuzzer target for what the 附件2 import reads: the standard columns ("number name" items)
// and GBK files. Never crashes; every item found is a standard number in canonical form; a cell
// that is refused says which item; decoded GBK is valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/campaign.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "io/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto cell = duibiao::parse_standard_cell(input);
  if (!cell.error.empty()) {
    if (!cell.items.empty() && cell.error.find("无法识别") == std::string::npos) std::abort();
  } else {
    for (const auto& item : cell.items) {
      auto again = duibiao::parse_standard_number(item.normalized);
      if (!again.ok || again.value.normalized != item.normalized) std::abort();
      if (duibiao::is_valid_utf8(input) && !duibiao::is_valid_utf8(item.title)) std::abort();
    }
  }
  if (auto decoded = duibiao::gb18030_to_utf8(input)) {
    if (!duibiao::is_valid_utf8(*decoded)) std::abort();
  }
  return 0;
}
