#pragma once

#include "http/json_io.h"
#include "http/router.h"
#include "store/audit_store.h"

namespace duibiao::http {

// Turns a service result into a response: the error, or the JSON built by `ok`.
template <class T, class F>
Response respond(const Result<T>& r, int status, F&& ok) {
  if (!r) return error_response(r.error());
  return json_response(status, ok(*r));
}

std::string session_cookie(const std::string& token, long long max_age, bool secure);
std::string csrf_cookie(const std::string& token, bool secure);
std::string clear_session_cookie(bool secure);

// The optional `region_code` query filter as a region path (narrowing only: the caller's scope
// still applies in the store). Empty when absent; 422 for an unknown code.
Result<std::string> region_filter_path(const Request& req, RouteContext& ctx);

// The audit list's filters (entity, actor), shared by the list and its export.
Result<AuditFilter> read_audit_filter(const Request& req);

}  // namespace duibiao::http
