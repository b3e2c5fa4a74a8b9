#include "store/postgres/pg_store.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "store/migrations/migrations.h"
#include "store/rows.h"
#include "store/shared_sql.h"
#include "store/postgres/pg_db.h"

namespace huji::store::postgres {

using core::Error;
using core::ErrorKind;
using core::Result;
using core::Status;
using domain::Event;
using domain::Household;
using domain::Person;
using service::AuditEntry;
using service::SessionRecord;
using service::UserRecord;

namespace {

// Advisory lock keys ("hujiWRIT", "hujiMIGR"): one for the writers' queue, one for migrations.
constexpr int64_t kWriterLock = 0x68756a6957524954;
constexpr int64_t kMigrationLock = 0x68756a694d494752;

// Rows fetched per page by the full scans (keyset pagination: bounded memory, and the visitor
// may use the transaction between pages).
constexpr int kScanPage = 1000;

Error corrupt(const std::string& what) {
  return Error::make(ErrorKind::kInternal, "store.corrupt", "資料庫內容毀損：" + what,
                     "stored data is corrupt: " + what);
}

Error busy() {
  return Error::make(ErrorKind::kUnavailable, "store.busy", "資料庫忙碌中，請稍後再試",
                     "the database is busy, try again");
}

Error aborted() {
  return Error::make(ErrorKind::kInternal, "store.aborted",
                     "交易中有操作失敗，整筆交易已復原，未寫入任何資料",
                     "a statement of this transaction failed; the whole transaction was rolled "
                     "back and nothing was written");
}

Error ended() {
  return Error::make(ErrorKind::kInternal, "store.ended", "交易已結束",
                     "the transaction has already ended");
}

Result<core::Date> date_col(const Statement& s, int col) {
  return core::Date::parse_iso(s.text(col));
}

std::string map_json(const std::map<std::string, std::string>& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j.dump();
}

constexpr const char* kPersonColumns =
    "id_number, name, sex, birth_date, birth_place, father_id, mother_id, spouse_id, "
    "father_name, mother_name, indigenous, status, removal_reason, household_no, relation, "
    "birth_order, version";

Result<Person> read_person(const Statement& s) {
  Person p;
  p.id_number = s.text(0);
  p.name = s.text(1);
  p.sex = s.text(2) == "M" ? core::Sex::kMale : core::Sex::kFemale;
  HUJI_ASSIGN_OR_RETURN(p.birth_date, date_col(s, 3));
  p.birth_place = s.text(4);
  p.father_id = s.opt_text(5);
  p.mother_id = s.opt_text(6);
  p.spouse_id = s.opt_text(7);
  p.father_name = s.text(8);
  p.mother_name = s.text(9);
  p.indigenous = s.text(10);
  p.status = s.text(11) == "active" ? domain::PersonStatus::kActive
                                    : domain::PersonStatus::kRemoved;
  p.removal_reason = s.text(12);
  p.household_no = s.text(13);
  p.relation = s.text(14);
  p.birth_order = static_cast<int>(s.int64(15));
  p.version = s.int64(16);
  return p;
}

constexpr const char* kUserColumns =
    "id, username, display_name, role, office_code, password_hash, failed_logins, "
    "locked_until_ms, active, created_ms";

UserRecord read_user(const Statement& s) {
  UserRecord u;
  u.id = s.int64(0);
  u.username = s.text(1);
  u.display_name = s.text(2);
  u.role = domain::role_from_code(s.text(3)).value_or(domain::Role::kClerk);
  u.office_code = s.text(4);
  u.password_hash = s.text(5);
  u.failed_logins = static_cast<int>(s.int64(6));
  u.locked_until_ms = s.int64(7);
  u.active = s.boolean(8);
  u.created_ms = s.int64(9);
  return u;
}

// One element of a text array literal: always quoted, with " and \ escaped.
std::string pg_array_element(std::string_view v) {
  std::string out;
  out.reserve(v.size() + 2);
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

AuditEntry read_audit(const Statement& s) {
  AuditEntry a;
  a.seq = s.int64(0);
  a.at_ms = s.int64(1);
  a.username = s.text(2);
  a.role = s.text(3);
  a.office_code = s.text(4);
  a.action = s.text(5);
  a.subject_id = s.text(6);
  a.purpose = s.text(7);
  a.request_id = s.text(8);
  a.outcome = s.text(9);
  a.prev_hash = s.text(10);
  a.hash = s.text(11);
  return a;
}

constexpr const char* kEventColumns =
    "seq, type, subject_id, household_no, event_date, registered_on, office_code, data, "
    "corrects_seq";

Result<Event> read_event(const Statement& st) {
  Event e;
  e.seq = st.int64(0);
  auto type = domain::event_type_from_code(st.text(1));
  if (!type) return corrupt("unknown event type " + st.text(1));
  e.type = *type;
  e.subject_id = st.text(2);
  e.household_no = st.text(3);
  HUJI_ASSIGN_OR_RETURN(e.event_date, date_col(st, 4));
  HUJI_ASSIGN_OR_RETURN(e.registered_on, date_col(st, 5));
  e.office_code = st.text(6);
  auto data = nlohmann::json::parse(st.text(7), nullptr, false);
  if (data.is_discarded() || !data.is_object()) return corrupt("event data");
  for (auto& [k, v] : data.items()) {
    if (v.is_string()) e.data[k] = v.get<std::string>();
  }
  if (!st.is_null(8)) e.corrects_seq = st.int64(8);
  return e;
}

constexpr const char* kHouseholdColumns =
    "household_no, office_code, door_plate_id, head_id, established, version";

Result<Household> read_household(const Statement& st) {
  Household h;
  h.household_no = st.text(0);
  h.office_code = st.text(1);
  h.door_plate_id = st.int64(2);
  h.head_id = st.text(3);
  HUJI_ASSIGN_OR_RETURN(h.established, date_col(st, 4));
  h.version = st.int64(5);
  return h;
}

// Every column but id, in the order bind_application binds them.
constexpr const char* kApplicationFields =
    "office_code, type, status, subject_id, event_date, fields, applicant_name, "
    "applicant_id, applicant_relation, identity_check, entered_by, entered_ms, "
    "expected_versions, deadline, days_late, fine_min, fine_max, reviewed_by, reviewed_ms, "
    "review_note, fine_decided, registered_on, first_event_seq, last_event_seq, "
    "result_subject_id, sample_result, sample_reason, sampled_by, sampled_ms, version, undo, "
    "revoked_by";

// Binds the 32 columns of kApplicationFields to $base … $base+31.
void bind_application(Statement& st, const service::ApplicationRecord& a, int base) {
  nlohmann::json versions = nlohmann::json::object();
  for (const auto& [k, v] : a.expected_versions) versions[k] = v;
  const int b = base - 1;
  st.bind(b + 1, a.office_code).bind(b + 2, a.type).bind(b + 3, a.status)
      .bind(b + 4, a.subject_id).bind(b + 5, a.event_date).bind(b + 6, map_json(a.fields))
      .bind(b + 7, a.applicant_name).bind(b + 8, a.applicant_id)
      .bind(b + 9, a.applicant_relation).bind(b + 10, a.identity_check)
      .bind(b + 11, a.entered_by).bind(b + 12, a.entered_ms).bind(b + 13, versions.dump())
      .bind(b + 14, a.deadline).bind(b + 15, a.days_late).bind(b + 16, a.fine_min)
      .bind(b + 17, a.fine_max).bind(b + 18, a.reviewed_by).bind(b + 19, a.reviewed_ms)
      .bind(b + 20, a.review_note);
  if (a.fine_decided) st.bind(b + 21, *a.fine_decided); else st.bind_null(b + 21);
  st.bind(b + 22, a.registered_on).bind(b + 23, a.first_event_seq)
      .bind(b + 24, a.last_event_seq).bind(b + 25, a.result_subject_id)
      .bind(b + 26, a.sample_result).bind(b + 27, a.sample_reason).bind(b + 28, a.sampled_by)
      .bind(b + 29, a.sampled_ms).bind(b + 30, a.version).bind(b + 31, map_json(a.undo))
      .bind(b + 32, a.revoked_by);
}

// Reads "id, " + kApplicationFields.
Result<service::ApplicationRecord> read_application(const Statement& st) {
  service::ApplicationRecord a;
  a.id = st.int64(0);
  a.office_code = st.text(1);
  a.type = st.text(2);
  a.status = st.text(3);
  a.subject_id = st.text(4);
  a.event_date = st.text(5);
  auto fields = nlohmann::json::parse(st.text(6), nullptr, false);
  auto versions = nlohmann::json::parse(st.text(13), nullptr, false);
  if (!fields.is_object() || !versions.is_object()) return corrupt("application json");
  for (auto& [k, v] : fields.items()) {
    if (v.is_string()) a.fields[k] = v.get<std::string>();
  }
  for (auto& [k, v] : versions.items()) {
    if (v.is_number_integer()) a.expected_versions[k] = v.get<int64_t>();
  }
  a.applicant_name = st.text(7);
  a.applicant_id = st.text(8);
  a.applicant_relation = st.text(9);
  a.identity_check = st.text(10);
  a.entered_by = st.text(11);
  a.entered_ms = st.int64(12);
  a.deadline = st.text(14);
  a.days_late = static_cast<int>(st.int64(15));
  a.fine_min = static_cast<int>(st.int64(16));
  a.fine_max = static_cast<int>(st.int64(17));
  a.reviewed_by = st.text(18);
  a.reviewed_ms = st.int64(19);
  a.review_note = st.text(20);
  if (!st.is_null(21)) a.fine_decided = static_cast<int>(st.int64(21));
  a.registered_on = st.text(22);
  a.first_event_seq = st.int64(23);
  a.last_event_seq = st.int64(24);
  a.result_subject_id = st.text(25);
  a.sample_result = st.text(26);
  a.sample_reason = st.text(27);
  a.sampled_by = st.text(28);
  a.sampled_ms = st.int64(29);
  a.version = st.int64(30);
  auto undo = nlohmann::json::parse(st.text(31), nullptr, false);
  if (!undo.is_object()) return corrupt("application undo");
  for (auto& [k, v] : undo.items()) {
    if (v.is_string()) a.undo[k] = v.get<std::string>();
  }
  a.revoked_by = st.int64(32);
  return a;
}

// Every column but id, in the order bind_nationality binds them.
constexpr const char* kNationalityFields =
    "office_code, kind, person_name, id_number, approval_letter_date, registration_due, "
    "registered_on, proof_of_loss_due, proof_of_loss_received, created_by, created_ms, version";

// Binds the 12 columns of kNationalityFields to $base … $base+11.
void bind_nationality(Statement& st, const service::NationalityCase& c, int base) {
  const int b = base - 1;
  st.bind(b + 1, c.office_code).bind(b + 2, c.kind).bind(b + 3, c.person_name)
      .bind(b + 4, c.id_number).bind(b + 5, c.approval_letter_date)
      .bind(b + 6, c.registration_due).bind(b + 7, c.registered_on)
      .bind(b + 8, c.proof_of_loss_due).bind(b + 9, c.proof_of_loss_received)
      .bind(b + 10, c.created_by).bind(b + 11, c.created_ms).bind(b + 12, c.version);
}

// Reads "id, " + kNationalityFields.
service::NationalityCase read_nationality(const Statement& st) {
  service::NationalityCase c;
  c.id = st.int64(0);
  c.office_code = st.text(1);
  c.kind = st.text(2);
  c.person_name = st.text(3);
  c.id_number = st.text(4);
  c.approval_letter_date = st.text(5);
  c.registration_due = st.text(6);
  c.registered_on = st.text(7);
  c.proof_of_loss_due = st.text(8);
  c.proof_of_loss_received = st.text(9);
  c.created_by = st.text(10);
  c.created_ms = st.int64(11);
  c.version = st.int64(12);
  return c;
}

constexpr const char* kDoorPlateColumns =
    "id, office_code, county, district, village, neighborhood, road, section, lane, alley, "
    "number, floor, abolished";

domain::DoorPlate read_door_plate(const Statement& st) {
  domain::DoorPlate p;
  p.id = st.int64(0);
  p.office_code = st.text(1);
  p.address.county = st.text(2);
  p.address.district = st.text(3);
  p.address.village = st.text(4);
  p.address.neighborhood = st.text(5);
  p.address.road = st.text(6);
  p.address.section = st.text(7);
  p.address.lane = st.text(8);
  p.address.alley = st.text(9);
  p.address.number = st.text(10);
  p.address.floor = st.text(11);
  p.abolished = st.boolean(12);
  return p;
}

std::string sql(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (auto p : parts) s += p;
  return s;
}

// Reads made one at a time and, for a person's full record, together in one pipeline.
const std::string kPersonByIdSql =
    sql({"SELECT ", kPersonColumns, " FROM persons WHERE id_number = $1"});
const std::string kHouseholdByNoSql =
    sql({"SELECT ", kHouseholdColumns, " FROM households WHERE household_no = $1"});
const std::string kHouseholdMembersSql =
    sql({"SELECT ", kPersonColumns,
         " FROM persons WHERE household_no = $1 ORDER BY (relation <> '戶長'), birth_date"});
const std::string kEventsOfSql =
    sql({"SELECT ", kEventColumns, " FROM events WHERE subject_id = $1 ORDER BY seq"});
const std::string kDoorPlateOfHouseholdSql =
    sql({"SELECT ", kDoorPlateColumns, " FROM door_plates WHERE id = "
         "(SELECT door_plate_id FROM households WHERE household_no = $1)"});

class PgTransaction final : public service::Transaction {
 public:
  PgTransaction(PgStore* store, std::unique_ptr<Connection> c,
                std::unique_lock<std::timed_mutex> writer)
      : store_(store), c_(std::move(c)), writer_(std::move(writer)) {}

  ~PgTransaction() override {
    // release() rolls back whatever is still open.
    if (c_) store_->release(std::move(c_));
  }

  Status commit() override {
    if (!c_) return ended();
    Status s;
    if (c_->in_failed_transaction()) {
      s = aborted();
    } else {
      auto tag = c_->exec("COMMIT");
      // COMMIT of a transaction in error "succeeds" with the tag ROLLBACK.
      if (!tag.ok()) {
        s = std::move(tag).take_error();
      } else if (*tag != "COMMIT") {
        s = aborted();
      }
    }
    // The connection and the writers' lock are free as soon as the outcome is known.
    store_->release(std::move(c_));
    if (writer_.owns_lock()) writer_.unlock();
    return s;
  }

  Status put_office(const domain::Office& o) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO offices (code, name, county, district, address) VALUES ($1,$2,$3,$4,$5) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, county = excluded.county, "
        "district = excluded.district, address = excluded.address"));
    return st.bind(1, o.code).bind(2, o.name).bind(3, o.county).bind(4, o.district)
        .bind(5, o.address).run();
  }

