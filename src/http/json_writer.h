#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace duibiao::http {

// Streams JSON text without building a document first: the large answers (a result with its
// indicator table, result lists) spent most of their time allocating and freeing nlohmann nodes.
// Strings are escaped per RFC 8259; invalid UTF-8 bytes become U+FFFD.
class JsonWriter {
 public:
  JsonWriter();
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(long long v);
  JsonWriter& value(int v) { return value(static_cast<long long>(v)); }
  JsonWriter& value(size_t v) { return value(static_cast<long long>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& null();
  // Already serialized JSON (e.g. stored JSON text), inserted as one value.
  JsonWriter& raw(std::string_view json);
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

// A 200/201 answer whose body is JSON text already written.
Response json_text_response(int status, std::string body);

}  // namespace duibiao::http
