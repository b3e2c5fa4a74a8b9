// 戶籍謄本 (#/transcripts): the request form, the preview drawn as the transcript's tables (in
// the transcript's own language: its headings come with it), then the issued transcript's
// check code, sheets, fee and PDF.

import type { TranscriptContent, TranscriptPerson } from '../api';
import { idInput, radioGroup, selectInput, textArea, textInput } from '../components/controls';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kApplicantRelations } from '../flows/transcripts';
import type { TranscriptsFlow } from '../flows/transcripts';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

const kLabels: Record<string, () => string> = {
  'tr-subject': () => t('transcripts.subject'),
  'tr-household': () => t('transcripts.household'),
  'tr-members': () => t('transcripts.members'),
  'tr-copies': () => t('transcripts.copies'),
  'tr-applicant-name': () => t('transcripts.applicant_name'),
  'tr-applicant-id': () => t('transcripts.applicant_id'),
  'tr-purpose': () => t('transcripts.purpose'),
  'tr-preview': () => t('transcripts.preview_title'),
};

function form(s: TranscriptsFlow): HTMLElement {
  const summary = s.failure
    ? errorSummary(t('transcripts.failed'), [{ text: msgText(s.failure) }], 'tr-errors')
    : s.errors.length
      ? errorSummary(t('error.summary_title'), s.errors.map((e) => ({
        text: t('form.labelled', { label: kLabels[e.field]?.() ?? '', message: msgText(e.msg) }),
        field: e.field === 'tr-preview' ? 'tr-preview-button' : e.field,
      })), 'tr-errors')
      : null;
  const radios = (name: string, legend: string, value: string, set: (v: string) => void,
    options: readonly [string, string][]): HTMLElement => radioGroup({
    name, legend, value, set, class: 'radios--inline',
    radios: options.map(([v, label]) => ({ id: `${name}-${v}`, value: v, label })),
  });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'tr-form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.showPreview(); },
  },
  h('h2', { class: 'panel__title', id: 'tr-form-title' }, t('transcripts.form_title')),
  summary,
  h('div', { class: 'form-grid form-grid--pair' },
    field({ label: t('transcripts.subject'), hint: t('transcripts.subject_hint'),
      error: errorFor(s.errors, 'tr-subject'),
      control: idInput('tr-subject', s.subjectId, (v) => { s.subjectId = v; }) }),
    field({ label: t('transcripts.household'), optional: t('form.optional'),
      error: errorFor(s.errors, 'tr-household'),
      control: idInput('tr-household', s.householdNo, (v) => { s.householdNo = v; }, 16) })),
  radios('tr-scope', t('transcripts.scope'), s.scope, (v) => { s.scope = v as typeof s.scope; },
    [['current', t('transcripts.scope_current')], ['removed', t('transcripts.scope_removed')]]),
  radios('tr-detail', t('transcripts.detail'), s.detail, (v) => { s.detail = v as typeof s.detail; },
    [['full', t('transcripts.detail_full')], ['short', t('transcripts.detail_short')]]),
  radios('tr-language', t('transcripts.language'), s.language, (v) => { s.language = v as typeof s.language; },
    [['zh', t('transcripts.language_zh')], ['en', t('transcripts.language_en')]]),
  h('div', { class: 'form-grid form-grid--pair' },
    field({ label: t('transcripts.members'), hint: t('transcripts.members_hint'), optional: t('form.optional'),
      error: errorFor(s.errors, 'tr-members'),
      control: textInput('tr-members', s.members, (v) => { s.members = v; }, { maxlength: '600' }) }),
    field({ label: t('transcripts.copies'), error: errorFor(s.errors, 'tr-copies'),
      control: textInput('tr-copies', s.copies, (v) => { s.copies = v; },
        { inputmode: 'numeric', maxlength: '2' }) })),
  field({ label: t('transcripts.relation'), hint: t('transcripts.relation_hint'),
    control: selectInput('tr-relation', kApplicantRelations.map((r) => ({
      value: r, label: r === '' ? t('transcripts.office_use') : t(`transcripts.rel.${r}`),
    })), s.relation, (v) => { s.relation = v as typeof s.relation; }) }),
  h('div', { class: 'form-grid form-grid--pair' },
    field({ label: t('transcripts.applicant_name'), optional: t('form.optional'),
      error: errorFor(s.errors, 'tr-applicant-name'),
      control: textInput('tr-applicant-name', s.applicantName, (v) => { s.applicantName = v; }, { maxlength: '60' }) }),
    field({ label: t('transcripts.applicant_id'), optional: t('form.optional'),
      error: errorFor(s.errors, 'tr-applicant-id'),
      control: idInput('tr-applicant-id', s.applicantId, (v) => { s.applicantId = v; }) })),
  field({ label: t('transcripts.reason'), hint: t('transcripts.reason_hint'), optional: t('form.optional'),
    control: textArea('tr-reason', s.reason, (v) => { s.reason = v; }, { maxlength: '200' }) }),
  field({ label: t('transcripts.purpose'), hint: t('transcripts.purpose_hint'), error: errorFor(s.errors, 'tr-purpose'),
    control: textInput('tr-purpose', s.purpose, (v) => { s.purpose = v; }, { maxlength: '100' }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'tr-preview-button',
      'aria-disabled': s.busy ? 'true' : null }, t('transcripts.preview_submit'))));
}

