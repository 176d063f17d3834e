#include "service/standard_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "domain/csv.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "io/xlsx.h"
#include "io/xlsx_reader.h"
#include "service/access.h"
#include "service/audit_service.h"

namespace duibiao {
namespace {

Result<void> require_catalog_editor(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  Role r = (*me)->role;
  if (r != Role::kNationalOffice && r != Role::kTechnicalBody && r != Role::kAdmin)
    return fail(Error::forbidden("只有全国专项行动办公室、技术机构和系统管理员可以编辑标准目录"));
  return {};
}

Result<void> require_list_keeper(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  Role r = (*me)->role;
  if (r != Role::kNationalOffice && r != Role::kAdmin)
    return fail(Error::forbidden("先进标准清单由全国专项行动办公室维护"));
  return {};
}

std::string search_text_of(const Standard& s) {
  std::string compact;
  for (char c : s.normalized)
    if (c != ' ') compact.push_back(c);
  return to_lower_ascii(s.normalized + " " + compact + " " + s.as_written + " " + s.title_zh + " " +
                        s.title_en + " " + s.adopted_number);
}

std::string audit_json(const Standard& s) {
  return nlohmann::json{{"id", s.id},
                        {"number", s.normalized},
                        {"title_zh", s.title_zh},
                        {"title_en", s.title_en},
                        {"status", s.status},
                        {"replaced_by", s.replaced_by},
                        {"adoption", s.adoption},
                        {"adopted_number", s.adopted_number},
                        {"advanced_fields", s.advanced_fields}}
      .dump();
}

// Validates the editable fields into `s`, collecting field messages.
void apply_input(const StandardInput& in, Standard& s, std::map<std::string, std::string>& fields) {
  s.title_zh = std::string(trim(in.title_zh));
  s.title_en = std::string(trim(in.title_en));
  if (s.title_zh.empty())
    fields["title_zh"] = "请填写标准中文名称";
  else if (utf8_length(s.title_zh) > 200)
    fields["title_zh"] = "中文名称最多200个字";
  if (utf8_length(s.title_en) > 300) fields["title_en"] = "英文名称最多300个字符";
  s.status = in.status.empty() ? "current" : in.status;
  if (s.status != "current" && s.status != "upcoming" && s.status != "withdrawn")
    fields["status"] = "状态应为 current（现行）、upcoming（即将实施）或 withdrawn（废止）";
  for (auto [name, value, target] :
       {std::tuple{"issued_on", &in.issued_on, &s.issued_on},
        std::tuple{"effective_on", &in.effective_on, &s.effective_on},
        std::tuple{"withdrawn_on", &in.withdrawn_on, &s.withdrawn_on}}) {
    *target = std::string(trim(*value));
    if (!target->empty() && !is_iso_date(*target)) fields[name] = "日期格式应为 YYYY-MM-DD";
  }
  s.replaced_by.clear();
  if (auto rep = std::string(trim(in.replaced_by)); !rep.empty()) {
    auto parsed = parse_standard_number(rep);
    if (!parsed)
      fields["replaced_by"] = parsed.error;
    else
      s.replaced_by = parsed.value.normalized;
  }
  if (s.status != "withdrawn" && !s.replaced_by.empty())
    fields["replaced_by"] = "只有废止的标准才有替代标准";
  s.ics = std::string(trim(in.ics));
  s.ccs = std::string(trim(in.ccs));
  if (s.ics.size() > 40) fields["ics"] = "ICS 分类号过长";
  if (s.ccs.size() > 20) fields["ccs"] = "CCS 分类号过长";
  if (!in.adoption.empty() || !in.adopted_number.empty()) {
    s.adoption = to_upper_ascii(trim(in.adoption));
    if (s.adoption != "IDT" && s.adoption != "MOD" && s.adoption != "NEQ")
      fields["adoption"] = "采用程度应为 IDT（等同）、MOD（修改）或 NEQ（非等效）";
    auto parsed = parse_standard_number(in.adopted_number);
    if (!parsed)
      fields["adopted_number"] = "被采用的国际标准编号：" + parsed.error;
    else if (parsed.value.kind != StandardKind::kInternational &&
             parsed.value.kind != StandardKind::kForeign)
      fields["adopted_number"] = "被采用的应为国际标准或国外先进标准";
    else
      s.adopted_number = parsed.value.normalized;
  } else {
    s.adoption.clear();  // both empty: the standard adopts nothing (clears an earlier value)
    s.adopted_number.clear();
  }
}

}  // namespace

Result<PageResult<Standard>> search_standards(App& app, StandardFilter filter, const Page& page) {
  // A complete standard number is searched in its normalized form, however it was typed.
  if (auto parsed = parse_standard_number(filter.q)) filter.q = parsed.value.normalized;
  filter.q = to_lower_ascii(trim(filter.q));
  std::map<std::string, std::string> fields;
  if (!filter.kind.empty() && !parse_standard_kind(filter.kind)) fields["kind"] = "未知的标准类别";
  if (!filter.status.empty() && filter.status != "current" && filter.status != "upcoming" &&
      filter.status != "withdrawn")
    fields["status"] = "状态应为 current、upcoming 或 withdrawn";
  if (!fields.empty()) return fail(Error::validation(fields));
  PageResult<Standard> out;
  app.db.read([&](Tx& tx) { out = list_standards(tx, filter, page); });
  return out;
}

Result<Standard> get_standard(App& app, long long id) {
  std::optional<Standard> s;
  app.db.read([&](Tx& tx) { s = find_standard(tx, id); });
  if (!s) return fail(Error::not_found("标准不存在"));
  return *s;
}

// Parses the number and validates every field into a new catalog entry.
Standard build_standard(const StandardInput& in, std::map<std::string, std::string>& fields) {
  Standard s;
  auto parsed = parse_standard_number(in.number);
  if (!parsed) {
    fields["number"] = parsed.error;
  } else {
    const StandardNumber& n = parsed.value;
    s.normalized = n.normalized;
    s.as_written = n.as_written;
    s.kind = std::string(standard_kind_name(n.kind));
    s.prefix = n.prefix;
    s.standard_key = standard_key(n);
    s.year = n.year;
  }
  StandardInput effective = in;
  // An IDT double number states its adoption itself.
  if (parsed && parsed.value.adopts && in.adoption.empty() && in.adopted_number.empty()) {
    effective.adoption = "IDT";
    effective.adopted_number = parsed.value.adopts->normalized;
  }
  apply_input(effective, s, fields);
  s.created_at = s.updated_at = now_unix();
  return s;
}

Result<Standard> create_standard(App& app, const Caller& caller, const StandardInput& in) {
  if (auto ok = require_catalog_editor(caller); !ok) return fail(ok.error());
  std::map<std::string, std::string> fields;
  Standard s = build_standard(in, fields);
  if (!fields.empty()) return fail(Error::validation(fields));
  Result<Standard> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      if (find_standard_by_number(tx, s.normalized)) {
        out = fail(Error::conflict("标准 " + s.normalized + " 已在目录中",
                                   {{"number", "标准 " + s.normalized + " 已在目录中"}}));
        return;
      }
      s.id = insert_standard(tx, s, search_text_of(s));
      record_audit(tx, caller, "create", "standard", std::to_string(s.id), "/", 0,
                   "新增标准 " + s.normalized, "", audit_json(s));
      out = s;
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("标准 " + s.normalized + " 已在目录中"));
  }
  return out;
}

