#include "store/sqlite/sqlite_store.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "store/migrations/migrations.h"
#include "store/rows.h"
#include "store/shared_sql.h"
#include "store/sqlite/sqlite_db.h"

namespace huji::store::sqlite {

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

Result<core::Date> date_col(const Statement& s, int col) {
  return core::Date::parse_iso(s.text(col));
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
  u.active = s.int64(8) != 0;
  u.created_ms = s.int64(9);
  return u;
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

Error corrupt(const std::string& what) {
  return Error::make(ErrorKind::kInternal, "store.corrupt", "資料庫內容毀損：" + what,
                     "stored data is corrupt: " + what);
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

std::string map_json(const std::map<std::string, std::string>& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j.dump();
}

constexpr const char* kApplicationColumns =
    "id, office_code, type, status, subject_id, event_date, fields, applicant_name, "
    "applicant_id, applicant_relation, identity_check, entered_by, entered_ms, "
    "expected_versions, deadline, days_late, fine_min, fine_max, reviewed_by, reviewed_ms, "
    "review_note, fine_decided, registered_on, first_event_seq, last_event_seq, "
    "result_subject_id, sample_result, sample_reason, sampled_by, sampled_ms, version, undo, "
    "revoked_by";

// Binds $2 … $33 (all columns but id) in kApplicationColumns order.
void bind_application(Statement& st, const service::ApplicationRecord& a) {
  nlohmann::json versions = nlohmann::json::object();
  for (const auto& [k, v] : a.expected_versions) versions[k] = v;
  st.bind(2, a.office_code).bind(3, a.type).bind(4, a.status).bind(5, a.subject_id)
      .bind(6, a.event_date).bind(7, map_json(a.fields)).bind(8, a.applicant_name)
      .bind(9, a.applicant_id).bind(10, a.applicant_relation).bind(11, a.identity_check)
      .bind(12, a.entered_by).bind(13, a.entered_ms).bind(14, versions.dump())
      .bind(15, a.deadline).bind(16, a.days_late).bind(17, a.fine_min).bind(18, a.fine_max)
      .bind(19, a.reviewed_by).bind(20, a.reviewed_ms).bind(21, a.review_note);
  if (a.fine_decided) st.bind(22, *a.fine_decided); else st.bind_null(22);
  st.bind(23, a.registered_on).bind(24, a.first_event_seq).bind(25, a.last_event_seq)
      .bind(26, a.result_subject_id).bind(27, a.sample_result).bind(28, a.sample_reason)
      .bind(29, a.sampled_by).bind(30, a.sampled_ms).bind(31, a.version)
      .bind(32, map_json(a.undo)).bind(33, a.revoked_by);
}

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

constexpr const char* kNationalityColumns =
    "id, office_code, kind, person_name, id_number, approval_letter_date, registration_due, "
    "registered_on, proof_of_loss_due, proof_of_loss_received, created_by, created_ms, version";

void bind_nationality(Statement& st, const service::NationalityCase& c) {
  st.bind(2, c.office_code).bind(3, c.kind).bind(4, c.person_name).bind(5, c.id_number)
      .bind(6, c.approval_letter_date).bind(7, c.registration_due).bind(8, c.registered_on)
      .bind(9, c.proof_of_loss_due).bind(10, c.proof_of_loss_received).bind(11, c.created_by)
      .bind(12, c.created_ms).bind(13, c.version);
}

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
  p.abolished = st.int64(12) != 0;
  return p;
}

class SqliteTransaction final : public service::Transaction {
 public:
  // A read transaction on a pooled connection.
  SqliteTransaction(SqliteStore* store, std::unique_ptr<Connection> c)
      : store_(store), owned_(std::move(c)), c_(owned_.get()) {}
  // A write transaction: a savepoint in the open batch on the writer connection.
  SqliteTransaction(SqliteStore* store, Connection* writer_conn,
                    std::unique_lock<std::timed_mutex> writer,
                    std::shared_ptr<SqliteStore::Batch> batch)
      : store_(store), c_(writer_conn), writer_(std::move(writer)), batch_(std::move(batch)) {}

  ~SqliteTransaction() override {
    if (batch_) {
      if (!done_) (void)store_->end_write(writer_, batch_, false);
      return;
    }
    if (!done_) (void)c_->exec("ROLLBACK");
    store_->release(std::move(owned_));
  }

  Status commit() override {
    if (done_) return corrupt("commit after end of transaction");
    done_ = true;
    if (batch_) return store_->end_write(writer_, batch_, true);
    Status s = c_->exec("COMMIT");
    if (!s.ok()) (void)c_->exec("ROLLBACK");
    return s;
  }

  Status put_office(const domain::Office& o) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO offices (code, name, county, district, address) VALUES ($1,$2,$3,$4,$5) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, county = excluded.county, "
        "district = excluded.district, address = excluded.address"));
    return st.bind(1, o.code).bind(2, o.name).bind(3, o.county).bind(4, o.district)
        .bind(5, o.address).run();
  }

  Result<std::optional<domain::Office>> find_office(const std::string& code) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT code, name, county, district, address FROM offices WHERE code = $1"));
    st.bind(1, code);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::Office>();
    return std::optional<domain::Office>(
        domain::Office{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  }

  Status put_village(const domain::Village& v) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO villages (office_code, name, neighborhoods) VALUES ($1,$2,$3) "
        "ON CONFLICT (office_code, name) DO UPDATE SET neighborhoods = excluded.neighborhoods"));
    return st.bind(1, v.office_code).bind(2, v.name).bind(3, v.neighborhoods).run();
  }

  Result<std::vector<domain::Village>> list_villages(const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
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
    static const std::string sql =
        std::string("SELECT ") + kDoorPlateColumns + " FROM door_plates WHERE id = $1";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::DoorPlate>();
    return std::optional<domain::DoorPlate>(read_door_plate(st));
  }

  Result<std::optional<domain::DoorPlate>> find_door_plate_by_address(
      const std::string& full_text) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kDoorPlateColumns +
        " FROM door_plates WHERE full_text = $1 ORDER BY abolished, id LIMIT 1"));
    st.bind(1, full_text);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::DoorPlate>();
    return std::optional<domain::DoorPlate>(read_door_plate(st));
  }

  Result<int64_t> insert_user(const UserRecord& u) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO users (username, display_name, role, office_code, password_hash, "
        "failed_logins, locked_until_ms, active, created_ms) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)"));
    st.bind(1, u.username).bind(2, u.display_name).bind(3, domain::role_code(u.role))
        .bind(4, u.office_code).bind(5, u.password_hash).bind(6, u.failed_logins)
        .bind(7, u.locked_until_ms).bind(8, u.active).bind(9, u.created_ms);
    Status s = st.run();
    if (!s.ok()) {
      if (s.error().kind == ErrorKind::kConflict) {
        return Error::make(ErrorKind::kConflict, "user.exists", "帳號已存在：" + u.username,
                           "username already taken: " + u.username);
      }
      return std::move(s).take_error();
    }
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::optional<UserRecord>> find_user(const std::string& username) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kUserColumns +
                                               " FROM users WHERE username = $1"));
    st.bind(1, username);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<UserRecord>();
    return std::optional<UserRecord>(read_user(st));
  }

  Result<std::optional<UserRecord>> find_user_by_id(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kUserColumns +
                                               " FROM users WHERE id = $1"));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<UserRecord>();
    return std::optional<UserRecord>(read_user(st));
  }

  Status update_login_state(int64_t user_id, int failed, int64_t locked_until_ms) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "UPDATE users SET failed_logins = $2, locked_until_ms = $3 WHERE id = $1"));
    return st.bind(1, user_id).bind(2, failed).bind(3, locked_until_ms).run();
  }

  Status insert_session(const SessionRecord& s) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms, revoked) "
        "VALUES ($1,$2,$3,$4,$5)"));
    return st.bind(1, s.token_hash).bind(2, s.user_id).bind(3, s.created_ms)
        .bind(4, s.expires_ms).bind(5, s.revoked).run();
  }

  Result<std::optional<SessionRecord>> find_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT token_hash, user_id, created_ms, expires_ms, revoked FROM sessions "
        "WHERE token_hash = $1"));
    st.bind(1, hash);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<SessionRecord>();
    return std::optional<SessionRecord>(
        SessionRecord{st.text(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4) != 0});
  }

  Status revoke_session(const std::string& hash) override {
    HUJI_ASSIGN_OR_RETURN(auto st,
                          c_->prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = $1"));
    return st.bind(1, hash).run();
  }

  Status put_person(const Person& p) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("INSERT OR REPLACE INTO persons (") + kPersonColumns +
        ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"));
    return st.bind(1, p.id_number).bind(2, p.name).bind(3, sex_code(p.sex))
        .bind(4, p.birth_date.to_iso()).bind(5, p.birth_place).bind(6, p.father_id)
        .bind(7, p.mother_id).bind(8, p.spouse_id).bind(9, p.father_name)
        .bind(10, p.mother_name).bind(11, p.indigenous)
        .bind(12, p.status == domain::PersonStatus::kActive ? "active" : "removed")
        .bind(13, p.removal_reason).bind(14, p.household_no).bind(15, p.relation)
        .bind(16, p.birth_order).bind(17, p.version).run();
  }

  Result<std::optional<Person>> find_person(const std::string& id) override {
    static const std::string sql =
        std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id_number = $1";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    st.bind_ref(1, id);
    return first_row<Person>(st, read_person);
  }

  Result<std::vector<Person>> children_of(const std::string& parent_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kPersonColumns + " FROM persons WHERE father_id = $1 UNION "
        "SELECT " + kPersonColumns + " FROM persons WHERE mother_id = $1 ORDER BY 1"));
    st.bind(1, parent_id);
    return collect_rows<Person>(st, read_person);
  }

  Result<std::vector<Person>> household_members(const std::string& no) override {
    static const std::string sql =
        std::string("SELECT ") + kPersonColumns +
        " FROM persons WHERE household_no = $1 ORDER BY (relation <> '戶長'), birth_date";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    st.bind(1, no);
    return collect_rows<Person>(st, read_person);
  }

  Status put_household(const Household& h) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT OR REPLACE INTO households (household_no, office_code, door_plate_id, head_id, "
        "established, version) VALUES ($1,$2,$3,$4,$5,$6)"));
    return st.bind(1, h.household_no).bind(2, h.office_code).bind(3, h.door_plate_id)
        .bind(4, h.head_id).bind(5, h.established.to_iso()).bind(6, h.version).run();
  }

  Result<std::optional<Household>> find_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT household_no, office_code, door_plate_id, head_id, established, version "
        "FROM households WHERE household_no = $1"));
    st.bind(1, no);
    return first_row<Household>(st, read_household);
  }

  Result<std::vector<Household>> households_at_door_plate(int64_t door_plate_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare("SELECT household_no, office_code, door_plate_id, head_id, established, version "
        "FROM households WHERE door_plate_id = $1 ORDER BY household_no"));
    st.bind(1, door_plate_id);
    return collect_rows<Household>(st, read_household);
  }

  Result<std::vector<service::AgeCount>> age_counts(const std::string& office_code,
                                                    core::Date on) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO events (type, subject_id, household_no, event_date, registered_on, "
        "office_code, data, corrects_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"));
    st.bind(1, domain::event_type_code(e.type)).bind(2, e.subject_id).bind(3, e.household_no)
        .bind(4, e.event_date.to_iso()).bind(5, e.registered_on.to_iso()).bind(6, e.office_code)
        .bind(7, map_json(e.data));
    if (e.corrects_seq) st.bind(8, *e.corrects_seq); else st.bind_null(8);
    HUJI_TRY(st.run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::vector<Event>> events_of(const std::string& person_id) override {
    static const std::string sql =
        std::string("SELECT ") + kEventColumns + " FROM events WHERE subject_id = $1 ORDER BY seq";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    st.bind(1, person_id);
    return collect_rows<Event>(st, read_event);
  }

  Status delete_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare("DELETE FROM households WHERE household_no = $1"));
    return st.bind(1, no).run();
  }

  Result<int64_t> max_id_serial(char letter, int first_digit) override {
    // ID numbers of one letter and first digit sort by their serial: the max is one probe of
    // the primary key.
    const std::string lo = std::string(1, letter) + static_cast<char>('0' + first_digit);
    const std::string hi = std::string(1, letter) + static_cast<char>('0' + first_digit + 1);
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT MAX(id_number) FROM persons WHERE id_number >= $1 AND id_number < $2"));
    st.bind(1, lo).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return int64_t{-1};
    const std::string id = st.text(0);
    if (id.size() != 10) return corrupt("id number " + id);
    return static_cast<int64_t>(std::stoll(id.substr(2, 7)));
  }

  Result<std::string> max_household_no(const std::string& prefix) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        // Also the event log: a merged-away household's number must never come back.
        "SELECT MAX(n) FROM (SELECT MAX(household_no) AS n FROM households WHERE "
        "household_no >= $1 AND household_no < $2 UNION ALL SELECT MAX(household_no) FROM "
        "events WHERE household_no >= $1 AND household_no < $2)"));
    std::string hi = prefix;
    if (!hi.empty()) ++hi.back();
    st.bind(1, prefix).bind(2, hi);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row || st.is_null(0)) return std::string();
    return st.text(0);
  }

  Status scan_events(const std::function<bool(const Event&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kEventColumns +
                                               " FROM events ORDER BY seq"));
    return visit_rows<Event>(st, read_event, visit);
  }

  Status scan_persons(const std::function<bool(const Person&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kPersonColumns +
                                               " FROM persons ORDER BY id_number"));
    return visit_rows<Person>(st, read_person, visit);
  }

  Status scan_households(const std::function<bool(const Household&)>& visit) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT household_no, office_code, door_plate_id, head_id, established, version "
        "FROM households ORDER BY household_no"));
    return visit_rows<Household>(st, read_household, visit);
  }

  Status clear_projections() override {
    HUJI_TRY(c_->exec("DELETE FROM persons"));
    return c_->exec("DELETE FROM households");
  }

  Result<int64_t> insert_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("INSERT INTO applications (") + kApplicationColumns + ") VALUES (NULL, "
        "$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,"
        "$25,$26,$27,$28,$29,$30,$31,$32,$33)"));
    bind_application(st, a);
    HUJI_TRY(st.run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::optional<service::ApplicationRecord>> find_application(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kApplicationColumns +
                                               " FROM applications WHERE id = $1"));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::ApplicationRecord>();
    HUJI_ASSIGN_OR_RETURN(auto a, read_application(st));
    return std::optional<service::ApplicationRecord>(std::move(a));
  }

  Result<bool> update_application(const service::ApplicationRecord& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "UPDATE applications SET office_code=$2, type=$3, status=$4, subject_id=$5, "
        "event_date=$6, fields=$7, applicant_name=$8, applicant_id=$9, applicant_relation=$10, "
        "identity_check=$11, entered_by=$12, entered_ms=$13, expected_versions=$14, "
        "deadline=$15, days_late=$16, fine_min=$17, fine_max=$18, reviewed_by=$19, "
        "reviewed_ms=$20, review_note=$21, fine_decided=$22, registered_on=$23, "
        "first_event_seq=$24, last_event_seq=$25, result_subject_id=$26, sample_result=$27, "
        "sample_reason=$28, sampled_by=$29, sampled_ms=$30, version=$31, undo=$32, "
        "revoked_by=$33 WHERE id = $1 AND version = $31 - 1"));
    bind_application(st, a);
    st.bind(1, a.id);
    HUJI_TRY(st.run());
    return sqlite3_changes(c_->handle()) == 1;
  }

  Result<std::vector<service::ApplicationRecord>> list_applications(
      const service::ApplicationQuery& q) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kApplicationColumns + " FROM applications WHERE "
        "office_code = $1 AND ($2 IS NULL OR status = $2) AND ($3 IS NULL OR entered_ms >= $3) "
        "AND ($4 IS NULL OR entered_ms < $4) ORDER BY id DESC LIMIT $5"));
    st.bind(1, q.office_code).bind(2, q.status);
    if (q.entered_from_ms) st.bind(3, *q.entered_from_ms); else st.bind_null(3);
    if (q.entered_to_ms) st.bind(4, *q.entered_to_ms); else st.bind_null(4);
    st.bind(5, q.limit);
    return collect_rows<service::ApplicationRecord>(st, read_application);
  }

  Result<int64_t> insert_document(const service::DocumentRecord& d) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO application_documents (application_id, filename, mime, sha256, size, "
        "content, uploaded_by, uploaded_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"));
    st.bind(1, d.application_id).bind(2, d.filename).bind(3, d.mime).bind(4, d.sha256)
        .bind(5, d.size).bind_blob(6, d.content).bind(7, d.uploaded_by).bind(8, d.uploaded_ms);
    HUJI_TRY(st.run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::vector<service::DocumentRecord>> list_documents(int64_t app,
                                                              bool with_content) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT username, key, operation, fingerprint, resource_id, created_ms "
        "FROM idempotency_keys WHERE username = $1 AND key = $2"));
    st.bind(1, username).bind(2, key);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::IdempotencyRecord>();
    return std::optional<service::IdempotencyRecord>(service::IdempotencyRecord{
        st.text(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.int64(5)});
  }

  Status put_idempotency(const service::IdempotencyRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO idempotency_keys (username, key, operation, fingerprint, resource_id, "
        "created_ms) VALUES ($1,$2,$3,$4,$5,$6)"));
    return st.bind(1, r.username).bind(2, r.key).bind(3, r.operation).bind(4, r.fingerprint)
        .bind(5, r.resource_id).bind(6, r.created_ms).run();
  }

  Result<int64_t> insert_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("INSERT INTO nationality_cases (") + kNationalityColumns +
        ") VALUES (NULL,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)"));
    bind_nationality(st, c);
    HUJI_TRY(st.run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::optional<service::NationalityCase>> find_nationality_case(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kNationalityColumns +
                                               " FROM nationality_cases WHERE id = $1"));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<service::NationalityCase>();
    return std::optional<service::NationalityCase>(read_nationality(st));
  }

  Result<bool> update_nationality_case(const service::NationalityCase& c) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "UPDATE nationality_cases SET office_code=$2, kind=$3, person_name=$4, id_number=$5, "
        "approval_letter_date=$6, registration_due=$7, registered_on=$8, proof_of_loss_due=$9, "
        "proof_of_loss_received=$10, created_by=$11, created_ms=$12, version=$13 "
        "WHERE id = $1 AND version = $13 - 1"));
    bind_nationality(st, c);
    st.bind(1, c.id);
    HUJI_TRY(st.run());
    return sqlite3_changes(c_->handle()) == 1;
  }

  Result<std::vector<service::NationalityCase>> list_nationality_cases(
      const std::string& office) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kNationalityColumns +
        " FROM nationality_cases WHERE office_code = $1 ORDER BY registration_due, id"));
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO naturalization_tests (office_code, case_id, candidate_name, slot_date, "
        "slot_time, booked_by, created_ms) VALUES ($1,$2,$3,$4,$5,$6,$7)"));
    st.bind(1, t.office_code);
    if (t.case_id) st.bind(2, *t.case_id); else st.bind_null(2);
    st.bind(3, t.candidate_name).bind(4, t.slot_date).bind(5, t.slot_time).bind(6, t.booked_by)
        .bind(7, t.created_ms);
    Status s = st.run();
    if (!s.ok()) {
      if (s.error().kind == ErrorKind::kConflict) {
        return Error::make(ErrorKind::kConflict, "nationality.test_slot_taken",
                           "此考生已預約該時段", "this candidate already holds that slot");
      }
      return std::move(s).take_error();
    }
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::vector<service::NaturalizationTest>> list_naturalization_tests(
      const std::string& office, const std::string& from_date) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
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
    static const std::string sql =
        std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq DESC LIMIT 1";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(read_audit(st));
  }

  Status append_audit(const AuditEntry& a) override {
    static const std::string sql = std::string("INSERT INTO audit (") + kAuditColumns +
                                   ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)";
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(sql));
    // `a` outlives the statement's run: its text is bound without copies.
    return st.bind(1, a.seq).bind(2, a.at_ms).bind_ref(3, a.username).bind_ref(4, a.role)
        .bind_ref(5, a.office_code).bind_ref(6, a.action).bind_ref(7, a.subject_id)
        .bind_ref(8, a.purpose).bind_ref(9, a.request_id).bind_ref(10, a.outcome)
        .bind_ref(11, a.prev_hash).bind_ref(12, a.hash).run();
  }

  Result<std::vector<AuditEntry>> query_audit(const service::AuditQuery& q) override {
    // One statement with optional filters: NULL parameters disable their condition.
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kAuditColumns + " FROM audit WHERE "
        "($1 IS NULL OR subject_id = $1) AND ($2 IS NULL OR username = $2) AND "
        "($3 IS NULL OR at_ms >= $3) AND ($4 IS NULL OR at_ms < $4) AND "
        "($5 = 0 OR seq < $5) AND ($7 IS NULL OR office_code = $7) ORDER BY seq DESC LIMIT $6"));
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kAuditColumns +
                                               " FROM audit ORDER BY seq"));
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row || !visit(read_audit(st))) break;
    }
    return {};
  }

  Result<std::optional<int64_t>> audit_journal_mark(const std::string& journal_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(kAuditJournalMarkSql));
    st.bind(1, journal_id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    return row ? std::optional<int64_t>(st.int64(0)) : std::nullopt;
  }

  Status set_audit_journal_mark(const std::string& journal_id, int64_t jseq) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(kSetAuditJournalMarkSql));
    return st.bind(1, journal_id).bind(2, jseq).run();
  }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> owned_;  // read transactions: the pooled connection
  Connection* c_;
  std::unique_lock<std::timed_mutex> writer_;  // write transactions only
  std::shared_ptr<SqliteStore::Batch> batch_;  // write transactions only
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  HUJI_ASSIGN_OR_RETURN(auto c, Connection::open(path));
  HUJI_TRY(store->migrate(*c));
  store->release(std::move(c));
  return store;
}

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}
SqliteStore::~SqliteStore() = default;

