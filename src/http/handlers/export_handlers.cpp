// xlsx exports of every list, with the same filters and the same permission check as the list.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "io/xlsx.h"
#include "service/audit_service.h"
#include "service/enterprise_service.h"
#include "service/reference_service.h"
#include "service/user_service.h"

namespace duibiao::http {

Response enterprises_export_get(Request& req, RouteContext& ctx) {
  EnterpriseFilter f;
  f.q = req.query("q");
  auto region_path = region_filter_path(req, ctx);
  if (!region_path) return error_response(region_path.error());
  f.region_path = *region_path;
  auto rows = collect_all<Enterprise>(
      [&](const Page& p) { return list_enterprises_for(ctx.app, ctx.caller, f, p); });
  if (!rows) return error_response(rows.error());
  std::vector<std::vector<std::string>> cells;
  for (const auto& e : *rows)
    cells.push_back({e.name, e.credit_code, e.region_name, e.industry_code, e.contact_name,
                     e.contact_phone, e.contact_email, join(e.flags, ","),
                     format_time_utc(e.created_at)});
  return download_response(write_xlsx("企业",
                                      {{"企业名称", 36},
                                       {"统一社会信用代码", 22},
                                       {"所在地区"},
                                       {"行业代码", 10},
                                       {"联系人"},
                                       {"联系电话"},
                                       {"电子邮箱", 24},
                                       {"企业标识", 24},
                                       {"注册时间", 22}},
                                      cells),
                           kXlsxType, "enterprises.xlsx");
}

Response users_export_get(Request& req, RouteContext& ctx) {
  UserFilter f{req.query("q"), req.query("role"), ""};
  auto region_path = region_filter_path(req, ctx);
  if (!region_path) return error_response(region_path.error());
  f.region_path = *region_path;
  auto rows =
      collect_all<User>([&](const Page& p) { return list_users_for(ctx.app, ctx.caller, f, p); });
  if (!rows) return error_response(rows.error());
  std::vector<std::vector<std::string>> cells;
  for (const auto& u : *rows)
    cells.push_back({u.username, u.display_name, std::string(role_label_zh(u.role)), u.region_name,
                     u.disabled ? "停用" : "启用", format_time_utc(u.created_at)});
  return download_response(
      write_xlsx("用户",
                 {{"用户名"}, {"姓名"}, {"角色", 20}, {"所属地区"}, {"状态", 8}, {"创建时间", 22}},
                 cells),
      kXlsxType, "users.xlsx");
}

Response audit_export_get(Request& req, RouteContext& ctx) {
  auto filter = read_audit_filter(req);
  if (!filter) return error_response(filter.error());
  const AuditFilter& f = *filter;
  auto rows = collect_all<AuditEntry>(
      [&](const Page& p) { return list_audit_entries(ctx.app, ctx.caller, f, p); });
  if (!rows) return error_response(rows.error());
  std::vector<std::vector<std::string>> cells;
  for (const auto& a : *rows)
    cells.push_back(
        {format_time_utc(a.at), a.actor_name, a.action, a.entity, a.entity_id, a.summary});
  return download_response(
      write_xlsx("审计日志",
                 {{"时间", 22}, {"操作人"}, {"操作"}, {"对象"}, {"对象编号", 10}, {"摘要", 40}},
                 cells),
      kXlsxType, "audit.xlsx");
}

}  // namespace duibiao::http
