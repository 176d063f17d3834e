#include "store/workbench_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"

namespace duibiao {
namespace {

// The caller's scope, bound as :lo, :hi and the enterprise id (twice: 0 means every enterprise).
#define SCOPE_OF(alias, eid_column)                                                        \
  " " alias ".region_path >= :lo AND " alias ".region_path < :hi AND (:eid1 = 0 OR " alias \
  "." eid_column " = :eid2) "

constexpr std::string_view kResultsByStatusCounted =
    "SELECT status, CAST(SUM(n) AS BIGINT) FROM result_status_counts WHERE region_path >= :lo AND "
    "region_path < :hi AND (:sub = 0 OR submitted = 1) GROUP BY status";
constexpr std::string_view kResultsByStatusOfEnterprise =
    "SELECT r.status, COUNT(*) FROM results r WHERE r.enterprise_id = :eid AND r.region_path >= "
    ":lo AND r.region_path < :hi AND (:sub = 0 OR r.submitted_at > 0) GROUP BY r.status";
// An enterprise's own products from its index (the region index counted its whole county's).
constexpr std::string_view kProductsOfEnterprise =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.selected <> 0 THEN 1 ELSE 0 END), 0) FROM products "
    "p WHERE p.enterprise_id = :eid AND p.region_path >= :lo AND p.region_path < :hi";
constexpr std::string_view kProducts =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.selected <> 0 THEN 1 ELSE 0 END), 0) FROM products "
    "p WHERE" SCOPE_OF("p", "enterprise_id");
constexpr std::string_view kEnterprises =
    "SELECT COUNT(*) FROM enterprises e WHERE" SCOPE_OF("e", "id");
constexpr std::string_view kEnterprisesCounted =
    "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM region_enterprise_counts WHERE region_path "
    ">= :lo AND region_path < :hi";
constexpr std::string_view kPlansByStatus =
    "SELECT p.status, COUNT(*) FROM plans p WHERE (:a1 = 0 OR p.author_id = :a2) GROUP BY "
    "p.status";
constexpr std::string_view kOpenObjections =
    "SELECT COUNT(*) FROM plan_objections o JOIN plans p ON p.id = o.plan_id WHERE o.answered_at "
    "= 0 AND p.status = 'notice' AND (:a1 = 0 OR p.author_id = :a2)";
constexpr std::string_view kNoticeEnded =
    "SELECT COUNT(*) FROM plans p WHERE p.status = 'notice' AND p.notice_end <> '' AND "
    "p.notice_end < :today";
constexpr std::string_view kUsersByRole =
    "SELECT u.role, COUNT(*) FROM users u WHERE u.disabled = 0 AND" SCOPE_OF(
        "u", "enterprise_id") "GROUP BY u.role";
// Drafts never submitted are the enterprise's own business: their events stay out of a
// regulator's feed (an enterprise sees its own).
#define ACTIVITY_COLUMNS                                                                     \
  "SELECT e.at, e.result_id, e.actor_name, e.actor_role, e.action, e.to_status, e.comment, " \
  "en.name, p.name "
#define ACTIVITY_MOVES " AND e.action IN ('submit', 'pass', 'return', 'publish') "
constexpr std::string_view kRecentActivity = ACTIVITY_COLUMNS
    "FROM result_events e JOIN results r ON r.id = e.result_id JOIN enterprises en "
    "ON en.id = r.enterprise_id JOIN products p ON p.id = r.product_id WHERE" SCOPE_OF(
        "r", "enterprise_id") ACTIVITY_MOVES "ORDER BY e.id DESC LIMIT :limit";
// The events after :from, newest first, each then checked against the scope. CROSS JOIN keeps
// SQLite's planner on that order (left to itself it walked every result of the scope and sorted
// their events: 0.4 s warm for the nation).
constexpr std::string_view kRecentActivityWindow = ACTIVITY_COLUMNS
    "FROM result_events e CROSS JOIN results r CROSS JOIN enterprises en CROSS "
    "JOIN products p WHERE e.id > :from AND r.id = e.result_id AND en.id = r.enterprise_id AND "
    "p.id = r.product_id AND" SCOPE_OF("r", "enterprise_id") ACTIVITY_MOVES
    "ORDER BY e.id DESC LIMIT :limit";
constexpr std::string_view kLastEventId = "SELECT COALESCE(MAX(id), 0) FROM result_events";
constexpr std::string_view kReturned =
    "SELECT r.id, p.name, r.plan_number, e.at, e.actor_name, e.comment FROM results r JOIN "
    "products p ON p.id = r.product_id JOIN result_events e ON e.result_id = r.id WHERE "
    "r.status = 'returned' AND" SCOPE_OF("r", "enterprise_id")
    "AND e.id = (SELECT MAX(x.id) FROM result_events x WHERE x.result_id = r.id AND x.action = "
    "'return') ORDER BY e.id DESC LIMIT :limit";

