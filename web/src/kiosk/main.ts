// The lobby kiosk (/kiosk, no login; issue 20): one large button per service, a priority
// choice (elderly, disabled, pregnant), and the ticket it issues — number, service, the
// estimated wait as a value and a range, the people ahead — printable, after which the page
// returns to the start by itself. /kiosk#ticket=<id> is a ticket's progress, for a phone.
// Traditional Chinese first; the English switch lasts until the page returns to the start.

import '../styles.css';
import './kiosk.css';
import { ApiError } from '../api';
import { focusElement, h } from '../dom';
import { applyHtmlLang, lang, localized, otherLang, setLang } from '../i18n';
import { issueTicket, queueServices, queueTicket } from '../queue_api';
import type { Priority, QueueService, Ticket } from '../queue_api';
import { statusText, w } from './text';

const kPriorities: readonly Priority[] = ['elderly', 'disabled', 'pregnant'];
// Seconds a shown ticket stays before the kiosk returns to the start (?reset=N to change).
const kResetSeconds = Number(new URLSearchParams(location.search).get('reset')) || 30;
const kProgressRefreshMs = 15_000;

type Screen =
  | { kind: 'start' }
  | { kind: 'issued'; ticket: Ticket }
  | { kind: 'progress'; id: number; ticket: Ticket | null; failure: string | null; at: number };

const state = {
  services: null as QueueService[] | null,
  servicesFailure: null as string | null,
  priority: '' as Priority | '',
  busy: false,
  failure: null as string | null,
  screen: { kind: 'start' } as Screen,
};

let timer: number | undefined;

const app = document.getElementById('app') as HTMLElement;
const live = document.getElementById('live-status') as HTMLElement;

function announce(text: string): void {
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}

function reason(err: unknown): string {
  if (err instanceof ApiError && err.body) return localized(err.body);
  return w('services.failed');
}

const serviceName = (s: QueueService | undefined, code: string) =>
  s ? (lang() === 'zh' ? s.name_zh : s.name_en) : code;
const serviceOf = (code: string) => state.services?.find((s) => s.code === code);

function clearTimer(): void {
  if (timer !== undefined) window.clearInterval(timer);
  timer = undefined;
}

function toStart(): void {
  clearTimer();
  state.screen = { kind: 'start' };
  state.priority = '';
  state.failure = null;
  if (lang() !== 'zh') setLang('zh');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  render();
  focusElement(document.getElementById('page-title'));
}

async function loadServices(): Promise<void> {
  try {
    state.services = await queueServices();
    state.servicesFailure = null;
  } catch (err) {
    state.servicesFailure = reason(err);
  }
  render();
}

async function issue(service: string): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  state.failure = null;
  render();
  announce(w('issuing'));
  try {
    const ticket = await issueTicket({
      service, priority: state.priority !== '', priority_reason: state.priority, source: 'kiosk',
    });
    state.busy = false;
    showIssued(ticket);
  } catch (err) {
    state.busy = false;
    state.failure = w('issue.failed', { reason: reason(err) });
    render();
    focusElement(document.getElementById('kiosk-failure'));
  }
}

function showIssued(ticket: Ticket): void {
  state.screen = { kind: 'issued', ticket };
  render();
  focusElement(document.getElementById('ticket-title'));
  announce(`${w('ticket.title')} ${ticket.number}`);
  let left = kResetSeconds;
  clearTimer();
  timer = window.setInterval(() => {
    left -= 1;
    const el = document.getElementById('ticket-returning');
    if (el) el.textContent = w('ticket.returning', { s: left });
    if (left <= 0) toStart();
  }, 1000);
}

async function loadProgress(id: number, focus: boolean): Promise<void> {
  let ticket: Ticket | null = null;
  let failure: string | null = null;
  try {
    ticket = await queueTicket(id);
  } catch (err) {
    failure = err instanceof ApiError && err.status === 404 ? w('progress.not_found') : reason(err);
  }
  const before = state.screen.kind === 'progress' ? state.screen.ticket : null;
  state.screen = { kind: 'progress', id, ticket, failure, at: Date.now() };
  render();
  if (focus) focusElement(document.getElementById('progress-title'));
  if (ticket && before && (before.status !== ticket.status || before.counter !== ticket.counter)) {
    announce(progressLine(ticket));
  }
}

