#include "store/migrations/migrations.h"

namespace huji::store {

namespace {

// Version 1 as sqlite_migrations.cc's kInit, in PostgreSQL's dialect:
// - ids the store assigns are identity columns; ids the caller gives (door plates, audit seq)
//   are plain keys;
// - flags are BOOLEAN, milliseconds BIGINT; dates stay ISO TEXT as in SQLite;
// - text that is ordered or compared by range (ID numbers, household numbers, dates, village
//   names) uses the "C" collation: byte order, as SQLite's BINARY, whatever the database's
//   locale — max_id_serial, max_household_no and the rebuild's ordered scans rely on it;
// - append-only tables refuse UPDATE, DELETE and TRUNCATE by statement-level triggers, so even
//   a statement that would touch no row is refused.
constexpr std::string_view kInit = R"sql(
CREATE FUNCTION huji_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TABLE offices (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  county TEXT NOT NULL,
  district TEXT NOT NULL,
  address TEXT NOT NULL
);
CREATE TABLE villages (
  office_code TEXT NOT NULL REFERENCES offices(code),
  name TEXT COLLATE "C" NOT NULL,
  neighborhoods INTEGER NOT NULL,
  PRIMARY KEY (office_code, name)
);
CREATE TABLE door_plates (
  id BIGINT PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  county TEXT NOT NULL, district TEXT NOT NULL, village TEXT NOT NULL,
  neighborhood TEXT NOT NULL, road TEXT NOT NULL, section TEXT NOT NULL, lane TEXT NOT NULL,
  alley TEXT NOT NULL, number TEXT NOT NULL, floor TEXT NOT NULL,
  full_text TEXT NOT NULL,
  abolished BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX door_plates_full_text ON door_plates(full_text);

CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'auditor', 'admin')),
  office_code TEXT NOT NULL REFERENCES offices(code),
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_ms BIGINT NOT NULL DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT true,
  created_ms BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE households (
  household_no TEXT COLLATE "C" PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  door_plate_id BIGINT NOT NULL REFERENCES door_plates(id),
  head_id TEXT NOT NULL,
  established TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX households_door_plate ON households(door_plate_id);

CREATE TABLE persons (
  id_number TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date TEXT COLLATE "C" NOT NULL,
  birth_place TEXT NOT NULL,
  father_id TEXT, mother_id TEXT, spouse_id TEXT,
  father_name TEXT NOT NULL, mother_name TEXT NOT NULL,
  indigenous TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
  removal_reason TEXT NOT NULL,
  household_no TEXT COLLATE "C" NOT NULL,
  relation TEXT NOT NULL,
  birth_order INTEGER NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX persons_household ON persons(household_no);

-- 戶籍記事: append-only. Corrections are new rows that reference the row they correct.
CREATE TABLE events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  household_no TEXT COLLATE "C" NOT NULL,
  event_date TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  office_code TEXT NOT NULL,
  data TEXT NOT NULL,
  corrects_seq BIGINT REFERENCES events(seq)
);
CREATE INDEX events_subject ON events(subject_id, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('events are append-only');
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('events are append-only');
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('events are append-only');

-- Audit trail: append-only and hash-chained (see service/audit.h).
CREATE TABLE audit (
  seq BIGINT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  office_code TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  request_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit(subject_id, at_ms);
CREATE INDEX audit_username ON audit(username, at_ms);
CREATE INDEX audit_at ON audit(at_ms);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('audit is append-only');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('audit is append-only');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('audit is append-only');
)sql";

// Version 2 as sqlite_migrations.cc's kRegistrations.
constexpr std::string_view kRegistrations = R"sql(
-- A household's own history (transcript) and never reusing a household number.
CREATE INDEX events_household ON events(household_no, seq);

CREATE TABLE applications (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending_review', 'registered', 'rejected')),
  subject_id TEXT NOT NULL,
  event_date TEXT NOT NULL,
  fields TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id TEXT NOT NULL,
  applicant_relation TEXT NOT NULL,
  identity_check TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_ms BIGINT NOT NULL,
  expected_versions TEXT NOT NULL,
  deadline TEXT NOT NULL,
  days_late INTEGER NOT NULL,
  fine_min INTEGER NOT NULL,
  fine_max INTEGER NOT NULL,
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_ms BIGINT NOT NULL DEFAULT 0,
  review_note TEXT NOT NULL DEFAULT '',
  fine_decided INTEGER,
  registered_on TEXT NOT NULL DEFAULT '',
  first_event_seq BIGINT NOT NULL DEFAULT 0,
  last_event_seq BIGINT NOT NULL DEFAULT 0,
  result_subject_id TEXT NOT NULL DEFAULT '',
  sample_result TEXT NOT NULL DEFAULT '' CHECK (sample_result IN ('', 'correct', 'erroneous')),
  sample_reason TEXT NOT NULL DEFAULT '',
  sampled_by TEXT NOT NULL DEFAULT '',
  sampled_ms BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL
);
CREATE INDEX applications_office_status ON applications(office_code, status, id);
CREATE INDEX applications_office_entered ON applications(office_code, entered_ms);
CREATE INDEX applications_subject ON applications(subject_id);

CREATE TABLE application_documents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications(id),
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_ms BIGINT NOT NULL
);
CREATE INDEX application_documents_app ON application_documents(application_id);

CREATE TABLE idempotency_keys (
  username TEXT NOT NULL,
  key TEXT NOT NULL,
  operation TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (username, key)
);

CREATE TABLE nationality_cases (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  kind TEXT NOT NULL CHECK (kind IN ('naturalization', 'restoration', 'loss', 'renunciation')),
  person_name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  approval_letter_date TEXT NOT NULL,
  registration_due TEXT COLLATE "C" NOT NULL,
  registered_on TEXT NOT NULL DEFAULT '',
  proof_of_loss_due TEXT NOT NULL DEFAULT '',
  proof_of_loss_received TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX nationality_cases_office ON nationality_cases(office_code, registration_due);

CREATE TABLE naturalization_tests (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  case_id BIGINT REFERENCES nationality_cases(id),
  candidate_name TEXT NOT NULL,
  slot_date TEXT COLLATE "C" NOT NULL,
  slot_time TEXT COLLATE "C" NOT NULL,
  booked_by TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  UNIQUE (office_code, slot_date, slot_time, candidate_name)
);
)sql";

// Scale operations (docs/ARCHITECTURE.md, "Indexes for national scale"): age-band counts
// per village start from an office's door plates by village.
constexpr std::string_view kScale = R"sql(
CREATE INDEX door_plates_office_village ON door_plates(office_code, village);
)sql";

// Revocation (撤銷登記): what each registration changed, and the revocation that revoked it.
constexpr std::string_view kRevocation = R"sql(
ALTER TABLE applications ADD COLUMN undo TEXT NOT NULL DEFAULT '{}';
ALTER TABLE applications ADD COLUMN revoked_by BIGINT NOT NULL DEFAULT 0;
)sql";

