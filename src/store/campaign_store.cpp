#include "store/campaign_store.h"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <string_view>

#include "domain/text.h"
#include "store/prepared_query.h"
#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {

using nlohmann::json;

// ------------------------------------------------------------------------------ campaigns
constexpr std::string_view kInsertCampaign =
    "INSERT INTO campaigns (name, level, region_code, region_path, parent_id, year, batch, "
    "description, start_date, end_date, review_top, definition, created_by, created_at, "
    "updated_at, version) VALUES (:n, :l, :rc, :rp, :p, :y, :b, :d, :sd, :ed, :rt, :def, :cb, "
    ":ca, :ua, 1) RETURNING id";
constexpr std::string_view kUpdateCampaign =
    "UPDATE campaigns SET name = :n, parent_id = :p, year = :y, batch = :b, description = :d, "
    "start_date = :sd, end_date = :ed, review_top = :rt, definition = :def, updated_at = :ua, "
    "version = version + 1 WHERE id = :id AND version = :v";
constexpr std::string_view kDeleteCampaign = "DELETE FROM campaigns WHERE id = :id";
#define CAMPAIGN_COLUMNS                                                                         \
  "c.id, c.name, c.level, c.region_code, g.name, c.region_path, c.parent_id, pc.name, c.year, "  \
  "c.batch, c.description, c.start_date, c.end_date, c.review_top, c.definition, c.created_by, " \
  "c.created_at, c.updated_at, c.version, " CAMPAIGN_MEMBER_COUNT
// The members of a campaign from its counters at the roots of the region tree (every member is
// counted once at the root above its region; parent_code '' marks a root): a few index rows
// instead of counting 100,000 members at each read of a campaign.
#define CAMPAIGN_MEMBER_COUNT                                                                   \
  "CAST(COALESCE((SELECT SUM(cm.n) FROM campaign_member_counts cm WHERE cm.campaign_id = c.id " \
  "AND cm.parent_code = ''), 0) AS BIGINT) "
#define CAMPAIGN_FROM                                                                     \
  " FROM campaigns c JOIN regions g ON g.code = c.region_code LEFT JOIN campaigns pc ON " \
  "pc.id = c.parent_id "
// Visibility: all; or inside the caller's subtree; or containing the caller's region; or, for an
// enterprise, its memberships. Every value is bound.
#define CAMPAIGN_VISIBLE                                                                         \
  " (:all = 1 OR (c.region_path >= :lo AND c.region_path < :hi) OR c.region_path IN (:a0, :a1, " \
  ":a2, :a3) OR (:e1 <> 0 AND EXISTS (SELECT 1 FROM campaign_members vm WHERE vm.campaign_id = " \
  "c.id AND vm.enterprise_id = :e2))) "
constexpr std::string_view kFindCampaign =
    "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM "WHERE c.id = :id AND" CAMPAIGN_VISIBLE;
#define CAMPAIGN_FILTER                                                                        \
  " AND (:q1 = '' OR lower(c.name) LIKE :qp ESCAPE '\\') AND (:l1 = '' OR c.level = :l2) AND " \
  "(:y1 = 0 OR c.year = :y2) "
constexpr std::string_view kCountCampaigns =
    "SELECT COUNT(*) FROM campaigns c WHERE" CAMPAIGN_VISIBLE CAMPAIGN_FILTER;
constexpr std::string_view kListCampaigns =
    "SELECT " CAMPAIGN_COLUMNS CAMPAIGN_FROM "WHERE" CAMPAIGN_VISIBLE CAMPAIGN_FILTER
    "ORDER BY c.year DESC, c.id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kCountChildren = "SELECT COUNT(*) FROM campaigns WHERE parent_id = :id";
// What a campaign's deletion would orphan besides members: list rows, support requests, reports,
// generated analysis reports.
constexpr std::string_view kCountFiledWork =
    "SELECT (SELECT COUNT(*) FROM campaign_list_rows WHERE campaign_id = :a) + (SELECT COUNT(*) "
    "FROM support_requests WHERE campaign_id = :b) + (SELECT COUNT(*) FROM progress_reports "
    "WHERE campaign_id = :c) + (SELECT COUNT(*) FROM report_jobs WHERE campaign_id = :d)";
constexpr std::string_view kDeleteRegions = "DELETE FROM campaign_regions WHERE campaign_id = :id";
constexpr std::string_view kInsertRegion =
    "INSERT INTO campaign_regions (campaign_id, position, region_code, region_path, quota, batch) "
    "VALUES (:c, :p, :rc, :rp, :q, :b)";
constexpr std::string_view kRegions =
    "SELECT cr.region_code, g.name, cr.region_path, cr.quota, cr.batch FROM campaign_regions cr "
    "JOIN regions g ON g.code = cr.region_code WHERE cr.campaign_id = :c ORDER BY cr.position";
constexpr std::string_view kReviewTop =
    "SELECT c.review_top FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id WHERE "
    "m.enterprise_id = :e AND c.review_top <> '' ORDER BY length(c.region_path) DESC, c.id DESC "
    "LIMIT 1";

