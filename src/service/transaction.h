#ifndef HUJI_SERVICE_TRANSACTION_H_
#define HUJI_SERVICE_TRANSACTION_H_

// The reads and writes of one use case, grouped by area: each area is a small interface, and
// a use case (or a helper) that needs one area takes only that one, as domain/register/state.h
// is narrow. Transaction is all of them plus commit(). A new feature adds its own interface
// here (and to Transaction's bases), its records to service/records.h, one header under
// store/sql/ that maps its tables and implements the interface for both backends, and one
// migration per backend.
//
// A use case opens one Transaction, does all its reads and writes through it and commits once:
// every write is atomic, and a commit returns only after the data is durable (fsync).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/notify/agency.h"
#include "domain/register/model.h"
#include "service/appointment_records.h"
#include "service/inbound_records.h"
#include "service/notification_records.h"
#include "service/notification_review_records.h"
#include "service/queue_records.h"
#include "service/records.h"
#include "service/seal_records.h"
#include "service/transcript_record.h"

namespace huji::service {

// Offices and their geography: villages and door plates.
class OfficeTx {
 public:
  virtual ~OfficeTx() = default;
  virtual core::Status put_office(const domain::Office& office) = 0;
  virtual core::Result<std::optional<domain::Office>> find_office(const std::string& code) = 0;
  virtual core::Result<std::vector<domain::Office>> list_offices() = 0;  // by code
  virtual core::Status put_village(const domain::Village& village) = 0;
  virtual core::Result<std::vector<domain::Village>> list_villages(const std::string& office) = 0;
  virtual core::Status put_door_plate(const domain::DoorPlate& plate) = 0;  // id given
  virtual core::Result<std::optional<domain::DoorPlate>> find_door_plate(int64_t id) = 0;
  // The plate whose formatted address is `full_text` (core::Address::format()), if any.
  virtual core::Result<std::optional<domain::DoorPlate>> find_door_plate_by_address(
      const std::string& full_text) = 0;
  // The plates at `address` (its parts; floor and village only when given), in use first,
  // at most `limit`.
  virtual core::Result<std::vector<domain::DoorPlate>> door_plates_at(const core::Address& address,
                                                                      int limit) = 0;
};

// Staff accounts and their login sessions.
class StaffTx {
 public:
  virtual ~StaffTx() = default;
  virtual core::Result<int64_t> insert_user(const UserRecord& user) = 0;  // conflict if taken
  virtual core::Result<std::optional<UserRecord>> find_user(const std::string& username) = 0;
  virtual core::Result<std::optional<UserRecord>> find_user_by_id(int64_t id) = 0;
  // The office's accounts by username, with their sessions in force at `now_ms`.
  virtual core::Result<std::vector<StaffAccount>> list_staff(const std::string& office_code,
                                                             int64_t now_ms) = 0;
  virtual core::Status set_user_role(int64_t user_id, domain::Role role) = 0;
  virtual core::Status update_login_state(int64_t user_id, int failed_logins,
                                          int64_t locked_until_ms) = 0;
  virtual core::Status insert_session(const SessionRecord& session) = 0;
  virtual core::Result<std::optional<SessionRecord>> find_session(const std::string& hash) = 0;
  virtual core::Status revoke_session(const std::string& token_hash) = 0;
  // Every session of the user, at once (a disabled account, a reset password).
  virtual core::Status revoke_user_sessions(int64_t user_id) = 0;
  virtual core::Status set_user_active(int64_t user_id, bool active) = 0;
  virtual core::Status set_password_hash(int64_t user_id, const std::string& hash) = 0;
  // Enrols (secret and step 0) or removes ("") the user's one-time code secret.
  virtual core::Status set_totp_secret(int64_t user_id, const std::string& secret) = 0;
  // Records `step` as the newest accepted one-time code step if it is newer than the stored
  // one; false when it is not (a replay), in which case nothing changes.
  virtual core::Result<bool> advance_totp_step(int64_t user_id, int64_t step) = 0;
  // Roles whose staff must give a one-time code at login (role codes).
  virtual core::Result<std::vector<std::string>> totp_required_roles() = 0;
  virtual core::Status set_totp_required(const std::string& role, bool required) = 0;

