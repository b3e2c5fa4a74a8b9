// 跨機關通報 KPIs and audit (#/notification-kpi): the month picker; the two notification rates
// of the year to that month against their targets, with numerators and denominators and a
// row per month; the weekly review samples with a finding per case (supervisors record); the
// month's anomaly log with its CSV and the supervisor's sign-off (陳核).

import type { AnomalyEntry, BeidouRate, DatongRate, NotificationRates, ReviewItem, ReviewSample } from '../api';
import { fact } from '../components/application';
import { radioGroup, textArea } from '../components/controls';
import { zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { monthEnded, reviewIds } from '../flows/notification_kpi';
import type { NotificationKpiFlow } from '../flows/notification_kpi';
import { formatDateTime, formatPercent, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

const pct = (r: number | null) => (r === null ? t('nkpi.no_rate') : formatPercent(r * 100));
const num = (x: number) => String(Math.round(x * 100) / 100);

function monthForm(s: NotificationKpiFlow): HTMLElement {
  const input = h('input', {
    id: 'nkpi-month', name: 'nkpi-month', type: 'month', class: 'input input--date', value: s.month,
    min: '1900-01', max: '9999-12',
    oninput: (ev) => { s.month = (ev.target as HTMLInputElement).value; },
  });
  return h('form', {
    class: 'section-head', novalidate: true,
    onsubmit: (ev) => { ev.preventDefault(); s.show(); },
  },
  field({ label: t('nkpi.month'), hint: t('care.month_hint'), control: input }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'nkpi-show' }, t('care.show'))));
}

function metBadge(met: boolean | null): HTMLElement | null {
  if (met === null) return null;
  return h('span', { class: `badge ${met ? 'badge--active' : 'badge--late'}` }, t(met ? 'kpi.met' : 'kpi.missed'));
}

function datongNumerator(d: DatongRate): string {
  return t('nkpi.datong_numerator', {
    system: d.system, other: d.other, office: d.office, declined: d.declined, total: num(d.numerator),
  });
}

function ratesPanel(r: NotificationRates): HTMLElement {
  const b = r.beidou;
  const d = r.datong;
  return h('section', { class: 'panel kpi', 'aria-labelledby': 'nkpi-rates-title' },
    h('h2', { class: 'panel__title', id: 'nkpi-rates-title', tabindex: '-1' },
      t('nkpi.rates_title', { from: r.from, to: r.to })),
    h('h3', { class: 'section-title' }, t('nkpi.beidou')),
    h('dl', { class: 'facts facts--kpi' },
      fact(t('nkpi.beidou_notified'), t('kpi.cases', { n: b.notified })),
      fact(t('nkpi.beidou_notifiable'), t('kpi.cases', { n: b.notifiable })),
      fact(t('care.rate'), h('span', { id: 'nkpi-beidou-rate' }, pct(b.rate), ' ', metBadge(b.met))),
      fact(t('care.target'), h('span', { id: 'nkpi-beidou-target' }, `≥ ${formatPercent(b.target * 100)}`)),
      fact(t('kpi.formula'), t('nkpi.beidou_formula'), 'facts__item--wide')),
    h('h3', { class: 'section-title' }, t('nkpi.datong')),
    h('dl', { class: 'facts facts--kpi' },
      fact(t('nkpi.numerator'), h('span', { id: 'nkpi-datong-numerator' }, datongNumerator(d))),
      fact(t('nkpi.registrations'), t('kpi.cases', { n: d.registrations })),
      fact(t('care.rate'), h('span', { id: 'nkpi-datong-rate' }, pct(d.rate), ' ', metBadge(d.met))),
      fact(t('care.target'), h('span', { id: 'nkpi-datong-target' }, `≥ ${formatPercent(d.target * 100)}`)),
      fact(t('kpi.formula'), t('nkpi.datong_formula'), 'facts__item--wide')),
    h('p', { class: 'muted small' }, t('nkpi.counting_rule')),
    monthsTable(r));
}

function monthsTable(r: NotificationRates): HTMLElement {
  if (!r.months.length) return h('p', { class: 'empty' }, t('nkpi.no_registrations'));
  const cell = (b: BeidouRate) => `${b.notified} / ${b.notifiable} = ${pct(b.rate)}`;
  const dcell = (d: DatongRate) => `${num(d.numerator)} / ${d.registrations} = ${pct(d.rate)}`;
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'nkpi-months-caption' },
    h('table', { class: 'table' },
      h('caption', { id: 'nkpi-months-caption' }, t('nkpi.months_caption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('nkpi.col.month')),
        h('th', { scope: 'col' }, t('nkpi.beidou')),
        h('th', { scope: 'col' }, t('nkpi.datong')))),
      h('tbody', null, r.months.map((m) => h('tr', null,
        h('th', { scope: 'row' }, m.month),
        h('td', null, cell(m.beidou)),
        h('td', null, dcell(m.datong)))))));
}

