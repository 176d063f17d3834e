#include "store/database.h"

#include "store/change_signal.h"
#include "store/migration_counter_slots.h"
#include "store/prepared_query.h"
#include "store/wal_checkpointer.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace duibiao {

namespace {
// postgresql://user:password@host:port/dbname?sslmode=… → libpq key=value form (SOCI mangles URIs).
std::string pg_conninfo(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string params;
  if (auto q = rest.find('?'); q != std::string::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string userinfo, hostport, dbname;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    hostport = rest.substr(0, slash);
  } else {
    hostport = rest;
  }
  auto quote = [](const std::string& raw) {
    // URL components are percent-encoded (a password may contain '@' or '/').
    std::string v;
    for (size_t i = 0; i < raw.size(); ++i) {
      auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
      };
      if (raw[i] == '%' && i + 2 < raw.size() && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        v.push_back(static_cast<char>(hex(raw[i + 1]) * 16 + hex(raw[i + 2])));
        i += 2;
      } else {
        v.push_back(raw[i]);
      }
    }
    std::string q = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') q.push_back('\\');
      q.push_back(c);
    }
    return q + "'";
  };
  std::string out;
  auto add = [&](const char* key, const std::string& v) {
    if (!v.empty()) out += std::string(out.empty() ? "" : " ") + key + "=" + quote(v);
  };
  if (auto colon = hostport.rfind(':');
      colon != std::string::npos && hostport.find(']') == std::string::npos) {
    add("host", hostport.substr(0, colon));
    add("port", hostport.substr(colon + 1));
  } else {
    add("host", hostport);
  }
  add("dbname", dbname);
  if (auto colon = userinfo.find(':'); colon != std::string::npos) {
    add("user", userinfo.substr(0, colon));
    add("password", userinfo.substr(colon + 1));
  } else {
    add("user", userinfo);
  }
  for (const auto& kv : [&] {
         std::vector<std::string> v;
         size_t s = 0;
         while (s < params.size()) {
           size_t e = params.find('&', s);
           if (e == std::string::npos) e = params.size();
           v.push_back(params.substr(s, e - s));
           s = e + 1;
         }
         return v;
       }()) {
    auto eq = kv.find('=');
    if (eq != std::string::npos) add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
  }
  // A server that does not answer fails the (re)connection in seconds, as a 503, instead of
  // holding a worker thread for the kernel's TCP timeout.
  if (out.find("connect_timeout=") == std::string::npos) add("connect_timeout", "5");
  return out;
}

// Process-wide SQLite settings, before the library initialises: no global memory statistics
// (their mutex serialised every allocation across worker threads), and multi-thread mode,
// since a connection is only ever used by the one thread that leased it from the pool.
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    using namespace sqlite_api;
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  });
}

// Pages in the log after which the writer's COMMIT checkpoints (SQLite's default: 1,000) and
// after which the background checkpointer copies what has come since its last pass. The writer's
// then finds at most about a fifth of the log left to copy, and restarts the log.
constexpr int kWriterCheckpointPages = 10000;
constexpr int kBackgroundCheckpointPages = 2000;

// The writer's log hook (in place of SQLite's auto-checkpoint, which is the same hook with the
// checkpoint only).
int writer_wal_hook(void* checkpointer, sqlite_api::sqlite3* db, const char* name, int frames) {
  using namespace sqlite_api;
  auto* c = static_cast<WalCheckpointer*>(checkpointer);
  if (frames >= kWriterCheckpointPages)
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  else
    c->committed(frames);  // it sees the log restarted by the count going down
  return SQLITE_OK;
}

void configure_sqlite(soci::session& sql) {
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA synchronous = FULL";
  sql << "PRAGMA busy_timeout = 10000";
  // Reads through a memory map instead of read(2) into each connection's page cache: in WAL
  // mode a connection drops its whole cache whenever another one committed, so under a stream of
  // writes every request re-read its pages with a system call and a copy. Capped by the
  // library's SQLITE_MAX_MMAP_SIZE (Debian: 2 GiB); writes still go through write(2).
  sql << "PRAGMA mmap_size = 17179869184";
}
}  // namespace

// Times the statement running on one connection, for the slow-query log.
struct QueryTimer {
  const Database::SlowQueryHook* hook = nullptr;
  long long threshold_micros = 0;
  std::string sql;
  std::chrono::steady_clock::time_point start;
  bool active = false;
  void begin(std::string_view text) {
    end();
    sql.assign(text);
    start = std::chrono::steady_clock::now();
    active = true;
  }
  void end() {
    if (!active) return;
    active = false;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    if (micros >= threshold_micros && hook && *hook) (*hook)(sql, micros);
  }
};

