#ifndef HUJI_DOMAIN_REGISTER_REGISTRATION_H_
#define HUJI_DOMAIN_REGISTER_REGISTRATION_H_

// The registration rules (戶籍登記, DOMAIN.md §3): for each type, what a registration must
// carry, what it may not do to the register as it is, and the events it appends. plan() reads
// the current register through RegisterState and writes nothing; the service appends the
// plan's events and folds each into the projections with apply() (projector.h), all in one
// transaction. Every rejection names its reason (Error::code "registration.*", zh/en).
//
// Registration::fields, per type (the web form's keys, web/src/registration_types.ts):
//   birth                  name, sex (M/F), place; father_id and/or mother_id; household_no
//                          (default: the mother's, else the father's household)
//   death                  place; new_head_id (when the head dies; default the spouse, else
//                          the eldest member)
//   marriage               spouse_id
//   divorce                spouse_id, reason (agreed | court)
//   move_in                from; household_no + relation (join) or door_plate_id (new
//                          household, the subject its head)
//   move_out               to (abroad only: a move within Taiwan is registered as the move-in
//                          at the new district, which writes the move-out)
//   address_change         household_no + relation, or door_plate_id (the head moves the whole
//                          household; anyone else founds a household there)
//   household_split        door_plate_id; members (comma-separated IDs going along)
//   household_merge        household_no (the household joined), relation
//   head_change            reason
//   name_change            new_name, reason (the code of a ground of 姓名條例 §9 ¶1, see
//                          NameChangeGround; ground 6 at most Registration's cap times)
//   name_correction        new_name, reason
//   birth_date_correction  new_date, reason
//   id_number_change       reason
//   first_registration     name, sex, birth_date, birth_place, from; household_no + relation
//                          or door_plate_id
//   acknowledgement        father_id
//   adoption               adopter_id, adopter2_id (the adopter's spouse, adopting jointly)
//   adoption_termination   adopter_id, reason
//   guardianship           guardian_id, reason
//   loss_of_nationality    letter_no (the Ministry's letter); reason (喪失國籍, the default, or
//                          喪失臺灣地區人民身分; the code is also the removal reason)
//   restoration            from; household_no + relation, or door_plate_id
//   ex_officio_move_in     from, reason; office_door_plate_id (set by the service: the
//                          office's own door plate, 逕遷戶所)
//   death_declaration      court, judgment_date (the event date is the presumed date of death);
//                          new_head_id as for death
//   indigenous_acquisition  tribe (one of kIndigenousPeoples), kind (plains | mountain)
//   indigenous_loss        reason
//   indigenous_change      tribe (the new one)
//   assistance             assistant_id, court, reason (民法 §15-1)
//   custody                holder (father | mother | both | other), holder_id (other), basis
//                          (court | agreement), court (when by the court); the subject is the
//                          minor child
//   correction             field (one of kCorrectableFields), new_value, evidence (the
//                          document proving the right value)
//   ex_officio_address_change  reason; household_no + relation, or door_plate_id
//   ex_officio_move_out    exit_date (at least the statutory years abroad before the event
//                          date, 戶籍法 §16 ¶3; StatutoryRules), reason; new_head_id
//   registration_cancellation  reason, letter_no; new_head_id
//   revocation             reason; initiated_by (citizen | office: whether the 30-day period
//                          applies, deadline.h); cause (whose error: the office's or the
//                          citizen's; required at entry); Registration::revokes (set by the
//                          service from the revoked application, given as application_id): see
//                          revocation.h
// Any type leaving a household whose head the subject is, with others staying, first writes
// the head change (new_head_id, else the spouse, else the eldest member). A follow-up of a
// nationality case (first_registration, restoration, loss_of_nationality) may name it in
// nationality_case_id: the service registers the case when it approves the registration.

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/register/model.h"
#include "domain/register/revocation.h"
#include "domain/register/state.h"
#include "domain/register/statutory_rules.h"

namespace huji::domain {

struct Registration {
  EventType type = EventType::kBirth;
  core::Date event_date;
  core::Date registered_on;
  std::string office_code;
  std::string subject_id;  // empty for birth and first registration
  std::map<std::string, std::string> fields;
  // The statutory figures in force on the event date (the service sets them from its book).
  StatutoryRules rules;
  // revocation: what the revoked registration changed, and its first entry's seq.
  std::optional<Undo> revokes;
  int64_t revoked_seq = 0;
};

struct Plan {
  std::vector<Event> events;  // in the order to append and apply; seq unset
  std::vector<std::string> households_touched;
  std::vector<std::string> persons_touched;
};

core::Result<Plan> plan(RegisterState& state, const Registration& reg, const Office& office,
                        core::Date today);

// 稱謂 of `member` in a household headed by `head`, from the parent and spouse links:
// 戶長, 配偶, 長子/次女…, 父, 母, 孫, 孫女, 媳, 婿, 兄/弟/姊/妹, else 同居人.
core::Result<std::string> derive_relation(RegisterState& state, const Person& head,
                                          const Person& member);

// The 16 indigenous peoples recognised by the Executive Yuan (原住民族別), as the register
// writes them.
inline constexpr std::array<std::string_view, 16> kIndigenousPeoples = {
    "阿美族",     "泰雅族",   "排灣族",     "布農族",      "卑南族",   "魯凱族",
    "鄒族",       "賽夏族",   "雅美族",     "邵族",        "噶瑪蘭族", "太魯閣族",
    "撒奇萊雅族", "賽德克族", "拉阿魯哇族", "卡那卡那富族"};

// The fields a general correction (更正) may name: the others have their own types (name,
// birth date) or may not be corrected this way (sex: the ID number encodes it).
inline constexpr std::array<std::string_view, 3> kCorrectableFields = {"birth_place", "father_name",
                                                                       "mother_name"};

// 長 for 1, 次 for 2, then 三 … 十; "" beyond.
std::string birth_order_prefix(int order);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_REGISTER_REGISTRATION_H_
