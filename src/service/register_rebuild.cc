#include "service/register_rebuild.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/register/memory_state.h"
#include "domain/register/projector.h"
#include "domain/register/state.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;
using core::Result;

namespace {

// Where a rebuild replays the event log to: lookups by key and scans in key order of the
// replayed persons and households.
class ReplayTarget {
 public:
  virtual ~ReplayTarget() = default;
  virtual core::Status apply(const domain::Event& e) = 0;
  // After the last apply(), before the lookups and scans.
  virtual core::Status finish() { return {}; }
  virtual core::Result<std::optional<domain::Person>> person(const std::string& id) = 0;
  virtual core::Result<std::optional<domain::Household>> household(const std::string& no) = 0;
  virtual core::Status scan_persons(const std::function<bool(const domain::Person&)>& f) = 0;
  virtual core::Status scan_households(const std::function<bool(const domain::Household&)>& f) = 0;

  // The first storage error met while replaying (a full disk, a lost connection): the
  // rebuild fails with it, rather than report the event it stopped at as not replayable.
  const core::Status& storage() const { return storage_; }

 protected:
  template <class R>
  R track(R r) {
    if (!r.ok() && storage_.ok()) storage_ = r.error();
    return r;
  }

 private:
  core::Status storage_;
};

// The replay in memory; door plates (reference data, not event-derived) read from `source`.
class MemoryTarget final : public ReplayTarget {
 public:
  explicit MemoryTarget(Transaction& source) {
    memory_.set_door_plate_source(
        [this, &source](int64_t id) { return track(source.find_door_plate(id)); });
  }
  core::Status apply(const domain::Event& e) override { return domain::apply(memory_, e); }
  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    return memory_.person(id);
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    return memory_.household(no);
  }
  core::Status scan_persons(const std::function<bool(const domain::Person&)>& f) override {
    for (const auto& [id, p] : memory_.all_persons()) {
      if (!f(p)) break;
    }
    return {};
  }
  core::Status scan_households(const std::function<bool(const domain::Household&)>& f) override {
    for (const auto& [no, h] : memory_.all_households()) {
      if (!f(h)) break;
    }
    return {};
  }

 private:
  domain::MemoryState memory_;
};

// The replay in a scratch store's projections, written in transactions of kBatch events.
// Its households' foreign keys need their office and door plate there too: they are copied
// from `source` the first time a replayed household refers to them.
class ScratchTarget final : public ReplayTarget, private domain::RegisterState {
 public:
  static constexpr int64_t kBatch = 20'000;

  ScratchTarget(Store& scratch, Transaction& source) : scratch_(scratch), source_(source) {}

  core::Status apply(const domain::Event& e) override {
    if (!tx_) {
      HUJI_ASSIGN_OR_RETURN(tx_, track(scratch_.begin(TxMode::kWrite)));
    }
    HUJI_TRY(domain::apply(static_cast<domain::RegisterState&>(*this), e));
    if (++pending_ < kBatch) return {};
    pending_ = 0;
    core::Status s = track(tx_->commit());
    tx_.reset();
    return s;
  }
  core::Status finish() override {
    if (tx_) {
      HUJI_TRY(track(tx_->commit()));
      tx_.reset();
    }
    HUJI_ASSIGN_OR_RETURN(tx_, track(scratch_.begin(TxMode::kRead)));
    return {};
  }
  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    return track(tx_->find_person(id));
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    return track(tx_->find_household(no));
  }
  core::Status scan_persons(const std::function<bool(const domain::Person&)>& f) override {
    return tx_->scan_persons(f);
  }
  core::Status scan_households(const std::function<bool(const domain::Household&)>& f) override {
    return tx_->scan_households(f);
  }

 private:
  // domain::RegisterState, for domain::apply during the replay.
  core::Result<std::vector<domain::Person>> members(const std::string& no) override {
    return track(tx_->household_members(no));
  }
  core::Result<std::vector<domain::Person>> children(const std::string& parent_id) override {
    return track(tx_->children_of(parent_id));
  }
  core::Result<std::optional<domain::DoorPlate>> door_plate(int64_t id) override {
    return track(source_.find_door_plate(id));
  }
  core::Status put_person(const domain::Person& p) override { return track(tx_->put_person(p)); }
  core::Status put_household(const domain::Household& h) override {
    HUJI_TRY(copy_office(h.office_code));
    HUJI_ASSIGN_OR_RETURN(auto there, track(tx_->find_door_plate(h.door_plate_id)));
    if (!there) {
      HUJI_ASSIGN_OR_RETURN(auto plate, track(source_.find_door_plate(h.door_plate_id)));
      if (plate) {
        HUJI_TRY(copy_office(plate->office_code));
        HUJI_TRY(track(tx_->put_door_plate(*plate)));
      }
    }
    return track(tx_->put_household(h));
  }
  core::Status delete_household(const std::string& no) override {
    return track(tx_->delete_household(no));
  }
  core::Result<uint32_t> next_id_serial(char, int) override { return not_in_replay(); }
  core::Result<std::string> next_household_no(const std::string&) override {
    return not_in_replay();
  }
  core::Result<std::vector<domain::Event>> events_of(const std::string&) override {
    return std::vector<domain::Event>();  // a replay applies entries, it reads none
  }

  core::Status copy_office(const std::string& code) {
    if (code.empty() || offices_.count(code)) return {};
    HUJI_ASSIGN_OR_RETURN(auto there, track(tx_->find_office(code)));
    if (!there) {
      HUJI_ASSIGN_OR_RETURN(auto office, track(source_.find_office(code)));
      if (office) HUJI_TRY(track(tx_->put_office(*office)));
    }
    offices_.insert(code);
    return {};
  }
  static Error not_in_replay() {
    return Error::internal("rebuild.allocation", "重建時不配發新號碼",
                           "a replay allocates no numbers");
  }

  Store& scratch_;
  Transaction& source_;
  std::unique_ptr<Transaction> tx_;
  int64_t pending_ = 0;
  std::set<std::string> offices_;  // copied, or found there (a few hundred)
};

}  // namespace

