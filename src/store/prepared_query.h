#pragma once

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace duibiao {

// A single-row query prepared once per connection and executed many times. Parameters are
// typed by a signature: 's' binds a string, 'i' a 64-bit integer, in placeholder order.
class PreparedQuery {
 public:
  PreparedQuery(soci::session& sql, std::string_view text, std::string_view signature);
  void set(size_t i, const std::string& v) { strings_[i] = v; }
  void set(size_t i, long long v) { integers_[i] = v; }
  // Runs the query and hands the first row (if any) to `consume`; then steps the statement to its
  // end so that SQLite ends the implicit read transaction (a statement left mid-result would
  // pin an old snapshot for every later read on this connection). Returns whether a row came.
  template <class Consume>
  bool run(Consume&& consume) {
    if (!statement_.execute(true)) return false;
    consume(static_cast<const soci::row&>(row_));
    while (statement_.fetch()) {
    }
    return true;
  }

 private:
  std::vector<std::string> strings_;
  std::vector<long long> integers_;
  soci::row row_;
  soci::statement statement_;
};

// The connection's prepared statement for `text` (a constexpr SQL constant: its address is the
// key), preparing it on first use. A statement that failed is dropped and prepared again.
PreparedQuery& prepared(Tx& tx, const std::string_view& text, std::string_view signature);
void forget_prepared(Tx& tx, const std::string_view& text);

// Binds with bind(query), runs, and passes the row to consume(row); returns whether a row came
// back. A database error drops the statement from the cache before it propagates, so the next
// use prepares it afresh.
template <class Bind, class Consume>
bool run_prepared(Tx& tx, const std::string_view& text, std::string_view signature, Bind&& bind,
                  Consume&& consume) {
  PreparedQuery& q = prepared(tx, text, signature);
  try {
    bind(q);
    return q.run(consume);
  } catch (...) {
    forget_prepared(tx, text);
    throw;
  }
}

}  // namespace duibiao
