#include "store/result_store.h"

#include <soci/soci.h>

#include <string_view>

#include "domain/result_rules.h"
#include "store/prepared_query.h"
#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO results (code, enterprise_id, region_path, product_id, plan_id, plan_number, "
    "status, stage, stage_region, stage_since, version, enterprise_standard, rollup, compliant, "
    "search_text, submitted_at, published_at, created_at, updated_at) VALUES (:code, :e, :path, "
    ":p, :plan, :num, :st, :stage, :sr, :ss, :v, :es, :ru, :cp, :search, :sa, :pa, :ca, :ua) "
    "RETURNING id";
constexpr std::string_view kInsertContent =
    "INSERT INTO result_contents (result_id, content) VALUES (:r, :c)";
constexpr std::string_view kUpdateContentRow =
    "UPDATE result_contents SET content = :c WHERE result_id = :r";

// The last column is the content JSON: the detail reads it, lists select '' instead.
#define RESULT_COLUMNS_NO_CONTENT                                                               \
  "r.id, r.code, r.enterprise_id, e.name, e.credit_code, r.region_path, r.product_id, p.name, " \
  "p.model, r.plan_id, r.plan_number, pl.product, r.status, r.stage, r.stage_region, "          \
  "r.stage_since, r.version, r.enterprise_standard, r.rollup, r.compliant, r.submitted_at, "    \
  "r.published_at, r.created_at, r.updated_at, "
#define RESULT_COLUMNS RESULT_COLUMNS_NO_CONTENT "c.content "
#define LIST_COLUMNS RESULT_COLUMNS_NO_CONTENT "'' "
constexpr std::string_view kColumnTypes = "isisssississsssiissiiiiis";
#define RESULT_JOINS                                                                      \
  " JOIN enterprises e ON e.id = r.enterprise_id JOIN products p ON p.id = r.product_id " \
  "JOIN plans pl ON pl.id = r.plan_id "
#define RESULT_FROM " FROM results r" RESULT_JOINS
// Lists pick the page's ids from results alone (an index does the order), then join the few
// rows they show: joining every matching row before the LIMIT cost PostgreSQL ~10 ms a page.
#define PAGE_OF(inner, order)                                  \
  " FROM (SELECT r.id AS pid FROM results r WHERE" inner order \
  " LIMIT :limit OFFSET :offset) "                             \
  "pick JOIN results r ON r.id = pick.pid" RESULT_JOINS order
#define DETAIL_FROM RESULT_FROM "JOIN result_contents c ON c.result_id = r.id "
// Reads and writes carry the scope: an enterprise only ever reaches its own rows, a regulator
// its subtree.
#define RESULT_SCOPE \
  " r.region_path >= :lo AND r.region_path < :hi AND (:eid1 = 0 OR r.enterprise_id = :eid2) "
#define WRITE_SCOPE \
  " region_path >= :lo AND region_path < :hi AND (:eid1 = 0 OR enterprise_id = :eid2) "

constexpr std::string_view kFind =
    "SELECT " RESULT_COLUMNS DETAIL_FROM "WHERE r.id = :id AND" RESULT_SCOPE;
// The row without its content (the content is the bulk of a detail read: kept pages compare
// the row's version and names first).
constexpr std::string_view kFindHead =
    "SELECT " LIST_COLUMNS RESULT_FROM "WHERE r.id = :id AND" RESULT_SCOPE;
constexpr std::string_view kFindPublished =
    "SELECT " RESULT_COLUMNS DETAIL_FROM "WHERE r.code = :code AND r.status = 'published'";
constexpr std::string_view kCodeTaken = "SELECT COUNT(*) FROM results WHERE code = :code";
constexpr std::string_view kExistsFor =
    "SELECT COUNT(*) FROM results WHERE product_id = :p AND plan_number = :n";
constexpr std::string_view kCountForProduct = "SELECT COUNT(*) FROM results WHERE product_id = :p";

