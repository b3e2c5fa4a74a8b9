#include "service/id_card_stock_service.h"

#include <algorithm>

#include "domain/register/care_list.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/text_limits.h"

namespace huji::service {

using core::Error;
using core::Result;
using domain::StockItem;
using domain::StockStatus;

namespace {

constexpr StockItem kItems[] = {StockItem::kCard, StockItem::kLaminate};
// Serials a clerk may list in one physical count.
constexpr size_t kMaxCountedSerials = 20000;

Result<StockItem> parse_item(const std::string& code) {
  auto item = domain::stock_item_from_code(code);
  if (!item) {
    return Error::invalid("id_card_stock.item",
                          "品項須為 card（空白國民身分證）或 laminate（膠膜）",
                          "item must be card or laminate");
  }
  return *item;
}

Result<domain::Month> parse_month(const std::string& text) {
  auto m = domain::parse_month(text);
  if (!m.ok()) {
    return Error::invalid("id_card_stock.month", "月份須為 YYYY-MM（例如 2026-11）",
                          "month must be YYYY-MM (e.g. 2026-11)");
  }
  return *m;
}

core::Status check_role(const Actor& actor, const char* what) {
  if (!domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden(what);
  }
  return {};
}

// Whether `b` follows `a` directly (same letters and width, number one more).
bool follows(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  size_t letters = 0;
  while (letters < a.size() && (a[letters] < '0' || a[letters] > '9')) ++letters;
  if (a.compare(0, letters, b, 0, letters) != 0) return false;
  return std::stoull(b.substr(letters)) == std::stoull(a.substr(letters)) + 1;
}

std::vector<StockSerialRecord> of_item(const std::vector<StockSerialRecord>& all, StockItem item) {
  std::vector<StockSerialRecord> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const StockSerialRecord& s) { return s.item == item; });
  return out;
}

}  // namespace

Result<int> IdCardStockService::receive(const Actor& actor, const RequestContext& ctx,
                                        const std::string& item_code, const std::string& first,
                                        const std::string& last, const std::string& received_on,
                                        const std::string& key) {
  HUJI_TRY(check_role(actor, "id_card_stock.receive"));
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_ASSIGN_OR_RETURN(StockItem item, parse_item(item_code));
  HUJI_ASSIGN_OR_RETURN(auto serials, domain::expand_serial_range(first, last));
  const core::Date today = clock_.today_taipei();
  core::Date on = today;
  if (!received_on.empty()) {
    auto d = core::Date::parse_iso(received_on);
    if (!d.ok() || *d > today || *d < today.add_days(-31)) {
      return Error::invalid("id_card_stock.received_on",
                            "領入日期須為 YYYY-MM-DD，不得晚於今日或早於 31 日前",
                            "received_on must be YYYY-MM-DD, not after today nor over 31 days ago");
    }
    on = *d;
  }
  const std::string print = sha256_of_fields({item_code, first, last, on.to_iso()});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "id_card_stock.receive" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    return static_cast<int>(serials.size());
  }
  std::vector<StockSerialRecord> rows;
  rows.reserve(serials.size());
  for (auto& serial : serials) {
    StockSerialRecord s;
    s.office_code = actor.office_code;
    s.item = item;
    s.serial = std::move(serial);
    s.received_on = on;
    s.received_by = actor.username;
    rows.push_back(std::move(s));
  }
  if (auto st = tx->insert_stock_serials(rows); !st.ok()) {
    if (st.error().kind != core::ErrorKind::kConflict) return st.error();
    return Error::conflict("id_card_stock.duplicate", "此序號區間有已領入的序號，不得重複領入",
                           "a serial of this range was received before");
  }
  const int64_t now = clock_.now_ms();
  HUJI_TRY(tx->put_idempotency({actor.username, key, "id_card_stock.receive", print, 0, now}));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card_stock.receive", "",
                         std::string("領入") + domain::stock_item_zh(item) + " " + first + "–" +
                             last + "（" + std::to_string(rows.size()) + "）"}));
  HUJI_TRY(tx->commit());
  return static_cast<int>(rows.size());
}

