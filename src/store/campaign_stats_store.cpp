#include "store/campaign_stats_store.h"

#include <soci/soci.h>

#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "store/row_util.h"

namespace duibiao {

// One row per PostgreSQL connection slot (migration 28); SQLite has the one.
constexpr std::string_view kStatsEpoch = "SELECT CAST(SUM(epoch) AS BIGINT) FROM stats_epoch";

long long stats_epoch(Tx& tx) {
  long long epoch = 0;
  tx.sql << kStatsEpoch, soci::into(epoch);
  return epoch;
}

namespace {

// ---------------------------------------------------------------- counters (what dashboards read)
// "AT": the rows of one region; "KIDS": the rows of the regions directly under it.
#define AT " k.campaign_id = :c AND k.region_code = :r "
#define KIDS " k.campaign_id = :c AND k.parent_code = :r "
#define MEMBER_GROUPS(where)                                                                \
  "SELECT k.region_code, k.industry_code, k.batch, SUM(k.n) FROM campaign_member_counts k " \
  "WHERE" where                                                                             \
  "AND k.n <> 0 GROUP BY k.region_code, k.industry_code, k.batch HAVING SUM(k.n) <> 0"
constexpr std::string_view kMemberGroupsAt = MEMBER_GROUPS(AT);
// Per child only what the region table shows: members, and results by status and 达标.
constexpr std::string_view kMemberGroupsKids =
    "SELECT k.region_code, '', 0, SUM(k.n) FROM campaign_member_counts k WHERE" KIDS
    "AND k.n <> 0 GROUP BY k.region_code HAVING SUM(k.n) <> 0";
#define RESULT_GROUPS(where)                                                                   \
  "SELECT k.region_code, k.industry_code, k.batch, k.status, k.rollup, k.compliant, SUM(k.n) " \
  "FROM campaign_result_counts k WHERE" where                                                  \
  "AND k.n <> 0 GROUP BY k.region_code, k.industry_code, k.batch, k.status, k.rollup, "        \
  "k.compliant HAVING SUM(k.n) <> 0"
constexpr std::string_view kResultGroupsAt = RESULT_GROUPS(AT);
// Child by child: each child's rows are a range of the table's key (on SQLite the table is
// clustered by region and campaign, migration 27; no index carries n, which every submission
// changes). CROSS JOIN: SQLite joins in the written order.
constexpr std::string_view kResultGroupsKids =
    "SELECT k.region_code, '', 0, k.status, '', k.compliant, SUM(k.n) FROM regions g CROSS JOIN "
    "campaign_result_counts k WHERE k.campaign_id = :c AND g.parent_code = :r AND k.region_code "
    "= g.code AND k.n <> 0 GROUP BY k.region_code, k.status, k.compliant HAVING SUM(k.n) <> 0";
// PostgreSQL: the same from the child counters (migration 28: 432 rows for the nation's
// provinces, where the result counters hold 36,169 and no longer have an index that carries n).
constexpr std::string_view kResultGroupsKidsPg =
    "SELECT k.region_code, '', 0, k.status, '', k.compliant, SUM(k.n) FROM campaign_child_counts "
    "k WHERE" KIDS
    "AND k.n <> 0 GROUP BY k.region_code, k.status, k.compliant HAVING SUM(k.n) <> 0";
#define PROGRESS(where)                                                                  \
  "SELECT k.region_code, SUM(k.n), SUM(k.n * k.has_result), SUM(k.n * k.has_reported), " \
  "SUM(k.n * k.concluded) FROM campaign_member_counts k WHERE" where                     \
  "AND k.n <> 0 GROUP BY k.region_code HAVING SUM(k.n) <> 0"
constexpr std::string_view kProgressAt = PROGRESS(AT);
constexpr std::string_view kProgressKids = PROGRESS(KIDS);
// At each of the campaign's participating regions, in one pass (quotas and phases).
constexpr std::string_view kProgressParticipating = PROGRESS(
    " k.campaign_id = :c AND k.region_code IN (SELECT cr.region_code FROM campaign_regions cr "
    "WHERE cr.campaign_id = :c2) ");
#define PRODUCTS(where)                                                             \
  "SELECT k.region_code, SUM(k.products) FROM campaign_member_counts k WHERE" where \
  "AND k.products <> 0 GROUP BY k.region_code HAVING SUM(k.products) <> 0"
constexpr std::string_view kProductsAt = PRODUCTS(AT);
constexpr std::string_view kProductsKids = PRODUCTS(KIDS);
constexpr std::string_view kMonths =
    "SELECT k.kind, k.month, SUM(k.n) FROM campaign_month_counts k WHERE" AT
    "AND k.n <> 0 GROUP BY k.kind, k.month HAVING SUM(k.n) <> 0";
// The plans the region's results were made to (a plan's slots added up, migration 28).
#define PLANS_OF_RESULTS \
  "SELECT k.plan_id FROM campaign_plan_counts k WHERE" AT "GROUP BY k.plan_id HAVING SUM(k.n) > 0"
constexpr std::string_view kPlanNumbersOfResults =
    "SELECT DISTINCT k.plan_number FROM campaign_plan_counts k WHERE" AT
    "GROUP BY k.plan_id, k.plan_number HAVING SUM(k.n) > 0";
constexpr std::string_view kStandardsOfResults =
    "SELECT DISTINCT ps.role, ps.number FROM plan_standards ps WHERE ps.plan_id IN "
    "(" PLANS_OF_RESULTS ")";

// ---------------------------------------------------------------- the same from the rows
#define LIVE_MEMBERS " m.campaign_id = :c AND m.region_path >= :lo AND m.region_path < :hi "
constexpr std::string_view kMemberGroupsLive =
    "SELECT m.industry_code, m.batch, COUNT(*) FROM campaign_members m WHERE" LIVE_MEMBERS
    "GROUP BY m.industry_code, m.batch";
constexpr std::string_view kResultGroupsLive =
    "SELECT m.industry_code, m.batch, r.status, r.rollup, r.compliant, COUNT(*) FROM "
    "campaign_members m JOIN results r ON r.enterprise_id = m.enterprise_id WHERE" LIVE_MEMBERS
    "GROUP BY m.industry_code, m.batch, r.status, r.rollup, r.compliant";
// Days in China Standard Time (UTC+8), the calendar the offices work by; months in C++.
constexpr std::string_view kMemberDaysLive =
    "SELECT (m.added_at + 28800) / 86400, COUNT(*) FROM campaign_members m WHERE" LIVE_MEMBERS
    "GROUP BY (m.added_at + 28800) / 86400";
constexpr std::string_view kSubmittedDaysLive =
    "SELECT (r.submitted_at + 28800) / 86400, COUNT(*) FROM campaign_members m JOIN results r ON "
    "r.enterprise_id = m.enterprise_id WHERE" LIVE_MEMBERS
    "AND r.submitted_at > 0 GROUP BY (r.submitted_at + 28800) / 86400";
constexpr std::string_view kPublishedDaysLive =
    "SELECT (r.published_at + 28800) / 86400, COUNT(*) FROM campaign_members m JOIN results r ON "
    "r.enterprise_id = m.enterprise_id WHERE" LIVE_MEMBERS
    "AND r.published_at > 0 GROUP BY (r.published_at + 28800) / 86400";
constexpr std::string_view kProgressLive =
    "SELECT COUNT(*), SUM(CASE WHEN t.n > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN t.s > 0 THEN 1 "
    "ELSE 0 END), SUM(CASE WHEN t.n > 0 AND t.k = t.n THEN 1 ELSE 0 END) FROM (SELECT COUNT(r.id) "
    "AS n, SUM(CASE WHEN r.status IS NOT NULL AND r.status NOT IN ('draft', 'returned') THEN 1 "
    "ELSE 0 END) AS s, SUM(CASE WHEN r.status IN ('accepted', 'published') THEN 1 ELSE 0 END) AS "
    "k FROM campaign_members m LEFT JOIN results r ON r.enterprise_id = m.enterprise_id "
    "WHERE" LIVE_MEMBERS "GROUP BY m.enterprise_id) t";
constexpr std::string_view kProductsLive =
    "SELECT COUNT(*) FROM campaign_members m JOIN products p ON p.enterprise_id = m.enterprise_id "
    "WHERE" LIVE_MEMBERS "AND p.selected = 1";
constexpr std::string_view kPlanNumbersOfResultsLive =
    "SELECT DISTINCT r.plan_number FROM campaign_members m JOIN results r ON r.enterprise_id = "
    "m.enterprise_id WHERE" LIVE_MEMBERS;
constexpr std::string_view kStandardsOfResultsLive =
    "SELECT DISTINCT ps.role, ps.number FROM plan_standards ps WHERE ps.plan_id IN (SELECT "
    "r.plan_id FROM campaign_members m JOIN results r ON r.enterprise_id = m.enterprise_id "
    "WHERE" LIVE_MEMBERS ")";

// ---------------------------------------------------------------- the 附件2 list (rows by path)
constexpr std::string_view kPlanNumbersOfList =
    "SELECT DISTINCT l.plan_number FROM campaign_list_rows l WHERE l.campaign_id = :c AND "
    "l.region_path >= :lo AND l.region_path < :hi AND l.plan_number <> ''";
constexpr std::string_view kStandardsOfList =
    "SELECT DISTINCT ps.role, ps.number FROM plan_standards ps JOIN plans p ON p.id = ps.plan_id "
    "WHERE p.status = 'published' AND p.plan_number IN (SELECT l.plan_number FROM "
    "campaign_list_rows l WHERE l.campaign_id = :c AND l.region_path >= :lo AND l.region_path < "
    ":hi AND l.plan_number <> '')";
constexpr std::string_view kPlansByStatus =
    "SELECT p.status, COUNT(*) FROM plans p JOIN regions g ON g.code = p.region_code WHERE "
    "g.path >= :lo AND g.path < :hi GROUP BY p.status";
constexpr std::string_view kAdopted =
    "SELECT adopted_number FROM standards WHERE adoption IN ('IDT', 'MOD') AND adopted_number <> "
    "'' AND kind = 'national'";
// The catalog's adoption of each domestic standard of the plans used, in one pass.
constexpr std::string_view kDomesticAdoptions =
    "SELECT DISTINCT ps.number, COALESCE(s.adoption, '') FROM plan_standards ps LEFT JOIN "
    "standards s ON s.normalized = ps.number WHERE ps.role = 'domestic' AND (ps.plan_id IN "
    "(" PLANS_OF_RESULTS
    ") OR "
    "ps.plan_id IN (SELECT p.id FROM plans p WHERE p.status = 'published' AND p.plan_number IN "
    "(SELECT l.plan_number FROM campaign_list_rows l WHERE l.campaign_id = :c2 AND "
    "l.region_path >= :lo2 AND l.region_path < :hi2 AND l.plan_number <> '')))";
#define MEMBER_ONLY_FILTER                                                                      \
  " AND (:ni = 0 OR m.industry_code IN (:i0, :i1, :i2, :i3, :i4, :i5, :i6, :i7)) AND (:b1 = 0 " \
  "OR m.batch = :b2) "
#define RESULT_ONLY_FILTER                                                                  \
  " AND (:s1 = '' OR (:s2 = 'reported' AND r.status NOT IN ('draft', 'returned')) OR "      \
  "r.status = :s3) AND (:ro1 = '' OR r.rollup = :ro2) AND (:tf1 = 0 OR (:tf2 = 1 AND "      \
  "r.submitted_at >= :t0 AND r.submitted_at < :t1) OR (:tf3 = 2 AND r.published_at >= :t2 " \
  "AND r.published_at < :t3)) AND (:cp1 < 0 OR r.compliant = :cp2) "
#define RESULT_FILTER MEMBER_ONLY_FILTER RESULT_ONLY_FILTER
#define RESULT_FROM                                                                    \
  " FROM campaign_members m JOIN results r ON r.enterprise_id = m.enterprise_id JOIN " \
  "enterprises e ON e.id = m.enterprise_id JOIN products p ON p.id = r.product_id "    \
  "WHERE" LIVE_MEMBERS
constexpr std::string_view kCountResults = "SELECT COUNT(*)" RESULT_FROM RESULT_FILTER;
// The same total from the counters of the scope's region, when no time range is asked for
// (every other filter is a column of the counters): a few hundred index rows instead of
// joining every matching member and result (155 ms for a city at full scale, seconds for the
// nation). Results have their enterprise and product (NOT NULL foreign keys), so the joins of
// RESULT_FROM drop none of them.
constexpr std::string_view kCountResultsCounted =
    "SELECT CAST(COALESCE(SUM(k.n), 0) AS BIGINT) FROM campaign_result_counts k WHERE" AT
    "AND (:ni = 0 OR k.industry_code IN (:i0, :i1, :i2, :i3, :i4, :i5, :i6, :i7)) AND (:b1 = 0 "
    "OR k.batch = :b2) AND (:s1 = '' OR (:s2 = 'reported' AND k.status NOT IN ('draft', "
    "'returned')) OR k.status = :s3) AND (:ro1 = '' OR k.rollup = :ro2) AND (:cp1 < 0 OR "
    "k.compliant = :cp2)";
constexpr std::string_view kListResults =
    "SELECT r.id, r.code, r.enterprise_id, e.name, e.region_code, p.name, r.plan_number, "
    "r.status, r.rollup, r.compliant, r.submitted_at, r.published_at" RESULT_FROM RESULT_FILTER
    "ORDER BY r.id DESC LIMIT :limit OFFSET :offset";
// The same page for a large scope (a province or the nation): the newest :window results that
// pass the result filters, then their members. Joining every member of the nation to its
// results and sorting them for one page took ≈ 1 s at full scale; this reads :window rows of
// the primary key. CROSS JOIN keeps SQLite's planner from starting at the members (it did: the
// whole country's, 2.3 s); PostgreSQL plans it as the inner join it is. The page is exact when it
// comes back full (every match outside the window is older than the ones in it) or reaches the
// total; otherwise the caller runs kListResults.
constexpr std::string_view kListRecentResults =
    "SELECT r.id, r.code, r.enterprise_id, e.name, e.region_code, p.name, r.plan_number, "
    "r.status, r.rollup, r.compliant, r.submitted_at, r.published_at FROM (SELECT r.id FROM "
    "results r WHERE 1 = 1" RESULT_ONLY_FILTER
    "ORDER BY r.id DESC LIMIT :window) w CROSS JOIN results r CROSS JOIN campaign_members m "
    "CROSS JOIN enterprises e CROSS JOIN products p WHERE r.id = w.id AND m.campaign_id = :c AND "
    "m.enterprise_id = r.enterprise_id AND e.id = m.enterprise_id AND p.id = r.product_id AND "
    "m.region_path >= :lo AND m.region_path < :hi" MEMBER_ONLY_FILTER
    "ORDER BY r.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kNewestResultId = "SELECT COALESCE(MAX(id), 0) FROM results";

// Runs a counters query of the AT / KIDS form: (campaign, region) bound.
template <class Each>
void counters(Tx& tx, std::string_view sql, const StatsRange& r, Each&& each) {
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << sql, soci::use(r.campaign_id), soci::use(r.region_code));
  for (const auto& row : rows) each(row);
}

// Runs a live query over the subtree: (campaign, lo, hi) bound.
template <class Each>
void live_rows(Tx& tx, std::string_view sql, const StatsRange& r, Each&& each) {
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << sql, soci::use(r.campaign_id), soci::use(r.lo), soci::use(r.hi));
  for (const auto& row : rows) each(row);
}

