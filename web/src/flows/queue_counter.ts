// The clerk's counter panel (#/counter; issue 20): the counter this PC serves (remembered in
// localStorage), one key to call the next ticket (F2), the ticket being served with recall
// (F4), no-show (F8), transfer and finish (F9) with the service actually done and a link, and
// the waiting list by service with a call for a chosen ticket. The queue's order is the
// server's (call-next); the panel only shows it.

import * as api from '../queue_api';
import type { QueueCounter, QueueService, Ticket } from '../queue_api';
import { lang, t } from '../i18n';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

export const kCounterStorage = 'huji.queue.counter';
const kRefreshMs = 20_000;

export type CounterAction = 'next' | 'recall' | 'no_show' | 'finish';
// The keys of the panel (documented in its intro and on its buttons, aria-keyshortcuts).
export const kCounterKeys: Readonly<Record<string, CounterAction>> = { F2: 'next', F4: 'recall', F8: 'no_show', F9: 'finish' };
export const keyOf = (a: CounterAction) => Object.keys(kCounterKeys).find((k) => kCounterKeys[k] === a) ?? '';

// One listener for the page's life; it serves the flow of the current session on #/counter.
const keyTarget: { flow: QueueCounterFlow | null } = { flow: null };
let keysInstalled = false;

function installKeys(): void {
  if (keysInstalled) return;
  keysInstalled = true;
  document.addEventListener('keydown', (ev) => {
    const action = kCounterKeys[ev.key];
    const flow = keyTarget.flow;
    if (!action || !flow || !location.hash.startsWith('#/counter')) return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    void flow.act(action);
  });
}

function storedCounter(): string {
  try {
    return localStorage.getItem(kCounterStorage) ?? '';
  } catch {
    return '';
  }
}

// Reloads a screen's lists every `ms` while its address is shown and the session lasts.
export class Refresher {
  private timer: number | undefined;

  constructor(private readonly shell: Shell, private readonly hashPrefix: string, private readonly ms: number) {}

  start(reload: () => Promise<void>): void {
    if (this.timer !== undefined) return;
    this.timer = window.setInterval(() => {
      if (!location.hash.startsWith(this.hashPrefix) || !this.shell.session) {
        window.clearInterval(this.timer);
        this.timer = undefined;
        return;
      }
      void reload();
    }, this.ms);
  }
}

export function waitedMin(from: number, to = Date.now()): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}

export class QueueCounterFlow {
  counters: QueueCounter[] | null = null;
  services: QueueService[] = [];
  tickets: Ticket[] | null = null;
  counter = storedCounter();
  loadFailure: Msg | null = null;
  failure: Msg | null = null;
  notice: Msg | null = null;
  busy = false;
  transferTo = '';
  outcome = '';
  link = '';
  private readonly refresh: Refresher;

  constructor(private readonly shell: Shell) {
    this.refresh = new Refresher(shell, '#/counter', kRefreshMs);
    keyTarget.flow = this;
    installKeys();
  }

  get counterSpec(): QueueCounter | undefined {
    return this.counters?.find((c) => c.id === this.counter);
  }

  // The ticket this counter is serving.
  get current(): Ticket | null {
    return this.tickets?.find((x) => x.status === 'called' && x.counter === this.counter) ?? null;
  }

  // Waiting tickets by service, in the order of the office's services, each by arrival.
  waitingByService(): { service: QueueService; tickets: Ticket[] }[] {
    const waiting = (this.tickets ?? []).filter((x) => x.status === 'waiting');
    return this.services.map((service) => ({
      service,
      tickets: waiting.filter((x) => x.service === service.code)
        .sort((a, b) => a.arrived_at_ms - b.arrived_at_ms || a.id - b.id),
    }));
  }

  serves(service: string): boolean {
    return this.counterSpec?.services.includes(service) ?? false;
  }

  serviceName(code: string): string {
    const s = this.services.find((x) => x.code === code);
    if (!s) return code;
    return lang() === 'zh' ? s.name_zh : s.name_en;
  }

  async enter(): Promise<void> {
    keyTarget.flow = this;
    await this.load(null);
    this.refresh.start(() => this.load(null));
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    const token = this.shell.token;
    try {
      ({ counters: this.counters, services: this.services, tickets: this.tickets } = await api.todaysQueue(token));
      this.loadFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.loadFailure = failureOf(err);
    }
    if (this.counter && this.counters && !this.counterSpec) this.counter = '';
    this.shell.show(focusId);
  }

  chooseCounter(id: string): void {
    this.counter = id;
    try {
      localStorage.setItem(kCounterStorage, id);
    } catch {
      // Not remembered; the choice still applies until the page is reloaded.
    }
    this.notice = null;
    this.failure = null;
    this.shell.show(null);
  }

  // A key or button: the panel's four one-step actions.
  async act(action: CounterAction): Promise<void> {
    if (action === 'next') return this.next();
    const cur = this.current;
    if (!cur) return;
    if (action === 'recall') return this.step(() => api.ticketStep(this.shell.token, cur.id, 'recall'), 'qc.recalled');
    if (action === 'no_show') return this.step(() => api.ticketStep(this.shell.token, cur.id, 'no-show'), 'qc.no_showed');
    return this.finish();
  }

  async next(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    if (!this.counter) {
      this.failure = { key: 'qc.counter_choose' };
      this.shell.show('qc-counter');
      return;
    }
    await this.run(async () => {
      const called = await api.callNext(this.shell.token, this.counter);
      return called
        ? { key: 'qc.called', params: { number: called.number, counter: this.counter } }
        : { key: 'qc.nobody' };
    }, 'qc-serving-title');
  }

  async callChosen(ticket: Ticket): Promise<void> {
    if (!this.counter) return;
    await this.run(async () => {
      const called = await api.callTicket(this.shell.token, this.counter, ticket.id);
      return { key: 'qc.called', params: { number: called.number, counter: this.counter } };
    }, 'qc-serving-title');
  }

  async transfer(): Promise<void> {
    const cur = this.current;
    if (!cur || !this.transferTo) return;
    const to = this.transferTo;
    await this.step(() => api.transferTicket(this.shell.token, cur.id, to), 'qc.transferred', { service: this.serviceName(to) });
    this.transferTo = '';
  }

  async finish(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    const outcome = this.outcome || cur.service;
    await this.step(() => api.finishTicket(this.shell.token, cur.id, outcome, this.link.trim()), 'qc.finished');
    if (!this.failure) {
      this.outcome = '';
      this.link = '';
    }
  }

  private async step(fn: () => Promise<Ticket>, done: 'qc.recalled' | 'qc.no_showed' | 'qc.transferred' | 'qc.finished',
    extra: Record<string, string> = {}): Promise<void> {
    await this.run(async () => {
      const x = await fn();
      return { key: done, params: { number: x.number, ...extra } };
    }, 'qc-notice');
  }

  // One request at a time; then the list again, the outcome said and shown.
  private async run(fn: () => Promise<Msg>, focusId: string): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.busy = true;
    this.failure = null;
    this.notice = null;
    this.shell.show(null);
    try {
      this.notice = await fn();
      this.busy = false;
      await this.load(this.notice && 'key' in this.notice && this.notice.key === 'qc.nobody' ? 'qc-notice' : focusId);
      if ('key' in this.notice) this.shell.announce(t(this.notice.key, this.notice.params));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('qc-failure');
    }
  }
}
