#ifndef HUJI_STORE_SQL_TRANSACTION_H_
#define HUJI_STORE_SQL_TRANSACTION_H_

// service::Transaction for both backends: every area's layer (store/sql/common.h) stacked on a
// backend's Core. Core derives from service::Transaction and provides
//   using Statement = …;                             // the backend's statement type
//   core::Result<Statement> prep(const std::string& sql);  // a cached prepared statement
//   core::Status commit() override;
// A backend's transaction class derives from sql::Transaction<Core> and overrides only what
// it does differently (PostgreSQL: paged scans, pipelined and batched calls).

#include "store/sql/applications.h"
#include "store/sql/audit.h"
#include "store/sql/nationality.h"
#include "store/sql/offices.h"
#include "store/sql/register.h"
#include "store/sql/staff.h"

namespace huji::store::sql {

template <class Core>
using Transaction =
    OfficeRows<StaffRows<RegisterRows<WorkflowRows<NationalityRows<AuditRows<Core>>>>>>;

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_TRANSACTION_H_