void require_no_children(const StatsRange& r) {
  if (r.children) throw std::logic_error("live statistics have no per-child form");
}
}  // namespace

std::vector<MemberGroup> member_groups(Tx& tx, const StatsRange& r, bool live) {
  std::vector<MemberGroup> out;
  if (live) {
    require_no_children(r);
    live_rows(tx, kMemberGroupsLive, r, [&](const soci::row& row) {
      out.push_back(
          {r.region_code, row_str(row, 0), static_cast<int>(row_int(row, 1)), row_int(row, 2)});
    });
    return out;
  }
  counters(tx, r.children ? kMemberGroupsKids : kMemberGroupsAt, r, [&](const soci::row& row) {
    out.push_back(
        {row_str(row, 0), row_str(row, 1), static_cast<int>(row_int(row, 2)), row_int(row, 3)});
  });
  return out;
}

std::vector<ResultGroup> result_groups(Tx& tx, const StatsRange& r, bool live) {
  std::vector<ResultGroup> out;
  if (live) {
    require_no_children(r);
    live_rows(tx, kResultGroupsLive, r, [&](const soci::row& row) {
      out.push_back({r.region_code, row_str(row, 0), static_cast<int>(row_int(row, 1)),
                     row_str(row, 2), row_str(row, 3), row_int(row, 4) != 0, row_int(row, 5)});
    });
    return out;
  }
  std::string_view kids = tx.kind == DbKind::kPostgresql ? kResultGroupsKidsPg : kResultGroupsKids;
  counters(tx, r.children ? kids : kResultGroupsAt, r, [&](const soci::row& row) {
    out.push_back({row_str(row, 0), row_str(row, 1), static_cast<int>(row_int(row, 2)),
                   row_str(row, 3), row_str(row, 4), row_int(row, 5) != 0, row_int(row, 6)});
  });
  return out;
}

