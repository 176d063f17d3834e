#include "store/migrations.h"

#include "store/migration_counter_slots.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {
namespace {

// DDL differs between the backends only in a few places; {PK} is the surrogate key type and
// {PATH} the type of region path columns (byte-wise collation so range scans on paths work).
struct Migration {
  int version;
  std::string_view name;
  std::vector<std::string_view> statements;
};

// Migration 16: one epoch that every write to a table the campaign statistics read moves on, in
// the writing transaction, so a per-process cache of statistics keyed by it is never stale —
// including after writes made by another process. Over-inclusive on purpose: a needless miss
// costs one recomputation, a missing table would serve stale figures.
constexpr std::string_view kStatsEpochTables[] = {"regions",
                                                  "industries",
                                                  "enterprises",
                                                  "standards",
                                                  "advanced_standards",
                                                  "plans",
                                                  "plan_standards",
                                                  "plan_indicators",
                                                  "products",
                                                  "results",
                                                  "settings",
                                                  "campaigns",
                                                  "campaign_regions",
                                                  "campaign_members",
                                                  "campaign_list_rows",
                                                  "support_requests",
                                                  "region_ancestors",
                                                  "campaign_member_counts",
                                                  "campaign_result_counts",
                                                  "campaign_month_counts",
                                                  "campaign_plan_counts"};

// SQLite: the triggers that move the statistics epoch on every write to `table`.
std::vector<std::string> sqlite_epoch_triggers(const std::string& table) {
  std::vector<std::string> out;
  for (std::string op : {"insert", "update", "delete"}) {
    std::string upper = op == "insert" ? "INSERT" : op == "update" ? "UPDATE" : "DELETE";
    out.push_back("sqlite:CREATE TRIGGER " + table + "_epoch_" + op + " AFTER " + upper + " ON " +
                  table + " BEGIN UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1; END");
  }
  return out;
}

std::vector<std::string_view> stats_epoch_statements() {
  static const std::vector<std::string> owned = [] {
    std::vector<std::string> out = {
        "CREATE TABLE stats_epoch (id INTEGER PRIMARY KEY, epoch BIGINT NOT NULL)",
        "INSERT INTO stats_epoch (id, epoch) VALUES (1, 0)",
        "pg:CREATE FUNCTION stats_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1; RETURN NULL; END $$"};
    for (std::string_view t : kStatsEpochTables) {
      std::string table(t);
      for (auto& stmt : sqlite_epoch_triggers(table)) out.push_back(std::move(stmt));
      // Statement level on PostgreSQL: one bump per statement, not per row of a bulk write.
      out.push_back("pg:CREATE TRIGGER " + table + "_epoch AFTER INSERT OR UPDATE OR DELETE ON " +
                    table + " FOR EACH STATEMENT EXECUTE FUNCTION stats_epoch_bump()");
    }
    return out;
  }();
  return {owned.begin(), owned.end()};
}

// Migration 19 (PostgreSQL): the epoch is bumped BEFORE each statement instead of after it.
// Every transaction that touches the counters (through the triggers of the tables above) then
// takes the epoch row's lock first, so the counter rows, which concurrent transactions updated in
// opposite orders (a result leaving one counter group and entering another), are only ever
// locked by the one transaction holding the epoch: PostgreSQL found deadlocks between concurrent
// submissions, reviews and product selections under bench/soak. SQLite writes are serial.
// (Moving the epoch at commit with a deferred trigger instead frees the epoch row, but leaves the
// counter rows themselves to deadlock; the writes are short, so serialising them costs little.)
std::vector<std::string_view> stats_epoch_first_statements() {
  static const std::vector<std::string> owned = [] {
    std::vector<std::string> out;
    for (std::string_view t : kStatsEpochTables) {
      std::string table(t);
      out.push_back("pg:DROP TRIGGER IF EXISTS " + table + "_epoch ON " + table);
      out.push_back("pg:CREATE TRIGGER " + table + "_epoch BEFORE INSERT OR UPDATE OR DELETE ON " +
                    table + " FOR EACH STATEMENT EXECUTE FUNCTION stats_epoch_bump()");
    }
    return out;
  }();
  return {owned.begin(), owned.end()};
}

// Migration 22: the counter tables no longer move the epoch themselves. Only the triggers of
// the tables they count write them, and those tables move the epoch in the same statement (on
// PostgreSQL BEFORE it, so the epoch row is still locked before any counter row, migration 19).
// On SQLite the per-row triggers of the counters ran ≈ 60 extra UPDATEs of the epoch row per
// submission; on PostgreSQL one trigger call per counter statement.
constexpr std::string_view kCounterTables[] = {"campaign_member_counts", "campaign_result_counts",
                                               "campaign_month_counts", "campaign_plan_counts"};
std::vector<std::string_view> counters_epoch_drop_statements() {
  static const std::vector<std::string> owned = [] {
    std::vector<std::string> out;
    for (std::string_view t : kCounterTables) {
      std::string table(t);
      for (std::string op : {"insert", "update", "delete"})
        out.push_back("sqlite:DROP TRIGGER IF EXISTS " + table + "_epoch_" + op);
      out.push_back("pg:DROP TRIGGER IF EXISTS " + table + "_epoch ON " + table);
    }
    // Whoever cached figures before this migration sees them change once.
    out.push_back("UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1");
    return out;
  }();
  return {owned.begin(), owned.end()};
}

std::vector<std::string_view> migration_19_statements() {
  std::vector<std::string_view> out = {
      R"(CREATE TABLE code_lookup_misses (
                remote_addr TEXT PRIMARY KEY,
                window_start BIGINT NOT NULL,
                misses BIGINT NOT NULL))",
      "CREATE INDEX code_lookup_misses_window ON code_lookup_misses(window_start)",
  };
  for (auto stmt : stats_epoch_first_statements()) out.push_back(stmt);
  return out;
}

// Migration 23: how many results of each status every region's enterprises have, kept by the
// results' own triggers (the home pages of the offices read it instead of counting the rows
// of their whole subtree: the national office's counted 428,000). Keyed by the result's own
// region path (a county): few rows per status even for the nation, and a write touches the
// counter rows of its own county only (on PostgreSQL the epoch row, locked BEFORE each results
// statement, still orders the writers, migration 19).
std::vector<std::string_view> result_status_counts_statements() {
  static const std::vector<std::string> owned = [] {
    const std::string submitted_new = "CASE WHEN new.submitted_at > 0 THEN 1 ELSE 0 END";
    const std::string submitted_old = "CASE WHEN old.submitted_at > 0 THEN 1 ELSE 0 END";
    auto add = [](const std::string& row, const std::string& submitted, const char* n) {
      return "INSERT INTO result_status_counts (region_path, status, submitted, n) VALUES (" + row +
             ".region_path, " + row + ".status, " + submitted + ", " + n +
             ") ON CONFLICT (region_path, status, submitted) DO UPDATE SET n = "
             "result_status_counts.n + excluded.n";
    };
    auto count_enterprise = [](const std::string& row, const char* n) {
      return "INSERT INTO region_enterprise_counts (region_path, n) VALUES (" + row +
             ".region_path, " + n +
             ") ON CONFLICT (region_path) DO UPDATE SET n = region_enterprise_counts.n + "
             "excluded.n";
    };
    std::vector<std::string> out = {
        R"(CREATE TABLE result_status_counts (
                region_path {PATH} NOT NULL,
                status TEXT NOT NULL,
                submitted INTEGER NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (region_path, status, submitted)))",
        "INSERT INTO result_status_counts (region_path, status, submitted, n) SELECT "
        "region_path, status, CASE WHEN submitted_at > 0 THEN 1 ELSE 0 END, COUNT(*) FROM "
        "results GROUP BY region_path, status, CASE WHEN submitted_at > 0 THEN 1 ELSE 0 END",
        "sqlite:CREATE TRIGGER results_status_counts_insert AFTER INSERT ON results BEGIN " +
            add("new", submitted_new, "1") + "; END",
        "sqlite:CREATE TRIGGER results_status_counts_delete AFTER DELETE ON results BEGIN " +
            add("old", submitted_old, "-1") + "; END",
        "sqlite:CREATE TRIGGER results_status_counts_update AFTER UPDATE OF status, "
        "submitted_at, region_path ON results WHEN old.status IS NOT new.status OR (" +
            submitted_old + ") <> (" + submitted_new +
            ") OR old.region_path IS NOT new.region_path BEGIN " + add("old", submitted_old, "-1") +
            "; " + add("new", submitted_new, "1") + "; END",
        "pg:CREATE FUNCTION results_status_counts() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF TG_OP = 'INSERT' THEN " +
            add("new", submitted_new, "1") + "; RETURN NULL; END IF; IF TG_OP = 'DELETE' THEN " +
            add("old", submitted_old, "-1") +
            "; RETURN NULL; END IF; IF old.status IS DISTINCT FROM new.status OR (" +
            submitted_old + ") <> (" + submitted_new +
            ") OR old.region_path IS DISTINCT FROM new.region_path THEN " +
            add("old", submitted_old, "-1") + "; " + add("new", submitted_new, "1") +
            "; END IF; RETURN NULL; END $$",
        "pg:CREATE TRIGGER results_status_counts AFTER INSERT OR DELETE OR UPDATE OF status, "
        "submitted_at, region_path ON results FOR EACH ROW EXECUTE FUNCTION "
        "results_status_counts()",
        // The enterprises of every region, the same way (the national office counted 100,000).
        R"(CREATE TABLE region_enterprise_counts (
                region_path {PATH} PRIMARY KEY,
                n BIGINT NOT NULL))",
        "INSERT INTO region_enterprise_counts (region_path, n) SELECT region_path, COUNT(*) FROM "
        "enterprises GROUP BY region_path",
        "sqlite:CREATE TRIGGER enterprises_counts_insert AFTER INSERT ON enterprises BEGIN " +
            count_enterprise("new", "1") + "; END",
        "sqlite:CREATE TRIGGER enterprises_counts_delete AFTER DELETE ON enterprises BEGIN " +
            count_enterprise("old", "-1") + "; END",
        "sqlite:CREATE TRIGGER enterprises_counts_update AFTER UPDATE OF region_path ON "
        "enterprises WHEN old.region_path IS NOT new.region_path BEGIN " +
            count_enterprise("old", "-1") + "; " + count_enterprise("new", "1") + "; END",
        "pg:CREATE FUNCTION enterprises_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
        "TG_OP = 'INSERT' THEN " +
            count_enterprise("new", "1") + "; RETURN NULL; END IF; IF TG_OP = 'DELETE' THEN " +
            count_enterprise("old", "-1") +
            "; RETURN NULL; END IF; IF old.region_path IS DISTINCT FROM new.region_path THEN " +
            count_enterprise("old", "-1") + "; " + count_enterprise("new", "1") +
            "; END IF; RETURN NULL; END $$",
        "pg:CREATE TRIGGER enterprises_counts AFTER INSERT OR DELETE OR UPDATE OF region_path ON "
        "enterprises FOR EACH ROW EXECUTE FUNCTION enterprises_counts()",
        // The national office's home page counts open objections: kept under the epoch too.
        "pg:CREATE TRIGGER plan_objections_epoch BEFORE INSERT OR UPDATE OR DELETE ON "
        "plan_objections FOR EACH STATEMENT EXECUTE FUNCTION stats_epoch_bump()",
    };
    for (auto& stmt : sqlite_epoch_triggers("plan_objections")) out.push_back(std::move(stmt));
    return out;
  }();
  return {owned.begin(), owned.end()};
}

// Migration 25: how many results wait at each office and stage, kept by the results' own
// triggers. The work queue's total counted the index entries of the office's whole queue on every
// page (2,235 for the busiest county: 0.35 ms of PostgreSQL's time, most of a page's cost).
std::vector<std::string_view> queue_counts_statements() {
  static const std::vector<std::string> owned = [] {
    auto add = [](const std::string& row, const char* n) {
      return "INSERT INTO queue_counts (stage_region, stage, n) SELECT " + row + ".stage_region, " +
             row + ".stage, " + n + " WHERE " + row +
             ".stage <> '' ON CONFLICT (stage_region, stage) DO UPDATE SET n = queue_counts.n + "
             "excluded.n";
    };
    const std::string moved =
        "old.stage IS DISTINCT FROM new.stage OR old.stage_region IS DISTINCT FROM "
        "new.stage_region";
    const std::string moved_sqlite =
        "old.stage IS NOT new.stage OR old.stage_region IS NOT new.stage_region";
    return std::vector<std::string>{
        R"(CREATE TABLE queue_counts (
                stage_region TEXT NOT NULL,
                stage TEXT NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (stage_region, stage)))",
        "INSERT INTO queue_counts (stage_region, stage, n) SELECT stage_region, stage, COUNT(*) "
        "FROM results WHERE stage <> '' GROUP BY stage_region, stage",
        "sqlite:CREATE TRIGGER results_queue_counts_insert AFTER INSERT ON results BEGIN " +
            add("new", "1") + "; END",
        "sqlite:CREATE TRIGGER results_queue_counts_delete AFTER DELETE ON results BEGIN " +
            add("old", "-1") + "; END",
        "sqlite:CREATE TRIGGER results_queue_counts_update AFTER UPDATE OF stage, stage_region ON "
        "results WHEN " +
            moved_sqlite + " BEGIN " + add("old", "-1") + "; " + add("new", "1") + "; END",
        "pg:CREATE FUNCTION results_queue_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN " +
            add("new", "1") + "; RETURN NULL; END IF; IF TG_OP = 'DELETE' THEN " +
            add("old", "-1") + "; RETURN NULL; END IF; IF " + moved + " THEN " + add("old", "-1") +
            "; " + add("new", "1") + "; END IF; RETURN NULL; END $$",
        "pg:CREATE TRIGGER results_queue_counts AFTER INSERT OR DELETE OR UPDATE OF stage, "
        "stage_region ON results FOR EACH ROW EXECUTE FUNCTION results_queue_counts()",
    };
  }();
  return {owned.begin(), owned.end()};
}

