#include "service/import_file.h"

#include "domain/csv.h"
#include "domain/text.h"
#include "io/encoding.h"
#include "io/xlsx_reader.h"

namespace duibiao {

Result<ImportTable> read_import_table(std::string_view bytes, const std::string& what) {
  if (bytes.empty())
    return fail(Error::field("file", "文件为空：请上传" + what + "（xlsx 或 CSV）"));
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    auto read = read_xlsx_first_sheet(bytes);
    if (!read.ok) return fail(Error::field("file", read.error));
    remove_control_characters(read.rows);
    return std::move(read.rows);
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ImportTable rows;
  if (is_valid_utf8(text))
    rows = parse_csv(text);
  else if (auto decoded = gb18030_to_utf8(text))
    rows = parse_csv(*decoded);
  else
    return fail(
        Error::field("file", "无法识别文件：应为 xlsx，或 UTF-8 / GBK 编码的 CSV（逗号分隔）"));
  remove_control_characters(rows);
  return rows;
}

void remove_control_characters(ImportTable& table) {
  for (auto& row : table)
    for (auto& cell : row) {
      std::string out;
      out.reserve(cell.size());
      for (size_t i = 0; i < cell.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(cell[i]);
        if (c == 0xC2 && i + 1 < cell.size() && static_cast<unsigned char>(cell[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(cell[i + 1]) <= 0x9F) {
          ++i;  // a C1 control
          continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) continue;
        out.push_back(cell[i]);
      }
      cell.swap(out);
    }
}

std::string import_cell(const std::vector<std::string>& row, size_t column) {
  if (column >= row.size()) return "";
  std::string v(trim(row[column]));
  if (v.size() > 1 && v[0] == '\'') v = v.substr(1);
  return v;
}

}  // namespace duibiao
