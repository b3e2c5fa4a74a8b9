#ifndef HUJI_SERVICE_RECORDS_H_
#define HUJI_SERVICE_RECORDS_H_

// The rows that service code reads and writes through a Transaction (service/transaction.h):
// plain values, one struct per stored concept, mapped to tables once in store/sql/.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "domain/access/role.h"
#include "domain/documents/id_card_stock.h"
#include "domain/register/model.h"

namespace huji::service {

// A staff account (戶政人員, 股長, 稽核人員, 系統管理員), bound to one office.
struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  domain::Role role = domain::Role::kClerk;
  std::string office_code;
  std::string password_hash;  // argon2id, libsodium's crypto_pwhash_str format
  int failed_logins = 0;      // before migration 8's login buckets; no longer counted
  int64_t locked_until_ms = 0;
  bool active = true;  // false: disabled, cannot log in (its sessions are revoked)
  int64_t created_ms = 0;
  // RFC 6238 one-time codes: the shared secret (base32, "" when not enrolled), never answered
  // after enrolment, and the newest 30-second step accepted (a step is accepted only once).
  std::string totp_secret;
  int64_t totp_last_step = 0;
};

// One bucket of failed logins (service/login_throttle.h): per account and source address,
// per address (account ""), or per account (address "").
struct LoginBucket {
  std::string account;
  std::string address;
  int failures = 0;             // since they were last forgotten
  int64_t last_failure_ms = 0;  // 0: none
  int64_t last_success_ms = 0;  // pairs only: the last successful login from there
};

// A staff account as an admin's list shows it: the account, its newest login, its sessions
// still in force, and the failures counted against the account itself from any address.
struct StaffAccount {
  UserRecord user;
  int64_t last_login_ms = 0;  // 0: never logged in
  int active_sessions = 0;    // neither revoked nor expired
  LoginBucket account_bucket;
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
  std::string outcome;    // "ok", "not_found", "denied", "failed"
  std::string prev_hash;  // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;       // hex SHA-256 over prev_hash and this entry's fields
};

struct AuditQuery {
  std::optional<std::string> subject_id;
  std::optional<std::string> username;
  std::optional<std::string> office_code;  // entries made by staff of this office
  std::optional<int64_t> from_ms;          // inclusive
  std::optional<int64_t> to_ms;            // exclusive
  // An action or its start: "person.read" also finds person.read_summary and _related.
  std::optional<std::string> action_prefix;
  // A purpose or its start: "其他" finds every 其他：… the clerks wrote.
  std::optional<std::string> purpose_prefix;
  std::optional<std::string> outcome;  // exactly: "denied" lists the refusals
  int limit = 200;
  int64_t before_seq = 0;  // paging: entries with seq < before_seq (0 = newest first)
};

// The weekly audit sample (domain/access/audit_sample.h) as drawn and kept: which reads of
// the office's week were drawn, from how many, with which seed, and what was found.
struct AuditSampleItem {
  int64_t seq = 0;      // the sampled read's audit entry
  std::string finding;  // "" until recorded; "normal", "explain", "violation"
  std::string note;
  std::string recorded_by;
  int64_t recorded_ms = 0;
  AuditEntry entry;  // the read itself, as the trail holds it (read back with the sample)
};

struct AuditSampleRecord {
  int64_t id = 0;
  std::string office_code;
  core::Date week_start;   // a Monday; the week runs to the Sunday after
  int size = 0;            // how many were asked for
  int64_t population = 0;  // the reads eligible for the draw
  std::string seed;        // decimal uint64: redoing the draw with it gives the same items
  int64_t upto_seq = 0;    // the newest audit entry when drawn: the draw saw entries up to it
  std::string drawn_by;
  int64_t drawn_ms = 0;
  int64_t completed_ms = 0;            // 0 until every item has a finding
  std::vector<AuditSampleItem> items;  // by seq
};

// Where an application stands: 待審核, then 已登記 or 已駁回.
enum class ApplicationStatus { kPendingReview, kRegistered, kRejected };

// The stable code stored and answered: "pending_review", "registered", "rejected".
inline const char* application_status_code(ApplicationStatus s) {
  switch (s) {
    case ApplicationStatus::kPendingReview: return "pending_review";
    case ApplicationStatus::kRegistered: return "registered";
    case ApplicationStatus::kRejected: return "rejected";
  }
  return "pending_review";
}

