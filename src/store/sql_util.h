#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duibiao {

// A LIKE pattern matching values that contain `text`, with %, _ and \ escaped (ESCAPE '\').
inline std::string like_contains(std::string_view text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  p.push_back('%');
  return p;
}

// An FTS5 query matching `text` as one phrase (with the trigram tokenizer: as a substring).
inline std::string fts_phrase(std::string_view text) {
  std::string q = "\"";
  for (char c : text) {
    // Control characters cannot occur in stored text (they are refused on input) and an
    // embedded NUL would end the FTS5 query string early: drop them.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) continue;
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  q.push_back('"');
  return q;
}

// Whether a region path (of a scope or a filter) is the nation ("/") or a province ("/330000/"):
// its rows are a large share of a table, which lists then walk newest first instead of sorting
// the region index's range.
inline bool wide_region_path(std::string_view path) {
  size_t slashes = 0;
  for (char c : path) slashes += c == '/';
  return slashes <= 2;
}

// Text search on a `search_text` column: SQLite answers queries of three or more characters from
// an FTS5 trigram index and shorter ones by scanning; PostgreSQL's pg_trgm index serves LIKE.
inline bool use_fts(std::string_view q) {
  size_t chars = 0;
  for (unsigned char c : q)
    if ((c & 0xC0) != 0x80) ++chars;
  return chars >= 3;
}

// The ids of a page as one bound parameter (a JSON array) for the `kIdsIn…` forms below: the rows
// of a whole page in one query instead of one query per item.
inline std::string id_array_json(const std::vector<long long>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out.push_back(',');
    out += std::to_string(ids[i]);
  }
  out.push_back(']');
  return out;
}
// `column IN (…)` over such an array, per dialect (the parameter is named :ids).
#define DUIBIAO_IDS_IN_SQLITE "(SELECT value FROM json_each(:ids))"
#define DUIBIAO_IDS_IN_PG \
  "(SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(:ids AS json)))"

}  // namespace duibiao
