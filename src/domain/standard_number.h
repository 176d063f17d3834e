#pragma once

// Standard numbers (标准编号) as enterprises type them into declarations and benchmarking results:
// Chinese national / industry / local / group / enterprise numbers, international (ISO, IEC,
// ITU) and foreign (EN, BS, DIN, JIS, ASTM, ANSI, UL, …) designations, and IDT double numbers.
//
// This header deliberately avoids <expected> and domain/error.h: the libFuzzer build uses
// clang 14, which cannot compile libstdc++'s std::expected.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

enum class StandardKind {
  kInternational,  // ISO, IEC, ISO/IEC, ITU-T, ITU-R
  kForeign,        // EN, BS, DIN, VDE, NF, JIS, ASTM, ANSI, UL, IEEE, ASME, AS/NZS
  kNational,       // GB, GB/T, GB/Z, GBZ
  kIndustry,       // QB/T, JB/T, … and DB/T (earthquake industry)
  kLocal,          // DB33/T, DB3302/T
  kGroup,          // T/ZZB
  kEnterprise,     // Q/…
};

std::string_view standard_kind_name(StandardKind k);      // "international"
std::string_view standard_kind_label_zh(StandardKind k);  // "国际标准"
std::optional<StandardKind> parse_standard_kind(std::string_view s);

struct StandardNumber {
  StandardKind kind = StandardKind::kNational;
  // Who issues it: "SAC", "ISO", "ISO/IEC", "ITU", "CEN/CENELEC", "BSI", "ASTM", …; for
  // industry standards the two-letter code ("QB"), for local ones the GB/T 2260 division prefix
  // ("33", "3302"), for group and enterprise standards the body / enterprise code ("ZZB").
  std::string issuing_body;
  // Canonical prefix: "GB/T", "QB/T", "DB33/T", "DB33" (mandatory local), "T/ZZB", "Q/NBXX",
  // "ISO", "ISO/IEC", "ISO/TS", "IEC TS", "ITU-T", "EN", "BS EN", "DIN EN ISO", "JIS", "ASTM", …
  std::string prefix;
  // The designation without year. Hyphenated parts stay in it ("60335-1", "60335-2-9",
  // "C 9335-1" for JIS, "D638" for ASTM, "Y.2060" for ITU); Chinese dot parts do not
  // (GB 4706.1: number "4706", part "1"), following how each family cites its parts.
  std::string number;
  // The part alone: "1" for IEC 60335-1 and for GB 4706.1, "2-9" for EN 60335-2-9; empty for
  // ASTM, ITU and enterprise numbers, whose designations have no part structure.
  std::string part;
  int year = 0;   // 0 when absent; two-digit years expand: 50–99 → 19xx, 00–49 → 20xx
  int month = 0;  // ITU-T "(06/2012)" and DIN "2015-11"; 0 when absent
  // ASTM only: the edition letter ("a" in A370-17a) and the reapproval year in D256-10(2018).
  std::string edition;
  int reapproved = 0;
  // "A1:2023", "A13:2010", "AMD1:2013", "AC:2010" (written with '+'), "Amd 1:2024",
  // "Cor 1:2012" (ISO style, written with '/').
  std::vector<std::string> amendments;
  // The international / foreign standard an IDT double number adopts:
  // GB/T 19001-2016/ISO 9001:2015. Shared and immutable so that copies stay cheap.
  std::shared_ptr<const StandardNumber> adopts;
  std::string normalized;  // canonical text, see parse_standard_number
  std::string as_written;  // the input, trimmed; for a nested `adopts` its normalized text
};

struct StandardNumberResult {
  bool ok = false;
  StandardNumber value;  // meaningful only when ok
  std::string error;     // Chinese, says what was expected; empty when ok
  explicit operator bool() const { return ok; }
};

inline constexpr size_t kMaxStandardNumberLength = 200;  // code points, after trimming

// Parses one standard number. Accepts em / en dashes, full-width characters, missing or extra
// spaces and lower case; rejects anything it cannot classify with a message naming the problem.
// `normalized` is canonical and parses back to itself:
//   GB/T 19001-2016, GB 4706.1-2005, DB33/T 1234-2020, DB33/ 766-2019, T/ZZB 0001-2018,
//   Q/NBXX 001-2020, ISO 9001:2015, IEC 60335-1:2020+A1:2023, ISO 9001:2015/Amd 1:2024,
//   ITU-T Y.2060 (06/2012), ASTM D638-14, JIS C 9335-1:2014, ANSI Z87.1-2020,
//   GB/T 19001-2016/ISO 9001:2015.
StandardNumberResult parse_standard_number(std::string_view text);

// The designation without year, amendments or adopted standard ("GB 4706.1", "IEC 60335-1"):
// two editions of one standard share it.
std::string standard_key(const StandardNumber& s);

// Same standard: same key; unless ignore_year, also the same edition (year, month, ASTM
// edition letter). Amendments, reapproval and the adopted standard are not compared.
bool same_standard(const StandardNumber& a, const StandardNumber& b, bool ignore_year);

}  // namespace duibiao
