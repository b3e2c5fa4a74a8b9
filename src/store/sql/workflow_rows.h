#ifndef HUJI_STORE_SQL_WORKFLOW_ROWS_H_
#define HUJI_STORE_SQL_WORKFLOW_ROWS_H_

// service::WorkflowTx over tables applications, application_documents and
// idempotency_keys.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/application_documents.h"
#include "store/sql/applications.h"
#include "store/sql/common.h"
#include "store/sql/idempotency_keys.h"

namespace huji::store::sql {

template <class Core>
class WorkflowRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kInsert));
    applications::bind(st, a, 1);
    return returned_id(st);
  }

  core::Result<std::optional<service::ApplicationRecord>> find_application(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kById));
    st.bind(1, id);
    return first_row<service::ApplicationRecord>(st, applications::read<Statement>);
  }

  core::Result<bool> update_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kUpdate));
    applications::bind(st, a, 2).bind(1, a.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::ApplicationRecord>> list_applications(
      const service::ApplicationQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kList));
    st.bind(1, q.office_code);
    if (q.status)
      st.bind(2, service::application_status_code(*q.status));
    else
      st.bind_null(2);
    if (q.entered_from_ms)
      st.bind(3, *q.entered_from_ms);
    else
      st.bind_null(3);
    if (q.entered_to_ms)
      st.bind(4, *q.entered_to_ms);
    else
      st.bind_null(4);
    st.bind(5, q.limit);
    if (q.entered_by)
      st.bind(6, *q.entered_by);
    else
      st.bind_null(6);
    if (q.before_id)
      st.bind(7, *q.before_id);
    else
      st.bind_null(7);
    return collect_rows<service::ApplicationRecord>(st, applications::read<Statement>);
  }

  core::Result<std::vector<service::ApplicationRecord>> list_registered(const std::string& office,
                                                                        const std::string& type,
                                                                        core::Date from,
                                                                        core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kRegisteredBetween));
    st.bind(1, office).bind(2, type).bind(3, from.to_iso()).bind(4, to.to_iso());
    return collect_rows<service::ApplicationRecord>(st, applications::read<Statement>);
  }

  core::Result<service::CorrectnessCounts> count_correctness(const std::string& office,
                                                             int64_t from_ms,
                                                             int64_t to_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(applications::kCountCorrectness));
    st.bind(1, office).bind(2, from_ms).bind(3, to_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    service::CorrectnessCounts c;
    if (!row) return c;
    c.received = st.int64(0);
    c.sampled = st.int64(1);
    c.sampled_errors = st.int64(2);
    c.revoked_office_errors = st.int64(3);
    c.citizen_errors = st.int64(4);
    return c;
  }

  core::Result<int64_t> insert_document(const service::DocumentRecord& d) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(application_documents::kInsert));
    st.bind(1, d.application_id)
        .bind(2, d.filename)
        .bind(3, d.mime)
        .bind(4, d.sha256)
        .bind(5, d.size)
        .bind_blob(6, d.content)
        .bind(7, d.uploaded_by)
        .bind(8, d.uploaded_ms);
    return returned_id(st);
  }

  core::Result<std::vector<service::DocumentRecord>> list_documents(int64_t app,
                                                                    bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st,
                          this->prep(with_content ? application_documents::kOfApplicationWithContent
                                                  : application_documents::kOfApplication));
    st.bind(1, app);
    return collect_rows<service::DocumentRecord>(
        st, [&](const Statement& row) -> core::Result<service::DocumentRecord> {
          return application_documents::read(row, with_content);
        });
  }

  core::Result<std::optional<service::IdempotencyRecord>> find_idempotency(
      const std::string& username, const std::string& key) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(idempotency_keys::kFind));
    st.bind(1, username).bind(2, key);
    return first_row<service::IdempotencyRecord>(st, idempotency_keys::read<Statement>);
  }

  core::Status put_idempotency(const service::IdempotencyRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(idempotency_keys::kPut));
    return st.bind(1, r.username)
        .bind(2, r.key)
        .bind(3, r.operation)
        .bind(4, r.fingerprint)
        .bind(5, r.resource_id)
        .bind(6, r.created_ms)
        .run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_WORKFLOW_ROWS_H_
