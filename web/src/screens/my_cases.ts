// 我的案件 (#/my-cases): the clerk's applications by state, each with its reason and next step;
// #/my-cases/<案號>: one case, its documents and an upload.

import type { Application } from '../api';
import {
  applicantFacts, applicationFacts, applicationFields, entryFacts, panel,
} from '../components/application';
import { deliveriesPanel } from '../components/delivery';
import { changesTable, documentsList, entriesList, partiesList, personText } from '../components/case_view';
import { zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { caseState, kCaseFilters } from '../flows/my_cases';
import type { CaseFilter, CaseState, MyCasesFlow } from '../flows/my_cases';
import { formatDateTime, t, typeName } from '../i18n';
import type { MessageKey } from '../i18n';
import { msgText } from '../messages';
import type { Shell } from '../shell';

const kStateBadge: Record<CaseState, string> = {
  sent: 'badge--pending', needs_changes: 'badge--late', registered: 'badge--active', revoked: 'badge--removed',
};

function stateBadge(a: Application): HTMLElement {
  const state = caseState(a);
  return h('span', { class: `badge ${kStateBadge[state]}` }, t(`cases.state.${state}` as MessageKey));
}

function nextStep(a: Application): HTMLElement {
  const state = caseState(a);
  const text = t(`cases.next.${state}` as MessageKey);
  return state === 'needs_changes'
    ? h('a', { href: '#/register', class: 'next-step' }, text)
    : h('span', { class: 'next-step' }, text);
}

function subject(a: Application): HTMLElement {
  const id = a.subject_id ?? a.result_subject_id;
  return id ? personText(a, id) : h('span', { class: 'muted' }, t('app.subject_new'));
}

function filters(s: MyCasesFlow): HTMLElement {
  const label: Record<CaseFilter, MessageKey> = {
    all: 'cases.filter.all', pending_review: 'cases.state.sent',
    rejected: 'cases.state.needs_changes', registered: 'cases.state.registered',
  };
  return h('nav', { class: 'filters', 'aria-label': t('cases.filter') },
    h('ul', { class: 'filters__list' }, kCaseFilters.map((f) => h('li', null,
      h('button', {
        type: 'button', id: `filter-${f}`, class: 'button button--secondary button--small',
        'aria-pressed': s.filter === f ? 'true' : 'false',
        onclick: () => s.setFilter(f),
      }, t(label[f]))))));
}

function caseTable(s: MyCasesFlow): HTMLElement {
  const items = s.items ?? [];
  if (s.items === null) return h('p', { class: 'muted', role: 'status' }, t('common.loading'));
  if (!items.length) return h('p', { class: 'empty' }, t('cases.empty'));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'cases-caption' },
    h('table', { class: 'table', id: 'cases' },
      h('caption', { id: 'cases-caption', class: 'visually-hidden' }, t('cases.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('app.number')),
        h('th', { scope: 'col' }, t('app.type')),
        h('th', { scope: 'col' }, t('app.subject')),
        h('th', { scope: 'col' }, t('cases.submitted')),
        h('th', { scope: 'col' }, t('app.status')),
        h('th', { scope: 'col' }, t('cases.reason')),
        h('th', { scope: 'col' }, t('cases.next_step')))),
      h('tbody', null, items.map((a) => h('tr', { id: `case-${a.id}`, 'data-state': caseState(a) },
        h('th', { scope: 'row' }, h('a', { href: `#/my-cases/${a.id}`, id: `case-link-${a.id}` },
          t('cases.number', { id: a.id }))),
        h('td', null, typeName(a.type)),
        h('td', null, subject(a)),
        h('td', null, formatDateTime(a.entered_at_ms)),
        h('td', null, stateBadge(a)),
        h('td', { class: 'case-reason' }, a.status === 'rejected' && a.review_note ? zhText(a.review_note) : ''),
        h('td', null, nextStep(a)))))));
}

function list(s: MyCasesFlow): Node[] {
  return [
    s.failure ? errorSummary(t('cases.load_failed'), [{ text: msgText(s.failure) }]) : null,
    filters(s),
    caseTable(s),
    s.nextBefore !== null && s.items
      ? h('div', { class: 'form__actions' }, h('button', {
          type: 'button', class: 'button button--secondary', id: 'cases-more',
          'aria-disabled': s.busy ? 'true' : null, onclick: () => void s.load(true),
        }, t('cases.more')))
      : null,
  ].filter((n): n is HTMLElement => n !== null);
}

