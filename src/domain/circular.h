#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// 情况通报: a circular of an office to child regions of its own; each addressed region's office
// confirms receipt. Drafts are edited; a sent circular is fixed.
inline constexpr size_t kMaxCircularTitleChars = 200;
inline constexpr size_t kMaxCircularBodyChars = 20000;
inline constexpr size_t kMaxCircularRecipients = 500;

struct CircularRecipient {
  std::string region_code;
  std::string region_name;
  std::string region_path;
  long long confirmed_at = 0;
  long long confirmed_by = 0;
  std::string confirmed_by_name;
};

struct Circular {
  long long id = 0;
  std::string region_code;
  std::string region_path;
  std::string office_name;
  long long author_id = 0;
  std::string author_name;
  std::string title;
  std::string body;
  long long campaign_id = 0;
  std::string source;  // "", overdue, ranking
  std::string status;  // draft, sent
  int version = 1;
  long long sent_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
  std::vector<CircularRecipient> recipients;
};

bool is_circular_source(std::string_view s);
// Field messages for title and body (trimmed in place) and the recipient list (deduplicated in
// place; each must be a six-digit code).
std::map<std::string, std::string> validate_circular(Circular& c, std::vector<std::string>& codes);

// The body of a circular generated from campaign statistics. `rows` are (region name, figure
// text) lines in the order to print.
struct CircularDraft {
  std::string title;
  std::string body;
  std::vector<std::string> recipients;
};
std::string circular_table(const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace duibiao
