// 催告 (#/reminders): the office's reminders by state, each with its letter (催告書), and a form
// to issue one.

import type { Reminder } from '../api';
import { idInput, selectInput, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { dateText, idText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kReminderStates, kReminderTypes } from '../flows/reminders';
import type { RemindersFlow } from '../flows/reminders';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function stateBadge(r: Reminder): HTMLElement {
  const cls = r.state === 'lapsed' || r.state === 'filed_after_lapse' ? 'badge--late'
    : r.state === 'open' ? 'badge--pending' : 'badge--removed';
  return h('span', { class: `badge ${cls}` }, t(`remstate.${r.state}`));
}

function list(s: RemindersFlow): HTMLElement {
  const rows = s.reminders ?? [];
  const title = h('h2', { class: 'section-title', id: 'reminders-title', tabindex: '-1' },
    s.reminders ? t('reminders.count', { n: rows.length }) : t('reminders.list'));
  const filter = field({ label: t('reminders.filter'),
    control: selectInput('rem-filter', kReminderStates.map((x) => ({ value: x, label: t(`remstate.${x}`) })),
      s.status, (v) => s.filter(v as RemindersFlow['status'])) });
  let body: HTMLElement;
  if (s.reminders === null) {
    body = h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'));
  } else if (!rows.length) {
    body = h('p', { class: 'empty' }, t('reminders.none'));
  } else {
    body = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'reminders-title' },
      h('table', { class: 'table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('app.number')),
          h('th', { scope: 'col' }, t('reminders.type')),
          h('th', { scope: 'col' }, t('reminders.addressees')),
          h('th', { scope: 'col' }, t('reminders.served_on')),
          h('th', { scope: 'col' }, t('reminders.due')),
          h('th', { scope: 'col' }, t('col.status')),
          h('th', { scope: 'col' }, t('reminders.letter')))),
        h('tbody', null, rows.map((r) => h('tr', { class: r.state === 'lapsed' ? 'is-late' : null },
          h('th', { scope: 'row' }, h('span', { class: 'id-number' }, String(r.id))),
          h('td', null, t(`regtype.${r.type}` as Parameters<typeof t>[0]), h('br'), idText(r.subject_id)),
          h('td', null, r.addressees.map((a, i) => [i ? h('br') : null, zhText(a.name), `（${a.relation}）`])),
          h('td', null, dateText(r.served_on)),
          h('td', null, dateText(r.due)),
          h('td', null, stateBadge(r), r.application_id
            ? [h('br'), h('span', { class: 'muted small' }, t('cases.number', { id: r.application_id }))] : null),
          h('td', { class: 'table__action' },
            h('button', { type: 'button', class: 'button button--secondary button--small',
              id: `rem-${r.id}-letter`, onclick: () => void s.letter(r.id) },
            t('reminders.download'), h('span', { class: 'visually-hidden' }, ` ${t('cases.number', { id: r.id })}`))))))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'reminders-title' },
    h('div', { class: 'section-head' }, title, filter), body);
}

function issueForm(s: RemindersFlow): HTMLElement {
  const event = dateInput('rem-event', s.eventDate, (v) => { s.eventDate = v; });
  const served = dateInput('rem-served', s.servedOn, (v) => { s.servedOn = v; }, 'past');
  const labels: Record<string, string> = {
    'rem-type': t('reminders.type'), 'rem-subject': t('reminders.subject'),
    'rem-event': t('reminders.event_date'), 'rem-served': t('reminders.served_on'),
    'rem-addressee': t('reminders.addressee'), 'rem-relation': t('reminders.relation'),
  };
  const summary = s.failure
    ? errorSummary(t('reminders.failed'), [{ text: msgText(s.failure) }], 'rem-errors')
    : s.errors.length
      ? errorSummary(t('error.summary_title'), s.errors.map((e) => ({
        text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
      })), 'rem-errors')
      : null;
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'rem-form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.issue(); },
  },
  h('h2', { class: 'panel__title', id: 'rem-form-title' }, t('reminders.issue_title')),
  summary,
  field({ label: labels['rem-type'] ?? '', error: errorFor(s.errors, 'rem-type'),
    control: selectInput('rem-type', kReminderTypes.map((x) => ({
      value: x, label: t(`regtype.${x}` as Parameters<typeof t>[0]),
    })), s.type, (v) => { s.type = v; }, t('form.choose')) }),
  field({ label: labels['rem-subject'] ?? '', hint: t('reminders.subject_hint'), error: errorFor(s.errors, 'rem-subject'),
    control: idInput('rem-subject', s.subjectId, (v) => { s.subjectId = v; }) }),
  field({ label: labels['rem-event'] ?? '', control: event.input, after: event.echo, class: 'field--date',
    error: errorFor(s.errors, 'rem-event') }),
  field({ label: labels['rem-served'] ?? '', hint: t('reminders.served_hint'), optional: t('form.optional'),
    control: served.input, after: served.echo, class: 'field--date', error: errorFor(s.errors, 'rem-served') }),
  h('div', { class: 'form-grid form-grid--pair' },
    field({ label: labels['rem-addressee'] ?? '', error: errorFor(s.errors, 'rem-addressee'),
      control: idInput('rem-addressee', s.addresseeId, (v) => { s.addresseeId = v; }) }),
    field({ label: labels['rem-relation'] ?? '', error: errorFor(s.errors, 'rem-relation'),
      control: textInput('rem-relation', s.relation, (v) => { s.relation = v; }, { maxlength: '10' }) })),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'rem-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('reminders.issue_submit'))));
}

export function renderReminders(shell: Shell, s: RemindersFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('reminders.title')),
      h('p', { class: 'lead' }, t('reminders.intro'))),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'reminders-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    list(s),
    issueForm(s),
  ].filter((n): n is HTMLElement => n !== null));
}