// Migration 26: fewer pages written per submission. A submission dirtied ≈ 105 pages of the
// SQLite database (each a WAL frame, later read back and written again by the checkpoint), 79 of
// them campaign counters. The result counters' covering indexes carried n, so every +1 moved an
// entry in each of them besides the row: on SQLite the table now is its own covering index
// (WITHOUT ROWID, clustered by region), n is in no index, and the rows of a region's children are
// read region by region. A member's row update moved its group out and back in even when none of
// the member's flags changed (the counts of its results are not grouped by): now only when they
// change. PostgreSQL keeps its indexes (its statistics epoch, not the pages, bounds its writes).
std::vector<std::string_view> counter_write_statements() {
  static const std::vector<std::string> owned = [] {
    auto move_member = [](const std::string& row, const char* sign) {
      const std::string r = row + ".";
      return "INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
             "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT " +
             r + "campaign_id, a.ancestor_code, a.ancestor_parent, " + r + "industry_code, " + r +
             "batch, (CASE WHEN " + r + "results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN " + r +
             "reported_n > 0 THEN 1 ELSE 0 END), (CASE WHEN " + r + "results_n > 0 AND " + r +
             "concluded_n = " + r + "results_n THEN 1 ELSE 0 END), " + sign + "1, " + sign +
             "1 * " + r + "selected_n FROM region_ancestors a WHERE a.region_code = " + r +
             "region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
             "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
             "excluded.n, products = campaign_member_counts.products + excluded.products";
    };
    // What a member's groups are keyed by, "#" standing for the row (old or new).
    auto changed = [](const std::string& differs) {
      std::string out;
      for (std::string e :
           {"#.batch", "#.selected_n", "#.region_code", "#.industry_code", "#.results_n > 0",
            "#.reported_n > 0", "#.results_n > 0 AND #.concluded_n = #.results_n"}) {
        auto of = [&](const std::string& row) {
          std::string x = e;
          for (size_t at; (at = x.find('#')) != std::string::npos;) x.replace(at, 1, row);
          return x;
        };
        out += (out.empty() ? "(" : " OR (") + of("old") + ") " + differs + " (" + of("new") + ")";
      }
      return out;
    };
    return std::vector<std::string>{
        "sqlite:CREATE TEMP TABLE result_counts_copy AS SELECT campaign_id, region_code, "
        "parent_code, industry_code, batch, status, rollup, compliant, n FROM "
        "campaign_result_counts",
        // Dropped and made again under its own name (not renamed: the triggers that write it
        // refer to it by that name).
        "sqlite:DROP TABLE campaign_result_counts",
        R"(sqlite:CREATE TABLE campaign_result_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                industry_code TEXT NOT NULL,
                batch INTEGER NOT NULL,
                status TEXT NOT NULL,
                rollup TEXT NOT NULL,
                compliant INTEGER NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, region_code, industry_code, batch, status, rollup,
                             compliant)) WITHOUT ROWID)",
        "sqlite:INSERT INTO campaign_result_counts SELECT * FROM temp.result_counts_copy",
        "sqlite:DROP TABLE temp.result_counts_copy",
        "sqlite:CREATE INDEX campaign_result_counts_parent ON campaign_result_counts(campaign_id, "
        "parent_code, region_code)",
        "sqlite:DROP TRIGGER campaign_members_stats_update",
        "sqlite:CREATE TRIGGER campaign_members_stats_update AFTER UPDATE OF results_n, "
        "reported_n, concluded_n, selected_n, batch ON campaign_members WHEN " +
            changed("IS NOT") + " BEGIN " + move_member("old", "-") + "; " +
            move_member("new", "") + "; END",
        "pg:DROP TRIGGER campaign_members_stats ON campaign_members",
        "pg:CREATE TRIGGER campaign_members_stats AFTER INSERT OR DELETE ON campaign_members FOR "
        "EACH ROW EXECUTE FUNCTION campaign_members_stats()",
        "pg:CREATE TRIGGER campaign_members_stats_update AFTER UPDATE ON campaign_members FOR EACH "
        "ROW WHEN (" +
            changed("IS DISTINCT FROM") + ") EXECUTE FUNCTION campaign_members_stats()",
    };
  }();
  return {owned.begin(), owned.end()};
}

