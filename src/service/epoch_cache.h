#pragma once
// Answers kept per process under the statistics epoch (migration 16). Every write to a table the
// campaign statistics and lists read moves the epoch on in its own transaction; a caller reads
// the epoch BEFORE the data and puts it in the key, so an entry holds data at least as new as its
// key's epoch and is never served once the epoch has moved (a write in between the two reads only
// costs a miss next time). The epoch lives in the database, so another process's write
// invalidates as well as this one's.
#include <cstddef>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace duibiao {

// A key made of fields, each prefixed by its length: free text ("a|b") cannot pose as two fields.
class CacheKey {
 public:
  CacheKey& add(std::string_view field) {
    key_ += std::to_string(field.size());
    key_ += ':';
    key_ += field;
    return *this;
  }
  CacheKey& add(long long n) { return add(std::string_view(std::to_string(n))); }
  const std::string& str() const { return key_; }

 private:
  std::string key_;
};

// A computed value and, once a handler asks for it, the body it rendered from it: a warm hit then
// costs the key's lookup and a copy of the bytes.
template <class T>
class CachedAnswer {
 public:
  explicit CachedAnswer(T v) : value(std::move(v)) {}
  const T value;
  template <class Render>
  const std::string& rendered(Render&& render) const {
    std::call_once(once_, [&] { body_ = render(value); });
    return body_;
  }

 private:
  mutable std::once_flag once_;
  mutable std::string body_;
};

// Bounded (everything is dropped when full: entries of older epochs are never read again) and
// single-flight: concurrent misses of one key wait for one computation instead of each running
// it, which is what 16 connections do right after a write.
template <class V>
class EpochCache {
 public:
  using Ptr = std::shared_ptr<const V>;
  explicit EpochCache(size_t max_entries) : max_(max_entries) {}

  // The value under `key`, else `compute()`'s, kept unless it is null (an error: the caller
  // keeps it aside). Waiters of a computation that failed or threw compute on their own.
  template <class Compute>
  Ptr get(const std::string& key, Compute&& compute) {
    std::shared_future<Ptr> waiting;
    std::promise<Ptr> mine;
    {
      std::lock_guard lock(mutex_);
      if (auto it = map_.find(key); it != map_.end()) {
        waiting = it->second;
      } else {
        if (map_.size() >= max_) map_.clear();
        map_.emplace(key, mine.get_future().share());
      }
    }
    if (waiting.valid()) {
      try {
        if (Ptr v = waiting.get()) return v;
      } catch (...) {
      }
      return compute();
    }
    Ptr v;
    try {
      v = compute();
    } catch (...) {
      mine.set_exception(std::current_exception());
      forget(key);
      throw;
    }
    mine.set_value(v);
    if (!v) forget(key);
    return v;
  }

  size_t size() {
    std::lock_guard lock(mutex_);
    return map_.size();
  }

 private:
  void forget(const std::string& key) {
    std::lock_guard lock(mutex_);
    map_.erase(key);
  }
  size_t max_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_future<Ptr>> map_;
};

}  // namespace duibiao
