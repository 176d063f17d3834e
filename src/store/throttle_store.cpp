#include "store/throttle_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/prepared_query.h"

namespace duibiao {
namespace {
constexpr std::string_view kFind =
    "SELECT window_start, misses FROM code_lookup_misses WHERE remote_addr = :a";
// Every verification lookup of an address with misses comes here: the old row's values on the
// right-hand sides (both engines evaluate SET from the row as it was).
constexpr std::string_view kRecord =
    "INSERT INTO code_lookup_misses (remote_addr, window_start, misses) VALUES (:a, :now, 1) "
    "ON CONFLICT (remote_addr) DO UPDATE SET misses = CASE WHEN code_lookup_misses.window_start "
    "<= :expired1 THEN 1 ELSE code_lookup_misses.misses + 1 END, window_start = CASE WHEN "
    "code_lookup_misses.window_start <= :expired2 THEN excluded.window_start ELSE "
    "code_lookup_misses.window_start END RETURNING misses";
constexpr std::string_view kPrune = "DELETE FROM code_lookup_misses WHERE window_start < :before";
}  // namespace

std::optional<CodeMisses> find_code_misses(Tx& tx, const std::string& remote_addr) {
  // On the path of every public verification: prepared once per connection.
  CodeMisses m;
  bool found = run_prepared(
      tx, kFind, "s", "ii", [&](PreparedQuery& q) { q.set(0, remote_addr); },
      [&](const PreparedQuery& row) {
        m.window_start = row.integer(0);
        m.misses = row.integer(1);
      });
  if (!found) return std::nullopt;
  return m;
}

long long record_code_miss(Tx& tx, const std::string& remote_addr, long long now,
                           long long window_expired) {
  long long misses = 0;
  tx.sql << kRecord, soci::use(remote_addr), soci::use(now), soci::use(window_expired),
      soci::use(window_expired), soci::into(misses);
  return misses;
}

void prune_code_misses(Tx& tx, long long before) {
  tx.sql << kPrune, soci::use(before);
}

}  // namespace duibiao
