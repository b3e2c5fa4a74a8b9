// 個人資料: the looked-up person's own entries, with father, mother and spouse as buttons
// that look that person up (`lookUp`, with the same purpose).

import type { Person, PersonRef } from '../api';
import { h } from '../dom';
import type { Child } from '../dom';
import { lang, relationText, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { dateText, idText, statusBadge, zhText } from './data';

function fact(label: MessageKey, value: Child, wide = false): HTMLElement {
  return h('div', { class: wide ? 'facts__item facts__item--wide' : 'facts__item' },
    h('dt', null, t(label)), h('dd', null, value));
}

function relative(ref: PersonRef | null, lookUp: (id: string) => void): Child {
  if (!ref) return h('span', { class: 'muted' }, t('person.none'));
  const id = ref.id_number;
  if (!id) return zhText(ref.name);  // a parent outside the register
  return h('button', {
    type: 'button',
    class: 'link-button',
    'data-id-number': id,
    onclick: () => lookUp(id),
  },
  h('span', { class: 'visually-hidden' }, `${t('person.lookup_relative')} `),
  zhText(ref.name), lang() === 'zh' ? '（' : ' (', idText(id),
  lang() === 'zh' ? '）' : ')');
}

export function personCard(p: Person, lookUp: (id: string) => void): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'person-heading' },
    h('h3', { class: 'panel__title', id: 'person-heading' }, t('person.heading')),
    h('dl', { class: 'facts' },
      fact('person.name', zhText(p.name, 'person-name')),
      fact('person.id_number', idText(p.id_number)),
      fact('person.sex', t(`sex.${p.sex}`)),
      fact('person.birth_date', dateText(p.birth_date, p.birth_date_roc)),
      fact('person.birth_place', zhText(p.birth_place)),
      fact('person.relation', p.relation ? relationText(p.relation) : t('person.none')),
      fact('person.father', relative(p.father, lookUp)),
      fact('person.mother', relative(p.mother, lookUp)),
      fact('person.spouse', relative(p.spouse, lookUp)),
      fact('person.indigenous', p.indigenous ? zhText(p.indigenous) : t('person.not_indigenous')),
      fact('person.status', statusBadge(p))));
}
