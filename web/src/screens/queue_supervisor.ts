// The supervisor's view of the queue (#/queue-supervisor): the board, the statistics of a
// range (today by default) with the CSV, and the advice area.

import { fact } from '../components/application';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { waitedMin } from '../flows/queue_counter';
import type { QueueSupervisorFlow } from '../flows/queue_supervisor';
import { formatPercent, lang, t } from '../i18n';
import { msgText } from '../messages';
import type { QueueStatistics, Spread, StatsGroup } from '../queue_api';
import type { Shell } from '../shell';

const minutes = (v: number | null) => (v === null ? t('qs.none') : String(v));
const pair = (s: Spread) => (s.count ? t('qs.minutes_pair', { median: minutes(s.median_min), p90: minutes(s.p90_min) }) : t('qs.none'));
const share = (v: number | null) => (v === null ? t('qs.none') : formatPercent(Math.round(v * 1000) / 10));

function board(s: QueueSupervisorFlow): HTMLElement {
  const now = Date.now();
  const counters = s.counters ?? [];
  const counterTable = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'qs-counters-caption' },
    h('table', { class: 'table', id: 'qs-counters' },
      h('caption', { id: 'qs-counters-caption' }, t('qs.col.counter')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('qs.col.counter')),
        h('th', { scope: 'col' }, t('qs.col.open')),
        h('th', { scope: 'col' }, t('qs.col.serving')),
        h('th', { scope: 'col' }, t('qs.col.services')))),
      h('tbody', null, counters.map((c) => {
        const cur = s.serving(c.id);
        return h('tr', null,
          h('th', { scope: 'row' }, `${c.id} ${lang() === 'zh' ? c.name_zh : c.name_en}`),
          h('td', null, t(c.open ? 'qs.yes' : 'qs.no')),
          h('td', { id: `qs-serving-${c.id}` }, cur
            ? `${cur.number}（${s.serviceName(cur.service)}，${t('qc.minutes', { n: waitedMin(cur.called_at_ms, now) })}）` : t('qs.none')),
          h('td', null, c.services.map((x) => s.serviceName(x)).join('、')));
      }))));
  const lines = s.serviceLines();
  const serviceTable = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'qs-waiting-caption' },
    h('table', { class: 'table', id: 'qs-waiting' },
      h('caption', { id: 'qs-waiting-caption' }, t('qs.col.waiting')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('qc.service')),
        h('th', { scope: 'col' }, t('qs.col.waiting')),
        h('th', { scope: 'col' }, t('qs.col.priority_waiting')),
        h('th', { scope: 'col' }, t('qs.col.longest')))),
      h('tbody', null, lines.map((l) => h('tr', null,
        h('th', { scope: 'row' }, s.serviceName(l.service.code)),
        h('td', { id: `qs-waiting-${l.service.code}` }, String(l.waiting)),
        h('td', null, String(l.priority)),
        h('td', null, l.longestSince === null ? t('qs.none') : t('qc.minutes', { n: waitedMin(l.longestSince, now) })))))));
  return h('section', { class: 'panel', 'aria-labelledby': 'qs-board-title' },
    h('h2', { class: 'panel__title', id: 'qs-board-title', tabindex: '-1' }, t('qs.board')),
    s.boardFailure ? errorSummary(t('qc.failed'), [{ text: msgText(s.boardFailure) }], 'qs-board-failure') : null,
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--secondary', id: 'qs-board-refresh',
        onclick: () => void s.loadBoard('qs-board-refresh') }, t('qc.refresh'))),
    counterTable, serviceTable);
}

function rangeForm(s: QueueSupervisorFlow): HTMLElement {
  const date = (id: string, value: string, set: (v: string) => void) => h('input', {
    id, name: id, type: 'date', class: 'input input--date', value, min: '2000-01-01', max: '9999-12-31',
    oninput: (ev) => set((ev.target as HTMLInputElement).value),
  });
  return h('form', {
    class: 'section-head', novalidate: true,
    onsubmit: (ev) => { ev.preventDefault(); void s.loadStats('qs-stats-title'); },
  },
  field({ label: t('qs.from'), control: date('qs-from', s.from, (v) => { s.from = v; }) }),
  field({ label: t('qs.to'), control: date('qs-to', s.to, (v) => { s.to = v; }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'qs-show' }, t('qs.show')),
    h('button', { type: 'button', class: 'button button--secondary', id: 'qs-today', onclick: () => s.today() }, t('qs.today'))));
}

