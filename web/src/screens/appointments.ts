// 預約 (#/appointments): a day's appointments with check-in, no-show and cancel, a booking by
// phone, and the home-visit requests (到宅服務).

import type { Appointment, HomeVisit } from '../api';
import { textInput } from '../components/controls';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { AppointmentsFlow } from '../flows/appointments';
import { formatDateTime, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { msgText } from '../messages';
import type { Shell } from '../shell';

const small = 'button button--secondary button--small';

function actions(s: AppointmentsFlow, a: Appointment): Node[] {
  if (a.status !== 'booked') return [];
  const label = (key: MessageKey) => [t(key), h('span', { class: 'visually-hidden' }, ` ${a.name} ${a.start}`)];
  const out: Node[] = [];
  if (a.kind === 'counter') {
    out.push(h('button', { type: 'button', class: small, id: `appt-${a.id}-checkin`,
      onclick: () => void s.step(a, 'check-in', (x, n) => t('appt.checked_in', { name: x.name, number: n ?? '' })) },
    ...label('appt.check_in')));
  }
  out.push(h('button', { type: 'button', class: small, id: `appt-${a.id}-noshow`,
    onclick: () => void s.step(a, 'no-show', (x) => t('appt.marked_no_show', { name: x.name })) }, ...label('appt.no_show')));
  out.push(h('button', { type: 'button', class: small, id: `appt-${a.id}-cancel`,
    onclick: () => void s.step(a, 'cancel', (x) => t('appt.cancelled', { name: x.name })) }, ...label('appt.cancel')));
  return out;
}

function dayList(s: AppointmentsFlow): HTMLElement {
  const rows = s.appointments ?? [];
  const dayInput = h('input', { id: 'appt-day', name: 'appt-day', type: 'date', class: 'input input--date', value: s.day,
    oninput: (ev: Event) => { s.day = (ev.target as HTMLInputElement).value; } });
  return h('section', { class: 'section', 'aria-labelledby': 'appt-list-title' },
    h('form', { class: 'section-head', novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void s.load('appt-list-title'); } },
      field({ label: t('appt.day'), control: dayInput }),
      h('div', { class: 'form__actions form__actions--tight' },
        h('button', { type: 'submit', class: 'button button--primary', id: 'appt-show' }, t('appt.show')))),
    h('h2', { class: 'section-title', id: 'appt-list-title', tabindex: '-1' }, t('appt.count', { day: s.day, n: rows.length })),
    !rows.length ? h('p', { class: 'empty' }, t('appt.none')) :
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'appt-list-title' },
        h('table', { class: 'table' },
          h('thead', null, h('tr', null, ...(['appt.time', 'appt.person', 'appt.what', 'appt.status', 'appt.actions'] as MessageKey[])
            .map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, rows.map((a) => h('tr', null,
            h('th', { scope: 'row' }, a.start),
            h('td', null, h('span', { lang: 'zh-Hant-TW' }, a.name), h('br'), h('span', { class: 'id-number' }, a.id_number), h('br'), a.phone),
            h('td', null, a.kind === 'director' ? [t('appt.director'), h('br'), a.topic] : a.service,
              h('br'), h('span', { class: 'muted small' }, `${a.reference} · ${t(a.source === 'phone' ? 'appt.by_phone' : 'appt.by_web')}`)),
            h('td', null, t(`appt.status.${a.status}` as MessageKey)),
            h('td', { class: 'table__action' }, ...actions(s, a))))))));
}

function phoneForm(s: AppointmentsFlow): HTMLElement {
  const input = (name: string, key: MessageKey, type = 'text') =>
    field({ label: t(key), control: textInput(`appt-phone-${name}`, s.phone[name] ?? '', (v) => { s.phone[name] = v; }, { type }) });
  return h('section', { class: 'section', 'aria-labelledby': 'appt-phone-title' },
    h('h2', { class: 'section-title', id: 'appt-phone-title' }, t('appt.phone_title')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => {
      ev.preventDefault();
      void s.book((a, code) => t('appt.booked', { name: a.name, reference: a.reference, code }));
    } },
    input('service', 'appt.service'), input('day', 'appt.day', 'date'), input('start', 'appt.start'),
    input('name', 'appt.name'), input('id_number', 'appt.id_number'), input('phone', 'appt.phone', 'tel'),
    h('button', { type: 'submit', class: 'button button--primary', id: 'appt-phone-book' }, t('appt.book'))));
}

function visits(s: AppointmentsFlow): HTMLElement {
  const rows = s.visits ?? [];
  const visitActions = (v: HomeVisit): Node[] => {
    const done = (x: HomeVisit) => t('appt.visit_done', { name: x.name, status: t(`appt.visit.${x.status}` as MessageKey) });
    const out: Node[] = [];
    if (v.status === 'requested' || v.status === 'completed') {
      out.push(field({ label: t('appt.visit_day'), control: h('input', { id: `visit-${v.id}-day`, type: 'date', class: 'input input--date',
        value: s.visitDay[v.id] ?? '', oninput: (ev: Event) => { s.visitDay[v.id] = (ev.target as HTMLInputElement).value; } }) }),
      h('button', { type: 'button', class: small, id: `visit-${v.id}-schedule`, onclick: () => void s.visit(v, 'schedule', done) },
        t('appt.visit_schedule')));
    }
    if (v.status === 'scheduled') {
      out.push(h('button', { type: 'button', class: small, id: `visit-${v.id}-complete`, onclick: () => void s.visit(v, 'complete', done) },
        t('appt.visit_complete')));
    }
    if (v.status === 'requested') {
      out.push(h('button', { type: 'button', class: small, id: `visit-${v.id}-decline`, onclick: () => void s.visit(v, 'decline', done) },
        t('appt.visit_decline')));
    }
    return out;
  };
  return h('section', { class: 'section', 'aria-labelledby': 'appt-visits-title' },
    h('h2', { class: 'section-title', id: 'appt-visits-title' }, t('appt.visits', { n: rows.length })),
    !rows.length ? h('p', { class: 'empty' }, t('appt.no_visits')) :
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'appt-visits-title' },
        h('table', { class: 'table' },
          h('thead', null, h('tr', null, ...(['appt.person', 'appt.address', 'appt.reason', 'appt.status', 'appt.actions'] as MessageKey[])
            .map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, rows.map((v) => h('tr', null,
            h('th', { scope: 'row' }, h('span', { lang: 'zh-Hant-TW' }, v.name), h('br'), h('span', { class: 'id-number' }, v.id_number), h('br'), v.phone),
            h('td', { lang: 'zh-Hant-TW' }, v.address, h('br'), v.detail),
            h('td', null, t(`appt.reason.${v.reason}` as MessageKey)),
            h('td', null, t(`appt.visit.${v.status}` as MessageKey), ' ', t('appt.visit_count', { n: v.visits }),
              v.scheduled_at_ms && v.status === 'scheduled' ? [h('br'), formatDateTime(v.scheduled_at_ms)] : null),
            h('td', { class: 'table__action' }, ...visitActions(v))))))));
}

export function renderAppointments(shell: Shell, s: AppointmentsFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('appt.title')),
      h('p', { class: s.failure ? 'notice notice--error' : 'notice', id: 'appt-status', tabindex: '-1', role: 'status' },
        s.failure ? msgText(s.failure) : s.notice ?? '')),
    dayList(s), phoneForm(s), visits(s),
  ]);
}
