#include "store/reference_store.h"

#include "store/prepared_query.h"

#include <soci/soci.h>

#include <string_view>

#include "domain/text.h"
#include "store/row_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsertRegion =
    "INSERT INTO regions (code, name, level, parent_code, path, sort_order) "
    "VALUES (:code, :name, :level, :parent, :path, :sort)";
constexpr std::string_view kCountRegions = "SELECT COUNT(*) FROM regions";
constexpr std::string_view kFindRegion =
    "SELECT r.code, r.name, r.level, COALESCE(r.parent_code, ''), r.path, "
    "(SELECT COUNT(*) FROM regions c WHERE c.parent_code = r.code) "
    "FROM regions r WHERE r.code = :code";
constexpr std::string_view kAllRegions =
    "SELECT code, name, level, COALESCE(parent_code, ''), path FROM regions";
constexpr std::string_view kRegionChildren =
    "SELECT r.code, r.name, r.level, COALESCE(r.parent_code, ''), r.path, "
    "(SELECT COUNT(*) FROM regions c WHERE c.parent_code = r.code) "
    "FROM regions r WHERE r.parent_code = :parent AND r.active = 1 ORDER BY r.sort_order, r.code";
constexpr std::string_view kInsertIndustry =
    "INSERT INTO industries (code, name, kind, parent_code, members, sort_order) "
    "VALUES (:code, :name, :kind, :parent, :members, :sort)";
constexpr std::string_view kCountIndustries = "SELECT COUNT(*) FROM industries";
constexpr std::string_view kFindIndustry =
    "SELECT code, name, kind, COALESCE(parent_code, ''), members FROM industries WHERE code = "
    ":code";
constexpr std::string_view kListIndustries =
    "SELECT code, name, kind, COALESCE(parent_code, ''), members FROM industries ORDER BY "
    "sort_order";
constexpr std::string_view kGetSetting = "SELECT value FROM settings WHERE key = :key";
constexpr std::string_view kUpsertSetting =
    "INSERT INTO settings (key, value) VALUES (:key, :value) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

std::vector<std::string> split_members(const std::string& s) {
  std::vector<std::string> out;
  for (auto& m : split(s, ' '))
    if (!m.empty()) out.push_back(m);
  return out;
}

Industry industry_from_row(const soci::row& row) {
  Industry i;
  i.code = row_str(row, 0);
  i.name = row_str(row, 1);
  i.kind = row_str(row, 2);
  i.parent_code = row_str(row, 3);
  i.members = split_members(row_str(row, 4));
  return i;
}
}  // namespace

void insert_region(Tx& tx, const Region& r, int sort_order) {
  std::string parent = r.parent_code;
  soci::indicator parent_ind = parent.empty() ? soci::i_null : soci::i_ok;
  tx.sql << kInsertRegion, soci::use(r.code), soci::use(r.name), soci::use(r.level),
      soci::use(parent, parent_ind), soci::use(r.path), soci::use(sort_order);
}

long long count_regions(Tx& tx) {
  long long n = 0;
  tx.sql << kCountRegions, soci::into(n);
  return n;
}

std::optional<Region> find_region(Tx& tx, const std::string& code) {
  Region r;
  long long children = 0;
  tx.sql << kFindRegion, soci::use(code), soci::into(r.code), soci::into(r.name),
      soci::into(r.level), soci::into(r.parent_code), soci::into(r.path), soci::into(children);
  if (!tx.sql.got_data()) return std::nullopt;
  r.has_children = children > 0;
  return r;
}

std::vector<Region> list_region_children(Tx& tx, const std::string& parent_code) {
  std::string parent = parent_code.empty() ? "000000" : parent_code;
  std::vector<Region> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kRegionChildren, soci::use(parent));
  for (const auto& row : rows) {
    Region r;
    r.code = row_str(row, 0);
    r.name = row_str(row, 1);
    r.level = row_str(row, 2);
    r.parent_code = row_str(row, 3);
    r.path = row_str(row, 4);
    r.has_children = row_int(row, 5) > 0;
    out.push_back(std::move(r));
  }
  return out;
}

void insert_industry(Tx& tx, const Industry& i, int sort_order) {
  std::string parent = i.parent_code;
  soci::indicator parent_ind = parent.empty() ? soci::i_null : soci::i_ok;
  std::string members = join(i.members, " ");
  tx.sql << kInsertIndustry, soci::use(i.code), soci::use(i.name), soci::use(i.kind),
      soci::use(parent, parent_ind), soci::use(members), soci::use(sort_order);
}

long long count_industries(Tx& tx) {
  long long n = 0;
  tx.sql << kCountIndustries, soci::into(n);
  return n;
}

std::optional<Industry> find_industry(Tx& tx, const std::string& code) {
  soci::row row;
  tx.sql << kFindIndustry, soci::use(code), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return industry_from_row(row);
}

std::vector<Region> list_all_regions(Tx& tx) {
  std::vector<Region> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kAllRegions);
  for (const auto& row : rows)
    out.push_back({row_str(row, 0), row_str(row, 1), row_str(row, 2), row_str(row, 3),
                   row_str(row, 4), false});
  return out;
}

std::vector<Industry> list_industries(Tx& tx) {
  std::vector<Industry> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kListIndustries);
  for (const auto& row : rows) out.push_back(industry_from_row(row));
  return out;
}

std::optional<std::string> get_setting(Tx& tx, const std::string& key) {
  std::optional<std::string> v;
  run_prepared(
      tx, kGetSetting, "s", "s", [&](PreparedQuery& q) { q.set(0, key); },
      [&](const PreparedQuery& row) { v = row.str(0); });
  return v;
}

void set_setting(Tx& tx, const std::string& key, const std::string& value) {
  tx.sql << kUpsertSetting, soci::use(key), soci::use(value);
}

}  // namespace duibiao
