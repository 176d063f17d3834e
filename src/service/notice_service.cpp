#include "service/notice_service.h"

#include <nlohmann/json.hpp>

#include <map>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/result_service.h"
#include "store/reference_store.h"

namespace duibiao {
namespace {
constexpr const char* kNotFound = "通知公告不存在";
constexpr const char* kOfficesOnly = "通知公告由市场监管部门或国家专项行动办公室发布";
constexpr const char* kOwnerOnly = "只有发布该通知的部门可以修改";
constexpr const char* kStale = "该通知已被他人修改，请刷新后重试";

bool is_office(const User& u) {
  return is_regulator(u.role) || u.role == Role::kNationalOffice;
}

// The region of the office a user works for: its own region, 000000 for the national office.
std::string office_region(const User& u) {
  if (u.role == Role::kNationalOffice) return std::string(kNationalRegionCode);
  if (is_regulator(u.role)) return u.region_code;
  return "";
}

std::vector<std::string> ancestors_of(const std::string& path) {
  std::vector<std::string> out{"/"};
  for (size_t i = 1; i < path.size(); ++i)
    if (path[i] == '/') out.push_back(path.substr(0, i + 1));
  if (out.size() > 6) out.resize(6);
  return out;
}

NoticeViewer viewer_of(const Caller& caller) {
  NoticeViewer v;
  if (!caller.user) return v;
  const User& u = *caller.user;
  v.user_id = u.id;
  v.everything = u.role == Role::kNationalOffice || u.role == Role::kAdmin;
  v.office = is_office(u);
  v.ancestors = ancestors_of(u.region_path);
  v.own_region = office_region(u);
  return v;
}

bool owns(const User& u, const Notice& n) {
  return is_office(u) && office_region(u) == n.region_code;
}

std::string audit_json(const Notice& n) {
  nlohmann::json atts = nlohmann::json::array();
  for (const auto& a : n.attachments) atts.push_back({{"name", a.name}, {"hash", a.hash}});
  return nlohmann::json{{"title", n.title},
                        {"audience", n.audience},
                        {"status", n.status},
                        {"version", n.version},
                        {"body_chars", utf8_length(n.body)},
                        {"attachments", atts}}
      .dump();
}

Result<NoticeView> view(App& app, const Caller& caller, long long id) {
  std::optional<Notice> n;
  NoticeViewer v = viewer_of(caller);
  app.db.read([&](Tx& tx) { n = find_notice(tx, v, id); });
  if (!n) return fail(Error::not_found(kNotFound));
  bool edit = caller.user && owns(*caller.user, *n);
  return NoticeView{std::move(*n), edit};
}

// The notice, visible (404) and owned by the caller's office (403).
Result<Notice> owned(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto v = view(app, caller, id);
  if (!v) return fail(v.error());
  if (!v->can_edit) return fail(Error::forbidden(kOwnerOnly));
  return v->notice;
}

std::string office_name_of(const Region& r) {
  if (r.code == kNationalRegionCode) return "对标达标提升专项行动办公室";
  return r.name + "市场监督管理局";
}

std::string attachment_type(const std::string& name, const std::string& bytes) {
  std::string t = sniff_upload_type(bytes);
  if (!t.empty()) return t;
  if (bytes.starts_with("PK\x03\x04")) {
    std::string lower = to_lower_ascii(name);
    if (lower.ends_with(".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (lower.ends_with(".xlsx"))
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return "";
}
}  // namespace

Result<NoticePage> list_notices_for(App& app, const Caller& caller, NoticeFilter f,
                                    const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  f.q = to_lower_ascii(trim(f.q));
  if (!f.status.empty() && f.status != "draft" && f.status != "published" &&
      f.status != "withdrawn")
    return fail(Error::field("status", "状态应为 draft、published 或 withdrawn"));
  NoticeViewer v = viewer_of(caller);
  NoticePage out;
  PageResult<Notice> rows;
  app.db.read([&](Tx& tx) {
    rows = list_notices(tx, v, f, page);
    out.unread = count_unread_notices(tx, v);
  });
  out.page.total = rows.total;
  for (auto& n : rows.items) {
    bool edit = owns(**me, n);
    out.page.items.push_back({std::move(n), edit});
  }
  return out;
}

Result<long long> unread_notice_count(App& app, const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  NoticeViewer v = viewer_of(caller);
  long long n = 0;
  app.db.read([&](Tx& tx) { n = count_unread_notices(tx, v); });
  return n;
}

Result<NoticeView> get_notice_for(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  return view(app, caller, id);
}

Result<NoticeView> create_notice(App& app, const Caller& caller, const NoticeInput& in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (!is_office(u)) return fail(Error::forbidden(kOfficesOnly));
  Notice n;
  n.title = in.title;
  n.body = in.body;
  n.audience = in.audience;
  auto fields = validate_notice(n);
  if (!fields.empty()) return fail(Error::validation(fields));
  std::optional<Region> region;
  std::string code = office_region(u);
  app.db.read([&](Tx& tx) { region = find_region(tx, code); });
  if (!region) return fail(Error::internal("用户所属行政区划不存在"));
  n.region_code = region->code;
  n.region_path = region->code == kNationalRegionCode ? "/" : region->path;
  n.office_name = office_name_of(*region);
  n.author_id = u.id;
  n.author_name = u.display_name;
  n.status = "draft";
  n.created_at = n.updated_at = now_unix();
  app.db.write([&](Tx& tx) {
    n.id = insert_notice(tx, n, notice_search_text(n));
    record_audit(tx, caller, "create", "notice", std::to_string(n.id), n.region_path, 0,
                 "起草通知公告 " + n.title, "", audit_json(n));
  });
  return view(app, caller, n.id);
}

Result<NoticeView> update_notice_for(App& app, const Caller& caller, long long id, int version,
                                     const NoticeInput& in) {
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  if (before->status != "draft")
    return fail(Error::conflict("已发布或已撤回的通知不能修改，请撤回后另行起草"));
  Notice n = *before;
  n.title = in.title;
  n.body = in.body;
  n.audience = in.audience;
  auto fields = validate_notice(n);
  if (!fields.empty()) return fail(Error::validation(fields));
  n.updated_at = now_unix();
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_notice(tx, n, version, notice_search_text(n));
    if (ok)
      record_audit(tx, caller, "update", "notice", std::to_string(id), n.region_path, 0,
                   "修改通知公告 " + n.title, audit_json(*before), audit_json(n));
  });
  if (!ok) return fail(Error::conflict(kStale));
  return view(app, caller, id);
}

Result<NoticeView> act_on_notice(App& app, const Caller& caller, long long id, int version,
                                 const std::string& action) {
  if (action != "publish" && action != "withdraw")
    return fail(Error::field("action", "action 应为 publish（发布）或 withdraw（撤回）"));
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  Notice n = *before;
  long long now = now_unix();
  if (action == "publish") {
    if (n.status != "draft") return fail(Error::conflict("只有草稿可以发布"));
    n.status = "published";
    n.published_at = now;
  } else {
    if (n.status != "published") return fail(Error::conflict("只有已发布的通知可以撤回"));
    n.status = "withdrawn";
    n.withdrawn_at = now;
  }
  n.updated_at = now;
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = update_notice(tx, n, version, notice_search_text(n));
    if (ok)
      record_audit(tx, caller, action, "notice", std::to_string(id), n.region_path, 0,
                   std::string(action == "publish" ? "发布" : "撤回") + "通知公告 " + n.title,
                   audit_json(*before), audit_json(n));
  });
  if (!ok) return fail(Error::conflict(kStale));
  return view(app, caller, id);
}

