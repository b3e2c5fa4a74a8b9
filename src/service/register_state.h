#ifndef HUJI_SERVICE_REGISTER_STATE_H_
#define HUJI_SERVICE_REGISTER_STATE_H_

// domain::RegisterState over a storage transaction: the registration rules read, and the
// projector writes, the persons and households projections inside the use case's transaction.

#include <string>

#include "domain/register/state.h"
#include "service/store.h"

namespace huji::service {

class TxRegisterState final : public domain::RegisterState {
 public:
  explicit TxRegisterState(Transaction& tx) : tx_(tx) {}

  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    return tx_.find_person(id);
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    return tx_.find_household(no);
  }
  core::Result<std::vector<domain::Person>> members(const std::string& no) override {
    return tx_.household_members(no);
  }
  core::Result<std::vector<domain::Person>> children(const std::string& parent_id) override {
    return tx_.children_of(parent_id);
  }
  core::Result<std::optional<domain::DoorPlate>> door_plate(int64_t id) override {
    return tx_.find_door_plate(id);
  }
  core::Status put_person(const domain::Person& p) override { return tx_.put_person(p); }
  core::Status put_household(const domain::Household& h) override { return tx_.put_household(h); }
  core::Status delete_household(const std::string& no) override { return tx_.delete_household(no); }
  core::Result<uint32_t> next_id_serial(char letter, int first_digit) override;
  core::Result<std::string> next_household_no(const std::string& office_code) override;
  core::Result<std::vector<domain::Event>> events_of(const std::string& id) override {
    return tx_.events_of(id);
  }

 private:
  Transaction& tx_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_REGISTER_STATE_H_