  // Login throttling buckets (service/login_throttle.h), keyed by (account, address); an
  // absent bucket reads as empty.
  virtual core::Result<LoginBucket> find_login_bucket(const std::string& account,
                                                      const std::string& address) = 0;
  virtual core::Status put_login_bucket(const LoginBucket& bucket) = 0;
  // Forgets the account's own bucket and its pairs (an operator's unlock).
  virtual core::Status clear_login_buckets(const std::string& account) = 0;
  // Removes buckets whose last failure is before `failed_before_ms` and last success before
  // `succeeded_before_ms`: they no longer change any decision.
  virtual core::Status prune_login_buckets(int64_t failed_before_ms,
                                           int64_t succeeded_before_ms) = 0;
};

// The register: projections (current state) and the append-only event log.
class RegisterTx {
 public:
  virtual ~RegisterTx() = default;
  virtual core::Status put_person(const domain::Person& person) = 0;  // insert or replace
  virtual core::Result<std::optional<domain::Person>> find_person(const std::string& id) = 0;
  virtual core::Result<std::vector<domain::Person>> household_members(const std::string& no) = 0;
  // Persons named exactly `name`, narrowed by birth date and household when given; active
  // first, at most `limit`.
  virtual core::Result<std::vector<domain::Person>> persons_named(
      const std::string& name, const std::optional<std::string>& birth_date,
      const std::optional<std::string>& household_no, int limit) = 0;
  // Persons whose father_id or mother_id is `parent_id`, in ID order.
  virtual core::Result<std::vector<domain::Person>> children_of(const std::string& parent_id) = 0;
  virtual core::Status put_household(const domain::Household& household) = 0;
  virtual core::Result<std::optional<domain::Household>> find_household(const std::string& no) = 0;
  virtual core::Result<int64_t> append_event(const domain::Event& event) = 0;  // returns seq
  virtual core::Result<std::vector<domain::Event>> events_of(const std::string& person_id) = 0;
  // The person's full record, or nothing when no one has that ID number. Transaction reads
  // it call by call; a backend where each call is a round trip sends them together.
  virtual core::Result<std::optional<PersonRecord>> read_person_record(const std::string& id) = 0;
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
  // Where the search for a free serial of ID numbers starting with `prefix` (letter and first
  // digit) goes on once the largest serial is in use (register_state.cc); nullopt before the
  // first such search. Every serial below it is taken.
  virtual core::Result<std::optional<int64_t>> id_serial_cursor(const std::string& prefix) = 0;
  virtual core::Status set_id_serial_cursor(const std::string& prefix, int64_t next_serial) = 0;
  // The largest household number starting with `prefix`, or "".
  virtual core::Result<std::string> max_household_no(const std::string& prefix) = 0;
  // Full scans for rebuilding and checking projections; stop when `visit` returns false.
  virtual core::Status scan_events(const std::function<bool(const domain::Event&)>& visit) = 0;
  virtual core::Status scan_persons(const std::function<bool(const domain::Person&)>& visit) = 0;
  virtual core::Status scan_households(
      const std::function<bool(const domain::Household&)>& visit) = 0;
  virtual core::Status clear_projections() = 0;  // persons and households, for a rebuild
};

// The registration workflow: applications, their documents, and idempotency keys.
class WorkflowTx {
 public:
  virtual ~WorkflowTx() = default;
  virtual core::Result<int64_t> insert_application(const ApplicationRecord& a) = 0;
  virtual core::Result<std::optional<ApplicationRecord>> find_application(int64_t id) = 0;
  // Replaces the row if its stored version is a.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_application(const ApplicationRecord& a) = 0;
  virtual core::Result<std::vector<ApplicationRecord>> list_applications(
      const ApplicationQuery& q) = 0;
  // `office`'s applications of `type` registered on a day in [from, to], revoked ones too, by
  // registration day (index applications_office_registered).
  virtual core::Result<std::vector<ApplicationRecord>> list_registered(const std::string& office,
                                                                       const std::string& type,
                                                                       core::Date from,
                                                                       core::Date to) = 0;
  // Registration correctness over `office`'s applications entered in [from_ms, to_ms)
  // (index applications_office_entered).
  virtual core::Result<CorrectnessCounts> count_correctness(const std::string& office,
                                                            int64_t from_ms, int64_t to_ms) = 0;
  virtual core::Result<int64_t> insert_document(const DocumentRecord& d) = 0;
  virtual core::Result<std::vector<DocumentRecord>> list_documents(int64_t application_id,
                                                                   bool with_content) = 0;
  virtual core::Result<std::optional<IdempotencyRecord>> find_idempotency(
      const std::string& username, const std::string& key) = 0;
  virtual core::Status put_idempotency(const IdempotencyRecord& r) = 0;
};

// Nationality cases and naturalization test bookings.
class NationalityTx {
 public:
  virtual ~NationalityTx() = default;
  virtual core::Result<int64_t> insert_nationality_case(const NationalityCase& c) = 0;
  virtual core::Result<std::optional<NationalityCase>> find_nationality_case(int64_t id) = 0;
  virtual core::Result<bool> update_nationality_case(const NationalityCase& c) = 0;
  virtual core::Result<std::vector<NationalityCase>> list_nationality_cases(
      const std::string& office_code) = 0;
  virtual core::Result<int64_t> insert_naturalization_test(const NaturalizationTest& t) = 0;
  // The office's bookings on `from` and later, by slot.
  virtual core::Result<std::vector<NaturalizationTest>> list_naturalization_tests(
      const std::string& office_code, core::Date from) = 0;
};

// Reminders (催告) and the penalty ledger (裁處).
class PenaltyTx {
 public:
  virtual ~PenaltyTx() = default;
  virtual core::Result<int64_t> insert_reminder(const ReminderRecord& r) = 0;
  virtual core::Result<std::optional<ReminderRecord>> find_reminder(int64_t id) = 0;
  // Replaces the row if its stored version is r.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_reminder(const ReminderRecord& r) = 0;
  // The office's reminders, by due date (newest first).
  virtual core::Result<std::vector<ReminderRecord>> list_reminders(const ReminderQuery& q) = 0;
  // The office's reminders of `type` about `subject_id` whose stored status is "open".
  virtual core::Result<std::vector<ReminderRecord>> open_reminders_of(
      const std::string& office_code, const std::string& subject_id, const std::string& type) = 0;
  virtual core::Result<int64_t> insert_penalty(const PenaltyDecision& p) = 0;
  virtual core::Result<std::optional<PenaltyDecision>> find_penalty(int64_t id) = 0;
  virtual core::Result<bool> update_penalty(const PenaltyDecision& p) = 0;  // as update_reminder
  // The decisions about one application, oldest first.
  virtual core::Result<std::vector<PenaltyDecision>> penalties_of_application(
      int64_t application_id) = 0;
  virtual core::Result<std::vector<PenaltyDecision>> penalties_of_reminder(int64_t reminder_id) = 0;
};

// Notifications of the proactive-care lists (主動關懷通報), append-only.
class CareTx {
 public:
  virtual ~CareTx() = default;
  // Conflict (store.constraint) when another entry already replaces n.replaces.
  virtual core::Result<int64_t> insert_care_notification(const CareNotification& n) = 0;
  // Every entry about one application, oldest first.
  virtual core::Result<std::vector<CareNotification>> care_notifications_of(
      int64_t application_id) = 0;
  // Every entry about `office`'s applications registered on a day in [from, to], oldest first.
  virtual core::Result<std::vector<CareNotification>> care_notifications_registered(
      const std::string& office, core::Date from, core::Date to) = 0;
};

// Issued documents that anyone may verify (service/document_registry.h).
class DocumentTx {
 public:
  virtual ~DocumentTx() = default;
  // Conflict (store.constraint) when the check code exists.
  virtual core::Result<int64_t> insert_issued_document(const IssuedDocument& d) = 0;
  // By check code (stored form), without the PDF's bytes.
  virtual core::Result<std::optional<IssuedDocument>> find_issued_document(
      const std::string& check_code) = 0;
  // The document whose PDF has this SHA-256 (hex), without the bytes.
  virtual core::Result<std::optional<IssuedDocument>> find_issued_document_by_pdf(
      const std::string& pdf_sha256) = 0;
  virtual core::Result<std::optional<std::string>> issued_document_pdf(int64_t id) = 0;
  // valid → revoked (voided or superseded), with the reason; not found when no such id.
  virtual core::Status set_issued_document_status(int64_t id, const std::string& status,
                                                  const std::string& reason, int64_t at_ms) = 0;
};

// Fees charged for issued items, settled by payments.
class ChargeTx {
 public:
  virtual ~ChargeTx() = default;
  virtual core::Result<int64_t> insert_charge(const ChargeRecord& c) = 0;
  virtual core::Result<std::optional<ChargeRecord>> find_charge(int64_t id) = 0;
  // The charges for one record (ref_kind, ref_id), oldest first.
  virtual core::Result<std::vector<ChargeRecord>> charges_of(const std::string& ref_kind,
                                                             int64_t ref_id) = 0;
  // The office's charges of a day not yet paid, oldest first.
  virtual core::Result<std::vector<ChargeRecord>> unpaid_charges(const std::string& office,
                                                                 core::Date on) = 0;
  // Marks the charges paid by `receipt_id`; charge.paid (conflict) or charge.not_found on the
  // first that is paid or absent: the caller rolls back, undoing those marked before it.
  virtual core::Status settle_charges(const std::vector<int64_t>& ids, int64_t receipt_id) = 0;
  // The charges a receipt settled, by id.
  virtual core::Result<std::vector<ChargeRecord>> charges_of_receipt(int64_t receipt_id) = 0;
};

// Versions of the fee schedule stored through the API, over data/fees' versions of the same
// date.
class FeeTx {
 public:
  virtual ~FeeTx() = default;
  virtual core::Status put_fee_version(const FeeVersionRecord& r) = 0;          // insert or replace
  virtual core::Result<std::vector<FeeVersionRecord>> list_fee_versions() = 0;  // by date
};

// Receipts, refunds, daily closes and the receipts' e-mail outbox (service/payment_service.h).
class PaymentTx {
 public:
  virtual ~PaymentTx() = default;
  // The next receipt serial of (office, ROC year), counted in this transaction: a rolled-back
  // payment gives its number back, so the numbers have no gap.
  virtual core::Result<int64_t> next_receipt_serial(const std::string& office, int roc_year) = 0;
  virtual core::Result<int64_t> insert_receipt(const ReceiptRecord& r) = 0;
  virtual core::Result<std::optional<ReceiptRecord>> find_receipt(int64_t id) = 0;
  // The office's receipts issued on `on`, by serial.
  virtual core::Result<std::vector<ReceiptRecord>> receipts_on(const std::string& office,
                                                               core::Date on) = 0;
  // The largest serial of the office's ROC year issued before `on` (0 when none).
  virtual core::Result<int64_t> last_serial_before(const std::string& office, int roc_year,
                                                   core::Date on) = 0;
  virtual core::Result<int64_t> insert_refund(const RefundRecord& r) = 0;
  virtual core::Result<std::vector<RefundRecord>> refunds_of_receipt(int64_t receipt_id) = 0;
  // The office's refunds made on `on`, by id.
  virtual core::Result<std::vector<RefundRecord>> refunds_on(const std::string& office,
                                                             core::Date on) = 0;
  // Conflict (store.constraint) when the counter's day is closed already.
  virtual core::Result<int64_t> insert_daily_close(const DailyCloseRecord& c) = 0;
  virtual core::Result<std::optional<DailyCloseRecord>> find_daily_close(const std::string& office,
                                                                         const std::string& counter,
                                                                         core::Date on) = 0;
  virtual core::Result<std::vector<DailyCloseRecord>> daily_closes_on(const std::string& office,
                                                                      core::Date on) = 0;
  virtual core::Result<int64_t> insert_mail(const MailRecord& m) = 0;
  // The receipt's newest e-mail, if any.
  virtual core::Result<std::optional<MailRecord>> mail_of_receipt(int64_t receipt_id) = 0;
  // Pending e-mails due at `now_ms`, oldest first, at most `limit`.
  virtual core::Result<std::vector<MailRecord>> due_mail(int64_t now_ms, int limit) = 0;
  // Takes a due e-mail for sending: moves its next attempt from `due_ms` to `lease_ms`; false
  // when another sender took it first.
  virtual core::Result<bool> claim_mail(int64_t id, int64_t due_ms, int64_t lease_ms) = 0;
  // Status, attempts, last error, next attempt and sent time.
  virtual core::Status update_mail(const MailRecord& m) = 0;
};

// The hash-chained audit trail and the audit journal's mark.
class AuditTx {
 public:
  virtual ~AuditTx() = default;
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

