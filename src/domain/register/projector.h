#ifndef HUJI_DOMAIN_REGISTER_PROJECTOR_H_
#define HUJI_DOMAIN_REGISTER_PROJECTOR_H_

// The projector: folds one event into the current persons and households. It applies facts,
// it does not judge them — the rules in registration.h decide what may be registered and
// write into each event everything the projector needs, so that replaying the event log from
// the start rebuilds exactly the stored projections (`huji register rebuild --check`).
//
// Every applied event raises the version of its subject and of every household whose record
// or membership it changes: a reviewer's version check sees any concurrent registration.
//
// The Event::data keys it reads, and which entries carry them, are listed in event_keys.h.

#include <map>
#include <string>

#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/state.h"

namespace huji::domain {

core::Status apply(RegisterState& state, const Event& e);

// The conversion entry that carries `p` into the register on `on`; with `household`, also
// that household (write it on one member of each household).
Event conversion_event(const Person& p, const Household* household, core::Date on,
                       const std::string& office_code);

bool is_history(const Event& e);

// A person's or household's state as event data under `prefix` (the conversion entry's and
// the revocation entry's keys), and back.
void person_to_data(const Person& p, const std::string& prefix,
                    std::map<std::string, std::string>& data);
Person person_from_data(const std::map<std::string, std::string>& data, const std::string& prefix,
                        const std::string& id_number);
void household_to_data(const Household& h, const std::string& prefix,
                       std::map<std::string, std::string>& data);
Household household_from_data(const std::map<std::string, std::string>& data,
                              const std::string& prefix, const std::string& household_no);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_PROJECTOR_H_
