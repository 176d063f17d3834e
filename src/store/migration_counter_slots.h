#pragma once

#include <string_view>
#include <vector>

namespace duibiao {

// Migration 28 (PostgreSQL): every counter row, and the statistics epoch's, kept per connection
// slot, so that concurrent writes never wait for one another's counter rows; a region's
// children's figures in counters of their own (the result counters' updates then are HOT); the
// counter functions planned once; the results' search text and its trigram index beside them
// (see the .cpp). `earlier`: the statements of every migration before it, in order; the counter
// functions are restated from their newest definitions there. Throws std::logic_error when they
// are not of the form it expects. Made on the first call (the static list of migrations);
// later calls return the same.
std::vector<std::string_view> counter_slot_statements(const std::vector<std::string_view>& earlier);

// The advisory lock class under which each PostgreSQL connection claims its slot (the slot is
// the lock's second key), and the highest slot claimed that way.
constexpr int kCounterSlotLockClass = 0x64756962;  // "duib"
constexpr int kCounterSlots = 1023;

}  // namespace duibiao