// Migration 9: the campaign counters and the triggers that keep them (restated in part by
// migration 27, which reads them from here).
const std::vector<std::string_view>& campaign_counter_statements() {
  static const std::vector<std::string_view> list = {
      // A dashboard of a national campaign would otherwise group 100,000 members and 430,000
      // results per answer. Triggers keep counters in the same transaction as every write
      // that moves a figure, whatever code path makes it, so they are exact; each member's
      // figures are counted at its own region and at every region above it, so a dashboard
      // reads only the rows of the region it shows (and of that region's children).
      "ALTER TABLE campaign_members ADD COLUMN results_n INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE campaign_members ADD COLUMN reported_n INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE campaign_members ADD COLUMN concluded_n INTEGER NOT NULL DEFAULT 0",
      "ALTER TABLE campaign_members ADD COLUMN selected_n INTEGER NOT NULL DEFAULT 0",
      // Every region with itself and each region above it (reference data fills it too).
      R"(CREATE TABLE region_ancestors (
                region_code TEXT NOT NULL,
                ancestor_code TEXT NOT NULL,
                ancestor_parent TEXT NOT NULL,
                depth INTEGER NOT NULL,
                PRIMARY KEY (region_code, ancestor_code)))",
      "WITH RECURSIVE up(region_code, ancestor_code, depth) AS (SELECT code, code, 0 FROM "
      "regions UNION ALL SELECT up.region_code, g.parent_code, up.depth + 1 FROM up JOIN "
      "regions g ON g.code = up.ancestor_code WHERE g.parent_code IS NOT NULL AND "
      "g.parent_code <> '' AND up.depth < 8) INSERT INTO region_ancestors (region_code, "
      "ancestor_code, ancestor_parent, depth) SELECT up.region_code, up.ancestor_code, "
      "COALESCE(p.parent_code, ''), up.depth FROM up JOIN regions p ON p.code = "
      "up.ancestor_code",
      R"(CREATE TABLE campaign_member_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                industry_code TEXT NOT NULL,
                batch INTEGER NOT NULL,
                has_result INTEGER NOT NULL,
                has_reported INTEGER NOT NULL,
                concluded INTEGER NOT NULL,
                n BIGINT NOT NULL,
                products BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, region_code, industry_code, batch, has_result,
                             has_reported, concluded)))",
      // Covering: the rows of a region's children are read from the index alone.
      "CREATE INDEX campaign_member_counts_parent ON campaign_member_counts(campaign_id, "
      "parent_code, region_code, n, has_result, has_reported, concluded, products)",
      R"(CREATE TABLE campaign_result_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                industry_code TEXT NOT NULL,
                batch INTEGER NOT NULL,
                status TEXT NOT NULL,
                rollup TEXT NOT NULL,
                compliant INTEGER NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, region_code, industry_code, batch, status, rollup,
                             compliant)))",
      "CREATE INDEX campaign_result_counts_parent ON campaign_result_counts(campaign_id, "
      "parent_code, region_code, status, compliant, n)",
      R"(CREATE TABLE campaign_month_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                kind TEXT NOT NULL,
                month TEXT NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, region_code, kind, month)))",
      R"(CREATE TABLE campaign_plan_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                plan_id BIGINT NOT NULL,
                plan_number TEXT NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, region_code, plan_id)))",
      // Members that exist already: their counters, then the groups (before any trigger).
      "sqlite:UPDATE campaign_members SET results_n = (SELECT COUNT(*) FROM results r WHERE "
      "r.enterprise_id = campaign_members.enterprise_id), reported_n = (SELECT COUNT(*) FROM "
      "results r WHERE r.enterprise_id = campaign_members.enterprise_id AND r.status NOT IN "
      "('draft', 'returned')), concluded_n = (SELECT COUNT(*) FROM results r WHERE "
      "r.enterprise_id = campaign_members.enterprise_id AND r.status IN ('accepted', "
      "'published')), selected_n = (SELECT COUNT(*) FROM products p WHERE p.enterprise_id = "
      "campaign_members.enterprise_id AND p.selected = 1)",
      "sqlite:INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT "
      "m.campaign_id, a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, (CASE "
      "WHEN m.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN m.reported_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN m.results_n > 0 AND m.concluded_n = m.results_n THEN 1 ELSE 0 END), "
      "COUNT(*), SUM(m.selected_n) FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code GROUP BY m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, (CASE WHEN m.results_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN m.reported_n > 0 THEN 1 ELSE 0 END), (CASE WHEN m.results_n > 0 AND "
      "m.concluded_n = m.results_n THEN 1 ELSE 0 END)",
      "sqlite:INSERT INTO campaign_result_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, status, rollup, compliant, n) SELECT m.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, r.status, r.rollup, "
      "r.compliant, COUNT(*) FROM campaign_members m JOIN region_ancestors a ON a.region_code "
      "= m.region_code JOIN results r ON r.enterprise_id = m.enterprise_id GROUP BY "
      "m.campaign_id, a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, r.status, "
      "r.rollup, r.compliant",
      "sqlite:INSERT INTO campaign_plan_counts (campaign_id, region_code, plan_id, "
      "plan_number, n) SELECT m.campaign_id, a.ancestor_code, r.plan_id, r.plan_number, "
      "COUNT(*) FROM campaign_members m JOIN region_ancestors a ON a.region_code = "
      "m.region_code JOIN results r ON r.enterprise_id = m.enterprise_id GROUP BY "
      "m.campaign_id, a.ancestor_code, r.plan_id, r.plan_number",
      "sqlite:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) "
      "SELECT m.campaign_id, a.ancestor_code, 'added', strftime('%Y-%m', m.added_at + 28800, "
      "'unixepoch'), COUNT(*) FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code GROUP BY m.campaign_id, a.ancestor_code, "
      "strftime('%Y-%m', m.added_at + 28800, 'unixepoch')",
      "sqlite:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) "
      "SELECT m.campaign_id, a.ancestor_code, 'submitted', strftime('%Y-%m', r.submitted_at + "
      "28800, 'unixepoch'), COUNT(*) FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code JOIN results r ON r.enterprise_id = m.enterprise_id "
      "WHERE r.submitted_at > 0 GROUP BY m.campaign_id, a.ancestor_code, strftime('%Y-%m', "
      "r.submitted_at + 28800, 'unixepoch')",
      "sqlite:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) "
      "SELECT m.campaign_id, a.ancestor_code, 'published', strftime('%Y-%m', r.published_at + "
      "28800, 'unixepoch'), COUNT(*) FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code JOIN results r ON r.enterprise_id = m.enterprise_id "
      "WHERE r.published_at > 0 GROUP BY m.campaign_id, a.ancestor_code, strftime('%Y-%m', "
      "r.published_at + 28800, 'unixepoch')",
      "pg:UPDATE campaign_members SET results_n = (SELECT COUNT(*) FROM results r WHERE "
      "r.enterprise_id = campaign_members.enterprise_id), reported_n = (SELECT COUNT(*) FROM "
      "results r WHERE r.enterprise_id = campaign_members.enterprise_id AND r.status NOT IN "
      "('draft', 'returned')), concluded_n = (SELECT COUNT(*) FROM results r WHERE "
      "r.enterprise_id = campaign_members.enterprise_id AND r.status IN ('accepted', "
      "'published')), selected_n = (SELECT COUNT(*) FROM products p WHERE p.enterprise_id = "
      "campaign_members.enterprise_id AND p.selected = 1)",
      "pg:INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT "
      "m.campaign_id, a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, (CASE "
      "WHEN m.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN m.reported_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN m.results_n > 0 AND m.concluded_n = m.results_n THEN 1 ELSE 0 END), "
      "COUNT(*), SUM(m.selected_n) FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code GROUP BY m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, (CASE WHEN m.results_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN m.reported_n > 0 THEN 1 ELSE 0 END), (CASE WHEN m.results_n > 0 AND "
      "m.concluded_n = m.results_n THEN 1 ELSE 0 END)",
      "pg:INSERT INTO campaign_result_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, status, rollup, compliant, n) SELECT m.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, r.status, r.rollup, "
      "r.compliant, COUNT(*) FROM campaign_members m JOIN region_ancestors a ON a.region_code "
      "= m.region_code JOIN results r ON r.enterprise_id = m.enterprise_id GROUP BY "
      "m.campaign_id, a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, r.status, "
      "r.rollup, r.compliant",
      "pg:INSERT INTO campaign_plan_counts (campaign_id, region_code, plan_id, plan_number, "
      "n) SELECT m.campaign_id, a.ancestor_code, r.plan_id, r.plan_number, COUNT(*) FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code JOIN "
      "results r ON r.enterprise_id = m.enterprise_id GROUP BY m.campaign_id, "
      "a.ancestor_code, r.plan_id, r.plan_number",
      "pg:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "m.campaign_id, a.ancestor_code, 'added', to_char(to_timestamp(m.added_at + 28800) AT "
      "TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM campaign_members m JOIN region_ancestors a "
      "ON a.region_code = m.region_code GROUP BY m.campaign_id, a.ancestor_code, "
      "to_char(to_timestamp(m.added_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')",
      "pg:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "m.campaign_id, a.ancestor_code, 'submitted', to_char(to_timestamp(r.submitted_at + "
      "28800) AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM campaign_members m JOIN "
      "region_ancestors a ON a.region_code = m.region_code JOIN results r ON r.enterprise_id "
      "= m.enterprise_id WHERE r.submitted_at > 0 GROUP BY m.campaign_id, a.ancestor_code, "
      "to_char(to_timestamp(r.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')",
      "pg:INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "m.campaign_id, a.ancestor_code, 'published', to_char(to_timestamp(r.published_at + "
      "28800) AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) FROM campaign_members m JOIN "
      "region_ancestors a ON a.region_code = m.region_code JOIN results r ON r.enterprise_id "
      "= m.enterprise_id WHERE r.published_at > 0 GROUP BY m.campaign_id, a.ancestor_code, "
      "to_char(to_timestamp(r.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')",
      "sqlite:CREATE TRIGGER campaign_members_stats_insert AFTER INSERT ON campaign_members "
      "BEGIN INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT "
      "new.campaign_id, a.ancestor_code, a.ancestor_parent, new.industry_code, new.batch, "
      "(CASE WHEN new.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN new.reported_n > 0 THEN 1 "
      "ELSE 0 END), (CASE WHEN new.results_n > 0 AND new.concluded_n = new.results_n THEN 1 "
      "ELSE 0 END), 1, 1 * new.selected_n FROM region_ancestors a WHERE a.region_code = "
      "new.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; INSERT "
      "INTO campaign_result_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, status, rollup, compliant, n) SELECT new.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, new.industry_code, new.batch, r.status, r.rollup, r.compliant, "
      "COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = new.region_code "
      "WHERE r.enterprise_id = new.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, "
      "r.status, r.rollup, r.compliant ON CONFLICT (campaign_id, region_code, industry_code, "
      "batch, status, rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + "
      "excluded.n; INSERT INTO campaign_plan_counts (campaign_id, region_code, plan_id, "
      "plan_number, n) SELECT new.campaign_id, a.ancestor_code, r.plan_id, r.plan_number, "
      "COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = new.region_code "
      "WHERE r.enterprise_id = new.enterprise_id GROUP BY a.ancestor_code, r.plan_id, "
      "r.plan_number ON CONFLICT (campaign_id, region_code, plan_id) DO UPDATE SET n = "
      "campaign_plan_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT new.campaign_id, a.ancestor_code, 'submitted', "
      "strftime('%Y-%m', r.submitted_at + 28800, 'unixepoch'), COUNT(*) FROM results r JOIN "
      "region_ancestors a ON a.region_code = new.region_code WHERE r.enterprise_id = "
      "new.enterprise_id AND r.submitted_at > 0 GROUP BY a.ancestor_code, strftime('%Y-%m', "
      "r.submitted_at + 28800, 'unixepoch') ON CONFLICT (campaign_id, region_code, kind, "
      "month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; INSERT INTO "
      "campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "new.campaign_id, a.ancestor_code, 'published', strftime('%Y-%m', r.published_at + "
      "28800, 'unixepoch'), COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code "
      "= new.region_code WHERE r.enterprise_id = new.enterprise_id AND r.published_at > 0 "
      "GROUP BY a.ancestor_code, strftime('%Y-%m', r.published_at + 28800, 'unixepoch') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT new.campaign_id, a.ancestor_code, 'added', "
      "strftime('%Y-%m', new.added_at + 28800, 'unixepoch'), 1 FROM region_ancestors a WHERE "
      "a.region_code = new.region_code ON CONFLICT (campaign_id, region_code, kind, month) DO "
      "UPDATE SET n = campaign_month_counts.n + excluded.n; UPDATE campaign_members SET "
      "results_n = (SELECT COUNT(*) FROM results r WHERE r.enterprise_id = "
      "new.enterprise_id), reported_n = (SELECT COUNT(*) FROM results r WHERE r.enterprise_id "
      "= new.enterprise_id AND r.status NOT IN ('draft', 'returned')), concluded_n = (SELECT "
      "COUNT(*) FROM results r WHERE r.enterprise_id = new.enterprise_id AND r.status IN "
      "('accepted', 'published')), selected_n = (SELECT COUNT(*) FROM products p WHERE "
      "p.enterprise_id = new.enterprise_id AND p.selected = 1) WHERE campaign_id = "
      "new.campaign_id AND enterprise_id = new.enterprise_id; END",
      "sqlite:CREATE TRIGGER campaign_members_stats_delete AFTER DELETE ON campaign_members "
      "BEGIN INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT "
      "old.campaign_id, a.ancestor_code, a.ancestor_parent, old.industry_code, old.batch, "
      "(CASE WHEN old.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN old.reported_n > 0 THEN 1 "
      "ELSE 0 END), (CASE WHEN old.results_n > 0 AND old.concluded_n = old.results_n THEN 1 "
      "ELSE 0 END), -1, -1 * old.selected_n FROM region_ancestors a WHERE a.region_code = "
      "old.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; INSERT "
      "INTO campaign_result_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, status, rollup, compliant, n) SELECT old.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, old.industry_code, old.batch, r.status, r.rollup, r.compliant, "
      "-COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = old.region_code "
      "WHERE r.enterprise_id = old.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, "
      "r.status, r.rollup, r.compliant ON CONFLICT (campaign_id, region_code, industry_code, "
      "batch, status, rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + "
      "excluded.n; INSERT INTO campaign_plan_counts (campaign_id, region_code, plan_id, "
      "plan_number, n) SELECT old.campaign_id, a.ancestor_code, r.plan_id, r.plan_number, "
      "-COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = old.region_code "
      "WHERE r.enterprise_id = old.enterprise_id GROUP BY a.ancestor_code, r.plan_id, "
      "r.plan_number ON CONFLICT (campaign_id, region_code, plan_id) DO UPDATE SET n = "
      "campaign_plan_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT old.campaign_id, a.ancestor_code, 'submitted', "
      "strftime('%Y-%m', r.submitted_at + 28800, 'unixepoch'), -COUNT(*) FROM results r JOIN "
      "region_ancestors a ON a.region_code = old.region_code WHERE r.enterprise_id = "
      "old.enterprise_id AND r.submitted_at > 0 GROUP BY a.ancestor_code, strftime('%Y-%m', "
      "r.submitted_at + 28800, 'unixepoch') ON CONFLICT (campaign_id, region_code, kind, "
      "month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; INSERT INTO "
      "campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "old.campaign_id, a.ancestor_code, 'published', strftime('%Y-%m', r.published_at + "
      "28800, 'unixepoch'), -COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code "
      "= old.region_code WHERE r.enterprise_id = old.enterprise_id AND r.published_at > 0 "
      "GROUP BY a.ancestor_code, strftime('%Y-%m', r.published_at + 28800, 'unixepoch') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT old.campaign_id, a.ancestor_code, 'added', "
      "strftime('%Y-%m', old.added_at + 28800, 'unixepoch'), -1 FROM region_ancestors a WHERE "
      "a.region_code = old.region_code ON CONFLICT (campaign_id, region_code, kind, month) DO "
      "UPDATE SET n = campaign_month_counts.n + excluded.n; END",
      "sqlite:CREATE TRIGGER campaign_members_stats_update AFTER UPDATE OF results_n, "
      "reported_n, concluded_n, selected_n, batch ON campaign_members BEGIN INSERT INTO "
      "campaign_member_counts (campaign_id, region_code, parent_code, industry_code, batch, "
      "has_result, has_reported, concluded, n, products) SELECT old.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, old.industry_code, old.batch, (CASE WHEN "
      "old.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN old.reported_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN old.results_n > 0 AND old.concluded_n = old.results_n THEN 1 ELSE 0 "
      "END), -1, -1 * old.selected_n FROM region_ancestors a WHERE a.region_code = "
      "old.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; INSERT "
      "INTO campaign_member_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, has_result, has_reported, concluded, n, products) SELECT new.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, new.industry_code, new.batch, (CASE WHEN "
      "new.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN new.reported_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN new.results_n > 0 AND new.concluded_n = new.results_n THEN 1 ELSE 0 "
      "END), 1, 1 * new.selected_n FROM region_ancestors a WHERE a.region_code = "
      "new.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; END",
      "sqlite:CREATE TRIGGER campaign_members_stats_batch AFTER UPDATE OF batch ON "
      "campaign_members WHEN old.batch <> new.batch BEGIN INSERT INTO campaign_result_counts "
      "(campaign_id, region_code, parent_code, industry_code, batch, status, rollup, "
      "compliant, n) SELECT old.campaign_id, a.ancestor_code, a.ancestor_parent, "
      "old.industry_code, old.batch, r.status, r.rollup, r.compliant, -COUNT(*) FROM results "
      "r JOIN region_ancestors a ON a.region_code = old.region_code WHERE r.enterprise_id = "
      "old.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, r.status, r.rollup, "
      "r.compliant ON CONFLICT (campaign_id, region_code, industry_code, batch, status, "
      "rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + excluded.n; INSERT "
      "INTO campaign_result_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, status, rollup, compliant, n) SELECT new.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, new.industry_code, new.batch, r.status, r.rollup, r.compliant, "
      "COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = new.region_code "
      "WHERE r.enterprise_id = new.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, "
      "r.status, r.rollup, r.compliant ON CONFLICT (campaign_id, region_code, industry_code, "
      "batch, status, rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + "
      "excluded.n; END",
      "sqlite:CREATE TRIGGER results_stats_insert AFTER INSERT ON results BEGIN INSERT INTO "
      "campaign_result_counts (campaign_id, region_code, parent_code, industry_code, batch, "
      "status, rollup, compliant, n) SELECT m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, new.status, new.rollup, new.compliant, 1 "
      "FROM campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_plan_counts (campaign_id, "
      "region_code, plan_id, plan_number, n) SELECT m.campaign_id, a.ancestor_code, "
      "new.plan_id, new.plan_number, 1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = new.enterprise_id ON CONFLICT "
      "(campaign_id, region_code, plan_id) DO UPDATE SET n = campaign_plan_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'submitted', strftime('%Y-%m', "
      "new.submitted_at + 28800, 'unixepoch'), 1 FROM campaign_members m JOIN "
      "region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "new.enterprise_id AND new.submitted_at > 0 AND TRUE ON CONFLICT (campaign_id, "
      "region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; "
      "INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "m.campaign_id, a.ancestor_code, 'published', strftime('%Y-%m', new.published_at + "
      "28800, 'unixepoch'), 1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = new.enterprise_id AND "
      "new.published_at > 0 AND TRUE ON CONFLICT (campaign_id, region_code, kind, month) DO "
      "UPDATE SET n = campaign_month_counts.n + excluded.n; UPDATE campaign_members SET "
      "results_n = results_n + 1, reported_n = reported_n + (CASE WHEN new.status NOT IN "
      "('draft', 'returned') THEN 1 ELSE 0 END), concluded_n = concluded_n + (CASE WHEN "
      "new.status IN ('accepted', 'published') THEN 1 ELSE 0 END) WHERE enterprise_id = "
      "new.enterprise_id; END",
      "sqlite:CREATE TRIGGER results_stats_delete AFTER DELETE ON results BEGIN INSERT INTO "
      "campaign_result_counts (campaign_id, region_code, parent_code, industry_code, batch, "
      "status, rollup, compliant, n) SELECT m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, old.status, old.rollup, old.compliant, -1 "
      "FROM campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_plan_counts (campaign_id, "
      "region_code, plan_id, plan_number, n) SELECT m.campaign_id, a.ancestor_code, "
      "old.plan_id, old.plan_number, -1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = old.enterprise_id ON CONFLICT "
      "(campaign_id, region_code, plan_id) DO UPDATE SET n = campaign_plan_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'submitted', strftime('%Y-%m', "
      "old.submitted_at + 28800, 'unixepoch'), -1 FROM campaign_members m JOIN "
      "region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "old.enterprise_id AND old.submitted_at > 0 AND TRUE ON CONFLICT (campaign_id, "
      "region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; "
      "INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, n) SELECT "
      "m.campaign_id, a.ancestor_code, 'published', strftime('%Y-%m', old.published_at + "
      "28800, 'unixepoch'), -1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = old.enterprise_id AND "
      "old.published_at > 0 AND TRUE ON CONFLICT (campaign_id, region_code, kind, month) DO "
      "UPDATE SET n = campaign_month_counts.n + excluded.n; UPDATE campaign_members SET "
      "results_n = results_n - 1, reported_n = reported_n - (CASE WHEN old.status NOT IN "
      "('draft', 'returned') THEN 1 ELSE 0 END), concluded_n = concluded_n - (CASE WHEN "
      "old.status IN ('accepted', 'published') THEN 1 ELSE 0 END) WHERE enterprise_id = "
      "old.enterprise_id; END",
      "sqlite:CREATE TRIGGER results_stats_update AFTER UPDATE OF status, rollup, compliant, "
      "submitted_at, published_at ON results WHEN old.status IS NOT new.status OR old.rollup "
      "IS NOT new.rollup OR old.compliant IS NOT new.compliant OR old.submitted_at IS NOT "
      "new.submitted_at OR old.published_at IS NOT new.published_at BEGIN INSERT INTO "
      "campaign_result_counts (campaign_id, region_code, parent_code, industry_code, batch, "
      "status, rollup, compliant, n) SELECT m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, old.status, old.rollup, old.compliant, -1 "
      "FROM campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_result_counts "
      "(campaign_id, region_code, parent_code, industry_code, batch, status, rollup, "
      "compliant, n) SELECT m.campaign_id, a.ancestor_code, a.ancestor_parent, "
      "m.industry_code, m.batch, new.status, new.rollup, new.compliant, 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "strftime('%Y-%m', old.submitted_at + 28800, 'unixepoch'), -1 FROM campaign_members m "
      "JOIN region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "old.enterprise_id AND old.submitted_at > 0 AND old.submitted_at <> new.submitted_at ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "strftime('%Y-%m', new.submitted_at + 28800, 'unixepoch'), 1 FROM campaign_members m "
      "JOIN region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "new.enterprise_id AND new.submitted_at > 0 AND old.submitted_at <> new.submitted_at ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "strftime('%Y-%m', old.published_at + 28800, 'unixepoch'), -1 FROM campaign_members m "
      "JOIN region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "old.enterprise_id AND old.published_at > 0 AND old.published_at <> new.published_at ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "strftime('%Y-%m', new.published_at + 28800, 'unixepoch'), 1 FROM campaign_members m "
      "JOIN region_ancestors a ON a.region_code = m.region_code WHERE m.enterprise_id = "
      "new.enterprise_id AND new.published_at > 0 AND old.published_at <> new.published_at ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; UPDATE campaign_members SET reported_n = "
      "reported_n + (CASE WHEN new.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END) - "
      "(CASE WHEN old.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END), concluded_n = "
      "concluded_n + (CASE WHEN new.status IN ('accepted', 'published') THEN 1 ELSE 0 END) - "
      "(CASE WHEN old.status IN ('accepted', 'published') THEN 1 ELSE 0 END) WHERE "
      "enterprise_id = new.enterprise_id AND ((CASE WHEN new.status NOT IN ('draft', "
      "'returned') THEN 1 ELSE 0 END) <> (CASE WHEN old.status NOT IN ('draft', 'returned') "
      "THEN 1 ELSE 0 END) OR (CASE WHEN new.status IN ('accepted', 'published') THEN 1 ELSE 0 "
      "END) <> (CASE WHEN old.status IN ('accepted', 'published') THEN 1 ELSE 0 END)); END",
      "sqlite:CREATE TRIGGER products_stats_insert AFTER INSERT ON products WHEN new.selected "
      "= 1 BEGIN UPDATE campaign_members SET selected_n = selected_n + 1 WHERE enterprise_id "
      "= new.enterprise_id; END",
      "sqlite:CREATE TRIGGER products_stats_delete AFTER DELETE ON products WHEN old.selected "
      "= 1 BEGIN UPDATE campaign_members SET selected_n = selected_n - 1 WHERE enterprise_id "
      "= old.enterprise_id; END",
      "sqlite:CREATE TRIGGER products_stats_update AFTER UPDATE OF selected ON products WHEN "
      "old.selected <> new.selected BEGIN UPDATE campaign_members SET selected_n = selected_n "
      "+ new.selected - old.selected WHERE enterprise_id = new.enterprise_id; END",
      "pg:CREATE FUNCTION campaign_members_stats() RETURNS trigger LANGUAGE plpgsql AS $$ "
      "BEGIN IF TG_OP = 'INSERT' THEN INSERT INTO campaign_member_counts (campaign_id, "
      "region_code, parent_code, industry_code, batch, has_result, has_reported, concluded, "
      "n, products) SELECT new.campaign_id, a.ancestor_code, a.ancestor_parent, "
      "new.industry_code, new.batch, (CASE WHEN new.results_n > 0 THEN 1 ELSE 0 END), (CASE "
      "WHEN new.reported_n > 0 THEN 1 ELSE 0 END), (CASE WHEN new.results_n > 0 AND "
      "new.concluded_n = new.results_n THEN 1 ELSE 0 END), 1, 1 * new.selected_n FROM "
      "region_ancestors a WHERE a.region_code = new.region_code ON CONFLICT (campaign_id, "
      "region_code, industry_code, batch, has_result, has_reported, concluded) DO UPDATE SET "
      "n = campaign_member_counts.n + excluded.n, products = campaign_member_counts.products "
      "+ excluded.products; INSERT INTO campaign_result_counts (campaign_id, region_code, "
      "parent_code, industry_code, batch, status, rollup, compliant, n) SELECT "
      "new.campaign_id, a.ancestor_code, a.ancestor_parent, new.industry_code, new.batch, "
      "r.status, r.rollup, r.compliant, COUNT(*) FROM results r JOIN region_ancestors a ON "
      "a.region_code = new.region_code WHERE r.enterprise_id = new.enterprise_id GROUP BY "
      "a.ancestor_code, a.ancestor_parent, r.status, r.rollup, r.compliant ON CONFLICT "
      "(campaign_id, region_code, industry_code, batch, status, rollup, compliant) DO UPDATE "
      "SET n = campaign_result_counts.n + excluded.n; INSERT INTO campaign_plan_counts "
      "(campaign_id, region_code, plan_id, plan_number, n) SELECT new.campaign_id, "
      "a.ancestor_code, r.plan_id, r.plan_number, COUNT(*) FROM results r JOIN "
      "region_ancestors a ON a.region_code = new.region_code WHERE r.enterprise_id = "
      "new.enterprise_id GROUP BY a.ancestor_code, r.plan_id, r.plan_number ON CONFLICT "
      "(campaign_id, region_code, plan_id) DO UPDATE SET n = campaign_plan_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT new.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(r.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) "
      "FROM results r JOIN region_ancestors a ON a.region_code = new.region_code WHERE "
      "r.enterprise_id = new.enterprise_id AND r.submitted_at > 0 GROUP BY a.ancestor_code, "
      "to_char(to_timestamp(r.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT new.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(r.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), COUNT(*) "
      "FROM results r JOIN region_ancestors a ON a.region_code = new.region_code WHERE "
      "r.enterprise_id = new.enterprise_id AND r.published_at > 0 GROUP BY a.ancestor_code, "
      "to_char(to_timestamp(r.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT new.campaign_id, a.ancestor_code, 'added', "
      "to_char(to_timestamp(new.added_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 1 FROM "
      "region_ancestors a WHERE a.region_code = new.region_code ON CONFLICT (campaign_id, "
      "region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; "
      "UPDATE campaign_members SET results_n = (SELECT COUNT(*) FROM results r WHERE "
      "r.enterprise_id = new.enterprise_id), reported_n = (SELECT COUNT(*) FROM results r "
      "WHERE r.enterprise_id = new.enterprise_id AND r.status NOT IN ('draft', 'returned')), "
      "concluded_n = (SELECT COUNT(*) FROM results r WHERE r.enterprise_id = "
      "new.enterprise_id AND r.status IN ('accepted', 'published')), selected_n = (SELECT "
      "COUNT(*) FROM products p WHERE p.enterprise_id = new.enterprise_id AND p.selected = 1) "
      "WHERE campaign_id = new.campaign_id AND enterprise_id = new.enterprise_id; RETURN "
      "NULL; END IF; IF TG_OP = 'DELETE' THEN INSERT INTO campaign_member_counts "
      "(campaign_id, region_code, parent_code, industry_code, batch, has_result, "
      "has_reported, concluded, n, products) SELECT old.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, old.industry_code, old.batch, (CASE WHEN old.results_n > 0 THEN 1 "
      "ELSE 0 END), (CASE WHEN old.reported_n > 0 THEN 1 ELSE 0 END), (CASE WHEN "
      "old.results_n > 0 AND old.concluded_n = old.results_n THEN 1 ELSE 0 END), -1, -1 * "
      "old.selected_n FROM region_ancestors a WHERE a.region_code = old.region_code ON "
      "CONFLICT (campaign_id, region_code, industry_code, batch, has_result, has_reported, "
      "concluded) DO UPDATE SET n = campaign_member_counts.n + excluded.n, products = "
      "campaign_member_counts.products + excluded.products; INSERT INTO "
      "campaign_result_counts (campaign_id, region_code, parent_code, industry_code, batch, "
      "status, rollup, compliant, n) SELECT old.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, old.industry_code, old.batch, r.status, r.rollup, r.compliant, "
      "-COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = old.region_code "
      "WHERE r.enterprise_id = old.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, "
      "r.status, r.rollup, r.compliant ON CONFLICT (campaign_id, region_code, industry_code, "
      "batch, status, rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + "
      "excluded.n; INSERT INTO campaign_plan_counts (campaign_id, region_code, plan_id, "
      "plan_number, n) SELECT old.campaign_id, a.ancestor_code, r.plan_id, r.plan_number, "
      "-COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = old.region_code "
      "WHERE r.enterprise_id = old.enterprise_id GROUP BY a.ancestor_code, r.plan_id, "
      "r.plan_number ON CONFLICT (campaign_id, region_code, plan_id) DO UPDATE SET n = "
      "campaign_plan_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT old.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(r.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -COUNT(*) "
      "FROM results r JOIN region_ancestors a ON a.region_code = old.region_code WHERE "
      "r.enterprise_id = old.enterprise_id AND r.submitted_at > 0 GROUP BY a.ancestor_code, "
      "to_char(to_timestamp(r.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT old.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(r.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -COUNT(*) "
      "FROM results r JOIN region_ancestors a ON a.region_code = old.region_code WHERE "
      "r.enterprise_id = old.enterprise_id AND r.published_at > 0 GROUP BY a.ancestor_code, "
      "to_char(to_timestamp(r.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM') ON "
      "CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT old.campaign_id, a.ancestor_code, 'added', "
      "to_char(to_timestamp(old.added_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -1 FROM "
      "region_ancestors a WHERE a.region_code = old.region_code ON CONFLICT (campaign_id, "
      "region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + excluded.n; "
      "RETURN NULL; END IF; IF old.results_n IS DISTINCT FROM new.results_n OR old.reported_n "
      "IS DISTINCT FROM new.reported_n OR old.concluded_n IS DISTINCT FROM new.concluded_n OR "
      "old.selected_n IS DISTINCT FROM new.selected_n OR old.batch IS DISTINCT FROM new.batch "
      "THEN INSERT INTO campaign_member_counts (campaign_id, region_code, parent_code, "
      "industry_code, batch, has_result, has_reported, concluded, n, products) SELECT "
      "old.campaign_id, a.ancestor_code, a.ancestor_parent, old.industry_code, old.batch, "
      "(CASE WHEN old.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN old.reported_n > 0 THEN 1 "
      "ELSE 0 END), (CASE WHEN old.results_n > 0 AND old.concluded_n = old.results_n THEN 1 "
      "ELSE 0 END), -1, -1 * old.selected_n FROM region_ancestors a WHERE a.region_code = "
      "old.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; INSERT "
      "INTO campaign_member_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, has_result, has_reported, concluded, n, products) SELECT new.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, new.industry_code, new.batch, (CASE WHEN "
      "new.results_n > 0 THEN 1 ELSE 0 END), (CASE WHEN new.reported_n > 0 THEN 1 ELSE 0 "
      "END), (CASE WHEN new.results_n > 0 AND new.concluded_n = new.results_n THEN 1 ELSE 0 "
      "END), 1, 1 * new.selected_n FROM region_ancestors a WHERE a.region_code = "
      "new.region_code ON CONFLICT (campaign_id, region_code, industry_code, batch, "
      "has_result, has_reported, concluded) DO UPDATE SET n = campaign_member_counts.n + "
      "excluded.n, products = campaign_member_counts.products + excluded.products; END IF; IF "
      "old.batch IS DISTINCT FROM new.batch THEN INSERT INTO campaign_result_counts "
      "(campaign_id, region_code, parent_code, industry_code, batch, status, rollup, "
      "compliant, n) SELECT old.campaign_id, a.ancestor_code, a.ancestor_parent, "
      "old.industry_code, old.batch, r.status, r.rollup, r.compliant, -COUNT(*) FROM results "
      "r JOIN region_ancestors a ON a.region_code = old.region_code WHERE r.enterprise_id = "
      "old.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, r.status, r.rollup, "
      "r.compliant ON CONFLICT (campaign_id, region_code, industry_code, batch, status, "
      "rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + excluded.n; INSERT "
      "INTO campaign_result_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, status, rollup, compliant, n) SELECT new.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, new.industry_code, new.batch, r.status, r.rollup, r.compliant, "
      "COUNT(*) FROM results r JOIN region_ancestors a ON a.region_code = new.region_code "
      "WHERE r.enterprise_id = new.enterprise_id GROUP BY a.ancestor_code, a.ancestor_parent, "
      "r.status, r.rollup, r.compliant ON CONFLICT (campaign_id, region_code, industry_code, "
      "batch, status, rollup, compliant) DO UPDATE SET n = campaign_result_counts.n + "
      "excluded.n; END IF; RETURN NULL; END $$",
      "pg:CREATE FUNCTION results_stats() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
      "TG_OP = 'INSERT' THEN INSERT INTO campaign_result_counts (campaign_id, region_code, "
      "parent_code, industry_code, batch, status, rollup, compliant, n) SELECT m.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, new.status, new.rollup, "
      "new.compliant, 1 FROM campaign_members m JOIN region_ancestors a ON a.region_code = "
      "m.region_code WHERE m.enterprise_id = new.enterprise_id ON CONFLICT (campaign_id, "
      "region_code, industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_plan_counts (campaign_id, "
      "region_code, plan_id, plan_number, n) SELECT m.campaign_id, a.ancestor_code, "
      "new.plan_id, new.plan_number, 1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = new.enterprise_id ON CONFLICT "
      "(campaign_id, region_code, plan_id) DO UPDATE SET n = campaign_plan_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(new.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id AND new.submitted_at > 0 AND TRUE ON CONFLICT "
      "(campaign_id, region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(new.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id AND new.published_at > 0 AND TRUE ON CONFLICT "
      "(campaign_id, region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + "
      "excluded.n; UPDATE campaign_members SET results_n = results_n + 1, reported_n = "
      "reported_n + (CASE WHEN new.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END), "
      "concluded_n = concluded_n + (CASE WHEN new.status IN ('accepted', 'published') THEN 1 "
      "ELSE 0 END) WHERE enterprise_id = new.enterprise_id; RETURN NULL; END IF; IF TG_OP = "
      "'DELETE' THEN INSERT INTO campaign_result_counts (campaign_id, region_code, "
      "parent_code, industry_code, batch, status, rollup, compliant, n) SELECT m.campaign_id, "
      "a.ancestor_code, a.ancestor_parent, m.industry_code, m.batch, old.status, old.rollup, "
      "old.compliant, -1 FROM campaign_members m JOIN region_ancestors a ON a.region_code = "
      "m.region_code WHERE m.enterprise_id = old.enterprise_id ON CONFLICT (campaign_id, "
      "region_code, industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_plan_counts (campaign_id, "
      "region_code, plan_id, plan_number, n) SELECT m.campaign_id, a.ancestor_code, "
      "old.plan_id, old.plan_number, -1 FROM campaign_members m JOIN region_ancestors a ON "
      "a.region_code = m.region_code WHERE m.enterprise_id = old.enterprise_id ON CONFLICT "
      "(campaign_id, region_code, plan_id) DO UPDATE SET n = campaign_plan_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(old.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id AND old.submitted_at > 0 AND TRUE ON CONFLICT "
      "(campaign_id, region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + "
      "excluded.n; INSERT INTO campaign_month_counts (campaign_id, region_code, kind, month, "
      "n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(old.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id AND old.published_at > 0 AND TRUE ON CONFLICT "
      "(campaign_id, region_code, kind, month) DO UPDATE SET n = campaign_month_counts.n + "
      "excluded.n; UPDATE campaign_members SET results_n = results_n - 1, reported_n = "
      "reported_n - (CASE WHEN old.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END), "
      "concluded_n = concluded_n - (CASE WHEN old.status IN ('accepted', 'published') THEN 1 "
      "ELSE 0 END) WHERE enterprise_id = old.enterprise_id; RETURN NULL; END IF; IF "
      "old.status IS DISTINCT FROM new.status OR old.rollup IS DISTINCT FROM new.rollup OR "
      "old.compliant IS DISTINCT FROM new.compliant OR old.submitted_at IS DISTINCT FROM "
      "new.submitted_at OR old.published_at IS DISTINCT FROM new.published_at THEN INSERT "
      "INTO campaign_result_counts (campaign_id, region_code, parent_code, industry_code, "
      "batch, status, rollup, compliant, n) SELECT m.campaign_id, a.ancestor_code, "
      "a.ancestor_parent, m.industry_code, m.batch, old.status, old.rollup, old.compliant, -1 "
      "FROM campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_result_counts "
      "(campaign_id, region_code, parent_code, industry_code, batch, status, rollup, "
      "compliant, n) SELECT m.campaign_id, a.ancestor_code, a.ancestor_parent, "
      "m.industry_code, m.batch, new.status, new.rollup, new.compliant, 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id ON CONFLICT (campaign_id, region_code, "
      "industry_code, batch, status, rollup, compliant) DO UPDATE SET n = "
      "campaign_result_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(old.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id AND old.submitted_at > 0 AND old.submitted_at <> "
      "new.submitted_at ON CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'submitted', "
      "to_char(to_timestamp(new.submitted_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id AND new.submitted_at > 0 AND old.submitted_at <> "
      "new.submitted_at ON CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(old.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), -1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = old.enterprise_id AND old.published_at > 0 AND old.published_at <> "
      "new.published_at ON CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; INSERT INTO campaign_month_counts (campaign_id, "
      "region_code, kind, month, n) SELECT m.campaign_id, a.ancestor_code, 'published', "
      "to_char(to_timestamp(new.published_at + 28800) AT TIME ZONE 'UTC', 'YYYY-MM'), 1 FROM "
      "campaign_members m JOIN region_ancestors a ON a.region_code = m.region_code WHERE "
      "m.enterprise_id = new.enterprise_id AND new.published_at > 0 AND old.published_at <> "
      "new.published_at ON CONFLICT (campaign_id, region_code, kind, month) DO UPDATE SET n = "
      "campaign_month_counts.n + excluded.n; UPDATE campaign_members SET reported_n = "
      "reported_n + (CASE WHEN new.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END) - "
      "(CASE WHEN old.status NOT IN ('draft', 'returned') THEN 1 ELSE 0 END), concluded_n = "
      "concluded_n + (CASE WHEN new.status IN ('accepted', 'published') THEN 1 ELSE 0 END) - "
      "(CASE WHEN old.status IN ('accepted', 'published') THEN 1 ELSE 0 END) WHERE "
      "enterprise_id = new.enterprise_id AND ((CASE WHEN new.status NOT IN ('draft', "
      "'returned') THEN 1 ELSE 0 END) <> (CASE WHEN old.status NOT IN ('draft', 'returned') "
      "THEN 1 ELSE 0 END) OR (CASE WHEN new.status IN ('accepted', 'published') THEN 1 ELSE 0 "
      "END) <> (CASE WHEN old.status IN ('accepted', 'published') THEN 1 ELSE 0 END)); END "
      "IF; RETURN NULL; END $$",
      "pg:CREATE FUNCTION products_stats() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
      "TG_OP = 'INSERT' THEN UPDATE campaign_members SET selected_n = selected_n + "
      "new.selected WHERE enterprise_id = new.enterprise_id AND new.selected = 1; RETURN "
      "NULL; END IF; IF TG_OP = 'DELETE' THEN UPDATE campaign_members SET selected_n = "
      "selected_n - old.selected WHERE enterprise_id = old.enterprise_id AND old.selected = "
      "1; RETURN NULL; END IF; IF old.selected IS DISTINCT FROM new.selected THEN UPDATE "
      "campaign_members SET selected_n = selected_n + new.selected - old.selected WHERE "
      "enterprise_id = new.enterprise_id; END IF; RETURN NULL; END $$",
      "pg:CREATE TRIGGER campaign_members_stats AFTER INSERT OR UPDATE OR DELETE ON "
      "campaign_members FOR EACH ROW EXECUTE FUNCTION campaign_members_stats()",
      "pg:CREATE TRIGGER results_stats AFTER INSERT OR UPDATE OR DELETE ON results FOR EACH "
      "ROW EXECUTE FUNCTION results_stats()",
      "pg:CREATE TRIGGER products_stats AFTER INSERT OR UPDATE OR DELETE ON products FOR EACH "
      "ROW EXECUTE FUNCTION products_stats()",
  };
  return list;
}

// Migration 27: the result and month counters of a campaign only at the regions within the
// campaign's own (its county, city and province rows for a member of a national campaign; only
// the county and city rows for a member of a city campaign). Every reader of them asks at a
// region within the campaign (the caller's scope intersected with the campaign's region), so
// the rows above it were written on every submission and never read: a quarter of a
// submission's counter rows at full scale (an enterprise is in a national, a provincial and a
// city campaign). The triggers of migration 9 are restated with one more condition on the
// ancestor's depth in each counter statement; the member counters (read at any region by the
// campaign lists) keep every level.
// Statements restated: 22 per backend (SQLite's six triggers, PostgreSQL's two functions).
constexpr int kCounterStatementsWithinCampaign = 44;
std::vector<std::string_view> counters_within_campaign_statements() {
  static const std::vector<std::string> owned = [] {
    // The ancestor a (depth 0 = the member's own region) lies within the campaign's region when
    // it is at most as many levels up as the member is below the campaign's region.
    auto within = [](const std::string& row) {
      auto depth = [](const std::string& path) {
        return "(length(" + path + ") - length(replace(" + path + ", '/', '')))";
      };
      return "a.depth <= (SELECT " + depth(row + ".region_path") + " - " + depth("c.region_path") +
             " FROM campaigns c WHERE c.id = " + row + ".campaign_id) AND ";
    };
    int restated = 0;
    // Adds the condition to every statement (between semicolons) that writes a result or month
    // counter: after the WHERE that follows its join of region_ancestors.
    auto restate = [&](std::string stmt) {
      size_t from = 0;
      for (size_t end; from < stmt.size(); from = end + 1) {
        end = stmt.find(';', from);
        if (end == std::string::npos) end = stmt.size();
        std::string_view part(stmt.data() + from, end - from);
        if (part.find("INTO campaign_result_counts") == std::string_view::npos &&
            part.find("INTO campaign_month_counts") == std::string_view::npos)
          continue;
        size_t select = stmt.find("SELECT ", from);
        size_t dot = stmt.find(".campaign_id, a.ancestor_code", select);
        size_t join = stmt.find("region_ancestors a", from);
        size_t where = stmt.find(" WHERE ", join);
        if (select >= end || dot >= end || join >= end || where >= end)
          throw std::logic_error("migration 27: a counter statement of an unexpected form");
        std::string row = stmt.substr(select + 7, dot - select - 7);
        std::string cond = within(row);
        stmt.insert(where + 7, cond);
        end += cond.size();
        ++restated;
      }
      return stmt;
    };
    std::vector<std::string> out;
    for (std::string_view s : campaign_counter_statements()) {
      std::string stmt(s);
      for (const char* trigger : {"campaign_members_stats_insert", "campaign_members_stats_delete",
                                  "campaign_members_stats_batch", "results_stats_insert",
                                  "results_stats_delete", "results_stats_update"}) {
        if (stmt.rfind(std::string("sqlite:CREATE TRIGGER ") + trigger + " ", 0) == 0) {
          out.push_back(std::string("sqlite:DROP TRIGGER ") + trigger);
          out.push_back(restate(stmt));
        }
      }
      for (const char* function : {"campaign_members_stats()", "results_stats()"}) {
        std::string create = std::string("pg:CREATE FUNCTION ") + function + " ";
        if (stmt.rfind(create, 0) == 0)
          out.push_back("pg:CREATE OR REPLACE FUNCTION " +
                        restate(stmt).substr(std::string_view("pg:CREATE FUNCTION ").size()));
      }
    }
    if (restated != kCounterStatementsWithinCampaign)
      throw std::logic_error("migration 27: " + std::to_string(restated) +
                             " counter statements restated, expected " +
                             std::to_string(kCounterStatementsWithinCampaign));
    // The rows above each campaign's region go (a region above it has a shorter path: every
    // counted region is an ancestor of a member, and the members lie within the campaign).
    for (const char* table : {"campaign_result_counts", "campaign_month_counts"})
      out.push_back(std::string("DELETE FROM ") + table +
                    " WHERE EXISTS (SELECT 1 FROM campaigns c JOIN regions g ON g.code = " + table +
                    ".region_code WHERE c.id = " + table +
                    ".campaign_id AND length(g.path) < length(c.region_path))");
    // SQLite: both tables clustered by region, then by what a counter counts, the campaign
    // last: a submission's rows at one region, for each of the enterprise's campaigns (national,
    // provincial, city) and both statuses (the one left and the one entered), then lie side by
    // side (a region's rows of one campaign span pages: 405 for a county of the national
    // campaign, 2,751 at the nation). Readers ask by region and campaign; they read the other
    // campaigns' rows of the region too (few below a province: counters exist only within a
    // campaign's region). The month counters were a rowid table besides: two pages a row.
    for (const char* stmt : {
             "sqlite:CREATE TEMP TABLE result_counts_copy AS SELECT campaign_id, region_code, "
             "parent_code, industry_code, batch, status, rollup, compliant, n FROM "
             "campaign_result_counts",
             "sqlite:DROP TABLE campaign_result_counts",
             R"(sqlite:CREATE TABLE campaign_result_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                parent_code TEXT NOT NULL,
                industry_code TEXT NOT NULL,
                batch INTEGER NOT NULL,
                status TEXT NOT NULL,
                rollup TEXT NOT NULL,
                compliant INTEGER NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (region_code, industry_code, batch, status, rollup, compliant,
                             campaign_id)) WITHOUT ROWID)",
             "sqlite:INSERT INTO campaign_result_counts SELECT * FROM temp.result_counts_copy",
             "sqlite:DROP TABLE temp.result_counts_copy",
             "sqlite:CREATE TEMP TABLE month_counts_copy AS SELECT campaign_id, region_code, kind, "
             "month, n FROM campaign_month_counts",
             "sqlite:DROP TABLE campaign_month_counts",
             R"(sqlite:CREATE TABLE campaign_month_counts (
                campaign_id BIGINT NOT NULL,
                region_code TEXT NOT NULL,
                kind TEXT NOT NULL,
                month TEXT NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (region_code, kind, month, campaign_id)) WITHOUT ROWID)",
             "sqlite:INSERT INTO campaign_month_counts SELECT * FROM temp.month_counts_copy",
             "sqlite:DROP TABLE temp.month_counts_copy",
             // Only published results are looked up by publication (the public and 领跑者
             // lists): every other move of a status left the index entry alone.
             "DROP INDEX results_published",
             "CREATE INDEX results_published ON results(published_at) WHERE status = 'published'",
             "UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1",
         })
      out.emplace_back(stmt);
    return out;
  }();
  return {owned.begin(), owned.end()};
}

// The migrations written out here; migrations() adds those made from them.
const std::vector<Migration>& listed_migrations() {
  static const std::vector<Migration> list = {
      {1,
       "accounts, regions, industries, enterprises, audit",
       {
           R"(CREATE TABLE regions (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                parent_code TEXT,
                path {PATH} NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                sort_order INTEGER NOT NULL DEFAULT 0))",
           "CREATE INDEX regions_parent ON regions(parent_code, sort_order)",
           R"(CREATE TABLE industries (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_code TEXT,
                members TEXT NOT NULL DEFAULT '',
                sort_order INTEGER NOT NULL))",
           R"(CREATE TABLE enterprises (
                id {PK},
                name TEXT NOT NULL,
                credit_code TEXT NOT NULL UNIQUE,
                credit_code_status TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                industry_code TEXT NOT NULL REFERENCES industries(code),
                contact_name TEXT NOT NULL,
                contact_phone TEXT NOT NULL,
                contact_email TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                flags TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX enterprises_region_path ON enterprises(region_path)",
           R"(CREATE TABLE users (
                id {PK},
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                region_code TEXT REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                enterprise_id BIGINT REFERENCES enterprises(id),
                disabled INTEGER NOT NULL DEFAULT 0,
                must_change_password INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX users_region_path ON users(region_path)",
           "CREATE INDEX users_enterprise ON users(enterprise_id)",
           R"(CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                remote_addr TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX sessions_user ON sessions(user_id)",
           R"(CREATE TABLE login_attempts (
                id {PK},
                username TEXT NOT NULL,
                remote_addr TEXT NOT NULL,
                at BIGINT NOT NULL,
                success INTEGER NOT NULL))",
           "CREATE INDEX login_attempts_user ON login_attempts(username, at)",
           "CREATE INDEX login_attempts_addr ON login_attempts(remote_addr, at)",
           R"(CREATE TABLE audit_log (
                id {PK},
                at BIGINT NOT NULL,
                actor_id BIGINT,
                actor_name TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL DEFAULT '',
                region_path {PATH} NOT NULL,
                enterprise_id BIGINT,
                summary TEXT NOT NULL DEFAULT '',
                before_json TEXT NOT NULL DEFAULT '',
                after_json TEXT NOT NULL DEFAULT '',
                remote_addr TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX audit_region_path ON audit_log(region_path, id)",
           "CREATE INDEX audit_enterprise ON audit_log(enterprise_id, id)",
           R"(CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL))",
       }},
      {2,
       "standards catalog and the list of advanced standards",
       {
           R"(CREATE TABLE standards (
                id {PK},
                normalized TEXT NOT NULL UNIQUE,
                as_written TEXT NOT NULL,
                kind TEXT NOT NULL,
                prefix TEXT NOT NULL,
                standard_key TEXT NOT NULL,
                year INTEGER NOT NULL DEFAULT 0,
                title_zh TEXT NOT NULL,
                title_en TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                issued_on TEXT NOT NULL DEFAULT '',
                effective_on TEXT NOT NULL DEFAULT '',
                withdrawn_on TEXT NOT NULL DEFAULT '',
                replaced_by TEXT NOT NULL DEFAULT '',
                ics TEXT NOT NULL DEFAULT '',
                ccs TEXT NOT NULL DEFAULT '',
                adoption TEXT NOT NULL DEFAULT '',
                adopted_number TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX standards_key ON standards(standard_key)",
           "CREATE INDEX standards_kind_status ON standards(kind, status)",
           R"(CREATE TABLE advanced_standards (
                standard_id BIGINT NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
                field TEXT NOT NULL,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (standard_id, field)))",
           "CREATE INDEX advanced_standards_field ON advanced_standards(field)",
       }},
      {3,
       "benchmarking technical plans (对标技术方案)",
       {
           R"(CREATE TABLE plans (
                id {PK},
                plan_number TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                replaces_id BIGINT REFERENCES plans(id),
                status TEXT NOT NULL,
                product TEXT NOT NULL,
                industry_code TEXT NOT NULL DEFAULT '',
                author_id BIGINT NOT NULL REFERENCES users(id),
                author_org TEXT NOT NULL,
                region_code TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '',
                notice_start TEXT NOT NULL DEFAULT '',
                notice_end TEXT NOT NULL DEFAULT '',
                last_reason TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL DEFAULT '',
                published_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX plans_number ON plans(plan_number, version)",
           "CREATE INDEX plans_status ON plans(status)",
           "CREATE INDEX plans_author ON plans(author_id)",
           R"(CREATE TABLE plan_number_sequences (
                prefix TEXT PRIMARY KEY,
                last_value INTEGER NOT NULL))",
           R"(CREATE TABLE plan_standards (
                plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                role TEXT NOT NULL,
                number TEXT NOT NULL,
                title TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (plan_id, position)))",
           "CREATE INDEX plan_standards_number ON plan_standards(number)",
           R"(CREATE TABLE plan_indicators (
                plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL DEFAULT '',
                domestic_requirement TEXT NOT NULL DEFAULT '',
                benchmark_requirement TEXT NOT NULL DEFAULT '',
                domestic_method TEXT NOT NULL DEFAULT '',
                benchmark_method TEXT NOT NULL DEFAULT '',
                core INTEGER NOT NULL DEFAULT 0,
                safety INTEGER NOT NULL DEFAULT 0,
                health INTEGER NOT NULL DEFAULT 0,
                environment INTEGER NOT NULL DEFAULT 0,
                notes TEXT NOT NULL DEFAULT '',
                verdict TEXT NOT NULL DEFAULT '',
                verdict_reason TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (plan_id, position)))",
           R"(CREATE TABLE plan_objections (
                id {PK},
                plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                user_name TEXT NOT NULL,
                text TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                answer TEXT NOT NULL DEFAULT '',
                answered_at BIGINT NOT NULL DEFAULT 0))",
           "CREATE INDEX plan_objections_plan ON plan_objections(plan_id, id)",
           R"(CREATE TABLE plan_events (
                id {PK},
                plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                at BIGINT NOT NULL,
                actor_id BIGINT,
                actor_name TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                comment TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX plan_events_plan ON plan_events(plan_id, id)",
       }},
      {4,
       "trigram indexes for catalog and plan search (PostgreSQL pg_trgm)",
       {
           // LIKE '%…%' uses a pg_trgm GIN index for three or more characters; shorter queries
           // scan. Where the database user may not create extensions, search still works.
           R"(pg:DO $$ BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
              EXCEPTION WHEN insufficient_privilege THEN
                RAISE NOTICE 'pg_trgm not available: search runs without trigram indexes';
              END $$)",
           R"(pg:DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                  CREATE INDEX IF NOT EXISTS standards_search_trgm ON standards
                    USING gin (search_text gin_trgm_ops);
                  CREATE INDEX IF NOT EXISTS plans_search_trgm ON plans
                    USING gin (search_text gin_trgm_ops);
                END IF;
              END $$)",
       }},
      {5,
       "trigram full-text indexes for catalog and plan search (SQLite FTS5)",
       {
           "sqlite:CREATE VIRTUAL TABLE standards_fts USING fts5(search_text, content='standards', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER standards_fts_insert AFTER INSERT ON standards BEGIN INSERT INTO "
           "standards_fts(rowid, "
           "search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER standards_fts_delete AFTER DELETE ON standards BEGIN INSERT INTO "
           "standards_fts(standards_fts, "
           "rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
           "sqlite:CREATE TRIGGER standards_fts_update AFTER UPDATE OF search_text ON standards "
           "BEGIN INSERT INTO "
           "standards_fts(standards_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); INSERT "
           "INTO standards_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:INSERT INTO standards_fts(standards_fts) VALUES ('rebuild')",
           "sqlite:CREATE VIRTUAL TABLE plans_fts USING fts5(search_text, content='plans', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER plans_fts_insert AFTER INSERT ON plans BEGIN INSERT INTO "
           "plans_fts(rowid, "
           "search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER plans_fts_delete AFTER DELETE ON plans BEGIN INSERT INTO "
           "plans_fts(plans_fts, "
           "rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
           "sqlite:CREATE TRIGGER plans_fts_update AFTER UPDATE OF search_text ON plans BEGIN "
           "INSERT INTO "
           "plans_fts(plans_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
           "INSERT "
           "INTO plans_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:INSERT INTO plans_fts(plans_fts) VALUES ('rebuild')",
       }},
      {6,
       "enterprise products; one revision per plan version",
       {
           R"(CREATE TABLE products (
                id {PK},
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_path {PATH} NOT NULL,
                name TEXT NOT NULL,
                model TEXT NOT NULL DEFAULT '',
                category TEXT NOT NULL DEFAULT '',
                industry_code TEXT NOT NULL DEFAULT '',
                standards TEXT NOT NULL DEFAULT '',
                enterprise_standard TEXT NOT NULL DEFAULT '',
                selected INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX products_enterprise ON products(enterprise_id, id)",
           "CREATE INDEX products_region_path ON products(region_path)",
           // A version is revised at most once (the database enforces it against races too).
           "CREATE UNIQUE INDEX plans_one_revision ON plans(replaces_id)",
       }},
      {7,
       "benchmarking results, review events, uploads, notifications",
       {
           // The columns lists filter and sort on; the enterprise's entries (indicator rows,
           // conclusion, improvement plan) are JSON in result_contents, so that scans of the
           // queue and of lists never read them.
           R"(CREATE TABLE results (
                id {PK},
                code TEXT NOT NULL UNIQUE,
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_path {PATH} NOT NULL,
                product_id BIGINT NOT NULL REFERENCES products(id),
                plan_id BIGINT NOT NULL REFERENCES plans(id),
                plan_number TEXT NOT NULL,
                status TEXT NOT NULL,
                stage TEXT NOT NULL DEFAULT '',
                stage_region TEXT NOT NULL DEFAULT '',
                stage_since BIGINT NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                enterprise_standard TEXT NOT NULL DEFAULT '',
                rollup TEXT NOT NULL DEFAULT 'undetermined',
                compliant INTEGER NOT NULL DEFAULT 0,
                search_text TEXT NOT NULL DEFAULT '',
                submitted_at BIGINT NOT NULL DEFAULT 0,
                published_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           R"(CREATE TABLE result_contents (
                result_id BIGINT PRIMARY KEY REFERENCES results(id),
                content TEXT NOT NULL))",
           "CREATE UNIQUE INDEX results_product_plan ON results(product_id, plan_number)",
           "CREATE INDEX results_enterprise ON results(enterprise_id, id)",
           // The work queue: waiting rows in waiting order, counted without the table.
           "CREATE INDEX results_queue ON results(stage_region, stage, stage_since, region_path, "
           "enterprise_id)",
           "CREATE INDEX results_region_path ON results(region_path, id)",
           "CREATE INDEX results_published ON results(status, published_at)",
           R"(CREATE TABLE result_events (
                id {PK},
                result_id BIGINT NOT NULL REFERENCES results(id),
                at BIGINT NOT NULL,
                actor_id BIGINT NOT NULL,
                actor_name TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                actor_region TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                from_status TEXT NOT NULL,
                to_status TEXT NOT NULL,
                stage TEXT NOT NULL DEFAULT '',
                comment TEXT NOT NULL DEFAULT '',
                changes TEXT NOT NULL DEFAULT '',
                snapshot TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX result_events_result ON result_events(result_id, id)",
           // The history is append-only, enforced by the database itself.
           "sqlite:CREATE TRIGGER result_events_no_update BEFORE UPDATE ON result_events BEGIN "
           "SELECT RAISE(ABORT, 'result_events is append-only'); END",
           "sqlite:CREATE TRIGGER result_events_no_delete BEFORE DELETE ON result_events BEGIN "
           "SELECT RAISE(ABORT, 'result_events is append-only'); END",
           "pg:CREATE FUNCTION result_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
           "'BEGIN RAISE EXCEPTION ''result_events is append-only''; END'",
           "pg:CREATE TRIGGER result_events_no_change BEFORE UPDATE OR DELETE ON result_events "
           "FOR EACH ROW EXECUTE FUNCTION result_events_append_only()",
           R"(CREATE TABLE uploads (
                id {PK},
                hash TEXT NOT NULL,
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_path {PATH} NOT NULL,
                size BIGINT NOT NULL,
                content_type TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                uploaded_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL))",
           "CREATE UNIQUE INDEX uploads_enterprise_hash ON uploads(enterprise_id, hash)",
           "CREATE INDEX uploads_hash ON uploads(hash)",
           R"(CREATE TABLE notifications (
                id {PK},
                user_id BIGINT NOT NULL REFERENCES users(id),
                at BIGINT NOT NULL,
                result_id BIGINT NOT NULL DEFAULT 0,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                read_at BIGINT NOT NULL DEFAULT 0))",
           "CREATE INDEX notifications_user ON notifications(user_id, id)",
           // Who to notify at a level: the offices of one region.
           "CREATE INDEX users_role_region ON users(role, region_code)",
           // Public search over published results (enterprise, product, plan, standards).
           "sqlite:CREATE VIRTUAL TABLE results_fts USING fts5(search_text, content='results', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER results_fts_insert AFTER INSERT ON results BEGIN INSERT INTO "
           "results_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER results_fts_delete AFTER DELETE ON results BEGIN INSERT INTO "
           "results_fts(results_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); END",
           "sqlite:CREATE TRIGGER results_fts_update AFTER UPDATE OF search_text ON results BEGIN "
           "INSERT INTO results_fts(results_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); INSERT INTO results_fts(rowid, search_text) VALUES (new.id, "
           "new.search_text); END",
           R"(pg:DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                  CREATE INDEX IF NOT EXISTS results_search_trgm ON results
                    USING gin (search_text gin_trgm_ops);
                END IF;
              END $$)",
       }},
      {8,
       "campaigns, quotas, members, the 附件2 list, technical support requests",
       {
           // The definition parts nothing filters on (industries, batches, phases, targets) are
           // JSON in `definition`; participating regions and their quotas are rows, because the
           // statistics join them.
           R"(CREATE TABLE campaigns (
                id {PK},
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                parent_id BIGINT REFERENCES campaigns(id),
                year INTEGER NOT NULL,
                batch INTEGER NOT NULL DEFAULT 0,
                description TEXT NOT NULL DEFAULT '',
                start_date TEXT NOT NULL,
                end_date TEXT NOT NULL,
                review_top TEXT NOT NULL DEFAULT '',
                definition TEXT NOT NULL,
                created_by BIGINT NOT NULL REFERENCES users(id),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1))",
           "CREATE INDEX campaigns_region_path ON campaigns(region_path, id)",
           "CREATE INDEX campaigns_parent ON campaigns(parent_id)",
           R"(CREATE TABLE campaign_regions (
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                quota INTEGER NOT NULL DEFAULT 0,
                batch INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (campaign_id, region_code)))",
           R"(CREATE TABLE campaign_members (
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_code TEXT NOT NULL,
                region_path {PATH} NOT NULL,
                industry_code TEXT NOT NULL DEFAULT '',
                batch INTEGER NOT NULL DEFAULT 0,
                added_by BIGINT NOT NULL,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, enterprise_id)))",
           "CREATE INDEX campaign_members_path ON campaign_members(campaign_id, region_path)",
           "CREATE INDEX campaign_members_enterprise ON campaign_members(enterprise_id)",
           R"(CREATE TABLE campaign_list_rows (
                id {PK},
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                seq INTEGER NOT NULL,
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_path {PATH} NOT NULL,
                product_name TEXT NOT NULL,
                executed_standards TEXT NOT NULL DEFAULT '',
                executed_numbers TEXT NOT NULL DEFAULT '',
                benchmark_standards TEXT NOT NULL DEFAULT '',
                benchmark_numbers TEXT NOT NULL DEFAULT '',
                plan_number TEXT NOT NULL DEFAULT '',
                support_needed INTEGER NOT NULL DEFAULT 0,
                created_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL))",
           "CREATE INDEX campaign_list_rows_campaign ON campaign_list_rows(campaign_id, "
           "region_path)",
           "CREATE INDEX campaign_list_rows_enterprise ON campaign_list_rows(enterprise_id)",
           R"(CREATE TABLE support_requests (
                id {PK},
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                list_row_id BIGINT NOT NULL,
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_path {PATH} NOT NULL,
                industry_code TEXT NOT NULL DEFAULT '',
                product_name TEXT NOT NULL,
                executed_standards TEXT NOT NULL DEFAULT '',
                benchmark_standards TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                taken_by BIGINT NOT NULL DEFAULT 0,
                taken_by_name TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX support_requests_status ON support_requests(status, id)",
           "CREATE INDEX support_requests_region ON support_requests(region_path, id)",
           "CREATE UNIQUE INDEX support_requests_row ON support_requests(list_row_id)",
       }},
      {9, "campaign statistics kept as counters by triggers, at every level of the region tree",
       campaign_counter_statements()},
      {10,
       "附件3 half-year progress reports",
       {
           R"(CREATE TABLE progress_reports (
                id {PK},
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                level TEXT NOT NULL,
                period TEXT NOT NULL,
                status TEXT NOT NULL,
                due_date TEXT NOT NULL,
                industries_text TEXT NOT NULL DEFAULT '',
                scale_enterprises BIGINT NOT NULL DEFAULT 0,
                narratives TEXT NOT NULL DEFAULT '',
                figures TEXT NOT NULL DEFAULT '',
                return_reason TEXT NOT NULL DEFAULT '',
                submitted_at BIGINT NOT NULL DEFAULT 0,
                submitted_by BIGINT NOT NULL DEFAULT 0,
                submitted_by_name TEXT NOT NULL DEFAULT '',
                returned_at BIGINT NOT NULL DEFAULT 0,
                returned_by_name TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                created_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE UNIQUE INDEX progress_reports_region ON progress_reports(campaign_id, period, "
           "region_code)",
           "CREATE INDEX progress_reports_path ON progress_reports(campaign_id, period, "
           "region_path)",
       }},
      {11,
       "planning indicators (表1-1, 表2-1) and their yearly actuals",
       {
           R"(CREATE TABLE planning_indicators (
                id {PK},
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                plan_name TEXT NOT NULL,
                table_no TEXT NOT NULL,
                table_title TEXT NOT NULL,
                seq INTEGER NOT NULL,
                category TEXT NOT NULL DEFAULT '',
                name TEXT NOT NULL,
                unit TEXT NOT NULL DEFAULT '',
                measure TEXT NOT NULL,
                baseline_year INTEGER NOT NULL,
                baseline_text TEXT NOT NULL DEFAULT '',
                target_year INTEGER NOT NULL,
                target_text TEXT NOT NULL DEFAULT '',
                direction TEXT NOT NULL,
                attribute TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                UNIQUE (region_code, plan_name, table_no, name)))",
           "CREATE INDEX planning_indicators_path ON planning_indicators(region_path, table_no, "
           "seq)",
           R"(CREATE TABLE planning_actuals (
                id {PK},
                indicator_id BIGINT NOT NULL REFERENCES planning_indicators(id) ON DELETE CASCADE,
                year INTEGER NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                entered_by BIGINT NOT NULL DEFAULT 0,
                entered_by_name TEXT NOT NULL DEFAULT '',
                entered_at BIGINT NOT NULL,
                UNIQUE (indicator_id, year)))",
       }},
      {12,
       "analysis report jobs (综合分析报告 generated in the background)",
       {
           R"(CREATE TABLE report_jobs (
                id {PK},
                kind TEXT NOT NULL,
                campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                region_code TEXT NOT NULL,
                region_path {PATH} NOT NULL,
                requested_by BIGINT NOT NULL,
                requested_by_name TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                progress INTEGER NOT NULL DEFAULT 0,
                stage TEXT NOT NULL DEFAULT '',
                error TEXT NOT NULL DEFAULT '',
                file_path TEXT NOT NULL DEFAULT '',
                file_name TEXT NOT NULL DEFAULT '',
                file_size BIGINT NOT NULL DEFAULT 0,
                worker TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                started_at BIGINT NOT NULL DEFAULT 0,
                heartbeat_at BIGINT NOT NULL DEFAULT 0,
                finished_at BIGINT NOT NULL DEFAULT 0))",
           "CREATE INDEX report_jobs_campaign ON report_jobs(campaign_id, region_path, id)",
           "CREATE INDEX report_jobs_status ON report_jobs(status, id)",
       }},
      {13,
       "企业标准“领跑者” evaluation: plans, objections, rounds, declarations",
       {
           R"(CREATE TABLE leader_plans (
                id {PK},
                plan_number TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                product TEXT NOT NULL,
                industry_code TEXT NOT NULL DEFAULT '',
                author_id BIGINT NOT NULL REFERENCES users(id),
                evaluator TEXT NOT NULL,
                joint_evaluators TEXT NOT NULL DEFAULT '',
                basis_standard TEXT NOT NULL DEFAULT '',
                region_code TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '',
                tier_cuts TEXT NOT NULL,
                leader_tiers INTEGER NOT NULL,
                follower_tiers INTEGER NOT NULL,
                notice_start TEXT NOT NULL DEFAULT '',
                notice_end TEXT NOT NULL DEFAULT '',
                last_reason TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                published_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX leader_plans_status ON leader_plans(status, updated_at)",
           "CREATE INDEX leader_plans_author ON leader_plans(author_id)",
           R"(CREATE TABLE leader_plan_indicators (
                plan_id BIGINT NOT NULL REFERENCES leader_plans(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL DEFAULT '',
                direction TEXT NOT NULL,
                baseline TEXT NOT NULL DEFAULT '',
                baseline_source TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (plan_id, position)))",
           R"(CREATE TABLE leader_objections (
                id {PK},
                plan_id BIGINT NOT NULL REFERENCES leader_plans(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                user_name TEXT NOT NULL,
                text TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                answer TEXT NOT NULL DEFAULT '',
                answered_at BIGINT NOT NULL DEFAULT 0))",
           "CREATE INDEX leader_objections_plan ON leader_objections(plan_id, id)",
           R"(CREATE TABLE leader_rounds (
                id {PK},
                plan_id BIGINT NOT NULL REFERENCES leader_plans(id),
                round_no INTEGER NOT NULL,
                title TEXT NOT NULL,
                status TEXT NOT NULL,
                notice_start TEXT NOT NULL DEFAULT '',
                notice_end TEXT NOT NULL DEFAULT '',
                ranking TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                published_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (plan_id, round_no)))",
           R"(CREATE TABLE leader_declarations (
                id {PK},
                round_id BIGINT NOT NULL REFERENCES leader_rounds(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                enterprise_name TEXT NOT NULL,
                region_path {PATH} NOT NULL,
                region_code TEXT NOT NULL,
                product_name TEXT NOT NULL DEFAULT '',
                standard_number TEXT NOT NULL,
                result_code TEXT NOT NULL DEFAULT '',
                values_json TEXT NOT NULL,
                status TEXT NOT NULL,
                level TEXT NOT NULL DEFAULT '',
                overall_tier INTEGER NOT NULL DEFAULT 0,
                tiers TEXT NOT NULL DEFAULT '',
                reason TEXT NOT NULL DEFAULT '',
                commitment_hash TEXT NOT NULL DEFAULT '',
                commitment_name TEXT NOT NULL DEFAULT '',
                commitment_at BIGINT NOT NULL DEFAULT 0,
                search_text TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (round_id, enterprise_id, standard_number)))",
           "CREATE INDEX leader_declarations_round ON leader_declarations(round_id, id)",
           "CREATE INDEX leader_declarations_path ON leader_declarations(region_path)",
           "CREATE INDEX leader_declarations_listed ON leader_declarations(status, round_id)",
       }},
      {14,
       "information services: notices, circulars, questions and the FAQ, the directory",
       {
           // 信息发布: a notice of an office (its region; the national office is 000000) to its
           // subtree, to the offices of its subtree, or to the public.
           R"(CREATE TABLE notices (
                id {PK},
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                office_name TEXT NOT NULL,
                author_id BIGINT NOT NULL,
                author_name TEXT NOT NULL,
                audience TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL DEFAULT '',
                published_at BIGINT NOT NULL DEFAULT 0,
                withdrawn_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX notices_status ON notices(status, audience, published_at)",
           "CREATE INDEX notices_path ON notices(region_path)",
           R"(CREATE TABLE notice_attachments (
                id {PK},
                notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
                hash TEXT NOT NULL,
                name TEXT NOT NULL,
                size BIGINT NOT NULL,
                content_type TEXT NOT NULL,
                uploaded_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL))",
           "CREATE INDEX notice_attachments_notice ON notice_attachments(notice_id)",
           R"(CREATE TABLE notice_reads (
                notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                region_path {PATH} NOT NULL,
                read_at BIGINT NOT NULL,
                PRIMARY KEY (notice_id, user_id)))",
           "CREATE INDEX notice_reads_user ON notice_reads(user_id)",
           // 情况通报: a circular of an office to (some of) its child regions, each of which
           // confirms receipt. campaign_id is a reference kept as text of the source, not a
           // foreign key: deleting a campaign must not be blocked by a circular about it.
           R"(CREATE TABLE circulars (
                id {PK},
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                office_name TEXT NOT NULL,
                author_id BIGINT NOT NULL,
                author_name TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                campaign_id BIGINT NOT NULL DEFAULT 0,
                source TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                sent_at BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX circulars_path ON circulars(region_path)",
           R"(CREATE TABLE circular_recipients (
                circular_id BIGINT NOT NULL REFERENCES circulars(id) ON DELETE CASCADE,
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                confirmed_at BIGINT NOT NULL DEFAULT 0,
                confirmed_by BIGINT NOT NULL DEFAULT 0,
                confirmed_by_name TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (circular_id, region_code)))",
           "CREATE INDEX circular_recipients_region ON circular_recipients(region_code)",
           // 互动交流: an enterprise's question to its regulator, a technical body or an expert.
           // search_text holds the FAQ text only once the office publishes it.
           R"(CREATE TABLE questions (
                id {PK},
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                asker_id BIGINT NOT NULL,
                asker_name TEXT NOT NULL,
                target TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL,
                assignee_id BIGINT NOT NULL DEFAULT 0,
                assignee_name TEXT NOT NULL DEFAULT '',
                assignee_role TEXT NOT NULL DEFAULT '',
                assigned_at BIGINT NOT NULL DEFAULT 0,
                answer TEXT NOT NULL DEFAULT '',
                answered_by BIGINT NOT NULL DEFAULT 0,
                answered_by_name TEXT NOT NULL DEFAULT '',
                answered_at BIGINT NOT NULL DEFAULT 0,
                faq INTEGER NOT NULL DEFAULT 0,
                faq_question TEXT NOT NULL DEFAULT '',
                faq_answer TEXT NOT NULL DEFAULT '',
                faq_at BIGINT NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX questions_path ON questions(region_path, created_at)",
           "CREATE INDEX questions_enterprise ON questions(enterprise_id)",
           "CREATE INDEX questions_assignee ON questions(assignee_id)",
           "CREATE INDEX questions_faq ON questions(faq, faq_at)",
           // 资讯查询: experts, standardisation bodies and testing laboratories.
           R"(CREATE TABLE directory_entries (
                id {PK},
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                organization TEXT NOT NULL DEFAULT '',
                fields TEXT NOT NULL DEFAULT '',
                region_code TEXT NOT NULL REFERENCES regions(code),
                region_path {PATH} NOT NULL,
                contact_name TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                qualification TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                created_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
           "CREATE INDEX directory_path ON directory_entries(region_path)",
           "CREATE INDEX directory_kind ON directory_entries(kind, name)",
           "sqlite:CREATE VIRTUAL TABLE notices_fts USING fts5(search_text, content='notices', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER notices_fts_insert AFTER INSERT ON notices BEGIN INSERT INTO "
           "notices_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER notices_fts_delete AFTER DELETE ON notices BEGIN INSERT INTO "
           "notices_fts(notices_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); END",
           "sqlite:CREATE TRIGGER notices_fts_update AFTER UPDATE OF search_text ON notices BEGIN "
           "INSERT INTO notices_fts(notices_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); INSERT INTO notices_fts(rowid, search_text) VALUES (new.id, "
           "new.search_text); END",
           "sqlite:CREATE VIRTUAL TABLE questions_fts USING fts5(search_text, content='questions', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN INSERT INTO "
           "questions_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN INSERT INTO "
           "questions_fts(questions_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); END",
           "sqlite:CREATE TRIGGER questions_fts_update AFTER UPDATE OF search_text ON questions "
           "BEGIN "
           "INSERT INTO questions_fts(questions_fts, rowid, search_text) VALUES ('delete', old.id, "
           "old.search_text); INSERT INTO questions_fts(rowid, search_text) VALUES (new.id, "
           "new.search_text); END",
           "sqlite:CREATE VIRTUAL TABLE directory_entries_fts USING fts5(search_text, "
           "content='directory_entries', "
           "content_rowid='id', tokenize='trigram')",
           "sqlite:CREATE TRIGGER directory_entries_fts_insert AFTER INSERT ON directory_entries "
           "BEGIN INSERT INTO "
           "directory_entries_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
           "sqlite:CREATE TRIGGER directory_entries_fts_delete AFTER DELETE ON directory_entries "
           "BEGIN INSERT INTO "
           "directory_entries_fts(directory_entries_fts, rowid, search_text) VALUES ('delete', "
           "old.id, old.search_text); END",
           "sqlite:CREATE TRIGGER directory_entries_fts_update AFTER UPDATE OF search_text ON "
           "directory_entries BEGIN "
           "INSERT INTO directory_entries_fts(directory_entries_fts, rowid, search_text) VALUES "
           "('delete', old.id, "
           "old.search_text); INSERT INTO directory_entries_fts(rowid, search_text) VALUES "
           "(new.id, "
           "new.search_text); END",
           R"(pg:DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                  CREATE INDEX IF NOT EXISTS notices_search_trgm ON notices
                    USING gin (search_text gin_trgm_ops);
                  CREATE INDEX IF NOT EXISTS questions_search_trgm ON questions
                    USING gin (search_text gin_trgm_ops);
                  CREATE INDEX IF NOT EXISTS directory_search_trgm ON directory_entries
                    USING gin (search_text gin_trgm_ops);
                END IF;
              END $$)",
       }},
      {16, "statistics epoch (a cache of campaign statistics is never stale)",
       stats_epoch_statements()},
      {17,
       "covering indexes for the counter rows of one region (cold campaign dashboards)",
       {
           // The figures of the scope's own region read every group of it: from the index
           // alone, without a visit of the table row per group.
           "CREATE INDEX campaign_result_counts_at ON campaign_result_counts(campaign_id, "
           "region_code, industry_code, batch, status, rollup, compliant, n)",
           "CREATE INDEX campaign_member_counts_at ON campaign_member_counts(campaign_id, "
           "region_code, industry_code, batch, has_result, has_reported, concluded, n, products)",
       }},
      {19,
       "the public code-guessing throttle in the database; on PostgreSQL the statistics epoch "
       "locked before the counters",
       migration_19_statements()},
      {20,
       "the newest members of a campaign in order (members page of a province or the nation)",
       {
           "CREATE INDEX campaign_members_recent ON campaign_members(campaign_id, added_at, "
           "enterprise_id)",
       }},
      {21,
       "PostgreSQL: the statistics epoch moved on once per transaction, not once per statement",
       {
           // Every bump leaves a dead version of the one epoch row that no one can prune while
           // the transaction runs: a transaction of many statements (a submission's counter
           // upserts; the 300,000 trigger statements of a bulk load) made every later statement
           // walk a longer chain of them (quadratic: a 20,000-row COPY of results took minutes).
           // The first statement still takes the row's lock first (migration 19); the flag is
           // transaction-local and undone with a rolled-back savepoint, like the bump itself.
           "pg:CREATE OR REPLACE FUNCTION stats_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS "
           "$$ BEGIN IF current_setting('duibiao.epoch_moved', true) IS DISTINCT FROM '1' THEN "
           "UPDATE stats_epoch SET epoch = epoch + 1 WHERE id = 1; PERFORM "
           "set_config('duibiao.epoch_moved', '1', true); END IF; RETURN NULL; END $$",
       }},
      {22, "the counter tables move the statistics epoch only through the tables they count",
       counters_epoch_drop_statements()},
      {23, "results and enterprises counted per region (the offices' home pages)",
       result_status_counts_statements()},
      {24,
       "the work queue in its order from the index alone (stage_since, then id)",
       {
           // The queue shows the longest-waiting first (stage_since, id). With the region path
           // between the two, the index gave stage_since only: PostgreSQL's generic plan (a
           // prepared statement from its sixth run) then fetched the whole queue of the office
           // and sorted it for each page (2,235 rows, 2.1 ms) instead of stopping at the page.
           "DROP INDEX results_queue",
           "CREATE INDEX results_queue ON results(stage_region, stage, stage_since, id, "
           "region_path, enterprise_id)",
       }},
      {25, "results waiting at each office counted (the work queue's total)",
       queue_counts_statements()},
      {26,
       "fewer pages written per submission (result counters clustered by region on SQLite, "
       "member groups moved only when they change)",
       counter_write_statements()},
      {27,
       "result and month counters only within their campaign's region and clustered by region "
       "(SQLite); the publication index holds published results only",
       counters_within_campaign_statements()},
  };
  return list;
}

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = [] {
    std::vector<Migration> out = listed_migrations();
    // Restated from the counter functions as the migrations before it left them.
    std::vector<std::string_view> earlier;
    for (const auto& m : out)
      earlier.insert(earlier.end(), m.statements.begin(), m.statements.end());
    out.push_back({28,
                   "PostgreSQL: counters and the statistics epoch kept per connection slot "
                   "(concurrent writes no longer wait for one another)",
                   counter_slot_statements(earlier)});
    return out;
  }();
  return list;
}