Result<void> delete_notice_for(App& app, const Caller& caller, long long id, int version) {
  auto before = owned(app, caller, id);
  if (!before) return fail(before.error());
  if (before->status != "draft") return fail(Error::conflict("只有草稿可以删除；已发布的请撤回"));
  bool ok = false;
  app.db.write([&](Tx& tx) {
    ok = delete_draft_notice(tx, id, version);
    if (ok)
      record_audit(tx, caller, "delete", "notice", std::to_string(id), before->region_path, 0,
                   "删除通知草稿 " + before->title, audit_json(*before), "");
  });
  if (!ok) return fail(Error::conflict(kStale));
  return {};
}

Result<NoticeView> add_notice_attachment(App& app, const Caller& caller, long long id,
                                         const std::string& name, const std::string& bytes) {
  auto n = owned(app, caller, id);
  if (!n) return fail(n.error());
  if (n->status != "draft") return fail(Error::conflict("只能在草稿中添加附件"));
  if (n->attachments.size() >= kMaxNoticeAttachments)
    return fail(Error::field("file", "每条通知最多10个附件"));
  long long limit = app.config.max_upload_bytes;
  if (static_cast<long long>(bytes.size()) > limit)
    return fail(Error{ErrorCode::kPayloadTooLarge,
                      "文件过大：上限为 " + std::to_string(limit / (1 << 20)) + " MB"});
  if (bytes.empty()) return fail(Error::field("file", "文件为空"));
  NoticeAttachment a;
  a.name = clean_upload_name(name);
  if (a.name.empty()) a.name = "附件";
  a.content_type = attachment_type(a.name, bytes);
  if (a.content_type.empty())
    return fail(Error{ErrorCode::kUnsupportedMedia,
                      "附件只接受 PDF、PNG、JPEG、WebP、Word（.docx）和 Excel（.xlsx）文件"});
  a.notice_id = id;
  a.size = static_cast<long long>(bytes.size());
  a.uploaded_by = caller.user->id;
  a.created_at = now_unix();
  a.hash = store_upload_bytes(app, bytes);
  app.db.write([&](Tx& tx) {
    a.id = insert_notice_attachment(tx, a);
    record_audit(tx, caller, "upload", "notice_attachment",
                 std::to_string(id) + "/" + std::to_string(a.id), n->region_path, 0,
                 "通知公告 " + n->title + " 添加附件 " + a.name, "",
                 nlohmann::json{{"name", a.name}, {"hash", a.hash}, {"size", a.size}}.dump());
  });
  return view(app, caller, id);
}

