#include "service/file_store.h"

#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>
#include <system_error>

#include "domain/error.h"

namespace duibiao {
namespace fs = std::filesystem;

namespace {
constexpr std::string_view kTmpMark = ".tmp-";

const std::string& host_label() {
  static const std::string h = [] {
    char buf[256] = {0};
    if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == 0) return std::string("host");
    std::string s(buf);
    for (char& c : s)
      if (c == '/' || c == '.') c = '_';
    return s;
  }();
  return h;
}

[[noreturn]] void fail_io(const std::string& what, const fs::path& p, int err) {
  std::string detail = what + " " + p.string() + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT)
    throw EnvironmentFailure(ErrorCode::kInsufficientStorage, detail);
  throw std::runtime_error(detail);
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail_io("cannot open", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) fail_io("cannot sync", dir, err);
}
}  // namespace

void write_file_durably(const fs::path& target, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) fail_io("cannot create", target.parent_path(), ec.value());
  fs::path tmp = target;
  tmp += std::string(kTmpMark) + host_label() + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(randombytes_random());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail_io("cannot create", tmp, errno);
  auto give_up = [&](const char* what, int err) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    fail_io(what, tmp, err);
  };
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      give_up("cannot write", errno);
    }
    done += static_cast<size_t>(w);
  }
  // A delayed allocation may report the full disk only here.
  if (::fsync(fd) != 0) give_up("cannot sync", errno);
  int rc = ::close(fd);
  fd = -1;
  if (rc != 0) give_up("cannot close", errno);
  if (::rename(tmp.c_str(), target.c_str()) != 0) give_up("cannot rename", errno);
  fsync_dir(target.parent_path());
}

int sweep_temporary_files(const fs::path& dir, long long max_age_seconds) {
  int removed = 0;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return 0;
  long long now = static_cast<long long>(::time(nullptr));
  const std::string mine = host_label() + "-";
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it.depth() > 2 || !it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    auto mark = name.find(kTmpMark);
    if (mark == std::string::npos) continue;
    std::string rest = name.substr(mark + kTmpMark.size());  // host-pid-random
    bool gone = false;
    if (rest.rfind(mine, 0) == 0) {
      std::string pid_rand = rest.substr(mine.size());
      auto dash = pid_rand.find('-');
      long long pid = 0;
      try {
        pid = std::stoll(pid_rand.substr(0, dash));
      } catch (const std::exception&) {
      }
      gone =
          pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
    }
    struct stat st {};
    bool old = ::stat(it->path().c_str(), &st) == 0 && now - st.st_mtime > max_age_seconds;
    if ((gone || old) && ::unlink(it->path().c_str()) == 0) ++removed;
  }
  return removed;
}

}  // namespace duibiao