function progressLine(t: Ticket): string {
  if (t.status === 'called') return w('progress.counter', { counter: t.counter });
  return statusText(t.status);
}

function facts(items: [string, Node | string][]): HTMLElement {
  return h('dl', { class: 'kiosk-facts' }, items.map(([label, value]) =>
    h('div', { class: 'kiosk-facts__item' }, h('dt', null, label), h('dd', null, value))));
}

function waitText(t: Ticket): string {
  return w('ticket.wait_value', { min: t.estimated_wait_min, low: t.estimate_low_min, high: t.estimate_high_min });
}

function priorityChoice(): HTMLElement {
  const radio = (value: Priority | '', label: string) => h('label', { class: 'kiosk-choice' },
    h('input', {
      type: 'radio', name: 'priority', value, id: `priority-${value || 'none'}`, checked: state.priority === value,
      onchange: () => { state.priority = value; },
    }),
    h('span', null, label));
  return h('fieldset', { class: 'kiosk-priority' },
    h('legend', null, w('priority.legend')),
    radio('', w('priority.none')),
    kPriorities.map((p) => radio(p, w(`priority.${p}`))));
}

function startScreen(): HTMLElement[] {
  const list = state.services;
  const services = state.servicesFailure
    ? [h('p', { class: 'kiosk-failure', role: 'alert' }, state.servicesFailure),
      h('button', { type: 'button', class: 'button', onclick: () => void loadServices() }, w('services.retry'))]
    : !list
      ? [h('p', null, w('services.loading'))]
      : [h('ul', { class: 'kiosk-services' }, list.map((s) => h('li', null,
        h('button', {
          type: 'button', class: 'kiosk-service', id: `service-${s.code}`, 'aria-disabled': state.busy ? 'true' : null,
          onclick: () => void issue(s.code),
        }, serviceName(s, s.code)))))];
  return [
    h('p', { class: 'lead kiosk-lead' }, w('intro')),
    state.failure ? h('p', { class: 'kiosk-failure', id: 'kiosk-failure', tabindex: '-1', role: 'alert' }, state.failure) : null,
    state.busy ? h('p', { class: 'kiosk-busy' }, w('issuing')) : null,
    priorityChoice(),
    h('section', { 'aria-labelledby': 'services-title' },
      h('h2', { class: 'kiosk-h2', id: 'services-title' }, w('services.title')), ...services),
  ].filter((x): x is HTMLElement => x !== null);
}

function followUrl(t: Ticket): string {
  return `${location.origin}/kiosk#ticket=${t.id}`;
}

