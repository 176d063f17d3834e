#include "service/auth_service.h"

#include "domain/account_rules.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/security.h"
#include "service/session_cache.h"
#include "store/change_signal.h"
#include "store/session_store.h"
#include "store/user_store.h"

namespace duibiao {
namespace {
// Verifying against a real hash when the user does not exist keeps the answer time the same,
// so timing does not reveal which usernames exist.
const std::string& dummy_hash() {
  static const std::string h = hash_password("dummy-password-0");
  return h;
}

Error throttled(long long retry_after) {
  Error e{ErrorCode::kTooManyRequests,
          "登录失败次数过多，请" + std::to_string((retry_after + 59) / 60) + "分钟后再试"};
  e.retry_after_seconds = static_cast<int>(retry_after < 1 ? 1 : retry_after);
  return e;
}
}  // namespace

Caller authenticate(App& app, const std::string& session_token, const std::string& remote_addr) {
  Caller caller;
  caller.remote_addr = remote_addr;
  if (session_token.empty() || session_token.size() > 200) return caller;
  std::string hash = token_hash(session_token);
  long long now = now_unix();
  auto max_age = std::chrono::milliseconds(app.config.session_check_ms);
  // SQLite: the change signal moves before any process commits a revocation, so an entry is good
  // until it moves (and never while such a commit is under way). PostgreSQL (servers possibly on
  // other hosts): this process's own revocations, and max_age for the others'.
  bool exact = app.db.has_change_signal();
  auto generation_now = [&]() -> std::optional<unsigned long long> {
    if (exact) return app.db.change_token(kIdentityChanges);
    return app.db.identity_generation();
  };
  if (exact && max_age.count() > 0) max_age = std::chrono::hours(24 * 365);
  std::optional<unsigned long long> generation = generation_now();
  bool cacheable = max_age.count() > 0 && generation.has_value();
  std::optional<SessionCache::Identity> found;
  if (cacheable) found = app.sessions->find(hash, *generation, max_age, now);
  if (!found) {
    app.db.read([&](Tx& tx) {
      if (auto row = find_session_with_user(tx, hash, now))
        found = SessionCache::Identity{std::move(row->first), std::move(row->second)};
    });
    if (found && cacheable)
      if (auto current = generation_now()) app.sessions->keep(hash, *found, *generation, *current);
  }
  if (found && !found->user.disabled) {
    caller.user = std::move(found->user);
    caller.session_hash = hash;
    caller.csrf_token = std::move(found->session.csrf_token);
  }
  return caller;
}

LoginResult open_session(App& app, Tx& tx, const User& user, const std::string& remote_addr) {
  LoginResult r;
  r.user = user;
  r.session_token = random_token(32);
  r.csrf_token = random_token(24);
  SessionRow s;
  s.token_hash = token_hash(r.session_token);
  s.user_id = user.id;
  s.csrf_token = r.csrf_token;
  s.created_at = now_unix();
  s.expires_at = s.created_at + app.config.session_lifetime_seconds;
  insert_session(tx, s, remote_addr);
  return r;
}

Result<LoginResult> login(App& app, const Caller& caller, const std::string& username_in,
                          const std::string& password) {
  std::string username = to_lower_ascii(trim(username_in));
  std::map<std::string, std::string> fields;
  if (username.empty()) fields["username"] = "请输入用户名";
  if (password.empty()) fields["password"] = "请输入密码";
  if (username.size() > 64) fields["username"] = "用户名过长";
  if (password.size() > 1024) fields["password"] = "密码过长";
  if (!fields.empty()) return fail(Error::validation(fields));

  const auto& cfg = app.config;
  long long now = now_unix();
  long long since = now - cfg.login_window_seconds;
  // The attempt is recorded as a failure before anything is checked, in a transaction of its
  // own: concurrent attempts (other worker threads, other processes on the same database) then
  // count each other, so no more than the limit get their password checked in a window. Checking
  // first and recording after the (slow) password hash let a burst through whole.
  long long attempt = 0;
  app.db.write(
      [&](Tx& tx) { attempt = reserve_login_attempt(tx, username, caller.remote_addr, now); });
  long long user_failures = 0, addr_failures = 0, last_failure = 0;
  std::optional<User> user;
  app.db.read([&](Tx& tx) {
    user_failures = count_failed_logins_for_user(tx, username, since, attempt);
    addr_failures = count_failed_logins_for_addr(tx, caller.remote_addr, since, attempt);
    last_failure = last_failed_login_for_user(tx, username, since, attempt);
    user = find_user_by_username(tx, username);
  });
  std::optional<Error> refused;
  if (user_failures >= cfg.login_max_failures_per_user)
    refused = throttled(last_failure + cfg.login_window_seconds - now);
  else if (addr_failures >= cfg.login_max_failures_per_addr)
    refused = throttled(cfg.login_window_seconds);
  if (refused) {
    // A refused attempt does not count (a locked-out user is not kept out longer by retrying).
    app.db.write([&](Tx& tx) { delete_login_attempt(tx, attempt); });
    return fail(*refused);
  }

  bool ok = verify_password(user ? user->password_hash : dummy_hash(), password);
  ok = ok && user && !user->disabled;

  LoginResult result;
  // A failure is already recorded: only a success writes again.
  if (ok)
    app.db.write([&](Tx& tx) {
      finish_login_attempt(tx, attempt);
      clear_failed_logins_for_user(tx, username);
      prune_login_attempts(tx, since - cfg.login_window_seconds);
      // A login from a client that still holds a session ends that session: one browser, one
      // user (otherwise user A's cookie would stay valid after user B logged in on it).
      if (!caller.session_hash.empty()) delete_session(tx, caller.session_hash);
      result = open_session(app, tx, *user, caller.remote_addr);
      Caller as_user = caller;
      as_user.user = user;
      record_audit(tx, as_user, "login", "session", std::to_string(user->id), user->region_path,
                   user->enterprise_id, "登录成功", "", "");
    });
  if (!ok) return fail(Error{ErrorCode::kUnauthenticated, "用户名或密码错误"});
  return result;
}

void logout(App& app, const Caller& caller) {
  if (caller.session_hash.empty() || !caller.user) return;
  app.db.write([&](Tx& tx) {
    delete_session(tx, caller.session_hash);
    record_audit(tx, caller, "logout", "session", std::to_string(caller.user->id),
                 caller.user->region_path, caller.user->enterprise_id, "退出登录", "", "");
  });
}

Result<void> change_password(App& app, const Caller& caller, const std::string& old_password,
                             const std::string& new_password) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  std::optional<User> stored;
  app.db.read([&](Tx& tx) { stored = find_user_by_id(tx, (*me)->id); });
  if (!stored) return fail(Error::unauthenticated());
  std::map<std::string, std::string> fields;
  if (!verify_password(stored->password_hash, old_password))
    fields["old_password"] = "原密码不正确";
  if (auto msg = check_password(new_password))
    fields["new_password"] = *msg;
  else if (new_password == old_password)
    fields["new_password"] = "新密码不能与原密码相同";
  if (!fields.empty()) return fail(Error::validation(fields));
  std::string hash = hash_password(new_password);
  app.db.write([&](Tx& tx) {
    long long now = now_unix();
    update_user_password(tx, stored->id, hash, false, now);
    delete_user_sessions(tx, stored->id, caller.session_hash);
    record_audit(tx, caller, "change_password", "user", std::to_string(stored->id),
                 stored->region_path, stored->enterprise_id, "修改密码", "", "");
  });
  return {};
}

Result<void> check_csrf(const Caller& caller, const std::string& header_token,
                        const std::string& cookie_token) {
  const std::string& expected = caller.user ? caller.csrf_token : cookie_token;
  if (header_token.empty())
    return fail(
        Error{ErrorCode::kCsrfFailed, "缺少 CSRF 令牌（请求头 X-CSRF-Token），请刷新页面后重试"});
  if (!equal_secrets(header_token, expected))
    return fail(Error{ErrorCode::kCsrfFailed, "CSRF 令牌无效，请刷新页面后重试"});
  return {};
}

}  // namespace duibiao