  // The weekly audit samples (domain/access/audit_sample.h).
  // The seqs of `office`'s entries in [from_ms, to_ms) up to `upto_seq` whose action is one
  // of the four `actions`, except those made by `except_username`.
  virtual core::Result<std::vector<int64_t>> audit_sample_population(
      const std::string& office, int64_t from_ms, int64_t to_ms, int64_t upto_seq,
      const std::string& except_username, const std::vector<std::string>& actions) = 0;
  // Inserts the sample and its items (findings empty); nullopt when the office already has a
  // sample of that week.
  virtual core::Result<std::optional<int64_t>> insert_audit_sample(
      const AuditSampleRecord& sample) = 0;
  // With its items and their entries.
  virtual core::Result<std::optional<AuditSampleRecord>> find_audit_sample(int64_t id) = 0;
  virtual core::Result<std::optional<AuditSampleRecord>> find_audit_sample_of_week(
      const std::string& office, core::Date week_start) = 0;
  // The office's samples with their items and entries, latest week first.
  virtual core::Result<std::vector<AuditSampleRecord>> list_audit_samples(const std::string& office,
                                                                          int limit) = 0;
  virtual core::Status set_audit_finding(int64_t sample_id, const AuditSampleItem& item) = 0;
  virtual core::Status set_audit_sample_completed(int64_t sample_id, int64_t at_ms) = 0;
};

// Office calendars loaded through the API; they take precedence over data/calendar's files.
class CalendarTx {
 public:
  virtual ~CalendarTx() = default;
  virtual core::Status put_calendar_year(const CalendarYearRecord& r) = 0;  // insert or replace
  virtual core::Result<std::vector<CalendarYearRecord>> list_calendar_years() = 0;  // by year
};

// Versions of the statutory figures loaded through the API; they take precedence over
// data/rules' versions of the same effective date.
class RulesTx {
 public:
  virtual ~RulesTx() = default;
  virtual core::Status put_rule_version(const RuleVersionRecord& r) = 0;  // insert or replace
  virtual core::Result<std::vector<RuleVersionRecord>> list_rule_versions() = 0;  // by date
};

// Issued household transcripts (戶籍謄本), append-only, and the household's own history.
class TranscriptTx {
 public:
  virtual ~TranscriptTx() = default;
  virtual core::Result<int64_t> insert_transcript(const TranscriptRecord& t) = 0;
  virtual core::Result<std::optional<TranscriptRecord>> find_transcript(int64_t id) = 0;
  // Every entry written while a person was in household `no`, in seq order (index
  // events_household).
  virtual core::Result<std::vector<domain::Event>> events_of_household(const std::string& no) = 0;
};

// The seal register (印鑑登記) and its certificates.
class SealTx {
 public:
  virtual ~SealTx() = default;
  // Conflict (store.constraint) when the person already has a current seal.
  virtual core::Result<int64_t> insert_seal(const SealRecord& s) = 0;
  virtual core::Result<std::optional<SealRecord>> find_seal(int64_t id, bool with_image) = 0;
  // The person's seals, newest first.
  virtual core::Result<std::vector<SealRecord>> seals_of(const std::string& person_id,
                                                         bool with_image) = 0;
  // Replaces the row if its stored version is s.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_seal(const SealRecord& s) = 0;
  virtual core::Result<int64_t> insert_seal_certificate(const SealCertificateRecord& c) = 0;
  virtual core::Result<std::optional<SealCertificateRecord>> find_seal_certificate(
      int64_t id, bool with_content) = 0;
};

// ID cards (國民身分證): issues, photos, losses, and the office's blank stock by serial.
class IdCardTx {
 public:
  virtual ~IdCardTx() = default;
  virtual core::Result<int64_t> insert_id_card_photo(const IdCardPhoto& p) = 0;
  virtual core::Result<std::optional<IdCardPhoto>> find_id_card_photo(int64_t id,
                                                                      bool with_content) = 0;
  // Conflict (store.constraint) when a serial is already on another card.
  virtual core::Result<int64_t> insert_id_card(const IdCardRecord& c) = 0;
  virtual core::Result<std::optional<IdCardRecord>> find_id_card(int64_t id) = 0;
  // Replaces the row if its stored version is c.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_id_card(const IdCardRecord& c) = 0;
  // The person's cards, oldest first (index id_cards_person).
  virtual core::Result<std::vector<IdCardRecord>> id_cards_of(const std::string& person_id) = 0;
  // `office`'s issues on a day in [from, to], cancelled ones too (index id_cards_office_issued).
  virtual core::Result<std::vector<IdCardRecord>> id_cards_issued(const std::string& office,
                                                                  core::Date from,
                                                                  core::Date to) = 0;
  virtual core::Result<int64_t> insert_id_card_loss(const IdCardLoss& l) = 0;
  virtual core::Result<std::vector<IdCardLoss>> id_card_losses_of(int64_t card_id) = 0;
  // `office`'s loss entries dated in [from, to], oldest first.
  virtual core::Result<std::vector<IdCardLoss>> id_card_losses_recorded(const std::string& office,
                                                                        core::Date from,
                                                                        core::Date to) = 0;

