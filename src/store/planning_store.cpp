#include "store/planning_store.h"

#include <soci/soci.h>

#include <stdexcept>
#include <string_view>

#include "domain/csv.h"
#include "domain/text.h"
#include "store/reference_store.h"
#include "store/row_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsertIndicator =
    "INSERT INTO planning_indicators (region_code, region_path, plan_name, table_no, table_title, "
    "seq, category, name, unit, measure, baseline_year, baseline_text, target_year, target_text, "
    "direction, attribute, created_at) VALUES (:rc, :path, :plan, :t, :tt, :seq, :cat, :n, :u, "
    ":m, :by, :bt, :ty, :tg, :d, :a, :ca) RETURNING id";
constexpr std::string_view kCountIndicators =
    "SELECT COUNT(*) FROM planning_indicators WHERE region_code = :rc";
#define INDICATOR_COLUMNS                                                                       \
  "i.id, i.region_code, r.name, i.region_path, i.plan_name, i.table_no, i.table_title, i.seq, " \
  "i.category, i.name, i.unit, i.measure, i.baseline_year, i.baseline_text, i.target_year, "    \
  "i.target_text, i.direction, i.attribute, i.created_at "
#define INDICATOR_FROM " FROM planning_indicators i JOIN regions r ON r.code = i.region_code "
#define INDICATOR_SCOPE " i.region_path >= :lo AND i.region_path < :hi "
#define INDICATOR_FILTER " AND (:t1 = '' OR i.table_no = :t2) "
constexpr std::string_view kFindIndicator =
    "SELECT " INDICATOR_COLUMNS INDICATOR_FROM "WHERE i.id = :id AND" INDICATOR_SCOPE;
constexpr std::string_view kCountInScope =
    "SELECT COUNT(*) FROM planning_indicators i WHERE" INDICATOR_SCOPE INDICATOR_FILTER;
constexpr std::string_view kListIndicators =
    "SELECT " INDICATOR_COLUMNS INDICATOR_FROM "WHERE" INDICATOR_SCOPE INDICATOR_FILTER
    "ORDER BY i.region_path, i.plan_name, i.table_no, i.seq, i.id LIMIT :limit OFFSET :offset";
#define ACTUAL_COLUMNS \
  "a.id, a.indicator_id, a.year, a.value, a.note, a.entered_by, a.entered_by_name, a.entered_at "
#define ACTUAL_FROM " FROM planning_actuals a JOIN planning_indicators i ON i.id = a.indicator_id "
constexpr std::string_view kListActuals =
    "SELECT " ACTUAL_COLUMNS ACTUAL_FROM "WHERE" INDICATOR_SCOPE INDICATOR_FILTER
    "ORDER BY a.indicator_id, a.year";
constexpr std::string_view kActualsOf =
    "SELECT " ACTUAL_COLUMNS ACTUAL_FROM "WHERE a.indicator_id = :id AND" INDICATOR_SCOPE
    "ORDER BY a.year";
constexpr std::string_view kFindActual =
    "SELECT " ACTUAL_COLUMNS ACTUAL_FROM
    "WHERE a.indicator_id = :id AND a.year = :y AND" INDICATOR_SCOPE;
// One statement on both backends; the SELECT … WHERE keeps the write inside the caller's scope
// (and its WHERE also settles SQLite's parse of ON CONFLICT after a SELECT).
constexpr std::string_view kPutActual =
    "INSERT INTO planning_actuals (indicator_id, year, value, note, entered_by, entered_by_name, "
    "entered_at) SELECT i.id, :y, :v, :n, :by, :byn, :at FROM planning_indicators i WHERE i.id = "
    ":id AND" INDICATOR_SCOPE
    "ON CONFLICT (indicator_id, year) DO UPDATE SET value = excluded.value, note = excluded.note, "
    "entered_by = excluded.entered_by, entered_by_name = excluded.entered_by_name, entered_at = "
    "excluded.entered_at";
