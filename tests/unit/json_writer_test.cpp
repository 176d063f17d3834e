#include "http/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

#include "domain/text.h"

namespace duibiao::http {
namespace {

TEST(JsonWriter, WritesNestedContainersWithCommasInTheRightPlaces) {
  JsonWriter w;
  w.begin_object()
      .field("a", 1)
      .field("b", "x")
      .key("list")
      .begin_array()
      .value(true)
      .null()
      .begin_object()
      .field("n", -5LL)
      .end_object()
      .end_array()
      .key("empty")
      .begin_array()
      .end_array()
      .key("raw")
      .raw(R"([{"k":1}])")
      .end_object();
  std::string text = w.take();
  EXPECT_EQ(text, R"({"a":1,"b":"x","list":[true,null,{"n":-5}],"empty":[],"raw":[{"k":1}]})");
  EXPECT_TRUE(nlohmann::json::accept(text));
}

TEST(JsonWriter, EscapesWhatJsonRequiresAndKeepsChinese) {
  JsonWriter w;
  w.begin_array().value("引号\"反斜杠\\换行\n制表\t\x01").end_array();
  std::string text = w.take();
  auto parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed[0].get<std::string>(), "引号\"反斜杠\\换行\n制表\t\x01");
  EXPECT_NE(text.find("引号"), std::string::npos) << "UTF-8 is written as is";
}

TEST(JsonWriter, ReplacesInvalidUtf8InsteadOfWritingBrokenText) {
  JsonWriter w;
  w.begin_array().value(std::string("ok\xff\xfe")).end_array();
  std::string text = w.take();
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  EXPECT_EQ(nlohmann::json::parse(text)[0].get<std::string>(), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
}

// The writer's escaping as it was before the word-at-a-time scan: validate the whole string,
// then look at every byte. The fast path must write exactly the same text.
std::string reference_escape(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  bool valid = is_valid_utf8(s);
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20)
      out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    else if (c >= 0x80 && !valid)
      out += "\\ufffd";
    else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

TEST(JsonWriter, WritesWhatTheByteByByteEscapingWrote) {
  // Pieces that land anywhere in and across the 8-byte words: plain ASCII, every character JSON
  // escapes, Chinese, a 4-byte sequence, and broken sequences (cut, stray continuation, overlong).
  const std::vector<std::string> pieces = {"a",
                                           "abcdefgh",
                                           "0123456789",
                                           " ",
                                           "~",
                                           "\x7f",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\r",
                                           "\t",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "宁波",
                                           "对标达标",
                                           "\xF0\x9F\x98\x80",
                                           "é",
                                           "\xff",
                                           "\xE5\xAE",
                                           "\x80",
                                           "\xC0\xAF",
                                           "\xF5\x80\x80\x80"};
  std::mt19937 rng(20261207);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    int parts = static_cast<int>(rng() % 12);
    for (int k = 0; k < parts; ++k) s += pieces[rng() % pieces.size()];
    JsonWriter w;
    w.value(s);
    ASSERT_EQ(w.take(), reference_escape(s)) << "round " << round;
  }
}

}  // namespace
}  // namespace duibiao::http
