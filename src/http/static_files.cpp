#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "http/json_io.h"

namespace duibiao::http {

std::string content_type_for(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  // Resolved once: every request compares its resolved path against it.
  std::error_code ec;
  root_ = std::filesystem::weakly_canonical(root, ec).string();
  if (ec) root_ = root;
}

std::shared_ptr<const StaticFiles::File> StaticFiles::load(const std::string& relative) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root(root_);
  fs::path full = fs::weakly_canonical(root / relative, ec);
  if (ec) return nullptr;
  // Refuse anything that resolves outside the root (../, symlinks).
  auto rel = full.lexically_relative(root);
  if (rel.empty() || rel.native().rfind("..", 0) == 0) return nullptr;
  if (!fs::is_regular_file(full, ec)) return nullptr;
  long long mtime = fs::last_write_time(full, ec).time_since_epoch().count();
  long long size = static_cast<long long>(fs::file_size(full, ec));
  if (ec) return nullptr;
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(relative);
    if (it != cache_.end() && it->second->mtime == mtime && it->second->size == size)
      return it->second;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream ss;
  ss << in.rdbuf();
  auto file = std::make_shared<File>();
  file->body = ss.str();
  file->type = content_type_for(full.string());
  file->etag = "\"" + std::to_string(std::hash<std::string>{}(file->body)) + "\"";
  file->mtime = mtime;
  file->size = size;
  std::unique_lock lock(mutex_);
  cache_[relative] = file;
  return file;
}

Response StaticFiles::serve(const std::string& path, const std::string& if_none_match) {
  std::string relative = path.empty() || path == "/" ? "index.html" : path.substr(1);
  if (relative.find('\0') != std::string::npos) return error_response(Error::not_found());
  auto file = load(relative);
  bool is_asset = relative.rfind("assets/", 0) == 0;
  if (!file) {
    // Unknown asset or a file with an extension: 404. Anything else is an app route.
    auto last = relative.substr(relative.rfind('/') == std::string::npos ? 0 : relative.rfind('/'));
    if (is_asset || last.find('.') != std::string::npos)
      return error_response(Error::not_found("文件不存在：" + path));
    file = load("index.html");
    if (!file) return error_response(Error::not_found("前端尚未构建（缺少 index.html）"));
    is_asset = false;
  }
  Response r;
  r.content_type = file->type;
  r.set_header("ETag", file->etag);
  r.set_header("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("X-Content-Type-Options", "nosniff");
  if (!if_none_match.empty() && if_none_match == file->etag) {
    r.status = 304;
    return r;
  }
  r.body = file->body;
  return r;
}

}  // namespace duibiao::http