// The ticket as printed: the number, the service, the estimate, when, and where to follow it.
function ticketCard(t: Ticket): HTMLElement {
  const time = new Date(t.arrived_at_ms).toLocaleTimeString(lang() === 'zh' ? 'zh-TW' : 'en-GB',
    { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Taipei' });
  return h('article', { class: 'kiosk-ticket', 'aria-labelledby': 'ticket-title' },
    h('h2', { class: 'kiosk-ticket__title', id: 'ticket-title', tabindex: '-1' }, w('ticket.title')),
    h('p', { class: 'kiosk-ticket__number', id: 'ticket-number' }, String(t.number)),
    facts([
      [w('ticket.service'), h('span', { id: 'ticket-service' }, serviceName(serviceOf(t.service), t.service))],
      ...(t.priority && t.priority_reason ? [[w('ticket.priority'), w(`priority.${t.priority_reason as Priority}`)] as [string, string]] : []),
      [w('ticket.position'), h('span', { id: 'ticket-position' }, w('ticket.position_n', { n: t.position }))],
      [w('ticket.wait'), h('span', { id: 'ticket-wait' }, waitText(t))],
      [w('ticket.issued_at'), time],
    ]),
    h('p', { class: 'kiosk-ticket__follow' }, w('ticket.follow'), h('span', { class: 'mono', lang: 'en' }, followUrl(t))),
    h('p', { class: 'kiosk-ticket__keep' }, w('ticket.keep')));
}

function issuedScreen(t: Ticket): HTMLElement[] {
  return [
    ticketCard(t),
    h('div', { class: 'kiosk-actions' },
      h('button', { type: 'button', class: 'button button--primary kiosk-button', id: 'ticket-print', onclick: () => window.print() },
        w('ticket.print')),
      h('button', { type: 'button', class: 'button button--secondary kiosk-button', id: 'ticket-done', onclick: toStart },
        w('ticket.done'))),
    h('p', { class: 'muted', id: 'ticket-returning' }, w('ticket.returning', { s: kResetSeconds })),
  ];
}

function progressScreen(s: Extract<Screen, { kind: 'progress' }>): HTMLElement[] {
  const t = s.ticket;
  const at = new Date(s.at).toLocaleTimeString(lang() === 'zh' ? 'zh-TW' : 'en-GB', { timeZone: 'Asia/Taipei' });
  const body = !t
    ? [h('p', { class: 'kiosk-failure', role: 'alert' }, s.failure ?? '')]
    : [h('p', { class: 'kiosk-ticket__number', id: 'progress-number' }, String(t.number)),
      h('p', { class: `kiosk-status kiosk-status--${t.status}`, id: 'progress-status' }, progressLine(t)),
      facts([
        [w('ticket.service'), serviceName(serviceOf(t.service), t.service)],
        ...(t.status === 'waiting'
          ? [[w('ticket.position'), w('ticket.position_n', { n: t.position })], [w('ticket.wait'), waitText(t)]] as [string, string][]
          : []),
      ]),
      h('p', { class: 'muted' }, w('progress.updated', { at }))];
  return [
    h('section', { class: 'kiosk-ticket', 'aria-labelledby': 'progress-title' },
      h('h2', { class: 'kiosk-ticket__title', id: 'progress-title', tabindex: '-1' }, w('progress.title')), ...body),
    h('div', { class: 'kiosk-actions' },
      h('button', { type: 'button', class: 'button button--primary kiosk-button', id: 'progress-refresh',
        onclick: () => void loadProgress(s.id, false) }, w('progress.refresh')),
      h('button', { type: 'button', class: 'button button--secondary kiosk-button', onclick: toStart }, w('progress.new'))),
  ];
}

function render(): void {
  document.title = w('title');
  const s = state.screen;
  const body = s.kind === 'start' ? startScreen() : s.kind === 'issued' ? issuedScreen(s.ticket) : progressScreen(s);
  app.replaceChildren(
    h('header', { class: 'site-header kiosk-header' }, h('div', { class: 'site-header__inner' },
      h('div', { class: 'brand' }, h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '戶'),
        h('span', { class: 'brand__name' }, w('brand'))),
      h('button', { class: 'button button--header kiosk-lang', type: 'button', id: 'lang-switch', 'aria-label': w('lang.label'),
        lang: otherLang() === 'en' ? 'en' : 'zh-Hant-TW',
        onclick: () => { setLang(otherLang()); render(); focusElement(document.getElementById('lang-switch')); } },
      w('lang')))),
    h('main', { id: 'main', class: 'page kiosk-page', tabindex: '-1' },
      h('h1', { class: 'page-title kiosk-title', id: 'page-title', tabindex: '-1' }, w('title')),
      ...body));
}

function ticketInHash(): number | null {
  const id = Number(new URLSearchParams(location.hash.replace(/^#/, '')).get('ticket'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

async function start(): Promise<void> {
  // The kiosk starts in Chinese whatever the last visitor chose; a phone following its ticket
  // keeps its reader's language.
  if (ticketInHash() === null && lang() !== 'zh') setLang('zh');
  applyHtmlLang();
  render();
  await loadServices();
  const id = ticketInHash();
  if (id !== null) {
    await loadProgress(id, true);
    window.setInterval(() => {
      if (state.screen.kind === 'progress') void loadProgress(state.screen.id, false);
    }, kProgressRefreshMs);
  }
}

window.addEventListener('hashchange', () => {
  const id = ticketInHash();
  if (id !== null) void loadProgress(id, true);
});

void start();
