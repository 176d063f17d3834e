#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// One search box across the platform (资讯查询): the kinds of what it finds, in the order the
// answer groups them.
inline constexpr size_t kMaxSearchQueryChars = 100;
inline constexpr int kSearchGroupSize = 5;

struct SearchHit {
  std::string kind;  // standard, plan, result, notice, faq, directory
  long long id = 0;
  std::string key;  // a public number when the kind has one (plan number, result code)
  std::string title;
  std::string subtitle;
};

struct SearchGroup {
  std::string kind;
  std::string label;
  long long total = 0;
  std::vector<SearchHit> items;
};

const std::vector<std::string>& search_kinds();
const char* search_kind_label(std::string_view kind);
// "" when the query is fine; else the message for field q (empty, too long).
std::string check_search_query(std::string_view q);

}  // namespace duibiao
