#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/search.h"
#include "service/app.h"

namespace duibiao {

// One search box: standards (the public catalog), technical plans (as the plan list shows them to
// the caller: published ones to everybody, drafts to their authors, …), published results, the
// notices the caller may read (public ones for anonymous visitors), the public FAQ and the
// directory. Each group is answered by the service that owns the kind, with the same permission
// check as its own list, so the search never shows what the list would not. Chinese text is
// matched as a substring (FTS5 trigram on SQLite for three or more characters, pg_trgm-indexed
// LIKE on PostgreSQL), like the catalog.
struct SearchAnswer {
  std::string q;
  std::vector<SearchGroup> groups;  // in search_kinds() order, empty groups included
};

// kinds: empty = every kind; else a subset of search_kinds() (422 on an unknown one).
Result<SearchAnswer> search_everything(App& app, const Caller& caller, const std::string& q,
                                       const std::vector<std::string>& kinds, int per_group);

}  // namespace duibiao