std::string definition_json(const Campaign& c) {
  json batches = json::array(), phases = json::array(), targets = json::array();
  for (const auto& b : c.batches)
    batches.push_back({{"batch", b.batch},
                       {"name", b.name},
                       {"start_date", b.start_date},
                       {"regions", b.regions}});
  for (const auto& p : c.phases)
    phases.push_back({{"key", p.key}, {"name", p.name}, {"due_date", p.due_date}});
  for (const auto& t : c.targets) {
    json j = {
        {"metric", t.metric}, {"label", t.label}, {"value", t.value}, {"due_date", t.due_date}};
    if (t.manual_actual) j["manual_actual"] = *t.manual_actual;
    targets.push_back(j);
  }
  json due = json::object();
  for (const auto& [level, days] : c.report_due)
    due[level] = {{"h1", days.first}, {"h2", days.second}};
  return json{{"industries", c.industries},
              {"batches", batches},
              {"phases", phases},
              {"targets", targets},
              {"report_due", due}}
      .dump();
}

void read_definition(const std::string& text, Campaign& c) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  for (const auto& i : j.value("industries", json::array()))
    c.industries.push_back(i.get<std::string>());
  for (const auto& b : j.value("batches", json::array())) {
    CampaignBatch batch{b.value("batch", 0), b.value("name", ""), b.value("start_date", ""), {}};
    for (const auto& r : b.value("regions", json::array()))
      batch.regions.push_back(r.get<std::string>());
    c.batches.push_back(std::move(batch));
  }
  for (const auto& p : j.value("phases", json::array()))
    c.phases.push_back({p.value("key", ""), p.value("name", ""), p.value("due_date", "")});
  for (const auto& t : j.value("targets", json::array())) {
    CampaignTarget target{t.value("metric", ""), t.value("label", ""), t.value("value", 0.0),
                          t.value("due_date", ""), std::nullopt};
    if (t.contains("manual_actual") && t["manual_actual"].is_number())
      target.manual_actual = t["manual_actual"].get<double>();
    c.targets.push_back(std::move(target));
  }
  if (j.contains("report_due") && j["report_due"].is_object())
    for (auto it = j["report_due"].begin(); it != j["report_due"].end(); ++it)
      c.report_due[it.key()] = {it->value("h1", ""), it->value("h2", "")};
}

Campaign campaign_from_row(const soci::row& row) {
  Campaign c;
  c.id = row_int(row, 0);
  c.name = row_str(row, 1);
  c.level = row_str(row, 2);
  c.region_code = row_str(row, 3);
  c.region_name = row_str(row, 4);
  c.region_path = row_str(row, 5);
  c.parent_id = row_int(row, 6);
  c.parent_name = row_str(row, 7);
  c.year = static_cast<int>(row_int(row, 8));
  c.batch = static_cast<int>(row_int(row, 9));
  c.description = row_str(row, 10);
  c.start_date = row_str(row, 11);
  c.end_date = row_str(row, 12);
  c.review_top = row_str(row, 13);
  read_definition(row_str(row, 14), c);
  c.created_by = row_int(row, 15);
  c.created_at = row_int(row, 16);
  c.updated_at = row_int(row, 17);
  c.version = static_cast<int>(row_int(row, 18));
  c.member_count = row_int(row, 19);
  return c;
}

std::vector<CampaignRegion> load_regions(Tx& tx, long long id) {
  std::vector<CampaignRegion> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kRegions, soci::use(id));
  for (const auto& row : rows) {
    out.push_back({row_str(row, 0), row_str(row, 1), row_str(row, 2), row_int(row, 3),
                   static_cast<int>(row_int(row, 4))});
  }
  return out;
}

// ------------------------------------------------------------------------------ members
constexpr std::string_view kMemberExists =
    "SELECT COUNT(*) FROM campaign_members WHERE campaign_id = :c AND enterprise_id = :e";
constexpr std::string_view kInsertMember =
    "INSERT INTO campaign_members (campaign_id, enterprise_id, region_code, region_path, "
    "industry_code, batch, added_by, added_at) VALUES (:c, :e, :rc, :rp, :i, :b, :by, :at)";
constexpr std::string_view kDeleteMember =
    "DELETE FROM campaign_members WHERE campaign_id = :c AND enterprise_id = :e";
constexpr std::string_view kCountMembers =
    "SELECT COUNT(*) FROM campaign_members WHERE campaign_id = :c";
// Only rows whose batch really changes are written: every write moves the counters (migration 9).
constexpr std::string_view kResetBatches =
    "UPDATE campaign_members SET batch = 0 WHERE campaign_id = :c AND batch <> 0 AND NOT EXISTS "
    "(SELECT 1 FROM campaign_regions cr WHERE cr.campaign_id = campaign_members.campaign_id AND "
    "cr.batch <> 0 AND substr(campaign_members.region_path, 1, length(cr.region_path)) = "
    "cr.region_path)";
// Deeper participating regions are applied last, so the most specific batch wins.
constexpr std::string_view kBatchRegions =
    "SELECT region_path, batch FROM campaign_regions WHERE campaign_id = :c AND batch <> 0 ORDER "
    "BY length(region_path)";
constexpr std::string_view kSetBatch =
    "UPDATE campaign_members SET batch = :b WHERE campaign_id = :c AND region_path >= :lo AND "
    "region_path < :hi AND batch <> :b2";
