#ifndef HUJI_STORE_SQL_INBOUND_ROWS_H_
#define HUJI_STORE_SQL_INBOUND_ROWS_H_

// service::InboundTx over tables inbound_files and inbound_records.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/inbound.h"

namespace huji::store::sql {

template <class Core>
class InboundRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_inbound_file(const service::InboundFile& f) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kInsertFile));
    inbound::bind_file(st, f);
    return returned_id(st);
  }

  core::Result<std::optional<service::InboundFile>> find_inbound_file(
      const std::string& feed, const std::string& sha256) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kFileBySha));
    st.bind(1, feed).bind(2, sha256);
    return first_row<service::InboundFile>(st, inbound::read_file<Statement>);
  }

  core::Result<std::vector<service::InboundFile>> list_inbound_files(const std::string& office,
                                                                     int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kFilesOfOffice));
    st.bind(1, office).bind(2, static_cast<int64_t>(limit));
    return collect_rows<service::InboundFile>(st, inbound::read_file<Statement>);
  }

  core::Result<int64_t> insert_inbound_record(const service::InboundRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kInsertRecord));
    inbound::bind_record(st, r);
    return returned_id(st);
  }

  core::Result<std::optional<service::InboundRecord>> find_inbound_record(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kRecordById));
    st.bind(1, id);
    return first_row<service::InboundRecord>(st, inbound::read_record<Statement>);
  }

  core::Result<std::optional<service::InboundRecord>> find_inbound_record_of_sender(
      const std::string& feed, const std::string& record_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kRecordBySender));
    st.bind(1, feed).bind(2, record_id);
    return first_row<service::InboundRecord>(st, inbound::read_record<Statement>);
  }

  core::Result<bool> close_inbound_case(const service::InboundRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kCloseRecord));
    st.bind(1, r.id)
        .bind(2, r.status)
        .bind(3, r.closed_by_application)
        .bind(4, r.close_note)
        .bind(5, r.closed_by)
        .bind(6, r.closed_ms)
        .bind(7, r.version);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::InboundRecord>> list_inbound_records(
      const service::InboundQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kList));
    st.bind(1, q.office_code)
        .bind(2, q.kind)
        .bind(3, q.status)
        .bind(4, q.feed)
        .bind(5, q.event)
        .bind(6, q.received_from ? q.received_from->to_iso() : std::string("0000-01-01"))
        .bind(7, q.received_to ? q.received_to->to_iso() : std::string("9999-12-31"))
        .bind(8, static_cast<int64_t>(q.limit));
    return collect_rows<service::InboundRecord>(st, inbound::read_record<Statement>);
  }

  core::Result<std::vector<service::InboundRecord>> open_inbound_cases_of(
      const std::string& id_number, const std::string& event) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(inbound::kOpenCasesOf));
    st.bind(1, id_number).bind(2, event);
    return collect_rows<service::InboundRecord>(st, inbound::read_record<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_INBOUND_ROWS_H_
