#include "store/plan_store.h"

#include <soci/soci.h>

#include <map>
#include <string_view>
#include <vector>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO plans (plan_number, version, replaces_id, status, product, industry_code, "
    "author_id, author_org, region_code, summary, notice_start, notice_end, last_reason, "
    "search_text, published_at, created_at, updated_at) VALUES (:num, :ver, :rep, :st, :prod, "
    ":ind, :aid, :org, :reg, :sum, :ns, :ne, :lr, :search, :pub, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE plans SET plan_number = :num, status = :st, product = :prod, industry_code = :ind, "
    "author_org = :org, summary = :sum, notice_start = :ns, notice_end = :ne, last_reason = :lr, "
    "search_text = :search, published_at = :pub, updated_at = :u WHERE id = :id";
constexpr std::string_view kDeleteStandards = "DELETE FROM plan_standards WHERE plan_id = :id";
constexpr std::string_view kDeleteIndicators = "DELETE FROM plan_indicators WHERE plan_id = :id";
constexpr std::string_view kInsertStandard =
    "INSERT INTO plan_standards (plan_id, position, role, number, title) VALUES (:id, :pos, "
    ":role, :num, :title)";
constexpr std::string_view kInsertIndicator =
    "INSERT INTO plan_indicators (plan_id, position, name, unit, domestic_requirement, "
    "benchmark_requirement, domestic_method, benchmark_method, core, safety, health, "
    "environment, notes, verdict, verdict_reason) VALUES (:id, :pos, :name, :unit, :dr, :br, "
    ":dm, :bm, :core, :safety, :health, :env, :notes, :verdict, :reason)";
#define PLAN_COLUMNS                                                                       \
  "p.id, p.plan_number, p.version, COALESCE(p.replaces_id, 0), p.status, p.product, "      \
  "p.industry_code, p.author_id, p.author_org, p.region_code, p.summary, p.notice_start, " \
  "p.notice_end, p.last_reason, p.published_at, p.created_at, p.updated_at "
#define PLAN_VISIBLE                                                                       \
  " ((:pubv = 1 AND p.status IN ('notice', 'published', 'superseded')) OR (:intv = 1 AND " \
  "p.status IN ('consultation', 'withdrawn')) OR :allv = 1 OR p.author_id = :me) "
constexpr std::string_view kFind =
    "SELECT " PLAN_COLUMNS "FROM plans p WHERE p.id = :id AND" PLAN_VISIBLE;
// Text clause: LIKE (PostgreSQL with pg_trgm, short queries on SQLite) or FTS5 trigram (SQLite),
// with the same parameters (:q1, :qp).
#define PLAN_TEXT_LIKE " AND (:q1 = '' OR p.search_text LIKE :qp ESCAPE '\\')"
// Only used with a non-empty query: AND (not OR with the empty case) lets SQLite drive the
// query from the FTS match instead of scanning every row and probing the match per row.
#define PLAN_TEXT_FTS \
  " AND (:q1 <> '' AND p.id IN (SELECT rowid FROM plans_fts WHERE plans_fts MATCH :qp))"
#define PLAN_FILTER                                                                       \
  " AND (:st1 = '' OR p.status = :st2) "                                                  \
  "AND (:std1 = '' OR EXISTS (SELECT 1 FROM plan_standards s WHERE s.plan_id = p.id AND " \
  "s.number = :std2)) AND (:ind1 = '' OR p.industry_code = :ind2) "
#define PLAN_ORDER "ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset"
constexpr std::string_view kCountLike =
    "SELECT COUNT(*) FROM plans p WHERE" PLAN_VISIBLE PLAN_TEXT_LIKE PLAN_FILTER;
constexpr std::string_view kListLike =
    "SELECT " PLAN_COLUMNS "FROM plans p WHERE" PLAN_VISIBLE PLAN_TEXT_LIKE PLAN_FILTER PLAN_ORDER;
constexpr std::string_view kCountFts =
    "SELECT COUNT(*) FROM plans p WHERE" PLAN_VISIBLE PLAN_TEXT_FTS PLAN_FILTER;
constexpr std::string_view kListFts =
    "SELECT " PLAN_COLUMNS "FROM plans p WHERE" PLAN_VISIBLE PLAN_TEXT_FTS PLAN_FILTER PLAN_ORDER;
constexpr std::string_view kFindPublished =
    "SELECT " PLAN_COLUMNS
    "FROM plans p WHERE p.plan_number = :num AND p.status = 'published' ORDER BY p.version DESC";
