#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// The catalog is national reference data: readable by everyone, so no scope argument.
struct StandardFilter {
  std::string q;       // lower-cased fragment of number or title
  std::string kind;    // exact or empty
  std::string status;  // exact or empty
  std::string field;   // only standards on the advanced list for this field
  bool advanced_only = false;
};

long long insert_standard(Tx& tx, const Standard& s, const std::string& search_text);
void update_standard(Tx& tx, const Standard& s, const std::string& search_text);
std::optional<Standard> find_standard(Tx& tx, long long id);
std::optional<Standard> find_standard_by_number(Tx& tx, const std::string& normalized);
PageResult<Standard> list_standards(Tx& tx, const StandardFilter& f, const Page& page);
void add_advanced_field(Tx& tx, long long standard_id, const std::string& field, long long now);
void remove_advanced_field(Tx& tx, long long standard_id, const std::string& field);
std::vector<std::string> advanced_fields_of(Tx& tx, long long standard_id);
// Every product field of the advanced list, with how many standards it holds.
std::vector<std::pair<std::string, long long>> advanced_field_counts(Tx& tx);

}  // namespace duibiao
