#include "service/register_state.h"

#include <cstdio>
#include <optional>
#include <string>

#include "core/id_number.h"

namespace huji::service {

// ID numbers are allocated in order: the serial after the largest in use for the letter and
// sex. When that is the last one (numbers carried over from the earlier register, like the
// demo population's, are spread over the whole range), the lowest free serial is taken,
// searched from the prefix's cursor, which moves up to it in the same transaction: each taken
// serial is passed once over all registrations, not once per registration, and a birth costs
// a probe or two. The cursor stops at the free serial rather than after it, as a submission
// plans the birth without writing it and its approval takes the same number. A person removed
// keeps their row in persons, and so their number.
core::Result<uint32_t> TxRegisterState::next_id_serial(char letter, int first_digit) {
  HUJI_ASSIGN_OR_RETURN(int64_t max, tx_.max_id_serial(letter, first_digit));
  if (max < 9'999'999) return static_cast<uint32_t>(max + 1);
  const std::string prefix{letter, static_cast<char>('0' + first_digit)};
  HUJI_ASSIGN_OR_RETURN(std::optional<int64_t> cursor, tx_.id_serial_cursor(prefix));
  const int64_t from = cursor.value_or(1);
  for (int64_t serial = from; serial < 9'999'999; ++serial) {
    const auto s = static_cast<uint32_t>(serial);
    HUJI_ASSIGN_OR_RETURN(auto taken,
                          tx_.find_person(core::IdNumber::make(letter, first_digit, s).str()));
    if (taken) continue;
    if (serial != from || !cursor) HUJI_TRY(tx_.set_id_serial_cursor(prefix, serial));
    return s;
  }
  return core::Error::unprocessable("registration.id_exhausted", "此字軌之統一編號已用罄",
                                    "no ID numbers left for this letter and sex");
}

// Household numbers: "F" + 7 digits, as the register already uses, the next after the
// largest in the households or the event log, so a merged-away household's number is never
// given again.
core::Result<std::string> TxRegisterState::next_household_no(const std::string&) {
  HUJI_ASSIGN_OR_RETURN(std::string max, tx_.max_household_no("F"));
  long next = max.size() == 8 ? std::stol(max.substr(1)) + 1 : 1;
  if (next > 9'999'999) {
    return core::Error::unprocessable("registration.household_exhausted", "戶號已用罄",
                                      "no household numbers left");
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "F%07ld", next);
  return std::string(buf);
}

}  // namespace huji::service
