#include "service/application_view.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/register/projector.h"
#include "service/register_state.h"

namespace huji::service {

namespace {

// The register with a registration's writes kept in memory: reads see them, the storage never
// does. A preview plans and applies the registration here and compares the persons it wrote
// with the register underneath.
class OverlayState final : public domain::RegisterState {
 public:
  explicit OverlayState(domain::RegisterState& base) : base_(base) {}

  core::Result<std::optional<domain::Person>> person(const std::string& id) override {
    auto it = persons_.find(id);
    if (it != persons_.end()) return std::optional<domain::Person>(it->second);
    return base_.person(id);
  }
  core::Result<std::optional<domain::Household>> household(const std::string& no) override {
    auto it = households_.find(no);
    if (it != households_.end()) return it->second;
    return base_.household(no);
  }
  core::Result<std::vector<domain::Person>> members(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto stored, base_.members(no));
    auto out = merged(std::move(stored), [&no](const domain::Person& p) {
      return p.household_no == no && p.status == domain::PersonStatus::kActive;
    });
    // As the store orders them: the head first, then by birth date.
    std::stable_sort(out.begin(), out.end(), [](const domain::Person& a, const domain::Person& b) {
      return std::pair(a.relation != "戶長", a.birth_date) <
             std::pair(b.relation != "戶長", b.birth_date);
    });
    return out;
  }
  core::Result<std::vector<domain::Person>> children(const std::string& parent_id) override {
    HUJI_ASSIGN_OR_RETURN(auto stored, base_.children(parent_id));
    auto out = merged(std::move(stored), [&parent_id](const domain::Person& p) {
      return p.father_id == parent_id || p.mother_id == parent_id;
    });
    std::sort(out.begin(), out.end(), [](const domain::Person& a, const domain::Person& b) {
      return a.id_number < b.id_number;
    });
    return out;
  }
  core::Result<std::optional<domain::DoorPlate>> door_plate(int64_t id) override {
    return base_.door_plate(id);
  }
  core::Status put_person(const domain::Person& p) override {
    persons_[p.id_number] = p;
    return {};
  }
  core::Status put_household(const domain::Household& h) override {
    households_[h.household_no] = h;
    return {};
  }
  core::Status delete_household(const std::string& no) override {
    households_[no] = std::nullopt;
    return {};
  }
  core::Result<uint32_t> next_id_serial(char letter, int first_digit) override {
    return base_.next_id_serial(letter, first_digit);
  }
  core::Result<std::string> next_household_no(const std::string& office_code) override {
    return base_.next_household_no(office_code);
  }
  core::Result<std::vector<domain::Event>> events_of(const std::string& id) override {
    return base_.events_of(id);
  }

  const std::map<std::string, domain::Person>& persons_written() const { return persons_; }

 private:
  // `stored` with the written persons in their place: those written that no longer `belong`
  // left out, those written that now belong added.
  template <typename Belongs>
  std::vector<domain::Person> merged(std::vector<domain::Person> stored, Belongs belongs) const {
    std::vector<domain::Person> out;
    std::set<std::string> seen;
    for (auto& p : stored) {
      seen.insert(p.id_number);
      auto it = persons_.find(p.id_number);
      if (it == persons_.end()) {
        out.push_back(std::move(p));
      } else if (belongs(it->second)) {
        out.push_back(it->second);
      }
    }
    for (const auto& [id, p] : persons_) {
      if (!seen.contains(id) && belongs(p)) out.push_back(p);
    }
    return out;
  }