Result<StockSerialRecord> IdCardStockService::remove(const Actor& actor, const RequestContext& ctx,
                                                     const std::string& item_code,
                                                     const std::string& serial,
                                                     const std::string& status_code,
                                                     const std::string& reason) {
  HUJI_TRY(check_role(actor, "id_card_stock.remove"));
  HUJI_ASSIGN_OR_RETURN(StockItem item, parse_item(item_code));
  auto status = domain::stock_status_from_code(status_code);
  if (!status || *status == StockStatus::kOnHand || *status == StockStatus::kIssued) {
    return Error::invalid("id_card_stock.status",
                          "狀態須為 spoiled（印製失敗）、voided（作廢）或 defective（瑕疵）",
                          "status must be spoiled, voided or defective");
  }
  HUJI_TRY(check_text(reason, "id_card_stock.reason", "請敘明原因", "a reason is required"));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto found, tx->find_stock_serial(item, serial));
  if (!found || found->office_code != actor.office_code) {
    return Error::not_found("id_card_stock.unknown", "本所庫存查無此序號",
                            "no such serial in this office's stock");
  }
  StockSerialRecord to = *found;
  to.status = *status;
  to.moved_on = clock_.today_taipei();
  to.moved_by = actor.username;
  to.reason = reason;
  HUJI_ASSIGN_OR_RETURN(bool moved, tx->move_stock_serial(to));
  if (!moved) {
    return Error::conflict(
        "id_card_stock.used",
        "序號 " + serial + " 已" + domain::stock_status_zh(found->status) + "，不得再用",
        "serial " + serial + " is already " + domain::stock_status_code(found->status));
  }
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card_stock.remove", "",
                         std::string(domain::stock_item_zh(item)) + " " + serial + " " +
                             domain::stock_status_zh(*status) + "：" + reason}));
  HUJI_TRY(tx->commit());
  return to;
}

Result<StockSummary> IdCardStockService::summary(const Actor& actor) {
  HUJI_TRY(check_role(actor, "id_card_stock.read"));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto all, tx->stock_serials(actor.office_code));
  StockSummary out;
  out.office_code = actor.office_code;
  for (StockItem item : kItems) {
    StockItemSummary s;
    s.item = item;
    for (const auto& r : of_item(all, item)) {
      s.received += 1;
      switch (r.status) {
        case StockStatus::kOnHand:
          s.on_hand += 1;
          if (!s.on_hand_runs.empty() && follows(s.on_hand_runs.back().last, r.serial)) {
            s.on_hand_runs.back().last = r.serial;
            s.on_hand_runs.back().count += 1;
          } else {
            s.on_hand_runs.push_back({r.serial, r.serial, 1});
          }
          break;
        case StockStatus::kIssued: s.issued += 1; break;
        case StockStatus::kSpoiled: s.spoiled += 1; break;
        case StockStatus::kVoided: s.voided += 1; break;
        case StockStatus::kDefective: s.defective += 1; break;
      }
    }
    out.items.push_back(std::move(s));
  }
  return out;
}

Result<MonthlyStockCount> IdCardStockService::monthly(const Actor& actor, const RequestContext& ctx,
                                                      const std::string& month_text) {
  HUJI_TRY(check_role(actor, "id_card_stock.monthly"));
  HUJI_ASSIGN_OR_RETURN(domain::Month month, parse_month(month_text));
  MonthlyStockCount out;
  out.month = month.text;
  out.office_code = actor.office_code;
  auto due = domain::monthly_count_due(*calendar_.get(), month.last);
  out.due_on_calendar = due.ok();
  out.due_on = due.ok() ? *due : month.last.add_days(5);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto all, tx->stock_serials(actor.office_code));
  HUJI_ASSIGN_OR_RETURN(auto counts, tx->stock_counts(actor.office_code, month.text));
  std::vector<domain::StockSerial> serials;
  serials.reserve(all.size());
  for (const auto& r : all) {
    serials.push_back({r.item, r.serial, r.status, r.received_on, r.moved_on});
  }
  out.reconciled = true;
  for (StockItem item : kItems) {
    MonthlyStockItem m;
    m.item = item;
    m.figures = domain::stock_figures(serials, item, month.first, month.last);
    for (const auto& c : counts) {
      if (c.item == item) m.count = c;  // oldest first: the newest wins
    }
    out.reconciled = out.reconciled && m.count && m.count->reconciled;
    out.items.push_back(std::move(m));
  }
  HUJI_ASSIGN_OR_RETURN(auto losses,
                        tx->id_card_losses_recorded(actor.office_code, month.first, month.last));
  out.lost = static_cast<int>(std::count_if(
      losses.begin(), losses.end(), [](const IdCardLoss& l) { return l.action == "reported"; }));
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx,
                        {"id_card_stock.monthly", "", "國民身分證及膠膜月報 " + month.text}));
  HUJI_TRY(tx->commit());
  return out;
}