  // Conflict (store.constraint) when a serial of the item was received before (by any office).
  virtual core::Status insert_stock_serials(const std::vector<StockSerialRecord>& serials) = 0;
  virtual core::Result<std::optional<StockSerialRecord>> find_stock_serial(
      domain::StockItem item, const std::string& serial) = 0;
  // Moves the serial out of `office`'s stock (status, moved_on, moved_by, reason, card_id of
  // `to`) if it is on hand there; false when it is not (used, another office's, unknown).
  virtual core::Result<bool> move_stock_serial(const StockSerialRecord& to) = 0;
  // The office's serials, every status, by item and serial (index id_card_stock_office).
  virtual core::Result<std::vector<StockSerialRecord>> stock_serials(const std::string& office) = 0;
  virtual core::Result<int64_t> insert_stock_count(const StockCountRecord& c) = 0;
  // The office's counts filed under `month`, oldest first.
  virtual core::Result<std::vector<StockCountRecord>> stock_counts(const std::string& office,
                                                                   const std::string& month) = 0;
};

// Household certificate booklets (戶口名簿).
class BookletTx {
 public:
  virtual ~BookletTx() = default;
  virtual core::Result<int64_t> insert_booklet(const BookletRecord& b) = 0;
  // The household's booklets, oldest first.
  virtual core::Result<std::vector<BookletRecord>> booklets_of(const std::string& household_no) = 0;
  virtual core::Status supersede_booklet(int64_t id) = 0;  // status superseded
};

// Cross-agency notification (issue 19): agencies, consents, the outbox and its ledger.
class NotificationTx {
 public:
  virtual ~NotificationTx() = default;
  // Conflict (store.constraint) when the code is taken.
  virtual core::Status insert_agency(const domain::notify::Agency& a) = 0;
  // Replaces the row if its stored version is a.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_agency(const domain::notify::Agency& a) = 0;
  virtual core::Result<std::optional<domain::notify::Agency>> find_agency(
      const std::string& code) = 0;
  virtual core::Result<std::vector<domain::notify::Agency>> list_agencies() = 0;  // by code
  // Sets only paused_until_ms (the worker's slow-down), whatever the version.
  virtual core::Status pause_agency(const std::string& code, int64_t until_ms) = 0;

