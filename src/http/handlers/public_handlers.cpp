// Public routes: health, tools, reference data. No session lookup for the cheap ones.
#include "domain/credit_code.h"
#include "domain/requirement.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
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
    return error_response(
        Error::field("text", "缺少查询参数 text（标准编号，例如 GB/T 19001-2016）"));
  auto parsed = parse_standard_number(req.query("text"));
  if (!parsed) return error_response(Error::field("text", parsed.error));
  return json_response(200, standard_number_json(parsed.value));
}

Response tools_compare_get(Request& req, RouteContext&) {
  // a = the requirement being judged (domestic / enterprise standard), b = the benchmark.
  std::map<std::string, std::string> fields;
  ParseOptions options;
  std::string unit = req.query("unit");
  options.default_unit = unit;
  auto a = parse_requirement(req.query("a"), options);
  auto b = parse_requirement(req.query("b"), options);
  if (!req.has_query("a") || trim(req.query("a")).empty())
    fields["a"] = "缺少要比较的要求 a（例如 ≥95%）";
  else if (!a.ok())
    fields["a"] = "无法解析要求 a：" + std::string(a.reason);
  if (!req.has_query("b") || trim(req.query("b")).empty())
    fields["b"] = "缺少对标要求 b（例如 ≥90%）";
  else if (!b.ok())
    fields["b"] = "无法解析要求 b：" + std::string(b.reason);
  if (!fields.empty()) return error_response(Error::validation(fields, fields.begin()->second));
  auto r = compare_requirements(a, b);
  return json_response(200, {{"verdict", verdict_name(r.verdict)},
                             {"label", verdict_label_zh(r.verdict)},
                             {"reason", r.reason},
                             {"a", describe_requirement(a)},
                             {"b", describe_requirement(b)}});
}

Response tools_judge_get(Request& req, RouteContext&) {
  std::map<std::string, std::string> fields;
  auto requirement = parse_requirement(req.query("requirement"));
  if (trim(req.query("requirement")).empty())
    fields["requirement"] = "缺少要求 requirement（例如 ≤0.5）";
  else if (!requirement.ok())
    fields["requirement"] = "无法解析要求：" + std::string(requirement.reason);
  std::string value(trim(req.query("value")));
  if (value.empty()) fields["value"] = "缺少实测值 value（例如 0.54）";
  JudgeMethod method = JudgeMethod::kFullValue;
  std::string m = req.query("method");
  if (m == "rounded")
    method = JudgeMethod::kRoundedValue;
  else if (!m.empty() && m != "full")
    fields["method"] = "method 应为 full（全数值比较）或 rounded（修约值比较）";
  std::optional<double> interval;
  if (auto text = req.query("interval"); !text.empty()) {
    try {
      size_t used = 0;
      double v = std::stod(text, &used);
      if (used != text.size() || !(v > 0) || v > 1e12) throw std::invalid_argument("interval");
      interval = v;
    } catch (const std::exception&) {
      fields["interval"] = "修约间隔 interval 应为正数，例如 0.1、0.5、0.2";
    }
  }
  if (!fields.empty()) return error_response(Error::validation(fields, fields.begin()->second));
  auto r = judge_value(requirement, value, method, interval);
  return json_response(200,
                       {{"pass", r.pass},
                        {"decided", r.decided},
                        {"reason", r.reason},
                        {"compared_value", r.compared_value},
                        {"requirement", describe_requirement(requirement)},
                        {"method", method == JudgeMethod::kRoundedValue ? "rounded" : "full"}});
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
    for (const auto& r : c)
      path.push_back({{"code", r.code}, {"name", r.name}, {"level", r.level}});
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
