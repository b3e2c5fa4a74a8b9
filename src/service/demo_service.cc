#include "service/demo_service.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "domain/register/projector.h"
#include "domain/register/state.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "service/crypto.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

Error not_empty() {
  return Error::make(ErrorKind::kConflict, "demo.not_empty",
                     "資料庫已有資料，示範資料只能載入空白資料庫",
                     "the database is not empty; demo data loads only into a new one");
}

// The bulk path of a store without one of its own: each batch one write transaction, one
// statement per row.
class TxBulkLoader final : public BulkLoader {
 public:
  explicit TxBulkLoader(Store& store) : store_(store) {}

  core::Status put_office(const domain::Office& o) override {
    HUJI_TRY(open());
    return tx_->put_office(o);
  }
  core::Status put_village(const domain::Village& v) override {
    HUJI_TRY(open());
    return tx_->put_village(v);
  }
  core::Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_TRY(open());
    return tx_->put_door_plate(p);
  }
  core::Status put_household(const domain::Household& h) override {
    HUJI_TRY(open());
    return tx_->put_household(h);
  }
  core::Status put_person(const domain::Person& p) override {
    HUJI_TRY(open());
    return tx_->put_person(p);
  }
  core::Status append_event(const domain::Event& e) override {
    HUJI_TRY(open());
    auto seq = tx_->append_event(e);
    if (!seq.ok()) return std::move(seq).take_error();
    return {};
  }
  core::Status commit() override {
    if (!tx_) return {};
    core::Status s = tx_->commit();
    tx_.reset();
    return s;
  }

 private:
  core::Status open() {
    if (tx_) return {};
    HUJI_ASSIGN_OR_RETURN(tx_, store_.begin(TxMode::kWrite));
    return {};
  }
  Store& store_;
  std::unique_ptr<Transaction> tx_;
};

// The projections of one household, as domain::apply derives them from its conversion
// entries, kept in memory until they are handed to the loader. Conversion entries carry the
// whole state and read nothing, so the other lookups need not find anything beyond them.
class HouseholdProjection final : public domain::RegisterState {
 public:
  void clear() {
    persons_.clear();
    households_.clear();
  }
  const std::vector<domain::Person>& persons() const { return persons_; }
  const std::vector<domain::Household>& households() const { return households_; }

  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    for (const auto& p : persons_) {
      if (p.id_number == id) return std::optional<domain::Person>(p);
    }
    return std::optional<domain::Person>();
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    for (const auto& h : households_) {
      if (h.household_no == no) return std::optional<domain::Household>(h);
    }
    return std::optional<domain::Household>();
  }
  core::Result<std::vector<domain::Person>> members(const std::string& no) override {
    std::vector<domain::Person> out;
    for (const auto& p : persons_) {
      if (p.household_no == no) out.push_back(p);
    }
    return out;
  }
  core::Result<std::vector<domain::Person>> children(const std::string& parent_id) override {
    std::vector<domain::Person> out;
    for (const auto& p : persons_) {
      if (p.father_id == parent_id || p.mother_id == parent_id) out.push_back(p);
    }
    return out;
  }
  core::Result<std::optional<domain::DoorPlate>> door_plate(int64_t) override {
    return std::optional<domain::DoorPlate>();
  }
  core::Status put_person(const domain::Person& p) override {
    for (auto& q : persons_) {
      if (q.id_number == p.id_number) {
        q = p;
        return {};
      }
    }
    persons_.push_back(p);
    return {};
  }
  core::Status put_household(const domain::Household& h) override {
    for (auto& g : households_) {
      if (g.household_no == h.household_no) {
        g = h;
        return {};
      }
    }
    households_.push_back(h);
    return {};
  }
  core::Status delete_household(const std::string& no) override {
    std::erase_if(households_, [&](const domain::Household& h) { return h.household_no == no; });
    return {};
  }
  core::Result<uint32_t> next_id_serial(char, int) override { return unsupported(); }
  core::Result<std::string> next_household_no(const std::string&) override {
    return unsupported();
  }
  core::Result<std::vector<domain::Event>> events_of(const std::string&) override {
    return std::vector<domain::Event>();
  }

 private:
  static Error unsupported() {
    return Error::make(ErrorKind::kInternal, "demo.projection",
                       "示範資料轉換不配發新號碼", "the demo conversion allocates no numbers");
  }
  std::vector<domain::Person> persons_;
  std::vector<domain::Household> households_;
};

// Thrown by the sink to stop the generator at the first failed write; `status` says why.
struct Stop {};

// Writes the generated stream through a BulkLoader, committing every `batch` households.
// The generated histories are transcribed as they were (marked "history": shown on
// transcripts, not replayed); each person's current state then enters the register by one
// conversion entry (戶籍資料轉換), from which the projections are derived by domain::apply like
// any other registration's, so `huji register rebuild --check` holds on a demo database too.
class LoadSink final : public domain::demo::PopulationSink {
 public:
  LoadSink(BulkLoader& loader, core::Date today, const DemoOptions& options)
      : loader_(loader), today_(today), options_(options),
        batch_(std::max<int64_t>(options.batch_households, 1)) {}

