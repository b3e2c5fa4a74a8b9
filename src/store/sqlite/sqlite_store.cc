#include "store/sqlite/sqlite_store.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "store/migrations/migrations.h"
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

const char* sex_code(core::Sex s) { return s == core::Sex::kMale ? "M" : "F"; }

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

constexpr const char* kAuditColumns =
    "seq, at_ms, username, role, office_code, action, subject_id, purpose, request_id, "
    "outcome, prev_hash, hash";

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

class SqliteTransaction final : public service::Transaction {
 public:
  SqliteTransaction(SqliteStore* store, std::unique_ptr<Connection> c,
                    std::unique_lock<std::timed_mutex> writer)
      : store_(store), c_(std::move(c)), writer_(std::move(writer)) {}

  ~SqliteTransaction() override {
    if (!done_) (void)c_->exec("ROLLBACK");
    store_->release(std::move(c_));
  }

  Status commit() override {
    if (done_) return corrupt("commit after end of transaction");
    done_ = true;
    Status s = c_->exec("COMMIT");
    if (!s.ok()) (void)c_->exec("ROLLBACK");
    if (writer_.owns_lock()) writer_.unlock();  // the next writer may go once this one ended
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT id, office_code, county, district, village, neighborhood, road, section, lane, "
        "alley, number, floor, abolished FROM door_plates WHERE id = $1"));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<domain::DoorPlate>();
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
    return std::optional<domain::DoorPlate>(std::move(p));
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
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kPersonColumns +
                                               " FROM persons WHERE id_number = $1"));
    st.bind(1, id);
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<Person>();
    HUJI_ASSIGN_OR_RETURN(Person p, read_person(st));
    return std::optional<Person>(std::move(p));
  }

  Result<std::vector<Person>> household_members(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("SELECT ") + kPersonColumns +
        " FROM persons WHERE household_no = $1 ORDER BY (relation <> '戶長'), birth_date"));
    st.bind(1, no);
    std::vector<Person> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
      HUJI_ASSIGN_OR_RETURN(Person p, read_person(st));
      out.push_back(std::move(p));
    }
    return out;
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
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<Household>();
    Household h;
    h.household_no = st.text(0);
    h.office_code = st.text(1);
    h.door_plate_id = st.int64(2);
    h.head_id = st.text(3);
    HUJI_ASSIGN_OR_RETURN(h.established, date_col(st, 4));
    h.version = st.int64(5);
    return std::optional<Household>(std::move(h));
  }

  Result<int64_t> append_event(const Event& e) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "INSERT INTO events (type, subject_id, household_no, event_date, registered_on, "
        "office_code, data, corrects_seq) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"));
    nlohmann::json data = nlohmann::json::object();
    for (const auto& [k, v] : e.data) data[k] = v;
    st.bind(1, domain::event_type_code(e.type)).bind(2, e.subject_id).bind(3, e.household_no)
        .bind(4, e.event_date.to_iso()).bind(5, e.registered_on.to_iso()).bind(6, e.office_code)
        .bind(7, data.dump());
    if (e.corrects_seq) st.bind(8, *e.corrects_seq); else st.bind_null(8);
    HUJI_TRY(st.run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(c_->handle()));
  }

  Result<std::vector<Event>> events_of(const std::string& person_id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        "SELECT seq, type, subject_id, household_no, event_date, registered_on, office_code, "
        "data, corrects_seq FROM events WHERE subject_id = $1 ORDER BY seq"));
    st.bind(1, person_id);
    std::vector<Event> out;
    for (;;) {
      HUJI_ASSIGN_OR_RETURN(bool row, st.step());
      if (!row) break;
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
      out.push_back(std::move(e));
    }
    return out;
  }

  Result<std::optional<AuditEntry>> last_audit() override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(std::string("SELECT ") + kAuditColumns +
                                               " FROM audit ORDER BY seq DESC LIMIT 1"));
    HUJI_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(read_audit(st));
  }

  Status append_audit(const AuditEntry& a) override {
    HUJI_ASSIGN_OR_RETURN(auto st, c_->prepare(
        std::string("INSERT INTO audit (") + kAuditColumns +
        ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"));
    return st.bind(1, a.seq).bind(2, a.at_ms).bind(3, a.username).bind(4, a.role)
        .bind(5, a.office_code).bind(6, a.action).bind(7, a.subject_id).bind(8, a.purpose)
        .bind(9, a.request_id).bind(10, a.outcome).bind(11, a.prev_hash).bind(12, a.hash)
        .run();
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

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> c_;
  std::unique_lock<std::timed_mutex> writer_;  // owned for write transactions only
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

Result<std::unique_ptr<service::Transaction>> SqliteStore::begin(service::TxMode mode) {
  std::unique_lock<std::timed_mutex> writer(writer_, std::defer_lock);
  if (mode == service::TxMode::kWrite && !writer.try_lock_for(std::chrono::seconds(10))) {
    return Error::make(ErrorKind::kUnavailable, "store.busy", "資料庫忙碌中，請稍後再試",
                       "the database is busy, try again");
  }
  HUJI_ASSIGN_OR_RETURN(auto c, acquire());
  // IMMEDIATE takes the write lock up front, so a writer never fails half-way on an upgrade.
  Status s = c->exec(mode == service::TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!s.ok()) {
    release(std::move(c));
    return std::move(s).take_error();
  }
  return std::unique_ptr<service::Transaction>(new SqliteTransaction(this, std::move(c), std::move(writer)));
}

}  // namespace huji::store::sqlite