function findingForm(s: NotificationKpiFlow, sample: ReviewSample, item: ReviewItem): HTMLElement {
  const ids = reviewIds(sample.id, item.application_id);
  const f = s.finding(sample.id, item.application_id);
  const labels: Record<string, string> = { [ids.correct]: t('nkpi.finding'), [ids.note]: t('nkpi.note') };
  const summary = f.failure
    ? errorSummary(t('nkpi.failed'), [{ text: msgText(f.failure) }], ids.summary)
    : f.errors.length
      ? errorSummary(t('error.summary_title'), f.errors.map((e) => ({
          text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
        })), ids.summary)
      : null;
  const note = field({
    label: t('nkpi.note'), hint: t('nkpi.note_hint'), class: 'field--wide', error: errorFor(f.errors, ids.note),
    control: textArea(ids.note, f.note, (v) => { f.note = v; }, { maxlength: '1000', rows: 2 }),
  });
  note.hidden = f.finding !== 'erroneous';
  return h('form', {
    class: 'case__form', novalidate: true, 'aria-labelledby': ids.title,
    onsubmit: (ev) => { ev.preventDefault(); void s.record(sample.id, item.application_id); },
  },
  summary,
  radioGroup({
    name: `review-${sample.id}-${item.application_id}`, legend: t('nkpi.finding'), value: f.finding,
    error: errorFor(f.errors, ids.correct), class: 'radios--inline',
    set: (v) => {
      f.finding = v as typeof f.finding;
      note.hidden = f.finding !== 'erroneous';
    },
    radios: (['correct', 'erroneous'] as const).map((x) => ({ id: ids[x], value: x, label: t(`nkpi.finding.${x}`) })),
  }),
  note,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary button--small', id: ids.submit,
      'aria-disabled': f.busy ? 'true' : null }, t('nkpi.save'))));
}

function itemRow(s: NotificationKpiFlow, sample: ReviewSample, item: ReviewItem): HTMLElement {
  const ids = reviewIds(sample.id, item.application_id);
  const head = h('h4', { class: 'case__title', id: ids.title, tabindex: '-1' },
    t('nkpi.case', { id: item.application_id }));
  const result = item.finding
    ? h('div', { class: 'case__result' },
      h('span', { class: `badge ${item.finding === 'correct' ? 'badge--active' : 'badge--late'}`, id: `${ids.title}-badge` },
        t(`nkpi.finding.${item.finding}`)),
      item.note ? h('p', null, zhText(item.note)) : null,
      h('p', { class: 'muted small' }, t('samples.recorded_by',
        { by: item.recorded_by ?? '', at: item.recorded_at_ms ? formatDateTime(item.recorded_at_ms) : '' })))
    : s.supervisor ? findingForm(s, sample, item) : h('span', { class: 'badge badge--pending' }, t('nkpi.unreviewed'));
  return h('li', { class: `case ${item.finding ? 'case--done' : ''}` },
    h('article', { class: 'case__inner', 'aria-labelledby': ids.title },
      h('div', { class: 'case__main' }, head),
      h('div', { class: 'case__side' }, result)));
}

function sampleBlock(s: NotificationKpiFlow, x: ReviewSample): HTMLElement {
  const done = x.completed_at_ms !== null;
  return h('article', { class: 'panel', 'aria-labelledby': `nkpi-sample-${x.id}` },
    h('h3', { class: 'panel__title', id: `nkpi-sample-${x.id}` },
      t('nkpi.week', { week: x.week_start }), ' ',
      h('span', { class: `badge ${done ? 'badge--active' : 'badge--pending'}` }, t(done ? 'samples.done' : 'samples.open_status'))),
    h('dl', { class: 'facts facts--compact' },
      fact(t('samples.col.drawn'), t('samples.of', { n: x.size, population: x.population })),
      fact(t('samples.drawn_by'), x.drawn_by),
      fact(t('samples.drawn_at'), formatDateTime(x.drawn_at_ms)),
      fact(t('samples.seed'), h('span', { class: 'id-number' }, x.seed))),
    x.items.length
      ? h('ol', { class: 'cases' }, x.items.map((i) => itemRow(s, x, i)))
      : h('p', { class: 'empty' }, t('nkpi.no_cases')));
}

