#pragma once

#include <optional>
#include <string>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct ProductFilter {
  std::string q;  // lower-cased fragment of the product name or model
  long long enterprise_id = 0;
  bool selected_only = false;
};

long long insert_product(Tx& tx, const Product& p);
void update_product(Tx& tx, const Scope& scope, const Product& p);
void delete_product(Tx& tx, const Scope& scope, long long id);
void set_product_selected(Tx& tx, const Scope& scope, long long id, bool selected, long long now);
std::optional<Product> find_product(Tx& tx, const Scope& scope, long long id);
PageResult<Product> list_products(Tx& tx, const Scope& scope, const ProductFilter& f,
                                  const Page& page);
long long count_selected_products(Tx& tx, long long enterprise_id);

}  // namespace duibiao
