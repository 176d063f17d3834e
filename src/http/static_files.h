#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>

#include "http/message.h"

namespace duibiao::http {

// Serves the built front end (web/dist). Hashed assets under /assets/ are cached for a year;
// index.html is revalidated every time (ETag). Paths that are not files fall back to index.html
// so the single-page app's routes work on reload. Only files below the root are ever served.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  Response serve(const std::string& path, const std::string& if_none_match);

 private:
  struct File {
    std::string body;
    std::string etag;
    std::string type;
    long long mtime = 0;  // the cache is refreshed when a rebuild replaces the file
    long long size = 0;
  };
  std::shared_ptr<const File> load(const std::string& relative);
  std::string root_;
  std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const File>> cache_;
};

std::string content_type_for(const std::string& path);

}  // namespace duibiao::http
