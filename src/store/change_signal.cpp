#include "store/change_signal.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace duibiao {
namespace {
constexpr std::uint64_t kMagic = 0x31676973'6f616962ull;  // "biaosig1"
constexpr std::size_t kFileSize = 4096;
// Layout: magic, then kSlots `begun` counters, then kSlots `ended` counters (8 bytes each).
static_assert(sizeof(std::uint64_t) * (1 + 2 * ChangeSignal::kSlots) <= kFileSize);
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free,
              "counters shared between processes must be lock-free atomics");

std::uint64_t load(std::uint64_t& v) {
  return std::atomic_ref<std::uint64_t>(v).load(std::memory_order_seq_cst);
}
}  // namespace

std::uint64_t change_bits_of(std::string_view table, bool insert) {
  if (table == "users") return kIdentityChanges;
  if (table == "sessions") return insert ? 0 : std::uint64_t{kIdentityChanges};
  if (table == "enterprises") return kEnterpriseChanges;
  if (table == "regions") return kRegionChanges;
  return kOtherChanges;
}

std::unique_ptr<ChangeSignal> ChangeSignal::open(const std::string& path) {
  if (path.empty()) {  // a database no other process can open (SQLite in memory)
    void* m =
        ::mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw std::runtime_error("cannot map the change signal");
    return adopt(m);
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot open the change signal file " + path + ": " +
                             std::strerror(errno));
  struct stat st {};
  // Two processes may create it at once: growing it to the same size twice is harmless, and a
  // new file's bytes are zeros (counters at 0, magic written below).
  if (::fstat(fd, &st) != 0 ||
      (st.st_size < static_cast<off_t>(kFileSize) && ::ftruncate(fd, kFileSize) != 0)) {
    int err = errno;
    ::close(fd);
    throw std::runtime_error("cannot size the change signal file " + path + ": " +
                             std::strerror(err));
  }
  void* m = ::mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int err = errno;
  ::close(fd);  // the mapping stays
  if (m == MAP_FAILED)
    throw std::runtime_error("cannot map the change signal file " + path + ": " +
                             std::strerror(err));
  auto* words = static_cast<std::uint64_t*>(m);
  std::uint64_t expected = 0;
  std::atomic_ref<std::uint64_t> magic(words[0]);
  if (!magic.compare_exchange_strong(expected, kMagic) && expected != kMagic) {
    ::munmap(m, kFileSize);
    throw std::runtime_error("the change signal file " + path +
                             " holds something else: remove it while no server runs");
  }
  return adopt(m);
}

std::unique_ptr<ChangeSignal> ChangeSignal::adopt(void* m) {
  auto* words = static_cast<std::uint64_t*>(m);
  std::unique_ptr<ChangeSignal> s(new ChangeSignal());
  s->mapping_ = m;
  s->mapping_size_ = kFileSize;
  s->begun_ = words + 1;
  s->ended_ = words + 1 + kSlots;
  return s;
}

ChangeSignal::~ChangeSignal() {
  if (mapping_) ::munmap(mapping_, mapping_size_);
}

std::optional<std::uint64_t> ChangeSignal::token(std::uint64_t bits) const {
  std::uint64_t sum = 0;
  for (std::uint64_t b = bits; b; b &= b - 1) {
    int slot = std::countr_zero(b);
    std::uint64_t begun = load(begun_[slot]);
    if (load(ended_[slot]) != begun) return std::nullopt;
    // Each counter only grows, so the sum moves whenever one of them does.
    sum += begun;
  }
  return sum;
}

ChangeSignal::Raised ChangeSignal::begin(std::uint64_t bits) {
  Raised r;
  r.bits = bits;
  for (std::uint64_t b = bits; b; b &= b - 1) {
    int slot = std::countr_zero(b);
    r.begun[slot] = std::atomic_ref<std::uint64_t>(begun_[slot]).fetch_add(1) + 1;
  }
  return r;
}

void ChangeSignal::end(const Raised& raised) {
  for (std::uint64_t b = raised.bits; b; b &= b - 1) {
    int slot = std::countr_zero(b);
    std::atomic_ref<std::uint64_t> ended(ended_[slot]);
    std::uint64_t seen = ended.load();
    // A later writer (another process) may have ended first: never move the counter back.
    while (seen < raised.begun[slot] && !ended.compare_exchange_weak(seen, raised.begun[slot])) {
    }
  }
}

}  // namespace duibiao
