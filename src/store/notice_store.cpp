#include "store/notice_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO notices (region_code, region_path, office_name, author_id, author_name, "
    "audience, title, body, status, version, search_text, published_at, withdrawn_at, "
    "created_at, updated_at) VALUES (:rc, :path, :office, :a, :an, :aud, :t, :b, :st, 1, :s, "
    ":pa, :wa, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE notices SET audience = :aud, title = :t, body = :b, status = :st, search_text = :s, "
    "published_at = :pa, withdrawn_at = :wa, updated_at = :u, version = version + 1 WHERE id = "
    ":id AND version = :v";
constexpr std::string_view kDeleteDraft =
    "DELETE FROM notices WHERE id = :id AND version = :v AND status = 'draft'";
#define NOTICE_COLUMNS                                                                          \
  "n.id, n.region_code, n.region_path, n.office_name, n.author_id, n.author_name, n.audience, " \
  "n.title, n.body, n.status, n.version, n.published_at, n.withdrawn_at, n.created_at, "        \
  "n.updated_at, r.read_at "
#define NOTICE_FROM \
  " FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = :uid "
// Parameters in order: :all, :a1…:a6, :office, :own.
#define NOTICE_VISIBLE                                                                     \
  " ((n.status = 'published' AND (n.audience = 'public' OR :all = 1 OR (n.region_path IN " \
  "(:a1, :a2, :a3, :a4, :a5, :a6) AND (n.audience = 'subtree' OR :office = 1)))) OR "      \
  "n.region_code = :own) "
#define NOTICE_TEXT_LIKE " AND (:q1 = '' OR n.search_text LIKE :qp ESCAPE '\\') "
// The FTS form is used only for a non-empty query; written as an AND so SQLite drives the
// query from the index (rowid lookups) instead of scanning the table.
#define NOTICE_TEXT_FTS \
  " AND (:q1 <> '' AND n.id IN (SELECT rowid FROM notices_fts WHERE notices_fts MATCH :qp)) "
// :st1, :st2, :mine, :own2, :pub
#define NOTICE_FILTER                                                                         \
  " AND (:st1 = '' OR n.status = :st2) AND (:mine = 0 OR n.region_code = :own2) AND (:pub = " \
  "0 OR (n.status = 'published' AND n.audience = 'public')) "
#define NOTICE_ORDER \
  " ORDER BY CASE WHEN n.status = 'draft' THEN 0 ELSE 1 END, n.published_at DESC, n.id DESC "
constexpr std::string_view kFind =
    "SELECT " NOTICE_COLUMNS NOTICE_FROM "WHERE n.id = :id AND" NOTICE_VISIBLE;
constexpr std::string_view kCountLike =
    "SELECT COUNT(*) FROM notices n WHERE" NOTICE_VISIBLE NOTICE_TEXT_LIKE NOTICE_FILTER;
constexpr std::string_view kCountFts =
    "SELECT COUNT(*) FROM notices n WHERE" NOTICE_VISIBLE NOTICE_TEXT_FTS NOTICE_FILTER;
constexpr std::string_view kListLike =
    "SELECT " NOTICE_COLUMNS NOTICE_FROM
    "WHERE" NOTICE_VISIBLE NOTICE_TEXT_LIKE NOTICE_FILTER NOTICE_ORDER "LIMIT :limit OFFSET :off";
constexpr std::string_view kListFts =
    "SELECT " NOTICE_COLUMNS NOTICE_FROM
    "WHERE" NOTICE_VISIBLE NOTICE_TEXT_FTS NOTICE_FILTER NOTICE_ORDER "LIMIT :limit OFFSET :off";
constexpr std::string_view kUnread =
    "SELECT COUNT(*) FROM notices n WHERE n.status = 'published' AND n.region_code <> :own0 AND "
    "(n.audience = 'public' OR :all = 1 OR (n.region_path IN (:a1, :a2, :a3, :a4, :a5, :a6) AND "
    "(n.audience = 'subtree' OR :office = 1))) AND NOT EXISTS (SELECT 1 FROM notice_reads r "
    "WHERE r.notice_id = n.id AND r.user_id = :uid)";
constexpr std::string_view kAttachments =
    "SELECT id, notice_id, hash, name, size, content_type, uploaded_by, created_at FROM "
    "notice_attachments WHERE notice_id = :id ORDER BY id";
