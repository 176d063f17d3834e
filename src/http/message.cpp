#include "http/message.h"

#include "domain/text.h"

namespace duibiao::http {
namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Finds a query parameter; returns true when present.
bool find_query(std::string_view raw, std::string_view name, std::string* value) {
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view pair = raw.substr(start, end - start);
    size_t eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq), true);
    if (key == name) {
      if (value)
        *value = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1), true);
      return true;
    }
    start = end + 1;
  }
  return false;
}
}  // namespace

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int h = hex_value(s[i + 1]), l = hex_value(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out.push_back(static_cast<char>(h * 16 + l));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::string Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view rest = all;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view part = trim(rest.substr(0, end));
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    if (end == std::string_view::npos) break;
    rest = rest.substr(end + 1);
  }
  return {};
}

std::string Request::query(std::string_view name) const {
  std::string v;
  find_query(raw_query, name, &v);
  return v;
}

bool Request::has_query(std::string_view name) const {
  return find_query(raw_query, name, nullptr);
}

void Response::set_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace duibiao::http
