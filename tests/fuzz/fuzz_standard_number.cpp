// libFuzzer target: the standard-number parser never crashes, and its canonical form is a fixed
// point (parsing `normalized` again yields the same text, key and edition).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/standard_number.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto r = duibiao::parse_standard_number(input);
  if (!r.ok) {
    if (r.error.empty()) std::abort();  // every rejection says why
    return 0;
  }
  const auto& v = r.value;
  if (!r.error.empty() || v.normalized.empty() || v.number.empty()) std::abort();
  // The canonical form is plain ASCII (ASTM's edition letter is its only lower-case part).
  for (unsigned char c : v.normalized)
    if (c < 0x20 || c > 0x7E) std::abort();
  if (v.year != 0 && (v.year < 1950 || v.year > 2100)) std::abort();
  if (v.adopts && v.adopts->kind != duibiao::StandardKind::kInternational &&
      v.adopts->kind != duibiao::StandardKind::kForeign)
    std::abort();

  auto again = duibiao::parse_standard_number(v.normalized);
  if (!again.ok) std::abort();
  const auto& w = again.value;
  if (w.normalized != v.normalized) std::abort();
  if (w.kind != v.kind || w.prefix != v.prefix || w.number != v.number || w.part != v.part)
    std::abort();
  if (duibiao::standard_key(w) != duibiao::standard_key(v)) std::abort();
  if (!duibiao::same_standard(v, w, false)) std::abort();
  if (w.amendments != v.amendments || (w.adopts == nullptr) != (v.adopts == nullptr)) std::abort();
  return 0;
}
