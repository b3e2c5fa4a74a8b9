#ifndef HUJI_SERVICE_STORE_H_
#define HUJI_SERVICE_STORE_H_

// Storage interfaces owned by `service` (ARCHITECTURE.md "Storage"). `store/sqlite` implements
// them today and `store/postgres` next; service code sees only these types.
//
// A use case opens one Transaction, does all its reads and writes through it and commits once:
// every write is atomic, and a commit returns only after the data is durable (fsync).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/access/role.h"
#include "domain/register/model.h"

namespace huji::service {

// A staff account (戶政人員, 股長, 稽核人員, 管理者), bound to one office.
struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kClerk;
  std::string office_code;
  std::string password_hash;  // argon2id, libsodium's crypto_pwhash_str format
  int failed_logins = 0;      // consecutive failures since the last success
  int64_t locked_until_ms = 0;
  bool active = true;
  int64_t created_ms = 0;
};

// A login session. Only a hash of the bearer token is stored.
struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the token
  int64_t user_id = 0;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  bool revoked = false;
};

// One entry of the hash-chained audit trail (稽核軌跡). Append-only.
struct AuditEntry {
  int64_t seq = 0;  // 1, 2, 3 … without gaps
  int64_t at_ms = 0;
  std::string username;
  std::string role;
  std::string office_code;
  std::string action;      // e.g. "person.read", "auth.login", "user.add"
  std::string subject_id;  // the person's ID number, when the action touches one
  std::string purpose;     // 查詢事由 given by the client
  std::string request_id;
  std::string outcome;     // "ok", "not_found", "denied", "failed"
  std::string prev_hash;   // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;        // hex SHA-256 over prev_hash and this entry's fields
};

struct AuditQuery {
  std::optional<std::string> subject_id;
  std::optional<std::string> username;
  std::optional<std::string> office_code;  // entries made by staff of this office
  std::optional<int64_t> from_ms;  // inclusive
  std::optional<int64_t> to_ms;    // exclusive
  int limit = 200;
  int64_t before_seq = 0;  // paging: entries with seq < before_seq (0 = newest first)
};

// 戶籍登記申請: one application through entry → review → registration → sampling.
struct ApplicationRecord {
  int64_t id = 0;
  std::string office_code;
  std::string type;  // domain::event_type_code
  std::string status = "pending_review";  // pending_review | registered | rejected
  std::string subject_id;
  std::string event_date;  // ISO
  std::map<std::string, std::string> fields;
  std::string applicant_name, applicant_id, applicant_relation, identity_check;
  std::string entered_by;
  int64_t entered_ms = 0;
  std::map<std::string, int64_t> expected_versions;  // household_no → version at entry
  std::string deadline;  // ISO
  int days_late = 0;
  int fine_min = 0, fine_max = 0;
  std::string reviewed_by;
  int64_t reviewed_ms = 0;
  std::string review_note;
  std::optional<int> fine_decided;
  std::string registered_on;  // ISO, when registered
  int64_t first_event_seq = 0, last_event_seq = 0;
  std::string result_subject_id;  // e.g. the newborn's allocated ID number
  std::string sample_result;      // "", correct, erroneous
  std::string sample_reason, sampled_by;
  int64_t sampled_ms = 0;
  int64_t version = 1;
  // What the registration changed, for its revocation (domain::encode_undo); empty before
  // it is registered.
  std::map<std::string, std::string> undo;
  int64_t revoked_by = 0;  // the revocation application that revoked it, 0 = none
};

struct AgeCount {
  std::string village;
  core::Sex sex = core::Sex::kMale;
  int age = 0;
  int64_t count = 0;
};

struct ApplicationQuery {
  std::string office_code;
  std::optional<std::string> status;
  std::optional<int64_t> entered_from_ms, entered_to_ms;  // [from, to)
  int limit = 200;
};

