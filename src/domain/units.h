#pragma once

// Exact decimal numbers and units of measure for the requirement engine (requirement.h).
//
// Pure code, no I/O. Deliberately free of <expected> and domain/error.h: the libFuzzer build uses
// clang 14, which cannot compile std::expected against libstdc++ 12.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duibiao {

// ---------------------------------------------------------------------------------------------
// Exact decimals

// value = mantissa × 10^exponent. The scale is kept as written ("0.50" is 50×10⁻², not 5×10⁻¹)
// because GB/T 8170 derives the rounding place of a limit from how it was written. Two Decimals
// with different scales can be equal in value: compare with compare_decimal, not ==.
struct Decimal {
  int64_t mantissa = 0;
  int32_t exponent = 0;

  bool is_zero() const { return mantissa == 0; }
  bool is_negative() const { return mantissa < 0; }
  // Plain notation, never scientific: 50×10⁻² → "0.50", 25×10² → "2500".
  std::string to_string() const;
  double to_double() const;
};

// At most 18 significant digits, so that every mantissa fits int64 with room to add two.
inline constexpr int kMaxDecimalDigits = 18;
// Longest number token the scanners accept (digits, point and thousands separators).
inline constexpr size_t kMaxNumberChars = 40;

struct DecimalScan {
  size_t consumed = 0;  // 0 = no number at the start of the text
  Decimal value;
  bool too_long = false;  // a number was there but has more than kMaxDecimalDigits digits
};

// Reads an unsigned ASCII decimal at the start of s: `95`, `0.5`, `.5`, `1,000` (thousands
// separators only in exact groups of three). No sign, no exponent: callers handle those because
// the meaning of '-' and 'E' depends on context.
DecimalScan scan_decimal(std::string_view s);

// The whole of s (ASCII, surrounding spaces allowed, optional sign) as a Decimal.
std::optional<Decimal> parse_decimal(std::string_view s);

// The shortest decimal that round-trips to d (0.1 → 1×10⁻¹). nullopt for NaN/inf or too long.
std::optional<Decimal> decimal_from_double(double d);

// −1, 0, 1 by value.
int compare_decimal(const Decimal& a, const Decimal& b);

// Exact arithmetic; nullopt when the result needs more than kMaxDecimalDigits digits.
std::optional<Decimal> add_decimal(const Decimal& a, const Decimal& b);
std::optional<Decimal> subtract_decimal(const Decimal& a, const Decimal& b);
std::optional<Decimal> multiply_decimal(const Decimal& a, const Decimal& b);

// GB/T 8170-2008 §3: x rounded to an integer multiple of interval (0.1, 0.5, 0.2, 10, 0.05 …),
// half to even (四舍六入五成双), on the exact decimal — never through binary floating point. The
// result carries the interval's scale (12.25 @0.1 → 12.2, 1.0500 @0.1 → 1.0). nullopt if the
// interval is not positive or the quotient is out of range.
std::optional<Decimal> round_half_even(const Decimal& x, const Decimal& interval);

// ---------------------------------------------------------------------------------------------
// Units

// Exponents over the base quantities. Units are products of prefixed atoms, so mg/kg reduces to
// a dimensionless fraction and mg/L to g·m⁻³ without a table of every combination.
enum class BaseQuantity : uint8_t {
  kMass,         // g
  kLength,       // m
  kTime,         // s
  kCurrent,      // A
  kTemperature,  // ℃ (no prefixes, no kelvin: the offset is not a factor)
  kCount,        // 次, 个, r (revolution): counts are not fractions
  kSoundLevel,   // dB (logarithmic: no prefixes)
  kSoundLevelA,  // dB(A): A-weighted, a different measurement from dB
};
inline constexpr size_t kBaseQuantityCount = 8;
using Dimension = std::array<int8_t, kBaseQuantityCount>;

enum class UnitStatus : uint8_t {
  kNone,     // the text carried no unit
  kKnown,    // parsed: dimension and factor are meaningful
  kUnknown,  // not understood: kept as text, comparable only to the identical text
};

