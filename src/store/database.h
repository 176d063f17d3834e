#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace duibiao {

enum class DbKind { kSqlite, kPostgresql };

// A connection leased for one unit of work; store functions take it first.
struct Tx {
  soci::session& sql;
  DbKind kind;
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
  // Runs fn in one transaction; commits when fn returns, rolls back when it throws.
  void write(const std::function<void(Tx&)>& fn);

  // SQLite only: a consistent copy made with the online backup API while the server runs.
  void backup_to(const std::string& file);

 private:
  Database() = default;
  DbKind kind_ = DbKind::kSqlite;
  std::string url_;
  std::string connect_string_;
  size_t pool_size_ = 0;
  std::unique_ptr<soci::connection_pool> pool_;
  std::mutex write_mutex_;
};

// True when a database error says a unique / foreign-key constraint was violated.
bool is_constraint_violation(const std::exception& e);

}  // namespace duibiao
