#pragma once

#include <expected>
#include <map>
#include <stdexcept>
#include <string>

namespace duibiao {

// The one error vocabulary of the platform; http/error_mapping.cpp maps it to HTTP status.
enum class ErrorCode {
  kBadRequest,           // malformed request (JSON syntax, wrong type)
  kValidation,           // well-formed but invalid values, with per-field messages
  kUnauthenticated,      // no or expired session
  kForbidden,            // the caller's role may not do this at all
  kNotFound,             // missing, or outside the caller's scope (never reveal which)
  kMethodNotAllowed,     // route exists, verb does not
  kConflict,             // unique value taken, stale state
  kPayloadTooLarge,      // body over the configured limit
  kUnsupportedMedia,     // an upload whose content is not of an accepted type
  kTooManyRequests,      // throttled
  kCsrfFailed,           // mutating request without the right CSRF token
  kInternal,             // a bug or a database failure
  kInsufficientStorage,  // the disk of the data directory is full: nothing was written
  kUnavailable,          // the database cannot be reached right now (restarting): retry later
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::map<std::string, std::string> fields;  // field path → message
  int retry_after_seconds = 0;                // for kTooManyRequests and kUnavailable

  static Error bad_request(std::string msg) { return {ErrorCode::kBadRequest, std::move(msg)}; }
  static Error validation(std::map<std::string, std::string> fields,
                          std::string msg = "提交的内容有误，请按提示修改") {
    return {ErrorCode::kValidation, std::move(msg), std::move(fields)};
  }
  static Error field(const std::string& name, std::string msg) {
    return {ErrorCode::kValidation, msg, {{name, msg}}};
  }
  static Error unauthenticated(std::string msg = "请先登录") {
    return {ErrorCode::kUnauthenticated, std::move(msg)};
  }
  static Error forbidden(std::string msg = "无权执行此操作") {
    return {ErrorCode::kForbidden, std::move(msg)};
  }
  static Error not_found(std::string msg = "未找到") {
    return {ErrorCode::kNotFound, std::move(msg)};
  }
  static Error conflict(std::string msg, std::map<std::string, std::string> fields = {}) {
    return {ErrorCode::kConflict, std::move(msg), std::move(fields)};
  }
  static Error internal(std::string msg = "服务器内部错误") {
    return {ErrorCode::kInternal, std::move(msg)};
  }
};

// A failure of the machine rather than of the request or of the code: the disk of the data
// directory is full (kInsufficientStorage) or the database is unreachable (kUnavailable). Thrown
// by the store and the file storage; the router answers it with its code (507 / 503) instead of
// an internal error. Nothing of the failed unit of work was kept.
class EnvironmentFailure : public std::runtime_error {
 public:
  EnvironmentFailure(ErrorCode code, const std::string& detail)
      : std::runtime_error(detail), code_(code) {}
  ErrorCode code() const { return code_; }
  // The answer for the client (Chinese first, what to do), without the internal detail.
  Error error() const;

 private:
  ErrorCode code_;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function that returns Result<T>.
inline std::unexpected<Error> fail(Error e) {
  return std::unexpected<Error>(std::move(e));
}

const char* error_code_name(ErrorCode code);

}  // namespace duibiao
