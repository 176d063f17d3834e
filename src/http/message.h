#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duibiao::http {

// The project's own request / response types; only server.cpp knows Boost.Beast.
struct Request {
  std::string method;  // upper case
  std::string path;    // percent-decoded, without the query
  std::string raw_query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_addr;
  std::map<std::string, std::string> params;  // path parameters, e.g. {id}
  // Set by the dispatcher, for the access log and the metrics.
  std::string request_id;
  int route_slot = -1;    // the matched route (a metrics slot); -1 before routing
  long long user_id = 0;  // the caller, once authenticated

  std::string header(std::string_view name) const;
  std::string cookie(std::string_view name) const;
  // Percent-decoded query parameter ('+' is a space); empty when absent.
  std::string query(std::string_view name) const;
  bool has_query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";

  void set_header(std::string name, std::string value);
};

std::string percent_decode(std::string_view s, bool plus_is_space);

}  // namespace duibiao::http
