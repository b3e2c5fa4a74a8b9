#ifndef HUJI_STORE_SQL_ID_SERIAL_CURSORS_H_
#define HUJI_STORE_SQL_ID_SERIAL_CURSORS_H_

// Table id_serial_cursors: per ID-number prefix (letter and first digit) whose largest serial
// is in use, the serial from which the search for a free one goes on.

#include <string>

#include "store/sql/common.h"

namespace huji::store::sql::id_serial_cursors {

inline const std::string kFind = "SELECT next_serial FROM id_serial_cursors WHERE prefix = $1";
inline const std::string kSet =
    "INSERT INTO id_serial_cursors (prefix, next_serial) VALUES ($1, $2) "
    "ON CONFLICT (prefix) DO UPDATE SET next_serial = excluded.next_serial";

}  // namespace huji::store::sql::id_serial_cursors

#endif  // HUJI_STORE_SQL_ID_SERIAL_CURSORS_H_
