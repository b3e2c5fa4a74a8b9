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
//
// After a failed write or sync (a full disk) the segment's tail is unknown: the failed batch
// may be on disk whole, in part or not at all, and it was not acknowledged. The next append (or
// probe()) starts over in a fresh segment named after the first unacknowledged number — or,
// when the failed segment holds no acknowledged record, over that segment from its start — so
// the journal heals without a restart once space is back. A segment's records therefore end
// where the next segment's begin: a failed batch left in the older segment under the numbers
// the fresh one reuses is superseded, never read.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "service/audit_journal.h"

namespace huji::store {

// What the fault-injection seam makes the next write do (tests and `huji serve`'s
// HUJI_TEST_JOURNAL_FAULT): fail as on a full disk before anything is written, or write the
// batch and fail its sync.
enum class JournalFault { kNone, kWrite, kSync };

struct FileAuditJournalOptions {
  size_t segment_bytes = size_t{64} << 20;
  // Asked before each write when set (a test seam; production leaves it empty).
  std::function<JournalFault()> fault = nullptr;
};

// Opens the journal in `dir`, creating the directory (not its parents) and the journal when
// missing. Fails kUnavailable `audit.journal_locked` while another process has it open.
core::Result<std::unique_ptr<service::AuditJournal>> open_file_audit_journal(
    const std::string& dir, FileAuditJournalOptions options = {});

}  // namespace huji::store

#endif  // HUJI_STORE_JOURNAL_FILE_AUDIT_JOURNAL_H_