namespace {
// SOCI announces each statement it prepares (also every `sql << …`) to the session's logger.
class TimingLogger : public soci::logger_impl {
 public:
  explicit TimingLogger(QueryTimer* timer) : timer_(timer) {}
  void start_query(std::string const& query) override { timer_->begin(query); }

 private:
  logger_impl* do_clone() const override { return new TimingLogger(timer_); }
  QueryTimer* timer_;
};
}  // namespace

void note_statement(Tx& tx, std::string_view sql) {
  if (auto* t = tx.connection.timer.get()) t->begin(sql);
}

void Database::log_slow_queries(int threshold_ms, SlowQueryHook hook) {
  slow_hook_ = std::move(hook);
  slow_threshold_micros_ = static_cast<long long>(threshold_ms) * 1000;
  auto attach_timer = [&](Connection& c) {
    c.timer = std::make_unique<QueryTimer>();
    c.timer->hook = &slow_hook_;
    c.timer->threshold_micros = slow_threshold_micros_;
    c.session->set_logger(new TimingLogger(c.timer.get()));
  };
  for (auto& c : connections_) attach_timer(*c);
  if (writer_) attach_timer(*writer_);
}

Database::PoolStats Database::pool_stats() const {
  return {static_cast<long long>(connections_.size()), in_use_.load(std::memory_order_relaxed),
          waits_.load(std::memory_order_relaxed), wait_micros_.load(std::memory_order_relaxed)};
}

Connection::Connection() : session(std::make_unique<soci::session>()) {}
Connection::~Connection() {
  prepared.clear();
}  // statements go before their session

class Database::Lease {
 public:
  Lease(Database& db, size_t index) : db_(db), index_(index) {}
  Lease(const Lease&) = delete;
  ~Lease() {
    if (auto* t = connection().timer.get()) t->end();
    db_.in_use_.fetch_sub(1, std::memory_order_relaxed);
    {
      std::lock_guard lock(db_.pool_mutex_);
      db_.free_.push_back(index_);
    }
    db_.pool_cv_.notify_one();
  }
  Connection& connection() { return *db_.connections_[index_]; }

 private:
  Database& db_;
  size_t index_;
};

Database::Lease Database::lease() {
  std::unique_lock lock(pool_mutex_);
  if (free_.empty()) {
    waits_.fetch_add(1, std::memory_order_relaxed);
    auto t0 = std::chrono::steady_clock::now();
    pool_cv_.wait(lock, [&] { return !free_.empty(); });
    wait_micros_.fetch_add(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count(),
        std::memory_order_relaxed);
  }
  in_use_.fetch_add(1, std::memory_order_relaxed);
  size_t index = free_.back();
  free_.pop_back();
  return Lease(*this, index);
}

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
  std::unique_ptr<Database> db(new Database());
  db->url_ = url;
  size_t count = static_cast<size_t>(pool_size < 1 ? 1 : pool_size);
  if (url.rfind("sqlite:", 0) == 0) {
    db->kind_ = DbKind::kSqlite;
    configure_sqlite_library();
    std::string path = url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    if (path.empty()) throw std::runtime_error("sqlite URL needs a path: sqlite:PATH");
    db->connect_string_ = "db=" + path + " timeout=10 shared_cache=false";
    bool in_memory = path == ":memory:" || path.rfind("file::memory:", 0) == 0;
    db->signal_ = ChangeSignal::open(in_memory ? std::string() : path + "-duibiao");
    if (!in_memory) db->file_path_ = path;
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    db->kind_ = DbKind::kPostgresql;
    db->connect_string_ = pg_conninfo(url);
  } else {
    throw std::runtime_error("unknown database URL '" + url +
                             "': expected sqlite:PATH or postgresql://USER@HOST:PORT/DB");
  }
  for (size_t i = 0; i < count; ++i) {
    db->connections_.push_back(std::make_unique<Connection>());
    db->free_.push_back(i);
    db->open_connection(*db->connections_.back(), i == 0);
  }
  if (db->kind_ == DbKind::kSqlite) {
    if (!db->file_path_.empty())
      db->checkpointer_ =
          std::make_unique<WalCheckpointer>(db->file_path_, kBackgroundCheckpointPages);
    db->writer_ = std::make_unique<Connection>();
    db->writer_->writer = true;
    db->open_connection(*db->writer_, false);
  }
  return db;
}

