#pragma once

// What every import (standards catalog, 附件2 lists, planning actuals) shares: reading the file
// the user uploaded and reporting bad rows.

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace duibiao {

struct ImportError {
  size_t row = 0;  // spreadsheet row number (the header is row 1)
  std::string column;
  std::string message;
};

using ImportTable = std::vector<std::vector<std::string>>;

// The first sheet of an xlsx, or a CSV in UTF-8 (with or without BOM) or GBK / GB18030 (what Excel
// on Chinese Windows saves), sniffed from the bytes, never from the client's word. `what` names
// the file in the message for an empty upload ("附件2企业名单").
Result<ImportTable> read_import_table(std::string_view bytes, const std::string& what);

// Removes control characters (C0 but tab and line breaks, DEL, C1) from every cell: spreadsheets
// carry them as invisible junk and the platform never stores them.
void remove_control_characters(ImportTable& table);

// A cell's text, trimmed, without the apostrophe our exports put before formula-like text.
std::string import_cell(const std::vector<std::string>& row, size_t column);

}  // namespace duibiao