  domain::RegisterState& base_;
  std::map<std::string, domain::Person> persons_;
  std::map<std::string, std::optional<domain::Household>> households_;
};

void show(ApplicationView& view, const std::string& id) {
  if (id.empty() || !core::IdNumber::parse(id).ok()) return;
  if (std::find(view.shown.begin(), view.shown.end(), id) == view.shown.end()) {
    view.shown.push_back(id);
  }
}

// `read()` once per key and list: a list names the same persons and staff again and again.
template <typename Read>
core::Result<std::string> once(std::map<std::string, std::string>& cache, const std::string& key,
                               Read read) {
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  HUJI_ASSIGN_OR_RETURN(std::string value, read());
  cache.emplace(key, value);
  return value;
}

core::Result<std::string> name_of(Transaction& tx, const std::string& id,
                                  std::map<std::string, std::string>& cache) {
  return once(cache, id, [&]() -> core::Result<std::string> {
    HUJI_ASSIGN_OR_RETURN(auto person, tx.find_person(id));
    return person ? person->name : std::string();
  });
}

core::Result<std::string> staff_name(Transaction& tx, const std::string& username,
                                     std::map<std::string, std::string>& cache) {
  if (username.empty()) return std::string();
  return once(cache, "staff:" + username, [&]() -> core::Result<std::string> {
    HUJI_ASSIGN_OR_RETURN(auto user, tx.find_user(username));
    return user ? user->display_name : std::string();
  });
}

// The address of the door plate a person's household is at, "" when none.
core::Result<std::string> address_of(domain::RegisterState& state, const domain::Person& p) {
  if (p.household_no.empty()) return std::string();
  HUJI_ASSIGN_OR_RETURN(auto hh, state.household(p.household_no));
  if (!hh) return std::string();
  HUJI_ASSIGN_OR_RETURN(auto plate, state.door_plate(hh->door_plate_id));
  return plate ? plate->address.format() : std::string();
}

// "張三 (A123456789)" for a linked person, "" for none.
core::Result<std::string> person_text(domain::RegisterState& state,
                                      const std::optional<std::string>& id, ApplicationView& view) {
  if (!id || id->empty()) return std::string();
  show(view, *id);
  HUJI_ASSIGN_OR_RETURN(auto p, state.person(*id));
  return p ? p->name + " (" + *id + ")" : *id;
}

// The fields of `before` that `after` differs in, as the register prints them.
core::Status compare(domain::RegisterState& base, domain::RegisterState& overlay,
                     const std::optional<domain::Person>& before, const domain::Person& after,
                     ApplicationView& view) {
  const std::string& id = after.id_number;
  show(view, id);
  auto add = [&](const char* field, std::string was, std::string now) {
    if (was != now) view.changes.push_back({id, field, std::move(was), std::move(now)});
  };
  if (!before) {
    add("person", "", after.name);
    HUJI_ASSIGN_OR_RETURN(std::string address, address_of(overlay, after));
    add("address", "", address);
    return {};
  }
  const domain::Person& b = *before;
  auto sex = [](core::Sex s) { return s == core::Sex::kFemale ? "F" : "M"; };
  add("name", b.name, after.name);
  add("sex", sex(b.sex), sex(after.sex));
  add("birth_date", b.birth_date.to_iso(), after.birth_date.to_iso());
  add("birth_place", b.birth_place, after.birth_place);
  if (b.father_id != after.father_id || b.father_name != after.father_name) {
    HUJI_ASSIGN_OR_RETURN(std::string was, person_text(base, b.father_id, view));
    HUJI_ASSIGN_OR_RETURN(std::string now, person_text(overlay, after.father_id, view));
    add("father", was.empty() ? b.father_name : was, now.empty() ? after.father_name : now);
  }
  if (b.mother_id != after.mother_id || b.mother_name != after.mother_name) {
    HUJI_ASSIGN_OR_RETURN(std::string was, person_text(base, b.mother_id, view));
    HUJI_ASSIGN_OR_RETURN(std::string now, person_text(overlay, after.mother_id, view));
    add("mother", was.empty() ? b.mother_name : was, now.empty() ? after.mother_name : now);
  }
  if (b.spouse_id != after.spouse_id) {
    HUJI_ASSIGN_OR_RETURN(std::string was, person_text(base, b.spouse_id, view));
    HUJI_ASSIGN_OR_RETURN(std::string now, person_text(overlay, after.spouse_id, view));
    add("spouse", was, now);
  }
  add("indigenous", b.indigenous, after.indigenous);
  auto status = [](domain::PersonStatus s) {
    return s == domain::PersonStatus::kActive ? "active" : "removed";
  };
  add("status", status(b.status), status(after.status));
  add("removal_reason", b.removal_reason, after.removal_reason);
  HUJI_ASSIGN_OR_RETURN(std::string was_at, address_of(base, b));
  HUJI_ASSIGN_OR_RETURN(std::string now_at, address_of(overlay, after));
  add("address", was_at, now_at);
  add("relation", b.relation, after.relation);
  return {};
}

}  // namespace

core::Status add_names(Transaction& tx, const Actor& reader,
                       std::map<std::string, std::string>& names_cache, ApplicationView& view) {
  for (const auto& id : view.shown) {
    HUJI_ASSIGN_OR_RETURN(std::string name, name_of(tx, id, names_cache));
    if (!name.empty()) view.names.emplace_back(id, std::move(name));
  }
  const ApplicationRecord& a = view.record;
  HUJI_ASSIGN_OR_RETURN(view.entered_by_name, staff_name(tx, a.entered_by, names_cache));
  HUJI_ASSIGN_OR_RETURN(view.reviewed_by_name, staff_name(tx, a.reviewed_by, names_cache));
  view.own = a.entered_by == reader.username;
  return {};
}

core::Status add_details(Transaction& tx, const std::optional<domain::Registration>& reg,
                         const domain::Office& office, core::Date today, ApplicationView& view) {
  view.detailed = true;
  const ApplicationRecord& a = view.record;
  TxRegisterState base(tx);
  if (reg && a.status == ApplicationStatus::kPendingReview) {
    OverlayState overlay(base);
    auto planned = domain::plan(overlay, *reg, office, today);
    if (!planned.ok()) {
      view.preview_refused = planned.error();
    } else {
      for (const auto& e : planned->events) {
        HUJI_TRY(domain::apply(overlay, e));
        view.entries.push_back({e.subject_id, domain::describe_zh(e), domain::describe_en(e)});
      }
      for (const auto& [id, after] : overlay.persons_written()) {
        HUJI_ASSIGN_OR_RETURN(auto before, base.person(id));
        HUJI_TRY(compare(base, overlay, before, after, view));
      }
    }
  } else if (a.status == ApplicationStatus::kRegistered && a.first_event_seq > 0) {
    // The entries it wrote: those of its persons within its range of the log.
    std::set<int64_t> seen;
    std::vector<domain::Event> written;
    std::vector<std::string> ids = view.shown;
    for (const auto& id : ids) {
      HUJI_ASSIGN_OR_RETURN(auto events, base.events_of(id));
      for (auto& e : events) {
        if (e.seq < a.first_event_seq || e.seq > a.last_event_seq) continue;
        if (seen.insert(e.seq).second) written.push_back(std::move(e));
      }
    }
    std::sort(written.begin(), written.end(),
              [](const domain::Event& x, const domain::Event& y) { return x.seq < y.seq; });
    for (const auto& e : written) {
      view.entries.push_back({e.subject_id, domain::describe_zh(e), domain::describe_en(e)});
    }
  }
  HUJI_ASSIGN_OR_RETURN(view.documents, tx.list_documents(a.id, false));
  return {};
}

}  // namespace huji::service