Result<NoticeView> remove_notice_attachment(App& app, const Caller& caller, long long id,
                                            long long attachment_id) {
  auto n = owned(app, caller, id);
  if (!n) return fail(n.error());
  const NoticeAttachment* found = nullptr;
  for (const auto& a : n->attachments)
    if (a.id == attachment_id) found = &a;
  if (!found) return fail(Error::not_found("附件不存在"));
  if (n->status != "draft") return fail(Error::conflict("只能在草稿中删除附件"));
  app.db.write([&](Tx& tx) {
    delete_notice_attachment(tx, id, attachment_id);
    record_audit(tx, caller, "delete", "notice_attachment",
                 std::to_string(id) + "/" + std::to_string(attachment_id), n->region_path, 0,
                 "通知公告 " + n->title + " 删除附件 " + found->name,
                 nlohmann::json{{"name", found->name}, {"hash", found->hash}}.dump(), "");
  });
  return view(app, caller, id);
}

Result<NoticeFile> read_notice_attachment(App& app, const Caller& caller, long long id,
                                          long long attachment_id, bool public_only) {
  std::optional<Notice> n;
  if (public_only) {
    auto p = public_notice(app, id);
    if (p) n = *p;
  } else {
    auto me = require_user(caller);
    if (!me) return fail(me.error());
    auto v = view(app, caller, id);
    if (v) n = v->notice;
  }
  if (!n) return fail(Error::not_found("附件不存在"));
  for (const auto& a : n->attachments)
    if (a.id == attachment_id) {
      NoticeFile f{a, ""};
      if (!load_upload_bytes(app, a.hash, f.bytes))
        return fail(Error::internal("附件已登记但无法读取，请联系管理员"));
      return f;
    }
  return fail(Error::not_found("附件不存在"));
}

Result<void> mark_notice_read(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto v = view(app, caller, id);
  if (!v) return fail(v.error());
  if (v->notice.status != "published") return fail(Error::conflict("该通知尚未发布或已撤回"));
  app.db.write(
      [&](Tx& tx) { insert_notice_read(tx, id, (*me)->id, (*me)->region_path, now_unix()); });
  return {};
}

Result<NoticeReaders> notice_readers(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto v = view(app, caller, id);
  if (!v) return fail(v.error());
  if (!v->can_edit && (*me)->role != Role::kAdmin)
    return fail(Error::forbidden("阅读情况只向发布该通知的部门开放"));
  const Notice& n = v->notice;
  NoticeReaders out;
  std::map<std::string, NoticeReaderRow> rows;  // child code → row
  auto range = subtree_range(n.region_path);
  app.db.read([&](Tx& tx) {
    for (const auto& [path, count] : notice_readers_by_path(tx, id)) {
      // Readers outside the office's subtree (public notices) count under "" only in the total.
      out.total_readers += count;
      if (!path_in_subtree(path, n.region_path)) continue;
      rows[child_code_under(n.region_path, path)].readers += count;
    }
    if (n.audience != "public")
      for (const auto& [path, count] :
           audience_by_path(tx, range.lo, range.hi, n.audience == "offices")) {
        out.total_audience += count;
        rows[child_code_under(n.region_path, path)].audience += count;
      }
    for (auto& [code, row] : rows) {
      row.region_code = code;
      if (code.empty()) {
        row.region_name = "本级";
      } else if (auto r = find_region(tx, code)) {
        row.region_name = r->name;
      } else {
        row.region_name = code;
      }
    }
  });
  for (auto& [code, row] : rows) out.rows.push_back(std::move(row));
  return out;
}

Result<PageResult<Notice>> public_notices(App& app, NoticeFilter f, const Page& page) {
  f.q = to_lower_ascii(trim(f.q));
  f.status.clear();
  f.mine = false;
  f.public_only = true;
  NoticeViewer anon;
  PageResult<Notice> out;
  app.db.read([&](Tx& tx) { out = list_notices(tx, anon, f, page); });
  return out;
}

Result<Notice> public_notice(App& app, long long id) {
  NoticeViewer anon;
  std::optional<Notice> n;
  app.db.read([&](Tx& tx) { n = find_notice(tx, anon, id); });
  if (!n || n->status != "published" || n->audience != "public")
    return fail(Error::not_found(kNotFound));
  return *n;
}

Result<PageResult<Notice>> search_notices(App& app, const Caller& caller, const std::string& q,
                                          const Page& page) {
  NoticeFilter f;
  f.q = to_lower_ascii(trim(q));
  f.status = "published";
  if (!caller.user) f.public_only = true;
  NoticeViewer v = viewer_of(caller);
  PageResult<Notice> out;
  app.db.read([&](Tx& tx) { out = list_notices(tx, v, f, page); });
  return out;
}

}  // namespace duibiao
