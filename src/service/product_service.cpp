#include "service/product_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "store/reference_store.h"
#include "store/result_store.h"

namespace duibiao {
namespace {

constexpr const char* kEnterpriseOnly = "产品由企业自己维护";

std::string audit_json(const Product& p) {
  return nlohmann::json{{"id", p.id},
                        {"name", p.name},
                        {"model", p.model},
                        {"category", p.category},
                        {"standards", p.standards},
                        {"enterprise_standard", p.enterprise_standard},
                        {"selected", p.selected}}
      .dump();
}

Result<void> validate(App& app, const ProductInput& in, Product& p) {
  std::map<std::string, std::string> fields;
  p.name = std::string(trim(in.name));
  if (p.name.empty())
    fields["name"] = "请填写产品名称";
  else if (utf8_length(p.name) > 100)
    fields["name"] = "产品名称最多100个字";
  p.model = std::string(trim(in.model));
  if (utf8_length(p.model) > 100) fields["model"] = "型号最多100个字符";
  p.category = std::string(trim(in.category));
  if (utf8_length(p.category) > 50) fields["category"] = "产品类别最多50个字";
  p.industry_code = std::string(trim(in.industry_code));
  if (!p.industry_code.empty()) {
    bool known = false;
    app.db.read([&](Tx& tx) { known = find_industry(tx, p.industry_code).has_value(); });
    if (!known) fields["industry_code"] = "行业代码“" + p.industry_code + "”不存在";
  }
  if (in.standards.size() > 10) fields["standards"] = "执行标准最多10项";
  p.standards.clear();
  for (size_t i = 0; i < in.standards.size() && i < 10; ++i) {
    auto parsed = parse_standard_number(in.standards[i]);
    if (!parsed)
      fields["standards[" + std::to_string(i) + "]"] = parsed.error;
    else if (std::find(p.standards.begin(), p.standards.end(), parsed.value.normalized) ==
             p.standards.end())
      p.standards.push_back(parsed.value.normalized);  // the same standard twice counts once
  }
  p.enterprise_standard.clear();
  if (auto es = std::string(trim(in.enterprise_standard)); !es.empty()) {
    auto parsed = parse_standard_number(es);
    if (!parsed)
      fields["enterprise_standard"] = parsed.error;
    else if (parsed.value.kind != StandardKind::kEnterprise)
      fields["enterprise_standard"] = "企业标准编号应以 Q/ 开头，例如 Q/NBXX 001-2020";
    else
      p.enterprise_standard = parsed.value.normalized;
  }
  if (p.standards.empty() && p.enterprise_standard.empty() && !fields.count("standards"))
    fields["standards"] = "请至少填写一项执行标准（国家、行业、地方、团体或企业标准）";
  if (!fields.empty()) return fail(Error::validation(fields));
  return {};
}

}  // namespace

Result<PageResult<Product>> list_products_for(App& app, const Caller& caller,
                                              const ProductFilter& f, const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope) return fail(Error::forbidden("当前角色无权查看企业产品"));
  ProductFilter filter = f;
  filter.q = to_lower_ascii(trim(f.q));
  PageResult<Product> out;
  app.db.read([&](Tx& tx) { out = list_products(tx, *scope, filter, page); });
  return out;
}

Result<Product> get_product(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  std::optional<Product> p;
  if (scope) app.db.read([&](Tx& tx) { p = find_product(tx, *scope, id); });
  if (!p) return fail(Error::not_found("产品不存在"));
  return *p;
}

Result<Product> create_product(App& app, const Caller& caller, const ProductInput& in) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const User& user = *who->first;
  Product p;
  if (auto ok = validate(app, in, p); !ok) return fail(ok.error());
  p.enterprise_id = user.enterprise_id;
  p.region_path = user.region_path;
  p.created_at = p.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    p.id = insert_product(tx, p);
    record_audit(tx, caller, "create", "product", std::to_string(p.id), p.region_path,
                 p.enterprise_id, "新增产品 " + p.name, "", audit_json(p));
  });
  return get_product(app, caller, p.id);
}

Result<Product> update_product_entry(App& app, const Caller& caller, long long id,
                                     const ProductInput& in) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const Scope& scope = who->second;
  Product p;
  if (auto ok = validate(app, in, p); !ok) return fail(ok.error());
  bool found = false;
  app.db.write([&](Tx& tx) {
    auto before = find_product(tx, scope, id);
    if (!before) return;
    found = true;
    Product after = *before;
    after.name = p.name;
    after.model = p.model;
    after.category = p.category;
    after.industry_code = p.industry_code;
    after.standards = p.standards;
    after.enterprise_standard = p.enterprise_standard;
    after.updated_at = now_unix();
    update_product(tx, scope, after);
    record_audit(tx, caller, "update", "product", std::to_string(id), after.region_path,
                 after.enterprise_id, "修改产品 " + after.name, audit_json(*before),
                 audit_json(after));
  });
  if (!found) return fail(Error::not_found("产品不存在"));
  return get_product(app, caller, id);
}

Result<void> delete_product_entry(App& app, const Caller& caller, long long id) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const Scope& scope = who->second;
  bool found = false, has_results = false;
  app.db.write([&](Tx& tx) {
    auto before = find_product(tx, scope, id);
    if (!before) return;
    found = true;
    // Results keep their product: the history of a reviewed result must stay readable.
    if ((has_results = count_results_for_product(tx, id) > 0)) return;
    delete_product(tx, scope, id);
    record_audit(tx, caller, "delete", "product", std::to_string(id), before->region_path,
                 before->enterprise_id, "删除产品 " + before->name, audit_json(*before), "");
  });
  if (!found) return fail(Error::not_found("产品不存在"));
  if (has_results) return fail(Error::conflict("该产品已有对标结果，不能删除"));
  return {};
}

Result<Product> select_product(App& app, const Caller& caller, long long id, bool selected) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const Scope& scope = who->second;
  Result<Product> out = fail(Error::not_found("产品不存在"));
  app.db.write([&](Tx& tx) {
    auto before = find_product(tx, scope, id);
    if (!before) return;
    if (selected && !before->selected &&
        count_selected_products(tx, before->enterprise_id) >= kMaxSelectedProducts) {
      out = fail(Error::conflict("每个企业最多选择 3 个产品参加对标达标，请先取消其他产品"));
      return;
    }
    set_product_selected(tx, scope, id, selected, now_unix());
    Product after = *before;
    after.selected = selected;
    record_audit(tx, caller, selected ? "select" : "unselect", "product", std::to_string(id),
                 after.region_path, after.enterprise_id,
                 std::string(selected ? "选择" : "取消选择") + "对标产品 " + after.name,
                 audit_json(*before), audit_json(after));
    out = after;
  });
  return out;
}

}  // namespace duibiao
