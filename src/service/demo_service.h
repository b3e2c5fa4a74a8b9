#ifndef HUJI_SERVICE_DEMO_SERVICE_H_
#define HUJI_SERVICE_DEMO_SERVICE_H_

// Fills an empty database with a demo office: its geography, a synthetic population with
// event histories (domain/demo/population.h), and one staff user per role.

#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/demo/population.h"
#include "service/store.h"

namespace huji::service {

struct DemoLogin {
  std::string username;
  std::string password;
  domain::Role role;
};

struct DemoSummary {
  std::string office_code;
  std::string office_name;
  int64_t persons = 0;
  int64_t households = 0;
  int64_t events = 0;
  int64_t door_plates = 0;
  std::vector<DemoLogin> logins;
  std::string sample_person_id;  // an active person to try a lookup with
};

// The demo staff and their passwords (documented in the README; demo databases only).
const std::vector<DemoLogin>& demo_logins();

// Refuses (demo.not_empty, 409) when the database already holds persons. One transaction.
core::Result<DemoSummary> load_demo(Store& store, const core::Clock& clock,
                                    const domain::demo::DemoSpec& spec);

}  // namespace huji::service

#endif  // HUJI_SERVICE_DEMO_SERVICE_H_
