#ifndef HUJI_STORE_SQL_SEAL_ROWS_H_
#define HUJI_STORE_SQL_SEAL_ROWS_H_

// service::SealTx over tables seals and seal_certificates.

#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/seals.h"

namespace huji::store::sql {

template <class Core>
class SealRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_seal(const service::SealRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(seals::kInsert));
    seals::bind(st, s).bind_blob(1, s.image);
    return returned_id(st);
  }

  core::Result<std::optional<service::SealRecord>> find_seal(int64_t id, bool with_image) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(with_image ? seals::kFindWithImage : seals::kFind));
    st.bind(1, id);
    return first_row<service::SealRecord>(
        st, [with_image](const Statement& s) { return seals::read(s, with_image); });
  }

  core::Result<std::vector<service::SealRecord>> seals_of(const std::string& person_id,
                                                          bool with_image) override {
    HUJI_ASSIGN_OR_RETURN(auto st,
                          this->prep(with_image ? seals::kOfPersonWithImage : seals::kOfPerson));
    st.bind(1, person_id);
    return collect_rows<service::SealRecord>(
        st, [with_image](const Statement& s) { return seals::read(s, with_image); });
  }

  core::Result<bool> update_seal(const service::SealRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(seals::kUpdate));
    seals::bind(st, s).bind(1, s.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<int64_t> insert_seal_certificate(const service::SealCertificateRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(seal_certificates::kInsert));
    seal_certificates::bind(st, c);
    return returned_id(st);
  }

  core::Result<std::optional<service::SealCertificateRecord>> find_seal_certificate(
      int64_t id, bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(with_content ? seal_certificates::kFindWithContent
                                                           : seal_certificates::kFind));
    st.bind(1, id);
    return first_row<service::SealCertificateRecord>(st, [with_content](const Statement& s) {
      return seal_certificates::read(s, with_content);
    });
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_SEAL_ROWS_H_
