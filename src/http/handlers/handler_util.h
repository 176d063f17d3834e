#pragma once

#include "http/json_io.h"
#include "http/router.h"
#include "service/import_file.h"
#include "store/audit_store.h"

namespace duibiao::http {

inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr const char* kCsvType = "text/csv; charset=utf-8";
inline constexpr int kMaxExportRows = 50000;

// A file download (exports, templates): never cached, saved under `filename_ascii`.
Response download_response(std::string body, const char* content_type,
                           const std::string& filename_ascii);

// Pages through a list function until every row (up to kMaxExportRows) is collected; exports use
// it so they apply exactly the list's filters and permission check.
template <class T, class F>
Result<std::vector<T>> collect_all(F&& list_page) {
  std::vector<T> all;
  for (int page = 1;; ++page) {
    Result<PageResult<T>> r = list_page(Page{page, 200});
    if (!r) return fail(r.error());
    for (auto& item : r->items) all.push_back(std::move(item));
    if (r->items.size() < 200 || static_cast<int>(all.size()) >= kMaxExportRows) break;
  }
  return all;
}

// The list answer {items, total, page, page_size}, items mapped by `item`.
template <class T, class F>
Json page_json(const PageResult<T>& p, const Page& page, F&& item) {
  Json items = Json::array();
  for (const auto& x : p.items) items.push_back(item(x));
  return Json{
      {"items", items}, {"total", p.total}, {"page", page.page}, {"page_size", page.page_size}};
}

// Turns a service result into a response: the error, or the JSON built by `ok`.
template <class T, class F>
Response respond(const Result<T>& r, int status, F&& ok) {
  if (!r) return error_response(r.error());
  return json_response(status, ok(*r));
}

// 优于 / 达到 / 低于 / 不可比 for a verdict name; "" for none.
const char* verdict_label(const std::string& verdict);

// The array member `key` of a request body (nullptr when absent or null); a non-array or one
// longer than `max_items` is recorded as a field error in `in`.
const Json* array_member(const Json& body, DtoReader& in, const char* key, size_t max_items);

// A yes/no query parameter: "1" or "true" is yes, anything else (or absent) no.
bool query_flag(const Request& req, const char* name);

// A path parameter ("" when absent).
std::string path_param(const Request& req, const char* name);

// RFC 3986 percent-encoding of everything but unreserved characters (for filename*=).
std::string percent_encode(std::string_view s);

std::string session_cookie(const std::string& token, long long max_age, bool secure);
std::string csrf_cookie(const std::string& token, bool secure);
std::string clear_session_cookie(bool secure);

// The optional `region_code` query filter as a region path (narrowing only: the caller's scope
// still applies in the store). Empty when absent; 422 for an unknown code.
Result<std::string> region_filter_path(const Request& req, RouteContext& ctx);

// The `mode` of an import: all (default: nothing saved while any row is bad) or good_only; true
// for good_only, 422 for anything else.
Result<bool> read_import_mode(const Request& req);
// The answer to an import: 422 with every bad row when nothing was saved (`rejected`), else 200
// with `ok` and the rows left out.
Response import_answer(const std::vector<ImportError>& errors, bool rejected, Json ok);

// A free-text query parameter (search boxes): trimmed, valid UTF-8 without control characters and
// at most `max_chars` characters; 422 naming the parameter otherwise.
Result<std::string> text_query(const Request& req, const char* name, size_t max_chars = 100);

// The `version` member of a write body: a positive integer, 422 when absent or not one.
Result<int> body_version(DtoReader& in);
// The `version` query parameter of a DELETE: a positive integer, 422 when absent or not one.
Result<int> query_version(const Request& req);

// An objection of a 公示 (technical plan or 领跑者 evaluation plan) and a list of them ({items}).
Json objection_json(const Objection& o);
Json objections_json(const std::vector<Objection>& list);
// The one string member `name` of a JSON object body (objections, answers); 400/422 otherwise.
Result<std::string> single_text_body(const Request& req, const char* name);

// The audit list's filters (entity, actor), shared by the list and its export.
Result<AuditFilter> read_audit_filter(const Request& req);

}  // namespace duibiao::http