#define MEMBER_COLUMNS                                                                        \
  "m.enterprise_id, e.name, e.credit_code, m.region_code, m.region_path, m.industry_code, "   \
  "m.batch, m.added_by, COALESCE(u.display_name, ''), m.added_at, (SELECT COUNT(*) FROM "     \
  "products p WHERE p.enterprise_id = m.enterprise_id AND p.selected = 1), (SELECT COUNT(*) " \
  "FROM results r WHERE r.enterprise_id = m.enterprise_id) "
#define MEMBER_FROM                                                                          \
  " FROM campaign_members m JOIN enterprises e ON e.id = m.enterprise_id LEFT JOIN users u " \
  "ON u.id = m.added_by "
#define MEMBER_SCOPE                                                                        \
  " m.campaign_id = :c AND m.region_path >= :lo AND m.region_path < :hi AND (:eid1 = 0 OR " \
  "m.enterprise_id = :eid2) "
constexpr std::string_view kFindMember =
    "SELECT " MEMBER_COLUMNS MEMBER_FROM "WHERE" MEMBER_SCOPE "AND m.enterprise_id = :e";
#define MEMBER_FILTER                                                                             \
  " AND m.region_path >= :flo AND m.region_path < :fhi AND (:q1 = '' OR lower(e.name) LIKE :qp1 " \
  "ESCAPE '\\' OR lower(e.credit_code) LIKE :qp2 ESCAPE '\\') AND (:ni = 0 OR m.industry_code "   \
  "IN (:i0, :i1, :i2, :i3, :i4, :i5, :i6, :i7)) AND (:b1 = 0 OR m.batch = :b2) AND (:rs1 = '' "   \
  "OR (:rs2 = 'none' AND NOT EXISTS (SELECT 1 FROM results r WHERE r.enterprise_id = "            \
  "m.enterprise_id)) OR (:rs3 = 'reported' AND EXISTS (SELECT 1 FROM results r WHERE "            \
  "r.enterprise_id = m.enterprise_id AND r.status NOT IN ('draft', 'returned'))) OR EXISTS "      \
  "(SELECT 1 FROM results r WHERE r.enterprise_id = m.enterprise_id AND r.status = :rs4)) AND "   \
  "(:ro1 = '' OR EXISTS (SELECT 1 FROM results r WHERE r.enterprise_id = m.enterprise_id AND "    \
  "r.rollup = :ro2)) "
constexpr std::string_view kCountMemberPage =
    "SELECT COUNT(*)" MEMBER_FROM "WHERE" MEMBER_SCOPE MEMBER_FILTER;
// The same total from the member counters of the scope's region (of the roots for the whole
// country) when only the scope, industries and batch filter: index rows instead of joining and
// counting every member (≈ 60 ms for the national campaign's 100,000 on PostgreSQL).
#define COUNTED_MEMBER_FILTER                                                                    \
  " AND (:ni = 0 OR cm.industry_code IN (:i0, :i1, :i2, :i3, :i4, :i5, :i6, :i7)) AND (:b1 = 0 " \
  "OR cm.batch = :b2)"
constexpr std::string_view kCountMembersAt =
    "SELECT CAST(COALESCE(SUM(cm.n), 0) AS BIGINT) FROM campaign_member_counts cm WHERE "
    "cm.campaign_id = :c AND cm.region_code = :r" COUNTED_MEMBER_FILTER;
constexpr std::string_view kCountMembersAtRoots =
    "SELECT CAST(COALESCE(SUM(cm.n), 0) AS BIGINT) FROM campaign_member_counts cm WHERE "
    "cm.campaign_id = :c AND cm.parent_code = ''" COUNTED_MEMBER_FILTER;
constexpr std::string_view kListMembers =
    "SELECT " MEMBER_COLUMNS MEMBER_FROM "WHERE" MEMBER_SCOPE MEMBER_FILTER
    "ORDER BY m.added_at DESC, m.enterprise_id DESC LIMIT :limit OFFSET :offset";
// The same page for a large scope: the campaign's newest :window members (index
// campaign_members_recent), then the scope and the filters; exact when the page comes back full
// or reaches the total (see kListRecentResults in campaign_stats_store.cpp; CROSS JOIN as there).
constexpr std::string_view kListRecentMembers =
    "SELECT " MEMBER_COLUMNS
    " FROM (SELECT w.enterprise_id FROM campaign_members w WHERE w.campaign_id = :cw ORDER BY "
    "w.added_at DESC, w.enterprise_id DESC LIMIT :window) x CROSS JOIN campaign_members m CROSS "
    "JOIN enterprises e LEFT JOIN users u ON u.id = m.added_by WHERE m.campaign_id = :c AND "
    "m.enterprise_id = x.enterprise_id AND e.id = m.enterprise_id AND m.region_path >= :lo AND "
    "m.region_path < :hi AND (:eid1 = 0 OR m.enterprise_id = :eid2) " MEMBER_FILTER
    "ORDER BY m.added_at DESC, m.enterprise_id DESC LIMIT :limit OFFSET :offset";
constexpr std::string_view kMemberResults =
    "SELECT status, rollup FROM results WHERE enterprise_id = :e ORDER BY id";
constexpr std::string_view kHasSubmitted =
    "SELECT COUNT(*) FROM results WHERE enterprise_id = :e AND (status <> 'draft' OR "
    "submitted_at <> 0)";
