// 资讯查询: the directory of experts, standardisation bodies and testing laboratories.
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/directory_service.h"

namespace duibiao::http {
namespace {
constexpr const char* kNotFound = "名录条目不存在";

Json entry_json(const DirectoryView& v) {
  const DirectoryEntry& e = v.entry;
  Json fields = Json::array();
  for (size_t i = 0; i < e.fields.size(); ++i)
    fields.push_back({{"code", e.fields[i]},
                      {"name", i < v.field_names.size() ? v.field_names[i] : e.fields[i]}});
  Json j = {{"id", e.id},
            {"kind", e.kind},
            {"kind_label", directory_kind_label(e.kind)},
            {"name", e.name},
            {"organization", e.organization},
            {"fields", fields},
            {"region_code", e.region_code},
            {"region_name", e.region_name},
            {"description", e.description},
            {"qualification", e.qualification},
            {"version", e.version},
            {"updated_at", format_time_utc(e.updated_at)},
            {"can_edit", v.can_edit}};
  if (v.show_contact) {
    j["contact_name"] = e.contact_name;
    j["phone"] = e.phone;
    j["email"] = e.email;
    j["address"] = e.address;
  }
  return j;
}

Result<DirectoryInput> read_input(Request& req, int* version) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  DirectoryInput d;
  d.kind = in.str("kind");
  d.name = in.str("name");
  d.organization = in.str("organization");
  const Json* fs = array_member(*body, in, "fields", kMaxDirectoryFields);
  if (fs)
    for (size_t i = 0; i < fs->size(); ++i) {
      if (!(*fs)[i].is_string())
        in.errors()["fields[" + std::to_string(i) + "]"] = "类型错误：应为字符串（行业代码）";
      else
        d.fields.push_back((*fs)[i].get<std::string>());
    }
  d.region_code = in.str("region_code");
  d.contact_name = in.str("contact_name");
  d.phone = in.str("phone");
  d.email = in.str("email");
  d.address = in.str("address");
  d.description = in.str("description");
  d.qualification = in.str("qualification");
  Result<int> v = version ? body_version(in) : Result<int>(0);
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  if (!v) return fail(v.error());
  if (version) *version = *v;
  return d;
}
}  // namespace

Response directory_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  DirectoryQuery q;
  auto text = text_query(req, "q");
  if (!text) return error_response(text.error());
  q.q = *text;
  q.kind = req.query("kind");
  auto field = text_query(req, "field", 20);
  if (!field) return error_response(field.error());
  q.field = *field;
  auto region = text_query(req, "region_code", 12);
  if (!region) return error_response(region.error());
  q.region_code = *region;
  return respond(
      list_directory_for(ctx.app, ctx.caller, q, *page), 200,
      [&](const PageResult<DirectoryView>& p) { return page_json(p, *page, entry_json); });
}

Response directory_post(Request& req, RouteContext& ctx) {
  auto in = read_input(req, nullptr);
  if (!in) return error_response(in.error());
  return respond(create_directory_entry(ctx.app, ctx.caller, *in), 201, entry_json);
}

Response directory_entry_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  return respond(get_directory_entry(ctx.app, ctx.caller, *id), 200, entry_json);
}

Response directory_entry_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  int version = 0;
  auto in = read_input(req, &version);
  if (!in) return error_response(in.error());
  return respond(update_directory_entry_for(ctx.app, ctx.caller, *id, version, *in), 200,
                 entry_json);
}

Response directory_entry_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found(kNotFound));
  auto version = query_version(req);
  if (!version) return error_response(version.error());
  auto r = delete_directory_entry_for(ctx.app, ctx.caller, *id, *version);
  if (!r) return error_response(r.error());
  return no_content();
}

Response directory_import_post(Request& req, RouteContext& ctx) {
  auto good_only = read_import_mode(req);
  if (!good_only) return error_response(good_only.error());
  auto report = import_directory(ctx.app, ctx.caller, req.body, *good_only);
  if (!report) return error_response(report.error());
  return import_answer(report->errors, report->rejected, {{"imported", report->imported}});
}

Response directory_template_get(Request&, RouteContext&) {
  return download_response(directory_template_xlsx(), kXlsxType, "directory-template.xlsx");
}

}  // namespace duibiao::http
