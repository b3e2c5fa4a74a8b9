// 辦公日曆 (#/calendar): the years loaded, the days the chosen year lists, and the form to load
// a year from its file (chosen with a file input or pasted).

import type { CalendarYear } from '../api';
import { textArea, textInput } from '../components/controls';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { listSection } from '../components/list_section';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { CalendarFlow } from '../flows/calendar';
import { dateWords } from '../dates';
import { formatDateTime, lang, t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';
import { calendarBanner } from './users';

const yearName = (year: number) =>
  lang() === 'zh' ? `${year - 1911} 年（${year}）` : `${year} (ROC ${year - 1911})`;

function sourceText(y: CalendarYear): string {
  const source = y.source === 'file' ? t('calendar.source_file')
    : t('calendar.source_database', { by: y.loaded_by ?? '', at: formatDateTime(y.loaded_at_ms ?? 0) });
  return y.provisional ? `${source}${t('calendar.provisional')}` : source;
}

function yearsTable(s: CalendarFlow): HTMLElement {
  const years = s.years;
  return listSection({
    id: 'years-title', title: t('calendar.years'), failedTitle: t('calendar.list_failed'), failure: s.listFailure,
    table: years && (() => h('table', { class: 'table', id: 'years-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('calendar.year')),
        h('th', { scope: 'col' }, t('calendar.source')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('calendar.show'))))),
      h('tbody', null, years.map((y) => h('tr', { class: y.year === s.shown ? 'is-selected' : null },
        h('th', { scope: 'row' }, yearName(y.year)),
        h('td', null, sourceText(y)),
        h('td', { class: 'table__action' }, h('button', {
          type: 'button', class: 'button button--secondary button--small', id: `show-${y.year}`,
          'aria-pressed': y.year === s.shown ? 'true' : 'false',
          onclick: () => void s.show(y.year),
        }, t('calendar.show'), h('span', { class: 'visually-hidden' }, ` ${y.year}`)))))))),
  });
}

function daysPanel(s: CalendarFlow): HTMLElement | null {
  if (s.shown === null) return null;
  const title = h('h2', { class: 'panel__title', id: 'days-title', tabindex: '-1' },
    t('calendar.days_of', { year: yearName(s.shown) }));
  if (s.days === null) {
    return h('section', { class: 'panel', 'aria-labelledby': 'days-title' }, title,
      s.daysFailure ? errorSummary(t('calendar.list_failed'), [{ text: msgText(s.daysFailure) }], 'days-errors')
        : h('p', { class: 'muted' }, t('common.loading')));
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'days-title' }, title,
    h('p', { class: 'muted small' }, t('calendar.days_intro')),
    s.days.length === 0 ? h('p', null, t('calendar.no_days')) :
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'days-title' },
        h('table', { class: 'table', id: 'days-table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('calendar.date')),
            h('th', { scope: 'col' }, t('calendar.kind')),
            h('th', { scope: 'col' }, t('calendar.description')))),
          h('tbody', null, s.days.map((d) => h('tr', null,
            h('th', { scope: 'row' }, dateWords(d.date, lang())),
            h('td', null, h('span', { class: `badge ${d.kind === 'holiday' ? 'badge--pending' : 'badge--removed'}` },
              t(d.kind === 'holiday' ? 'calendar.holiday' : 'calendar.workday'))),
            h('td', { lang: 'zh-TW' }, d.description)))))));
}

function loadForm(s: CalendarFlow): HTMLElement {
  const items = s.errors.map((e) => ({ text: msgText(e.msg), field: e.field }));
  if (s.failure) items.push({ text: msgText(s.failure), field: 'calendar-text' });
  const file = h('input', {
    type: 'file', id: 'calendar-file', name: 'calendar-file', class: 'input', accept: '.txt,text/plain',
    onchange: (ev) => {
      const f = (ev.target as HTMLInputElement).files?.[0];
      if (f) void f.text().then((text) => s.fileRead(f.name, text));
    },
  });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'load-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.load(); },
  },
  h('h2', { class: 'panel__title', id: 'load-title' }, t('calendar.load_title')),
  s.notice ? h('p', { class: 'notice notice--ok', id: 'calendar-notice', tabindex: '-1' }, msgText(s.notice)) : null,
  items.length ? errorSummary(t('calendar.load_refused'), items, 'calendar-errors') : null,
  field({ label: t('calendar.file'), hint: t('calendar.file_hint'), control: file }),
  field({
    label: t('calendar.year'), hint: t('calendar.year_hint'), error: errorFor(s.errors, 'calendar-year'),
    control: textInput('calendar-year', s.year, (v) => { s.year = v; },
      { inputmode: 'numeric', maxlength: '4', class: 'input input--id' }),
  }),
  field({
    label: t('calendar.text'), hint: t('calendar.text_hint'), error: errorFor(s.errors, 'calendar-text'),
    control: textArea('calendar-text', s.text, (v) => { s.text = v; },
      { rows: 12, spellcheck: 'false', class: 'input textarea textarea--code' }),
  }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'calendar-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('calendar.load_submit'))));
}

export function renderCalendar(shell: Shell, s: CalendarFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('calendar.title')),
      h('p', { class: 'lead' }, t('calendar.intro'))),
    calendarBanner(s.warnings),
    yearsTable(s),
    daysPanel(s),
    loadForm(s),
  ].filter((n): n is HTMLElement => n !== null));
}
