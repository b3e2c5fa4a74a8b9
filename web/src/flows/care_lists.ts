// 主動關懷通報 (#/care-lists, seed 004 CC1.1): the month's registered marriages of elderly
// persons and divorces of couples with children under 18, for the social-welfare office; each
// case's notification (實際通報) recorded, corrected or withdrawn with its reason; and the rate
// 實際通報 ÷ 符合通報條件 against the target. Which cases qualify, the ages and the target are
// the server's (the statutory figures), never the client's.

import * as api from '../api';
import type { CareCase, CareList } from '../api';
import { rocSlash, todayIso } from '../dates';
import { saveBlob } from '../dom';
import { t } from '../i18n';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

// What the form does to the selected case: record the first notification (or one after a
// withdrawal), correct the current one, or withdraw it as recorded in error.
export type CareMode = 'record' | 'correct' | 'withdraw';

export interface CareForm {
  sentOn: string;
  agency: string;
  channel: string;
  reference: string;
  reason: string;
}

export const kCareChannels: readonly string[] = ['official_letter', 'system', 'email', 'fax'];

export function isMonth(v: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

// The form's errors (field ids of the screen), before anything is sent, and the ISO date sent
// (the field takes the dates a clerk types: 115/12/02, 2026-12-02 …).
export function checkCareForm(mode: CareMode, f: CareForm): { errors: FieldError[]; sentOn: string } {
  const errors: FieldError[] = [];
  let sentOn = '';
  if (mode !== 'withdraw') {
    sentOn = checkDateField(errors, 'care-sent-on', f.sentOn, true, 'past');
    if (f.agency.trim() === '') errors.push({ field: 'care-agency', msg: { key: 'register.field_required' } });
    if (f.channel === '') errors.push({ field: 'care-channel', msg: { key: 'register.choose_required' } });
  }
  if (mode !== 'record' && f.reason.trim() === '') {
    errors.push({ field: 'care-reason', msg: { key: 'register.field_required' } });
  }
  return { errors, sentOn };
}

export class CareListsFlow {
  month = todayIso().slice(0, 7);
  list: CareList | null = null;
  listFailure: Msg | null = null;
  notice: Msg | null = null;

  selected: { id: number; mode: CareMode } | null = null;
  form: CareForm = { sentOn: '', agency: '', channel: '', reference: '', reason: '' };
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  private pending: api.PendingPost = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    await this.load(null);
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    if (!isMonth(this.month)) {
      this.listFailure = { key: 'care.month_invalid' };
      this.list = null;
      this.shell.show('care-month');
      return;
    }
    try {
      this.list = await api.careList(this.shell.token, this.month);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.list = null;
      this.listFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  show(): void {
    this.selected = null;
    this.notice = null;
    void this.load('care-title');
  }

  // The month's list as CSV for the social-welfare office.
  async download(): Promise<void> {
    const month = this.list?.month;
    if (!month || !this.shell.session) return;
    try {
      saveBlob(await api.careListCsv(this.shell.token, month), `care-list-${month}.csv`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.notice = null;
      this.listFailure = failureOf(err);
      this.shell.show('care-title');
    }
  }

  caseOf(id: number): CareCase | undefined {
    return this.list?.cases.find((c) => c.registration_id === id);
  }

  open(id: number, mode: CareMode): void {
    const c = this.caseOf(id);
    if (!c) return;
    const n = c.notification;
    this.selected = { id, mode };
    this.form = mode === 'correct' && n
      ? { sentOn: n.sent_on ? rocSlash(n.sent_on) : '', agency: n.agency, channel: n.channel, reference: n.reference, reason: '' }
      : { sentOn: rocSlash(todayIso()), agency: this.form.agency, channel: this.form.channel, reference: '', reason: '' };
    this.errors = [];
    this.failure = null;
    this.notice = null;
    this.shell.show('care-form-title');
  }

  cancel(): void {
    const id = this.selected?.id;
    this.selected = null;
    this.errors = [];
    this.failure = null;
    this.shell.show(id ? `care-${id}-${this.caseOf(id)?.notification ? 'correct' : 'record'}` : 'care-title');
  }

  async submit(): Promise<void> {
    const sel = this.selected;
    if (this.busy || !sel || !this.shell.session) return;
    const c = this.caseOf(sel.id);
    if (!c) return;
    this.failure = null;
    const checked = checkCareForm(sel.mode, this.form);
    this.errors = checked.errors;
    if (this.errors.length) {
      this.shell.show('care-errors');
      return;
    }
    const newest = c.history[c.history.length - 1]?.id ?? 0;
    const input: api.CareNotificationInput = sel.mode === 'withdraw'
      ? { action: 'withdrawn', reason: this.form.reason.trim(), replaces: newest }
      : {
        action: 'notified', sent_on: checked.sentOn, agency: this.form.agency.trim(),
        channel: this.form.channel, reference: this.form.reference.trim(), replaces: newest,
        ...(sel.mode === 'correct' ? { reason: this.form.reason.trim() } : {}),
      };
    this.pending = api.keyFor(this.pending, { id: sel.id, ...input });
    this.busy = true;
    this.shell.show('care-submit');
    try {
      const updated = await api.recordCareNotification(this.shell.token, sel.id, input, this.pending.key);
      this.busy = false;
      this.pending = null;
      this.selected = null;
      // The rate is the server's: the list is read again.
      const key = sel.mode === 'withdraw' ? 'care.withdrawn' : 'care.recorded';
      this.notice = { key, params: { id: updated.registration_id } };
      await this.load('care-notice');
      this.shell.announce(t(key, { id: updated.registration_id }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('care-errors');
    }
  }
}
