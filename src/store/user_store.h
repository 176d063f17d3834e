#pragma once

#include <optional>
#include <string>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct UserFilter {
  std::string q;            // username or display name fragment
  std::string role;         // exact role name or empty
  std::string region_path;  // narrowing inside the scope, or empty
};

long long insert_user(Tx& tx, const User& u);
bool username_taken(Tx& tx, const std::string& username);
long long count_users_with_role(Tx& tx, const std::string& role);
// Unscoped lookups for authentication only.
std::optional<User> find_user_by_username(Tx& tx, const std::string& username);
std::optional<User> find_user_by_id(Tx& tx, long long id);
// Scoped lookups for everything else.
std::optional<User> find_user(Tx& tx, const Scope& scope, long long id);
PageResult<User> list_users(Tx& tx, const Scope& scope, const UserFilter& f, const Page& page);
void update_user_password(Tx& tx, long long id, const std::string& hash, bool must_change,
                          long long now);
void update_user_profile(Tx& tx, long long id, const std::string& display_name, bool disabled,
                         long long now);

}  // namespace duibiao