// Filters are bound; an empty value switches its condition off.
#define RESULT_FILTER                                                                        \
  " AND (:s1 = '' OR r.status = :s2) AND (:g1 = '' OR r.stage = :g2) AND (:n1 = '' OR "      \
  "r.plan_number = :n2) AND (:rl1 = '' OR (r.region_path >= :rl2 AND r.region_path < :rh)) " \
  "AND (:od1 = 0 OR (r.stage <> '' AND r.stage_since < :od2)) AND (:so = 0 OR "              \
  "r.submitted_at > 0) AND (:po = 0 OR r.status = 'published') "
// The work queue leads with equalities on (stage_region, stage), so the results_queue index
// finds the waiting rows in waiting order whatever else is filtered.
#define QUEUE_HEAD " r.stage_region = :qr AND r.stage = :qs AND"
#define LIKE_FILTER " AND (:q1 = '' OR r.search_text LIKE :qp ESCAPE '\\') "
// PostgreSQL, when there is text to search: it is searched in the table that carries its
// trigram index (migration 28), as a semi-join the planner can start from that index (under the
// OR of LIKE_FILTER it could only probe the matches row by row). The parameters of LIKE_FILTER.
#define SEARCH_PG                                                                            \
  " AND :q1 <> '' AND r.id IN (SELECT s.result_id FROM result_search s WHERE s.search_text " \
  "LIKE :qp ESCAPE '\\') "
#define FTS_FILTER \
  " AND (:q1 = '' OR r.id IN (SELECT rowid FROM results_fts WHERE results_fts MATCH :qp)) "
constexpr std::string_view kCountLike =
    "SELECT COUNT(*) FROM results r WHERE" RESULT_SCOPE RESULT_FILTER LIKE_FILTER;
constexpr std::string_view kCountLikePg =
    "SELECT COUNT(*) FROM results r WHERE" RESULT_SCOPE RESULT_FILTER SEARCH_PG;
constexpr std::string_view kCountFts =
    "SELECT COUNT(*) FROM results r WHERE" RESULT_SCOPE RESULT_FILTER FTS_FILTER;
constexpr std::string_view kCountQueue =
    "SELECT COUNT(*) FROM results r WHERE" QUEUE_HEAD RESULT_SCOPE RESULT_FILTER LIKE_FILTER;
constexpr std::string_view kCountQueuePg =
    "SELECT COUNT(*) FROM results r WHERE" QUEUE_HEAD RESULT_SCOPE RESULT_FILTER SEARCH_PG;
// The queue without further filters, from the counters of migration 25. Every row waiting at a
// region's office lies in that region's subtree (stage_region comes from the row's own path), so
// the scope is checked once on the queue region's path. (Not for an enterprise's own scope: the
// counters do not know whose rows they count.)
#define QUEUE_COUNTED                                                                          \
  "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM queue_counts WHERE stage_region = :qr AND " \
  "stage = :qs AND "
constexpr std::string_view kCountQueuePlainSqlite =
    QUEUE_COUNTED ":qpath1 >= :lo AND :qpath2 < :hi";
// Paths compare byte-wise, as the {PATH} columns do.
#define QUEUE_SCOPE_PG \
  "(CAST(:qpath1 AS TEXT) COLLATE \"C\") >= :lo AND (CAST(:qpath2 AS TEXT) COLLATE \"C\") < :hi"
constexpr std::string_view kCountQueuePlainPg = QUEUE_COUNTED QUEUE_SCOPE_PG;
// The total of a list filtered by region and status only, from the counters of migration 23
// (an office's or the public list counted every matching row of its subtree per page).
constexpr std::string_view kCountCounted =
    "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM result_status_counts WHERE region_path >= "
    ":lo AND region_path < :hi AND (:rl1 = '' OR (region_path >= :rl2 AND region_path < :rh)) "
    "AND (:s1 = '' OR status = :s2) AND (:so = 0 OR submitted = 1)";