#define CANDIDATE_WHERE                                                                       \
  " WHERE e.region_path >= :lo AND e.region_path < :hi AND (:eid1 = 0 OR e.id = :eid2) AND "  \
  "e.region_path >= :flo AND e.region_path < :fhi AND (:q1 = '' OR lower(e.name) LIKE :qp1 "  \
  "ESCAPE '\\' OR lower(e.credit_code) LIKE :qp2 ESCAPE '\\') AND NOT EXISTS (SELECT 1 FROM " \
  "campaign_members m WHERE m.campaign_id = :c AND m.enterprise_id = e.id) "
constexpr std::string_view kCountCandidates = "SELECT COUNT(*) FROM enterprises e" CANDIDATE_WHERE;
constexpr std::string_view kListCandidates =
    "SELECT e.id, e.name, e.credit_code, e.credit_code_status, e.region_code, g.name, "
    "e.region_path, e.industry_code, e.contact_name, e.contact_phone, e.created_at FROM "
    "enterprises e JOIN regions g ON g.code = e.region_code" CANDIDATE_WHERE
    "ORDER BY e.id DESC LIMIT :limit OFFSET :offset";

CampaignMember member_from_row(const soci::row& row, long long campaign_id) {
  CampaignMember m;
  m.campaign_id = campaign_id;
  m.enterprise_id = row_int(row, 0);
  m.name = row_str(row, 1);
  m.credit_code = row_str(row, 2);
  m.region_code = row_str(row, 3);
  m.region_path = row_str(row, 4);
  m.industry_code = row_str(row, 5);
  m.added_by = row_int(row, 7);
  m.added_by_name = row_str(row, 8);
  m.added_at = row_int(row, 9);
  m.products = row_int(row, 10);
  m.results = row_int(row, 11);
  return m;
}

// Fills best status, roll-ups and whether the member has a submitted result.
void add_member_results(Tx& tx, CampaignMember& m) {
  soci::rowset<soci::row> rows = (tx.sql.prepare << kMemberResults, soci::use(m.enterprise_id));
  for (const auto& row : rows) {
    std::string status = row_str(row, 0), rollup = row_str(row, 1);
    if (result_progress_rank(status) > result_progress_rank(m.best_status)) m.best_status = status;
    m.rollups.push_back(rollup);
  }
  m.has_submitted = enterprise_has_submitted_result(tx, m.enterprise_id);
}

// ------------------------------------------------------------------------------ list rows
constexpr std::string_view kInsertListRow =
    "INSERT INTO campaign_list_rows (campaign_id, seq, enterprise_id, region_path, product_name, "
    "executed_standards, executed_numbers, benchmark_standards, benchmark_numbers, plan_number, "
    "support_needed, created_by, created_at) VALUES (:c, :s, :e, :rp, :pn, :es, :en, :bs, :bn, "
    ":plan, :sup, :by, :at) RETURNING id";
constexpr std::string_view kNextSeq =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM campaign_list_rows WHERE campaign_id = :c";
#define LIST_COLUMNS                                                                    \
  "l.id, l.campaign_id, l.seq, l.enterprise_id, e.name, e.credit_code, e.region_code, " \
  "l.region_path, l.product_name, l.executed_standards, l.executed_numbers, "           \
  "l.benchmark_standards, l.benchmark_numbers, l.plan_number, l.support_needed, "       \
  "COALESCE((SELECT s.id FROM support_requests s WHERE s.list_row_id = l.id), 0), "     \
  "l.created_by, l.created_at "
#define LIST_FROM " FROM campaign_list_rows l JOIN enterprises e ON e.id = l.enterprise_id "
#define LIST_SCOPE                                                                          \
  " l.campaign_id = :c AND l.region_path >= :lo AND l.region_path < :hi AND (:eid1 = 0 OR " \
  "l.enterprise_id = :eid2) "
constexpr std::string_view kFindListRow =
    "SELECT " LIST_COLUMNS LIST_FROM "WHERE" LIST_SCOPE "AND l.id = :id";
#define LIST_FILTER                                                                           \
  " AND (:q1 = '' OR lower(e.name) LIKE :qp1 ESCAPE '\\' OR lower(l.product_name) LIKE :qp2 " \
  "ESCAPE '\\') "
constexpr std::string_view kCountListRows =
    "SELECT COUNT(*)" LIST_FROM "WHERE" LIST_SCOPE LIST_FILTER;
constexpr std::string_view kListRows =
    "SELECT " LIST_COLUMNS LIST_FROM "WHERE" LIST_SCOPE LIST_FILTER
    "ORDER BY l.seq, l.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kListRowExists =
    "SELECT COUNT(*) FROM campaign_list_rows WHERE campaign_id = :c AND enterprise_id = :e AND "
    "product_name = :p";
constexpr std::string_view kDeleteListRow = "DELETE FROM campaign_list_rows WHERE id = :id";

CampaignListRow list_row_from(const soci::row& row) {
  CampaignListRow l;
  l.id = row_int(row, 0);
  l.campaign_id = row_int(row, 1);
  l.seq = static_cast<int>(row_int(row, 2));
  l.enterprise_id = row_int(row, 3);
  l.enterprise_name = row_str(row, 4);
  l.credit_code = row_str(row, 5);
  l.region_code = row_str(row, 6);
  l.region_path = row_str(row, 7);
  l.product_name = row_str(row, 8);
  l.executed_standards = row_str(row, 9);
  for (auto& s : split(row_str(row, 10), '\n'))
    if (!s.empty()) l.executed_numbers.push_back(s);
  l.benchmark_standards = row_str(row, 11);
  for (auto& s : split(row_str(row, 12), '\n'))
    if (!s.empty()) l.benchmark_numbers.push_back(s);
  l.plan_number = row_str(row, 13);
  l.support_needed = row_int(row, 14) != 0;
  l.support_request_id = row_int(row, 15);
  l.created_by = row_int(row, 16);
  l.created_at = row_int(row, 17);
  return l;
}