  virtual core::Status insert_consents(const std::vector<ConsentRecord>& consents) = 0;
  virtual core::Result<std::vector<ConsentRecord>> consents_of(int64_t application_id) = 0;
  // The consent lines of the newest application about `person_id` (its subject or result
  // subject) that has any: the counter's defaults. Empty when none.
  virtual core::Result<std::vector<ConsentRecord>> last_consents_of_person(
      const std::string& person_id) = 0;

  // Conflict (store.constraint) when the message_id exists.
  virtual core::Result<int64_t> insert_notification(const NotificationRecord& n) = 0;
  virtual core::Result<std::optional<NotificationRecord>> find_notification(int64_t id) = 0;
  // About one application (its registration and its revocation's), by id.
  virtual core::Result<std::vector<NotificationRecord>> notifications_of_application(
      int64_t application_id) = 0;
  // Newest first (id descending).
  virtual core::Result<std::vector<NotificationRecord>> list_notifications(
      const NotificationQuery& q) = 0;
  // Pending rows due at `now_ms` that are first in their (agency, person) line — no earlier
  // row of that agency and person is pending or dead — of agencies active and not paused,
  // oldest first, at most `limit`.
  virtual core::Result<std::vector<NotificationRecord>> due_notifications(int64_t now_ms,
                                                                          int limit) = 0;
  // Takes a due row: moves next_attempt_ms from `due_ms` to `lease_ms` and adds 1 to its
  // version (an admin's change meanwhile then fails the worker's update); false when another
  // worker took it first.
  virtual core::Result<bool> claim_notification(int64_t id, int64_t due_ms, int64_t lease_ms) = 0;
  // Replaces status, attempts, next_attempt_ms, delivered_at_ms, last_http_status,
  // last_error if the stored version is n.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_notification(const NotificationRecord& n) = 0;
  virtual core::Result<int64_t> insert_attempt(const AttemptRecord& a) = 0;
  virtual core::Result<std::vector<AttemptRecord>> attempts_of(int64_t notification_id) = 0;
};

// Inbound feeds (issue 19 item 5): imported files and their records, cases and anomalies.
class InboundTx {
 public:
  virtual ~InboundTx() = default;
  // Conflict (store.constraint) when the feed already has a file with that SHA-256.
  virtual core::Result<int64_t> insert_inbound_file(const InboundFile& f) = 0;
  virtual core::Result<std::optional<InboundFile>> find_inbound_file(const std::string& feed,
                                                                     const std::string& sha256) = 0;
  // The office's imports, newest first.
  virtual core::Result<std::vector<InboundFile>> list_inbound_files(const std::string& office,
                                                                    int limit) = 0;
  // Conflict (store.constraint) when the feed already has a record with that record_id.
  virtual core::Result<int64_t> insert_inbound_record(const InboundRecord& r) = 0;
  virtual core::Result<std::optional<InboundRecord>> find_inbound_record(int64_t id) = 0;
  virtual core::Result<std::optional<InboundRecord>> find_inbound_record_of_sender(
      const std::string& feed, const std::string& record_id) = 0;
  // Sets status, closed_by_application, close_note, closed_by, closed_ms and version if the
  // stored version is r.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> close_inbound_case(const InboundRecord& r) = 0;
  // Newest first.
  virtual core::Result<std::vector<InboundRecord>> list_inbound_records(const InboundQuery& q) = 0;
  // Open cases of `event` about the person, of any office, oldest first.
  virtual core::Result<std::vector<InboundRecord>> open_inbound_cases_of(
      const std::string& id_number, const std::string& event) = 0;
};

// The KPIs and audit of cross-agency notification (issue 19 item 6).
class NotificationKpiTx {
 public:
  virtual ~NotificationKpiTx() = default;
  // Office $1's registrations registered on a day in [from, to], neither revoked nor
  // revocations, by day and id; and their consent lines with each agency's count group.
  virtual core::Result<std::vector<NotificationFactRow>> notification_facts(
      const std::string& office, core::Date from, core::Date to) = 0;
  virtual core::Result<std::vector<FactConsentRow>> notification_fact_consents(
      const std::string& office, core::Date from, core::Date to) = 0;
  // The office's notification cases registered on a day in [from, to]: registrations (not
  // revocations) with a consent line or a notification, by id.
  virtual core::Result<std::vector<int64_t>> notification_cases(const std::string& office,
                                                                core::Date from, core::Date to) = 0;

