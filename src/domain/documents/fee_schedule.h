#ifndef HUJI_DOMAIN_DOCUMENTS_FEE_SCHEDULE_H_
#define HUJI_DOMAIN_DOCUMENTS_FEE_SCHEDULE_H_

// 戶政規費 (the office's fees) as configuration: versions of the schedule, each in force from
// its effective date until the next one's, read from data/fees/schedule.txt (and versions an
// admin stores later). Code asks for the fee of an item code on a date, never a literal NT$.
//
// Format, one version per block (blank lines and "#" comments ignored):
//   effective 2024-01-01
//   source 戶政規費收費標準 (…)
//   item transcript_sheet 15 | 戶籍謄本（每張） | Household transcript (per sheet)
//   item transcript_en 100 extra 15 | 英文戶籍謄本 | English transcript
//   waiver reorganisation id_card_first,id_card_renewal | 行政區域調整換證 | District
//   re-organisation
// `item CODE AMOUNT [extra AMOUNT] | name_zh | name_en`: AMOUNT for the first unit; with
// `extra`, each further unit in the same request costs the extra amount (英文謄本 100, then 15
// per copy), otherwise every unit costs AMOUNT. `waiver CODE ITEMS | name_zh | name_en`: a
// reason for charging nothing, valid for the listed item codes only.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace huji::domain {

struct FeeItem {
  std::string code;
  int64_t amount = 0;                   // NT$ for the first unit
  std::optional<int64_t> extra_amount;  // NT$ for each further unit, when it differs
  std::string name_zh;
  std::string name_en;
  bool operator==(const FeeItem&) const = default;
};

struct FeeWaiver {
  std::string code;
  std::vector<std::string> items;  // the item codes it waives
  std::string name_zh;
  std::string name_en;
  bool operator==(const FeeWaiver&) const = default;
};

struct FeeVersion {
  core::Date effective;
  std::string source;
  std::vector<FeeItem> items;  // in file order
  std::vector<FeeWaiver> waivers;

  const FeeItem* item(std::string_view code) const;
  const FeeWaiver* waiver(std::string_view code) const;
  bool operator==(const FeeVersion&) const = default;
};

// What `quantity` units of an item cost on a day, with or without a waiver.
struct FeeQuote {
  std::string item;
  std::string name_zh;
  std::string name_en;
  int quantity = 0;
  int64_t unit_amount = 0;  // the first unit's
  int64_t amount = 0;       // the total to pay (0 when waived)
  std::string waiver;       // "" when none
  core::Date effective;     // the version's
};

// Parses the format above; fees.file with the source and line on the first bad line,
// fees.duplicate when two blocks share an effective date.
core::Result<std::vector<FeeVersion>> parse_fee_versions(std::string_view text,
                                                         std::string_view source_name);
// One version in the format above (parses back to the same value).
std::string format_fee_version(const FeeVersion& version);

class FeeSchedule {
 public:
  FeeSchedule() = default;
  explicit FeeSchedule(std::vector<FeeVersion> versions);  // sorted on construction

  // The version in force on `d`, or nullptr when `d` precedes them all (or there is none).
  const FeeVersion* at(core::Date d) const;
  const std::vector<FeeVersion>& versions() const { return versions_; }

  // fee.unknown_item (no such item on that day), fee.quantity (quantity < 1 or > 1000),
  // fee.unknown_waiver, fee.waiver_item (the waiver does not cover the item).
  core::Result<FeeQuote> quote(std::string_view item, core::Date on, int quantity = 1,
                               std::string_view waiver = {}) const;

 private:
  std::vector<FeeVersion> versions_;  // ascending effective, unique
};

// The schedule the request threads use, replaced whole when an admin stores a version.
class SharedFeeSchedule {
 public:
  explicit SharedFeeSchedule(FeeSchedule initial = {})
      : current_(std::make_shared<const FeeSchedule>(std::move(initial))) {}
  std::shared_ptr<const FeeSchedule> get() const { return current_.load(); }
  void set(FeeSchedule next) {
    current_.store(std::make_shared<const FeeSchedule>(std::move(next)));
  }

 private:
  std::atomic<std::shared_ptr<const FeeSchedule>> current_;
};

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_FEE_SCHEDULE_H_