constexpr std::string_view kInsertAttachment =
    "INSERT INTO notice_attachments (notice_id, hash, name, size, content_type, uploaded_by, "
    "created_at) VALUES (:n, :h, :name, :s, :t, :u, :c) RETURNING id";
constexpr std::string_view kDeleteAttachment =
    "DELETE FROM notice_attachments WHERE notice_id = :n AND id = :id";
constexpr std::string_view kInsertRead =
    "INSERT INTO notice_reads (notice_id, user_id, region_path, read_at) VALUES (:n, :u, :p, :t) "
    "ON CONFLICT (notice_id, user_id) DO NOTHING";
constexpr std::string_view kReadersByPath =
    "SELECT region_path, COUNT(*) FROM notice_reads WHERE notice_id = :n GROUP BY region_path";
constexpr std::string_view kAudienceByPath =
    "SELECT region_path, COUNT(*) FROM users WHERE region_path >= :lo AND region_path < :hi AND "
    "disabled = 0 AND (:oo = 0 OR role IN ('county_regulator', 'city_regulator', "
    "'province_regulator', 'national_office')) GROUP BY region_path";

Notice from_row(const soci::row& row) {
  Notice n;
  n.id = row_int(row, 0);
  n.region_code = row_str(row, 1);
  n.region_path = row_str(row, 2);
  n.office_name = row_str(row, 3);
  n.author_id = row_int(row, 4);
  n.author_name = row_str(row, 5);
  n.audience = row_str(row, 6);
  n.title = row_str(row, 7);
  n.body = row_str(row, 8);
  n.status = row_str(row, 9);
  n.version = static_cast<int>(row_int(row, 10));
  n.published_at = row_int(row, 11);
  n.withdrawn_at = row_int(row, 12);
  n.created_at = row_int(row, 13);
  n.updated_at = row_int(row, 14);
  n.read = row_int(row, 15) > 0;
  return n;
}

// The six ancestor slots, padded with a value no path has.
struct Slots {
  std::string a[6];
  explicit Slots(const NoticeViewer& v) {
    for (size_t i = 0; i < 6; ++i) a[i] = i < v.ancestors.size() ? v.ancestors[i] : "-";
  }
};
}  // namespace

long long insert_notice(Tx& tx, const Notice& n, const std::string& search_text) {
  long long id = 0;
  tx.sql << kInsert, soci::use(n.region_code), soci::use(n.region_path), soci::use(n.office_name),
      soci::use(n.author_id), soci::use(n.author_name), soci::use(n.audience), soci::use(n.title),
      soci::use(n.body), soci::use(n.status), soci::use(search_text), soci::use(n.published_at),
      soci::use(n.withdrawn_at), soci::use(n.created_at), soci::use(n.updated_at), soci::into(id);
  return id;
}

