#include "domain/standard_number.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "domain/text.h"

namespace duibiao {

namespace {

constexpr std::string_view kShape =
    "应为 前缀 + 顺序号 + 年号，例如 GB/T 19001-2016 或 ISO 9001:2015";
constexpr int kMinYear = 1950;
constexpr int kMaxYear = 2100;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum(char c) {
  return is_digit(c) || is_upper(c);
}
// Spaces next to these carry no meaning ("GB /T 19001 — 2016"), so folding drops them.
bool is_punct(char c) {
  return c == '/' || c == '-' || c == ':' || c == '.' || c == '+' || c == '(' || c == ')';
}
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}
int to_int(std::string_view digits) {  // callers pass at most 8 digits
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}
std::string two_digits(int v) {
  return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
}
std::string quoted(std::string_view s) {
  return "“" + std::string(s) + "”";
}

// ---- Folding: whatever people paste → upper-case ASCII with meaningful single spaces ----

// Strict UTF-8 decoding (no overlongs, no surrogates), so that error messages quoting a
// character are themselves valid UTF-8. Returns -1 on an invalid sequence.
int32_t decode_utf8(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int extra;
  uint32_t cp;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) {
    extra = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3, cp = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + extra >= s.size()) return -1;
  for (int k = 1; k <= extra; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += extra + 1;
  return static_cast<int32_t>(cp);
}

std::string encode_utf8(uint32_t cp) {
  std::string r;
  if (cp < 0x80) {
    r += static_cast<char>(cp);
  } else if (cp < 0x800) {
    r += static_cast<char>(0xC0 | (cp >> 6));
    r += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    r += static_cast<char>(0xE0 | (cp >> 12));
    r += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    r += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    r += static_cast<char>(0xF0 | (cp >> 18));
    r += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    r += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    r += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return r;
}

std::string code_point_label(uint32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string r = "U+";
  int digits = cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4;
  for (int k = digits - 1; k >= 0; --k) r += kHex[(cp >> (4 * k)) & 0xF];
  return r;
}

constexpr char kDrop = 0;
constexpr char kControl = 1;
constexpr char kUnknown = 2;

// White space other than ASCII: NBSP, the U+2000 block, U+3000 (ideographic space).
constexpr std::array<uint32_t, 15> kSpaces{0x00A0, 0x2000, 0x2001, 0x2002, 0x2003,
                                           0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
                                           0x2009, 0x200A, 0x202F, 0x205F, 0x3000};
constexpr std::array<uint32_t, 5> kInvisible{0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF};
// Official Chinese texts use the em dash (GB/T 19001—2016); IMEs type 破折号 as two of them.
constexpr std::array<uint32_t, 11> kDashes{0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015,
                                           0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63};
// ∶ (U+2236) is common in Word documents for ISO years.
constexpr std::array<uint32_t, 3> kColons{0x2236, 0xFE13, 0xFE55};
constexpr std::array<uint32_t, 2> kSlashes{0x2044, 0x2215};

template <size_t N>
bool one_of(uint32_t cp, const std::array<uint32_t, N>& set) {
  return std::find(set.begin(), set.end(), cp) != set.end();
}

char fold_code_point(uint32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return ' ';
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return kControl;
  if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp - 'a' + 'A');
  if (cp < 0x7F) return static_cast<char>(cp);
  // Full-width ASCII (ＧＢ／Ｔ　１９００１－２０１６), as Chinese input methods produce it.
  if (cp >= 0xFF01 && cp <= 0xFF5E) return fold_code_point(cp - 0xFEE0);
  if (one_of(cp, kSpaces)) return ' ';
  if (one_of(cp, kInvisible)) return kDrop;
  if (one_of(cp, kDashes)) return '-';
  if (one_of(cp, kColons)) return ':';
  if (one_of(cp, kSlashes)) return '/';
  return kUnknown;
}

// Returns false and sets error when a character cannot belong to a standard number.
bool fold(std::string_view in, std::string& out, std::string& error) {
  out.clear();
  bool pending_space = false;
  size_t i = 0;
  while (i < in.size()) {
    int32_t cp = decode_utf8(in, i);
    if (cp < 0) {
      error = "标准编号含有无效的 UTF-8 字节：请粘贴纯文本的标准编号，例如 GB/T 19001-2016";
      return false;
    }
    char c = fold_code_point(static_cast<uint32_t>(cp));
    if (c == kDrop) continue;
    if (c == kControl) {
      error = "标准编号含有控制字符（" + code_point_label(static_cast<uint32_t>(cp)) +
              "）：请粘贴纯文本的标准编号，例如 GB/T 19001-2016";
      return false;
    }
    bool allowed = c == ' ' || is_alnum(c) || is_punct(c);
    if (c == kUnknown || !allowed) {
      std::string shown =
          c == kUnknown ? encode_utf8(static_cast<uint32_t>(cp)) : std::string(1, c);
      error = "标准编号含有无法识别的字符" + quoted(shown) + "（" +
              code_point_label(static_cast<uint32_t>(cp)) +
              "）：标准编号只由字母、数字、空格和 / - : . + ( ) 组成，例如 GB/T 19001-2016";
      return false;
    }
    if (c == ' ') {
      pending_space = true;
      continue;
    }
    if (c == '-' && !out.empty() && out.back() == '-') continue;  // "——" is one dash
    if (pending_space && !out.empty() && !is_punct(out.back()) && !is_punct(c)) out += ' ';
    pending_space = false;
    out += c;
  }
  return true;
}

// Trims ASCII white space, U+00A0, U+3000 and a BOM, which paste operations bring along.
std::string_view trim_pasted(std::string_view s) {
  auto strip_front = [](std::string_view& v) {
    for (std::string_view w :
         {" ", "\t", "\r", "\n", "\v", "\f", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"})
      if (v.starts_with(w)) {
        v.remove_prefix(w.size());
        return true;
      }
    return false;
  };
  auto strip_back = [](std::string_view& v) {
    for (std::string_view w :
         {" ", "\t", "\r", "\n", "\v", "\f", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"})
      if (v.ends_with(w)) {
        v.remove_suffix(w.size());
        return true;
      }
    return false;
  };
  while (strip_front(s)) {
  }
  while (strip_back(s)) {
  }
  return s;
}

// ---- Issuing bodies of international and foreign standards ----

enum class Style {
  kColon,       // ISO 9001:2015, EN 60335-2-9:2003+A13:2010, DIN … :2015-11
  kHyphenYear,  // ANSI Z87.1-2020, IEEE 802.3-2018
  kAstm,        // ASTM D638-14, A370-17a, D256-10(2018)
  kItu,         // ITU-T Y.2060 (06/2012)
};

struct Body {
  std::string_view token;
  std::string_view org;
  Style style;
  bool international;
  bool letter_class;  // a one-letter division precedes the number: JIS C 9335, NF C 15-100
};

// Longer tokens first where one is a prefix of another (ASTM, ASME before AS).
constexpr std::array<Body, 17> kBodies{{
    {"ITU-T", "ITU", Style::kItu, true, false},
    {"ITU-R", "ITU", Style::kItu, true, false},
    {"ISO", "ISO", Style::kColon, true, false},
    {"IEC", "IEC", Style::kColon, true, false},
    {"IEEE", "IEEE", Style::kHyphenYear, false, false},
    {"ASTM", "ASTM", Style::kAstm, false, false},
    {"ASME", "ASME", Style::kHyphenYear, false, false},
    {"ANSI", "ANSI", Style::kHyphenYear, false, false},
    {"NZS", "SNZ", Style::kColon, false, false},
    {"AS", "SA", Style::kColon, false, false},
    {"EN", "CEN/CENELEC", Style::kColon, false, false},
    {"BS", "BSI", Style::kColon, false, false},
    {"DIN", "DIN", Style::kColon, false, false},
    {"VDE", "VDE", Style::kColon, false, false},
    {"NF", "AFNOR", Style::kColon, false, true},
    {"JIS", "JISC", Style::kColon, false, true},
    {"UL", "UL", Style::kHyphenYear, false, false},
}};

// Which body may follow which in an adoption chain (BS EN ISO, DIN EN, ANSI/UL, ISO/IEC).
bool can_follow(std::string_view prev, std::string_view next) {
  if (next.starts_with("ITU") || next == "ANSI") return false;
  if (prev == "ANSI") return true;
  if (prev == "ISO") return next == "IEC" || next == "IEEE";
  if (prev == "IEC") return next == "IEEE";
  if (prev == "AS") return next == "NZS";
  if (prev == "EN") return next == "ISO" || next == "IEC";
  if (prev == "BS" || prev == "NF") return next == "EN" || next == "ISO" || next == "IEC";
  if (prev == "DIN") return next == "EN" || next == "ISO" || next == "IEC" || next == "VDE";
  return false;
}

// Joint publications are written with '/', adoptions with a space: ISO/IEC, ANSI/UL, AS/NZS,
// but BS EN ISO.
std::string_view joiner(std::string_view prev) {
  return prev == "ANSI" || prev == "ISO" || prev == "IEC" || prev == "AS" ? "/" : " ";
}

// Industry codes of 行业标准管理办法; a bare two-letter code is only taken as an industry
// standard when it is one of these, since without "/T" nothing else marks it as Chinese.
constexpr std::array<std::string_view, 69> kIndustryCodes{
    "AQ", "BB", "CB", "CH", "CJ", "CY", "DA", "DB", "DL", "DZ", "EJ", "FZ", "GA", "GH",
    "GM", "GY", "HB", "HG", "HJ", "HS", "HY", "JB", "JC", "JG", "JR", "JT", "JY", "LB",
    "LD", "LS", "LY", "MH", "MT", "MZ", "NB", "NY", "QB", "QC", "QJ", "QX", "RB", "SB",
    "SC", "SF", "SH", "SJ", "SL", "SN", "SW", "SY", "TB", "TD", "TY", "WB", "WH", "WJ",
    "WM", "WS", "WW", "XB", "XF", "YB", "YC", "YD", "YJ", "YS", "YY", "YZ", "ZY"};

bool is_known_industry_code(std::string_view code) {
  for (auto c : kIndustryCodes)
    if (c == code) return true;
  return false;
}

std::string_view example_for(StandardKind k) {
  switch (k) {
    case StandardKind::kNational:
      return "GB/T 19001-2016";
    case StandardKind::kIndustry:
      return "QB/T 1234-2018";
    case StandardKind::kLocal:
      return "DB33/T 1234-2020";
    case StandardKind::kGroup:
      return "T/ZZB 0001-2018";
    case StandardKind::kEnterprise:
      return "Q/NBXX 001-2020";
    case StandardKind::kInternational:
      return "ISO 9001:2015";
    case StandardKind::kForeign:
      return "EN 60335-2-9:2003+A13:2010";
  }
  return "";
}

bool is_chinese(StandardKind k) {
  return k != StandardKind::kInternational && k != StandardKind::kForeign;
}

bool is_local_mandatory(const StandardNumber& s) {
  return s.kind == StandardKind::kLocal && !s.prefix.ends_with("/T");
}

// ---- The parser proper, over folded text ----

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool parse(StandardNumber& out) {
    if (s_.empty()) return fail("标准编号为空：" + std::string(kShape));
    if (is_digit(peek())) return fail("缺少标准代号（前缀）：" + std::string(kShape));
    if (match_body(i_)) return parse_foreign(out) && expect_end();
    int chinese = parse_chinese(out);
    if (chinese > 0) return expect_end();
    if (chinese < 0) return false;
    size_t e = 0;
    while (e < s_.size() && (is_upper(s_[e]) || s_[e] == '/' || s_[e] == '-')) ++e;
    return fail("无法识别的标准编号：" + std::string(kShape) + "（未知的标准代号" +
                quoted(s_.substr(0, e == 0 ? 1 : e)) + "）");
  }

  std::string take_error() { return std::move(error_); }

 private:
  std::string_view s_;
  size_t i_ = 0;
  std::string error_;

  bool fail(std::string m) {
    if (error_.empty()) error_ = std::move(m);
    return false;
  }
  int reject(std::string m) {  // parse_chinese's "failed"
    fail(std::move(m));
    return -1;
  }
  bool at_end() const { return i_ >= s_.size(); }
  char peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  char at(size_t p) const { return p < s_.size() ? s_[p] : '\0'; }
  bool looking_at(std::string_view t) const { return s_.substr(i_).starts_with(t); }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void skip_space() { eat(' '); }
  std::string_view digits() {
    size_t b = i_;
    while (is_digit(peek())) ++i_;
    return s_.substr(b, i_ - b);
  }
  std::string_view upper_run() {
    size_t b = i_;
    while (is_upper(peek())) ++i_;
    return s_.substr(b, i_ - b);
  }

  bool expect_end() {
    if (at_end()) return true;
    return fail(quoted(s_.substr(0, i_)) + "之后有多余的内容" + quoted(s_.substr(i_)) + "：" +
                std::string(kShape));
  }

  // Four digits in 1950–2100, or (when allowed) two digits: 50–99 → 19xx, 00–49 → 20xx.
  bool year_from(std::string_view d, bool allow_two_digits, int& year) {
    if (d.size() == 4) {
      year = to_int(d);
      if (year < kMinYear || year > kMaxYear)
        return fail("年号 " + std::string(d) + " 超出范围：应在 1950–2100 之间");
      return true;
    }
    if (d.size() == 2 && allow_two_digits) {
      year = to_int(d);
      year += year >= 50 ? 1900 : 2000;
      return true;
    }
    return fail("年号" + quoted(d) + "应为四位数字，例如 GB/T 19001-2016 中的 2016");
  }

  bool month_from(std::string_view d, int& month) {
    if (d.empty() || d.size() > 2 || to_int(d) < 1 || to_int(d) > 12)
      return fail("月份" + quoted(d) + "应为 01–12，例如 ITU-T Y.2060 (06/2012) 中的 06");
    month = to_int(d);
    return true;
  }

  const Body* match_body(size_t p) const {
    for (const auto& b : kBodies) {
      if (!s_.substr(std::min(p, s_.size())).starts_with(b.token)) continue;
      char next = at(p + b.token.size());
      if (!is_upper(next)) return &b;
      // JISC9335 / JIS C9335: the letter is JIS's division, not part of the body.
      char after = at(p + b.token.size() + 1);
      if (b.letter_class && (after == ' ' || is_digit(after))) return &b;
    }
    return nullptr;
  }

  // ---- Chinese standards ----

  // 1 parsed, 0 not a Chinese prefix (nothing consumed), -1 failed.
  int parse_chinese(StandardNumber& out) {
    if (looking_at("Q/")) {
      i_ += 2;
      return parse_enterprise(out) ? 1 : -1;
    }
    StandardKind kind;
    std::string prefix;
    std::string body;
    if (looking_at("T/")) {
      i_ += 2;
      auto code = upper_run();
      if (code.empty() || code.size() > 12)
        return reject("团体标准代号应为 T/ + 社会团体代号（字母），例如 T/ZZB 0001-2018");
      kind = StandardKind::kGroup;
      prefix = "T/" + std::string(code);
      body = code;
    } else if (looking_at("GB")) {
      kind = StandardKind::kNational;
      body = "SAC";
      if (looking_at("GBZ/T") && !is_upper(peek(5))) {
        prefix = "GBZ/T", i_ += 5;
      } else if ((looking_at("GB/T") || looking_at("GB/Z") || looking_at("GB T") ||
                  looking_at("GB Z")) &&
                 !is_upper(peek(4))) {
        prefix = peek(3) == 'T' ? "GB/T" : "GB/Z", i_ += 4;
      } else if (looking_at("GBT") && !is_upper(peek(3))) {  // file names drop the slash
        prefix = "GB/T", i_ += 3;
      } else if (looking_at("GBZ") && !is_upper(peek(3))) {  // 职业卫生 GBZ 2.1, not GB/Z
        prefix = "GBZ", i_ += 3;
      } else if (peek(2) == '/') {
        return reject("国家标准代号应为 GB、GB/T 或 GB/Z，例如 GB/T 19001-2016");
      } else if (!is_upper(peek(2))) {
        prefix = "GB", i_ += 2;
      } else {
        return 0;
      }
    } else if (looking_at("DB")) {
      // DB + division digits is a local standard; DB/T alone is the earthquake industry.
      size_t j = i_ + 2;
      bool spaced = at(j) == ' ';
      if (spaced) ++j;
      size_t n = 0;
      while (is_digit(at(j + n))) ++n;
      if (n > 0 && (!spaced || at(j + n) == '/')) {
        if (n != 2 && n != 4)
          return reject(
              "地方标准代号应为 DB + 省级（2 位）或设区的市级（4 位）行政区划代码，"
              "例如 DB33/T 1234-2020、DB3302/T 1-2021");
        auto region = s_.substr(j, n);
        if (region.starts_with("00"))
          return reject("地方标准代号中的行政区划代码" + quoted(region) + "无效，例如 DB33/T");
        i_ = j + n;
        kind = StandardKind::kLocal;
        body = region;
        prefix = "DB" + std::string(region);
        if (eat('/') && peek() == 'T' && !is_upper(peek(1))) {
          ++i_;
          prefix += "/T";
        }
      } else if (peek(2) == '/' && (peek(3) == 'T' || peek(3) == 'Z') && !is_upper(peek(4))) {
        kind = StandardKind::kIndustry, body = "DB", prefix = std::string("DB/") + peek(3);
        i_ += 4;
      } else if (!is_upper(peek(2)) && peek(2) != '/') {
        kind = StandardKind::kIndustry, body = "DB", prefix = "DB", i_ += 2;
      } else {
        return 0;
      }
    } else if (is_upper(peek()) && is_upper(peek(1))) {
      std::string code(s_.substr(i_, 2));
      kind = StandardKind::kIndustry;
      body = code;
      if (peek(2) == '/' && (peek(3) == 'T' || peek(3) == 'Z') && !is_upper(peek(4))) {
        prefix = code + '/' + peek(3), i_ += 4;
      } else if (peek(2) == '/') {
        if (!is_known_industry_code(code)) return 0;
        return reject("行业标准代号应为 两个字母 + /T，例如 QB/T 1234-2018");
      } else if (is_known_industry_code(code) && peek(2) == 'T' && !is_upper(peek(3))) {
        prefix = code + "/T", i_ += 3;
      } else if (is_known_industry_code(code) && !is_upper(peek(2))) {
        prefix = code, i_ += 2;
      } else {
        return 0;
      }
    } else {
      return 0;
    }

    out.kind = kind;
    out.issuing_body = body;
    out.prefix = prefix;
    skip_space();
    if (at_end())
      return reject(quoted(prefix) + "之后缺少顺序号：应为 前缀 + 顺序号 + 年号，例如 " +
                    std::string(example_for(kind)));
    if (!is_digit(peek()))
      return reject(quoted(prefix) + "之后应为数字顺序号，例如 " + std::string(example_for(kind)));
    if (!parse_chinese_designation(out)) return -1;
    if (eat('/')) {
      // IDT double number: GB/T 19001—2016/ISO 9001:2015.
      if (!match_body(i_))
        return reject("双编号中“/”之后应为国际或国外标准编号，例如 GB/T 19001-2016/ISO 9001:2015");
      auto adopted = std::make_shared<StandardNumber>();
      if (!parse_foreign(*adopted)) return -1;
      adopted->as_written = adopted->normalized;
      out.normalized += "/" + adopted->normalized;
      out.adopts = std::move(adopted);
    }
    return 1;
  }

  // 19001-2016, 4706.1-2005, 16886.10: digits, dot parts, then a hyphenated year.
  bool parse_chinese_designation(StandardNumber& out) {
    auto first = digits();
    if (first.size() > 8) return fail("顺序号" + quoted(first) + "过长：应不超过 8 位数字");
    if (to_int(first) == 0)
      return fail("顺序号不能为 0，例如 " + std::string(example_for(out.kind)));
    out.number = first;
    int levels = 0;
    while (peek() == '.' && is_digit(peek(1))) {
      ++i_;
      auto p = digits();
      if (p.size() > 6) return fail("部分号" + quoted(p) + "过长：应不超过 6 位数字");
      if (++levels > 3) return fail("部分号过多：应如 GB 4706.1-2005 或 GB/T 20000.1-2014");
      if (!out.part.empty()) out.part += '.';
      out.part += p;
    }
    if (peek() == '-' || peek() == ':') {
      ++i_;
      auto d = digits();
      if (d.empty()) return fail("“-”之后应为年号，例如 " + std::string(example_for(out.kind)));
      if (!year_from(d, true, out.year)) return false;
    }
    out.normalized = standard_key(out);
    if (out.year) out.normalized += "-" + std::to_string(out.year);
    return true;
  }

  // Q/ + enterprise code + sequence number + year. Enterprise codes follow no national format
  // (Q/NBXX 001-2020, Q/320582 AAB 01-2019, Q/BBAH 0001S-2014), so only the shape is checked:
  // the last token is the number, everything before it the code.
  bool parse_enterprise(StandardNumber& out) {
    constexpr std::string_view kEnterpriseShape =
        "应为 Q/ + 企业代号 + 顺序号 + 年号，例如 Q/NBXX 001-2020";
    std::string_view r = s_.substr(i_);
    i_ = s_.size();
    if (r.empty()) return fail("“Q/”之后缺少企业代号和顺序号：" + std::string(kEnterpriseShape));
    if (r.find('/') != std::string_view::npos)
      return fail("企业标准编号中只能有一个“/”：" + std::string(kEnterpriseShape));
    if (auto dash = r.rfind('-'); dash != std::string_view::npos) {
      auto tail = r.substr(dash + 1);
      if (all_digits(tail) && (tail.size() == 2 || tail.size() == 4)) {
        if (!year_from(tail, true, out.year)) return false;
        r = r.substr(0, dash);
      }
    }
    std::string_view code;
    std::string_view number;
    if (auto sp = r.rfind(' '); sp != std::string_view::npos) {
      code = r.substr(0, sp);
      number = r.substr(sp + 1);
    } else {
      // Q/NBXX0001S: the number starts at the last run of digits (up to two letters may follow).
      size_t k = r.size();
      int letters = 0;
      while (k > 0 && is_upper(r[k - 1]) && letters < 2) --k, ++letters;
      while (k > 0 && (is_digit(r[k - 1]) || r[k - 1] == '.' || r[k - 1] == '-')) --k;
      while (k < r.size() && !is_digit(r[k])) ++k;
      code = r.substr(0, k);
      number = r.substr(k);
    }
    if (code.empty()) return fail("缺少企业代号：" + std::string(kEnterpriseShape));
    if (code.size() > 30 || std::count(code.begin(), code.end(), ' ') > 2)
      return fail("企业代号过长：" + std::string(kEnterpriseShape));
    for (char c : code)
      if (!is_alnum(c) && c != ' ')
        return fail("企业代号" + quoted(code) + "只能由字母和数字组成：" +
                    std::string(kEnterpriseShape));
    bool has_digit = false;
    bool sep_ok = !number.empty() && is_alnum(number.front()) && is_alnum(number.back());
    for (size_t k = 0; k < number.size(); ++k) {
      char c = number[k];
      has_digit = has_digit || is_digit(c);
      bool sep = c == '.' || c == '-';
      if (!is_alnum(c) && !sep) sep_ok = false;
      if (sep && k + 1 < number.size() && !is_alnum(number[k + 1])) sep_ok = false;
    }
    if (number.size() > 20)
      return fail("企业标准顺序号" + quoted(number) + "过长：" + std::string(kEnterpriseShape));
    if (!has_digit || !sep_ok)
      return fail("企业标准" + quoted(std::string("Q/") + std::string(code)) + "缺少顺序号：" +
                  std::string(kEnterpriseShape));
    out.kind = StandardKind::kEnterprise;
    out.issuing_body = code;
    out.prefix = "Q/" + std::string(code);
    out.number = number;
    out.normalized = standard_key(out);
    if (out.year) out.normalized += "-" + std::to_string(out.year);
    return true;
  }

  // ---- International and foreign standards ----

  bool parse_foreign(StandardNumber& out) {
    const Body* first = match_body(i_);
    i_ += first->token.size();
    std::vector<std::string_view> chain{first->token};
    const Body* last = first;
    std::string prefix(first->token);
    while (chain.size() < 4 && (peek() == '/' || peek() == ' ')) {
      char sep = peek();
      const Body* b = match_body(i_ + 1);
      std::string_view token;
      if (b) {
        token = b->token;
      } else if (chain.back() == "ANSI" && sep == '/') {
        // ANSI co-publications name any developer: ANSI/ASHRAE 90.1, ANSI/ISEA Z87.1.
        size_t n = 0;
        while (is_upper(at(i_ + 1 + n))) ++n;
        if (n >= 2 && n <= 10 && at(i_ + 1 + n) == ' ') token = s_.substr(i_ + 1, n);
      }
      if (token.empty() || !can_follow(chain.back(), token)) break;
      prefix += joiner(chain.back());
      prefix += token;
      chain.push_back(token);
      if (b) last = b;
      i_ += 1 + token.size();
    }
    if (chain.back() == "ISO" || chain.back() == "IEC") {
      // Deliverables other than full standards: ISO/TS 16949, IEC TS 62443-1-1.
      for (std::string_view type : {"TS", "TR", "PAS"}) {
        if ((peek() == '/' || peek() == ' ') && s_.substr(i_ + 1).starts_with(type) &&
            !is_upper(at(i_ + 1 + type.size()))) {
          bool slash = chain.size() == 1 && chain.back() == "ISO";
          if (chain.size() > 1 && chain[chain.size() - 2] != "ISO" &&
              chain[chain.size() - 2] != "IEC" && chain.back() == "ISO")
            slash = true;  // EN ISO/TS 14067
          prefix += slash ? "/" : " ";
          prefix += type;
          i_ += 1 + type.size();
          break;
        }
      }
    }
    out.kind = first->international ? StandardKind::kInternational : StandardKind::kForeign;
    out.prefix = prefix;
    out.issuing_body = first->org;
    if (first->international) {
      // Joint publications name every body: ISO/IEC, ISO/IEC/IEEE.
      for (size_t k = 1; k < chain.size() && joiner(chain[k - 1]) == "/"; ++k)
        out.issuing_body += "/" + std::string(chain[k]);
    }
    skip_space();
    if (at_end()) return fail(quoted(prefix) + "之后缺少顺序号：" + std::string(kShape));
    switch (first->style) {
      case Style::kColon:
        return parse_colon(out, *last);
      case Style::kHyphenYear:
        return parse_hyphen_year(out);
      case Style::kAstm:
        return parse_astm(out);
      case Style::kItu:
        return parse_itu(out);
    }
    return false;
  }

  // ISO 9001:2015, IEC 60335-1:2020+A1:2023, JIS C 9335-1:2014, ISO 9001:2015/Amd 1:2024,
  // DIN EN ISO 9001:2015-11.
  bool parse_colon(StandardNumber& out, const Body& last) {
    std::string number;
    if (last.letter_class && is_upper(peek()) && (peek(1) == ' ' || is_digit(peek(1)))) {
      number += peek();
      number += ' ';
      ++i_;
      skip_space();
    }
    if (!is_digit(peek()))
      return fail(quoted(out.prefix) + "之后应为数字顺序号，例如 ISO 9001:2015、JIS C 9335-1:2014");
    std::vector<std::string_view> segments{digits()};
    while (peek() == '-' && is_digit(peek(1))) {
      ++i_;
      segments.push_back(digits());
    }
    for (auto seg : segments)
      if (seg.size() > 8) return fail("顺序号" + quoted(seg) + "过长：应不超过 8 位数字");
    if (segments.size() > 6)  // IEC 60335-2-40 has three; six leaves room for a trailing year
      return fail("顺序号的部分过多：应如 IEC 60335-2-9:2019，最多 5 级");
    if (to_int(segments.front()) == 0) return fail("顺序号不能为 0，例如 ISO 9001:2015");
    if (eat(':')) {
      auto d = digits();
      if (d.empty()) return fail("“:”之后应为四位年号，例如 ISO 9001:2015");
      if (!year_from(d, false, out.year)) return false;
      if (peek() == '-' && is_digit(peek(1))) {  // DIN's edition month: :2015-11
        ++i_;
        if (!month_from(digits(), out.month)) return false;
      }
    } else if (segments.size() >= 2 && segments.back().size() == 4) {
      // People write ISO 9001-2015; a trailing part in the year range is taken as the year.
      int y = to_int(segments.back());
      if (y >= kMinYear && y <= kMaxYear) {
        out.year = y;
        segments.pop_back();
      }
    }
    for (size_t k = 0; k < segments.size(); ++k) {
      if (k) number += '-';
      number += segments[k];
      if (k) {
        if (k > 1) out.part += '-';
        out.part += segments[k];
      }
    }
    out.number = number;
    // NF C 15-100 is one classification index, not part 100 of C 15.
    if (last.token == "NF" && is_upper(number.front())) out.part.clear();
    if (!parse_amendments(out)) return false;
    out.normalized = standard_key(out);
    if (out.year) out.normalized += ":" + std::to_string(out.year);
    if (out.month) out.normalized += "-" + two_digits(out.month);
    for (const auto& a : out.amendments)
      out.normalized += (a.starts_with("Amd ") || a.starts_with("Cor ") ? "/" : "+") + a;
    return true;
  }

  bool parse_amendments(StandardNumber& out) {
    while (true) {
      std::string text;
      if (eat('+')) {
        // A1 (CENELEC / IEC shorthand), AMD1 and COR1 (IEC), AC (CEN corrigendum).
        auto letters = upper_run();
        if (peek() == ' ' && is_digit(peek(1))) ++i_;
        auto n = digits();
        bool numbered = letters == "A" || letters == "AMD" || letters == "COR";
        if (!(numbered || letters == "AC") || (numbered && n.empty()))
          return fail("“+”之后应为修正案，例如 IEC 60335-1:2020+A1:2023 或 +AC:2014");
        if (!n.empty() && (n.size() > 3 || to_int(n) == 0))
          return fail("修正案编号" + quoted(n) + "无效，例如 +A1:2023");
        text = std::string(letters) + std::string(n);
      } else if (peek() == '/' &&
                 (s_.substr(i_ + 1).starts_with("AMD") || s_.substr(i_ + 1).starts_with("COR"))) {
        bool amd = at(i_ + 1) == 'A';
        i_ += 4;
        skip_space();
        auto n = digits();
        if (n.empty() || n.size() > 3 || to_int(n) == 0)
          return fail("修正案应写作 /Amd 1:2024 或 /Cor 1:2012");
        text = std::string(amd ? "Amd " : "Cor ") + std::string(n);
      } else {
        return true;
      }
      if (eat(':')) {
        int y = 0;
        auto d = digits();
        if (d.empty()) return fail("修正案的“:”之后应为四位年号，例如 +A1:2023");
        if (!year_from(d, false, y)) return false;
        text += ":" + std::to_string(y);
      }
      if (out.amendments.size() >= 8) return fail("修正案过多：最多 8 个");
      out.amendments.push_back(std::move(text));
    }
  }

  // ANSI Z87.1-2020, IEEE 802.3-2018, ASME B31.3-2020, UL 60335-1, ANSI/ASHRAE 90.1.
  bool parse_hyphen_year(StandardNumber& out) {
    // Designations look like Z87.1, B31.3, 90.1, 802.11AX, 60335-2-40: a first segment of up to
    // three letters, digits and up to two letters, then short alphanumeric segments.
    auto shape = [&] {
      return quoted(out.prefix) + "之后应为顺序号，例如 ANSI Z87.1-2020、UL 60335-1";
    };
    size_t b = i_;
    size_t lead = 0;
    for (; is_upper(peek()); ++i_) ++lead;
    auto first = digits();
    size_t trail = 0;
    for (; is_upper(peek()); ++i_) ++trail;
    if (lead > 3 || first.empty() || first.size() > 8 || trail > 2) return fail(shape());
    int segments = 1;
    while ((peek() == '.' || peek() == '-') && is_alnum(peek(1))) {
      ++i_;
      size_t n = 0;
      for (; is_alnum(peek()); ++i_) ++n;
      if (n > 8 || ++segments > 7) return fail(shape());
    }
    std::string_view token = s_.substr(b, i_ - b);
    if (eat(':')) {
      auto d = digits();
      if (d.empty()) return fail("“:”之后应为四位年号，例如 ANSI Z87.1:2020");
      if (!year_from(d, false, out.year)) return false;
    } else if (auto dash = token.rfind('-'); dash != std::string_view::npos) {
      auto tail = token.substr(dash + 1);
      if (tail.size() == 4 && all_digits(tail)) {
        if (!year_from(tail, false, out.year)) return false;
        token = token.substr(0, dash);
      }
    }
    out.number = token;
    if (auto dash = token.find('-'); dash != std::string_view::npos)
      out.part = token.substr(dash + 1);
    out.normalized = standard_key(out);
    if (out.year) out.normalized += "-" + std::to_string(out.year);
    return true;
  }

  // ASTM D638-14, A370-17a, E8/E8M-22, D256-10(2018).
  bool parse_astm(StandardNumber& out) {
    constexpr std::string_view kAstmShape = "应为 字母 + 数字 + 两位年号，例如 ASTM D638-14";
    if (!is_upper(peek())) return fail("ASTM 标准编号" + std::string(kAstmShape));
    std::string number(1, peek());
    ++i_;
    skip_space();
    auto d = digits();
    if (d.empty() || d.size() > 6) return fail("ASTM 标准编号" + std::string(kAstmShape));
    number += d;
    if (peek() == 'M' && !is_alnum(peek(1))) number += 'M', ++i_;
    if (peek() == '/' && is_upper(peek(1)) && is_digit(peek(2))) {  // E8/E8M: metric companion
      number += '/';
      number += peek(1);
      i_ += 2;
      auto d2 = digits();
      if (d2.size() > 6) return fail("ASTM 标准编号" + std::string(kAstmShape));
      number += d2;
      if (peek() == 'M' && !is_alnum(peek(1))) number += 'M', ++i_;
    }
    out.number = number;
    if (eat('-')) {
      auto y = digits();
      if (y.empty()) return fail("“-”之后应为年号，例如 ASTM D638-14");
      if (!year_from(y, true, out.year)) return false;
      if (is_upper(peek()) && !is_alnum(peek(1))) {
        out.edition = std::string(1, static_cast<char>(peek() - 'A' + 'a'));
        ++i_;
      }
      if (eat('(')) {
        auto r = digits();
        if (r.size() != 4 || !eat(')'))
          return fail("重新批准年号应写作 (2018)，例如 ASTM D256-10(2018)");
        if (!year_from(r, false, out.reapproved)) return false;
      }
    }
    out.normalized = standard_key(out);
    if (out.year) {
      // Two digits as ASTM prints them, unless that would read back as another century.
      bool two = out.year >= kMinYear && out.year < 2050;
      out.normalized += "-" + (two ? two_digits(out.year % 100) : std::to_string(out.year));
      out.normalized += out.edition;
      if (out.reapproved) out.normalized += "(" + std::to_string(out.reapproved) + ")";
    }
    return true;
  }

  // ITU-T Y.2060 (06/2012), ITU-T X.509, ITU-R BT.709-6.
  bool parse_itu(StandardNumber& out) {
    constexpr std::string_view kItuShape =
        "应为 系列字母 + “.” + 编号 + (月/年)，例如 ITU-T Y.2060 (06/2012)";
    auto series = upper_run();
    if (series.empty() || series.size() > 3 || !eat('.') || !is_digit(peek()))
      return fail("ITU 建议书编号" + std::string(kItuShape));
    std::string number = std::string(series) + ".";
    auto d = digits();
    if (d.size() > 6) return fail("ITU 建议书编号" + std::string(kItuShape));
    number += d;
    for (int levels = 0; peek() == '.' && is_digit(peek(1)); ++levels) {
      ++i_;
      auto sub = digits();
      if (sub.size() > 4 || levels >= 2) return fail("ITU 建议书编号" + std::string(kItuShape));
      number += ".";
      number += sub;
    }
    if (peek() == '-' && is_digit(peek(1))) {  // ITU-R revision: BT.709-6
      ++i_;
      auto rev = digits();
      if (rev.size() > 2) return fail("ITU 建议书编号" + std::string(kItuShape));
      number += "-";
      number += rev;
    }
    out.number = number;
    if (eat('(')) {
      auto first = digits();
      if (eat('/')) {
        if (!month_from(first, out.month)) return false;
        first = digits();
      }
      if (first.empty()) return fail("ITU 建议书的日期" + std::string(kItuShape));
      if (!year_from(first, false, out.year)) return false;
      if (!eat(')')) return fail("ITU 建议书的日期" + std::string(kItuShape));
    } else if (eat(':')) {
      if (!year_from(digits(), false, out.year)) return false;
    }
    out.normalized = standard_key(out);
    if (out.year) {
      out.normalized += " (";
      if (out.month) out.normalized += two_digits(out.month) + "/";
      out.normalized += std::to_string(out.year) + ")";
    }
    return true;
  }
};

}  // namespace

std::string_view standard_kind_name(StandardKind k) {
  switch (k) {
    case StandardKind::kInternational:
      return "international";
    case StandardKind::kForeign:
      return "foreign";
    case StandardKind::kNational:
      return "national";
    case StandardKind::kIndustry:
      return "industry";
    case StandardKind::kLocal:
      return "local";
    case StandardKind::kGroup:
      return "group";
    case StandardKind::kEnterprise:
      return "enterprise";
  }
  return "";
}

std::string_view standard_kind_label_zh(StandardKind k) {
  switch (k) {
    case StandardKind::kInternational:
      return "国际标准";
    case StandardKind::kForeign:
      return "国外先进标准";
    case StandardKind::kNational:
      return "国家标准";
    case StandardKind::kIndustry:
      return "行业标准";
    case StandardKind::kLocal:
      return "地方标准";
    case StandardKind::kGroup:
      return "团体标准";
    case StandardKind::kEnterprise:
      return "企业标准";
  }
  return "";
}

std::optional<StandardKind> parse_standard_kind(std::string_view s) {
  for (auto k : {StandardKind::kInternational, StandardKind::kForeign, StandardKind::kNational,
                 StandardKind::kIndustry, StandardKind::kLocal, StandardKind::kGroup,
                 StandardKind::kEnterprise})
    if (standard_kind_name(k) == s) return k;
  return std::nullopt;
}

StandardNumberResult parse_standard_number(std::string_view text) {
  StandardNumberResult r;
  std::string_view trimmed = trim_pasted(text);
  if (trimmed.empty()) {
    r.error = "标准编号为空：" + std::string(kShape);
    return r;
  }
  // Checked on the raw text first so that a pasted document costs nothing to reject.
  if (trimmed.size() > 4 * kMaxStandardNumberLength ||
      utf8_length(trimmed) > kMaxStandardNumberLength) {
    r.error = "标准编号过长：不应超过 " + std::to_string(kMaxStandardNumberLength) +
              " 个字符，请只填写一个标准编号，例如 GB/T 19001-2016";
    return r;
  }
  std::string folded;
  if (!fold(trimmed, folded, r.error)) return r;
  Parser p(folded);
  if (!p.parse(r.value)) {
    r.error = p.take_error();
    r.value = StandardNumber{};
    return r;
  }
  // The canonical form must read back as itself. Odd spacing can let the first reading accept
  // what the canonical text breaks (found by the fuzzer: a UL number with eight segments), so
  // such input is refused rather than stored in a form the platform cannot read again.
  if (r.value.normalized != folded) {
    std::string refolded, ignored;
    StandardNumber check;
    bool ok = fold(r.value.normalized, refolded, ignored);
    if (ok) {
      Parser again(refolded);
      ok = again.parse(check) && check.normalized == r.value.normalized;
    }
    if (!ok) {
      r.error = "无法识别的标准编号：" + std::string(kShape);
      r.value = StandardNumber{};
      return r;
    }
  }
  r.value.as_written = trimmed;
  r.ok = true;
  return r;
}

std::string standard_key(const StandardNumber& s) {
  if (is_chinese(s.kind) && s.kind != StandardKind::kEnterprise) {
    std::string key = s.prefix + (is_local_mandatory(s) ? "/ " : " ") + s.number;
    if (!s.part.empty()) key += "." + s.part;
    return key;
  }
  return s.prefix + " " + s.number;
}

bool same_standard(const StandardNumber& a, const StandardNumber& b, bool ignore_year) {
  if (a.number.empty() || b.number.empty()) return false;
  if (standard_key(a) != standard_key(b)) return false;
  return ignore_year || (a.year == b.year && a.month == b.month && a.edition == b.edition);
}

}  // namespace duibiao
