// 外機關通報 (#/inbound): upload a feed file and see what it did, the office's open cases with
// their limits (overdue ones marked), the form that closes a case by its registration or with
// a note, the anomaly list and the abroad-2-years completion.

import type { InboundCase, InboundRecord } from '../api';
import { selectInput, textArea, textInput } from '../components/controls';
import { dateText, idText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kInboundFeeds } from '../flows/inbound';
import type { InboundFlow } from '../flows/inbound';
import { lang, t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

const eventText = (r: InboundRecord): string => (lang() === 'zh' ? r.event_zh : r.event_en);

function uploadForm(s: InboundFlow): HTMLElement {
  const items = s.uploadErrors.map((e) => ({ text: msgText(e.msg), field: e.field }));
  if (s.uploadFailure) items.push({ text: msgText(s.uploadFailure), field: 'inbound-file' });
  const file = h('input', {
    type: 'file', id: 'inbound-file', name: 'inbound-file', class: 'input', accept: '.csv,text/csv',
    onchange: (ev) => {
      const f = (ev.target as HTMLInputElement).files?.[0];
      if (f) void f.text().then((text) => s.fileRead(f.name, text));
    },
  });
  const r = s.result;
  const result = r ? h('div', { class: 'notice notice--ok', id: 'inbound-result', tabindex: '-1' },
    h('p', null, t(r.repeated ? 'inbound.repeated' : 'inbound.imported', s.counts())),
    r.anomalies.length ? h('p', null, t('inbound.see_anomalies')) : null) : null;
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'inbound-upload-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.upload(); },
  },
  h('h2', { class: 'panel__title', id: 'inbound-upload-title' }, t('inbound.upload_title')),
  result,
  items.length ? errorSummary(t('inbound.upload_refused'), items, 'inbound-upload-errors') : null,
  field({ label: t('inbound.feed'), control: selectInput('inbound-feed',
    kInboundFeeds.map((f) => ({ value: f, label: t(`inbound.feed.${f}`) })), s.feed,
    (v) => { s.feed = v as InboundFlow['feed']; }) }),
  field({ label: t('inbound.file'), hint: t('inbound.file_hint'), error: errorFor(s.uploadErrors, 'inbound-file'),
    control: file }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'inbound-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('inbound.upload_submit'))));
}

function dueCell(c: InboundCase): HTMLElement {
  return h('td', null, dateText(c.due_on), c.overdue
    ? [' ', h('span', { class: 'badge badge--late' }, t('inbound.overdue'))] : null);
}

function casesTable(s: InboundFlow): HTMLElement {
  const rows = s.cases ?? [];
  const title = h('h2', { class: 'section-title', id: 'inbound-cases-title', tabindex: '-1' },
    s.cases ? t('inbound.cases_count', { n: rows.length }) : t('inbound.cases'));
  let body: HTMLElement;
  if (s.cases === null) {
    body = h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'));
  } else if (!rows.length) {
    body = h('p', { class: 'empty' }, t('inbound.no_cases'));
  } else {
    body = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'inbound-cases-title' },
      h('table', { class: 'table', id: 'inbound-cases' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('inbound.case_no')),
          h('th', { scope: 'col' }, t('inbound.event')),
          h('th', { scope: 'col' }, t('inbound.person')),
          h('th', { scope: 'col' }, t('inbound.event_date')),
          h('th', { scope: 'col' }, t('inbound.reference')),
          h('th', { scope: 'col' }, t('inbound.due')),
          h('th', { scope: 'col' }, t('inbound.action')))),
        h('tbody', null, rows.map((c) => h('tr', { class: c.overdue ? 'is-late' : null },
          h('th', { scope: 'row' }, h('span', { class: 'id-number' }, String(c.id))),
          h('td', null, eventText(c), h('br'), h('span', { class: 'muted small' }, c.record_id)),
          h('td', null, zhText(c.name), h('br'), idText(c.id_number)),
          h('td', null, dateText(c.event_date)),
          h('td', { lang: 'zh-TW' }, c.reference),
          dueCell(c),
          h('td', { class: 'table__action' },
            h('button', { type: 'button', class: 'button button--secondary button--small',
              id: `inbound-${c.id}-close`, onclick: () => s.startClose(c) },
            t('inbound.close'), h('span', { class: 'visually-hidden' }, ` ${t('inbound.case_number', { id: c.id })}`))))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'inbound-cases-title' }, title, body);
}