// Lists show the newest first; the queue the longest-waiting first.
#define NEWEST " ORDER BY r.id DESC"
#define LONGEST_WAITING " ORDER BY r.stage_since, r.id"
constexpr std::string_view kListLike =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE RESULT_FILTER LIKE_FILTER, NEWEST);
constexpr std::string_view kListLikePg =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE RESULT_FILTER SEARCH_PG, NEWEST);
// The same page for the nation or a province: the results walked newest first, the region checked
// per row ("|| ''" keeps the planner off the region index, whose range then held most of the
// table, sorted for every page); and for an enterprise, its own rows in order from the
// results_enterprise index (the region index made it sort every result of its county).
#define RESULT_SCOPE_WIDE                                                            \
  " (r.region_path || '') >= :lo AND (r.region_path || '') < :hi AND (:eid1 = 0 OR " \
  "r.enterprise_id = :eid2) "
#define RESULT_SCOPE_OWN                                                                           \
  " r.region_path >= :lo AND r.region_path < :hi AND r.enterprise_id = :eid1 AND r.enterprise_id " \
  "= :eid2 "
constexpr std::string_view kListLikeWide =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE_WIDE RESULT_FILTER LIKE_FILTER, NEWEST);
constexpr std::string_view kListLikeWidePg =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE_WIDE RESULT_FILTER SEARCH_PG, NEWEST);
constexpr std::string_view kListLikeOwn =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE_OWN RESULT_FILTER LIKE_FILTER, NEWEST);
constexpr std::string_view kListLikeOwnPg =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE_OWN RESULT_FILTER SEARCH_PG, NEWEST);
constexpr std::string_view kCountLikeOwn =
    "SELECT COUNT(*) FROM results r WHERE" RESULT_SCOPE_OWN RESULT_FILTER LIKE_FILTER;
constexpr std::string_view kCountLikeOwnPg =
    "SELECT COUNT(*) FROM results r WHERE" RESULT_SCOPE_OWN RESULT_FILTER SEARCH_PG;
constexpr std::string_view kListFts =
    "SELECT " LIST_COLUMNS PAGE_OF(RESULT_SCOPE RESULT_FILTER FTS_FILTER, NEWEST);
constexpr std::string_view kListQueue = "SELECT " LIST_COLUMNS PAGE_OF(
    QUEUE_HEAD RESULT_SCOPE RESULT_FILTER LIKE_FILTER, LONGEST_WAITING);
constexpr std::string_view kListQueuePg = "SELECT " LIST_COLUMNS PAGE_OF(
    QUEUE_HEAD RESULT_SCOPE RESULT_FILTER SEARCH_PG, LONGEST_WAITING);
// PostgreSQL: the plain queue's page with its total in one statement (one round trip instead of
// two; the uncorrelated count runs once, as an InitPlan). An empty page carries no total: the
// count is then asked on its own.
constexpr std::string_view kListQueuePlainPg =
    "SELECT " LIST_COLUMNS ", (" QUEUE_COUNTED QUEUE_SCOPE_PG
    ") AS total" PAGE_OF(QUEUE_HEAD RESULT_SCOPE RESULT_FILTER LIKE_FILTER, LONGEST_WAITING);

constexpr std::string_view kUpdateContent =
    "UPDATE results SET enterprise_standard = :es, rollup = :ru, compliant = :cp, version = "
    "version + 1, updated_at = :ua WHERE id = :id AND version = :v AND status IN ('draft', "
    "'returned') AND" WRITE_SCOPE;
constexpr std::string_view kMove =
    "UPDATE results SET status = :st, stage = :stage, stage_region = :sr, stage_since = :ss, "
    "enterprise_standard = :es, rollup = :ru, compliant = :cp, submitted_at = :sa, published_at "
    "= :pa, version = version + 1, updated_at = :ua WHERE id = :id AND version = :v "
    "AND" WRITE_SCOPE;
constexpr std::string_view kDeleteDraftContent =
    "DELETE FROM result_contents WHERE result_id = :r AND EXISTS (SELECT 1 FROM results WHERE id "
    "= :id AND status = 'draft' AND submitted_at = 0 AND" WRITE_SCOPE ")";
constexpr std::string_view kDeleteDraft =
    "DELETE FROM results WHERE id = :id AND status = 'draft' AND submitted_at = 0 AND" WRITE_SCOPE;

