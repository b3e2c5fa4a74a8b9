#ifndef HUJI_STORE_SHARED_SQL_H_
#define HUJI_STORE_SHARED_SQL_H_

// SQL texts that SQLite and PostgreSQL run alike ($n parameters, standard upsert).

namespace huji::store {

constexpr const char* kAuditColumns =
    "seq, at_ms, username, role, office_code, action, subject_id, purpose, request_id, "
    "outcome, prev_hash, hash";

constexpr const char* kAuditJournalMarkSql =
    "SELECT moved_through FROM audit_journal_marks WHERE journal_id = $1";
constexpr const char* kSetAuditJournalMarkSql =
    "INSERT INTO audit_journal_marks (journal_id, moved_through) VALUES ($1, $2) "
    "ON CONFLICT (journal_id) DO UPDATE SET moved_through = excluded.moved_through";

}  // namespace huji::store

#endif  // HUJI_STORE_SHARED_SQL_H_
