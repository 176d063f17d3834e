#include "io/xlsx_reader.h"

#include <minizip/unzip.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "domain/text.h"

namespace duibiao {
namespace {

constexpr unsigned long kMaxEntryBytes = 64ul << 20;
constexpr size_t kMaxRows = 100000;
constexpr size_t kMaxColumns = 200;

// Reads one archive entry; empty optional-like flag through `found`.
bool read_entry(unzFile zf, const char* name, std::string& out, std::string& error) {
  if (unzLocateFile(zf, name, 0) != UNZ_OK) return false;
  unz_file_info info{};
  if (unzGetCurrentFileInfo(zf, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    error = "xlsx 文件已损坏";
    return false;
  }
  if (info.uncompressed_size > kMaxEntryBytes) {
    error = "xlsx 文件内容过大（单个部件超过 64 MiB）";
    return false;
  }
  if (unzOpenCurrentFile(zf) != UNZ_OK) {
    error = "xlsx 文件已损坏";
    return false;
  }
  out.clear();
  char buf[65536];
  int n;
  while ((n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxEntryBytes) {  // the header may lie about the size
      unzCloseCurrentFile(zf);
      error = "xlsx 文件内容过大";
      return false;
    }
  }
  unzCloseCurrentFile(zf);
  if (n < 0) {
    error = "xlsx 文件已损坏（解压失败）";
    return false;
  }
  return true;
}

// "B12" → column index 1.
int column_of(const char* ref) {
  int col = 0;
  for (const char* p = ref; *p >= 'A' && *p <= 'Z'; ++p) col = col * 26 + (*p - 'A' + 1);
  return col - 1;
}

std::string text_of(const pugi::xml_node& node) {
  // <si><t>…</t></si> or rich text <si><r><t>…</t></r>…</si>; phonetic runs (<rPh>) skipped.
  std::string s;
  for (auto t : node.select_nodes(".//t")) {
    if (std::string_view(t.node().parent().name()) == "rPh") continue;
    s += t.node().text().get();
  }
  return s;
}

}  // namespace

std::string excel_serial_to_date(std::string_view serial) {
  double v = 0;
  auto [p, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), v);
  if (ec != std::errc() || p != serial.data() + serial.size() || v < 1 || v > 2958465) return "";
  // Day 25569 is 1970-01-01 (Excel counts the fictitious 1900-02-29, so later dates line up).
  std::time_t t = static_cast<std::time_t>((static_cast<long long>(v) - 25569) * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

XlsxReadResult read_xlsx_first_sheet(std::string_view bytes) {
  XlsxReadResult result;
  if (bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) {
    result.error = "不是 xlsx 文件";
    return result;
  }
  std::string path = (std::filesystem::temp_directory_path() / "duibiao-xlsxin-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) {
    result.error = "服务器无法创建临时文件";
    return result;
  }
  close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } guard{path};
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  unzFile zf = unzOpen(path.c_str());
  if (!zf) {
    result.error = "xlsx 文件已损坏（不是有效的 zip 压缩包）";
    return result;
  }
  struct Close {
    unzFile z;
    ~Close() { unzClose(z); }
  } close_guard{zf};

  std::string xml, error;
  std::vector<std::string> shared;
  if (read_entry(zf, "xl/sharedStrings.xml", xml, error)) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size())) {
      result.error = "xlsx 文件已损坏（共享字符串无法解析）";
      return result;
    }
    for (auto si : doc.child("sst").children("si")) shared.push_back(text_of(si));
  } else if (!error.empty()) {
    result.error = error;
    return result;
  }
  if (!read_entry(zf, "xl/worksheets/sheet1.xml", xml, error)) {
    result.error = error.empty() ? "xlsx 文件中没有工作表" : error;
    return result;
  }
  pugi::xml_document sheet;
  if (!sheet.load_buffer(xml.data(), xml.size())) {
    result.error = "xlsx 文件已损坏（工作表无法解析）";
    return result;
  }
  for (auto row : sheet.child("worksheet").child("sheetData").children("row")) {
    size_t index = row.attribute("r").as_ullong(result.rows.size() + 1);
    if (index == 0 || index > kMaxRows) {
      result.error = "xlsx 行数过多（最多 100000 行）";
      return result;
    }
    if (result.rows.size() < index) result.rows.resize(index);
    auto& cells = result.rows[index - 1];
    int next = 0;
    for (auto c : row.children("c")) {
      int col = c.attribute("r") ? column_of(c.attribute("r").value()) : next;
      if (col < 0 || col >= static_cast<int>(kMaxColumns)) {
        result.error = "xlsx 列数过多（最多 200 列）";
        return result;
      }
      next = col + 1;
      std::string type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        size_t i = c.child("v").text().as_ullong(shared.size());
        if (i < shared.size()) value = shared[i];
      } else if (type == "inlineStr") {
        value = text_of(c.child("is"));
      } else {
        value = c.child("v").text().get();
      }
      // XML must be UTF-8 but a damaged or hand-made file may hold other bytes: refused here,
      // for every import, rather than stored.
      if (!is_valid_utf8(value)) {
        result.error = "xlsx 文件已损坏（第 " + std::to_string(index) + " 行第 " +
                       std::to_string(col + 1) + " 列不是有效的 UTF-8 文字）";
        return result;
      }
      if (cells.size() <= static_cast<size_t>(col)) cells.resize(col + 1);
      cells[col] = std::move(value);
    }
  }
  result.ok = true;
  return result;
}

}  // namespace duibiao
