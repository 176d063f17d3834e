// libFuzzer target: the parsers that see raw request text (percent decoding, query strings,
// cookies) and the CSV reader never crash on any input.
#include <cstdint>
#include <string>

#include "domain/csv.h"
#include "domain/text.h"
#include "http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  duibiao::http::Request req;
  req.raw_query = input;
  req.headers.emplace_back("cookie", input);
  (void)req.query("code");
  (void)req.has_query("page");
  (void)req.cookie("duibiao_session");
  auto decoded = duibiao::http::percent_decode(input, true);
  if (decoded.size() > input.size()) __builtin_trap();
  (void)duibiao::is_valid_utf8(input);
  (void)duibiao::utf8_length(input);
  auto rows = duibiao::parse_csv(input);
  size_t cells = 0;
  for (const auto& r : rows) cells += r.size();
  if (cells > input.size() + 1) __builtin_trap();
  return 0;
}