function reviewSection(s: NotificationKpiFlow): HTMLElement {
  const body: (HTMLElement | null)[] = [];
  if (s.drawFailure) body.push(errorSummary(t('nkpi.draw_failed'), [{ text: msgText(s.drawFailure) }], 'nkpi-draw-errors'));
  if (s.supervisor) {
    body.push(h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--primary', id: 'nkpi-draw',
        'aria-disabled': s.drawBusy ? 'true' : null, onclick: () => void s.draw() }, t('nkpi.draw'))));
  }
  if (s.samples === null) {
    body.push(h('p', { class: 'muted' }, s.samplesFailure ? msgText(s.samplesFailure) : t('common.loading')));
  } else if (!s.samples.length) {
    body.push(h('p', { class: 'empty' }, t('nkpi.no_samples')));
  } else {
    body.push(...s.samples.slice(0, 8).map((x) => sampleBlock(s, x)));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'nkpi-review-title' },
    h('div', { class: 'section-head' },
      h('h2', { class: 'section-title', id: 'nkpi-review-title', tabindex: '-1' }, t('nkpi.review_title'))),
    h('p', { class: 'muted' }, t('nkpi.review_intro')),
    ...body.filter((n): n is HTMLElement => n !== null));
}

function kindText(e: AnomalyEntry): string {
  return t(`nkpi.kind.${e.kind}` as MessageKey);
}

function handlingText(e: AnomalyEntry): string {
  const key = `nkpi.handling.${e.handling}`;
  return ['recorded', 'delivered', 'pending', 'dead'].includes(e.handling) ? t(key as MessageKey) : e.handling;
}

function signBlock(s: NotificationKpiFlow): HTMLElement | null {
  const log = s.log;
  if (!log) return null;
  if (log.signoff) {
    return h('p', { class: 'notice notice--ok', id: 'nkpi-signed', tabindex: '-1' },
      t('nkpi.signed', { by: log.signoff.signed_by, at: formatDateTime(log.signoff.signed_at_ms), n: log.signoff.entries }),
      log.signoff.note ? ` ${log.signoff.note}` : '');
  }
  if (!s.supervisor) return h('p', { class: 'muted', id: 'nkpi-signed' }, t('nkpi.unsigned'));
  if (!monthEnded(log.month)) return h('p', { class: 'muted', id: 'nkpi-signed' }, t('nkpi.month_open'));
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'nkpi-sign-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.sign(); },
  },
  h('h3', { class: 'panel__title', id: 'nkpi-sign-title' }, t('nkpi.sign_title', { month: log.month })),
  s.signFailure ? errorSummary(t('nkpi.sign_failed'), [{ text: msgText(s.signFailure) }], 'nkpi-sign-errors') : null,
  field({ label: t('nkpi.sign_note'), optional: t('form.optional'), class: 'field--wide',
    control: textArea('nkpi-sign-note', s.signNote, (v) => { s.signNote = v; }, { maxlength: '1000', rows: 2 }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'nkpi-sign',
      'aria-disabled': s.signBusy ? 'true' : null }, t('nkpi.sign'))));
}

function logSection(s: NotificationKpiFlow): HTMLElement {
  const log = s.log;
  let body: HTMLElement;
  if (!log) {
    body = h('p', { class: s.logFailure ? 'field__error' : 'muted' }, s.logFailure ? msgText(s.logFailure) : t('common.loading'));
  } else if (!log.entries.length) {
    body = h('p', { class: 'empty' }, t('nkpi.no_anomalies'));
  } else {
    body = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'nkpi-log-title' },
      h('table', { class: 'table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('nkpi.col.date')),
          h('th', { scope: 'col' }, t('nkpi.col.kind')),
          h('th', { scope: 'col' }, t('app.number')),
          h('th', { scope: 'col' }, t('nkpi.col.agency')),
          h('th', { scope: 'col' }, t('nkpi.col.detail')),
          h('th', { scope: 'col' }, t('nkpi.col.handling')))),
        h('tbody', null, log.entries.map((e) => h('tr', null,
          h('td', null, formatDateTime(e.at_ms)),
          h('th', { scope: 'row' }, kindText(e)),
          h('td', null, h('span', { class: 'id-number' }, `#${e.application_id}`)),
          h('td', null, e.agency),
          h('td', null, zhText(e.detail)),
          h('td', null, handlingText(e)))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'nkpi-log-title' },
    h('div', { class: 'section-head' },
      h('h2', { class: 'section-title', id: 'nkpi-log-title', tabindex: '-1' },
        t('nkpi.log_title', { month: log?.month ?? s.month })),
      log && log.entries.length
        ? h('button', { type: 'button', class: 'button button--secondary', id: 'nkpi-download',
          onclick: () => void s.download() }, t('nkpi.download'))
        : null),
    body, signBlock(s));
}

export function renderNotificationKpi(shell: Shell, s: NotificationKpiFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('nkpi.title')),
      h('p', { class: 'lead' }, t('nkpi.intro'))),
    monthForm(s),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'nkpi-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    s.rates ? ratesPanel(s.rates)
      : h('p', { class: s.ratesFailure ? 'field__error' : 'muted', id: 'nkpi-rates-failure' },
        s.ratesFailure ? msgText(s.ratesFailure) : t('common.loading')),
    reviewSection(s),
    logSection(s),
  ].filter((n): n is HTMLElement => n !== null));
}
