#pragma once

#include <soci/soci.h>

#include <string>

namespace duibiao {

// Column readers that accept what either backend reports for a column (SQLite types expression
// columns by value, PostgreSQL by declaration) and read NULL as empty / zero.
inline long long row_int(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return 0;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(row.get<double>(i));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(i));
    default:
      return 0;
  }
}

inline std::string row_str(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return row.get<std::string>(i);
    case soci::dt_integer:
      return std::to_string(row.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(i));
    default:
      return row.get<std::string>(i);
  }
}

// Overloads so one row-mapping function serves dynamic rows and prepared queries alike.
inline long long column_int(const soci::row& row, std::size_t i) {
  return row_int(row, i);
}
inline std::string column_str(const soci::row& row, std::size_t i) {
  return row_str(row, i);
}
template <class Q>
long long column_int(const Q& q, std::size_t i) {
  return q.integer(i);
}
template <class Q>
std::string column_str(const Q& q, std::size_t i) {
  return q.str(i);
}

}  // namespace duibiao
