#include "service/directory_service.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "io/xlsx.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "store/reference_store.h"

namespace duibiao {
namespace {
constexpr const char* kNotFound = "名录条目不存在";
constexpr const char* kMaintainers = "专家和机构名录由市场监管部门、国家专项行动办公室或管理员维护";

// The region range a caller maintains; nullopt when it maintains none.
std::optional<Scope> maintenance_scope(const User& u) {
  if (u.role == Role::kNationalOffice || u.role == Role::kAdmin) return Scope{};
  if (is_regulator(u.role)) {
    auto r = subtree_range(u.region_path);
    return Scope{r.lo, r.hi, 0};
  }
  return std::nullopt;
}

bool in_scope(const Scope& s, const std::string& path) {
  return path >= s.lo && path < s.hi;
}

DirectoryView make_view(App& app, const Caller& caller, DirectoryEntry e) {
  DirectoryView v;
  v.show_contact = caller.user.has_value();
  if (caller.user)
    if (auto s = maintenance_scope(*caller.user)) v.can_edit = in_scope(*s, e.region_path);
  app.db.read([&](Tx& tx) {
    for (const auto& code : e.fields) {
      auto ind = find_industry(tx, code);
      v.field_names.push_back(ind ? ind->name : code);
    }
  });
  if (!v.show_contact) {
    e.contact_name.clear();
    e.phone.clear();
    e.email.clear();
    e.address.clear();
  }
  v.entry = std::move(e);
  return v;
}

std::string audit_json(const DirectoryEntry& e) {
  return nlohmann::json{{"kind", e.kind},
                        {"name", e.name},
                        {"organization", e.organization},
                        {"fields", e.fields},
                        {"region_code", e.region_code},
                        {"version", e.version}}
      .dump();
}

// Checks the input and resolves the region and the fields; the entry's other columns are
// the caller's.
Result<DirectoryEntry> build(Tx& tx, const Scope& scope, DirectoryEntry e, const DirectoryInput& in,
                             std::vector<std::string>& names) {
  e.kind = in.kind;
  e.name = in.name;
  e.organization = in.organization;
  e.contact_name = in.contact_name;
  e.phone = in.phone;
  e.email = in.email;
  e.address = in.address;
  e.description = in.description;
  e.qualification = in.qualification;
  e.fields.clear();
  std::set<std::string> seen;
  for (const auto& f : in.fields) {
    std::string code(trim(f));
    if (!code.empty() && seen.insert(code).second) e.fields.push_back(code);
  }
  auto fields = validate_directory_entry(e);
  names.clear();
  for (size_t i = 0; i < e.fields.size() && i < kMaxDirectoryFields; ++i) {
    auto ind = find_industry(tx, e.fields[i]);
    if (!ind)
      fields["fields"] = "专业领域“" + e.fields[i] + "”不是 GB/T 4754 行业代码或产业集群代码";
    else
      names.push_back(ind->name);
  }
  std::string code(trim(in.region_code));
  if (code.empty()) {
    fields["region_code"] = "请选择所在地区";
  } else {
    auto r = find_region(tx, code);
    if (!r) {
      fields["region_code"] = "行政区划代码“" + code + "”不存在";
    } else if (!in_scope(scope, r->path)) {
      fields["region_code"] = "只能维护本辖区的名录";
    } else {
      e.region_code = r->code;
      e.region_name = r->name;
      e.region_path = r->path;
    }
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  return e;
}

std::string header_key(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '*' && c != '\n' && c != '\r' && c != '\t') out.push_back(c);
  return out;
}

std::vector<std::string> split_fields(const std::string& s) {
  std::string t = s;
  for (const char* sep : {"、", "，", "；", ";", " "})
    for (size_t p; (p = t.find(sep)) != std::string::npos;) t.replace(p, std::strlen(sep), ",");
  std::vector<std::string> out;
  for (auto& part : split(t, ','))
    if (!trim(part).empty()) out.emplace_back(trim(part));
  return out;
}
}  // namespace

Result<PageResult<DirectoryView>> list_directory_for(App& app, const Caller& caller,
                                                     const DirectoryQuery& q, const Page& page) {
  DirectoryFilter f;
  f.q = to_lower_ascii(trim(q.q));
  if (utf8_length(f.q) > 100) return fail(Error::field("q", "查询内容最多100个字"));
  f.kind = q.kind;
  if (!f.kind.empty() && !is_directory_kind(f.kind))
    return fail(Error::field("kind", "类别应为 expert、standard_body 或 lab"));
  f.field = std::string(trim(q.field));
  if (f.field.size() > 20) return fail(Error::field("field", "专业领域代码过长"));
  PageResult<DirectoryEntry> rows;
  std::optional<Error> bad;
  app.db.read([&](Tx& tx) {
    if (!q.region_code.empty() && q.region_code != kNationalRegionCode) {
      auto r = find_region(tx, q.region_code);
      if (!r) {
        bad = Error::field("region_code", "行政区划代码“" + q.region_code + "”不存在");
        return;
      }
      auto range = subtree_range(r->path);
      f.lo = range.lo;
      f.hi = range.hi;
    }
    rows = list_directory(tx, f, page);
  });
  if (bad) return fail(*bad);
  PageResult<DirectoryView> out;
  out.total = rows.total;
  for (auto& e : rows.items) out.items.push_back(make_view(app, caller, std::move(e)));
  return out;
}

Result<DirectoryView> get_directory_entry(App& app, const Caller& caller, long long id) {
  std::optional<DirectoryEntry> e;
  app.db.read([&](Tx& tx) { e = find_directory_entry(tx, id); });
  if (!e) return fail(Error::not_found(kNotFound));
  return make_view(app, caller, std::move(*e));
}

Result<DirectoryView> create_directory_entry(App& app, const Caller& caller,
                                             const DirectoryInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = maintenance_scope(**me);
  if (!scope) return fail(Error::forbidden(kMaintainers));
  DirectoryEntry e;
  e.created_by = (*me)->id;
  e.created_at = e.updated_at = now_unix();
  std::optional<Error> bad;
  app.db.write([&](Tx& tx) {
    std::vector<std::string> names;
    auto built = build(tx, *scope, e, in, names);
    if (!built) {
      bad = built.error();
      return;
    }
    e = std::move(*built);
    e.id = insert_directory_entry(tx, e, directory_search_text(e, names));
    record_audit(tx, caller, "create", "directory_entry", std::to_string(e.id), e.region_path, 0,
                 std::string("新增") + directory_kind_label(e.kind) + " " + e.name, "",
                 audit_json(e));
  });
  if (bad) return fail(*bad);
  return get_directory_entry(app, caller, e.id);
}

Result<DirectoryView> update_directory_entry_for(App& app, const Caller& caller, long long id,
                                                 int version, const DirectoryInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = maintenance_scope(**me);
  if (!scope) return fail(Error::forbidden(kMaintainers));
  std::optional<Error> bad;
  app.db.write([&](Tx& tx) {
    auto before = find_directory_entry(tx, id);
    if (!before || !in_scope(*scope, before->region_path)) {
      bad = Error::not_found(kNotFound);
      return;
    }
    std::vector<std::string> names;
    auto built = build(tx, *scope, *before, in, names);
    if (!built) {
      bad = built.error();
      return;
    }
    DirectoryEntry e = std::move(*built);
    e.updated_at = now_unix();
    if (!update_directory_entry(tx, *scope, e, version, directory_search_text(e, names))) {
      bad = Error::conflict("该条目已被他人修改，请刷新后重试");
      return;
    }
    record_audit(tx, caller, "update", "directory_entry", std::to_string(id), e.region_path, 0,
                 std::string("修改") + directory_kind_label(e.kind) + " " + e.name,
                 audit_json(*before), audit_json(e));
  });
  if (bad) return fail(*bad);
  return get_directory_entry(app, caller, id);
}

Result<void> delete_directory_entry_for(App& app, const Caller& caller, long long id, int version) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = maintenance_scope(**me);
  if (!scope) return fail(Error::forbidden(kMaintainers));
  std::optional<Error> bad;
  app.db.write([&](Tx& tx) {
    auto before = find_directory_entry(tx, id);
    if (!before || !in_scope(*scope, before->region_path)) {
      bad = Error::not_found(kNotFound);
      return;
    }
    if (!delete_directory_entry(tx, *scope, id, version)) {
      bad = Error::conflict("该条目已被他人修改，请刷新后重试");
      return;
    }
    record_audit(tx, caller, "delete", "directory_entry", std::to_string(id), before->region_path,
                 0, std::string("删除") + directory_kind_label(before->kind) + " " + before->name,
                 audit_json(*before), "");
  });
  if (bad) return fail(*bad);
  return {};
}

