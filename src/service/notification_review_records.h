#ifndef HUJI_SERVICE_NOTIFICATION_REVIEW_RECORDS_H_
#define HUJI_SERVICE_NOTIFICATION_REVIEW_RECORDS_H_

// Stored records of the KPIs and audit of cross-agency notification (issue 19 item 6): what
// the rates count, the weekly review sample (tables notification_review_samples and
// notification_review_items) and the monthly anomaly log's sign-off
// (notification_anomaly_signoffs).

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace huji::service {

// A registration of the office as the notification rates count it: registered, not revoked,
// not itself a revocation.
struct NotificationFactRow {
  int64_t application_id = 0;
  std::string office_code;
  std::string type;
  core::Date registered_on;
  std::string person_id;  // the subject, or the result subject (a birth's child)
};

// A consent line of such a registration, with its agency's count group.
struct FactConsentRow {
  int64_t application_id = 0;
  std::string agency;  // "" for declined
  std::string group;   // the agency's group, or its code; "" for declined
  std::string channel;
};

// One sampled notification case (a registration with consent lines or notifications) and the
// supervisor's finding on it.
struct NotificationReviewItem {
  int64_t application_id = 0;
  std::string finding;  // "" (not yet) | correct | erroneous
  std::string note;     // required for erroneous
  std::string recorded_by;
  int64_t recorded_ms = 0;
};

// The weekly review sample (每周審核上周跨機關通報案件數至少5%): one per office and week.
struct NotificationReviewSample {
  int64_t id = 0;
  std::string office_code;
  core::Date week_start;   // Monday
  int size = 0;            // how many were drawn
  int64_t population = 0;  // the week's notification cases
  std::string seed;        // the draw's random seed (decimal), to redo it
  std::string drawn_by;
  int64_t drawn_ms = 0;
  int64_t completed_ms = 0;  // when the last finding was recorded; 0 until then
  std::vector<NotificationReviewItem> items;
};

// A notification that went to dead letter (an attempt with outcome dead or gone) in a range.
struct DeadLetterRow {
  int64_t notification_id = 0;
  int64_t application_id = 0;
  std::string agency;
  std::string person_id;
  std::string status;  // the notification's status now
  int64_t at_ms = 0;   // when the attempt ended
  std::string outcome;
  std::string error;
};

// The supervisor's sign-off (陳核) of an office's anomaly log of a month.
struct AnomalySignoff {
  std::string office_code;
  std::string month;  // YYYY-MM
  int entries = 0;    // the log's entries when signed
  std::string note;
  std::string signed_by;
  int64_t signed_ms = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NOTIFICATION_REVIEW_RECORDS_H_
