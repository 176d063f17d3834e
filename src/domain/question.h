#pragma once

#include <map>
#include <string>
#include <string_view>

namespace duibiao {

// 互动交流: an enterprise asks its regulator (the office of its own region), a technical body or an
// expert. The office assigns (and reassigns) it, someone answers; the office may publish an
// answered question as an FAQ entry, with text it may edit and never the asker's identity.
inline constexpr size_t kMaxQuestionTitleChars = 200;
inline constexpr size_t kMaxQuestionBodyChars = 5000;
inline constexpr size_t kMaxAnswerChars = 10000;

struct Question {
  long long id = 0;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::string region_name;
  std::string region_path;
  long long asker_id = 0;
  std::string asker_name;
  std::string target;  // regulator, technical_body, expert
  std::string title;
  std::string body;
  std::string status;  // open, assigned, answered
  long long assignee_id = 0;
  std::string assignee_name;
  std::string assignee_role;
  long long assigned_at = 0;
  std::string answer;
  long long answered_by = 0;
  std::string answered_by_name;
  long long answered_at = 0;
  bool faq = false;
  std::string faq_question;
  std::string faq_answer;
  long long faq_at = 0;
  int version = 1;
  long long created_at = 0;
  long long updated_at = 0;
};

bool is_question_target(std::string_view t);
const char* question_target_label(std::string_view t);
const char* question_status_label(std::string_view s);
std::map<std::string, std::string> validate_question(Question& q);
// Seconds from asking to answering; -1 while unanswered.
long long answer_seconds(const Question& q);
// "2天3小时", "45分钟", "不到1分钟".
std::string duration_label_zh(long long seconds);
// The FAQ text the index holds (only once published).
std::string faq_search_text(const Question& q);

}  // namespace duibiao
