#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

struct XlsxReadResult {
  bool ok = false;
  std::string error;                           // Chinese, for the user
  std::vector<std::vector<std::string>> rows;  // first worksheet, cell text, gaps filled with ""
};

// Reads the first worksheet of an .xlsx file (shared strings, inline strings, numbers).
// Hostile files are refused: entries over 64 MiB uncompressed, more than 100,000 rows or
// 200 columns, malformed XML.
XlsxReadResult read_xlsx_first_sheet(std::string_view bytes);

// Excel's serial day number (1900 date system) as YYYY-MM-DD, or "" when it is not one.
std::string excel_serial_to_date(std::string_view serial);

}  // namespace duibiao
