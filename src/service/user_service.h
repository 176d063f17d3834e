#pragma once

#include <optional>
#include <string>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/user_store.h"

namespace duibiao {

struct CreateUserRequest {
  std::string username;
  std::string display_name;
  std::string role;
  std::string region_code;
  long long enterprise_id = 0;
  std::string password;  // empty: generate one
};

struct CreatedUser {
  User user;
  std::string password;  // shown once
};

struct UpdateUserRequest {
  std::optional<std::string> display_name;
  std::optional<bool> disabled;
};

Result<CreatedUser> create_user(App& app, const Caller& caller, const CreateUserRequest& req);
Result<PageResult<User>> list_users_for(App& app, const Caller& caller, const UserFilter& f,
                                        const Page& page);
Result<User> get_user(App& app, const Caller& caller, long long id);
Result<User> update_user(App& app, const Caller& caller, long long id,
                         const UpdateUserRequest& req);
Result<std::string> reset_password(App& app, const Caller& caller, long long id);

// For the CLI and the first start: creates an administrator without a caller.
Result<CreatedUser> create_admin(App& app, const std::string& username,
                                 const std::string& password);
bool has_admin(App& app);

}  // namespace duibiao
