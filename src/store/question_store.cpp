#include "store/question_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO questions (enterprise_id, region_code, region_path, asker_id, asker_name, "
    "target, title, body, status, version, created_at, updated_at) VALUES (:e, :rc, :p, :a, :an, "
    ":t, :ti, :b, :st, 1, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE questions SET status = :st, assignee_id = :aid, assignee_name = :an, assignee_role = "
    ":ar, assigned_at = :at, answer = :ans, answered_by = :ab, answered_by_name = :abn, "
    "answered_at = :aa, faq = :faq, faq_question = :fq, faq_answer = :fa, faq_at = :ft, "
    "search_text = :s, updated_at = :u, version = version + 1 WHERE id = :id AND version = :v";
#define QUESTION_COLUMNS                                                                         \
  "q.id, q.enterprise_id, e.name, q.region_code, g.name, q.region_path, q.asker_id, "            \
  "q.asker_name, q.target, q.title, q.body, q.status, q.assignee_id, q.assignee_name, "          \
  "q.assignee_role, q.assigned_at, q.answer, q.answered_by, q.answered_by_name, q.answered_at, " \
  "q.faq, q.faq_question, q.faq_answer, q.faq_at, q.version, q.created_at, q.updated_at "
#define QUESTION_FROM                                                                          \
  " FROM questions q JOIN enterprises e ON e.id = q.enterprise_id JOIN regions g ON g.code = " \
  "q.region_code "
// :eid, :lo, :hi, :aid
#define QUESTION_VISIBLE                                                           \
  " (q.enterprise_id = :eid OR (q.region_path >= :lo AND q.region_path < :hi) OR " \
  "q.assignee_id = :aid) "
// :st1, :st2, :q1, :qp
#define QUESTION_FILTER \
  " AND (:st1 = '' OR q.status = :st2) AND (:q1 = '' OR q.title LIKE :qp ESCAPE '\\') "
constexpr std::string_view kFind =
    "SELECT " QUESTION_COLUMNS QUESTION_FROM "WHERE q.id = :id AND" QUESTION_VISIBLE;
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM questions q WHERE" QUESTION_VISIBLE QUESTION_FILTER;
constexpr std::string_view kList =
    "SELECT " QUESTION_COLUMNS QUESTION_FROM "WHERE" QUESTION_VISIBLE QUESTION_FILTER
    "ORDER BY CASE q.status WHEN 'open' THEN 0 WHEN 'assigned' THEN 1 ELSE 2 END, q.created_at "
    "DESC, q.id DESC LIMIT :limit OFFSET :off";
#define FAQ_TEXT_LIKE " AND (:q1 = '' OR q.search_text LIKE :qp ESCAPE '\\') "
#define FAQ_TEXT_FTS \
  " AND (:q1 <> '' AND q.id IN (SELECT rowid FROM questions_fts WHERE questions_fts MATCH :qp)) "
constexpr std::string_view kFaqCountLike =
    "SELECT COUNT(*) FROM questions q WHERE q.faq = 1" FAQ_TEXT_LIKE;
constexpr std::string_view kFaqCountFts =
    "SELECT COUNT(*) FROM questions q WHERE q.faq = 1" FAQ_TEXT_FTS;
constexpr std::string_view kFaqListLike =
    "SELECT " QUESTION_COLUMNS QUESTION_FROM "WHERE q.faq = 1" FAQ_TEXT_LIKE
    "ORDER BY q.faq_at DESC, q.id DESC LIMIT :limit OFFSET :off";
constexpr std::string_view kFaqListFts =
    "SELECT " QUESTION_COLUMNS QUESTION_FROM "WHERE q.faq = 1" FAQ_TEXT_FTS
    "ORDER BY q.faq_at DESC, q.id DESC LIMIT :limit OFFSET :off";
constexpr std::string_view kFaqFind =
    "SELECT " QUESTION_COLUMNS QUESTION_FROM "WHERE q.id = :id AND q.faq = 1";
constexpr std::string_view kAssignees =
    "SELECT id, display_name, role FROM users WHERE role IN ('technical_body', 'expert') AND "
    "disabled = 0 ORDER BY display_name, id LIMIT 500";
constexpr std::string_view kAssignee =
    "SELECT id, display_name, role FROM users WHERE id = :id AND role IN ('technical_body', "
    "'expert') AND disabled = 0";
constexpr std::string_view kOfficeUsers =
    "SELECT id FROM users WHERE region_code = :rc AND role IN ('county_regulator', "
    "'city_regulator', 'province_regulator') AND disabled = 0";