constexpr std::string_view kInsertEvent =
    "INSERT INTO result_events (result_id, at, actor_id, actor_name, actor_role, actor_region, "
    "action, from_status, to_status, stage, comment, changes, snapshot) VALUES (:r, :at, :a, "
    ":an, :ar, :areg, :act, :fs, :ts, :st, :c, :ch, :sn)";
constexpr std::string_view kListEvents =
    "SELECT id, result_id, at, actor_id, actor_name, actor_role, actor_region, action, "
    "from_status, to_status, stage, comment, changes FROM result_events WHERE result_id = :r "
    "ORDER BY id";
constexpr std::string_view kSnapshots =
    "SELECT snapshot FROM result_events WHERE result_id = :r AND action = 'submit' ORDER BY id "
    "DESC LIMIT :n";
constexpr std::string_view kLatestChanges =
    "SELECT changes FROM result_events WHERE result_id = :r AND action = 'submit' ORDER BY id "
    "DESC LIMIT 1";

constexpr std::string_view kInsertUploadSqlite =
    "INSERT OR IGNORE INTO uploads (hash, enterprise_id, region_path, size, content_type, name, "
    "uploaded_by, created_at) VALUES (:h, :e, :path, :s, :t, :n, :u, :at)";
constexpr std::string_view kInsertUploadPg =
    "INSERT INTO uploads (hash, enterprise_id, region_path, size, content_type, name, "
    "uploaded_by, created_at) VALUES (:h, :e, :path, :s, :t, :n, :u, :at) ON CONFLICT DO NOTHING";
constexpr std::string_view kFindUpload =
    "SELECT id, hash, enterprise_id, region_path, size, content_type, name, uploaded_by, "
    "created_at FROM uploads WHERE hash = :h AND" WRITE_SCOPE "ORDER BY id LIMIT 1";

constexpr std::string_view kEnterpriseUsers =
    "SELECT id FROM users WHERE enterprise_id = :e AND role = 'enterprise' AND disabled = 0";
constexpr std::string_view kOfficeUsers =
    "SELECT id FROM users WHERE role = :role AND region_code = :r AND disabled = 0";
constexpr std::string_view kNationalUsers =
    "SELECT id FROM users WHERE role = :role AND disabled = 0";
constexpr std::string_view kInsertNotification =
    "INSERT INTO notifications (user_id, at, result_id, kind, text, read_at) VALUES (:u, :at, "
    ":r, :k, :t, 0)";
constexpr std::string_view kCountNotifications =
    "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND (:un = 0 OR read_at = 0)";
constexpr std::string_view kListNotifications =
    "SELECT id, user_id, at, result_id, kind, text, read_at FROM notifications WHERE user_id = "
    ":u AND (:un = 0 OR read_at = 0) ORDER BY id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountUnread =
    "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at = 0";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = :at WHERE user_id = :u AND id = :id AND read_at = 0";
constexpr std::string_view kMarkAllRead =
    "UPDATE notifications SET read_at = :at WHERE user_id = :u AND read_at = 0";

template <class Row>
EnterpriseResult from_row(const Row& row) {
  EnterpriseResult r;
  r.id = column_int(row, 0);
  r.code = column_str(row, 1);
  r.enterprise_id = column_int(row, 2);
  r.enterprise_name = column_str(row, 3);
  r.credit_code = column_str(row, 4);
  r.region_path = column_str(row, 5);
  r.product_id = column_int(row, 6);
  r.product_name = column_str(row, 7);
  r.product_model = column_str(row, 8);
  r.plan_id = column_int(row, 9);
  r.plan_number = column_str(row, 10);
  r.plan_product = column_str(row, 11);
  r.status = column_str(row, 12);
  r.stage = column_str(row, 13);
  r.stage_region = column_str(row, 14);
  r.stage_since = column_int(row, 15);
  r.version = static_cast<int>(column_int(row, 16));
  std::string content = column_str(row, 24);
  if (!content.empty()) r.content = content_from_json(content).value_or(ResultContent{});
  r.content.enterprise_standard = column_str(row, 17);
  r.rollup = column_str(row, 18);
  r.compliant = column_int(row, 19) != 0;
  r.submitted_at = column_int(row, 20);
  r.published_at = column_int(row, 21);
  r.created_at = column_int(row, 22);
  r.updated_at = column_int(row, 23);
  return r;
}