bool update_notice(Tx& tx, const Notice& n, int expected_version, const std::string& search_text) {
  soci::statement st = (tx.sql.prepare << kUpdate, soci::use(n.audience), soci::use(n.title),
                        soci::use(n.body), soci::use(n.status), soci::use(search_text),
                        soci::use(n.published_at), soci::use(n.withdrawn_at),
                        soci::use(n.updated_at), soci::use(n.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool delete_draft_notice(Tx& tx, long long id, int expected_version) {
  soci::statement st = (tx.sql.prepare << kDeleteDraft, soci::use(id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<Notice> find_notice(Tx& tx, const NoticeViewer& v, long long id) {
  Slots s(v);
  int all = v.everything ? 1 : 0, office = v.office ? 1 : 0;
  std::string own = v.own_region.empty() ? "-" : v.own_region;
  soci::row row;
  tx.sql << kFind, soci::use(v.user_id), soci::use(id), soci::use(all), soci::use(s.a[0]),
      soci::use(s.a[1]), soci::use(s.a[2]), soci::use(s.a[3]), soci::use(s.a[4]), soci::use(s.a[5]),
      soci::use(office), soci::use(own), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Notice n = from_row(row);
  n.attachments = list_notice_attachments(tx, n.id);
  return n;
}

PageResult<Notice> list_notices(Tx& tx, const NoticeViewer& v, const NoticeFilter& f,
                                const Page& page) {
  PageResult<Notice> out;
  bool fts = tx.kind == DbKind::kSqlite && use_fts(f.q);
  std::string pattern = fts ? fts_phrase(f.q) : like_contains(f.q);
  Slots s(v);
  int all = v.everything ? 1 : 0, office = v.office ? 1 : 0, mine = f.mine ? 1 : 0,
      pub = f.public_only ? 1 : 0;
  std::string own = v.own_region.empty() ? "-" : v.own_region;
  int limit = page.page_size, offset = page.offset();
  tx.sql << (fts ? kCountFts : kCountLike), soci::use(all), soci::use(s.a[0]), soci::use(s.a[1]),
      soci::use(s.a[2]), soci::use(s.a[3]), soci::use(s.a[4]), soci::use(s.a[5]), soci::use(office),
      soci::use(own), soci::use(f.q), soci::use(pattern), soci::use(f.status), soci::use(f.status),
      soci::use(mine), soci::use(own), soci::use(pub), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << (fts ? kListFts : kListLike), soci::use(v.user_id), soci::use(all),
       soci::use(s.a[0]), soci::use(s.a[1]), soci::use(s.a[2]), soci::use(s.a[3]),
       soci::use(s.a[4]), soci::use(s.a[5]), soci::use(office), soci::use(own), soci::use(f.q),
       soci::use(pattern), soci::use(f.status), soci::use(f.status), soci::use(mine),
       soci::use(own), soci::use(pub), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  for (auto& n : out.items) n.attachments = list_notice_attachments(tx, n.id);
  return out;
}

long long count_unread_notices(Tx& tx, const NoticeViewer& v) {
  Slots s(v);
  int all = v.everything ? 1 : 0, office = v.office ? 1 : 0;
  std::string own = v.own_region.empty() ? "-" : v.own_region;
  long long n = 0;
  tx.sql << kUnread, soci::use(own), soci::use(all), soci::use(s.a[0]), soci::use(s.a[1]),
      soci::use(s.a[2]), soci::use(s.a[3]), soci::use(s.a[4]), soci::use(s.a[5]), soci::use(office),
      soci::use(v.user_id), soci::into(n);
  return n;
}

std::vector<NoticeAttachment> list_notice_attachments(Tx& tx, long long notice_id) {
  std::vector<NoticeAttachment> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kAttachments, soci::use(notice_id));
  for (const auto& row : rows) {
    NoticeAttachment a;
    a.id = row_int(row, 0);
    a.notice_id = row_int(row, 1);
    a.hash = row_str(row, 2);
    a.name = row_str(row, 3);
    a.size = row_int(row, 4);
    a.content_type = row_str(row, 5);
    a.uploaded_by = row_int(row, 6);
    a.created_at = row_int(row, 7);
    out.push_back(std::move(a));
  }
  return out;
}

long long insert_notice_attachment(Tx& tx, const NoticeAttachment& a) {
  long long id = 0;
  tx.sql << kInsertAttachment, soci::use(a.notice_id), soci::use(a.hash), soci::use(a.name),
      soci::use(a.size), soci::use(a.content_type), soci::use(a.uploaded_by),
      soci::use(a.created_at), soci::into(id);
  return id;
}

bool delete_notice_attachment(Tx& tx, long long notice_id, long long attachment_id) {
  soci::statement st =
      (tx.sql.prepare << kDeleteAttachment, soci::use(notice_id), soci::use(attachment_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void insert_notice_read(Tx& tx, long long notice_id, long long user_id,
                        const std::string& region_path, long long at) {
  tx.sql << kInsertRead, soci::use(notice_id), soci::use(user_id), soci::use(region_path),
      soci::use(at);
}

std::vector<std::pair<std::string, long long>> notice_readers_by_path(Tx& tx, long long notice_id) {
  std::vector<std::pair<std::string, long long>> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kReadersByPath, soci::use(notice_id));
  for (const auto& row : rows) out.emplace_back(row_str(row, 0), row_int(row, 1));
  return out;
}

std::vector<std::pair<std::string, long long>> audience_by_path(Tx& tx, const std::string& lo,
                                                                const std::string& hi,
                                                                bool offices_only) {
  std::vector<std::pair<std::string, long long>> out;
  int oo = offices_only ? 1 : 0;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kAudienceByPath, soci::use(lo), soci::use(hi), soci::use(oo));
  for (const auto& row : rows) out.emplace_back(row_str(row, 0), row_int(row, 1));
  return out;
}

}  // namespace duibiao
