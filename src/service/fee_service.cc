#include "service/fee_service.h"

#include <algorithm>
#include <utility>

#include "core/utf8.h"
#include "domain/access/role.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/errors.h"

namespace huji::service {

using core::Error;
using core::Result;
using core::Status;

FeeService::FeeService(Store& store, const core::Clock& clock, domain::SharedFeeSchedule& shared,
                       std::vector<domain::FeeVersion> files)
    : store_(store), clock_(clock), shared_(shared), files_(std::move(files)) {
  shared_.set(domain::FeeSchedule(files_));
}

Status FeeService::refresh() {
  std::vector<FeeVersionRecord> rows;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(rows, tx->list_fee_versions());
  }
  std::lock_guard lock(mu_);
  std::map<core::Date, FeeVersionRecord> stored;
  for (auto& r : rows) stored.emplace(r.effective, std::move(r));
  if (stored.size() == stored_.size() &&
      std::equal(stored.begin(), stored.end(), stored_.begin(), [](const auto& a, const auto& b) {
        return a.first == b.first && a.second.loaded_ms == b.second.loaded_ms &&
               a.second.text == b.second.text;
      })) {
    return {};  // nothing new: the schedule in use stays the same object
  }
  std::map<core::Date, domain::FeeVersion> parsed;
  for (const auto& [date, r] : stored) {
    HUJI_ASSIGN_OR_RETURN(auto versions,
                          domain::parse_fee_versions(r.text, "fee_versions/" + date.to_iso()));
    if (versions.size() != 1 || versions[0].effective != date) {
      return Error::internal("fees.stored", "資料庫中之規費表版本與其生效日期不符",
                             "a stored fee version does not match its effective date");
    }
    parsed.emplace(date, std::move(versions[0]));
  }
  stored_ = std::move(stored);
  parsed_ = std::move(parsed);
  rebuild();
  return {};
}

void FeeService::rebuild() {
  std::map<core::Date, domain::FeeVersion> all;
  for (const auto& v : files_) all[v.effective] = v;
  for (const auto& [date, v] : parsed_) all[date] = v;
  std::vector<domain::FeeVersion> versions;
  versions.reserve(all.size());
  for (auto& [date, v] : all) versions.push_back(std::move(v));
  shared_.set(domain::FeeSchedule(std::move(versions)));
}

Result<std::vector<FeeVersionView>> FeeService::load(const Actor& actor, const RequestContext& ctx,
                                                     std::string_view text) {
  if (!domain::role_has(actor.role, domain::Permission::kManageRules)) {
    return errors::forbidden("fees.load");
  }
  if (auto bad = core::utf8::find_forbidden(text, true)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + bad->offset, '\n');
    const std::string cp = core::utf8::code_point_name(bad->code_point);
    return Error::invalid(
        "fees.file", "規費表第 " + std::to_string(line) + " 行含不允許的字元 " + cp,
        "fee schedule line " + std::to_string(line) + ": a character that is not allowed: " + cp);
  }
  HUJI_ASSIGN_OR_RETURN(auto versions, domain::parse_fee_versions(text, "fees"));
  if (versions.empty()) {
    return Error::invalid("fees.file", "規費表內容沒有任何版本（effective 日期）",
                          "the text holds no version (effective date)");
  }
  const core::Date today = clock_.today_taipei();
  for (const auto& v : versions) {
    if (v.effective <= today) {
      return Error::unprocessable(
          "fees.retroactive",
          "規費表之生效日期（" + v.effective.to_iso() + "）須晚於今日：今日以前已收之規費不變",
          "a version must take effect after today (" + v.effective.to_iso() +
              "): fees charged up to today stay as charged");
    }
  }
  std::vector<FeeVersionRecord> records;
  records.reserve(versions.size());
  for (const auto& v : versions) {
    // One block per version, in the canonical form, so each parses on its own.
    records.push_back(
        {v.effective, domain::format_fee_version(v), actor.username, clock_.now_ms()});
  }
  std::lock_guard lock(mu_);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  for (const auto& r : records) HUJI_TRY(tx->put_fee_version(r));
  std::string dates;
  for (const auto& v : versions) dates += (dates.empty() ? "" : ", ") + v.effective.to_iso();
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"fees.load", "", "規費表 生效 " + dates + " sha256 " + sha256_hex(std::string(text))}));
  HUJI_TRY(tx->commit());
  std::vector<FeeVersionView> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    stored_[records[i].effective] = records[i];
    parsed_[records[i].effective] = versions[i];
    out.push_back({versions[i], "database", actor.username, records[i].loaded_ms, false});
  }
  rebuild();
  return out;
}

Result<std::vector<FeeVersionView>> FeeService::versions(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kManageRules) &&
      !domain::role_has(actor.role, domain::Permission::kRegister)) {
    return errors::forbidden("fees.list");
  }
  HUJI_TRY(refresh());
  return versions();
}

std::vector<FeeVersionView> FeeService::versions() {
  const auto schedule = shared_.get();
  const domain::FeeVersion* now = schedule->at(clock_.today_taipei());
  std::vector<FeeVersionView> out;
  std::lock_guard lock(mu_);
  for (const auto& v : schedule->versions()) {
    FeeVersionView view{v, "file", "", 0, now != nullptr && v.effective == now->effective};
    if (auto it = stored_.find(v.effective); it != stored_.end()) {
      view.origin = "database";
      view.loaded_by = it->second.loaded_by;
      view.loaded_ms = it->second.loaded_ms;
    }
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace huji::service
