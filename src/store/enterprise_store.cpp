#include "store/enterprise_store.h"

#include <soci/soci.h>

#include <string_view>

#include "domain/text.h"
#include "store/prepared_query.h"
#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO enterprises (name, credit_code, credit_code_status, region_code, region_path, "
    "industry_code, contact_name, contact_phone, contact_email, address, flags, created_at, "
    "updated_at) VALUES (:name, :code, :status, :region, :path, :industry, :cname, :cphone, "
    ":cemail, :addr, :flags, :created, :updated) RETURNING id";
constexpr std::string_view kCodeTaken =
    "SELECT COUNT(*) FROM enterprises WHERE credit_code = :code";

#define ENTERPRISE_COLUMNS                                                                    \
  "e.id, e.name, e.credit_code, e.credit_code_status, e.region_code, r.name, e.region_path, " \
  "e.industry_code, e.contact_name, e.contact_phone, e.contact_email, e.address, e.flags, "   \
  "e.created_at, e.updated_at "

// Scope: region_path in [lo, hi) and, for an enterprise caller, its own id only.
#define ENTERPRISE_SCOPE \
  " e.region_path >= :lo AND e.region_path < :hi AND (:eid1 = 0 OR e.id = :eid2) "

constexpr std::string_view kFind = "SELECT " ENTERPRISE_COLUMNS
                                   "FROM enterprises e JOIN regions r ON r.code = e.region_code "
                                   "WHERE e.id = :id AND" ENTERPRISE_SCOPE;
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM enterprises e WHERE" ENTERPRISE_SCOPE
    "AND (:q1 = '' OR e.name LIKE :qpat1 ESCAPE '\\' OR e.credit_code LIKE :qpat2 ESCAPE '\\') "
    "AND e.region_path >= :flo AND e.region_path < :fhi";
constexpr std::string_view kList =
    "SELECT " ENTERPRISE_COLUMNS
    "FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE" ENTERPRISE_SCOPE
    "AND (:q1 = '' OR e.name LIKE :qpat1 ESCAPE '\\' OR e.credit_code LIKE :qpat2 ESCAPE '\\') "
    "AND e.region_path >= :flo AND e.region_path < :fhi "
    "ORDER BY e.id DESC LIMIT :limit OFFSET :offset";
// The same page for a wide scope and filter (the nation, a province) on SQLite: the table walked
// newest first, the region checked per row ("|| ''" keeps the planner off the region index,
// whose range was the whole table, sorted for every page: 0.1 s for the nation).
constexpr std::string_view kListWide =
    "SELECT " ENTERPRISE_COLUMNS
    "FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE (e.region_path || '') >= "
    ":lo AND (e.region_path || '') < :hi AND (:eid1 = 0 OR e.id = :eid2) "
    "AND (:q1 = '' OR e.name LIKE :qpat1 ESCAPE '\\' OR e.credit_code LIKE :qpat2 ESCAPE '\\') "
    "AND (e.region_path || '') >= :flo AND (e.region_path || '') < :fhi "
    "ORDER BY e.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kFindByNameOrCode =
    "SELECT " ENTERPRISE_COLUMNS
    "FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE" ENTERPRISE_SCOPE
    "AND (e.name = :name OR e.credit_code = :code) ORDER BY e.id LIMIT 5";
constexpr std::string_view kUpdateStatus =
    "UPDATE enterprises SET credit_code_status = :status, updated_at = :now "
    "WHERE id = :id AND region_path >= :lo AND region_path < :hi";

// Reads either a dynamic soci::row or a prepared query's typed columns.
template <class Row>
Enterprise from_row(const Row& row) {
  Enterprise e;
  e.id = column_int(row, 0);
  e.name = column_str(row, 1);
  e.credit_code = column_str(row, 2);
  e.credit_code_status = column_str(row, 3);
  e.region_code = column_str(row, 4);
  e.region_name = column_str(row, 5);
  e.region_path = column_str(row, 6);
  e.industry_code = column_str(row, 7);
  e.contact_name = column_str(row, 8);
  e.contact_phone = column_str(row, 9);
  e.contact_email = column_str(row, 10);
  e.address = column_str(row, 11);
  for (auto& f : split(column_str(row, 12), ','))
    if (!f.empty()) e.flags.push_back(f);
  e.created_at = column_int(row, 13);
  e.updated_at = column_int(row, 14);
  return e;
}
}  // namespace

long long insert_enterprise(Tx& tx, const Enterprise& e) {
  long long id = 0;
  std::string flags = join(e.flags, ",");
  tx.sql << kInsert, soci::use(e.name), soci::use(e.credit_code), soci::use(e.credit_code_status),
      soci::use(e.region_code), soci::use(e.region_path), soci::use(e.industry_code),
      soci::use(e.contact_name), soci::use(e.contact_phone), soci::use(e.contact_email),
      soci::use(e.address), soci::use(flags), soci::use(e.created_at), soci::use(e.updated_at),
      soci::into(id);
  return id;
}

bool credit_code_taken(Tx& tx, const std::string& credit_code) {
  long long n = 0;
  tx.sql << kCodeTaken, soci::use(credit_code), soci::into(n);
  return n > 0;
}

std::optional<Enterprise> find_enterprise(Tx& tx, const Scope& scope, long long id) {
  std::optional<Enterprise> out;
  run_prepared(
      tx, kFind, "issii", "issssssssssssii",
      [&](PreparedQuery& q) {
        q.set(0, id);
        q.set(1, scope.lo);
        q.set(2, scope.hi);
        q.set(3, scope.enterprise_id);
        q.set(4, scope.enterprise_id);
      },
      [&](const PreparedQuery& row) { out = from_row(row); });
  return out;
}

PageResult<Enterprise> list_enterprises(Tx& tx, const Scope& scope, const EnterpriseFilter& f,
                                        const Page& page) {
  PageResult<Enterprise> out;
  std::string pattern = like_contains(f.q);
  std::string flo = f.region_path.empty() ? std::string("/") : f.region_path;
  std::string fhi = flo + "\x7f";
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(f.q), soci::use(pattern), soci::use(pattern),
      soci::use(flo), soci::use(fhi), soci::into(out.total);
  bool wide = tx.kind == DbKind::kSqlite && scope.enterprise_id == 0 &&
              wide_region_path(scope.lo) && wide_region_path(flo);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << (wide ? kListWide : kList), soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.q),
       soci::use(pattern), soci::use(pattern), soci::use(flo), soci::use(fhi), soci::use(limit),
       soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

void update_enterprise_credit_status(Tx& tx, const Scope& scope, long long id,
                                     const std::string& status, long long now) {
  tx.sql << kUpdateStatus, soci::use(status), soci::use(now), soci::use(id), soci::use(scope.lo),
      soci::use(scope.hi);
}

std::vector<Enterprise> find_enterprises_by_name_or_code(Tx& tx, const Scope& scope,
                                                         const std::string& name,
                                                         const std::string& code) {
  std::vector<Enterprise> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kFindByNameOrCode, soci::use(scope.lo),
                                  soci::use(scope.hi), soci::use(scope.enterprise_id),
                                  soci::use(scope.enterprise_id), soci::use(name), soci::use(code));
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

}  // namespace duibiao