// A person's children wherever they live: 出生別 counts them, an ID number change relinks them.
constexpr std::string_view kChildren = R"sql(
CREATE INDEX persons_father ON persons(father_id);
CREATE INDEX persons_mother ON persons(mother_id);
)sql";

// The audit journal's mark: how far each server's journal of lookups' audit records has been
// moved into the trail (service/audit_journal.h).
constexpr std::string_view kAuditJournal = R"sql(
CREATE TABLE audit_journal_marks (
  journal_id TEXT PRIMARY KEY,
  moved_through BIGINT NOT NULL
);
)sql";

// Where the search for a free ID-number serial goes on, per prefix whose largest serial is in
// use, so that a birth's number costs a probe or two instead of one per number already given.
constexpr std::string_view kIdSerialCursors = R"sql(
CREATE TABLE id_serial_cursors (
  prefix TEXT PRIMARY KEY,
  next_serial BIGINT NOT NULL
);
)sql";

// Login throttling instead of a hard lock (service/login_throttle.h): failed logins counted
// per account, per source address and per pair; one-time code secrets and the roles that
// must give one.
constexpr std::string_view kLoginThrottle = R"sql(
CREATE TABLE login_buckets (
  account TEXT NOT NULL,
  address TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_failure_ms BIGINT NOT NULL,
  last_success_ms BIGINT NOT NULL,
  PRIMARY KEY (account, address)
);
CREATE INDEX login_buckets_last_failure ON login_buckets(last_failure_ms);
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
CREATE TABLE totp_required_roles (
  role TEXT PRIMARY KEY CHECK (role IN ('clerk', 'supervisor', 'auditor', 'admin'))
);
)sql";

// Office calendars loaded through the API (PUT /api/v1/admin/calendar/{year}): the text of
// a year's file, which takes precedence over data/calendar's file of that year, and is shared
// by every server on the database.
constexpr std::string_view kCalendarYears = R"sql(
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  provisional BOOLEAN NOT NULL,
  loaded_by TEXT NOT NULL,
  loaded_ms BIGINT NOT NULL
);
)sql";

// Counting (#16): a revoked registration keeps the revocation's cause (office_error |
// citizen_error; '' before this version), so registration correctness counts office errors
// and leaves out errors the citizen caused. Nationality cases linked to registrations: the
// registration that registered a case,
// the notice to submit the proof of loss (繳附通知單), the checklists, the revoked decision's
// date, and three more kinds.
constexpr std::string_view kCounting = R"sql(
ALTER TABLE applications ADD COLUMN revoked_cause TEXT NOT NULL DEFAULT '';

ALTER TABLE nationality_cases DROP CONSTRAINT nationality_cases_kind_check;
ALTER TABLE nationality_cases ADD CONSTRAINT nationality_cases_kind_check
  CHECK (kind IN ('naturalization', 'restoration', 'loss', 'renunciation', 'naturalization_revoked', 'loss_revoked', 'restoration_note'));
