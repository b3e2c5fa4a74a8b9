#ifndef HUJI_STORE_SQL_REGISTER_ROWS_H_
#define HUJI_STORE_SQL_REGISTER_ROWS_H_

// service::RegisterTx over tables persons, households and events (and door_plates for the
// age counts). read_person_record stays service::Transaction's call-by-call default unless a
// backend overrides it.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/events.h"
#include "store/sql/households.h"
#include "store/sql/id_serial_cursors.h"
#include "store/sql/persons.h"

namespace huji::store::sql {

namespace age_counts {
// Current persons of an office ($1) counted by village, sex and age in whole years on the ISO
// date $2.
inline const std::string kOfOffice =
    "SELECT dp.village, p.sex, CAST(substr($2, 1, 4) AS INTEGER) - "
    "CAST(substr(p.birth_date, 1, 4) AS INTEGER) - "
    "CASE WHEN substr($2, 6, 5) < substr(p.birth_date, 6, 5) THEN 1 ELSE 0 END AS age, "
    "COUNT(*) FROM door_plates dp "
    "JOIN households h ON h.door_plate_id = dp.id "
    "JOIN persons p ON p.household_no = h.household_no "
    "WHERE dp.office_code = $1 AND p.status = 'active' "
    "GROUP BY dp.village, p.sex, age ORDER BY dp.village, p.sex, age";

template <typename Statement>
core::Result<service::AgeCount> read(const Statement& st) {
  service::AgeCount a;
  a.village = st.text(0);
  a.sex = core::sex_from_code(st.text(1)).value_or(core::Sex::kMale);
  a.age = static_cast<int>(st.int64(2));
  a.count = st.int64(3);
  return a;
}
}  // namespace age_counts

template <class Core>
class RegisterRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_person(const domain::Person& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kPut));
    return persons::bind(st, p).run();
  }

  core::Result<std::optional<domain::Person>> find_person(const std::string& id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kById));
    st.bind_ref(1, id);
    return first_row<domain::Person>(st, persons::read<Statement>);
  }

  core::Result<std::vector<domain::Person>> persons_named(
      const std::string& name, const std::optional<std::string>& birth_date,
      const std::optional<std::string>& household_no, int limit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kByName));
    st.bind(1, name).bind(2, birth_date).bind(3, household_no).bind(4, limit);
    return collect_rows<domain::Person>(st, persons::read<Statement>);
  }

  core::Result<std::vector<domain::Person>> children_of(const std::string& parent_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kChildrenOf));
    st.bind(1, parent_id);
    return collect_rows<domain::Person>(st, persons::read<Statement>);
  }

  core::Result<std::vector<domain::Person>> household_members(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kMembersOf));
    st.bind(1, no);
    return collect_rows<domain::Person>(st, persons::read<Statement>);
  }

  core::Status put_household(const domain::Household& h) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kPut));
    return households::bind(st, h).run();
  }

  core::Result<std::optional<domain::Household>> find_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kByNo));
    st.bind(1, no);
    return first_row<domain::Household>(st, households::read<Statement>);
  }

  core::Result<std::vector<domain::Household>> households_at_door_plate(
      int64_t door_plate_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kAtDoorPlate));
    st.bind(1, door_plate_id);
    return collect_rows<domain::Household>(st, households::read<Statement>);
  }

  core::Status delete_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kDelete));
    return st.bind(1, no).run();
  }

  core::Result<std::vector<service::AgeCount>> age_counts(const std::string& office_code,
                                                          core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(age_counts::kOfOffice));
    st.bind(1, office_code).bind(2, on.to_iso());
    return collect_rows<service::AgeCount>(st, age_counts::read<Statement>);
  }

  core::Result<int64_t> append_event(const domain::Event& e) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(events::kAppend));
    events::bind(st, e);
    return returned_id(st);
  }

  core::Result<std::vector<domain::Event>> events_of(const std::string& person_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(events::kOfSubject));
    st.bind(1, person_id);
    return collect_rows<domain::Event>(st, events::read<Statement>);
  }

  core::Result<int64_t> max_id_serial(char letter, int first_digit) override {
    const std::string lo = std::string(1, letter) + static_cast<char>('0' + first_digit);
    const std::string hi = std::string(1, letter) + static_cast<char>('0' + first_digit + 1);
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kMaxIdBetween));
    st.bind(1, lo).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return int64_t{-1};
    const std::string id = st.text(0);
    if (id.size() != 10) return corrupt("id number " + id);
    return static_cast<int64_t>(std::stoll(id.substr(2, 7)));
  }

  core::Result<std::optional<int64_t>> id_serial_cursor(const std::string& prefix) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_serial_cursors::kFind));
    st.bind(1, prefix);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? std::optional<int64_t>(st.int64(0)) : std::nullopt;
  }

  core::Status set_id_serial_cursor(const std::string& prefix, int64_t next_serial) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_serial_cursors::kSet));
    return st.bind(1, prefix).bind(2, next_serial).run();
  }

  core::Result<std::string> max_household_no(const std::string& prefix) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kMaxNoBetween));
    std::string hi = prefix;
    if (!hi.empty()) ++hi.back();
    st.bind(1, prefix).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return std::string();
    return st.text(0);
  }

  // The scans read in one statement; a backend that pages them overrides these.
  core::Status scan_events(const std::function<bool(const domain::Event&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(events::kScan));
    return visit_rows<domain::Event>(st, events::read<Statement>, visit);
  }

  core::Status scan_persons(const std::function<bool(const domain::Person&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(persons::kScan));
    return visit_rows<domain::Person>(st, persons::read<Statement>, visit);
  }

  core::Status scan_households(
      const std::function<bool(const domain::Household&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(households::kScan));
    return visit_rows<domain::Household>(st, households::read<Statement>, visit);
  }

  core::Status clear_projections() override {
    HUJI_ASSIGN_OR_RETURN(auto persons, this->prep("DELETE FROM persons"));
    HUJI_TRY(persons.run());
    HUJI_ASSIGN_OR_RETURN(auto households, this->prep("DELETE FROM households"));
    return households.run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_REGISTER_ROWS_H_
