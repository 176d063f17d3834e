#include "store/leader_store.h"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <string_view>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {

constexpr std::string_view kInsertPlan =
    "INSERT INTO leader_plans (plan_number, status, product, industry_code, author_id, evaluator, "
    "joint_evaluators, basis_standard, region_code, summary, tier_cuts, leader_tiers, "
    "follower_tiers, notice_start, notice_end, last_reason, search_text, version, published_at, "
    "created_at, updated_at) VALUES (:num, :st, :prod, :ind, :aid, :ev, :jev, :basis, :reg, :sum, "
    ":cuts, :lt, :ft, :ns, :ne, :lr, :search, :ver, :pub, :c, :u) RETURNING id";
constexpr std::string_view kUpdatePlan =
    "UPDATE leader_plans SET plan_number = :num, status = :st, product = :prod, industry_code = "
    ":ind, evaluator = :ev, joint_evaluators = :jev, basis_standard = :basis, summary = :sum, "
    "tier_cuts = :cuts, leader_tiers = :lt, follower_tiers = :ft, notice_start = :ns, notice_end "
    "= :ne, last_reason = :lr, search_text = :search, version = :ver, published_at = :pub, "
    "updated_at = :u WHERE id = :id AND version = :expected";
constexpr std::string_view kDeleteIndicators =
    "DELETE FROM leader_plan_indicators WHERE plan_id = :id";
constexpr std::string_view kInsertIndicator =
    "INSERT INTO leader_plan_indicators (plan_id, position, name, unit, direction, baseline, "
    "baseline_source, notes) VALUES (:id, :pos, :name, :unit, :dir, :base, :src, :notes)";
constexpr std::string_view kIndicators =
    "SELECT name, unit, direction, baseline, baseline_source, notes FROM leader_plan_indicators "
    "WHERE plan_id = :id ORDER BY position";
#define LP_COLUMNS                                                                             \
  "p.id, p.plan_number, p.status, p.product, p.industry_code, p.author_id, p.evaluator, "      \
  "p.joint_evaluators, p.basis_standard, p.region_code, p.summary, p.tier_cuts, "              \
  "p.leader_tiers, p.follower_tiers, p.notice_start, p.notice_end, p.last_reason, p.version, " \
  "p.published_at, p.created_at, p.updated_at "
#define LP_VISIBLE \
  " (p.status IN ('notice', 'published', 'withdrawn') OR :allv = 1 OR p.author_id = :me) "
constexpr std::string_view kFindPlan =
    "SELECT " LP_COLUMNS "FROM leader_plans p WHERE p.id = :id AND" LP_VISIBLE;
#define LP_FILTER \
  " AND (:q1 = '' OR p.search_text LIKE :qp ESCAPE '\\') AND (:st1 = '' OR p.status = :st2) "
constexpr std::string_view kCountPlans =
    "SELECT COUNT(*) FROM leader_plans p WHERE" LP_VISIBLE LP_FILTER;
constexpr std::string_view kListPlans =
    "SELECT " LP_COLUMNS "FROM leader_plans p WHERE" LP_VISIBLE LP_FILTER
    "ORDER BY p.updated_at DESC, p.id DESC LIMIT :limit OFFSET :offset";

constexpr std::string_view kInsertObjection =
    "INSERT INTO leader_objections (plan_id, user_id, user_name, text, created_at) VALUES (:p, "
    ":u, :n, :t, :c) RETURNING id";
constexpr std::string_view kAnswerObjection =
    "UPDATE leader_objections SET answer = :a, answered_at = :t WHERE id = :id AND plan_id = :p";
constexpr std::string_view kObjections =
    "SELECT id, plan_id, user_id, user_name, text, created_at, answer, answered_at FROM "
    "leader_objections WHERE plan_id = :p ORDER BY id";

constexpr std::string_view kInsertRound =
    "INSERT INTO leader_rounds (plan_id, round_no, title, status, notice_start, notice_end, "
    "ranking, version, published_at, created_at, updated_at) VALUES (:p, :n, :t, :st, :ns, :ne, "
    ":rk, :ver, :pub, :c, :u) RETURNING id";
constexpr std::string_view kUpdateRound =
    "UPDATE leader_rounds SET title = :t, status = :st, notice_start = :ns, notice_end = :ne, "
    "ranking = :rk, version = :ver, published_at = :pub, updated_at = :u WHERE id = :id AND "
    "version = :expected";
