#include "service/reference_service.h"

#include <algorithm>

#include "store/reference_store.h"

namespace duibiao {

std::vector<Region> region_children(App& app, const std::string& parent_code) {
  std::vector<Region> out;
  app.db.read([&](Tx& tx) { out = list_region_children(tx, parent_code); });
  return out;
}

Result<std::vector<Region>> region_with_ancestors(App& app, const std::string& code) {
  std::vector<Region> chain;
  app.db.read([&](Tx& tx) {
    std::string next = code;
    for (int depth = 0; depth < 6 && !next.empty() && next != "000000"; ++depth) {
      auto r = find_region(tx, next);
      if (!r) break;
      next = r->parent_code;
      chain.push_back(std::move(*r));
    }
  });
  if (chain.empty()) return fail(Error::not_found("行政区划“" + code + "”不存在"));
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<Industry> all_industries(App& app) {
  std::vector<Industry> out;
  app.db.read([&](Tx& tx) { out = list_industries(tx); });
  return out;
}

HealthInfo health(App& app) {
  // No database round trip: health is probed often and must stay cheap; the schema version is
  // read when the server starts.
  return HealthInfo{DUIBIAO_VERSION, std::string(app.db.kind_name()), app.schema_version};
}

}  // namespace duibiao
