// The REST contract with huji (/api/v1), in one place. Every call either resolves with the
// documented body or rejects with an ApiError. Errors from the server always carry
// {"error":{"code","message_zh","message_en"}}; this module adds no interface text of its own.

export type Role = 'clerk' | 'supervisor' | 'auditor' | 'admin';
export type Sex = 'M' | 'F';

export interface User {
  username: string;
  display_name: string;
  role: Role;
  office_code: string;
  office_name: string;
}

export interface Session {
  token: string;
  expires_at: string;
  user: User;
}

export interface IdNumberCheck {
  valid: boolean;
  kind: 'citizen' | 'resident' | null;
  sex: Sex | null;
  reason: ErrorBody | null;
}

export interface PersonRef {
  id_number: string | null;  // null: a parent known by name only, not in the register
  name: string;
}

export interface Person {
  id_number: string;
  name: string;
  sex: Sex;
  birth_date: string;      // ISO 8601, 1990-03-02
  birth_date_roc: string;  // 民國79年03月02日
  birth_place: string;
  status: 'active' | 'removed';
  removal_reason: string;  // '' when active; death, emigration, loss_of_nationality …
  indigenous: string;      // '' when not indigenous, else the tribe
  relation: string;        // 稱謂 to the head of household
  birth_order: number;
  father: PersonRef | null;
  mother: PersonRef | null;
  spouse: PersonRef | null;
}

export interface HouseholdMember {
  id_number: string;
  name: string;
  relation: string;
  sex: Sex;
  birth_date: string;
  birth_date_roc: string;
  status: 'active' | 'removed';
}

export interface Household {
  household_no: string;
  address: string;
  members: HouseholdMember[];
}

// GET /households/{no}: the household on its own, with its head and door plate.
export interface HouseholdDetail extends Household {
  office_code: string;
  head_id_number: string;
  established: string;  // ISO 設籍日期
  door_plate_id: number;
  version: number;
}

export interface RegisterEvent {
  seq: number;
  type: string;
  event_date: string;
  registered_on: string;
  text_zh: string;
  text_en: string;
}

export interface PersonRecord {
  person: Person;
  household: Household | null;
  events: RegisterEvent[];
}

export interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
}

// status 0: the request never got an answer (network down, server stopped).
// body null: the server answered with something other than the error envelope.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body ? `${status} ${body.code}` : `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'network' : 'http');
  }
}

const kBase = '/api/v1';

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message_zh === 'string' &&
    typeof e.message_en === 'string';
}

// `text`: a text/plain body (a file's text, e.g. the rules), instead of JSON `body`; `file`:
// a file's bytes with its own type (a supporting document).
export async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  opts: { token?: string; body?: unknown; text?: string; file?: File; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  const init: RequestInit = { method, headers, cache: 'no-store' };
  if (opts.file !== undefined) {
    headers['Content-Type'] = opts.file.type || 'application/octet-stream';
    init.body = opts.file;
  } else if (opts.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=utf-8';
    init.body = opts.text;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(kBase + path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): handled below.
  }
  if (!res.ok) {
    const err = (json as { error?: unknown } | null)?.error;
    throw new ApiError(res.status, isErrorBody(err) ? err : null);
  }
  if (json === null) throw new ApiError(res.status, null);
  return json as T;
}

// `otp`: the 6-digit one-time code, sent only when the server asked for one
// (auth.otp_required).
export function login(username: string, password: string, otp = ''): Promise<Session> {
  const body = otp === '' ? { username, password } : { username, password, otp };
  return call<Session>('POST', '/auth/login', { body });
}

export function logout(token: string): Promise<void> {
  return call<void>('POST', '/auth/logout', { token });
}

export async function me(token: string): Promise<User> {
  return (await call<{ user: User }>('GET', '/auth/me', { token })).user;
}

// Public: the server's own verdict on an ID number.
export function verifyIdNumber(value: string): Promise<IdNumberCheck> {
  return call<IdNumberCheck>('GET', `/id-numbers/${encodeURIComponent(value)}`);
}

// Every lookup is logged by the server with its purpose (個資法); purpose is required.
export function lookupPerson(token: string, idNumber: string, purpose: string): Promise<PersonRecord> {
  const q = new URLSearchParams({ purpose });
  return call<PersonRecord>('GET', `/persons/${encodeURIComponent(idNumber)}?${q}`, { token });
}

// The person's own row only (view=summary, audit action person.read_summary): who an ID
// number typed on a form belongs to, read with the purpose of the application.
export interface PersonSummary {
  id_number: string;
  name: string;
  sex: Sex;
  birth_date: string;
  birth_date_roc: string;
  status: 'active' | 'removed';
  removal_reason: string;
  household_no: string;
  relation: string;
}

export function lookupPersonSummary(token: string, idNumber: string, purpose: string): Promise<PersonSummary> {
  const q = new URLSearchParams({ purpose, view: 'summary' });
  return call<{ person: PersonSummary }>('GET', `/persons/${encodeURIComponent(idNumber)}?${q}`, { token })
    .then((r) => r.person);
}

// Search (姓名查詢, 門牌查詢): audited by the server with the purpose, like a lookup.
export interface PersonMatch extends HouseholdMember {
  household_no: string;
}

export interface NameQuery {
  name: string;
  birthDate: string;    // ISO or ''
  householdNo: string;  // or ''
}

export function searchPersons(token: string, q: NameQuery, purpose: string):
  Promise<{ persons: PersonMatch[]; truncated: boolean }> {
  const p = new URLSearchParams({ name: q.name, purpose });
  if (q.birthDate) p.set('birth_date', q.birthDate);
  if (q.householdNo) p.set('household_no', q.householdNo);
  return call('GET', `/persons?${p}`, { token });
}

export interface DoorPlateMatch {
  id: number;
  address: string;
  office_code: string;
  abolished: boolean;
  household_nos: string[];
}

export function searchDoorPlates(token: string, address: string, purpose: string):
  Promise<{ door_plates: DoorPlateMatch[]; truncated: boolean }> {
  const p = new URLSearchParams({ address, purpose });
  return call('GET', `/door-plates?${p}`, { token });
}

// A new random key for a POST that creates or decides something. The server returns the
// first result for a retry with the same key and the same content (never registers twice).
// A POST's idempotency key with what it sent: a retry of the same content keeps the key (the
// server answers it once), changed content gets a new one.
export type PendingPost = { key: string; content: string } | null;

export function keyFor(pending: PendingPost, input: unknown): { key: string; content: string } {
  const content = JSON.stringify(input);
  return pending && pending.content === content ? pending : { key: newIdempotencyKey(), content };
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // crypto.randomUUID needs a secure context; a plain-http counter PC still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function lookupHousehold(token: string, no: string, purpose: string): Promise<HouseholdDetail> {
  const q = new URLSearchParams({ purpose });
  return call<{ household: HouseholdDetail }>('GET',
    `/households/${encodeURIComponent(no)}?${q}`, { token }).then((r) => r.household);
}

// ---- Registrations (戶籍登記) ------------------------------------------------------------

export type IdentityCheck = 'id_card' | 'passport' | 'residence_permit' | 'citizen_certificate' |
  'power_of_attorney' | 'household_certificate';

export interface Applicant {
  name: string;
  id_number: string;
  relation: string;  // a capacity code (ApplicantCapacity.code); older applications: 本人, 母 …
  identity_check: IdentityCheck;
  interest?: string | null;            // the stated interest or basis
  principal_id?: string | null;        // an agent's principal …
  principal_relation?: string | null;  // … and their capacity code
}