std::vector<MonthCount> month_counts(Tx& tx, const StatsRange& r, bool live) {
  std::vector<MonthCount> out;
  if (live) {
    require_no_children(r);
    for (auto [kind, sql] :
         {std::pair{"added", kMemberDaysLive}, std::pair{"submitted", kSubmittedDaysLive},
          std::pair{"published", kPublishedDaysLive}}) {
      std::map<std::string, long long> months;
      live_rows(tx, sql, r, [&](const soci::row& row) {
        months[month_of_cst_day(row_int(row, 0))] += row_int(row, 1);
      });
      for (const auto& [m, n] : months) out.push_back({kind, m, n});
    }
    return out;
  }
  counters(tx, kMonths, r, [&](const soci::row& row) {
    out.push_back({row_str(row, 0), row_str(row, 1), row_int(row, 2)});
  });
  return out;
}

std::vector<std::pair<std::string, RegionProgress>> region_progress(Tx& tx, const StatsRange& r,
                                                                    bool live) {
  std::vector<std::pair<std::string, RegionProgress>> out;
  if (live) {
    require_no_children(r);
    live_rows(tx, kProgressLive, r, [&](const soci::row& row) {
      RegionProgress p;
      p.members = row_int(row, 0);
      p.members_with_plan = row_int(row, 1);
      p.members_submitted = row_int(row, 2);
      p.members_concluded = row_int(row, 3);
      if (p.members > 0) out.emplace_back(r.region_code, p);
    });
    return out;
  }
  counters(tx, r.children ? kProgressKids : kProgressAt, r, [&](const soci::row& row) {
    RegionProgress p;
    p.members = row_int(row, 1);
    p.members_with_plan = row_int(row, 2);
    p.members_submitted = row_int(row, 3);
    p.members_concluded = row_int(row, 4);
    out.emplace_back(row_str(row, 0), p);
  });
  return out;
}

