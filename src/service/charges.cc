#include "service/charges.h"

#include "service/transaction.h"

namespace huji::service {

core::Result<ChargeRecord> charge_fee(ChargeTx& tx, const domain::FeeSchedule& fees,
                                      const ChargeRequest& r) {
  HUJI_ASSIGN_OR_RETURN(auto quote, fees.quote(r.item, r.on, r.quantity, r.waiver));
  ChargeRecord c;
  c.office_code = r.office_code;
  c.item = quote.item;
  c.ref_kind = r.ref_kind;
  c.ref_id = r.ref_id;
  c.quantity = quote.quantity;
  c.amount = quote.amount;
  c.waiver = quote.waiver;
  c.charged_on = r.on;
  c.charged_by = r.by;
  c.charged_ms = r.now_ms;
  HUJI_ASSIGN_OR_RETURN(c.id, tx.insert_charge(c));
  return c;
}

}  // namespace huji::service
