#ifndef HUJI_SERVICE_APPOINTMENT_RECORDS_H_
#define HUJI_SERVICE_APPOINTMENT_RECORDS_H_

// Stored appointments and home-visit requests (issue 20; service/appointment_service.h). Both
// hold a person's data (name, ID number, phone, e-mail, address): every read and write of it
// is audited by the service.

#include <cstdint>
#include <string>

#include "core/date.h"

namespace huji::service {

// A booking: a counter visit for a service, or a director meeting (與民有約) with a topic.
// Updated in place under optimistic concurrency (version).
struct AppointmentRecord {
  int64_t id = 0;
  std::string office_code;
  std::string reference;         // what the booker is given: random, not enumerable
  std::string secret_hash;       // SHA-256 of the secret code that proves the booking is theirs
  std::string kind = "counter";  // counter | director
  std::string service;
  core::Date day;
  int start_min = 0;
  int64_t slot_ms = 0;
  int64_t slot_end_ms = 0;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string topic;              // a director meeting's topic
  std::string source = "web";     // web | phone (booked by a clerk)
  std::string status = "booked";  // booked | checked_in | cancelled | no_show | walk_in
  int64_t ticket_id = 0;          // the queue ticket of its check-in
  int64_t created_ms = 0;
  std::string created_by;  // the clerk, or "(public)"
  int64_t updated_ms = 0;
  std::string reminder_status = "none";  // none | pending | sent | failed
  int reminder_attempts = 0;
  int64_t reminder_due_ms = 0;
  int64_t version = 1;
};

// 到宅服務: a request for a visit at home, scheduled and completed by staff (at most
// BookingRules::max_home_visits visits per case).
struct HomeVisitRecord {
  int64_t id = 0;
  std::string office_code;
  std::string reference;
  std::string secret_hash;
  std::string name;
  std::string id_number;
  std::string phone;
  std::string email;
  std::string address;
  std::string reason;                // disabled | elderly_65_limited_mobility | seriously_ill
  std::string detail;                // what is to be done (the application)
  std::string status = "requested";  // requested | scheduled | completed | declined | cancelled
  int visits = 0;                    // visits completed
  int64_t scheduled_ms = 0;          // the next visit, when scheduled
  std::string staff_note;
  int64_t created_ms = 0;
  std::string updated_by;
  int64_t updated_ms = 0;
  int64_t version = 1;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_APPOINTMENT_RECORDS_H_
