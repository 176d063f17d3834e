#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "service/import_file.h"
#include "store/standard_store.h"

namespace duibiao {

struct StandardInput {
  std::string number;  // only on create: the number is the identity of a catalog entry
  std::string title_zh;
  std::string title_en;
  std::string status;  // current, upcoming, withdrawn
  std::string issued_on;
  std::string effective_on;
  std::string withdrawn_on;
  std::string replaced_by;
  std::string ics;
  std::string ccs;
  std::string adoption;  // IDT, MOD, NEQ or empty
  std::string adopted_number;
};

// Everyone (also anonymous visitors) may search and read the catalog.
Result<PageResult<Standard>> search_standards(App& app, StandardFilter filter, const Page& page);
Result<Standard> get_standard(App& app, long long id);
// National office, technical bodies and administrators edit the catalog.
Result<Standard> create_standard(App& app, const Caller& caller, const StandardInput& in);
Result<Standard> update_standard_entry(App& app, const Caller& caller, long long id,
                                       const StandardInput& in);
// The 先进标准清单 is kept by the national office (and administrators).
Result<Standard> add_to_advanced_list(App& app, const Caller& caller, long long id,
                                      const std::string& field);
Result<Standard> remove_from_advanced_list(App& app, const Caller& caller, long long id,
                                           const std::string& field);
std::vector<std::pair<std::string, long long>> advanced_list_fields(App& app);

struct ImportReport {
  size_t imported = 0;
  std::vector<ImportError> errors;
  bool good_rows_only = false;
  bool rejected = false;  // errors and the caller asked for all-or-nothing: nothing imported
};

// xlsx or CSV (UTF-8), sniffed from the content, header row as in the template. By default
// nothing is imported while any row is bad; with good_rows_only the good rows go in and the bad
// ones are reported.
Result<ImportReport> import_standards(App& app, const Caller& caller, std::string_view bytes,
                                      bool good_rows_only);
std::string standards_csv_template();
std::string standards_xlsx_template();
std::string standards_csv(const std::vector<Standard>& list);

}  // namespace duibiao