Status SqliteStore::migrate(Connection& c) {
  HUJI_TRY(c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_ms INTEGER NOT NULL)"));
  int current = 0;
  {
    HUJI_ASSIGN_OR_RETURN(auto st, c.prepare("SELECT COALESCE(MAX(version), 0) FROM "
                                             "schema_migrations"));
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (row) current = static_cast<int>(st.int64(0));
  }
  const auto& all = sqlite_migrations();
  int newest = all.empty() ? 0 : all.back().version;
  if (current > newest) {
    return Error::make(ErrorKind::kUnavailable, "store.schema_too_new",
                       "資料庫結構版本較本程式新，請升級 huji",
                       "the database schema is newer than this huji; upgrade huji");
  }
  for (const Migration& m : all) {
    if (m.version <= current) continue;
    HUJI_TRY(c.exec("BEGIN IMMEDIATE"));
    Status s = c.exec(m.sql);
    if (s.ok()) {
      auto st = c.prepare(
          "INSERT INTO schema_migrations (version, name, applied_ms) "
          "VALUES ($1, $2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
      if (!st.ok()) {
        s = std::move(st).take_error();
      } else {
        s = st->bind(1, m.version).bind(2, m.name).run();
      }
    }
    if (s.ok()) s = c.exec("COMMIT");
    if (!s.ok()) {
      (void)c.exec("ROLLBACK");
      return s;
    }
  }
  schema_version_ = newest;
  return {};
}

Result<std::unique_ptr<Connection>> SqliteStore::acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return Connection::open(path_);
}