constexpr std::string_view kStandards =
    "SELECT role, number, title FROM plan_standards WHERE plan_id = :id ORDER BY position";
constexpr std::string_view kIndicators =
    "SELECT name, unit, domestic_requirement, benchmark_requirement, domestic_method, "
    "benchmark_method, core, safety, health, environment, notes, verdict, verdict_reason FROM "
    "plan_indicators WHERE plan_id = :id ORDER BY position";
// The same for a page of plans (ordered by plan, then position).
#define DUIBIAO_PLAN_STANDARDS_OF(IDS)                                            \
  "SELECT plan_id, role, number, title FROM plan_standards WHERE plan_id IN " IDS \
  " ORDER BY plan_id, position"
#define DUIBIAO_PLAN_INDICATORS_OF(IDS)                                                        \
  "SELECT plan_id, name, unit, domestic_requirement, benchmark_requirement, domestic_method, " \
  "benchmark_method, core, safety, health, environment, notes, verdict, verdict_reason FROM "  \
  "plan_indicators WHERE plan_id IN " IDS " ORDER BY plan_id, position"
constexpr std::string_view kStandardsOfSqlite = DUIBIAO_PLAN_STANDARDS_OF(DUIBIAO_IDS_IN_SQLITE);
constexpr std::string_view kStandardsOfPg = DUIBIAO_PLAN_STANDARDS_OF(DUIBIAO_IDS_IN_PG);
constexpr std::string_view kIndicatorsOfSqlite = DUIBIAO_PLAN_INDICATORS_OF(DUIBIAO_IDS_IN_SQLITE);
constexpr std::string_view kIndicatorsOfPg = DUIBIAO_PLAN_INDICATORS_OF(DUIBIAO_IDS_IN_PG);
#undef DUIBIAO_PLAN_STANDARDS_OF
#undef DUIBIAO_PLAN_INDICATORS_OF
constexpr std::string_view kHasRevision = "SELECT COUNT(*) FROM plans WHERE replaces_id = :id";
constexpr std::string_view kNextSequence =
    "INSERT INTO plan_number_sequences (prefix, last_value) VALUES (:p, 1) ON CONFLICT (prefix) "
    "DO UPDATE SET last_value = plan_number_sequences.last_value + 1 RETURNING last_value";
constexpr std::string_view kInsertObjection =
    "INSERT INTO plan_objections (plan_id, user_id, user_name, text, created_at) VALUES (:p, :u, "
    ":n, :t, :c) RETURNING id";
constexpr std::string_view kAnswerObjection =
    "UPDATE plan_objections SET answer = :a, answered_at = :t WHERE id = :id AND plan_id = :p";
constexpr std::string_view kObjections =
    "SELECT id, user_id, user_name, text, created_at, answer, answered_at FROM plan_objections "
    "WHERE plan_id = :p ORDER BY id";
constexpr std::string_view kInsertEvent =
    "INSERT INTO plan_events (plan_id, at, actor_id, actor_name, action, from_status, "
    "to_status, comment) VALUES (:p, :at, :a, :n, :act, :from, :to, :c)";
constexpr std::string_view kEvents =
    "SELECT id, at, COALESCE(actor_id, 0), actor_name, action, from_status, to_status, comment "
    "FROM plan_events WHERE plan_id = :p ORDER BY id";

Plan from_row(const soci::row& row) {
  Plan p;
  p.id = row_int(row, 0);
  p.plan_number = row_str(row, 1);
  p.version = static_cast<int>(row_int(row, 2));
  p.replaces_id = row_int(row, 3);
  p.status = row_str(row, 4);
  p.product = row_str(row, 5);
  p.industry_code = row_str(row, 6);
  p.author_id = row_int(row, 7);
  p.author_org = row_str(row, 8);
  p.region_code = row_str(row, 9);
  p.summary = row_str(row, 10);
  p.notice_start = row_str(row, 11);
  p.notice_end = row_str(row, 12);
  p.last_reason = row_str(row, 13);
  p.published_at = row_int(row, 14);
  p.created_at = row_int(row, 15);
  p.updated_at = row_int(row, 16);
  return p;
}

