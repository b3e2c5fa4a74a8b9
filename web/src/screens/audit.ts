// 存取紀錄查詢 (#/audit/person, #/audit/user, #/audit/day): the question, its filters, the
// page of answers with when, who, what, whom, why and the result, paging and the CSV export.

import type { AuditEntry } from '../api';
import { actionText, outcomeNode, purposeNode, subjectNode, whenNode, whoNode } from '../components/audit_entry';
import { idInput, selectInput, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { idText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kAuditActions, kAuditModes, kPageSize } from '../flows/audit';
import type { AuditFlow, AuditMode } from '../flows/audit';
import { kPurposes } from '../purpose';
import { t, tIn } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function modeTabs(s: AuditFlow): HTMLElement {
  return h('nav', { class: 'tabs', 'aria-label': t('audit.modes') },
    h('ul', { class: 'tabs__list' }, kAuditModes.map((m: AuditMode) => h('li', { class: 'tabs__item' },
      h('a', { class: 'tabs__link', href: `#/audit/${m}`, id: `audit-mode-${m}`,
        'aria-current': s.filters.mode === m ? 'page' : null }, t(`audit.mode.${m}`))))));
}

function questionFields(s: AuditFlow): HTMLElement[] {
  const f = s.filters;
  const date = (id: string, label: string, value: string, set: (v: string) => void): HTMLElement => {
    const d = dateInput(id, value, set, 'past');
    return field({ label, control: d.input, after: d.echo, class: 'field--date', error: errorFor(s.errors, id) });
  };
  if (f.mode === 'person') {
    return [field({ label: t('audit.subject'), hint: t('audit.subject_hint'), class: 'field--id',
      error: errorFor(s.errors, 'audit-subject'),
      control: idInput('audit-subject', f.subject, (v) => { f.subject = v; }, 12) })];
  }
  if (f.mode === 'user') {
    return [
      field({ label: t('audit.user'), hint: t('audit.user_hint'), class: 'field--id',
        error: errorFor(s.errors, 'audit-user'),
        control: textInput('audit-user', f.user, (v) => { f.user = v; },
          { maxlength: '64', spellcheck: 'false', autocapitalize: 'none' }) }),
      date('audit-from', t('audit.from'), f.from, (v) => { f.from = v; }),
      date('audit-to', t('audit.to'), f.to, (v) => { f.to = v; }),
    ];
  }
  return [date('audit-day', t('audit.day'), f.day, (v) => { f.day = v; })];
}

function filterFields(s: AuditFlow): HTMLElement[] {
  const f = s.filters;
  // Purposes as the server logs them (always the Chinese wording), shown in the interface's
  // language; 業務辦理 is the work lists' fixed purpose.
  const purposes = [
    ...kPurposes.map((p) => ({ value: tIn('zh', `purpose.${p}`), label: t(`purpose.${p}`) })),
    { value: 'work_queue', label: t('audit.work_queue') },
  ];
  const refused = h('input', { type: 'checkbox', class: 'checkbox__input', id: 'audit-refused',
    checked: f.refused, onchange: (ev) => { f.refused = (ev.target as HTMLInputElement).checked; } });
  return [
    field({ label: t('audit.action'), class: 'field--purpose',
      control: selectInput('audit-action', kAuditActions.map((a) => ({ value: a, label: actionText(a) })),
        f.action, (v) => { f.action = v; }, t('audit.action_any')) }),
    field({ label: t('audit.purpose'), class: 'field--purpose',
      control: selectInput('audit-purpose', purposes, f.purpose, (v) => { f.purpose = v; },
        t('audit.purpose_any')) }),
    h('div', { class: 'checkbox' }, refused,
      h('label', { class: 'checkbox__label', for: 'audit-refused' }, t('audit.refused'))),
  ];
}

function searchForm(s: AuditFlow): HTMLElement {
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-labelledby': 'audit-form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.search(); },
  },
  h('h2', { class: 'panel__title', id: 'audit-form-title' }, t('audit.form_title')),
  h('div', { class: 'search__fields' }, questionFields(s)),
  h('div', { class: 'search__fields' }, filterFields(s)),
  h('div', { class: 'search__actions' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'audit-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('audit.submit'))));
}

function row(e: AuditEntry, withSubject: boolean): HTMLElement {
  return h('tr', { class: e.outcome === 'ok' ? null : 'is-late' },
    h('td', null, whenNode(e)),
    h('td', null, whoNode(e)),
    h('td', null, actionText(e.action)),
    withSubject ? h('td', null, subjectNode(e.subject_id)) : null,
    h('td', null, purposeNode(e.purpose)),
    h('td', null, outcomeNode(e)));
}

export function auditTable(entries: readonly AuditEntry[], caption: string, withSubject = true): HTMLElement {
  return h('table', { class: 'table table--audit' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('audit.col.when')),
      h('th', { scope: 'col' }, t('audit.col.who')),
      h('th', { scope: 'col' }, t('audit.col.what')),
      withSubject ? h('th', { scope: 'col' }, t('audit.col.subject')) : null,
      h('th', { scope: 'col' }, t('audit.col.purpose')),
      h('th', { scope: 'col' }, t('audit.col.result')))),
    h('tbody', null, entries.map((e) => row(e, withSubject))));
}

