#include "service/enterprise_service.h"

#include <algorithm>

#include "domain/account_rules.h"
#include "domain/credit_code.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/security.h"
#include "store/change_signal.h"
#include "store/reference_store.h"
#include "store/session_store.h"
#include "store/user_store.h"

namespace duibiao {
namespace {
const char* kCodeTaken =
    "该统一社会信用代码已注册，一个企业只能注册一次；如需新增账号请联系本企业管理员";
}

Result<RegistrationResult> register_enterprise(App& app, const Caller& caller,
                                               const RegistrationRequest& req) {
  std::map<std::string, std::string> fields;
  Enterprise e;
  e.name = std::string(trim(req.name));
  if (auto m = check_enterprise_name(e.name)) fields["enterprise.name"] = *m;
  auto code = check_credit_code(req.credit_code);
  e.credit_code = code.normalized;
  e.credit_code_status = "valid";
  if (!code.valid) {
    if (code.only_check_char_wrong && req.pilot_code) {
      e.credit_code_status = "pilot_unconfirmed";
    } else {
      fields["enterprise.credit_code"] = code.message;
    }
  }
  e.contact_name = std::string(trim(req.contact_name));
  if (auto m = check_display_name(e.contact_name)) fields["enterprise.contact_name"] = *m;
  e.contact_phone = std::string(trim(req.contact_phone));
  if (auto m = check_phone(e.contact_phone)) fields["enterprise.contact_phone"] = *m;
  e.contact_email = std::string(trim(req.contact_email));
  if (auto m = check_email(e.contact_email)) fields["enterprise.contact_email"] = *m;
  e.address = std::string(trim(req.address));
  if (utf8_length(e.address) > 200) fields["enterprise.address"] = "地址最多200个字";
  for (const auto& f : req.flags) {
    if (!is_enterprise_flag(f)) {
      fields["enterprise.flags"] = "未知的企业标识“" + f + "”";
      break;
    }
    if (std::find(e.flags.begin(), e.flags.end(), f) == e.flags.end()) e.flags.push_back(f);
  }
  User u;
  u.username = to_lower_ascii(trim(req.username));
  if (auto m = check_username(u.username)) fields["user.username"] = *m;
  if (auto m = check_password(req.password)) fields["user.password"] = *m;
  u.display_name = std::string(trim(req.display_name));
  if (u.display_name.empty()) u.display_name = e.contact_name;
  if (auto m = check_display_name(u.display_name)) fields["user.display_name"] = *m;

  app.db.read([&](Tx& tx) {
    if (req.region_code.empty()) {
      fields["enterprise.region_code"] = "请选择企业所在的区县（或功能区）";
    } else if (auto region = find_region(tx, req.region_code); !region) {
      fields["enterprise.region_code"] = "行政区划代码“" + req.region_code + "”不存在";
    } else if (region->level != "county" && region->level != "zone") {
      fields["enterprise.region_code"] = "请选择到区县（或功能区）一级，“" + region->name + "”是" +
                                         (region->level == "province" ? "省级" : "市级") +
                                         "行政区划";
    } else {
      e.region_code = region->code;
      e.region_name = region->name;
      e.region_path = region->path;
    }
    if (req.industry_code.empty()) {
      fields["enterprise.industry_code"] = "请选择所属行业";
    } else if (!find_industry(tx, req.industry_code)) {
      fields["enterprise.industry_code"] = "行业代码“" + req.industry_code + "”不存在";
    } else {
      e.industry_code = req.industry_code;
    }
  });
  if (!fields.empty()) return fail(Error::validation(fields));

  u.password_hash = hash_password(req.password);  // outside the write lock: it is slow on purpose
  u.role = Role::kEnterprise;
  u.region_code = e.region_code;
  u.region_path = e.region_path;
  e.created_at = e.updated_at = u.created_at = u.updated_at = now_unix();

  Result<RegistrationResult> out = fail(Error::internal());
  try {
    app.db.write([&](Tx& tx) {
      if (credit_code_taken(tx, e.credit_code)) {
        out = fail(Error::conflict(kCodeTaken, {{"enterprise.credit_code", kCodeTaken}}));
        return;
      }
      if (username_taken(tx, u.username)) {
        out = fail(Error::conflict("用户名已被使用",
                                   {{"user.username", "用户名“" + u.username + "”已被使用"}}));
        return;
      }
      e.id = insert_enterprise(tx, e);
      u.enterprise_id = e.id;
      u.id = insert_user(tx, u);
      Caller as_user = caller;
      as_user.user = u;
      record_audit(tx, as_user, "register", "enterprise", std::to_string(e.id), e.region_path, e.id,
                   "企业注册：" + e.name, "", audit_json(e));
      record_audit(tx, as_user, "create", "user", std::to_string(u.id), u.region_path, e.id,
                   "创建企业用户 " + u.username, "", audit_json(u));
      // Like a login: the client's previous session (another user's) ends here.
      if (!caller.session_hash.empty()) delete_session(tx, caller.session_hash);
      RegistrationResult r{e, open_session(app, tx, u, caller.remote_addr)};
      r.session.user.region_name = e.region_name;
      out = std::move(r);
    });
  } catch (const std::exception& ex) {
    if (!is_constraint_violation(ex)) throw;
    return fail(Error::conflict(kCodeTaken, {{"enterprise.credit_code", kCodeTaken}}));
  }
  return out;
}

Result<Enterprise> my_enterprise(App& app, const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kEnterprise) return fail(Error::forbidden("只有企业用户有本企业信息"));
  return get_enterprise(app, caller, (*me)->enterprise_id);
}

