#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

std::string_view trim(std::string_view s);
std::string to_upper_ascii(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Number of code points; invalid UTF-8 bytes count one each.
size_t utf8_length(std::string_view s);
bool is_valid_utf8(std::string_view s);
// Bytes of the UTF-8 sequence starting at s[i] (1 to 4), or 0 when it is not a valid one.
size_t utf8_sequence_length(std::string_view s, size_t i);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// ISO 8601 UTC, second precision: 2026-11-22T14:35:00Z.
std::string format_time_utc(long long unix_seconds);
long long now_unix();
// A real calendar date written YYYY-MM-DD (no 2026-02-30; leap years counted).
bool is_iso_date(std::string_view s);

}  // namespace duibiao
