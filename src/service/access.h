#pragma once

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"

namespace duibiao {

// The one place that turns a caller into the rows it may see. Technical bodies and experts have
// no scope over enterprises, users or audit rows in this release: nullopt.
std::optional<Scope> data_scope(const User& user);

// Which user accounts a caller may read: administrators all, regulators their subtree; nobody
// else (user administration is not the national office's or an enterprise's business).
std::optional<Scope> user_scope(const User& user);

// Requires a logged-in caller; 401 otherwise.
Result<const User*> require_user(const Caller& caller);

// Requires a logged-in enterprise user: the user and its scope (its own enterprise); 401 without a
// session, 403 with `refusal` for any other role.
Result<std::pair<const User*, Scope>> require_enterprise(const Caller& caller, const char* refusal);

}  // namespace duibiao
