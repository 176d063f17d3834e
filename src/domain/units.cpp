#include "domain/units.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>

namespace duibiao {
namespace {

using u128 = unsigned __int128;
using i128 = __int128;

constexpr int64_t kMaxMantissa = 999'999'999'999'999'999;  // 18 digits
constexpr int64_t kMaxFactorPart = 1'000'000'000;          // keeps |m|·num·den below 10³⁷

constexpr std::array<u128, 39> make_pow10() {
  std::array<u128, 39> t{};
  u128 v = 1;
  for (auto& x : t) {
    x = v;
    v *= 10;
  }
  return t;
}
constexpr std::array<u128, 39> kPow10 = make_pow10();

// Number of decimal digits of v (0 has 0 digits). Binary search: this sits on the comparison hot
// path and u128 division is slow.
int digits(u128 v) {
  int lo = 0, hi = 39;  // answer in [lo, hi]: smallest n with v < 10^n
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (v < kPow10[mid])
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

u128 uabs(int64_t m) {
  return m < 0 ? u128(-(i128)m) : u128(m);
}

// a × b, or false on overflow past 2¹²⁶ (headroom for the 2r comparison in rounding).
bool checked_mul(u128 a, u128 b, u128& out) {
  constexpr u128 kLimit = u128(1) << 126;
  if (a != 0 && b > kLimit / a) return false;
  out = a * b;
  return out <= kLimit;
}

// Compares a×10^ea with b×10^eb, a and b below 10³⁸.
int compare_magnitude(u128 a, int ea, u128 b, int eb) {
  if (a == 0 || b == 0) return (a != 0) - (b != 0);
  int da = digits(a), db = digits(b);
  long oa = long(da) + ea, ob = long(db) + eb;
  if (oa != ob) return oa < ob ? -1 : 1;
  // Same order of magnitude: padding the shorter to the longer's length keeps both below 10³⁹.
  if (da < db)
    a *= kPow10[db - da];
  else if (db < da)
    b *= kPow10[da - db];
  return a < b ? -1 : (a > b ? 1 : 0);
}

int compare_signed(int64_t ma, u128 a, int ea, int64_t mb, u128 b, int eb) {
  int sa = (ma > 0) - (ma < 0), sb = (mb > 0) - (mb < 0);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int c = compare_magnitude(a, ea, b, eb);
  return sa > 0 ? c : -c;
}

// Fits a signed 128-bit mantissa into a Decimal, dropping trailing zeros only when needed.
std::optional<Decimal> make_decimal(i128 m, long e) {
  while ((m > kMaxMantissa || m < -kMaxMantissa) && m % 10 == 0) {
    m /= 10;
    ++e;
  }
  if (m > kMaxMantissa || m < -kMaxMantissa) return std::nullopt;
  if (e > 100000 || e < -100000) return std::nullopt;
  return Decimal{static_cast<int64_t>(m), static_cast<int32_t>(e)};
}

// Brings a and b to the smaller exponent.
bool align(const Decimal& a, const Decimal& b, i128& ma, i128& mb, long& e) {
  e = std::min(a.exponent, b.exponent);
  long da = long(a.exponent) - e, db = long(b.exponent) - e;
  if (da > 19 || db > 19) return false;  // 10¹⁸·10¹⁹ still fits i128
  ma = i128(a.mantissa) * i128(kPow10[da]);
  mb = i128(b.mantissa) * i128(kPow10[db]);
  return true;
}

// ---------------------------------------------------------------------------------------------
// UTF-8

struct CodePoint {
  char32_t cp;
  size_t len;
};

CodePoint decode(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto at = [&](size_t k) { return char32_t(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (c < 0x80) return {c, 1};
  if ((c & 0xE0) == 0xC0 && c >= 0xC2 && cont(1)) return {char32_t(c & 0x1F) << 6 | at(1), 2};
  if ((c & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    char32_t cp = char32_t(c & 0x0F) << 12 | at(1) << 6 | at(2);
    if (cp >= 0x800) return {cp, 3};
  }
  if ((c & 0xF8) == 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    char32_t cp = char32_t(c & 0x07) << 18 | at(1) << 12 | at(2) << 6 | at(3);
    if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
  }
  return {0xFFFD, 1};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// starts_with / == that test the first byte before calling memcmp: these run over small tables
// for every unit and libc's memcmp call dominated the parse profile.
bool fast_starts(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && (p.empty() || (s[0] == p[0] && (p.size() == 1 || s[1] == p[1]) &&
                                                std::memcmp(s.data(), p.data(), p.size()) == 0));
}
bool fast_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && fast_starts(a, b);
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// ---------------------------------------------------------------------------------------------
// Unit tables

constexpr Dimension dim(int g, int m = 0, int s = 0, int a = 0, int t = 0, int n = 0, int db = 0,
                        int dba = 0) {
  return Dimension{int8_t(g), int8_t(m), int8_t(s),  int8_t(a),
                   int8_t(t), int8_t(n), int8_t(db), int8_t(dba)};
}

struct Atom {
  std::string_view key;      // ASCII token produced by translate()
  std::string_view display;  // canonical symbol
  Dimension dimension;
  int64_t num, den;
  int exp10;
  bool prefixable;
  // %, ‰, ppm, ℃, dB: only ever a whole unit (m℃ or mdB would be nonsense, not m·℃).
  bool standalone = false;
};

// Derived SI units in g-based form: 1 W = 1 kg·m²·s⁻³ = 10³ g·m²·s⁻³.
constexpr Atom kAtoms[] = {
    {"g", "g", dim(1), 1, 1, 0, true},
    {"t", "t", dim(1), 1, 1, 6, false},
    {"m", "m", dim(0, 1), 1, 1, 0, true},
    {"s", "s", dim(0, 0, 1), 1, 1, 0, true},
    {"min", "min", dim(0, 0, 1), 60, 1, 0, false},
    {"h", "h", dim(0, 0, 1), 3600, 1, 0, false},
    {"d", "d", dim(0, 0, 1), 86400, 1, 0, false},
    {"A", "A", dim(0, 0, 0, 1), 1, 1, 0, true},
    {"V", "V", dim(1, 2, -3, -1), 1, 1, 3, true},
    {"W", "W", dim(1, 2, -3), 1, 1, 3, true},
    {"J", "J", dim(1, 2, -2), 1, 1, 3, true},
    {"N", "N", dim(1, 1, -2), 1, 1, 3, true},
    {"Pa", "Pa", dim(1, -1, -2), 1, 1, 3, true},
    {"bar", "bar", dim(1, -1, -2), 1, 1, 8, true},
    {"Hz", "Hz", dim(0, 0, -1), 1, 1, 0, true},
    {"Ohm", "Ω", dim(1, 2, -3, -2), 1, 1, 3, true},
    {"ohm", "Ω", dim(1, 2, -3, -2), 1, 1, 3, true},
    {"L", "L", dim(0, 3), 1, 1, -3, true},
    {"l", "L", dim(0, 3), 1, 1, -3, true},
    {"%", "%", dim(0), 1, 1, -2, false, true},
    {"permil", "‰", dim(0), 1, 1, -3, false, true},
    {"ppm", "ppm", dim(0), 1, 1, -6, false, true},
    {"ppb", "ppb", dim(0), 1, 1, -9, false, true},
    {"degC", "℃", dim(0, 0, 0, 0, 1), 1, 1, 0, false, true},
    {"dB", "dB", dim(0, 0, 0, 0, 0, 0, 1), 1, 1, 0, false, true},
    {"dBA", "dB(A)", dim(0, 0, 0, 0, 0, 0, 0, 1), 1, 1, 0, false, true},
    {"r", "r", dim(0, 0, 0, 0, 0, 1), 1, 1, 0, false},
    {"rpm", "r/min", dim(0, 0, -1, 0, 0, 1), 1, 60, 0, false},
    {"cnt", "次", dim(0, 0, 0, 0, 0, 1), 1, 1, 0, false},
    {"pcs", "个", dim(0, 0, 0, 0, 0, 1), 1, 1, 0, false},
};

struct Prefix {
  char key;
  std::string_view display;
  int exp10;
};
// 'K' is the common mistyping of kilo (KW, KV, Kg); there is no kelvin atom for it to clash with.
constexpr Prefix kPrefixes[] = {{'T', "T", 12}, {'G', "G", 9},  {'M', "M", 6},  {'k', "k", 3},
                                {'K', "k", 3},  {'h', "h", 2},  {'d', "d", -1}, {'c', "c", -2},
                                {'m', "m", -3}, {'u', "μ", -6}, {'n', "n", -9}, {'p', "p", -12}};

const Atom* find_atom(std::string_view key) {
  for (const auto& a : kAtoms)
    if (fast_equal(a.key, key)) return &a;
  return nullptr;
}
const Prefix* find_prefix(char c) {
  for (const auto& p : kPrefixes)
    if (p.key == c) return &p;
  return nullptr;
}

// Non-ASCII unit text → ASCII tokens for the expression parser. Longest first within a lead
// character is not needed: entries sharing a start are ordered long to short.
struct Word {
  std::string_view text;
  std::string_view ascii;
};
constexpr Word kWords[] = {
    {"平方毫米", "mm^2"}, {"平方厘米", "cm^2"}, {"平方米", "m^2"},  {"立方厘米", "cm^3"},
    {"立方米", "m^3"},    {"千瓦小时", "kW*h"}, {"千瓦时", "kW*h"}, {"千瓦", "kW"},
    {"千米", "km"},       {"千克", "kg"},       {"千伏", "kV"},     {"千赫兹", "kHz"},
    {"千赫", "kHz"},      {"千帕", "kPa"},      {"千牛", "kN"},     {"千焦", "kJ"},
    {"千欧", "kOhm"},     {"毫米", "mm"},       {"毫克", "mg"},     {"毫秒", "ms"},
    {"毫伏", "mV"},       {"毫安", "mA"},       {"毫升", "mL"},     {"厘米", "cm"},
    {"分米", "dm"},       {"分钟", "min"},      {"分贝", "dB"},     {"公里", "km"},
    {"公斤", "kg"},       {"微米", "um"},       {"微克", "ug"},     {"纳米", "nm"},
    {"米", "m"},          {"克", "g"},          {"吨", "t"},        {"小时", "h"},
    {"秒钟", "s"},        {"秒", "s"},          {"天", "d"},        {"伏特", "V"},
    {"伏", "V"},          {"瓦特", "W"},        {"瓦", "W"},        {"安培", "A"},
    {"安", "A"},          {"赫兹", "Hz"},       {"赫", "Hz"},       {"兆帕", "MPa"},
    {"兆欧姆", "MOhm"},   {"兆欧", "MOhm"},     {"帕斯卡", "Pa"},   {"帕", "Pa"},
    {"牛顿", "N"},        {"牛", "N"},          {"焦耳", "J"},      {"焦", "J"},
    {"升", "L"},          {"摄氏度", "degC"},   {"欧姆", "Ohm"},    {"欧", "Ohm"},
    {"次", "cnt"},        {"个", "pcs"},        {"转", "r"},        {"每", "/"},
    {"℃", "degC"},        {"°C", "degC"},       {"‰", "permil"},    {"µ", "u"},
    {"μ", "u"},           {"Ω", "Ohm"},         {"Ω", "Ohm"},       {"²", "^2"},
    {"³", "^3"},          {"·", "*"},           {"•", "*"},         {"⋅", "*"},
    {"・", "*"},          {"㎜", "mm"},         {"㎝", "cm"},       {"㎞", "km"},
    {"㎏", "kg"},         {"㎎", "mg"},         {"㎡", "m^2"},      {"㎥", "m^3"},
    {"㎖", "mL"},         {"ℓ", "L"},
};

// 分 alone is a score as often as a minute; it means minute only as a denominator (转/分).
constexpr std::string_view kMinuteWord = "分";

const Word* match_word(std::string_view s) {
  for (const auto& w : kWords)
    if (fast_starts(s, w.text)) return &w;
  return nullptr;
}

struct UnitBuilder {
  Dimension dimension{};
  int64_t num = 1, den = 1;
  long exp10 = 0;
  std::string numer, denom;
  int denom_parts = 0;
  int atoms = 0;
  bool has_standalone = false;
  bool after_coefficient = false;  // mg/100g: the atom joins its coefficient without a dot

  static void append_power(std::string& out, int p) {
    if (p == 2)
      out += "²";
    else if (p == 3)
      out += "³";
    else if (p != 1) {
      out += '^';
      out += std::to_string(p);
    }
  }

  bool mul_factor(int64_t f, bool into_den) {
    int64_t& t = into_den ? den : num;
    if (f != 0 && t > kMaxFactorPart / f) return false;
    t *= f;
    int64_t g = std::gcd(num, den);
    num /= g;
    den /= g;
    return true;
  }

  bool add_coefficient(int64_t c, bool in_den) {
    std::string text = std::to_string(c);
    while (c % 10 == 0 && c > 0) {
      c /= 10;
      exp10 += in_den ? -1 : 1;
    }
    if (!mul_factor(c, in_den)) return false;
    add_text(text, in_den);
    after_coefficient = true;
    return true;
  }

  void add_text(const std::string& part, bool in_den) {
    std::string& out = in_den ? denom : numer;
    if (after_coefficient) {
      after_coefficient = false;
    } else {
      if (!out.empty()) out += "·";
      if (in_den) ++denom_parts;
    }
    out += part;
  }

  bool add_atom(const Prefix* prefix, const Atom& atom, int power) {
    ++atoms;
    if (atom.standalone) has_standalone = true;
    for (size_t i = 0; i < kBaseQuantityCount; ++i) {
      int v = dimension[i] + atom.dimension[i] * power;
      if (v > 60 || v < -60) return false;
      dimension[i] = int8_t(v);
    }
    exp10 += long(atom.exp10 + (prefix ? prefix->exp10 : 0)) * power;
    bool in_den = power < 0;
    int mag = in_den ? -power : power;
    for (int k = 0; k < mag; ++k) {
      if (!mul_factor(atom.num, in_den) || !mul_factor(atom.den, !in_den)) return false;
    }
    std::string part;
    if (prefix) part += prefix->display;
    part += atom.display;
    append_power(part, mag);
    add_text(part, in_den);
    return true;
  }
};

// Longest atom (with optional prefix) at the start of run.
bool match_atom(std::string_view run, const Prefix*& prefix, const Atom*& atom, size_t& len) {
  for (size_t n = std::min<size_t>(run.size(), 7); n > 0; --n) {
    std::string_view cand = run.substr(0, n);
    if (const Atom* a = find_atom(cand)) {
      prefix = nullptr;
      atom = a;
      len = n;
      return true;
    }
    if (n >= 2) {
      const Prefix* p = find_prefix(cand[0]);
      const Atom* a = find_atom(cand.substr(1));
      if (p && a && a->prefixable) {
        prefix = p;
        atom = a;
        len = n;
        return true;
      }
    }
  }
  return false;
}

// Parses the ASCII form. Everything after the first '/' is in the denominator (W/m·K = W/(m·K)).
bool parse_ascii_unit(std::string_view s, UnitBuilder& b) {
  size_t i = 0;
  bool in_den = false;
  bool any = false;
  bool after_slash = false;
  int depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c != ' ' && c != '/' && c != '(') after_slash = false;
    if (c == ' ') {
      ++i;
    } else if (c == '/') {
      if (after_slash || !any) return false;
      in_den = true;
      after_slash = true;
      ++i;
    } else if (c == '(') {
      if (!in_den || depth > 0) return false;
      ++depth;
      ++i;
    } else if (c == ')') {
      if (depth == 0) return false;
      --depth;
      ++i;
    } else if (c == '*' || c == '.') {
      if (!any) return false;
      ++i;
    } else if (is_digit(c)) {
      size_t j = i;
      while (j < s.size() && is_digit(s[j])) ++j;
      if (j - i > 9) return false;
      int64_t v = 0;
      std::from_chars(s.data() + i, s.data() + j, v);
      if (v == 0 || j >= s.size() || !(is_alpha(s[j]) || s[j] == '%')) return false;
      if (!b.add_coefficient(v, in_den)) return false;
      i = j;
    } else if (is_alpha(c) || c == '%') {
      size_t j = i;
      while (j < s.size() && (is_alpha(s[j]) || s[j] == '%')) ++j;
      std::string_view run = s.substr(i, j - i);
      // Exponent of the last atom of the run: ^2, ^-1, or a bare 2/3 (m2, cm3).
      int power = 1;
      size_t k = j;
      if (k < s.size() && s[k] == '^') {
        ++k;
        bool neg = false;
        if (k < s.size() && (s[k] == '-' || s[k] == '+')) neg = s[k++] == '-';
        if (k >= s.size() || !is_digit(s[k]) || (k + 1 < s.size() && is_digit(s[k + 1])))
          return false;
        power = s[k] - '0';
        if (neg) power = -power;
        if (power == 0) return false;
        ++k;
      } else if (k < s.size() && (s[k] == '2' || s[k] == '3') &&
                 (k + 1 >= s.size() || !is_digit(s[k + 1]))) {
        power = s[k] - '0';
        ++k;
      }
      const Atom* previous = nullptr;
      while (!run.empty()) {
        const Prefix* prefix;
        const Atom* atom;
        size_t len;
        if (!match_atom(run, prefix, atom, len)) return false;
        // Letters run together only in kWh, mAh, V·h-style hours and N·m; anything else (lm,
        // cd, lx) would otherwise split into nonsense such as L·m.
        if (previous && !((atom->key == "h" && (previous->key == "W" || previous->key == "A" ||
                                                previous->key == "V")) ||
                          (atom->key == "m" && !prefix && previous->key == "N")))
          return false;
        previous = atom;
        run.remove_prefix(len);
        int p = run.empty() ? power : 1;
        if (!b.add_atom(prefix, *atom, in_den ? -p : p)) return false;
        any = true;
      }
      i = k;
    } else {
      return false;
    }
  }
  if (after_slash) return false;
  if (b.has_standalone && (b.atoms != 1 || b.num != 1 || b.den != 1 || !b.denom.empty()))
    // %, ℃, dB alone; the one exception is a coefficient-free single atom.
    return false;
  return any && depth == 0;
}

// Non-ASCII → ASCII tokens; false when something is not a unit word.
bool translate(std::string_view s, std::string& out) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::string_view rest = s.substr(i);
    if (rest.starts_with(kMinuteWord) && !out.empty() && out.back() == '/') {
      out += "min";
      i += kMinuteWord.size();
      continue;
    }
    if (const Word* w = match_word(rest)) {
      out += w->ascii;
      i += w->text.size();
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Decimal

std::string Decimal::to_string() const {
  uint64_t mag = mantissa < 0 ? uint64_t(0) - uint64_t(mantissa) : uint64_t(mantissa);
  std::string digits_text = std::to_string(mag);
  std::string out;
  if (mantissa < 0) out += '-';
  if (exponent >= 0) {
    out += digits_text;
    if (mantissa != 0) out.append(static_cast<size_t>(std::min<int32_t>(exponent, 4000)), '0');
    return out;
  }
  size_t frac = static_cast<size_t>(std::min<long>(-long(exponent), 4000));
  if (digits_text.size() <= frac) digits_text.insert(0, frac - digits_text.size() + 1, '0');
  out += digits_text.substr(0, digits_text.size() - frac);
  out += '.';
  out += digits_text.substr(digits_text.size() - frac);
  return out;
}

double Decimal::to_double() const {
  std::string s = std::to_string(mantissa) + "e" + std::to_string(exponent);
  return std::strtod(s.c_str(), nullptr);
}

DecimalScan scan_decimal(std::string_view s) {
  DecimalScan r;
  size_t i = 0;
  uint64_t m = 0;
  int sig = 0;           // significant digits in m
  long pending = 0;      // zeros seen after the last non-zero digit, not yet applied to m
  long frac_digits = 0;  // digits after the point
  bool any_digit = false;
  bool too_long = false;
  auto push = [&](char c) {
    any_digit = true;
    int d = c - '0';
    if (d == 0) {
      if (sig > 0) ++pending;
      return;
    }
    if (sig + pending + 1 > kMaxDecimalDigits) {
      too_long = true;
      return;
    }
    for (long k = 0; k < pending; ++k) m *= 10;
    sig += static_cast<int>(pending) + 1;
    pending = 0;
    m = m * 10 + static_cast<uint64_t>(d);
  };
  size_t int_start = i;
  while (i < s.size() && is_digit(s[i])) push(s[i++]);
  size_t first_group = i - int_start;
  // Thousands separators: 1,000 and 12,345,678 but never 0,5 (a decimal comma) or 1,00.
  if (first_group >= 1 && first_group <= 3) {
    while (i + 3 < s.size() && s[i] == ',' && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
           is_digit(s[i + 3]) && (i + 4 >= s.size() || !is_digit(s[i + 4]))) {
      push(s[i + 1]);
      push(s[i + 2]);
      push(s[i + 3]);
      i += 4;
    }
  }
  if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      push(s[i++]);
      ++frac_digits;
    }
  }
  if (!any_digit) return r;
  r.consumed = i;
  if (too_long || i > kMaxNumberChars) {
    r.too_long = true;
    return r;
  }
  // Keep trailing zeros (the written scale) when they fit, else fold them into the exponent.
  long exponent = -frac_digits;
  if (m == 0) {
    r.value = Decimal{0, static_cast<int32_t>(exponent)};
    return r;
  }
  while (pending > 0 && sig < kMaxDecimalDigits) {
    m *= 10;
    ++sig;
    --pending;
  }
  exponent += pending;
  r.value = Decimal{static_cast<int64_t>(m), static_cast<int32_t>(exponent)};
  return r;
}

std::optional<Decimal> parse_decimal(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool neg = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  DecimalScan scan = scan_decimal(s);
  if (scan.consumed == 0 || scan.too_long || scan.consumed != s.size()) return std::nullopt;
  if (neg) scan.value.mantissa = -scan.value.mantissa;
  return scan.value;
}

std::optional<Decimal> decimal_from_double(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  if (ec != std::errc()) return std::nullopt;
  // Shortest round-trip in fixed notation: 0.1 → "0.1", 1e-7 → "0.0000001".
  return parse_decimal(std::string_view(buf, static_cast<size_t>(end - buf)));
}

int compare_decimal(const Decimal& a, const Decimal& b) {
  if (a.exponent == b.exponent) return (a.mantissa > b.mantissa) - (a.mantissa < b.mantissa);
  return compare_signed(a.mantissa, uabs(a.mantissa), a.exponent, b.mantissa, uabs(b.mantissa),
                        b.exponent);
}

std::optional<Decimal> add_decimal(const Decimal& a, const Decimal& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  i128 ma, mb;
  long e;
  if (!align(a, b, ma, mb, e)) return std::nullopt;
  return make_decimal(ma + mb, e);
}

std::optional<Decimal> subtract_decimal(const Decimal& a, const Decimal& b) {
  return add_decimal(a, Decimal{-b.mantissa, b.exponent});
}

std::optional<Decimal> multiply_decimal(const Decimal& a, const Decimal& b) {
  return make_decimal(i128(a.mantissa) * i128(b.mantissa), long(a.exponent) + b.exponent);
}

namespace {

// Rounds |x| × num/den × 10^ratio_exp to a multiple of interval, half to even, sign restored.
std::optional<Decimal> round_ratio(const Decimal& x, u128 num, u128 den, long ratio_exp,
                                   const Decimal& interval) {
  if (interval.mantissa <= 0 || den == 0) return std::nullopt;
  long d = long(x.exponent) + ratio_exp - interval.exponent;
  u128 n_val, d_val;
  if (!checked_mul(uabs(x.mantissa), num, n_val)) return std::nullopt;
  d_val = den * u128(interval.mantissa);
  if (d >= 0) {
    if (d > 38 || !checked_mul(n_val, kPow10[d], n_val)) {
      if (n_val == 0) return Decimal{0, interval.exponent};
      return std::nullopt;
    }
  } else {
    if (-d > 38 || !checked_mul(d_val, kPow10[-d], d_val)) {
      // The divisor is past 2¹²⁶: a dividend below 2¹²⁵ is under half of it and rounds to zero;
      // a larger one cannot be decided within 128 bits.
      if (n_val < (u128(1) << 125)) return Decimal{0, interval.exponent};
      return std::nullopt;
    }
  }
  u128 q = n_val / d_val;
  u128 rem = n_val % d_val;
  if (2 * rem > d_val || (2 * rem == d_val && (q & 1) == 1)) ++q;
  u128 mag;
  if (!checked_mul(q, u128(interval.mantissa), mag) || mag > u128(kMaxMantissa))
    return std::nullopt;
  int64_t m = static_cast<int64_t>(mag);
  return Decimal{x.mantissa < 0 ? -m : m, interval.exponent};
}

// The ratio from → to as num/den × 10^exp.
void unit_ratio(const Unit& from, const Unit& to, u128& num, u128& den, long& exp) {
  num = u128(from.factor_num) * u128(to.factor_den);
  den = u128(from.factor_den) * u128(to.factor_num);
  exp = long(from.factor_exp10) - to.factor_exp10;
}

}  // namespace

std::optional<Decimal> round_half_even(const Decimal& x, const Decimal& interval) {
  return round_ratio(x, 1, 1, 0, interval);
}

std::optional<Decimal> round_converted_half_even(const Decimal& x, const Unit& from,
                                                 const Decimal& interval, const Unit& to) {
  u128 num, den;
  long exp;
  unit_ratio(from, to, num, den, exp);
  return round_ratio(x, num, den, exp, interval);
}

std::optional<Decimal> convert_quantity(const Decimal& x, const Unit& from, const Unit& to) {
  u128 num, den;
  long exp;
  unit_ratio(from, to, num, den, exp);
  if (den == 0) return std::nullopt;
  u128 n;
  if (!checked_mul(uabs(x.mantissa), num, n)) return std::nullopt;
  if (n == 0) return Decimal{0, x.exponent};
  u128 a = n, b = den;
  while (b != 0) {
    u128 t = a % b;
    a = b;
    b = t;
  }
  n /= a;
  u128 d = den / a;
  // A terminating decimal needs a denominator of the form 2^p·5^q; pad it to 10^max(p,q).
  int twos = 0, fives = 0;
  while (d % 2 == 0) {
    d /= 2;
    ++twos;
  }
  while (d % 5 == 0) {
    d /= 5;
    ++fives;
  }
  if (d != 1) return std::nullopt;
  int k = std::max(twos, fives);
  for (int i = twos; i < k; ++i)
    if (!checked_mul(n, 2, n)) return std::nullopt;
  for (int i = fives; i < k; ++i)
    if (!checked_mul(n, 5, n)) return std::nullopt;
  if (n > u128(std::numeric_limits<i128>::max())) return std::nullopt;
  i128 m = i128(n);
  return make_decimal(x.mantissa < 0 ? -m : m, long(x.exponent) + exp - k);
}

// ---------------------------------------------------------------------------------------------
// Units

bool Unit::is_fraction() const {
  if (status != UnitStatus::kKnown) return false;
  for (auto v : dimension)
    if (v != 0) return false;
  return true;
}

Unit parse_unit(std::string_view text) {
  Unit u;
  char buf[256];
  if (text.size() > sizeof buf) {
    u.status = UnitStatus::kUnknown;
    u.symbol = std::string(text);
    return u;
  }
  size_t n = fold_width(text, buf);
  // Spaces carry no meaning inside a unit ("mg / kg", "dB (A)").
  size_t w = 0;
  for (size_t i = 0; i < n; ++i)
    if (buf[i] != ' ' && buf[i] != '\t') buf[w++] = buf[i];
  std::string_view folded(buf, w);
  if (folded.empty()) return u;

  std::string ascii;
  ascii.reserve(folded.size() + 8);
  UnitBuilder b;
  bool ok = translate(folded, ascii);
  if (ok) {
    // dB(A) is one unit; rewrite before the generic parser sees the parentheses.
    for (size_t p = ascii.find("dB(A)"); p != std::string::npos; p = ascii.find("dB(A)"))
      ascii.replace(p, 5, "dBA");
    ok = parse_ascii_unit(ascii, b);
  }
  if (ok && b.exp10 > 60) ok = false;
  if (ok && b.exp10 < -60) ok = false;
  if (!ok) {
    u.status = UnitStatus::kUnknown;
    u.symbol = std::string(folded);
    return u;
  }
  u.status = UnitStatus::kKnown;
  u.dimension = b.dimension;
  u.factor_num = b.num;
  u.factor_den = b.den;
  u.factor_exp10 = static_cast<int32_t>(b.exp10);
  // Moved rather than copied: also sidesteps GCC 12's false -Wrestrict on string assignment
  // at -O3 (GCC bug 105329).
  u.symbol = b.numer.empty() ? std::string("1") : std::move(b.numer);
  if (!b.denom.empty()) {
    u.symbol += '/';
    if (b.denom_parts > 1) u.symbol += '(';
    u.symbol += b.denom;
    if (b.denom_parts > 1) u.symbol += ')';
  }
  return u;
}

size_t unit_prefix_length(std::string_view s) {
  size_t i = 0, good = 0;
  bool open = false;
  auto prev = [&]() -> char { return i > 0 ? s[i - 1] : '\0'; };
  // Can a unit atom start at j (after a '/', '·' or space)?
  auto starts_atom = [&](size_t j) {
    if (j >= s.size()) return false;
    char c = s[j];
    if (is_alpha(c) || c == '%' || c == '(') return true;
    if (is_digit(c)) {
      while (j < s.size() && is_digit(s[j])) ++j;
      return j < s.size() && is_alpha(s[j]);
    }
    std::string_view rest = s.substr(j);
    return match_word(rest) != nullptr || rest.starts_with(kMinuteWord);
  };
  while (i < s.size()) {
    char c = s[i];
    if (is_alpha(c) || c == '%') {
      ++i;
      good = i;
    } else if (c == ' ') {
      // Spaces only around a '/': "mg / kg".
      size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      if (prev() != '/' && (j >= s.size() || s[j] != '/')) break;
      i = j;
    } else if (c == '/' || c == '*') {
      size_t j = i + 1;
      while (j < s.size() && s[j] == ' ') ++j;
      if (good == 0) break;  // "/kg" alone is not a unit
      if (!starts_atom(j)) break;
      i = j;
    } else if (c == '.') {
      if (!(is_alpha(prev()) && i + 1 < s.size() && is_alpha(s[i + 1]))) break;
      ++i;
    } else if (c == '^') {
      size_t j = i + 1;
      if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
      if (j >= s.size() || !is_digit(s[j])) break;
      i = j + 1;
      good = i;
    } else if (is_digit(c)) {
      if (prev() == '/' || (i >= 2 && s[i - 1] == ' ' && s[i - 2] == '/')) {
        size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        if (j >= s.size() || !is_alpha(s[j])) break;
        i = j;
      } else if (is_alpha(prev()) && (c == '2' || c == '3') &&
                 (i + 1 >= s.size() || (!is_digit(s[i + 1]) && s[i + 1] != '.'))) {
        ++i;
        good = i;
      } else {
        break;
      }
    } else if (c == '(') {
      std::string_view before = s.substr(0, i);
      if (before.ends_with("dB") && s.substr(i).starts_with("(A)")) {
        i += 3;
        good = i;
      } else if (prev() == '/' && !open) {
        open = true;
        ++i;
      } else {
        break;
      }
    } else if (c == ')') {
      if (!open) break;
      open = false;
      ++i;
      good = i;
    } else {
      std::string_view rest = s.substr(i);
      if (rest.starts_with(kMinuteWord) && (prev() == '/' || s.substr(0, i).ends_with("每"))) {
        i += kMinuteWord.size();
        good = i;
        continue;
      }
      const Word* w = match_word(rest);
      if (!w) break;
      i += w->text.size();
      // Joiners (·, 每) do not end a unit by themselves.
      if (w->ascii != "*" && w->ascii != "/")
        good = i;
      else if (!starts_atom(i))
        break;
    }
  }
  return good;
}

UnitRelation relate_units(const Unit& a, const Unit& b) {
  if (a.status == UnitStatus::kNone || b.status == UnitStatus::kNone)
    return a.status == b.status ? UnitRelation::kComparable : UnitRelation::kNoneVsUnit;
  if (a.status == UnitStatus::kUnknown || b.status == UnitStatus::kUnknown)
    return a.status == b.status && a.symbol == b.symbol ? UnitRelation::kComparable
                                                        : UnitRelation::kUnknownDiffer;
  return a.dimension == b.dimension ? UnitRelation::kComparable : UnitRelation::kDimensionDiffer;
}

std::string dimension_name_zh(const Dimension& d) {
  struct Named {
    Dimension d;
    std::string_view name;
  };
  static constexpr Named kNames[] = {
      {dim(0), "无量纲比值（%、mg/kg 等）"},
      {dim(1), "质量"},
      {dim(0, 1), "长度"},
      {dim(0, 2), "面积"},
      {dim(0, 3), "体积"},
      {dim(0, 0, 1), "时间"},
      {dim(0, 0, 0, 1), "电流"},
      {dim(0, 0, 0, 0, 1), "温度"},
      {dim(0, 0, 0, 0, 0, 1), "计数"},
      {dim(0, 0, 0, 0, 0, 0, 1), "声级（dB）"},
      {dim(0, 0, 0, 0, 0, 0, 0, 1), "A计权声级（dB(A)）"},
      {dim(1, -3), "质量浓度"},
      {dim(1, -2), "面密度"},
      {dim(1, 2, -3, -1), "电压"},
      {dim(1, 2, -3), "功率"},
      {dim(1, 2, -2), "能量（或力矩）"},
      {dim(1, 1, -2), "力"},
      {dim(1, -1, -2), "压强"},
      {dim(0, 0, -1), "频率"},
      {dim(1, 2, -3, -2), "电阻"},
      {dim(0, 0, -1, 0, 0, 1), "转速（频次）"},
      {dim(0, 1, -1), "速度"},
      {dim(0, 3, -1), "体积流量"},
  };
  for (const auto& n : kNames)
    if (n.d == d) return std::string(n.name);
  static constexpr std::string_view kSymbols[] = {"g", "m", "s", "A", "℃", "次", "dB", "dB(A)"};
  std::string out = "量纲 ";
  bool first = true;
  for (size_t i = 0; i < kBaseQuantityCount; ++i) {
    if (d[i] == 0) continue;
    if (!first) out += "·";
    first = false;
    out += kSymbols[i];
    if (d[i] != 1) {
      out += '^';
      out += std::to_string(d[i]);
    }
  }
  return out;
}

int compare_quantity(const Decimal& a, const Unit& ua, const Decimal& b, const Unit& ub) {
  bool same_factor = ua.factor_num == ub.factor_num && ua.factor_den == ub.factor_den &&
                     ua.factor_exp10 == ub.factor_exp10;
  if (same_factor) return compare_decimal(a, b);
  u128 ma = uabs(a.mantissa) * u128(ua.factor_num) * u128(ub.factor_den);
  u128 mb = uabs(b.mantissa) * u128(ub.factor_num) * u128(ua.factor_den);
  return compare_signed(a.mantissa, ma, a.exponent + ua.factor_exp10, b.mantissa, mb,
                        b.exponent + ub.factor_exp10);
}

size_t fold_width(std::string_view in, char* out) {
  size_t o = 0;
  size_t i = 0;
  auto put = [&](char c) {
    // "+-" and "+/-" are how ± is typed without the symbol.
    if (c == '-' && o >= 1 && out[o - 1] == '+') {
      out[o - 1] = '\xC2';
      out[o++] = '\xB1';
      return;
    }
    if (c == '-' && o >= 2 && out[o - 2] == '+' && out[o - 1] == '/') {
      out[o - 2] = '\xC2';
      out[o - 1] = '\xB1';
      return;
    }
    out[o++] = c;
  };
  while (i < in.size()) {
    CodePoint cp = decode(in, i);
    char32_t c = cp.cp;
    if (c < 0x80) {
      put(static_cast<char>(c));
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      put(static_cast<char>(c - 0xFEE0));
    } else if (c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F) {
      put(' ');
    } else if (c == 0x200B || c == 0xFEFF) {
      // zero-width space, BOM: nothing
    } else if (c == 0x2265 || c == 0x2267 || c == 0x2A7E || c == 0x226E) {
      put('>');
      put('=');
    } else if (c == 0x2264 || c == 0x2266 || c == 0x2A7D || c == 0x226F) {
      put('<');
      put('=');
    } else if (c == 0x301C || c == 0x223C || c == 0x2053) {
      put('~');
    } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 || c == 0xFE58) {
      put('-');
    } else if (c == 0xFE62) {
      put('+');
    } else if (c == 0x3002 && o > 0 && is_digit(out[o - 1]) && i + cp.len < in.size() &&
               is_digit(in[i + cp.len])) {
      put('.');
    } else {
      for (size_t k = 0; k < cp.len; ++k) out[o++] = in[i + k];
    }
    i += cp.len;
  }
  return o;
}

}  // namespace duibiao
