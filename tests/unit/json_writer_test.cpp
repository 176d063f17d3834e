#include "http/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace duibiao::http
