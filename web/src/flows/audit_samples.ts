// 每週稽核抽樣 (DOMAIN §10): the auditor has the server draw a random sample of a week's reads
// of personal data (the seed is recorded, so the draw can be redone), records a finding on
// each read — 正常, 需說明 or 違規, the last two with a note — and sees each week's sample
// with how far it got. The server refuses findings on the auditor's own reads.

import * as api from '../api';
import type { AuditFinding, AuditSample, AuditSampleSummary } from '../api';
import { rocSlash, todayIso } from '../dates';
import { t } from '../i18n';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export interface FindingState {
  finding: AuditFinding | '';
  note: string;
  errors: FieldError[];
  failure: Msg | null;
  busy: boolean;
}

export const findingIds = (seq: number) => ({
  normal: `finding-${seq}-normal`,
  explain: `finding-${seq}-explain`,
  violation: `finding-${seq}-violation`,
  note: `finding-${seq}-note`,
  submit: `finding-${seq}-submit`,
  summary: `finding-${seq}-errors`,
  title: `finding-${seq}-title`,
});

// The finding's mistakes before it is sent: one is chosen, and 需說明/違規 say why.
export function checkFinding(f: FindingState, seq: number): FieldError[] {
  const ids = findingIds(seq);
  if (f.finding === '') return [{ field: ids.normal, msg: { key: 'samples.finding_required' } }];
  if (f.finding !== 'normal' && f.note.trim() === '') {
    return [{ field: ids.note, msg: { key: 'samples.note_required' } }];
  }
  return [];
}

export class AuditSamplesFlow {
  week = rocSlash(todayIso());  // as typed (民國 or ISO); sent as ISO
  size = '20';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  list: AuditSampleSummary[] | null = null;
  listFailure: Msg | null = null;
  sample: AuditSample | null = null;
  sampleFailure: Msg | null = null;
  findings = new Map<number, FindingState>();

  constructor(private readonly shell: Shell) {}

  // #/samples lists the weeks; #/samples/<id> opens one sample.
  async enter(param: string): Promise<void> {
    const id = /^\d+$/.test(param) ? Number(param) : null;
    if (id !== null && this.sample?.id === id) return;  // just drawn: already here
    this.sample = null;
    this.sampleFailure = null;
    this.findings.clear();
    if (id === null) {
      await this.loadList();
      return;
    }
    try {
      this.sample = await api.getAuditSample(this.shell.token, id);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.sampleFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  async loadList(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.list = await api.listAuditSamples(this.shell.token);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  finding(seq: number): FindingState {
    let f = this.findings.get(seq);
    if (!f) {
      f = { finding: '', note: '', errors: [], failure: null, busy: false };
      this.findings.set(seq, f);
    }
    return f;
  }

  async draw(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    const week = checkDateField(this.errors, 'samples-week', this.week, true, 'past');
    const size = Number(this.size.trim());
    if (!/^\d+$/.test(this.size.trim()) || size < 1 || size > 200) {
      this.errors.push({ field: 'samples-size', msg: { key: 'samples.size_invalid' } });
    }
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.shell.show('samples-submit');
    this.shell.announce(t('samples.busy'));
    try {
      const sample = await api.drawAuditSample(this.shell.token, week, size);
      this.busy = false;
      this.sample = sample;
      this.findings.clear();
      history.pushState(null, '', `#/samples/${sample.id}`);
      this.shell.show('sample-title');
      this.shell.announce(t('samples.drawn', { n: sample.items.length }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  async record(seq: number): Promise<void> {
    const sample = this.sample;
    const f = this.finding(seq);
    const ids = findingIds(seq);
    if (!sample || f.busy || !this.shell.session) return;
    f.failure = null;
    f.errors = checkFinding(f, seq);
    if (f.errors.length || f.finding === '') {
      this.shell.show(ids.summary);
      return;
    }
    f.busy = true;
    this.shell.show(ids.submit);
    try {
      this.sample = await api.recordAuditFinding(this.shell.token, sample.id,
        { seq, finding: f.finding, note: f.finding === 'normal' ? '' : f.note.trim() });
      this.findings.delete(seq);
      this.shell.show(ids.title);
      this.shell.announce(this.sample.completed_at_ms
        ? t('samples.completed') : t('samples.recorded'));
    } catch (err) {
      f.busy = false;
      if (this.shell.sessionLost(err)) return;
      f.failure = failureOf(err);
      this.shell.show(ids.summary);
    }
  }
}
