#include "store/standard_store.h"

#include <soci/soci.h>

#include <map>
#include <string_view>
#include <vector>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO standards (normalized, as_written, kind, prefix, standard_key, year, title_zh, "
    "title_en, status, issued_on, effective_on, withdrawn_on, replaced_by, ics, ccs, adoption, "
    "adopted_number, search_text, created_at, updated_at) VALUES (:n, :w, :k, :p, :key, :y, "
    ":tz, :te, :st, :iss, :eff, :wd, :rep, :ics, :ccs, :ad, :adn, :search, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE standards SET title_zh = :tz, title_en = :te, status = :st, issued_on = :iss, "
    "effective_on = :eff, withdrawn_on = :wd, replaced_by = :rep, ics = :ics, ccs = :ccs, "
    "adoption = :ad, adopted_number = :adn, search_text = :search, updated_at = :u WHERE id = :id";
#define STANDARD_COLUMNS                                                                      \
  "s.id, s.normalized, s.as_written, s.kind, s.prefix, s.standard_key, s.year, s.title_zh, "  \
  "s.title_en, s.status, s.issued_on, s.effective_on, s.withdrawn_on, s.replaced_by, s.ics, " \
  "s.ccs, s.adoption, s.adopted_number, s.created_at, s.updated_at "
constexpr std::string_view kFind = "SELECT " STANDARD_COLUMNS "FROM standards s WHERE s.id = :id";
constexpr std::string_view kFindByNumber =
    "SELECT " STANDARD_COLUMNS "FROM standards s WHERE s.normalized = :n";
// The text clause comes in two forms with the same parameters (:q1, :qp): a LIKE scan (PostgreSQL,
// where pg_trgm indexes it, and short queries on SQLite) and an FTS5 trigram match (SQLite).
#define STANDARD_TEXT_LIKE "(:q1 = '' OR s.search_text LIKE :qp ESCAPE '\\')"
// Only used with a non-empty query: AND (not OR with the empty case) lets SQLite drive the
// query from the FTS match instead of scanning every row and probing the match per row.
#define STANDARD_TEXT_FTS \
  "(:q1 <> '' AND s.id IN (SELECT rowid FROM standards_fts WHERE standards_fts MATCH :qp))"
#define STANDARD_FILTER(TEXT)                                                                    \
  " WHERE " TEXT                                                                                 \
  " AND (:k1 = '' OR s.kind = :k2) "                                                             \
  "AND (:st1 = '' OR s.status = :st2) AND (:f1 = '' OR EXISTS (SELECT 1 FROM "                   \
  "advanced_standards a WHERE a.standard_id = s.id AND a.field = :f2)) AND (:adv = 0 OR EXISTS " \
  "(SELECT 1 FROM advanced_standards a2 WHERE a2.standard_id = s.id)) "
constexpr std::string_view kCountLike =
    "SELECT COUNT(*) FROM standards s" STANDARD_FILTER(STANDARD_TEXT_LIKE);
constexpr std::string_view kListLike =
    "SELECT " STANDARD_COLUMNS "FROM standards s" STANDARD_FILTER(
        STANDARD_TEXT_LIKE) "ORDER BY s.normalized LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountFts =
    "SELECT COUNT(*) FROM standards s" STANDARD_FILTER(STANDARD_TEXT_FTS);
constexpr std::string_view kListFts = "SELECT " STANDARD_COLUMNS "FROM standards s" STANDARD_FILTER(
    STANDARD_TEXT_FTS) "ORDER BY s.normalized LIMIT :limit OFFSET :offset";
constexpr std::string_view kAddField =
    "INSERT INTO advanced_standards (standard_id, field, added_at) VALUES (:id, :f, :t) "
    "ON CONFLICT (standard_id, field) DO NOTHING";
constexpr std::string_view kRemoveField =
    "DELETE FROM advanced_standards WHERE standard_id = :id AND field = :f";
constexpr std::string_view kFieldsOf =
    "SELECT field FROM advanced_standards WHERE standard_id = :id ORDER BY field";
#define DUIBIAO_FIELDS_OF(IDS)                                                  \
  "SELECT standard_id, field FROM advanced_standards WHERE standard_id IN " IDS \
  " ORDER BY standard_id, field"
constexpr std::string_view kFieldsOfManySqlite = DUIBIAO_FIELDS_OF(DUIBIAO_IDS_IN_SQLITE);
constexpr std::string_view kFieldsOfManyPg = DUIBIAO_FIELDS_OF(DUIBIAO_IDS_IN_PG);
#undef DUIBIAO_FIELDS_OF
constexpr std::string_view kFieldCounts =
    "SELECT field, COUNT(*) FROM advanced_standards GROUP BY field ORDER BY field";