// ------------------------------------------------------------------------------ support
constexpr std::string_view kInsertSupport =
    "INSERT INTO support_requests (campaign_id, list_row_id, enterprise_id, region_path, "
    "industry_code, product_name, executed_standards, benchmark_standards, status, created_at, "
    "updated_at) VALUES (:c, :l, :e, :rp, :i, :pn, :es, :bs, 'open', :ca, :ua) RETURNING id";
constexpr std::string_view kUpdateSupport =
    "UPDATE support_requests SET status = :s, taken_by = :tb, taken_by_name = :tn, note = :n, "
    "updated_at = :ua WHERE id = :id";
constexpr std::string_view kDeleteSupportOfRow =
    "DELETE FROM support_requests WHERE list_row_id = :l";
#define SUPPORT_COLUMNS                                                                  \
  "s.id, s.campaign_id, c.name, s.list_row_id, s.enterprise_id, e.name, e.region_code, " \
  "s.region_path, s.industry_code, s.product_name, s.executed_standards, "               \
  "s.benchmark_standards, s.status, s.taken_by, s.taken_by_name, s.note, s.created_at, " \
  "s.updated_at "
#define SUPPORT_FROM                                                                      \
  " FROM support_requests s JOIN campaigns c ON c.id = s.campaign_id JOIN enterprises e " \
  "ON e.id = s.enterprise_id "
#define SUPPORT_SCOPE                                                                  \
  " s.region_path >= :lo AND s.region_path < :hi AND (:eid1 = 0 OR s.enterprise_id = " \
  ":eid2) "
constexpr std::string_view kFindSupport =
    "SELECT " SUPPORT_COLUMNS SUPPORT_FROM "WHERE" SUPPORT_SCOPE "AND s.id = :id";
#define SUPPORT_FILTER                                                                      \
  " AND (:st1 = '' OR s.status = :st2) AND (:i1 = '' OR s.industry_code = :i2) AND (:c1 = " \
  "0 OR s.campaign_id = :c2) "
constexpr std::string_view kCountSupport =
    "SELECT COUNT(*)" SUPPORT_FROM "WHERE" SUPPORT_SCOPE SUPPORT_FILTER;
constexpr std::string_view kListSupport =
    "SELECT " SUPPORT_COLUMNS SUPPORT_FROM "WHERE" SUPPORT_SCOPE SUPPORT_FILTER
    "ORDER BY s.id DESC LIMIT :limit OFFSET :offset";

SupportRequest support_from(const soci::row& row) {
  SupportRequest s;
  s.id = row_int(row, 0);
  s.campaign_id = row_int(row, 1);
  s.campaign_name = row_str(row, 2);
  s.list_row_id = row_int(row, 3);
  s.enterprise_id = row_int(row, 4);
  s.enterprise_name = row_str(row, 5);
  s.region_code = row_str(row, 6);
  s.region_path = row_str(row, 7);
  s.industry_code = row_str(row, 8);
  s.product_name = row_str(row, 9);
  s.executed_standards = row_str(row, 10);
  s.benchmark_standards = row_str(row, 11);
  s.status = row_str(row, 12);
  s.taken_by = row_int(row, 13);
  s.taken_by_name = row_str(row, 14);
  s.note = row_str(row, 15);
  s.created_at = row_int(row, 16);
  s.updated_at = row_int(row, 17);
  return s;
}

}  // namespace

// ------------------------------------------------------------------------------ campaigns
long long insert_campaign(Tx& tx, const Campaign& c) {
  long long id = 0;
  std::string def = definition_json(c);
  soci::indicator parent_ind = c.parent_id ? soci::i_ok : soci::i_null;
  long long parent = c.parent_id;
  tx.sql << kInsertCampaign, soci::use(c.name), soci::use(c.level), soci::use(c.region_code),
      soci::use(c.region_path), soci::use(parent, parent_ind), soci::use(c.year),
      soci::use(c.batch), soci::use(c.description), soci::use(c.start_date), soci::use(c.end_date),
      soci::use(c.review_top), soci::use(def), soci::use(c.created_by), soci::use(c.created_at),
      soci::use(c.updated_at), soci::into(id);
  replace_campaign_regions(tx, id, c.regions);
  return id;
}

