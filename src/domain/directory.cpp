#include "domain/directory.h"

#include "domain/text.h"

namespace duibiao {

bool is_directory_kind(std::string_view k) {
  return k == "expert" || k == "standard_body" || k == "lab";
}

const char* directory_kind_label(std::string_view k) {
  if (k == "expert") return "专家";
  if (k == "standard_body") return "标准化机构";
  if (k == "lab") return "检测实验室";
  return "";
}

std::string directory_kind_from_text(std::string_view s) {
  s = trim(s);
  if (is_directory_kind(s)) return std::string(s);
  if (s == "专家") return "expert";
  if (s == "标准化机构" || s == "标准化技术机构" || s == "机构") return "standard_body";
  if (s == "检测实验室" || s == "实验室" || s == "检测机构") return "lab";
  return "";
}

namespace {
void check(std::map<std::string, std::string>& f, std::string& v, const char* key, size_t max,
           const char* label, bool required) {
  v = std::string(trim(v));
  if (required && v.empty())
    f[key] = std::string("请填写") + label;
  else if (utf8_length(v) > max)
    f[key] = std::string(label) + "最多" + std::to_string(max) + "个字";
}
}  // namespace

std::map<std::string, std::string> validate_directory_entry(DirectoryEntry& e) {
  std::map<std::string, std::string> f;
  if (!is_directory_kind(e.kind))
    f["kind"] = "类别应为 expert（专家）、standard_body（标准化机构）或 lab（检测实验室）";
  check(f, e.name, "name", 100, "名称", true);
  check(f, e.organization, "organization", 200, "所在单位", e.kind == "expert");
  check(f, e.contact_name, "contact_name", 50, "联系人", false);
  check(f, e.phone, "phone", 50, "电话", false);
  check(f, e.email, "email", 100, "邮箱", false);
  check(f, e.address, "address", 200, "地址", false);
  check(f, e.description, "description", 2000, "简介", false);
  check(f, e.qualification, "qualification", 500, "资质", false);
  if (!e.email.empty() &&
      (e.email.find('@') == std::string::npos || e.email.find(' ') != std::string::npos))
    f["email"] = "邮箱格式不正确";
  if (e.fields.size() > kMaxDirectoryFields) f["fields"] = "专业领域最多20个";
  return f;
}

std::string directory_search_text(const DirectoryEntry& e, const std::vector<std::string>& names) {
  std::string t = e.name + " " + e.organization + " " + e.description + " " + e.qualification +
                  " " + e.region_name + " " + directory_kind_label(e.kind);
  for (const auto& n : names) t += " " + n;
  for (const auto& c : e.fields) t += " " + c;
  return to_lower_ascii(t);
}

}  // namespace duibiao