Result<RebuildReport> rebuild_register(Store& store, bool repair, Store* scratch) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(repair ? TxMode::kWrite : TxMode::kRead));
  RebuildReport report;
  std::unique_ptr<ReplayTarget> replay;
  if (scratch) {
    HUJI_ASSIGN_OR_RETURN(auto check, scratch->begin(TxMode::kRead));
    bool empty = true;
    HUJI_TRY(check->scan_persons([&](const domain::Person&) { return empty = false; }));
    if (!empty) {
      return Error::invalid("rebuild.scratch_not_empty", "重建用的暫存資料庫須為空白",
                            "the scratch database must be empty");
    }
    replay = std::make_unique<ScratchTarget>(*scratch, *tx);
  } else {
    replay = std::make_unique<MemoryTarget>(*tx);
  }
  core::Status replay_status;
  HUJI_TRY(tx->scan_events([&](const domain::Event& e) {
    ++report.events;
    auto st = replay->apply(e);
    if (!st.ok()) {
      replay_status = std::move(st);
      if (!replay->storage().ok()) return false;  // the storage failed, not the event
      report.differences.push_back("event " + std::to_string(e.seq) +
                                   " does not replay: " + replay_status.error().message_en);
      return false;
    }
    return true;
  }));
  HUJI_TRY(replay->storage());
  if (!replay_status.ok()) return report;
  HUJI_TRY(replay->finish());
  constexpr size_t kMaxDifferences = 50;
  auto note = [&](std::string d) {
    if (report.differences.size() < kMaxDifferences) report.differences.push_back(std::move(d));
  };
  // Stored rows found in the replay are counted rather than remembered (a national register
  // has 23.5 M persons: a set of their numbers would cost gigabytes); only when the counts
  // fall short of the replay's is it searched for the rows missing from the store.
  int64_t matched_persons = 0, matched_households = 0;
  core::Status lookup;  // a failed read stops the comparison and fails the rebuild
  // One stored row against the replay: missing there, or different.
  auto compare = [&](const char* what, const std::string& key, const auto& stored,
                     const auto& replayed, int64_t& matched) {
    if (!replayed.ok()) {
      lookup = replayed.error();
      return false;
    }
    if (!*replayed) {
      note(std::string(what) + " " + key + " is stored but not in the replay");
      return true;
    }
    ++matched;
    if (!(**replayed == stored)) note(std::string(what) + " " + key + " differs from the replay");
    return true;
  };
  HUJI_TRY(tx->scan_persons([&](const domain::Person& p) {
    ++report.persons;
    return compare("person", p.id_number, p, replay->person(p.id_number), matched_persons);
  }));
  HUJI_TRY(lookup);
  HUJI_TRY(tx->scan_households([&](const domain::Household& h) {
    ++report.households;
    return compare("household", h.household_no, h, replay->household(h.household_no),
                   matched_households);
  }));
  HUJI_TRY(lookup);
  int64_t replayed_persons = 0, replayed_households = 0;
  HUJI_TRY(replay->scan_persons([&](const domain::Person&) { return ++replayed_persons > 0; }));
  HUJI_TRY(
      replay->scan_households([&](const domain::Household&) { return ++replayed_households > 0; }));
  if (matched_persons < replayed_persons) {
    HUJI_TRY(replay->scan_persons([&](const domain::Person& p) {
      auto stored = tx->find_person(p.id_number);
      if (!stored.ok()) {
        lookup = std::move(stored).take_error();
        return false;
      }
      if (!*stored) note("person " + p.id_number + " is in the replay but not stored");
      return true;
    }));
    HUJI_TRY(lookup);
  }
  if (matched_households < replayed_households) {
    HUJI_TRY(replay->scan_households([&](const domain::Household& h) {
      auto stored = tx->find_household(h.household_no);
      if (!stored.ok()) {
        lookup = std::move(stored).take_error();
        return false;
      }
      if (!*stored) note("household " + h.household_no + " is in the replay but not stored");
      return true;
    }));
    HUJI_TRY(lookup);
  }
  if (repair && !report.differences.empty()) {
    HUJI_TRY(tx->clear_projections());
    HUJI_TRY(replay->scan_persons([&](const domain::Person& p) {
      lookup = tx->put_person(p);
      return lookup.ok();
    }));
    HUJI_TRY(lookup);
    HUJI_TRY(replay->scan_households([&](const domain::Household& h) {
      lookup = tx->put_household(h);
      return lookup.ok();
    }));
    HUJI_TRY(lookup);
    HUJI_TRY(tx->commit());
  }
  return report;
}

}  // namespace huji::service
