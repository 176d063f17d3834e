#include "io/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace duibiao {

std::string escape_spreadsheet_text(const std::string& text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    return "'" + text;
  return text;
}

std::string write_xlsx(const std::string& sheet_name, const std::vector<XlsxColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows) {
  // libxlsxwriter 1.1 writes to a file only: use a private temporary file.
  std::string path_template =
      (std::filesystem::temp_directory_path() / "duibiao-xlsx-XXXXXX").string();
  int fd = mkstemp(path_template.data());
  if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_guard{path_template};

  lxw_workbook* wb = workbook_new(path_template.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].width,
                         nullptr);
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].title.c_str(), bold);
  }
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                             escape_spreadsheet_text(rows[r][c]).c_str(), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write workbook");
  std::ifstream in(path_template, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace duibiao
