#ifndef HUJI_DOMAIN_REGISTER_EVENT_KEYS_H_
#define HUJI_DOMAIN_REGISTER_EVENT_KEYS_H_

// The keys of Event::data (model.h), shared by every writer (the rules in registration.cc and
// revocation.cc, the projector's conversion entries, the demo generator, the services) and
// every reader (the projector, the transcript's wording in model.cc). A key spelled here once
// cannot be misspelled on one side only. (LevelDB keeps its log record format in one header,
// db/log_format.h, for the same reason.)
//
// The keys are character arrays, not string_views, so that they index Event::data (a
// std::map<std::string, std::string>) and join a prefix (`prefix + kSex`) as they are.
//
// The contract: which entries carry a key, what it means, and what the projector does with it.
// Flags are "1" when set and absent otherwise.
//
//   placement (birth, first_registration, move_in, ex_officio_move_in, address_change,
//   household_split, household_merge, restoration): Event::household_no is the household the
//     subject joins, kRelation the 稱謂 there; kNewHousehold founds it with the subject as head
//     at plate kDoorPlateId, established on the event date. address_change with
//     kWholeHousehold moves the subject's household to kDoorPlateId instead (written on the
//     head; the other members' entries change nothing) and names the new address in kTo.
//   birth, first_registration: kName, kSex (core::sex_code: M/F), kBirthDate (first
//     registration; a birth's is the event date), kPlace (birth) | kBirthPlace (first
//     registration), kFatherId, kMotherId, kFatherName, kMotherName, kIndigenous,
//     kBirthOrder; first registration: kFrom, where the person came from.
//   death, death_declaration, loss_of_nationality, move_out, ex_officio_move_out,
//     registration_cancellation: kRemoval (death | death_declared | loss_of_nationality |
//     loss_of_status | emigration | registration_revoked) removes the person; a move_out
//     without it only leaves the household (a move to another district, followed by the
//     move_in written there). death: kPlace; move_out: kTo; loss_of_nationality: kLetterNo,
//     the permit's number, and kReason (loss_of_nationality | loss_of_status; absent on older
//     entries: loss_of_nationality). death_declaration: kCourt, kJudgmentDate (the event date
//     is the presumed date of death), kSpouseId. ex_officio_move_out: kExitDate, kTo, kReason.
//     registration_cancellation: kReason, kLetterNo.
//   death, death_declaration: clear the spouse links.
//   indigenous_acquisition, indigenous_change: kIndigenous (族別), kIndigenousKind (plains |
//     mountain: 平地 / 山地); change and indigenous_loss: kOldIndigenous; loss: kReason. Sets
//     or clears Person::indigenous (the kind stays in the entry).
//   assistance: kAssistantId, kAssistantName, kCourt, kReason. custody: kHolder (father |
//     mother | both | other), kHolderId, kHolderName (other), kBasis (court | agreement),
//     kCourt. Neither changes the projections.
//   correction: kField (birth_place | father_name | mother_name), kOldValue, kNewValue,
//     kEvidence; sets that field of the person.
//   marriage: kSpouseId, kSpouseName. divorce: kSpouseId, kSpouseName, kReason (agreed |
//     court). divorce, death: clear the spouse links.
//   move_in, ex_officio_move_in: kFrom, the place moved from; ex officio: kReason.
//   ex_officio_address_change: as address_change, with kReason.
//   household_split: kFrom, the household split from. household_merge: kFrom, the household
//     whose members join Event::household_no. address_change into another household of the
//     district: kFromHousehold, the household left.
//   head_change (also written on the old head's death or move): kOldHeadId, kOldHeadName,
//     kReason; the subject becomes head; relation_key(id) gives each other member's new 稱謂.
//   name_change, name_correction: kOldName, kNewName, kReason.
//   birth_date_correction: kOldDate, kNewDate, kReason.
//   id_number_change: kOldId, kNewId, kReason; the old record is removed ("id_number_change"),
//     links follow: the spouse's, the household's head, and the parent links of kChildren
//     (comma-separated IDs, wherever they live) and of the household's members.
//   acknowledgement, adoption, adoption_termination: any of kFatherId, kMotherId,
//     kFatherName, kMotherName present is set (an empty value clears). adoption: kAdopterId,
//     kAdopter2Id (a couple adopting), kAdopterName, and kOldFatherId, kOldMotherId,
//     kOldFatherName, kOldMotherName (the parents before, which a termination puts back);
//     adoption_termination: kAdopterId, kAdopter2Id, kAdopterName, kReason.
//   guardianship: kGuardianId, kGuardianName, kReason; no change to the projections.
//   revocation (revocation.h): kReason; kPersonPrefix + person_to_data keys: the subject as
//     it was before the revoked registration (kPersonPrefix + kAbsent: it did not exist, so it
//     is removed with reason "revocation"); household_prefix(no) + household_to_data keys:
//     each household as it was (+ kAbsent: it did not exist, so it is deleted).
//   conversion: the person's whole state (person_to_data keys, no prefix); kHousehold also
//     carries the household under kHouseholdPrefix (household_to_data keys).
//   any entry: kHistory marks transcribed history from before the conversion (the demo
//     population's): shown on transcripts but not applied. kApplicationId: on a revocation,
//     the application whose registration it revokes.
//
// The transcript's wording (describe_zh, describe_en in model.h) reads, per type, all optional:
//   birth: kPlace (county at the time, e.g. 臺北市); death: kPlace; marriage, divorce:
//   kSpouseName, divorce also kReason; move_in, ex_officio_move_in: kFrom (e.g. 臺北市大安區);
//   move_out: kTo (e.g. 新北市板橋區, or 國外); household_split, household_merge: kFrom;
//   head_change: kOldHeadName; name_change, name_correction: kOldName, kNewName, kReason;
//   birth_date_correction: kOldDate, kNewDate (ISO dates); id_number_change: kOldId, kNewId;
//   first_registration: kFrom (country or area of origin); acknowledgement: kFatherName;
//   adoption, adoption_termination: kAdopterName; guardianship: kGuardianName; revocation:
//   kReason (Event::corrects_seq names the revoked entry); death_declaration: kCourt;
//   loss_of_nationality: kReason; indigenous_*: kIndigenous, kIndigenousKind, kOldIndigenous;
//   assistance: kAssistantName; custody: kHolder, kHolderName; correction: kField, kOldValue,
//   kNewValue; ex_officio_move_out: kTo; registration_cancellation: kReason.
//
// person_to_data keys: kName, kSex, kBirthDate, kBirthPlace, kFatherId, kMotherId, kSpouseId,
// kFatherName, kMotherName, kIndigenous, kStatus (active | removed), kRemovalReason,
// kHouseholdNo, kRelation, kBirthOrder. household_to_data keys: kDoorPlateId, kHeadId,
// kEstablished, kOfficeCode, kVersion.

