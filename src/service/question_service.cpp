#include "service/question_service.h"

#include <nlohmann/json.hpp>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "store/result_store.h"

namespace duibiao {
namespace {
constexpr const char* kNotFound = "问题不存在";
constexpr const char* kStale = "该问题已被他人处理，请刷新后重试";
constexpr const char* kOfficeOnly = "由企业所在地的监管部门分派和发布";

Result<QuestionViewer> viewer_of(const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  QuestionViewer v;
  switch (u.role) {
    case Role::kEnterprise:
      if (u.enterprise_id == 0) return fail(Error::forbidden("该账号未关联企业"));
      v.enterprise_id = u.enterprise_id;
      break;
    case Role::kCountyRegulator:
    case Role::kCityRegulator:
    case Role::kProvinceRegulator: {
      auto r = subtree_range(u.region_path);
      v.lo = r.lo;
      v.hi = r.hi;
      break;
    }
    case Role::kNationalOffice:
    case Role::kAdmin:
      v.lo = "/";
      v.hi = "/\x7f";
      break;
    case Role::kTechnicalBody:
    case Role::kExpert:
      v.assignee_id = u.id;
      break;
  }
  return v;
}

bool is_question_office(const User& u, const Question& q) {
  return u.role == Role::kNationalOffice ||
         (is_regulator(u.role) && u.region_code == q.region_code);
}

QuestionView make_view(const User& u, Question q) {
  QuestionView v;
  bool office = is_question_office(u, q);
  bool open = q.status != "answered";
  v.can_assign = office && open;
  v.can_answer = open && (office || (q.assignee_id != 0 && q.assignee_id == u.id));
  v.can_publish = office && q.status == "answered";
  v.question = std::move(q);
  return v;
}

std::string audit_json(const Question& q) {
  return nlohmann::json{{"status", q.status},
                        {"target", q.target},
                        {"assignee_id", q.assignee_id},
                        {"assignee_name", q.assignee_name},
                        {"answer_chars", utf8_length(q.answer)},
                        {"faq", q.faq},
                        {"version", q.version}}
      .dump();
}

Result<QuestionView> load(App& app, const Caller& caller, long long id) {
  auto v = viewer_of(caller);
  if (!v) return fail(v.error());
  std::optional<Question> q;
  app.db.read([&](Tx& tx) { q = find_question(tx, *v, id); });
  if (!q) return fail(Error::not_found(kNotFound));
  return make_view(*caller.user, std::move(*q));
}

void notify(Tx& tx, const std::vector<long long>& users, const std::string& kind,
            const std::string& text) {
  for (long long id : users) {
    Notification n;
    n.user_id = id;
    n.at = now_unix();
    n.kind = kind;
    n.text = text;
    insert_notification(tx, n);
  }
}

Result<std::string> checked_text(const std::optional<std::string>& v, const std::string& fallback,
                                 const char* field, size_t max, const char* label) {
  std::string s(trim(v ? *v : fallback));
  if (s.empty()) return fail(Error::field(field, std::string("请填写") + label));
  if (utf8_length(s) > max)
    return fail(Error::field(field, std::string(label) + "最多" + std::to_string(max) + "个字"));
  return s;
}
}  // namespace

Result<PageResult<QuestionView>> list_questions_for(App& app, const Caller& caller,
                                                    QuestionFilter f, const Page& page) {
  auto v = viewer_of(caller);
  if (!v) return fail(v.error());
  if (!f.status.empty() && f.status != "open" && f.status != "assigned" && f.status != "answered")
    return fail(Error::field("status", "状态应为 open、assigned 或 answered"));
  f.q = std::string(trim(f.q));
  PageResult<Question> rows;
  app.db.read([&](Tx& tx) { rows = list_questions(tx, *v, f, page); });
  PageResult<QuestionView> out;
  out.total = rows.total;
  for (auto& q : rows.items) out.items.push_back(make_view(*caller.user, std::move(q)));
  return out;
}

Result<QuestionView> get_question_for(App& app, const Caller& caller, long long id) {
  return load(app, caller, id);
}

Result<QuestionView> ask_question(App& app, const Caller& caller, const QuestionInput& in) {
  auto who = require_enterprise(caller, "只有企业用户可以提问");
  if (!who) return fail(who.error());
  const User& u = *who->first;
  Question q;
  q.title = in.title;
  q.body = in.body;
  q.target = in.target;
  auto fields = validate_question(q);
  if (!fields.empty()) return fail(Error::validation(fields));
  q.enterprise_id = u.enterprise_id;
  q.region_code = u.region_code;
  q.region_path = u.region_path;
  q.asker_id = u.id;
  q.asker_name = u.display_name;
  q.status = "open";
  q.created_at = q.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    q.id = insert_question(tx, q);
    record_audit(tx, caller, "create", "question", std::to_string(q.id), q.region_path,
                 q.enterprise_id, "企业提问 " + q.title, "", audit_json(q));
    notify(tx, region_office_user_ids(tx, q.region_code), "question_asked",
           "企业提出了新问题：" + q.title);
  });
  return load(app, caller, q.id);
}

