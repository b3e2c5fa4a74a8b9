#ifndef HUJI_SERVICE_INBOUND_RECORDS_H_
#define HUJI_SERVICE_INBOUND_RECORDS_H_

// The stored form of inbound feeds (domain/notify/inbound_feed.h): each file imported, and
// each of its records — a clerk case, an anomaly (it matches nobody) or superseded (a later
// line of the same file about the same person won).

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"

namespace huji::service {

// One imported file; (feed, sha256) is unique: the same file imported again changes nothing.
struct InboundFile {
  int64_t id = 0;
  std::string feed;
  std::string sha256;  // hex, of the file's bytes as received
  std::string filename;
  std::string office_code;  // the importing office
  std::string imported_by;
  int64_t imported_ms = 0;
  core::Date received_on;  // Taipei date of the import: the cases' limits count from it
  int records = 0;         // lines in the file
  int new_cases = 0;
  int unchanged = 0;  // record ids imported before (from another file)
  int superseded = 0;
  int anomalies = 0;
  int closed = 0;  // open cases a re-entry record closed
};

// One record; (feed, record_id) is unique: a sender's record is imported once.
struct InboundRecord {
  int64_t id = 0;
  int64_t file_id = 0;
  std::string feed;
  std::string record_id;  // the sender's
  int line = 0;
  std::string id_number, name, event;
  core::Date event_date;
  std::string reference;
  std::string kind;         // case | anomaly | superseded
  std::string anomaly;      // no_such_person | name_mismatch (kind anomaly)
  std::string office_code;  // a case's: the office of the person's household, else the importer's
  core::Date received_on;
  std::optional<core::Date> due_on;   // a case's limit
  std::string status;                 // a case's: open | closed; "" otherwise
  int64_t closed_by_application = 0;  // the registration that closed it, 0 = none
  std::string close_note;
  std::string closed_by;
  int64_t closed_ms = 0;
  int64_t version = 1;
};

struct InboundQuery {
  std::string office_code;
  std::string kind;                                      // case | anomaly | superseded
  std::string status;                                    // "" any
  std::string feed;                                      // "" any
  std::string event;                                     // "" any
  std::optional<core::Date> received_from, received_to;  // inclusive
  int limit = 1000;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_INBOUND_RECORDS_H_