std::vector<std::pair<std::string, RegionProgress>> participating_progress(Tx& tx,
                                                                           long long campaign_id) {
  std::vector<std::pair<std::string, RegionProgress>> out;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kProgressParticipating, soci::use(campaign_id), soci::use(campaign_id));
  for (const auto& row : rows) {
    RegionProgress p;
    p.members = row_int(row, 1);
    p.members_with_plan = row_int(row, 2);
    p.members_submitted = row_int(row, 3);
    p.members_concluded = row_int(row, 4);
    out.emplace_back(row_str(row, 0), p);
  }
  return out;
}

std::vector<std::pair<std::string, long long>> selected_products(Tx& tx, const StatsRange& r,
                                                                 bool live) {
  std::vector<std::pair<std::string, long long>> out;
  if (live) {
    require_no_children(r);
    live_rows(tx, kProductsLive, r, [&](const soci::row& row) {
      if (row_int(row, 0) != 0) out.emplace_back(r.region_code, row_int(row, 0));
    });
    return out;
  }
  counters(tx, r.children ? kProductsKids : kProductsAt, r,
           [&](const soci::row& row) { out.emplace_back(row_str(row, 0), row_int(row, 1)); });
  return out;
}

std::vector<std::string> plan_numbers_used(Tx& tx, const StatsRange& r, bool live) {
  std::set<std::string> numbers;
  auto add = [&](const soci::row& row) { numbers.insert(row_str(row, 0)); };
  if (live)
    live_rows(tx, kPlanNumbersOfResultsLive, r, add);
  else
    counters(tx, kPlanNumbersOfResults, r, add);
  live_rows(tx, kPlanNumbersOfList, r, add);
  return {numbers.begin(), numbers.end()};
}