#define LR_COLUMNS                                                                     \
  "id, plan_id, round_no, title, status, notice_start, notice_end, ranking, version, " \
  "published_at, created_at, updated_at "
constexpr std::string_view kFindRound = "SELECT " LR_COLUMNS "FROM leader_rounds WHERE id = :id";
constexpr std::string_view kRounds =
    "SELECT " LR_COLUMNS "FROM leader_rounds WHERE plan_id = :p ORDER BY round_no";

constexpr std::string_view kInsertDeclaration =
    "INSERT INTO leader_declarations (round_id, enterprise_id, enterprise_name, region_path, "
    "region_code, product_name, standard_number, result_code, values_json, status, level, "
    "overall_tier, tiers, reason, commitment_hash, commitment_name, commitment_at, search_text, "
    "version, created_at, updated_at) VALUES (:r, :e, :en, :rp, :rc, :pn, :sn, :code, :vals, :st, "
    ":lvl, :tier, :tiers, :reason, :ch, :cn, :ca, :search, :ver, :c, :u) RETURNING id";
constexpr std::string_view kUpdateDeclaration =
    "UPDATE leader_declarations SET product_name = :pn, standard_number = :sn, result_code = "
    ":code, values_json = :vals, status = :st, level = :lvl, overall_tier = :tier, tiers = "
    ":tiers, reason = :reason, commitment_hash = :ch, commitment_name = :cn, commitment_at = :ca, "
    "version = :ver, updated_at = :u WHERE id = :id AND version = :expected";
#define LD_COLUMNS                                                                             \
  "d.id, d.round_id, d.enterprise_id, d.enterprise_name, d.region_path, d.region_code, "       \
  "d.product_name, d.standard_number, d.result_code, d.values_json, d.status, d.level, "       \
  "d.overall_tier, d.tiers, d.reason, d.commitment_hash, d.commitment_name, d.commitment_at, " \
  "d.version, d.created_at, d.updated_at "
#define LD_SCOPE \
  " d.region_path >= :lo AND d.region_path < :hi AND (:e1 = 0 OR d.enterprise_id = :e2) "
constexpr std::string_view kFindDeclaration =
    "SELECT " LD_COLUMNS "FROM leader_declarations d WHERE d.id = :id AND" LD_SCOPE;
constexpr std::string_view kCountDeclarations =
    "SELECT COUNT(*) FROM leader_declarations d WHERE d.round_id = :r AND" LD_SCOPE;
constexpr std::string_view kListDeclarations =
    "SELECT " LD_COLUMNS "FROM leader_declarations d WHERE d.round_id = :r AND" LD_SCOPE
    "ORDER BY d.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kAllDeclarations =
    "SELECT " LD_COLUMNS "FROM leader_declarations d WHERE d.round_id = :r ORDER BY d.id";

#define LISTED_FROM                                                                            \
  " FROM leader_declarations d JOIN leader_rounds r ON r.id = d.round_id JOIN leader_plans p " \
  "ON p.id = r.plan_id WHERE r.status = 'published' AND d.status = 'listed' AND (:q1 = '' OR " \
  "d.search_text LIKE :qp ESCAPE '\\') AND (:l1 = '' OR d.level = :l2) AND (:r1 = 0 OR "       \
  "r.id = :r2) "
constexpr std::string_view kCountListed = "SELECT COUNT(*)" LISTED_FROM;
constexpr std::string_view kListListed =
    "SELECT " LD_COLUMNS
    ", p.id, p.plan_number, p.product, p.evaluator, r.round_no, r.title, "
    "r.published_at" LISTED_FROM
    "ORDER BY r.published_at DESC, r.id DESC, CASE d.level WHEN 'leader' THEN 0 ELSE 1 END, "
    "d.enterprise_name, d.id LIMIT :limit OFFSET :offset";

std::string cuts_text(const std::vector<int>& cuts) {
  std::string s;
  for (int c : cuts) {
    if (!s.empty()) s += ",";
    s += std::to_string(c);
  }
  return s;
}