Result<Standard> update_standard_entry(App& app, const Caller& caller, long long id,
                                       const StandardInput& in) {
  if (auto ok = require_catalog_editor(caller); !ok) return fail(ok.error());
  Result<Standard> out = fail(Error::not_found("标准不存在"));
  app.db.write([&](Tx& tx) {
    auto before = find_standard(tx, id);
    if (!before) return;
    Standard after = *before;
    std::map<std::string, std::string> fields;
    apply_input(in, after, fields);
    if (!fields.empty()) {
      out = fail(Error::validation(fields));
      return;
    }
    after.updated_at = now_unix();
    update_standard(tx, after, search_text_of(after));
    record_audit(tx, caller, "update", "standard", std::to_string(id), "/", 0,
                 "修改标准 " + after.normalized, audit_json(*before), audit_json(after));
    out = after;
  });
  return out;
}

namespace {
Result<Standard> change_advanced_list(App& app, const Caller& caller, long long id,
                                      const std::string& field_in, bool add) {
  if (auto ok = require_list_keeper(caller); !ok) return fail(ok.error());
  std::string field(trim(field_in));
  if (field.empty() || utf8_length(field) > 50)
    return fail(Error::field("field", "请填写产品领域（最多50个字），例如“家用电器”"));
  Result<Standard> out = fail(Error::not_found("标准不存在"));
  app.db.write([&](Tx& tx) {
    auto before = find_standard(tx, id);
    if (!before) return;
    if (add) {
      if (before->status == "withdrawn") {
        out = fail(Error::conflict("已废止的标准不能列入先进标准清单"));
        return;
      }
      add_advanced_field(tx, id, field, now_unix());
    } else {
      remove_advanced_field(tx, id, field);
    }
    auto after = find_standard(tx, id);
    record_audit(
        tx, caller, add ? "advanced_add" : "advanced_remove", "standard", std::to_string(id), "/",
        0,
        std::string(add ? "列入" : "移出") + "先进标准清单（" + field + "）：" + before->normalized,
        audit_json(*before), audit_json(*after));
    out = *after;
  });
  return out;
}
}  // namespace