void bind_scope(PreparedQuery& q, size_t first, const Scope& scope) {
  q.set(first, scope.lo);
  q.set(first + 1, scope.hi);
  q.set(first + 2, scope.enterprise_id);
  q.set(first + 3, scope.enterprise_id);
}

std::string columns_signature() {
  return std::string(kColumnTypes);
}

void write_content(Tx& tx, const EnterpriseResult& r) {
  std::string content = content_to_json(r.content);
  tx.sql << kUpdateContentRow, soci::use(content), soci::use(r.id);
}
}  // namespace

long long insert_result(Tx& tx, const EnterpriseResult& r) {
  long long id = 0;
  std::string content = content_to_json(r.content);
  int compliant = r.compliant ? 1 : 0;
  tx.sql << kInsert, soci::use(r.code), soci::use(r.enterprise_id), soci::use(r.region_path),
      soci::use(r.product_id), soci::use(r.plan_id), soci::use(r.plan_number), soci::use(r.status),
      soci::use(r.stage), soci::use(r.stage_region), soci::use(r.stage_since), soci::use(r.version),
      soci::use(r.content.enterprise_standard), soci::use(r.rollup), soci::use(compliant),
      soci::use(r.search_text), soci::use(r.submitted_at), soci::use(r.published_at),
      soci::use(r.created_at), soci::use(r.updated_at), soci::into(id);
  tx.sql << kInsertContent, soci::use(id), soci::use(content);
  return id;
}

std::optional<EnterpriseResult> find_result(Tx& tx, const Scope& scope, long long id) {
  std::optional<EnterpriseResult> out;
  run_prepared(
      tx, kFind, "issii", columns_signature(),
      [&](PreparedQuery& q) {
        q.set(0, id);
        bind_scope(q, 1, scope);
      },
      [&](const PreparedQuery& row) { out = from_row(row); });
  return out;
}

std::optional<EnterpriseResult> find_result_head(Tx& tx, const Scope& scope, long long id) {
  std::optional<EnterpriseResult> out;
  run_prepared(
      tx, kFindHead, "issii", columns_signature(),
      [&](PreparedQuery& q) {
        q.set(0, id);
        bind_scope(q, 1, scope);
      },
      [&](const PreparedQuery& row) { out = from_row(row); });
  return out;
}

std::optional<EnterpriseResult> find_published_result(Tx& tx, const std::string& code) {
  std::optional<EnterpriseResult> out;
  run_prepared(
      tx, kFindPublished, "s", columns_signature(), [&](PreparedQuery& q) { q.set(0, code); },
      [&](const PreparedQuery& row) { out = from_row(row); });
  return out;
}

bool result_code_taken(Tx& tx, const std::string& code) {
  long long n = 0;
  tx.sql << kCodeTaken, soci::use(code), soci::into(n);
  return n > 0;
}

bool result_exists_for(Tx& tx, long long product_id, const std::string& plan_number) {
  long long n = 0;
  tx.sql << kExistsFor, soci::use(product_id), soci::use(plan_number), soci::into(n);
  return n > 0;
}

long long count_results_for_product(Tx& tx, long long product_id) {
  long long n = 0;
  tx.sql << kCountForProduct, soci::use(product_id), soci::into(n);
  return n;
}