Result<StockCountRecord> IdCardStockService::enter_count(const Actor& actor,
                                                         const RequestContext& ctx,
                                                         const CountInput& in,
                                                         const std::string& key) {
  HUJI_TRY(check_role(actor, "id_card_stock.count"));
  HUJI_TRY(errors::check_idempotency_key(key));
  HUJI_ASSIGN_OR_RETURN(domain::Month month, parse_month(in.month));
  HUJI_ASSIGN_OR_RETURN(StockItem item, parse_item(in.item));
  if (in.serials.has_value() == (in.count >= 0)) {
    return Error::invalid("id_card_stock.count",
                          "請填寫點存的序號清單（serials）或數量（count），擇一",
                          "give either the serials counted or the count, not both");
  }
  if (in.serials) {
    if (in.serials->size() > kMaxCountedSerials) {
      return Error::invalid("id_card_stock.count", "序號清單過長", "too many serials");
    }
    for (const auto& s : *in.serials) {
      if (!domain::valid_serial(s)) {
        return Error::invalid("id_card_stock.serial", "點存序號格式不符：" + s,
                              "malformed serial counted: " + s);
      }
    }
  }
  std::string joined;
  if (in.serials) {
    for (const auto& s : *in.serials) joined += s + ",";
  }
  const std::string print = sha256_of_fields({month.text, in.item, in.serials ? "serials" : "count",
                                              std::to_string(in.count), sha256_hex(joined)});
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(auto prior, tx->find_idempotency(actor.username, key));
  if (prior) {
    if (prior->operation != "id_card_stock.count" || prior->fingerprint != print) {
      return errors::idempotency_key_reused();
    }
    HUJI_ASSIGN_OR_RETURN(auto filed, tx->stock_counts(actor.office_code, month.text));
    for (auto& c : filed) {
      if (c.id == prior->resource_id) return std::move(c);
    }
    return errors::idempotency_key_reused();
  }
  HUJI_ASSIGN_OR_RETURN(auto all, tx->stock_serials(actor.office_code));
  std::vector<std::string> on_hand;
  for (auto& s : all) {
    if (s.item == item && s.status == StockStatus::kOnHand) on_hand.push_back(std::move(s.serial));
  }
  const auto r = domain::reconcile_count(std::move(on_hand), in.serials, in.count);
  StockCountRecord c;
  c.office_code = actor.office_code;
  c.month = month.text;
  c.item = item;
  c.expected = r.expected;
  c.counted = r.counted;
  c.by_serial = r.by_serial;
  c.missing = r.missing;
  c.unexpected = r.unexpected;
  c.reconciled = r.reconciled();
  c.counted_by = actor.username;
  c.counted_ms = clock_.now_ms();
  HUJI_ASSIGN_OR_RETURN(c.id, tx->insert_stock_count(c));
  HUJI_TRY(
      tx->put_idempotency({actor.username, key, "id_card_stock.count", print, c.id, c.counted_ms}));
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"id_card_stock.count", "",
       std::string("點存") + domain::stock_item_zh(item) + " " + month.text + "：帳面 " +
           std::to_string(c.expected) + "，實點 " + std::to_string(c.counted),
       c.reconciled ? "ok" : "mismatch"}));
  HUJI_TRY(tx->commit());
  return c;
}

}  // namespace huji::service