// One capacity in which a type may be applied for (戶籍法 §29–§47), as the server lists them.
export interface ApplicantCapacity {
  code: string;
  label_zh: string;
  label_en: string;
  cite: string;
  when: 'always' | 'agreed_divorce' | 'court_divorce';
  needs_interest: boolean;
  needs_principal: boolean;
}

export interface RegistrationInput {
  type: string;
  event_date: string;       // ISO
  subject_id: string;       // '' for a birth and a first registration (the ID is allocated)
  fields: Record<string, string>;
  applicant: Applicant;
  // A notifiable type: the agencies the citizen agreed to have notified, or that they declined,
  // and agencies notified another way (the citizen themselves, or the office by hand).
  notify?: string[];
  notify_declined?: boolean;
  notify_elsewhere?: { agency: string; channel: 'other' | 'office' }[];
}

export type ApplicationStatus = 'pending_review' | 'registered' | 'rejected';

export interface SampleResult {
  result: 'correct' | 'erroneous';
  reason: string;
  by: string;
  at_ms: number;
}

export interface Application {
  id: number;
  office_code: string;
  type: string;
  status: ApplicationStatus;
  subject_id: string | null;
  event_date: string;
  fields: Record<string, string>;
  applicant: Applicant;
  entered_by: string;
  entered_at_ms: number;
  deadline: string | null;   // ISO statutory deadline (法定期限); null: no statutory period
  deadline_provisional: boolean;  // its year's calendar is not loaded: the earliest it can be
  deadline_basis: string;    // the statute it rests on, e.g. 戶籍法 §48 ¶1
  days_late: number;
  proposed_fine: { min: number; max: number };
  fine_decided: number | null;
  reviewed_by: string | null;
  review_note: string;
  registered_on: string | null;
  event_seqs: number[];      // the first and last 記事 seq appended on approval
  result_subject_id: string | null;  // e.g. the newborn's allocated ID number
  revoked_by: number | null;         // the revocation application that revoked it
  sample: SampleResult | null;
  version: number;
  // GET /registrations and /registrations/{id} only: the names behind the ID numbers shown,
  // the staff's names, and whether the reader entered it (then they may not review it).
  names?: Record<string, string>;
  entered_by_name?: string | null;
  reviewed_by_name?: string | null;
  own?: boolean;
  // GET /registrations/{id} only.
  changes?: ApplicationChange[];
  entries?: ApplicationEntry[];
  documents?: ApplicationDocument[];
  preview_refused?: ErrorBody | null;
}

// One field of one person's record that a registration changes (before → after).
export interface ApplicationChange {
  person_id: string;
  field: string;  // person, name, sex, birth_date, birth_place, father, mother, spouse, indigenous, status, removal_reason, address, relation
  before: string;
  after: string;
}

// A 記事 the registration writes (pending) or wrote (registered).
export interface ApplicationEntry {
  person_id: string;
  text_zh: string;
  text_en: string;
}

export interface ApplicationDocument {
  id: number;
  application_id: number;
  filename: string;
  mime: string;
  sha256: string;
  size: number;
  uploaded_by: string;
  uploaded_at_ms: number;
}

export interface ApplicationPage {
  applications: Application[];
  next_before: number | null;  // the next page's `before`; null on the last page
}

export interface PageQuery {
  status?: ApplicationStatus;
  mine?: boolean;
  before?: number;
  limit?: number;
}

export interface ReviewInput {
  decision: 'approve' | 'reject';
  note: string;
  fine?: number;
  version: number;
}

export interface Correctness {
  from?: string;
  to?: string;
  received: number;
  sampled: number;
  erroneous: number;
  sampled_errors: number;
  revoked_office_errors: number;
  citizen_errors_excluded: number;
  rate: number;  // 0..1, (received − erroneous) ÷ received
  target: number;  // 0..1, the configured target (raised to the prior years' average)
  configured_target: number;
  prior_years: number;
  prior_average: number | null;
  met: boolean;
}

export function submitRegistration(token: string, input: RegistrationInput,
  idempotencyKey: string): Promise<Application> {
  return call<{ application: Application }>('POST', '/registrations',
    { token, body: input, idempotencyKey }).then((r) => r.application);
}

// What an application would be (POST /registrations/preview): entered nothing, no key used.
export interface PreviewEntry {
  type: string;
  subject_id: string;
  household_no: string;
  event_date: string;
  registered_on: string;
  text_zh: string;
  text_en: string;
}

export interface RegistrationPreview {
  type: string;
  subject_id: string | null;
  event_date: string;
  deadline: string | null;
  deadline_provisional: boolean;
  deadline_basis: string;
  days_late: number;
  proposed_fine: { min: number; max: number };
  entries: PreviewEntry[];
}

export function previewRegistration(token: string, input: RegistrationInput): Promise<RegistrationPreview> {
  return call<{ preview: RegistrationPreview }>('POST', '/registrations/preview', { token, body: input })
    .then((r) => r.preview);
}

export function applicantCapacities(token: string, type: string): Promise<ApplicantCapacity[]> {
  const q = new URLSearchParams({ type });
  return call<{ capacities: ApplicantCapacity[] }>('GET', `/registrations/applicant-capacities?${q}`, { token })
    .then((r) => r.capacities);
}

export function listRegistrations(token: string, status?: ApplicationStatus): Promise<Application[]> {
  const q = status ? `?${new URLSearchParams({ status })}` : '';
  return call<{ applications: Application[] }>('GET', `/registrations${q}`, { token })
    .then((r) => r.applications);
}

export function registrationPage(token: string, query: PageQuery): Promise<ApplicationPage> {
  const q = new URLSearchParams();
  if (query.status) q.set('status', query.status);
  if (query.mine) q.set('mine', 'true');
  if (query.before !== undefined) q.set('before', String(query.before));
  if (query.limit !== undefined) q.set('limit', String(query.limit));
  return call<ApplicationPage>('GET', `/registrations?${q}`, { token });
}

// A supporting document (PDF, JPEG or PNG, up to 5 MiB), sent as its own bytes.
export function attachDocument(token: string, id: number, file: File,
  idempotencyKey: string): Promise<ApplicationDocument> {
  const q = new URLSearchParams({ filename: file.name });
  return call<{ document: ApplicationDocument }>('POST', `/registrations/${id}/documents?${q}`,
    { token, file, idempotencyKey }).then((r) => r.document);
}

// A document's bytes (the request carries the session, so a plain link cannot fetch it).
export async function fetchDocument(token: string, id: number, doc: number): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`${kBase}/registrations/${id}/documents/${doc}`,
      { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const json = await res.json().catch(() => null) as { error?: unknown } | null;
    throw new ApiError(res.status, isErrorBody(json?.error) ? json.error : null);
  }
  return res.blob();
}

export function getRegistration(token: string, id: number): Promise<Application> {
  return call<{ application: Application }>('GET', `/registrations/${id}`, { token })
    .then((r) => r.application);
}

export function reviewRegistration(token: string, id: number, input: ReviewInput,
  idempotencyKey: string): Promise<Application> {
  return call<{ application: Application }>('POST', `/registrations/${id}/review`,
    { token, body: input, idempotencyKey }).then((r) => r.application);
}

export function samplingCandidates(token: string, day: string, percent: number): Promise<Application[]> {
  const q = new URLSearchParams({ day, percent: String(percent) });
  return call<{ applications: Application[] }>('GET', `/registrations/sampling?${q}`, { token })
    .then((r) => r.applications);
}

// The latest day before today with a case the caller may sample (null: none in a year).
export function latestSamplingDay(token: string): Promise<string | null> {
  return call<{ day: string | null }>('GET', '/registrations/sampling-day', { token })
    .then((r) => r.day);
}