bool update_campaign(Tx& tx, const Campaign& c, int expected_version) {
  std::string def = definition_json(c);
  soci::indicator parent_ind = c.parent_id ? soci::i_ok : soci::i_null;
  long long parent = c.parent_id;
  soci::statement st =
      (tx.sql.prepare << kUpdateCampaign, soci::use(c.name), soci::use(parent, parent_ind),
       soci::use(c.year), soci::use(c.batch), soci::use(c.description), soci::use(c.start_date),
       soci::use(c.end_date), soci::use(c.review_top), soci::use(def), soci::use(c.updated_at),
       soci::use(c.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  replace_campaign_regions(tx, c.id, c.regions);
  return true;
}

void delete_campaign(Tx& tx, long long id) {
  tx.sql << kDeleteRegions, soci::use(id);
  tx.sql << kDeleteCampaign, soci::use(id);
}

std::optional<Campaign> find_campaign(Tx& tx, const CampaignVisibility& v, long long id) {
  soci::row row;
  int all = v.all ? 1 : 0;
  tx.sql << kFindCampaign, soci::use(id), soci::use(all), soci::use(v.lo), soci::use(v.hi),
      soci::use(v.containing[0]), soci::use(v.containing[1]), soci::use(v.containing[2]),
      soci::use(v.containing[3]), soci::use(v.enterprise_id), soci::use(v.enterprise_id),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Campaign c = campaign_from_row(row);
  c.regions = load_regions(tx, c.id);
  return c;
}

PageResult<Campaign> list_campaigns(Tx& tx, const CampaignVisibility& v, const CampaignFilter& f,
                                    const Page& page) {
  PageResult<Campaign> out;
  int all = v.all ? 1 : 0;
  std::string pattern = like_contains(f.q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountCampaigns, soci::use(all), soci::use(v.lo), soci::use(v.hi),
      soci::use(v.containing[0]), soci::use(v.containing[1]), soci::use(v.containing[2]),
      soci::use(v.containing[3]), soci::use(v.enterprise_id), soci::use(v.enterprise_id),
      soci::use(f.q), soci::use(pattern), soci::use(f.level), soci::use(f.level), soci::use(f.year),
      soci::use(f.year), soci::into(out.total);
  {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kListCampaigns, soci::use(all), soci::use(v.lo), soci::use(v.hi),
         soci::use(v.containing[0]), soci::use(v.containing[1]), soci::use(v.containing[2]),
         soci::use(v.containing[3]), soci::use(v.enterprise_id), soci::use(v.enterprise_id),
         soci::use(f.q), soci::use(pattern), soci::use(f.level), soci::use(f.level),
         soci::use(f.year), soci::use(f.year), soci::use(limit), soci::use(offset));
    for (const auto& row : rows) out.items.push_back(campaign_from_row(row));
  }
  for (auto& c : out.items) c.regions = load_regions(tx, c.id);
  return out;
}

long long count_child_campaigns(Tx& tx, long long id) {
  long long n = 0;
  tx.sql << kCountChildren, soci::use(id), soci::into(n);
  return n;
}

long long count_campaign_work(Tx& tx, long long id) {
  long long n = 0;
  tx.sql << kCountFiledWork, soci::use(id), soci::use(id), soci::use(id), soci::use(id),
      soci::into(n);
  return n;
}

void replace_campaign_regions(Tx& tx, long long id, const std::vector<CampaignRegion>& regions) {
  tx.sql << kDeleteRegions, soci::use(id);
  int position = 0;
  for (const auto& r : regions) {
    ++position;
    tx.sql << kInsertRegion, soci::use(id), soci::use(position), soci::use(r.region_code),
        soci::use(r.region_path), soci::use(r.quota), soci::use(r.batch);
  }
}

std::string campaign_review_top_for(Tx& tx, long long enterprise_id) {
  // Prepared once per connection: every result page and every move asks.
  std::string top;
  run_prepared(
      tx, kReviewTop, "i", "s", [&](PreparedQuery& q) { q.set(0, enterprise_id); },
      [&](const PreparedQuery& row) { top = row.str(0); });
  return top;
}

// ------------------------------------------------------------------------------ members
bool member_exists(Tx& tx, long long campaign_id, long long enterprise_id) {
  long long n = 0;
  tx.sql << kMemberExists, soci::use(campaign_id), soci::use(enterprise_id), soci::into(n);
  return n > 0;
}

void insert_member(Tx& tx, const CampaignMember& m) {
  int batch = 0;
  tx.sql << kInsertMember, soci::use(m.campaign_id), soci::use(m.enterprise_id),
      soci::use(m.region_code), soci::use(m.region_path), soci::use(m.industry_code),
      soci::use(batch), soci::use(m.added_by), soci::use(m.added_at);
}

void delete_member(Tx& tx, long long campaign_id, long long enterprise_id) {
  tx.sql << kDeleteMember, soci::use(campaign_id), soci::use(enterprise_id);
}

std::optional<CampaignMember> find_member(Tx& tx, const Scope& scope, long long campaign_id,
                                          long long enterprise_id) {
  soci::row row;
  tx.sql << kFindMember, soci::use(campaign_id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(enterprise_id),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  CampaignMember m = member_from_row(row, campaign_id);
  add_member_results(tx, m);
  return m;
}

namespace {
// "/330000/330200/" → "330200".
std::string last_path_segment(const std::string& path) {
  size_t end = path.size();
  while (end > 0 && path[end - 1] == '/') --end;
  size_t begin = path.rfind('/', end == 0 ? 0 : end - 1);
  return begin == std::string::npos ? path.substr(0, end) : path.substr(begin + 1, end - begin - 1);
}
}  // namespace

PageResult<CampaignMember> list_members(Tx& tx, const Scope& scope, long long campaign_id,
                                        const MemberFilter& f, const Page& page,
                                        RecentWindow window) {
  PageResult<CampaignMember> out;
  std::string pattern = like_contains(f.q);
  std::vector<std::string> ind(8, std::string("\x01"));  // a code no row has
  for (size_t i = 0; i < f.industry_codes.size() && i < 8; ++i) ind[i] = f.industry_codes[i];
  int ni = f.industry_codes.empty() ? 0 : 1;
  int limit = page.page_size, offset = page.offset();
  // Members counted at one region (or at the roots): the scope with industries and batch only.
  auto counted_total = [&](bool at_roots, const std::string& region, int industries, int batch) {
    long long n = 0;
    if (at_roots)
      tx.sql << kCountMembersAtRoots, soci::use(campaign_id), soci::use(industries),
          soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
          soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
          soci::use(batch), soci::use(batch), soci::into(n);
    else
      tx.sql << kCountMembersAt, soci::use(campaign_id), soci::use(region), soci::use(industries),
          soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
          soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
          soci::use(batch), soci::use(batch), soci::into(n);
    return n;
  };
  // The narrowing region when there is one inside the scope (else the scope itself).
  const std::string& region_lo = f.lo == "/" ? scope.lo : f.lo;
  bool counted = scope.enterprise_id == 0 && f.q.empty() && f.result_status.empty() &&
                 f.rollup.empty() && region_lo.rfind(scope.lo, 0) == 0 &&
                 (f.lo == "/" ? f.hi == "/\x7f" : f.hi == f.lo + "\x7f") &&
                 scope.hi == scope.lo + "\x7f";
  if (counted)
    out.total = counted_total(region_lo == "/", last_path_segment(region_lo), ni, f.batch);
  else
    tx.sql << kCountMemberPage, soci::use(campaign_id), soci::use(scope.lo), soci::use(scope.hi),
        soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.lo),
        soci::use(f.hi), soci::use(f.q), soci::use(pattern), soci::use(pattern), soci::use(ni),
        soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
        soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
        soci::use(f.batch), soci::use(f.batch), soci::use(f.result_status),
        soci::use(f.result_status), soci::use(f.result_status), soci::use(f.result_status),
        soci::use(f.rollup), soci::use(f.rollup), soci::into(out.total);
  auto read_rows = [&](soci::rowset<soci::row>& rows) {
    for (const auto& row : rows) {
      out.items.push_back(member_from_row(row, campaign_id));
      out.items.back().region_path = row_str(row, 4);
    }
  };
  // As for the results drill-down: the window when the scope holds enough of the campaign's
  // members to fill the page twice over from it.
  // Counting the campaign costs a scan of its index: only for scopes that may be large.
  long long all =
      window.rows > 0 && (window.always || out.total >= 1000) ? counted_total(true, "", 0, 0) : 0;
  bool done = false;
  if (all > 0 && out.total > 0 &&
      (window.always || out.total * window.rows >= 2LL * (offset + limit) * all)) {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kListRecentMembers, soci::use(campaign_id), soci::use(window.rows),
         soci::use(campaign_id), soci::use(scope.lo), soci::use(scope.hi),
         soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.lo),
         soci::use(f.hi), soci::use(f.q), soci::use(pattern), soci::use(pattern), soci::use(ni),
         soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
         soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
         soci::use(f.batch), soci::use(f.batch), soci::use(f.result_status),
         soci::use(f.result_status), soci::use(f.result_status), soci::use(f.result_status),
         soci::use(f.rollup), soci::use(f.rollup), soci::use(limit), soci::use(offset));
    read_rows(rows);
    long long n = static_cast<long long>(out.items.size());
    done = n == limit || offset + n >= out.total;
    if (!done) out.items.clear();
  }
  if (!done) {
    soci::rowset<soci::row> rows =
        (tx.sql.prepare << kListMembers, soci::use(campaign_id), soci::use(scope.lo),
         soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id),
         soci::use(f.lo), soci::use(f.hi), soci::use(f.q), soci::use(pattern), soci::use(pattern),
         soci::use(ni), soci::use(ind[0]), soci::use(ind[1]), soci::use(ind[2]), soci::use(ind[3]),
         soci::use(ind[4]), soci::use(ind[5]), soci::use(ind[6]), soci::use(ind[7]),
         soci::use(f.batch), soci::use(f.batch), soci::use(f.result_status),
         soci::use(f.result_status), soci::use(f.result_status), soci::use(f.result_status),
         soci::use(f.rollup), soci::use(f.rollup), soci::use(limit), soci::use(offset));
    read_rows(rows);
  }
  for (auto& m : out.items) add_member_results(tx, m);
  return out;
}