Result<PageResult<Enterprise>> list_enterprises_for(App& app, const Caller& caller,
                                                    const EnterpriseFilter& f, const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope || (*me)->role == Role::kEnterprise)
    return fail(Error::forbidden("当前角色无权查看企业列表"));
  PageResult<Enterprise> out;
  app.db.read([&](Tx& tx) { out = list_enterprises(tx, *scope, f, page); });
  return out;
}

Result<Enterprise> get_enterprise(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope) return fail(Error::not_found("企业不存在"));
  // The answer is the row as the scoped query reads it: kept under what that query reads.
  constexpr std::uint64_t kReads = kEnterpriseChanges | kRegionChanges;
  // Kept under the change token of what it reads (SQLite): the token is taken before the read
  // and goes into the key, and the row is kept only if the token still stands after the read.
  auto read = [&] {
    std::optional<Enterprise> found;
    app.db.read([&](Tx& tx) { found = find_enterprise(tx, *scope, id); });
    return found;
  };
  std::optional<Enterprise> found;
  if (auto token = app.db.change_token(kReads)) {
    CacheKey key;
    key.add(scope->lo)
        .add(scope->hi)
        .add(scope->enterprise_id)
        .add(id)
        .add(static_cast<long long>(*token));
    auto kept = app.caches->enterprises.get(key.str(), [&]() -> std::shared_ptr<const Enterprise> {
      found = read();
      if (!found || app.db.change_token(kReads) != token) return nullptr;  // not kept
      return std::make_shared<const Enterprise>(*found);
    });
    if (kept) return *kept;
  } else {
    found = read();
  }
  if (!found) return fail(Error::not_found("企业不存在"));
  return *found;
}

Result<Enterprise> confirm_credit_code(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  Role role = (*me)->role;
  if (!is_regulator(role) && role != Role::kAdmin)
    return fail(Error::forbidden("只有监管部门可以确认试点地区信用代码"));
  auto scope = data_scope(**me);
  Result<Enterprise> out = fail(Error::not_found("企业不存在"));
  app.db.write([&](Tx& tx) {
    auto before = find_enterprise(tx, *scope, id);
    if (!before) return;
    if (before->credit_code_status != "pilot_unconfirmed") {
      out = fail(
          Error::conflict("该企业的信用代码无需确认（状态：" + before->credit_code_status + "）"));
      return;
    }
    Enterprise after = *before;
    after.credit_code_status = "pilot_confirmed";
    after.updated_at = now_unix();
    update_enterprise_credit_status(tx, *scope, id, after.credit_code_status, after.updated_at);
    record_audit(tx, caller, "confirm_credit_code", "enterprise", std::to_string(id),
                 after.region_path, id, "确认试点地区信用代码 " + after.credit_code,
                 audit_json(*before), audit_json(after));
    out = after;
  });
  return out;
}

}  // namespace duibiao