ALTER TABLE nationality_cases ADD COLUMN registered_by_application BIGINT NOT NULL DEFAULT 0;
ALTER TABLE nationality_cases ADD COLUMN notice_sent_on TEXT NOT NULL DEFAULT '';
ALTER TABLE nationality_cases ADD COLUMN notice_sent_by TEXT NOT NULL DEFAULT '';
ALTER TABLE nationality_cases ADD COLUMN checklist TEXT NOT NULL DEFAULT '{}';
ALTER TABLE nationality_cases ADD COLUMN original_decision_date TEXT NOT NULL DEFAULT '';
)sql";

// Statutory figures by effective date (domain/register/statutory_rules.h) loaded by an admin,
// over data/rules; and what an application's deadline rests on (none: no statutory period;
// provisional: its year's calendar was not loaded).
constexpr std::string_view kRuleVersions = R"sql(
CREATE TABLE rule_versions (
  effective_from TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  loaded_by TEXT NOT NULL,
  loaded_ms BIGINT NOT NULL
);
ALTER TABLE applications ADD COLUMN deadline_kind TEXT NOT NULL DEFAULT 'statutory'
  CHECK (deadline_kind IN ('statutory', 'none', 'provisional'));
ALTER TABLE applications ADD COLUMN deadline_basis TEXT NOT NULL DEFAULT '';
)sql";

// Who applied, beyond name, ID number and capacity (applicant_relation, now a capacity code:
// domain/register/applicants.h): the stated interest and, for an agent, the principal's ID
// number and capacity, as one JSON object {"interest", "principal_id", "principal_relation"}.
constexpr std::string_view kApplicantDetails = R"sql(
ALTER TABLE applications ADD COLUMN applicant_details TEXT NOT NULL DEFAULT '{}';
)sql";

// Written reminders (催告, 戶籍法 §48 ¶3) with their new period and what became of them, and
// the penalty ledger: fine decisions of their own (§79 after a reminder, §76 false
// applications), apart from an application's ordinary late fine.
constexpr std::string_view kReminders = R"sql(
CREATE TABLE reminders (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  event_date TEXT NOT NULL,
  source TEXT NOT NULL,
  addressees TEXT NOT NULL,
  served_on TEXT NOT NULL,
  due TEXT COLLATE "C" NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'complied', 'filed_after_lapse',
                                         'registered_ex_officio')),
  application_id BIGINT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  closed_by TEXT NOT NULL,
  closed_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX reminders_office_due ON reminders(office_code, due);
CREATE INDEX reminders_subject ON reminders(subject_id, type);

CREATE TABLE penalty_decisions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  application_id BIGINT NOT NULL,
  reminder_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('after_reminder', 'false_application')),
  grade TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  amount_proposed BIGINT NOT NULL,
  amount_decided BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('proposed', 'decided')),
  reason TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_ms BIGINT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX penalty_decisions_application ON penalty_decisions(application_id);
CREATE INDEX penalty_decisions_reminder ON penalty_decisions(reminder_id);
)sql";

// The weekly audit sample (domain/access/audit_sample.h): one per office and week, with the
// seed and the last audit entry the draw saw, so that it can be redone; and per sampled read
// (an audit entry) the auditor's finding.
constexpr std::string_view kAuditSamples = R"sql(
CREATE TABLE audit_samples (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  week_start TEXT NOT NULL,
  size INTEGER NOT NULL,
  population BIGINT NOT NULL,
  seed TEXT NOT NULL,
  upto_seq BIGINT NOT NULL,
  drawn_by TEXT NOT NULL,
  drawn_ms BIGINT NOT NULL,
  completed_ms BIGINT NOT NULL,
  UNIQUE (office_code, week_start)
);
CREATE TABLE audit_sample_items (
  sample_id BIGINT NOT NULL REFERENCES audit_samples(id),
  seq BIGINT NOT NULL REFERENCES audit(seq),
  finding TEXT NOT NULL CHECK (finding IN ('', 'normal', 'explain', 'violation')),
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL,
  PRIMARY KEY (sample_id, seq)
);
)sql";

// 主動關懷通報 (seed 004 CC1.1): each notification of a qualifying registration to the
// social-welfare office, append-only. A correction or withdrawal is a new row naming the one it
// replaces (at most once each: the unique index), with its reason; the first has replaces 0.
// Which registrations qualify is computed from the register when the list is read; the index
// finds an office's registrations of a month.
constexpr std::string_view kCareNotifications = R"sql(
CREATE TABLE care_notifications (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  action TEXT NOT NULL CHECK (action IN ('notified', 'withdrawn')),
  sent_on TEXT NOT NULL,
  agency TEXT NOT NULL,
  channel TEXT NOT NULL,
  reference TEXT NOT NULL,
  reason TEXT NOT NULL,
  replaces BIGINT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX care_notifications_replaces ON care_notifications(application_id, replaces);
CREATE INDEX applications_office_registered ON applications(office_code, registered_on);
)sql";

