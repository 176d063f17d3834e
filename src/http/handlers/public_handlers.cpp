// Public routes: health, tools, reference data. No session lookup for the cheap ones.
#include "domain/credit_code.h"
#include "domain/standard_number.h"
#include "http/handlers/handlers.h"
#include "http/handlers/handler_util.h"
#include "service/reference_service.h"

namespace duibiao::http {

Response health_get(Request&, RouteContext& ctx) {
  auto h = health(ctx.app);
  return json_response(200, {{"status", "ok"},
                             {"version", h.version},
                             {"database", h.database},
                             {"schema_version", h.schema_version}});
}

Response tools_credit_code_get(Request& req, RouteContext&) {
  if (!req.has_query("code"))
    return error_response(Error::field("code", "缺少查询参数 code（18位统一社会信用代码）"));
  auto check = check_credit_code(req.query("code"));
  Json j = {{"valid", check.valid}, {"message", check.message}, {"normalized", check.normalized}};
  if (check.expected) j["expected"] = std::string(1, *check.expected);
  return json_response(200, j);
}

namespace {
Json standard_number_json(const StandardNumber& n) {
  Json j = {{"kind", standard_kind_name(n.kind)},
            {"kind_label", standard_kind_label_zh(n.kind)},
            {"issuing_body", n.issuing_body},
            {"prefix", n.prefix},
            {"number", n.number},
            {"part", n.part.empty() ? Json(nullptr) : Json(n.part)},
            {"year", n.year == 0 ? Json(nullptr) : Json(n.year)},
            {"amendments", n.amendments},
            {"normalized", n.normalized},
            {"as_written", n.as_written},
            {"adopts", n.adopts ? standard_number_json(*n.adopts) : Json(nullptr)}};
  return j;
}
}  // namespace

Response tools_standard_number_get(Request& req, RouteContext&) {
  if (!req.has_query("text"))
    return error_response(Error::field("text", "缺少查询参数 text（标准编号，例如 GB/T 19001-2016）"));
  auto parsed = parse_standard_number(req.query("text"));
  if (!parsed) return error_response(Error::field("text", parsed.error));
  return json_response(200, standard_number_json(parsed.value));
}

Response regions_get(Request& req, RouteContext& ctx) {
  Json items = Json::array();
  for (const auto& r : region_children(ctx.app, req.query("parent"))) items.push_back(to_json(r));
  return json_response(200, {{"items", items}});
}

Response region_get(Request& req, RouteContext& ctx) {
  auto chain = region_with_ancestors(ctx.app, req.params["code"]);
  return respond(chain, 200, [](const std::vector<Region>& c) {
    Json j = to_json(c.back());
    Json path = Json::array();
    for (const auto& r : c) path.push_back({{"code", r.code}, {"name", r.name}, {"level", r.level}});
    j["path"] = path;
    return j;
  });
}

Response industries_get(Request&, RouteContext& ctx) {
  Json items = Json::array();
  for (const auto& i : all_industries(ctx.app)) items.push_back(to_json(i));
  return json_response(200, {{"items", items}});
}

}  // namespace duibiao::http