struct DocumentRecord {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string filename, mime, sha256;
  int64_t size = 0;
  std::string content;  // bytes
  std::string uploaded_by;
  int64_t uploaded_ms = 0;
};

struct IdempotencyRecord {
  std::string username, key, operation, fingerprint;
  int64_t resource_id = 0;
  int64_t created_ms = 0;
};

// 國籍案件: the Ministry's approval and the follow-up deadlines.
struct NationalityCase {
  int64_t id = 0;
  std::string office_code;
  std::string kind;  // naturalization | restoration | loss | renunciation
  std::string person_name, id_number;
  std::string approval_letter_date;  // ISO, the Ministry's letter
  std::string registration_due;      // 30 working days after the letter
  std::string registered_on;
  std::string proof_of_loss_due;     // naturalization: 1 year to prove loss of nationality
  std::string proof_of_loss_received;
  std::string created_by;
  int64_t created_ms = 0;
  int64_t version = 1;
};

struct NaturalizationTest {
  int64_t id = 0;
  std::string office_code;
  std::optional<int64_t> case_id;
  std::string candidate_name, slot_date, slot_time, booked_by;
  int64_t created_ms = 0;
};

enum class TxMode { kRead, kWrite };

// Everything the full view of one person reads: the person, the parents and spouse who are
// in the register, the household with its door plate and members (head first), and the
// person's events (oldest first).
struct PersonRecord {
  domain::Person person;
  std::optional<domain::Person> father, mother, spouse;
  std::optional<domain::Household> household;
  std::optional<domain::DoorPlate> door_plate;
  std::vector<domain::Person> members;
  std::vector<domain::Event> events;
};