// The admin's list of staff reads each account's newest login and live sessions; revoking a
// user's sessions finds them by user too.
constexpr std::string_view kStaffSessions = R"sql(
CREATE INDEX sessions_user ON sessions(user_id, created_ms);
)sql";

// Search (issue 17 item 7): persons by exact name (narrowed by birth date), door plates by
// their parsed parts — never a scan of the national register (23.5 M persons).
constexpr std::string_view kSearch = R"sql(
CREATE INDEX persons_name ON persons(name, birth_date);
CREATE INDEX door_plates_address ON door_plates(district, road, number);
)sql";

// Documents (issue 18): every issued document anyone may verify by its check code (the PDF as
// handed over, its SHA-256, the printed fields and their signed digest, valid or revoked), and
// the fees charged for issued items, which payments settle.
constexpr std::string_view kDocuments = R"sql(
CREATE TABLE issued_documents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  check_code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  issued_on TEXT NOT NULL,
  printed TEXT NOT NULL,
  digest TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  pdf BYTEA NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
  status_reason TEXT NOT NULL,
  status_ms BIGINT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL
);
CREATE INDEX issued_documents_pdf ON issued_documents(pdf_sha256);
CREATE TABLE charges (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  item TEXT NOT NULL,
  ref_kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  amount BIGINT NOT NULL CHECK (amount >= 0),
  waiver TEXT NOT NULL,
  charged_on TEXT NOT NULL,
  charged_by TEXT NOT NULL,
  charged_ms BIGINT NOT NULL,
  receipt_id BIGINT NOT NULL
);
CREATE INDEX charges_ref ON charges(ref_kind, ref_id);
CREATE INDEX charges_office_day ON charges(office_code, charged_on, receipt_id);
)sql";

// Issue 18: each issued household transcript (戶籍謄本), append-only: the request, who asked
// (applicant and relation) and why (reason, purpose), the content as printed (JSON), the
// document's check code, sheets and fee; the PDF is the issued document's (issued_documents).
// Found by id; a household's by number.
constexpr std::string_view kTranscripts = R"sql(
CREATE TABLE transcripts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  household_no TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('current', 'removed')),
  detail TEXT NOT NULL CHECK (detail IN ('full', 'short')),
  language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
  members TEXT NOT NULL,
  copies BIGINT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_id TEXT NOT NULL,
  applicant_relation TEXT NOT NULL,
  reason TEXT NOT NULL,
  purpose TEXT NOT NULL,
  content TEXT NOT NULL,
  sheets BIGINT NOT NULL,
  fee BIGINT NOT NULL,
  check_code TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES issued_documents(id)
);
CREATE INDEX transcripts_household ON transcripts(household_no, issued_ms);
)sql";

// The seal register (issue 18 item 5): each registered impression of a person, never deleted
// (a change ends the old one as 'changed' and names it in the new one's replaces; an
// abolition ends it as 'abolished'); at most one current seal per person. Certificates keep
// the application's impression, the comparison's score (basis points), verdict and overlay,
// the clerk who confirmed, and the issued document (its PDF and check code) in issued_documents.
constexpr std::string_view kSeals = R"sql(
CREATE TABLE seals (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('current', 'changed', 'abolished')),
  image BYTEA NOT NULL,
  image_sha256 TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  registered_on TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  registered_ms BIGINT NOT NULL,
  applicant TEXT NOT NULL,
  replaces BIGINT NOT NULL,
  ended_on TEXT NOT NULL,
  ended_by TEXT NOT NULL,
  ended_ms BIGINT NOT NULL,
  ended_office TEXT NOT NULL,
  end_applicant TEXT NOT NULL,
  end_reason TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX seals_person ON seals(person_id, id);
CREATE UNIQUE INDEX seals_current ON seals(person_id) WHERE status = 'current';
CREATE TABLE seal_certificates (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seal_id BIGINT NOT NULL REFERENCES seals(id),
  person_id TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  purpose TEXT NOT NULL,
  applicant TEXT NOT NULL,
  sheets BIGINT NOT NULL,
  candidate_image BYTEA NOT NULL,
  score_bp BIGINT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('match', 'no_match', 'ambiguous')),
  overlay BYTEA NOT NULL,
  confirmed_by TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES issued_documents(id),
  check_code TEXT NOT NULL
);
CREATE INDEX seal_certificates_seal ON seal_certificates(seal_id);
)sql";

