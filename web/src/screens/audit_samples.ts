// 每週稽核抽樣 (#/samples, #/samples/<id>): drawing a week's sample, the weeks drawn so far
// with their progress and findings, and one sample's reads each with a finding to record.

import type { AuditSample, AuditSampleItem, AuditSampleSummary } from '../api';
import { fact } from '../components/application';
import { actionText, outcomeNode, purposeNode, subjectNode, whenNode, whoNode } from '../components/audit_entry';
import { radioGroup, textArea, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { dateText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { findingIds } from '../flows/audit_samples';
import type { AuditSamplesFlow } from '../flows/audit_samples';
import { formatDateTime, t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function weekText(s: AuditSampleSummary): HTMLElement {
  return h('span', null, dateText(s.week_start), ' – ', dateText(s.week_end));
}

function statusBadge(s: AuditSampleSummary): HTMLElement {
  const done = s.completed_at_ms !== null;
  return h('span', { class: `badge ${done ? 'badge--active' : 'badge--pending'}` },
    t(done ? 'samples.done' : 'samples.open_status'));
}

function drawForm(s: AuditSamplesFlow): HTMLElement {
  const d = dateInput('samples-week', s.week, (v) => { s.week = v; }, 'past');
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-labelledby': 'draw-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.draw(); },
  },
  h('h2', { class: 'panel__title', id: 'draw-title' }, t('samples.draw_title')),
  h('div', { class: 'search__fields' },
    field({ label: t('samples.week'), hint: t('samples.week_hint'), control: d.input, after: d.echo,
      class: 'field--date', error: errorFor(s.errors, 'samples-week') }),
    field({ label: t('samples.size'), hint: t('samples.size_hint'), class: 'field--percent',
      error: errorFor(s.errors, 'samples-size'),
      control: textInput('samples-size', s.size, (v) => { s.size = v; },
        { inputmode: 'numeric', maxlength: '3', class: 'input input--id' }) }),
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'samples-submit',
        'aria-disabled': s.busy ? 'true' : null }, t('samples.submit')))));
}

function weeks(s: AuditSamplesFlow): HTMLElement {
  const title = h('h2', { class: 'section-title', id: 'samples-title', tabindex: '-1' }, t('samples.list_title'));
  let body: HTMLElement;
  if (s.list === null) {
    body = h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'));
  } else if (!s.list.length) {
    body = h('p', { class: 'empty' }, t('samples.none'));
  } else {
    body = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'samples-title' },
      h('table', { class: 'table' },
        h('caption', { class: 'visually-hidden' }, t('samples.list_caption')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('samples.col.week')),
          h('th', { scope: 'col' }, t('samples.col.drawn')),
          h('th', { scope: 'col' }, t('samples.col.progress')),
          h('th', { scope: 'col' }, t('samples.col.findings')),
          h('th', { scope: 'col' }, t('samples.col.status')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('samples.open'))))),
        h('tbody', null, s.list.map((x) => h('tr', null,
          h('th', { scope: 'row' }, weekText(x)),
          h('td', null, t('samples.of', { n: x.counts.sampled, population: x.population })),
          h('td', null, t('samples.progress', { done: x.counts.recorded, n: x.counts.sampled })),
          h('td', null, t('samples.tally', x.counts)),
          h('td', null, statusBadge(x)),
          h('td', { class: 'table__action' },
            h('a', { class: 'button button--secondary button--small', href: `#/samples/${x.id}`,
              id: `sample-open-${x.id}` }, t('samples.open'),
            h('span', { class: 'visually-hidden' }, ` ${x.week_start}`))))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'samples-title' },
    h('div', { class: 'section-head' }, title), body);
}