void Database::open_connection(Connection& c, bool first) {
  soci::session& s = *c.session;
  if (kind_ == DbKind::kSqlite) {
    s.open(soci::sqlite3, connect_string_);
    if (first) s << "PRAGMA journal_mode = WAL";
    configure_sqlite(s);
    // The writer's pages stay valid between its own commits (see Database::writer_): room for
    // the hot ones of a national data set (counters, the results' indexes).
    if (c.writer) s << "PRAGMA cache_size = -65536";
    using namespace sqlite_api;
    auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
    // The writer's checkpoints (in the COMMIT that crosses the threshold) come ten times rarer
    // than by default: the pages every write group rewrites (counters, the epoch) are copied to
    // the database file once per 10,000 logged pages, not per 1,000; a file database has the
    // background checkpointer besides (writer_wal_hook).
    if (c.writer && checkpointer_)
      sqlite3_wal_hook(backend->conn_, writer_wal_hook, checkpointer_.get());
    else if (c.writer)
      sqlite3_wal_autocheckpoint(backend->conn_, kWriterCheckpointPages);
    sqlite3_update_hook(
        backend->conn_,
        [](void* conn, int op, const char*, const char* table, sqlite3_int64) {
          static_cast<Connection*>(conn)->changed |= change_bits_of(table, op == SQLITE_INSERT);
        },
        &c);
  } else {
    s.open(soci::postgresql, connect_string_);
    s << "SET client_min_messages TO WARNING";
    // The counter slot of this connection (migration 28): the first free one of every process
    // on the server, held by a session advisory lock until the connection ends. Two connections
    // share a slot only when more than kCounterSlots are open (they then may wait for each
    // other, as before the slots).
    std::string slot;
    s << "SELECT set_config('duibiao.counter_slot', COALESCE((SELECT CAST(n AS TEXT) FROM "
         "generate_series(1, "
      << kCounterSlots << ") n WHERE pg_try_advisory_lock(" << kCounterSlotLockClass
      << ", n) LIMIT 1), '0'), false)",
        soci::into(slot);
  }
}