// Fees, payments and receipts (issue 18 item 6): fee schedule versions an admin stored; each
// office's receipt numbers, counted per ROC year in a row the paying transaction updates (a
// rolled-back payment leaves no gap); receipts and refunds (rows never changed); each
// counter's daily close, once; and the receipts' e-mails waiting to be sent.
constexpr std::string_view kPayments = R"sql(
CREATE TABLE fee_versions (
  effective TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  loaded_by TEXT NOT NULL,
  loaded_ms BIGINT NOT NULL
);
CREATE TABLE receipt_counters (
  office_code TEXT NOT NULL REFERENCES offices(code),
  roc_year INTEGER NOT NULL,
  last_serial BIGINT NOT NULL,
  PRIMARY KEY (office_code, roc_year)
);
CREATE TABLE receipts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  roc_year INTEGER NOT NULL,
  serial BIGINT NOT NULL,
  number TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  counter TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('cash', 'stored_value', 'transfer')),
  amount BIGINT NOT NULL CHECK (amount >= 0),
  tendered BIGINT NOT NULL,
  change_given BIGINT NOT NULL,
  reference TEXT NOT NULL,
  payer_name TEXT NOT NULL,
  payer_email TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  document_id BIGINT NOT NULL,
  check_code TEXT NOT NULL,
  UNIQUE (office_code, roc_year, serial)
);
CREATE INDEX receipts_office_day ON receipts(office_code, issued_on);
CREATE INDEX charges_receipt ON charges(receipt_id);
CREATE TABLE refunds (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt_id BIGINT NOT NULL REFERENCES receipts(id),
  office_code TEXT NOT NULL,
  counter TEXT NOT NULL,
  refunded_on TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  method TEXT NOT NULL,
  reason TEXT NOT NULL,
  full_refund INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  refunded_ms BIGINT NOT NULL
);
CREATE INDEX refunds_receipt ON refunds(receipt_id);
CREATE INDEX refunds_office_day ON refunds(office_code, refunded_on);
CREATE TABLE daily_closes (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  counter TEXT NOT NULL,
  close_date TEXT NOT NULL,
  receipts BIGINT NOT NULL,
  cash_payments BIGINT NOT NULL,
  cash_refunds BIGINT NOT NULL,
  cash_expected BIGINT NOT NULL,
  cash_counted BIGINT NOT NULL,
  difference BIGINT NOT NULL,
  stored_value_total BIGINT NOT NULL,
  transfer_total BIGINT NOT NULL,
  refunds_total BIGINT NOT NULL,
  first_number TEXT NOT NULL,
  last_number TEXT NOT NULL,
  gaps TEXT NOT NULL,
  voids TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  closed_ms BIGINT NOT NULL,
  UNIQUE (office_code, counter, close_date)
);
CREATE TABLE mail_outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt_id BIGINT NOT NULL REFERENCES receipts(id),
  to_address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  sent_ms BIGINT NOT NULL
);
CREATE INDEX mail_outbox_receipt ON mail_outbox(receipt_id);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_ms);
)sql";

// ID cards (issue 18 item 3): each issue with its photo, applicant and the blank card and
// laminate it used; loss reports and their revocations; the office's stock of blanks by serial
// (one row per serial, its current status; see domain/documents/id_card_stock.h) and the
// physical counts entered against it. Household certificate booklets (item 4).
constexpr std::string_view kIdCards = R"sql(
CREATE TABLE id_card_photos (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  person_id TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_ms BIGINT NOT NULL
);
CREATE TABLE id_cards (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  person_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('first', 'renewal', 'replacement')),
  issued_on TEXT NOT NULL,
  card_serial TEXT NOT NULL UNIQUE,
  laminate_serial TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('valid', 'lost', 'superseded', 'cancelled')),
  lost_on TEXT NOT NULL,
  previous_id BIGINT NOT NULL,
  superseded_by BIGINT NOT NULL,
  photo_id BIGINT NOT NULL REFERENCES id_card_photos(id),
  applicant_name TEXT NOT NULL,
  applicant_id TEXT NOT NULL,
  applicant_relation TEXT NOT NULL,
  identity_check TEXT NOT NULL,
  waiver TEXT NOT NULL,
  fee BIGINT NOT NULL,
  cross_district BOOLEAN NOT NULL,
  school TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  cancel_reason TEXT NOT NULL,
  cancel_attributable BOOLEAN NOT NULL,
  cancelled_by TEXT NOT NULL,
  cancelled_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX id_cards_person ON id_cards(person_id, id);
