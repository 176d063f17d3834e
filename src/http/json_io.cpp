#include "http/json_io.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

#include "domain/text.h"

namespace duibiao::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kCsrfFailed:
      return 403;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kInsufficientStorage:
      return 507;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

Response json_response(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response error_response(const Error& e) {
  Json err = {{"code", error_code_name(e.code)}, {"message", e.message}};
  if (!e.fields.empty()) err["fields"] = e.fields;
  Response r = json_response(http_status(e.code), Json{{"error", err}});
  if ((e.code == ErrorCode::kTooManyRequests || e.code == ErrorCode::kUnavailable) &&
      e.retry_after_seconds > 0)
    r.set_header("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.set_header("Cache-Control", "no-store");
  return r;
}

namespace {
// Follows the keys and array positions while parsing, to name the field where parsing stopped
// ("ids[0]", "name"): the DOM parser only says at which byte.
class FieldTracker : public nlohmann::json_sax<Json> {
 public:
  std::string failed_at;
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    before_value();
    stack_.push_back({true, "", 0});
    return true;
  }
  bool key(string_t& k) override {
    stack_.back().key = k;
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    before_value();
    stack_.push_back({false, "", -1});
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    before_value();
    failed_at = path();
    return false;
  }

 private:
  struct Level {
    bool object;
    std::string key;
    long index;
  };
  void before_value() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
  }
  bool value() {
    before_value();
    return true;
  }
  std::string path() const {
    std::string p;
    for (const auto& l : stack_) {
      if (l.object) {
        if (l.key.empty()) continue;
        p += (p.empty() ? "" : ".") + l.key;
      } else {
        p += "[" + std::to_string(l.index < 0 ? 0 : l.index) + "]";
      }
    }
    return p;
  }
  std::vector<Level> stack_;
};

std::string field_at_error(const std::string& body) {
  FieldTracker t;
  Json::sax_parse(body, &t, nlohmann::detail::input_format_t::json, false);
  return t.failed_at;
}
}  // namespace

Result<Json> parse_json_object(const Request& req) {
  if (trim(req.body).empty()) return fail(Error::bad_request("请求体为空：应为 JSON 对象"));
  Json j = Json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    // Parse again with exceptions to get the position of the error.
    try {
      (void)Json::parse(req.body);
    } catch (const Json::parse_error& e) {
      return fail(Error::bad_request("请求体不是合法的 JSON（第 " + std::to_string(e.byte) +
                                     " 字节附近）: " + e.what()));
    } catch (const Json::out_of_range& e) {  // 1e999: a number no double holds
      std::string field = field_at_error(req.body);
      std::string msg = "数字超出范围（如 1e999）" +
                        (field.empty() ? std::string() : "：字段 " + field + " 应为有限的数");
      Error err = Error::bad_request(msg);
      if (!field.empty()) err.fields[field] = "数字超出范围，应为有限的数";
      return fail(err);
    } catch (const Json::exception& e) {
      return fail(Error::bad_request(std::string("请求体不是合法的 JSON：") + e.what()));
    }
    return fail(Error::bad_request("请求体不是合法的 JSON"));
  }
  if (!j.is_object()) return fail(Error::bad_request("请求体应为 JSON 对象"));
  return j;
}

const Json* DtoReader::member(const char* key) {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

void DtoReader::type_error(const char* key, const char* expected) {
  errors_[path_ + key] = std::string("类型错误：应为") + expected;
}

std::string DtoReader::str(const char* key) {
  return opt_str(key).value_or("");
}

std::optional<std::string> DtoReader::opt_str(const char* key) {
  const Json* m = member(key);
  if (!m) return std::nullopt;
  if (!m->is_string()) {
    type_error(key, "字符串");
    return std::nullopt;
  }
  auto s = m->get<std::string>();
  // Running text of notices, circulars and answers may be long; every other string is short.
  std::string_view k(key);
  size_t max =
      (k == "body" || k == "answer" || k == "faq_question" || k == "faq_answer") ? 65536 : 10000;
  if (s.size() > max) {
    errors_[path_ + key] = "内容过长";
    return std::nullopt;
  }
  if (!clean_text(key, s)) return std::nullopt;
  return s;
}

namespace {
// Fields whose text runs over several lines (notes, comments, narratives).
bool multi_line_field(std::string_view key) {
  static const std::set<std::string_view> keys = {"description",
                                                  "summary",
                                                  "conclusion",
                                                  "comment",
                                                  "note",
                                                  "notes",
                                                  "text",
                                                  "answer",
                                                  "reason",
                                                  "action",
                                                  "executed_standards",
                                                  "benchmark_standards",
                                                  "address",
                                                  "narrative",
                                                  "body",
                                                  "faq_question",
                                                  "faq_answer"};
  return keys.count(key) > 0;
}
}  // namespace

bool DtoReader::clean_text(const char* key, const std::string& s) {
  bool lines = multi_line_field(key);
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned c = static_cast<unsigned char>(s[i]);
    // C1 controls (U+0080–U+009F) are 0xC2 0x80–0x9F in UTF-8.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80)
      c = static_cast<unsigned char>(s[i + 1]);
    else if (c >= 0x80)
      continue;
    bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
    if (!control || (lines && (c == '\n' || c == '\r' || c == '\t'))) continue;
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", c);
    invalid_[path_ + key] = std::string("不能包含控制字符（") + code +
                            (lines ? "）；可以换行" : "），该项应为单行文字");
    return false;
  }
  return true;
}

long long DtoReader::integer(const char* key) {
  const Json* m = member(key);
  if (!m) return 0;
  if (m->is_number_integer()) return m->get<long long>();
  if (m->is_string()) {
    auto s = m->get<std::string>();
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size()) return v;
  }
  type_error(key, "整数");
  return 0;
}