Result<QuestionView> assign_question(App& app, const Caller& caller, long long id, int version,
                                     long long assignee_id) {
  auto v = load(app, caller, id);
  if (!v) return fail(v.error());
  if (!is_question_office(*caller.user, v->question)) return fail(Error::forbidden(kOfficeOnly));
  if (v->question.status == "answered") return fail(Error::conflict("该问题已答复，不能再分派"));
  Question q = v->question;
  if (assignee_id < 0)
    return fail(Error::field("assignee_id", "assignee_id 应为用户编号，0 表示收回由本部门答复"));
  std::optional<Assignee> a;
  if (assignee_id > 0) {
    app.db.read([&](Tx& tx) { a = find_assignee(tx, assignee_id); });
    if (!a) return fail(Error::field("assignee_id", "只能分派给在用的技术机构或专家账号"));
  }
  q.assignee_id = a ? a->id : 0;
  q.assignee_name = a ? a->display_name : "";
  q.assignee_role = a ? a->role : "";
  q.assigned_at = a ? now_unix() : 0;
  q.status = a ? "assigned" : "open";
  q.updated_at = now_unix();
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_question(tx, q, version, "");
    if (!ok) return;
    record_audit(tx, caller, a ? "assign" : "unassign", "question", std::to_string(id),
                 q.region_path, q.enterprise_id,
                 a ? "分派问题 " + q.title + " 给 " + a->display_name : "收回问题 " + q.title,
                 audit_json(v->question), audit_json(q));
    if (a) notify(tx, {a->id}, "question_assigned", "有问题分派给您答复：" + q.title);
  });
  if (!ok) return fail(Error::conflict(kStale));
  return load(app, caller, id);
}

Result<QuestionView> answer_question(App& app, const Caller& caller, long long id, int version,
                                     const std::string& answer) {
  auto v = load(app, caller, id);
  if (!v) return fail(v.error());
  if (v->question.status == "answered") return fail(Error::conflict("该问题已答复"));
  if (!v->can_answer)
    return fail(Error::forbidden("只有受理该问题的部门或被分派的技术机构、专家可以答复"));
  auto text = checked_text(answer, "", "answer", kMaxAnswerChars, "答复内容");
  if (!text) return fail(text.error());
  Question q = v->question;
  q.answer = *text;
  q.answered_by = caller.user->id;
  q.answered_by_name = caller.user->display_name;
  q.answered_at = now_unix();
  q.status = "answered";
  q.updated_at = q.answered_at;
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_question(tx, q, version, "");
    if (!ok) return;
    record_audit(tx, caller, "answer", "question", std::to_string(id), q.region_path,
                 q.enterprise_id, "答复问题 " + q.title, audit_json(v->question), audit_json(q));
    notify(tx, enterprise_user_ids(tx, q.enterprise_id), "question_answered",
           "您的问题已答复：" + q.title);
  });
  if (!ok) return fail(Error::conflict(kStale));
  return load(app, caller, id);
}

Result<QuestionView> set_question_faq(App& app, const Caller& caller, long long id, int version,
                                      const FaqInput& in) {
  auto v = load(app, caller, id);
  if (!v) return fail(v.error());
  if (!is_question_office(*caller.user, v->question)) return fail(Error::forbidden(kOfficeOnly));
  if (v->question.status != "answered")
    return fail(Error::conflict("只有已答复的问题可以发布为常见问题"));
  Question q = v->question;
  if (in.publish) {
    auto fq = checked_text(in.question, q.title + "\n" + q.body, "question", 5200, "问题");
    if (!fq) return fail(fq.error());
    auto fa = checked_text(in.answer, q.answer, "answer", kMaxAnswerChars, "答复");
    if (!fa) return fail(fa.error());
    q.faq = true;
    q.faq_question = *fq;
    q.faq_answer = *fa;
    q.faq_at = now_unix();
  } else {
    q.faq = false;
    q.faq_at = 0;
  }
  q.updated_at = now_unix();
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_question(tx, q, version, faq_search_text(q));
    if (ok)
      record_audit(tx, caller, in.publish ? "publish" : "unpublish", "question", std::to_string(id),
                   q.region_path, q.enterprise_id,
                   std::string(in.publish ? "发布常见问题 " : "撤下常见问题 ") + q.title,
                   audit_json(v->question), audit_json(q));
  });
  if (!ok) return fail(Error::conflict(kStale));
  return load(app, caller, id);
}

Result<std::vector<Assignee>> question_assignees(App& app, const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if (!is_regulator((*me)->role) && (*me)->role != Role::kNationalOffice)
    return fail(Error::forbidden(kOfficeOnly));
  std::vector<Assignee> out;
  app.db.read([&](Tx& tx) { out = list_assignees(tx); });
  return out;
}

Result<PageResult<Question>> public_faq(App& app, const std::string& q, const Page& page) {
  std::string text = to_lower_ascii(trim(q));
  if (utf8_length(text) > 100) return fail(Error::field("q", "查询内容最多100个字"));
  PageResult<Question> out;
  app.db.read([&](Tx& tx) { out = list_faq(tx, text, page); });
  return out;
}

Result<Question> public_faq_entry(App& app, long long id) {
  std::optional<Question> q;
  app.db.read([&](Tx& tx) { q = find_faq(tx, id); });
  if (!q) return fail(Error::not_found("常见问题不存在"));
  return *q;
}

}  // namespace duibiao