namespace {
long long steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The native handles (the backends' classes export no type information: the caller knows the
// kind of the session).
PGconn* pg_handle(soci::session& s) {
  auto* b = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return b ? b->conn_ : nullptr;
}

sqlite_api::sqlite3* sqlite_handle(soci::session& s) {
  auto* b = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  return b ? b->conn_ : nullptr;
}

// An idle PostgreSQL connection has nothing to read; when the server went away (a restart, a
// crash, an administrator's pg_terminate_backend) the socket shows the hang-up. One poll(2) with
// no wait: cheap enough for every lease.
bool pg_idle_connection_alive(PGconn* c) {
  if (!c || PQstatus(c) != CONNECTION_OK) return false;
  int fd = PQsocket(c);
  if (fd < 0) return false;
  pollfd p{fd, static_cast<short>(POLLIN | POLLRDHUP), 0};
  int r = ::poll(&p, 1, 0);
  if (r <= 0) return true;
  if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return false;
  // Something else while idle (a notice): let libpq read it, then ask again.
  if (PQconsumeInput(c) == 0) return false;
  return PQstatus(c) == CONNECTION_OK;
}

// PostgreSQL SQLSTATEs of a server that is going away or not there yet (57P01 admin shutdown,
// 57P02 crash shutdown, 57P03 cannot connect now, class 08 connection exceptions, 53300 too many
// connections).
bool pg_unavailable_state(const std::string& state) {
  return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03" ||
         state == "53300";
}
}  // namespace

namespace {
// A statement stepped but not reset keeps its connection's read transaction, and with it an old
// snapshot: reads would see the past, and a write would fail at once with SQLITE_BUSY_SNAPSHOT
// ("database is locked") when another connection committed meanwhile. A leased connection runs
// nothing yet, so anything still active there is such a leftover.
void reset_lingering_statements(sqlite_api::sqlite3* h) {
  using namespace sqlite_api;
  if (!h || sqlite3_get_autocommit(h) == 0) return;
  for (sqlite3_stmt* st = sqlite3_next_stmt(h, nullptr); st; st = sqlite3_next_stmt(h, st))
    if (sqlite3_stmt_busy(st)) sqlite3_reset(st);
}
}  // namespace

void Database::ensure_usable(Connection& c) {
  if (!c.broken && kind_ == DbKind::kPostgresql && !pg_idle_connection_alive(pg_handle(*c.session)))
    c.broken = true;
  if (!c.broken) {
    if (kind_ == DbKind::kSqlite) reset_lingering_statements(sqlite_handle(*c.session));
    return;
  }
  long long now = steady_ms();
  if (c.failed_reopen_at_ms > 0 && now - c.failed_reopen_at_ms < 200)
    throw EnvironmentFailure(ErrorCode::kUnavailable, "database connection lost; reopening");
  // Statements prepared on the old connection go first (PostgreSQL's deallocate them on it).
  c.prepared.clear();
  try {
    c.session->close();
  } catch (const std::exception&) {
  }
  try {
    open_connection(c, false);
    c.broken = false;
    c.failed_reopen_at_ms = 0;
  } catch (const std::exception& e) {
    c.failed_reopen_at_ms = now;
    throw EnvironmentFailure(ErrorCode::kUnavailable,
                             std::string("cannot reopen the database connection: ") + e.what());
  }
}

std::optional<EnvironmentFailure> Database::classify_failure(Connection& c, const std::exception& e,
                                                             bool end_transaction) {
  if (auto* f = dynamic_cast<const EnvironmentFailure*>(&e)) return *f;
  soci::session& s = *c.session;
  if (kind_ == DbKind::kSqlite) {
    using namespace sqlite_api;
    sqlite3* h = sqlite_handle(s);
    // A transaction SQLite could not end (it may keep one open after an I/O error): roll it
    // back, or open the connection again, so that it does not hold the write lock for ever.
    if (end_transaction && h && sqlite3_get_autocommit(h) == 0) {
      if (sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) c.broken = true;
    }
    auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
    int rc = se ? (se->result() & 0xff) : 0;
    std::string_view m = e.what();
    bool full = rc == SQLITE_FULL || m.find("database or disk is full") != m.npos ||
                (h && (rc == SQLITE_IOERR || m.find("disk I/O error") != m.npos) &&
                 (sqlite3_system_errno(h) == ENOSPC || sqlite3_system_errno(h) == EDQUOT));
    if (full) return EnvironmentFailure(ErrorCode::kInsufficientStorage, e.what());
    if (rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN) {
      c.broken = true;
      return EnvironmentFailure(ErrorCode::kUnavailable, e.what());
    }
    return std::nullopt;
  }
  PGconn* h = pg_handle(s);
  std::string state;
  if (auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&e)) state = pe->sqlstate();
  if (state == "53100") return EnvironmentFailure(ErrorCode::kInsufficientStorage, e.what());
  // A deadlock or serialization failure rolled the transaction back: nothing was kept, and the
  // same request may succeed when sent again.
  if (state == "40P01" || state == "40001")
    return EnvironmentFailure(ErrorCode::kUnavailable, e.what());
  if (!h || PQstatus(h) != CONNECTION_OK || pg_unavailable_state(state)) {
    c.broken = true;
    return EnvironmentFailure(ErrorCode::kUnavailable, e.what());
  }
  return std::nullopt;
}

Database::~Database() = default;

std::string_view Database::kind_name() const {
  return kind_ == DbKind::kSqlite ? "sqlite" : "postgresql";
}

std::optional<std::uint64_t> Database::change_token(std::uint64_t bits) const {
  if (!signal_) return std::nullopt;
  return signal_->token(bits);
}

namespace {
// Raises the signal around one COMMIT (see ChangeSignal): begin when made, end when destroyed,
// whether the COMMIT returned or threw.
class SignalRaise {
 public:
  SignalRaise(ChangeSignal* signal, std::uint64_t bits) : signal_(bits ? signal : nullptr) {
    if (signal_) raised_ = signal_->begin(bits);
  }
  ~SignalRaise() {
    if (signal_) signal_->end(raised_);
  }
  SignalRaise(const SignalRaise&) = delete;
  SignalRaise& operator=(const SignalRaise&) = delete;

 private:
  ChangeSignal* signal_;
  ChangeSignal::Raised raised_;
};
}  // namespace

