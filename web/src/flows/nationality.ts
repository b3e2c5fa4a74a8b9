// 國籍案件: after the Ministry approves a naturalization (or restoration, loss, renunciation),
// the follow-up registration is due within 30 working days from the day after its letter, and
// a naturalized person must prove the loss of the former nationality within a year (DOMAIN
// §3). The server computes the due dates and states; this screen lists the cases, opens new
// ones, records the registration or the proof, and books the naturalization test.

import * as api from '../api';
import type { NationalityCase, NationalityKind, TestBooking, TestSlot } from '../api';
import { rocSlash, todayIso } from '../dates';
import { formatDate, t } from '../i18n';
import { checkIdNumber, normalizeIdNumber } from '../id_number';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kNationalityKinds: readonly NationalityKind[] = [
  'naturalization', 'restoration', 'loss', 'renunciation', 'naturalization_revoked',
  'loss_revoked', 'restoration_note',
];

// The kinds that revoke an earlier decision (國籍法 §19): they need its date.
export function revokesDecision(kind: NationalityKind | ''): boolean {
  return kind === 'naturalization_revoked' || kind === 'loss_revoked';
}

type Pending = api.PendingPost;

export interface RecordForm {
  caseId: number;
  what: 'notice_sent' | 'proof_received';
  on: string;
  errors: FieldError[];
  failure: Msg | null;
  busy: boolean;
  pending: Pending;
}

export class NationalityFlow {
  cases: NationalityCase[] | null = null;
  listFailure: Msg | null = null;
  bookings: TestBooking[] | null = null;
  notice: Msg | null = null;  // the last thing done, shown above the list

  // 新增案件
  kind: NationalityKind | '' = '';
  personName = '';
  idNumber = '';
  letterDate = '';
  originalDate = '';  // revocation kinds: the decision revoked
  sham: 'no' | 'yes' = 'no';  // a court found a sham marriage or adoption (國籍法 §19 ¶2)
  openErrors: FieldError[] = [];
  openFailure: Msg | null = null;
  openBusy = false;
  private openPending: Pending = null;

  // 記錄登記完成 / 收到喪失原國籍證明
  record: RecordForm | null = null;

