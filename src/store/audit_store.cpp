#include "store/audit_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/prepared_query.h"
#include "store/row_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_path, "
    "enterprise_id, summary, before_json, after_json, remote_addr) VALUES (:at, NULLIF(CAST(:actor "
    "AS BIGINT), 0), "
    ":aname, :action, :entity, :eid, :path, NULLIF(CAST(:ent AS BIGINT), 0), :summary, :before, "
    ":after, :addr) RETURNING id";
#define AUDIT_COLUMNS                                                                   \
  "id, at, COALESCE(actor_id, 0), actor_name, action, entity, entity_id, region_path, " \
  "COALESCE(enterprise_id, 0), summary, before_json, after_json, remote_addr "
#define AUDIT_SCOPE \
  " region_path >= :lo AND region_path < :hi AND (:eid1 = 0 OR enterprise_id = :eid2) "
#define AUDIT_FILTER " AND (:ent1 = '' OR entity = :ent2) AND (:act1 = 0 OR actor_id = :act2) "
constexpr std::string_view kFind =
    "SELECT " AUDIT_COLUMNS "FROM audit_log WHERE id = :id AND" AUDIT_SCOPE;
constexpr std::string_view kCount = "SELECT COUNT(*) FROM audit_log WHERE" AUDIT_SCOPE AUDIT_FILTER;
constexpr std::string_view kList =
    "SELECT " AUDIT_COLUMNS "FROM audit_log WHERE" AUDIT_SCOPE AUDIT_FILTER
    "ORDER BY id DESC LIMIT :limit OFFSET :offset";

AuditEntry from_row(const soci::row& row) {
  AuditEntry a;
  a.id = row_int(row, 0);
  a.at = row_int(row, 1);
  a.actor_id = row_int(row, 2);
  a.actor_name = row_str(row, 3);
  a.action = row_str(row, 4);
  a.entity = row_str(row, 5);
  a.entity_id = row_str(row, 6);
  a.region_path = row_str(row, 7);
  a.enterprise_id = row_int(row, 8);
  a.summary = row_str(row, 9);
  a.before_json = row_str(row, 10);
  a.after_json = row_str(row, 11);
  a.remote_addr = row_str(row, 12);
  return a;
}
}  // namespace

// Prepared once per connection: every write of the platform records one (on SQLite inside the
// one writer, where parsing the statement each time was a tenth of a submission's write).
long long insert_audit(Tx& tx, const AuditEntry& a) {
  long long id = 0;
  run_prepared(
      tx, kInsert, "iisssssissss", "i",
      [&](PreparedQuery& q) {
        q.set(0, a.at);
        q.set(1, a.actor_id);
        q.set(7, a.enterprise_id);
        size_t i = 2;
        for (const std::string* v :
             {&a.actor_name, &a.action, &a.entity, &a.entity_id, &a.region_path})
          q.set(i++, *v);
        i = 8;
        for (const std::string* v : {&a.summary, &a.before_json, &a.after_json, &a.remote_addr})
          q.set(i++, *v);
      },
      [&](const PreparedQuery& row) { id = row.integer(0); });
  return id;
}

std::optional<AuditEntry> find_audit(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

PageResult<AuditEntry> list_audit(Tx& tx, const Scope& scope, const AuditFilter& f,
                                  const Page& page) {
  PageResult<AuditEntry> out;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(f.entity), soci::use(f.entity),
      soci::use(f.actor_id), soci::use(f.actor_id), soci::into(out.total);
  soci::rowset<soci::row> rows = (tx.sql.prepare << kList, soci::use(scope.lo), soci::use(scope.hi),
                                  soci::use(scope.enterprise_id), soci::use(scope.enterprise_id),
                                  soci::use(f.entity), soci::use(f.entity), soci::use(f.actor_id),
                                  soci::use(f.actor_id), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

}  // namespace duibiao