export function recordSample(token: string, id: number,
  input: { result: 'correct' | 'erroneous'; reason: string; version: number },
  idempotencyKey: string): Promise<Application> {
  return call<{ application: Application }>('POST', `/registrations/${id}/sample`,
    { token, body: input, idempotencyKey }).then((r) => r.application);
}

export function registrationCorrectness(token: string, from: string, to: string): Promise<Correctness> {
  const q = new URLSearchParams({ from, to });
  return call<Correctness>('GET', `/kpi/registration-correctness?${q}`, { token });
}

// ---- Nationality cases (國籍) -------------------------------------------------------------

export type NationalityKind = 'naturalization' | 'restoration' | 'loss' | 'renunciation' |
  'naturalization_revoked' | 'loss_revoked' | 'restoration_note';
export type NationalityState = 'awaiting_registration' | 'registration_overdue' |
  'awaiting_proof_of_loss' | 'proof_overdue' | 'closed';

export interface NationalityCase {
  id: number;
  kind: NationalityKind;
  person_name: string;
  id_number: string | null;
  approval_letter_date: string;
  registration_due: string;
  registered_on: string | null;
  proof_of_loss_due: string | null;
  proof_of_loss_due_provisional?: boolean;  // its year's calendar is not loaded: unshifted
  proof_of_loss_received: string | null;
  state: NationalityState;
  reminder_due: boolean;
  registered_by_application: number | null;  // the registration that registered it
  notice_sent: { on: string; by: string } | null;  // 繳附通知單
  original_decision_date: string | null;
  checklist: { item: string; group: string; label_zh: string; label_en: string;
    by: string | null; at_ms: number | null }[];
  version: number;
}

export interface NewNationalityCase {
  kind: NationalityKind;
  person_name: string;
  id_number: string;
  approval_letter_date: string;
  // 撤銷歸化, 撤銷喪失國籍 (國籍法 §19): the date of the decision revoked, and whether a court
  // found a sham marriage or adoption (then the five years do not bar it).
  original_decision_date?: string;
  sham_by_court_judgment?: boolean;
}

export const kTestSlots = ['09:00', '10:30', '14:00', '15:30'] as const;
export type TestSlot = (typeof kTestSlots)[number];

export interface TestBooking {
  id: number;
  case_id: number | null;
  candidate_name: string;
  slot_date: string;
  slot_time: TestSlot;
  booked_by: string;
}

export function listNationalityCases(token: string): Promise<NationalityCase[]> {
  return call<{ cases: NationalityCase[] }>('GET', '/nationality-cases', { token })
    .then((r) => r.cases);
}

export function openNationalityCase(token: string, input: NewNationalityCase,
  idempotencyKey: string): Promise<NationalityCase> {
  return call<{ case: NationalityCase }>('POST', '/nationality-cases',
    { token, body: input, idempotencyKey }).then((r) => r.case);
}

export function recordNationalityCase(token: string, id: number,
  input: { what: 'notice_sent' | 'proof_received'; on: string; version: number },
  idempotencyKey: string): Promise<NationalityCase> {
  return call<{ case: NationalityCase }>('POST', `/nationality-cases/${id}/record`,
    { token, body: input, idempotencyKey }).then((r) => r.case);
}

export function listTestBookings(token: string): Promise<TestBooking[]> {
  return call<{ bookings: TestBooking[] }>('GET', '/naturalization-tests', { token })
    .then((r) => r.bookings);
}

export function bookTest(token: string,
  input: { case_id?: number; candidate_name: string; slot_date: string; slot_time: TestSlot },
  idempotencyKey: string): Promise<TestBooking> {
  return call<{ booking: TestBooking }>('POST', '/naturalization-tests',
    { token, body: input, idempotencyKey }).then((r) => r.booking);
}

// ---- Statutory figures (法規數值) ----------------------------------------------------------

export interface RuleFigures {
  birth_days: number;
  general_days: number;
  move_stay_months: number;
  move_days: number;
  abroad_years: number;
  marriage_by_registration_since: string;
  agreed_divorce_by_registration_since: string;
  fine_bands: { up_to_days: number; amount: number }[];
  fine_beyond: number;
  fine_statutory_max: number;
  fine_after_reminder: number;
  false_application_fines: number[];
  reminder_days: number;
  nationality_registration_working_days: number;
  proof_of_loss_years: number;
  proof_reminder_days: number;
  name_change_cap: number;
  age_of_majority: number;
  marriage_min_age_man: number;
  marriage_min_age_woman: number;
  care_elderly_age: number;
  care_child_age: number;
  target_registration_correctness: number;
  target_correctness_prior_years: number;
  target_care_list_rate: number;
  target_notification_rate_beidou: number;
  target_notification_rate_datong: number;
}

export interface RuleVersion {
  effective_from: string;
  source: 'file' | 'database';
  in_force: boolean;
  statutes: string;
  figures: RuleFigures;
  text: string;  // the version in the rules file format, to edit and load as a later one
  loaded_by?: string;
  loaded_at_ms?: number;
}

export async function listRuleVersions(token: string): Promise<RuleVersion[]> {
  return (await call<{ versions: RuleVersion[] }>('GET', '/admin/rules', { token })).versions;
}

export async function loadRuleVersions(token: string, text: string): Promise<RuleVersion[]> {
  return (await call<{ versions: RuleVersion[] }>('PUT', '/admin/rules', { token, text })).versions;
}

// ---- Administration (系統管理): staff accounts, offices, the working-day calendar ---------

export type StaffState = 'active' | 'disabled' | 'locked';

export interface StaffUser {
  username: string;
  display_name: string;
  role: Role;
  office_code: string;
  state: StaffState;
  recent_failures: number;
  last_login_at: string | null;
  totp_enrolled: boolean;
  active_sessions: number;
  created_at: string;
}

export interface NewStaffUser {
  username: string;
  display_name: string;
  role: Role;
}

export async function listStaff(token: string): Promise<StaffUser[]> {
  return (await call<{ users: StaffUser[] }>('GET', '/admin/users', { token })).users;
}

// The account is added to the admin's own office; its initial password is generated by the
// server and answered this once.
export function addStaff(token: string, input: NewStaffUser):
  Promise<{ user: StaffUser; initial_password: string }> {
  return call('POST', '/admin/users', { token, body: input });
}

export type StaffAction = 'disable' | 'enable' | 'unlock' | 'revoke-sessions';

export function manageStaff(token: string, username: string, action: StaffAction): Promise<void> {
  return call('POST', `/admin/users/${encodeURIComponent(username)}/${action}`, { token });
}

export function setStaffRole(token: string, username: string, role: Role): Promise<void> {
  return call('PUT', `/admin/users/${encodeURIComponent(username)}/role`, { token, body: { role } });
}

// A new password, generated by the server and answered this once.
export async function resetStaffPassword(token: string, username: string): Promise<string> {
  return (await call<{ password: string }>('POST',
    `/admin/users/${encodeURIComponent(username)}/reset`, { token, body: {} })).password;
}

export interface Office {
  code: string;
  name: string;
  county: string;
  district: string;
  address: string;
  own: boolean;
}

export async function listOffices(token: string): Promise<Office[]> {
  return (await call<{ offices: Office[] }>('GET', '/admin/offices', { token })).offices;
}

export interface CalendarYear {
  year: number;
  source: 'file' | 'database';
  provisional: boolean;
  loaded_by?: string;
  loaded_at_ms?: number;
}

export interface CalendarOverview {
  years: CalendarYear[];
  warnings: ErrorBody[];
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  description: string;
}

