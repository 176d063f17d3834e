#include "http/handlers/handlers.h"

namespace duibiao::http {

const std::vector<RouteSpec>& api_routes() {
  static const std::vector<RouteSpec> routes = {
      {"GET", "/api/v1/health", health_get, RouteKind::kCheap},
      {"GET", "/api/v1/tools/credit-code", tools_credit_code_get, RouteKind::kCheap},
      {"GET", "/api/v1/tools/standard-number", tools_standard_number_get, RouteKind::kCheap},
      {"GET", "/api/v1/tools/compare", tools_compare_get, RouteKind::kCheap},
      {"GET", "/api/v1/tools/judge", tools_judge_get, RouteKind::kCheap},
      {"GET", "/api/v1/regions", regions_get, RouteKind::kPublic},
      {"GET", "/api/v1/regions/{code}", region_get, RouteKind::kPublic},
      {"GET", "/api/v1/industries", industries_get, RouteKind::kPublic},
      {"GET", "/api/v1/auth/csrf", auth_csrf_get},
      {"POST", "/api/v1/auth/login", auth_login_post},
      {"POST", "/api/v1/auth/logout", auth_logout_post},
      {"GET", "/api/v1/auth/me", auth_me_get},
      {"POST", "/api/v1/auth/password", auth_password_post},
      {"POST", "/api/v1/enterprises/register", enterprises_register_post},
      {"GET", "/api/v1/enterprises/mine", enterprises_mine_get},
      {"GET", "/api/v1/enterprises/export.xlsx", enterprises_export_get},
      {"GET", "/api/v1/enterprises", enterprises_get},
      {"GET", "/api/v1/enterprises/{id}", enterprise_get},
      {"POST", "/api/v1/enterprises/{id}/confirm-code", enterprise_confirm_code_post},
      {"GET", "/api/v1/users", users_get},
      {"GET", "/api/v1/users/export.xlsx", users_export_get},
      {"POST", "/api/v1/users", users_post},
      {"GET", "/api/v1/users/{id}", user_get},
      {"PATCH", "/api/v1/users/{id}", user_patch},
      {"POST", "/api/v1/users/{id}/reset-password", user_reset_password_post},
      {"GET", "/api/v1/audit", audit_list_get},
      {"GET", "/api/v1/audit/export.xlsx", audit_export_get},
      {"GET", "/api/v1/audit/{id}", audit_entry_get},
      {"GET", "/api/v1/standards", standards_get, RouteKind::kPublic},
      {"GET", "/api/v1/standards/export.xlsx", standards_export_get, RouteKind::kPublic},
      {"POST", "/api/v1/standards", standards_post},
      {"GET", "/api/v1/standards/{id}", standard_get, RouteKind::kPublic},
      {"PATCH", "/api/v1/standards/{id}", standard_patch},
      {"POST", "/api/v1/standards/{id}/advanced", standard_advanced_post},
      {"DELETE", "/api/v1/standards/{id}/advanced", standard_advanced_delete},
      {"GET", "/api/v1/advanced-fields", advanced_fields_get, RouteKind::kPublic},
      {"GET", "/api/v1/plans", plans_get},
      {"POST", "/api/v1/plans", plans_post},
      {"GET", "/api/v1/plans/by-number/{number}", plan_by_number_get, RouteKind::kPublic},
      {"GET", "/api/v1/plans/{id}", plan_get},
      {"PUT", "/api/v1/plans/{id}", plan_put},
      {"POST", "/api/v1/plans/{id}/actions", plan_actions_post},
      {"POST", "/api/v1/plans/{id}/versions", plan_versions_post},
      {"GET", "/api/v1/plans/{id}/objections", plan_objections_get},
      {"POST", "/api/v1/plans/{id}/objections", plan_objections_post},
      {"POST", "/api/v1/plans/{id}/objections/{oid}/answer", plan_objection_answer_post},
      {"GET", "/api/v1/plans/{id}/events", plan_events_get},
      {"GET", "/api/v1/plans/{id}/export.xlsx", plan_export_get},
  };
  return routes;
}

}  // namespace duibiao::http