long long count_members(Tx& tx, long long campaign_id) {
  long long n = 0;
  tx.sql << kCountMembers, soci::use(campaign_id), soci::into(n);
  return n;
}

void refresh_member_batches(Tx& tx, long long campaign_id) {
  tx.sql << kResetBatches, soci::use(campaign_id);
  std::vector<std::pair<std::string, int>> regions;
  {
    soci::rowset<soci::row> rows = (tx.sql.prepare << kBatchRegions, soci::use(campaign_id));
    for (const auto& row : rows)
      regions.emplace_back(row_str(row, 0), static_cast<int>(row_int(row, 1)));
  }
  for (const auto& [path, batch] : regions) {
    std::string hi = path + "\x7f";
    tx.sql << kSetBatch, soci::use(batch), soci::use(campaign_id), soci::use(path), soci::use(hi),
        soci::use(batch);
  }
}

PageResult<Enterprise> list_candidates(Tx& tx, const Scope& scope, long long campaign_id,
                                       const std::string& q, const std::string& lo,
                                       const std::string& hi, const Page& page) {
  PageResult<Enterprise> out;
  std::string pattern = like_contains(q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountCandidates, soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(lo), soci::use(hi),
      soci::use(q), soci::use(pattern), soci::use(pattern), soci::use(campaign_id),
      soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListCandidates, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(lo), soci::use(hi),
       soci::use(q), soci::use(pattern), soci::use(pattern), soci::use(campaign_id),
       soci::use(limit), soci::use(offset));
  for (const auto& row : rows) {
    Enterprise e;
    e.id = row_int(row, 0);
    e.name = row_str(row, 1);
    e.credit_code = row_str(row, 2);
    e.credit_code_status = row_str(row, 3);
    e.region_code = row_str(row, 4);
    e.region_name = row_str(row, 5);
    e.region_path = row_str(row, 6);
    e.industry_code = row_str(row, 7);
    e.contact_name = row_str(row, 8);
    e.contact_phone = row_str(row, 9);
    e.created_at = row_int(row, 10);
    out.items.push_back(std::move(e));
  }
  return out;
}