CREATE INDEX id_cards_office_issued ON id_cards(office_code, issued_on);
CREATE TABLE id_card_losses (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  card_id BIGINT NOT NULL REFERENCES id_cards(id),
  office_code TEXT NOT NULL REFERENCES offices(code),
  action TEXT NOT NULL CHECK (action IN ('reported', 'revoked')),
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL
);
CREATE INDEX id_card_losses_card ON id_card_losses(card_id, id);
CREATE INDEX id_card_losses_office ON id_card_losses(office_code, on_date);
CREATE TABLE id_card_stock (
  item TEXT NOT NULL CHECK (item IN ('card', 'laminate')),
  serial TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  status TEXT NOT NULL CHECK (status IN ('on_hand', 'issued', 'spoiled', 'voided', 'defective')),
  received_on TEXT NOT NULL,
  received_by TEXT NOT NULL,
  moved_on TEXT NOT NULL,
  moved_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  card_id BIGINT NOT NULL,
  PRIMARY KEY (item, serial)
);
CREATE INDEX id_card_stock_office ON id_card_stock(office_code, status, item, serial);
CREATE TABLE id_card_stock_counts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  month TEXT NOT NULL,
  item TEXT NOT NULL CHECK (item IN ('card', 'laminate')),
  expected BIGINT NOT NULL,
  counted BIGINT NOT NULL,
  by_serial BOOLEAN NOT NULL,
  missing TEXT NOT NULL,
  unexpected TEXT NOT NULL,
  reconciled BOOLEAN NOT NULL,
  counted_by TEXT NOT NULL,
  counted_ms BIGINT NOT NULL
);
CREATE INDEX id_card_stock_counts_month ON id_card_stock_counts(office_code, month, id);
CREATE TABLE household_booklets (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  household_no TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('issue', 'replacement')),
  issued_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'superseded')),
  previous_id BIGINT NOT NULL,
  applicant_id TEXT NOT NULL,
  capacity TEXT NOT NULL CHECK (capacity IN ('head', 'member', 'agent')),
  principal_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  waiver TEXT NOT NULL,
  fee BIGINT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_ms BIGINT NOT NULL
);
CREATE INDEX household_booklets_household ON household_booklets(household_no, id);
)sql";

// Cross-agency notification (issue 19): partner agencies as configuration, the citizen's
// consent per application, the outbox of notifications written in the registering
// transaction, and the immutable delivery ledger.
constexpr std::string_view kNotifications = R"sql(
CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  grp TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'file')),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT NOT NULL,
  signing_key TEXT NOT NULL,
  types TEXT NOT NULL,
  fields TEXT NOT NULL,
  active BOOLEAN NOT NULL,
  disabled_reason TEXT NOT NULL,
  paused_until_ms BIGINT NOT NULL,
  version BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE notification_consents (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  agency TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('system', 'other', 'office', 'declined')),
  recorded_by TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL,
  PRIMARY KEY (application_id, agency)
);
CREATE TABLE notifications (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  application_id BIGINT NOT NULL REFERENCES applications(id),
  office_code TEXT NOT NULL,
  agency TEXT NOT NULL REFERENCES agencies(code),
  person_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('registration', 'revocation')),
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL,
  created_ms BIGINT NOT NULL,
  next_attempt_ms BIGINT NOT NULL,
  delivered_at_ms BIGINT NOT NULL,
  last_http_status INTEGER NOT NULL,
  last_error TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX notifications_line ON notifications(agency, person_id, id);
CREATE INDEX notifications_due ON notifications(status, next_attempt_ms);
CREATE INDEX notifications_application ON notifications(application_id, id);
CREATE INDEX notifications_office ON notifications(office_code, status, id);
CREATE TABLE notification_attempts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  attempt INTEGER NOT NULL,
  started_ms BIGINT NOT NULL,
  finished_ms BIGINT NOT NULL,
  http_status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT NOT NULL,
  response TEXT NOT NULL,
  receipt TEXT NOT NULL,
  by_whom TEXT NOT NULL
);
CREATE INDEX notification_attempts_notification ON notification_attempts(notification_id, id);
CREATE TRIGGER notification_attempts_no_update BEFORE UPDATE ON notification_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('the delivery ledger is append-only');
CREATE TRIGGER notification_attempts_no_delete BEFORE DELETE ON notification_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('the delivery ledger is append-only');
)sql";

// Inbound feeds (issue 19 item 5): files other agencies send (immigration, death reports,
// court decisions), one row each, unique by feed and SHA-256; their records, unique by feed
// and the sender's record id, as clerk cases with their limit, anomalies or superseded lines.
constexpr std::string_view kInbound = R"sql(
CREATE TABLE inbound_files (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed TEXT NOT NULL CHECK (feed IN ('immigration', 'death', 'court')),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  imported_by TEXT NOT NULL,
  imported_ms BIGINT NOT NULL,
  received_on TEXT NOT NULL,
  records INTEGER NOT NULL,
  new_cases INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  superseded INTEGER NOT NULL,
  anomalies INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  UNIQUE (feed, sha256)
);
CREATE INDEX inbound_files_office ON inbound_files(office_code, id);
CREATE TABLE inbound_records (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id BIGINT NOT NULL REFERENCES inbound_files(id),
  feed TEXT NOT NULL,
  record_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  event TEXT NOT NULL,
  event_date TEXT NOT NULL,
  reference TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('case', 'anomaly', 'superseded')),
  anomaly TEXT NOT NULL,
  office_code TEXT NOT NULL REFERENCES offices(code),
  received_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', '')),
  closed_by_application BIGINT NOT NULL,
  close_note TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  closed_ms BIGINT NOT NULL,
  version BIGINT NOT NULL,
  UNIQUE (feed, record_id)
);
CREATE INDEX inbound_records_office ON inbound_records(office_code, kind, id);
CREATE INDEX inbound_records_person ON inbound_records(id_number, event, status);
)sql";

