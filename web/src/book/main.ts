// The citizens' booking page (/book, no login; issue 20): choose a counter service or a
// meeting with the director, a day, a slot, give one's details and confirm; the page shows the
// booking's reference and secret code. A booking is looked up or cancelled by both; a home
// visit (到宅服務) is asked for here too. Phone-sized first: one column, large targets, every
// control labelled, answers announced and focused.

import '../styles.css';
import './book.css';
import { focusElement, h } from '../dom';
import { applyHtmlLang, localized, otherLang, setLang } from '../i18n';
import type { ServerMessage } from '../i18n';
import { statusText, w } from './text';
import type { WordKey } from './text';

interface Service { code: string; name_zh: string; name_en: string }
interface Slot { start: string; remaining: number; bookable: boolean; capacity: number }
interface Appointment {
  reference: string; kind: string; service: string; day: string; start: string; status: string;
  name: string; topic: string;
}
interface Answer<T> { status: number; body: T & { error?: ServerMessage & { code: string } } }

type Result =
  | { kind: 'none' }
  | { kind: 'booked'; appointment: Appointment; code: string }
  | { kind: 'found'; appointment: Appointment; code: string }
  | { kind: 'visit'; reference: string; code: string }
  | { kind: 'error'; message: string; where: string };

const state = {
  kind: 'counter' as 'counter' | 'director',
  services: [] as Service[],
  service: '',
  day: '',
  slots: null as Slot[] | null,
  start: '',
  fields: {} as Record<string, string>,
  result: { kind: 'none' } as Result,
};

const app = document.getElementById('app') as HTMLElement;
const live = document.getElementById('live-status') as HTMLElement;

function announce(text: string): void {
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer<T>['body'] };
}

const isoDay = (offset: number) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const serviceName = (code: string) => {
  const s = state.services.find((x) => x.code === code);
  return s ? (otherLang() === 'en' ? s.name_zh : s.name_en) : code;
};

function field(name: string, label: string, { type = 'text', hint = '', required = true, autocomplete = '' } = {}) {
  const id = `f-${name}`;
  return h('div', { class: 'field' },
    h('label', { class: 'field__label', for: id }, label),
    hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : null,
    h('input', {
      class: 'input', id, name, type, required, autocomplete: autocomplete || false,
      'aria-describedby': hint ? `${id}-hint` : false, value: state.fields[name] ?? '',
      oninput: (ev: Event) => { state.fields[name] = (ev.target as HTMLInputElement).value; },
    }));
}

function show(result: Result): void {
  state.result = result;
  render();
  const target = document.getElementById(result.kind === 'error' ? `${result.where}-error` : 'result-title');
  focusElement(target);
  if (target) announce(target.textContent ?? '');
}

function missing(names: [string, WordKey][]): string | null {
  const empty = names.find(([n]) => !(state.fields[n] ?? '').trim());
  return empty ? w('required', { field: w(empty[1]) }) : null;
}

// The day's bookable slots; `draw`: render when they arrive (not when a result will be shown).
async function loadSlots(draw = true): Promise<void> {
  state.slots = null;
  state.start = '';
  if (!state.day || (state.kind === 'counter' && !state.service)) { if (draw) render(); return; }
  const q = new URLSearchParams({ day: state.day, kind: state.kind, service: state.service });
  const r = await call<{ slots: Slot[] }>('GET', `/api/v1/appointments/slots?${q}`);
  state.slots = r.status === 200 ? r.body.slots.filter((s) => s.bookable) : [];
  if (draw) render();
}

async function book(): Promise<void> {
  const need: [string, WordKey][] = [['name', 'name'], ['id_number', 'id_number'], ['phone', 'phone']];
  if (state.kind === 'director') need.push(['topic', 'topic']);
  const problem = !state.start ? w('slot.none') : missing(need);
  if (problem) { show({ kind: 'error', message: problem, where: 'book' }); return; }
  const f = state.fields;
  const r = await call<{ appointment: Appointment; code: string }>('POST', '/api/v1/appointments', {
    kind: state.kind, service: state.kind === 'counter' ? state.service : '', day: state.day, start: state.start,
    name: f.name ?? '', id_number: (f.id_number ?? '').trim().toUpperCase(), phone: f.phone ?? '',
    email: f.email ?? '', topic: state.kind === 'director' ? f.topic ?? '' : '',
  });
  if (r.status === 201) {
    await loadSlots(false);  // what remains now
    show({ kind: 'booked', appointment: r.body.appointment, code: r.body.code });
  } else {
    show({ kind: 'error', message: r.body.error ? localized(r.body.error) : w('failed'), where: 'book' });
  }
}