inline std::optional<ApplicationStatus> application_status_from_code(std::string_view code) {
  for (ApplicationStatus s : {ApplicationStatus::kPendingReview, ApplicationStatus::kRegistered,
                              ApplicationStatus::kRejected}) {
    if (code == application_status_code(s)) return s;
  }
  return std::nullopt;
}

// 戶籍登記申請: one application through entry → review → registration → sampling.
struct ApplicationRecord {
  int64_t id = 0;
  std::string office_code;
  std::string type;  // domain::event_type_code
  ApplicationStatus status = ApplicationStatus::kPendingReview;
  std::string subject_id;
  core::Date event_date;
  std::map<std::string, std::string> fields;
  std::string applicant_name, applicant_id, identity_check;
  std::string applicant_relation;  // capacity code (domain::capacity_code), or an old relation word
  std::string applicant_interest;  // stated interest or basis (利害關係人, 撫養人 …)
  std::string principal_id, principal_relation;  // an agent's principal and their capacity
  std::string entered_by;
  int64_t entered_ms = 0;
  std::map<std::string, int64_t> expected_versions;  // household_no → version at entry
  core::Date deadline;                // of the registration, by law (domain/register/deadline.h)
  bool has_deadline = true;           // false: no statutory period (deadline = the entry date)
  bool deadline_provisional = false;  // its year's calendar was not loaded: the earliest it can be
  std::string deadline_basis;         // the statute the deadline rests on
  int days_late = 0;
  int fine_min = 0, fine_max = 0;
  std::string reviewed_by;
  int64_t reviewed_ms = 0;
  std::string review_note;
  std::optional<int> fine_decided;
  std::optional<core::Date> registered_on;  // once registered
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
  // That revocation's cause (domain::kCauseOfficeError | kCauseCitizenError); "" when revoked
  // before causes were recorded (migration 12), or not revoked.
  std::string revoked_cause;
};

// Registration correctness (DOMAIN §9) counted over an office's applications entered in a
// period, revocation applications apart. An application is in error when sampled erroneous
// (誤辦) or revoked for an office error (a revocation of unrecorded cause counts as one); one
// revoked as caused by the citizen is not, even when sampled erroneous (seed 004 AP2.1).
struct CorrectnessCounts {
  int64_t received = 0;  // pending, rejected and registered
  int64_t sampled = 0;
  int64_t sampled_errors = 0;         // sampled erroneous
  int64_t revoked_office_errors = 0;  // revoked for an office error, not sampled erroneous
  int64_t citizen_errors = 0;         // revoked as caused by the citizen: left out
  int64_t erroneous() const { return sampled_errors + revoked_office_errors; }
};

struct AgeCount {
  std::string village;
  core::Sex sex = core::Sex::kMale;
  int age = 0;
  int64_t count = 0;
};