  Result<std::optional<domain::Office>> find_office(const std::string& code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT code, name, county, district, address FROM offices WHERE code = $1"));
    st.bind(1, code);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::Office>();
    return std::optional<domain::Office>(
        domain::Office{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  }

  Status put_village(const domain::Village& v) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO villages (office_code, name, neighborhoods) VALUES ($1,$2,$3) "
        "ON CONFLICT (office_code, name) DO UPDATE SET neighborhoods = excluded.neighborhoods"));
    return st.bind(1, v.office_code).bind(2, v.name).bind(3, v.neighborhoods).run();
  }

  Result<std::vector<domain::Village>> list_villages(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT office_code, name, neighborhoods FROM villages WHERE office_code = $1 "
        "ORDER BY name"));
    st.bind(1, office);
    std::vector<domain::Village> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back({st.text(0), st.text(1), static_cast<int>(st.int64(2))});
    }
    return out;
  }

  Status put_door_plate(const domain::DoorPlate& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO door_plates (id, office_code, county, district, village, neighborhood, "
        "road, section, lane, alley, number, floor, full_text, abolished) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) "
        "ON CONFLICT (id) DO UPDATE SET abolished = excluded.abolished"));
    const core::Address& a = p.address;
    return st.bind(1, p.id).bind(2, p.office_code).bind(3, a.county).bind(4, a.district)
        .bind(5, a.village).bind(6, a.neighborhood).bind(7, a.road).bind(8, a.section)
        .bind(9, a.lane).bind(10, a.alley).bind(11, a.number).bind(12, a.floor)
        .bind(13, a.format()).bind(14, p.abolished).run();
  }

  Result<std::optional<domain::DoorPlate>> find_door_plate(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kDoorPlateColumns,
                                             " FROM door_plates WHERE id = $1"})));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::DoorPlate>();
    return std::optional<domain::DoorPlate>(read_door_plate(st));
  }

  Result<std::optional<domain::DoorPlate>> find_door_plate_by_address(
      const std::string& full_text) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"SELECT ", kDoorPlateColumns,
         " FROM door_plates WHERE full_text = $1 ORDER BY abolished, id LIMIT 1"})));
    st.bind(1, full_text);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::DoorPlate>();
    return std::optional<domain::DoorPlate>(read_door_plate(st));
  }

  Result<int64_t> insert_user(const UserRecord& u) override {
    // ON CONFLICT: a taken username is an expected answer and must not abort the transaction.
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO users (username, display_name, role, office_code, password_hash, "
        "failed_logins, locked_until_ms, active, created_ms) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (username) DO NOTHING RETURNING id"));
    st.bind(1, u.username).bind(2, u.display_name).bind(3, domain::role_code(u.role))
        .bind(4, u.office_code).bind(5, u.password_hash).bind(6, u.failed_logins)
        .bind(7, u.locked_until_ms).bind(8, u.active).bind(9, u.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return Error::make(ErrorKind::kConflict, "user.exists", "帳號已存在：" + u.username,
                         "username already taken: " + u.username);
    }
    return st.int64(0);
  }

  Result<std::optional<UserRecord>> find_user(const std::string& username) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kUserColumns,
                                             " FROM users WHERE username = $1"})));
    st.bind(1, username);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<UserRecord>();
    return std::optional<UserRecord>(read_user(st));
  }

  Result<std::optional<UserRecord>> find_user_by_id(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kUserColumns,
                                             " FROM users WHERE id = $1"})));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<UserRecord>();
    return std::optional<UserRecord>(read_user(st));
  }

  Status update_login_state(int64_t user_id, int failed, int64_t locked_until_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "UPDATE users SET failed_logins = $2, locked_until_ms = $3 WHERE id = $1"));
    return st.bind(1, user_id).bind(2, failed).bind(3, locked_until_ms).run();
  }

  Status insert_session(const SessionRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms, revoked) "
        "VALUES ($1,$2,$3,$4,$5)"));
    return st.bind(1, s.token_hash).bind(2, s.user_id).bind(3, s.created_ms)
        .bind(4, s.expires_ms).bind(5, s.revoked).run();
  }

  Result<std::optional<SessionRecord>> find_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT token_hash, user_id, created_ms, expires_ms, revoked FROM sessions "
        "WHERE token_hash = $1"));
    st.bind(1, hash);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(
        SessionRecord{st.text(0), st.int64(1), st.int64(2), st.int64(3), st.boolean(4)});
  }

  Status revoke_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st,
                          prep("UPDATE sessions SET revoked = true WHERE token_hash = $1"));
    return st.bind(1, hash).run();
  }

  Status put_person(const Person& p) override {
    // Insert or replace the whole row, as SQLite's INSERT OR REPLACE.
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO persons (", kPersonColumns,
         ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) "
         "ON CONFLICT (id_number) DO UPDATE SET name = excluded.name, sex = excluded.sex, "
         "birth_date = excluded.birth_date, birth_place = excluded.birth_place, "
         "father_id = excluded.father_id, mother_id = excluded.mother_id, "
         "spouse_id = excluded.spouse_id, father_name = excluded.father_name, "
         "mother_name = excluded.mother_name, indigenous = excluded.indigenous, "
         "status = excluded.status, removal_reason = excluded.removal_reason, "
         "household_no = excluded.household_no, relation = excluded.relation, "
         "birth_order = excluded.birth_order, version = excluded.version"})));
    return st.bind(1, p.id_number).bind(2, p.name).bind(3, sex_code(p.sex))
        .bind(4, p.birth_date.to_iso()).bind(5, p.birth_place).bind(6, p.father_id)
        .bind(7, p.mother_id).bind(8, p.spouse_id).bind(9, p.father_name)
        .bind(10, p.mother_name).bind(11, p.indigenous)
        .bind(12, p.status == domain::PersonStatus::kActive ? "active" : "removed")
        .bind(13, p.removal_reason).bind(14, p.household_no).bind(15, p.relation)
        .bind(16, p.birth_order).bind(17, p.version).run();
  }

  Result<std::optional<Person>> find_person(const std::string& id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kPersonByIdSql));
    st.bind(1, id);
    return first_row<Person>(st, read_person);
  }

  // Two round trips instead of eight: the person, then — all depending only on the person's
  // row — parents, spouse, household, its door plate, members and events in one pipeline.
  Result<std::optional<service::PersonRecord>> read_person_record(
      const std::string& id) override {
    HUJI_ASSIGN_OR_RETURN(auto person, find_person(id));
    if (!person) return std::optional<service::PersonRecord>();
    service::PersonRecord r;
    r.person = std::move(*person);
    std::vector<Statement*> batch;
    std::optional<Statement> father, mother, spouse, household, plate, members;
    auto add = [&](std::optional<Statement>& slot, const std::string& text,
                   const std::string& key) -> Status {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(text));
      slot.emplace(std::move(st));
      slot->bind(1, key);
      batch.push_back(&*slot);
      return {};
    };
    if (r.person.father_id) HUJI_TRY(add(father, kPersonByIdSql, *r.person.father_id));
    if (r.person.mother_id) HUJI_TRY(add(mother, kPersonByIdSql, *r.person.mother_id));
    if (r.person.spouse_id) HUJI_TRY(add(spouse, kPersonByIdSql, *r.person.spouse_id));
    const std::string& no = r.person.household_no;
    if (!no.empty()) {
      HUJI_TRY(add(household, kHouseholdByNoSql, no));
      HUJI_TRY(add(plate, kDoorPlateOfHouseholdSql, no));
      HUJI_TRY(add(members, kHouseholdMembersSql, no));
    }
    std::optional<Statement> events;
    HUJI_TRY(add(events, kEventsOfSql, r.person.id_number));
    HUJI_TRY(c_->pipeline(batch));

    for (auto [st, into] : {std::pair{&father, &r.father}, std::pair{&mother, &r.mother},
                            std::pair{&spouse, &r.spouse}}) {
      if (*st) {
        HUJI_ASSIGN_OR_RETURN(*into, first_row<Person>(**st, read_person));
      }
    }
    if (household) {
      HUJI_ASSIGN_OR_RETURN(r.household, first_row<Household>(*household, read_household));
      if (r.household) {
        HUJI_ASSIGN_OR_RETURN(bool plate_row, plate->step());
        if (plate_row) r.door_plate = read_door_plate(*plate);
        HUJI_ASSIGN_OR_RETURN(r.members, collect_rows<Person>(*members, read_person));
      }
    }
    HUJI_ASSIGN_OR_RETURN(r.events, collect_rows<Event>(*events, read_event));
    return std::optional<service::PersonRecord>(std::move(r));
  }

  Result<std::vector<Person>> children_of(const std::string& parent_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"SELECT ", kPersonColumns, " FROM persons WHERE father_id = $1 UNION SELECT ",
         kPersonColumns, " FROM persons WHERE mother_id = $1 ORDER BY 1"})));
    st.bind(1, parent_id);
    return collect_rows<Person>(st, read_person);
  }

  Result<std::vector<Person>> household_members(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kHouseholdMembersSql));
    st.bind(1, no);
    return collect_rows<Person>(st, read_person);
  }

  Status put_household(const Household& h) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO households (", kHouseholdColumns, ") VALUES ($1,$2,$3,$4,$5,$6) "
         "ON CONFLICT (household_no) DO UPDATE SET office_code = excluded.office_code, "
         "door_plate_id = excluded.door_plate_id, head_id = excluded.head_id, "
         "established = excluded.established, version = excluded.version"})));
    return st.bind(1, h.household_no).bind(2, h.office_code).bind(3, h.door_plate_id)
        .bind(4, h.head_id).bind(5, h.established.to_iso()).bind(6, h.version).run();
  }

  Result<std::optional<Household>> find_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kHouseholdByNoSql));
    st.bind(1, no);
    return first_row<Household>(st, read_household);
  }

  Result<std::vector<Household>> households_at_door_plate(int64_t door_plate_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kHouseholdColumns,
                                             " FROM households WHERE door_plate_id = $1 ORDER BY household_no"})));
    st.bind(1, door_plate_id);
    return collect_rows<Household>(st, read_household);
  }

  Result<std::vector<service::AgeCount>> age_counts(const std::string& office_code,
                                                    core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT dp.village, p.sex, CAST(substr($2, 1, 4) AS INTEGER) - "
        "CAST(substr(p.birth_date, 1, 4) AS INTEGER) - "
        "CASE WHEN substr($2, 6, 5) < substr(p.birth_date, 6, 5) THEN 1 ELSE 0 END AS age, "
        "COUNT(*) FROM door_plates dp "
        "JOIN households h ON h.door_plate_id = dp.id "
        "JOIN persons p ON p.household_no = h.household_no "
        "WHERE dp.office_code = $1 AND p.status = 'active' "
        "GROUP BY dp.village, p.sex, age ORDER BY dp.village, p.sex, age"));
    st.bind(1, office_code).bind(2, on.to_iso());
    std::vector<service::AgeCount> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      service::AgeCount a;
      a.village = st.text(0);
      a.sex = st.text(1) == "F" ? core::Sex::kFemale : core::Sex::kMale;
      a.age = static_cast<int>(st.int64(2));
      a.count = st.int64(3);
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<int64_t> append_event(const Event& e) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO events (type, subject_id, household_no, event_date, registered_on, "
        "office_code, data, corrects_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING seq"));
    st.bind(1, domain::event_type_code(e.type)).bind(2, e.subject_id).bind(3, e.household_no)
        .bind(4, e.event_date.to_iso()).bind(5, e.registered_on.to_iso()).bind(6, e.office_code)
        .bind(7, map_json(e.data));
    if (e.corrects_seq) st.bind(8, *e.corrects_seq); else st.bind_null(8);
    return returned_id(st);
  }

  Result<std::vector<Event>> events_of(const std::string& person_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kEventsOfSql));
    st.bind(1, person_id);
    return collect_rows<Event>(st, read_event);
  }

  Status delete_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep("DELETE FROM households WHERE household_no = $1"));
    return st.bind(1, no).run();
  }

  Result<int64_t> max_id_serial(char letter, int first_digit) override {
    // ID numbers of one letter and first digit sort by their serial (the column's "C"
    // collation is byte order): the max is one probe of the primary key.
    const std::string lo = std::string(1, letter) + static_cast<char>('0' + first_digit);
    const std::string hi = std::string(1, letter) + static_cast<char>('0' + first_digit + 1);
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT MAX(id_number) FROM persons WHERE id_number >= $1 AND id_number < $2"));
    st.bind(1, lo).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return int64_t{-1};
    const std::string id = st.text(0);
    if (id.size() != 10) return corrupt("id number " + id);
    return static_cast<int64_t>(std::stoll(id.substr(2, 7)));
  }

  Result<std::string> max_household_no(const std::string& prefix) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        // Also the event log: a merged-away household's number must never come back.
        "SELECT MAX(n) FROM (SELECT MAX(household_no) AS n FROM households WHERE "
        "household_no >= $1 AND household_no < $2 UNION ALL SELECT MAX(household_no) FROM "
        "events WHERE household_no >= $1 AND household_no < $2) AS both_tables"));
    std::string hi = prefix;
    if (!hi.empty()) ++hi.back();
    st.bind(1, prefix).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return std::string();
    return st.text(0);
  }

  Status scan_events(const std::function<bool(const Event&)>& visit) override {
    int64_t after = std::numeric_limits<int64_t>::min();
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kEventColumns,
                                               " FROM events WHERE seq > $1 ORDER BY seq "
                                               "LIMIT $2"})));
      st.bind(1, after).bind(2, kScanPage);
      int rows = 0;
      for (;; ++rows) {
        HUJI_ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        HUJI_ASSIGN_OR_RETURN(Event e, read_event(st));
        after = e.seq;
        if (!visit(e)) return {};
      }
      if (rows < kScanPage) return {};
    }
  }

  Status scan_persons(const std::function<bool(const Person&)>& visit) override {
    std::optional<std::string> after;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
          {"SELECT ", kPersonColumns, " FROM persons WHERE ($1::text IS NULL OR id_number > $1) "
           "ORDER BY id_number LIMIT $2"})));
      st.bind(1, after).bind(2, kScanPage);
      int rows = 0;
      for (;; ++rows) {
        HUJI_ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        HUJI_ASSIGN_OR_RETURN(Person p, read_person(st));
        after = p.id_number;
        if (!visit(p)) return {};
      }
      if (rows < kScanPage) return {};
    }
  }

  Status scan_households(const std::function<bool(const Household&)>& visit) override {
    std::optional<std::string> after;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
          {"SELECT ", kHouseholdColumns, " FROM households WHERE ($1::text IS NULL OR "
           "household_no > $1) ORDER BY household_no LIMIT $2"})));
      st.bind(1, after).bind(2, kScanPage);
      int rows = 0;
      for (;; ++rows) {
        HUJI_ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        HUJI_ASSIGN_OR_RETURN(Household h, read_household(st));
        after = h.household_no;
        if (!visit(h)) return {};
      }
      if (rows < kScanPage) return {};
    }
  }

  Status clear_projections() override {
    HUJI_ASSIGN_OR_RETURN(auto persons, prep("DELETE FROM persons"));
    HUJI_TRY(persons.run());
    HUJI_ASSIGN_OR_RETURN(auto households, prep("DELETE FROM households"));
    return households.run();
  }

  Result<int64_t> insert_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO applications (", kApplicationFields, ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,"
         "$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,"
         "$30,$31,$32) RETURNING id"})));
    bind_application(st, a, 1);
    return returned_id(st);
  }

  Result<std::optional<service::ApplicationRecord>> find_application(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT id, ", kApplicationFields,
                                             " FROM applications WHERE id = $1"})));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::ApplicationRecord>();
    HUJI_ASSIGN_OR_RETURN(auto a, read_application(st));
    return std::optional<service::ApplicationRecord>(std::move(a));
  }

  Result<bool> update_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "UPDATE applications SET office_code=$2, type=$3, status=$4, subject_id=$5, "
        "event_date=$6, fields=$7, applicant_name=$8, applicant_id=$9, applicant_relation=$10, "
        "identity_check=$11, entered_by=$12, entered_ms=$13, expected_versions=$14, "
        "deadline=$15, days_late=$16, fine_min=$17, fine_max=$18, reviewed_by=$19, "
        "reviewed_ms=$20, review_note=$21, fine_decided=$22, registered_on=$23, "
        "first_event_seq=$24, last_event_seq=$25, result_subject_id=$26, sample_result=$27, "
        "sample_reason=$28, sampled_by=$29, sampled_ms=$30, version=$31, undo=$32, "
        "revoked_by=$33 WHERE id = $1 AND version = $31 - 1"));
    bind_application(st, a, 2);
    st.bind(1, a.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  Result<std::vector<service::ApplicationRecord>> list_applications(
      const service::ApplicationQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"SELECT id, ", kApplicationFields, " FROM applications WHERE office_code = $1 AND "
         "($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR entered_ms >= $3) AND "
         "($4::bigint IS NULL OR entered_ms < $4) ORDER BY id DESC LIMIT $5"})));
    st.bind(1, q.office_code).bind(2, q.status);
    if (q.entered_from_ms) st.bind(3, *q.entered_from_ms); else st.bind_null(3);
    if (q.entered_to_ms) st.bind(4, *q.entered_to_ms); else st.bind_null(4);
    st.bind(5, q.limit);
    return collect_rows<service::ApplicationRecord>(st, read_application);
  }

  Result<int64_t> insert_document(const service::DocumentRecord& d) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO application_documents (application_id, filename, mime, sha256, size, "
        "content, uploaded_by, uploaded_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id"));
    st.bind(1, d.application_id).bind(2, d.filename).bind(3, d.mime).bind(4, d.sha256)
        .bind(5, d.size).bind_blob(6, d.content).bind(7, d.uploaded_by).bind(8, d.uploaded_ms);
    return returned_id(st);
  }

  Result<std::vector<service::DocumentRecord>> list_documents(int64_t app,
                                                              bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        with_content ? "SELECT id, application_id, filename, mime, sha256, size, uploaded_by, "
                       "uploaded_ms, content FROM application_documents WHERE "
                       "application_id = $1 ORDER BY id"
                     : "SELECT id, application_id, filename, mime, sha256, size, uploaded_by, "
                       "uploaded_ms FROM application_documents WHERE application_id = $1 "
                       "ORDER BY id"));
    st.bind(1, app);
    std::vector<service::DocumentRecord> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      service::DocumentRecord d;
      d.id = st.int64(0);
      d.application_id = st.int64(1);
      d.filename = st.text(2);
      d.mime = st.text(3);
      d.sha256 = st.text(4);
      d.size = st.int64(5);
      d.uploaded_by = st.text(6);
      d.uploaded_ms = st.int64(7);
      if (with_content) d.content = st.blob(8);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::optional<service::IdempotencyRecord>> find_idempotency(
      const std::string& username, const std::string& key) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT username, key, operation, fingerprint, resource_id, created_ms "
        "FROM idempotency_keys WHERE username = $1 AND key = $2"));
    st.bind(1, username).bind(2, key);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::IdempotencyRecord>();
    return std::optional<service::IdempotencyRecord>(service::IdempotencyRecord{
        st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.int64(5)});
  }

  Status put_idempotency(const service::IdempotencyRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO idempotency_keys (username, key, operation, fingerprint, resource_id, "
        "created_ms) VALUES ($1,$2,$3,$4,$5,$6)"));
    return st.bind(1, r.username).bind(2, r.key).bind(3, r.operation).bind(4, r.fingerprint)
        .bind(5, r.resource_id).bind(6, r.created_ms).run();
  }

  Result<int64_t> insert_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO nationality_cases (", kNationalityFields,
         ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id"})));
    bind_nationality(st, c, 1);
    return returned_id(st);
  }

  Result<std::optional<service::NationalityCase>> find_nationality_case(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT id, ", kNationalityFields,
                                             " FROM nationality_cases WHERE id = $1"})));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::NationalityCase>();
    return std::optional<service::NationalityCase>(read_nationality(st));
  }

  Result<bool> update_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "UPDATE nationality_cases SET office_code=$2, kind=$3, person_name=$4, id_number=$5, "
        "approval_letter_date=$6, registration_due=$7, registered_on=$8, proof_of_loss_due=$9, "
        "proof_of_loss_received=$10, created_by=$11, created_ms=$12, version=$13 "
        "WHERE id = $1 AND version = $13 - 1"));
    bind_nationality(st, c, 2);
    st.bind(1, c.id);
    HUJI_TRY(st.run());
    return st.affected() == 1;
  }

  Result<std::vector<service::NationalityCase>> list_nationality_cases(
      const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"SELECT id, ", kNationalityFields,
         " FROM nationality_cases WHERE office_code = $1 ORDER BY registration_due, id"})));
    st.bind(1, office);
    std::vector<service::NationalityCase> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back(read_nationality(st));
    }
    return out;
  }

  Result<int64_t> insert_naturalization_test(const service::NaturalizationTest& t) override {
    // ON CONFLICT: a taken slot is an expected answer and must not abort the transaction.
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "INSERT INTO naturalization_tests (office_code, case_id, candidate_name, slot_date, "
        "slot_time, booked_by, created_ms) VALUES ($1,$2,$3,$4,$5,$6,$7) "
        "ON CONFLICT (office_code, slot_date, slot_time, candidate_name) DO NOTHING "
        "RETURNING id"));
    st.bind(1, t.office_code);
    if (t.case_id) st.bind(2, *t.case_id); else st.bind_null(2);
    st.bind(3, t.candidate_name).bind(4, t.slot_date).bind(5, t.slot_time).bind(6, t.booked_by)
        .bind(7, t.created_ms);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) {
      return Error::make(ErrorKind::kConflict, "nationality.test_slot_taken",
                         "此考生已預約該時段", "this candidate already holds that slot");
    }
    return st.int64(0);
  }

  Result<std::vector<service::NaturalizationTest>> list_naturalization_tests(
      const std::string& office, const std::string& from_date) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(
        "SELECT id, office_code, case_id, candidate_name, slot_date, slot_time, booked_by, "
        "created_ms FROM naturalization_tests WHERE office_code = $1 AND slot_date >= $2 "
        "ORDER BY slot_date, slot_time, id"));
    st.bind(1, office).bind(2, from_date);
    std::vector<service::NaturalizationTest> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      service::NaturalizationTest t;
      t.id = st.int64(0);
      t.office_code = st.text(1);
      if (!st.is_null(2)) t.case_id = st.int64(2);
      t.candidate_name = st.text(3);
      t.slot_date = st.text(4);
      t.slot_time = st.text(5);
      t.booked_by = st.text(6);
      t.created_ms = st.int64(7);
      out.push_back(std::move(t));
    }
    return out;
  }

  Result<std::optional<AuditEntry>> last_audit() override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kAuditColumns,
                                             " FROM audit ORDER BY seq DESC LIMIT 1"})));
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(read_audit(st));
  }

  Status append_audit(const AuditEntry& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO audit (", kAuditColumns,
         ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"})));
    return st.bind(1, a.seq).bind(2, a.at_ms).bind(3, a.username).bind(4, a.role)
        .bind(5, a.office_code).bind(6, a.action).bind(7, a.subject_id).bind(8, a.purpose)
        .bind(9, a.request_id).bind(10, a.outcome).bind(11, a.prev_hash).bind(12, a.hash)
        .run();
  }

  // One statement for the whole batch: twelve arrays unnested into rows, instead of a round
  // trip per entry.
  Status append_audits(const std::vector<AuditEntry>& entries) override {
    if (entries.empty()) return {};
    if (entries.size() == 1) return append_audit(entries.front());
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"INSERT INTO audit (", kAuditColumns, ") SELECT * FROM unnest("
         "$1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], "
         "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])"})));
    // The array literal of one column: `element` writes each entry's value.
    auto array = [&](auto field, auto element) {
      std::string out = "{";
      for (const AuditEntry& e : entries) {
        if (out.size() > 1) out += ',';
        out += element(e.*field);
      }
      return out + "}";
    };
    auto ints = [&](auto field) {
      return array(field, [](int64_t v) { return std::to_string(v); });
    };
    auto texts = [&](auto field) { return array(field, pg_array_element); };
    return st.bind(1, ints(&AuditEntry::seq)).bind(2, ints(&AuditEntry::at_ms))
        .bind(3, texts(&AuditEntry::username)).bind(4, texts(&AuditEntry::role))
        .bind(5, texts(&AuditEntry::office_code)).bind(6, texts(&AuditEntry::action))
        .bind(7, texts(&AuditEntry::subject_id)).bind(8, texts(&AuditEntry::purpose))
        .bind(9, texts(&AuditEntry::request_id)).bind(10, texts(&AuditEntry::outcome))
        .bind(11, texts(&AuditEntry::prev_hash)).bind(12, texts(&AuditEntry::hash))
        .run();
  }

  Result<std::optional<int64_t>> audit_journal_mark(const std::string& journal_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kAuditJournalMarkSql));
    st.bind(1, journal_id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? std::optional<int64_t>(st.int64(0)) : std::nullopt;
  }

  Status set_audit_journal_mark(const std::string& journal_id, int64_t jseq) override {
    HUJI_ASSIGN_OR_RETURN(auto st, prep(kSetAuditJournalMarkSql));
    return st.bind(1, journal_id).bind(2, jseq).run();
  }

  Result<std::vector<AuditEntry>> query_audit(const service::AuditQuery& q) override {
    // One statement with optional filters: NULL parameters disable their condition.
    HUJI_ASSIGN_OR_RETURN(auto st, prep(sql(
        {"SELECT ", kAuditColumns, " FROM audit WHERE "
         "($1::text IS NULL OR subject_id = $1) AND ($2::text IS NULL OR username = $2) AND "
         "($3::bigint IS NULL OR at_ms >= $3) AND ($4::bigint IS NULL OR at_ms < $4) AND "
         "($5::bigint = 0 OR seq < $5) AND ($7::text IS NULL OR office_code = $7) "
         "ORDER BY seq DESC LIMIT $6"})));
    st.bind(1, q.subject_id).bind(2, q.username);
    if (q.from_ms) st.bind(3, *q.from_ms); else st.bind_null(3);
    if (q.to_ms) st.bind(4, *q.to_ms); else st.bind_null(4);
    st.bind(5, q.before_seq).bind(6, q.limit).bind(7, q.office_code);
    std::vector<AuditEntry> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      out.push_back(read_audit(st));
    }
    return out;
  }

  Status scan_audit(const std::function<bool(const AuditEntry&)>& visit) override {
    int64_t after = std::numeric_limits<int64_t>::min();
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(auto st, prep(sql({"SELECT ", kAuditColumns,
                                               " FROM audit WHERE seq > $1 ORDER BY seq "
                                               "LIMIT $2"})));
      st.bind(1, after).bind(2, kScanPage);
      int rows = 0;
      for (;; ++rows) {
        HUJI_ASSIGN_OR_RETURN(bool row, st.step());
        if (!row) break;
        AuditEntry a = read_audit(st);
        after = a.seq;
        if (!visit(a)) return {};
      }
      if (rows < kScanPage) return {};
    }
  }

 private:
  Result<Statement> prep(const std::string& sql) {
    if (!c_) return ended();
    return c_->prepare(sql);
  }

  // Runs an INSERT … RETURNING id and returns the id.
  static Result<int64_t> returned_id(Statement& st) {
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return corrupt("INSERT returned no id");
    return st.int64(0);
  }

  PgStore* store_;
  std::unique_ptr<Connection> c_;  // null once committed
  std::unique_lock<std::timed_mutex> writer_;  // write transactions only
};

}  // namespace

