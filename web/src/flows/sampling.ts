// 抽核: the supervisor draws a reproducible sample of a day's registered applications (the
// server picks them), marks each correct or erroneous (誤辦, with a reason), and watches this
// month's registration correctness against the yearly target (DOMAIN §9).

import * as api from '../api';
import type { Application, Correctness } from '../api';
import { addDaysIso, monthStartIso, rocSlash, todayIso } from '../dates';
import { t } from '../i18n';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export interface MarkState {
  result: 'correct' | 'erroneous' | '';
  reason: string;
  errors: FieldError[];
  failure: Msg | null;
  busy: boolean;
  pending: { key: string; content: string } | null;  // kept for a retry of the same marking
}

export const markIds = (id: number) => ({
  correct: `sample-${id}-correct`,
  erroneous: `sample-${id}-erroneous`,
  reason: `sample-${id}-reason`,
  submit: `sample-${id}-submit`,
  summary: `sample-${id}-errors`,
  title: `sample-${id}-title`,
});

export class SamplingFlow {
  day = rocSlash(addDaysIso(todayIso(), -1));
  percent = '10';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  cases: Application[] | null = null;
  drawn: { day: string; percent: number } | null = null;
  marks = new Map<number, MarkState>();

  kpi: Correctness | null = null;
  kpiPeriod = { from: monthStartIso(), to: todayIso() };
  kpiFailure: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  private dayChosen = false;  // the supervisor typed a day: keep it

  async enter(): Promise<void> {
    await Promise.all([this.loadKpi(), this.loadDefaultDay()]);
  }

  setDay(v: string): void {
    this.day = v;
    this.dayChosen = true;
  }

  // Open on the latest day with a case to sample rather than on yesterday, which may have none
  // (a weekend, or every case of it entered or approved by this supervisor).
  async loadDefaultDay(): Promise<void> {
    if (!this.shell.session || this.dayChosen || this.cases) return;
    try {
      const day = await api.latestSamplingDay(this.shell.token);
      if (day && !this.dayChosen) this.day = rocSlash(day);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      // Keep yesterday: the draw itself reports what went wrong.
    }
    this.shell.show(null);
  }

  async loadKpi(): Promise<void> {
    if (!this.shell.session) return;
    this.kpiPeriod = { from: monthStartIso(), to: todayIso() };
    try {
      this.kpi = await api.registrationCorrectness(this.shell.token, this.kpiPeriod.from,
        this.kpiPeriod.to);
      this.kpiFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.kpiFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  mark(id: number): MarkState {
    let m = this.marks.get(id);
    if (!m) {
      m = { result: '', reason: '', errors: [], failure: null, busy: false, pending: null };
      this.marks.set(id, m);
    }
    return m;
  }

  async draw(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    const day = checkDateField(this.errors, 'sampling-day', this.day, true, 'past');
    const percent = Number(this.percent.trim());
    if (!/^\d+$/.test(this.percent.trim()) || percent < 1 || percent > 100) {
      this.errors.push({ field: 'sampling-percent', msg: { key: 'sampling.percent_invalid' } });
    }
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.shell.show('sampling-submit');
    this.shell.announce(t('sampling.busy'));
    try {
      const cases = await api.samplingCandidates(this.shell.token, day, percent);
      this.busy = false;
      this.cases = cases;
      this.drawn = { day, percent };
      this.marks.clear();
      this.shell.show('cases-title');
      this.shell.announce(t('sampling.drawn', { n: cases.length }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  async record(a: Application): Promise<void> {
    const m = this.mark(a.id);
    const ids = markIds(a.id);
    if (m.busy || !this.shell.session) return;
    m.errors = [];
    m.failure = null;
    if (m.result === '') {
      m.errors.push({ field: ids.correct, msg: { key: 'sampling.result_required' } });
    } else if (m.result === 'erroneous' && m.reason.trim() === '') {
      m.errors.push({ field: ids.reason, msg: { key: 'sampling.reason_required' } });
    }
    if (m.errors.length || m.result === '') {
      this.shell.show(ids.summary);
      return;
    }
    const input = {
      result: m.result, reason: m.result === 'erroneous' ? m.reason.trim() : '', version: a.version,
    };
    const content = JSON.stringify(input);
    if (!m.pending || m.pending.content !== content) {
      m.pending = { key: api.newIdempotencyKey(), content };
    }
    m.busy = true;
    this.shell.show(ids.submit);
    try {
      const updated = await api.recordSample(this.shell.token, a.id, input, m.pending.key);
      m.busy = false;
      this.cases = this.cases?.map((c) => (c.id === updated.id ? updated : c)) ?? null;
      this.shell.show(ids.title);
      this.shell.announce(t('sampling.recorded', { id: a.id }));
      void this.loadKpi();
    } catch (err) {
      m.busy = false;
      if (this.shell.sessionLost(err)) return;
      m.failure = failureOf(err);
      this.shell.show(ids.summary);
    }
  }
}
