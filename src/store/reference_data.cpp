#include "store/reference_data.h"

#include <soci/soci.h>

#include <map>
#include <stdexcept>
#include <string_view>

#include "domain/csv.h"
#include "domain/models.h"
#include "domain/region.h"
#include "domain/text.h"
#include "store/planning_store.h"
#include "store/reference_store.h"

// The reference files are compiled into the binary so a bare `duibiao serve --data DIR` is
// complete without node_modules at run time.
#define DUIBIAO_INCBIN(name, file)                                        \
  __asm__(".section .rodata\n.global " #name "_start\n.balign 16\n" #name \
          "_start:\n.incbin \"" file "\"\n.global " #name "_end\n" #name  \
          "_end:\n.byte 0\n.previous\n");                                 \
  extern "C" const char name##_start[];                                   \
  extern "C" const char name##_end[];

DUIBIAO_INCBIN(duibiao_provinces_csv, DUIBIAO_DIVISION_DIR "/provinces.csv")
DUIBIAO_INCBIN(duibiao_cities_csv, DUIBIAO_DIVISION_DIR "/cities.csv")
DUIBIAO_INCBIN(duibiao_areas_csv, DUIBIAO_DIVISION_DIR "/areas.csv")
DUIBIAO_INCBIN(duibiao_zones_csv, DUIBIAO_DATA_DIR "/zones.csv")
DUIBIAO_INCBIN(duibiao_industries_csv, DUIBIAO_DATA_DIR "/industries.csv")
DUIBIAO_INCBIN(duibiao_planning_zj_csv, DUIBIAO_DATA_DIR "/planning_indicators_zj.csv")

namespace duibiao {
namespace {
std::string_view embedded(const char* start, const char* end) {
  return {start, static_cast<size_t>(end - start)};
}

// Rows without the header line; throws when a row has fewer columns than expected.
std::vector<std::vector<std::string>> table(std::string_view text, size_t columns,
                                            const char* what) {
  auto rows = parse_csv(text);
  if (rows.empty()) throw std::runtime_error(std::string("reference data empty: ") + what);
  rows.erase(rows.begin());
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].size() < columns)
      throw std::runtime_error(std::string("reference data ") + what + " row " +
                               std::to_string(i + 2) + ": expected " + std::to_string(columns) +
                               " columns");
  return rows;
}
}  // namespace

constexpr std::string_view kCountRegionAncestors = "SELECT COUNT(*) FROM region_ancestors";
constexpr std::string_view kFillRegionAncestors =
    "WITH RECURSIVE up(region_code, ancestor_code, depth) AS (SELECT code, code, 0 FROM regions "
    "UNION ALL SELECT up.region_code, g.parent_code, up.depth + 1 FROM up JOIN regions g ON "
    "g.code = up.ancestor_code WHERE g.parent_code IS NOT NULL AND g.parent_code <> '' AND "
    "up.depth < 8) INSERT INTO region_ancestors (region_code, ancestor_code, ancestor_parent, "
    "depth) SELECT up.region_code, up.ancestor_code, COALESCE(p.parent_code, ''), up.depth FROM "
    "up JOIN regions p ON p.code = up.ancestor_code";

ReferenceCounts load_reference_data(Database& db) {
  ReferenceCounts counts;
  db.write([&](Tx& tx) {
    if (count_regions(tx) == 0) {
      int order = 0;
      insert_region(tx, {std::string(kNationalRegionCode), "全国", "national", "", "/", false},
                    order++);
      std::map<std::string, std::string> path_of;  // code → path
      for (auto& r : table(embedded(duibiao_provinces_csv_start, duibiao_provinces_csv_end), 2,
                           "provinces.csv")) {
        std::string code = r[0] + "0000";
        std::string path = region_path({code});
        path_of[r[0]] = path;
        insert_region(tx, {code, r[1], "province", std::string(kNationalRegionCode), path, false},
                      order++);
      }
      std::map<std::string, bool> pseudo_city;
      std::map<std::string, std::string> city_code6;
      for (auto& r :
           table(embedded(duibiao_cities_csv_start, duibiao_cities_csv_end), 3, "cities.csv")) {
        if (is_pseudo_city(r[0], r[1])) {
          pseudo_city[r[0]] = true;
          continue;
        }
        std::string code = r[0] + "00";
        std::string path = path_of.at(r[2]) + code + "/";
        path_of[r[0]] = path;
        city_code6[r[0]] = code;
        insert_region(tx, {code, r[1], "city", r[2] + "0000", path, false}, order++);
      }
      for (auto& r :
           table(embedded(duibiao_areas_csv_start, duibiao_areas_csv_end), 4, "areas.csv")) {
        // Cities without counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202) list themselves.
        if (r[0] == r[2] + "00") continue;
        bool under_province = pseudo_city.count(r[2]) > 0;
        std::string parent = under_province ? r[3] + "0000" : city_code6.at(r[2]);
        std::string path = (under_province ? path_of.at(r[3]) : path_of.at(r[2])) + r[0] + "/";
        insert_region(tx, {r[0], r[1], "county", parent, path, false}, order++);
      }
      for (auto& r :
           table(embedded(duibiao_zones_csv_start, duibiao_zones_csv_end), 3, "zones.csv")) {
        auto parent = find_region(tx, r[2]);
        if (!parent) throw std::runtime_error("zones.csv: unknown parent region " + r[2]);
        insert_region(tx, {r[0], r[1], "zone", r[2], parent->path + r[0] + "/", false}, order++);
      }
    }
    // Each region with itself and every region above it: the campaign counters (migration 9)
    // count a member at all of them.
    long long ancestors = 0;
    tx.sql << kCountRegionAncestors, soci::into(ancestors);
    if (ancestors == 0) tx.sql << kFillRegionAncestors;
    if (count_industries(tx) == 0) {
      int order = 0;
      for (auto& r : table(embedded(duibiao_industries_csv_start, duibiao_industries_csv_end), 5,
                           "industries.csv")) {
        Industry i;
        i.code = r[0];
        i.name = r[1];
        i.kind = r[2];
        i.parent_code = r[3];
        for (auto& m : split(r[4], ' '))
          if (!m.empty()) i.members.push_back(m);
        insert_industry(tx, i, order++);
      }
    }
    // Zhejiang's plan (seed 004): the indicators of 表1-1 and 表2-1, once.
    load_planning_indicators(tx,
                             embedded(duibiao_planning_zj_csv_start, duibiao_planning_zj_csv_end),
                             "330000", "浙江省质量强省标准强省品牌强省建设“十四五”规划");
    counts.regions = count_regions(tx);
    counts.industries = count_industries(tx);
  });
  return counts;
}

}  // namespace duibiao