void SqliteStore::release(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(c));
}

void SqliteStore::close_idle() {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.clear();
}

struct SqliteStore::Batch {
  bool done = false;
  Status status;
};

namespace {
constexpr int kMaxBatch = 256;  // writers per fsync at most
}  // namespace

Result<std::unique_ptr<service::Transaction>> SqliteStore::begin(service::TxMode mode) {
  if (mode == service::TxMode::kRead) {
    HUJI_ASSIGN_OR_RETURN(auto c, acquire());
    Status s = c->exec("BEGIN");
    if (!s.ok()) {
      release(std::move(c));
      return std::move(s).take_error();
    }
    return std::unique_ptr<service::Transaction>(new SqliteTransaction(this, std::move(c)));
  }
  ++queued_writers_;
  std::unique_lock<std::timed_mutex> lock(writer_, std::defer_lock);
  const bool got = lock.try_lock_for(std::chrono::seconds(10));
  --queued_writers_;
  if (!got) {
    return Error::make(ErrorKind::kUnavailable, "store.busy", "資料庫忙碌中，請稍後再試",
                       "the database is busy, try again");
  }
  if (!writer_conn_) {
    HUJI_ASSIGN_OR_RETURN(writer_conn_, Connection::open(path_));
  }
  if (!batch_) {
    // IMMEDIATE takes SQLite's write lock up front: no writer fails half-way on an upgrade.
    HUJI_TRY(writer_conn_->exec("BEGIN IMMEDIATE"));
    batch_ = std::make_shared<Batch>();
    batch_size_ = 0;
  }
  auto batch = batch_;
  ++batch_size_;
  Status s = writer_conn_->exec("SAVEPOINT huji_write");
  if (!s.ok()) {
    (void)end_write(lock, batch, false);
    return std::move(s).take_error();
  }
  return std::unique_ptr<service::Transaction>(
      new SqliteTransaction(this, writer_conn_.get(), std::move(lock), std::move(batch)));
}

