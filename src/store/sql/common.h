#ifndef HUJI_STORE_SQL_COMMON_H_
#define HUJI_STORE_SQL_COMMON_H_

// What every table mapping under store/sql/ uses. Each table is mapped once, in
// store/sql/<table>.h, for both backends: its SQL has $n parameters and only syntax that
// SQLite and PostgreSQL share (standard upsert, RETURNING, CAST(… AS …) instead of ::), and
// its row readers and binders are templates over the backend's Statement, whose
// bind()/step()/text()/int64()/boolean()/is_null() calls are the same
// (store/sqlite/sqlite_db.h, store/postgres/pg_db.h).
//
// An area's operations are a layer `template <class Core> class XRows : public Core`
// (store/sql/<area>_rows.h) that implements one service::XTx interface
// (service/transaction.h) with `this->prep(sql)`, which Core provides: Result<Statement>
// prepare-or-fetch-from-cache on the transaction's connection. store/sql/transaction.h stacks
// the layers.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace huji::store::sql {

inline core::Error corrupt(const std::string& what) {
  return core::Error::internal("store.corrupt", "資料庫內容毀損：" + what,
                               "stored data is corrupt: " + what);
}

// The parts of one SQL text, concatenated (column lists are shared constants).
inline std::string join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (auto p : parts) s += p;
  return s;
}

// Dates are stored as ISO text; a date that may be absent as "" (not NULL) when it is.
template <typename Statement>
core::Result<core::Date> date_col(const Statement& st, int col) {
  return core::Date::parse_iso(st.text(col));
}

template <typename Statement>
core::Result<std::optional<core::Date>> opt_date_col(const Statement& st, int col) {
  const std::string text = st.text(col);
  if (text.empty()) return std::optional<core::Date>();
  HUJI_ASSIGN_OR_RETURN(core::Date d, core::Date::parse_iso(text));
  return std::optional<core::Date>(d);
}

inline std::string opt_date_text(const std::optional<core::Date>& d) {
  return d ? d->to_iso() : std::string();
}

// A string map stored as a JSON object (event data, application fields).
inline std::string map_json(const std::map<std::string, std::string>& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j.dump();
}

// The string members of a stored JSON object; nullopt when the text is not an object.
inline std::optional<std::map<std::string, std::string>> map_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  std::map<std::string, std::string> out;
  for (auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

// Runs an INSERT … RETURNING id and returns the id.
template <typename Statement>
core::Result<int64_t> returned_id(Statement& st) {
  HUJI_ASSIGN_OR_RETURN(bool row, st.step());
  if (!row) return corrupt("INSERT returned no id");
  return st.int64(0);
}

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_COMMON_H_