function uploadForm(s: MyCasesFlow): HTMLElement {
  const input = h('input', {
    type: 'file', id: 'case-document', class: 'input', accept: 'application/pdf,image/jpeg,image/png',
    onchange: (ev) => s.chooseFile((ev.target as HTMLInputElement).files?.[0] ?? null),
  });
  return h('form', {
    class: 'upload', novalidate: true, 'aria-labelledby': 'upload-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.upload(); },
  },
  h('h4', { class: 'upload__title', id: 'upload-title' }, t('cases.upload_title')),
  s.uploaded
    ? h('p', { class: 'notice notice--ok', id: 'upload-done', tabindex: '-1' }, t('cases.uploaded', { name: s.uploaded }))
    : null,
  field({
    label: t('cases.upload_label'), hint: t('cases.upload_hint'),
    error: s.uploadError ? msgText(s.uploadError) : undefined, control: input,
  }),
  h('div', { class: 'form__actions' }, h('button', {
    type: 'submit', class: 'button button--primary', id: 'upload-submit',
    'aria-disabled': s.uploading ? 'true' : null,
  }, s.uploading ? t('cases.uploading') : t('cases.upload'))));
}

function caseView(shell: Shell, s: MyCasesFlow, a: Application): Node[] {
  const state = caseState(a);
  return [
    h('div', { class: 'form-head' },
      h('h2', { class: 'form-head__title', id: 'case-title', tabindex: '-1' },
        t('review.detail_title', { id: a.id, type: typeName(a.type) })),
      h('a', { class: 'button button--secondary', href: '#/my-cases', id: 'back-to-cases' }, t('cases.back'))),
    h('div', { class: state === 'needs_changes' ? 'warning' : 'notice', id: 'case-state' },
      h('p', null, h('strong', null, t('app.status'), '：'), stateBadge(a)),
      state === 'needs_changes' && a.review_note
        ? h('p', { id: 'case-reason' }, h('strong', null, t('cases.reason'), '：'), zhText(a.review_note))
        : null,
      h('p', null, h('strong', null, t('cases.next_step'), '：'), nextStep(a))),
    h('div', { class: 'detail-grid' },
      h('div', { class: 'detail-grid__main' },
        panel('facts-title', t('review.facts'), applicationFacts(a)),
        panel('parties-title', t('case.parties'), partiesList(a, (id) => void shell.lookupFrom(id, { purpose: 'application', other: '' }))),
        panel('changes-title', t('case.changes'), changesTable(a)),
        panel('entries-title', t(a.status === 'registered' ? 'case.entries_written' : 'case.entries'), entriesList(a)),
        panel('fields-title', t('review.fields', { type: typeName(a.type) }), applicationFields(a)),
        panel('applicant-title', t('review.applicant'), applicantFacts(a)),
        panel('entry-title', t('review.entry'), entryFacts(a)),
        deliveriesPanel(s.deliveries)),
      h('div', { class: 'detail-grid__side' },
        panel('documents-title', t('case.documents'), documentsList(shell, a),
          a.status === 'pending_review'
            ? uploadForm(s) : h('p', { class: 'muted', id: 'upload-closed' }, t('cases.upload_closed'))))),
  ];
}

export function renderMyCases(shell: Shell, s: MyCasesFlow): Node[] {
  let content: Node[];
  if (s.caseFailure) {
    content = [errorSummary(t('cases.load_failed'), [{ text: msgText(s.caseFailure) }]),
      h('a', { href: '#/my-cases', id: 'back-to-cases' }, t('cases.back'))];
  } else if (s.current) {
    content = caseView(shell, s, s.current);
  } else if (/^#\/my-cases\/\d+$/.test(location.hash)) {
    content = [h('p', { class: 'muted', role: 'status' }, t('common.loading'))];
  } else {
    content = list(s);
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('cases.title')),
      h('p', { class: 'lead' }, t('cases.intro'))),
    ...content,
  ]);
}
