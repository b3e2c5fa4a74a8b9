#ifndef HUJI_SERVICE_AUDIT_JOURNAL_H_
#define HUJI_SERVICE_AUDIT_JOURNAL_H_

// The audit journal (稽核日誌暫存): a durable, append-only file of audit records that are not
// yet in the trail. A person lookup's entry is appended here (one fdatasync for a batch of
// lookups) and only then is the lookup answered; the AuditQueue moves the journal's records
// into the hash-chained trail in large transactions a few times a second, and on start-up
// whatever a crash left in the journal. Nothing acknowledged is thus ever only in memory,
// while the register's database takes a few commits a second instead of one per batch of
// lookups (each commit there costs every reader its page cache).
//
// Records are numbered 1, 2, 3 … (jseq) without gaps over the journal's life; the trail
// stores, in the same transaction as the moved entries, the number moved through
// (Transaction::audit_journal_mark), so a record is moved exactly once.
//
// The interface is owned here; store/journal implements it with files.
// REQUIRES: external synchronization (the AuditQueue's threads use it one at a time).

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/store.h"

namespace huji::service {

// One record: an AuditEntry without its place in the chain (seq, prev_hash and hash are
// given when it is moved into the trail).
struct JournaledAudit {
  int64_t jseq = 0;
  AuditEntry entry;
};

class AuditJournal {
 public:
  virtual ~AuditJournal() = default;
  // Names this journal in the trail's mark (several servers on one PostgreSQL database each
  // keep a journal of their own).
  virtual const std::string& id() const = 0;
  // The newest record's number (0 when none was ever written).
  virtual int64_t last_jseq() const = 0;
  // The records with jseq > after, in order, as the files hold them.
  virtual core::Result<std::vector<JournaledAudit>> read_after(int64_t after) = 0;
  // Appends records numbered last_jseq() + 1, + 2 … and returns once they are on disk. On an
  // error they were not acknowledged and last_jseq() is unchanged: the next append numbers
  // its records from the same jseq again, and the failed ones — even if they reached the disk
  // (a sync that failed after the write) — are never read back (numbers stay gapless and each
  // names one record). An append after a failed one first starts over where the failure
  // cannot reach (a fresh file), so the journal heals by itself once the fault is gone.
  virtual core::Status append(const std::vector<JournaledAudit>& records) = 0;
  // After a failed append: starts over as the next append would and checks that a batch can
  // be made durable there, without writing a record. Ok when nothing has failed.
  virtual core::Status probe() = 0;
  // Every record through `jseq` is in the trail: files holding only such records may go.
  virtual core::Status release(int64_t jseq) = 0;
};

// Moves every record the journal holds after the trail's mark into the trail (start-up
// recovery, and `huji audit verify`), in transactions of at most `chunk` entries. Returns how
// many were moved.
core::Result<int64_t> move_journal_into_trail(Store& store, AuditJournal& journal,
                                              size_t chunk = 10000);
// Chains `records` after the trail's newest entry and sets the journal's mark to the last
// one's jseq, in one write transaction.
core::Status move_into_trail(Store& store, const std::string& journal_id,
                             const std::vector<JournaledAudit>& records);

}  // namespace huji::service

#endif  // HUJI_SERVICE_AUDIT_JOURNAL_H_
