#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"
#include "store/product_store.h"

namespace duibiao {

inline constexpr long long kMaxSelectedProducts = 3;  // the seeds: pick 1–3 product categories

struct ProductInput {
  std::string name;
  std::string model;
  std::string category;
  std::string industry_code;
  std::vector<std::string> standards;
  std::string enterprise_standard;
};

// Enterprises manage their own products; regulators read those in their region; the national
// office and administrators read all.
Result<PageResult<Product>> list_products_for(App& app, const Caller& caller,
                                              const ProductFilter& f, const Page& page);
Result<Product> get_product(App& app, const Caller& caller, long long id);
Result<Product> create_product(App& app, const Caller& caller, const ProductInput& in);
Result<Product> update_product_entry(App& app, const Caller& caller, long long id,
                                     const ProductInput& in);
Result<void> delete_product_entry(App& app, const Caller& caller, long long id);
Result<Product> select_product(App& app, const Caller& caller, long long id, bool selected);

}  // namespace duibiao
