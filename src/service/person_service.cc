#include "service/person_service.h"

#include <algorithm>

#include "core/address.h"
#include "core/date.h"
#include "core/id_number.h"
#include "service/audit.h"
#include "service/audit_queue.h"
#include "service/errors.h"
#include "service/small_cells.h"

namespace huji::service {

using core::Error;
using core::ErrorKind;

namespace {

constexpr size_t kMaxPurposeBytes = 200;
constexpr auto kMaxShown = static_cast<size_t>(PersonService::kMaxMatches);

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

core::Status check_purpose(const std::string& purpose) {
  if (purpose.empty()) {
    return Error::invalid("person.purpose_required", "查詢個人資料須填寫查詢事由",
                          "a purpose is required to look a person up");
  }
  if (purpose.size() > kMaxPurposeBytes) {
    return Error::invalid("person.purpose_too_long", "查詢事由過長（上限 200 位元組）",
                          "purpose too long (200 bytes at most)");
  }
  return {};
}

}  // namespace

core::Result<HouseholdView> PersonService::household(const Actor& actor, const RequestContext& ctx,
                                                     const std::string& household_no,
                                                     const std::string& raw_purpose) {
  const std::string purpose = trim(raw_purpose);
  HUJI_TRY(check_purpose(purpose));
  if (household_no.empty() || household_no.size() > 16) {
    return Error::invalid("household.number", "戶號格式錯誤", "malformed household number");
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  const std::string subject = "戶:" + household_no;
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"household.read", subject, purpose, "denied"}));
    HUJI_TRY(tx->commit());
    return errors::forbidden("household.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto hh, tx->find_household(household_no));
  if (!hh) {
    HUJI_TRY(
        append_audit(*tx, clock_, actor, ctx, {"household.read", subject, purpose, "not_found"}));
    HUJI_TRY(tx->commit());
    return Error::not_found("household.not_found", "查無此戶號之戶籍資料",
                            "no household with that number is in the register");
  }
  HouseholdView v;
  v.household = std::move(*hh);
  HUJI_ASSIGN_OR_RETURN(v.door_plate, tx->find_door_plate(v.household.door_plate_id));
  HUJI_ASSIGN_OR_RETURN(v.members, tx->household_members(household_no));
  // The household under its number, and every member shown under their own ID number: an
  // auditor asking who saw a person finds household views too.
  std::vector<AuditRecord> records{{"household.read", subject, purpose, "ok"}};
  for (const auto& m : v.members) records.push_back({"household.read", m.id_number, purpose, "ok"});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return v;
}

core::Result<std::vector<HouseholdView>> PersonService::at_door_plate(
    const Actor& actor, const RequestContext& ctx, int64_t door_plate_id,
    const std::string& raw_purpose) {
  const std::string purpose = trim(raw_purpose);
  HUJI_TRY(check_purpose(purpose));
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  const std::string subject = "門牌:" + std::to_string(door_plate_id);
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    HUJI_TRY(
        append_audit(*tx, clock_, actor, ctx, {"door_plate.read", subject, purpose, "denied"}));
    HUJI_TRY(tx->commit());
    return errors::forbidden("door_plate.read");
  }
  HUJI_ASSIGN_OR_RETURN(auto plate, tx->find_door_plate(door_plate_id));
  if (!plate) {
    HUJI_TRY(
        append_audit(*tx, clock_, actor, ctx, {"door_plate.read", subject, purpose, "not_found"}));
    HUJI_TRY(tx->commit());
    return Error::not_found("person.door_plate_not_found",
                            "查無門牌編號 " + std::to_string(door_plate_id),
                            "no door plate " + std::to_string(door_plate_id));
  }
  std::vector<HouseholdView> out;
  std::vector<AuditRecord> records;
  HUJI_ASSIGN_OR_RETURN(auto households, tx->households_at_door_plate(door_plate_id));
  for (auto& h : households) {
    HouseholdView v;
    v.household = std::move(h);
    v.door_plate = plate;
    HUJI_ASSIGN_OR_RETURN(v.members, tx->household_members(v.household.household_no));
    for (const auto& m : v.members) {
      records.push_back({"door_plate.read", m.id_number, purpose, "ok"});
    }
    out.push_back(std::move(v));
  }
  records.push_back({"door_plate.read", subject, purpose, "ok"});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return out;
}