  void office(const domain::Office& o) override {
    keep(loader_.put_office(o));
    ++summary.offices;
  }
  void village(const domain::Village& v) override {
    keep(loader_.put_village(v));
    ++summary.villages;
  }
  void door_plate(const domain::DoorPlate& p) override {
    keep(loader_.put_door_plate(p));
    ++summary.door_plates;
  }
  void household(const domain::Household& h, const std::vector<domain::Person>& members,
                 const std::vector<domain::Event>& events) override {
    for (const auto& e : events) {
      domain::Event copy = e;
      copy.data.emplace("history", "1");
      keep(loader_.append_event(copy));
    }
    projection_.clear();
    bool first = true;
    for (const auto& p : members) {
      const domain::Event e =
          domain::conversion_event(p, first ? &h : nullptr, today_, h.office_code);
      first = false;
      keep(loader_.append_event(e));
      keep(domain::apply(projection_, e));
      // A head without spouse to try a lookup with, from the staff's own office if it can be.
      if (p.status == domain::PersonStatus::kActive && !p.spouse_id && p.relation == "戶長") {
        if (any_sample_.empty()) any_sample_ = p.id_number;
        if (summary.sample_person_id.empty() && h.office_code == demo_office_code_) {
          summary.sample_person_id = p.id_number;
        }
      }
    }
    for (const auto& hh : projection_.households()) keep(loader_.put_household(hh));
    for (const auto& p : projection_.persons()) keep(loader_.put_person(p));
    ++summary.households;
    summary.persons += static_cast<int64_t>(members.size());
    summary.events += static_cast<int64_t>(events.size() + members.size());
    if (summary.households % batch_ == 0) commit();
    if (options_.progress) options_.progress(summary.persons);
  }

  void commit() {
    keep(loader_.commit());
    ++summary.batches;
  }

  // Ends the stream: the last, partial batch, then the indexes deferred by the loader.
  void finish() {
    if (options_.indexing) options_.indexing();
    keep(loader_.finish());
    ++summary.batches;
    if (summary.sample_person_id.empty()) summary.sample_person_id = any_sample_;
  }

  core::Status status;
  DemoSummary summary;

 private:
  void keep(core::Status s) {
    if (s.ok()) return;
    status = std::move(s);
    throw Stop{};
  }

  BulkLoader& loader_;
  const core::Date today_;
  const DemoOptions& options_;
  const int64_t batch_;
  HouseholdProjection projection_;
  const std::string demo_office_code_ = domain::demo::demo_office().code;
  std::string any_sample_;
};

// True when the database holds any person or any of the demo staff.
core::Result<bool> has_data(Store& store) {
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kRead));
  bool any = false;
  HUJI_TRY(tx->scan_persons([&](const domain::Person&) {
    any = true;
    return false;
  }));
  for (const auto& l : demo_logins()) {
    if (any) break;
    HUJI_ASSIGN_OR_RETURN(auto user, tx->find_user(l.username));
    any = user.has_value();
  }
  return any;
}

}  // namespace

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> kLogins = {
      {"clerk", "clerk-demo-pass", domain::Role::kClerk},
      {"supervisor", "supervisor-demo-pass", domain::Role::kSupervisor},
      {"auditor", "auditor-demo-pass", domain::Role::kAuditor},
      {"admin", "admin-demo-pass", domain::Role::kAdmin},
  };
  return kLogins;
}

core::Result<DemoSummary> load_demo(Store& store, const core::Clock& clock,
                                    const domain::demo::DemoSpec& spec,
                                    const DemoOptions& options) {
  if (spec.persons < 1 || spec.persons > 30'000'000) {
    return Error::make(ErrorKind::kInvalidArgument, "demo.persons",
                       "人數須介於 1 與 30,000,000 之間", "persons must be 1 to 30,000,000");
  }
  HUJI_ASSIGN_OR_RETURN(bool taken, has_data(store));
  if (taken) return not_empty();
  // Hash the demo passwords before taking the write lock: argon2id is deliberately slow.
  std::vector<std::string> hashes;
  for (const auto& l : demo_logins()) {
    HUJI_ASSIGN_OR_RETURN(std::string h, hash_password(l.password));
    hashes.push_back(std::move(h));
  }

  std::unique_ptr<BulkLoader> loader = store.bulk_loader();
  if (!loader) loader = std::make_unique<TxBulkLoader>(store);
  LoadSink sink(*loader, spec.today, options);
  HUJI_TRY(loader->defer_indexes());  // the database is empty (has_data above)
  try {
    domain::demo::generate(spec, sink);
    sink.finish();
  } catch (const Stop&) {
    return std::move(sink.status).take_error();
  }
  loader.reset();
  DemoSummary summary = sink.summary;

  // The generator also emits the offices that registered earlier events (in the national
  // scope, every office); staff belong to the demo office itself.
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
  const domain::Office office = domain::demo::demo_office();
  summary.office_code = office.code;
  summary.office_name = office.name;
  const auto& logins = demo_logins();
  for (size_t i = 0; i < logins.size(); ++i) {
    UserRecord u;
    u.username = logins[i].username;
    u.display_name = std::string(domain::role_name_zh(logins[i].role)) + "（示範）";
    u.role = logins[i].role;
    u.office_code = summary.office_code;
    u.password_hash = hashes[i];
    u.created_ms = clock.now_ms();
    auto id = tx->insert_user(u);
    if (!id.ok()) {
      if (id.error().code == "user.exists") return not_empty();
      return std::move(id).take_error();
    }
  }
  summary.logins = logins;
  Actor system;
  system.username = "system";
  system.role = domain::Role::kAdmin;
  system.office_code = summary.office_code;
  const bool national = spec.scope == domain::demo::DemoScope::kNational;
  HUJI_TRY(append_audit(*tx, clock, system, {"demo"},
                        {"demo.load", "",
                         std::string(national ? "national demo population" : "demo population") +
                             " seed " + std::to_string(spec.seed),
                         "ok"}));
  HUJI_TRY(tx->commit());
  return summary;
}

}  // namespace huji::service
