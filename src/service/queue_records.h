#ifndef HUJI_SERVICE_QUEUE_RECORDS_H_
#define HUJI_SERVICE_QUEUE_RECORDS_H_

// What the counter queue (issue 20) keeps: services, counters and the policy as each office
// configured them, the tickets of each day (domain/queue/queue.h) and their history.

#include <cstdint>
#include <string>

#include "domain/queue/queue.h"

namespace huji::service {

// One step in a ticket's history (append-only, table queue_events): issue, call, recall,
// no_show, return, transfer, finish, cancel. Calls and recalls are what the lobby display
// shows: they carry the office's next display sequence number (1, 2, … per office, never
// reused); every other kind carries 0.
struct QueueEvent {
  int64_t id = 0;
  std::string office_code;
  int64_t ticket_id = 0;
  std::string kind;
  std::string counter;  // the counter involved, or ""
  std::string actor;    // the clerk's username, "kiosk", "web" or "system"
  int64_t at_ms = 0;
  int64_t display_seq = 0;
  // JSON object text with what else the step needs to be shown or recomputed (for a call:
  // "number", "service", "reason"; a transfer: "from", "to"; a finish: "outcome", "link").
  std::string detail = "{}";
};

// An office's recording of one phrase in one language (domain/queue/announcement.h).
struct VoiceClip {
  std::string office_code;
  std::string lang;
  std::string phrase;
  std::string wav;  // as uploaded (a WAV file)
  int64_t bytes = 0;
  std::string uploaded_by;
  int64_t uploaded_ms = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_QUEUE_RECORDS_H_
