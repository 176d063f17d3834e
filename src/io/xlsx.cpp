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

namespace {
// libxlsxwriter 1.1 writes to a file only: a private temporary file, removed afterwards.
struct TempFile {
  std::string path;
  TempFile() {
    path = (std::filesystem::temp_directory_path() / "duibiao-xlsx-XXXXXX").string();
    int fd = mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
    close(fd);
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string read() const {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};
}  // namespace

std::string write_xlsx_form(const XlsxForm& form) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, form.sheet_name.c_str());
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 16);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(title);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(header);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_CENTER);
  lxw_col_t last = static_cast<lxw_col_t>(form.columns.empty() ? 0 : form.columns.size() - 1);
  for (size_t c = 0; c < form.columns.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         form.columns[c].width, nullptr);
  lxw_row_t row = 0;
  worksheet_set_row(ws, row, 48, nullptr);
  worksheet_merge_range(ws, row, 0, row, last, escape_spreadsheet_text(form.title).c_str(), title);
  ++row;
  if (!form.subtitle.empty()) {
    worksheet_merge_range(ws, row, 0, row, last, escape_spreadsheet_text(form.subtitle).c_str(),
                          nullptr);
    ++row;
  }
  lxw_row_t header_row = row;
  worksheet_set_row(ws, row, 36, nullptr);
  for (size_t c = 0; c < form.columns.size(); ++c)
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), form.columns[c].title.c_str(),
                           header);
  ++row;
  for (const auto& r : form.rows) {
    for (size_t c = 0; c < r.size(); ++c)
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c),
                             escape_spreadsheet_text(r[c]).c_str(), cell);
    ++row;
  }
  for (const auto& note : form.notes) {
    worksheet_merge_range(ws, row, 0, row, last, escape_spreadsheet_text(note).c_str(), nullptr);
    ++row;
  }
  worksheet_freeze_panes(ws, header_row + 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write workbook");
  return file.read();
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