constexpr std::string_view kDeleteActual =
    "DELETE FROM planning_actuals WHERE indicator_id = :id AND year = :y AND indicator_id IN "
    "(SELECT i.id FROM planning_indicators i WHERE" INDICATOR_SCOPE ")";

double row_double(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_string:
      return std::stod(row.get<std::string>(i));
    default:
      return static_cast<double>(row_int(row, i));
  }
}

PlanningIndicator indicator_from_row(const soci::row& row) {
  PlanningIndicator p;
  p.id = row_int(row, 0);
  p.region_code = row_str(row, 1);
  p.region_name = row_str(row, 2);
  p.region_path = row_str(row, 3);
  p.plan_name = row_str(row, 4);
  p.table_no = row_str(row, 5);
  p.table_title = row_str(row, 6);
  p.seq = static_cast<int>(row_int(row, 7));
  p.category = row_str(row, 8);
  p.name = row_str(row, 9);
  p.unit = row_str(row, 10);
  p.measure = row_str(row, 11);
  p.baseline_year = static_cast<int>(row_int(row, 12));
  p.baseline_text = row_str(row, 13);
  p.target_year = static_cast<int>(row_int(row, 14));
  p.target_text = row_str(row, 15);
  p.direction = row_str(row, 16);
  p.attribute = row_str(row, 17);
  p.created_at = row_int(row, 18);
  return p;
}

PlanningActual actual_from_row(const soci::row& row) {
  PlanningActual a;
  a.id = row_int(row, 0);
  a.indicator_id = row_int(row, 1);
  a.year = static_cast<int>(row_int(row, 2));
  a.value = row_double(row, 3);
  a.note = row_str(row, 4);
  a.entered_by = row_int(row, 5);
  a.entered_by_name = row_str(row, 6);
  a.entered_at = row_int(row, 7);
  return a;
}

int to_year(const std::string& s, const char* what) {
  try {
    return std::stoi(s);
  } catch (const std::exception&) {
    throw std::runtime_error(std::string("planning indicators: bad ") + what + " “" + s + "”");
  }
}
}  // namespace

long long insert_planning_indicator(Tx& tx, const PlanningIndicator& p) {
  long long id = 0;
  tx.sql << kInsertIndicator, soci::use(p.region_code), soci::use(p.region_path),
      soci::use(p.plan_name), soci::use(p.table_no), soci::use(p.table_title), soci::use(p.seq),
      soci::use(p.category), soci::use(p.name), soci::use(p.unit), soci::use(p.measure),
      soci::use(p.baseline_year), soci::use(p.baseline_text), soci::use(p.target_year),
      soci::use(p.target_text), soci::use(p.direction), soci::use(p.attribute),
      soci::use(p.created_at), soci::into(id);
  return id;
}

long long count_planning_indicators(Tx& tx, const std::string& region_code) {
  long long n = 0;
  tx.sql << kCountIndicators, soci::use(region_code), soci::into(n);
  return n;
}

PageResult<PlanningIndicator> list_planning_indicators(Tx& tx, const Scope& scope,
                                                       const PlanningFilter& f, const Page& page) {
  PageResult<PlanningIndicator> out;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountInScope, soci::use(scope.lo), soci::use(scope.hi), soci::use(f.table_no),
      soci::use(f.table_no), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListIndicators, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(f.table_no), soci::use(f.table_no), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(indicator_from_row(row));
  return out;
}

std::optional<PlanningIndicator> find_planning_indicator(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kFindIndicator, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return indicator_from_row(row);
}

std::vector<PlanningActual> list_planning_actuals(Tx& tx, const Scope& scope,
                                                  const PlanningFilter& f) {
  std::vector<PlanningActual> out;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListActuals, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(f.table_no), soci::use(f.table_no));
  for (const auto& row : rows) out.push_back(actual_from_row(row));
  return out;
}