Result<DirectoryImportReport> import_directory(App& app, const Caller& caller,
                                               std::string_view bytes, bool good_rows_only) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = maintenance_scope(**me);
  if (!scope) return fail(Error::forbidden(kMaintainers));
  auto table = read_import_table(bytes, "专家和机构名录");
  if (!table) return fail(table.error());
  auto& rows = *table;
  if (rows.empty()) return fail(Error::field("file", "文件为空：第一行应为表头，请下载导入模板"));
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col.emplace(header_key(rows[0][i]), i);
  for (const char* need : {"类别", "名称", "地区代码"})
    if (!col.count(need))
      return fail(Error::field("file", std::string("表头缺少“") + need + "”列，请下载导入模板"));
  if (rows.size() > 5001) return fail(Error::field("file", "一次最多导入5000行，请分批导入"));
  auto cell = [&](const std::vector<std::string>& row, const char* name) {
    auto it = col.find(name);
    return it == col.end() ? std::string() : import_cell(row, it->second);
  };
  DirectoryImportReport report;
  std::vector<std::pair<DirectoryEntry, std::vector<std::string>>> good;
  long long now = now_unix();
  app.db.read([&](Tx& tx) {
    for (size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      bool blank = true;
      for (const auto& c : row)
        if (!trim(c).empty()) blank = false;
      if (blank) continue;
      DirectoryInput in;
      std::string kind_text = cell(row, "类别");
      in.kind = directory_kind_from_text(kind_text);
      if (in.kind.empty()) in.kind = kind_text;
      in.name = cell(row, "名称");
      in.organization = cell(row, "所在单位");
      in.fields = split_fields(cell(row, "专业领域"));
      in.region_code = cell(row, "地区代码");
      in.contact_name = cell(row, "联系人");
      in.phone = cell(row, "电话");
      in.email = cell(row, "邮箱");
      in.address = cell(row, "地址");
      in.description = cell(row, "简介");
      in.qualification = cell(row, "资质");
      DirectoryEntry e;
      e.created_by = (*me)->id;
      e.created_at = e.updated_at = now;
      std::vector<std::string> names;
      auto built = build(tx, *scope, e, in, names);
      if (!built) {
        for (const auto& [field, msg] : built.error().fields)
          report.errors.push_back({r + 1, field, msg});
        continue;
      }
      good.emplace_back(std::move(*built), std::move(names));
    }
  });
  if (!report.errors.empty() && !good_rows_only) {
    report.rejected = true;
    return report;
  }
  if (good.empty() && report.errors.empty()) return fail(Error::field("file", "文件中没有数据行"));
  app.db.write([&](Tx& tx) {
    for (auto& [e, names] : good) {
      e.id = insert_directory_entry(tx, e, directory_search_text(e, names));
    }
    record_audit(tx, caller, "import", "directory_entry", "", (*me)->region_path, 0,
                 "导入专家和机构名录 " + std::to_string(good.size()) + " 条", "", "");
  });
  report.imported = good.size();
  return report;
}

std::string directory_template_xlsx() {
  std::vector<XlsxColumn> cols = {{"类别", 12},     {"名称", 24},     {"所在单位", 28},
                                  {"专业领域", 18}, {"地区代码", 12}, {"联系人", 12},
                                  {"电话", 16},     {"邮箱", 22},     {"地址", 28},
                                  {"简介", 36},     {"资质", 24}};
  std::vector<std::vector<std::string>> rows = {
      {"检测实验室", "宁波市产品质量检验研究院", "宁波市产品质量检验研究院", "38、C", "330200",
       "王工", "0574-87000000", "lab@example.com", "宁波市鄞州区", "家用电器检测", "CMA、CNAS"}};
  return write_xlsx("名录", cols, rows);
}

}  // namespace duibiao
