// 審核 (#/review): the queue of pending applications, one application with its decision form,
// and the registered (or rejected) result.

import type { Application } from '../api';
import {
  applicantFacts, applicationFacts, applicationFields, entryFacts, fact, lateBadge, panel,
  statusText,
} from '../components/application';
import { radioGroup, textArea, textInput } from '../components/controls';
import { deliveriesPanel } from '../components/delivery';
import { changesTable, documentsList, entriesList, partiesList, personText, staffText } from '../components/case_view';
import { dateText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { ReviewFlow } from '../flows/review';
import { formatDateTime, moneyRange, t, typeName } from '../i18n';
import { errorFor, msgText } from '../messages';
import { typeSpec } from '../registration_types';
import type { Shell } from '../shell';

function queueTable(s: ReviewFlow): HTMLElement {
  const q = s.queue ?? [];
  const title = h('h2', { class: 'section-title', id: 'queue-title', tabindex: '-1' },
    s.queue === null ? t('review.queue_title') : t('review.queue_count', { n: q.length }));
  const refresh = h('button', {
    type: 'button', class: 'button button--secondary button--small', id: 'queue-refresh',
    onclick: () => void s.loadQueue(),
  }, t('review.refresh'));
  let body: HTMLElement;
  if (s.queue === null) {
    body = h('p', { class: 'muted', role: 'status' }, t('common.loading'));
  } else if (q.length === 0) {
    body = h('p', { class: 'empty' }, t('review.queue_empty'));
  } else {
    body = h('div', {
      class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'queue-caption',
    },
    h('table', { class: 'table table--queue' },
      h('caption', { id: 'queue-caption', class: 'visually-hidden' }, t('review.queue_title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('app.number')),
        h('th', { scope: 'col' }, t('app.type')),
        h('th', { scope: 'col' }, t('app.subject')),
        h('th', { scope: 'col' }, t('app.event_date')),
        h('th', { scope: 'col' }, t('app.entered')),
        h('th', { scope: 'col' }, t('app.deadline')),
        h('th', { scope: 'col' }, t('app.lateness')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('review.action'))))),
      h('tbody', null, q.map((a) => h('tr', { class: a.days_late > 0 ? 'is-late' : null, id: `queue-${a.id}` },
        h('th', { scope: 'row' }, h('span', { class: 'id-number' }, String(a.id))),
        h('td', null, typeName(a.type)),
        h('td', null, a.subject_id ? personText(a, a.subject_id) : h('span', { class: 'muted' }, t('app.subject_new'))),
        h('td', null, dateText(a.event_date)),
        h('td', null, staffText(a.entered_by_name, a.entered_by),
          a.own ? [' ', h('span', { class: 'badge badge--pending', id: `own-${a.id}` }, t('review.own_badge'))] : null,
          h('br'), h('span', { class: 'muted small' }, formatDateTime(a.entered_at_ms))),
        h('td', null, a.deadline === null ? t('app.no_deadline') : dateText(a.deadline)),
        h('td', null, lateBadge(a.days_late)),
        h('td', { class: 'table__action' }, h('button', {
          type: 'button', class: 'button button--secondary button--small', id: `open-${a.id}`,
          onclick: () => void s.open(a.id),
        }, t(a.own ? 'review.view' : 'review.open'), h('span', { class: 'visually-hidden' }, ` ${t('cases.number', { id: a.id })} ${typeName(a.type)}`))))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'queue-title' },
    h('div', { class: 'section-head' }, title, refresh), body);
}

// Four eyes: the supervisor's own entry is not theirs to decide; the reason stands where the
// decision would be, and the server refuses it too (registration.four_eyes).
function ownCase(): HTMLElement {
  return h('div', { class: 'panel decision', 'aria-labelledby': 'decision-title' },
    h('h3', { class: 'panel__title', id: 'decision-title' }, t('review.decision_title')),
    h('p', { class: 'warning warning--compact', id: 'four-eyes-reason' }, t('review.own_reason')),
    h('div', { class: 'form__actions' },
      h('button', {
        type: 'button', class: 'button button--primary', id: 'review-submit', disabled: true,
        'aria-describedby': 'four-eyes-reason',
      }, t('review.approve'))));
}

function decisionForm(s: ReviewFlow, a: Application): HTMLElement {
  const late = a.days_late > 0;
  const { min, max } = a.proposed_fine;
  const fine = field({
    label: t('review.fine'),
    hint: t('review.fine_hint', { range: moneyRange(min, max) }),
    error: errorFor(s.errors, 'review-fine'),
    class: 'field--short',
    control: textInput('review-fine', s.fine, (v) => { s.fine = v; },
      { inputmode: 'numeric', maxlength: '5', class: 'input input--id' }),
  });
  fine.hidden = !late || s.decision !== 'approve';
  const decision = radioGroup({
    name: 'decision', legend: t('review.decision'), value: s.decision,
    error: errorFor(s.errors, 'decision-approve'),
    set: (v) => {
      s.decision = v as ReviewFlow['decision'];
      fine.hidden = !late || s.decision !== 'approve';
    },
    radios: [
      { id: 'decision-approve', value: 'approve', label: t('review.approve') },
      { id: 'decision-reject', value: 'reject', label: t('review.reject') },
    ],
    class: 'radios--inline',
  });
  const note = field({
    label: t('review.note'), hint: t(late ? 'review.note_hint_late' : 'review.note_hint'),
    error: errorFor(s.errors, 'review-note'), class: 'field--wide',
    control: textArea('review-note', s.note, (v) => { s.note = v; }, { maxlength: '500' }),
  });
  return h('form', {
    class: 'panel decision', novalidate: true, 'aria-labelledby': 'decision-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  h('h3', { class: 'panel__title', id: 'decision-title' }, t('review.decision_title')),
  late
    ? h('div', { class: 'warning warning--compact' },
        h('strong', { class: 'warning__tag' }, t('app.late_badge')),
        h('p', null, t('review.late_text', { n: a.days_late, range: moneyRange(min, max) })))
    : null,
  decision, fine, note,
  h('div', { class: 'form__actions' },
    h('button', {
      type: 'submit', class: 'button button--primary', id: 'review-submit',
      'aria-disabled': s.busy ? 'true' : null,
    }, s.busy ? t('review.busy') : t('review.submit'))));
}

function detail(s: ReviewFlow, a: Application): Node[] {
  const labels: Record<string, string> = {
    'decision-approve': t('review.decision'),
    'review-fine': t('review.fine'),
    'review-note': t('review.note'),
  };
  let summary: HTMLElement | null = null;
  if (s.failure) {
    const reload = s.offerReload
      ? h('div', { class: 'error-summary__actions' },
          s.failureCode === 'registration.concurrent_change'
            ? h('p', null, t('review.concurrent_hint')) : null,
          h('button', {
            type: 'button', class: 'button button--secondary', id: 'review-reload',
            onclick: () => void s.reload(),
          }, t('review.reload')))
      : null;
    summary = errorSummary(t('review.failed'),
      [{ text: msgText(s.failure), field: s.errors[0]?.field }], 'error-summary', reload);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'), s.errors.map((e) => ({
      text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }),
      field: e.field,
    })));
  }
  return [
    h('div', { class: 'form-head' },
      h('h2', { class: 'form-head__title', id: 'detail-title', tabindex: '-1' },
        t('review.detail_title', { id: a.id, type: typeName(a.type) })),
      h('button', { type: 'button', class: 'button button--secondary', id: 'back-to-queue',
        onclick: () => s.backToQueue() }, t('review.back'))),
    summary,
    h('div', { class: 'detail-grid' },
      h('div', { class: 'detail-grid__main' },
        panel('facts-title', t('review.facts'), applicationFacts(a)),
        panel('parties-title', t('case.parties'), partiesList(a, (id) => void s.lookUp(id))),
        panel('changes-title', t('case.changes'), changesTable(a)),
        panel('entries-title', t(a.status === 'registered' ? 'case.entries_written' : 'case.entries'), entriesList(a)),
        panel('fields-title', t('review.fields', { type: typeName(a.type) }), applicationFields(a)),
        panel('applicant-title', t('review.applicant'), applicantFacts(a)),
        panel('entry-title', t('review.entry'), entryFacts(a)),
        panel('documents-title', t('case.documents'), documentsList(s.shell, a)),
        deliveriesPanel(s.deliveries)),
      h('div', { class: 'detail-grid__side' },
        a.status === 'pending_review' && a.own
          ? ownCase()
          : a.status === 'pending_review'
          ? decisionForm(s, a)
          : h('div', { class: 'panel' }, h('p', null, t('review.already'), ' ', statusText(a))))),
  ].filter((n): n is HTMLElement => n !== null);
}

