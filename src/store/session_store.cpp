#include "store/session_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/prepared_query.h"
#include "store/row_util.h"

namespace duibiao {
namespace {
constexpr std::string_view kInsert =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, remote_addr) "
    "VALUES (:h, :u, :c, :created, :expires, :addr)";
constexpr std::string_view kFind =
    "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
    "u.id, u.username, u.display_name, u.role, COALESCE(u.region_code, ''), COALESCE(r.name, ''), "
    "u.region_path, COALESCE(u.enterprise_id, 0), u.disabled, u.must_change_password, "
    "u.created_at, u.updated_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN regions r ON r.code = "
    "u.region_code WHERE s.token_hash = :h AND s.expires_at > :now";
constexpr std::string_view kDelete = "DELETE FROM sessions WHERE token_hash = :h";
constexpr std::string_view kDeleteUser =
    "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :h";
constexpr std::string_view kDeleteExpired = "DELETE FROM sessions WHERE expires_at <= :now";
constexpr std::string_view kRecordAttempt =
    "INSERT INTO login_attempts (username, remote_addr, at, success) VALUES (:u, :a, :t, :s)";
constexpr std::string_view kReserveAttempt =
    "INSERT INTO login_attempts (username, remote_addr, at, success) VALUES (:u, :a, :t, 0) "
    "RETURNING id";
constexpr std::string_view kFinishAttempt = "UPDATE login_attempts SET success = 1 WHERE id = :id";
constexpr std::string_view kDeleteAttempt = "DELETE FROM login_attempts WHERE id = :id";
constexpr std::string_view kFailedUser =
    "SELECT COUNT(*) FROM login_attempts WHERE username = :u AND at >= :since AND success = 0 "
    "AND id <> :own";
constexpr std::string_view kFailedAddr =
    "SELECT COUNT(*) FROM login_attempts WHERE remote_addr = :a AND at >= :since AND success = 0 "
    "AND id <> :own";
constexpr std::string_view kLastFailedUser =
    "SELECT COALESCE(MAX(at), 0) FROM login_attempts WHERE username = :u AND at >= :since AND "
    "success = 0 AND id <> :own";
constexpr std::string_view kClearUser =
    "DELETE FROM login_attempts WHERE username = :u AND success = 0";
constexpr std::string_view kPrune = "DELETE FROM login_attempts WHERE at < :before";
}  // namespace

void insert_session(Tx& tx, const SessionRow& s, const std::string& remote_addr) {
  tx.sql << kInsert, soci::use(s.token_hash), soci::use(s.user_id), soci::use(s.csrf_token),
      soci::use(s.created_at), soci::use(s.expires_at), soci::use(remote_addr);
}

std::optional<std::pair<SessionRow, User>> find_session_with_user(Tx& tx,
                                                                  const std::string& token_hash,
                                                                  long long now) {
  // The hot path of every authenticated request: a statement prepared once per connection.
  SessionRow s;
  User u;
  bool found = run_prepared(
      tx, kFind, "si", "sisiiissssssiiiii",
      [&](PreparedQuery& q) {
        q.set(0, token_hash);
        q.set(1, now);
      },
      [&](const PreparedQuery& row) {
        s.token_hash = row.str(0);
        s.user_id = row.integer(1);
        s.csrf_token = row.str(2);
        s.created_at = row.integer(3);
        s.expires_at = row.integer(4);
        u.id = row.integer(5);
        u.username = row.str(6);
        u.display_name = row.str(7);
        u.role = parse_role(row.str(8)).value_or(Role::kEnterprise);
        u.region_code = row.str(9);
        u.region_name = row.str(10);
        u.region_path = row.str(11);
        u.enterprise_id = row.integer(12);
        u.disabled = row.integer(13) != 0;
        u.must_change_password = row.integer(14) != 0;
        u.created_at = row.integer(15);
        u.updated_at = row.integer(16);
      });
  if (!found) return std::nullopt;
  return std::make_pair(std::move(s), std::move(u));
}

void delete_session(Tx& tx, const std::string& token_hash) {
  mark_identity_changed(tx);
  tx.sql << kDelete, soci::use(token_hash);
}

void delete_user_sessions(Tx& tx, long long user_id, const std::string& except_token_hash) {
  mark_identity_changed(tx);
  tx.sql << kDeleteUser, soci::use(user_id), soci::use(except_token_hash);
}

void delete_expired_sessions(Tx& tx, long long now) {
  tx.sql << kDeleteExpired, soci::use(now);
}

void record_login_attempt(Tx& tx, const std::string& username, const std::string& remote_addr,
                          long long at, bool success) {
  int s = success ? 1 : 0;
  tx.sql << kRecordAttempt, soci::use(username), soci::use(remote_addr), soci::use(at),
      soci::use(s);
}

long long reserve_login_attempt(Tx& tx, const std::string& username, const std::string& remote_addr,
                                long long at) {
  long long id = 0;
  tx.sql << kReserveAttempt, soci::use(username), soci::use(remote_addr), soci::use(at),
      soci::into(id);
  return id;
}

void finish_login_attempt(Tx& tx, long long id) {
  tx.sql << kFinishAttempt, soci::use(id);
}

void delete_login_attempt(Tx& tx, long long id) {
  tx.sql << kDeleteAttempt, soci::use(id);
}

long long count_failed_logins_for_user(Tx& tx, const std::string& username, long long since,
                                       long long except_id) {
  long long n = 0;
  tx.sql << kFailedUser, soci::use(username), soci::use(since), soci::use(except_id), soci::into(n);
  return n;
}

long long count_failed_logins_for_addr(Tx& tx, const std::string& remote_addr, long long since,
                                       long long except_id) {
  long long n = 0;
  tx.sql << kFailedAddr, soci::use(remote_addr), soci::use(since), soci::use(except_id),
      soci::into(n);
  return n;
}

long long last_failed_login_for_user(Tx& tx, const std::string& username, long long since,
                                     long long except_id) {
  long long t = 0;
  tx.sql << kLastFailedUser, soci::use(username), soci::use(since), soci::use(except_id),
      soci::into(t);
  return t;
}

void clear_failed_logins_for_user(Tx& tx, const std::string& username) {
  tx.sql << kClearUser, soci::use(username);
}

void prune_login_attempts(Tx& tx, long long before) {
  tx.sql << kPrune, soci::use(before);
}

}  // namespace duibiao