#include <string>
#include <string_view>

namespace huji::domain::event_key {

// The person.
inline constexpr char kName[] = "name";
inline constexpr char kSex[] = "sex";
inline constexpr char kBirthDate[] = "birth_date";
inline constexpr char kPlace[] = "place";
inline constexpr char kBirthPlace[] = "birth_place";
inline constexpr char kBirthOrder[] = "birth_order";
inline constexpr char kIndigenous[] = "indigenous";
inline constexpr char kFatherId[] = "father_id";
inline constexpr char kMotherId[] = "mother_id";
inline constexpr char kFatherName[] = "father_name";
inline constexpr char kMotherName[] = "mother_name";
inline constexpr char kSpouseId[] = "spouse_id";
inline constexpr char kSpouseName[] = "spouse_name";
inline constexpr char kStatus[] = "status";
inline constexpr char kRemovalReason[] = "removal_reason";
inline constexpr char kHouseholdNo[] = "household_no";

// Placement and households.
inline constexpr char kRelation[] = "relation";
inline constexpr char kNewHousehold[] = "new_household";
inline constexpr char kDoorPlateId[] = "door_plate_id";
inline constexpr char kWholeHousehold[] = "whole_household";
inline constexpr char kFrom[] = "from";
inline constexpr char kFromHousehold[] = "from_household";
inline constexpr char kTo[] = "to";
inline constexpr char kHeadId[] = "head_id";
inline constexpr char kEstablished[] = "established";
inline constexpr char kOfficeCode[] = "office_code";
inline constexpr char kVersion[] = "version";
inline constexpr char kOldHeadId[] = "old_head_id";
inline constexpr char kOldHeadName[] = "old_head_name";

// Removal, reasons and corrections.
inline constexpr char kRemoval[] = "removal";
inline constexpr char kReason[] = "reason";
inline constexpr char kLetterNo[] = "letter_no";
inline constexpr char kOldName[] = "old_name";
inline constexpr char kNewName[] = "new_name";
inline constexpr char kOldDate[] = "old_date";
inline constexpr char kNewDate[] = "new_date";
inline constexpr char kOldId[] = "old_id";
inline constexpr char kNewId[] = "new_id";
inline constexpr char kChildren[] = "children";

// Adoption and guardianship.
inline constexpr char kAdopterId[] = "adopter_id";
inline constexpr char kAdopter2Id[] = "adopter2_id";
inline constexpr char kAdopterName[] = "adopter_name";
inline constexpr char kOldFatherId[] = "old_father_id";
inline constexpr char kOldMotherId[] = "old_mother_id";
inline constexpr char kOldFatherName[] = "old_father_name";
inline constexpr char kOldMotherName[] = "old_mother_name";
inline constexpr char kGuardianId[] = "guardian_id";
inline constexpr char kGuardianName[] = "guardian_name";
inline constexpr char kAssistantId[] = "assistant_id";
inline constexpr char kAssistantName[] = "assistant_name";
inline constexpr char kHolder[] = "holder";
inline constexpr char kHolderId[] = "holder_id";
inline constexpr char kHolderName[] = "holder_name";
inline constexpr char kBasis[] = "basis";
inline constexpr char kCourt[] = "court";

// Death declaration, indigenous status, corrections, ex officio move-out.
inline constexpr char kJudgmentDate[] = "judgment_date";
inline constexpr char kIndigenousKind[] = "indigenous_kind";
inline constexpr char kOldIndigenous[] = "old_indigenous";
inline constexpr char kField[] = "field";
inline constexpr char kOldValue[] = "old_value";
inline constexpr char kNewValue[] = "new_value";
inline constexpr char kEvidence[] = "evidence";
inline constexpr char kExitDate[] = "exit_date";

// Conversion, revocation, history.
inline constexpr char kHousehold[] = "household";
inline constexpr char kHistory[] = "history";
inline constexpr char kApplicationId[] = "application_id";
inline constexpr char kAbsent[] = "absent";
inline constexpr char kPersonPrefix[] = "p.";
inline constexpr char kHouseholdPrefix[] = "hh.";

// "relation.<id>": a member's new 稱謂 on a head change.
inline std::string relation_key(std::string_view id_number) {
  return std::string(kRelation) + "." + std::string(id_number);
}

// "<prefix>absent": the state under `prefix` did not exist (a revocation's "p.absent").
inline std::string absent_key(std::string_view prefix) { return std::string(prefix) + kAbsent; }

// "hh.<no>.": the prefix of a household's state on a revocation.
inline std::string household_prefix(std::string_view household_no) {
  return std::string(kHouseholdPrefix) + std::string(household_no) + ".";
}

}  // namespace huji::domain::event_key

#endif  // HUJI_DOMAIN_REGISTER_EVENT_KEYS_H_
