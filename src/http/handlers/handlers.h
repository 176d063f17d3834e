#pragma once

#include "http/router.h"

namespace duibiao::http {

// One function per resource and verb; grouped into one file per resource to keep compile
// times low (each file pulls in nlohmann/json).
Response health_get(Request&, RouteContext&);
Response tools_credit_code_get(Request&, RouteContext&);
Response tools_standard_number_get(Request&, RouteContext&);
Response tools_compare_get(Request&, RouteContext&);
Response tools_judge_get(Request&, RouteContext&);
Response regions_get(Request&, RouteContext&);
Response region_get(Request&, RouteContext&);
Response industries_get(Request&, RouteContext&);
Response auth_csrf_get(Request&, RouteContext&);
Response auth_login_post(Request&, RouteContext&);
Response auth_logout_post(Request&, RouteContext&);
Response auth_me_get(Request&, RouteContext&);
Response auth_password_post(Request&, RouteContext&);
Response enterprises_register_post(Request&, RouteContext&);
Response enterprises_mine_get(Request&, RouteContext&);
Response enterprises_get(Request&, RouteContext&);
Response enterprise_get(Request&, RouteContext&);
Response enterprise_confirm_code_post(Request&, RouteContext&);
Response users_get(Request&, RouteContext&);
Response users_post(Request&, RouteContext&);
Response user_get(Request&, RouteContext&);
Response user_patch(Request&, RouteContext&);
Response user_reset_password_post(Request&, RouteContext&);
Response audit_list_get(Request&, RouteContext&);
Response audit_entry_get(Request&, RouteContext&);
Response enterprises_export_get(Request&, RouteContext&);
Response users_export_get(Request&, RouteContext&);
Response audit_export_get(Request&, RouteContext&);
Response standards_get(Request&, RouteContext&);
Response standards_export_get(Request&, RouteContext&);
Response standard_get(Request&, RouteContext&);
Response standards_post(Request&, RouteContext&);
Response standard_patch(Request&, RouteContext&);
Response standard_advanced_post(Request&, RouteContext&);
Response standard_advanced_delete(Request&, RouteContext&);
Response standards_starter_post(Request&, RouteContext&);
Response advanced_fields_get(Request&, RouteContext&);
Response standards_template_get(Request&, RouteContext&);
Response standards_template_xlsx_get(Request&, RouteContext&);
Response standards_export_csv_get(Request&, RouteContext&);
Response standards_import_post(Request&, RouteContext&);
Response plans_get(Request&, RouteContext&);
Response plan_by_number_get(Request&, RouteContext&);
Response plan_get(Request&, RouteContext&);
Response plans_post(Request&, RouteContext&);
Response plan_put(Request&, RouteContext&);
Response plan_actions_post(Request&, RouteContext&);
Response plan_versions_post(Request&, RouteContext&);
Response plan_objections_get(Request&, RouteContext&);
Response plan_objections_post(Request&, RouteContext&);
Response plan_objection_answer_post(Request&, RouteContext&);
Response plan_events_get(Request&, RouteContext&);
Response plan_export_get(Request&, RouteContext&);
Response plan_export_docx_get(Request&, RouteContext&);
Response products_get(Request&, RouteContext&);
Response product_get(Request&, RouteContext&);
Response products_post(Request&, RouteContext&);
Response product_put(Request&, RouteContext&);
Response product_delete(Request&, RouteContext&);
Response product_selection_post(Request&, RouteContext&);

Response results_get(Request&, RouteContext&);
Response results_post(Request&, RouteContext&);
Response results_export_get(Request&, RouteContext&);
Response results_review_post(Request&, RouteContext&);
Response result_get(Request&, RouteContext&);
Response result_put(Request&, RouteContext&);
Response result_delete(Request&, RouteContext&);
Response result_submit_post(Request&, RouteContext&);
Response result_review_post(Request&, RouteContext&);
Response result_events_get(Request&, RouteContext&);
Response files_post(Request&, RouteContext&);
Response file_get(Request&, RouteContext&);
Response notifications_get(Request&, RouteContext&);
Response notifications_read_post(Request&, RouteContext&);
Response review_settings_get(Request&, RouteContext&);
Response review_settings_put(Request&, RouteContext&);
Response public_results_get(Request&, RouteContext&);
Response public_result_get(Request&, RouteContext&);

Response campaigns_get(Request&, RouteContext&);
Response campaigns_post(Request&, RouteContext&);
Response campaign_get(Request&, RouteContext&);
Response campaign_put(Request&, RouteContext&);
Response campaign_delete(Request&, RouteContext&);
Response campaign_candidates_get(Request&, RouteContext&);
Response campaign_members_get(Request&, RouteContext&);
Response campaign_members_export_get(Request&, RouteContext&);
Response campaign_members_post(Request&, RouteContext&);
Response campaign_member_delete(Request&, RouteContext&);
Response campaign_list_get(Request&, RouteContext&);
Response campaign_list_export_get(Request&, RouteContext&);
Response campaign_list_template_get(Request&, RouteContext&);
Response campaign_list_import_post(Request&, RouteContext&);
Response campaign_list_row_delete(Request&, RouteContext&);
Response campaign_stats_get(Request&, RouteContext&);
Response workbench_get(Request&, RouteContext&);
Response campaign_stats_export_get(Request&, RouteContext&);
Response campaign_results_get(Request&, RouteContext&);
Response campaign_results_export_get(Request&, RouteContext&);
Response support_requests_get(Request&, RouteContext&);
Response support_request_actions_post(Request&, RouteContext&);
Response campaign_reports_get(Request&, RouteContext&);
Response campaign_reports_export_get(Request&, RouteContext&);
Response campaign_report_put(Request&, RouteContext&);
Response campaign_report_submit_post(Request&, RouteContext&);
Response report_get(Request&, RouteContext&);
Response report_return_post(Request&, RouteContext&);
Response report_export_xlsx_get(Request&, RouteContext&);
Response report_export_docx_get(Request&, RouteContext&);

Response planning_indicators_get(Request&, RouteContext&);
Response planning_indicator_get(Request&, RouteContext&);
Response planning_actual_put(Request&, RouteContext&);
Response planning_actual_delete(Request&, RouteContext&);
Response planning_import_post(Request&, RouteContext&);
Response planning_template_get(Request&, RouteContext&);
Response planning_export_get(Request&, RouteContext&);

}  // namespace duibiao::http