function closeForm(s: InboundFlow): HTMLElement | null {
  const c = s.closing;
  if (!c) return null;
  const labels: Record<string, string> = {
    'inbound-registration': t('inbound.registration'), 'inbound-note': t('inbound.note'),
  };
  const items = s.closeErrors.map((e) => ({
    text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
  }));
  if (s.closeFailure) items.push({ text: msgText(s.closeFailure), field: 'inbound-registration' });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'inbound-close-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.close(); },
  },
  h('h2', { class: 'panel__title', id: 'inbound-close-title', tabindex: '-1' },
    t('inbound.close_title', { id: c.id }), ' ', zhText(c.name), ' ', idText(c.id_number)),
  h('p', null, t('inbound.close_types', { types: c.registration_types.map((x) => t(`regtype.${x}` as Parameters<typeof t>[0])).join('、') })),
  items.length ? errorSummary(t('inbound.close_refused'), items, 'inbound-close-errors') : null,
  field({ label: labels['inbound-registration'] ?? '', hint: t('inbound.registration_hint'), optional: t('form.optional'),
    error: errorFor(s.closeErrors, 'inbound-registration'),
    control: textInput('inbound-registration', s.registration, (v) => { s.registration = v; },
      { inputmode: 'numeric', maxlength: '12', class: 'input input--id' }) }),
  field({ label: labels['inbound-note'] ?? '', hint: t('inbound.note_hint'), error: errorFor(s.closeErrors, 'inbound-note'),
    control: textArea('inbound-note', s.note, (v) => { s.note = v; }, { maxlength: '200' }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'inbound-close-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('inbound.close_submit')),
    h('button', { type: 'button', class: 'button button--secondary', id: 'inbound-close-cancel',
      onclick: () => s.cancelClose() }, t('inbound.close_cancel'))));
}

function anomaliesTable(s: InboundFlow): HTMLElement {
  const rows = s.anomalies ?? [];
  const title = h('h2', { class: 'section-title', id: 'inbound-anomalies-title' },
    t('inbound.anomalies_count', { n: rows.length }));
  const body = !rows.length ? h('p', { class: 'empty' }, t('inbound.no_anomalies'))
    : h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'inbound-anomalies-title' },
      h('table', { class: 'table', id: 'inbound-anomalies' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('inbound.record_id')),
          h('th', { scope: 'col' }, t('inbound.event')),
          h('th', { scope: 'col' }, t('inbound.person')),
          h('th', { scope: 'col' }, t('inbound.received_on')),
          h('th', { scope: 'col' }, t('inbound.anomaly')))),
        h('tbody', null, rows.map((r) => h('tr', null,
          h('th', { scope: 'row' }, r.record_id),
          h('td', null, eventText(r)),
          h('td', null, zhText(r.name), h('br'), idText(r.id_number)),
          h('td', null, dateText(r.received_on)),
          h('td', null, t(r.anomaly === 'name_mismatch' ? 'inbound.anomaly.name_mismatch' : 'inbound.anomaly.no_such_person')))))));
  return h('section', { class: 'section', 'aria-labelledby': 'inbound-anomalies-title' }, title, body);
}

function kpiLine(s: InboundFlow): HTMLElement | null {
  const k = s.kpi;
  if (!k) return null;
  const a = k.abroad_2y;
  return h('p', { class: 'lead', id: 'inbound-kpi' }, a.completion === null
    ? t('inbound.kpi_none', { year: k.year })
    : t('inbound.kpi', { year: k.year, rate: (a.completion * 100).toFixed(1), notified: a.notified,
      in_progress: a.in_progress, excluded: a.excluded_within_limit }));
}

export function renderInbound(shell: Shell, s: InboundFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('inbound.title')),
      h('p', { class: 'lead' }, t('inbound.intro'))),
    kpiLine(s),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'inbound-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    uploadForm(s),
    casesTable(s),
    closeForm(s),
    anomaliesTable(s),
  ].filter((n): n is HTMLElement => n !== null));
}
