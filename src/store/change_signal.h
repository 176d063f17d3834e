#pragma once
// Which tables changed, told to every process on one SQLite database without asking it: commit
// counters in a small file beside the database (PATH-duibiao), mapped shared by each process.
//
// A write that changed rows of a watched table raises that table's `begun` counter before its
// COMMIT (while it holds SQLite's write lock, so these raises are ordered across processes) and
// its `ended` counter after the COMMIT returned. A cache reads the counters of what its answer
// depends on before reading the data (the token), and keeps the answer only if the token is
// still the same afterwards; it serves the answer while the token stays the same. Since `begun`
// only grows, an unchanged token means no commit to those tables began since the data was read,
// and `begun == ended` that none is under way: the answer is the committed state, exactly, for
// writes through any process. A process killed between the two raises leaves `ended` behind, which
// only costs misses until the next commit to that table brings it level (ended = max(ended, own
// begun)).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace duibiao {

// Bits of what a cached answer depends on.
enum ChangeBits : std::uint64_t {
  // Who a session stands for: a session ended or revoked, a user changed (any change to `users`,
  // a session updated or deleted — a new session changes no other), or mark_identity_changed.
  kIdentityChanges = 1ull << 0,
  kEnterpriseChanges = 1ull << 1,  // the `enterprises` table
  kRegionChanges = 1ull << 2,      // the `regions` table
  kOtherChanges = 1ull << 63,      // any other table (nothing watches it: kept for the figures)
  kAllChanges = ~0ull,             // schema changes and anything the update hook cannot see
};

// The bits a row change of `table` (an INSERT when `insert`) raises.
std::uint64_t change_bits_of(std::string_view table, bool insert);

class ChangeSignal {
 public:
  static constexpr int kSlots = 64;
  // Maps (creating it when missing) the signal file; throws std::runtime_error when it cannot.
  // An empty path: counters of this process only (a database in memory).
  static std::unique_ptr<ChangeSignal> open(const std::string& path);
  ~ChangeSignal();
  ChangeSignal(const ChangeSignal&) = delete;
  ChangeSignal& operator=(const ChangeSignal&) = delete;

  // The state of the tables in `bits`: nullopt while a commit to one of them is under way.
  std::optional<std::uint64_t> token(std::uint64_t bits) const;

  // Around one COMMIT that changed `bits` (the writer holds SQLite's write lock): begin() before,
  // end() after it returned or failed, with what begin() returned.
  struct Raised {
    std::uint64_t bits = 0;
    std::uint64_t begun[kSlots] = {};
  };
  Raised begin(std::uint64_t bits);
  void end(const Raised& raised);

 private:
  ChangeSignal() = default;
  static std::unique_ptr<ChangeSignal> adopt(void* mapping);
  std::uint64_t* begun_ = nullptr;  // kSlots counters each, in the shared mapping
  std::uint64_t* ended_ = nullptr;
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
};

}  // namespace duibiao
