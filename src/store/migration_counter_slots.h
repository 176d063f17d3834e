#pragma once

#include <string_view>
#include <vector>

namespace duibiao {

// Migration 28 (PostgreSQL): every counter row is kept per connection slot (see the .cpp).
// `earlier`: the statements of every migration before it, in order; the counter functions are
// restated from their newest definitions there. Throws std::logic_error when they are not of the
// form it expects.
std::vector<std::string_view> counter_slot_statements(const std::vector<std::string_view>& earlier);

// The advisory lock class under which each PostgreSQL connection claims its slot (the slot is
// the lock's second key), and the highest slot claimed that way.
constexpr int kCounterSlotLockClass = 0x64756962;  // "duib"
constexpr int kCounterSlots = 1023;

}  // namespace duibiao
