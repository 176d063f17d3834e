#pragma once

#include <soci/soci.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace duibiao {

// A single-row query prepared once per connection and executed many times. Parameters and
// result columns are typed by signatures: 's' a string, 'i' a 64-bit integer, in order. Typed
// outputs are bound once, so a run allocates nothing for column descriptions.
class PreparedQuery {
 public:
  PreparedQuery(soci::session& sql, std::string_view text, std::string_view params,
                std::string_view columns);
  void set(size_t i, const std::string& v) { strings_[i] = v; }
  void set(size_t i, long long v) { integers_[i] = v; }
  // Column values of the current row; NULL reads as "" / 0.
  const std::string& str(size_t i) const {
    return out_ind_[i] == soci::i_null ? empty_ : out_str_[i];
  }
  long long integer(size_t i) const { return out_ind_[i] == soci::i_null ? 0 : out_int_[i]; }
  // Runs the query and hands the first row (if any) to `consume`; then steps the statement to its
  // end so that SQLite ends the implicit read transaction (a statement left mid-result would
  // pin an old snapshot for every later read on this connection). Returns whether a row came.
  // Rows changed by the last run of an UPDATE / INSERT / DELETE.
  long long affected_rows() { return statement_.get_affected_rows(); }
  // Runs the query and hands every row to `each`; returns the number of rows.
  template <class Each>
  long long run_all(Each&& each) {
    long long n = 0;
    if (!statement_.execute(true)) return 0;
    do {
      each(static_cast<const PreparedQuery&>(*this));
      ++n;
    } while (statement_.fetch());
    return n;
  }
  template <class Consume>
  bool run(Consume&& consume) {
    if (!statement_.execute(true)) return false;
    consume(static_cast<const PreparedQuery&>(*this));
    while (statement_.fetch()) {
    }
    return true;
  }

 private:
  std::vector<std::string> strings_;
  std::vector<long long> integers_;
  std::vector<std::string> out_str_;
  std::vector<long long> out_int_;
  std::vector<soci::indicator> out_ind_;
  std::string empty_;
  soci::statement statement_;
};

// The connection's prepared statement for `text` (a constexpr SQL constant: its address is the
// key), preparing it on first use. A statement that failed is dropped and prepared again.
PreparedQuery& prepared(Tx& tx, const std::string_view& text, std::string_view params,
                        std::string_view columns);
void forget_prepared(Tx& tx, const std::string_view& text);

// Binds with bind(query), runs, and passes the query (holding the row) to consume(query);
// returns whether a row came back. A database error drops the statement from the cache before
// it propagates, so the next use prepares it afresh.
template <class Bind, class Consume>
bool run_prepared(Tx& tx, const std::string_view& text, std::string_view params,
                  std::string_view columns, Bind&& bind, Consume&& consume) {
  PreparedQuery& q = prepared(tx, text, params, columns);
  try {
    bind(q);
    return q.run(consume);
  } catch (...) {
    forget_prepared(tx, text);
    throw;
  }
}

// As run_prepared, for queries answering many rows: `each` sees every row in turn.
template <class Bind, class Each>
long long run_prepared_all(Tx& tx, const std::string_view& text, std::string_view params,
                           std::string_view columns, Bind&& bind, Each&& each) {
  PreparedQuery& q = prepared(tx, text, params, columns);
  try {
    bind(q);
    return q.run_all(each);
  } catch (...) {
    forget_prepared(tx, text);
    throw;
  }
}

}  // namespace duibiao