core::Result<PersonMatches> PersonService::search_by_name(const Actor& actor,
                                                          const RequestContext& ctx,
                                                          const NameSearch& q) {
  const std::string purpose = trim(q.purpose);
  HUJI_TRY(check_purpose(purpose));
  const std::string name = trim(q.name);
  if (name.empty()) {
    return Error::invalid("search.name_required", "請輸入姓名", "a name is required");
  }
  constexpr size_t kMaxNameBytes = 120;
  if (name.size() > kMaxNameBytes) {
    return Error::invalid("search.name_too_long", "姓名過長", "name too long");
  }
  std::optional<std::string> birth_date, household_no;
  std::string subject = "姓名:" + name;
  if (!q.birth_date.empty()) {
    auto d = core::Date::parse_iso(q.birth_date);
    if (!d.ok()) {
      return Error::invalid("search.birth_date", "出生日期格式錯誤（YYYY-MM-DD）",
                            "malformed birth date (YYYY-MM-DD)");
    }
    birth_date = d->to_iso();
    subject += ";出生:" + *birth_date;
  }
  if (!q.household_no.empty()) {
    if (q.household_no.size() > 16) {
      return Error::invalid("household.number", "戶號格式錯誤", "malformed household number");
    }
    household_no = q.household_no;
    subject += ";戶:" + q.household_no;
  }
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, {"person.search", subject, purpose, "denied"}));
    HUJI_TRY(tx->commit());
    return errors::forbidden("person.search");
  }
  PersonMatches m;
  HUJI_ASSIGN_OR_RETURN(m.persons,
                        tx->persons_named(name, birth_date, household_no, kMaxMatches + 1));
  if (m.persons.size() > kMaxShown) {
    m.persons.resize(kMaxShown);
    m.truncated = true;
  }
  // The search under what was asked, and every person shown under their own ID number.
  std::vector<AuditRecord> records{
      {"person.search", subject, purpose, m.persons.empty() ? "not_found" : "ok"}};
  for (const auto& p : m.persons) records.push_back({"person.search", p.id_number, purpose, "ok"});
  HUJI_TRY(append_audit(*tx, clock_, actor, ctx, records));
  HUJI_TRY(tx->commit());
  return m;
}

core::Result<DoorPlateMatches> PersonService::search_by_address(const Actor& actor,
                                                                const RequestContext& ctx,
                                                                const std::string& address_text,
                                                                const std::string& raw_purpose) {
  const std::string purpose = trim(raw_purpose);
  HUJI_TRY(check_purpose(purpose));
  if (trim(address_text).empty()) {
    return Error::invalid("search.address_required", "請輸入地址", "an address is required");
  }
  auto parsed = core::Address::parse(address_text);
  if (!parsed.ok()) {
    Error e = parsed.error();
    e.kind = ErrorKind::kUnprocessable;
    return e;
  }
  DoorPlateMatches m;
  m.address = std::move(*parsed);
  const std::string subject = "地址:" + m.address.format();
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    HUJI_TRY(
        append_audit(*tx, clock_, actor, ctx, {"door_plate.search", subject, purpose, "denied"}));
    HUJI_TRY(tx->commit());
    return errors::forbidden("door_plate.search");
  }
  HUJI_ASSIGN_OR_RETURN(auto plates, tx->door_plates_at(m.address, kMaxMatches + 1));
  if (plates.size() > kMaxShown) {
    plates.resize(kMaxShown);
    m.truncated = true;
  }
  for (auto& plate : plates) {
    DoorPlateMatch match;
    HUJI_ASSIGN_OR_RETURN(auto households, tx->households_at_door_plate(plate.id));
    for (const auto& h : households) match.household_nos.push_back(h.household_no);
    match.plate = std::move(plate);
    m.plates.push_back(std::move(match));
  }
  HUJI_TRY(
      append_audit(*tx, clock_, actor, ctx,
                   {"door_plate.search", subject, purpose, m.plates.empty() ? "not_found" : "ok"}));
  HUJI_TRY(tx->commit());
  return m;
}

core::Result<AgeBands> PersonService::age_bands(const Actor& actor, const std::string& office_code,
                                                core::Date on) {
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson) &&
      !domain::role_has(actor.role, domain::Permission::kReadKpi)) {
    return errors::forbidden("statistics.age_bands");
  }
  AgeBands bands;
  bands.office_code = office_code.empty() ? actor.office_code : office_code;
  bands.on = on;
  HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
  HUJI_ASSIGN_OR_RETURN(auto office, tx->find_office(bands.office_code));
  if (!office) {
    return Error::not_found("office.not_found", "查無戶政事務所 " + bands.office_code,
                            "no office " + bands.office_code);
  }
  HUJI_ASSIGN_OR_RETURN(auto counts, tx->age_counts(bands.office_code, on));
  // Per village, the male bands then the female ones: one row for suppression.
  constexpr auto kBands = static_cast<size_t>(AgeBands::kBands);
  std::vector<std::pair<std::string, std::vector<int64_t>>> rows;
  for (const auto& c : counts) {
    if (rows.empty() || rows.back().first != c.village) {
      rows.emplace_back(c.village, std::vector<int64_t>(2 * kBands, 0));
    }
    const auto band = static_cast<size_t>(std::clamp(c.age / 5, 0, AgeBands::kBands - 1));
    rows.back().second[(c.sex == core::Sex::kFemale ? kBands : 0) + band] += c.count;
  }
  for (auto& [village, cells] : rows) {
    SuppressedRow row = suppress_small_cells(cells);
    VillageAgeBands v;
    v.village = std::move(village);
    const auto half = row.cells.begin() + static_cast<std::ptrdiff_t>(kBands);
    v.male.assign(row.cells.begin(), half);
    v.female.assign(half, row.cells.end());
    v.total = row.total;
    v.withheld = row.withheld;
    bands.villages.push_back(std::move(v));
  }
  return bands;
}