async function lookup(cancel: boolean): Promise<void> {
  const f = state.fields;
  const problem = missing([['ref', 'reference'], ['secret', 'code']]);
  if (problem) { show({ kind: 'error', message: problem, where: 'lookup' }); return; }
  const body = { reference: (f.ref ?? '').trim(), code: (f.secret ?? '').trim() };
  const r = await call<{ appointment: Appointment }>('POST', `/api/v1/appointments/${cancel ? 'cancel' : 'lookup'}`, body);
  if (r.status === 200) show({ kind: 'found', appointment: r.body.appointment, code: body.code });
  else show({ kind: 'error', message: r.body.error ? localized(r.body.error) : w('failed'), where: 'lookup' });
}

async function requestVisit(): Promise<void> {
  const problem = missing([['v_name', 'name'], ['v_id', 'id_number'], ['v_phone', 'phone'], ['v_address', 'address'], ['v_detail', 'detail']]);
  if (problem) { show({ kind: 'error', message: problem, where: 'visit' }); return; }
  const f = state.fields;
  const r = await call<{ home_visit: { reference: string }; code: string }>('POST', '/api/v1/home-visits', {
    name: f.v_name, id_number: (f.v_id ?? '').trim().toUpperCase(), phone: f.v_phone, address: f.v_address,
    reason: f.v_reason || 'disabled', detail: f.v_detail,
  });
  if (r.status === 201) show({ kind: 'visit', reference: r.body.home_visit.reference, code: r.body.code });
  else show({ kind: 'error', message: r.body.error ? localized(r.body.error) : w('failed'), where: 'visit' });
}

const facts = (items: [string, string][]) => h('dl', { class: 'facts' }, items.map(([k, v]) =>
  h('div', { class: 'facts__item' }, h('dt', null, k), h('dd', null, v))));
const mono = (text: string) => h('span', { class: 'mono mono--code', lang: 'en' }, text);

function resultPanel(): HTMLElement | null {
  const r = state.result;
  if (r.kind === 'none' || r.kind === 'error') return null;
  if (r.kind === 'visit') {
    return h('section', { class: 'panel book-result', 'aria-labelledby': 'result-title' },
      h('h2', { class: 'panel__title', id: 'result-title' }, w('visit.done')),
      h('dl', { class: 'facts' },
        h('div', { class: 'facts__item' }, h('dt', null, w('reference')), h('dd', { id: 'result-reference' }, mono(r.reference))),
        h('div', { class: 'facts__item' }, h('dt', null, w('code')), h('dd', { id: 'result-code' }, mono(r.code)))));
  }
  const a = r.appointment;
  const title = r.kind === 'booked' ? w('booked.title') : a.status === 'cancelled' ? w('cancel.done') : w('lookup.title');
  return h('section', { class: 'panel book-result', 'aria-labelledby': 'result-title' },
    h('h2', { class: 'panel__title', id: 'result-title' }, title),
    r.kind === 'booked' ? h('p', null, w('booked.keep')) : null,
    h('dl', { class: 'facts' },
      h('div', { class: 'facts__item' }, h('dt', null, w('reference')), h('dd', { id: 'result-reference' }, mono(a.reference))),
      r.kind === 'booked' ? h('div', { class: 'facts__item' }, h('dt', null, w('code')), h('dd', { id: 'result-code' }, mono(r.code))) : null),
    facts([[w('what'), a.kind === 'director' ? w('kind.director') : serviceName(a.service)],
      [w('when'), `${a.day} ${a.start}`], [w('status'), statusText(a.status)]]),
    r.kind === 'found' && a.status === 'booked'
      ? h('button', { class: 'button', type: 'button', id: 'cancel-booking', onclick: () => void lookup(true) }, w('cancel.submit'))
      : null);
}

function errorFor(where: string): HTMLElement | null {
  const r = state.result;
  return r.kind === 'error' && r.where === where
    ? h('p', { class: 'field__error', id: `${where}-error`, role: 'alert' }, r.message) : null;
}

