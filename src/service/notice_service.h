#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "domain/notice.h"
#include "service/app.h"
#include "store/notice_store.h"

namespace duibiao {

// 信息发布. Who may do what:
// - write (create, edit, attach, publish, withdraw, delete a draft): the office that owns the
//   notice — a county / city / province regulator of that region, or the national office for its
//   national notices; everyone else 403 on a notice it can see, 404 on one it cannot;
// - read: a published notice by its audience (public: everyone, anonymous included; subtree:
//   every user whose region lies in the office's region; offices: the regulators there); the
//   national office and administrators read every published notice; the owning office its drafts;
// - read receipts: any reader records its own; the counts per child region go to the owning office
//   (and administrators).

struct NoticeInput {
  std::string title;
  std::string body;
  std::string audience;
};

struct NoticeView {
  Notice notice;
  bool can_edit = false;
};

struct NoticePage {
  PageResult<NoticeView> page;
  long long unread = 0;
};

Result<NoticePage> list_notices_for(App& app, const Caller& caller, NoticeFilter f,
                                    const Page& page);
Result<long long> unread_notice_count(App& app, const Caller& caller);
Result<NoticeView> get_notice_for(App& app, const Caller& caller, long long id);
Result<NoticeView> create_notice(App& app, const Caller& caller, const NoticeInput& in);
Result<NoticeView> update_notice_for(App& app, const Caller& caller, long long id, int version,
                                     const NoticeInput& in);
// publish (draft → published) or withdraw (published → withdrawn).
Result<NoticeView> act_on_notice(App& app, const Caller& caller, long long id, int version,
                                 const std::string& action);
Result<void> delete_notice_for(App& app, const Caller& caller, long long id, int version);

// Attachments: PDF, PNG, JPEG, WebP, or docx / xlsx (a zip with that extension), on a draft.
Result<NoticeView> add_notice_attachment(App& app, const Caller& caller, long long id,
                                         const std::string& name, const std::string& bytes);
Result<NoticeView> remove_notice_attachment(App& app, const Caller& caller, long long id,
                                            long long attachment_id);
struct NoticeFile {
  NoticeAttachment attachment;
  std::string bytes;
};
// public_only: through the public site (anonymous viewer, public notices only).
Result<NoticeFile> read_notice_attachment(App& app, const Caller& caller, long long id,
                                          long long attachment_id, bool public_only);

Result<void> mark_notice_read(App& app, const Caller& caller, long long id);

struct NoticeReaderRow {
  std::string region_code;  // "" for the office's own region
  std::string region_name;
  long long readers = 0;
  long long audience = 0;  // active users there the notice is addressed to
};
struct NoticeReaders {
  long long total_readers = 0;
  long long total_audience = 0;
  std::vector<NoticeReaderRow> rows;
};
Result<NoticeReaders> notice_readers(App& app, const Caller& caller, long long id);

// The public site: published notices to the public, never any other.
Result<PageResult<Notice>> public_notices(App& app, NoticeFilter f, const Page& page);
Result<Notice> public_notice(App& app, long long id);

// For the search box: the viewer's visible published notices matching q.
Result<PageResult<Notice>> search_notices(App& app, const Caller& caller, const std::string& q,
                                          const Page& page);

}  // namespace duibiao
