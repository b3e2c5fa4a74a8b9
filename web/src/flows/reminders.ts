// 催告 (#/reminders): the office's written reminders of registrations not filed in time
// (戶籍法 §48 ¶3) by state — open, lapsed (the new period passed), complied, filed after the
// lapse, registered by the office itself — a form to issue one, and its letter (催告書) as a PDF.
// The server checks that the registration is late, counts the new period and keeps the states.

import * as api from '../api';
import type { Reminder, ReminderState } from '../api';
import { saveBlob } from '../dom';
import { formatDate, t } from '../i18n';
import { checkIdNumber, normalizeIdNumber } from '../id_number';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kReminderStates: readonly (ReminderState | 'all')[] = [
  'all', 'open', 'lapsed', 'complied', 'filed_after_lapse', 'registered_ex_officio',
];
// The registrations a citizen is reminded of most: the ones the office learns of from others.
export const kReminderTypes: readonly string[] = [
  'birth', 'death', 'move_in', 'move_out', 'address_change', 'first_registration',
];

export class RemindersFlow {
  reminders: Reminder[] | null = null;
  status: ReminderState | 'all' = 'all';
  listFailure: Msg | null = null;
  notice: Msg | null = null;

  type = '';
  subjectId = '';
  eventDate = '';
  servedOn = '';
  addresseeId = '';
  relation = '';
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
    try {
      this.reminders = await api.listReminders(this.shell.token, this.status);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  filter(status: ReminderState | 'all'): void {
    this.status = status;
    void this.load('reminders-title');
  }

  async issue(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.notice = null;
    this.failure = null;
    const errors: FieldError[] = [];
    if (this.type === '') errors.push({ field: 'rem-type', msg: { key: 'register.choose_required' } });
    for (const [field, value] of [['rem-subject', this.subjectId], ['rem-addressee', this.addresseeId]] as const) {
      const c = checkIdNumber(value);
      if (!c.valid) errors.push({ field, msg: { key: `id.${c.reason}`, params: { n: c.value.length } } });
    }
    if (this.relation.trim() === '') errors.push({ field: 'rem-relation', msg: { key: 'register.field_required' } });
    const eventDate = checkDateField(errors, 'rem-event', this.eventDate, true);
    const servedOn = checkDateField(errors, 'rem-served', this.servedOn, false, 'past');
    this.errors = errors;
    if (errors.length) {
      this.shell.show('rem-errors');
      return;
    }
    const input: api.NewReminder = {
      type: this.type, subject_id: normalizeIdNumber(this.subjectId), event_date: eventDate,
      addressees: [{ id_number: normalizeIdNumber(this.addresseeId), relation: this.relation.trim() }],
    };
    if (servedOn !== '') input.served_on = servedOn;
    this.pending = api.keyFor(this.pending, input);
    this.busy = true;
    this.shell.show('rem-submit');
    try {
      const r = await api.issueReminder(this.shell.token, input, this.pending.key);
      this.busy = false;
      this.pending = null;
      this.type = '';
      this.subjectId = '';
      this.eventDate = '';
      this.servedOn = '';
      this.addresseeId = '';
      this.relation = '';
      const params = { id: r.id, due: formatDate(r.due) };
      this.notice = { key: 'reminders.issued', params };
      this.reminders = [r, ...(this.reminders ?? []).filter((x) => x.id !== r.id)];
      this.shell.show('reminders-notice');
      this.shell.announce(t('reminders.issued', params));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('rem-errors');
    }
  }

  // Opens the 催告書 in a new tab (a blob: address, so the token never appears in a URL).
  async letter(id: number): Promise<void> {
    if (!this.shell.session) return;
    try {
      saveBlob(await api.reminderLetter(this.shell.token, id), `reminder-${id}.pdf`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
      this.shell.show('reminders-title');
    }
  }
}
