#include "store/migration_counter_slots.h"

#include <map>
#include <stdexcept>
#include <string>

namespace duibiao {
namespace {

// Migration 28 (PostgreSQL): counters per connection slot. Every counting transaction took the
// statistics epoch's row lock first and held it through its COMMIT (migration 19, against
// deadlocks between counter rows), which capped PostgreSQL near 350 submissions a second on any
// machine: every submission of the national campaign moves the same rows at the nation. Each
// connection now claims a slot of its own (an advisory lock, Database::open_connection) and
// every counter row, the epoch's too, is kept per slot: two open transactions never write the
// same counter row, so they neither wait for nor deadlock with each other, whatever their order.
// Readers add the slots up (every reader of the counters sums them already; those that tested
// a row's n now test the sum). A connection without a slot (psql, a tool) writes slot 0.
// SQLite writes one transaction at a time: its tables stay as they are.
struct CounterTable {
  const char* name;
  const char* key;  // the primary key before the slot
};
constexpr CounterTable kCounterTables[] = {
    {"campaign_member_counts",
     "campaign_id, region_code, industry_code, batch, has_result, has_reported, concluded"},
    {"campaign_result_counts",
     "campaign_id, region_code, industry_code, batch, status, rollup, compliant"},
    {"campaign_month_counts", "campaign_id, region_code, kind, month"},
    {"campaign_plan_counts", "campaign_id, region_code, plan_id"},
    {"result_status_counts", "region_path, status, submitted"},
    {"region_enterprise_counts", "region_path"},
    {"queue_counts", "stage_region, stage"},
};
// The upserts of counter rows in the newest definitions of the functions that write them
// (campaign_members_stats 16, results_stats 14, results_status_counts 4, enterprises_counts 4,
// results_queue_counts 4; products_stats counts through campaign_members).
constexpr int kCounterUpserts = 42;
// Of those, the upserts of result counters (campaign_members_stats 4, results_stats 4).
constexpr int kResultCounterUpserts = 8;

bool writes_counter(std::string_view statement_part) {
  for (const auto& t : kCounterTables)
    if (statement_part.find(std::string("INTO ") + t.name + " ") != std::string_view::npos)
      return true;
  return false;
}

std::vector<std::string> build_statements(const std::vector<std::string_view>& earlier) {
  std::vector<std::string> out = {
      // The connection's slot, or 0 outside the server (STABLE: read once per statement).
      "pg:CREATE FUNCTION duibiao_counter_slot() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT "
      "COALESCE(NULLIF(current_setting('duibiao.counter_slot', true), ''), '0')::integer $$",
  };
  for (const auto& t : kCounterTables) {
    std::string name = t.name;
    // A constant default first (no rewrite of the table), then the connection's slot.
    out.push_back("pg:ALTER TABLE " + name + " ADD COLUMN slot INTEGER NOT NULL DEFAULT 0");
    out.push_back("pg:ALTER TABLE " + name +
                  " ALTER COLUMN slot SET DEFAULT duibiao_counter_slot()");
    out.push_back("pg:ALTER TABLE " + name + " DROP CONSTRAINT " + name + "_pkey");
    out.push_back("pg:ALTER TABLE " + name + " ADD PRIMARY KEY (" + t.key + ", slot)");
  }
  // The figures of a region's children (results by status and 达标), kept apart from the result
  // counters: they are what the region table of a dashboard reads (432 rows for the nation's
  // provinces, where the result counters hold 36,169), so the result counters need no index that
  // carries n (below), and their updates write no index entry.
  for (const char* stmt : {
           R"(pg:CREATE TABLE campaign_child_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                status TEXT NOT NULL,
                compliant INTEGER NOT NULL,
                n BIGINT NOT NULL,
                slot INTEGER NOT NULL DEFAULT duibiao_counter_slot(),
                PRIMARY KEY (campaign_id, region_code, status, compliant, slot))
                WITH (fillfactor = 70))",
           "pg:CREATE INDEX campaign_child_counts_parent ON campaign_child_counts(campaign_id, "
           "parent_code, region_code)",
           "pg:INSERT INTO campaign_child_counts (campaign_id, region_code, parent_code, status, "
           "compliant, n, slot) SELECT campaign_id, region_code, parent_code, status, compliant, "
           "SUM(n), 0 FROM campaign_result_counts GROUP BY campaign_id, region_code, parent_code, "
           "status, compliant",
       })
    out.emplace_back(stmt);
  // The newest definition of every PostgreSQL function that writes a counter row.
  std::map<std::string, std::string> newest;
  for (std::string_view stmt : earlier) {
    for (std::string_view create : {"pg:CREATE FUNCTION ", "pg:CREATE OR REPLACE FUNCTION "}) {
      if (stmt.rfind(create, 0) != 0) continue;
      std::string_view rest = stmt.substr(create.size());
      std::string name(rest.substr(0, rest.find('(')));
      if (writes_counter(stmt))
        newest[name] = std::string(rest);
      else
        newest.erase(name);
    }
  }
  int restated = 0, child_upserts = 0;
  std::string per_function;  // for the error message
  for (auto& [name, body] : newest) {
    int before = restated;
    // Every upsert of a counter row conflicts on the row of its own slot.
    size_t from = 0;
    for (size_t at; (at = body.find("ON CONFLICT (", from)) != std::string::npos;) {
      size_t close = body.find(')', at);
      size_t part_begin = body.rfind(';', at);
      part_begin = part_begin == std::string::npos ? 0 : part_begin;
      if (close == std::string::npos || body.compare(close, 12, ") DO UPDATE ") != 0)
        throw std::logic_error("migration 28: an upsert of an unexpected form in " + name);
      from = close + 1;
      if (!writes_counter(std::string_view(body).substr(part_begin, at - part_begin))) continue;
      body.insert(close, ", slot");
      from += 6;
      ++restated;
    }
    // Every upsert of result counters is followed by the same rows grouped by child figures.
    const std::string head =
        "INSERT INTO campaign_result_counts (campaign_id, region_code, parent_code, "
        "industry_code, batch, status, rollup, compliant, n) ";
    const std::string tail =
        " ON CONFLICT (campaign_id, region_code, industry_code, batch, status, rollup, compliant, "
        "slot) DO UPDATE SET n = campaign_result_counts.n + excluded.n";
    from = 0;
    for (size_t at; (at = body.find(head, from)) != std::string::npos;) {
      size_t end = body.find(tail, at);
      if (end == std::string::npos)
        throw std::logic_error("migration 28: a result counter upsert of an unexpected form in " +
                               name);
      std::string rows = body.substr(at + head.size(), end - at - head.size());
      std::string twin =
          "; INSERT INTO campaign_child_counts (campaign_id, region_code, parent_code, status, "
          "compliant, n) SELECT t.campaign_id, t.region_code, t.parent_code, t.status, "
          "t.compliant, SUM(t.n) FROM (" +
          rows +
          ") AS t (campaign_id, region_code, parent_code, industry_code, batch, status, rollup, "
          "compliant, n) GROUP BY t.campaign_id, t.region_code, t.parent_code, t.status, "
          "t.compliant ON CONFLICT (campaign_id, region_code, status, compliant, slot) DO UPDATE "
          "SET n = campaign_child_counts.n + excluded.n";
      body.insert(end + tail.size(), twin);
      from = end + tail.size() + twin.size();
      ++child_upserts;
    }
    per_function += " " + name + " " + std::to_string(restated - before);
    out.push_back("pg:CREATE OR REPLACE FUNCTION " + body);
  }
  if (child_upserts != kResultCounterUpserts)
    throw std::logic_error("migration 28: " + std::to_string(child_upserts) +
                           " result counter upserts followed by child counters, expected " +
                           std::to_string(kResultCounterUpserts));
  if (restated != kCounterUpserts)
    throw std::logic_error("migration 28: " + std::to_string(restated) +
                           " counter upserts restated, expected " +
                           std::to_string(kCounterUpserts) + " (" + per_function + " )");
  // The epoch: one row per slot (id = slot + 1; readers add them up), still moved once per
  // transaction before its first counted statement.
  out.push_back(
      "pg:CREATE OR REPLACE FUNCTION stats_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$ "
      "BEGIN IF current_setting('duibiao.epoch_moved', true) IS DISTINCT FROM '1' THEN INSERT "
      "INTO stats_epoch (id, epoch) VALUES (duibiao_counter_slot() + 1, 1) ON CONFLICT (id) DO "
      "UPDATE SET epoch = stats_epoch.epoch + 1; PERFORM set_config('duibiao.epoch_moved', '1', "
      "true); END IF; RETURN NULL; END $$");
  // With the lock gone PostgreSQL's own work bounds submissions (≈ 2.9 ms of its CPU each, the
  // counter functions most of it). Three parts of that work go:
  // - Counters updated in place: the result counters' covering indexes carried n, so every +1
  //   was a new row version with an entry in each index (three); without them (the key serves a
  //   region's own rows, the child counters its children's) and with room left on the pages the
  //   update is HOT: no index entry. The member counters keep theirs (a submission seldom moves
  //   a member's group; the dashboards read them by parent).
  for (const char* stmt :
       {"pg:DROP INDEX campaign_result_counts_at", "pg:DROP INDEX campaign_result_counts_parent"})
    out.emplace_back(stmt);
  for (const char* table : {"campaign_result_counts", "campaign_month_counts",
                            "campaign_plan_counts", "result_status_counts", "queue_counts"})
    out.push_back(std::string("pg:ALTER TABLE ") + table + " SET (fillfactor = 70)");
  // - Planned once: a statement of a PL/pgSQL function is planned again on every call while
  //   PostgreSQL finds its custom plans cheaper than the generic one, which for these (keys
  //   looked up by the old and new row) they are by a little — at the price of planning each
  //   (a submission's counter functions: 1.9 ms with custom plans, 1.1 ms with generic ones).
  for (const char* function :
       {"results_stats", "campaign_members_stats", "products_stats", "results_status_counts",
        "results_queue_counts", "enterprises_counts", "stats_epoch_bump"})
    out.push_back(std::string("pg:ALTER FUNCTION ") + function +
                  "() SET plan_cache_mode = force_generic_plan");
  // - Results' search text beside them: every move of a result (a status, a stage: indexed
  //   columns, so never a HOT update) inserted the row again into each of its indexes, the
  //   trigram index of its search text too (≈ 320 µs of PostgreSQL's CPU per submission). The
  //   text is written when the result is made; its index now lies on a table of its own, kept by
  //   a trigger, which moves do not touch. Searches on PostgreSQL read it (store/result_store).
  for (const char* stmt : {
           "pg:CREATE TABLE result_search (result_id BIGINT PRIMARY KEY REFERENCES results(id) "
           "ON DELETE CASCADE, search_text TEXT NOT NULL)",
           "pg:INSERT INTO result_search (result_id, search_text) SELECT id, search_text FROM "
           "results",
           R"(pg:DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                  CREATE INDEX result_search_trgm ON result_search
                    USING gin (search_text gin_trgm_ops);
                END IF;
              END $$)",
           "pg:DROP INDEX IF EXISTS results_search_trgm",
           "pg:CREATE FUNCTION results_search_copy() RETURNS trigger LANGUAGE plpgsql AS $$ "
           "BEGIN INSERT INTO result_search (result_id, search_text) VALUES (new.id, "
           "new.search_text) ON CONFLICT (result_id) DO UPDATE SET search_text = "
           "excluded.search_text; RETURN NULL; END $$",
           "pg:CREATE TRIGGER results_search_copy AFTER INSERT OR UPDATE OF search_text ON "
           "results FOR EACH ROW EXECUTE FUNCTION results_search_copy()",
       })
    out.emplace_back(stmt);
  out.push_back("UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1");
  return out;
}

}  // namespace

std::vector<std::string_view> counter_slot_statements(
    const std::vector<std::string_view>& earlier) {
  static const std::vector<std::string> owned = build_statements(earlier);
  return {owned.begin(), owned.end()};
}

}  // namespace duibiao
