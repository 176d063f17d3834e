#include "domain/requirement.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "domain/text.h"

namespace duibiao {
namespace {

using std::string_view;

// ---------------------------------------------------------------------------------------------
// Small text helpers over the width-folded text (ASCII punctuation, single spaces, UTF-8 CJK).

string_view skip_ws(string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

string_view trim_ws(string_view s) {
  s = skip_ws(s);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// starts_with that tests the first byte before memcmp: the word lists are scanned for every
// requirement and the libc call dominated the profile.
bool starts(string_view s, string_view p) {
  return s.size() >= p.size() && (p.empty() || (s[0] == p[0] && (p.size() == 1 || s[1] == p[1]) &&
                                                std::memcmp(s.data(), p.data(), p.size()) == 0));
}

bool eat(string_view& s, string_view word) {
  if (!starts(s, word)) return false;
  s.remove_prefix(word.size());
  return true;
}

// Eats the first word of the list that s starts with (lists are ordered long to short).
template <size_t N>
bool eat_any(string_view& s, const std::array<string_view, N>& words) {
  for (auto w : words)
    if (eat(s, w)) return true;
  return false;
}

template <size_t N>
bool is_any(string_view s, const std::array<string_view, N>& words) {
  for (auto w : words)
    if (s.size() == w.size() && starts(s, w)) return true;
  return false;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char32_t first_code_point(string_view s, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if ((c & 0xE0) == 0xC0 && s.size() >= 2) {
    *len = 2;
    return char32_t(c & 0x1F) << 6 | (s[1] & 0x3F);
  }
  if ((c & 0xF0) == 0xE0 && s.size() >= 3) {
    *len = 3;
    return char32_t(c & 0x0F) << 12 | char32_t(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
  }
  if ((c & 0xF8) == 0xF0 && s.size() >= 4) {
    *len = 4;
    return char32_t(c & 0x07) << 18 | char32_t(s[1] & 0x3F) << 12 | char32_t(s[2] & 0x3F) << 6 |
           (s[3] & 0x3F);
  }
  *len = 1;
  return 0xFFFD;
}

bool is_ideograph(char32_t c) {
  return c >= 0x4E00 && c <= 0x9FFF;
}

// Texts equal up to spaces, ASCII case and 《》 (for conformity references and subjects).
bool same_text(string_view a, string_view b) {
  auto next = [](string_view& s) -> int {
    while (!s.empty()) {
      if (s.front() == ' ') {
        s.remove_prefix(1);
      } else if (s.starts_with("《") || s.starts_with("》")) {
        s.remove_prefix(3);
      } else {
        char c = s.front();
        s.remove_prefix(1);
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        return static_cast<unsigned char>(c);
      }
    }
    return -1;
  };
  while (true) {
    int x = next(a), y = next(b);
    if (x != y) return false;
    if (x < 0) return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Reasons (static: results carry string_views to these)

constexpr string_view kRGe = "下限，含本数（≥ / 不小于 / 不低于 / 不少于 / 至少）";
constexpr string_view kRGt = "下限，不含本数（> / 大于 / 高于 / 超过 / 多于）";
constexpr string_view kRLe = "上限，含本数（≤ / 不大于 / 不超过 / 不高于 / 不多于 / 至多）";
constexpr string_view kRLt = "上限，不含本数（< / 小于 / 低于 / 少于 / 不满）";
constexpr string_view kRAbove = "“以上”包含本数（民法典第1259条）";
constexpr string_view kRBelow = "“以下”“以内”包含本数（民法典第1259条）";
constexpr string_view kRRange = "区间，含两端";
constexpr string_view kRTwoBounds = "由下限和上限组成的区间";
constexpr string_view kRNominal = "标称值及允许偏差，含两端（GB/T 8170 §4.2）";
constexpr string_view kRRelative = "标称值及相对允许偏差，含两端（GB/T 8170 §4.2）";
constexpr string_view kRTolerance = "仅给出允许偏差，未给出标称值";
constexpr string_view kRExact = "单一数值，按规定值（偏差为零）处理";
constexpr string_view kRGrade = "等级要求：达到该等级或更优";
constexpr string_view kRAbsent = "定性要求：不得存在 / 不得检出";
constexpr string_view kRPresent = "定性要求：应具有";
constexpr string_view kRConforms = "定性要求：符合所引用的要求";
constexpr string_view kRPass = "定性要求：合格 / 符合要求";
constexpr string_view kRNoRequirement = "未作要求";

constexpr string_view kEEmpty = "要求为空";
constexpr string_view kETooLong = "要求文本过长（超过1024字节），不是一条指标要求";
constexpr string_view kEUtf8 = "文本不是有效的UTF-8编码";
constexpr string_view kEControl = "文本含有控制字符";
constexpr string_view kEUnknown = "无法识别的要求格式，需人工判断";
constexpr string_view kENumberTooLong = "数值过长（有效数字超过18位），无法精确处理";
constexpr string_view kEExponent = "数值的指数超出范围";
constexpr string_view kEMissingNumber = "比较符或偏差符号后缺少数值";
constexpr string_view kETrailing = "数值后有无法识别的内容";
constexpr string_view kEBareNumber = "只有数值，没有说明是下限、上限还是标称值";
constexpr string_view kEEmptyRange = "区间下限大于上限（或区间为空）";
constexpr string_view kEUnitConflict = "两个数值的单位不一致且无法精确换算";
constexpr string_view kEArithmetic = "数值超出可精确计算的范围";
constexpr string_view kEExclusiveOutside = "“以外”表示排除该范围，不是一个可比较的限值";
constexpr string_view kEGrade = "无法识别的等级写法";
constexpr string_view kEGradeStrict = "等级要求不支持严格比较符（>、<）";
constexpr string_view kEGradeWording = "等级要求只支持“达到/不低于某级”或“≥/≤某级”的写法";
constexpr string_view kEGradeBelow = "等级“以下”的方向不明确";
constexpr string_view kEGradeLetterOp = "字母等级或产品等级不能用≥、≤表示方向";
constexpr string_view kEParen = "括号不配对或括号内不是数值要求";
constexpr string_view kEConformEmpty = "“符合”后缺少所引用的要求";
constexpr string_view kETwoBounds = "两个条件不能组成区间（应一个下限、一个上限）";
constexpr string_view kETolOp = "允许偏差只能与“≤”/“不超过”连用";
constexpr string_view kETolSign = "允许偏差应写明正负号（如 +2/-1）";
constexpr string_view kEAmbiguousPercent =
    "“95±2%”有歧义：绝对偏差应写作(95±2)%或95%±2%，相对偏差应注明标称值单位（如220 V±10%）";

// ---------------------------------------------------------------------------------------------
// Numbers and quantities

struct Quantity {
  Decimal value;
  Unit unit;
};

// Superscript digits and signs for 10⁻⁶.
int superscript_digit(string_view s, size_t* len) {
  static constexpr std::array<string_view, 10> kSup = {"⁰", "¹", "²", "³", "⁴",
                                                       "⁵", "⁶", "⁷", "⁸", "⁹"};
  for (int d = 0; d < 10; ++d) {
    if (s.starts_with(kSup[static_cast<size_t>(d)])) {
      *len = kSup[static_cast<size_t>(d)].size();
      return d;
    }
  }
  return -1;
}

// Scans [sign] decimal [E±n | ×10ⁿ | ×10^n] [万|亿]. Returns the bytes consumed, 0 on failure
// (error set when a number was there but is unusable).
size_t scan_number(string_view s, bool allow_sign, Decimal& out, string_view& error) {
  size_t i = 0;
  bool neg = false;
  if (allow_sign && i < s.size() && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  DecimalScan d = scan_decimal(s.substr(i));
  if (d.consumed == 0) return 0;
  if (d.too_long) {
    error = kENumberTooLong;
    return 0;
  }
  i += d.consumed;
  Decimal v = d.value;
  long e = 0;
  auto read_int = [&](size_t& k, long& value) {
    size_t start = k;
    value = 0;
    while (k < s.size() && is_digit(s[k]) && k - start < 4) value = value * 10 + (s[k++] - '0');
    return k > start && (k >= s.size() || !is_digit(s[k]));
  };
  if (i < s.size() && (s[i] == 'E' || s[i] == 'e')) {
    size_t k = i + 1;
    bool eneg = false;
    if (k < s.size() && (s[k] == '-' || s[k] == '+')) eneg = s[k++] == '-';
    long ev;
    if (k < s.size() && is_digit(s[k]) && read_int(k, ev)) {
      e = eneg ? -ev : ev;
      i = k;
    }
  } else {
    size_t k = i;
    while (k < s.size() && s[k] == ' ') ++k;
    string_view rest = s.substr(k);
    size_t times = 0;  // bytes of the multiplication sign
    if (rest.starts_with("×"))
      times = 2;
    else if (!rest.empty() && (rest[0] == 'x' || rest[0] == 'X' || rest[0] == '*'))
      times = 1;
    if (times) {
      k += times;
      while (k < s.size() && s[k] == ' ') ++k;
      if (s.substr(k).starts_with("10")) {
        k += 2;
        long ev = 0;
        bool found = false;
        if (k < s.size() && s[k] == '^') {
          ++k;
          bool eneg = false;
          if (k < s.size() && (s[k] == '-' || s[k] == '+')) eneg = s[k++] == '-';
          if (k < s.size() && is_digit(s[k]) && read_int(k, ev)) {
            found = true;
            if (eneg) ev = -ev;
          }
        } else {
          bool eneg = false;
          if (s.substr(k).starts_with("⁻")) {
            eneg = true;
            k += 3;
          } else if (s.substr(k).starts_with("⁺")) {
            k += 3;
          }
          size_t len;
          int dgt;
          int count = 0;
          while (k < s.size() && count < 4 && (dgt = superscript_digit(s.substr(k), &len)) >= 0) {
            ev = ev * 10 + dgt;
            k += len;
            ++count;
          }
          found = count > 0;
          if (eneg) ev = -ev;
        }
        if (found) {
          e = ev;
          i = k;
        }
      }
    }
  }
  {
    size_t k = i;
    while (k < s.size() && s[k] == ' ') ++k;
    string_view rest = s.substr(k);
    if (rest.starts_with("万")) {
      e += 4;
      i = k + 3;
    } else if (rest.starts_with("亿")) {
      e += 8;
      i = k + 3;
    }
  }
  if (e > 30 || e < -30) {
    error = kEExponent;
    return 0;
  }
  v.exponent += static_cast<int32_t>(e);
  if (neg) v.mantissa = -v.mantissa;
  out = v;
  return i;
}

// A run of ideographs right after a number that is not a structural word: an unknown Chinese
// unit such as 粒, 处, 分 (score). Kept as text.
size_t unknown_cjk_unit_length(string_view s) {
  // Characters that start structural words (以上, 及以下, 至, 之间, 左右) or comparators (小于,
  // 超过, 最多): an unknown unit never contains them.
  static constexpr std::array<string_view, 39> kStop = {
      "以", "及", "或", "且", "至", "到", "之", "级", "并", "和", "内", "的", "范",
      "左", "为", "不", "应", "含", "时", "起", "后", "前", "间", "外", "上", "下",
      "约", "而", "同", "均", "小", "大", "高", "低", "超", "多", "少", "最", "满"};
  size_t i = 0;
  int count = 0;
  while (i < s.size() && count < 4) {
    size_t len;
    char32_t cp = first_code_point(s.substr(i), &len);
    if (!is_ideograph(cp)) break;
    string_view ch = s.substr(i, len);
    bool stop = false;
    for (auto w : kStop)
      if (ch == w) stop = true;
    if (stop) break;
    i += len;
    ++count;
  }
  return i;
}

// number [spaces] [unit]. Returns consumed bytes (0 = no number; error set if one was unusable).
size_t scan_quantity(string_view s, bool allow_sign, Quantity& q, string_view& error) {
  size_t i = scan_number(s, allow_sign, q.value, error);
  if (i == 0) return 0;
  q.unit = Unit{};
  size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  string_view rest = s.substr(j);
  size_t ul = unit_prefix_length(rest);
  if (ul == 0) ul = unknown_cjk_unit_length(rest);
  if (ul > 0) {
    q.unit = parse_unit(rest.substr(0, ul));
    i = j + ul;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// Result helpers

void fail(ParsedRequirement& r, string_view reason) {
  std::string original = std::move(r.original);
  r = ParsedRequirement{};
  r.original = std::move(original);
  r.kind = RequirementKind::kUnparsed;
  r.reason = reason;
}

enum class Op { kGe, kGt, kLe, kLt };

bool is_lower_op(Op op) {
  return op == Op::kGe || op == Op::kGt;
}

void set_bound(ParsedRequirement& r, Op op, const Quantity& q, string_view reason) {
  Bound b{q.value, op == Op::kGe || op == Op::kLe};
  if (is_lower_op(op)) {
    r.kind = RequirementKind::kLowerBound;
    r.lower = b;
  } else {
    r.kind = RequirementKind::kUpperBound;
    r.upper = b;
  }
  r.unit = q.unit;
  r.reason = reason;
}

// Two quantities must end up in one unit: the one given, or a conversion (500 g～1 kg → kg).
bool unify_units(Quantity& a, Quantity& b) {
  if (a.unit.is_none()) {
    a.unit = b.unit;
    return true;
  }
  if (b.unit.is_none() || a.unit.symbol == b.unit.symbol) {
    b.unit = a.unit;
    return true;
  }
  if (!units_comparable(a.unit, b.unit)) return false;
  auto converted = convert_quantity(a.value, a.unit, b.unit);
  if (!converted) return false;
  a.value = *converted;
  a.unit = b.unit;
  return true;
}

void set_range(ParsedRequirement& r, Quantity lo, bool lo_inclusive, Quantity hi, bool hi_inclusive,
               string_view reason) {
  if (!unify_units(lo, hi)) return fail(r, kEUnitConflict);
  int c = compare_decimal(lo.value, hi.value);
  if (c > 0 || (c == 0 && !(lo_inclusive && hi_inclusive))) return fail(r, kEEmptyRange);
  r.kind = RequirementKind::kRange;
  r.lower = Bound{lo.value, lo_inclusive};
  r.upper = Bound{hi.value, hi_inclusive};
  r.unit = lo.unit;
  r.reason = reason;
}

// %, ‰, ppm, ppb: the units a relative deviation is written in (not mg/kg, which is a content).
bool percent_like(const Unit& u) {
  return u.is_fraction() &&
         (u.symbol == "%" || u.symbol == "‰" || u.symbol == "ppm" || u.symbol == "ppb");
}

// nominal with signed deviations d1, d2 (either order) in unit tol_unit.
void set_nominal(ParsedRequirement& r, Quantity nominal, Decimal d1, Decimal d2, Unit tol_unit,
                 string_view reason, const ParseOptions& options) {
  if (compare_decimal(d1, d2) < 0) std::swap(d1, d2);  // d1 = upper deviation
  r.nominal = nominal.value;
  r.upper_deviation = d1;
  r.lower_deviation = d2;
  Decimal up = d1, down = d2;
  // 220 V±10% is relative, 12%±1% and (95±2)% are absolute. A bare 95±2% is ambiguous (GB 3101
  // wants the parentheses): the row's unit decides, and without one it is refused.
  bool relative = false;
  if (percent_like(tol_unit)) {
    if (nominal.unit.status == UnitStatus::kNone) {
      if (options.default_unit.empty()) return fail(r, kEAmbiguousPercent);
      Unit row = parse_unit(options.default_unit);
      relative = !row.is_fraction();
      if (!relative) nominal.unit = tol_unit;
    } else {
      relative = !nominal.unit.is_fraction();
    }
  }
  if (relative) {
    if (tol_unit.factor_num != 1 || tol_unit.factor_den != 1) return fail(r, kEUnitConflict);
    Decimal scale{nominal.value.mantissa < 0 ? -1 : 1, tol_unit.factor_exp10};
    auto mag = multiply_decimal(nominal.value, scale);  // |nominal| × 10^unit
    if (!mag) return fail(r, kEArithmetic);
    auto u = multiply_decimal(*mag, d1);
    auto l = multiply_decimal(*mag, d2);
    if (!u || !l) return fail(r, kEArithmetic);
    // 220 × 10% is 22, not 22.00: drop the zeros the percent scaling added, never going finer
    // than the nominal (the deviation's scale becomes the rounding place of the bounds).
    auto trim = [&](Decimal d) {
      while (d.exponent < nominal.value.exponent && d.mantissa % 10 == 0) {
        d.mantissa /= 10;
        ++d.exponent;
      }
      return d;
    };
    up = trim(*u);
    down = trim(*l);
    r.relative_tolerance = true;
    r.tolerance_unit = std::move(tol_unit);
    reason = kRRelative;
  } else {
    if (!nominal.unit.is_none() && !tol_unit.is_none() && nominal.unit.symbol != tol_unit.symbol) {
      if (!units_comparable(nominal.unit, tol_unit)) return fail(r, kEUnitConflict);
      auto cu = convert_quantity(d1, tol_unit, nominal.unit);
      auto cl = convert_quantity(d2, tol_unit, nominal.unit);
      if (!cu || !cl) return fail(r, kEUnitConflict);
      up = *cu;
      down = *cl;
    } else if (nominal.unit.is_none()) {
      nominal.unit = tol_unit;
    }
    r.tolerance_unit = tol_unit.is_none() ? nominal.unit : tol_unit;
  }
  auto hi = add_decimal(nominal.value, up);
  auto lo = add_decimal(nominal.value, down);
  if (!hi || !lo) return fail(r, kEArithmetic);
  r.kind = RequirementKind::kNominal;
  r.lower = Bound{*lo, true};
  r.upper = Bound{*hi, true};
  r.unit = nominal.unit;
  r.reason = reason;
}

void set_tolerance(ParsedRequirement& r, Decimal d1, Decimal d2, Unit unit) {
  if (compare_decimal(d1, d2) < 0) std::swap(d1, d2);
  r.kind = RequirementKind::kTolerance;
  r.upper_deviation = d1;
  r.lower_deviation = d2;
  r.lower = Bound{d2, true};
  r.upper = Bound{d1, true};
  r.relative_tolerance = percent_like(unit);
  r.tolerance_unit = unit;
  r.unit = std::move(unit);
  r.reason = kRTolerance;
}

// ---------------------------------------------------------------------------------------------
// Comparators

struct OpWord {
  string_view text;
  Op op;
  string_view reason;
};

// Ordered so that no entry is preceded by a prefix of itself.
constexpr std::array<OpWord, 33> kOpWords = {{
    {">=", Op::kGe, kRGe},
    {"=>", Op::kGe, kRGe},
    {"<=", Op::kLe, kRLe},
    {"=<", Op::kLe, kRLe},
    {">", Op::kGt, kRGt},
    {"<", Op::kLt, kRLt},
    {"大于或等于", Op::kGe, kRGe},
    {"大于等于", Op::kGe, kRGe},
    {"小于或等于", Op::kLe, kRLe},
    {"小于等于", Op::kLe, kRLe},
    {"不小于", Op::kGe, kRGe},
    {"不低于", Op::kGe, kRGe},
    {"不少于", Op::kGe, kRGe},
    {"不大于", Op::kLe, kRLe},
    {"不超过", Op::kLe, kRLe},
    {"不高于", Op::kLe, kRLe},
    {"不多于", Op::kLe, kRLe},
    {"不满", Op::kLt, "“不满”不包含本数（民法典第1259条）"},
    {"至少", Op::kGe, kRGe},
    {"最少", Op::kGe, kRGe},
    {"最低", Op::kGe, kRGe},
    {"至多", Op::kLe, kRLe},
    {"最多", Op::kLe, kRLe},
    {"最高", Op::kLe, kRLe},
    {"最大", Op::kLe, kRLe},
    {"最小", Op::kGe, kRGe},
    {"超过", Op::kGt, "“超过”不包含本数（民法典第1259条）"},
    {"大于", Op::kGt, kRGt},
    {"高于", Op::kGt, kRGt},
    {"多于", Op::kGt, kRGt},
    {"小于", Op::kLt, kRLt},
    {"低于", Op::kLt, kRLt},
    {"少于", Op::kLt, kRLt},
}};

// "不得大于", "不应低于", "应不超过" …: a prohibition flips a strict comparison into its
// complement.
constexpr std::array<string_view, 7> kNegations = {"不应当", "不应该", "不得", "不应",
                                                   "不能",   "不可",   "不宜"};

bool match_op(string_view& s, Op& op, string_view& reason) {
  string_view t = s;
  bool negated = eat_any(t, kNegations);
  t = skip_ws(t);
  for (const auto& w : kOpWords) {
    if (!starts(t, w.text)) continue;
    if (negated) {
      // A prohibition takes the complement: 不得大于 → ≤, 不得≥ → <. Negated words that are
      // themselves negations or limits ("不得不小于", "不得至少") are not requirements.
      bool symbol = w.text[0] == '>' || w.text[0] == '<' || w.text[0] == '=';
      if (!symbol && w.op != Op::kGt && w.op != Op::kLt) return false;
      if (!symbol &&
          (w.text.starts_with("不") || w.text.starts_with("至") || w.text.starts_with("最")))
        return false;
      switch (w.op) {
        case Op::kGe:
          op = Op::kLt;
          break;
        case Op::kGt:
          op = Op::kLe;
          break;
        case Op::kLe:
          op = Op::kGt;
          break;
        case Op::kLt:
          op = Op::kGe;
          break;
      }
      reason = op == Op::kLe ? kRLe : op == Op::kGe ? kRGe : op == Op::kLt ? kRLt : kRGt;
    } else {
      op = w.op;
      reason = w.reason;
    }
    t.remove_prefix(w.text.size());
    // "> =" typed with a space.
    if ((op == Op::kGt || op == Op::kLt) && !negated && (w.text == ">" || w.text == "<")) {
      string_view u = skip_ws(t);
      if (u.starts_with("=")) {
        t = u.substr(1);
        op = op == Op::kGt ? Op::kGe : Op::kLe;
        reason = op == Op::kGe ? kRGe : kRLe;
      }
    }
    s = skip_ws(t);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Grades

struct GradeToken {
  GradeScale scale;
  double level;
};

int chinese_digit(string_view ch) {
  static constexpr std::array<string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                          "五", "六", "七", "八", "九"};
  for (int d = 0; d < 10; ++d)
    if (ch == kDigits[static_cast<size_t>(d)]) return d;
  if (ch == "两") return 2;
  return -1;
}

int roman_value(string_view s) {
  static constexpr std::array<string_view, 13> kRoman = {
      "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  for (int v = 1; v < 13; ++v)
    if (s == kRoman[static_cast<size_t>(v)]) return v;
  return -1;
}

// A grade token at the start of s; consumed bytes or 0.
size_t scan_grade_token(string_view s, GradeToken& g) {
  if (s.empty()) return 0;
  if (is_digit(s[0])) {
    size_t i = 0;
    int v = 0;
    while (i < s.size() && is_digit(s[i]) && i < 2) v = v * 10 + (s[i++] - '0');
    if (i < s.size() && is_digit(s[i])) return 0;
    g = {GradeScale::kNumeric, double(v)};
    // Half grades of colour fastness: 4-5级 sits between 4 and 5.
    if (i + 1 < s.size() && s[i] == '-' && is_digit(s[i + 1]) &&
        (i + 2 >= s.size() || !is_digit(s[i + 2]))) {
      if (s[i + 1] - '0' != v + 1) return 0;
      g.level = v + 0.5;
      i += 2;
    }
    return i;
  }
  // Chinese numerals: 一 … 九, 十, 十一, 二十.
  {
    size_t i = 0;
    int value = 0, current = -1;
    bool any = false;
    while (i + 3 <= s.size()) {
      string_view ch = s.substr(i, 3);
      int d = chinese_digit(ch);
      if (d >= 0) {
        if (current >= 0) return 0;  // 一二: not a number
        current = d;
      } else if (ch == "十") {
        value += (current < 0 ? 1 : current) * 10;
        current = -1;
      } else {
        break;
      }
      any = true;
      i += 3;
    }
    if (any) {
      if (current > 0) value += current;
      if (value > 99) return 0;
      g = {GradeScale::kNumeric, double(value)};
      return i;
    }
  }
  // Unicode Roman numerals Ⅰ … Ⅻ and ⅰ … ⅻ.
  size_t len;
  char32_t cp = first_code_point(s, &len);
  if (cp >= 0x2160 && cp <= 0x216B) {
    g = {GradeScale::kNumeric, double(cp - 0x2160 + 1)};
    return len;
  }
  if (cp >= 0x2170 && cp <= 0x217B) {
    g = {GradeScale::kNumeric, double(cp - 0x2170 + 1)};
    return len;
  }
  // ASCII Roman (I级, II级, IV级) before letters: I, V and X are read as numerals.
  size_t i = 0;
  while (i < s.size() && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')) ++i;
  if (i > 0 && (i >= s.size() || !(s[i] >= 'A' && s[i] <= 'Z'))) {
    int v = roman_value(s.substr(0, i));
    if (v < 0) return 0;
    g = {GradeScale::kNumeric, double(v)};
    return i;
  }
  if (s[0] >= 'A' && s[0] <= 'Z' && (s.size() == 1 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
    g = {GradeScale::kLetter, double(s[0] - 'A' + 1)};
    return 1;
  }
  return 0;
}

bool contains_grade_marker(string_view s) {
  return s.find("级") != string_view::npos || s.find("等品") != string_view::npos ||
         s.find("合格品") != string_view::npos;
}

// s contains a grade marker (级, 等品): it is a grade or it is refused — never read as a number.
void parse_grade(string_view s, const ParseOptions& options, ParsedRequirement& r) {
  // Leading label: 能效等级, 防护等级, 能效 …
  static constexpr std::array<string_view, 2> kLabels = {"等级", "能效"};
  {
    size_t p = s.find("等级");
    if (p != string_view::npos && p > 0) {
      bool all_cjk = true;
      for (size_t i = 0; i < p;) {
        size_t len;
        if (!is_ideograph(first_code_point(s.substr(i), &len))) all_cjk = false;
        i += len;
      }
      if (all_cjk) s = s.substr(p);
    }
    eat_any(s, kLabels);
    eat(s, "等级");
    s = skip_ws(s);
    eat(s, ":");
    s = skip_ws(s);
  }
  static constexpr std::array<string_view, 10> kAtLeast = {
      "应达到", "达到", "不低于", "不得低于", "不应低于", "不差于", "至少", "应为", "为", "达"};
  std::optional<GradeOrder> explicit_order;
  {
    string_view t = s;
    Op op;
    string_view reason;
    if (t.starts_with(">") || t.starts_with("<") || t.starts_with("=")) {
      if (!match_op(t, op, reason)) return fail(r, kEGrade);
      if (op == Op::kGt || op == Op::kLt) return fail(r, kEGradeStrict);
      explicit_order = op == Op::kGe ? GradeOrder::kLastIsBest : GradeOrder::kFirstIsBest;
      s = t;
    } else if (eat_any(s, kAtLeast)) {
      s = skip_ws(s);
    } else if (s.starts_with("高于") || s.starts_with("优于") || s.starts_with("低于") ||
               s.starts_with("不高于") || s.starts_with("不优于")) {
      return fail(r, kEGradeWording);
    }
  }
  Grade g;
  static constexpr std::array<string_view, 3> kClasses = {"优等品", "一等品", "合格品"};
  bool quality_class = false;
  for (size_t i = 0; i < kClasses.size(); ++i) {
    if (eat(s, kClasses[i])) {
      g.scale = GradeScale::kQualityClass;
      g.level = double(i + 1);
      quality_class = true;
      break;
    }
  }
  if (!quality_class) {
    GradeToken tok;
    size_t n = scan_grade_token(s, tok);
    if (n == 0) return fail(r, kEGrade);
    s = skip_ws(s.substr(n));
    if (!eat(s, "级")) return fail(r, kEGrade);
    g.scale = tok.scale;
    g.level = tok.level;
  }
  s = skip_ws(s);
  static constexpr std::array<string_view, 9> kSuffixes = {
      "(含)及以上", "(含)以上", "及以上", "或以上", "以上", "及更优", "或更优", "能效", "水平"};
  eat_any(s, kSuffixes);
  s = skip_ws(s);
  eat(s, "能效");
  if (s.starts_with("以下") || s.starts_with("及以下") || s.starts_with("或以下"))
    return fail(r, kEGradeBelow);
  if (!s.empty()) return fail(r, kEGrade);
  if (explicit_order && g.scale != GradeScale::kNumeric) return fail(r, kEGradeLetterOp);
  switch (g.scale) {
    case GradeScale::kNumeric:
      g.order = explicit_order.value_or(options.numeric_grades);
      break;
    case GradeScale::kLetter:
      g.order = options.letter_grades;
      break;
    case GradeScale::kQualityClass:
      g.order = GradeOrder::kFirstIsBest;
      break;
  }
  g.order_explicit = explicit_order.has_value();
  r.kind = RequirementKind::kGrade;
  r.grade = g;
  r.reason = kRGrade;
}

// ---------------------------------------------------------------------------------------------
// Qualitative

bool parse_qualitative(string_view s, ParsedRequirement& r) {
  static constexpr std::array<string_view, 8> kConform = {"符合", "满足", "遵守", "遵照",
                                                          "执行", "依照", "按照", "参照"};
  static constexpr std::array<string_view, 9> kPassWords = {"合格",     "通过",     "达标",
                                                            "符合要求", "满足要求", "符合规定",
                                                            "满足规定", "符合标准", "符合标准要求"};
  if (is_any(s, kPassWords)) {
    r.kind = RequirementKind::kQualitative;
    r.term = QualitativeTerm::kPass;
    r.reason = kRPass;
    return true;
  }
  string_view t = s;
  if (eat_any(t, kConform) || (t.starts_with("按") && eat(t, "按"))) {
    t = trim_ws(t);
    static constexpr std::array<string_view, 9> kTail = {
        "的有关规定", "的相关规定", "的规定", "的要求", "之规定", "规定", "要求", "执行", "进行"};
    for (auto tail : kTail) {
      if (t.size() > tail.size() && t.ends_with(tail)) {
        t.remove_suffix(tail.size());
        break;
      }
    }
    t = trim_ws(t);
    if (t.empty()) {
      fail(r, kEConformEmpty);
      return true;
    }
    r.kind = RequirementKind::kQualitative;
    r.term = QualitativeTerm::kConforms;
    r.subject = std::string(t);
    r.reason = kRConforms;
    return true;
  }
  static constexpr std::array<string_view, 5> kPresent = {"具有", "设有", "带有", "配有", "有"};
  static constexpr std::array<string_view, 19> kAbsent = {
      "不得检出", "不应检出", "不允许检出", "不可检出", "未检出", "不得含有", "不应含有",
      "不允许有", "不允许",   "不得出现",   "不应出现", "不得有", "不应有",   "不得",
      "不应",     "不含有",   "不含",       "没有",     "无"};
  // The lab abbreviation only as the whole text: "ND…" followed by more is not a requirement.
  static constexpr std::array<string_view, 4> kNotDetected = {"ND", "N.D", "N.D.", "n.d"};
  if (is_any(s, kNotDetected)) {
    r.kind = RequirementKind::kQualitative;
    r.term = QualitativeTerm::kAbsent;
    r.reason = kRAbsent;
    return true;
  }
  t = s;
  if (eat_any(t, kAbsent)) {
    t = trim_ws(t);
    eat(t, "有");
    t = trim_ws(t);
    // "不得" needs an object; and what follows must be a thing, not a number or a comparison.
    if (t.empty() && (s == "不得" || s == "不应")) return false;
    if (!t.empty() && (is_digit(t[0]) || t[0] == '<' || t[0] == '>' || t[0] == '=' || t[0] == '-' ||
                       t[0] == '+' || t[0] == '.' || starts(t, "±")))
      return false;
    {
      string_view u = t;
      Op op;
      string_view reason;
      if (match_op(u, op, reason)) return false;
    }
    r.kind = RequirementKind::kQualitative;
    r.term = QualitativeTerm::kAbsent;
    r.subject = std::string(trim_ws(t));
    r.reason = kRAbsent;
    return true;
  }
  t = s;
  if (eat_any(t, kPresent)) {
    t = trim_ws(t);
    if (t.empty()) return false;
    r.kind = RequirementKind::kQualitative;
    r.term = QualitativeTerm::kPresent;
    r.subject = std::string(t);
    r.reason = kRPresent;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Numeric forms

// After an operator: a value, optionally "且 <op> value" making a range, or "±t" (≤±2%).
void parse_op_clause(string_view s, Op op, string_view reason, ParsedRequirement& r) {
  if (s.starts_with("±")) {
    if (is_lower_op(op)) return fail(r, kETolOp);
    s = skip_ws(s.substr(2));
    Quantity t;
    string_view err;
    size_t n = scan_quantity(s, false, t, err);
    if (n == 0) return fail(r, err.empty() ? kEMissingNumber : err);
    if (!trim_ws(s.substr(n)).empty()) return fail(r, kETrailing);
    set_tolerance(r, t.value, Decimal{-t.value.mantissa, t.value.exponent}, t.unit);
    return;
  }
  Quantity q;
  string_view err;
  size_t n = scan_quantity(s, true, q, err);
  if (n == 0) return fail(r, err.empty() ? kEMissingNumber : err);
  string_view rest = skip_ws(s.substr(n));
  if (rest.empty()) return set_bound(r, op, q, reason);
  static constexpr std::array<string_view, 9> kJoin = {",",  ";",  "并且", "而且", "且",
                                                       "和", "、", "同时", "并"};
  // The joiner may be missing: 大于0.3小于0.5.
  bool joined = eat_any(rest, kJoin);
  rest = skip_ws(rest);
  Op op2;
  string_view reason2;
  if (!match_op(rest, op2, reason2)) return fail(r, joined ? kETwoBounds : kETrailing);
  Quantity q2;
  size_t n2 = scan_quantity(rest, true, q2, err);
  if (n2 == 0) return fail(r, err.empty() ? kEMissingNumber : err);
  if (!trim_ws(rest.substr(n2)).empty()) return fail(r, kETrailing);
  if (is_lower_op(op) == is_lower_op(op2)) return fail(r, kETwoBounds);
  if (is_lower_op(op))
    set_range(r, q, op == Op::kGe, q2, op2 == Op::kLe, kRTwoBounds);
  else
    set_range(r, q2, op2 == Op::kGe, q, op == Op::kLe, kRTwoBounds);
}

// Signed deviation: "+2", "-1", "0" (only zero may go without a sign).
size_t scan_deviation(string_view s, Quantity& q, string_view& err) {
  if (s.empty()) return 0;
  if (s[0] != '+' && s[0] != '-') {
    size_t n = scan_quantity(s, false, q, err);
    if (n == 0 || !q.value.is_zero()) return 0;
    return n;
  }
  return scan_quantity(s, true, q, err);
}

// "+2/-1", "+2 -1", "-0.1/-0.3", "+0.2/0": two deviations. Returns consumed or 0.
size_t scan_deviation_pair(string_view s, Quantity& d1, Quantity& d2, string_view& err) {
  size_t n1 = scan_deviation(s, d1, err);
  if (n1 == 0 || (s[0] != '+' && s[0] != '-')) return 0;
  size_t i = n1;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '/') ++i;
  while (i < s.size() && s[i] == ' ') ++i;
  size_t n2 = scan_deviation(s.substr(i), d2, err);
  if (n2 == 0) return 0;
  return i + n2;
}

bool merge_deviation_units(Quantity& d1, Quantity& d2, Unit& unit) {
  if (!d1.unit.is_none() && !d2.unit.is_none() && d1.unit.symbol != d2.unit.symbol) return false;
  unit = d1.unit.is_none() ? d2.unit : d1.unit;
  return true;
}

// Text starting with a number (or sign, '.', '±').
void parse_number_first(string_view s, const ParseOptions& options, ParsedRequirement& r) {
  string_view err;
  if (s.starts_with("±")) {
    Quantity t;
    string_view rest = skip_ws(s.substr(2));
    size_t n = scan_quantity(rest, false, t, err);
    if (n == 0) return fail(r, err.empty() ? kEMissingNumber : err);
    if (!trim_ws(rest.substr(n)).empty()) return fail(r, kETrailing);
    return set_tolerance(r, t.value, Decimal{-t.value.mantissa, t.value.exponent}, t.unit);
  }
  if (s.starts_with("+") || (s.starts_with("-") && s.find('/') != string_view::npos)) {
    Quantity d1, d2;
    size_t n = scan_deviation_pair(s, d1, d2, err);
    if (n > 0 && trim_ws(s.substr(n)).empty()) {
      Unit unit;
      if (!merge_deviation_units(d1, d2, unit)) return fail(r, kEUnitConflict);
      return set_tolerance(r, d1.value, d2.value, unit);
    }
    if (s.starts_with("+") && n == 0 && s.size() > 1 && !is_digit(s[1]) && s[1] != '.')
      return fail(r, kEUnknown);
  }
  Quantity q1;
  size_t n = scan_quantity(s, true, q1, err);
  if (n == 0) return fail(r, err.empty() ? kEUnknown : err);
  string_view rest = skip_ws(s.substr(n));
  if (rest.empty()) {
    switch (options.bare_number) {
      case BareNumber::kUnparsed:
        return fail(r, kEBareNumber);
      case BareNumber::kLowerBound:
        return set_bound(r, Op::kGe, q1, kRGe);
      case BareNumber::kUpperBound:
        return set_bound(r, Op::kLe, q1, kRLe);
      case BareNumber::kExact:
        set_nominal(r, q1, Decimal{}, Decimal{}, Unit{}, kRExact, options);
        if (r.ok()) r.reason = kRExact;
        return;
    }
  }
  // 95%以上, 0.5以下, 0.5以内
  static constexpr std::array<string_view, 4> kAbove = {"(含)及以上", "及以上", "或以上", "以上"};
  static constexpr std::array<string_view, 7> kBelow = {"(含)及以下", "及以下", "或以下", "以下",
                                                        "以内",       "之内",   "范围内"};
  static constexpr std::array<string_view, 3> kIncl = {"(含本数)", "(包括本数)", "(含)"};
  {
    string_view t = rest;
    bool above = eat_any(t, kAbove);
    bool below = !above && eat_any(t, kBelow);
    if (above || below) {
      t = skip_ws(t);
      eat_any(t, kIncl);
      if (!trim_ws(t).empty()) return fail(r, kETrailing);
      return set_bound(r, above ? Op::kGe : Op::kLe, q1, above ? kRAbove : kRBelow);
    }
    if (t.starts_with("以外")) return fail(r, kEExclusiveOutside);
  }
  // 50±2 mm, 220 V±10%; 50 (+2/-1), 220 V (+10%/-15%), 50 (±2): deviations in parentheses read
  // as without.
  if (rest.starts_with("(") && rest.ends_with(")")) {
    string_view inner = trim_ws(rest.substr(1, rest.size() - 2));
    if (starts(inner, "±") || inner.starts_with("+") || inner.starts_with("-")) rest = inner;
  }
  if (starts(rest, "±")) {
    Quantity t;
    string_view after = skip_ws(rest.substr(2));
    size_t m = scan_quantity(after, false, t, err);
    if (m == 0) return fail(r, err.empty() ? kEMissingNumber : err);
    if (!trim_ws(after.substr(m)).empty()) return fail(r, kETrailing);
    return set_nominal(r, q1, t.value, Decimal{-t.value.mantissa, t.value.exponent}, t.unit,
                       kRNominal, options);
  }
  // 50+2/-1, 50-1/+2, 50-0.1/-0.3
  if (rest.starts_with("+") || (rest.starts_with("-") && rest.find('/') != string_view::npos)) {
    Quantity d1, d2;
    size_t m = scan_deviation_pair(rest, d1, d2, err);
    if (m > 0) {
      if (!trim_ws(rest.substr(m)).empty()) return fail(r, kETrailing);
      Unit unit;
      if (!merge_deviation_units(d1, d2, unit)) return fail(r, kEUnitConflict);
      return set_nominal(r, q1, d1.value, d2.value, unit, kRNominal, options);
    }
    if (rest.starts_with("+")) return fail(r, kETolSign);
  }
  // 0.3～0.5, 0.3-0.5, 0.3至0.5, 0.3到0.5 (the second number may be negative: -5~-1)
  static constexpr std::array<string_view, 4> kRangeSep = {"~", "至", "到", "-"};
  {
    string_view t = rest;
    if (eat_any(t, kRangeSep)) {
      t = skip_ws(t);
      Quantity q2;
      size_t m = scan_quantity(t, true, q2, err);
      if (m == 0) return fail(r, err.empty() ? kEMissingNumber : err);
      string_view tail = skip_ws(t.substr(m));
      static constexpr std::array<string_view, 3> kBetween = {"之间", "范围内", "内"};
      eat_any(tail, kBetween);
      if (!trim_ws(tail).empty()) return fail(r, kETrailing);
      return set_range(r, q1, true, q2, true, kRRange);
    }
  }
  // 0.3<x≤0.5
  if (rest.starts_with("<")) {
    string_view t = rest;
    Op op1;
    string_view reason;
    if (match_op(t, op1, reason)) {
      size_t v = 0;
      while (v < t.size() && ((t[v] >= 'a' && t[v] <= 'z') || (t[v] >= 'A' && t[v] <= 'Z'))) ++v;
      if (v > 0 && v <= 3) {
        t = skip_ws(t.substr(v));
        Op op2;
        if (t.starts_with("<") && match_op(t, op2, reason)) {
          Quantity q2;
          size_t m = scan_quantity(t, true, q2, err);
          if (m == 0) return fail(r, err.empty() ? kEMissingNumber : err);
          if (!trim_ws(t.substr(m)).empty()) return fail(r, kETrailing);
          return set_range(r, q1, op1 == Op::kLe, q2, op2 == Op::kLe, kRTwoBounds);
        }
      }
    }
  }
  fail(r, kETrailing);
}

// "(50±2)mm", "(0.3~0.5)mm", "(50±2)%": the unit after the parenthesis applies inside.
void parse_parenthesized(string_view s, const ParseOptions& options, ParsedRequirement& r) {
  size_t close = s.find(')');
  if (close == string_view::npos) return fail(r, kEParen);
  string_view inner = trim_ws(s.substr(1, close - 1));
  string_view outer = trim_ws(s.substr(close + 1));
  if (inner.empty()) return fail(r, kEParen);
  Unit unit;
  if (!outer.empty()) {
    if (unit_prefix_length(outer) != outer.size()) return fail(r, kETrailing);
    unit = parse_unit(outer);
  }
  ParseOptions inner_options = options;
  inner_options.bare_number = BareNumber::kUnparsed;
  // (220±10%)V: the unit outside is the nominal's, which makes the % relative.
  if (!outer.empty()) inner_options.default_unit = outer;
  parse_number_first(inner, inner_options, r);
  if (!r.ok()) return;
  if (r.kind != RequirementKind::kNominal && r.kind != RequirementKind::kRange &&
      r.kind != RequirementKind::kTolerance)
    return fail(r, kEParen);
  if (unit.is_none()) return;
  if (!r.unit.is_none() && r.unit.symbol != unit.symbol) return fail(r, kEUnitConflict);
  r.unit = unit;
  if (!r.relative_tolerance || r.kind == RequirementKind::kTolerance) r.tolerance_unit = unit;
}

bool starts_numeric(string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  return is_digit(c) || c == '.' || c == '-' || c == '+' || s.starts_with("±");
}

void parse_body(string_view s, const ParseOptions& options, ParsedRequirement& r) {
  static constexpr std::array<string_view, 16> kNothing = {
      "-",      "--",       "---",    "/",      "无要求", "不要求", "不作要求", "不做要求",
      "未规定", "未作规定", "无规定", "不规定", "N/A",    "NA",     "n/a",      "不适用"};
  if (is_any(s, kNothing)) {
    r.kind = RequirementKind::kNoRequirement;
    r.reason = kRNoRequirement;
    return;
  }
  // Modal words carry no constraint: 应 ≥95%, 应当符合, 必须无.
  static constexpr std::array<string_view, 7> kModal = {"应当", "应该", "必须", "须",
                                                        "需",   "要求", "应"};
  {
    string_view t = s;
    if (eat_any(t, kModal)) {
      t = skip_ws(t);
      eat(t, ":");
      t = skip_ws(t);
      // 应不小于 → 不小于; 应为1级 handled by the grade parser; a lone modal is not a requirement.
      if (!t.empty()) s = t;
    }
  }
  // Conformity references first: "符合 GB 12021.2 能效1级的要求" names a grade inside a reference.
  {
    static constexpr std::array<string_view, 9> kConformStart = {
        "符合", "满足", "遵守", "遵照", "执行", "依照", "按照", "参照", "按"};
    string_view t = s;
    if (eat_any(t, kConformStart)) {
      if (parse_qualitative(s, r)) return;
    }
  }
  if (contains_grade_marker(s)) return parse_grade(s, options, r);
  {
    string_view t = s;
    Op op;
    string_view reason;
    if (match_op(t, op, reason)) return parse_op_clause(t, op, reason, r);
  }
  if (parse_qualitative(s, r)) return;
  {
    string_view t = s;
    static constexpr std::array<string_view, 4> kLead = {"为", "在", "从", "是"};
    if (eat_any(t, kLead) && starts_numeric(skip_ws(t))) s = skip_ws(t);
  }
  if (s.starts_with("(")) return parse_parenthesized(s, options, r);
  if (starts_numeric(s)) return parse_number_first(s, options, r);
  fail(r, kEUnknown);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Names

std::string_view requirement_kind_name(RequirementKind k) {
  switch (k) {
    case RequirementKind::kUnparsed:
      return "unparsed";
    case RequirementKind::kLowerBound:
      return "lower_bound";
    case RequirementKind::kUpperBound:
      return "upper_bound";
    case RequirementKind::kRange:
      return "range";
    case RequirementKind::kNominal:
      return "nominal";
    case RequirementKind::kTolerance:
      return "tolerance";
    case RequirementKind::kGrade:
      return "grade";
    case RequirementKind::kQualitative:
      return "qualitative";
    case RequirementKind::kNoRequirement:
      return "no_requirement";
  }
  return "unparsed";
}

std::string_view requirement_kind_label_zh(RequirementKind k) {
  switch (k) {
    case RequirementKind::kUnparsed:
      return "未解析";
    case RequirementKind::kLowerBound:
      return "下限";
    case RequirementKind::kUpperBound:
      return "上限";
    case RequirementKind::kRange:
      return "范围";
    case RequirementKind::kNominal:
      return "标称值及偏差";
    case RequirementKind::kTolerance:
      return "允许偏差";
    case RequirementKind::kGrade:
      return "等级";
    case RequirementKind::kQualitative:
      return "定性";
    case RequirementKind::kNoRequirement:
      return "未作要求";
  }
  return "未解析";
}

ParsedRequirement parse_requirement(std::string_view text, const ParseOptions& options) {
  ParsedRequirement r;
  r.original = std::string(text);
  if (text.size() > kMaxRequirementBytes) {
    fail(r, kETooLong);
    return r;
  }
  if (!is_valid_utf8(text)) {
    fail(r, kEUtf8);
    return r;
  }
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) {
      fail(r, kEControl);
      return r;
    }
  }
  char buf[kMaxRequirementBytes];
  size_t n = fold_width(text, buf);
  // One space for any run of whitespace; none at the ends.
  size_t w = 0;
  bool pending_space = false;
  for (size_t i = 0; i < n; ++i) {
    char c = buf[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = w > 0;
      continue;
    }
    if (pending_space) buf[w++] = ' ';
    pending_space = false;
    buf[w++] = c;
  }
  string_view s(buf, w);
  // Sentence punctuation at the end: 。 . ; , 、
  while (true) {
    if (s.ends_with("。") || s.ends_with("、"))
      s.remove_suffix(3);
    else if (s.ends_with(";") || s.ends_with(",") || (s.ends_with(".") && !s.ends_with("N.D.")))
      s.remove_suffix(1);
    else
      break;
    s = trim_ws(s);
  }
  if (s.empty()) {
    fail(r, kEEmpty);
    return r;
  }
  parse_body(s, options, r);
  if (r.ok() && !options.default_unit.empty() && r.unit.is_none() &&
      (r.kind == RequirementKind::kLowerBound || r.kind == RequirementKind::kUpperBound ||
       r.kind == RequirementKind::kRange || r.kind == RequirementKind::kNominal ||
       r.kind == RequirementKind::kTolerance)) {
    r.unit = parse_unit(options.default_unit);
    if (r.tolerance_unit.is_none() && !r.relative_tolerance &&
        (r.kind == RequirementKind::kNominal || r.kind == RequirementKind::kTolerance))
      r.tolerance_unit = r.unit;
  }
  return r;
}

namespace {

std::string with_unit(const Decimal& v, const Unit& u) {
  std::string s = v.to_string();
  if (!u.is_none()) {
    s += ' ';
    s += u.symbol;
  }
  return s;
}

std::string signed_text(const Decimal& d) {
  std::string s = d.to_string();
  if (d.mantissa >= 0) s.insert(0, "+");
  return s;
}

// ±2 when symmetric, else +2/-1.
std::string deviation_text(const Decimal& up, const Decimal& down) {
  if (compare_decimal(up, Decimal{-down.mantissa, down.exponent}) == 0 && !up.is_negative())
    return "±" + up.to_string();
  return signed_text(up) + "/" + signed_text(down);
}

std::string grade_text(const Grade& g) {
  std::string s;
  if (g.scale == GradeScale::kQualityClass) {
    static constexpr std::array<string_view, 3> kClasses = {"优等品", "一等品", "合格品"};
    int i = static_cast<int>(g.level) - 1;
    return std::string(i >= 0 && i < 3 ? kClasses[static_cast<size_t>(i)] : "?");
  }
  if (g.scale == GradeScale::kLetter) {
    s += static_cast<char>('A' + static_cast<int>(g.level) - 1);
  } else {
    int whole = static_cast<int>(g.level);
    s += std::to_string(whole);
    if (g.level != whole) s += "-" + std::to_string(whole + 1);
  }
  s += "级";
  return s;
}

}  // namespace

std::string describe_requirement(const ParsedRequirement& r) {
  std::string out(requirement_kind_label_zh(r.kind));
  out += "：";
  auto bound_text = [&](const Bound& b, bool lower) {
    std::string s = lower ? (b.inclusive ? "≥" : ">") : (b.inclusive ? "≤" : "<");
    s += with_unit(b.value, r.unit);
    return s;
  };
  switch (r.kind) {
    case RequirementKind::kUnparsed:
      out += r.reason;
      break;
    case RequirementKind::kLowerBound:
      out += bound_text(*r.lower, true);
      break;
    case RequirementKind::kUpperBound:
      out += bound_text(*r.upper, false);
      break;
    case RequirementKind::kRange:
      if (r.lower->inclusive && r.upper->inclusive) {
        out += r.lower->value.to_string() + "～" + with_unit(r.upper->value, r.unit) + "（含两端）";
      } else {
        out += bound_text(*r.lower, true) + " 且 " + bound_text(*r.upper, false);
      }
      break;
    case RequirementKind::kNominal: {
      out += "标称值 " + with_unit(*r.nominal, r.unit);
      if (!r.upper_deviation.is_zero() || !r.lower_deviation.is_zero()) {
        out += "，允许偏差 " + deviation_text(r.upper_deviation, r.lower_deviation);
        if (!r.tolerance_unit.is_none()) out += " " + r.tolerance_unit.symbol;
      }
      out += "，即 " + r.lower->value.to_string() + "～" + with_unit(r.upper->value, r.unit);
      break;
    }
    case RequirementKind::kTolerance:
      out += deviation_text(r.upper_deviation, r.lower_deviation);
      if (!r.unit.is_none()) out += " " + r.unit.symbol;
      out += "（未给出标称值）";
      break;
    case RequirementKind::kGrade:
      out += grade_text(r.grade);
      if (r.grade.scale == GradeScale::kQualityClass)
        out += "（优等品最优）";
      else if (r.grade.order == GradeOrder::kFirstIsBest)
        out += "（靠前的等级最优，如1级、A级）";
      else
        out += "（数字越大越优）";
      break;
    case RequirementKind::kQualitative:
      switch (r.term) {
        case QualitativeTerm::kAbsent:
          out += r.subject.empty() ? "不得存在/检出" : "不得有" + r.subject;
          break;
        case QualitativeTerm::kPresent:
          out += "应有" + r.subject;
          break;
        case QualitativeTerm::kConforms:
          out += "符合 " + r.subject;
          break;
        case QualitativeTerm::kPass:
          out += "合格";
          break;
      }
      break;
    case RequirementKind::kNoRequirement:
      out += "未作要求";
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kBetter:
      return "better";
    case Verdict::kEqual:
      return "equal";
    case Verdict::kWorse:
      return "worse";
    case Verdict::kIncomparable:
      return "incomparable";
  }
  return "incomparable";
}

std::string_view verdict_label_zh(Verdict v) {
  switch (v) {
    case Verdict::kBetter:
      return "优于";
    case Verdict::kEqual:
      return "达到";
    case Verdict::kWorse:
      return "低于";
    case Verdict::kIncomparable:
      return "不可比";
  }
  return "不可比";
}

std::optional<Verdict> parse_verdict(std::string_view s) {
  for (Verdict v : {Verdict::kBetter, Verdict::kEqual, Verdict::kWorse, Verdict::kIncomparable})
    if (s == verdict_name(v) || s == verdict_label_zh(v)) return v;
  return std::nullopt;
}

namespace {

bool is_interval_kind(RequirementKind k) {
  return k == RequirementKind::kLowerBound || k == RequirementKind::kUpperBound ||
         k == RequirementKind::kRange || k == RequirementKind::kNominal;
}

// Is inner's lower end at least as tight as outer's? (inner excludes everything outer excludes)
bool lower_within(const std::optional<Bound>& inner, const Unit& ui,
                  const std::optional<Bound>& outer, const Unit& uo) {
  if (!outer) return true;
  if (!inner) return false;
  int c = compare_quantity(inner->value, ui, outer->value, uo);
  if (c != 0) return c > 0;
  return !(inner->inclusive && !outer->inclusive);
}

bool upper_within(const std::optional<Bound>& inner, const Unit& ui,
                  const std::optional<Bound>& outer, const Unit& uo) {
  if (!outer) return true;
  if (!inner) return false;
  int c = compare_quantity(inner->value, ui, outer->value, uo);
  if (c != 0) return c < 0;
  return !(inner->inclusive && !outer->inclusive);
}

// lo bound of x lies strictly above hi bound of y (no common value).
bool above(const std::optional<Bound>& lo, const Unit& ul, const std::optional<Bound>& hi,
           const Unit& uh) {
  if (!lo || !hi) return false;
  int c = compare_quantity(lo->value, ul, hi->value, uh);
  return c > 0 || (c == 0 && !(lo->inclusive && hi->inclusive));
}

CompareResult compare_intervals(const ParsedRequirement& a, const ParsedRequirement& b) {
  switch (relate_units(a.unit, b.unit)) {
    case UnitRelation::kComparable:
      break;
    case UnitRelation::kNoneVsUnit:
      return {Verdict::kIncomparable, "一方注明了单位、另一方未注明，无法确认可比"};
    case UnitRelation::kDimensionDiffer:
      return {Verdict::kIncomparable, "单位量纲不同，无法换算"};
    case UnitRelation::kUnknownDiffer:
      return {Verdict::kIncomparable, "单位无法识别且两者不同，无法换算"};
  }
  bool a_in_b = lower_within(a.lower, a.unit, b.lower, b.unit) &&
                upper_within(a.upper, a.unit, b.upper, b.unit);
  bool b_in_a = lower_within(b.lower, b.unit, a.lower, a.unit) &&
                upper_within(b.upper, b.unit, a.upper, a.unit);
  if (a_in_b && b_in_a) return {Verdict::kEqual, "允许的数值范围与基准相同"};
  if (a_in_b) return {Verdict::kBetter, "允许的数值范围是基准的真子集，要求更严"};
  if (b_in_a) return {Verdict::kWorse, "允许的数值范围比基准宽，要求更松"};
  if (above(a.lower, a.unit, b.upper, b.unit) || above(b.lower, b.unit, a.upper, a.unit))
    return {Verdict::kWorse, "允许的数值范围与基准不相交"};
  return {Verdict::kWorse, "允许的数值范围与基准部分重叠，允许基准不允许的值"};
}

CompareResult compare_grades(const Grade& a, const Grade& b) {
  if (a.scale != b.scale)
    return {Verdict::kIncomparable, "等级体系不同（数字、字母或产品等级），无法直接比较"};
  if (a.order != b.order)
    return {Verdict::kIncomparable, "等级方向不一致（一方以小为优、一方以大为优）"};
  if (a.level == b.level) return {Verdict::kEqual, "等级相同"};
  bool a_better = a.order == GradeOrder::kFirstIsBest ? a.level < b.level : a.level > b.level;
  return a_better ? CompareResult{Verdict::kBetter, "要求的等级更优"}
                  : CompareResult{Verdict::kWorse, "要求的等级低于基准"};
}

CompareResult compare_qualitative(const ParsedRequirement& a, const ParsedRequirement& b) {
  if (a.term != b.term) return {Verdict::kIncomparable, "定性要求的类型不同，需人工判断"};
  switch (a.term) {
    case QualitativeTerm::kAbsent:
    case QualitativeTerm::kPresent:
      if (a.subject.empty() || b.subject.empty() || same_text(a.subject, b.subject))
        return {Verdict::kEqual, "定性要求相同"};
      return {Verdict::kIncomparable, "定性要求针对的对象不同，需人工判断"};
    case QualitativeTerm::kConforms:
      if (same_text(a.subject, b.subject)) return {Verdict::kEqual, "引用同一要求"};
      return {Verdict::kIncomparable, "引用的要求不同，需人工判断"};
    case QualitativeTerm::kPass:
      return {Verdict::kEqual, "均要求合格"};
  }
  return {Verdict::kIncomparable, "定性要求的类型不同，需人工判断"};
}

}  // namespace

CompareResult compare_requirements(const ParsedRequirement& a, const ParsedRequirement& b) {
  if (!a.ok() || !b.ok()) return {Verdict::kIncomparable, "要求文本未能解析，需人工判断"};
  bool a_none = a.kind == RequirementKind::kNoRequirement;
  bool b_none = b.kind == RequirementKind::kNoRequirement;
  if (a_none && b_none) return {Verdict::kEqual, "双方均未作要求"};
  if (a_none) return {Verdict::kWorse, "本标准未作要求，基准标准有要求"};
  if (b_none) return {Verdict::kBetter, "基准标准未作要求，本标准有要求"};
  if (is_interval_kind(a.kind) && is_interval_kind(b.kind)) return compare_intervals(a, b);
  bool a_tol = a.kind == RequirementKind::kTolerance, b_tol = b.kind == RequirementKind::kTolerance;
  if (a_tol && b_tol) return compare_intervals(a, b);
  if (a_tol || b_tol) return {Verdict::kIncomparable, "允许偏差未给出标称值，无法与其他要求比较"};
  if (a.kind == RequirementKind::kGrade && b.kind == RequirementKind::kGrade)
    return compare_grades(a.grade, b.grade);
  if (a.kind == RequirementKind::kQualitative && b.kind == RequirementKind::kQualitative)
    return compare_qualitative(a, b);
  return {Verdict::kIncomparable, "要求类型不同（数值、等级、定性），无法直接比较"};
}

// ---------------------------------------------------------------------------------------------
// Judging a measured value

namespace {

enum class MeasuredKind {
  kNumber,       // value [unit]
  kBelow,        // <X, ≤X: below a reporting limit
  kAbove,        // >X, ≥X
  kNotDetected,  // 未检出, ND
  kPassWord,     // 合格, 符合
  kFailWord,     // 不合格, 不符合
  kAbsentWord,   // 无, 未发现
  kPresentWord,  // 有, 检出
  kGrade,
  kInvalid,
};

struct Measured {
  MeasuredKind kind = MeasuredKind::kInvalid;
  Quantity q;
  bool inclusive = false;
  Grade grade;
  string_view error;
};

Measured parse_measured(string_view text) {
  Measured m;
  if (text.size() > kMaxRequirementBytes || !is_valid_utf8(text)) {
    m.error = "实测值过长或编码无效";
    return m;
  }
  char buf[kMaxRequirementBytes];
  size_t n = fold_width(text, buf);
  string_view s = trim_ws(string_view(buf, n));
  while (!s.empty() && (s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s = trim_ws(s.substr(0, s.size() - 1));
  if (s.empty()) {
    m.error = "实测值为空";
    return m;
  }
  static constexpr std::array<string_view, 13> kNd = {
      "未检出", "ND",  "N.D.",       "N.D",        "nd",      "n.d.",    "n.d",
      "<LOD",   "<DL", "低于检出限", "小于检出限", "<检出限", "不得检出"};
  static constexpr std::array<string_view, 10> kPass = {
      "合格", "符合", "通过", "满足", "达标", "符合要求", "满足要求", "符合规定", "是", "✓"};
  static constexpr std::array<string_view, 8> kFail = {"不合格", "不符合",     "不通过", "不满足",
                                                       "不达标", "不符合要求", "否",     "✗"};
  static constexpr std::array<string_view, 5> kAbsentWords = {"无", "未发现", "没有", "未见",
                                                              "未出现"};
  static constexpr std::array<string_view, 4> kPresentWords = {"有", "检出", "发现", "出现"};
  if (is_any(s, kNd))
    m.kind = MeasuredKind::kNotDetected;
  else if (is_any(s, kPass))
    m.kind = MeasuredKind::kPassWord;
  else if (is_any(s, kFail))
    m.kind = MeasuredKind::kFailWord;
  else if (is_any(s, kAbsentWords))
    m.kind = MeasuredKind::kAbsentWord;
  else if (is_any(s, kPresentWords))
    m.kind = MeasuredKind::kPresentWord;
  if (m.kind != MeasuredKind::kInvalid) return m;
  if (contains_grade_marker(s)) {
    ParsedRequirement g;
    parse_grade(s, ParseOptions{}, g);
    if (g.kind == RequirementKind::kGrade) {
      m.kind = MeasuredKind::kGrade;
      m.grade = g.grade;
    } else {
      m.error = "无法识别的等级实测值";
    }
    return m;
  }
  string_view t = s;
  m.kind = MeasuredKind::kNumber;
  if (t.starts_with("<") || t.starts_with(">")) {
    bool below = t[0] == '<';
    t.remove_prefix(1);
    m.inclusive = t.starts_with("=");
    if (m.inclusive) t.remove_prefix(1);
    m.kind = below ? MeasuredKind::kBelow : MeasuredKind::kAbove;
    t = skip_ws(t);
  }
  string_view err;
  size_t used = scan_quantity(t, true, m.q, err);
  if (used == 0 || !trim_ws(t.substr(used)).empty()) {
    m.kind = MeasuredKind::kInvalid;
    m.error = err.empty() ? string_view("无法识别的实测值") : err;
  }
  return m;
}

JudgeResult undecided(std::string reason) {
  JudgeResult j;
  j.reason = std::move(reason);
  return j;
}

JudgeResult decided(bool pass, std::string reason, std::string value = {}) {
  JudgeResult j;
  j.decided = true;
  j.pass = pass;
  j.reason = std::move(reason);
  j.compared_value = std::move(value);
  return j;
}

bool satisfies_lower(const Decimal& v, const Unit& uv, const std::optional<Bound>& lo,
                     const Unit& ub) {
  if (!lo) return true;
  int c = compare_quantity(v, uv, lo->value, ub);
  return c > 0 || (c == 0 && lo->inclusive);
}

bool satisfies_upper(const Decimal& v, const Unit& uv, const std::optional<Bound>& hi,
                     const Unit& ub) {
  if (!hi) return true;
  int c = compare_quantity(v, uv, hi->value, ub);
  return c < 0 || (c == 0 && hi->inclusive);
}

std::string bounds_text(const ParsedRequirement& r) {
  std::string s;
  if (r.lower) s += (r.lower->inclusive ? "≥" : ">") + with_unit(r.lower->value, r.unit);
  if (r.lower && r.upper) s += " 且 ";
  if (r.upper) s += (r.upper->inclusive ? "≤" : "<") + with_unit(r.upper->value, r.unit);
  return s;
}

JudgeResult judge_numeric(const ParsedRequirement& r, Measured m, JudgeMethod method,
                          std::optional<double> rounding_interval) {
  if (m.kind == MeasuredKind::kNotDetected || m.kind == MeasuredKind::kAbsentWord) {
    bool zero_allowed =
        !r.lower || r.lower->value.mantissa < 0 || (r.lower->value.is_zero() && r.lower->inclusive);
    if (r.upper && zero_allowed)
      return decided(true,
                     "未检出，按低于限值判定合格（前提：检出限不高于限值 " + bounds_text(r) + "）",
                     "未检出");
    return undecided("未检出，无法与下限比较，需结合检出限人工判定");
  }
  if (m.kind != MeasuredKind::kNumber && m.kind != MeasuredKind::kBelow &&
      m.kind != MeasuredKind::kAbove)
    return undecided("数值要求需要数值实测值");
  if (m.q.unit.is_none()) {
    m.q.unit = r.unit;
  } else if (!units_comparable(m.q.unit, r.unit)) {
    if (r.unit.is_none())
      return undecided("要求未注明单位，无法换算实测值的单位“" + m.q.unit.symbol + "”");
    return undecided("实测值单位“" + m.q.unit.symbol + "”与要求单位“" + r.unit.symbol +
                     "”不可换算");
  }
  if (m.kind == MeasuredKind::kBelow || m.kind == MeasuredKind::kAbove) {
    // A reported limit: the true value lies in (−∞/0, X) or (X, +∞). Pass only if that whole
    // interval is allowed, fail only if none of it is.
    std::string shown =
        std::string(m.kind == MeasuredKind::kBelow ? "<" : ">") + with_unit(m.q.value, m.q.unit);
    if (m.kind == MeasuredKind::kBelow) {
      bool zero_allowed = !r.lower || r.lower->value.mantissa < 0 ||
                          (r.lower->value.is_zero() && r.lower->inclusive);
      bool all_in = zero_allowed && (!r.upper || compare_quantity(m.q.value, m.q.unit,
                                                                  r.upper->value, r.unit) <= 0);
      if (all_in) return decided(true, "实测值" + shown + "，全部落在允许范围内", shown);
      if (r.lower && compare_quantity(m.q.value, m.q.unit, r.lower->value, r.unit) <= 0)
        return decided(false, "实测值" + shown + "，低于下限 " + bounds_text(r), shown);
    } else {
      bool all_in = !r.upper && (!r.lower || compare_quantity(m.q.value, m.q.unit, r.lower->value,
                                                              r.unit) >= 0);
      if (all_in) return decided(true, "实测值" + shown + "，全部落在允许范围内", shown);
      if (r.upper && compare_quantity(m.q.value, m.q.unit, r.upper->value, r.unit) >= 0)
        return decided(false, "实测值" + shown + "，超出上限 " + bounds_text(r), shown);
    }
    return undecided("实测值" + shown + "只给出范围，无法判定是否满足 " + bounds_text(r));
  }
  Decimal value = m.q.value;
  Unit unit = m.q.unit;
  std::string method_text = "全数值比较";
  if (method == JudgeMethod::kRoundedValue) {
    Decimal interval;
    if (rounding_interval) {
      auto d = decimal_from_double(*rounding_interval);
      if (!d || d->mantissa <= 0) return undecided("修约间隔必须为正数");
      interval = *d;
    } else {
      // GB/T 8170 §4.3.3: round to the place of the limit as written.
      int32_t e = 0;
      bool any = false;
      for (const auto& b : {r.lower, r.upper}) {
        if (!b) continue;
        e = any ? std::min(e, b->value.exponent) : b->value.exponent;
        any = true;
      }
      interval = Decimal{1, e};
    }
    auto rounded = round_converted_half_even(value, unit, interval, r.unit);
    if (!rounded) return undecided("修约超出可精确计算的范围");
    value = *rounded;
    unit = r.unit;
    method_text = "修约值比较（修约间隔 " + interval.to_string() + "，四舍六入五成双）";
  }
  std::string shown = with_unit(value, unit);
  bool ok_lower = satisfies_lower(value, unit, r.lower, r.unit);
  bool ok_upper = satisfies_upper(value, unit, r.upper, r.unit);
  std::string head = method_text + "：" + shown;
  if (ok_lower && ok_upper) return decided(true, head + " 满足 " + bounds_text(r), shown);
  if (!ok_lower) return decided(false, head + " 低于下限 " + bounds_text(r), shown);
  return decided(false, head + " 超出上限 " + bounds_text(r), shown);
}

}  // namespace

JudgeResult judge_value(const ParsedRequirement& r, std::string_view measured, JudgeMethod method,
                        std::optional<double> rounding_interval) {
  if (r.kind == RequirementKind::kUnparsed)
    return undecided("要求未能解析（" + std::string(r.reason) + "），需人工判定");
  if (r.kind == RequirementKind::kNoRequirement) return decided(true, "未作要求");
  if (r.kind == RequirementKind::kTolerance)
    return undecided("要求只给出允许偏差、没有标称值，无法判定");
  Measured m = parse_measured(measured);
  if (m.kind == MeasuredKind::kInvalid) return undecided(std::string(m.error));
  switch (r.kind) {
    case RequirementKind::kLowerBound:
    case RequirementKind::kUpperBound:
    case RequirementKind::kRange:
    case RequirementKind::kNominal:
      return judge_numeric(r, m, method, rounding_interval);
    case RequirementKind::kGrade: {
      if (m.kind != MeasuredKind::kGrade) return undecided("等级要求需要等级实测值（如“1级”）");
      if (m.grade.scale != r.grade.scale) return undecided("实测等级与要求的等级体系不同");
      bool pass = r.grade.order == GradeOrder::kFirstIsBest ? m.grade.level <= r.grade.level
                                                            : m.grade.level >= r.grade.level;
      std::string shown = grade_text(m.grade);
      return decided(pass, "实测 " + shown + (pass ? " 达到 " : " 未达到 ") + grade_text(r.grade),
                     shown);
    }
    case RequirementKind::kQualitative: {
      bool number_zero = m.kind == MeasuredKind::kNumber && m.q.value.is_zero();
      bool number_positive = m.kind == MeasuredKind::kNumber && m.q.value.mantissa > 0;
      switch (r.term) {
        case QualitativeTerm::kAbsent:
          if (m.kind == MeasuredKind::kNotDetected || m.kind == MeasuredKind::kAbsentWord ||
              m.kind == MeasuredKind::kPassWord || m.kind == MeasuredKind::kBelow || number_zero)
            return decided(true, "未检出/不存在，符合“" + describe_requirement(r) + "”",
                           std::string(measured));
          if (m.kind == MeasuredKind::kPresentWord || m.kind == MeasuredKind::kFailWord ||
              number_positive)
            return decided(false, "检出/存在，不符合“" + describe_requirement(r) + "”",
                           std::string(measured));
          break;
        case QualitativeTerm::kPresent:
          if (m.kind == MeasuredKind::kPresentWord || m.kind == MeasuredKind::kPassWord)
            return decided(true, "具有，符合要求", std::string(measured));
          if (m.kind == MeasuredKind::kAbsentWord || m.kind == MeasuredKind::kNotDetected ||
              m.kind == MeasuredKind::kFailWord)
            return decided(false, "不具有，不符合要求", std::string(measured));
          break;
        case QualitativeTerm::kConforms:
        case QualitativeTerm::kPass:
          if (m.kind == MeasuredKind::kPassWord)
            return decided(true, "结论为合格/符合", std::string(measured));
          if (m.kind == MeasuredKind::kFailWord)
            return decided(false, "结论为不合格/不符合", std::string(measured));
          break;
      }
      return undecided("实测结果无法与定性要求对应，需人工判定");
    }
    default:
      break;
  }
  return undecided("无法判定");
}

// ---------------------------------------------------------------------------------------------
// Roll-up

std::string_view roll_up_name(RollUpKind k) {
  switch (k) {
    case RollUpKind::kAllBetter:
      return "all_better";
    case RollUpKind::kPartlyBetter:
      return "partly_better";
    case RollUpKind::kAllEqual:
      return "all_equal";
    case RollUpKind::kNotMet:
      return "not_met";
    case RollUpKind::kUndetermined:
      return "undetermined";
  }
  return "undetermined";
}

std::string_view roll_up_label_zh(RollUpKind k) {
  switch (k) {
    case RollUpKind::kAllBetter:
      return "全部优于";
    case RollUpKind::kPartlyBetter:
      return "部分优于";
    case RollUpKind::kAllEqual:
      return "全部达到";
    case RollUpKind::kNotMet:
      return "未达到";
    case RollUpKind::kUndetermined:
      return "待人工判定";
  }
  return "待人工判定";
}

std::optional<RollUpKind> parse_roll_up_kind(std::string_view s) {
  for (RollUpKind k : {RollUpKind::kAllBetter, RollUpKind::kPartlyBetter, RollUpKind::kAllEqual,
                       RollUpKind::kNotMet, RollUpKind::kUndetermined})
    if (s == roll_up_name(k) || s == roll_up_label_zh(k)) return k;
  return std::nullopt;
}

RollUp roll_up(const std::vector<IndicatorVerdict>& rows) {
  RollUp r;
  bool any_core = std::any_of(rows.begin(), rows.end(), [](const auto& v) { return v.core; });
  bool core_worse = false;
  for (const auto& row : rows) {
    bool counts = !any_core || row.core;
    switch (row.verdict) {
      case Verdict::kBetter:
        ++r.better;
        break;
      case Verdict::kEqual:
        ++r.equal;
        break;
      case Verdict::kWorse:
        ++r.worse;
        r.gaps.push_back(row.name);
        if (counts) core_worse = true;
        break;
      case Verdict::kIncomparable:
        ++r.incomparable;
        r.needs_review.push_back(row.name);
        break;
    }
  }
  if (r.worse > 0)
    r.kind = RollUpKind::kNotMet;
  else if (r.better + r.equal == 0)
    r.kind = RollUpKind::kUndetermined;
  else if (r.equal == 0)
    r.kind = RollUpKind::kAllBetter;
  else if (r.better == 0)
    r.kind = RollUpKind::kAllEqual;
  else
    r.kind = RollUpKind::kPartlyBetter;
  r.compliant = !core_worse && r.kind != RollUpKind::kUndetermined;
  r.provisional = r.incomparable > 0;
  r.summary = std::string(roll_up_label_zh(r.kind)) + "：优于" + std::to_string(r.better) +
              "项，达到" + std::to_string(r.equal) + "项，低于" + std::to_string(r.worse) +
              "项，不可比" + std::to_string(r.incomparable) + "项";
  if (!r.gaps.empty()) r.summary += "；差距指标：" + join(r.gaps, "、");
  if (!r.needs_review.empty()) r.summary += "；待人工判定：" + join(r.needs_review, "、");
  if (r.kind == RollUpKind::kUndetermined)
    r.summary += "；是否达标待人工判定";
  else
    r.summary += r.compliant ? "；达标" : "；未达标（核心指标低于基准）";
  if (r.provisional) r.summary += "（待人工判定后确认）";
  return r;
}

}  // namespace duibiao
