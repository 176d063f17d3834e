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
    case ErrorCode::kInsufficientStorage:
      return "insufficient_storage";
    case ErrorCode::kUnavailable:
      return "service_unavailable";
  }
  return "internal";
}

Error EnvironmentFailure::error() const {
  if (code_ == ErrorCode::kInsufficientStorage)
    return {code_,
            "服务器存储空间已满，本次提交未保存，请稍后重试或联系管理员（Insufficient storage: "
            "nothing was saved）"};
  if (code_ == ErrorCode::kUnavailable) {
    Error e{code_,
            "数据库暂时无法访问，本次操作未完成，请稍后重试（Database unavailable: please retry）"};
    e.retry_after_seconds = 2;
    return e;
  }
  return Error::internal();
}

}  // namespace duibiao
