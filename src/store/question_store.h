#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/models.h"
#include "domain/question.h"
#include "store/database.h"

namespace duibiao {

// Who reads questions: an enterprise its own (enterprise_id), a regulator the questions of its
// subtree (region path range), a technical body or an expert those assigned to it (assignee_id),
// the national office and administrators all (the full range). Unused parts are bound so that
// they match nothing.
struct QuestionViewer {
  long long enterprise_id = -1;
  std::string lo = "~";
  std::string hi = "~";
  long long assignee_id = -1;
};

struct QuestionFilter {
  std::string status;  // "" or one status
  std::string q;       // fragment of the title (LIKE)
};

long long insert_question(Tx& tx, const Question& q);
// Writes the mutable columns (status, assignment, answer, FAQ) when the version matches.
bool update_question(Tx& tx, const Question& q, int expected_version, const std::string& search);
std::optional<Question> find_question(Tx& tx, const QuestionViewer& v, long long id);
PageResult<Question> list_questions(Tx& tx, const QuestionViewer& v, const QuestionFilter& f,
                                    const Page& page);
// The public FAQ: published entries only, optional text (lower-cased) over the FAQ text.
PageResult<Question> list_faq(Tx& tx, const std::string& q, const Page& page);
std::optional<Question> find_faq(Tx& tx, long long id);

struct Assignee {
  long long id = 0;
  std::string display_name;
  std::string role;
};
// Active technical bodies and experts, by name (at most 500).
std::vector<Assignee> list_assignees(Tx& tx);
std::optional<Assignee> find_assignee(Tx& tx, long long id);
// Active regulator users of one region (the office a question is addressed to).
std::vector<long long> region_office_user_ids(Tx& tx, const std::string& region_code);

}  // namespace duibiao
