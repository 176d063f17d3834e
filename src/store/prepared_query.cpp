#include "store/prepared_query.h"

namespace duibiao {

PreparedQuery::PreparedQuery(soci::session& sql, std::string_view text, std::string_view params,
                             std::string_view columns)
    : strings_(params.size()),
      integers_(params.size()),
      out_str_(columns.size()),
      out_int_(columns.size()),
      out_ind_(columns.size()),
      statement_(sql) {
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i] == 'i')
      statement_.exchange(soci::use(integers_[i]));
    else
      statement_.exchange(soci::use(strings_[i]));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == 'i')
      statement_.exchange(soci::into(out_int_[i], out_ind_[i]));
    else
      statement_.exchange(soci::into(out_str_[i], out_ind_[i]));
  }
  statement_.alloc();
  statement_.prepare(std::string(text));
  statement_.define_and_bind();
}

PreparedQuery& prepared(Tx& tx, const std::string_view& text, std::string_view params,
                        std::string_view columns) {
  auto& cache = tx.connection.prepared;
  auto it = cache.find(text.data());
  if (it != cache.end()) note_statement(tx, text);  // a new one is announced when prepared
  if (it == cache.end())
    it = cache.emplace(text.data(), std::make_unique<PreparedQuery>(tx.sql, text, params, columns))
             .first;
  return *it->second;
}

void forget_prepared(Tx& tx, const std::string_view& text) {
  tx.connection.prepared.erase(text.data());
}

}  // namespace duibiao
