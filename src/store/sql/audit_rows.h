#ifndef HUJI_STORE_SQL_AUDIT_ROWS_H_
#define HUJI_STORE_SQL_AUDIT_ROWS_H_

// service::AuditTx over tables audit, audit_journal_marks, audit_samples and
// audit_sample_items.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/audit.h"
#include "store/sql/audit_journal_marks.h"
#include "store/sql/audit_samples.h"
#include "store/sql/common.h"

namespace huji::store::sql {

template <class Core>
class AuditRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<std::optional<service::AuditEntry>> last_audit() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kLast));
    return first_row<service::AuditEntry>(st, audit::read<Statement>);
  }

  core::Status append_audit(const service::AuditEntry& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kAppend));
    return audit::bind(st, a).run();
  }

  core::Result<std::vector<service::AuditEntry>> query_audit(
      const service::AuditQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kQuery));
    st.bind(1, q.subject_id).bind(2, q.username);
    if (q.from_ms)
      st.bind(3, *q.from_ms);
    else
      st.bind_null(3);
    if (q.to_ms)
      st.bind(4, *q.to_ms);
    else
      st.bind_null(4);
    st.bind(5, q.before_seq).bind(6, q.limit).bind(7, q.office_code);
    st.bind(8, q.action_prefix).bind(9, q.purpose_prefix).bind(10, q.outcome);
    return collect_rows<service::AuditEntry>(st, audit::read<Statement>);
  }

  // Reads in one statement; a backend that pages the scan overrides this.
  core::Status scan_audit(const std::function<bool(const service::AuditEntry&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit::kScan));
    return visit_rows<service::AuditEntry>(st, audit::read<Statement>, visit);
  }

  core::Result<std::optional<int64_t>> audit_journal_mark(const std::string& journal_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_journal_marks::kFind));
    st.bind(1, journal_id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? std::optional<int64_t>(st.int64(0)) : std::nullopt;
  }

  core::Status set_audit_journal_mark(const std::string& journal_id, int64_t jseq) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_journal_marks::kSet));
    return st.bind(1, journal_id).bind(2, jseq).run();
  }

  core::Result<std::vector<int64_t>> audit_sample_population(
      const std::string& office, int64_t from_ms, int64_t to_ms, int64_t upto_seq,
      const std::string& except_username, const std::vector<std::string>& actions) override {
    if (actions.size() != audit_samples::kEligibleActions) {
      return corrupt("audit sample: " + std::to_string(actions.size()) + " actions");
    }
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kEligible));
    st.bind(1, office).bind(2, from_ms).bind(3, to_ms).bind(4, upto_seq).bind(5, except_username);
    for (size_t i = 0; i < actions.size(); ++i) st.bind(6 + static_cast<int>(i), actions[i]);
    std::vector<int64_t> seqs;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      seqs.push_back(st.int64(0));
    }
    return seqs;
  }

  core::Result<std::optional<int64_t>> insert_audit_sample(
      const service::AuditSampleRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kInsert));
    audit_samples::bind(st, r);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<int64_t>();
    const int64_t id = st.int64(0);
    for (const auto& item : r.items) {
      HUJI_ASSIGN_OR_RETURN(auto ins, this->prep(audit_samples::kInsertItem));
      HUJI_TRY(ins.bind(1, id).bind(2, item.seq).run());
    }
    return std::optional<int64_t>(id);
  }

  core::Result<std::optional<service::AuditSampleRecord>> find_audit_sample(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kById));
    st.bind(1, id);
    return with_items(st);
  }

  core::Result<std::optional<service::AuditSampleRecord>> find_audit_sample_of_week(
      const std::string& office, core::Date week_start) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kByWeek));
    st.bind(1, office).bind(2, week_start.to_iso());
    return with_items(st);
  }

  core::Result<std::vector<service::AuditSampleRecord>> list_audit_samples(
      const std::string& office, int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kList));
    st.bind(1, office).bind(2, limit);
    HUJI_ASSIGN_OR_RETURN(
        auto samples, collect_rows<service::AuditSampleRecord>(st, audit_samples::read<Statement>));
    for (auto& s : samples) HUJI_TRY(read_items(s));
    return samples;
  }

  core::Status set_audit_finding(int64_t sample_id, const service::AuditSampleItem& i) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kSetFinding));
    return st.bind(1, sample_id)
        .bind(2, i.seq)
        .bind(3, i.finding)
        .bind(4, i.note)
        .bind(5, i.recorded_by)
        .bind(6, i.recorded_ms)
        .run();
  }

  core::Status set_audit_sample_completed(int64_t sample_id, int64_t at_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kComplete));
    return st.bind(1, sample_id).bind(2, at_ms).run();
  }

 private:
  // The one sample `st` finds, with its items.
  core::Result<std::optional<service::AuditSampleRecord>> with_items(Statement& st) {
    HUJI_ASSIGN_OR_RETURN(
        auto sample, first_row<service::AuditSampleRecord>(st, audit_samples::read<Statement>));
    if (sample) HUJI_TRY(read_items(*sample));
    return sample;
  }

  core::Status read_items(service::AuditSampleRecord& s) {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(audit_samples::kItems));
    st.bind(1, s.id);
    HUJI_ASSIGN_OR_RETURN(
        s.items, collect_rows<service::AuditSampleItem>(st, audit_samples::read_item<Statement>));
    return {};
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_AUDIT_ROWS_H_