struct ApplicationQuery {
  std::string office_code;
  std::optional<ApplicationStatus> status;
  std::optional<int64_t> entered_from_ms, entered_to_ms;  // [from, to)
  std::optional<std::string> entered_by;                  // one clerk's applications
  std::optional<int64_t> before_id;                       // paging: ids below this one
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

// One item of a case's investigation or document checklist, ticked.
struct ChecklistTick {
  std::string by;  // username
  int64_t at_ms = 0;
  bool operator==(const ChecklistTick&) const = default;
};

// 國籍案件: the Ministry's approval and the follow-up deadlines.
struct NationalityCase {
  int64_t id = 0;
  std::string office_code;
  // naturalization | restoration | loss | renunciation | naturalization_revoked |
  // loss_revoked | restoration_note (service/nationality_service.cc's kind table)
  std::string kind;
  std::string person_name, id_number;
  core::Date approval_letter_date;  // the Ministry's letter
  core::Date registration_due;      // 30 working days after the letter
  std::optional<core::Date> registered_on;
  // Naturalization: one year to prove the loss of the former nationality.
  std::optional<core::Date> proof_of_loss_due;
  std::optional<core::Date> proof_of_loss_received;
  std::string created_by;
  int64_t created_ms = 0;
  int64_t version = 1;
  // The registration application whose approval registered it (0: none, or recorded by hand
  // before migration 12).
  int64_t registered_by_application = 0;
  // 繳附通知單 (the notice to submit the proof of loss) sent: when, by whom.
  std::optional<core::Date> notice_sent_on;
  std::string notice_sent_by;
  std::map<std::string, ChecklistTick> checklist;  // item code → its tick
  // Revocation kinds: the date of the naturalization, loss or restoration revoked (國籍法 §19).
  std::optional<core::Date> original_decision_date;
};

// A naturalization test booking (歸化測試).
struct NaturalizationTest {
  int64_t id = 0;
  std::string office_code;
  std::optional<int64_t> case_id;
  std::string candidate_name;
  core::Date slot_date;
  std::string slot_time, booked_by;
  int64_t created_ms = 0;
};

// One person a reminder (催告) is addressed to: an applicant by law for the registration
// (戶籍法 §29–§39), with the address the letter goes to.
struct ReminderAddressee {
  std::string id_number;
  std::string name;
  std::string relation;  // to the subject: 本人, 父, 母, 戶長 …
  std::string address;   // where the letter is served
  bool operator==(const ReminderAddressee&) const = default;
};

// 催告: the office's written reminder, with a new period, of a registration it knows was not
// filed in time (戶籍法 §48 ¶3). status is domain::reminder_status_code of the stored state
// (never "lapsed": that is computed from due and the day).
struct ReminderRecord {
  int64_t id = 0;
  std::string office_code;
  std::string type;        // domain::event_type_code of the registration due
  std::string subject_id;  // the person it concerns; for a birth, the mother
  core::Date event_date;
  std::string source;  // how the office learned of it: 醫院出生通報, 查訪 …
  std::vector<ReminderAddressee> addressees;
  core::Date served_on;  // the day the letter was served
  core::Date due;        // the new period's last day (行政程序法 §48)
  std::string status = "open";
  int64_t application_id = 0;  // the application that complied, or the office's own one
  std::string issued_by;
  int64_t issued_ms = 0;
  std::string closed_by;
  int64_t closed_ms = 0;
  int64_t version = 1;
};

struct ReminderQuery {
  std::string office_code;
  std::optional<std::string> status;  // a stored status
  int limit = 500;
};

// One fine decision of the penalty ledger (裁處), apart from an application's ordinary late
// fine: kind "after_reminder" (§79, still not filed after the reminder: proposed when it
// lapses and then decided by a supervisor) or "false_application" (§76, decided at once with
// its grade).
struct PenaltyDecision {
  int64_t id = 0;
  std::string office_code;
  int64_t application_id = 0;
  int64_t reminder_id = 0;  // 0: none
  std::string kind;         // after_reminder | false_application
  std::string grade;        // §76: self_corrected | found_by_staff | reported_by_others
  std::string legal_basis;  // 戶籍法 §79 …
  int amount_proposed = 0;  // NT$
  std::optional<int> amount_decided;
  std::string status = "proposed";  // proposed | decided
  std::string reason;
  std::string proposed_by;
  int64_t proposed_ms = 0;
  std::string decided_by;
  int64_t decided_ms = 0;
  int64_t version = 1;
};

// A document the office issued and anyone may verify (service/document_registry.h): its check
// code, what it printed, the PDF as handed over, and whether it still stands.
struct IssuedDocument {
  int64_t id = 0;
  std::string check_code;  // 20 characters of Crockford base-32, unique
  std::string kind;        // transcript | seal_certificate | receipt | temporary_certificate | …
  std::string office_code;
  core::Date issued_on;
  std::string printed;           // canonical_printed() of the draft: what the document shows
  std::string digest;            // its SHA-256, hex (signed in the QR code)
  std::string signature;         // base64url Ed25519 signature of the QR's signed part
  std::string key_id;            // the signing key's id
  std::string pdf_sha256;        // hex
  std::string pdf;               // the bytes (empty when read without them)
  std::string status = "valid";  // valid | revoked (voided or superseded)
  std::string status_reason;
  int64_t status_ms = 0;
  std::string issued_by;  // username
  int64_t issued_ms = 0;
};

// A fee for issued items (規費; domain/documents/fee_schedule.h), settled by a payment. The
// amount is the schedule's on the day it was charged, or 0 with the waiver that applied.
struct ChargeRecord {
  int64_t id = 0;
  std::string office_code;
  std::string item;      // fee item code
  std::string ref_kind;  // what it is for: transcript | id_card | booklet | seal | …
  int64_t ref_id = 0;    // that record's id
  int quantity = 1;
  int64_t amount = 0;  // NT$
  std::string waiver;  // "" or the waiver's code
  core::Date charged_on;
  std::string charged_by;  // username
  int64_t charged_ms = 0;
  int64_t receipt_id = 0;  // 0 while unpaid
};

// 主動關懷通報 (seed 004 CC1.1): one entry of a qualifying registration's notification to the
// social-welfare office. Append-only: a correction ("notified" again) or a withdrawal
// ("withdrawn", recorded in error) names the entry it replaces, with its reason. The
// registration's notification is its newest entry, none when that is a withdrawal.
struct CareNotification {
  int64_t id = 0;
  std::string office_code;
  int64_t application_id = 0;
  std::string action = "notified";    // notified | withdrawn
  std::optional<core::Date> sent_on;  // notified: the day it was sent
  std::string agency;                 // to whom: 臺北市政府社會局 …
  std::string channel;                // how: 公文, 電子郵件, 系統 …
  std::string reference;              // 公文文號 or another reference
  std::string reason;                 // a correction's or withdrawal's
  int64_t replaces = 0;               // the entry corrected or withdrawn; 0 for the first
  std::string recorded_by;
  int64_t recorded_ms = 0;
};

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

// A year's government office calendar as an admin loaded it (table calendar_years): the file
// text (core/calendar.h's format), kept whole so that every server parses the same text.
struct CalendarYearRecord {
  int year = 0;
  std::string text;
  bool provisional = false;
  std::string loaded_by;  // username
  int64_t loaded_ms = 0;
};

// A version of the statutory figures as an admin loaded it (table rule_versions): the text of
// one block of domain/register/statutory_rules.h's format, kept whole.
struct RuleVersionRecord {
  core::Date effective_from;
  std::string text;
  std::string loaded_by;  // username
  int64_t loaded_ms = 0;
};

// A version of the fee schedule as an admin stored it (table fee_versions; service/fee_service.h):
// one block of domain/documents/fee_schedule.h's format, kept whole.
struct FeeVersionRecord {
  core::Date effective;
  std::string text;
  std::string loaded_by;  // username
  int64_t loaded_ms = 0;
};

// 規費收據: what a payment settled, numbered without a gap per office and ROC year
// (service/payment_service.h). Never edited or deleted: a refund is its own row.
struct ReceiptRecord {
  int64_t id = 0;
  std::string office_code;
  int roc_year = 0;
  int64_t serial = 0;  // 1, 2, … within (office, ROC year)
  std::string number;  // as printed: "115-000001"
  core::Date issued_on;
  std::string counter;    // the counter (櫃檯) that took the payment
  std::string method;     // cash | stored_value | transfer
  int64_t amount = 0;     // NT$, the settled charges' sum
  int64_t tendered = 0;   // cash: what the payer handed over (0 otherwise)
  int64_t change = 0;     // cash: tendered - amount
  std::string reference;  // stored value: card's last digits / transaction; transfer: reference
  std::string payer_name;
  std::string payer_email;  // "" when the receipt is not e-mailed
  std::string issued_by;    // username
  int64_t issued_ms = 0;
  int64_t document_id = 0;  // the issued document (PDF, check code)
  std::string check_code;
};

// A refund of (part of) a receipt, with its reason (退費). Full when it returns what is left.
struct RefundRecord {
  int64_t id = 0;
  int64_t receipt_id = 0;
  std::string office_code;
  std::string counter;  // where the money went back
  core::Date refunded_on;
  int64_t amount = 0;
  std::string method;  // the receipt's
  std::string reason;
  bool full = false;
  std::string requested_by;  // username of the clerk at the counter
  std::string approved_by;   // the supervisor's username
  int64_t refunded_ms = 0;
};

// 日結: one counter's day, reconciled and kept (never changed).
struct DailyCloseRecord {
  int64_t id = 0;
  std::string office_code;
  std::string counter;
  core::Date close_date;
  int64_t receipts = 0;  // count of the counter's receipts that day
  int64_t cash_payments = 0;
  int64_t cash_refunds = 0;
  int64_t cash_expected = 0;  // cash_payments - cash_refunds
  int64_t cash_counted = 0;
  int64_t difference = 0;  // counted - expected
  int64_t stored_value_total = 0;
  int64_t transfer_total = 0;
  int64_t refunds_total = 0;  // every method
  std::string first_number;   // the counter's first and last receipt numbers ("" when none)
  std::string last_number;
  std::string gaps;   // the office's missing numbers that day, comma-separated ("" when none)
  std::string voids;  // the office's fully refunded receipts of the day, comma-separated
  std::string closed_by;
  int64_t closed_ms = 0;
};

// An e-mail to send after the commit that asked for it (table mail_outbox).
struct MailRecord {
  int64_t id = 0;
  int64_t receipt_id = 0;
  std::string to;
  std::string status = "pending";  // pending | sent | failed
  int attempts = 0;
  std::string last_error;
  int64_t next_attempt_ms = 0;
  int64_t created_ms = 0;
  int64_t sent_ms = 0;
};

// 國民身分證: one issue of a card (domain/documents/id_card.h). Updated in place (status, loss,
// supersession, cancellation) under optimistic concurrency (version).
struct IdCardRecord {
  int64_t id = 0;
  std::string office_code;  // the issuing office
  std::string person_id;
  std::string kind;  // first | renewal | replacement
  core::Date issued_on;
  std::string card_serial;            // the blank card it was printed on
  std::string laminate_serial;        // and its laminate
  std::string status = "valid";       // valid | lost | superseded | cancelled
  std::optional<core::Date> lost_on;  // the loss in force, or the one a replacement ended
  int64_t previous_id = 0;            // the card this one superseded
  int64_t superseded_by = 0;
  int64_t photo_id = 0;
  std::string applicant_name, applicant_id;
  std::string applicant_relation;  // self | legal_representative | agent
  std::string identity_check;      // how the applicant's identity was checked
  std::string waiver;              // the fee schedule's waiver applied, "" for none
  int64_t fee = 0;                 // NT$ charged
  bool cross_district = false;     // 他所: the person's household is another office's
  std::string school;              // 到校服務: the school of a batch issue
  std::string issued_by;
  int64_t issued_ms = 0;
  std::string cancel_reason;         // cancelled: why
  bool cancel_attributable = false;  // 誤辦: the office's error (issue correctness KPI)
  std::string cancelled_by;
  int64_t cancelled_ms = 0;
  int64_t version = 1;
};

// The photo file (相片影像檔) kept for an issue: PNG or JPEG bytes.
struct IdCardPhoto {
  int64_t id = 0;
  std::string office_code;
  std::string person_id;
  std::string mime;
  std::string sha256;
  int64_t size = 0;
  std::string content;  // empty unless asked for
  std::string uploaded_by;
  int64_t uploaded_ms = 0;
};

// 掛失 and 撤銷掛失 of one card, append-only.
struct IdCardLoss {
  int64_t id = 0;
  int64_t card_id = 0;
  std::string office_code;  // the office that recorded it
  std::string action;       // reported | revoked
  core::Date on;
  std::string reason;
  std::string recorded_by;
  int64_t recorded_ms = 0;
};

// One serial of the office's blank stock (domain/documents/id_card_stock.h).
struct StockSerialRecord {
  std::string office_code;
  domain::StockItem item = domain::StockItem::kCard;
  std::string serial;
  domain::StockStatus status = domain::StockStatus::kOnHand;
  core::Date received_on;
  std::string received_by;
  std::optional<core::Date> moved_on;
  std::string moved_by;
  std::string reason;
  int64_t card_id = 0;  // issued: the card printed on it
};

// A physical count of one item entered by a clerk, with what it did not reconcile.
struct StockCountRecord {
  int64_t id = 0;
  std::string office_code;
  std::string month;  // YYYY-MM the count is filed under
  domain::StockItem item = domain::StockItem::kCard;
  int expected = 0;
  int counted = 0;
  bool by_serial = false;
  std::vector<std::string> missing, unexpected;
  bool reconciled = false;
  std::string counted_by;
  int64_t counted_ms = 0;
};

// 戶口名簿: one booklet issued to a household (domain/documents/booklet.h).
struct BookletRecord {
  int64_t id = 0;
  std::string office_code;
  std::string household_no;
  std::string kind;  // issue | replacement
  core::Date issued_on;
  std::string status = "valid";  // valid | superseded
  int64_t previous_id = 0;
  std::string applicant_id;
  std::string capacity;              // head | member | agent
  std::string principal_id, reason;  // an agent's
  std::string waiver;
  int64_t fee = 0;
  std::string issued_by;
  int64_t issued_ms = 0;
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_RECORDS_H_
