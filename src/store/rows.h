#ifndef HUJI_STORE_ROWS_H_
#define HUJI_STORE_ROWS_H_

// Reading a statement's rows, the same for both backends (their Statement types differ, their
// step() / row-reader shape does not): step() gives Result<bool> (false after the last row),
// `read` turns the current row into Result<T>.

#include <optional>
#include <utility>
#include <vector>

#include "core/result.h"

namespace huji::store {

// The first row, read, or nothing when there is none.
template <typename T, typename Statement, typename Read>
core::Result<std::optional<T>> first_row(Statement& st, Read read) {
  HUJI_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return std::optional<T>();
  HUJI_ASSIGN_OR_RETURN(T value, read(st));
  return std::optional<T>(std::move(value));
}

// Every row, read.
template <typename T, typename Statement, typename Read>
core::Result<std::vector<T>> collect_rows(Statement& st, Read read) {
  std::vector<T> out;
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return out;
    HUJI_ASSIGN_OR_RETURN(T value, read(st));
    out.push_back(std::move(value));
  }
}

// Each row, read and handed to `visit` until it returns false.
template <typename T, typename Statement, typename Read, typename Visit>
core::Status visit_rows(Statement& st, Read read, const Visit& visit) {
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return {};
    HUJI_ASSIGN_OR_RETURN(T value, read(st));
    if (!visit(value)) return {};
  }
}

}  // namespace huji::store

#endif  // HUJI_STORE_ROWS_H_
