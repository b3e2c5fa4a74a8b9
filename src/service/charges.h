#ifndef HUJI_SERVICE_CHARGES_H_
#define HUJI_SERVICE_CHARGES_H_

// Charging the fee of an issued item (規費): the schedule's amount on the day, or nothing
// with a waiver that covers the item, recorded as a charge that a payment settles later.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "domain/documents/fee_schedule.h"
#include "service/records.h"

namespace huji::service {

class ChargeTx;

struct ChargeRequest {
  std::string office_code;
  std::string item;  // fee item code
  int quantity = 1;
  std::string waiver;    // "" or a waiver code
  std::string ref_kind;  // what the charge is for, and its id
  int64_t ref_id = 0;
  core::Date on;
  std::string by;  // username
  int64_t now_ms = 0;
};

// The fee errors of FeeSchedule::quote (fee.*), or the stored charge.
core::Result<ChargeRecord> charge_fee(ChargeTx& tx, const domain::FeeSchedule& fees,
                                      const ChargeRequest& r);

}  // namespace huji::service

#endif  // HUJI_SERVICE_CHARGES_H_
