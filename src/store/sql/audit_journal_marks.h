#ifndef HUJI_STORE_SQL_AUDIT_JOURNAL_MARKS_H_
#define HUJI_STORE_SQL_AUDIT_JOURNAL_MARKS_H_

// Table audit_journal_marks: how far each audit journal has been moved into the trail.

#include <string>

#include "store/sql/common.h"

namespace huji::store::sql::audit_journal_marks {

inline const std::string kFind =
    "SELECT moved_through FROM audit_journal_marks WHERE journal_id = $1";
inline const std::string kSet =
    "INSERT INTO audit_journal_marks (journal_id, moved_through) VALUES ($1, $2) "
    "ON CONFLICT (journal_id) DO UPDATE SET moved_through = excluded.moved_through";

}  // namespace huji::store::sql::audit_journal_marks

#endif  // HUJI_STORE_SQL_AUDIT_JOURNAL_MARKS_H_