function findingForm(s: AuditSamplesFlow, item: AuditSampleItem): HTMLElement {
  const ids = findingIds(item.seq);
  const f = s.finding(item.seq);
  const labels: Record<string, string> = { [ids.normal]: t('samples.finding'), [ids.note]: t('samples.note') };
  const summary = f.failure
    ? errorSummary(t('samples.failed'), [{ text: msgText(f.failure) }], ids.summary)
    : f.errors.length
      ? errorSummary(t('error.summary_title'), f.errors.map((e) => ({
          text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
        })), ids.summary)
      : null;
  const note = field({
    label: t('samples.note'), hint: t('samples.note_hint'), class: 'field--wide',
    error: errorFor(f.errors, ids.note),
    control: textArea(ids.note, f.note, (v) => { f.note = v; }, { maxlength: '1000', rows: 2 }),
  });
  note.hidden = f.finding === '' || f.finding === 'normal';
  return h('form', {
    class: 'case__form', novalidate: true, 'aria-labelledby': ids.title,
    onsubmit: (ev) => { ev.preventDefault(); void s.record(item.seq); },
  },
  summary,
  radioGroup({
    name: `finding-${item.seq}`, legend: t('samples.finding'), value: f.finding,
    error: errorFor(f.errors, ids.normal), class: 'radios--inline',
    set: (v) => {
      f.finding = v as typeof f.finding;
      note.hidden = f.finding === 'normal';
    },
    radios: (['normal', 'explain', 'violation'] as const).map((x) => ({
      id: ids[x], value: x, label: t(`samples.finding.${x}`),
    })),
  }),
  note,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary button--small', id: ids.submit,
      'aria-disabled': f.busy ? 'true' : null }, t('samples.save'))));
}

function itemCard(s: AuditSamplesFlow, item: AuditSampleItem, n: number): HTMLElement {
  const ids = findingIds(item.seq);
  const e = item.entry;
  const head = h('h3', { class: 'case__title', id: ids.title, tabindex: '-1' },
    t('samples.read_label', { n }), ' · ', actionText(e.action));
  const facts = h('dl', { class: 'facts facts--compact' },
    fact(t('audit.col.when'), whenNode(e)),
    fact(t('audit.col.who'), whoNode(e)),
    fact(t('audit.col.subject'), subjectNode(e.subject_id)),
    fact(t('audit.col.purpose'), purposeNode(e.purpose)),
    fact(t('audit.col.result'), outcomeNode(e)));
  const recorded = item.finding
    ? h('div', { class: 'case__result' },
      h('p', null, t('samples.finding'), ' ',
        h('span', { class: `badge ${item.finding === 'normal' ? 'badge--active' : 'badge--late'}`,
          id: `finding-${item.seq}-badge` }, t(`samples.finding.${item.finding}`))),
      item.note ? h('p', null, zhText(item.note)) : null,
      h('p', { class: 'muted small' }, t('samples.recorded_by',
        { by: item.recorded_by ?? '', at: item.recorded_at_ms ? formatDateTime(item.recorded_at_ms) : '' })))
    : findingForm(s, item);
  return h('li', { class: `case ${item.finding ? 'case--done' : ''}` },
    h('article', { class: 'case__inner', 'aria-labelledby': ids.title },
      h('div', { class: 'case__main' }, head, facts),
      h('div', { class: 'case__side' }, recorded)));
}

function sampleView(s: AuditSamplesFlow, x: AuditSample): Node[] {
  return [
    h('div', { class: 'page-head' },
      h('p', null, h('a', { href: '#/samples', id: 'samples-back' }, t('samples.back'))),
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('samples.title')),
      h('h2', { class: 'section-title', id: 'sample-title', tabindex: '-1' }, weekText(x), ' ', statusBadge(x))),
    h('dl', { class: 'facts facts--compact' },
      fact(t('samples.col.drawn'), t('samples.of', { n: x.counts.sampled, population: x.population })),
      fact(t('samples.col.progress'), t('samples.progress', { done: x.counts.recorded, n: x.counts.sampled })),
      fact(t('samples.col.findings'), t('samples.tally', x.counts)),
      fact(t('samples.drawn_by'), x.drawn_by),
      fact(t('samples.drawn_at'), formatDateTime(x.drawn_at_ms)),
      fact(t('samples.seed'), h('span', { class: 'id-number' }, x.seed))),
    h('section', { class: 'section', 'aria-labelledby': 'items-title' },
      h('div', { class: 'section-head' },
        h('h2', { class: 'section-title', id: 'items-title' }, t('samples.items_title'))),
      x.items.length
        ? h('ol', { class: 'cases' }, x.items.map((item, i) => itemCard(s, item, i + 1)))
        : h('p', { class: 'empty' }, t('samples.no_items'))),
  ];
}

export function renderAuditSamples(shell: Shell, s: AuditSamplesFlow): Node[] {
  if (s.sample) return pageFrame(shell, sampleView(s, s.sample));
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('samples.draw_failed'), [{ text: msgText(s.failure) }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  } else if (s.sampleFailure) {
    summary = errorSummary(t('samples.failed'), [{ text: msgText(s.sampleFailure) }]);
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('samples.title')),
      h('p', { class: 'lead' }, t('samples.intro'))),
    summary,
    drawForm(s),
    weeks(s),
  ].filter((n): n is HTMLElement => n !== null));
}
