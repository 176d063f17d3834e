#include "service/standard_service.h"

#include <nlohmann/json.hpp>

#include "domain/standard_number.h"
#include "domain/text.h"
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

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string search_text_of(const Standard& s) {
  std::string compact;
  for (char c : s.normalized)
    if (c != ' ') compact.push_back(c);
  return to_lower_ascii(s.normalized + " " + compact + " " + s.as_written + " " + s.title_zh +
                        " " + s.title_en + " " + s.adopted_number);
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
  if (s.title_zh.empty()) fields["title_zh"] = "请填写标准中文名称";
  else if (utf8_length(s.title_zh) > 200) fields["title_zh"] = "中文名称最多200个字";
  if (utf8_length(s.title_en) > 300) fields["title_en"] = "英文名称最多300个字符";
  s.status = in.status.empty() ? "current" : in.status;
  if (s.status != "current" && s.status != "upcoming" && s.status != "withdrawn")
    fields["status"] = "状态应为 current（现行）、upcoming（即将实施）或 withdrawn（废止）";
  for (auto [name, value, target] :
       {std::tuple{"issued_on", &in.issued_on, &s.issued_on},
        std::tuple{"effective_on", &in.effective_on, &s.effective_on},
        std::tuple{"withdrawn_on", &in.withdrawn_on, &s.withdrawn_on}}) {
    *target = std::string(trim(*value));
    if (!target->empty() && !is_date(*target)) fields[name] = "日期格式应为 YYYY-MM-DD";
  }
  s.replaced_by.clear();
  if (auto rep = std::string(trim(in.replaced_by)); !rep.empty()) {
    auto parsed = parse_standard_number(rep);
    if (!parsed) fields["replaced_by"] = parsed.error;
    else s.replaced_by = parsed.value.normalized;
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
    if (!parsed) fields["adopted_number"] = "被采用的国际标准编号：" + parsed.error;
    else if (parsed.value.kind != StandardKind::kInternational &&
             parsed.value.kind != StandardKind::kForeign)
      fields["adopted_number"] = "被采用的应为国际标准或国外先进标准";
    else s.adopted_number = parsed.value.normalized;
  }
}

}  // namespace

Result<PageResult<Standard>> search_standards(App& app, StandardFilter filter, const Page& page) {
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

Result<Standard> create_standard(App& app, const Caller& caller, const StandardInput& in) {
  if (auto ok = require_catalog_editor(caller); !ok) return fail(ok.error());
  std::map<std::string, std::string> fields;
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
  if (!fields.empty()) return fail(Error::validation(fields));
  s.created_at = s.updated_at = now_unix();
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
    record_audit(tx, caller, add ? "advanced_add" : "advanced_remove", "standard",
                 std::to_string(id), "/", 0,
                 std::string(add ? "列入" : "移出") + "先进标准清单（" + field + "）：" +
                     before->normalized,
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

std::vector<std::pair<std::string, long long>> advanced_list_fields(App& app) {
  std::vector<std::pair<std::string, long long>> out;
  app.db.read([&](Tx& tx) { out = advanced_field_counts(tx); });
  return out;
}

}  // namespace duibiao
