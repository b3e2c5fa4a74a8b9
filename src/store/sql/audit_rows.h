#ifndef HUJI_STORE_SQL_AUDIT_ROWS_H_
#define HUJI_STORE_SQL_AUDIT_ROWS_H_

// service::AuditTx over tables audit and audit_journal_marks.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/audit.h"
#include "store/sql/audit_journal_marks.h"
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
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_AUDIT_ROWS_H_
