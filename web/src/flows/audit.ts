// 稽核查詢: the auditor asks the audit trail who read a person (by ID number), what a user read
// (by username and dates) or what the office read on a day, narrows it by what was done, why
// and whether it was refused, pages through it and takes it away as a CSV file. Every page
// and every export is itself audited by the server.

import * as api from '../api';
import type { AuditPage } from '../api';
import { isoOfText, rocSlash, todayIso } from '../dates';
import { t } from '../i18n';
import { dateMsg, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kAuditModes = ['person', 'user', 'day'] as const;
export type AuditMode = (typeof kAuditModes)[number];

// What may be asked for: an action family (a prefix of the server's action codes).
export const kAuditActions = ['person.read', 'household.read', 'door_plate.read', 'registration.',
  'nationality.', 'audit.', 'auth.', 'document.'] as const;

export const kPageSize = 50;

export interface AuditFilters {
  mode: AuditMode;
  subject: string;
  user: string;
  from: string;
  to: string;
  day: string;
  action: string;   // '' or one of kAuditActions
  purpose: string;  // '' or the start of the purpose as logged (Chinese wording, or work_queue)
  refused: boolean;
}

// Dates are kept as typed (民國 or ISO, see dates.ts) and sent as ISO.
export function emptyFilters(mode: AuditMode, today = todayIso()): AuditFilters {
  const d = rocSlash(today);
  return { mode, subject: '', user: '', from: d, to: d, day: d, action: '',
    purpose: '', refused: false };
}

// The query of GET /audit (and its export) for these filters; `before` pages on.
export function auditParams(f: AuditFilters, before: number | null = null): URLSearchParams {
  const q = new URLSearchParams();
  if (f.mode === 'person') q.set('subject', f.subject.trim().toUpperCase());
  if (f.mode === 'user') {
    q.set('user', f.user.trim());
    q.set('from', isoOfText(f.from));
    q.set('to', isoOfText(f.to));
  }
  if (f.mode === 'day') q.set('day', isoOfText(f.day));
  if (f.action) q.set('action', f.action);
  if (f.purpose) q.set('purpose', f.purpose);
  if (f.refused) q.set('outcome', 'denied');
  q.set('limit', String(kPageSize));
  if (before !== null) q.set('before', String(before));
  return q;
}

// The mistakes to point out before asking (ids of the controls they belong to).
export function checkFilters(f: AuditFilters, today = todayIso()): FieldError[] {
  const errors: FieldError[] = [];
  const date = (id: string, v: string): string => {
    const msg = dateMsg(v, true, 'past', today);
    if (msg) errors.push({ field: id, msg });
    return isoOfText(v);
  };
  if (f.mode === 'person' && f.subject.trim() === '') {
    errors.push({ field: 'audit-subject', msg: { key: 'audit.subject_required' } });
  }
  if (f.mode === 'user') {
    if (f.user.trim() === '') errors.push({ field: 'audit-user', msg: { key: 'audit.user_required' } });
    const from = date('audit-from', f.from);
    const to = date('audit-to', f.to);
    if (from && to && to < from) {
      errors.push({ field: 'audit-to', msg: { key: 'audit.range_invalid' } });
    }
  }
  if (f.mode === 'day') date('audit-day', f.day);
  return errors;
}

export class AuditFlow {
  filters = emptyFilters('person');
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  // What was asked (the filters of the page shown), the page, and the pages before it.
  asked: AuditFilters | null = null;
  page: AuditPage | null = null;
  befores: (number | null)[] = [];
  exporting = false;
  exportFailure: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  // #/audit/<mode>: another kind of question starts from empty filters.
  enter(mode: string): void {
    const m = (kAuditModes as readonly string[]).includes(mode) ? mode as AuditMode : 'person';
    if (m === this.filters.mode) return;  // back to the same question: its answer stays
    this.filters = emptyFilters(m);
    this.errors = [];
    this.failure = null;
    this.asked = null;
    this.page = null;
    this.befores = [];
  }

  async search(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = checkFilters(this.filters);
    this.failure = null;
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    await this.load({ ...this.filters }, [null]);
  }

  async nextPage(): Promise<void> {
    if (!this.asked || !this.page?.next_before) return;
    await this.load(this.asked, [...this.befores, this.page.next_before]);
  }

  async previousPage(): Promise<void> {
    if (!this.asked || this.befores.length < 2) return;
    await this.load(this.asked, this.befores.slice(0, -1));
  }

  private async load(f: AuditFilters, befores: (number | null)[]): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.shell.show(null);
    this.shell.announce(t('audit.busy'));
    try {
      const page = await api.auditPage(this.shell.token, auditParams(f, befores[befores.length - 1] ?? null));
      this.busy = false;
      this.asked = f;
      this.page = page;
      this.befores = befores;
      this.shell.show('results-title');
      this.shell.announce(t('audit.found', { n: page.entries.length }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  // The whole selection (not only this page) as a CSV file the browser saves.
  async exportCsv(): Promise<void> {
    if (!this.asked || this.exporting) return;
    this.exporting = true;
    this.exportFailure = null;
    this.shell.show(null);
    try {
      const params = auditParams(this.asked);
      params.delete('limit');
      const blob = await api.auditExport(this.shell.token, params);
      this.exporting = false;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `audit-${this.asked.mode}-${todayIso()}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.shell.show(null);
      this.shell.announce(t('audit.exported'));
    } catch (err) {
      this.exporting = false;
      if (this.shell.sessionLost(err)) return;
      this.exportFailure = failureOf(err);
      this.shell.show('export-error');
    }
  }
}
