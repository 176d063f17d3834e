// Enterprise products (the products an enterprise benchmarks; 1–3 selected).
#include "domain/text.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/handlers.h"
#include "service/product_service.h"

namespace duibiao::http {
namespace {
Json to_json(const Product& p) {
  return {{"id", p.id},
          {"enterprise_id", p.enterprise_id},
          {"enterprise_name", p.enterprise_name},
          {"name", p.name},
          {"model", p.model},
          {"category", p.category},
          {"industry_code", p.industry_code},
          {"standards", p.standards},
          {"enterprise_standard", p.enterprise_standard},
          {"selected", p.selected},
          {"created_at", format_time_utc(p.created_at)},
          {"updated_at", format_time_utc(p.updated_at)}};
}

Result<ProductInput> read_input(const Request& req) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  ProductInput p{in.str("name"),          in.str("model"),          in.str("category"),
                 in.str("industry_code"), in.str_list("standards"), in.str("enterprise_standard")};
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return p;
}
}  // namespace

Response products_get(Request& req, RouteContext& ctx) {
  auto page = read_page(req);
  if (!page) return error_response(page.error());
  ProductFilter f;
  f.q = req.query("q");
  f.selected_only = query_flag(req, "selected");
  if (auto e = req.query("enterprise_id"); !e.empty()) {
    try {
      f.enterprise_id = std::stoll(e);
    } catch (const std::exception&) {
      return error_response(Error::field("enterprise_id", "enterprise_id 应为企业编号（整数）"));
    }
  }
  return respond(list_products_for(ctx.app, ctx.caller, f, *page), 200,
                 [&](const PageResult<Product>& p) {
                   return page_json(p, *page, [](const Product& x) { return to_json(x); });
                 });
}

Response product_get(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("产品不存在"));
  return respond(get_product(ctx.app, ctx.caller, *id), 200,
                 [](const Product& p) { return to_json(p); });
}

Response products_post(Request& req, RouteContext& ctx) {
  auto in = read_input(req);
  if (!in) return error_response(in.error());
  return respond(create_product(ctx.app, ctx.caller, *in), 201,
                 [](const Product& p) { return to_json(p); });
}

Response product_put(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("产品不存在"));
  auto in = read_input(req);
  if (!in) return error_response(in.error());
  return respond(update_product_entry(ctx.app, ctx.caller, *id, *in), 200,
                 [](const Product& p) { return to_json(p); });
}

Response product_delete(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("产品不存在"));
  auto r = delete_product_entry(ctx.app, ctx.caller, *id);
  if (!r) return error_response(r.error());
  return no_content();
}

Response product_selection_post(Request& req, RouteContext& ctx) {
  auto id = id_param(req);
  if (!id) return error_response(Error::not_found("产品不存在"));
  auto body = parse_json_object(req);
  if (!body) return error_response(body.error());
  DtoReader in(*body, "");
  auto selected = in.opt_bool("selected");
  if (auto ok = in.finish(); !ok) return error_response(ok.error());
  if (!selected) return error_response(Error::field("selected", "请给出 selected: true 或 false"));
  return respond(select_product(ctx.app, ctx.caller, *id, *selected), 200,
                 [](const Product& p) { return to_json(p); });
}

}  // namespace duibiao::http