function bookSection(): HTMLElement {
  const kindRadio = (k: 'counter' | 'director') => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'kind', id: `kind-${k}`, value: k, checked: state.kind === k,
      onchange: () => { state.kind = k; void loadSlots(); } }), ' ', w(`kind.${k}`));
  const slots = state.slots;
  return h('section', { class: 'panel', 'aria-labelledby': 'book-title' },
    h('h2', { class: 'panel__title', id: 'book-title' }, w('book.title')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void book(); } },
      h('fieldset', { class: 'fieldset' }, h('legend', null, w('kind.legend')), kindRadio('counter'), kindRadio('director')),
      state.kind === 'counter' ? h('div', { class: 'field' },
        h('label', { class: 'field__label', for: 'f-service' }, w('service.label')),
        h('select', { class: 'input', id: 'f-service', onchange: (ev: Event) => { state.service = (ev.target as HTMLSelectElement).value; void loadSlots(); } },
          h('option', { value: '', selected: !state.service }, '—'),
          state.services.map((s) => h('option', { value: s.code, selected: s.code === state.service },
            otherLang() === 'en' ? s.name_zh : s.name_en)))) : null,
      h('div', { class: 'field' },
        h('label', { class: 'field__label', for: 'f-day' }, w('day.label')),
        h('p', { class: 'field__hint', id: 'f-day-hint' }, w('day.hint')),
        h('input', { class: 'input', id: 'f-day', type: 'date', min: isoDay(1), max: isoDay(30), value: state.day,
          'aria-describedby': 'f-day-hint',
          onchange: (ev: Event) => { state.day = (ev.target as HTMLInputElement).value; void loadSlots(); } })),
      slots === null ? null : h('fieldset', { class: 'fieldset slots' }, h('legend', null, w('slot.legend')),
        slots.length === 0 ? h('p', null, w('slot.none')) : slots.map((s) => h('label', { class: 'choice slot' },
          h('input', { type: 'radio', name: 'slot', id: `slot-${s.start.replace(':', '')}`, value: s.start, checked: state.start === s.start, disabled: s.remaining === 0,
            onchange: () => { state.start = s.start; } }),
          ` ${s.start} `, h('span', { class: 'slot__left' }, s.remaining === 0 ? w('slot.full') : w('slot.left', { n: s.remaining }))))),
      h('fieldset', { class: 'fieldset' }, h('legend', null, w('details.legend')),
        field('name', w('name'), { autocomplete: 'name' }),
        field('id_number', w('id_number'), { hint: w('id_number.hint') }),
        field('phone', w('phone'), { type: 'tel', autocomplete: 'tel' }),
        field('email', w('email'), { type: 'email', required: false, autocomplete: 'email' }),
        state.kind === 'director' ? field('topic', w('topic')) : null),
      errorFor('book'),
      h('button', { class: 'button button--primary', type: 'submit', id: 'book-submit' }, w('confirm'))));
}

function lookupSection(): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'lookup-title' },
    h('h2', { class: 'panel__title', id: 'lookup-title' }, w('lookup.title')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void lookup(false); } },
      field('ref', w('reference')), field('secret', w('code')), errorFor('lookup'),
      h('button', { class: 'button', type: 'submit', id: 'lookup-submit' }, w('lookup.submit'))));
}

function visitSection(): HTMLElement {
  const reasons = ['disabled', 'elderly_65_limited_mobility', 'seriously_ill'] as const;
  return h('section', { class: 'panel', 'aria-labelledby': 'visit-title' },
    h('h2', { class: 'panel__title', id: 'visit-title' }, w('visit.title')),
    h('p', null, w('visit.intro')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void requestVisit(); } },
      field('v_name', w('name')), field('v_id', w('id_number')), field('v_phone', w('phone'), { type: 'tel' }),
      field('v_address', w('address'), { autocomplete: 'street-address' }),
      h('div', { class: 'field' }, h('label', { class: 'field__label', for: 'f-v_reason' }, w('reason')),
        h('select', { class: 'input', id: 'f-v_reason', onchange: (ev: Event) => { state.fields.v_reason = (ev.target as HTMLSelectElement).value; } },
          reasons.map((r) => h('option', { value: r, selected: (state.fields.v_reason ?? 'disabled') === r }, w(`reason.${r}`))))),
      field('v_detail', w('detail')), errorFor('visit'),
      h('button', { class: 'button', type: 'submit', id: 'visit-submit' }, w('visit.submit'))));
}

function render(): void {
  document.title = w('title');
  app.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, w('skip')),
    h('header', { class: 'site-header' }, h('div', { class: 'site-header__inner' },
      h('div', { class: 'brand' }, h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '戶'),
        h('span', { class: 'brand__name' }, w('brand'))),
      h('button', { class: 'button button--header', type: 'button', id: 'lang-switch', 'aria-label': w('lang.label'),
        lang: otherLang() === 'en' ? 'en' : 'zh-Hant-TW',
        onclick: () => { setLang(otherLang()); render(); focusElement(document.getElementById('lang-switch')); } },
      w('lang')))),
    h('main', { id: 'main', class: 'page book-page', tabindex: '-1' },
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, w('title')), h('p', { class: 'lead' }, w('intro'))),
      resultPanel(), bookSection(), lookupSection(), visitSection()));
}

async function start(): Promise<void> {
  applyHtmlLang();
  render();
  const r = await call<{ services: Service[] }>('GET', '/api/v1/queue/services');
  if (r.status === 200) state.services = r.body.services;
  render();
}

void start();