std::vector<int> parse_cuts(const std::string& s) {
  std::vector<int> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(std::stoi(s.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

LeaderPlan plan_from_row(const soci::row& row) {
  LeaderPlan p;
  p.id = row_int(row, 0);
  p.plan_number = row_str(row, 1);
  p.status = row_str(row, 2);
  p.product = row_str(row, 3);
  p.industry_code = row_str(row, 4);
  p.author_id = row_int(row, 5);
  p.evaluator = row_str(row, 6);
  p.joint_evaluators = row_str(row, 7);
  p.basis_standard = row_str(row, 8);
  p.region_code = row_str(row, 9);
  p.summary = row_str(row, 10);
  p.rule.cuts = parse_cuts(row_str(row, 11));
  p.rule.leader_tiers = static_cast<int>(row_int(row, 12));
  p.rule.follower_tiers = static_cast<int>(row_int(row, 13));
  p.notice_start = row_str(row, 14);
  p.notice_end = row_str(row, 15);
  p.last_reason = row_str(row, 16);
  p.version = static_cast<int>(row_int(row, 17));
  p.published_at = row_int(row, 18);
  p.created_at = row_int(row, 19);
  p.updated_at = row_int(row, 20);
  return p;
}

void load_indicators(Tx& tx, LeaderPlan& p) {
  soci::rowset<soci::row> rows = (tx.sql.prepare << kIndicators, soci::use(p.id));
  for (const auto& r : rows)
    p.indicators.push_back(
        {row_str(r, 0), row_str(r, 1), row_str(r, 2), row_str(r, 3), row_str(r, 4), row_str(r, 5)});
}

LeaderRound round_from_row(const soci::row& row) {
  LeaderRound r;
  r.id = row_int(row, 0);
  r.plan_id = row_int(row, 1);
  r.round_no = static_cast<int>(row_int(row, 2));
  r.title = row_str(row, 3);
  r.status = row_str(row, 4);
  r.notice_start = row_str(row, 5);
  r.notice_end = row_str(row, 6);
  r.ranking = row_str(row, 7);
  r.version = static_cast<int>(row_int(row, 8));
  r.published_at = row_int(row, 9);
  r.created_at = row_int(row, 10);
  r.updated_at = row_int(row, 11);
  return r;
}

std::string values_json(const std::vector<std::string>& v) {
  return nlohmann::json(v).dump();
}

LeaderDeclaration declaration_from_row(const soci::row& row) {
  LeaderDeclaration d;
  d.id = row_int(row, 0);
  d.round_id = row_int(row, 1);
  d.enterprise_id = row_int(row, 2);
  d.enterprise_name = row_str(row, 3);
  d.region_path = row_str(row, 4);
  d.region_code = row_str(row, 5);
  d.product_name = row_str(row, 6);
  d.standard_number = row_str(row, 7);
  d.result_code = row_str(row, 8);
  auto j = nlohmann::json::parse(row_str(row, 9), nullptr, false);
  if (j.is_array())
    for (const auto& x : j) d.values.push_back(x.is_string() ? x.get<std::string>() : "");
  d.status = row_str(row, 10);
  d.level = row_str(row, 11);
  d.overall_tier = static_cast<int>(row_int(row, 12));
  d.tiers = row_str(row, 13);
  d.reason = row_str(row, 14);
  d.commitment_hash = row_str(row, 15);
  d.commitment_name = row_str(row, 16);
  d.commitment_at = row_int(row, 17);
  d.version = static_cast<int>(row_int(row, 18));
  d.created_at = row_int(row, 19);
  d.updated_at = row_int(row, 20);
  return d;
}
}  // namespace

long long insert_leader_plan(Tx& tx, const LeaderPlan& p, const std::string& search_text) {
  long long id = 0;
  std::string cuts = cuts_text(p.rule.cuts);
  tx.sql << kInsertPlan, soci::use(p.plan_number), soci::use(p.status), soci::use(p.product),
      soci::use(p.industry_code), soci::use(p.author_id), soci::use(p.evaluator),
      soci::use(p.joint_evaluators), soci::use(p.basis_standard), soci::use(p.region_code),
      soci::use(p.summary), soci::use(cuts), soci::use(p.rule.leader_tiers),
      soci::use(p.rule.follower_tiers), soci::use(p.notice_start), soci::use(p.notice_end),
      soci::use(p.last_reason), soci::use(search_text), soci::use(p.version),
      soci::use(p.published_at), soci::use(p.created_at), soci::use(p.updated_at), soci::into(id);
  return id;
}

bool update_leader_plan(Tx& tx, const LeaderPlan& p, const std::string& search_text,
                        int expected_version) {
  std::string cuts = cuts_text(p.rule.cuts);
  soci::statement st =
      (tx.sql.prepare << kUpdatePlan, soci::use(p.plan_number), soci::use(p.status),
       soci::use(p.product), soci::use(p.industry_code), soci::use(p.evaluator),
       soci::use(p.joint_evaluators), soci::use(p.basis_standard), soci::use(p.summary),
       soci::use(cuts), soci::use(p.rule.leader_tiers), soci::use(p.rule.follower_tiers),
       soci::use(p.notice_start), soci::use(p.notice_end), soci::use(p.last_reason),
       soci::use(search_text), soci::use(p.version), soci::use(p.published_at),
       soci::use(p.updated_at), soci::use(p.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void replace_leader_indicators(Tx& tx, long long plan_id,
                               const std::vector<LeaderIndicator>& indicators) {
  tx.sql << kDeleteIndicators, soci::use(plan_id);
  int pos = 0;
  for (const auto& i : indicators) {
    tx.sql << kInsertIndicator, soci::use(plan_id), soci::use(pos), soci::use(i.name),
        soci::use(i.unit), soci::use(i.direction), soci::use(i.baseline),
        soci::use(i.baseline_source), soci::use(i.notes);
    ++pos;
  }
}

std::optional<LeaderPlan> find_leader_plan(Tx& tx, const LeaderPlanVisibility& v, long long id) {
  int allv = v.everything;
  soci::row row;
  tx.sql << kFindPlan, soci::use(id), soci::use(allv), soci::use(v.author_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  LeaderPlan p = plan_from_row(row);
  load_indicators(tx, p);
  return p;
}

PageResult<LeaderPlan> list_leader_plans(Tx& tx, const LeaderPlanVisibility& v,
                                         const std::string& q, const std::string& status,
                                         const Page& page) {
  PageResult<LeaderPlan> out;
  int allv = v.everything;
  std::string pattern = like_contains(q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountPlans, soci::use(allv), soci::use(v.author_id), soci::use(q), soci::use(pattern),
      soci::use(status), soci::use(status), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListPlans, soci::use(allv), soci::use(v.author_id), soci::use(q),
       soci::use(pattern), soci::use(status), soci::use(status), soci::use(limit),
       soci::use(offset));
  for (const auto& r : rows) out.items.push_back(plan_from_row(r));
  for (auto& p : out.items) load_indicators(tx, p);
  return out;
}

long long insert_leader_objection(Tx& tx, const LeaderObjection& o) {
  long long id = 0;
  tx.sql << kInsertObjection, soci::use(o.plan_id), soci::use(o.user_id), soci::use(o.user_name),
      soci::use(o.text), soci::use(o.created_at), soci::into(id);
  return id;
}

bool answer_leader_objection(Tx& tx, long long plan_id, long long objection_id,
                             const std::string& answer, long long at) {
  soci::statement st = (tx.sql.prepare << kAnswerObjection, soci::use(answer), soci::use(at),
                        soci::use(objection_id), soci::use(plan_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<LeaderObjection> list_leader_objections(Tx& tx, long long plan_id) {
  std::vector<LeaderObjection> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kObjections, soci::use(plan_id));
  for (const auto& r : rows)
    out.push_back({.id = row_int(r, 0),
                   .user_id = row_int(r, 2),
                   .user_name = row_str(r, 3),
                   .text = row_str(r, 4),
                   .created_at = row_int(r, 5),
                   .answer = row_str(r, 6),
                   .answered_at = row_int(r, 7),
                   .plan_id = row_int(r, 1)});
  return out;
}

long long insert_leader_round(Tx& tx, const LeaderRound& r) {
  long long id = 0;
  tx.sql << kInsertRound, soci::use(r.plan_id), soci::use(r.round_no), soci::use(r.title),
      soci::use(r.status), soci::use(r.notice_start), soci::use(r.notice_end), soci::use(r.ranking),
      soci::use(r.version), soci::use(r.published_at), soci::use(r.created_at),
      soci::use(r.updated_at), soci::into(id);
  return id;
}

bool update_leader_round(Tx& tx, const LeaderRound& r, int expected_version) {
  soci::statement st = (tx.sql.prepare << kUpdateRound, soci::use(r.title), soci::use(r.status),
                        soci::use(r.notice_start), soci::use(r.notice_end), soci::use(r.ranking),
                        soci::use(r.version), soci::use(r.published_at), soci::use(r.updated_at),
                        soci::use(r.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<LeaderRound> find_leader_round(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kFindRound, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return round_from_row(row);
}

std::vector<LeaderRound> list_leader_rounds(Tx& tx, long long plan_id) {
  std::vector<LeaderRound> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kRounds, soci::use(plan_id));
  for (const auto& r : rows) out.push_back(round_from_row(r));
  return out;
}

long long insert_leader_declaration(Tx& tx, const LeaderDeclaration& d,
                                    const std::string& search_text) {
  long long id = 0;
  std::string vals = values_json(d.values);
  tx.sql << kInsertDeclaration, soci::use(d.round_id), soci::use(d.enterprise_id),
      soci::use(d.enterprise_name), soci::use(d.region_path), soci::use(d.region_code),
      soci::use(d.product_name), soci::use(d.standard_number), soci::use(d.result_code),
      soci::use(vals), soci::use(d.status), soci::use(d.level), soci::use(d.overall_tier),
      soci::use(d.tiers), soci::use(d.reason), soci::use(d.commitment_hash),
      soci::use(d.commitment_name), soci::use(d.commitment_at), soci::use(search_text),
      soci::use(d.version), soci::use(d.created_at), soci::use(d.updated_at), soci::into(id);
  return id;
}

bool update_leader_declaration(Tx& tx, const LeaderDeclaration& d, int expected_version) {
  std::string vals = values_json(d.values);
  soci::statement st =
      (tx.sql.prepare << kUpdateDeclaration, soci::use(d.product_name),
       soci::use(d.standard_number), soci::use(d.result_code), soci::use(vals), soci::use(d.status),
       soci::use(d.level), soci::use(d.overall_tier), soci::use(d.tiers), soci::use(d.reason),
       soci::use(d.commitment_hash), soci::use(d.commitment_name), soci::use(d.commitment_at),
       soci::use(d.version), soci::use(d.updated_at), soci::use(d.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<LeaderDeclaration> find_leader_declaration(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kFindDeclaration, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return declaration_from_row(row);
}

PageResult<LeaderDeclaration> list_leader_declarations(Tx& tx, const Scope& scope,
                                                       long long round_id, const Page& page) {
  PageResult<LeaderDeclaration> out;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountDeclarations, soci::use(round_id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kListDeclarations, soci::use(round_id), soci::use(scope.lo),
       soci::use(scope.hi), soci::use(scope.enterprise_id), soci::use(scope.enterprise_id),
       soci::use(limit), soci::use(offset));
  for (const auto& r : rows) out.items.push_back(declaration_from_row(r));
  return out;
}

std::vector<LeaderDeclaration> all_leader_declarations(Tx& tx, long long round_id) {
  std::vector<LeaderDeclaration> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kAllDeclarations, soci::use(round_id));
  for (const auto& r : rows) out.push_back(declaration_from_row(r));
  return out;
}

PageResult<ListedEntry> list_listed_entries(Tx& tx, const std::string& q, const std::string& level,
                                            long long round_id, const Page& page) {
  PageResult<ListedEntry> out;
  std::string pattern = like_contains(q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCountListed, soci::use(q), soci::use(pattern), soci::use(level), soci::use(level),
      soci::use(round_id), soci::use(round_id), soci::into(out.total);
  soci::rowset<soci::row> rows = (tx.sql.prepare << kListListed, soci::use(q), soci::use(pattern),
                                  soci::use(level), soci::use(level), soci::use(round_id),
                                  soci::use(round_id), soci::use(limit), soci::use(offset));
  for (const auto& r : rows) {
    ListedEntry e;
    e.declaration = declaration_from_row(r);
    e.plan_id = row_int(r, 21);
    e.plan_number = row_str(r, 22);
    e.product = row_str(r, 23);
    e.evaluator = row_str(r, 24);
    e.round_no = static_cast<int>(row_int(r, 25));
    e.round_title = row_str(r, 26);
    e.published_at = row_int(r, 27);
    out.items.push_back(std::move(e));
  }
  return out;
}

}  // namespace duibiao
