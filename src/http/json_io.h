#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/models.h"
#include "http/message.h"

namespace duibiao::http {

using Json = nlohmann::json;

// Response builders; the one place where ErrorCode becomes an HTTP status.
int http_status(ErrorCode code);
Response json_response(int status, const Json& body);
Response error_response(const Error& e);
Response no_content();

// Parses the body as a JSON object: 400 with a precise message (line / column) otherwise.
Result<Json> parse_json_object(const Request& req);

// Reads typed members of a request DTO, collecting type errors as field messages; a missing
// member leaves the default. `path` prefixes field names (e.g. "enterprise.").
class DtoReader {
 public:
  DtoReader(const Json& obj, std::string path) : obj_(obj), path_(std::move(path)) {}
  std::string str(const char* key);
  std::optional<std::string> opt_str(const char* key);
  long long integer(const char* key);
  // A finite number (integer or decimal, or a string holding one); nullopt when absent.
  std::optional<double> opt_number(const char* key);
  bool boolean(const char* key);
  std::optional<bool> opt_bool(const char* key);
  std::vector<std::string> str_list(const char* key);
  const Json* object(const char* key);  // nullptr when missing or wrong type (error recorded)
  std::map<std::string, std::string>& errors() { return errors_; }
  // 400 naming each field of the wrong type, or success.
  Result<void> finish() const;
  // Shares the error list with a nested reader.
  void merge(const DtoReader& other);

 private:
  const Json* member(const char* key);
  void type_error(const char* key, const char* expected);
  // Text the platform never stores: C0 controls and DEL; line breaks and tabs only in the fields
  // that hold running text (description, comment, …). Recorded as a 422 naming the field.
  bool clean_text(const char* key, const std::string& s);
  const Json& obj_;
  std::string path_;
  std::map<std::string, std::string> errors_;   // wrong types: 400
  std::map<std::string, std::string> invalid_;  // well-typed but unacceptable text: 422
};

// page / page_size query parameters (defaults 1 / 20, page_size at most 200).
Result<Page> read_page(const Request& req);
// A positive integer path parameter; 404 when it is not one (a route that cannot match).
Result<long long> id_param(const Request& req, const char* name = "id");

// Entity → JSON, shared by all handlers.
Json to_json(const User& u);
Json to_json(const Enterprise& e);
Json to_json(const Region& r);
Json to_json(const Industry& i);
Json to_json(const AuditEntry& a, bool with_details);

}  // namespace duibiao::http