export function calendarOverview(token: string): Promise<CalendarOverview> {
  return call('GET', '/admin/calendar', { token });
}

export async function calendarDays(token: string, year: number): Promise<CalendarDay[]> {
  return (await call<{ days: CalendarDay[] }>('GET', `/admin/calendar/${year}`, { token })).days;
}

export async function loadCalendarYear(token: string, year: number, text: string): Promise<CalendarYear> {
  return (await call<{ calendar: CalendarYear }>('PUT', `/admin/calendar/${year}`, { token, text })).calendar;
}

// 催告: a written reminder of a registration not filed in time, with a new period (戶籍法 §48).
export type ReminderState = 'open' | 'lapsed' | 'complied' | 'filed_after_lapse' |
  'registered_ex_officio';

export interface ReminderAddressee {
  id_number: string;
  name: string;
  relation: string;
  address: string;
}

export interface Reminder {
  id: number;
  type: string;
  subject_id: string;
  event_date: string;
  source: string;
  addressees: ReminderAddressee[];
  served_on: string;
  due: string;
  state: ReminderState;
  application_id: number | null;
  issued_by: string;
  closed_by: string | null;
  version: number;
}

export interface NewReminder {
  type: string;
  subject_id: string;
  event_date: string;
  served_on?: string;
  source?: string;
  addressees: { id_number: string; relation: string }[];
}

export function listReminders(token: string, status: ReminderState | 'all'): Promise<Reminder[]> {
  const q = new URLSearchParams({ status });
  return call<{ reminders: Reminder[] }>('GET', `/reminders?${q}`, { token }).then((r) => r.reminders);
}

export function issueReminder(token: string, input: NewReminder,
  idempotencyKey: string): Promise<Reminder> {
  return call<{ reminder: Reminder }>('POST', '/reminders', { token, body: input, idempotencyKey })
    .then((r) => r.reminder);
}

// A file the server makes (a PDF, a CSV), fetched with the session's token.
export async function fetchBlob(token: string, path: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(kBase + path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = ((await res.json()) as { error?: unknown } | null)?.error;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, isErrorBody(body) ? body : null);
  }
  return res.blob();
}

// The 催告書 as a PDF (application/pdf).
export function reminderLetter(token: string, id: number): Promise<Blob> {
  return fetchBlob(token, `/reminders/${id}/letter.pdf`);
}

// ---- The audit trail (稽核) -----------------------------------------------------------------

export interface AuditEntry {
  seq: number;
  at_ms: number;
  username: string;
  display_name: string | null;  // null: not a staff member's username (a failed login's)
  office_code: string;
  office_name: string | null;
  role: string;
  action: string;
  subject_id: string;
  purpose: string;
  request_id: string;
  outcome: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  next_before: number | null;  // the `before` of the next page; null on the last
  subject?: { id_number: string; name: string | null };
}

// The filters of GET /audit and /audit/export.csv (subject, user, day | from–to, action,
// purpose, outcome, before, limit), as query parameters.
export function auditPage(token: string, params: URLSearchParams): Promise<AuditPage> {
  return call<AuditPage>('GET', `/audit?${params}`, { token });
}

// The same selection as a CSV file (the export is audited as audit.export).
export function auditExport(token: string, params: URLSearchParams): Promise<Blob> {
  return fetchBlob(token, `/audit/export.csv?${params}`);
}

export type AuditFinding = 'normal' | 'explain' | 'violation';

export interface AuditSampleSummary {
  id: number;
  office_code: string;
  week_start: string;  // a Monday (ISO)
  week_end: string;    // the Sunday after
  size: number;
  population: number;
  seed: string;
  upto_seq: number;
  drawn_by: string;
  drawn_at_ms: number;
  completed_at_ms: number | null;
  counts: { sampled: number; recorded: number; normal: number; explain: number; violation: number };
}

export interface AuditSampleItem {
  seq: number;
  entry: AuditEntry;
  finding: AuditFinding | null;
  note: string;
  recorded_by: string | null;
  recorded_at_ms: number | null;
}

export interface AuditSample extends AuditSampleSummary {
  items: AuditSampleItem[];
}

export function listAuditSamples(token: string): Promise<AuditSampleSummary[]> {
  return call<{ samples: AuditSampleSummary[] }>('GET', '/audit/samples', { token })
    .then((r) => r.samples);
}

export function drawAuditSample(token: string, week: string, size: number): Promise<AuditSample> {
  return call<{ sample: AuditSample }>('POST', '/audit/samples', { token, body: { week, size } })
    .then((r) => r.sample);
}

export function getAuditSample(token: string, id: number): Promise<AuditSample> {
  return call<{ sample: AuditSample }>('GET', `/audit/samples/${id}`, { token })
    .then((r) => r.sample);
}

export function recordAuditFinding(token: string, id: number,
  input: { seq: number; finding: AuditFinding; note: string }): Promise<AuditSample> {
  return call<{ sample: AuditSample }>('POST', `/audit/samples/${id}/findings`, { token, body: input })
    .then((r) => r.sample);
}

// 主動關懷通報 (seed 004 CC1.1): the month's registered marriages of elderly persons and
// divorces with children under 18, for the social-welfare office, with each notification.
export type CareReason = 'elderly_marriage' | 'divorce_with_minor_children';

export interface CareNotification {
  id: number;
  action: 'notified' | 'withdrawn';
  sent_on: string | null;
  agency: string;
  channel: string;
  reference: string;
  reason: string;
  replaces: number | null;
  recorded_by: string;
}

export interface CareCase {
  registration_id: number;
  type: 'marriage' | 'divorce';
  divorce_kind: 'agreed' | 'court' | null;
  event_date: string;
  registered_on: string | null;
  reason: CareReason | null;
  basis: string;
  persons: { id_number: string; name: string; age: number }[];
  minor_children: number;
  notification: CareNotification | null;
  history: CareNotification[];
}

export interface CareList {
  month: string;
  office_code: string;
  eligible: number;
  notified: number;
  rate: number | null;  // null: nothing qualified in the month
  target: number;
  cases: CareCase[];
}

export interface CareNotificationInput {
  action: 'notified' | 'withdrawn';
  sent_on?: string;
  agency?: string;
  channel?: string;
  reference?: string;
  reason?: string;
  replaces: number;  // the case's newest entry, 0 when none
}

export function careList(token: string, month: string): Promise<CareList> {
  const q = new URLSearchParams({ month });
  return call<CareList>('GET', `/care-lists?${q}`, { token });
}

export function recordCareNotification(token: string, registrationId: number,
  input: CareNotificationInput, idempotencyKey: string): Promise<CareCase> {
  return call<{ case: CareCase }>('POST', `/care-lists/${registrationId}/notifications`,
    { token, body: input, idempotencyKey }).then((r) => r.case);
}

// The month's list as CSV for the social-welfare office (text/csv, UTF-8 with a BOM).
export function careListCsv(token: string, month: string): Promise<Blob> {
  return fetchBlob(token, `/care-lists.csv?${new URLSearchParams({ month })}`);
}

// ---- Household transcripts (戶籍謄本) ---------------------------------------------------------

export type TranscriptScope = 'current' | 'removed';
export type TranscriptDetail = 'full' | 'short';
export type TranscriptLanguage = 'zh' | 'en';
export type ApplicantRelation = '本人' | '戶內人口' | '利害關係人' | '受託人';

