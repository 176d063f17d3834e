#pragma once

#include <string>
#include <string_view>

namespace duibiao {

// libsodium must be initialised once before any of these (init_security does it, idempotent).
void init_security();
// argon2id, libsodium's interactive limits (about 64 MiB and a fraction of a second here).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);
// URL-safe random token of `bytes` random bytes.
std::string random_token(size_t bytes = 32);
// Hex BLAKE2b of a session token: only the hash is stored, so a database leak yields no sessions.
std::string token_hash(std::string_view token);
// A random password with letters and digits that satisfies check_password.
std::string random_password();
// Constant-time comparison.
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace duibiao
