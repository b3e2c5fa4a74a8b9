// The clerk's counter panel (#/counter): the counter picker, the ticket being served with its
// actions (keys F2, F4, F8, F9 as well as buttons), transfer and finish forms, and the
// waiting list by service with a call for a chosen ticket.

import { selectInput, textInput } from '../components/controls';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { keyOf, waitedMin } from '../flows/queue_counter';
import type { CounterAction, QueueCounterFlow } from '../flows/queue_counter';
import { lang, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { msgText } from '../messages';
import type { Ticket } from '../queue_api';
import type { Shell } from '../shell';

const time = (ms: number) => new Date(ms).toLocaleTimeString(lang() === 'zh' ? 'zh-TW' : 'en-GB',
  { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Taipei' });

export function priorityText(x: Ticket): string {
  if (x.source === 'appointment' || x.appointment_id) return t('qc.appointment');
  if (!x.priority) return t('qc.ordinary');
  const key = `qc.reason.${x.priority_reason}`;
  const reason = ['elderly', 'disabled', 'pregnant'].includes(x.priority_reason) ? t(key as MessageKey) : '';
  return t('qc.priority', { reason });
}

function counterPicker(s: QueueCounterFlow): HTMLElement {
  const options = (s.counters ?? []).map((c) => ({
    value: c.id,
    label: t('qc.counter_option', { id: c.id, name: lang() === 'zh' ? c.name_zh : c.name_en }) + (c.open ? '' : t('qc.closed')),
  }));
  return h('div', { class: 'section-head' },
    field({ label: t('qc.counter'), hint: t('qc.counter_hint'),
      control: selectInput('qc-counter', options, s.counter, (v) => s.chooseCounter(v), t('qc.counter_choose')) }),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--secondary', id: 'qc-refresh', onclick: () => void s.load('qc-refresh') },
        t('qc.refresh'))));
}

function actionButton(s: QueueCounterFlow, action: CounterAction, label: MessageKey, primary: boolean,
  disabled: boolean): HTMLElement {
  const key = keyOf(action);
  return h('button', {
    type: 'button', id: `qc-${action.replace('_', '-')}`,
    class: `button ${primary ? 'button--primary qc-next' : 'button--secondary'}`,
    'aria-keyshortcuts': key, 'aria-disabled': disabled || s.busy ? 'true' : null,
    onclick: () => { if (!disabled) void s.act(action); },
  }, t(label), h('span', { class: 'qc-key' }, t('qc.key', { key })));
}

function transferForm(s: QueueCounterFlow, cur: Ticket): HTMLElement {
  const options = s.services.filter((x) => x.code !== cur.service)
    .map((x) => ({ value: x.code, label: s.serviceName(x.code) }));
  return h('form', {
    class: 'qc-form', novalidate: true, 'aria-labelledby': 'qc-transfer-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.transfer(); },
  },
  h('h3', { class: 'section-title', id: 'qc-transfer-title' }, t('qc.transfer')),
  field({ label: t('qc.transfer_to'), control: selectInput('qc-transfer-to', options, s.transferTo, (v) => { s.transferTo = v; }, '') }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--secondary', id: 'qc-transfer' }, t('qc.transfer_submit'))));
}

function finishForm(s: QueueCounterFlow, cur: Ticket): HTMLElement {
  const options = s.services.map((x) => ({ value: x.code, label: s.serviceName(x.code) }));
  return h('form', {
    class: 'qc-form', novalidate: true, 'aria-labelledby': 'qc-finish-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.finish(); },
  },
  h('h3', { class: 'section-title', id: 'qc-finish-title' }, t('qc.finish_title')),
  field({ label: t('qc.outcome'), control: selectInput('qc-outcome', options, s.outcome || cur.service, (v) => { s.outcome = v; }) }),
  field({ label: t('qc.link'), hint: t('qc.link_hint'),
    control: textInput('qc-link', s.link, (v) => { s.link = v; }, { maxlength: '80', autocomplete: 'off', spellcheck: 'false' }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'qc-finish-submit', 'aria-keyshortcuts': 'F9' },
      t('qc.finish'), h('span', { class: 'qc-key' }, t('qc.key', { key: 'F9' })))));
}

function serving(s: QueueCounterFlow): HTMLElement {
  const cur = s.current;
  const now = Date.now();
  const body = cur
    ? [h('p', { class: 'qc-number', id: 'qc-serving-number' }, String(cur.number)),
      h('dl', { class: 'facts' },
        h('div', { class: 'facts__item' }, h('dt', null, t('qc.service')), h('dd', { id: 'qc-serving-service' }, s.serviceName(cur.service))),
        h('div', { class: 'facts__item' }, h('dt', null, t('qc.col.kind')), h('dd', null, priorityText(cur))),
        h('div', { class: 'facts__item' }, h('dt', null, t('qc.waited')),
          h('dd', { id: 'qc-serving-waited' }, t('qc.minutes', { n: waitedMin(cur.arrived_at_ms, cur.called_at_ms) }))),
        h('div', { class: 'facts__item' }, h('dt', null, t('qc.at_counter')),
          h('dd', null, t('qc.minutes', { n: waitedMin(cur.called_at_ms, now) }))))]
    : [h('p', { class: 'empty', id: 'qc-serving-none' }, t('qc.none_serving'))];
  return h('section', { class: 'panel qc-serving', 'aria-labelledby': 'qc-serving-title' },
    h('h2', { class: 'panel__title', id: 'qc-serving-title', tabindex: '-1' }, t('qc.serving')),
    ...body,
    h('div', { class: 'qc-actions' },
      actionButton(s, 'next', 'qc.next', true, !s.counter),
      actionButton(s, 'recall', 'qc.recall', false, !cur),
      actionButton(s, 'no_show', 'qc.no_show', false, !cur)),
    cur ? h('div', { class: 'qc-forms' }, finishForm(s, cur), transferForm(s, cur)) : null);
}

function waitingList(s: QueueCounterFlow): HTMLElement {
  const groups = s.waitingByService();
  const total = groups.reduce((n, g) => n + g.tickets.length, 0);
  const now = Date.now();
  return h('section', { class: 'section', 'aria-labelledby': 'qc-waiting-title' },
    h('h2', { class: 'section-title', id: 'qc-waiting-title', tabindex: '-1' }, t('qc.waiting', { n: total })),
    groups.filter((g) => g.tickets.length > 0).map((g) => {
      const caption = `qc-waiting-${g.service.code}`;
      const served = s.serves(g.service.code);
      return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': caption },
        h('table', { class: 'table' },
          h('caption', { id: caption }, t('qc.waiting_service', { service: s.serviceName(g.service.code), n: g.tickets.length }),
            served ? null : h('span', { class: 'muted small' }, `（${t('qc.not_served_here')}）`)),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('qc.col.number')),
            h('th', { scope: 'col' }, t('qc.col.kind')),
            h('th', { scope: 'col' }, t('qc.col.arrived')),
            h('th', { scope: 'col' }, t('qc.col.waited')),
            served ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('qc.call_this'))) : null)),
          h('tbody', null, g.tickets.map((x) => h('tr', null,
            h('th', { scope: 'row' }, String(x.number)),
            h('td', null, priorityText(x)),
            h('td', null, time(x.arrived_at_ms)),
            h('td', null, t('qc.minutes', { n: waitedMin(x.arrived_at_ms, now) })),
            served ? h('td', { class: 'table__action' },
              h('button', { type: 'button', class: 'button button--secondary button--small', id: `qc-call-${x.id}`,
                'aria-disabled': s.busy || !s.counter ? 'true' : null, onclick: () => void s.callChosen(x) },
              t('qc.call_this'), h('span', { class: 'visually-hidden' }, ` ${x.number}`))) : null)))));
    }),
    total === 0 ? h('p', { class: 'empty' }, t('qc.nobody')) : null);
}

export function renderQueueCounter(shell: Shell, s: QueueCounterFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('qc.title')),
      h('p', { class: 'lead' }, t('qc.intro'))),
    s.loadFailure ? errorSummary(t('qc.failed'), [{ text: msgText(s.loadFailure) }], 'qc-load-failure') : null,
    s.failure ? errorSummary(t('qc.failed'), [{ text: msgText(s.failure) }], 'qc-failure') : null,
    s.notice ? h('p', { class: 'notice notice--ok', id: 'qc-notice', tabindex: '-1', role: 'status' }, msgText(s.notice)) : null,
    counterPicker(s),
    serving(s),
    waitingList(s),
  ].filter((n): n is HTMLElement => n !== null));
}
