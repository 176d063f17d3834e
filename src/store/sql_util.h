#pragma once

#include <string>
#include <string_view>

namespace duibiao {

// A LIKE pattern matching values that contain `text`, with %, _ and \ escaped (ESCAPE '\').
inline std::string like_contains(std::string_view text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  p.push_back('%');
  return p;
}

}  // namespace duibiao
