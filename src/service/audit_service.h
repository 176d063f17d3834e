#pragma once

#include <string>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/audit_store.h"

namespace duibiao {

// Appends an audit row inside the caller's transaction.
void record_audit(Tx& tx, const Caller& caller, const std::string& action,
                  const std::string& entity, const std::string& entity_id,
                  const std::string& region_path, long long enterprise_id,
                  const std::string& summary, const std::string& before_json,
                  const std::string& after_json);

// Audit JSON of entities: never carries password hashes.
std::string audit_json(const User& u);
std::string audit_json(const Enterprise& e);

Result<PageResult<AuditEntry>> list_audit_entries(App& app, const Caller& caller,
                                                  const AuditFilter& filter, const Page& page);
Result<AuditEntry> get_audit_entry(App& app, const Caller& caller, long long id);

}  // namespace duibiao