std::vector<PlanningActual> list_actuals_of(Tx& tx, const Scope& scope, long long indicator_id) {
  std::vector<PlanningActual> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kActualsOf, soci::use(indicator_id),
                                  soci::use(scope.lo), soci::use(scope.hi));
  for (const auto& row : rows) out.push_back(actual_from_row(row));
  return out;
}

std::optional<PlanningActual> find_planning_actual(Tx& tx, const Scope& scope,
                                                   long long indicator_id, int year) {
  soci::row row;
  tx.sql << kFindActual, soci::use(indicator_id), soci::use(year), soci::use(scope.lo),
      soci::use(scope.hi), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return actual_from_row(row);
}

bool put_planning_actual(Tx& tx, const Scope& scope, const PlanningActual& a) {
  soci::statement st =
      (tx.sql.prepare << kPutActual, soci::use(a.year), soci::use(a.value), soci::use(a.note),
       soci::use(a.entered_by), soci::use(a.entered_by_name), soci::use(a.entered_at),
       soci::use(a.indicator_id), soci::use(scope.lo), soci::use(scope.hi));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool delete_planning_actual(Tx& tx, const Scope& scope, long long indicator_id, int year) {
  soci::statement st = (tx.sql.prepare << kDeleteActual, soci::use(indicator_id), soci::use(year),
                        soci::use(scope.lo), soci::use(scope.hi));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

long long load_planning_indicators(Tx& tx, std::string_view csv, const std::string& region_code,
                                   const std::string& plan_name) {
  if (count_planning_indicators(tx, region_code) > 0) return 0;
  auto region = find_region(tx, region_code);
  if (!region) throw std::runtime_error("planning indicators: unknown region " + region_code);
  auto rows = parse_csv(csv);
  if (rows.empty()) throw std::runtime_error("planning indicators: empty file");
  long long n = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& c = rows[r];
    if (c.size() == 1 && trim(c[0]).empty()) continue;
    if (c.size() < 14)
      throw std::runtime_error("planning indicators row " + std::to_string(r + 1) +
                               ": expected 14 columns");
    PlanningIndicator p;
    p.region_code = region->code;
    p.region_path = region->path;
    p.plan_name = plan_name;
    p.table_no = c[0];
    p.table_title = c[1];
    p.seq = to_year(c[2], "seq");
    p.category = c[3];
    p.name = c[4];
    p.unit = c[5];
    p.measure = measure_of_name(p.name);
    p.baseline_year = to_year(c[6], "baseline year");
    p.baseline_text = c[7];
    p.target_year = to_year(c[8], "target year");
    p.target_text = c[9];
    p.direction = c[10];
    p.attribute = c[11];
    if (!is_valid_direction(p.direction) || !is_valid_attribute(p.attribute))
      throw std::runtime_error("planning indicators row " + std::to_string(r + 1) +
                               ": bad direction or attribute");
    p.created_at = now_unix();
    p.id = insert_planning_indicator(tx, p);
    ++n;
    // The completion column of 表1-1 (2020年完成) is the plan's own actual of its last year.
    if (!trim(c[12]).empty() && !trim(c[13]).empty()) {
      PlanValue v = parse_plan_value(c[13]);
      if (!v.value)
        throw std::runtime_error("planning indicators row " + std::to_string(r + 1) +
                                 ": actual is not a number");
      PlanningActual a;
      a.indicator_id = p.id;
      a.year = to_year(c[12], "actual year");
      a.value = *v.value;
      a.note = "规划文本" + p.table_no + "：" + std::to_string(a.year) + "年完成" +
               (v.qualifier.empty() ? "" : "“" + std::string(trim(c[13])) + "”");
      a.entered_by_name = "规划文本";
      a.entered_at = p.created_at;
      Scope all;
      put_planning_actual(tx, all, a);
    }
  }
  return n;
}

}  // namespace duibiao
