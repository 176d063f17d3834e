#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// 信息发布 (seed 001 §五(七)): a notice of an office to its subtree, to the offices of its subtree,
// or to the public. Published notices are read-only; a withdrawn one is no longer shown.
inline constexpr size_t kMaxNoticeTitleChars = 200;
inline constexpr size_t kMaxNoticeBodyChars = 20000;
inline constexpr size_t kMaxNoticeAttachments = 10;

struct NoticeAttachment {
  long long id = 0;
  long long notice_id = 0;
  std::string hash;
  std::string name;
  long long size = 0;
  std::string content_type;
  long long uploaded_by = 0;
  long long created_at = 0;
};

struct Notice {
  long long id = 0;
  std::string region_code;  // the office's region (000000 for the national office)
  std::string region_path;
  std::string office_name;  // 宁波市市场监督管理局 …
  long long author_id = 0;
  std::string author_name;
  std::string audience;  // public, subtree, offices
  std::string title;
  std::string body;
  std::string status;  // draft, published, withdrawn
  int version = 1;
  long long published_at = 0;
  long long withdrawn_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
  std::vector<NoticeAttachment> attachments;
  bool read = false;  // by the caller
};

bool is_notice_audience(std::string_view a);
const char* notice_audience_label(std::string_view a);
const char* notice_status_label(std::string_view s);
// Field messages for a notice's title, body and audience (trimmed in place).
std::map<std::string, std::string> validate_notice(Notice& n);
// The text the full-text index holds (title and body, ASCII lower-cased).
std::string notice_search_text(const Notice& n);

// The child of `author_path` that `reader_path` lies in ("/330000/330200/330203/" under
// "/330000/" → "330200"); "" when the reader is at the author's own region or outside.
std::string child_code_under(std::string_view author_path, std::string_view reader_path);

}  // namespace duibiao
