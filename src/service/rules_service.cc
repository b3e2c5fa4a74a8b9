#include "service/rules_service.h"

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

namespace {

std::string source_name(core::Date d) { return "rule_versions/" + d.to_iso(); }

}  // namespace

RulesService::RulesService(Store& store, const core::Clock& clock, domain::SharedRuleBook& shared,
                           std::vector<domain::StatutoryRules> files)
    : store_(store), clock_(clock), shared_(shared), files_(std::move(files)) {
  shared_.set(domain::RuleBook(files_));
}

Status RulesService::refresh() {
  std::vector<RuleVersionRecord> rows;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    HUJI_ASSIGN_OR_RETURN(rows, tx->list_rule_versions());
  }
  std::lock_guard lock(mu_);
  std::map<core::Date, RuleVersionRecord> stored;
  for (auto& r : rows) stored.emplace(r.effective_from, std::move(r));
  if (stored.size() == stored_.size() &&
      std::equal(stored.begin(), stored.end(), stored_.begin(), [](const auto& a, const auto& b) {
        return a.first == b.first && a.second.loaded_ms == b.second.loaded_ms &&
               a.second.text == b.second.text;
      })) {
    return {};  // nothing new: the book in use stays the same object
  }
  // In date order, each stored version over the one in force the day before it (the files' and
  // the stored ones before it): a version stored before a release added a key keeps the figure
  // in force then for that key (loading a new text still requires every key).
  std::map<core::Date, domain::StatutoryRules> parsed;
  for (const auto& [date, r] : stored) {
    std::vector<domain::StatutoryRules> before(files_.begin(), files_.end());
    for (const auto& [d, v] : parsed) before.push_back(v);
    const domain::StatutoryRules base = domain::RuleBook(std::move(before)).at(date.add_days(-1));
    HUJI_ASSIGN_OR_RETURN(auto versions,
                          domain::parse_rule_versions(r.text, source_name(date), &base));
    if (versions.size() != 1 || versions[0].effective_from != date) {
      return Error::internal("rules.stored", "資料庫中之法規數值版本與其生效日期不符",
                             "a stored rule version does not match its effective date");
    }
    parsed.emplace(date, std::move(versions[0]));
  }
  stored_ = std::move(stored);
  parsed_ = std::move(parsed);
  return rebuild();
}

Status RulesService::rebuild() {
  std::map<core::Date, domain::StatutoryRules> all;
  for (const auto& v : files_) all[v.effective_from] = v;
  for (const auto& [date, v] : parsed_) all[date] = v;
  std::vector<domain::StatutoryRules> versions;
  versions.reserve(all.size());
  for (auto& [date, v] : all) versions.push_back(std::move(v));
  shared_.set(domain::RuleBook(std::move(versions)));
  return {};
}

Result<std::vector<RuleVersionView>> RulesService::load(const Actor& actor,
                                                        const RequestContext& ctx,
                                                        std::string_view text) {
  if (!domain::role_has(actor.role, domain::Permission::kManageRules)) {
    return errors::forbidden("rules.load");
  }
  if (auto bad = core::utf8::find_forbidden(text, true)) {
    const auto line = 1 + std::count(text.begin(), text.begin() + bad->offset, '\n');
    const std::string cp = core::utf8::code_point_name(bad->code_point);
    return Error::invalid(
        "rules.file", "法規數值檔第 " + std::to_string(line) + " 行含不允許的字元 " + cp,
        "rules text line " + std::to_string(line) + ": a character that is not allowed: " + cp);
  }
  HUJI_ASSIGN_OR_RETURN(auto versions, domain::parse_rule_versions(text, "rules"));
  const core::Date today = clock_.today_taipei();
  for (const auto& v : versions) {
    if (v.effective_from <= today) {
      return Error::unprocessable(
          "rules.retroactive",
          "法規數值之生效日期（" + v.effective_from.to_iso() +
              "）須晚於今日：今日以前（含今日）已受理之案件依其日期之規定計算",
          "a version must take effect after today (" + v.effective_from.to_iso() +
              "): cases entered up to today keep the rules of their date");
    }
  }
  std::vector<RuleVersionRecord> records;
  records.reserve(versions.size());
  for (const auto& v : versions) {
    // Stored one block per version, in the canonical form, so each parses on its own.
    records.push_back(
        {v.effective_from, domain::format_rule_version(v), actor.username, clock_.now_ms()});
  }
  std::lock_guard lock(mu_);
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  for (const auto& r : records) HUJI_TRY(tx->put_rule_version(r));
  std::string dates;
  for (const auto& v : versions) dates += (dates.empty() ? "" : ", ") + v.effective_from.to_iso();
  HUJI_TRY(append_audit(
      *tx, clock_, actor, ctx,
      {"rules.load", "", "法規數值 生效 " + dates + " sha256 " + sha256_hex(std::string(text))}));
  HUJI_TRY(tx->commit());
  std::vector<RuleVersionView> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    stored_[records[i].effective_from] = records[i];
    parsed_[records[i].effective_from] = versions[i];
    out.push_back({versions[i], "database", actor.username, records[i].loaded_ms, false});
  }
  HUJI_TRY(rebuild());
  const auto& now = shared_.get()->at(today);
  for (auto& v : out) v.in_force = v.rules.effective_from == now.effective_from;
  return out;
}

Result<std::vector<RuleVersionView>> RulesService::versions(const Actor& actor) {
  if (!domain::role_has(actor.role, domain::Permission::kManageRules) &&
      !domain::role_has(actor.role, domain::Permission::kReadKpi)) {
    return errors::forbidden("rules.list");
  }
  HUJI_TRY(refresh());
  const auto book = shared_.get();
  const core::Date in_force = book->at(clock_.today_taipei()).effective_from;
  std::vector<RuleVersionView> out;
  std::lock_guard lock(mu_);
  for (const auto& v : book->versions()) {
    RuleVersionView view{v, "file", "", 0, v.effective_from == in_force};
    if (auto it = stored_.find(v.effective_from); it != stored_.end()) {
      view.source = "database";
      view.loaded_by = it->second.loaded_by;
      view.loaded_ms = it->second.loaded_ms;
    }
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace huji::service
