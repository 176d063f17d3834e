#include "service/user_service.h"

#include "domain/account_rules.h"
#include "domain/region.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/security.h"
#include "store/enterprise_store.h"
#include "store/reference_store.h"
#include "store/session_store.h"

namespace duibiao {
namespace {
Result<void> require_admin(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kAdmin) return fail(Error::forbidden("只有系统管理员可以管理用户"));
  return {};
}

// Inserts a user and its audit row; maps a unique-constraint race to 409.
Result<User> insert_new_user(App& app, const Caller& caller, User u) {
  Result<User> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      if (username_taken(tx, u.username)) {
        out = fail(Error::conflict("用户名已被使用",
                                   {{"username", "用户名“" + u.username + "”已被使用"}}));
        return;
      }
      u.id = insert_user(tx, u);
      record_audit(tx, caller, "create", "user", std::to_string(u.id), u.region_path,
                   u.enterprise_id, "创建用户 " + u.username, "", audit_json(u));
      out = u;
    });
  } catch (const std::exception& e) {
    if (!is_constraint_violation(e)) throw;
    return fail(Error::conflict("用户名已被使用", {{"username", "用户名已被使用"}}));
  }
  return out;
}
}  // namespace

Result<CreatedUser> create_user(App& app, const Caller& caller, const CreateUserRequest& req) {
  if (auto ok = require_admin(caller); !ok) return fail(ok.error());
  std::map<std::string, std::string> fields;
  User u;
  u.username = to_lower_ascii(trim(req.username));
  u.display_name = std::string(trim(req.display_name));
  if (auto m = check_username(u.username)) fields["username"] = *m;
  if (auto m = check_display_name(u.display_name)) fields["display_name"] = *m;
  auto role = parse_role(req.role);
  if (!role) fields["role"] = "未知角色“" + req.role + "”";
  std::string password = req.password.empty() ? random_password() : req.password;
  if (auto m = check_password(password)) fields["password"] = *m;
  if (role) {
    u.role = *role;
    app.db.read([&](Tx& tx) {
      if (*role == Role::kEnterprise) {
        auto e = find_enterprise(tx, Scope{}, req.enterprise_id);
        if (!e) {
          fields["enterprise_id"] = "企业用户须指定已注册的企业";
          return;
        }
        u.enterprise_id = e->id;
        u.region_code = e->region_code;
        u.region_path = e->region_path;
        return;
      }
      if (req.region_code.empty()) {
        if (is_regulator(*role)) fields["region_code"] = "监管部门用户须指定所属行政区划";
        return;
      }
      auto region = find_region(tx, req.region_code);
      if (!region) {
        fields["region_code"] = "行政区划代码“" + req.region_code + "”不存在";
        return;
      }
      if (is_regulator(*role)) {
        auto want = regulator_level(*role);
        bool ok = region->level == want || (want == "county" && region->level == "zone");
        if (!ok) {
          fields["region_code"] = std::string(role_label_zh(*role)) + "须绑定" +
                                  (want == "county" ? "县级（或功能区）"
                                   : want == "city" ? "市级"
                                                    : "省级") +
                                  "行政区划";
          return;
        }
      }
      u.region_code = region->code;
      u.region_path = region->path;
    });
  }
  if (!fields.empty()) return fail(Error::validation(fields));
  u.password_hash = hash_password(password);
  u.must_change_password = true;
  u.created_at = u.updated_at = now_unix();
  auto inserted = insert_new_user(app, caller, u);
  if (!inserted) return fail(inserted.error());
  inserted->region_name.clear();
  std::optional<User> reread;
  app.db.read([&](Tx& tx) { reread = find_user_by_id(tx, inserted->id); });
  return CreatedUser{reread.value_or(*inserted), password};
}

Result<PageResult<User>> list_users_for(App& app, const Caller& caller, const UserFilter& f,
                                        const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = user_scope(**me);
  if (!scope) return fail(Error::forbidden("当前角色无权查看用户列表"));
  PageResult<User> out;
  app.db.read([&](Tx& tx) { out = list_users(tx, *scope, f, page); });
  return out;
}

Result<User> get_user(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  std::optional<User> found;
  auto scope = user_scope(**me);
  app.db.read([&](Tx& tx) {
    if ((*me)->id == id)
      found = find_user_by_id(tx, id);
    else if (scope)
      found = find_user(tx, *scope, id);
  });
  if (!found) return fail(Error::not_found("用户不存在"));
  return *found;
}

Result<User> update_user(App& app, const Caller& caller, long long id,
                         const UpdateUserRequest& req) {
  if (auto ok = require_admin(caller); !ok) return fail(ok.error());
  std::map<std::string, std::string> fields;
  if (req.display_name)
    if (auto m = check_display_name(*req.display_name)) fields["display_name"] = *m;
  if (req.disabled && *req.disabled && caller.user->id == id)
    fields["disabled"] = "不能停用自己的账号";
  if (!fields.empty()) return fail(Error::validation(fields));
  Result<User> out = fail(Error::not_found("用户不存在"));
  app.db.write([&](Tx& tx) {
    auto before = find_user_by_id(tx, id);
    if (!before) return;
    User after = *before;
    if (req.display_name) after.display_name = std::string(trim(*req.display_name));
    if (req.disabled) after.disabled = *req.disabled;
    update_user_profile(tx, id, after.display_name, after.disabled, now_unix());
    if (after.disabled) delete_user_sessions(tx, id, "");
    record_audit(tx, caller, "update", "user", std::to_string(id), after.region_path,
                 after.enterprise_id, "修改用户 " + after.username, audit_json(*before),
                 audit_json(after));
    out = after;
  });
  return out;
}

Result<std::string> reset_password(App& app, const Caller& caller, long long id) {
  if (auto ok = require_admin(caller); !ok) return fail(ok.error());
  std::string password = random_password();
  std::string hash = hash_password(password);
  bool found = false;
  app.db.write([&](Tx& tx) {
    auto u = find_user_by_id(tx, id);
    if (!u) return;
    found = true;
    update_user_password(tx, id, hash, true, now_unix());
    delete_user_sessions(tx, id, "");
    clear_failed_logins_for_user(tx, u->username);
    record_audit(tx, caller, "reset_password", "user", std::to_string(id), u->region_path,
                 u->enterprise_id, "重置用户 " + u->username + " 的密码", "", "");
  });
  if (!found) return fail(Error::not_found("用户不存在"));
  return password;
}

Result<CreatedUser> create_admin(App& app, const std::string& username,
                                 const std::string& password_in) {
  std::map<std::string, std::string> fields;
  std::string username_norm = to_lower_ascii(trim(username));
  std::string password = password_in.empty() ? random_password() : password_in;
  if (auto m = check_username(username_norm)) fields["username"] = *m;
  if (auto m = check_password(password)) fields["password"] = *m;
  if (!fields.empty()) return fail(Error::validation(fields));
  User u;
  u.username = username_norm;
  u.display_name = "系统管理员";
  u.role = Role::kAdmin;
  u.password_hash = hash_password(password);
  u.must_change_password = false;  // a random password shown once to the operator
  u.created_at = u.updated_at = now_unix();
  Caller system;
  auto inserted = insert_new_user(app, system, u);
  if (!inserted) return fail(inserted.error());
  return CreatedUser{*inserted, password};
}

bool has_admin(App& app) {
  long long n = 0;
  app.db.read([&](Tx& tx) { n = count_users_with_role(tx, "admin"); });
  return n > 0;
}

}  // namespace duibiao