Result<Standard> add_to_advanced_list(App& app, const Caller& caller, long long id,
                                      const std::string& field) {
  return change_advanced_list(app, caller, id, field, true);
}

Result<Standard> remove_from_advanced_list(App& app, const Caller& caller, long long id,
                                           const std::string& field) {
  return change_advanced_list(app, caller, id, field, false);
}

namespace {
// Template / export columns, in order. Status may be written in Chinese or as its code.
const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> c = {
      "标准编号", "中文名称",       "英文名称",        "状态", "发布日期",
      "实施日期", "废止日期",       "替代标准",        "ICS",  "CCS",
      "采用程度", "采用的国际标准", "先进标准清单领域"};
  return c;
}

std::string status_code(const std::string& s) {
  if (s == "现行") return "current";
  if (s == "即将实施") return "upcoming";
  if (s == "废止") return "withdrawn";
  return s;
}

std::string status_label(const std::string& s) {
  if (s == "current") return "现行";
  if (s == "upcoming") return "即将实施";
  if (s == "withdrawn") return "废止";
  return s;
}

const std::map<std::string, std::string>& field_columns() {
  static const std::map<std::string, std::string> m = {{"number", "标准编号"},
                                                       {"title_zh", "中文名称"},
                                                       {"title_en", "英文名称"},
                                                       {"status", "状态"},
                                                       {"issued_on", "发布日期"},
                                                       {"effective_on", "实施日期"},
                                                       {"withdrawn_on", "废止日期"},
                                                       {"replaced_by", "替代标准"},
                                                       {"ics", "ICS"},
                                                       {"ccs", "CCS"},
                                                       {"adoption", "采用程度"},
                                                       {"adopted_number", "采用的国际标准"}};
  return m;
}

std::string csv_cell(const std::string& v) {
  std::string t = v;
  // Spreadsheet formula injection: text starting with = + - @ is prefixed with an apostrophe.
  if (!t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@')) t = "'" + t;
  if (t.find_first_of(",\"\r\n") == std::string::npos) return t;
  std::string q = "\"";
  for (char c : t) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}
}  // namespace

std::string standards_csv_template() {
  std::string out = "\xEF\xBB\xBF" + join(csv_columns(), ",") + "\r\n";
  out +=
      "GB/T 19001—2016/ISO 9001:2015,质量管理体系 要求,Quality management systems — "
      "Requirements,现行,2016-12-30,2017-07-01,,,03.120.10,A00,,,\r\n";
  return out;
}

std::string standards_xlsx_template() {
  std::vector<XlsxColumn> columns;
  for (const auto& c : csv_columns())
    columns.push_back({c, c == "中文名称" || c == "英文名称" ? 36.0 : 16.0});
  return write_xlsx("标准导入模板", columns,
                    {{"GB/T 19001—2016/ISO 9001:2015", "质量管理体系 要求",
                      "Quality management systems — Requirements", "现行", "2016-12-30",
                      "2017-07-01", "", "", "03.120.10", "A00", "", "", ""}});
}

