// The supervisor's view of the queue (#/queue-supervisor; issue 20): the board (each counter,
// open or not, and what it serves now; how many wait per service), the statistics of today or
// a chosen range with their CSV, and a place for the estimates' advice. The counting is the
// server's (GET /api/v1/queue/statistics); the board is read from the counters and today's
// tickets.

import { todayIso } from '../dates';
import { saveBlob } from '../dom';
import { lang } from '../i18n';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import * as api from '../queue_api';
import type { QueueCounter, QueueService, QueueStatistics, ServiceAdvice, Ticket } from '../queue_api';
import type { Shell } from '../shell';
import { Refresher } from './queue_counter';

const kRefreshMs = 30_000;
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export interface ServiceLine {
  service: QueueService;
  waiting: number;
  priority: number;
  longestSince: number | null;  // the earliest arrival of those waiting
}

export class QueueSupervisorFlow {
  counters: QueueCounter[] | null = null;
  services: QueueService[] = [];
  tickets: Ticket[] | null = null;
  boardFailure: Msg | null = null;
  from = todayIso();
  to = todayIso();
  stats: QueueStatistics | null = null;
  statsFailure: Msg | null = null;
  // null: the server gives no advice (the estimates are not installed, or it failed).
  advice: ServiceAdvice[] | null = null;
  private readonly refresh: Refresher;

  constructor(private readonly shell: Shell) {
    this.refresh = new Refresher(shell, '#/queue-supervisor', kRefreshMs);
  }

  serviceName(code: string): string {
    const s = this.services.find((x) => x.code === code);
    if (!s) return code;
    return lang() === 'zh' ? s.name_zh : s.name_en;
  }

  serving(counter: string): Ticket | null {
    return this.tickets?.find((x) => x.status === 'called' && x.counter === counter) ?? null;
  }

  serviceLines(): ServiceLine[] {
    const waiting = (this.tickets ?? []).filter((x) => x.status === 'waiting');
    return this.services.map((service) => {
      const mine = waiting.filter((x) => x.service === service.code);
      return {
        service,
        waiting: mine.length,
        priority: mine.filter((x) => x.priority).length,
        longestSince: mine.length ? Math.min(...mine.map((x) => x.arrived_at_ms)) : null,
      };
    });
  }

  async enter(): Promise<void> {
    await Promise.all([this.loadBoard(null), this.loadStats(null)]);
    this.refresh.start(() => this.loadBoard(null));
  }

  async loadBoard(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    const token = this.shell.token;
    try {
      ({ counters: this.counters, services: this.services, tickets: this.tickets } = await api.todaysQueue(token));
      this.boardFailure = null;
      this.advice = await api.queueAdvice(token).catch(() => null);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.boardFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  async loadStats(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    if (!isIsoDate(this.from) || !isIsoDate(this.to) || this.to < this.from) {
      this.statsFailure = { key: 'qs.range_invalid' };
      this.stats = null;
      this.shell.show('qs-from');
      return;
    }
    try {
      this.stats = await api.queueStatistics(this.shell.token, this.from, this.to);
      this.statsFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.stats = null;
      this.statsFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  today(): void {
    this.from = todayIso();
    this.to = this.from;
    void this.loadStats('qs-stats-title');
  }

  async download(): Promise<void> {
    const st = this.stats;
    if (!st || !this.shell.session) return;
    try {
      saveBlob(await api.queueStatisticsCsv(this.shell.token, st.from, st.to), `queue-statistics-${st.from}-${st.to}.csv`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.statsFailure = failureOf(err);
      this.shell.show('qs-stats-title');
    }
  }
}
