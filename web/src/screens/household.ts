// 戶籍資料 (#/household/<戶號>): the household number and a purpose, then the address, the
// head and the members with their 稱謂; each member can be looked up with the same purpose.

import type { HouseholdDetail } from '../api';
import { fact } from '../components/application';
import { idInput } from '../components/controls';
import { dateText, idText, memberStatus, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { eventsList } from '../components/events';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { purposePicker, purposeRecorded } from '../components/purpose_picker';
import { h } from '../dom';
import type { HouseholdFlow } from '../flows/household';
import { relationText, t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

// 戶內人口記事: each member's entries under their 稱謂 and name, as on a household transcript.
function memberEvents(s: HouseholdFlow, hh: HouseholdDetail): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'hh-events-title' },
    h('h3', { class: 'panel__title', id: 'hh-events-title' }, t('hh.events_title')),
    h('p', { class: 'muted small' }, t('hh.events_note')),
    h('ul', { class: 'member-events' }, hh.members.map((m) => {
      const got = s.memberEvents.get(m.id_number);
      const titleId = `events-${m.id_number}`;
      const body = got === undefined
        ? h('p', { class: 'muted' }, t('hh.events_loading'))
        : Array.isArray(got) ? eventsList(got) : h('p', { class: 'field__error' }, msgText(got));
      return h('li', { class: 'member-events__item' },
        h('h4', { class: 'member-events__title', id: titleId },
          h('span', { class: 'member-events__relation' }, relationText(m.relation)), ' ',
          zhText(m.name), ' ', idText(m.id_number)),
        body);
    })));
}

function searchForm(s: HouseholdFlow): HTMLElement {
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-label': t('hh.form_label'),
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  h('div', { class: 'search__fields' },
    field({
      label: t('household.no'), hint: t('hh.no_hint'), error: errorFor(s.errors, 'household-no'),
      class: 'field--hhno', control: idInput('household-no', s.no, (v) => { s.no = v; }, 8),
    }),
    purposePicker(s.choice, s.errors),
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'household-submit' },
        t('lookup.submit')))));
}

function result(s: HouseholdFlow, hh: HouseholdDetail): HTMLElement {
  const head = hh.members.find((m) => m.id_number === hh.head_id_number);
  const active = hh.members.filter((m) => m.status === 'active').length;
  const rows = hh.members.map((m) => {
    const isHead = m.id_number === hh.head_id_number;
    return h('tr', { class: isHead ? 'is-subject' : null },
      h('td', null, relationText(m.relation)),
      h('th', { scope: 'row' }, zhText(m.name),
        isHead ? h('span', { class: 'tag' }, t('hh.head_tag')) : null),
      h('td', null, h('button', {
        type: 'button', class: 'link-button', 'data-id-number': m.id_number,
        onclick: () => void s.lookUp(m.id_number),
      }, h('span', { class: 'visually-hidden' }, `${t('person.lookup_relative')} `), idText(m.id_number))),
      h('td', null, t(`sex.${m.sex}`)),
      h('td', null, dateText(m.birth_date, m.birth_date_roc)),
      h('td', null, memberStatus(m)));
  });
  return h('section', { class: 'result', 'aria-labelledby': 'result-title' },
    h('div', { class: 'result__head' },
      h('h2', { class: 'result__title', id: 'result-title', tabindex: '-1' },
        t('hh.result_title'), h('span', { class: 'id-number' }, hh.household_no)),
      purposeRecorded(s.resultPurpose)),
    h('section', { class: 'panel', 'aria-labelledby': 'hh-facts-title' },
      h('h3', { class: 'panel__title', id: 'hh-facts-title' }, t('household.heading')),
      h('dl', { class: 'facts' },
        fact(t('household.no'), idText(hh.household_no)),
        fact(t('household.address'), zhText(hh.address || t('person.none')), 'facts__item--wide'),
        fact(t('hh.head'), head ? [zhText(head.name), ' ', idText(head.id_number)] : idText(hh.head_id_number)),
        fact(t('hh.established'), hh.established ? dateText(hh.established) : t('person.none')),
        fact(t('hh.members_active'), t('kpi.persons', { n: active })))),
    h('section', { class: 'panel', 'aria-labelledby': 'members-caption' },
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'members-caption' },
        h('table', { class: 'table' },
          h('caption', { id: 'members-caption' }, t('household.caption', { n: hh.members.length })),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('col.relation')),
            h('th', { scope: 'col' }, t('col.name')),
            h('th', { scope: 'col' }, t('col.id_number')),
            h('th', { scope: 'col' }, t('person.sex')),
            h('th', { scope: 'col' }, t('col.birth_date')),
            h('th', { scope: 'col' }, t('col.status')))),
          h('tbody', null, rows)))),
    memberEvents(s, hh));
}

export function renderHousehold(shell: Shell, s: HouseholdFlow): Node[] {
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('lookup.failed'), [{ text: msgText(s.failure) }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('hh.title')),
      h('p', { class: 'lead' }, t('hh.intro'))),
    summary,
    searchForm(s),
    s.result ? result(s, s.result) : null,
  ].filter((n): n is HTMLElement => n !== null));
}
