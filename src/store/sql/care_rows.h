#ifndef HUJI_STORE_SQL_CARE_ROWS_H_
#define HUJI_STORE_SQL_CARE_ROWS_H_

// service::CareTx over table care_notifications.

#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/care_notifications.h"
#include "store/sql/common.h"

namespace huji::store::sql {

template <class Core>
class CareRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_care_notification(const service::CareNotification& n) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(care_notifications::kInsert));
    care_notifications::bind(st, n);
    return returned_id(st);
  }

  core::Result<std::vector<service::CareNotification>> care_notifications_of(
      int64_t application_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(care_notifications::kOfApplication));
    st.bind(1, application_id);
    return collect_rows<service::CareNotification>(st, care_notifications::read<Statement>);
  }

  core::Result<std::vector<service::CareNotification>> care_notifications_registered(
      const std::string& office, core::Date from, core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(care_notifications::kRegistered));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<service::CareNotification>(st, care_notifications::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_CARE_ROWS_H_