std::string render(std::string_view stmt, DbKind kind) {
  std::string s(stmt);
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t pos; (pos = s.find(from)) != std::string::npos;) s.replace(pos, from.size(), to);
  };
  replace("{PK}", kind == DbKind::kSqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace("{PATH}", kind == DbKind::kSqlite ? "TEXT" : "TEXT COLLATE \"C\"");
  return s;
}

void ensure_version_table(Tx& tx) {
  tx.sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
}

int current_version(Tx& tx) {
  int v = 0;
  soci::indicator ind;
  tx.sql << "SELECT MAX(version) FROM schema_version", soci::into(v, ind);
  return ind == soci::i_ok ? v : 0;
}

bool version_applied(Tx& tx, int version) {
  int n = 0;
  tx.sql << "SELECT COUNT(*) FROM schema_version WHERE version = :v", soci::use(version),
      soci::into(n);
  return n > 0;
}

}  // namespace

int latest_schema_version() {
  // The highest number, not the last entry: parallel branches land in any order.
  int v = 0;
  for (const auto& m : migrations()) v = std::max(v, m.version);
  return v;
}

int schema_version(Database& db) {
  int v = 0;
  db.write([&](Tx& tx) {
    ensure_version_table(tx);
    v = current_version(tx);
  });
  return v;
}

