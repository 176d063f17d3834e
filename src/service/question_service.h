#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "domain/question.h"
#include "service/app.h"
#include "store/question_store.h"

namespace duibiao {

// 互动交流. Who may do what:
// - ask: enterprise users, about their own enterprise; the question goes to the office of the
//   enterprise's region (its regulator), whatever target the enterprise names;
// - read: the enterprise its own questions; regulators the questions of their subtree; technical
//   bodies and experts those assigned to them; the national office and administrators all;
// - assign / reassign (to a technical body or an expert, or back to the office with assignee 0)
//   and publish as FAQ: the office of the question's region, or the national office;
// - answer: that office or the current assignee, once (an answered question is fixed);
// - the public FAQ shows the edited question and answer, the target and the time to answer, never
//   the enterprise, the asker or the region.

struct QuestionInput {
  std::string title;
  std::string body;
  std::string target;
};

struct QuestionView {
  Question question;
  bool can_assign = false;
  bool can_answer = false;
  bool can_publish = false;
};

Result<PageResult<QuestionView>> list_questions_for(App& app, const Caller& caller,
                                                    QuestionFilter f, const Page& page);
Result<QuestionView> get_question_for(App& app, const Caller& caller, long long id);
Result<QuestionView> ask_question(App& app, const Caller& caller, const QuestionInput& in);
Result<QuestionView> assign_question(App& app, const Caller& caller, long long id, int version,
                                     long long assignee_id);
Result<QuestionView> answer_question(App& app, const Caller& caller, long long id, int version,
                                     const std::string& answer);
struct FaqInput {
  bool publish = true;
  std::optional<std::string> question;  // the FAQ text; default: title and body
  std::optional<std::string> answer;    // default: the answer
};
Result<QuestionView> set_question_faq(App& app, const Caller& caller, long long id, int version,
                                      const FaqInput& in);
Result<std::vector<Assignee>> question_assignees(App& app, const Caller& caller);

Result<PageResult<Question>> public_faq(App& app, const std::string& q, const Page& page);
Result<Question> public_faq_entry(App& app, long long id);

}  // namespace duibiao