std::vector<KeyCount> key_counts(soci::rowset<soci::row>& rows) {
  std::vector<KeyCount> out;
  for (const auto& row : rows) out.push_back({row_str(row, 0), row_int(row, 1)});
  return out;
}

void read_activity(soci::rowset<soci::row>& rows, std::vector<ResultActivity>& out) {
  for (const auto& row : rows) {
    ResultActivity a;
    a.at = row_int(row, 0);
    a.result_id = row_int(row, 1);
    a.actor_name = row_str(row, 2);
    a.actor_role = row_str(row, 3);
    a.action = row_str(row, 4);
    a.to_status = row_str(row, 5);
    a.comment = row_str(row, 6);
    a.enterprise_name = row_str(row, 7);
    a.product_name = row_str(row, 8);
    out.push_back(std::move(a));
  }
}

}  // namespace

std::vector<KeyCount> count_results_by_status(Tx& tx, const Scope& scope, bool submitted_only) {
  int sub = submitted_only ? 1 : 0;
  if (scope.enterprise_id != 0) {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kResultsByStatusOfEnterprise, soci::use(scope.enterprise_id),
         soci::use(scope.lo), soci::use(scope.hi), soci::use(sub));
    return key_counts(rows);
  }
  soci::rowset<soci::row> rows = (tx.sql.prepare << kResultsByStatusCounted, soci::use(scope.lo),
                                  soci::use(scope.hi), soci::use(sub));
  std::vector<KeyCount> out;
  for (auto& k : key_counts(rows))
    if (k.count != 0) out.push_back(std::move(k));
  return out;
}

ProductCounts count_products_in(Tx& tx, const Scope& scope) {
  ProductCounts out;
  if (scope.enterprise_id != 0) {
    tx.sql << kProductsOfEnterprise, soci::use(scope.enterprise_id), soci::use(scope.lo),
        soci::use(scope.hi), soci::into(out.total), soci::into(out.selected);
    return out;
  }
  tx.sql << kProducts, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::into(out.total), soci::into(out.selected);
  return out;
}

long long count_enterprises_in(Tx& tx, const Scope& scope) {
  long long n = 0;
  if (scope.enterprise_id == 0) {
    tx.sql << kEnterprisesCounted, soci::use(scope.lo), soci::use(scope.hi), soci::into(n);
    return n;
  }
  tx.sql << kEnterprises, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::into(n);
  return n;
}

std::vector<KeyCount> count_plans_by_status(Tx& tx, long long author_id) {
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kPlansByStatus, soci::use(author_id), soci::use(author_id));
  return key_counts(rows);
}

long long count_open_objections(Tx& tx, long long author_id) {
  long long n = 0;
  tx.sql << kOpenObjections, soci::use(author_id), soci::use(author_id), soci::into(n);
  return n;
}

long long count_notice_ended(Tx& tx, const std::string& today) {
  long long n = 0;
  tx.sql << kNoticeEnded, soci::use(today), soci::into(n);
  return n;
}

std::vector<KeyCount> count_users_by_role(Tx& tx, const Scope& scope) {
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kUsersByRole, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id));
  return key_counts(rows);
}

std::vector<ResultActivity> recent_result_activity(Tx& tx, const Scope& scope, int limit,
                                                   long long window) {
  std::vector<ResultActivity> out;
  if (window > 0 && scope.enterprise_id == 0) {
    long long last = 0;
    tx.sql << kLastEventId, soci::into(last);
    long long from = last - window;
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kRecentActivityWindow, soci::use(from), soci::use(scope.lo),
         soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id),
         soci::use(limit));
    read_activity(rows, out);
    if (static_cast<int>(out.size()) == limit || from <= 0) return out;
    out.clear();
  }
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kRecentActivity, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(limit));
  read_activity(rows, out);
  return out;
}

std::vector<ReturnedResult> returned_results(Tx& tx, const Scope& scope, int limit) {
  std::vector<ReturnedResult> out;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kReturned, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(limit));
  for (const auto& row : rows) {
    ReturnedResult r;
    r.result_id = row_int(row, 0);
    r.product_name = row_str(row, 1);
    r.plan_number = row_str(row, 2);
    r.at = row_int(row, 3);
    r.actor_name = row_str(row, 4);
    r.reason = row_str(row, 5);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace duibiao