void Database::read(const std::function<void(Tx&)>& fn) {
  Lease lease = this->lease();
  Connection& c = lease.connection();
  ensure_usable(c);
  Tx tx{*c.session, kind_, c};
  c.changed = 0;
  // A read is not meant to write; if one did (autocommit, already committed), tell the others
  // late rather than never.
  struct LateSignal {
    Connection& c;
    ChangeSignal* signal;
    ~LateSignal() {
      if (c.changed) {
        SignalRaise once(signal, c.changed);
      }
      c.changed = 0;
    }
  } late{c, signal_.get()};
  try {
    fn(tx);
  } catch (const std::exception& e) {
    if (auto f = classify_failure(c, e)) throw *f;
    throw;
  }
}

void Database::write(const std::function<void(Tx&)>& fn) {
  if (kind_ == DbKind::kSqlite) return write_sqlite_grouped(fn);
  Lease lease = this->lease();
  Connection& c = lease.connection();
  ensure_usable(c);
  soci::session& sql = *c.session;
  Tx tx{sql, kind_, c};
  c.identity_changed = false;
  try {
    soci::transaction tr(sql);
    fn(tx);
    note_statement(tx, "COMMIT");
    tr.commit();
  } catch (const std::exception& e) {
    if (auto f = classify_failure(c, e)) throw *f;
    throw;
  }
  if (c.identity_changed) identity_generation_.fetch_add(1, std::memory_order_acq_rel);
}

// A write waiting for its group's COMMIT (lives on the caller's stack until done).
struct Database::PendingWrite {
  const std::function<void(Tx&)>* fn = nullptr;
  std::string context;
  std::exception_ptr error;
  bool done = false;
};

void Database::carry_thread_context(ContextCapture capture, ContextInstall install) {
  context_capture_ = std::move(capture);
  context_install_ = std::move(install);
}

Database::GroupCommitStats Database::group_commit_stats() const {
  WalCheckpointer::Stats background =
      checkpointer_ ? checkpointer_->stats() : WalCheckpointer::Stats{};
  return {groups_.load(std::memory_order_relaxed),
          grouped_writes_.load(std::memory_order_relaxed),
          largest_group_.load(std::memory_order_relaxed),
          group_write_micros_.load(std::memory_order_relaxed),
          group_commit_micros_.load(std::memory_order_relaxed),
          background.passes,
          background.micros};
}

// SQLite has one writer; most of a short write's time is its COMMIT (the WAL pages and an fsync,
// synchronous=FULL). The writes that queue up while one group commits form the next group, so
// under load one fsync acknowledges many writes, and a lone write never waits for company.
void Database::write_sqlite_grouped(const std::function<void(Tx&)>& fn) {
  PendingWrite me;
  me.fn = &fn;
  if (context_capture_) me.context = context_capture_();
  std::unique_lock lock(group_mutex_);
  group_queue_.push_back(&me);
  group_cv_.wait(lock, [&] { return me.done || !group_leader_; });
  if (!me.done) {
    group_leader_ = true;
    std::vector<PendingWrite*> group(group_queue_.begin(), group_queue_.end());
    group_queue_.clear();
    lock.unlock();
    commit_group(group);
    lock.lock();
    // After `done` the waiting callers may return and free their PendingWrite: not touched again.
    for (auto* w : group) w->done = true;
    group_leader_ = false;
    lock.unlock();
    group_cv_.notify_all();
  }
  if (me.error) std::rethrow_exception(me.error);
}

