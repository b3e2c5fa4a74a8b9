#ifndef HUJI_STORE_SQL_ID_CARD_STOCK_H_
#define HUJI_STORE_SQL_ID_CARD_STOCK_H_

// Tables id_card_stock (the blank cards and laminates by serial, their current status) and
// id_card_stock_counts (physical counts with their differences).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::id_card_stock {

inline constexpr const char* kFields =
    "office_code, item, serial, status, received_on, received_by, moved_on, moved_by, reason, "
    "card_id";
inline const std::string kInsert =
    join({"INSERT INTO id_card_stock (", kFields, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"});
inline const std::string kFind =
    join({"SELECT ", kFields, " FROM id_card_stock WHERE item = $1 AND serial = $2"});
// Out of the stock once: only a serial on hand at the office moves.
inline const std::string kMove =
    "UPDATE id_card_stock SET status = $4, moved_on = $5, moved_by = $6, reason = $7, "
    "card_id = $8 WHERE item = $2 AND serial = $3 AND office_code = $1 AND status = 'on_hand'";
inline const std::string kOfOffice =
    join({"SELECT ", kFields, " FROM id_card_stock WHERE office_code = $1 ORDER BY item, serial"});

template <typename Statement>
Statement& bind(Statement& st, const service::StockSerialRecord& s) {
  return st.bind(1, s.office_code)
      .bind(2, domain::stock_item_code(s.item))
      .bind(3, s.serial)
      .bind(4, domain::stock_status_code(s.status))
      .bind(5, s.received_on.to_iso())
      .bind(6, s.received_by)
      .bind(7, opt_date_text(s.moved_on))
      .bind(8, s.moved_by)
      .bind(9, s.reason)
      .bind(10, s.card_id);
}

template <typename Statement>
core::Result<service::StockSerialRecord> read(const Statement& st) {
  service::StockSerialRecord s;
  s.office_code = st.text(0);
  auto item = domain::stock_item_from_code(st.text(1));
  auto status = domain::stock_status_from_code(st.text(3));
  if (!item || !status) return corrupt("id_card_stock item or status");
  s.item = *item;
  s.serial = st.text(2);
  s.status = *status;
  HUJI_ASSIGN_OR_RETURN(s.received_on, date_col(st, 4));
  s.received_by = st.text(5);
  HUJI_ASSIGN_OR_RETURN(s.moved_on, opt_date_col(st, 6));
  s.moved_by = st.text(7);
  s.reason = st.text(8);
  s.card_id = st.int64(9);
  return s;
}

}  // namespace huji::store::sql::id_card_stock

namespace huji::store::sql::id_card_stock_counts {

inline constexpr const char* kFields =
    "office_code, month, item, expected, counted, by_serial, missing, unexpected, reconciled, "
    "counted_by, counted_ms";
inline const std::string kInsert =
    join({"INSERT INTO id_card_stock_counts (", kFields,
          ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id"});
inline const std::string kOfMonth =
    join({"SELECT id, ", kFields,
          " FROM id_card_stock_counts WHERE office_code = $1 AND month = $2 ORDER BY id"});

inline std::string list_json(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

inline std::optional<std::vector<std::string>> list_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& v : j) {
    if (!v.is_string()) return std::nullopt;
    out.push_back(v.get<std::string>());
  }
  return out;
}

template <typename Statement>
Statement& bind(Statement& st, const service::StockCountRecord& c) {
  return st.bind(1, c.office_code)
      .bind(2, c.month)
      .bind(3, domain::stock_item_code(c.item))
      .bind(4, c.expected)
      .bind(5, c.counted)
      .bind(6, c.by_serial)
      .bind(7, list_json(c.missing))
      .bind(8, list_json(c.unexpected))
      .bind(9, c.reconciled)
      .bind(10, c.counted_by)
      .bind(11, c.counted_ms);
}

template <typename Statement>
core::Result<service::StockCountRecord> read(const Statement& st) {
  service::StockCountRecord c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.month = st.text(2);
  auto item = domain::stock_item_from_code(st.text(3));
  auto missing = list_from_json(st.text(7));
  auto unexpected = list_from_json(st.text(8));
  if (!item || !missing || !unexpected) return corrupt("id_card_stock_counts row");
  c.item = *item;
  c.expected = static_cast<int>(st.int64(4));
  c.counted = static_cast<int>(st.int64(5));
  c.by_serial = st.boolean(6);
  c.missing = std::move(*missing);
  c.unexpected = std::move(*unexpected);
  c.reconciled = st.boolean(9);
  c.counted_by = st.text(10);
  c.counted_ms = st.int64(11);
  return c;
}

}  // namespace huji::store::sql::id_card_stock_counts

#endif  // HUJI_STORE_SQL_ID_CARD_STOCK_H_
