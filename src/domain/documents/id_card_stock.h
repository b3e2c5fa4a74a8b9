#ifndef HUJI_DOMAIN_DOCUMENTS_ID_CARD_STOCK_H_
#define HUJI_DOMAIN_DOCUMENTS_ID_CARD_STOCK_H_

// 空白國民身分證及膠膜: the office's stock of blank cards and laminates, counted by serial.
// The city hands the office serial ranges; each serial is on hand (待發) until it leaves the
// stock once and for all: issued (核發, on a card), spoiled (印製失敗, at the counter), voided
// (作廢 for another reason) or defective (瑕疵, returned to the city). Hence, for every item and
// at every moment,
//
//   received = issued + spoiled + voided + defective + on hand
//
// and for every period, opening on hand + received = what left + closing on hand. The monthly
// count (月報, §42 of the Ministry's rules for issuing ID cards) reports these per item and is
// due by the 5th of the next month.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace huji::domain {

enum class StockItem {
  kCard,      // 空白國民身分證
  kLaminate,  // 膠膜
};
const char* stock_item_code(StockItem i);  // card | laminate
const char* stock_item_zh(StockItem i);    // 空白國民身分證 | 膠膜
std::optional<StockItem> stock_item_from_code(std::string_view code);

enum class StockStatus { kOnHand, kIssued, kSpoiled, kVoided, kDefective };
const char* stock_status_code(StockStatus s);  // on_hand | issued | spoiled | voided | defective
const char* stock_status_zh(StockStatus s);    // 待發 | 核發 | 印製失敗 | 作廢 | 瑕疵
std::optional<StockStatus> stock_status_from_code(std::string_view code);

// At most this many serials are received in one range.
inline constexpr int kMaxSerialRange = 5000;

// A serial: 0–4 capital letters, then 4–12 digits ("AB00012345").
bool valid_serial(std::string_view serial);
// The serials first … last: the same letters and digit count, last not before first, at most
// kMaxSerialRange (id_card_stock.range otherwise).
core::Result<std::vector<std::string>> expand_serial_range(std::string_view first,
                                                           std::string_view last);

// One serial as the stock holds it: received on `received_on`; `moved_on` is the day it left
// the stock (status other than on hand).
struct StockSerial {
  StockItem item = StockItem::kCard;
  std::string serial;
  StockStatus status = StockStatus::kOnHand;
  core::Date received_on;
  std::optional<core::Date> moved_on;
};

// One item's figures over [first, last].
struct StockFigures {
  int opening = 0;  // on hand at the end of the day before `first`
  int received = 0;
  int issued = 0;
  int spoiled = 0;
  int voided = 0;
  int defective = 0;
  int on_hand = 0;  // at the end of `last`

  // opening + received = issued + spoiled + voided + defective + on_hand
  bool balances() const {
    return opening + received == issued + spoiled + voided + defective + on_hand;
  }
};
StockFigures stock_figures(const std::vector<StockSerial>& serials, StockItem item,
                           core::Date first, core::Date last);

// A physical count against the serials the system has on hand: by serial (which are missing,
// which counted ones are not on hand) or, when the clerk counted only a number, how many.
struct CountResult {
  int expected = 0;  // on hand in the system
  int counted = 0;
  std::vector<std::string> missing;     // on hand in the system, not counted
  std::vector<std::string> unexpected;  // counted, not on hand in the system
  bool by_serial = false;
  bool reconciled() const { return expected == counted && missing.empty() && unexpected.empty(); }
};
CountResult reconcile_count(std::vector<std::string> on_hand,
                            const std::optional<std::vector<std::string>>& counted_serials,
                            int counted_number);

// The day the month ending on `month_last` must be reported by: the 5th of the next month,
// or the next working day when that is not one (行政程序法 §48, as core::WorkingCalendar's
// deadline computes it).
core::Result<core::Date> monthly_count_due(const core::WorkingCalendar& calendar,
                                           core::Date month_last);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_ID_CARD_STOCK_H_