// An indicator row whose first column is at `at`.
PlanIndicator indicator_from_row(const soci::row& r, size_t at) {
  PlanIndicator i;
  i.name = row_str(r, at + 0);
  i.unit = row_str(r, at + 1);
  i.domestic_requirement = row_str(r, at + 2);
  i.benchmark_requirement = row_str(r, at + 3);
  i.domestic_method = row_str(r, at + 4);
  i.benchmark_method = row_str(r, at + 5);
  i.core = row_int(r, at + 6) != 0;
  i.safety = row_int(r, at + 7) != 0;
  i.health = row_int(r, at + 8) != 0;
  i.environment = row_int(r, at + 9) != 0;
  i.notes = row_str(r, at + 10);
  i.verdict = row_str(r, at + 11);
  i.verdict_reason = row_str(r, at + 12);
  return i;
}

void load_content(Tx& tx, Plan& p) {
  soci::rowset<soci::row> srows = (tx.sql.prepare << kStandards, soci::use(p.id));
  for (const auto& r : srows) p.standards.push_back({row_str(r, 0), row_str(r, 1), row_str(r, 2)});
  soci::rowset<soci::row> irows = (tx.sql.prepare << kIndicators, soci::use(p.id));
  for (const auto& r : irows) p.indicators.push_back(indicator_from_row(r, 0));
}

// The standards and indicators of a page of plans: two queries, not two per plan.
void load_contents(Tx& tx, std::vector<Plan>& plans) {
  if (plans.empty()) return;
  std::vector<long long> ids;
  std::map<long long, Plan*> by_id;
  for (auto& p : plans) {
    ids.push_back(p.id);
    by_id[p.id] = &p;
  }
  std::string json = id_array_json(ids);
  bool pg = tx.kind == DbKind::kPostgresql;
  soci::rowset<soci::row> srows =
      (tx.sql.prepare << (pg ? kStandardsOfPg : kStandardsOfSqlite), soci::use(json));
  for (const auto& r : srows)
    if (auto it = by_id.find(row_int(r, 0)); it != by_id.end())
      it->second->standards.push_back({row_str(r, 1), row_str(r, 2), row_str(r, 3)});
  soci::rowset<soci::row> irows =
      (tx.sql.prepare << (pg ? kIndicatorsOfPg : kIndicatorsOfSqlite), soci::use(json));
  for (const auto& r : irows)
    if (auto it = by_id.find(row_int(r, 0)); it != by_id.end())
      it->second->indicators.push_back(indicator_from_row(r, 1));
}
}  // namespace

long long insert_plan(Tx& tx, const Plan& p, const std::string& search_text) {
  long long id = 0;
  long long rep = p.replaces_id;
  soci::indicator rep_ind = rep == 0 ? soci::i_null : soci::i_ok;
  tx.sql << kInsert, soci::use(p.plan_number), soci::use(p.version), soci::use(rep, rep_ind),
      soci::use(p.status), soci::use(p.product), soci::use(p.industry_code), soci::use(p.author_id),
      soci::use(p.author_org), soci::use(p.region_code), soci::use(p.summary),
      soci::use(p.notice_start), soci::use(p.notice_end), soci::use(p.last_reason),
      soci::use(search_text), soci::use(p.published_at), soci::use(p.created_at),
      soci::use(p.updated_at), soci::into(id);
  return id;
}

void update_plan(Tx& tx, const Plan& p, const std::string& search_text) {
  tx.sql << kUpdate, soci::use(p.plan_number), soci::use(p.status), soci::use(p.product),
      soci::use(p.industry_code), soci::use(p.author_org), soci::use(p.summary),
      soci::use(p.notice_start), soci::use(p.notice_end), soci::use(p.last_reason),
      soci::use(search_text), soci::use(p.published_at), soci::use(p.updated_at), soci::use(p.id);
}

void replace_plan_content(Tx& tx, long long plan_id, const std::vector<PlanStandard>& standards,
                          const std::vector<PlanIndicator>& indicators) {
  tx.sql << kDeleteStandards, soci::use(plan_id);
  tx.sql << kDeleteIndicators, soci::use(plan_id);
  int pos = 0;
  for (const auto& s : standards) {
    tx.sql << kInsertStandard, soci::use(plan_id), soci::use(pos), soci::use(s.role),
        soci::use(s.number), soci::use(s.title);
    ++pos;
  }
  pos = 0;
  for (const auto& i : indicators) {
    int core = i.core, safety = i.safety, health = i.health, env = i.environment;
    tx.sql << kInsertIndicator, soci::use(plan_id), soci::use(pos), soci::use(i.name),
        soci::use(i.unit), soci::use(i.domestic_requirement), soci::use(i.benchmark_requirement),
        soci::use(i.domestic_method), soci::use(i.benchmark_method), soci::use(core),
        soci::use(safety), soci::use(health), soci::use(env), soci::use(i.notes),
        soci::use(i.verdict), soci::use(i.verdict_reason);
    ++pos;
  }
}