std::vector<std::pair<std::string, std::string>> plan_standards_used(Tx& tx, const StatsRange& r,
                                                                     bool live) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const soci::row& row) { out.emplace_back(row_str(row, 0), row_str(row, 1)); };
  if (live)
    live_rows(tx, kStandardsOfResultsLive, r, add);
  else
    counters(tx, kStandardsOfResults, r, add);
  live_rows(tx, kStandardsOfList, r, add);
  return out;
}

std::vector<std::pair<std::string, long long>> plans_by_status(Tx& tx, const std::string& lo,
                                                               const std::string& hi) {
  std::vector<std::pair<std::string, long long>> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kPlansByStatus, soci::use(lo), soci::use(hi));
  for (const auto& row : rows) out.emplace_back(row_str(row, 0), row_int(row, 1));
  return out;
}

std::vector<std::string> adopted_international_numbers(Tx& tx) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kAdopted);
  for (const auto& row : rows) out.push_back(row_str(row, 0));
  return out;
}

std::vector<std::pair<std::string, std::string>> domestic_adoptions(Tx& tx, const StatsRange& r) {
  std::vector<std::pair<std::string, std::string>> out;
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kDomesticAdoptions, soci::use(r.campaign_id), soci::use(r.region_code),
       soci::use(r.campaign_id), soci::use(r.lo), soci::use(r.hi));
  for (const auto& row : rows) out.emplace_back(row_str(row, 0), row_str(row, 1));
  return out;
}

