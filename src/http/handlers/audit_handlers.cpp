#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/audit_service.h"

namespace duibiao::http {

Result<AuditFilter> read_audit_filter(const Request& req) {
  AuditFilter f;
  f.entity = req.query("entity");
  if (auto actor = req.query("actor"); !actor.empty()) {
    try {
      f.actor_id = std::stoll(actor);
    } catch (const std::exception&) {
      return fail(Error::field("actor", "actor 应为用户编号（整数）"));
    }
  }
  return f;
}

Response audit_list_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  auto f = read_audit_filter(req);
  if (!f) return error_response(f.error());
  return respond(list_audit_entries(ctx.app, ctx.caller, *f, *page), 200,
                 [&](const PageResult<AuditEntry>& p) {
                   return page_json(p, *page,
                                    [](const AuditEntry& a) { return to_json(a, false); });
                 });
}

Response audit_entry_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("审计记录不存在"));
  return respond(get_audit_entry(ctx.app, ctx.caller, *id), 200,
                 [](const AuditEntry& a) { return to_json(a, true); });
}

}  // namespace duibiao::http
