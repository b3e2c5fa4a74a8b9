#ifndef HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_
#define HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_

// service::AuditJournal in a directory of files:
//   id                     this journal's name (random, written once)
//   lock                   held with flock() while a process has the journal open
//   <first jseq>.journal   segments, 20 digits, in order; a new one when the next batch would
//                          take the segment past segment_bytes
//   spare                  a segment whose records are all in the trail, kept to become the
//                          next segment (its old contents are written over)
//
// A segment is a sequence of batches, each written by one append() and made durable by one
// fdatasync before append() returns:
//   B <first jseq> <records> <payload bytes> <checksum>\n
//   <record>\n …                  (the payload: one line per record)
// A record is its fields separated by tabs (jseq, at_ms, username, role, office, action,
// subject, purpose, request id, outcome), with \ tab, newline and carriage return escaped as
// \\ \t \n \r. The checksum is BLAKE2b-64 of the payload in hex.
//
// Batches are written into space the file already has (zeroed ahead of them 1 MiB at a time,
// or a recycled segment's), so that fdatasync writes the batch alone and not also the file's
// new size: on this machine's disk that halves a sync's latency.
//
// Reading a segment takes its intact batches from the start, each numbered on from the one
// before; what follows is space (zeros, old batches of earlier numbers, or an append that a
// crash cut short — never acknowledged — which the next append writes over). Because a batch
// is written only after the one before it is on disk, an intact batch of later numbers after
// a damaged one means the damaged one had been acknowledged, and so does a segment that does
// not follow on from the one before: opening then fails rather than drop acknowledged records.
// After a failed write or sync the journal refuses further appends until it is reopened.

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