PageResult<EnterpriseResult> list_results(Tx& tx, const Scope& scope, const ResultFilter& f,
                                          const Page& page) {
  PageResult<EnterpriseResult> out;
  bool fts = !f.queue && tx.kind == DbKind::kSqlite && use_fts(f.q);
  bool searched_pg = tx.kind == DbKind::kPostgresql && !f.q.empty();
  std::string pattern = fts ? fts_phrase(f.q) : like_contains(f.q);
  long long submitted = f.submitted_only ? 1 : 0, published = f.published_only ? 1 : 0;
  // Every list statement is prepared once per connection: re-preparing (and, on PostgreSQL,
  // re-planning) the long filtered statements cost more than running them. Parameters are bound
  // in the order the placeholders appear; the queue's two lead the others.
  std::string signature = std::string(f.queue ? "ss" : "") + "ssiisssssssssiiiiss";
  auto bind_filters_from = [&](PreparedQuery& q, size_t start) {
    size_t i = start;
    if (f.queue) {
      q.set(i++, f.queue_region);
      q.set(i++, f.queue_stage);
    }
    q.set(i++, scope.lo);
    q.set(i++, scope.hi);
    q.set(i++, scope.enterprise_id);
    q.set(i++, scope.enterprise_id);
    for (const std::string* v : {&f.status, &f.status, &f.stage, &f.stage, &f.plan_number,
                                 &f.plan_number, &f.region_lo, &f.region_lo, &f.region_hi})
      q.set(i++, *v);
    q.set(i++, f.overdue_before);
    q.set(i++, f.overdue_before);
    q.set(i++, submitted);
    q.set(i++, published);
    q.set(i++, f.q);
    q.set(i++, pattern);
    return i - start;
  };
  auto bind_filters = [&](PreparedQuery& q) { return bind_filters_from(q, 0); };
  bool plain_queue = f.queue && f.status.empty() && f.stage.empty() && f.plan_number.empty() &&
                     f.region_lo.empty() && f.overdue_before == 0 && !f.published_only &&
                     f.q.empty() && scope.enterprise_id == 0;
  auto bind_plain_count = [&](PreparedQuery& q) {
    q.set(0, f.queue_region);
    q.set(1, f.queue_stage);
    q.set(2, f.queue_region_path);
    q.set(3, scope.lo);
    q.set(4, f.queue_region_path);
    q.set(5, scope.hi);
    return size_t{6};
  };
  if (plain_queue && tx.kind == DbKind::kPostgresql) {
    const size_t total_column = columns_signature().size();
    run_prepared_all(
        tx, kListQueuePlainPg, "ssssss" + signature + "ii", columns_signature() + "i",
        [&](PreparedQuery& q) {
          size_t first = bind_plain_count(q);
          size_t i = first + bind_filters_from(q, first);
          q.set(i++, static_cast<long long>(page.page_size));
          q.set(i, static_cast<long long>(page.offset()));
        },
        [&](const PreparedQuery& row) {
          out.items.push_back(from_row(row));
          out.total = row.integer(total_column);
        });
    if (!out.items.empty()) return out;
  }
  bool own = scope.enterprise_id != 0;
  bool wide =
      !own && wide_region_path(scope.lo) && (f.region_lo.empty() || wide_region_path(f.region_lo));
  bool counted = !f.queue && f.q.empty() && f.plan_number.empty() && f.stage.empty() &&
                 f.overdue_before == 0 && !own &&
                 !(f.published_only && !f.status.empty() && f.status != "published");
  if (counted) {
    std::string status = f.published_only ? std::string("published") : f.status;
    run_prepared(
        tx, kCountCounted, "sssssssi", "i",
        [&](PreparedQuery& q) {
          q.set(0, scope.lo);
          q.set(1, scope.hi);
          q.set(2, f.region_lo);
          q.set(3, f.region_lo);
          q.set(4, f.region_hi);
          q.set(5, status);
          q.set(6, status);
          q.set(7, submitted);
        },
        [&](const PreparedQuery& row) { out.total = row.integer(0); });
  } else if (plain_queue) {
    run_prepared(
        tx, tx.kind == DbKind::kSqlite ? kCountQueuePlainSqlite : kCountQueuePlainPg, "ssssss", "i",
        [&](PreparedQuery& q) { bind_plain_count(q); },
        [&](const PreparedQuery& row) { out.total = row.integer(0); });
    if (tx.kind == DbKind::kPostgresql) return out;  // its page was read above: empty
  } else {
    run_prepared(
        tx,
        f.queue ? (searched_pg ? kCountQueuePg : kCountQueue)
        : fts   ? kCountFts
        : own   ? (searched_pg ? kCountLikeOwnPg : kCountLikeOwn)
                : (searched_pg ? kCountLikePg : kCountLike),
        signature, "i", [&](PreparedQuery& q) { bind_filters(q); },
        [&](const PreparedQuery& row) { out.total = row.integer(0); });
  }
  run_prepared_all(
      tx,
      f.queue ? (searched_pg ? kListQueuePg : kListQueue)
      : fts   ? kListFts
      : own   ? (searched_pg ? kListLikeOwnPg : kListLikeOwn)
      : wide  ? (searched_pg ? kListLikeWidePg : kListLikeWide)
              : (searched_pg ? kListLikePg : kListLike),
      signature + "ii", columns_signature(),
      [&](PreparedQuery& q) {
        size_t i = bind_filters(q);
        q.set(i++, static_cast<long long>(page.page_size));
        q.set(i, static_cast<long long>(page.offset()));
      },
      [&](const PreparedQuery& row) { out.items.push_back(from_row(row)); });
  return out;
}