// One person's table, as the transcript prints it.
function personTable(c: TranscriptContent, p: TranscriptPerson, i: number): HTMLElement {
  const L = c.labels;
  const cell = (label: string | undefined, value: string): Node[] => [
    h('th', { scope: 'row' }, label ?? ''), h('td', { lang: c.language === 'en' ? null : 'zh-Hant' }, value)];
  return h('div', { class: 'transcript__person' },
    h('table', { class: 'table transcript__table' },
      h('caption', { class: 'visually-hidden' }, `${p.name} ${p.id_number}`),
      h('tbody', null,
        h('tr', null, cell(L.relation, p.relation), cell(L.name, p.name), cell(L.id_number, p.id_number)),
        h('tr', null, cell(L.birth_date, p.birth_date_text), cell(L.sex, p.sex), cell(L.birth_order, p.birth_order)),
        h('tr', null, cell(L.father, p.father), cell(L.mother, p.mother), cell(L.spouse, p.spouse)),
        h('tr', null, cell(L.birth_place, p.birth_place), cell(L.military, p.military), cell(L.indigenous, p.indigenous)),
        p.removal ? h('tr', null, cell(L.removal, p.removal)) : null)),
    h('h4', { class: 'transcript__entries-title', id: `tr-p${i}-entries` }, L.entries ?? ''),
    h('ul', { class: 'transcript__entries', 'aria-labelledby': `tr-p${i}-entries` },
      p.entries.map((e) => h('li', null, e))));
}

function preview(s: TranscriptsFlow): HTMLElement | null {
  if (!s.preview) return null;
  const c = s.preview.content;
  const L = c.labels;
  const hh = c.household;
  const sep = c.language === 'en' ? ': ' : '：';
  return h('section', { class: 'section transcript', 'aria-labelledby': 'tr-preview-title' },
    h('h2', { class: 'section-title', id: 'tr-preview-title', tabindex: '-1' }, t('transcripts.preview_title')),
    h('p', { class: 'lead', id: 'tr-preview-summary' },
      t('transcripts.preview_summary', { sheets: s.preview.sheets, copies: s.preview.copies, fee: s.preview.fee })),
    h('div', { class: 'transcript__paper', lang: c.language === 'en' ? 'en' : 'zh-Hant' },
      h('h3', { class: 'transcript__title' }, c.title),
      h('table', { class: 'table transcript__table' },
        h('caption', { class: 'visually-hidden' }, hh.household_no),
        h('tbody', null,
          h('tr', null, h('th', { scope: 'row' }, L.household_no ?? ''), h('td', null, hh.household_no),
            h('th', { scope: 'row' }, L.household_kind ?? ''), h('td', null, hh.kind)),
          h('tr', null, h('th', { scope: 'row' }, L.address ?? ''), h('td', { colspan: '3' }, hh.address)),
          h('tr', null, h('th', { scope: 'row' }, L.head ?? ''), h('td', null, hh.head_name),
            h('th', { scope: 'row' }, L.former_heads ?? ''), h('td', null, hh.former_heads.join('、'))))),
      hh.entries.length ? h('ul', { class: 'transcript__entries', 'aria-label': L.household_entries ?? '' },
        hh.entries.map((e) => h('li', null, e))) : null,
      c.persons.map((p, i) => personTable(c, p, i)),
      h('p', { class: 'transcript__foot' }, `${L.office ?? ''}${sep}${c.office_name}`, h('br'),
        `${L.issued_on ?? ''}${sep}${c.issued_on_text}`)),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--primary', id: 'tr-issue',
        'aria-disabled': s.busy ? 'true' : null, onclick: () => void s.issue() }, t('transcripts.issue_submit'))));
}

function issued(s: TranscriptsFlow): HTMLElement | null {
  const r = s.issued;
  if (!r) return null;
  return h('section', { class: 'panel panel--highlight', 'aria-labelledby': 'tr-issued-title' },
    h('h2', { class: 'panel__title', id: 'tr-issued-title', tabindex: '-1' }, t('transcripts.issued', { id: r.id })),
    h('dl', { class: 'summary-list' },
      h('dt', null, t('transcripts.check_code')), h('dd', { id: 'tr-check-code', class: 'id-number' }, r.check_code),
      h('dt', null, t('transcripts.sheets')), h('dd', { id: 'tr-sheets' }, String(r.sheets)),
      h('dt', null, t('transcripts.fee')), h('dd', { id: 'tr-fee' }, t('transcripts.fee_amount', { fee: r.fee }))),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--primary', id: 'tr-pdf', onclick: () => void s.pdf() },
        t('transcripts.open_pdf')),
      h('button', { type: 'button', class: 'button button--secondary', id: 'tr-new', onclick: () => s.reset() },
        t('transcripts.new'))));
}

export function renderTranscripts(shell: Shell, s: TranscriptsFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('transcripts.title')),
      h('p', { class: 'lead' }, t('transcripts.intro'))),
    issued(s),
    form(s),
    preview(s),
  ].filter((n): n is HTMLElement => n !== null));
}