// The audit of cross-agency notification (issue 19 item 6, seed 002 §7): the weekly review
// sample (每周審核上周跨機關通報案件數至少5%; one per office and week, drawn at random with its
// seed kept) with the supervisor's finding per case, and the supervisor's monthly sign-off of
// the anomaly log (每月陳核審核發現錯漏異常案件紀錄簿; one per office and month).
constexpr std::string_view kNotificationReviews = R"sql(
CREATE TABLE notification_review_samples (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  week_start TEXT NOT NULL,
  size INTEGER NOT NULL,
  population BIGINT NOT NULL,
  seed TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  drawn_ms BIGINT NOT NULL,
  completed_ms BIGINT NOT NULL,
  UNIQUE (office_code, week_start)
);
CREATE TABLE notification_review_items (
  sample_id BIGINT NOT NULL REFERENCES notification_review_samples(id),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  finding TEXT NOT NULL CHECK (finding IN ('', 'correct', 'erroneous')),
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_ms BIGINT NOT NULL,
  PRIMARY KEY (sample_id, application_id)
);
CREATE TABLE notification_anomaly_signoffs (
  office_code TEXT NOT NULL REFERENCES offices(code),
  month TEXT NOT NULL,
  entries INTEGER NOT NULL,
  note TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  signed_ms BIGINT NOT NULL,
  PRIMARY KEY (office_code, month)
);
CREATE INDEX notifications_office_created ON notifications(office_code, created_ms);
)sql";

// The delivery worker's poll (issue 19, store/sql/notifications.h kDue): the check that no
// earlier message of the same agency and person is undelivered reads only undelivered rows
// (measured on SQLite with 100,000 pending and 200,000 delivered rows: 0.45 s → 0.08 s a poll).
constexpr std::string_view kNotificationLines = R"sql(
CREATE INDEX notifications_open_line ON notifications(agency, person_id, id)
  WHERE status IN ('pending', 'dead');
)sql";

// The counter queue (issue 20): services, counters and the policy of each office; the tickets
// of each day (numbers unique per office and day) and their append-only history, whose calls
// carry the office's display sequence numbers (what a lobby display replays).
constexpr std::string_view kQueue = R"sql(
CREATE TABLE queue_services (
  office_code TEXT NOT NULL REFERENCES offices(code),
  code TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  number_base INTEGER NOT NULL,
  sort INTEGER NOT NULL,
  active BOOLEAN NOT NULL,
  PRIMARY KEY (office_code, code)
);
CREATE TABLE queue_counters (
  office_code TEXT NOT NULL REFERENCES offices(code),
  id TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  services TEXT NOT NULL,
  open BOOLEAN NOT NULL,
  sort INTEGER NOT NULL,
  PRIMARY KEY (office_code, id)
);
CREATE TABLE queue_settings (
  office_code TEXT PRIMARY KEY REFERENCES offices(code),
  policy TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE queue_tickets (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  day TEXT NOT NULL,
  service TEXT NOT NULL,
  issued_service TEXT NOT NULL,
  daily_no INTEGER NOT NULL,
  number INTEGER NOT NULL,
  priority BOOLEAN NOT NULL,
  priority_reason TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'no_show', 'cancelled')),
  arrived_ms BIGINT NOT NULL,
  ready_ms BIGINT NOT NULL,
  called_ms BIGINT NOT NULL,
  counter TEXT NOT NULL,
  called_by TEXT NOT NULL,
  calls INTEGER NOT NULL,
  overtaken INTEGER NOT NULL,
  call_seq BIGINT NOT NULL,
  finished_ms BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  link TEXT NOT NULL,
  appointment_id BIGINT NOT NULL,
  estimated_wait_min INTEGER NOT NULL,
  version BIGINT NOT NULL,
  UNIQUE (office_code, day, number)
);
CREATE INDEX queue_tickets_day_status ON queue_tickets(office_code, day, status);
CREATE INDEX queue_tickets_day_issued ON queue_tickets(office_code, day, issued_service, daily_no);
CREATE INDEX queue_tickets_day_calls ON queue_tickets(office_code, day, call_seq);
CREATE TABLE queue_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  ticket_id BIGINT NOT NULL REFERENCES queue_tickets(id),
  kind TEXT NOT NULL,
  counter TEXT NOT NULL,
  actor TEXT NOT NULL,
  at_ms BIGINT NOT NULL,
  display_seq BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE UNIQUE INDEX queue_events_display ON queue_events(office_code, display_seq)
  WHERE display_seq > 0;
CREATE INDEX queue_events_office_at ON queue_events(office_code, at_ms);
CREATE INDEX queue_events_ticket ON queue_events(ticket_id, id);
CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON queue_events
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('the queue history is append-only');
CREATE TRIGGER queue_events_no_delete BEFORE DELETE ON queue_events
  FOR EACH STATEMENT EXECUTE FUNCTION huji_refuse_change('the queue history is append-only');
)sql";

