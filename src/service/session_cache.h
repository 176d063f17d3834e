#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/models.h"
#include "store/session_store.h"

namespace duibiao {

// Session → identity (user, role, region, enterprise, CSRF token) kept in memory, so an
// authenticated request does not query the session. How long an entry is trusted:
//  - in this process, not past the commit of any write that deleted a session or changed a user
//    (Database::identity_generation moves; the whole cache is dropped);
//  - on SQLite, not past any process's commit of such a change: the generation is then the
//    change signal's token (store/change_signal.h), which moves before that commit;
//  - on PostgreSQL (servers possibly on other hosts), across processes at most `max_age`
//    (ServiceConfig::session_check_ms): an older entry is read again from the database, so a
//    logout, password change or disabling done through another process is refused here within
//    that bound;
//  - never past the session's expiry (checked on every hit).
class SessionCache {
 public:
  struct Identity {
    SessionRow session;
    User user;
  };
  // nullopt when the session is not cached or its entry is older than max_age.
  std::optional<Identity> find(const std::string& token_hash, unsigned long long generation,
                               std::chrono::milliseconds max_age, long long now_unix);
  // Keeps what was read from the database, unless the generation moved since `generation`
  // (read before the database query) — that read may predate a revocation.
  void keep(const std::string& token_hash, Identity identity, unsigned long long generation,
            unsigned long long current_generation);
  size_t size();

 private:
  void sync(unsigned long long generation);  // with mutex_ held
  struct Entry {
    Identity identity;
    std::chrono::steady_clock::time_point read_at;
  };
  std::mutex mutex_;
  unsigned long long generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

std::shared_ptr<SessionCache> make_session_cache();

}  // namespace duibiao