function groupTable(id: string, title: string, groups: StatsGroup[], keyName: (g: StatsGroup) => string): HTMLElement {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-caption` },
    h('table', { class: 'table', id },
      h('caption', { id: `${id}-caption` }, title),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('qs.col.key')),
        h('th', { scope: 'col' }, t('qs.called')),
        h('th', { scope: 'col' }, t('qs.wait')),
        h('th', { scope: 'col' }, t('qs.service_time')),
        h('th', { scope: 'col' }, t('qs.col.within')),
        h('th', { scope: 'col' }, t('qs.no_shows')))),
      h('tbody', null, groups.map((g) => h('tr', null,
        h('th', { scope: 'row' }, keyName(g)),
        h('td', null, String(g.called)),
        h('td', null, pair(g.wait)),
        h('td', null, pair(g.service_time)),
        h('td', null, `${g.within_target} / ${g.called}`),
        h('td', null, String(g.no_shows)))))));
}

function statsBody(s: QueueSupervisorFlow, st: QueueStatistics): HTMLElement[] {
  const hours = st.arrivals_by_hour.map((n, hour) => ({ n, hour })).filter((x) => x.n > 0);
  return [
    h('dl', { class: 'facts facts--kpi', id: 'qs-summary' },
      fact(t('qs.issued'), h('span', { id: 'qs-issued' }, String(st.issued))),
      fact(t('qs.called'), h('span', { id: 'qs-called' }, String(st.called))),
      fact(t('qs.served'), h('span', { id: 'qs-served' }, String(st.served))),
      fact(t('qs.wait'), h('span', { id: 'qs-wait' }, pair(st.wait))),
      fact(t('qs.service_time'), h('span', { id: 'qs-service-time' }, pair(st.service_time))),
      fact(t('qs.within'), h('span', { id: 'qs-within' },
        `${share(st.target.share)} ${t('qs.target', { pct: st.target.share_pct, min: st.target.wait_min })} `,
        st.target.share === null ? null
          : h('span', { class: `badge ${st.target.met ? 'badge--active' : 'badge--late'}` }, t(st.target.met ? 'kpi.met' : 'kpi.missed')))),
      fact(t('qs.no_shows'), h('span', { id: 'qs-no-shows' }, t('qs.count_share', { n: st.no_shows.count, pct: share(st.no_shows.share) }))),
      fact(t('qs.punctual', { min: st.appointments.within_min }), h('span', { id: 'qs-punctual' },
        `${st.appointments.on_time} / ${st.appointments.called}（${share(st.appointments.share)}）`))),
    st.called === 0 ? h('p', { class: 'empty' }, t('qs.no_data')) : h('div', null,
      groupTable('qs-by-service', t('qs.by_service'), st.by_service, (g) => s.serviceName(g.service ?? '')),
      groupTable('qs-by-counter', t('qs.by_counter'), st.by_counter, (g) => g.counter ?? ''),
      groupTable('qs-by-clerk', t('qs.by_clerk'), st.by_clerk, (g) => g.clerk ?? '')),
    hours.length ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'qs-arrivals-caption' },
      h('table', { class: 'table', id: 'qs-arrivals' },
        h('caption', { id: 'qs-arrivals-caption' }, t('qs.arrivals')),
        h('thead', null, h('tr', null, hours.map((x) => h('th', { scope: 'col' }, t('qs.hour', { h: x.hour }))))),
        h('tbody', null, h('tr', null, hours.map((x) => h('td', null, String(x.n))))))) : h('span'),
  ];
}

function statistics(s: QueueSupervisorFlow): HTMLElement {
  const st = s.stats;
  return h('section', { class: 'panel kpi', 'aria-labelledby': 'qs-stats-title' },
    h('h2', { class: 'panel__title', id: 'qs-stats-title', tabindex: '-1' },
      t('qs.stats', { from: st?.from ?? s.from, to: st?.to ?? s.to })),
    rangeForm(s),
    s.statsFailure ? errorSummary(t('qc.failed'), [{ text: msgText(s.statsFailure) }], 'qs-stats-failure') : null,
    st ? statsBody(s, st) : s.statsFailure ? null : h('p', { class: 'muted' }, t('common.loading')),
    st ? h('div', { class: 'form__actions' },
      h('button', { type: 'button', class: 'button button--secondary', id: 'qs-csv', onclick: () => void s.download() },
        t('qs.csv'))) : null);
}

// Kept apart: the estimates' advice to open or re-assign a counter when the predicted wait
// passes the target (issue 20 item 4, GET /api/v1/queue/advice), when the server gives any.
function advice(s: QueueSupervisorFlow): HTMLElement {
  const given = (s.advice ?? []).filter((a) => a.advice !== null);
  const body = given.length === 0
    ? h('p', { class: 'muted', id: 'qs-advice-none' }, t('qs.advice_none'))
    : h('ul', { class: 'qs-advice' }, given.map((a) => h('li', { id: `qs-advice-${a.service}` },
      h('strong', null, s.serviceName(a.service)), ' ',
      t('qs.advice_wait', { wait: a.last_wait_min, target: a.target_wait_min, n: a.waiting }), h('br'),
      lang() === 'zh' ? a.advice?.text_zh ?? '' : a.advice?.text_en ?? '')));
  return h('section', { class: 'panel', 'aria-labelledby': 'qs-advice-title', id: 'qs-advice' },
    h('h2', { class: 'panel__title', id: 'qs-advice-title' }, t('qs.advice')), body);
}

export function renderQueueSupervisor(shell: Shell, s: QueueSupervisorFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('qs.title')),
      h('p', { class: 'lead' }, t('qs.intro'))),
    board(s),
    advice(s),
    statistics(s),
  ]);
}
