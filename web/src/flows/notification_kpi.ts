// 跨機關通報 KPIs and audit (#/notification-kpi; issue 19 item 6): the notification rate of the
// year up to the chosen month under both formulas (北斗 and 大同's weighted one) against the
// targets of the statutory figures, with a row per month; the weekly review sample (每周審核上周
// 跨機關通報案件數至少5%) with a finding per case; and the month's anomaly log (每月陳核審核發現
// 錯漏異常案件紀錄簿) with its sign-off. The counting is the server's, never the client's.

import * as api from '../api';
import type { AnomalyLog, NotificationRates, ReviewFinding, ReviewSample } from '../api';
import { todayIso } from '../dates';
import { saveBlob } from '../dom';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';
import { isMonth } from './care_lists';

export interface ReviewFindingState {
  finding: ReviewFinding | '';
  note: string;
  errors: FieldError[];
  failure: Msg | null;
  busy: boolean;
}

export const reviewIds = (sample: number, app: number) => {
  const p = `review-${sample}-${app}`;
  return {
    correct: `${p}-correct`, erroneous: `${p}-erroneous`, note: `${p}-note`, submit: `${p}-submit`,
    summary: `${p}-errors`, title: `${p}-title`,
  };
};

// The finding's mistakes before it is sent: one is chosen, and an erroneous one says why.
export function checkReviewFinding(f: ReviewFindingState, sample: number, app: number): FieldError[] {
  const ids = reviewIds(sample, app);
  if (f.finding === '') return [{ field: ids.correct, msg: { key: 'nkpi.finding_required' } }];
  if (f.finding === 'erroneous' && f.note.trim() === '') return [{ field: ids.note, msg: { key: 'nkpi.note_required' } }];
  return [];
}

// The last day of a YYYY-MM month.
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function monthEnded(month: string, today = todayIso()): boolean {
  return monthEnd(month) < today;
}

export class NotificationKpiFlow {
  month = todayIso().slice(0, 7);
  rates: NotificationRates | null = null;
  ratesFailure: Msg | null = null;
  samples: ReviewSample[] | null = null;
  samplesFailure: Msg | null = null;
  drawFailure: Msg | null = null;
  drawBusy = false;
  findings = new Map<string, ReviewFindingState>();
  log: AnomalyLog | null = null;
  logFailure: Msg | null = null;
  signNote = '';
  signFailure: Msg | null = null;
  signBusy = false;
  notice: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  get supervisor(): boolean {
    return this.shell.role === 'supervisor';
  }

  async enter(): Promise<void> {
    await this.load(null);
  }

  show(): void {
    this.notice = null;
    void this.load('nkpi-rates-title');
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    if (!isMonth(this.month)) {
      this.ratesFailure = { key: 'care.month_invalid' };
      this.rates = null;
      this.log = null;
      this.shell.show('nkpi-month');
      return;
    }
    const token = this.shell.token;
    const month = this.month;
    const [rates, samples, log] = await Promise.allSettled([
      api.notificationRates(token, `${month.slice(0, 4)}-01-01`, monthEnd(month)),
      api.listReviewSamples(token),
      api.anomalyLog(token, month),
    ]);
    for (const r of [rates, samples, log]) {
      if (r.status === 'rejected' && this.shell.sessionLost(r.reason)) return;
    }
    this.rates = rates.status === 'fulfilled' ? rates.value : null;
    this.ratesFailure = rates.status === 'rejected' ? failureOf(rates.reason) : null;
    this.samples = samples.status === 'fulfilled' ? samples.value : null;
    this.samplesFailure = samples.status === 'rejected' ? failureOf(samples.reason) : null;
    this.log = log.status === 'fulfilled' ? log.value : null;
    this.logFailure = log.status === 'rejected' ? failureOf(log.reason) : null;
    this.shell.show(focusId);
  }

  finding(sample: number, app: number): ReviewFindingState {
    const key = `${sample}-${app}`;
    let f = this.findings.get(key);
    if (!f) {
      f = { finding: '', note: '', errors: [], failure: null, busy: false };
      this.findings.set(key, f);
    }
    return f;
  }

  async draw(): Promise<void> {
    if (this.drawBusy || !this.shell.session) return;
    this.drawFailure = null;
    this.notice = null;
    this.drawBusy = true;
    this.shell.show('nkpi-draw');
    try {
      const s = await api.drawReviewSample(this.shell.token);
      this.drawBusy = false;
      this.samples = [s, ...(this.samples ?? []).filter((x) => x.id !== s.id)];
      this.notice = { key: 'nkpi.drawn', params: { n: s.items.length, population: s.population } };
      this.shell.show('nkpi-notice');
      this.shell.announce(t('nkpi.drawn', { n: s.items.length, population: s.population }));
    } catch (err) {
      this.drawBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.drawFailure = failureOf(err);
      this.shell.show('nkpi-draw-errors');
    }
  }

  async record(sample: number, app: number): Promise<void> {
    const f = this.finding(sample, app);
    const ids = reviewIds(sample, app);
    if (f.busy || !this.shell.session) return;
    f.failure = null;
    f.errors = checkReviewFinding(f, sample, app);
    if (f.errors.length || f.finding === '') {
      this.shell.show(ids.summary);
      return;
    }
    f.busy = true;
    this.shell.show(ids.submit);
    try {
      const updated = await api.recordReviewFinding(this.shell.token, sample,
        { application_id: app, finding: f.finding, note: f.note.trim() });
      this.findings.delete(`${sample}-${app}`);
      this.samples = (this.samples ?? []).map((x) => (x.id === updated.id ? updated : x));
      // An erroneous finding is an entry of this month's log: read it again.
      this.log = await api.anomalyLog(this.shell.token, this.month).catch(() => this.log);
      this.shell.show(ids.title);
      this.shell.announce(t('nkpi.recorded', { id: app }));
    } catch (err) {
      f.busy = false;
      if (this.shell.sessionLost(err)) return;
      f.failure = failureOf(err);
      this.shell.show(ids.summary);
    }
  }

  async download(): Promise<void> {
    const month = this.log?.month;
    if (!month || !this.shell.session) return;
    try {
      saveBlob(await api.anomalyLogCsv(this.shell.token, month), `notification-anomalies-${month}.csv`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.logFailure = failureOf(err);
      this.shell.show('nkpi-log-title');
    }
  }

  async sign(): Promise<void> {
    const month = this.log?.month;
    if (this.signBusy || !month || !this.shell.session) return;
    this.signFailure = null;
    this.signBusy = true;
    this.shell.show('nkpi-sign');
    try {
      this.log = await api.signAnomalyLog(this.shell.token, month, this.signNote.trim());
      this.signBusy = false;
      this.signNote = '';
      this.shell.show('nkpi-signed');
      this.shell.announce(t('nkpi.signed_now', { month }));
    } catch (err) {
      this.signBusy = false;
      if (this.shell.sessionLost(err)) return;
      this.signFailure = failureOf(err);
      this.shell.show('nkpi-sign-errors');
    }
  }
}