// All reads and writes of one use case. Destroying an uncommitted transaction rolls it back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual core::Status commit() = 0;

  // Offices and their geography.
  virtual core::Status put_office(const domain::Office& office) = 0;
  virtual core::Result<std::optional<domain::Office>> find_office(const std::string& code) = 0;
  virtual core::Status put_village(const domain::Village& village) = 0;
  virtual core::Result<std::vector<domain::Village>> list_villages(const std::string& office) = 0;
  virtual core::Status put_door_plate(const domain::DoorPlate& plate) = 0;  // id given
  virtual core::Result<std::optional<domain::DoorPlate>> find_door_plate(int64_t id) = 0;
  // The plate whose formatted address is `full_text` (core::Address::format()), if any.
  virtual core::Result<std::optional<domain::DoorPlate>> find_door_plate_by_address(
      const std::string& full_text) = 0;

  // Staff.
  virtual core::Result<int64_t> insert_user(const UserRecord& user) = 0;  // conflict if taken
  virtual core::Result<std::optional<UserRecord>> find_user(const std::string& username) = 0;
  virtual core::Result<std::optional<UserRecord>> find_user_by_id(int64_t id) = 0;
  virtual core::Status update_login_state(int64_t user_id, int failed_logins,
                                          int64_t locked_until_ms) = 0;
  virtual core::Status insert_session(const SessionRecord& session) = 0;
  virtual core::Result<std::optional<SessionRecord>> find_session(const std::string& hash) = 0;
  virtual core::Status revoke_session(const std::string& token_hash) = 0;

  // The register: projections (current state) and the append-only event log.
  virtual core::Status put_person(const domain::Person& person) = 0;  // insert or replace
  virtual core::Result<std::optional<domain::Person>> find_person(const std::string& id) = 0;
  virtual core::Result<std::vector<domain::Person>> household_members(const std::string& no) = 0;
  // Persons whose father_id or mother_id is `parent_id`, in ID order.
  virtual core::Result<std::vector<domain::Person>> children_of(const std::string& parent_id) = 0;
  virtual core::Status put_household(const domain::Household& household) = 0;
  virtual core::Result<std::optional<domain::Household>> find_household(const std::string& no) = 0;
  virtual core::Result<int64_t> append_event(const domain::Event& event) = 0;  // returns seq
  virtual core::Result<std::vector<domain::Event>> events_of(const std::string& person_id) = 0;
  // The person's full record, or nothing when no one has that ID number. The default reads
  // it call by call; a backend where each call is a round trip sends them together.
  virtual core::Result<std::optional<PersonRecord>> read_person_record(const std::string& id) {
    HUJI_ASSIGN_OR_RETURN(auto person, find_person(id));
    if (!person) return std::optional<PersonRecord>();
    PersonRecord r;
    r.person = std::move(*person);
    auto other = [&](const std::optional<std::string>& pid,
                     std::optional<domain::Person>& into) -> core::Status {
      if (!pid) return {};
      HUJI_ASSIGN_OR_RETURN(into, find_person(*pid));
      return {};
    };
    HUJI_TRY(other(r.person.father_id, r.father));
    HUJI_TRY(other(r.person.mother_id, r.mother));
    HUJI_TRY(other(r.person.spouse_id, r.spouse));
    if (!r.person.household_no.empty()) {
      HUJI_ASSIGN_OR_RETURN(r.household, find_household(r.person.household_no));
      if (r.household) {
        HUJI_ASSIGN_OR_RETURN(r.door_plate, find_door_plate(r.household->door_plate_id));
        HUJI_ASSIGN_OR_RETURN(r.members, household_members(r.household->household_no));
      }
    }
    HUJI_ASSIGN_OR_RETURN(r.events, events_of(r.person.id_number));
    return std::optional<PersonRecord>(std::move(r));
  }
  virtual core::Status delete_household(const std::string& no) = 0;
  // 同址人口: the households registered at one door plate (index households_door_plate).
  virtual core::Result<std::vector<domain::Household>> households_at_door_plate(
      int64_t door_plate_id) = 0;
  // Current persons of an office's district counted by village, sex and age in whole years
  // on `on` (index door_plates_office_village, then households_door_plate and
  // persons_household): the input of age-band statistics.
  virtual core::Result<std::vector<AgeCount>> age_counts(const std::string& office_code,
                                                         core::Date on) = 0;
  // The largest serial7 in use for ID numbers starting with letter + first digit, or -1.
  virtual core::Result<int64_t> max_id_serial(char letter, int first_digit) = 0;
  // The largest household number starting with `prefix`, or "".
  virtual core::Result<std::string> max_household_no(const std::string& prefix) = 0;
  // Full scans for rebuilding and checking projections; stop when `visit` returns false.
  virtual core::Status scan_events(const std::function<bool(const domain::Event&)>& visit) = 0;
  virtual core::Status scan_persons(const std::function<bool(const domain::Person&)>& visit) = 0;
  virtual core::Status scan_households(
      const std::function<bool(const domain::Household&)>& visit) = 0;
  virtual core::Status clear_projections() = 0;  // persons and households, for a rebuild

  // Registration workflow.
  virtual core::Result<int64_t> insert_application(const ApplicationRecord& a) = 0;
  virtual core::Result<std::optional<ApplicationRecord>> find_application(int64_t id) = 0;
  // Replaces the row if its stored version is a.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_application(const ApplicationRecord& a) = 0;
  virtual core::Result<std::vector<ApplicationRecord>> list_applications(
      const ApplicationQuery& q) = 0;
  virtual core::Result<int64_t> insert_document(const DocumentRecord& d) = 0;
  virtual core::Result<std::vector<DocumentRecord>> list_documents(int64_t application_id,
                                                                   bool with_content) = 0;
  virtual core::Result<std::optional<IdempotencyRecord>> find_idempotency(
      const std::string& username, const std::string& key) = 0;
  virtual core::Status put_idempotency(const IdempotencyRecord& r) = 0;

  // Nationality cases.
  virtual core::Result<int64_t> insert_nationality_case(const NationalityCase& c) = 0;
  virtual core::Result<std::optional<NationalityCase>> find_nationality_case(int64_t id) = 0;
  virtual core::Result<bool> update_nationality_case(const NationalityCase& c) = 0;
  virtual core::Result<std::vector<NationalityCase>> list_nationality_cases(
      const std::string& office_code) = 0;
  virtual core::Result<int64_t> insert_naturalization_test(const NaturalizationTest& t) = 0;
  virtual core::Result<std::vector<NaturalizationTest>> list_naturalization_tests(
      const std::string& office_code, const std::string& from_date) = 0;

  // Audit trail.
  virtual core::Result<std::optional<AuditEntry>> last_audit() = 0;
  virtual core::Status append_audit(const AuditEntry& entry) = 0;
  // Several entries, in order (the audit queue's batch); a backend may send them at once.
  virtual core::Status append_audits(const std::vector<AuditEntry>& entries) {
    for (const AuditEntry& e : entries) HUJI_TRY(append_audit(e));
    return {};
  }
  virtual core::Result<std::vector<AuditEntry>> query_audit(const AuditQuery& query) = 0;
  // Visits every entry in seq order; stops early when `visit` returns false.
  virtual core::Status scan_audit(const std::function<bool(const AuditEntry&)>& visit) = 0;
  // The audit journal's mark (service/audit_journal.h): the newest journal record moved into
  // the trail; nullopt when the journal was never used with this database.
  virtual core::Result<std::optional<int64_t>> audit_journal_mark(
      const std::string& journal_id) = 0;
  virtual core::Status set_audit_journal_mark(const std::string& journal_id, int64_t jseq) = 0;
};

