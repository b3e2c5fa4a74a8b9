#ifndef HUJI_STORE_SQL_DOOR_PLATES_H_
#define HUJI_STORE_SQL_DOOR_PLATES_H_

// Table door_plates: the door plates (門牌) households are registered at.

#include <string>

#include "domain/register/model.h"
#include "store/sql/common.h"

namespace huji::store::sql::door_plates {

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
// The plates at one address (index door_plates_address): district $1, road $2, number $3,
// county $4, section $5, lane $6, alley $7 exactly; floor $8 and village $9 when not ''.
// In use first, then by floor; at most $10.
inline const std::string kAtAddress =
    join({"SELECT ", kColumns,
          " FROM door_plates WHERE district = $1 AND road = $2 AND number = $3 AND county = $4 "
          "AND section = $5 AND lane = $6 AND alley = $7 AND (CAST($8 AS TEXT) = '' OR floor = "
          "$8) AND (CAST($9 AS TEXT) = '' OR village = $9) ORDER BY abolished, floor, id "
          "LIMIT $10"});
// The plate of a household (a person's full record, in one round trip with the rest).
inline const std::string kOfHousehold =
    join({"SELECT ", kColumns,
          " FROM door_plates WHERE id = "
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
  return st.bind(1, p.id)
      .bind(2, p.office_code)
      .bind(3, a.county)
      .bind(4, a.district)
      .bind(5, a.village)
      .bind(6, a.neighborhood)
      .bind(7, a.road)
      .bind(8, a.section)
      .bind(9, a.lane)
      .bind(10, a.alley)
      .bind(11, a.number)
      .bind(12, a.floor)
      .bind(13, a.format())
      .bind(14, p.abolished);
}

}  // namespace huji::store::sql::door_plates

#endif  // HUJI_STORE_SQL_DOOR_PLATES_H_
