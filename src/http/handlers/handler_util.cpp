#include "http/handlers/handler_util.h"

#include <cctype>

#include "domain/text.h"
#include "service/reference_service.h"

namespace duibiao::http {

std::string session_cookie(const std::string& token, long long max_age, bool secure) {
  return "duibiao_session=" + token + "; Path=/; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string csrf_cookie(const std::string& token, bool secure) {
  return "duibiao_csrf=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string clear_session_cookie(bool secure) {
  return std::string("duibiao_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax") +
         (secure ? "; Secure" : "");
}

Response download_response(std::string body, const char* content_type,
                           const std::string& filename_ascii) {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename_ascii + "\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Result<std::string> region_filter_path(const Request& req, RouteContext& ctx) {
  auto code = req.query("region_code");
  if (code.empty()) return std::string();
  auto chain = region_with_ancestors(ctx.app, code);
  if (!chain) return fail(Error::field("region_code", "行政区划“" + code + "”不存在"));
  std::string path = "/";
  for (const auto& r : *chain) path += r.code + "/";
  return path;
}

Result<std::string> text_query(const Request& req, const char* name, size_t max_chars) {
  std::string v(trim(req.query(name)));
  if (!is_valid_utf8(v)) return fail(Error::field(name, "查询内容不是合法的 UTF-8 文字"));
  for (unsigned char c : v)
    if (c < 0x20 || c == 0x7F) return fail(Error::field(name, "查询内容不能包含控制字符"));
  for (size_t i = 0; i + 1 < v.size(); ++i)  // C1 controls: 0xC2 0x80–0x9F
    if (static_cast<unsigned char>(v[i]) == 0xC2 && static_cast<unsigned char>(v[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(v[i + 1]) <= 0x9F)
      return fail(Error::field(name, "查询内容不能包含控制字符"));
  if (utf8_length(v) > max_chars)
    return fail(Error::field(name, "查询内容最多" + std::to_string(max_chars) + "个字"));
  return v;
}

Result<int> body_version(DtoReader& in) {
  long long v = in.integer("version");
  if (v <= 0 || v > 1000000000)
    return fail(
        Error::field("version", "请提供读取时的版本号 version（正整数），以免覆盖他人的修改"));
  return static_cast<int>(v);
}

Json objection_json(const Objection& o) {
  return {{"id", o.id},
          {"user_name", o.user_name},
          {"text", o.text},
          {"created_at", format_time_utc(o.created_at)},
          {"answer", o.answer.empty() ? Json(nullptr) : Json(o.answer)},
          {"answered_at", o.answered_at ? Json(format_time_utc(o.answered_at)) : Json(nullptr)}};
}

Json objections_json(const std::vector<Objection>& list) {
  Json items = Json::array();
  for (const auto& o : list) items.push_back(objection_json(o));
  return Json{{"items", items}};
}

Result<std::string> single_text_body(const Request& req, const char* name) {
  auto body = parse_json_object(req);
  if (!body) return fail(body.error());
  DtoReader in(*body, "");
  std::string text = in.str(name);
  if (auto ok = in.finish(); !ok) return fail(ok.error());
  return text;
}

Result<int> query_version(const Request& req) {
  auto v = req.query("version");
  long long version = 0;
  try {
    version = v.empty() ? 0 : std::stoll(v);
  } catch (const std::exception&) {
    version = 0;
  }
  if (version <= 0 || version > 1000000000)
    return fail(Error::field("version", "请在查询参数中提供版本号 version（正整数）"));
  return static_cast<int>(version);
}

const char* verdict_label(const std::string& v) {
  if (v == "better") return "优于";
  if (v == "equal") return "达到";
  if (v == "worse") return "低于";
  if (v == "incomparable") return "不可比";
  return "";
}

const Json* array_member(const Json& body, DtoReader& in, const char* key, size_t max_items) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return nullptr;
  if (!it->is_array() || it->size() > max_items) {
    in.errors()[key] = "类型错误：应为数组（最多" + std::to_string(max_items) + "项）";
    return nullptr;
  }
  return &*it;
}

bool query_flag(const Request& req, const char* name) {
  auto v = req.query(name);
  return v == "1" || v == "true";
}

std::string path_param(const Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? std::string() : it->second;
}

std::string percent_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Result<bool> read_import_mode(const Request& req) {
  std::string mode = req.query("mode");
  if (!mode.empty() && mode != "all" && mode != "good_only")
    return fail(
        Error::field("mode", "mode 应为 all（有错误则全部不导入）或 good_only（只导入正确的行）"));
  return mode == "good_only";
}

Response import_answer(const std::vector<ImportError>& errors, bool rejected, Json ok) {
  Json rows = Json::array();
  for (const auto& e : errors)
    rows.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  if (rejected) {
    Response r = error_response(Error::validation(
        {{"file", "文件有 " + std::to_string(errors.size()) + " 处错误，未导入任何数据"}},
        "文件有错误，未导入任何数据；请改正后重新导入，或选择只导入正确的行"));
    Json body = Json::parse(r.body);
    body["errors"] = rows;
    body["imported"] = 0;
    r.body = body.dump();
    return r;
  }
  ok["errors"] = rows;
  return json_response(200, ok);
}

}  // namespace duibiao::http