std::optional<Plan> find_plan(Tx& tx, const PlanVisibility& v, long long id) {
  int pubv = v.public_statuses, intv = v.internal_statuses, allv = v.everything;
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(pubv), soci::use(intv), soci::use(allv),
      soci::use(v.author_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Plan p = from_row(row);
  load_content(tx, p);
  return p;
}

PageResult<Plan> list_plans(Tx& tx, const PlanVisibility& v, const PlanFilter& f,
                            const Page& page) {
  PageResult<Plan> out;
  int pubv = v.public_statuses, intv = v.internal_statuses, allv = v.everything;
  bool fts = tx.kind == DbKind::kSqlite && use_fts(f.q);
  std::string pattern = fts ? fts_phrase(f.q) : like_contains(f.q);
  const std::string_view& kCount = fts ? kCountFts : kCountLike;
  const std::string_view& kList = fts ? kListFts : kListLike;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(pubv), soci::use(intv), soci::use(allv), soci::use(v.author_id),
      soci::use(f.q), soci::use(pattern), soci::use(f.status), soci::use(f.status),
      soci::use(f.standard), soci::use(f.standard), soci::use(f.industry_code),
      soci::use(f.industry_code), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(pubv), soci::use(intv), soci::use(allv),
       soci::use(v.author_id), soci::use(f.q), soci::use(pattern), soci::use(f.status),
       soci::use(f.status), soci::use(f.standard), soci::use(f.standard),
       soci::use(f.industry_code), soci::use(f.industry_code), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  load_contents(tx, out.items);
  return out;
}

std::optional<Plan> find_published_plan(Tx& tx, const std::string& plan_number) {
  soci::rowset<soci::row> rows = (tx.sql.prepare << kFindPublished, soci::use(plan_number));
  for (const auto& row : rows) {
    Plan p = from_row(row);
    load_content(tx, p);
    return p;
  }
  return std::nullopt;
}

bool has_revision(Tx& tx, long long plan_id) {
  long long n = 0;
  tx.sql << kHasRevision, soci::use(plan_id), soci::into(n);
  return n > 0;
}

long long next_plan_sequence(Tx& tx, const std::string& prefix) {
  long long v = 0;
  tx.sql << kNextSequence, soci::use(prefix), soci::into(v);
  return v;
}

long long insert_objection(Tx& tx, long long plan_id, const PlanObjection& o) {
  long long id = 0;
  tx.sql << kInsertObjection, soci::use(plan_id), soci::use(o.user_id), soci::use(o.user_name),
      soci::use(o.text), soci::use(o.created_at), soci::into(id);
  return id;
}

bool answer_objection(Tx& tx, long long plan_id, long long objection_id, const std::string& answer,
                      long long at) {
  soci::statement st = (tx.sql.prepare << kAnswerObjection, soci::use(answer), soci::use(at),
                        soci::use(objection_id), soci::use(plan_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<PlanObjection> list_objections(Tx& tx, long long plan_id) {
  std::vector<PlanObjection> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kObjections, soci::use(plan_id));
  for (const auto& r : rows)
    out.push_back({row_int(r, 0), row_int(r, 1), row_str(r, 2), row_str(r, 3), row_int(r, 4),
                   row_str(r, 5), row_int(r, 6), plan_id});
  return out;
}

void insert_plan_event(Tx& tx, long long plan_id, const PlanEvent& e) {
  long long actor = e.actor_id;
  soci::indicator actor_ind = actor == 0 ? soci::i_null : soci::i_ok;
  tx.sql << kInsertEvent, soci::use(plan_id), soci::use(e.at), soci::use(actor, actor_ind),
      soci::use(e.actor_name), soci::use(e.action), soci::use(e.from_status),
      soci::use(e.to_status), soci::use(e.comment);
}

std::vector<PlanEvent> list_plan_events(Tx& tx, long long plan_id) {
  std::vector<PlanEvent> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kEvents, soci::use(plan_id));
  for (const auto& r : rows)
    out.push_back({row_int(r, 0), row_int(r, 1), row_int(r, 2), row_str(r, 3), row_str(r, 4),
                   row_str(r, 5), row_str(r, 6), row_str(r, 7)});
  return out;
}

}  // namespace duibiao