bool enterprise_has_submitted_result(Tx& tx, long long enterprise_id) {
  long long n = 0;
  tx.sql << kHasSubmitted, soci::use(enterprise_id), soci::into(n);
  return n > 0;
}

// ------------------------------------------------------------------------------ list rows
long long insert_list_row(Tx& tx, const CampaignListRow& l) {
  long long id = 0;
  std::string en = join(l.executed_numbers, "\n"), bn = join(l.benchmark_numbers, "\n");
  int sup = l.support_needed ? 1 : 0;
  tx.sql << kInsertListRow, soci::use(l.campaign_id), soci::use(l.seq), soci::use(l.enterprise_id),
      soci::use(l.region_path), soci::use(l.product_name), soci::use(l.executed_standards),
      soci::use(en), soci::use(l.benchmark_standards), soci::use(bn), soci::use(l.plan_number),
      soci::use(sup), soci::use(l.created_by), soci::use(l.created_at), soci::into(id);
  return id;
}

bool list_row_exists(Tx& tx, long long campaign_id, long long enterprise_id,
                     const std::string& product_name) {
  long long n = 0;
  tx.sql << kListRowExists, soci::use(campaign_id), soci::use(enterprise_id),
      soci::use(product_name), soci::into(n);
  return n > 0;
}

int next_list_seq(Tx& tx, long long campaign_id) {
  long long n = 1;
  tx.sql << kNextSeq, soci::use(campaign_id), soci::into(n);
  return static_cast<int>(n);
}

std::optional<CampaignListRow> find_list_row(Tx& tx, const Scope& scope, long long campaign_id,
                                             long long id) {
  soci::row row;
  tx.sql << kFindListRow, soci::use(campaign_id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(id),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return list_row_from(row);
}

void delete_list_row(Tx& tx, long long id) {
  tx.sql << kDeleteListRow, soci::use(id);
}

PageResult<CampaignListRow> list_rows(Tx& tx, const Scope& scope, long long campaign_id,
                                      const std::string& q, const Page& page) {
  PageResult<CampaignListRow> out;
  std::string pattern = like_contains(q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountListRows, soci::use(campaign_id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(q),
      soci::use(pattern), soci::use(pattern), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListRows, soci::use(campaign_id), soci::use(scope.lo),
       soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id),
       soci::use(q), soci::use(pattern), soci::use(pattern), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(list_row_from(row));
  return out;
}

// ------------------------------------------------------------------------------ support
long long insert_support_request(Tx& tx, const SupportRequest& r) {
  long long id = 0;
  tx.sql << kInsertSupport, soci::use(r.campaign_id), soci::use(r.list_row_id),
      soci::use(r.enterprise_id), soci::use(r.region_path), soci::use(r.industry_code),
      soci::use(r.product_name), soci::use(r.executed_standards), soci::use(r.benchmark_standards),
      soci::use(r.created_at), soci::use(r.updated_at), soci::into(id);
  return id;
}

std::optional<SupportRequest> find_support_request(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kFindSupport, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return support_from(row);
}

void update_support_request(Tx& tx, const SupportRequest& r) {
  tx.sql << kUpdateSupport, soci::use(r.status), soci::use(r.taken_by), soci::use(r.taken_by_name),
      soci::use(r.note), soci::use(r.updated_at), soci::use(r.id);
}

void delete_support_request_of_row(Tx& tx, long long list_row_id) {
  tx.sql << kDeleteSupportOfRow, soci::use(list_row_id);
}

PageResult<SupportRequest> list_support_requests(Tx& tx, const Scope& scope, const SupportFilter& f,
                                                 const Page& page) {
  PageResult<SupportRequest> out;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountSupport, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(f.status), soci::use(f.status),
      soci::use(f.industry_code), soci::use(f.industry_code), soci::use(f.campaign_id),
      soci::use(f.campaign_id), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListSupport, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.status),
       soci::use(f.status), soci::use(f.industry_code), soci::use(f.industry_code),
       soci::use(f.campaign_id), soci::use(f.campaign_id), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(support_from(row));
  return out;
}

}  // namespace duibiao
