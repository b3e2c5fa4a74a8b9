// 戶籍資料: household number, address and the members table, the looked-up person marked.
// Each other member's ID number looks that member up; the household number opens the
// household's own page.

import type { Household } from '../api';
import { h } from '../dom';
import { relationText, t } from '../i18n';
import { dateText, idText, memberStatus, zhText } from './data';

export interface HouseholdActions {
  lookUp(idNumber: string): void;
  open(householdNo: string): void;
}

export function householdPanel(hh: Household | null, subjectId: string,
  actions: HouseholdActions): HTMLElement {
  const title = h('h3', { class: 'panel__title', id: 'household-heading' }, t('household.heading'));
  if (!hh) {
    return h('section', { class: 'panel', 'aria-labelledby': 'household-heading' },
      title, h('p', null, t('household.none')));
  }
  const rows = hh.members.map((m) => {
    const self = m.id_number === subjectId;
    return h('tr', { class: self ? 'is-subject' : null },
      h('td', null, relationText(m.relation)),
      h('th', { scope: 'row' }, zhText(m.name),
        self ? h('span', { class: 'tag' }, t('household.this_person')) : null),
      h('td', null, self
        ? idText(m.id_number)
        : h('button', {
            type: 'button',
            class: 'link-button',
            onclick: () => actions.lookUp(m.id_number),
          },
          h('span', { class: 'visually-hidden' }, `${t('person.lookup_relative')} `),
          idText(m.id_number))),
      h('td', null, dateText(m.birth_date, m.birth_date_roc)),
      h('td', null, memberStatus(m)));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'household-heading' },
    title,
    h('dl', { class: 'facts facts--household' },
      h('div', { class: 'facts__item' },
        h('dt', null, t('household.no')), h('dd', null, h('a', {
          href: `#/household/${encodeURIComponent(hh.household_no)}`,
          class: 'link',
          id: 'household-link',
          onclick: (ev) => {
            ev.preventDefault();
            actions.open(hh.household_no);
          },
        }, h('span', { class: 'visually-hidden' }, t('household.open')), idText(hh.household_no)))),
      h('div', { class: 'facts__item facts__item--wide' },
        h('dt', null, t('household.address')), h('dd', null, zhText(hh.address)))),
    // Focusable so that a keyboard can scroll the table sideways on a narrow screen.
    h('div', {
      class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'members-caption',
    },
      h('table', { class: 'table' },
        h('caption', { id: 'members-caption' }, t('household.caption', { n: hh.members.length })),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('col.relation')),
          h('th', { scope: 'col' }, t('col.name')),
          h('th', { scope: 'col' }, t('col.id_number')),
          h('th', { scope: 'col' }, t('col.birth_date')),
          h('th', { scope: 'col' }, t('col.status')))),
        h('tbody', null, rows))));
}