Question from_row(const soci::row& row) {
  Question q;
  q.id = row_int(row, 0);
  q.enterprise_id = row_int(row, 1);
  q.enterprise_name = row_str(row, 2);
  q.region_code = row_str(row, 3);
  q.region_name = row_str(row, 4);
  q.region_path = row_str(row, 5);
  q.asker_id = row_int(row, 6);
  q.asker_name = row_str(row, 7);
  q.target = row_str(row, 8);
  q.title = row_str(row, 9);
  q.body = row_str(row, 10);
  q.status = row_str(row, 11);
  q.assignee_id = row_int(row, 12);
  q.assignee_name = row_str(row, 13);
  q.assignee_role = row_str(row, 14);
  q.assigned_at = row_int(row, 15);
  q.answer = row_str(row, 16);
  q.answered_by = row_int(row, 17);
  q.answered_by_name = row_str(row, 18);
  q.answered_at = row_int(row, 19);
  q.faq = row_int(row, 20) != 0;
  q.faq_question = row_str(row, 21);
  q.faq_answer = row_str(row, 22);
  q.faq_at = row_int(row, 23);
  q.version = static_cast<int>(row_int(row, 24));
  q.created_at = row_int(row, 25);
  q.updated_at = row_int(row, 26);
  return q;
}
}  // namespace

long long insert_question(Tx& tx, const Question& q) {
  long long id = 0;
  tx.sql << kInsert, soci::use(q.enterprise_id), soci::use(q.region_code), soci::use(q.region_path),
      soci::use(q.asker_id), soci::use(q.asker_name), soci::use(q.target), soci::use(q.title),
      soci::use(q.body), soci::use(q.status), soci::use(q.created_at), soci::use(q.updated_at),
      soci::into(id);
  return id;
}

bool update_question(Tx& tx, const Question& q, int expected_version, const std::string& search) {
  int faq = q.faq ? 1 : 0;
  soci::statement st =
      (tx.sql.prepare << kUpdate, soci::use(q.status), soci::use(q.assignee_id),
       soci::use(q.assignee_name), soci::use(q.assignee_role), soci::use(q.assigned_at),
       soci::use(q.answer), soci::use(q.answered_by), soci::use(q.answered_by_name),
       soci::use(q.answered_at), soci::use(faq), soci::use(q.faq_question), soci::use(q.faq_answer),
       soci::use(q.faq_at), soci::use(search), soci::use(q.updated_at), soci::use(q.id),
       soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<Question> find_question(Tx& tx, const QuestionViewer& v, long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(v.enterprise_id), soci::use(v.lo), soci::use(v.hi),
      soci::use(v.assignee_id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

PageResult<Question> list_questions(Tx& tx, const QuestionViewer& v, const QuestionFilter& f,
                                    const Page& page) {
  PageResult<Question> out;
  std::string pattern = like_contains(f.q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(v.enterprise_id), soci::use(v.lo), soci::use(v.hi),
      soci::use(v.assignee_id), soci::use(f.status), soci::use(f.status), soci::use(f.q),
      soci::use(pattern), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(v.enterprise_id), soci::use(v.lo), soci::use(v.hi),
       soci::use(v.assignee_id), soci::use(f.status), soci::use(f.status), soci::use(f.q),
       soci::use(pattern), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

PageResult<Question> list_faq(Tx& tx, const std::string& q, const Page& page) {
  PageResult<Question> out;
  bool fts = tx.kind == DbKind::kSqlite && use_fts(q);
  std::string pattern = fts ? fts_phrase(q) : like_contains(q);
  int limit = page.page_size, offset = page.offset();
  tx.sql << (fts ? kFaqCountFts : kFaqCountLike), soci::use(q), soci::use(pattern),
      soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << (fts ? kFaqListFts : kFaqListLike), soci::use(q), soci::use(pattern),
       soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

std::optional<Question> find_faq(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kFaqFind, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

std::vector<Assignee> list_assignees(Tx& tx) {
  std::vector<Assignee> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kAssignees);
  for (const auto& row : rows) out.push_back({row_int(row, 0), row_str(row, 1), row_str(row, 2)});
  return out;
}

std::optional<Assignee> find_assignee(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kAssignee, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return Assignee{row_int(row, 0), row_str(row, 1), row_str(row, 2)};
}

std::vector<long long> region_office_user_ids(Tx& tx, const std::string& region_code) {
  std::vector<long long> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kOfficeUsers, soci::use(region_code));
  for (const auto& row : rows) out.push_back(row_int(row, 0));
  return out;
}

}  // namespace duibiao
