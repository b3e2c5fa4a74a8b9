#ifndef HUJI_DOMAIN_REGISTER_STATE_H_
#define HUJI_DOMAIN_REGISTER_STATE_H_

// What the registration rules read and the projector writes: the current persons and
// households. The service implements it over a storage transaction (so rules and projections
// run inside the use case's transaction); MemoryState implements it in memory for replays
// and tests. No I/O here: implementations own that.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/register/model.h"

namespace huji::domain {

class RegisterState {
 public:
  virtual ~RegisterState() = default;

  virtual core::Result<std::optional<Person>> person(const std::string& id) = 0;
  virtual core::Result<std::optional<Household>> household(const std::string& no) = 0;
  // Persons whose current household is `no` (removed persons have none).
  virtual core::Result<std::vector<Person>> members(const std::string& no) = 0;
  // Persons whose father_id or mother_id is `parent_id`, wherever they live, removed ones too.
  virtual core::Result<std::vector<Person>> children(const std::string& parent_id) = 0;
  virtual core::Result<std::optional<DoorPlate>> door_plate(int64_t id) = 0;
  virtual core::Status put_person(const Person& p) = 0;
  virtual core::Status put_household(const Household& h) = 0;
  virtual core::Status delete_household(const std::string& no) = 0;
  // The next unused 7-digit serial for ID numbers starting with letter + first digit.
  virtual core::Result<uint32_t> next_id_serial(char letter, int first_digit) = 0;
  // A household number never used before.
  virtual core::Result<std::string> next_household_no(const std::string& office_code) = 0;
  // Events written on a person, in seq order.
  virtual core::Result<std::vector<Event>> events_of(const std::string& id) = 0;
};

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_STATE_H_
