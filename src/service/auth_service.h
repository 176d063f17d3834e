#pragma once

#include <string>

#include "domain/error.h"
#include "domain/models.h"
#include "service/app.h"

namespace duibiao {

struct LoginResult {
  User user;
  std::string session_token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
};

// Resolves a session cookie into a caller (anonymous when missing, expired or disabled).
Caller authenticate(App& app, const std::string& session_token, const std::string& remote_addr);

Result<LoginResult> login(App& app, const Caller& caller, const std::string& username,
                          const std::string& password);
void logout(App& app, const Caller& caller);
Result<void> change_password(App& app, const Caller& caller, const std::string& old_password,
                             const std::string& new_password);

// Creates a session for a user inside an open transaction (login and registration share it).
LoginResult open_session(App& app, Tx& tx, const User& user, const std::string& remote_addr);

// CSRF for a mutating request: with a session, the header must equal the session's token;
// without one, it must equal the pre-session cookie (double submit).
Result<void> check_csrf(const Caller& caller, const std::string& header_token,
                        const std::string& cookie_token);

}  // namespace duibiao
