#include "service/register_state.h"

#include <cstdio>

namespace huji::service {

core::Result<uint32_t> TxRegisterState::next_id_serial(char letter, int first_digit) {
  HUJI_ASSIGN_OR_RETURN(int64_t max, tx_.max_id_serial(letter, first_digit));
  if (max >= 9'999'999) {
    return core::Error::make(core::ErrorKind::kUnprocessable, "registration.id_exhausted",
                             "此字軌之統一編號已用罄", "no ID numbers left for this letter and sex");
  }
  return static_cast<uint32_t>(max + 1);
}

// Household numbers: "F" + 7 digits, as the register already uses, the next after the
// largest in the households or the event log, so a merged-away household's number is never
// given again.
core::Result<std::string> TxRegisterState::next_household_no(const std::string&) {
  HUJI_ASSIGN_OR_RETURN(std::string max, tx_.max_household_no("F"));
  long next = max.size() == 8 ? std::stol(max.substr(1)) + 1 : 1;
  if (next > 9'999'999) {
    return core::Error::make(core::ErrorKind::kUnprocessable, "registration.household_exhausted",
                             "戶號已用罄", "no household numbers left");
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "F%07ld", next);
  return std::string(buf);
}

}  // namespace huji::service
