#ifndef HUJI_STORE_SQL_DOCUMENT_ROWS_H_
#define HUJI_STORE_SQL_DOCUMENT_ROWS_H_

// service::DocumentTx over table issued_documents and service::ChargeTx over table charges.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/documents.h"

namespace huji::store::sql {

template <class Core>
class DocumentRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_issued_document(const service::IssuedDocument& d) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(issued_documents::kInsert));
    issued_documents::bind(st, d);
    return returned_id(st);
  }

  core::Result<std::optional<service::IssuedDocument>> find_issued_document(
      const std::string& check_code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(issued_documents::kByCode));
    st.bind(1, check_code);
    return first_row<service::IssuedDocument>(st, issued_documents::read<Statement>);
  }

  core::Result<std::optional<service::IssuedDocument>> find_issued_document_by_pdf(
      const std::string& pdf_sha256) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(issued_documents::kByPdf));
    st.bind(1, pdf_sha256);
    return first_row<service::IssuedDocument>(st, issued_documents::read<Statement>);
  }

  core::Result<std::optional<std::string>> issued_document_pdf(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(issued_documents::kPdf));
    st.bind(1, id);
    return first_row<std::string>(
        st, [](const Statement& s) -> core::Result<std::string> { return s.blob(0); });
  }

  core::Status set_issued_document_status(int64_t id, const std::string& status,
                                          const std::string& reason, int64_t at_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(issued_documents::kSetStatus));
    st.bind(1, id).bind(2, status).bind(3, reason).bind(4, at_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return core::Error::not_found("document.not_found", "查無此文件", "no such document");
    }
    return {};
  }

  core::Result<int64_t> insert_charge(const service::ChargeRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(charges::kInsert));
    charges::bind(st, c);
    return returned_id(st);
  }

  core::Result<std::optional<service::ChargeRecord>> find_charge(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(charges::kById));
    st.bind(1, id);
    return first_row<service::ChargeRecord>(st, charges::read<Statement>);
  }

  core::Result<std::vector<service::ChargeRecord>> charges_of(const std::string& ref_kind,
                                                              int64_t ref_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(charges::kOfRef));
    st.bind(1, ref_kind).bind(2, ref_id);
    return collect_rows<service::ChargeRecord>(st, charges::read<Statement>);
  }

  core::Result<std::vector<service::ChargeRecord>> unpaid_charges(const std::string& office,
                                                                  core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(charges::kUnpaid));
    st.bind(1, office).bind(2, on.to_iso());
    return collect_rows<service::ChargeRecord>(st, charges::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_DOCUMENT_ROWS_H_