namespace {

const char* lookup_action(PersonViewKind kind) {
  return kind == PersonViewKind::kSummary ? "person.read_summary" : "person.read";
}

// The ID numbers a full view shows besides the subject's — father, mother, spouse, the
// household's head and members — each once, in the order shown. A summary shows none.
std::vector<std::string> others_shown(const PersonView& v) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    if (id.empty() || id == v.person.id_number) return;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  for (const auto* ref : {&v.father, &v.mother, &v.spouse}) {
    if (*ref) add((*ref)->id_number);
  }
  if (v.household) add(v.household->head_id);
  for (const auto& m : v.members) add(m.id_number);
  return ids;
}

}  // namespace

PersonService::LookupRead PersonService::read_for_lookup(const Actor& actor,
                                                         const std::string& id_number,
                                                         const std::string& raw_purpose,
                                                         PersonViewKind kind) {
  LookupRead r{PersonView{}, "", "", trim(raw_purpose)};
  if (auto bad = check_purpose(r.purpose); !bad.ok()) {
    r.view = std::move(bad).take_error();
    return r;
  }
  auto id = core::IdNumber::parse(id_number);
  if (!id.ok()) {
    Error e = id.error();
    e.kind = ErrorKind::kUnprocessable;
    r.view = std::move(e);
    return r;
  }
  r.subject = id->str();
  if (!domain::role_has(actor.role, domain::Permission::kReadPerson)) {
    // A refused attempt is recorded too: the auditor asks who tried, not only who saw.
    r.outcome = "denied";
    r.view = errors::forbidden(lookup_action(kind));
    return r;
  }
  // The audit entry is what must be durable before anything is shown; the reads need no
  // write lock, so they run on a pooled read transaction.
  auto read = [&]() -> core::Result<PersonView> {
    PersonView v;
    v.kind = kind;
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kRead));
    auto not_found = [&] {
      r.outcome = "not_found";
      return Error::not_found("person.not_found", "查無此統一編號之戶籍資料",
                              "no one with that ID number is in the register");
    };
    if (kind == PersonViewKind::kSummary) {
      HUJI_ASSIGN_OR_RETURN(auto person, tx->find_person(r.subject));
      if (!person) return not_found();
      v.person = std::move(*person);
      r.outcome = "ok";
      return v;
    }
    HUJI_ASSIGN_OR_RETURN(auto record, tx->read_person_record(r.subject));
    if (!record) return not_found();
    v.person = std::move(record->person);
    // A parent or spouse outside the register (or not found) keeps the name on the record.
    auto ref = [](const std::optional<std::string>& pid, const std::optional<domain::Person>& p,
                  const std::string& fallback_name) -> std::optional<PersonRef> {
      if (!pid) {
        if (fallback_name.empty()) return std::nullopt;
        return PersonRef{"", fallback_name};
      }
      return PersonRef{*pid, p ? p->name : fallback_name};
    };
    v.father = ref(v.person.father_id, record->father, v.person.father_name);
    v.mother = ref(v.person.mother_id, record->mother, v.person.mother_name);
    v.spouse = ref(v.person.spouse_id, record->spouse, "");
    v.household = std::move(record->household);
    v.door_plate = std::move(record->door_plate);
    v.members = std::move(record->members);
    v.events = std::move(record->events);
    r.outcome = "ok";
    return v;
  };
  r.view = read();
  return r;
}

std::vector<AuditRecord> PersonService::LookupRead::audit_records(PersonViewKind kind) const {
  std::vector<AuditRecord> records;
  if (outcome.empty()) return records;
  records.push_back({lookup_action(kind), subject, purpose, outcome});
  // Computed from the view answered, so no one is shown without an entry of their own.
  if (view.ok()) {
    for (auto& id : others_shown(*view)) {
      records.push_back({kLookupRelatedAction, std::move(id), purpose, "ok"});
    }
  }
  return records;
}

core::Result<PersonView> PersonService::lookup(const Actor& actor, const RequestContext& ctx,
                                               const std::string& id_number,
                                               const std::string& purpose, PersonViewKind kind) {
  LookupRead r = read_for_lookup(actor, id_number, purpose, kind);
  if (!r.outcome.empty()) {
    HUJI_ASSIGN_OR_RETURN(auto tx, store_.begin(TxMode::kWrite));
    HUJI_TRY(append_audit(*tx, clock_, actor, ctx, r.audit_records(kind)));
    HUJI_TRY(tx->commit());
  }
  return std::move(r.view);
}

void PersonService::lookup_async(const Actor& actor, const RequestContext& ctx,
                                 const std::string& id_number, const std::string& purpose,
                                 PersonViewKind kind, const Prepare& prepare) {
  if (!queue_) {
    prepare(lookup(actor, ctx, id_number, purpose, kind))(core::Status());
    return;
  }
  LookupRead r = read_for_lookup(actor, id_number, purpose, kind);
  std::vector<AuditRecord> records = r.audit_records(kind);
  Release release = prepare(std::move(r.view));
  // The subject's entry and those of everyone else shown, in one journal append.
  queue_->submit(actor, ctx, std::move(records), std::move(release));
}

}  // namespace huji::service