  // The sample and its items (findings empty); none when the office has one that week.
  virtual core::Result<std::optional<int64_t>> insert_review_sample(
      const NotificationReviewSample& s) = 0;
  virtual core::Result<std::optional<NotificationReviewSample>> find_review_sample(int64_t id) = 0;
  virtual core::Result<std::optional<NotificationReviewSample>> find_review_sample_of_week(
      const std::string& office, core::Date week_start) = 0;
  // Latest week first, at most `limit`, with their items.
  virtual core::Result<std::vector<NotificationReviewSample>> list_review_samples(
      const std::string& office, int limit) = 0;
  virtual core::Status set_review_finding(int64_t sample_id, const NotificationReviewItem& i) = 0;
  virtual core::Status set_review_completed(int64_t sample_id, int64_t completed_ms) = 0;

  // Anomalies of [from_ms, to_ms): attempts that ended in dead letter, and revocation notices
  // written (the notifications of revoked registrations), of the office's notifications.
  virtual core::Result<std::vector<DeadLetterRow>> dead_letters(const std::string& office,
                                                                int64_t from_ms, int64_t to_ms) = 0;
  virtual core::Result<std::vector<NotificationRecord>> revocation_notices(
      const std::string& office, int64_t from_ms, int64_t to_ms) = 0;
  // false when the month is signed already.
  virtual core::Result<bool> insert_anomaly_signoff(const AnomalySignoff& s) = 0;
  virtual core::Result<std::optional<AnomalySignoff>> find_anomaly_signoff(
      const std::string& office, const std::string& month) = 0;
};

// The counter queue (issue 20): configuration, the tickets of each day and their history.
class QueueTx {
 public:
  virtual ~QueueTx() = default;
  // Insert or replace by (office, code) / (office, id).
  virtual core::Status put_queue_service(const std::string& office,
                                         const domain::queue::Service& s) = 0;
  virtual core::Result<std::vector<domain::queue::Service>> queue_services(
      const std::string& office) = 0;  // by sort, code
  virtual core::Status put_counter(const std::string& office, const domain::queue::Counter& c) = 0;
  virtual core::Result<std::vector<domain::queue::Counter>> counters(
      const std::string& office) = 0;  // by sort, id
  // The office's policy as domain::queue::policy_text wrote it; "" when never set.
  virtual core::Result<std::string> queue_policy_text(const std::string& office) = 0;
  virtual core::Status put_queue_policy_text(const std::string& office, const std::string& text,
                                             const std::string& by, int64_t at_ms) = 0;

