#ifndef HUJI_STORE_SQL_OFFICE_ROWS_H_
#define HUJI_STORE_SQL_OFFICE_ROWS_H_

// service::OfficeTx over tables offices, villages and door_plates.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/door_plates.h"
#include "store/sql/offices.h"
#include "store/sql/villages.h"

namespace huji::store::sql {

template <class Core>
class OfficeRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_office(const domain::Office& o) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(offices::kPut));
    return st.bind(1, o.code)
        .bind(2, o.name)
        .bind(3, o.county)
        .bind(4, o.district)
        .bind(5, o.address)
        .run();
  }

  core::Result<std::optional<domain::Office>> find_office(const std::string& code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(offices::kFind));
    st.bind(1, code);
    return first_row<domain::Office>(st, offices::read<Statement>);
  }

  core::Result<std::vector<domain::Office>> list_offices() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(offices::kAll));
    return collect_rows<domain::Office>(st, offices::read<Statement>);
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

#endif  // HUJI_STORE_SQL_OFFICE_ROWS_H_
