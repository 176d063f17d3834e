#pragma once

#include <optional>
#include <string>

#include "domain/directory.h"
#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

// The directory is public reference data: reads take no scope; writes are bounded by the caller's
// maintenance scope (region path range) bound as parameters.
struct DirectoryFilter {
  std::string q;         // lower-cased text
  std::string kind;      // "" or one kind
  std::string field;     // an industry code ("" any)
  std::string lo = "/";  // region subtree (the whole country by default)
  std::string hi = "/\x7f";
};

long long insert_directory_entry(Tx& tx, const DirectoryEntry& e, const std::string& search);
// Within scope [lo, hi) and at `expected_version`; false otherwise.
bool update_directory_entry(Tx& tx, const Scope& scope, const DirectoryEntry& e,
                            int expected_version, const std::string& search);
bool delete_directory_entry(Tx& tx, const Scope& scope, long long id, int expected_version);
std::optional<DirectoryEntry> find_directory_entry(Tx& tx, long long id);
PageResult<DirectoryEntry> list_directory(Tx& tx, const DirectoryFilter& f, const Page& page);

}  // namespace duibiao
