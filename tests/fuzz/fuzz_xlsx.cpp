// libFuzzer target: the xlsx reader behind the standards import never crashes on any file.
#include <cstdint>
#include <string_view>

#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto r = duibiao::read_xlsx_first_sheet(bytes);
  if (!r.ok && r.error.empty()) __builtin_trap();
  (void)duibiao::excel_serial_to_date(bytes.substr(0, 12));
  return 0;
}