void SqliteStore::commit_batch(std::unique_lock<std::timed_mutex>& lock) {
  auto batch = std::move(batch_);
  Status committed = writer_conn_->exec("COMMIT");
  if (!committed.ok()) (void)writer_conn_->exec("ROLLBACK");
  batch_size_ = 0;
  lock.unlock();
  {
    std::lock_guard<std::mutex> g(done_mu_);
    batch->done = true;
    batch->status = std::move(committed);
  }
  done_cv_.notify_all();
}

Status SqliteStore::end_write(std::unique_lock<std::timed_mutex>& lock,
                              const std::shared_ptr<Batch>& batch, bool keep) {
  Status mine;
  if (keep) {
    mine = writer_conn_->exec("RELEASE huji_write");
    if (!mine.ok()) keep = false;
  }
  if (!keep) {
    (void)writer_conn_->exec("ROLLBACK TO huji_write");
    (void)writer_conn_->exec("RELEASE huji_write");
  }
  if (queued_writers_.load() == 0 || batch_size_ >= kMaxBatch) {
    commit_batch(lock);  // the last writer of the wave makes the whole batch durable
  } else {
    lock.unlock();  // a queued writer continues this batch and commits it
  }
  if (!keep) return mine;
  std::unique_lock<std::mutex> g(done_mu_);
  while (!batch->done) {
    if (done_cv_.wait_for(g, std::chrono::milliseconds(20), [&] { return batch->done; })) break;
    // The writer we handed the batch to has not come (it may have given up waiting): commit
    // the batch ourselves if it is still open, so that no acknowledged writer waits forever.
    g.unlock();
    std::unique_lock<std::timed_mutex> l2(writer_, std::try_to_lock);
    if (l2.owns_lock() && batch_ == batch) commit_batch(l2);
    g.lock();
  }
  if (!batch->status.ok()) return batch->status;
  return mine;
}

}  // namespace huji::store::sqlite
