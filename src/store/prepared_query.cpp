#include "store/prepared_query.h"

namespace duibiao {

PreparedQuery::PreparedQuery(soci::session& sql, std::string_view text,
                             std::string_view signature)
    : strings_(signature.size()), integers_(signature.size()), statement_(sql) {
  for (size_t i = 0; i < signature.size(); ++i) {
    if (signature[i] == 'i')
      statement_.exchange(soci::use(integers_[i]));
    else
      statement_.exchange(soci::use(strings_[i]));
  }
  statement_.exchange(soci::into(row_));
  statement_.alloc();
  statement_.prepare(std::string(text));
  statement_.define_and_bind();
}

PreparedQuery& prepared(Tx& tx, const std::string_view& text, std::string_view signature) {
  auto& cache = tx.connection.prepared;
  auto it = cache.find(text.data());
  if (it == cache.end())
    it = cache.emplace(text.data(), std::make_unique<PreparedQuery>(tx.sql, text, signature))
             .first;
  return *it->second;
}

void forget_prepared(Tx& tx, const std::string_view& text) {
  tx.connection.prepared.erase(text.data());
}

}  // namespace duibiao
