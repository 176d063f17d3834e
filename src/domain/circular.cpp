#include "domain/circular.h"

#include <set>

#include "domain/text.h"

namespace duibiao {

bool is_circular_source(std::string_view s) {
  return s.empty() || s == "overdue" || s == "ranking";
}

std::map<std::string, std::string> validate_circular(Circular& c, std::vector<std::string>& codes) {
  std::map<std::string, std::string> f;
  c.title = std::string(trim(c.title));
  c.body = std::string(trim(c.body));
  if (c.title.empty())
    f["title"] = "请填写通报标题";
  else if (utf8_length(c.title) > kMaxCircularTitleChars)
    f["title"] = "标题最多200个字";
  if (c.body.empty())
    f["body"] = "请填写通报正文";
  else if (utf8_length(c.body) > kMaxCircularBodyChars)
    f["body"] = "正文最多20000个字";
  if (!is_circular_source(c.source)) f["source"] = "source 应为空、overdue 或 ranking";
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    std::string code(trim(codes[i]));
    bool ok = code.size() >= 6 && code.size() <= 12 &&
              code.find_first_not_of("0123456789Z") == std::string::npos;
    if (!ok) {
      f["recipients[" + std::to_string(i) + "]"] =
          "应为行政区划代码（六位数字，功能区如 330200Z01）";
      continue;
    }
    if (seen.insert(code).second) out.push_back(code);
  }
  if (codes.size() > kMaxCircularRecipients) f["recipients"] = "一次最多通报500个地区";
  codes = std::move(out);
  return f;
}

std::string circular_table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string out;
  for (size_t i = 0; i < rows.size(); ++i)
    out += std::to_string(i + 1) + ". " + rows[i].first + "：" + rows[i].second + "\n";
  return out;
}

}  // namespace duibiao