  // The largest daily_no of tickets drawn for `issued_service` on `day`, or 0.
  virtual core::Result<int> last_daily_no(const std::string& office, core::Date day,
                                          const std::string& issued_service) = 0;
  // Conflict (store.constraint) when the office already has that number that day.
  virtual core::Result<int64_t> insert_ticket(const domain::queue::Ticket& t) = 0;
  virtual core::Result<std::optional<domain::queue::Ticket>> find_ticket(int64_t id) = 0;
  // Replaces the row if its stored version is t.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_ticket(const domain::queue::Ticket& t) = 0;
  // The office's tickets of `day` with status `status` ("" any), by id.
  virtual core::Result<std::vector<domain::queue::Ticket>> tickets_of_day(
      const std::string& office, core::Date day, const std::string& status) = 0;
  // The office's tickets of `day` called by call order, latest first, at most `limit`.
  virtual core::Result<std::vector<domain::queue::Ticket>> latest_calls(const std::string& office,
                                                                        core::Date day,
                                                                        int limit) = 0;
  // The largest call_seq of the office's tickets of `day`, or 0.
  virtual core::Result<int64_t> last_call_seq(const std::string& office, core::Date day) = 0;

  virtual core::Result<int64_t> append_queue_event(const QueueEvent& e) = 0;
  // The office's largest display sequence number, or 0.
  virtual core::Result<int64_t> last_display_seq(const std::string& office) = 0;
  // The office's calls and recalls with display_seq > after, in order, at most `limit`.
  virtual core::Result<std::vector<QueueEvent>> display_events_after(const std::string& office,
                                                                     int64_t after, int limit) = 0;
  // The office's events with from_ms <= at_ms < to_ms, by id (statistics).
  virtual core::Result<std::vector<QueueEvent>> queue_events_between(const std::string& office,
                                                                     int64_t from_ms,
                                                                     int64_t to_ms) = 0;
  virtual core::Result<std::vector<QueueEvent>> queue_events_of_ticket(int64_t ticket_id) = 0;