function results(s: AuditFlow): HTMLElement | null {
  const page = s.page;
  if (!page || !s.asked) return null;
  const bySubject = s.asked.mode === 'person';
  const subject = page.subject;
  const who = subject
    ? h('p', { class: 'lead', id: 'audit-subject-name' }, t('audit.subject_label'),
      subject.name ? [zhText(subject.name), ' '] : null, idText(subject.id_number),
      subject.name ? null : ` ${t('audit.subject_unknown')}`)
    : null;
  const pager = h('div', { class: 'search__actions search__actions--pair' },
    s.befores.length > 1
      ? h('button', { type: 'button', class: 'button button--secondary', id: 'audit-previous',
        onclick: () => void s.previousPage() }, t('audit.previous'))
      : null,
    page.next_before
      ? h('button', { type: 'button', class: 'button button--secondary', id: 'audit-next',
        onclick: () => void s.nextPage() }, t('audit.next'))
      : null,
    h('button', { type: 'button', class: 'button button--secondary', id: 'audit-export',
      'aria-describedby': 'audit-export-hint', 'aria-disabled': s.exporting ? 'true' : null,
      onclick: () => void s.exportCsv() }, s.exporting ? t('audit.exporting') : t('audit.export')));
  return h('section', { class: 'section', 'aria-labelledby': 'results-title' },
    h('div', { class: 'section-head' },
      h('h2', { class: 'section-title', id: 'results-title', tabindex: '-1' }, t('audit.results_title'))),
    who,
    h('p', { class: 'muted', id: 'audit-page-info' }, t('audit.page_info',
      { page: s.befores.length, n: page.entries.length, size: kPageSize })),
    page.entries.length
      ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'results-title' },
        auditTable(page.entries, t('audit.caption'), !bySubject))
      : h('p', { class: 'empty' }, t('audit.none')),
    s.exportFailure
      ? errorSummary(t('audit.export_failed'), [{ text: msgText(s.exportFailure) }], 'export-error')
      : null,
    pager,
    h('p', { class: 'muted small', id: 'audit-export-hint' }, t('audit.export_hint')));
}

export function renderAudit(shell: Shell, s: AuditFlow): Node[] {
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('audit.failed'), [{ text: msgText(s.failure) }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('audit.title')),
      h('p', { class: 'lead' }, t('audit.intro'))),
    modeTabs(s),
    summary,
    searchForm(s),
    results(s),
  ].filter((n): n is HTMLElement => n !== null));
}
