#include "store/circular_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO circulars (region_code, region_path, office_name, author_id, author_name, title, "
    "body, campaign_id, source, status, version, sent_at, created_at, updated_at) VALUES (:rc, "
    ":p, :o, :a, :an, :t, :b, :cid, :src, :st, 1, :sa, :c, :u) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE circulars SET title = :t, body = :b, campaign_id = :cid, source = :src, status = :st, "
    "sent_at = :sa, updated_at = :u, version = version + 1 WHERE id = :id AND version = :v";
constexpr std::string_view kDeleteDraft =
    "DELETE FROM circulars WHERE id = :id AND version = :v AND status = 'draft'";
constexpr std::string_view kDeleteRecipients =
    "DELETE FROM circular_recipients WHERE circular_id = :id";
constexpr std::string_view kInsertRecipient =
    "INSERT INTO circular_recipients (circular_id, region_code, region_path) VALUES (:id, :rc, "
    ":p)";
#define CIRCULAR_COLUMNS                                                                     \
  "c.id, c.region_code, c.region_path, c.office_name, c.author_id, c.author_name, c.title, " \
  "c.body, c.campaign_id, c.source, c.status, c.version, c.sent_at, c.created_at, c.updated_at "
// :own, :all, :own2
#define CIRCULAR_VISIBLE                                                                 \
  " (c.region_code = :own OR (c.status = 'sent' AND (:all = 1 OR EXISTS (SELECT 1 FROM " \
  "circular_recipients r WHERE r.circular_id = c.id AND r.region_code = :own2)))) "
// :box1, :own3, :box2, :own4
#define CIRCULAR_FILTER                                                                      \
  " AND (:box1 <> 'sent' OR c.region_code = :own3) AND (:box2 <> 'received' OR (c.status = " \
  "'sent' AND EXISTS (SELECT 1 FROM circular_recipients r2 WHERE r2.circular_id = c.id AND " \
  "r2.region_code = :own4))) "
constexpr std::string_view kFind =
    "SELECT " CIRCULAR_COLUMNS "FROM circulars c WHERE c.id = :id AND" CIRCULAR_VISIBLE;
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM circulars c WHERE" CIRCULAR_VISIBLE CIRCULAR_FILTER;
constexpr std::string_view kList =
    "SELECT " CIRCULAR_COLUMNS "FROM circulars c WHERE" CIRCULAR_VISIBLE CIRCULAR_FILTER
    "ORDER BY CASE WHEN c.status = 'draft' THEN 0 ELSE 1 END, c.sent_at DESC, c.id DESC LIMIT "
    ":limit OFFSET :off";
constexpr std::string_view kRecipients =
    "SELECT r.region_code, g.name, r.region_path, r.confirmed_at, r.confirmed_by, "
    "r.confirmed_by_name FROM circular_recipients r JOIN regions g ON g.code = r.region_code "
    "WHERE r.circular_id = :id ORDER BY g.sort_order, r.region_code";
constexpr std::string_view kConfirm =
    "UPDATE circular_recipients SET confirmed_at = :t, confirmed_by = :u, confirmed_by_name = :n "
    "WHERE circular_id = :id AND region_code = :rc AND confirmed_at = 0";

Circular from_row(const soci::row& row) {
  Circular c;
  c.id = row_int(row, 0);
  c.region_code = row_str(row, 1);
  c.region_path = row_str(row, 2);
  c.office_name = row_str(row, 3);
  c.author_id = row_int(row, 4);
  c.author_name = row_str(row, 5);
  c.title = row_str(row, 6);
  c.body = row_str(row, 7);
  c.campaign_id = row_int(row, 8);
  c.source = row_str(row, 9);
  c.status = row_str(row, 10);
  c.version = static_cast<int>(row_int(row, 11));
  c.sent_at = row_int(row, 12);
  c.created_at = row_int(row, 13);
  c.updated_at = row_int(row, 14);
  return c;
}

long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}
}  // namespace

long long insert_circular(Tx& tx, const Circular& c) {
  long long id = 0;
  tx.sql << kInsert, soci::use(c.region_code), soci::use(c.region_path), soci::use(c.office_name),
      soci::use(c.author_id), soci::use(c.author_name), soci::use(c.title), soci::use(c.body),
      soci::use(c.campaign_id), soci::use(c.source), soci::use(c.status), soci::use(c.sent_at),
      soci::use(c.created_at), soci::use(c.updated_at), soci::into(id);
  return id;
}

bool update_circular(Tx& tx, const Circular& c, int expected_version) {
  soci::statement st =
      (tx.sql.prepare << kUpdate, soci::use(c.title), soci::use(c.body), soci::use(c.campaign_id),
       soci::use(c.source), soci::use(c.status), soci::use(c.sent_at), soci::use(c.updated_at),
       soci::use(c.id), soci::use(expected_version));
  return affected(st) > 0;
}

bool delete_draft_circular(Tx& tx, long long id, int expected_version) {
  soci::statement st = (tx.sql.prepare << kDeleteDraft, soci::use(id), soci::use(expected_version));
  return affected(st) > 0;
}

void replace_circular_recipients(Tx& tx, long long id, const std::vector<CircularRecipient>& rs) {
  tx.sql << kDeleteRecipients, soci::use(id);
  for (const auto& r : rs)
    tx.sql << kInsertRecipient, soci::use(id), soci::use(r.region_code), soci::use(r.region_path);
}

std::optional<Circular> find_circular(Tx& tx, const CircularViewer& v, long long id) {
  std::string own = v.own_region.empty() ? "-" : v.own_region;
  int all = v.everything ? 1 : 0;
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(own), soci::use(all), soci::use(own), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  Circular c = from_row(row);
  c.recipients = list_circular_recipients(tx, c.id);
  return c;
}

PageResult<Circular> list_circulars(Tx& tx, const CircularViewer& v, const CircularFilter& f,
                                    const Page& page) {
  PageResult<Circular> out;
  std::string own = v.own_region.empty() ? "-" : v.own_region;
  int all = v.everything ? 1 : 0;
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(own), soci::use(all), soci::use(own), soci::use(f.box),
      soci::use(own), soci::use(f.box), soci::use(own), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(own), soci::use(all), soci::use(own), soci::use(f.box),
       soci::use(own), soci::use(f.box), soci::use(own), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  for (auto& c : out.items) c.recipients = list_circular_recipients(tx, c.id);
  return out;
}

std::vector<CircularRecipient> list_circular_recipients(Tx& tx, long long id) {
  std::vector<CircularRecipient> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kRecipients, soci::use(id));
  for (const auto& row : rows) {
    CircularRecipient r;
    r.region_code = row_str(row, 0);
    r.region_name = row_str(row, 1);
    r.region_path = row_str(row, 2);
    r.confirmed_at = row_int(row, 3);
    r.confirmed_by = row_int(row, 4);
    r.confirmed_by_name = row_str(row, 5);
    out.push_back(std::move(r));
  }
  return out;
}

bool confirm_circular(Tx& tx, long long id, const std::string& region_code, long long user_id,
                      const std::string& user_name, long long at) {
  soci::statement st = (tx.sql.prepare << kConfirm, soci::use(at), soci::use(user_id),
                        soci::use(user_name), soci::use(id), soci::use(region_code));
  return affected(st) > 0;
}

}  // namespace duibiao