export interface TranscriptRequest {
  subject_id?: string;
  household_no?: string;
  scope: TranscriptScope;
  detail: TranscriptDetail;
  language: TranscriptLanguage;
  members?: string[];
  copies?: number;
  applicant?: { name: string; id_number: string; relation: ApplicantRelation };
  reason?: string;
  purpose: string;
  waiver?: string;  // a fee waiver of the schedule: official_use (機關公務使用)
}

export interface TranscriptPerson {
  id_number: string;
  name: string;
  relation: string;
  sex: string;
  birth_date: string;
  birth_date_text: string;
  father: string;
  mother: string;
  spouse: string;
  birth_place: string;
  birth_order: string;
  military: string;
  indigenous: string;
  removal: string;
  entries: string[];
}

// What a transcript prints, with its headings (`labels`) in its own language.
export interface TranscriptContent {
  title: string;
  scope: TranscriptScope;
  detail: TranscriptDetail;
  language: TranscriptLanguage;
  partial: boolean;
  household: {
    household_no: string; kind: string; address: string; head_name: string;
    former_heads: string[]; entries: string[];
  };
  persons: TranscriptPerson[];
  office_code: string;
  office_name: string;
  issued_on: string;
  issued_on_text: string;
  labels: Record<string, string>;
}

export interface TranscriptPreview {
  content: TranscriptContent;
  sheets: number;
  copies: number;
  fee: number;
}

export interface IssuedTranscript {
  id: number;
  check_code: string;
  sheets: number;
  copies: number;
  fee: number;
  pdf_url: string;
  household_no: string;
}

export function previewTranscript(token: string, input: TranscriptRequest): Promise<TranscriptPreview> {
  return call<{ preview: TranscriptPreview }>('POST', '/transcripts/preview', { token, body: input })
    .then((r) => r.preview);
}

export function issueTranscript(token: string, input: TranscriptRequest,
  idempotencyKey: string): Promise<IssuedTranscript> {
  return call<{ transcript: IssuedTranscript }>('POST', '/transcripts', { token, body: input, idempotencyKey })
    .then((r) => r.transcript);
}

export function transcriptPdf(token: string, id: number): Promise<Blob> {
  return fetchBlob(token, `/transcripts/${id}/pdf`);
}

// The seal register (印鑑登記) and seal certificates (印鑑證明).
export type SealStatus = 'current' | 'changed' | 'abolished';
export type SealVerdict = 'match' | 'no_match' | 'ambiguous';

export interface SealApplicant {
  kind: 'self' | 'agent';
  name?: string;
  id_number?: string;
}

export interface Seal {
  id: number;
  person_id: string;
  status: SealStatus;
  image_url: string;
  office_code: string;
  registered_on: string;
  registered_by: string;
  applicant: SealApplicant;
  replaces: number | null;
  ended_on: string | null;
  end_reason: string;
}

export interface SealComparison {
  score: number;
  match: boolean;
  verdict: SealVerdict;
  coverage: number;
  ink_ratio: number;
  overlay_png: string;  // base64
}

export interface SealCertificate {
  id: number;
  seal_id: number;
  check_code: string;
  sheets: number;
  score: number;
  verdict: SealVerdict;
  fee?: number;
  pdf_url: string;
  overlay_url: string;
}

const kSealPurpose = '印鑑業務';

export function personSeals(token: string, idNumber: string): Promise<Seal[]> {
  const q = new URLSearchParams({ purpose: kSealPurpose });
  return call<{ seals: Seal[] }>('GET', `/persons/${encodeURIComponent(idNumber)}/seals?${q}`, { token })
    .then((r) => r.seals);
}

export function sealImage(token: string, seal: Seal): Promise<Blob> {
  return fetchBlob(token, `/seals/${seal.id}/image`);
}

export function registerSeal(token: string, personId: string, imagePng: string, applicant: SealApplicant,
  idempotencyKey: string): Promise<Seal> {
  return call<{ seal: Seal }>('POST', '/seals',
    { token, body: { person_id: personId, image_png: imagePng, applicant }, idempotencyKey }).then((r) => r.seal);
}

export function changeSeal(token: string, sealId: number, imagePng: string, applicant: SealApplicant,
  idempotencyKey: string): Promise<Seal> {
  return call<{ seal: Seal }>('POST', `/seals/${sealId}/change`,
    { token, body: { image_png: imagePng, applicant }, idempotencyKey }).then((r) => r.seal);
}

export function abolishSeal(token: string, sealId: number, applicant: SealApplicant, reason: string,
  idempotencyKey: string): Promise<Seal> {
  return call<{ seal: Seal }>('POST', `/seals/${sealId}/abolish`,
    { token, body: { applicant, reason }, idempotencyKey }).then((r) => r.seal);
}

export function compareWithSeal(token: string, sealId: number, candidatePng: string): Promise<SealComparison> {
  return call<SealComparison>('POST', `/seals/${sealId}/compare`, { token, body: { candidate: candidatePng } });
}

export interface SealCertificateInput {
  candidate: string;  // base64 PNG
  purpose: string;
  sheets: number;
  applicant: SealApplicant;
  confirmed: boolean;
}

export function issueSealCertificate(token: string, sealId: number, input: SealCertificateInput,
  idempotencyKey: string): Promise<SealCertificate> {
  return call<{ certificate: SealCertificate }>('POST', `/seals/${sealId}/certificates`,
    { token, body: input, idempotencyKey }).then((r) => r.certificate);
}

export function sealCertificatePdf(token: string, id: number): Promise<Blob> {
  return fetchBlob(token, `/seal-certificates/${id}/pdf`);
}

// ---- Fees, payments and receipts (規費收納) ----------------------------------------------------

export interface FeeItem {
  code: string;
  name_zh: string;
  name_en: string;
  amount: number;
  extra_amount: number | null;
}

export interface FeeWaiver {
  code: string;
  name_zh: string;
  name_en: string;
  items: string[];
}

export interface FeeSchedule {
  effective: string;
  on: string;
  source: string;
  items: FeeItem[];
  waivers: FeeWaiver[];
  versions: { effective: string; source: string }[];
}

export interface FeeVersion {
  effective: string;
  source: string;
  origin: 'file' | 'database';
  in_force: boolean;
  items: FeeItem[];
  waivers: FeeWaiver[];
  text: string;
  loaded_by?: string;
  loaded_at_ms?: number;
}

export interface ReceiptLine {
  charge_id: number;
  item: string;
  name_zh: string;
  name_en: string;
  quantity: number;
  amount: number;
  waiver: string | null;
  waiver_zh: string | null;
  waiver_en: string | null;
  ref_kind: string;
  charged_on: string;
  charged_by: string;
  paid: boolean;
}

export type PaymentMethod = 'cash' | 'stored_value' | 'transfer';

export interface PaymentInput {
  charges: number[];
  method: PaymentMethod;
  tendered?: number;
  reference?: string;
  counter: string;
  payer?: { name: string; email?: string };
}

export interface PaymentPreview {
  lines: ReceiptLine[];
  total: number;
  method: PaymentMethod;
  change: number | null;
}

export interface Refund {
  id: number;
  amount: number;
  reason: string;
  full: boolean;
  counter: string;
  refunded_on: string;
  approved_by: string;
}

export interface Receipt {
  id: number;
  number: string;
  issued_on: string;
  counter: string;
  method: PaymentMethod;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
  payer: { name: string; email: string | null };
  issued_by: string;
  check_code: string;
  document_status: 'valid' | 'revoked';
  lines: ReceiptLine[];
  refunds: Refund[];
  refunded: number;
  email_status: 'pending' | 'sent' | 'failed' | null;
  email_error: string | null;
  pdf_url: string;
}