PageResult<CampaignResultRow> list_campaign_results(Tx& tx, const StatsRange& r,
                                                    const CampaignResultFilter& f, const Page& page,
                                                    RecentWindow window) {
  PageResult<CampaignResultRow> out;
  std::vector<std::string> ind(8, std::string("\x01"));
  for (size_t i = 0; i < f.industry_codes.size() && i < 8; ++i) ind[i] = f.industry_codes[i];
  int ni = f.industry_codes.empty() ? 0 : 1;
  int limit = page.page_size, offset = page.offset();
  if (f.time_field == 0)
    tx.sql << kCountResultsCounted, soci::use(r.campaign_id), soci::use(r.region_code),
        soci::use(ni), soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
        soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
        soci::use(f.batch), soci::use(f.batch), soci::use(f.status), soci::use(f.status),
        soci::use(f.status), soci::use(f.rollup), soci::use(f.rollup), soci::use(f.compliant),
        soci::use(f.compliant), soci::into(out.total);
  else
    tx.sql << kCountResults, soci::use(r.campaign_id), soci::use(r.lo), soci::use(r.hi),
        soci::use(ni), soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
        soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
        soci::use(f.batch), soci::use(f.batch), soci::use(f.status), soci::use(f.status),
        soci::use(f.status), soci::use(f.rollup), soci::use(f.rollup), soci::use(f.time_field),
        soci::use(f.time_field), soci::use(f.t0), soci::use(f.t1), soci::use(f.time_field),
        soci::use(f.t0), soci::use(f.t1), soci::use(f.compliant), soci::use(f.compliant),
        soci::into(out.total);
  auto read_rows = [&out](soci::rowset<soci::row>& rows) {
    for (const auto& row : rows) {
      CampaignResultRow x;
      x.id = row_int(row, 0);
      x.code = row_str(row, 1);
      x.enterprise_id = row_int(row, 2);
      x.enterprise_name = row_str(row, 3);
      x.region_code = row_str(row, 4);
      x.product_name = row_str(row, 5);
      x.plan_number = row_str(row, 6);
      x.status = row_str(row, 7);
      x.rollup = row_str(row, 8);
      x.compliant = row_int(row, 9) != 0;
      x.submitted_at = row_int(row, 10);
      x.published_at = row_int(row, 11);
      out.items.push_back(std::move(x));
    }
  };
  // The window pays off when the scope holds enough of all results that the newest rows are
  // expected to contain the page twice over (ids approximate the number of results).
  long long newest = 0;
  if (out.total > 0 && window.rows > 0) tx.sql << kNewestResultId, soci::into(newest);
  if (newest > 0 && (window.always || out.total * window.rows >= 2LL * (offset + limit) * newest)) {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kListRecentResults, soci::use(f.status), soci::use(f.status),
         soci::use(f.status), soci::use(f.rollup), soci::use(f.rollup), soci::use(f.time_field),
         soci::use(f.time_field), soci::use(f.t0), soci::use(f.t1), soci::use(f.time_field),
         soci::use(f.t0), soci::use(f.t1), soci::use(f.compliant), soci::use(f.compliant),
         soci::use(window.rows), soci::use(r.campaign_id), soci::use(r.lo), soci::use(r.hi),
         soci::use(ni), soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
         soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
         soci::use(f.batch), soci::use(f.batch), soci::use(limit), soci::use(offset));
    read_rows(rows);
    long long n = static_cast<long long>(out.items.size());
    if (n == limit || offset + n >= out.total) return out;
    out.items.clear();
  }
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListResults, soci::use(r.campaign_id), soci::use(r.lo), soci::use(r.hi),
       soci::use(ni), soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
       soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
       soci::use(f.batch), soci::use(f.batch), soci::use(f.status), soci::use(f.status),
       soci::use(f.status), soci::use(f.rollup), soci::use(f.rollup), soci::use(f.time_field),
       soci::use(f.time_field), soci::use(f.t0), soci::use(f.t1), soci::use(f.time_field),
       soci::use(f.t0), soci::use(f.t1), soci::use(f.compliant), soci::use(f.compliant),
       soci::use(limit), soci::use(offset));
  read_rows(rows);
  return out;
}

}  // namespace duibiao
