#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace soci {
class session;
}  // namespace soci

namespace duibiao {

class ChangeSignal;     // store/change_signal.h
class WalCheckpointer;  // store/wal_checkpointer.h

enum class DbKind { kSqlite, kPostgresql };

class PreparedQuery;
struct QueryTimer;

// One pooled connection and the statements prepared on it (the hot read paths reuse them
// instead of parsing the same SQL on every request).
struct Connection {
  std::unique_ptr<soci::session> session;
  std::map<const void*, std::unique_ptr<PreparedQuery>> prepared;  // keyed by the SQL constant
  std::unique_ptr<QueryTimer> timer;  // set when the slow-query log is on
  // Set when a unit of work left the connection unusable (PostgreSQL gone, a transaction SQLite
  // could not end): the next lease opens it again instead of failing forever.
  bool broken = false;
  long long failed_reopen_at_ms = 0;  // last reopen that failed (to not hammer a restarting server)
  // Set by store functions that change who a session stands for (see mark_identity_changed).
  bool identity_changed = false;
  // SQLite: the ChangeBits of the rows changed since the unit of work began (the update hook).
  std::uint64_t changed = 0;
  // SQLite: the connection that commits the write groups, never leased for reads.
  bool writer = false;
  Connection();
  ~Connection();
};

// A connection leased for one unit of work; store functions take it first.
struct Tx {
  soci::session& sql;
  DbKind kind;
  Connection& connection;
};

// One client interface over SQLite (default) and PostgreSQL, both through SOCI.
// SQLite: WAL, foreign keys on, synchronous=FULL, busy timeout; writers are serialized
// in-process so readers never wait on a writer and writers never fail with SQLITE_BUSY.
class Database {
 public:
  // url: "sqlite:PATH" or "postgresql://…" (also "postgres://…"). Throws std::runtime_error
  // when the database cannot be opened: that ends the program's start.
  static std::unique_ptr<Database> open(const std::string& url, int pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  DbKind kind() const { return kind_; }
  std::string_view kind_name() const;
  const std::string& url() const { return url_; }

  // Runs fn with a leased connection, no transaction.
  void read(const std::function<void(Tx&)>& fn);
  // Runs fn in one transaction; commits when fn returns, rolls back when it throws. On SQLite,
  // writes that arrive while another is running are committed together (group commit): each in a
  // savepoint of its own (a throwing fn undoes only its part), one COMMIT and one fsync for the
  // group; each caller returns only after that COMMIT (synchronous=FULL), so nothing acknowledged
  // can be lost.
  void write(const std::function<void(Tx&)>& fn);

  // Per-thread context (the request id of the log lines) of the thread that called write(): a
  // grouped fn runs on the thread that commits the group, which installs the caller's context
  // around it. Call once, before serving.
  using ContextCapture = std::function<std::string()>;
  using ContextInstall = std::function<void(const std::string&)>;
  void carry_thread_context(ContextCapture capture, ContextInstall install);

  struct GroupCommitStats {
    long long groups = 0, writes = 0, largest = 0;
    // Time the writer spent running the groups' writes and their COMMITs (the WAL and fsync):
    // the single writer's serial time, which bounds SQLite's write throughput.
    long long write_micros = 0, commit_micros = 0;
    // SQLite's log copied into the file off the writer (see WalCheckpointer).
    long long background_checkpoints = 0, background_checkpoint_micros = 0;
  };
  GroupCommitStats group_commit_stats() const;

  // Bumped after every committed write that revoked a session or changed a user (store functions
  // call mark_identity_changed): in-process caches of session identities drop what they hold.
  unsigned long long identity_generation() const {
    return identity_generation_.load(std::memory_order_acquire);
  }

  // SQLite: a token of the committed state of the tables in `bits` (ChangeBits), the same only
  // while no process has committed a change to them (store/change_signal.h); nullopt while such
  // a commit is under way, and always on PostgreSQL, whose servers may run on other hosts.
  std::optional<std::uint64_t> change_token(std::uint64_t bits) const;
  bool has_change_signal() const { return signal_ != nullptr; }

  // SQLite only: a consistent copy made with the online backup API while the server runs.
  void backup_to(const std::string& file);

  struct PoolStats {
    long long size = 0, in_use = 0, waits = 0, wait_micros = 0;
  };
  PoolStats pool_stats() const;

  // Slow-query log: `hook(sql, micros)` for every statement that took at least threshold_ms
  // (SQL text only, never the bound values). A statement is timed from its start to the start of
  // the next one on its connection or the end of its unit of work (so fetching its rows counts);
  // a write's COMMIT is timed as a statement of its own. Call once, before serving.
  using SlowQueryHook = std::function<void(std::string_view sql, long long micros)>;
  void log_slow_queries(int threshold_ms, SlowQueryHook hook);

 private:
  Database() = default;
  // Leases a connection for the scope of the returned guard (waits when all are busy).
  class Lease;
  Lease lease();
  // Reopens a broken connection and checks that an idle PostgreSQL connection is still there
  // (a restarted server closes it); throws EnvironmentFailure(kUnavailable) when it cannot.
  void ensure_usable(Connection& c);
  void open_connection(Connection& c, bool first);
  // After a unit of work threw: the failure as the client should see it (disk full, database
  // unreachable), or nothing for the others; marks the connection broken when it is.
  // end_transaction: roll back a transaction SQLite left open (false inside a group, where only
  // the failed write's savepoint is undone).
  std::optional<EnvironmentFailure> classify_failure(Connection& c, const std::exception& e,
                                                     bool end_transaction = true);
  struct PendingWrite;
  void write_sqlite_grouped(const std::function<void(Tx&)>& fn);
  void commit_group(std::vector<PendingWrite*>& group);
  DbKind kind_ = DbKind::kSqlite;
  std::string url_;
  std::string connect_string_;
  std::string file_path_;  // SQLite: the database file (empty in memory)
  std::vector<std::unique_ptr<Connection>> connections_;
  // SQLite (a file): copies the log beside the writes. Declared before writer_: it outlives the
  // writer, whose log hook calls it.
  std::unique_ptr<WalCheckpointer> checkpointer_;
  // SQLite: every write group commits on this one connection. A connection drops its page cache
  // when another one committed since its last transaction; a writer of its own keeps the pages
  // its triggers walk (counters, indexes) between groups, as long as no other process writes.
  std::unique_ptr<Connection> writer_;
  std::vector<size_t> free_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::atomic<long long> in_use_{0}, waits_{0}, wait_micros_{0};
  SlowQueryHook slow_hook_;
  long long slow_threshold_micros_ = 0;
  std::atomic<unsigned long long> identity_generation_{0};
  std::unique_ptr<ChangeSignal> signal_;
  // SQLite group commit: writes wait here; the first one finding no leader commits the group.
  std::mutex group_mutex_;
  std::condition_variable group_cv_;
  std::deque<PendingWrite*> group_queue_;
  bool group_leader_ = false;
  std::atomic<long long> groups_{0}, grouped_writes_{0}, largest_group_{0};
  std::atomic<long long> group_write_micros_{0}, group_commit_micros_{0};
  ContextCapture context_capture_;
  ContextInstall context_install_;
};

// Marks the start of a statement SOCI does not announce (a prepared statement run again), for the
// slow-query log; does nothing when that log is off.
void note_statement(Tx& tx, std::string_view sql);

// Called by a store function inside a write whose commit must invalidate cached sessions
// (a session deleted, a user's role, region, password or status changed).
inline void mark_identity_changed(Tx& tx) {
  tx.connection.identity_changed = true;
}

// Called inside a write that changes what the update hook does not see (the schema): every
// cached answer of every process is dropped when it commits.
inline void mark_all_changed(Tx& tx) {
  tx.connection.changed = ~0ull;
}

// True when a database error says a unique / foreign-key constraint was violated.
bool is_constraint_violation(const std::exception& e);

}  // namespace duibiao
