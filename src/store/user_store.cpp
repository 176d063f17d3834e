#include "store/user_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"
#include "store/sql_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO users (username, display_name, password_hash, role, region_code, region_path, "
    "enterprise_id, disabled, must_change_password, created_at, updated_at) VALUES (:username, "
    ":display, :hash, :role, :region, :path, :eid, :disabled, :must, :created, :updated) "
    "RETURNING id";
constexpr std::string_view kUsernameTaken = "SELECT COUNT(*) FROM users WHERE username = :u";
constexpr std::string_view kCountRole = "SELECT COUNT(*) FROM users WHERE role = :r";

#define USER_COLUMNS                                                                         \
  "u.id, u.username, u.display_name, u.password_hash, u.role, COALESCE(u.region_code, ''), " \
  "COALESCE(r.name, ''), u.region_path, COALESCE(u.enterprise_id, 0), u.disabled, "          \
  "u.must_change_password, u.created_at, u.updated_at "
#define USER_FROM " FROM users u LEFT JOIN regions r ON r.code = u.region_code "
#define USER_SCOPE \
  " u.region_path >= :lo AND u.region_path < :hi AND (:eid1 = 0 OR u.enterprise_id = :eid2) "

constexpr std::string_view kByUsername = "SELECT " USER_COLUMNS USER_FROM "WHERE u.username = :u";
constexpr std::string_view kById = "SELECT " USER_COLUMNS USER_FROM "WHERE u.id = :id";
constexpr std::string_view kScopedById =
    "SELECT " USER_COLUMNS USER_FROM "WHERE u.id = :id AND" USER_SCOPE;
#define USER_FILTER                                                                        \
  " AND (:q1 = '' OR u.username LIKE :qp1 ESCAPE '\\' OR u.display_name LIKE :qp2 ESCAPE " \
  "'\\') AND (:role1 = '' OR u.role = :role2) AND u.region_path >= :flo AND u.region_path < :fhi "
constexpr std::string_view kCount = "SELECT COUNT(*) FROM users u WHERE" USER_SCOPE USER_FILTER;
constexpr std::string_view kList = "SELECT " USER_COLUMNS USER_FROM "WHERE" USER_SCOPE USER_FILTER
                                   "ORDER BY u.id LIMIT :limit OFFSET :offset";
constexpr std::string_view kUpdatePassword =
    "UPDATE users SET password_hash = :h, must_change_password = :m, updated_at = :now WHERE id "
    "= :id";
constexpr std::string_view kUpdateProfile =
    "UPDATE users SET display_name = :d, disabled = :dis, updated_at = :now WHERE id = :id";

User from_row(const soci::row& row) {
  User u;
  u.id = row_int(row, 0);
  u.username = row_str(row, 1);
  u.display_name = row_str(row, 2);
  u.password_hash = row_str(row, 3);
  u.role = parse_role(row_str(row, 4)).value_or(Role::kEnterprise);
  u.region_code = row_str(row, 5);
  u.region_name = row_str(row, 6);
  u.region_path = row_str(row, 7);
  u.enterprise_id = row_int(row, 8);
  u.disabled = row_int(row, 9) != 0;
  u.must_change_password = row_int(row, 10) != 0;
  u.created_at = row_int(row, 11);
  u.updated_at = row_int(row, 12);
  return u;
}

std::optional<User> one(soci::session& sql, const soci::row& row) {
  if (!sql.got_data()) return std::nullopt;
  return from_row(row);
}
}  // namespace

long long insert_user(Tx& tx, const User& u) {
  long long id = 0;
  std::string role(role_name(u.role));
  std::string region = u.region_code;
  soci::indicator region_ind = region.empty() ? soci::i_null : soci::i_ok;
  long long eid = u.enterprise_id;
  soci::indicator eid_ind = eid == 0 ? soci::i_null : soci::i_ok;
  int disabled = u.disabled ? 1 : 0, must = u.must_change_password ? 1 : 0;
  tx.sql << kInsert, soci::use(u.username), soci::use(u.display_name), soci::use(u.password_hash),
      soci::use(role), soci::use(region, region_ind), soci::use(u.region_path),
      soci::use(eid, eid_ind), soci::use(disabled), soci::use(must), soci::use(u.created_at),
      soci::use(u.updated_at), soci::into(id);
  return id;
}

bool username_taken(Tx& tx, const std::string& username) {
  long long n = 0;
  tx.sql << kUsernameTaken, soci::use(username), soci::into(n);
  return n > 0;
}

long long count_users_with_role(Tx& tx, const std::string& role) {
  long long n = 0;
  tx.sql << kCountRole, soci::use(role), soci::into(n);
  return n;
}

std::optional<User> find_user_by_username(Tx& tx, const std::string& username) {
  soci::row row;
  tx.sql << kByUsername, soci::use(username), soci::into(row);
  return one(tx.sql, row);
}

std::optional<User> find_user_by_id(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kById, soci::use(id), soci::into(row);
  return one(tx.sql, row);
}

std::optional<User> find_user(Tx& tx, const Scope& scope, long long id) {
  soci::row row;
  tx.sql << kScopedById, soci::use(id), soci::use(scope.lo), soci::use(scope.hi),
      soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::into(row);
  return one(tx.sql, row);
}

PageResult<User> list_users(Tx& tx, const Scope& scope, const UserFilter& f, const Page& page) {
  PageResult<User> out;
  std::string pattern = like_contains(f.q);
  std::string flo = f.region_path.empty() ? std::string("/") : f.region_path;
  std::string fhi = flo + "\x7f";
  int limit = page.page_size, offset = page.offset();
  tx.sql << kCount, soci::use(scope.lo), soci::use(scope.hi), soci::use(scope.enterprise_id),
      soci::use(scope.enterprise_id), soci::use(f.q), soci::use(pattern), soci::use(pattern),
      soci::use(f.role), soci::use(f.role), soci::use(flo), soci::use(fhi), soci::into(out.total);
  soci::rowset<soci::row> rows =
      (tx.sql.prepare << kList, soci::use(scope.lo), soci::use(scope.hi),
       soci::use(scope.enterprise_id), soci::use(scope.enterprise_id), soci::use(f.q),
       soci::use(pattern), soci::use(pattern), soci::use(f.role), soci::use(f.role), soci::use(flo),
       soci::use(fhi), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  return out;
}

void update_user_password(Tx& tx, long long id, const std::string& hash, bool must_change,
                          long long now) {
  mark_identity_changed(tx);
  int must = must_change ? 1 : 0;
  tx.sql << kUpdatePassword, soci::use(hash), soci::use(must), soci::use(now), soci::use(id);
}

void update_user_profile(Tx& tx, long long id, const std::string& display_name, bool disabled,
                         long long now) {
  mark_identity_changed(tx);
  int dis = disabled ? 1 : 0;
  tx.sql << kUpdateProfile, soci::use(display_name), soci::use(dis), soci::use(now), soci::use(id);
}

}  // namespace duibiao