bool update_result_content(Tx& tx, const Scope& scope, const EnterpriseResult& r,
                           int expected_version) {
  int compliant = r.compliant ? 1 : 0;
  soci::statement st =
      (tx.sql.prepare << kUpdateContent, soci::use(r.content.enterprise_standard),
       soci::use(r.rollup), soci::use(compliant), soci::use(r.updated_at), soci::use(r.id),
       soci::use(expected_version), soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  write_content(tx, r);
  return true;
}

bool move_result(Tx& tx, const Scope& scope, const EnterpriseResult& r, int expected_version) {
  long long affected = 0;
  PreparedQuery& q = prepared(tx, kMove, "sssissiiiiiissii", "");
  try {
    size_t i = 0;
    for (const std::string* v : {&r.status, &r.stage, &r.stage_region}) q.set(i++, *v);
    q.set(i++, r.stage_since);
    q.set(i++, r.content.enterprise_standard);
    q.set(i++, r.rollup);
    q.set(i++, static_cast<long long>(r.compliant ? 1 : 0));
    q.set(i++, r.submitted_at);
    q.set(i++, r.published_at);
    q.set(i++, r.updated_at);
    q.set(i++, r.id);
    q.set(i++, static_cast<long long>(expected_version));
    bind_scope(q, i, scope);
    q.run([](const PreparedQuery&) {});
    affected = q.affected_rows();
  } catch (...) {
    forget_prepared(tx, kMove);
    throw;
  }
  return affected == 1;
}

bool delete_draft_result(Tx& tx, const Scope& scope, long long id) {
  tx.sql << kDeleteDraftContent, soci::use(id), soci::use(id), soci::use(scope.lo),
      soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id);
  soci::statement st =
      (tx.sql.prepare << kDeleteDraft, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::string latest_submission_changes(Tx& tx, long long result_id) {
  std::string out;
  run_prepared(
      tx, kLatestChanges, "i", "s", [&](PreparedQuery& q) { q.set(0, result_id); },
      [&](const PreparedQuery& row) { out = row.str(0); });
  return out;
}

void insert_result_event(Tx& tx, const ResultEvent& e) {
  run_prepared(
      tx, kInsertEvent, "iiissssssssss", "",
      [&](PreparedQuery& q) {
        q.set(0, e.result_id);
        q.set(1, e.at);
        q.set(2, e.actor_id);
        size_t i = 3;
        for (const std::string* v :
             {&e.actor_name, &e.actor_role, &e.actor_region, &e.action, &e.from_status,
              &e.to_status, &e.stage, &e.comment, &e.changes, &e.snapshot})
          q.set(i++, *v);
      },
      [](const PreparedQuery&) {});
}

std::vector<ResultEvent> list_result_events(Tx& tx, long long result_id) {
  std::vector<ResultEvent> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kListEvents, soci::use(result_id));
  for (const auto& row : rows) {
    ResultEvent e;
    e.id = row_int(row, 0);
    e.result_id = row_int(row, 1);
    e.at = row_int(row, 2);
    e.actor_id = row_int(row, 3);
    e.actor_name = row_str(row, 4);
    e.actor_role = row_str(row, 5);
    e.actor_region = row_str(row, 6);
    e.action = row_str(row, 7);
    e.from_status = row_str(row, 8);
    e.to_status = row_str(row, 9);
    e.stage = row_str(row, 10);
    e.comment = row_str(row, 11);
    e.changes = row_str(row, 12);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> latest_submission_snapshots(Tx& tx, long long result_id, int limit) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kSnapshots, soci::use(result_id), soci::use(limit));
  for (const auto& row : rows) out.push_back(row_str(row, 0));
  return out;
}

void insert_upload(Tx& tx, const Upload& u) {
  tx.sql << (tx.kind == DbKind::kSqlite ? kInsertUploadSqlite : kInsertUploadPg), soci::use(u.hash),
      soci::use(u.enterprise_id), soci::use(u.region_path), soci::use(u.size),
      soci::use(u.content_type), soci::use(u.name), soci::use(u.uploaded_by),
      soci::use(u.created_at);
}

std::optional<Upload> find_upload(Tx& tx, const Scope& scope, const std::string& hash) {
  soci::row row;
  tx.sql << kFindUpload, soci::use(hash), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Upload u;
  u.id = row_int(row, 0);
  u.hash = row_str(row, 1);
  u.enterprise_id = row_int(row, 2);
  u.region_path = row_str(row, 3);
  u.size = row_int(row, 4);
  u.content_type = row_str(row, 5);
  u.name = row_str(row, 6);
  u.uploaded_by = row_int(row, 7);
  u.created_at = row_int(row, 8);
  return u;
}

std::vector<long long> enterprise_user_ids(Tx& tx, long long enterprise_id) {
  std::vector<long long> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kEnterpriseUsers, soci::use(enterprise_id));
  for (const auto& row : rows) out.push_back(row_int(row, 0));
  return out;
}

