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
// Event::data keys read here, beyond the transcript's (model.cc):
//   placement (birth, first_registration, move_in, ex_officio_move_in, address_change,
//   household_split, household_merge, restoration): Event::household_no is the household the
//     subject joins, "relation" the 稱謂 there; "new_household" = "1" founds it with the
//     subject as head at plate "door_plate_id", established on the event date. address_change
//     with "whole_household" = "1" moves the subject's household to "door_plate_id" instead
//     (written on the head; the other members' entries change nothing).
//   birth, first_registration: name, sex (M/F), birth_date (first registration; a birth's is
//     the event date), place | birth_place, father_id, mother_id, father_name, mother_name,
//     indigenous, birth_order.
//   death, loss_of_nationality, move_out: "removal" (death | loss_of_nationality | emigration)
//     removes the person; a move_out without it only leaves the household (a move to another
//     district, followed by the move_in written there).
//   marriage: spouse_id. divorce, death: clear the spouse links.
//   head_change: the subject becomes head; "relation.<id>" gives each other member's new 稱謂.
//   name_change, name_correction: new_name. birth_date_correction: new_date.
//   id_number_change: new_id; the old record is removed ("id_number_change"), links follow:
//     the spouse's, the household's head, and the parent links of "children" (comma-separated
//     IDs, wherever they live) and of the household's members.
//   acknowledgement, adoption, adoption_termination: any of father_id, mother_id,
//     father_name, mother_name present is set (an empty value clears).
//   guardianship: no change to the projections.
//   revocation (revocation.h): "p.*" the subject as it was before the revoked registration
//     (person_to_data keys; "p.absent" = "1": it did not exist, so it is removed with reason
//     "revocation"); "hh.<no>.*" each household as it was (household_to_data keys;
//     "hh.<no>.absent" = "1": it did not exist, so it is deleted).
//   conversion: the person's whole state; "household" = "1" also carries the household
//     ("hh.door_plate_id", "hh.head_id", "hh.established", "hh.office_code").
// Events with "history" = "1" are transcribed history from before the conversion (the demo
// population's): they are shown on transcripts but not applied.

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
