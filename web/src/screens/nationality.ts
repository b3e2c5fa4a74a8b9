// 國籍案件 (#/nationality): the office's cases with their due dates and states, the reminder
// for proof of loss of the former nationality, recording the registration or the proof, a
// form to open a case, and the naturalization test bookings.

import { kTestSlots } from '../api';
import type { NationalityCase } from '../api';
import { idInput, radioGroup, selectInput, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { dateText, idText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kNationalityKinds, revokesDecision } from '../flows/nationality';
import type { NationalityFlow } from '../flows/nationality';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

function summaryOf(id: string, failure: Msg | null, errors: FieldError[],
  labels: Record<string, string>, failedTitle: string): HTMLElement | null {
  if (failure) return errorSummary(failedTitle, [{ text: msgText(failure) }], id);
  if (!errors.length) return null;
  return errorSummary(t('error.summary_title'), errors.map((e) => ({
    text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
  })), id);
}

function stateBadge(c: NationalityCase): HTMLElement {
  const cls = c.state === 'closed' ? 'badge--removed'
    : c.state.endsWith('overdue') ? 'badge--late' : 'badge--pending';
  return h('span', { class: `badge ${cls}` }, t(`natstate.${c.state}`));
}

function casesTable(s: NationalityFlow): HTMLElement {
  const list = s.cases ?? [];
  const reminders = list.filter((c) => c.reminder_due).length;
  const title = h('h2', { class: 'section-title', id: 'cases-title', tabindex: '-1' },
    s.cases ? t('nationality.cases_count', { n: list.length }) : t('nationality.cases'));
  let body: HTMLElement;
  if (s.cases === null) {
    body = h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'));
  } else if (!list.length) {
    body = h('p', { class: 'empty' }, t('nationality.none'));
  } else {
    body = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'cases-caption' },
      h('table', { class: 'table' },
        h('caption', { id: 'cases-caption', class: 'visually-hidden' }, t('nationality.cases')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('app.number')),
          h('th', { scope: 'col' }, t('nationality.kind')),
          h('th', { scope: 'col' }, t('nationality.person')),
          h('th', { scope: 'col' }, t('nationality.letter_date')),
          h('th', { scope: 'col' }, t('nationality.registration_due')),
          h('th', { scope: 'col' }, t('nationality.proof_due')),
          h('th', { scope: 'col' }, t('col.status')),
          h('th', { scope: 'col' }, t('review.action')))),
        h('tbody', null, list.map((c) => h('tr', { class: c.reminder_due ? 'is-late' : null },
          h('th', { scope: 'row' }, h('span', { class: 'id-number' }, String(c.id))),
          h('td', null, t(`natkind.${c.kind}`)),
          h('td', null, zhText(c.person_name), c.id_number ? [h('br'), idText(c.id_number)] : null),
          h('td', null, dateText(c.approval_letter_date)),
          h('td', null, c.registered_on
            ? [dateText(c.registration_due), h('br'), h('span', { class: 'muted small' },
                t('nationality.registered_on'), dateText(c.registered_on),
                c.registered_by_application
                  ? [' ', t('nationality.registered_by', { id: c.registered_by_application })] : null)]
            : dateText(c.registration_due)),
          h('td', null, c.proof_of_loss_due
            ? [dateText(c.proof_of_loss_due),
                c.proof_of_loss_due_provisional
                  ? [h('br'), h('span', { class: 'muted small' }, t('nationality.proof_due_provisional'))]
                  : null,
                c.notice_sent
                  ? [h('br'), h('span', { class: 'muted small' }, t('nationality.notice_sent_on'), dateText(c.notice_sent.on))]
                  : null,
                c.proof_of_loss_received
                  ? [h('br'), h('span', { class: 'muted small' }, t('nationality.proof_received_on'), dateText(c.proof_of_loss_received))]
                  : null,
                c.reminder_due ? [h('br'), h('span', { class: 'badge badge--reminder' }, t('nationality.reminder'))] : null]
            : h('span', { class: 'muted' }, t('nationality.no_proof'))),
          h('td', null, stateBadge(c)),
          h('td', { class: 'table__action' },
            c.proof_of_loss_due && !c.notice_sent
              ? h('button', { type: 'button', class: 'button button--secondary button--small',
                  id: `case-${c.id}-notice_sent`, onclick: () => s.startRecord(c, 'notice_sent') },
                t('nationality.record_notice_sent'), h('span', { class: 'visually-hidden' }, ` ${t('cases.number', { id: c.id })}`))
              : null,
            c.registered_on && c.proof_of_loss_due && !c.proof_of_loss_received
              ? h('button', { type: 'button', class: 'button button--secondary button--small',
                  id: `case-${c.id}-proof_received`, onclick: () => s.startRecord(c, 'proof_received') },
                t('nationality.record_proof'), h('span', { class: 'visually-hidden' }, ` ${t('cases.number', { id: c.id })}`))
              : null))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'cases-title' },
    h('div', { class: 'section-head' }, title,
      reminders
        ? h('p', { class: 'section-head__note' },
            h('span', { class: 'badge badge--reminder' }, t('nationality.reminders', { n: reminders })))
        : null),
    body);
}

