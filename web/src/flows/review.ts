// 審核: the supervisor's queue of pending applications, one application's details, and the
// decision. A late application needs the fine decided within the proposed range, or 0 with a
// stated good cause (戶籍法 §79). The server enforces four eyes (not one's own entry) and
// optimistic concurrency (`version`, households unchanged since entry); its 403 and 409 are
// shown with the offer to reload the application.

import * as api from '../api';
import { DeliveriesOf } from './deliveries';
import type { Application } from '../api';
import { failureOf, serverCode } from '../messages';
import type { FieldError, Msg } from '../messages';
import { t } from '../i18n';
import type { Shell } from '../shell';

export type Decision = 'approve' | 'reject';

// Codes after which the application on screen is out of date: reload before deciding again.
const kReloadCodes = new Set([
  'registration.stale', 'registration.concurrent_change', 'registration.not_pending',
]);

export class ReviewFlow {
  queue: Application[] | null = null;
  queueBusy = false;
  queueFailure: Msg | null = null;

  current: Application | null = null;
  openBusy = false;
  decision: Decision | '' = '';
  note = '';
  fine = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  failureCode = '';
  busy = false;
  done: Application | null = null;  // the decided application, shown until the next one
  private pending: { key: string; content: string } | null = null;
  // 跨機關通報: the consent the citizen gave (and, once registered, the deliveries).
  readonly deliveries: DeliveriesOf;

  constructor(readonly shell: Shell) {
    this.deliveries = new DeliveriesOf(shell);
  }

  get offerReload(): boolean {
    return kReloadCodes.has(this.failureCode);
  }

  // Opening the screen shows the queue afresh (an application being decided stays open).
  async enter(): Promise<void> {
    if (this.current) return;
    this.done = null;
    await this.loadQueue(null);
  }

  async loadQueue(focusId: string | null = 'queue-title'): Promise<void> {
    if (!this.shell.session) return;
    this.queueBusy = true;
    this.queueFailure = null;
    try {
      const apps = await api.listRegistrations(this.shell.token, 'pending_review');
      this.queue = apps;
      this.queueBusy = false;
      this.shell.show(focusId);
      this.shell.announce(t('review.queue_loaded', { n: apps.length }));
    } catch (err) {
      this.queueBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.queueFailure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  private resetDecision(): void {
    this.decision = '';
    this.note = '';
    this.fine = '';
    this.errors = [];
    this.failure = null;
    this.failureCode = '';
    this.pending = null;
  }

  // Opens one application, always fresh from the server (its current version).
  async open(id: number): Promise<void> {
    if (!this.shell.session || this.openBusy) return;
    this.openBusy = true;
    this.done = null;
    try {
      const a = await api.getRegistration(this.shell.token, id);
      this.openBusy = false;
      const same = this.current?.id === a.id;
      this.current = a;
      if (!same || a.status !== 'pending_review') this.resetDecision();
      else {
        this.failure = null;
        this.failureCode = '';
        this.errors = [];
        this.pending = null;
      }
      this.shell.show('detail-title');
      void this.deliveries.load(a.id);
    } catch (err) {
      this.openBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.queueFailure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  reload(): Promise<void> {
    return this.current ? this.open(this.current.id) : this.loadQueue();
  }

  backToQueue(): void {
    this.current = null;
    this.done = null;
    this.resetDecision();
    void this.loadQueue();
    this.shell.show('queue-title');
  }

  validate(a: Application): FieldError[] {
    const errors: FieldError[] = [];
    const note = this.note.trim();
    if (this.decision === '') {
      errors.push({ field: 'decision-approve', msg: { key: 'review.decision_required' } });
      return errors;
    }
    if (this.decision === 'reject') {
      if (note === '') errors.push({ field: 'review-note', msg: { key: 'review.note_required' } });
      return errors;
    }
    if (a.days_late > 0) {
      const { min, max } = a.proposed_fine;
      const raw = this.fine.trim();
      if (raw === '') {
        errors.push({ field: 'review-fine', msg: { key: 'review.fine_required', params: { min, max } } });
      } else if (!/^\d+$/.test(raw)) {
        errors.push({ field: 'review-fine', msg: { key: 'review.fine_number' } });
      } else {
        const fine = Number(raw);
        if (fine === 0) {
          if (note === '') errors.push({ field: 'review-note', msg: { key: 'review.good_cause_required' } });
        } else if (fine < min || fine > max) {
          errors.push({ field: 'review-fine', msg: { key: 'review.fine_range', params: { min, max } } });
        }
      }
    }
    return errors;
  }

  async submit(): Promise<void> {
    const a = this.current;
    if (this.busy || !a || !this.shell.session) return;
    this.failure = null;
    this.failureCode = '';
    this.errors = this.validate(a);
    if (this.errors.length || this.decision === '') {
      this.shell.show('error-summary');
      return;
    }
    const input: api.ReviewInput = {
      decision: this.decision, note: this.note.trim(), version: a.version,
    };
    if (this.decision === 'approve' && a.days_late > 0) input.fine = Number(this.fine.trim());
    const content = JSON.stringify([a.id, input]);
    if (!this.pending || this.pending.content !== content) {
      this.pending = { key: api.newIdempotencyKey(), content };
    }
    this.busy = true;
    this.shell.show('review-submit');
    this.shell.announce(t('review.busy'));
    try {
      const decided = await api.reviewRegistration(this.shell.token, a.id, input, this.pending.key);
      this.busy = false;
      this.done = decided;
      this.current = null;
      this.resetDecision();
      this.queue = this.queue?.filter((q) => q.id !== decided.id) ?? null;
      this.shell.show('decided-title');
      this.shell.announce(t(decided.status === 'registered' ? 'review.registered' : 'review.rejected',
        { id: decided.id }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.failureCode = serverCode(err);
      if (this.failureCode.startsWith('registration.fine')) {
        this.errors = [{ field: 'review-fine', msg: this.failure }];
      } else if (this.failureCode === 'registration.note_required') {
        this.errors = [{ field: 'review-note', msg: this.failure }];
      }
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }

  // After approval: look the registered person up (e.g. the newborn) on the lookup page.
  lookUp(idNumber: string): Promise<void> {
    return this.shell.lookupFrom(idNumber, { purpose: 'application', other: '' });
  }
}
