#include "service/session_cache.h"

namespace duibiao {
namespace {
// More distinct live sessions than this in one process: start over rather than grow (a flood of
// logins must not make the cache the process's largest allocation).
constexpr size_t kMaxEntries = 200000;
}  // namespace

std::shared_ptr<SessionCache> make_session_cache() {
  return std::make_shared<SessionCache>();
}

void SessionCache::sync(unsigned long long generation) {
  if (generation != generation_) {
    entries_.clear();
    generation_ = generation;
  }
}

std::optional<SessionCache::Identity> SessionCache::find(const std::string& token_hash,
                                                         unsigned long long generation,
                                                         std::chrono::milliseconds max_age,
                                                         long long now_unix) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  sync(generation);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.read_at >= max_age || it->second.identity.session.expires_at <= now_unix) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.identity;
}

void SessionCache::keep(const std::string& token_hash, Identity identity,
                        unsigned long long generation, unsigned long long current_generation) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  sync(current_generation);
  if (generation != current_generation) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(token_hash, Entry{std::move(identity), now});
}

size_t SessionCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace duibiao
