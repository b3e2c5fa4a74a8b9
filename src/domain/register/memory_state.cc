#include "domain/register/memory_state.h"

#include <cstdio>

#include "core/id_number.h"

namespace huji::domain {

core::Result<std::optional<Person>> MemoryState::person(const std::string& id) {
  auto it = persons_.find(id);
  if (it == persons_.end()) return std::optional<Person>();
  return std::optional<Person>(it->second);
}

core::Result<std::optional<Household>> MemoryState::household(const std::string& no) {
  auto it = households_.find(no);
  if (it == households_.end()) return std::optional<Household>();
  return std::optional<Household>(it->second);
}

core::Result<std::vector<Person>> MemoryState::members(const std::string& no) {
  std::vector<Person> out;
  auto it = by_household_.find(no);
  if (it == by_household_.end()) return out;
  for (const auto& id : it->second) out.push_back(persons_.at(id));
  return out;
}

core::Result<std::vector<Person>> MemoryState::children(const std::string& parent_id) {
  std::vector<Person> out;
  for (const auto& [id, p] : persons_) {
    if (p.father_id == parent_id || p.mother_id == parent_id) out.push_back(p);
  }
  return out;
}

core::Result<std::optional<DoorPlate>> MemoryState::door_plate(int64_t id) {
  auto it = plates_.find(id);
  if (it != plates_.end()) return std::optional<DoorPlate>(it->second);
  if (plate_source_) return plate_source_(id);
  return std::optional<DoorPlate>();
}

core::Status MemoryState::put_person(const Person& p) {
  auto it = persons_.find(p.id_number);
  if (it != persons_.end() && !it->second.household_no.empty()) {
    auto& set = by_household_[it->second.household_no];
    set.erase(p.id_number);
    if (set.empty()) by_household_.erase(it->second.household_no);
  }
  persons_[p.id_number] = p;
  if (!p.household_no.empty()) by_household_[p.household_no].insert(p.id_number);
  if (p.id_number.size() == 10 && p.id_number[1] >= '0' && p.id_number[1] <= '9') {
    const auto key = std::make_pair(p.id_number[0], p.id_number[1] - '0');
    const auto serial = static_cast<uint32_t>(std::stoul(p.id_number.substr(2, 7)));
    auto& max = max_serial_[key];
    if (serial > max) max = serial;
  }
  return {};
}

core::Status MemoryState::put_household(const Household& h) {
  households_[h.household_no] = h;
  if (h.household_no > max_household_no_) max_household_no_ = h.household_no;
  return {};
}

core::Status MemoryState::delete_household(const std::string& no) {
  households_.erase(no);
  return {};
}

core::Result<uint32_t> MemoryState::next_id_serial(char letter, int first_digit) {
  auto it = max_serial_.find({letter, first_digit});
  const uint32_t max = it == max_serial_.end() ? 0 : it->second;
  if (max < 9'999'999) return max + 1;
  // As TxRegisterState: the lowest free serial once the largest is taken.
  for (uint32_t serial = 1; serial < 9'999'999; ++serial) {
    if (!persons_.count(core::IdNumber::make(letter, first_digit, serial).str())) return serial;
  }
  return core::Error::unprocessable("registration.id_exhausted", "此字軌之統一編號已用罄",
                                    "no ID numbers left for this letter and sex");
}

core::Result<std::string> MemoryState::next_household_no(const std::string&) {
  long next = 1;
  if (max_household_no_.size() == 8 && max_household_no_[0] == 'F') {
    next = std::stol(max_household_no_.substr(1)) + 1;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "F%07ld", next);
  return std::string(buf);
}

core::Result<std::vector<Event>> MemoryState::events_of(const std::string& id) {
  std::vector<Event> out;
  auto it = events_by_subject_.find(id);
  if (it == events_by_subject_.end()) return out;
  for (size_t i : it->second) out.push_back(events_[i]);
  return out;
}

int64_t MemoryState::append(Event e) {
  e.seq = static_cast<int64_t>(events_.size()) + 1;
  events_by_subject_[e.subject_id].push_back(events_.size());
  events_.push_back(std::move(e));
  return events_.back().seq;
}

}  // namespace huji::domain