export interface DailyClose {
  id: number;
  date: string;
  counter: string;
  receipts: number;
  first_number: string | null;
  last_number: string | null;
  cash_payments: number;
  cash_refunds: number;
  cash_expected: number;
  cash_counted: number;
  difference: number;
  non_cash: { stored_value: number; transfer: number };
  refunds_total: number;
  gaps: string[];
  voids: string[];
  closed_by: string;
}

export async function feeSchedule(on?: string): Promise<FeeSchedule> {
  const q = on ? `?${new URLSearchParams({ on })}` : '';
  return (await call<{ schedule: FeeSchedule }>('GET', `/fees${q}`)).schedule;
}

export async function listFeeVersions(token: string): Promise<FeeVersion[]> {
  return (await call<{ versions: FeeVersion[] }>('GET', '/admin/fees', { token })).versions;
}

export async function storeFeeVersions(token: string, text: string): Promise<FeeVersion[]> {
  return (await call<{ versions: FeeVersion[] }>('PUT', '/admin/fees', { token, text })).versions;
}

export async function openCharges(token: string): Promise<ReceiptLine[]> {
  return (await call<{ charges: ReceiptLine[] }>('GET', '/charges', { token })).charges;
}

export async function addCharge(token: string, body: { item: string; quantity: number },
  idempotencyKey: string): Promise<void> {
  await call('POST', '/charges', { token, body, idempotencyKey });
}

export async function previewPayment(token: string, body: PaymentInput): Promise<PaymentPreview> {
  return (await call<{ preview: PaymentPreview }>('POST', '/payments/preview', { token, body })).preview;
}

export async function takePayment(token: string, body: PaymentInput, idempotencyKey: string): Promise<Receipt> {
  return (await call<{ receipt: Receipt }>('POST', '/payments', { token, body, idempotencyKey })).receipt;
}

export async function listReceipts(token: string, date: string): Promise<Receipt[]> {
  return (await call<{ receipts: Receipt[] }>('GET', `/receipts?${new URLSearchParams({ date })}`, { token })).receipts;
}

export async function getReceipt(token: string, id: number): Promise<Receipt> {
  return (await call<{ receipt: Receipt }>('GET', `/receipts/${id}`, { token })).receipt;
}

// The receipt as issued (application/pdf).
export function receiptPdf(token: string, id: number): Promise<Blob> {
  return fetchBlob(token, `/receipts/${id}/receipt.pdf`);
}

export async function refundReceipt(token: string, id: number,
  body: { reason: string; amount?: number }): Promise<Receipt> {
  return (await call<{ receipt: Receipt }>('POST', `/receipts/${id}/refund`, { token, body })).receipt;
}

export async function listCloses(token: string, date: string): Promise<DailyClose[]> {
  return (await call<{ closes: DailyClose[] }>('GET', `/daily-closes?${new URLSearchParams({ date })}`, { token })).closes;
}

export async function closeCounter(token: string,
  body: { date: string; counter: string; cash_counted: number }): Promise<DailyClose> {
  return (await call<{ close: DailyClose }>('POST', '/daily-closes', { token, body })).close;
}

// 國民身分證, its blank stock and 戶口名簿 (issue 18 items 3, 4 and 7).
export interface IdCard {
  id: number;
  office_code: string;
  person_id: string;
  kind: 'first' | 'renewal' | 'replacement';
  issued_on: string;
  card_serial: string;
  laminate_serial: string;
  status: 'valid' | 'lost' | 'superseded' | 'cancelled';
  lost_on: string | null;
  fee: number;
  waiver: string | null;
  school: string | null;
  cross_district: boolean;
  version: number;
}

export interface IdCardHolder {
  person: { id_number: string; name: string; birth_date: string; age: number; active: boolean; household_office: string };
  cards: IdCard[];
  losses: { id: number; card_id: number; action: 'reported' | 'revoked'; on: string; reason: string }[];
}

export interface IdCardIssueInput {
  person_id: string;
  kind: string;
  card_serial: string;
  laminate_serial: string;
  photo_id: number;
  applicant_name: string;
  applicant_relation: string;
  identity_check: string;
  waiver?: string;
}

export function idCardHolder(token: string, personId: string): Promise<IdCardHolder> {
  return call<IdCardHolder>('GET', `/id-cards?${new URLSearchParams({ person_id: personId })}`, { token });
}

export function uploadIdCardPhoto(token: string, personId: string, file: File, idempotencyKey: string): Promise<number> {
  return call<{ photo: { id: number } }>('POST', `/id-cards/photos?${new URLSearchParams({ person_id: personId })}`,
    { token, file, idempotencyKey }).then((r) => r.photo.id);
}

export function issueIdCard(token: string, input: IdCardIssueInput, idempotencyKey: string): Promise<IdCard> {
  return call<{ card: IdCard }>('POST', '/id-cards', { token, body: input, idempotencyKey }).then((r) => r.card);
}

export function changeIdCardLoss(token: string, id: number, revoke: boolean, reason: string,
  idempotencyKey: string): Promise<IdCard> {
  return call<{ card: IdCard }>('POST', `/id-cards/${id}/${revoke ? 'loss-revocation' : 'loss'}`,
    { token, body: { reason }, idempotencyKey }).then((r) => r.card);
}

export interface Booklet {
  id: number;
  household_no: string;
  kind: 'issue' | 'replacement';
  issued_on: string;
  status: 'valid' | 'superseded';
  capacity: 'head' | 'member' | 'agent';
  fee: number;
}

export function issueBooklet(token: string, input: { household_no: string; kind: string; applicant_id: string;
  principal_id?: string; reason?: string }, idempotencyKey: string): Promise<Booklet> {
  return call<{ booklet: Booklet }>('POST', '/booklets', { token, body: input, idempotencyKey }).then((r) => r.booklet);
}

export type StockItemCode = 'card' | 'laminate';

export interface StockItem {
  item: StockItemCode;
  received: number;
  issued: number;
  spoiled: number;
  voided: number;
  defective: number;
  on_hand: number;
  balances: boolean;
  on_hand_runs: { first: string; last: string; count: number }[];
}

export interface StockCount {
  id: number;
  month: string;
  item: StockItemCode;
  expected: number;
  counted: number;
  difference: number;
  by_serial: boolean;
  missing: string[];
  unexpected: string[];
  reconciled: boolean;
}

export interface MonthlyStockCount {
  month: string;
  due_on: string;
  items: { item: StockItemCode; figures: { opening: number; received: number; issued: number; spoiled: number;
    voided: number; defective: number; on_hand: number; balances: boolean }; count: StockCount | null }[];
  lost: number;
  reconciled: boolean;
}

export function idCardStock(token: string): Promise<{ items: StockItem[] }> {
  return call('GET', '/id-card-stock', { token });
}

export function receiveIdCardStock(token: string, input: { item: string; first: string; last: string },
  idempotencyKey: string): Promise<{ received: number }> {
  return call('POST', '/id-card-stock/receipts', { token, body: input, idempotencyKey });
}

export function removeIdCardStock(token: string, input: { item: string; serial: string; status: string; reason: string }):
  Promise<{ serial: string; status: string }> {
  return call('POST', '/id-card-stock/removals', { token, body: input });
}

export function monthlyStockCount(token: string, month: string): Promise<MonthlyStockCount> {
  return call('GET', `/id-card-stock/monthly-count?${new URLSearchParams({ month })}`, { token });
}

export function monthlyStockCountCsv(token: string, month: string): Promise<Blob> {
  return fetchBlob(token, `/id-card-stock/monthly-count.csv?${new URLSearchParams({ month })}`);
}

