#pragma once

#include <optional>
#include <string>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct AuditFilter {
  std::string entity;
  long long actor_id = 0;
};

// Append-only: there is no update or delete function for audit rows.
long long insert_audit(Tx& tx, const AuditEntry& a);
std::optional<AuditEntry> find_audit(Tx& tx, const Scope& scope, long long id);
PageResult<AuditEntry> list_audit(Tx& tx, const Scope& scope, const AuditFilter& f,
                                  const Page& page);

}  // namespace duibiao
