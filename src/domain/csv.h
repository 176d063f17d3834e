#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// Parses RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF). Blank lines are skipped.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace duibiao
