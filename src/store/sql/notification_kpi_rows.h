#ifndef HUJI_STORE_SQL_NOTIFICATION_KPI_ROWS_H_
#define HUJI_STORE_SQL_NOTIFICATION_KPI_ROWS_H_

// service::NotificationKpiTx: the rates' reads, the weekly review samples and the monthly
// anomaly sign-offs (store/sql/notification_reviews.h).

#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/notification_reviews.h"

namespace huji::store::sql {

template <class Core>
class NotificationKpiRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<std::vector<service::NotificationFactRow>> notification_facts(
      const std::string& office, core::Date from, core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kFacts));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<service::NotificationFactRow>(st,
                                                      notification_reviews::read_fact<Statement>);
  }

  core::Result<std::vector<service::FactConsentRow>> notification_fact_consents(
      const std::string& office, core::Date from, core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kFactConsents));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<service::FactConsentRow>(
        st, notification_reviews::read_fact_consent<Statement>);
  }

  core::Result<std::vector<int64_t>> notification_cases(const std::string& office, core::Date from,
                                                        core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kCases));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<int64_t>(
        st, [](const Statement& s) -> core::Result<int64_t> { return s.int64(0); });
  }

  core::Result<std::optional<int64_t>> insert_review_sample(
      const service::NotificationReviewSample& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kInsertSample));
    notification_reviews::bind_sample(st, s);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<int64_t>();
    const int64_t id = st.int64(0);
    for (const auto& item : s.items) {
      HUJI_ASSIGN_OR_RETURN(auto ins, this->prep(notification_reviews::kInsertItem));
      HUJI_TRY(ins.bind(1, id).bind(2, item.application_id).run());
    }
    return std::optional<int64_t>(id);
  }

  core::Result<std::optional<service::NotificationReviewSample>> find_review_sample(
      int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kSampleById));
    st.bind(1, id);
    return with_items(st);
  }

  core::Result<std::optional<service::NotificationReviewSample>> find_review_sample_of_week(
      const std::string& office, core::Date week_start) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kSampleByWeek));
    st.bind(1, office).bind(2, week_start.to_iso());
    return with_items(st);
  }

  core::Result<std::vector<service::NotificationReviewSample>> list_review_samples(
      const std::string& office, int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kSamples));
    st.bind(1, office).bind(2, limit);
    HUJI_ASSIGN_OR_RETURN(auto samples, collect_rows<service::NotificationReviewSample>(
                                            st, notification_reviews::read_sample<Statement>));
    for (auto& s : samples) HUJI_TRY(read_items(s));
    return samples;
  }

  core::Status set_review_finding(int64_t sample_id,
                                  const service::NotificationReviewItem& i) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kSetFinding));
    return st.bind(1, sample_id)
        .bind(2, i.application_id)
        .bind(3, i.finding)
        .bind(4, i.note)
        .bind(5, i.recorded_by)
        .bind(6, i.recorded_ms)
        .run();
  }

  core::Status set_review_completed(int64_t sample_id, int64_t completed_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kComplete));
    return st.bind(1, sample_id).bind(2, completed_ms).run();
  }

  core::Result<std::vector<service::DeadLetterRow>> dead_letters(const std::string& office,
                                                                 int64_t from_ms,
                                                                 int64_t to_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kDeadLetters));
    st.bind(1, office).bind(2, from_ms).bind(3, to_ms);
    return collect_rows<service::DeadLetterRow>(st,
                                                notification_reviews::read_dead_letter<Statement>);
  }

  core::Result<std::vector<service::NotificationRecord>> revocation_notices(
      const std::string& office, int64_t from_ms, int64_t to_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kRevocationNotices));
    st.bind(1, office).bind(2, from_ms).bind(3, to_ms);
    return collect_rows<service::NotificationRecord>(st, notifications::read<Statement>);
  }

  core::Result<bool> insert_anomaly_signoff(const service::AnomalySignoff& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kInsertSignoff));
    HUJI_TRY(st.bind(1, s.office_code)
                 .bind(2, s.month)
                 .bind(3, static_cast<int64_t>(s.entries))
                 .bind(4, s.note)
                 .bind(5, s.signed_by)
                 .bind(6, s.signed_ms)
                 .run());
    return st.affected() == 1;
  }

  core::Result<std::optional<service::AnomalySignoff>> find_anomaly_signoff(
      const std::string& office, const std::string& month) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kFindSignoff));
    st.bind(1, office).bind(2, month);
    return first_row<service::AnomalySignoff>(st, notification_reviews::read_signoff<Statement>);
  }

 private:
  core::Result<std::optional<service::NotificationReviewSample>> with_items(Statement& st) {
    HUJI_ASSIGN_OR_RETURN(auto sample, first_row<service::NotificationReviewSample>(
                                           st, notification_reviews::read_sample<Statement>));
    if (sample) HUJI_TRY(read_items(*sample));
    return sample;
  }

  core::Status read_items(service::NotificationReviewSample& s) {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(notification_reviews::kItems));
    st.bind(1, s.id);
    HUJI_ASSIGN_OR_RETURN(s.items, collect_rows<service::NotificationReviewItem>(
                                       st, notification_reviews::read_item<Statement>));
    return {};
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_NOTIFICATION_KPI_ROWS_H_