void Database::commit_group(std::vector<PendingWrite*>& group) {
  std::string own_context = context_capture_ ? context_capture_() : std::string();
  PendingWrite* running = nullptr;
  // The whole transaction failed (or SQLite rolled it back itself): every write of the group
  // fails; the one that caused it with its own error, the others as "send it again".
  auto fail_group = [&](std::exception_ptr cause, bool environment) {
    for (auto* w : group) {
      if (w->error) continue;
      if (w == running || environment || group.size() == 1)
        w->error = cause;
      else
        w->error = std::make_exception_ptr(EnvironmentFailure(
            ErrorCode::kUnavailable, "the write was rolled back with another one; send it again"));
    }
  };
  try {
    // Only the group's leader runs this: the writer is never used by two threads at once.
    Connection& c = *writer_;
    struct EndTiming {
      Connection& c;
      ~EndTiming() {
        if (auto* t = c.timer.get()) t->end();
      }
    } end_timing{c};
    ensure_usable(c);
    soci::session& sql = *c.session;
    Tx tx{sql, kind_, c};
    c.identity_changed = false;
    c.changed = 0;
    bool grouped = group.size() > 1;
    try {
      // IMMEDIATE: the write lock and the snapshot together (waiting for another process's
      // writer with the busy timeout), never a read snapshot upgraded later.
      auto began = std::chrono::steady_clock::now();
      sql << "BEGIN IMMEDIATE";
      for (auto* w : group) {
        running = w;
        if (context_install_) context_install_(w->context);
        if (!grouped) {
          (*w->fn)(tx);
          continue;
        }
        sql << "SAVEPOINT group_write";
        try {
          (*w->fn)(tx);
          sql << "RELEASE group_write";
        } catch (const std::exception& e) {
          using namespace sqlite_api;
          sqlite3* h = sqlite_handle(sql);
          // SQLite may have rolled the whole transaction back (disk full, I/O error): then
          // nothing of the group is kept and it fails as a whole.
          if (!h || sqlite3_get_autocommit(h) != 0 ||
              sqlite3_exec(h, "ROLLBACK TO group_write; RELEASE group_write", nullptr, nullptr,
                           nullptr) != SQLITE_OK)
            throw;
          auto f = classify_failure(c, e, false);
          w->error = f ? std::make_exception_ptr(*f) : std::current_exception();
        }
      }
      running = nullptr;
      if (context_install_) context_install_(own_context);
      note_statement(tx, "COMMIT");
      SignalRaise raise(signal_.get(),
                        c.changed | (c.identity_changed ? std::uint64_t{kIdentityChanges} : 0));
      auto committing = std::chrono::steady_clock::now();
      sql << "COMMIT";
      auto micros = [](auto d) {
        return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
      };
      group_write_micros_.fetch_add(micros(committing - began), std::memory_order_relaxed);
      group_commit_micros_.fetch_add(micros(std::chrono::steady_clock::now() - committing),
                                     std::memory_order_relaxed);
    } catch (const std::exception& e) {
      if (context_install_) context_install_(own_context);
      auto f = classify_failure(c, e);  // rolls back what is still open
      fail_group(f ? std::make_exception_ptr(*f) : std::current_exception(), f.has_value());
      return;
    } catch (...) {  // not an exception of ours: roll back before the connection goes back
      using namespace sqlite_api;
      if (sqlite3* h = sqlite_handle(sql); h && sqlite3_get_autocommit(h) == 0)
        sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
    if (c.identity_changed) identity_generation_.fetch_add(1, std::memory_order_acq_rel);
    groups_.fetch_add(1, std::memory_order_relaxed);
    grouped_writes_.fetch_add(static_cast<long long>(group.size()), std::memory_order_relaxed);
    long long size = static_cast<long long>(group.size());
    long long largest = largest_group_.load(std::memory_order_relaxed);
    while (size > largest && !largest_group_.compare_exchange_weak(largest, size)) {
    }
  } catch (const EnvironmentFailure&) {  // no connection to write with
    if (context_install_) context_install_(own_context);
    running = nullptr;
    fail_group(std::current_exception(), true);
  } catch (...) {  // anything else must not leave the group waiting for ever
    if (context_install_) context_install_(own_context);
    fail_group(std::current_exception(), false);
  }
}

void Database::backup_to(const std::string& file) {
  if (kind_ != DbKind::kSqlite)
    throw std::runtime_error("backup: use pg_dump for a PostgreSQL database");
  using namespace sqlite_api;  // SOCI wraps the SQLite C API in this namespace
  Lease lease = this->lease();
  soci::session& sql = *lease.connection().session;
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  sqlite3* src = backend->conn_;
  sqlite3* dst = nullptr;
  if (sqlite3_open(file.c_str(), &dst) != SQLITE_OK) {
    std::string msg = dst ? sqlite3_errmsg(dst) : "out of memory";
    sqlite3_close(dst);
    throw std::runtime_error("backup: cannot open " + file + ": " + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    sqlite3_close(dst);
    throw std::runtime_error("backup: " + msg);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  int err = sqlite3_errcode(dst);
  std::string msg = sqlite3_errmsg(dst);
  sqlite3_close(dst);
  if (rc != SQLITE_DONE || err != SQLITE_OK) throw std::runtime_error("backup failed: " + msg);
}

bool is_constraint_violation(const std::exception& e) {
  if (auto* se = dynamic_cast<const soci::soci_error*>(&e)) {
    if (se->get_error_category() == soci::soci_error::constraint_violation) return true;
  }
  std::string_view m = e.what();
  return m.find("UNIQUE constraint failed") != m.npos || m.find("duplicate key value") != m.npos ||
         m.find("unique constraint") != m.npos;
}

}  // namespace duibiao