function recordPanel(s: NationalityFlow): HTMLElement | null {
  const r = s.record;
  if (!r) return null;
  const c = s.cases?.find((x) => x.id === r.caseId);
  if (!c) return null;
  const d = dateInput('record-on', r.on, (v) => { r.on = v; }, 'past');
  const what = r.what === 'notice_sent' ? t('nationality.record_notice_sent') : t('nationality.record_proof');
  return h('form', {
    class: 'panel panel--highlight', novalidate: true, 'aria-labelledby': 'record-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.saveRecord(); },
  },
  h('h3', { class: 'panel__title', id: 'record-title', tabindex: '-1' },
    t('nationality.record_title', { id: c.id, what }), ' ', zhText(c.person_name)),
  summaryOf('record-errors', r.failure, r.errors, { 'record-on': t('nationality.record_on') }, t('nationality.failed')),
  h('div', { class: 'search__fields' },
    field({ label: t('nationality.record_on'), control: d.input, after: d.echo, class: 'field--date',
      error: errorFor(r.errors, 'record-on') }),
    h('div', { class: 'search__actions search__actions--pair' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'record-submit',
        'aria-disabled': r.busy ? 'true' : null }, t('nationality.record_save')),
      h('button', { type: 'button', class: 'button button--secondary', id: 'record-cancel',
        onclick: () => s.cancelRecord() }, t('common.cancel')))));
}

function openForm(s: NationalityFlow): HTMLElement {
  const d = dateInput('case-letter', s.letterDate, (v) => { s.letterDate = v; }, 'past');
  const o = dateInput('case-original', s.originalDate, (v) => { s.originalDate = v; }, 'past');
  const labels = {
    'case-kind': t('nationality.kind'), 'case-name': t('nationality.person_name'),
    'case-id': t('nationality.id_number'), 'case-letter': t('nationality.letter_date'),
    'case-original': t('nationality.original_date'),
  };
  // 撤銷歸化, 撤銷喪失國籍: the decision revoked and the court's finding, shown for those kinds.
  const revocation = h('div', { id: 'case-revocation', hidden: !revokesDecision(s.kind) },
    field({ label: labels['case-original'], hint: t('nationality.original_hint'), control: o.input,
      after: o.echo, error: errorFor(s.openErrors, 'case-original') }),
    radioGroup({
      name: 'case-sham', legend: t('nationality.sham'), value: s.sham, class: 'radios--inline',
      hint: t('nationality.sham_hint'),
      set: (v) => { s.sham = v === 'yes' ? 'yes' : 'no'; },
      radios: [
        { id: 'case-sham-no', value: 'no', label: t('nationality.sham_no') },
        { id: 'case-sham-yes', value: 'yes', label: t('nationality.sham_yes') },
      ],
    }));
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'open-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.openCase(); },
  },
  h('h2', { class: 'panel__title', id: 'open-title' }, t('nationality.open_title')),
  summaryOf('case-errors', s.openFailure, s.openErrors, labels, t('nationality.failed')),
  field({ label: labels['case-kind'], error: errorFor(s.openErrors, 'case-kind'),
    control: selectInput('case-kind', kNationalityKinds.map((k) => ({ value: k, label: t(`natkind.${k}`) })),
      s.kind, (v) => {
        s.kind = v as NationalityFlow['kind'];
        revocation.hidden = !revokesDecision(s.kind);
      }, t('form.choose')) }),
  field({ label: labels['case-name'], error: errorFor(s.openErrors, 'case-name'),
    control: textInput('case-name', s.personName, (v) => { s.personName = v; }, { maxlength: '40' }) }),
  field({ label: labels['case-id'], hint: t('nationality.id_hint'), optional: t('form.optional'),
    error: errorFor(s.openErrors, 'case-id'),
    control: idInput('case-id', s.idNumber, (v) => { s.idNumber = v; }) }),
  field({ label: labels['case-letter'], hint: t('nationality.letter_hint'), control: d.input, after: d.echo,
    error: errorFor(s.openErrors, 'case-letter') }),
  revocation,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'case-submit',
      'aria-disabled': s.openBusy ? 'true' : null }, t('nationality.open_submit'))));
}

