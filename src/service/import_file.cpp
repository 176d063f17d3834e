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
    return std::move(read.rows);
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (is_valid_utf8(text)) return parse_csv(text);
  if (auto decoded = gb18030_to_utf8(text)) return parse_csv(*decoded);
  return fail(
      Error::field("file", "无法识别文件：应为 xlsx，或 UTF-8 / GBK 编码的 CSV（逗号分隔）"));
}

std::string import_cell(const std::vector<std::string>& row, size_t column) {
  if (column >= row.size()) return "";
  std::string v(trim(row[column]));
  if (v.size() > 1 && v[0] == '\'') v = v.substr(1);
  return v;
}

}  // namespace duibiao
