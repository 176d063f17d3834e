#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace duibiao {

// The public code-guessing throttle, shared by every server process on the database
// (migration 19): misses of verification codes per client address in a window.
struct CodeMisses {
  long long window_start = 0;
  long long misses = 0;
};

std::optional<CodeMisses> find_code_misses(Tx& tx, const std::string& remote_addr);
// Counts one miss for the address (a new window when the last one ended at or before
// `window_expired`, i.e. started before now − window) and returns the misses of its window,
// this one included: concurrent misses each get their own count.
long long record_code_miss(Tx& tx, const std::string& remote_addr, long long now,
                           long long window_expired);
// Forgets addresses whose window started before `before`.
void prune_code_misses(Tx& tx, long long before);

}  // namespace duibiao
