#ifndef HUJI_STORE_SQL_TRANSACTION_H_
#define HUJI_STORE_SQL_TRANSACTION_H_

// service::Transaction for both backends: every area's layer (store/sql/<area>_rows.h, over
// the tables mapped in store/sql/<table>.h; see store/sql/common.h) stacked on a backend's
// Core. Core derives from service::Transaction and provides
//   using Statement = …;                             // the backend's statement type
//   core::Result<Statement> prep(const std::string& sql);  // a cached prepared statement
//   core::Status commit() override;
// A backend's transaction class derives from sql::Transaction<Core> and overrides only what
// it does differently (PostgreSQL: paged scans, pipelined and batched calls).

#include "store/sql/appointment_rows.h"
#include "store/sql/audit_rows.h"
#include "store/sql/calendar_rows.h"
#include "store/sql/care_rows.h"
#include "store/sql/document_rows.h"
#include "store/sql/id_card_rows.h"
#include "store/sql/inbound_rows.h"
#include "store/sql/nationality_rows.h"
#include "store/sql/notification_kpi_rows.h"
#include "store/sql/notification_rows.h"
#include "store/sql/office_rows.h"
#include "store/sql/payment_rows.h"
#include "store/sql/penalty_rows.h"
#include "store/sql/queue_rows.h"
#include "store/sql/register_rows.h"
#include "store/sql/rule_rows.h"
#include "store/sql/seal_rows.h"
#include "store/sql/staff_rows.h"
#include "store/sql/transcript_rows.h"
#include "store/sql/workflow_rows.h"

namespace huji::store::sql {

template <class Core>
using Transaction = OfficeRows<
    StaffRows<RegisterRows<WorkflowRows<NationalityRows<PenaltyRows<CareRows<DocumentRows<AuditRows<
        CalendarRows<RuleRows<TranscriptRows<SealRows<PaymentRows<IdCardRows<NotificationRows<
            InboundRows<NotificationKpiRows<QueueRows<AppointmentRows<Core>>>>>>>>>>>>>>>>>>>>;

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_TRANSACTION_H_
