#ifndef HUJI_DOMAIN_REGISTER_MEMORY_STATE_H_
#define HUJI_DOMAIN_REGISTER_MEMORY_STATE_H_

// RegisterState in memory: the target of `huji register rebuild` (the event log replayed from
// the start) and of the rules' tests. Door plates are reference data, not derived from
// events: they are added directly or read through a source function.

#include <functional>
#include <map>
#include <set>
#include <utility>

#include "domain/register/state.h"

namespace huji::domain {

class MemoryState final : public RegisterState {
 public:
  using DoorPlateSource = std::function<core::Result<std::optional<DoorPlate>>(int64_t)>;

  core::Result<std::optional<Person>> person(const std::string& id) override;
  core::Result<std::optional<Household>> household(const std::string& no) override;
  core::Result<std::vector<Person>> members(const std::string& no) override;
  // A scan of every person: for the rules' tests (a replay applies events, which never asks).
  core::Result<std::vector<Person>> children(const std::string& parent_id) override;
  core::Result<std::optional<DoorPlate>> door_plate(int64_t id) override;
  core::Status put_person(const Person& p) override;
  core::Status put_household(const Household& h) override;
  core::Status delete_household(const std::string& no) override;
  core::Result<uint32_t> next_id_serial(char letter, int first_digit) override;
  core::Result<std::string> next_household_no(const std::string& office_code) override;
  core::Result<std::vector<Event>> events_of(const std::string& id) override;

  void set_door_plate_source(DoorPlateSource source) { plate_source_ = std::move(source); }
  void add_door_plate(const DoorPlate& plate) { plates_[plate.id] = plate; }
  // Records an event (assigning the next seq) so that events_of sees it; apply() is separate.
  int64_t append(Event e);

  const std::map<std::string, Person>& all_persons() const { return persons_; }
  const std::map<std::string, Household>& all_households() const { return households_; }
  const std::vector<Event>& events() const { return events_; }

 private:
  std::map<std::string, Person> persons_;
  std::map<std::string, Household> households_;
  std::map<std::string, std::set<std::string>> by_household_;
  std::map<int64_t, DoorPlate> plates_;
  DoorPlateSource plate_source_;
  std::map<std::pair<char, int>, uint32_t> max_serial_;
  std::string max_household_no_;
  std::vector<Event> events_;
  std::map<std::string, std::vector<size_t>> events_by_subject_;
};

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_MEMORY_STATE_H_
