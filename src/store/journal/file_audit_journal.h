#ifndef HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_
#define HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_

// service::AuditJournal in a directory of files:
//   id                     this journal's name (random, written once)
//   lock                   held with flock() while a process has the journal open
//   <first jseq>.journal   segments, 20 digits, in order; a new one after segment_bytes
//
// A segment is a sequence of batches, each written by one append() and made durable by one
// fdatasync before append() returns:
//   B <first jseq> <records> <payload bytes> <checksum>\n
//   <record>\n …                  (the payload: one line per record)
// A record is its fields separated by tabs (jseq, at_ms, username, role, office, action,
// subject, purpose, request id, outcome), with \ tab, newline and carriage return escaped as
// \\ \t \n \r. The checksum is BLAKE2b-64 of the payload in hex.
//
// Because a batch is written only after the one before it is on disk, a damaged batch at the
// end of the newest segment is a write that a crash interrupted — never acknowledged — and is
// cut off when the journal is opened; a damaged batch anywhere else (a complete batch found
// after it, or in an older segment) is corruption, and opening fails rather than drop
// acknowledged records.

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "service/audit_journal.h"

namespace huji::store {

struct FileAuditJournalOptions {
  size_t segment_bytes = size_t{64} << 20;
};

// Opens the journal in `dir`, creating the directory (not its parents) and the journal when
// missing. Fails kUnavailable `audit.journal_locked` while another process has it open.
core::Result<std::unique_ptr<service::AuditJournal>> open_file_audit_journal(
    const std::string& dir, FileAuditJournalOptions options = {});

}  // namespace huji::store

#endif  // HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_
