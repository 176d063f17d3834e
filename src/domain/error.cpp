#include "domain/error.h"

namespace duibiao {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return "bad_request";
    case ErrorCode::kValidation:
      return "validation_failed";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported_media_type";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kCsrfFailed:
      return "csrf_failed";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace duibiao
