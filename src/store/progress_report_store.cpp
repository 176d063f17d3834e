#include "store/progress_report_store.h"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <string_view>

#include "store/row_util.h"

namespace duibiao {
namespace {

using nlohmann::json;

#define REPORT_COLUMNS                                                                     \
  "id, campaign_id, region_code, region_path, level, period, status, due_date, "           \
  "industries_text, scale_enterprises, narratives, figures, return_reason, submitted_at, " \
  "submitted_by, submitted_by_name, returned_at, returned_by_name, version, created_by, "  \
  "created_at, updated_at "
constexpr std::string_view kFind = "SELECT " REPORT_COLUMNS
                                   "FROM progress_reports WHERE campaign_id = :c AND period = :p "
                                   "AND region_code = :r";
constexpr std::string_view kFindById = "SELECT " REPORT_COLUMNS
                                       "FROM progress_reports WHERE id = :id AND region_path >= "
                                       ":lo AND region_path < :hi";
constexpr std::string_view kList = "SELECT " REPORT_COLUMNS
                                   "FROM progress_reports WHERE campaign_id = :c AND period = :p "
                                   "AND region_path >= :lo AND region_path < :hi ORDER BY "
                                   "region_path";
constexpr std::string_view kInsert =
    "INSERT INTO progress_reports (campaign_id, region_code, region_path, level, period, status, "
    "due_date, industries_text, scale_enterprises, narratives, figures, return_reason, "
    "submitted_at, submitted_by, submitted_by_name, returned_at, returned_by_name, version, "
    "created_by, created_at, updated_at) VALUES (:c, :rc, :rp, :l, :p, :s, :d, :it, :se, :n, :f, "
    ":rr, :sa, :sb, :sbn, :ra, :rbn, 1, :cb, :ca, :ua) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE progress_reports SET status = :s, due_date = :d, industries_text = :it, "
    "scale_enterprises = :se, narratives = :n, figures = :f, return_reason = :rr, submitted_at = "
    ":sa, submitted_by = :sb, submitted_by_name = :sbn, returned_at = :ra, returned_by_name = "
    ":rbn, updated_at = :ua, version = version + 1 WHERE id = :id AND version = :v";

std::string narratives_json(const ProgressReport& r) {
  json j = json::object();
  for (const auto& [k, v] : r.narratives) j[k] = v;
  return j.dump();
}

std::string figures_json(const ProgressReport& r) {
  if (!r.frozen) return "";
  const auto& f = *r.frozen;
  return json{{"enterprises", f.enterprises},
              {"scale_enterprises", f.scale_enterprises},
              {"plans", f.plans},
              {"products", f.products},
              {"products_with_plan", f.products_with_plan},
              {"results", f.results}}
      .dump();
}

ProgressReport from_row(const soci::row& row) {
  ProgressReport r;
  r.id = row_int(row, 0);
  r.campaign_id = row_int(row, 1);
  r.region_code = row_str(row, 2);
  r.region_path = row_str(row, 3);
  r.level = row_str(row, 4);
  r.period = row_str(row, 5);
  r.status = row_str(row, 6);
  r.due_date = row_str(row, 7);
  r.industries_text = row_str(row, 8);
  r.scale_enterprises = row_int(row, 9);
  json n = json::parse(row_str(row, 10), nullptr, false);
  if (n.is_object())
    for (auto it = n.begin(); it != n.end(); ++it)
      if (it->is_string()) r.narratives[it.key()] = it->get<std::string>();
  json f = json::parse(row_str(row, 11), nullptr, false);
  if (f.is_object()) {
    ReportFigures x;
    x.enterprises = f.value("enterprises", 0LL);
    x.scale_enterprises = f.value("scale_enterprises", 0LL);
    x.plans = f.value("plans", 0LL);
    x.products = f.value("products", 0LL);
    x.products_with_plan = f.value("products_with_plan", 0LL);
    x.results = f.value("results", 0LL);
    r.frozen = x;
  }
  r.return_reason = row_str(row, 12);
  r.submitted_at = row_int(row, 13);
  r.submitted_by = row_int(row, 14);
  r.submitted_by_name = row_str(row, 15);
  r.returned_at = row_int(row, 16);
  r.returned_by_name = row_str(row, 17);
  r.version = static_cast<int>(row_int(row, 18));
  r.created_by = row_int(row, 19);
  r.created_at = row_int(row, 20);
  r.updated_at = row_int(row, 21);
  return r;
}

}  // namespace

std::optional<ProgressReport> find_progress_report(Tx& tx, long long campaign_id,
                                                   const std::string& period,
                                                   const std::string& region_code) {
  soci::row row;
  tx.sql << kFind, soci::use(campaign_id), soci::use(period), soci::use(region_code),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

std::optional<ProgressReport> find_progress_report_by_id(Tx& tx, const std::string& lo,
                                                         const std::string& hi, long long id) {
  soci::row row;
  tx.sql << kFindById, soci::use(id), soci::use(lo), soci::use(hi), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

long long insert_progress_report(Tx& tx, const ProgressReport& r) {
  long long id = 0;
  std::string n = narratives_json(r), f = figures_json(r);
  tx.sql << kInsert, soci::use(r.campaign_id), soci::use(r.region_code), soci::use(r.region_path),
      soci::use(r.level), soci::use(r.period), soci::use(r.status), soci::use(r.due_date),
      soci::use(r.industries_text), soci::use(r.scale_enterprises), soci::use(n), soci::use(f),
      soci::use(r.return_reason), soci::use(r.submitted_at), soci::use(r.submitted_by),
      soci::use(r.submitted_by_name), soci::use(r.returned_at), soci::use(r.returned_by_name),
      soci::use(r.created_by), soci::use(r.created_at), soci::use(r.updated_at), soci::into(id);
  return id;
}

bool update_progress_report(Tx& tx, const ProgressReport& r, int expected_version) {
  std::string n = narratives_json(r), f = figures_json(r);
  soci::statement st =
      (tx.sql.prepare << kUpdate, soci::use(r.status), soci::use(r.due_date),
       soci::use(r.industries_text), soci::use(r.scale_enterprises), soci::use(n), soci::use(f),
       soci::use(r.return_reason), soci::use(r.submitted_at), soci::use(r.submitted_by),
       soci::use(r.submitted_by_name), soci::use(r.returned_at), soci::use(r.returned_by_name),
       soci::use(r.updated_at), soci::use(r.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<ProgressReport> list_progress_reports(Tx& tx, long long campaign_id,
                                                  const std::string& period, const std::string& lo,
                                                  const std::string& hi) {
  std::vector<ProgressReport> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kList, soci::use(campaign_id),
                                  soci::use(period), soci::use(lo), soci::use(hi));
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

}  // namespace duibiao
