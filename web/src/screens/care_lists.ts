// 主動關懷通報 (#/care-lists): the month picker, the rate against its target, the month's
// qualifying cases with their notification, and the form that records, corrects or withdraws
// one case's notification.

import type { CareCase, CareList } from '../api';
import { fact } from '../components/application';
import { selectInput, textInput } from '../components/controls';
import { dateText, zhText } from '../components/data';
import { dateInput } from '../components/date_input';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { Child } from '../dom';
import { kCareChannels } from '../flows/care_lists';
import type { CareListsFlow } from '../flows/care_lists';
import { formatPercent, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function channelText(code: string): string {
  const key = `care.channel.${code}`;
  return kCareChannels.includes(code) ? t(key as MessageKey) : code;
}

function monthForm(s: CareListsFlow): HTMLElement {
  const input = h('input', {
    id: 'care-month', name: 'care-month', type: 'month', class: 'input input--date', value: s.month,
    min: '1900-01', max: '9999-12',
    oninput: (ev) => { s.month = (ev.target as HTMLInputElement).value; },
  });
  return h('form', {
    class: 'section-head', novalidate: true,
    onsubmit: (ev) => { ev.preventDefault(); s.show(); },
  },
  field({ label: t('care.month'), hint: t('care.month_hint'), control: input }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'care-show' }, t('care.show'))));
}

function ratePanel(l: CareList): HTMLElement {
  const target = `≥ ${formatPercent(l.target * 100)}`;
  const met = l.rate !== null && l.rate >= l.target;
  return h('section', { class: 'panel kpi', 'aria-labelledby': 'care-rate-title' },
    h('h2', { class: 'panel__title', id: 'care-rate-title' }, t('care.rate_title')),
    h('dl', { class: 'facts facts--kpi' },
      fact(t('care.eligible'), t('kpi.cases', { n: l.eligible })),
      fact(t('care.notified'), t('kpi.cases', { n: l.notified })),
      fact(t('care.rate'), l.rate === null
        ? h('span', { id: 'care-rate' }, t('care.no_rate'))
        : h('span', { id: 'care-rate' }, formatPercent(l.rate * 100), ' ',
          h('span', { class: `badge ${met ? 'badge--active' : 'badge--late'}` }, t(met ? 'kpi.met' : 'kpi.missed')))),
      fact(t('care.target'), h('span', { id: 'care-target' }, target)),
      fact(t('kpi.formula'), t('care.formula'), 'facts__item--wide')));
}

function reasonText(c: CareCase): string {
  if (c.reason === 'elderly_marriage') return t('care.reason.elderly_marriage');
  return t('care.reason.divorce_with_minor_children', { n: c.minor_children });
}

function typeText(c: CareCase): string {
  if (c.type === 'marriage') return t('regtype.marriage');
  return c.divorce_kind === 'court' ? t('care.divorce_court') : t('care.divorce_agreed');
}

function notificationCell(c: CareCase): Child[] {
  const n = c.notification;
  if (!n) return [h('span', { class: 'badge badge--pending' }, t('care.not_notified'))];
  return [h('span', { class: 'badge badge--active' }, t('care.notified_badge')), h('br'),
    n.sent_on ? dateText(n.sent_on) : '', ' ', zhText(n.agency), h('br'),
    h('span', { class: 'muted small' }, channelText(n.channel), n.reference ? ` ${n.reference}` : '')];
}

function actions(s: CareListsFlow, c: CareCase): HTMLElement {
  const id = c.registration_id;
  const button = (mode: 'record' | 'correct' | 'withdraw', label: MessageKey, cls: string) =>
    h('button', { type: 'button', class: `button ${cls} button--small`, id: `care-${id}-${mode}`,
      onclick: () => s.open(id, mode) },
    t(label), h('span', { class: 'visually-hidden' }, ` #${id}`));
  return h('td', { class: 'table__action' }, c.notification
    ? [button('correct', 'care.correct', 'button--secondary'), ' ', button('withdraw', 'care.withdraw', 'button--secondary')]
    : button('record', 'care.record', 'button--primary'));
}