Standard from_row(const soci::row& row) {
  Standard s;
  s.id = row_int(row, 0);
  s.normalized = row_str(row, 1);
  s.as_written = row_str(row, 2);
  s.kind = row_str(row, 3);
  s.prefix = row_str(row, 4);
  s.standard_key = row_str(row, 5);
  s.year = static_cast<int>(row_int(row, 6));
  s.title_zh = row_str(row, 7);
  s.title_en = row_str(row, 8);
  s.status = row_str(row, 9);
  s.issued_on = row_str(row, 10);
  s.effective_on = row_str(row, 11);
  s.withdrawn_on = row_str(row, 12);
  s.replaced_by = row_str(row, 13);
  s.ics = row_str(row, 14);
  s.ccs = row_str(row, 15);
  s.adoption = row_str(row, 16);
  s.adopted_number = row_str(row, 17);
  s.created_at = row_int(row, 18);
  s.updated_at = row_int(row, 19);
  return s;
}
}  // namespace

long long insert_standard(Tx& tx, const Standard& s, const std::string& search_text) {
  long long id = 0;
  tx.sql << kInsert, soci::use(s.normalized), soci::use(s.as_written), soci::use(s.kind),
      soci::use(s.prefix), soci::use(s.standard_key), soci::use(s.year), soci::use(s.title_zh),
      soci::use(s.title_en), soci::use(s.status), soci::use(s.issued_on), soci::use(s.effective_on),
      soci::use(s.withdrawn_on), soci::use(s.replaced_by), soci::use(s.ics), soci::use(s.ccs),
      soci::use(s.adoption), soci::use(s.adopted_number), soci::use(search_text),
      soci::use(s.created_at), soci::use(s.updated_at), soci::into(id);
  return id;
}

void update_standard(Tx& tx, const Standard& s, const std::string& search_text) {
  tx.sql << kUpdate, soci::use(s.title_zh), soci::use(s.title_en), soci::use(s.status),
      soci::use(s.issued_on), soci::use(s.effective_on), soci::use(s.withdrawn_on),
      soci::use(s.replaced_by), soci::use(s.ics), soci::use(s.ccs), soci::use(s.adoption),
      soci::use(s.adopted_number), soci::use(search_text), soci::use(s.updated_at), soci::use(s.id);
}

std::optional<Standard> find_standard(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Standard s = from_row(row);
  s.advanced_fields = advanced_fields_of(tx, s.id);
  return s;
}

std::optional<Standard> find_standard_by_number(Tx& tx, const std::string& normalized) {
  soci::row row;
  tx.sql << kFindByNumber, soci::use(normalized), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Standard s = from_row(row);
  s.advanced_fields = advanced_fields_of(tx, s.id);
  return s;
}

PageResult<Standard> list_standards(Tx& tx, const StandardFilter& f, const Page& page) {
  PageResult<Standard> out;
  bool fts = tx.kind == DbKind::kSqlite && use_fts(f.q);
  std::string pattern = fts ? fts_phrase(f.q) : like_contains(f.q);
  const std::string_view& kCount = fts ? kCountFts : kCountLike;
  const std::string_view& kList = fts ? kListFts : kListLike;
  int adv = f.advanced_only ? 1 : 0;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(f.q), soci::use(pattern), soci::use(f.kind), soci::use(f.kind),
      soci::use(f.status), soci::use(f.status), soci::use(f.field), soci::use(f.field),
      soci::use(adv), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(f.q), soci::use(pattern), soci::use(f.kind),
       soci::use(f.kind), soci::use(f.status), soci::use(f.status), soci::use(f.field),
       soci::use(f.field), soci::use(adv), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  // The advanced fields of the whole page in one query, not one per standard.
  if (!out.items.empty()) {
    std::vector<long long> ids;
    std::map<long long, Standard*> by_id;
    for (auto& s : out.items) {
      ids.push_back(s.id);
      by_id[s.id] = &s;
    }
    std::string json = id_array_json(ids);
    soci::rowset<soci::row> fields =
        (tx.sql.prepare << (tx.kind == DbKind::kPostgresql ? kFieldsOfManyPg : kFieldsOfManySqlite),
         soci::use(json));
    for (const auto& row : fields)
      if (auto it = by_id.find(row_int(row, 0)); it != by_id.end())
        it->second->advanced_fields.push_back(row_str(row, 1));
  }
  return out;
}

void add_advanced_field(Tx& tx, long long standard_id, const std::string& field, long long now) {
  tx.sql << kAddField, soci::use(standard_id), soci::use(field), soci::use(now);
}

void remove_advanced_field(Tx& tx, long long standard_id, const std::string& field) {
  tx.sql << kRemoveField, soci::use(standard_id), soci::use(field);
}

std::vector<std::string> advanced_fields_of(Tx& tx, long long standard_id) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kFieldsOf, soci::use(standard_id));
  for (const auto& row : rows) out.push_back(row_str(row, 0));
  return out;
}

std::vector<std::pair<std::string, long long>> advanced_field_counts(Tx& tx) {
  std::vector<std::pair<std::string, long long>> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kFieldCounts);
  for (const auto& row : rows) out.emplace_back(row_str(row, 0), row_int(row, 1));
  return out;
}

}  // namespace duibiao
