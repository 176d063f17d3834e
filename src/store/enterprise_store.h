#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct EnterpriseFilter {
  std::string q;            // name or credit code fragment
  std::string region_path;  // optional narrowing inside the scope
};

// Returns the new id.
long long insert_enterprise(Tx& tx, const Enterprise& e);
// Unscoped existence check for the uniqueness rule (the caller learns only "taken").
bool credit_code_taken(Tx& tx, const std::string& credit_code);
std::optional<Enterprise> find_enterprise(Tx& tx, const Scope& scope, long long id);
// Enterprises in scope whose name is exactly `name` or whose credit code is exactly `code`
// (at most five: a name can be ambiguous).
std::vector<Enterprise> find_enterprises_by_name_or_code(Tx& tx, const Scope& scope,
                                                         const std::string& name,
                                                         const std::string& code);
PageResult<Enterprise> list_enterprises(Tx& tx, const Scope& scope, const EnterpriseFilter& f,
                                        const Page& page);
void update_enterprise_credit_status(Tx& tx, const Scope& scope, long long id,
                                     const std::string& status, long long now);

}  // namespace duibiao
