#include "store/product_store.h"

#include <soci/soci.h>

#include <string_view>

#include "domain/text.h"
#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO products (enterprise_id, region_path, name, model, category, industry_code, "
    "standards, enterprise_standard, selected, created_at, updated_at) VALUES (:e, :path, :n, "
    ":m, :c, :i, :s, :es, :sel, :ca, :ua) RETURNING id";
// Writes carry the scope too: an enterprise can only ever touch its own rows.
#define PRODUCT_SCOPE \
  " region_path >= :lo AND region_path < :hi AND (:eid1 = 0 OR enterprise_id = :eid2) "
constexpr std::string_view kUpdate =
    "UPDATE products SET name = :n, model = :m, category = :c, industry_code = :i, standards = "
    ":s, enterprise_standard = :es, updated_at = :ua WHERE id = :id AND" PRODUCT_SCOPE;
constexpr std::string_view kDelete = "DELETE FROM products WHERE id = :id AND" PRODUCT_SCOPE;
constexpr std::string_view kSelect =
    "UPDATE products SET selected = :sel, updated_at = :ua WHERE id = :id AND" PRODUCT_SCOPE;
#define PRODUCT_COLUMNS                                                                          \
  "p.id, p.enterprise_id, e.name, p.region_path, p.name, p.model, p.category, p.industry_code, " \
  "p.standards, p.enterprise_standard, p.selected, p.created_at, p.updated_at "
#define PRODUCT_FROM " FROM products p JOIN enterprises e ON e.id = p.enterprise_id "
#define PRODUCT_SCOPE_P \
  " p.region_path >= :lo AND p.region_path < :hi AND (:eid1 = 0 OR p.enterprise_id = :eid2) "
constexpr std::string_view kFind =
    "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.id = :id AND" PRODUCT_SCOPE_P;
#define PRODUCT_FILTER                                                                        \
  " AND (:q1 = '' OR lower(p.name) LIKE :qp1 ESCAPE '\\' OR lower(p.model) LIKE :qp2 ESCAPE " \
  "'\\') AND (:f1 = 0 OR p.enterprise_id = :f2) AND (:sel = 0 OR p.selected = 1) "
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM products p WHERE" PRODUCT_SCOPE_P PRODUCT_FILTER;
constexpr std::string_view kList =
    "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE" PRODUCT_SCOPE_P PRODUCT_FILTER
    "ORDER BY p.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountSelected =
    "SELECT COUNT(*) FROM products WHERE enterprise_id = :e AND selected = 1";

Product from_row(const soci::row& row) {
  Product p;
  p.id = row_int(row, 0);
  p.enterprise_id = row_int(row, 1);
  p.enterprise_name = row_str(row, 2);
  p.region_path = row_str(row, 3);
  p.name = row_str(row, 4);
  p.model = row_str(row, 5);
  p.category = row_str(row, 6);
  p.industry_code = row_str(row, 7);
  for (auto& s : split(row_str(row, 8), '\n'))
    if (!s.empty()) p.standards.push_back(s);
  p.enterprise_standard = row_str(row, 9);
  p.selected = row_int(row, 10) != 0;
  p.created_at = row_int(row, 11);
  p.updated_at = row_int(row, 12);
  return p;
}
}  // namespace

long long insert_product(Tx& tx, const Product& p) {
  long long id = 0;
  std::string standards = join(p.standards, "\n");
  int selected = p.selected ? 1 : 0;
  tx.sql << kInsert, soci::use(p.enterprise_id), soci::use(p.region_path), soci::use(p.name),
      soci::use(p.model), soci::use(p.category), soci::use(p.industry_code), soci::use(standards),
      soci::use(p.enterprise_standard), soci::use(selected), soci::use(p.created_at),
      soci::use(p.updated_at), soci::into(id);
  return id;
}

void update_product(Tx& tx, const Scope& scope, const Product& p) {
  std::string standards = join(p.standards, "\n");
  tx.sql << kUpdate, soci::use(p.name), soci::use(p.model), soci::use(p.category),
      soci::use(p.industry_code), soci::use(standards), soci::use(p.enterprise_standard),
      soci::use(p.updated_at), soci::use(p.id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id);
}

void delete_product(Tx& tx, const Scope& scope, long long id) {
  tx.sql << kDelete, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id);
}

void set_product_selected(Tx& tx, const Scope& scope, long long id, bool selected, long long now) {
  int sel = selected ? 1 : 0;
  tx.sql << kSelect, soci::use(sel), soci::use(now), soci::use(id), soci::use(scope.lo),
      soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id);
}

std::optional<Product> find_product(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

PageResult<Product> list_products(Tx& tx, const Scope& scope, const ProductFilter& f,
                                  const Page& page) {
  PageResult<Product> out;
  std::string pattern = like_contains(f.q);
  int sel = f.selected_only ? 1 : 0;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(f.q), soci::use(pattern), soci::use(pattern),
      soci::use(f.enterprise_id), soci::use(f.enterprise_id), soci::use(sel), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.q),
       soci::use(pattern), soci::use(pattern), soci::use(f.enterprise_id),
       soci::use(f.enterprise_id), soci::use(sel), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

long long count_selected_products(Tx& tx, long long enterprise_id) {
  long long n = 0;
  tx.sql << kCountSelected, soci::use(enterprise_id), soci::into(n);
  return n;
}

}  // namespace duibiao