function testForm(s: NationalityFlow): HTMLElement {
  const d = dateInput('test-date', s.slotDate, (v) => { s.slotDate = v; }, 'future');
  const labels = {
    'test-case': t('nationality.test_case'), 'test-name': t('nationality.candidate'),
    'test-date': t('nationality.test_date'), 'test-time': t('nationality.test_time'),
  };
  const naturalizations = (s.cases ?? []).filter((c) => c.kind === 'naturalization' && c.state !== 'closed');
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'test-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.bookTest(); },
  },
  h('h2', { class: 'panel__title', id: 'test-title' }, t('nationality.test_title')),
  summaryOf('test-errors', s.testFailure, s.testErrors, labels, t('nationality.test_failed')),
  field({ label: labels['test-case'], optional: t('form.optional'),
    control: selectInput('test-case', naturalizations.map((c) => ({
      value: String(c.id), label: `${t('cases.number', { id: c.id })} ${c.person_name}`,
    })), s.testCase, (v) => {
      s.testCase = v;
      const c = naturalizations.find((x) => String(x.id) === v);
      if (c && s.candidate.trim() === '') {
        s.candidate = c.person_name;
        const name = document.getElementById('test-name');
        if (name instanceof HTMLInputElement) name.value = c.person_name;
      }
    }, t('nationality.test_no_case')) }),
  field({ label: labels['test-name'], error: errorFor(s.testErrors, 'test-name'),
    control: textInput('test-name', s.candidate, (v) => { s.candidate = v; }, { maxlength: '40' }) }),
  h('div', { class: 'form-grid form-grid--pair' },
    field({ label: labels['test-date'], hint: t('nationality.test_date_hint'), control: d.input, after: d.echo,
      error: errorFor(s.testErrors, 'test-date') }),
    field({ label: labels['test-time'], error: errorFor(s.testErrors, 'test-time'),
      control: selectInput('test-time', kTestSlots.map((x) => ({ value: x, label: x })), s.slotTime,
        (v) => { s.slotTime = v as NationalityFlow['slotTime']; }, t('form.choose')) })),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'test-submit',
      'aria-disabled': s.testBusy ? 'true' : null }, t('nationality.test_submit'))));
}

function bookings(s: NationalityFlow): HTMLElement {
  const list = s.bookings ?? [];
  return h('section', { class: 'section', 'aria-labelledby': 'bookings-title' },
    h('div', { class: 'section-head' },
      h('h2', { class: 'section-title', id: 'bookings-title' }, t('nationality.bookings', { n: list.length }))),
    list.length
      ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'bookings-title' },
          h('table', { class: 'table' },
            h('thead', null, h('tr', null,
              h('th', { scope: 'col' }, t('nationality.test_date')),
              h('th', { scope: 'col' }, t('nationality.test_time')),
              h('th', { scope: 'col' }, t('nationality.candidate')),
              h('th', { scope: 'col' }, t('nationality.test_case')),
              h('th', { scope: 'col' }, t('nationality.booked_by')))),
            h('tbody', null, list.map((b) => h('tr', null,
              h('td', null, dateText(b.slot_date)),
              h('td', null, h('span', { class: 'id-number' }, b.slot_time)),
              h('th', { scope: 'row' }, zhText(b.candidate_name)),
              h('td', null, b.case_id ? t('cases.number', { id: b.case_id }) : t('person.none')),
              h('td', null, b.booked_by))))))
      : h('p', { class: 'empty' }, t('nationality.no_bookings')));
}

export function renderNationality(shell: Shell, s: NationalityFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('nationality.title')),
      h('p', { class: 'lead' }, t('nationality.intro'))),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'nationality-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    s.listFailure && s.cases !== null
      ? errorSummary(t('nationality.load_failed'), [{ text: msgText(s.listFailure) }]) : null,
    casesTable(s),
    recordPanel(s),
    h('div', { class: 'two-col' }, openForm(s), testForm(s)),
    bookings(s),
  ].filter((n): n is HTMLElement => n !== null));
}