std::string standards_csv(const std::vector<Standard>& list) {
  std::string out = "\xEF\xBB\xBF" + join(csv_columns(), ",") + "\r\n";
  for (const auto& s : list) {
    std::vector<std::string> cells = {s.normalized,
                                      s.title_zh,
                                      s.title_en,
                                      status_label(s.status),
                                      s.issued_on,
                                      s.effective_on,
                                      s.withdrawn_on,
                                      s.replaced_by,
                                      s.ics,
                                      s.ccs,
                                      s.adoption,
                                      s.adopted_number,
                                      join(s.advanced_fields, "；")};
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

Result<ImportReport> import_standards(App& app, const Caller& caller, std::string_view bytes,
                                      bool good_rows_only) {
  if (auto ok = require_catalog_editor(caller); !ok) return fail(ok.error());
  // The format is sniffed from the content, never taken from the client's word.
  std::vector<std::vector<std::string>> rows;
  bool from_xlsx = bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
  if (from_xlsx) {
    auto read = read_xlsx_first_sheet(bytes);
    if (!read.ok) return fail(Error::field("file", read.error));
    rows = std::move(read.rows);
  } else {
    std::string_view text = bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!is_valid_utf8(text))
      return fail(Error::field("file",
                               "文件不是 UTF-8 编码的 CSV，也不是 xlsx：请在 Excel 中“另存为 CSV "
                               "UTF-8（逗号分隔）”或直接上传 xlsx"));
    rows = parse_csv(text);
  }
  remove_control_characters(rows);
  if (rows.empty()) return fail(Error::field("file", "文件为空：第一行应为表头，请下载导入模板"));
  const auto& header = rows[0];
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[std::string(trim(header[i]))] = i;
  for (const char* required : {"标准编号", "中文名称"})
    if (!col.count(required))
      return fail(
          Error::field("file", std::string("表头缺少“") + required + "”列，请使用导入模板"));
  if (rows.size() > 20001) return fail(Error::field("file", "一次最多导入 20000 行"));
  auto cell = [&](const std::vector<std::string>& row, const char* name) -> std::string {
    auto it = col.find(name);
    if (it == col.end() || it->second >= row.size()) return "";
    std::string v(trim(row[it->second]));
    if (v.size() > 1 && v[0] == '\'') v = v.substr(1);  // our own formula-injection escape
    // xlsx stores dates as serial day numbers.
    std::string_view column(name);
    if (from_xlsx && column.size() > 6 && column.substr(column.size() - 6) == "日期")
      if (auto d = excel_serial_to_date(v); !d.empty()) v = d;
    return v;
  };
  ImportReport report;
  report.good_rows_only = good_rows_only;
  std::vector<std::pair<size_t, Standard>> good;
  std::map<std::string, size_t> seen;  // normalized number → first row
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    bool blank = true;
    for (const auto& c : row)
      if (!trim(c).empty()) blank = false;
    if (blank) continue;
    size_t line = r + 1;  // spreadsheet row number (header is row 1)
    StandardInput in{cell(row, "标准编号"), cell(row, "中文名称"),
                     cell(row, "英文名称"), status_code(cell(row, "状态")),
                     cell(row, "发布日期"), cell(row, "实施日期"),
                     cell(row, "废止日期"), cell(row, "替代标准"),
                     cell(row, "ICS"),      cell(row, "CCS"),
                     cell(row, "采用程度"), cell(row, "采用的国际标准")};
    std::map<std::string, std::string> fields;
    Standard s = build_standard(in, fields);
    for (const auto& [field, message] : fields) {
      auto name = field_columns().count(field) ? field_columns().at(field) : field;
      report.errors.push_back({line, name, message});
    }
    if (!fields.empty()) continue;
    if (auto it = seen.find(s.normalized); it != seen.end()) {
      report.errors.push_back({line, "标准编号", "与第 " + std::to_string(it->second) + " 行重复"});
      continue;
    }
    for (auto& f : split(cell(row, "先进标准清单领域"), ';'))
      if (!trim(f).empty()) s.advanced_fields.push_back(std::string(trim(f)));
    if (!s.advanced_fields.empty() && s.status == "withdrawn") {
      report.errors.push_back({line, "先进标准清单领域", "已废止的标准不能列入先进标准清单"});
      continue;
    }
    seen[s.normalized] = line;
    good.emplace_back(line, std::move(s));
  }
  app.db.write([&](Tx& tx) {
    std::vector<std::pair<size_t, Standard>*> to_insert;
    for (auto& g : good) {
      if (find_standard_by_number(tx, g.second.normalized))
        report.errors.push_back(
            {g.first, "标准编号", "标准 " + g.second.normalized + " 已在目录中"});
      else
        to_insert.push_back(&g);
    }
    std::sort(report.errors.begin(), report.errors.end(),
              [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    if (!report.errors.empty() && !good_rows_only) return;  // nothing until the file is clean
    bool keeper = caller.user->role == Role::kNationalOffice || caller.user->role == Role::kAdmin;
    for (auto* g : to_insert) {
      Standard& s = g->second;
      s.id = insert_standard(tx, s, search_text_of(s));
      if (keeper)
        for (const auto& f : s.advanced_fields) add_advanced_field(tx, s.id, f, now_unix());
      ++report.imported;
    }
    record_audit(tx, caller, "import", "standard", "", "/", 0,
                 "导入标准 " + std::to_string(report.imported) + " 条，错误 " +
                     std::to_string(report.errors.size()) + " 行",
                 "", "");
  });
  report.rejected = !report.errors.empty() && !good_rows_only;
  return report;
}

std::vector<std::pair<std::string, long long>> advanced_list_fields(App& app) {
  std::vector<std::pair<std::string, long long>> out;
  app.db.read([&](Tx& tx) { out = advanced_field_counts(tx); });
  return out;
}

}  // namespace duibiao