  // An office's recorded announcement clips (issue 20 item 5), one per language and phrase.
  virtual core::Status put_voice_clip(const VoiceClip& clip) = 0;
  virtual core::Result<bool> delete_voice_clip(const std::string& office, const std::string& lang,
                                               const std::string& phrase) = 0;
  // The office's clips ("" every language), by language and phrase; `with_wav`: their bytes.
  virtual core::Result<std::vector<VoiceClip>> voice_clips(const std::string& office,
                                                           const std::string& lang,
                                                           bool with_wav) = 0;
};

// Appointments (issue 20): each office's booking rules, the bookings and home-visit requests.
class AppointmentTx {
 public:
  virtual ~AppointmentTx() = default;
  // The office's rules as domain::queue::rules_text wrote them; "" when never set.
  virtual core::Result<std::string> appointment_rules_text(const std::string& office) = 0;
  virtual core::Status put_appointment_rules_text(const std::string& office,
                                                  const std::string& text, const std::string& by,
                                                  int64_t at_ms) = 0;
  virtual core::Result<int64_t> insert_appointment(const AppointmentRecord& a) = 0;
  virtual core::Result<std::optional<AppointmentRecord>> find_appointment(int64_t id) = 0;
  virtual core::Result<std::optional<AppointmentRecord>> find_appointment_by_reference(
      const std::string& reference) = 0;
  // Replaces the row if its stored version is a.version - 1; false when it changed meanwhile.
  virtual core::Result<bool> update_appointment(const AppointmentRecord& a) = 0;
  // The office's appointments of `day`, any status, by slot and id.
  virtual core::Result<std::vector<AppointmentRecord>> appointments_of_day(
      const std::string& office, core::Date day) = 0;
  // The person's appointments of `day` at any office, any status.
  virtual core::Result<std::vector<AppointmentRecord>> person_appointments_of_day(
      const std::string& id_number, core::Date day) = 0;
  // The days of the person's no-shows: status no_show, or booked and ended before
  // `overdue_before_ms` (the slot's end + grace has passed without a check-in).
  virtual core::Result<std::vector<core::Date>> no_show_days(const std::string& id_number,
                                                             int64_t overdue_before_ms) = 0;
  // Booked appointments with a reminder pending and due at `now_ms`, at most `limit`.
  virtual core::Result<std::vector<AppointmentRecord>> due_reminders(int64_t now_ms, int limit) = 0;

  virtual core::Result<int64_t> insert_home_visit(const HomeVisitRecord& h) = 0;
  virtual core::Result<std::optional<HomeVisitRecord>> find_home_visit(int64_t id) = 0;
  virtual core::Result<std::optional<HomeVisitRecord>> find_home_visit_by_reference(
      const std::string& reference) = 0;
  virtual core::Result<bool> update_home_visit(const HomeVisitRecord& h) = 0;
  // The office's home visits with status `status` ("" any), by id.
  virtual core::Result<std::vector<HomeVisitRecord>> home_visits(const std::string& office,
                                                                 const std::string& status) = 0;
};

// The appointment side of `tx` (both backends have one).

// All reads and writes of one use case. Destroying an uncommitted transaction rolls it back.
class Transaction : public OfficeTx,
                    public StaffTx,
                    public RegisterTx,
                    public WorkflowTx,
                    public NationalityTx,
                    public PenaltyTx,
                    public CareTx,
                    public DocumentTx,
                    public ChargeTx,
                    public FeeTx,
                    public PaymentTx,
                    public AuditTx,
                    public CalendarTx,
                    public RulesTx,
                    public TranscriptTx,
                    public SealTx,
                    public IdCardTx,
                    public BookletTx,
                    public NotificationTx,
                    public InboundTx,
                    public NotificationKpiTx,
                    public QueueTx,
                    public AppointmentTx {
 public:
  virtual core::Status commit() = 0;

  // The person's record read call by call (RegisterTx::read_person_record).
  core::Result<std::optional<PersonRecord>> read_person_record(const std::string& id) override {
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
};

}  // namespace huji::service

#endif  // HUJI_SERVICE_TRANSACTION_H_