export function enterStockCount(token: string, input: { month: string; item: string; serials: string[] },
  idempotencyKey: string): Promise<StockCount> {
  return call<{ count: StockCount }>('POST', '/id-card-stock/counts', { token, body: input, idempotencyKey })
    .then((r) => r.count);
}

export interface IdCardBatchResult {
  school: string;
  issued: number;
  refused: number;
  results: { person_id: string; card: IdCard | null; error: ErrorBody | null }[];
}

export function issueIdCardBatch(token: string, school: string,
  students: Omit<IdCardIssueInput, 'kind'>[], idempotencyKey: string): Promise<IdCardBatchResult> {
  return call('POST', '/id-cards/batches', { token, body: { school, students }, idempotencyKey });
}

// ---- Cross-agency notification (跨機關通報) ------------------------------------------------

export type AgencyChannel = 'webhook' | 'file';

// What the admin configures of an agency (both what is read and what is sent).
export interface AgencyConfig {
  code: string;
  name_zh: string;
  name_en: string;
  group: string;
  channel: AgencyChannel;
  url: string;
  types: string[];
  fields: string[];
}

export interface Agency extends AgencyConfig {
  secret_hint: string;   // "sha256:" + 8 hex digits of the secret, never any part of it
  rotating: boolean;     // the previous secret still signs until the rotation ends
  public_key: string;    // v1a: the whpk_ key the agency verifies with ('' = none)
  active: boolean;
  disabled_reason: string;
  paused_until_ms: number;
  version: number;
  updated_ms: number;
  updated_by: string;
}

// POST /agencies and PUT /agencies/{code}: an empty secret on PUT keeps the stored one.
export interface AgencyInput extends AgencyConfig {
  secret: string;
  generate_signing_key?: boolean;
  active?: boolean;
  version?: number;
}

export function listAgencies(token: string): Promise<Agency[]> {
  return call<{ agencies: Agency[] }>('GET', '/agencies', { token }).then((r) => r.agencies);
}

export function createAgency(token: string, input: AgencyInput, idempotencyKey: string): Promise<Agency> {
  return call<{ agency: Agency }>('POST', '/agencies', { token, body: input, idempotencyKey })
    .then((r) => r.agency);
}

export function updateAgency(token: string, input: AgencyInput): Promise<Agency> {
  return call<{ agency: Agency }>('PUT', `/agencies/${encodeURIComponent(input.code)}`, { token, body: input })
    .then((r) => r.agency);
}

export function rotateAgencySecret(token: string, code: string, secret: string): Promise<Agency> {
  return call<{ agency: Agency }>('POST', `/agencies/${encodeURIComponent(code)}/rotate-secret`,
    { token, body: { secret } }).then((r) => r.agency);
}

export function endAgencyRotation(token: string, code: string): Promise<Agency> {
  return call<{ agency: Agency }>('POST', `/agencies/${encodeURIComponent(code)}/end-rotation`,
    { token, body: {} }).then((r) => r.agency);
}

// How a consent was recorded: sent by the system, notified another way (the citizen's own
// channel, or the office by hand), or declined.
export type ConsentChannel = 'system' | 'other' | 'office' | 'declined';

export interface Consent {
  agency: string;  // '' on a declined line
  channel: ConsentChannel;
  recorded_by: string;
  recorded_ms: number;
}

export type NotificationStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryAttempt {
  attempt: number;
  started_ms: number;
  finished_ms: number;
  http_status: number;
  outcome: string;
  error: string;
  response: string;
  receipt: string;
  by: string;
}

export interface AgencyNotification {
  id: number;
  message_id: string;
  registration_id: number;
  agency: string;
  kind: 'registration' | 'revocation';
  event_type: string;
  status: NotificationStatus;
  attempts: number;
  created_ms: number;
  next_attempt_ms: number | null;
  delivered_at_ms: number | null;
  last_http_status: number;
  last_error: string;
  ledger?: DeliveryAttempt[];
}

export interface RegistrationNotifications {
  notifications: AgencyNotification[];
  consents: Consent[];
  declined: boolean;
}

export function registrationNotifications(token: string, id: number): Promise<RegistrationNotifications> {
  return call('GET', `/registrations/${id}/notifications`, { token });
}

// The agencies the person chose at their last notifiable registration (audited as a read).
export function notifyDefaults(token: string, idNumber: string): Promise<Consent[]> {
  return call<{ consents: Consent[] }>('GET', `/persons/${encodeURIComponent(idNumber)}/notify-defaults`,
    { token }).then((r) => r.consents);
}

export interface NotificationQuery {
  status?: NotificationStatus;
  agency?: string;
  before?: number;
  limit?: number;
}

export function listNotifications(token: string, q: NotificationQuery): Promise<AgencyNotification[]> {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.agency) p.set('agency', q.agency);
  if (q.before !== undefined) p.set('before', String(q.before));
  if (q.limit !== undefined) p.set('limit', String(q.limit));
  return call<{ notifications: AgencyNotification[] }>('GET', `/notifications?${p}`, { token })
    .then((r) => r.notifications);
}

export function getNotification(token: string, id: number): Promise<AgencyNotification> {
  return call<{ notification: AgencyNotification }>('GET', `/notifications/${id}`, { token })
    .then((r) => r.notification);
}

// replay: a dead letter goes back to pending; retry: a pending one is tried at once.
export function rescheduleNotification(token: string, id: number, action: 'replay' | 'retry'):
  Promise<AgencyNotification> {
  return call<{ notification: AgencyNotification }>('POST', `/notifications/${id}/${action}`, { token, body: {} })
    .then((r) => r.notification);
}

// 外機關通報 (inbound feeds): files from immigration, death reports and court decisions, each
// record a clerk case with a 5-working-day limit (docs/DOMAIN.md "Inbound feeds").
export type InboundFeed = 'immigration' | 'death' | 'court';

export interface InboundFile {
  id: number;
  feed: InboundFeed;
  sha256: string;
  filename: string;
  imported_by: string;
  imported_at_ms: number;
  received_on: string;
  records: number;
  new_cases: number;
  unchanged: number;
  superseded: number;
  anomalies: number;
  closed: number;
}

export interface InboundRecord {
  id: number;
  file_id: number;
  feed: InboundFeed;
  record_id: string;
  line: number;
  id_number: string;
  name: string;
  event: string;
  event_zh: string;
  event_en: string;
  event_date: string;
  reference: string;
  received_on: string;
  anomaly?: 'no_such_person' | 'name_mismatch';
}

export interface InboundCase extends InboundRecord {
  office_code: string;
  due_on: string;
  status: 'open' | 'closed';
  overdue: boolean;
  version: number;
  registration_types: string[];
  closed_by_application?: number | null;
  close_note?: string;
  closed_by?: string;
}

export interface InboundImport {
  file: InboundFile;
  repeated: boolean;
  cases: InboundCase[];
  closed: InboundCase[];
  anomalies: InboundRecord[];
}

export interface InboundKpi {
  year: number;
  as_of: string;
  abroad_2y: { notified: number; in_progress: number; excluded_within_limit: number; completion: number | null };
}

export function importInbound(token: string, feed: InboundFeed, filename: string, text: string): Promise<InboundImport> {
  return call('POST', `/inbound/${feed}?${new URLSearchParams({ filename })}`, { token, text });
}

export function inboundCases(token: string, status: 'open' | 'closed'): Promise<InboundCase[]> {
  return call<{ cases: InboundCase[] }>('GET', `/inbound/cases?${new URLSearchParams({ status })}`, { token })
    .then((r) => r.cases);
}