int migrate(Database& db, int up_to) {
  int version = 0;
  for (const auto& m : migrations()) {
    if (m.version > up_to) continue;
    db.write([&](Tx& tx) {
      ensure_version_table(tx);
      // Re-read inside the transaction: another process may have migrated meanwhile.
      if (tx.kind == DbKind::kPostgresql) tx.sql << "LOCK TABLE schema_version IN EXCLUSIVE MODE";
      // Applied or not by its own row, not by the highest version: migrations written in
      // parallel may land in the list out of order on a database that has already moved on.
      if (version_applied(tx, m.version)) return;
      mark_all_changed(tx);  // the schema changes under every process's cached answers
      for (auto stmt : m.statements) {
        // "pg:" / "sqlite:" statements belong to one backend only.
        if (stmt.rfind("pg:", 0) == 0) {
          if (tx.kind == DbKind::kPostgresql) tx.sql << render(stmt.substr(3), tx.kind);
        } else if (stmt.rfind("sqlite:", 0) == 0) {
          if (tx.kind == DbKind::kSqlite) tx.sql << render(stmt.substr(7), tx.kind);
        } else {
          tx.sql << render(stmt, tx.kind);
        }
      }
      long long now = static_cast<long long>(time(nullptr));
      std::string name(m.name);
      tx.sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(m.version), soci::use(name), soci::use(now);
    });
    version = m.version;
  }
  return version;
}

}  // namespace duibiao