function caseTable(s: CareListsFlow, l: CareList): HTMLElement {
  if (!l.cases.length) return h('p', { class: 'empty' }, t('care.none'));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'care-title' },
    h('table', { class: 'table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('app.number')),
        h('th', { scope: 'col' }, t('care.type')),
        h('th', { scope: 'col' }, t('app.registered_on')),
        h('th', { scope: 'col' }, t('care.reason')),
        h('th', { scope: 'col' }, t('care.persons')),
        h('th', { scope: 'col' }, t('care.notification')),
        h('th', { scope: 'col' }, t('care.actions')))),
      h('tbody', null, l.cases.map((c) => h('tr', { class: c.notification ? null : 'is-late' },
        h('th', { scope: 'row' }, h('span', { class: 'id-number' }, `#${c.registration_id}`)),
        h('td', null, typeText(c)),
        h('td', null, c.registered_on ? dateText(c.registered_on) : ''),
        h('td', null, reasonText(c)),
        h('td', null, c.persons.map((p, i) => [i ? h('br') : null, zhText(p.name),
          ` ${t('care.age', { n: p.age })}`])),
        h('td', null, notificationCell(c)),
        actions(s, c))))));
}

function notificationForm(s: CareListsFlow): HTMLElement | null {
  const sel = s.selected;
  const c = sel ? s.caseOf(sel.id) : undefined;
  if (!sel || !c) return null;
  const labels: Record<string, string> = {
    'care-sent-on': t('care.sent_on'), 'care-agency': t('care.agency'),
    'care-channel': t('care.channel'), 'care-reference': t('care.reference'),
    'care-reason': t(sel.mode === 'withdraw' ? 'care.withdraw_reason' : 'care.correct_reason'),
  };
  const summary = s.failure
    ? errorSummary(t('care.failed'), [{ text: msgText(s.failure) }], 'care-errors')
    : s.errors.length
      ? errorSummary(t('error.summary_title'), s.errors.map((e) => ({
        text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
      })), 'care-errors')
      : null;
  const f = s.form;
  const sent = dateInput('care-sent-on', f.sentOn, (v) => { f.sentOn = v; }, 'past');
  const fields = sel.mode === 'withdraw' ? [] : [
    field({ label: labels['care-sent-on'] ?? '', control: sent.input, after: sent.echo, class: 'field--date',
      error: errorFor(s.errors, 'care-sent-on') }),
    field({ label: labels['care-agency'] ?? '', hint: t('care.agency_hint'), error: errorFor(s.errors, 'care-agency'),
      control: textInput('care-agency', f.agency, (v) => { f.agency = v; }, { maxlength: '200' }) }),
    h('div', { class: 'form-grid form-grid--pair' },
      field({ label: labels['care-channel'] ?? '', error: errorFor(s.errors, 'care-channel'),
        control: selectInput('care-channel', kCareChannels.map((x) => ({ value: x, label: channelText(x) })),
          f.channel, (v) => { f.channel = v; }, t('form.choose')) }),
      field({ label: labels['care-reference'] ?? '', optional: t('form.optional'),
        control: textInput('care-reference', f.reference, (v) => { f.reference = v; }, { maxlength: '200' }) })),
  ];
  const reason = sel.mode === 'record' ? null
    : field({ label: labels['care-reason'] ?? '', error: errorFor(s.errors, 'care-reason'),
      control: textInput('care-reason', f.reason, (v) => { f.reason = v; }, { maxlength: '200' }) });
  const title = t(`care.form.${sel.mode}`, { id: c.registration_id });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'care-form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  h('h2', { class: 'panel__title', id: 'care-form-title', tabindex: '-1' }, title),
  summary, ...fields, reason,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'care-submit',
      'aria-disabled': s.busy ? 'true' : null }, t(sel.mode === 'withdraw' ? 'care.withdraw_submit' : 'care.submit')),
    h('button', { type: 'button', class: 'button button--secondary', id: 'care-cancel',
      onclick: () => s.cancel() }, t('care.cancel'))));
}

export function renderCareLists(shell: Shell, s: CareListsFlow): Node[] {
  const l = s.list;
  const title = h('h2', { class: 'section-title', id: 'care-title', tabindex: '-1' },
    l ? t('care.count', { month: l.month, n: l.cases.length }) : t('care.list'));
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('care.title')),
      h('p', { class: 'lead' }, t('care.intro'))),
    monthForm(s),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'care-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    l ? ratePanel(l) : null,
    h('section', { class: 'section', 'aria-labelledby': 'care-title' },
      h('div', { class: 'section-head' }, title, l && l.cases.length
        ? h('button', { type: 'button', class: 'button button--secondary', id: 'care-download',
          onclick: () => void s.download() }, t('care.download'))
        : null),
      l && s.listFailure ? h('p', { class: 'field__error', id: 'care-failure' }, msgText(s.listFailure)) : null,
      l ? caseTable(s, l)
        : h('p', { class: s.listFailure ? 'field__error' : 'muted', id: 'care-failure' },
          s.listFailure ? msgText(s.listFailure) : t('common.loading'))),
    notificationForm(s),
  ].filter((n): n is HTMLElement => n !== null));
}