export function inboundAnomalies(token: string): Promise<InboundRecord[]> {
  return call<{ anomalies: InboundRecord[] }>('GET', '/inbound/anomalies', { token }).then((r) => r.anomalies);
}

export function closeInboundCase(token: string, id: number,
  input: { application_id?: number; note: string; version: number }): Promise<InboundCase> {
  return call<{ case: InboundCase }>('POST', `/inbound/cases/${id}/close`, { token, body: input }).then((r) => r.case);
}

export function inboundKpi(token: string, year: number): Promise<InboundKpi> {
  return call('GET', `/inbound/kpi?${new URLSearchParams({ year: String(year) })}`, { token });
}

// ---- Cross-agency notification KPIs and audit (跨機關通報; issue 19 item 6) -----------------

export interface BeidouRate {
  notified: number;    // system notifications in Wenshan's units
  notifiable: number;  // notifiable registrations
  rate: number | null;
}

export interface DatongRate {
  system: number;
  other: number;
  office: number;
  declined: number;
  numerator: number;
  registrations: number;
  rate: number | null;
}

export interface NotificationRates {
  from: string;
  to: string;
  beidou: BeidouRate & { target: number; met: boolean | null };
  datong: DatongRate & { target: number; met: boolean | null };
  months: { month: string; beidou: BeidouRate; datong: DatongRate }[];
}

export function notificationRates(token: string, from: string, to: string): Promise<NotificationRates> {
  return call('GET', `/kpi/notification-rate?${new URLSearchParams({ from, to })}`, { token });
}

export type ReviewFinding = 'correct' | 'erroneous';

export interface ReviewItem {
  application_id: number;
  finding: ReviewFinding | null;
  note: string;
  recorded_by: string | null;
  recorded_at_ms: number | null;
}

export interface ReviewSample {
  id: number;
  week_start: string;
  population: number;
  size: number;
  seed: string;
  drawn_by: string;
  drawn_at_ms: number;
  completed_at_ms: number | null;
  items: ReviewItem[];
}

export function listReviewSamples(token: string): Promise<ReviewSample[]> {
  return call<{ samples: ReviewSample[] }>('GET', '/notification-reviews', { token }).then((r) => r.samples);
}

export function drawReviewSample(token: string): Promise<ReviewSample> {
  return call<{ sample: ReviewSample }>('POST', '/notification-reviews', { token, body: {} })
    .then((r) => r.sample);
}

export function recordReviewFinding(token: string, id: number,
  input: { application_id: number; finding: ReviewFinding; note: string }): Promise<ReviewSample> {
  return call<{ sample: ReviewSample }>('POST', `/notification-reviews/${id}/findings`, { token, body: input })
    .then((r) => r.sample);
}

export interface AnomalyEntry {
  kind: 'review_error' | 'dead_letter' | 'revocation';
  at_ms: number;
  application_id: number;
  notification_id: number | null;
  agency: string;
  detail: string;
  handling: string;
  sample_id: number | null;
}

export interface AnomalyLog {
  month: string;
  entries: AnomalyEntry[];
  signoff: { signed_by: string; signed_at_ms: number; entries: number; note: string } | null;
}

export function anomalyLog(token: string, month: string): Promise<AnomalyLog> {
  return call('GET', `/notification-anomalies?${new URLSearchParams({ month })}`, { token });
}

export function anomalyLogCsv(token: string, month: string): Promise<Blob> {
  return fetchBlob(token, `/notification-anomalies.csv?${new URLSearchParams({ month })}`);
}

export function signAnomalyLog(token: string, month: string, note: string): Promise<AnomalyLog> {
  return call('POST', '/notification-anomalies/sign', { token, body: { month, note } });
}

// The counter queue's configuration (#/queue-admin, issue 20): services, counters and the
// policy of the staff member's office.
export interface QueueServiceConfig {
  code: string;
  name_zh: string;
  name_en: string;
  number_base: number;
  sort: number;
  active: boolean;
}

export interface QueueCounterConfig {
  id: string;
  name_zh: string;
  name_en: string;
  services: string[];
  open: boolean;
  sort: number;
}

export interface QueuePolicy {
  priority_ratio: number;
  max_overtaken: number;
  cap_min: number;
  recall_pause_s: number;
  no_show_grace_min: number;
  target_wait_min: number;
  target_share_pct: number;
}

export async function queueConfigServices(token: string): Promise<QueueServiceConfig[]> {
  return (await call<{ services: QueueServiceConfig[] }>('GET', '/queue/services?all=true', { token })).services;
}

export async function queueConfigCounters(token: string): Promise<QueueCounterConfig[]> {
  return (await call<{ counters: QueueCounterConfig[] }>('GET', '/queue/counters', { token })).counters;
}

export async function queuePolicy(token: string): Promise<QueuePolicy> {
  return (await call<{ policy: QueuePolicy }>('GET', '/queue/policy', { token })).policy;
}

export async function putQueueService(token: string, s: QueueServiceConfig): Promise<QueueServiceConfig> {
  const { code, ...body } = s;
  return (await call<{ service: QueueServiceConfig }>('PUT', `/queue/services/${encodeURIComponent(code)}`,
    { token, body })).service;
}

export async function putQueueCounter(token: string, c: QueueCounterConfig): Promise<QueueCounterConfig> {
  const { id, ...body } = c;
  return (await call<{ counter: QueueCounterConfig }>('PUT', `/queue/counters/${encodeURIComponent(id)}`,
    { token, body })).counter;
}

export async function putQueuePolicy(token: string, p: QueuePolicy): Promise<QueuePolicy> {
  return (await call<{ policy: QueuePolicy }>('PUT', '/queue/policy', { token, body: p })).policy;
}

// Appointments (預約, issue 20): the staff's side.
export interface Appointment {
  id: number;
  reference: string;
  kind: 'counter' | 'director';
  service: string;
  day: string;
  start: string;
  slot_at_ms: number;
  name: string;
  id_number: string;
  phone: string;
  email: string;
  topic: string;
  source: 'web' | 'phone';
  status: 'booked' | 'checked_in' | 'cancelled' | 'no_show' | 'walk_in';
  ticket_id: number;
}

export interface HomeVisit {
  id: number;
  reference: string;
  name: string;
  id_number: string;
  phone: string;
  address: string;
  reason: string;
  detail: string;
  status: 'requested' | 'scheduled' | 'completed' | 'declined' | 'cancelled';
  visits: number;
  scheduled_at_ms: number;
  staff_note: string;
}

export interface AppointmentTicket { id: number; number: number; source: string; ready_at_ms: number }

export function listAppointments(token: string, day: string): Promise<Appointment[]> {
  return call<{ appointments: Appointment[] }>('GET', `/appointments?day=${encodeURIComponent(day)}`, { token })
    .then((r) => r.appointments);
}

export function appointmentStep(token: string, id: number, step: 'check-in' | 'cancel' | 'no-show'):
  Promise<{ appointment: Appointment; ticket?: AppointmentTicket }> {
  return call('POST', `/appointments/${id}/${step}`, { token });
}

export function bookByPhone(token: string, body: Record<string, string>): Promise<{ appointment: Appointment; code: string }> {
  return call('POST', '/appointments', { token, body });
}

export function listHomeVisits(token: string): Promise<HomeVisit[]> {
  return call<{ home_visits: HomeVisit[] }>('GET', '/home-visits', { token }).then((r) => r.home_visits);
}

export function homeVisitStep(token: string, id: number, action: string, atMs = 0): Promise<{ home_visit: HomeVisit }> {
  return call('POST', `/home-visits/${id}/step`, { token, body: atMs ? { action, at_ms: atMs } : { action } });
}
