#pragma once

#include <optional>
#include <string>

#include "domain/models.h"
#include "store/database.h"

namespace duibiao {

struct SessionRow {
  std::string token_hash;
  long long user_id = 0;
  std::string csrf_token;
  long long created_at = 0;
  long long expires_at = 0;
};

void insert_session(Tx& tx, const SessionRow& s, const std::string& remote_addr);
// The session and its user in one query (the hot path of every authenticated request).
std::optional<std::pair<SessionRow, User>> find_session_with_user(Tx& tx,
                                                                  const std::string& token_hash,
                                                                  long long now);
void delete_session(Tx& tx, const std::string& token_hash);
void delete_user_sessions(Tx& tx, long long user_id, const std::string& except_token_hash);
void delete_expired_sessions(Tx& tx, long long now);

void record_login_attempt(Tx& tx, const std::string& username, const std::string& remote_addr,
                          long long at, bool success);
// A login attempt recorded as a failure before its password is checked (committed on its own),
// so that attempts running at the same time, in this process or another, count each other;
// returns its id. finish_login_attempt marks it a success; delete_login_attempt takes it back.
long long reserve_login_attempt(Tx& tx, const std::string& username, const std::string& remote_addr,
                                long long at);
void finish_login_attempt(Tx& tx, long long id);
void delete_login_attempt(Tx& tx, long long id);
// Failures since `since`, not counting the attempt `except_id` (the caller's own reservation).
long long count_failed_logins_for_user(Tx& tx, const std::string& username, long long since,
                                       long long except_id = 0);
long long count_failed_logins_for_addr(Tx& tx, const std::string& remote_addr, long long since,
                                       long long except_id = 0);
// Latest failure time for the user / address since `since` (0 when none).
long long last_failed_login_for_user(Tx& tx, const std::string& username, long long since,
                                     long long except_id = 0);
void clear_failed_logins_for_user(Tx& tx, const std::string& username);
void prune_login_attempts(Tx& tx, long long before);

}  // namespace duibiao