std::vector<long long> office_user_ids(Tx& tx, const std::string& role,
                                       const std::string& region_code) {
  std::vector<long long> out;
  // Two statements rather than "(:r = '' OR …)", which would keep the index out of use; both
  // prepared once per connection (every submission and review asks).
  auto add = [&](const PreparedQuery& row) { out.push_back(row.integer(0)); };
  if (region_code.empty())
    run_prepared_all(
        tx, kNationalUsers, "s", "i", [&](PreparedQuery& q) { q.set(0, role); }, add);
  else
    run_prepared_all(
        tx, kOfficeUsers, "ss", "i",
        [&](PreparedQuery& q) {
          q.set(0, role);
          q.set(1, region_code);
        },
        add);
  return out;
}

void insert_notification(Tx& tx, const Notification& n) {
  run_prepared(
      tx, kInsertNotification, "iiiss", "",
      [&](PreparedQuery& q) {
        q.set(0, n.user_id);
        q.set(1, n.at);
        q.set(2, n.result_id);
        q.set(3, n.kind);
        q.set(4, n.text);
      },
      [](const PreparedQuery&) {});
}

PageResult<Notification> list_notifications(Tx& tx, long long user_id, bool unread_only,
                                            const Page& page) {
  PageResult<Notification> out;
  int unread = unread_only ? 1 : 0;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountNotifications, soci::use(user_id), soci::use(unread), soci::into(out.total);
  soci::rowset<soci::row> rows = (tx.sql.prepare << kListNotifications, soci::use(user_id),
                                  soci::use(unread), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) {
    Notification n;
    n.id = row_int(row, 0);
    n.user_id = row_int(row, 1);
    n.at = row_int(row, 2);
    n.result_id = row_int(row, 3);
    n.kind = row_str(row, 4);
    n.text = row_str(row, 5);
    n.read_at = row_int(row, 6);
    out.items.push_back(std::move(n));
  }
  return out;
}

long long count_unread_notifications(Tx& tx, long long user_id) {
  long long n = 0;
  tx.sql << kCountUnread, soci::use(user_id), soci::into(n);
  return n;
}

void mark_notifications_read(Tx& tx, long long user_id, const std::vector<long long>& ids,
                             long long at) {
  for (long long id : ids) tx.sql << kMarkRead, soci::use(at), soci::use(user_id), soci::use(id);
}

void mark_all_notifications_read(Tx& tx, long long user_id, long long at) {
  tx.sql << kMarkAllRead, soci::use(at), soci::use(user_id);
}

}  // namespace duibiao
