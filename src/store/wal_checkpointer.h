#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace duibiao {

// SQLite: copies the log's pages into the database file on a thread of its own (PASSIVE
// checkpoints on a connection of its own), so that the writer's COMMIT no longer does all of
// it. The writer keeps its own checkpoint at a higher threshold (see Database), which then
// finds little left to copy and, having caught up with the log, lets the next write start the
// log again from its beginning (a checkpoint running beside the writes rarely catches up:
// frames keep coming). Without this, every 10,000th page stalled all writes for the whole copy
// and its fsync (median 34 ms, up to 85 ms at full scale).
class WalCheckpointer {
 public:
  struct Stats {
    long long passes = 0;  // checkpoints run
    long long copied = 0;  // frames of the log copied by them
    long long micros = 0;  // time spent in them
  };
  // Opens its own connection to `path`; throws std::runtime_error when it cannot.
  WalCheckpointer(const std::string& path, int pages_between);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // From the writer's log hook after each commit: `frames` in the log now. Wakes the thread
  // when that many have come since its last pass (cheap otherwise: two atomics).
  void committed(int frames);
  Stats stats() const;

 private:
  void run();
  struct Handle;
  std::unique_ptr<Handle> db_;
  int pages_between_;
  std::atomic<int> backfilled_{0};
  std::atomic<bool> wanted_{false};
  std::atomic<long long> passes_{0}, micros_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace duibiao
