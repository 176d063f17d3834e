#include "domain/question.h"

#include "domain/text.h"

namespace duibiao {

bool is_question_target(std::string_view t) {
  return t == "regulator" || t == "technical_body" || t == "expert";
}

const char* question_target_label(std::string_view t) {
  if (t == "regulator") return "监管部门";
  if (t == "technical_body") return "技术机构";
  if (t == "expert") return "专家";
  return "";
}

const char* question_status_label(std::string_view s) {
  if (s == "open") return "待分派";
  if (s == "assigned") return "待答复";
  if (s == "answered") return "已答复";
  return "";
}

std::map<std::string, std::string> validate_question(Question& q) {
  std::map<std::string, std::string> f;
  q.title = std::string(trim(q.title));
  q.body = std::string(trim(q.body));
  if (q.title.empty())
    f["title"] = "请填写问题标题";
  else if (utf8_length(q.title) > kMaxQuestionTitleChars)
    f["title"] = "标题最多200个字";
  if (q.body.empty())
    f["body"] = "请描述问题";
  else if (utf8_length(q.body) > kMaxQuestionBodyChars)
    f["body"] = "问题描述最多5000个字";
  if (!is_question_target(q.target))
    f["target"] = "提问对象应为 regulator（监管部门）、technical_body（技术机构）或 expert（专家）";
  return f;
}

long long answer_seconds(const Question& q) {
  if (q.answered_at == 0) return -1;
  return q.answered_at > q.created_at ? q.answered_at - q.created_at : 0;
}

std::string duration_label_zh(long long s) {
  if (s < 0) return "";
  if (s < 60) return "不到1分钟";
  long long d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;
  if (d > 0) return std::to_string(d) + "天" + (h ? std::to_string(h) + "小时" : "");
  if (h > 0) return std::to_string(h) + "小时" + (m ? std::to_string(m) + "分钟" : "");
  return std::to_string(m) + "分钟";
}

std::string faq_search_text(const Question& q) {
  if (!q.faq) return "";
  return to_lower_ascii(q.faq_question + " " + q.faq_answer);
}

}  // namespace duibiao
