#ifndef HUJI_SERVICE_NOTIFICATION_KPI_H_
#define HUJI_SERVICE_NOTIFICATION_KPI_H_

// KPIs and audit of cross-agency notification (issue 19 item 6; seeds 000, 002 §7, 004 CPI.1):
//   - the notification rate under both formulas (domain/notify/notification_rate.h) over the
//     office's registrations of a period, with the targets of the statutory figures and a
//     breakdown by month;
//   - the weekly review sample (每周審核上周跨機關通報案件數至少5%): at least 5 % (at least one)
//     of a finished week's notification cases, drawn at random with the seed kept, one per
//     office and week, and the supervisor's finding per case;
//   - the monthly anomaly log (每月陳核審核發現錯漏異常案件紀錄簿): erroneous findings, dead
//     letters and revocation notices of a month with their handling, and its sign-off (陳核).
//
// Reads: supervisors, admins (kReadKpi) and auditors of the office. Draws, findings and the
// sign-off: supervisors (kSample), audited.

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/notify/notification_rate.h"
#include "domain/register/statutory_rules.h"
#include "service/actor.h"
#include "service/notification_review_records.h"
#include "service/store.h"

namespace huji::service {

struct RateMonth {
  std::string month;  // YYYY-MM
  domain::notify::BeidouRate beidou;
  domain::notify::DatongRate datong;
};

struct NotificationRates {
  core::Date from;
  core::Date to;
  domain::notify::BeidouRate beidou;
  domain::notify::DatongRate datong;
  // StatutoryRules::target_notification_rate_{beidou,datong} in force on `to`.
  double beidou_target = 0;
  double datong_target = 0;
  std::vector<RateMonth> months;  // the months of [from, to] with registrations, ascending
};

// One line of the anomaly log.
struct AnomalyEntry {
  // review_error: a review finding "erroneous"; dead_letter: a delivery ended in dead letter;
  // revocation: a notice of a revoked registration was sent.
  std::string kind;
  int64_t at_ms = 0;
  int64_t application_id = 0;
  int64_t notification_id = 0;  // 0 for review_error
  std::string agency;           // "" for review_error
  std::string detail;           // the finding's note, or the delivery's last error
  // How it was handled: review_error "recorded" (in sample `sample_id`); a notification's
  // status now: delivered (replayed or retried and delivered), pending (being delivered),
  // dead (awaiting replay).
  std::string handling;
  int64_t sample_id = 0;
};

struct AnomalyLog {
  std::string month;                  // YYYY-MM
  std::vector<AnomalyEntry> entries;  // by time
  std::optional<AnomalySignoff> signoff;
};

struct ReviewFindingInput {
  int64_t application_id = 0;
  std::string finding;  // correct | erroneous
  std::string note;     // required for erroneous
};

class NotificationKpiService {
 public:
  NotificationKpiService(Store& store, const core::Clock& clock,
                         const domain::SharedRuleBook& rules)
      : store_(store), clock_(clock), rules_(rules) {}

  // Over registrations registered on a day in [from, to] (at most 366 days).
  core::Result<NotificationRates> rates(const Actor& actor, core::Date from, core::Date to);

  // Draws the sample of the week holding `day` (default: last week), which must have ended;
  // 409 notification_review.exists when the week has its sample.
  core::Result<NotificationReviewSample> draw_review(const Actor& actor, const RequestContext& ctx,
                                                     std::optional<core::Date> day);
  core::Result<std::vector<NotificationReviewSample>> reviews(const Actor& actor);
  core::Result<NotificationReviewSample> review(const Actor& actor, int64_t id);
  // Records or corrects the finding on one sampled case.
  core::Result<NotificationReviewSample> record_finding(const Actor& actor,
                                                        const RequestContext& ctx, int64_t id,
                                                        const ReviewFindingInput& in);

  // `month` is YYYY-MM.
  core::Result<AnomalyLog> anomaly_log(const Actor& actor, const std::string& month);
  // The supervisor's sign-off of a month that has ended; 409 notification_anomaly.signed
  // when it is signed already.
  core::Result<AnomalyLog> sign_anomaly_log(const Actor& actor, const RequestContext& ctx,
                                            const std::string& month, const std::string& note);

 private:
  core::Result<AnomalyLog> build_log(Transaction& tx, const std::string& office,
                                     const std::string& month, core::Date first);

  Store& store_;
  const core::Clock& clock_;
  const domain::SharedRuleBook& rules_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_NOTIFICATION_KPI_H_
