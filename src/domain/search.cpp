#include "domain/search.h"

#include "domain/text.h"

namespace duibiao {

const std::vector<std::string>& search_kinds() {
  static const std::vector<std::string> kinds = {"standard", "plan", "result",
                                                 "notice",   "faq",  "directory"};
  return kinds;
}

const char* search_kind_label(std::string_view k) {
  if (k == "standard") return "标准";
  if (k == "plan") return "对标技术方案";
  if (k == "result") return "已发布对标结果";
  if (k == "notice") return "通知公告";
  if (k == "faq") return "常见问题";
  if (k == "directory") return "专家与机构";
  return "";
}

std::string check_search_query(std::string_view q) {
  q = trim(q);
  if (q.empty()) return "请输入要查找的内容";
  if (utf8_length(q) > kMaxSearchQueryChars) return "查询内容最多100个字";
  return "";
}

}  // namespace duibiao
