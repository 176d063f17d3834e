#include "store/wal_checkpointer.h"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

namespace duibiao {

struct WalCheckpointer::Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

WalCheckpointer::WalCheckpointer(const std::string& path, int pages_between)
    : db_(std::make_unique<Handle>()), pages_between_(pages_between) {
  if (sqlite3_open_v2(path.c_str(), &db_->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                      nullptr) != SQLITE_OK)
    throw std::runtime_error("checkpointer: cannot open " + path + ": " +
                             (db_->db ? sqlite3_errmsg(db_->db) : "out of memory"));
  // As durable as the writers' own: the log is synced before its pages are copied, the file
  // after.
  sqlite3_exec(db_->db, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
  thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void WalCheckpointer::committed(int frames) {
  int done = backfilled_.load(std::memory_order_relaxed);
  if (frames < done) {  // the log started again from its beginning
    backfilled_.store(0, std::memory_order_relaxed);
    done = 0;
  }
  if (frames - done < pages_between_ || wanted_.exchange(true, std::memory_order_acq_rel)) return;
  std::lock_guard lock(mutex_);
  cv_.notify_one();
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || wanted_.load(std::memory_order_acquire); });
    if (stop_) return;
    lock.unlock();
    auto began = std::chrono::steady_clock::now();
    int log = 0, copied = 0;
    // PASSIVE: copies what no reader still needs from the file, waits for no one; a busy
    // answer (the writer is checkpointing itself) just skips this pass.
    int rc = sqlite3_wal_checkpoint_v2(db_->db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc == SQLITE_OK && copied >= 0) backfilled_.store(copied, std::memory_order_relaxed);
    passes_.fetch_add(1, std::memory_order_relaxed);
    micros_.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - began)
                          .count(),
                      std::memory_order_relaxed);
    wanted_.store(false, std::memory_order_release);
    lock.lock();
  }
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
  return {passes_.load(std::memory_order_relaxed), micros_.load(std::memory_order_relaxed)};
}

}  // namespace duibiao
