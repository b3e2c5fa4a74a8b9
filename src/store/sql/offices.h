#ifndef HUJI_STORE_SQL_OFFICES_H_
#define HUJI_STORE_SQL_OFFICES_H_

// Tables offices, villages and door_plates, and service::OfficeTx over them.

#include <optional>
#include <string>
#include <vector>

#include "domain/register/model.h"
#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"

namespace huji::store::sql {

namespace offices {
inline const std::string kPut =
    "INSERT INTO offices (code, name, county, district, address) VALUES ($1,$2,$3,$4,$5) "
    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, county = excluded.county, "
    "district = excluded.district, address = excluded.address";
inline const std::string kFind =
    "SELECT code, name, county, district, address FROM offices WHERE code = $1";

template <typename Statement>
core::Result<domain::Office> read(const Statement& st) {
  return domain::Office{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}
}  // namespace offices

namespace villages {
inline const std::string kPut =
    "INSERT INTO villages (office_code, name, neighborhoods) VALUES ($1,$2,$3) "
    "ON CONFLICT (office_code, name) DO UPDATE SET neighborhoods = excluded.neighborhoods";
inline const std::string kOfOffice =
    "SELECT office_code, name, neighborhoods FROM villages WHERE office_code = $1 "
    "ORDER BY name";

template <typename Statement>
core::Result<domain::Village> read(const Statement& st) {
  return domain::Village{st.text(0), st.text(1), static_cast<int>(st.int64(2))};
}
}  // namespace villages

namespace door_plates {
inline constexpr const char* kColumns =
    "id, office_code, county, district, village, neighborhood, road, section, lane, alley, "
    "number, floor, abolished";
inline const std::string kPut =
    "INSERT INTO door_plates (id, office_code, county, district, village, neighborhood, "
    "road, section, lane, alley, number, floor, full_text, abolished) "
    "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) "
    "ON CONFLICT (id) DO UPDATE SET abolished = excluded.abolished";
inline const std::string kById = join({"SELECT ", kColumns, " FROM door_plates WHERE id = $1"});
inline const std::string kByAddress = join(
    {"SELECT ", kColumns, " FROM door_plates WHERE full_text = $1 ORDER BY abolished, id LIMIT 1"});
// The plate of a household (a person's full record, in one round trip with the rest).
inline const std::string kOfHousehold =
    join({"SELECT ", kColumns, " FROM door_plates WHERE id = "
          "(SELECT door_plate_id FROM households WHERE household_no = $1)"});

// Reads kColumns.
template <typename Statement>
core::Result<domain::DoorPlate> read(const Statement& st) {
  domain::DoorPlate p;
  p.id = st.int64(0);
  p.office_code = st.text(1);
  p.address.county = st.text(2);
  p.address.district = st.text(3);
  p.address.village = st.text(4);
  p.address.neighborhood = st.text(5);
  p.address.road = st.text(6);
  p.address.section = st.text(7);
  p.address.lane = st.text(8);
  p.address.alley = st.text(9);
  p.address.number = st.text(10);
  p.address.floor = st.text(11);
  p.abolished = st.boolean(12);
  return p;
}

// Binds kPut's parameters.
template <typename Statement>
Statement& bind(Statement& st, const domain::DoorPlate& p) {
  const core::Address& a = p.address;
  return st.bind(1, p.id).bind(2, p.office_code).bind(3, a.county).bind(4, a.district)
      .bind(5, a.village).bind(6, a.neighborhood).bind(7, a.road).bind(8, a.section)
      .bind(9, a.lane).bind(10, a.alley).bind(11, a.number).bind(12, a.floor)
      .bind(13, a.format()).bind(14, p.abolished);
}
}  // namespace door_plates

template <class Core>
class OfficeRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_office(const domain::Office& o) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(offices::kPut));
    return st.bind(1, o.code).bind(2, o.name).bind(3, o.county).bind(4, o.district)
        .bind(5, o.address).run();
  }

  core::Result<std::optional<domain::Office>> find_office(const std::string& code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(offices::kFind));
    st.bind(1, code);
    return first_row<domain::Office>(st, offices::read<Statement>);
  }

  core::Status put_village(const domain::Village& v) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(villages::kPut));
    return st.bind(1, v.office_code).bind(2, v.name).bind(3, v.neighborhoods).run();
  }

  core::Result<std::vector<domain::Village>> list_villages(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(villages::kOfOffice));
    st.bind(1, office);
    return collect_rows<domain::Village>(st, villages::read<Statement>);
  }

  core::Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(door_plates::kPut));
    return door_plates::bind(st, p).run();
  }

  core::Result<std::optional<domain::DoorPlate>> find_door_plate(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(door_plates::kById));
    st.bind(1, id);
    return first_row<domain::DoorPlate>(st, door_plates::read<Statement>);
  }

  core::Result<std::optional<domain::DoorPlate>> find_door_plate_by_address(
      const std::string& full_text) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(door_plates::kByAddress));
    st.bind(1, full_text);
    return first_row<domain::DoorPlate>(st, door_plates::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_OFFICES_H_