struct Unit {
  UnitStatus status = UnitStatus::kNone;
  // kKnown: canonical symbol (mg/kg, kW·h, ℃, r/min, g/m², dB(A)); kUnknown: the text as
  // written, width-folded and without spaces; kNone: empty.
  std::string symbol;
  Dimension dimension{};
  // One of this unit = factor_num / factor_den × 10^factor_exp10 base units (g, m, s, A, ℃,
  // count, dB). Rational because min, h, d and r/min are not powers of ten.
  int64_t factor_num = 1;
  int64_t factor_den = 1;
  int32_t factor_exp10 = 0;

  bool is_none() const { return status == UnitStatus::kNone; }
  // Dimensionless with a known factor: %, ‰, ppm, ppb, mg/kg, g/kg … (all one family).
  bool is_fraction() const;
};

// Parses a unit: SI prefixes (T G M k h d c m μ/u n p) on g m s A V W Hz Pa N J L Ω bar; %,
// ‰, ppm, ppb; t, min, h, d; ℃ / °C; dB, dB(A); r/min, rpm; 次, 个; products (kW·h, kWh,
// N·m), quotients (mg/kg, g/m², mg/100g, mg/(kg·d)), powers (m², m2, m^2); Chinese unit words
// (毫米, 千克, 小时, 分钟, 伏, 瓦, 次, 毫克每千克 …). Decision: mg/kg, ppm, %, ‰ are all one
// dimensionless fraction (1 mg/kg = 1 ppm = 0.0001 %), whether the fraction is by mass or
// volume is the indicator's business. Empty text gives kNone, anything not understood kUnknown.
Unit parse_unit(std::string_view text);

// How many bytes at the start of s read as unit text (ASCII letters, %, ‰, ℃, μ, Ω, ², /, ·,
// Chinese unit words …), so the requirement parser can cut "0.5mg/kg以下" after "mg/kg".
size_t unit_prefix_length(std::string_view s);

enum class UnitRelation : uint8_t {
  kComparable,       // same unit, or known units of one dimension
  kNoneVsUnit,       // one side has a unit, the other none
  kDimensionDiffer,  // both known, different dimensions (mm vs mg/kg)
  kUnknownDiffer,    // an unknown unit against anything but the identical text
};
UnitRelation relate_units(const Unit& a, const Unit& b);
inline bool units_comparable(const Unit& a, const Unit& b) {
  return relate_units(a, b) == UnitRelation::kComparable;
}

// Chinese name of a dimension for messages: 长度, 质量, 质量分数（无量纲比值）, 质量浓度 …; a
// generic "量纲 g·m⁻³" when no name is known.
std::string dimension_name_zh(const Dimension& d);

// Exact comparison of two quantities whose units are comparable (precondition; for kNone and
// kUnknown the factor is 1): −1, 0, 1.
int compare_quantity(const Decimal& a, const Unit& ua, const Decimal& b, const Unit& ub);

// x (in unit from) expressed in unit to, when the result is a terminating decimal of at most
// kMaxDecimalDigits digits (950 g → 0.950 kg yes; 1 min → 1/60 h no).
std::optional<Decimal> convert_quantity(const Decimal& x, const Unit& from, const Unit& to);

// x (in unit from) rounded half-even to a multiple of interval given in unit to, exactly even when
// the conversion is not a terminating decimal (rounding 50 min to 0.1 h). The result is in unit to.
std::optional<Decimal> round_converted_half_even(const Decimal& x, const Unit& from,
                                                 const Decimal& interval, const Unit& to);

// Width folding for text typed on Chinese keyboards, shared by the parsers: full-width ASCII
// (９５％ → 95%), ideographic and no-break spaces → ' ', ≥ ≧ ⩾ ≮ → ">=", ≤ ≦ ⩽ ≯ → "<=",
// ～ 〜 ∼ → '~', – — ― − ﹣ → '-', "+-" "+/-" → "±", 。→ '.' only between digits. Writes to out,
// which must hold in.size() bytes: the output is never longer than the input. Returns the length.
size_t fold_width(std::string_view in, char* out);

}  // namespace duibiao
