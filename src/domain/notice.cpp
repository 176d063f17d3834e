#include "domain/notice.h"

#include "domain/text.h"

namespace duibiao {

bool is_notice_audience(std::string_view a) {
  return a == "public" || a == "subtree" || a == "offices";
}

const char* notice_audience_label(std::string_view a) {
  if (a == "public") return "向社会公开";
  if (a == "subtree") return "本辖区（含企业）";
  if (a == "offices") return "本辖区监管部门";
  return "";
}

const char* notice_status_label(std::string_view s) {
  if (s == "draft") return "草稿";
  if (s == "published") return "已发布";
  if (s == "withdrawn") return "已撤回";
  return "";
}

std::map<std::string, std::string> validate_notice(Notice& n) {
  std::map<std::string, std::string> f;
  n.title = std::string(trim(n.title));
  n.body = std::string(trim(n.body));
  if (n.title.empty())
    f["title"] = "请填写标题";
  else if (utf8_length(n.title) > kMaxNoticeTitleChars)
    f["title"] = "标题最多200个字";
  if (n.body.empty())
    f["body"] = "请填写正文";
  else if (utf8_length(n.body) > kMaxNoticeBodyChars)
    f["body"] = "正文最多20000个字";
  if (!is_notice_audience(n.audience))
    f["audience"] =
        "发布范围应为 public（向社会公开）、subtree（本辖区）或 offices（本辖区监管部门）";
  return f;
}

std::string notice_search_text(const Notice& n) {
  return to_lower_ascii(n.title + " " + n.body + " " + n.office_name);
}

std::string child_code_under(std::string_view author_path, std::string_view reader_path) {
  if (reader_path.size() <= author_path.size() || !reader_path.starts_with(author_path)) return "";
  std::string_view rest = reader_path.substr(author_path.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return "";
  return std::string(rest.substr(0, slash));
}

}  // namespace duibiao
