#include "service/demo_service.h"

#include "service/audit.h"
#include "service/auth_service.h"
#include "service/crypto.h"
#include "service/register_state.h"
#include "domain/register/projector.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

// Writes the generated stream straight into one transaction, remembering the first error.
// The generated histories are transcribed as they were (marked "history": shown on
// transcripts, not replayed); each person's current state then enters the register by one
// conversion entry (戶籍資料轉換), from which the projections are derived like any other
// registration's, so `huji register rebuild --check` holds on a demo database too.
class StoreSink final : public domain::demo::PopulationSink {
 public:
  StoreSink(Transaction& tx, core::Date today) : tx_(tx), state_(tx), today_(today) {}

  void office(const domain::Office& o) override {
    keep(tx_.put_office(o));
  }
  void village(const domain::Village& v) override { keep(tx_.put_village(v)); }
  void door_plate(const domain::DoorPlate& p) override {
    keep(tx_.put_door_plate(p));
    ++summary.door_plates;
  }
  void household(const domain::Household& h, const std::vector<domain::Person>& members,
                 const std::vector<domain::Event>& events) override {
    if (!status.ok()) return;
    for (const auto& e : events) {
      domain::Event copy = e;
      copy.data.emplace("history", "1");
      auto r = tx_.append_event(copy);
      if (!r.ok()) keep(std::move(r).take_error());
    }
    bool first = true;
    for (const auto& p : members) {
      domain::Event e = domain::conversion_event(p, first ? &h : nullptr, today_, h.office_code);
      first = false;
      auto seq = tx_.append_event(e);
      if (!seq.ok()) {
        keep(std::move(seq).take_error());
        return;
      }
      e.seq = *seq;
      keep(domain::apply(state_, e));
      if (summary.sample_person_id.empty() && p.status == domain::PersonStatus::kActive &&
          !p.spouse_id && p.relation == "戶長") {
        summary.sample_person_id = p.id_number;
      }
    }
    ++summary.households;
    summary.persons += static_cast<int64_t>(members.size());
    summary.events += static_cast<int64_t>(events.size() + members.size());
  }

  core::Status status;
  DemoSummary summary;

 private:
  void keep(core::Status s) {
    if (status.ok() && !s.ok()) status = std::move(s);
  }
  Transaction& tx_;
  TxRegisterState state_;
  core::Date today_;
};

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
                                    const domain::demo::DemoSpec& spec) {
  if (spec.persons < 1 || spec.persons > 30'000'000) {
    return Error::make(ErrorKind::kInvalidArgument, "demo.persons",
                       "人數須介於 1 與 30,000,000 之間", "persons must be 1 to 30,000,000");
  }
  // Hash the demo passwords before taking the write lock: argon2id is deliberately slow.
  std::vector<std::string> hashes;
  for (const auto& l : demo_logins()) {
    HUJI_ASSIGN_OR_RETURN(std::string h, hash_password(l.password));
    hashes.push_back(std::move(h));
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
  StoreSink sink(*tx, spec.today);
  domain::demo::generate(spec, sink);
  HUJI_TRY(sink.status);
  DemoSummary summary = sink.summary;
  // The generator also emits the offices that registered earlier events; staff belong to the
  // demo office itself.
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
      if (id.error().code == "user.exists") {
        return Error::make(ErrorKind::kConflict, "demo.not_empty",
                           "資料庫已有資料，示範資料只能載入空白資料庫",
                           "the database is not empty; demo data loads only into a new one");
      }
      return std::move(id).take_error();
    }
  }
  summary.logins = logins;
  Actor system;
  system.username = "system";
  system.role = domain::Role::kAdmin;
  system.office_code = summary.office_code;
  HUJI_TRY(append_audit(*tx, clock, system, {"demo"},
                        {"demo.load", "", "demo population seed " + std::to_string(spec.seed),
                         "ok"}));
  HUJI_TRY(tx->commit());
  return summary;
}

}  // namespace huji::service
