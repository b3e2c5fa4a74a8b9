#ifndef HUJI_STORE_SQL_ID_CARD_ROWS_H_
#define HUJI_STORE_SQL_ID_CARD_ROWS_H_

// service::IdCardTx over tables id_cards, id_card_photos, id_card_losses, id_card_stock and
// id_card_stock_counts; service::BookletTx over household_booklets.

#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/household_booklets.h"
#include "store/sql/id_card_stock.h"
#include "store/sql/id_cards.h"

namespace huji::store::sql {

template <class Core>
class IdCardRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_id_card_photo(const service::IdCardPhoto& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_photos::kInsert));
    st.bind(1, p.office_code)
        .bind(2, p.person_id)
        .bind(3, p.mime)
        .bind(4, p.sha256)
        .bind(5, p.size)
        .bind_blob(6, p.content)
        .bind(7, p.uploaded_by)
        .bind(8, p.uploaded_ms);
    return returned_id(st);
  }

  core::Result<std::optional<service::IdCardPhoto>> find_id_card_photo(int64_t id,
                                                                       bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(with_content ? id_card_photos::kFindWithContent
                                                           : id_card_photos::kFind));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::IdCardPhoto>();
    return std::optional<service::IdCardPhoto>(id_card_photos::read(st, with_content));
  }

  core::Result<int64_t> insert_id_card(const service::IdCardRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_cards::kInsert));
    id_cards::bind(st, c);
    return returned_id(st);
  }

  core::Result<std::optional<service::IdCardRecord>> find_id_card(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_cards::kFind));
    st.bind(1, id);
    return first_row<service::IdCardRecord>(st, id_cards::read<Statement>);
  }

  core::Result<bool> update_id_card(const service::IdCardRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_cards::kUpdate));
    st.bind(1, c.id)
        .bind(2, c.status)
        .bind(3, opt_date_text(c.lost_on))
        .bind(4, c.superseded_by)
        .bind(5, c.cancel_reason)
        .bind(6, c.cancel_attributable)
        .bind(7, c.cancelled_by)
        .bind(8, c.cancelled_ms)
        .bind(9, c.version);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::IdCardRecord>> id_cards_of(
      const std::string& person_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_cards::kOfPerson));
    st.bind(1, person_id);
    return collect_rows<service::IdCardRecord>(st, id_cards::read<Statement>);
  }

  core::Result<std::vector<service::IdCardRecord>> id_cards_issued(const std::string& office,
                                                                   core::Date from,
                                                                   core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_cards::kIssued));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<service::IdCardRecord>(st, id_cards::read<Statement>);
  }

  core::Result<int64_t> insert_id_card_loss(const service::IdCardLoss& l) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_losses::kInsert));
    id_card_losses::bind(st, l);
    return returned_id(st);
  }

  core::Result<std::vector<service::IdCardLoss>> id_card_losses_of(int64_t card_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_losses::kOfCard));
    st.bind(1, card_id);
    return collect_rows<service::IdCardLoss>(st, id_card_losses::read<Statement>);
  }

  core::Result<std::vector<service::IdCardLoss>> id_card_losses_recorded(const std::string& office,
                                                                         core::Date from,
                                                                         core::Date to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_losses::kRecorded));
    st.bind(1, office).bind(2, from.to_iso()).bind(3, to.to_iso());
    return collect_rows<service::IdCardLoss>(st, id_card_losses::read<Statement>);
  }

  core::Status insert_stock_serials(
      const std::vector<service::StockSerialRecord>& serials) override {
    for (const auto& s : serials) {
      HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock::kInsert));
      HUJI_TRY(id_card_stock::bind(st, s).run());
    }
    return {};
  }

  core::Result<std::optional<service::StockSerialRecord>> find_stock_serial(
      domain::StockItem item, const std::string& serial) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock::kFind));
    st.bind(1, domain::stock_item_code(item)).bind(2, serial);
    return first_row<service::StockSerialRecord>(st, id_card_stock::read<Statement>);
  }

  core::Result<bool> move_stock_serial(const service::StockSerialRecord& to) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock::kMove));
    st.bind(1, to.office_code)
        .bind(2, domain::stock_item_code(to.item))
        .bind(3, to.serial)
        .bind(4, domain::stock_status_code(to.status))
        .bind(5, opt_date_text(to.moved_on))
        .bind(6, to.moved_by)
        .bind(7, to.reason)
        .bind(8, to.card_id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  core::Result<std::vector<service::StockSerialRecord>> stock_serials(
      const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock::kOfOffice));
    st.bind(1, office);
    return collect_rows<service::StockSerialRecord>(st, id_card_stock::read<Statement>);
  }

  core::Result<int64_t> insert_stock_count(const service::StockCountRecord& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock_counts::kInsert));
    id_card_stock_counts::bind(st, c);
    return returned_id(st);
  }

  core::Result<std::vector<service::StockCountRecord>> stock_counts(
      const std::string& office, const std::string& month) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(id_card_stock_counts::kOfMonth));
    st.bind(1, office).bind(2, month);
    return collect_rows<service::StockCountRecord>(st, id_card_stock_counts::read<Statement>);
  }

  core::Result<int64_t> insert_booklet(const service::BookletRecord& b) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(household_booklets::kInsert));
    household_booklets::bind(st, b);
    return returned_id(st);
  }

  core::Result<std::vector<service::BookletRecord>> booklets_of(
      const std::string& household_no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(household_booklets::kOfHousehold));
    st.bind(1, household_no);
    return collect_rows<service::BookletRecord>(st, household_booklets::read<Statement>);
  }

  core::Status supersede_booklet(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(household_booklets::kSupersede));
    return st.bind(1, id).run();
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_ID_CARD_ROWS_H_
