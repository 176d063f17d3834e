#include "store/directory_store.h"

#include <soci/soci.h>

#include <string_view>

#include "domain/text.h"
#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO directory_entries (kind, name, organization, fields, region_code, region_path, "
    "contact_name, phone, email, address, description, qualification, search_text, version, "
    "created_by, created_at, updated_at) VALUES (:k, :n, :o, :f, :rc, :p, :cn, :ph, :em, :ad, "
    ":d, :q, :s, 1, :cb, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE directory_entries SET kind = :k, name = :n, organization = :o, fields = :f, "
    "region_code = :rc, region_path = :p, contact_name = :cn, phone = :ph, email = :em, address "
    "= :ad, description = :d, qualification = :q, search_text = :s, updated_at = :u, version = "
    "version + 1 WHERE id = :id AND version = :v AND region_path >= :lo AND region_path < :hi";
constexpr std::string_view kDelete =
    "DELETE FROM directory_entries WHERE id = :id AND version = :v AND region_path >= :lo AND "
    "region_path < :hi";
#define DIRECTORY_COLUMNS                                                                    \
  "d.id, d.kind, d.name, d.organization, d.fields, d.region_code, g.name, d.region_path, "   \
  "d.contact_name, d.phone, d.email, d.address, d.description, d.qualification, d.version, " \
  "d.created_by, d.created_at, d.updated_at "
#define DIRECTORY_FROM " FROM directory_entries d JOIN regions g ON g.code = d.region_code "
#define DIRECTORY_TEXT_LIKE " (:q1 = '' OR d.search_text LIKE :qp ESCAPE '\\') "
#define DIRECTORY_TEXT_FTS                                                                        \
  " (:q1 <> '' AND d.id IN (SELECT rowid FROM directory_entries_fts WHERE directory_entries_fts " \
  "MATCH :qp)) "
#define DIRECTORY_FILTER                                                                       \
  " AND (:k1 = '' OR d.kind = :k2) AND (:f1 = '' OR (',' || d.fields || ',') LIKE :fp ESCAPE " \
  "'\\') AND d.region_path >= :lo AND d.region_path < :hi "
constexpr std::string_view kFind = "SELECT " DIRECTORY_COLUMNS DIRECTORY_FROM "WHERE d.id = :id";
constexpr std::string_view kCountLike =
    "SELECT COUNT(*) FROM directory_entries d WHERE" DIRECTORY_TEXT_LIKE DIRECTORY_FILTER;
constexpr std::string_view kCountFts =
    "SELECT COUNT(*) FROM directory_entries d WHERE" DIRECTORY_TEXT_FTS DIRECTORY_FILTER;
constexpr std::string_view kListLike =
    "SELECT " DIRECTORY_COLUMNS DIRECTORY_FROM "WHERE" DIRECTORY_TEXT_LIKE DIRECTORY_FILTER
    "ORDER BY d.kind, d.name, d.id LIMIT :limit "
    "OFFSET :off";
constexpr std::string_view kListFts =
    "SELECT " DIRECTORY_COLUMNS DIRECTORY_FROM "WHERE" DIRECTORY_TEXT_FTS DIRECTORY_FILTER
    "ORDER BY d.kind, d.name, d.id LIMIT :limit "
    "OFFSET :off";

DirectoryEntry from_row(const soci::row& row) {
  DirectoryEntry e;
  e.id = row_int(row, 0);
  e.kind = row_str(row, 1);
  e.name = row_str(row, 2);
  e.organization = row_str(row, 3);
  std::string fields = row_str(row, 4);
  if (!fields.empty()) e.fields = split(fields, ',');
  e.region_code = row_str(row, 5);
  e.region_name = row_str(row, 6);
  e.region_path = row_str(row, 7);
  e.contact_name = row_str(row, 8);
  e.phone = row_str(row, 9);
  e.email = row_str(row, 10);
  e.address = row_str(row, 11);
  e.description = row_str(row, 12);
  e.qualification = row_str(row, 13);
  e.version = static_cast<int>(row_int(row, 14));
  e.created_by = row_int(row, 15);
  e.created_at = row_int(row, 16);
  e.updated_at = row_int(row, 17);
  return e;
}
}  // namespace

long long insert_directory_entry(Tx& tx, const DirectoryEntry& e, const std::string& search) {
  long long id = 0;
  std::string fields = join(e.fields, ",");
  tx.sql << kInsert, soci::use(e.kind), soci::use(e.name), soci::use(e.organization),
      soci::use(fields), soci::use(e.region_code), soci::use(e.region_path),
      soci::use(e.contact_name), soci::use(e.phone), soci::use(e.email), soci::use(e.address),
      soci::use(e.description), soci::use(e.qualification), soci::use(search),
      soci::use(e.created_by), soci::use(e.created_at), soci::use(e.updated_at), soci::into(id);
  return id;
}

bool update_directory_entry(Tx& tx, const Scope& scope, const DirectoryEntry& e,
                            int expected_version, const std::string& search) {
  std::string fields = join(e.fields, ",");
  soci::statement st =
      (tx.sql.prepare << kUpdate, soci::use(e.kind), soci::use(e.name), soci::use(e.organization),
       soci::use(fields), soci::use(e.region_code), soci::use(e.region_path),
       soci::use(e.contact_name), soci::use(e.phone), soci::use(e.email), soci::use(e.address),
       soci::use(e.description), soci::use(e.qualification), soci::use(search),
       soci::use(e.updated_at), soci::use(e.id), soci::use(expected_version), soci::use(scope.lo),
       soci::use(scope.hi));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool delete_directory_entry(Tx& tx, const Scope& scope, long long id, int expected_version) {
  soci::statement st = (tx.sql.prepare << kDelete, soci::use(id), soci::use(expected_version),
                        soci::use(scope.lo), soci::use(scope.hi));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<DirectoryEntry> find_directory_entry(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

PageResult<DirectoryEntry> list_directory(Tx& tx, const DirectoryFilter& f, const Page& page) {
  PageResult<DirectoryEntry> out;
  bool fts = tx.kind == DbKind::kSqlite && use_fts(f.q);
  std::string pattern = fts ? fts_phrase(f.q) : like_contains(f.q);
  std::string field_pattern = like_contains("," + f.field + ",");
  int limit = page.page_size, offset = page.offset();
  tx.sql << (fts ? kCountFts : kCountLike), soci::use(f.q), soci::use(pattern), soci::use(f.kind),
      soci::use(f.kind), soci::use(f.field), soci::use(field_pattern), soci::use(f.lo),
      soci::use(f.hi), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << (fts ? kListFts : kListLike), soci::use(f.q), soci::use(pattern),
       soci::use(f.kind), soci::use(f.kind), soci::use(f.field), soci::use(field_pattern),
       soci::use(f.lo), soci::use(f.hi), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

}  // namespace duibiao
