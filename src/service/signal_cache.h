#pragma once
// Answers kept per process under the change signal (store/change_signal.h, SQLite): each entry
// holds the token of the tables it was read from, and is served only while the token still
// stands, so a write through any process to those tables is seen by the next request. The
// caller takes the token BEFORE reading the data and keeps the answer only if the token is the
// same afterwards (a write in between only costs a miss).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace duibiao {

template <class V>
class SignalCache {
 public:
  using Ptr = std::shared_ptr<const V>;
  explicit SignalCache(size_t max_entries) : max_(max_entries) {}

  Ptr find(const std::string& key, std::uint64_t token) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.first != token) return nullptr;
    return it->second.second;
  }
  // Keeps `value` read under `token` (taken before the read) if `current` (taken after) equals it.
  void keep(const std::string& key, std::uint64_t token, std::uint64_t current, Ptr value) {
    if (token != current) return;
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_) entries_.clear();  // bounded; stale entries are never served
    entries_.insert_or_assign(key, std::pair{token, std::move(value)});
  }
  size_t size() {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  size_t max_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<std::uint64_t, Ptr>> entries_;
};

}  // namespace duibiao
