// Analysis reports (issue 9 §2): a result's 对标达标分析报告 on request, a region's 综合分析报告 as
// a background job with its progress, the campaign's generated reports and their files.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/analysis_report_service.h"
#include "service/report_job_service.h"

namespace duibiao::http {
namespace {

Json job_json(const ReportJobView& v) {
  const ReportJob& j = v.job;
  return {{"id", j.id},
          {"kind", j.kind},
          {"campaign_id", j.campaign_id},
          {"campaign_name", v.campaign_name},
          {"region_code", j.region_code},
          {"region_name", v.region_name},
          {"status", j.status},
          {"status_label", report_job_status_label_zh(j.status)},
          {"progress", j.progress},
          {"stage", j.stage},
          {"error", j.error},
          {"file_name", j.status == "done" ? j.file_name : ""},
          {"file_size", j.file_size},
          {"requested_by_name", j.requested_by_name},
          {"created_at", j.created_at ? format_time_utc(j.created_at) : ""},
          {"started_at", j.started_at ? format_time_utc(j.started_at) : ""},
          {"finished_at", j.finished_at ? format_time_utc(j.finished_at) : ""},
          {"download_url",
           j.status == "done" ? "/api/v1/report-jobs/" + std::to_string(j.id) + "/file" : ""}};
}

}  // namespace

Response result_analysis_report_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("对标结果不存在"));
  auto file = result_analysis_report(ctx.app, ctx.caller, *id);
  if (!file) return error_response(file.error());
  return download_response(std::move(file->bytes), kDocxType, file->file_name);
}

Response campaign_analysis_reports_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(list_campaign_reports(ctx.app, ctx.caller, *id, *page), 200,
                 [&](const PageResult<ReportJobView>& p) { return page_json(p, *page, job_json); });
}

Response campaign_analysis_reports_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("专项行动不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  std::string region = in.str("region_code");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  auto v = request_campaign_report(ctx.app, ctx.caller, *id, region);
  if (!v) return error_response(v.error());
  // 202: queued and running in the background; 200: the identical job already under way.
  return json_response(v->created ? 202 : 200, job_json(*v));
}

Response report_job_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("分析报告不存在"));
  return respond(get_report_job(ctx.app, ctx.caller, *id), 200, job_json);
}

Response report_job_file_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("分析报告不存在"));
  auto f = report_job_file(ctx.app, ctx.caller, *id);
  if (!f) return error_response(f.error());
  return download_response(std::move(f->bytes), kDocxType, f->file_name);
}

}  // namespace duibiao::http
