#include "http/json_writer.h"

#include <cstdint>
#include <cstring>

#include "domain/text.h"

namespace duibiao::http {

namespace {
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// True when none of the 8 bytes needs a look: all ASCII, none a control character, '"' or '\\'.
bool plain_word(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if (w & kHighs) return false;
  // With every byte below 0x80, (x - n…) & ~x has a byte's high bit set exactly where a byte of
  // x is below n (the classic "has less than" test): below 0x20, or zero after the XOR.
  uint64_t quote = w ^ (kOnes * '"');
  uint64_t backslash = w ^ (kOnes * '\\');
  uint64_t found =
      ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  return (found & kHighs) == 0;
}

// An ASCII byte JSON does not take as it is.
bool ascii_to_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

void escape_byte(std::string& out, unsigned char c) {
  static const char* kHex = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c >= 0x80) {
        out += "\\ufffd";
      } else {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
  }
}

// A string that is not valid UTF-8: every byte from 0x80 becomes U+FFFD (rare; the slow way).
void escape_invalid(std::string& out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80 && !ascii_to_escape(c)) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    escape_byte(out, c);
  }
  out.append(s.data() + run, s.size() - run);
}

// One pass: plain runs are appended whole (8 ASCII bytes checked at a time), UTF-8 sequences
// checked as they pass; a string found invalid is written again the slow way.
void escape_into(std::string& out, std::string_view s) {
  out += '"';
  size_t mark = out.size();
  size_t run = 0, i = 0, n = s.size();
  while (i < n) {
    if (i + 8 <= n && plain_word(s.data() + i)) {
      i += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len = utf8_sequence_length(s, i);
      if (len == 0) {
        out.resize(mark);
        escape_invalid(out, s);
        out += '"';
        return;
      }
      i += len;
    } else if (ascii_to_escape(c)) {
      out.append(s.data() + run, i - run);
      escape_byte(out, c);
      run = ++i;
    } else {
      ++i;
    }
  }
  out.append(s.data() + run, n - run);
  out += '"';
}
}  // namespace

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter::JsonWriter() {
  out_.reserve(4096);
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  escape_into(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  before_value();
  escape_into(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(long long v) {
  before_value();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

Response json_text_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace duibiao::http
