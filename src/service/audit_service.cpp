#include "service/audit_service.h"

#include <nlohmann/json.hpp>

#include "domain/text.h"
#include "service/access.h"

namespace duibiao {

void record_audit(Tx& tx, const Caller& caller, const std::string& action,
                  const std::string& entity, const std::string& entity_id,
                  const std::string& region_path, long long enterprise_id,
                  const std::string& summary, const std::string& before_json,
                  const std::string& after_json) {
  AuditEntry a;
  a.at = now_unix();
  if (caller.user) {
    a.actor_id = caller.user->id;
    a.actor_name = caller.user->username;
  }
  a.action = action;
  a.entity = entity;
  a.entity_id = entity_id;
  a.region_path = region_path.empty() ? "/" : region_path;
  a.enterprise_id = enterprise_id;
  a.summary = summary;
  a.before_json = before_json;
  a.after_json = after_json;
  a.remote_addr = caller.remote_addr;
  insert_audit(tx, a);
}

std::string audit_json(const User& u) {
  nlohmann::json j = {{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"role", role_name(u.role)},
                      {"region_code", u.region_code.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(u.region_code)},
                      {"enterprise_id", u.enterprise_id == 0 ? nlohmann::json(nullptr)
                                                             : nlohmann::json(u.enterprise_id)},
                      {"disabled", u.disabled},
                      {"must_change_password", u.must_change_password}};
  return j.dump();
}

std::string audit_json(const Enterprise& e) {
  nlohmann::json j = {{"id", e.id},
                      {"name", e.name},
                      {"credit_code", e.credit_code},
                      {"credit_code_status", e.credit_code_status},
                      {"region_code", e.region_code},
                      {"industry_code", e.industry_code},
                      {"contact_name", e.contact_name},
                      {"contact_phone", e.contact_phone},
                      {"contact_email", e.contact_email},
                      {"address", e.address},
                      {"flags", e.flags}};
  return j.dump();
}

Result<PageResult<AuditEntry>> list_audit_entries(App& app, const Caller& caller,
                                                  const AuditFilter& filter, const Page& page) {
  auto user = require_user(caller);
  if (!user) return fail(user.error());
  auto scope = data_scope(**user);
  if (!scope) return fail(Error::forbidden("当前角色无权查看审计日志"));
  PageResult<AuditEntry> out;
  app.db.read([&](Tx& tx) { out = list_audit(tx, *scope, filter, page); });
  return out;
}

Result<AuditEntry> get_audit_entry(App& app, const Caller& caller, long long id) {
  auto user = require_user(caller);
  if (!user) return fail(user.error());
  auto scope = data_scope(**user);
  if (!scope) return fail(Error::forbidden("当前角色无权查看审计日志"));
  std::optional<AuditEntry> row;
  app.db.read([&](Tx& tx) { row = find_audit(tx, *scope, id); });
  if (!row) return fail(Error::not_found("审计记录不存在"));
  return *row;
}

}  // namespace duibiao