std::optional<double> DtoReader::opt_number(const char* key) {
  const Json* m = member(key);
  if (!m) return std::nullopt;
  if (m->is_number()) {
    double v = m->get<double>();
    if (std::isfinite(v)) return v;
  } else if (m->is_string()) {
    auto s = m->get<std::string>();
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(v)) return v;
  }
  type_error(key, "数字");
  return std::nullopt;
}

bool DtoReader::boolean(const char* key) {
  return opt_bool(key).value_or(false);
}

std::optional<bool> DtoReader::opt_bool(const char* key) {
  const Json* m = member(key);
  if (!m) return std::nullopt;
  if (!m->is_boolean()) {
    type_error(key, "布尔值 true/false");
    return std::nullopt;
  }
  return m->get<bool>();
}

std::vector<std::string> DtoReader::str_list(const char* key) {
  std::vector<std::string> out;
  const Json* m = member(key);
  if (!m) return out;
  if (!m->is_array() || m->size() > 100) {
    type_error(key, "字符串数组");
    return out;
  }
  for (const auto& v : *m) {
    if (!v.is_string()) {
      type_error(key, "字符串数组");
      return {};
    }
    if (!clean_text(key, v.get<std::string>())) return {};
    out.push_back(v.get<std::string>());
  }
  return out;
}

const Json* DtoReader::object(const char* key) {
  const Json* m = member(key);
  if (!m) return nullptr;
  if (!m->is_object()) {
    type_error(key, "JSON 对象");
    return nullptr;
  }
  return m;
}

Result<void> DtoReader::finish() const {
  if (!errors_.empty()) {
    Error e{ErrorCode::kBadRequest,
            "请求字段类型错误：" + errors_.begin()->first + " " + errors_.begin()->second, errors_};
    return fail(e);
  }
  if (!invalid_.empty())
    return fail(
        Error::validation(invalid_, invalid_.begin()->first + " " + invalid_.begin()->second));
  return {};
}

void DtoReader::merge(const DtoReader& other) {
  for (const auto& [k, v] : other.errors_) errors_[k] = v;
  for (const auto& [k, v] : other.invalid_) invalid_[k] = v;
}

Result<Page> read_page(const Request& req) {
  Page p;
  auto read = [&](const char* name, int& out, int lo, int hi) -> bool {
    if (!req.has_query(name)) return true;
    auto s = req.query(name);
    int v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi) return false;
    out = v;
    return true;
  };
  std::map<std::string, std::string> fields;
  if (!read("page", p.page, 1, 1000000)) fields["page"] = "page 应为 1 以上的整数";
  if (!read("page_size", p.page_size, 1, 200)) fields["page_size"] = "page_size 应为 1–200 的整数";
  if (!fields.empty()) return fail(Error::validation(fields, "分页参数有误"));
  return p;
}

Result<long long> id_param(const Request& req, const char* name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return fail(Error::not_found());
  const auto& s = it->second;
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return fail(Error::not_found());
  return v;
}

Json to_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", role_name(u.role)},
          {"role_label", role_label_zh(u.role)},
          {"region_code", u.region_code.empty() ? Json(nullptr) : Json(u.region_code)},
          {"region_name", u.region_name},
          {"enterprise_id", u.enterprise_id == 0 ? Json(nullptr) : Json(u.enterprise_id)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"created_at", format_time_utc(u.created_at)}};
}

Json to_json(const Enterprise& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"credit_code", e.credit_code},
          {"credit_code_status", e.credit_code_status},
          {"region_code", e.region_code},
          {"region_name", e.region_name},
          {"industry_code", e.industry_code},
          {"contact_name", e.contact_name},
          {"contact_phone", e.contact_phone},
          {"contact_email", e.contact_email},
          {"address", e.address},
          {"flags", e.flags},
          {"created_at", format_time_utc(e.created_at)},
          {"updated_at", format_time_utc(e.updated_at)}};
}

Json to_json(const Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"level", r.level},
          {"parent_code", r.parent_code},
          {"has_children", r.has_children}};
}

Json to_json(const Industry& i) {
  return {{"code", i.code},
          {"name", i.name},
          {"kind", i.kind},
          {"parent_code", i.parent_code.empty() ? Json(nullptr) : Json(i.parent_code)},
          {"members", i.members}};
}

Json to_json(const AuditEntry& a, bool with_details) {
  // The row's region is the last code of its scope path ("/" = national, no region).
  std::string region_code;
  if (a.region_path.size() > 1) {
    auto trimmed = a.region_path.substr(0, a.region_path.size() - 1);
    region_code = trimmed.substr(trimmed.rfind('/') + 1);
  }
  Json j = {{"id", a.id},
            {"region_code", region_code.empty() ? Json(nullptr) : Json(region_code)},
            {"at", format_time_utc(a.at)},
            {"actor_id", a.actor_id == 0 ? Json(nullptr) : Json(a.actor_id)},
            {"actor_name", a.actor_name},
            {"action", a.action},
            {"entity", a.entity},
            {"entity_id", a.entity_id},
            {"enterprise_id", a.enterprise_id == 0 ? Json(nullptr) : Json(a.enterprise_id)},
            {"summary", a.summary}};
  auto parse = [](const std::string& s) {
    if (s.empty()) return Json(nullptr);
    Json v = Json::parse(s, nullptr, false);
    return v.is_discarded() ? Json(s) : v;
  };
  if (with_details) {
    j["before"] = parse(a.before_json);
    j["after"] = parse(a.after_json);
    j["remote_addr"] = a.remote_addr;
  }
  return j;
}

}  // namespace duibiao::http
