#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/directory.h"
#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/import_file.h"
#include "store/directory_store.h"

namespace duibiao {

// 资讯查询 directory. Who may do what:
// - read: everyone, anonymous visitors included; contact details (contact name, phone, e-mail,
//   address) only to logged-in users;
// - write (create, edit, delete, import): regulators for entries of their own subtree, the
//   national office and administrators for any; everyone else 403. An entry of another region
//   is 404 for a regulator's write (it cannot touch it), though readable.

struct DirectoryInput {
  std::string kind;
  std::string name;
  std::string organization;
  std::vector<std::string> fields;
  std::string region_code;
  std::string contact_name;
  std::string phone;
  std::string email;
  std::string address;
  std::string description;
  std::string qualification;
};

struct DirectoryView {
  DirectoryEntry entry;
  std::vector<std::string> field_names;  // aligned with entry.fields
  bool show_contact = false;
  bool can_edit = false;
};

struct DirectoryQuery {
  std::string q;
  std::string kind;
  std::string field;
  std::string region_code;
};

Result<PageResult<DirectoryView>> list_directory_for(App& app, const Caller& caller,
                                                     const DirectoryQuery& q, const Page& page);
Result<DirectoryView> get_directory_entry(App& app, const Caller& caller, long long id);
Result<DirectoryView> create_directory_entry(App& app, const Caller& caller,
                                             const DirectoryInput& in);
Result<DirectoryView> update_directory_entry_for(App& app, const Caller& caller, long long id,
                                                 int version, const DirectoryInput& in);
Result<void> delete_directory_entry_for(App& app, const Caller& caller, long long id, int version);

struct DirectoryImportReport {
  size_t imported = 0;
  std::vector<ImportError> errors;
  bool rejected = false;
};
// xlsx or CSV with the columns 类别, 名称, 所在单位, 专业领域, 地区代码, 联系人, 电话, 邮箱, 地址,
// 简介, 资质.
Result<DirectoryImportReport> import_directory(App& app, const Caller& caller,
                                               std::string_view bytes, bool good_rows_only);
// The import template (header row and one example).
std::string directory_template_xlsx();

}  // namespace duibiao