function decided(s: ReviewFlow, a: Application): HTMLElement {
  const registered = a.status === 'registered';
  const spec = typeSpec(a.type);
  const who = a.result_subject_id ?? a.subject_id;
  const seqs = a.event_seqs.length
    ? (a.event_seqs[0] === a.event_seqs[a.event_seqs.length - 1]
        ? String(a.event_seqs[0]) : `${a.event_seqs[0]}–${a.event_seqs[a.event_seqs.length - 1]}`)
    : '';
  return h('section', { class: registered ? 'confirmation' : 'confirmation confirmation--rejected',
    'aria-labelledby': 'decided-title' },
  h('div', { class: 'confirmation__head' },
    h('h2', { class: 'confirmation__title', id: 'decided-title', tabindex: '-1' },
      t(registered ? 'review.registered' : 'review.rejected', { id: a.id })),
    registered && a.result_subject_id && spec?.subject === 'none'
      ? h('p', { class: 'confirmation__number' },
          h('span', { class: 'confirmation__label' }, t('review.allocated_id')),
          h('strong', { class: 'confirmation__value id-number', id: 'result-subject-id' }, a.result_subject_id))
      : null),
  h('div', { class: 'panel' },
    h('dl', { class: 'facts' },
      fact(t('app.type'), typeName(a.type)),
      fact(t('app.subject'), who ? personText(a, who) : t('person.none')),
      registered ? fact(t('app.registered_on'), a.registered_on ? dateText(a.registered_on) : '') : null,
      registered && seqs ? fact(t('review.event_seqs'), h('span', { class: 'id-number', id: 'event-seqs' }, seqs)) : null,
      a.fine_decided !== null ? fact(t('app.fine_decided'), moneyRange(a.fine_decided, a.fine_decided)) : null,
      a.review_note ? fact(t('app.review_note'), a.review_note, 'facts__item--wide') : null,
      fact(t('app.status'), statusText(a)))),
  h('div', { class: 'form__actions' },
    registered && who
      ? h('a', {
          class: 'button button--primary', href: '#/lookup', id: 'lookup-result',
          onclick: (ev) => { ev.preventDefault(); void s.lookUp(who); },
        }, t('review.lookup_person'))
      : null,
    h('button', { type: 'button', class: 'button button--secondary', id: 'back-after-decision',
      onclick: () => s.backToQueue() }, t('review.back'))));
}

export function renderReview(shell: Shell, s: ReviewFlow): Node[] {
  const content: Node[] = [];
  if (s.queueFailure && !s.current) {
    content.push(errorSummary(t('review.load_failed'), [{ text: msgText(s.queueFailure) }]));
  }
  if (s.done) content.push(decided(s, s.done));
  if (s.current) content.push(...detail(s, s.current));
  else if (!s.done) content.push(queueTable(s));
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('review.title')),
      h('p', { class: 'lead' }, t('review.intro'))),
    ...content,
  ]);
}
