#include "domain/documents/id_card_stock.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <set>

namespace huji::domain {

using core::Error;

namespace {

constexpr StockItem kItems[] = {StockItem::kCard, StockItem::kLaminate};
constexpr StockStatus kStatuses[] = {StockStatus::kOnHand, StockStatus::kIssued,
                                     StockStatus::kSpoiled, StockStatus::kVoided,
                                     StockStatus::kDefective};

size_t letters_of(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] >= 'A' && s[n] <= 'Z') ++n;
  return n;
}

Error bad_range(const std::string& zh, const std::string& en) {
  return Error::invalid("id_card_stock.range", zh, en);
}

}  // namespace

const char* stock_item_code(StockItem i) { return i == StockItem::kCard ? "card" : "laminate"; }
const char* stock_item_zh(StockItem i) { return i == StockItem::kCard ? "空白國民身分證" : "膠膜"; }
std::optional<StockItem> stock_item_from_code(std::string_view code) {
  for (auto i : kItems) {
    if (code == stock_item_code(i)) return i;
  }
  return std::nullopt;
}

const char* stock_status_code(StockStatus s) {
  switch (s) {
    case StockStatus::kOnHand: return "on_hand";
    case StockStatus::kIssued: return "issued";
    case StockStatus::kSpoiled: return "spoiled";
    case StockStatus::kVoided: return "voided";
    case StockStatus::kDefective: return "defective";
  }
  return "on_hand";
}

const char* stock_status_zh(StockStatus s) {
  switch (s) {
    case StockStatus::kOnHand: return "待發";
    case StockStatus::kIssued: return "核發";
    case StockStatus::kSpoiled: return "印製失敗";
    case StockStatus::kVoided: return "作廢";
    case StockStatus::kDefective: return "瑕疵";
  }
  return "待發";
}

std::optional<StockStatus> stock_status_from_code(std::string_view code) {
  for (auto s : kStatuses) {
    if (code == stock_status_code(s)) return s;
  }
  return std::nullopt;
}

bool valid_serial(std::string_view serial) {
  const size_t letters = letters_of(serial);
  const size_t digits = serial.size() - letters;
  if (letters > 4 || digits < 4 || digits > 12) return false;
  return std::all_of(serial.begin() + static_cast<std::ptrdiff_t>(letters), serial.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

core::Result<std::vector<std::string>> expand_serial_range(std::string_view first,
                                                           std::string_view last) {
  if (!valid_serial(first) || !valid_serial(last)) {
    return bad_range("序號須為 0 至 4 個大寫英文字母加 4 至 12 位數字",
                     "a serial is 0 to 4 capital letters then 4 to 12 digits");
  }
  const size_t letters = letters_of(first);
  if (first.size() != last.size() || first.substr(0, letters) != last.substr(0, letters) ||
      letters_of(last) != letters) {
    return bad_range("起訖序號的字軌與位數須相同",
                     "first and last need the same letters and digits");
  }
  uint64_t from = 0;
  uint64_t to = 0;
  std::from_chars(first.data() + letters, first.data() + first.size(), from);
  std::from_chars(last.data() + letters, last.data() + last.size(), to);
  if (to < from || to - from >= static_cast<uint64_t>(kMaxSerialRange)) {
    return bad_range("迄號不得小於起號，一次至多 " + std::to_string(kMaxSerialRange) + " 號",
                     "last may not be before first; at most " + std::to_string(kMaxSerialRange) +
                         " serials at once");
  }
  const std::string prefix(first.substr(0, letters));
  const size_t width = first.size() - letters;
  std::vector<std::string> out;
  out.reserve(to - from + 1);
  for (uint64_t n = from; n <= to; ++n) {
    const std::string digits = std::to_string(n);
    std::string serial = prefix;
    serial.append(width - digits.size(), '0').append(digits);
    out.push_back(std::move(serial));
  }
  return out;
}

StockFigures stock_figures(const std::vector<StockSerial>& serials, StockItem item,
                           core::Date first, core::Date last) {
  StockFigures f;
  auto on_hand_at = [](const StockSerial& s, core::Date end) {
    return s.received_on <= end &&
           (s.status == StockStatus::kOnHand || !s.moved_on || *s.moved_on > end);
  };
  const core::Date before = first.add_days(-1);
  for (const auto& s : serials) {
    if (s.item != item) continue;
    if (on_hand_at(s, before)) ++f.opening;
    if (on_hand_at(s, last)) ++f.on_hand;
    if (s.received_on >= first && s.received_on <= last) ++f.received;
    if (s.status == StockStatus::kOnHand || !s.moved_on || *s.moved_on < first ||
        *s.moved_on > last) {
      continue;
    }
    switch (s.status) {
      case StockStatus::kIssued: ++f.issued; break;
      case StockStatus::kSpoiled: ++f.spoiled; break;
      case StockStatus::kVoided: ++f.voided; break;
      case StockStatus::kDefective: ++f.defective; break;
      case StockStatus::kOnHand: break;
    }
  }
  return f;
}

CountResult reconcile_count(std::vector<std::string> on_hand,
                            const std::optional<std::vector<std::string>>& counted_serials,
                            int counted_number) {
  CountResult r;
  std::sort(on_hand.begin(), on_hand.end());
  r.expected = static_cast<int>(on_hand.size());
  if (!counted_serials) {
    r.counted = counted_number;
    return r;
  }
  r.by_serial = true;
  const std::set<std::string> counted(counted_serials->begin(), counted_serials->end());
  r.counted = static_cast<int>(counted.size());
  std::set_difference(on_hand.begin(), on_hand.end(), counted.begin(), counted.end(),
                      std::back_inserter(r.missing));
  std::set_difference(counted.begin(), counted.end(), on_hand.begin(), on_hand.end(),
                      std::back_inserter(r.unexpected));
  return r;
}

core::Result<core::Date> monthly_count_due(const core::WorkingCalendar& calendar,
                                           core::Date month_last) {
  return calendar.deadline(month_last, 5);
}

}  // namespace huji::domain