  // 預約歸化測試
  testCase = '';
  candidate = '';
  slotDate = '';
  slotTime: TestSlot | '' = '';
  testErrors: FieldError[] = [];
  testFailure: Msg | null = null;
  testBusy = false;
  private testPending: Pending = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    await this.load(null);
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    try {
      const [cases, bookings] = await Promise.all([
        api.listNationalityCases(this.shell.token),
        api.listTestBookings(this.shell.token),
      ]);
      this.cases = cases;
      this.bookings = bookings;
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  private clearMessages(): void {
    this.notice = null;
    this.openErrors = [];
    this.openFailure = null;
    this.testErrors = [];
    this.testFailure = null;
    if (this.record) {
      this.record.errors = [];
      this.record.failure = null;
    }
  }

  async openCase(): Promise<void> {
    if (this.openBusy || !this.shell.session) return;
    this.clearMessages();
    const errors = this.openErrors;
    if (this.kind === '') errors.push({ field: 'case-kind', msg: { key: 'register.choose_required' } });
    if (this.personName.trim() === '') errors.push({ field: 'case-name', msg: { key: 'register.field_required' } });
    if (this.idNumber.trim() !== '') {
      const c = checkIdNumber(this.idNumber);
      if (!c.valid) errors.push({ field: 'case-id', msg: { key: `id.${c.reason}`, params: { n: c.value.length } } });
    }
    const letterDate = checkDateField(errors, 'case-letter', this.letterDate, true, 'past');
    const revokes = revokesDecision(this.kind);
    let originalDate = '';
    if (revokes) {
      originalDate = checkDateField(errors, 'case-original', this.originalDate, true, 'past');
      if (originalDate && letterDate && originalDate > letterDate) {
        errors.push({ field: 'case-original', msg: { key: 'nationality.original_after_letter' } });
      }
    }
    if (errors.length || this.kind === '') {
      this.shell.show('case-errors');
      return;
    }
    const input: api.NewNationalityCase = {
      kind: this.kind, person_name: this.personName.trim(),
      id_number: normalizeIdNumber(this.idNumber), approval_letter_date: letterDate,
    };
    if (revokes) {
      input.original_decision_date = originalDate;
      input.sham_by_court_judgment = this.sham === 'yes';
    }
    this.openPending = api.keyFor(this.openPending, input);
    this.openBusy = true;
    this.shell.show('case-submit');
    try {
      const c = await api.openNationalityCase(this.shell.token, input, this.openPending.key);
      this.openBusy = false;
      this.openPending = null;
      this.kind = '';
      this.personName = '';
      this.idNumber = '';
      this.letterDate = '';
      this.originalDate = '';
      this.sham = 'no';
      this.notice = { key: 'nationality.opened', params: { id: c.id, name: c.person_name } };
      this.cases = [c, ...(this.cases ?? []).filter((x) => x.id !== c.id)];
      this.shell.show('nationality-notice');
      this.shell.announce(t('nationality.opened', { id: c.id, name: c.person_name }));
    } catch (err) {
      this.openBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.openFailure = failureOf(err);
      this.shell.show('case-errors');
    }
  }

  startRecord(c: NationalityCase, what: RecordForm['what']): void {
    this.clearMessages();
    this.record = { caseId: c.id, what, on: rocSlash(todayIso()), errors: [], failure: null, busy: false, pending: null };
    this.shell.show('record-title');
  }

  cancelRecord(): void {
    const id = this.record?.caseId;
    const what = this.record?.what;
    this.record = null;
    this.shell.show(id && what ? `case-${id}-${what}` : 'cases-title');
  }

  async saveRecord(): Promise<void> {
    const r = this.record;
    if (!r || r.busy || !this.shell.session) return;
    const c = this.cases?.find((x) => x.id === r.caseId);
    if (!c) return;
    r.errors = [];
    r.failure = null;
    this.notice = null;
    const on = checkDateField(r.errors, 'record-on', r.on, true, 'past');
    if (r.errors.length) {
      this.shell.show('record-errors');
      return;
    }
    const input = { what: r.what, on, version: c.version };
    r.pending = api.keyFor(r.pending, [c.id, input]);
    r.busy = true;
    this.shell.show('record-submit');
    try {
      const updated = await api.recordNationalityCase(this.shell.token, c.id, input, r.pending.key);
      this.record = null;
      this.cases = this.cases?.map((x) => (x.id === updated.id ? updated : x)) ?? null;
      const key = r.what === 'notice_sent' ? 'nationality.recorded_notice' : 'nationality.recorded_proof';
      this.notice = { key, params: { id: c.id, name: c.person_name } };
      this.shell.show('nationality-notice');
      this.shell.announce(t(key, { id: c.id, name: c.person_name }));
    } catch (err) {
      r.busy = false;
      if (this.shell.sessionLost(err)) return;
      r.failure = failureOf(err);
      this.shell.show('record-errors');
    }
  }

  async bookTest(): Promise<void> {
    if (this.testBusy || !this.shell.session) return;
    this.clearMessages();
    const errors = this.testErrors;
    if (this.candidate.trim() === '') errors.push({ field: 'test-name', msg: { key: 'register.field_required' } });
    const slotDate = checkDateField(errors, 'test-date', this.slotDate, true, 'future');
    if (this.slotTime === '') errors.push({ field: 'test-time', msg: { key: 'register.choose_required' } });
    if (errors.length || this.slotTime === '') {
      this.shell.show('test-errors');
      return;
    }
    const input: Parameters<typeof api.bookTest>[1] = {
      candidate_name: this.candidate.trim(), slot_date: slotDate, slot_time: this.slotTime,
    };
    if (this.testCase !== '') input.case_id = Number(this.testCase);
    this.testPending = api.keyFor(this.testPending, input);
    this.testBusy = true;
    this.shell.show('test-submit');
    try {
      const b = await api.bookTest(this.shell.token, input, this.testPending.key);
      this.testBusy = false;
      this.testPending = null;
      this.bookings = [...(this.bookings ?? []).filter((x) => x.id !== b.id), b]
        .sort((x, y) => (x.slot_date + x.slot_time).localeCompare(y.slot_date + y.slot_time));
      this.testCase = '';
      this.candidate = '';
      this.slotDate = '';
      this.slotTime = '';
      const params = { name: b.candidate_name, date: formatDate(b.slot_date), time: b.slot_time };
      this.notice = { key: 'nationality.booked', params };
      this.shell.show('nationality-notice');
      this.shell.announce(t('nationality.booked', params));
    } catch (err) {
      this.testBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.testFailure = failureOf(err);
      this.shell.show('test-errors');
    }
  }
}
