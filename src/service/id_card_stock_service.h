#ifndef HUJI_SERVICE_ID_CARD_STOCK_SERVICE_H_
#define HUJI_SERVICE_ID_CARD_STOCK_SERVICE_H_

// The office's stock of blank ID cards and laminates (domain/documents/id_card_stock.h):
// serial ranges received from the city, serials spoiled, voided or returned as defective at
// the counter (issues consume theirs through IdCardService), the stock as it stands, the
// monthly count (月報) generated from the serials and due by the 5th of the next month, and
// the physical counts clerks enter against it, each reconciled serial by serial.
//
// Clerks and supervisors, each of their own office's stock. Every change is audited.

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/clock.h"
#include "domain/documents/id_card_stock.h"
#include "service/actor.h"
#include "service/store.h"

namespace huji::service {

// A run of consecutive serials (for reading aloud at a count): "AB0000101" … "AB0000150".
struct SerialRun {
  std::string first, last;
  int count = 0;
};

struct StockItemSummary {
  domain::StockItem item = domain::StockItem::kCard;
  int received = 0, issued = 0, spoiled = 0, voided = 0, defective = 0, on_hand = 0;
  std::vector<SerialRun> on_hand_runs;
  // received = issued + spoiled + voided + defective + on hand
  bool balances() const { return received == issued + spoiled + voided + defective + on_hand; }
};

struct StockSummary {
  std::string office_code;
  std::vector<StockItemSummary> items;  // card, laminate
};

struct MonthlyStockItem {
  domain::StockItem item = domain::StockItem::kCard;
  domain::StockFigures figures;
  std::optional<StockCountRecord> count;  // the newest physical count filed for the month
};

// 國民身分證及膠膜月報 of one month.
struct MonthlyStockCount {
  std::string month;
  std::string office_code;
  core::Date due_on;
  bool due_on_calendar = true;  // false: the calendar lacks the year; the 5th, not rolled
  std::vector<MonthlyStockItem> items;
  int lost = 0;             // 遺失: cards reported lost (掛失) at the office in the month
  bool reconciled = false;  // every item has a count filed that reconciles
};

struct CountInput {
  std::string month;
  std::string item;
  std::optional<std::vector<std::string>> serials;  // counted by serial
  int count = -1;                                   // or only how many
};

class IdCardStockService {
 public:
  IdCardStockService(Store& store, const core::Clock& clock, const core::SharedCalendar& calendar)
      : store_(store), clock_(clock), calendar_(calendar) {}

  // Receives first … last of `item` on `received_on` (today when empty). Returns how many.
  core::Result<int> receive(const Actor& actor, const RequestContext& ctx, const std::string& item,
                            const std::string& first, const std::string& last,
                            const std::string& received_on, const std::string& idem_key);
  // Spoils, voids or returns as defective one serial on hand.
  core::Result<StockSerialRecord> remove(const Actor& actor, const RequestContext& ctx,
                                         const std::string& item, const std::string& serial,
                                         const std::string& status, const std::string& reason);
  core::Result<StockSummary> summary(const Actor& actor);
  core::Result<MonthlyStockCount> monthly(const Actor& actor, const RequestContext& ctx,
                                          const std::string& month);
  // A physical count, reconciled against the serials on hand now; kept with its differences.
  core::Result<StockCountRecord> enter_count(const Actor& actor, const RequestContext& ctx,
                                             const CountInput& in, const std::string& idem_key);

 private:
  Store& store_;
  const core::Clock& clock_;
  const core::SharedCalendar& calendar_;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_ID_CARD_STOCK_SERVICE_H_
