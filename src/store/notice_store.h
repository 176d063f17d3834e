#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/models.h"
#include "domain/notice.h"
#include "store/database.h"

namespace duibiao {

// Who reads notices: a published notice is visible when it is public, when `everything` (the
// national office, administrators), or when one of the viewer's ancestor paths (its own path
// included) is the notice's region path and the audience is the subtree, or offices and the
// viewer is an office. `own_region` (an office's own region code, "" for others) also sees its
// office's drafts and withdrawn notices. Anonymous viewers: public only (no ancestors).
struct NoticeViewer {
  bool everything = false;
  bool office = false;
  std::vector<std::string> ancestors;  // at most 6, root first
  std::string own_region;
  long long user_id = 0;
};

struct NoticeFilter {
  std::string q;       // lower-cased text
  std::string status;  // "" or one status
  bool mine = false;   // the viewer's office's own notices only
  bool public_only = false;
};

long long insert_notice(Tx& tx, const Notice& n, const std::string& search_text);
// false when the version is stale (nothing written).
bool update_notice(Tx& tx, const Notice& n, int expected_version, const std::string& search_text);
bool delete_draft_notice(Tx& tx, long long id, int expected_version);
std::optional<Notice> find_notice(Tx& tx, const NoticeViewer& v, long long id);
PageResult<Notice> list_notices(Tx& tx, const NoticeViewer& v, const NoticeFilter& f,
                                const Page& page);
// Published notices the viewer may see, not its office's own, without a read receipt.
long long count_unread_notices(Tx& tx, const NoticeViewer& v);

std::vector<NoticeAttachment> list_notice_attachments(Tx& tx, long long notice_id);
long long insert_notice_attachment(Tx& tx, const NoticeAttachment& a);
bool delete_notice_attachment(Tx& tx, long long notice_id, long long attachment_id);

// Records that the user read the notice (once; later reads keep the first time).
void insert_notice_read(Tx& tx, long long notice_id, long long user_id,
                        const std::string& region_path, long long at);
// (reader region path, readers) of a notice.
std::vector<std::pair<std::string, long long>> notice_readers_by_path(Tx& tx, long long notice_id);
// (user region path, active users) in [lo, hi); offices_only counts regulators only.
std::vector<std::pair<std::string, long long>> audience_by_path(Tx& tx, const std::string& lo,
                                                                const std::string& hi,
                                                                bool offices_only);

}  // namespace duibiao
