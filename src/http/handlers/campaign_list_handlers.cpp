// The 附件2 enterprise list of a campaign and the technical-support requests it raises.
#include "domain/campaign.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/caches.h"
#include "service/campaign_list_service.h"

namespace duibiao::http {
namespace {

constexpr const char* kNotFound = "专项行动不存在";

Json row_json(App& app, const CampaignListRow& r) {
  auto region = cached_region(app, r.region_code);
  return {{"id", r.id},
          {"seq", r.seq},
          {"enterprise_id", r.enterprise_id},
          {"enterprise_name", r.enterprise_name},
          {"credit_code", r.credit_code},
          {"region_code", r.region_code},
          {"region_name", region ? region->name : r.region_code},
          {"product_name", r.product_name},
          {"executed_standards", r.executed_standards},
          {"executed_numbers", r.executed_numbers},
          {"benchmark_standards", r.benchmark_standards},
          {"benchmark_numbers", r.benchmark_numbers},
          {"plan_number", r.plan_number},
          {"support_needed", r.support_needed},
          {"support_request_id", r.support_request_id}};
}

Json support_json(App& app, const SupportRequest& s) {
  auto region = cached_region(app, s.region_code);
  return {{"id", s.id},
          {"campaign_id", s.campaign_id},
          {"campaign_name", s.campaign_name},
          {"enterprise_id", s.enterprise_id},
          {"enterprise_name", s.enterprise_name},
          {"region_code", s.region_code},
          {"region_name", region ? region->name : s.region_code},
          {"industry_code", s.industry_code},
          {"product_name", s.product_name},
          {"executed_standards", s.executed_standards},
          {"benchmark_standards", s.benchmark_standards},
          {"status", s.status},
          {"status_label", support_status_label_zh(s.status)},
          {"taken_by_id", s.taken_by},
          {"taken_by_name", s.taken_by_name},
          {"note", s.note},
          {"created_at", format_time_utc(s.created_at)},
          {"updated_at", format_time_utc(s.updated_at)}};
}

}  // namespace

Response campaign_list_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(
      list_campaign_list(ctx.app, ctx.caller, *id, req.query("q"), req.query("region_code"), *page),
      200, [&](const PageResult<CampaignListRow>& p) {
        return page_json(p, *page, [&](const CampaignListRow& r) { return row_json(ctx.app, r); });
      });
}

Response campaign_list_export_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto file = campaign_list_xlsx(ctx.app, ctx.caller, *id, req.query("region_code"));
  if (!file) return error_response(file.error());
  return download_response(std::move(*file), kXlsxType,
                           "campaign-" + std::to_string(*id) + "-fujian2.xlsx");
}

Response campaign_list_template_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto file = campaign_list_template(ctx.app, ctx.caller, *id);
  if (!file) return error_response(file.error());
  return download_response(std::move(*file), kXlsxType, "fujian2-template.xlsx");
}

Response campaign_list_import_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto good_only = read_import_mode(req);
  if (!good_only) return error_response(good_only.error());
  auto report = import_campaign_list(ctx.app, ctx.caller, *id, req.body, *good_only);
  if (!report) return error_response(report.error());
  return import_answer(report->errors, report->rejected,
                       {{"imported", report->imported},
                        {"members_added", report->members_added},
                        {"support_requests", report->support_requests}});
}

Response campaign_list_row_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto row = id_param(req, "row_id");
  if (!row) return error_response(Error::not_found("名单中没有这一行"));
  auto r = delete_campaign_list_row(ctx.app, ctx.caller, *id, *row);
  if (!r) return error_response(r.error());
  return no_content();
}

Response support_requests_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  SupportFilter f;
  f.status = req.query("status");
  f.industry_code = req.query("industry_code");
  if (auto c = req.query("campaign_id"); !c.empty()) {
    try {
      f.campaign_id = std::stoll(c);
    } catch (const std::exception&) {
      return error_response(Error::field("campaign_id", "campaign_id 应为专项行动编号（整数）"));
    }
  }
  return respond(list_support_requests_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<SupportRequest>& p) {
                   return page_json(
                       p, *page, [&](const SupportRequest& s) { return support_json(ctx.app, s); });
                 });
}

Response support_request_actions_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("技术支持需求不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string action = in.str("action");
  std::string note = in.str("note");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  return respond(act_on_support_request(ctx.app, ctx.caller, *id, action, note), 200,
                 [&](const SupportRequest& s) { return support_json(ctx.app, s); });
}

}  // namespace duibiao::http
