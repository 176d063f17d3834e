#pragma once

#include <string>
#include <vector>

namespace duibiao {

struct XlsxColumn {
  std::string title;
  double width = 16;
};

// One-sheet workbook with a bold header row, returned as the file's bytes. Cell text that a
// spreadsheet could take for a formula (= + - @ at the start) is prefixed with an apostrophe.
std::string write_xlsx(const std::string& sheet_name, const std::vector<XlsxColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows);

// A sheet laid out like a paper form: a merged title row, an optional line under it (填报单位 …),
// a bordered header, the rows and notes below; the header row stays frozen.
struct XlsxForm {
  std::string sheet_name;
  std::string title;
  std::string subtitle;
  std::vector<XlsxColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notes;
};
std::string write_xlsx_form(const XlsxForm& form);

std::string escape_spreadsheet_text(const std::string& text);

}  // namespace duibiao
