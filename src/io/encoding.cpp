#include "io/encoding.h"

#include <iconv.h>

#include <cerrno>

namespace duibiao {

std::optional<std::string> gb18030_to_utf8(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t written = 0;
  bool ok = true;
  while (in_left > 0) {
    char* dst = out.data() + written;
    size_t out_left = out.size() - written;
    size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    written = out.size() - out_left;
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      ok = false;  // EILSEQ / EINVAL: not GB18030
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(written);
  return out;
}

}  // namespace duibiao