// An office's recorded announcement clips (issue 20 item 5): one WAV per language and phrase
// (service/announcer.h), preferred over synthesis.
constexpr std::string_view kVoiceClips = R"sql(
CREATE TABLE queue_voice_clips (
  office_code TEXT NOT NULL REFERENCES offices(code),
  lang TEXT NOT NULL,
  phrase TEXT NOT NULL,
  wav BYTEA NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_ms BIGINT NOT NULL,
  PRIMARY KEY (office_code, lang, phrase)
);
)sql";

// Appointments (issue 20): each office's booking rules and opening hours (key=value text,
// domain/queue/appointment.h), the bookings (counter visits and director meetings, 與民有約)
// with the booker's personal data, and home-visit requests (到宅服務). A booking's secret
// code is kept as its SHA-256 only. No-shows are derived from the rows (status no_show, or
// booked and past the slot's end + grace), so the suspension needs no table of its own.
constexpr std::string_view kAppointments = R"sql(
CREATE TABLE appointment_settings (
  office_code TEXT PRIMARY KEY REFERENCES offices(code),
  rules TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE appointments (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  reference TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('counter', 'director')),
  service TEXT NOT NULL,
  day TEXT NOT NULL,
  start_min INTEGER NOT NULL,
  slot_ms BIGINT NOT NULL,
  slot_end_ms BIGINT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  topic TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('web', 'phone')),
  status TEXT NOT NULL
    CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show', 'walk_in')),
  ticket_id BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  reminder_status TEXT NOT NULL CHECK (reminder_status IN ('none', 'pending', 'sent', 'failed')),
  reminder_attempts INTEGER NOT NULL,
  reminder_due_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX appointments_office_day ON appointments(office_code, day, slot_ms);
CREATE INDEX appointments_person_day ON appointments(id_number, day);
CREATE INDEX appointments_reminders ON appointments(reminder_due_ms) WHERE reminder_status = 'pending';
CREATE TABLE home_visits (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_code TEXT NOT NULL REFERENCES offices(code),
  reference TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  reason TEXT NOT NULL
    CHECK (reason IN ('disabled', 'elderly_65_limited_mobility', 'seriously_ill')),
  detail TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('requested', 'scheduled', 'completed', 'declined', 'cancelled')),
  visits INTEGER NOT NULL,
  scheduled_ms BIGINT NOT NULL,
  staff_note TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX home_visits_office ON home_visits(office_code, status, id);
)sql";

}  // namespace

const std::vector<Migration>& postgres_migrations() {
  static const std::vector<Migration> kAll = {
      {1, "init: offices, door plates, staff, register, events, audit", kInit},
      {2, "registrations: applications, documents, idempotency, nationality cases", kRegistrations},
      {3, "scale: door plates by office and village", kScale},
      {4, "revocation: recorded changes per application", kRevocation},
      {5, "children: persons by father and by mother", kChildren},
      {6, "audit journal: lookups' audit records moved into the trail", kAuditJournal},
      {7, "id serial cursors: where the search for a free ID number goes on", kIdSerialCursors},
      {8, "login throttle: failed logins per account and address; one-time codes", kLoginThrottle},
      {9, "calendar years: office calendars loaded by an admin", kCalendarYears},
      {10, "rule versions: statutory figures by date; what a deadline rests on", kRuleVersions},
      {11, "applicant details: stated interest, an agent's principal", kApplicantDetails},
      {12, "counting: revocation causes; nationality cases linked, checklists, more kinds",
       kCounting},
      {13, "reminders: written reminders and the penalty ledger", kReminders},
      {14, "care lists: notifications of qualifying registrations to social welfare",
       kCareNotifications},
      {15, "audit samples: the weekly sample of reads and the auditor's findings", kAuditSamples},
      {16, "staff sessions: sessions by user, for the admin's list of staff", kStaffSessions},
      {17, "search: persons by name, door plates by address", kSearch},
      {18, "documents: issued documents to verify; fees charged", kDocuments},
      {19, "transcripts: issued household transcripts with their content", kTranscripts},
      {20, "id cards: issues, photos, losses, blank stock by serial, counts; booklets", kIdCards},
      {21, "seals: the seal register and seal certificates", kSeals},
      {22,
       "payments: fee versions, receipts numbered per office and year, refunds, daily "
       "closes, e-mail outbox",
       kPayments},
      {23, "notifications: agencies, consents, the outbox and its delivery ledger", kNotifications},
      {24, "inbound feeds: imported files, their records, clerk cases and anomalies", kInbound},
      {25, "notification reviews: the weekly 5 % sample, the monthly anomaly sign-off",
       kNotificationReviews},
      {26, "notification lines: undelivered messages by agency and person", kNotificationLines},
      {27, "queue: services, counters, tickets of each day and their history", kQueue},
      {28, "appointments: booking rules, bookings, home visits", kAppointments},
      {29, "voice clips: an office's recorded announcement phrases", kVoiceClips},
  };
  return kAll;
}

}  // namespace huji::store