// Writes a large generated register into an empty database (`huji demo`) by the backend's
// fastest path: rows go in batches, each batch one write transaction that holds the writers'
// lock (SQLite: prepared statements reused across batches; PostgreSQL: COPY FROM STDIN). Rows
// are inserted as given — no projection, no audit: the caller derives persons and households
// through domain::apply as a use case would, and must not put the same key twice.
//
// A batch starts at the first write after construction or commit(). Rows of a batch may be
// buffered until commit(); an error may thus surface at a later call or at commit() and then
// rolls back the whole batch. A door plate must be put before the households on it, an office
// before its villages, plates and households. Destroying the loader rolls back the batch in
// progress; earlier batches stay. REQUIRES: one thread; the store outlives the loader.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  virtual core::Status put_office(const domain::Office& office) = 0;
  virtual core::Status put_village(const domain::Village& village) = 0;
  virtual core::Status put_door_plate(const domain::DoorPlate& plate) = 0;
  virtual core::Status put_household(const domain::Household& household) = 0;
  virtual core::Status put_person(const domain::Person& person) = 0;
  virtual core::Status append_event(const domain::Event& event) = 0;  // seq in call order
  // Ends the batch: returns once everything written since the last commit is durable.
  virtual core::Status commit() = 0;
  // Into an empty database, before the first row: drops the secondary indexes of the loaded
  // tables, to be built once by finish() instead of kept up to date row by row (much faster
  // at national scale). Until finish() the database answers queries slowly but correctly;
  // a loader destroyed before finish() rebuilds them itself.
  virtual core::Status defer_indexes() { return {}; }
  // Commits the last batch and builds the deferred indexes (durably).
  virtual core::Status finish() { return commit(); }
};

class Store {
 public:
  virtual ~Store() = default;
  // A write transaction waits for other writers (busy timeout) and fails kUnavailable after.
  virtual core::Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
  virtual int schema_version() const = 0;
  // The backend's bulk path, or nullptr when it has none (callers then write through
  // begin(TxMode::kWrite) transactions).
  virtual std::unique_ptr<BulkLoader> bulk_loader() { return nullptr; }
  // True when a read transaction never waits on anything but local memory and files (an
  // embedded engine): such reads may run on a server's I/O threads. False when each read is a
  // round trip to a database server, which would hold an I/O thread while it waits.
  virtual bool reads_are_local() const { return false; }
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_STORE_H_
