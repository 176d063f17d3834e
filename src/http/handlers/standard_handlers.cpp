// The standards catalog and the 先进标准清单.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "io/xlsx.h"
#include "service/standard_service.h"
#include "service/starter_catalog.h"

namespace duibiao::http {
namespace {
Json to_json(const Standard& s) {
  return {{"id", s.id},
          {"number", s.normalized},
          {"as_written", s.as_written},
          {"kind", s.kind},
          {"prefix", s.prefix},
          {"standard_key", s.standard_key},
          {"year", s.year == 0 ? Json(nullptr) : Json(s.year)},
          {"title_zh", s.title_zh},
          {"title_en", s.title_en},
          {"status", s.status},
          {"issued_on", s.issued_on},
          {"effective_on", s.effective_on},
          {"withdrawn_on", s.withdrawn_on},
          {"replaced_by", s.replaced_by},
          {"ics", s.ics},
          {"ccs", s.ccs},
          {"adoption", s.adoption},
          {"adopted_number", s.adopted_number},
          {"advanced_fields", s.advanced_fields},
          {"updated_at", format_time_utc(s.updated_at)}};
}

StandardFilter read_filter(const Request& req) {
  StandardFilter f;
  f.q = req.query("q");
  f.kind = req.query("kind");
  f.status = req.query("status");
  f.field = req.query("field");
  f.advanced_only = req.query("advanced") == "1" || req.query("advanced") == "true";
  return f;
}

// Reads the editable members present in the body over `in` (absent members keep their value).
Result<void> read_input(const Json& body, StandardInput& in) {
  DtoReader r(body, "");
  auto take = [&](const char* key, std::string& target) {
    if (auto v = r.opt_str(key)) target = *v;
  };
  take("number", in.number);
  take("title_zh", in.title_zh);
  take("title_en", in.title_en);
  take("status", in.status);
  take("issued_on", in.issued_on);
  take("effective_on", in.effective_on);
  take("withdrawn_on", in.withdrawn_on);
  take("replaced_by", in.replaced_by);
  take("ics", in.ics);
  take("ccs", in.ccs);
  take("adoption", in.adoption);
  take("adopted_number", in.adopted_number);
  return r.finish();
}
}  // namespace

Response standards_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  return respond(search_standards(ctx.app, read_filter(req), *page), 200,
                 [&](const PageResult<Standard>& p) {
                   return page_json(p, *page, [](const Standard& s) { return to_json(s); });
                 });
}

Response standards_export_get(Request& req, RouteContext& ctx) {
  StandardFilter f = read_filter(req);
  auto all = collect_all<Standard>([&](const Page& p) { return search_standards(ctx.app, f, p); });
  if (!all) return error_response(all.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : *all)
    rows.push_back({s.normalized, s.title_zh, s.title_en, s.kind, s.status, s.issued_on,
                    s.effective_on, s.replaced_by, s.ics, s.ccs, s.adoption, s.adopted_number,
                    join(s.advanced_fields, "；")});
  return download_response(write_xlsx("标准目录",
                                      {{"标准编号", 24},
                                       {"中文名称", 40},
                                       {"英文名称", 40},
                                       {"类别", 12},
                                       {"状态", 10},
                                       {"发布日期", 12},
                                       {"实施日期", 12},
                                       {"替代标准", 20},
                                       {"ICS", 12},
                                       {"CCS", 8},
                                       {"采用程度", 8},
                                       {"采用的国际标准", 24},
                                       {"先进标准清单领域", 24}},
                                      rows),
                           kXlsxType, "standards.xlsx");
}

Response standard_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("标准不存在"));
  return respond(get_standard(ctx.app, *id), 200, [](const Standard& s) { return to_json(s); });
}

Response standards_post(Request& req, RouteContext& ctx) {
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  StandardInput in;
  if (auto ok = read_input(*body, in); !ok) return error_response(ok.error());
  return respond(create_standard(ctx.app, ctx.caller, in), 201,
                 [](const Standard& s) { return to_json(s); });
}

Response standard_patch(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("标准不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  if (body->contains("number"))
    return error_response(Error::field("number", "标准编号不能修改；新版本请新增一条标准"));
  auto current = get_standard(ctx.app, *id);
  if (!current) return error_response(current.error());
  StandardInput in{current->normalized,   current->title_zh,    current->title_en,
                   current->status,       current->issued_on,   current->effective_on,
                   current->withdrawn_on, current->replaced_by, current->ics,
                   current->ccs,          current->adoption,    current->adopted_number};
  if (auto ok = read_input(*body, in); !ok) return error_response(ok.error());
  return respond(update_standard_entry(ctx.app, ctx.caller, *id, in), 200,
                 [](const Standard& s) { return to_json(s); });
}

Response standard_advanced_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("标准不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader r(*body, "");
  std::string field = r.str("field");
  if (auto ok = r.finish(); !ok) return error_response(ok.error());
  return respond(add_to_advanced_list(ctx.app, ctx.caller, *id, field), 200,
                 [](const Standard& s) { return to_json(s); });
}

Response standard_advanced_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("标准不存在"));
  return respond(remove_from_advanced_list(ctx.app, ctx.caller, *id, req.query("field")), 200,
                 [](const Standard& s) { return to_json(s); });
}

Response standards_template_get(Request&, RouteContext&) {
  return download_response(standards_csv_template(), kCsvType, "standards-template.csv");
}

Response standards_template_xlsx_get(Request&, RouteContext&) {
  return download_response(standards_xlsx_template(), kXlsxType, "standards-template.xlsx");
}

Response standards_export_csv_get(Request& req, RouteContext& ctx) {
  StandardFilter f = read_filter(req);
  auto all = collect_all<Standard>([&](const Page& p) { return search_standards(ctx.app, f, p); });
  if (!all) return error_response(all.error());
  return download_response(standards_csv(*all), kCsvType, "standards.csv");
}

Response standards_import_post(Request& req, RouteContext& ctx) {
  auto good_only = read_import_mode(req);
  if (!good_only) return error_response(good_only.error());
  auto report = import_standards(ctx.app, ctx.caller, req.body, *good_only);
  if (!report) return error_response(report.error());
  return import_answer(report->errors, report->rejected, {{"imported", report->imported}});
}

Response standards_starter_post(Request&, RouteContext& ctx) {
  return respond(load_starter_catalog(ctx.app, ctx.caller), 200, [](const StarterReport& r) {
    return Json{
        {"imported", r.imported}, {"already_present", r.already_present}, {"total", r.total}};
  });
}

Response advanced_fields_get(Request&, RouteContext& ctx) {
  Json items = Json::array();
  for (const auto& [field, count] : advanced_list_fields(ctx.app))
    items.push_back({{"field", field}, {"count", count}});
  return json_response(200, {{"items", items}});
}

}  // namespace duibiao::http