struct PgStore::Pooled {
  std::unique_ptr<Connection> conn;
  bool fresh = false;  // opened for this request, not taken from the idle list
};

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url) {
  return open(url, Options{});
}

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url, const Options& options) {
  if (!PQisthreadsafe()) {
    return Error::make(ErrorKind::kInternal, "store.libpq", "libpq 未以執行緒安全模式建置",
                       "libpq was not built thread-safe");
  }
  HUJI_ASSIGN_OR_RETURN(Endpoint at, parse_endpoint(url));
  std::unique_ptr<PgStore> store(
      new PgStore(url, std::make_unique<Endpoint>(std::move(at)), options));
  HUJI_ASSIGN_OR_RETURN(Pooled p, store->acquire());
  Status s = store->migrate(*p.conn);
  store->release(std::move(p.conn));
  if (!s.ok()) return std::move(s).take_error();
  return store;
}

PgStore::PgStore(std::string url, std::unique_ptr<Endpoint> at, const Options& options)
    : url_(std::move(url)), at_(std::move(at)), options_(options) {}

PgStore::~PgStore() = default;

Status PgStore::migrate(Connection& c) {
  const auto& all = postgres_migrations();
  const int newest = all.empty() ? 0 : all.back().version;
  // Each migration in its own transaction, holding an advisory lock so that two servers
  // starting together apply it once: the second waits, then finds it recorded.
  // An up-to-date schema is detected without writing, so that huji can open a read-only hot
  // standby (a streaming replica) too.
  {
    int current = -1;
    HUJI_ASSIGN_OR_RETURN(auto exists, c.prepare(
        "SELECT (to_regclass('schema_migrations') IS NOT NULL)::int"));
    HUJI_ASSIGN_OR_RETURN(bool row, exists.step());
    if (row && exists.int64(0) == 1) {
      HUJI_ASSIGN_OR_RETURN(auto st, c.prepare(
          "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      HUJI_ASSIGN_OR_RETURN(bool got, st.step());
      if (got) current = static_cast<int>(st.int64(0));
    }
    if (current == newest) {
      schema_version_ = newest;
      return {};
    }
  }
  const std::string begin = "BEGIN; SET LOCAL lock_timeout = '5min'; "
                            "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) +
                            ")";
  for (bool done = false; !done;) {
    auto step = [&]() -> Status {
      HUJI_TRY(c.exec(begin));
      HUJI_TRY(c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                      "KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"));
      int current = 0;
      {
        HUJI_ASSIGN_OR_RETURN(auto st, c.prepare("SELECT COALESCE(MAX(version), 0) FROM "
                                                 "schema_migrations"));
        HUJI_ASSIGN_OR_RETURN(bool row, st.step());
        if (row) current = static_cast<int>(st.int64(0));
      }
      if (current > newest) {
        return Error::make(ErrorKind::kUnavailable, "store.schema_too_new",
                           "資料庫結構版本較本程式新，請升級 huji",
                           "the database schema is newer than this huji; upgrade huji");
      }
      const Migration* next = nullptr;
      for (const Migration& m : all) {
        if (m.version > current) {
          next = &m;
          break;
        }
      }
      if (!next) {
        done = true;
      } else {
        HUJI_TRY(c.exec(next->sql));
        HUJI_ASSIGN_OR_RETURN(auto st, c.prepare(
            "INSERT INTO schema_migrations (version, name, applied_ms) "
            "VALUES ($1, $2, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)"));
        HUJI_TRY(st.bind(1, next->version).bind(2, next->name).run());
      }
      HUJI_ASSIGN_OR_RETURN(std::string tag, c.exec("COMMIT"));
      if (tag != "COMMIT") return aborted();
      return {};
    };
    Status s = step();
    if (!s.ok()) {
      if (c.healthy() && !c.idle()) (void)c.exec("ROLLBACK");
      return s;
    }
  }
  schema_version_ = newest;
  return {};
}

Result<PgStore::Pooled> PgStore::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  if (!freed_.wait_for(lock, options_.acquire_timeout,
                       [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
    return busy();
  }
  if (!idle_.empty()) {
    Pooled p{std::move(idle_.back()), false};
    idle_.pop_back();
    return p;
  }
  ++open_;
  lock.unlock();
  auto c = Connection::open(url_, *at_, static_cast<int>(options_.writer_timeout.count()));
  if (!c.ok()) {
    lock.lock();
    --open_;
    lock.unlock();
    freed_.notify_one();
    return std::move(c).take_error();
  }
  return Pooled{std::move(c).value(), true};
}

void PgStore::release(std::unique_ptr<Connection> c) {
  if (!c) return;
  if (c->healthy() && !c->idle()) (void)c->exec("ROLLBACK");
  const bool keep = c->healthy() && c->idle();
  if (!keep) c.reset();  // a lost or confused connection is closed, never reused
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (keep) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
}

Result<std::unique_ptr<service::Transaction>> PgStore::begin(service::TxMode mode) {
  static const std::string kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  // See the header: READ COMMITTED after the lock, so each statement sees every earlier
  // writer's commit.
  static const std::string kBeginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED; "
                                         "SELECT pg_advisory_xact_lock(" +
                                         std::to_string(kWriterLock) + ")";
  std::unique_lock<std::timed_mutex> writer(writer_, std::defer_lock);
  if (mode == service::TxMode::kWrite && !writer.try_lock_for(options_.writer_timeout)) {
    return busy();
  }
  // An idle pooled connection may have died meanwhile (a server restart): discard it and try
  // the next; a fresh connection's failure is the answer.
  for (;;) {
    HUJI_ASSIGN_OR_RETURN(Pooled p, acquire());
    auto r = p.conn->exec(mode == service::TxMode::kWrite ? kBeginWrite : kBeginRead);
    if (r.ok()) {
      return std::unique_ptr<service::Transaction>(
          new PgTransaction(this, std::move(p.conn), std::move(writer)));
    }
    const bool stale = !p.fresh && !p.conn->healthy();
    release(std::move(p.conn));
    if (!stale) return std::move(r).take_error();
  }
}

}  // namespace huji::store::postgres
