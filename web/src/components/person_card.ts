// 個人資料: the looked-up person's own entries, with father, mother and spouse as buttons
// that look that person up with the same purpose.

import type { Person, PersonRef } from '../api';
import type { App } from '../app';
import { h } from '../dom';
import type { Child } from '../dom';
import { lang, relationText, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { dateText, idText, statusBadge, zhText } from './data';

function fact(label: MessageKey, value: Child, wide = false): HTMLElement {
  return h('div', { class: wide ? 'facts__item facts__item--wide' : 'facts__item' },
    h('dt', null, t(label)), h('dd', null, value));
}

function relative(app: App, ref: PersonRef | null): Child {
  if (!ref) return h('span', { class: 'muted' }, t('person.none'));
  const id = ref.id_number;
  if (!id) return zhText(ref.name);  // a parent outside the register
  return h('button', {
    type: 'button',
    class: 'link-button',
    'data-id-number': id,
    onclick: () => void app.lookupRelated(id),
  },
  h('span', { class: 'visually-hidden' }, `${t('person.lookup_relative')} `),
  zhText(ref.name), lang() === 'zh' ? '（' : ' (', idText(id),
  lang() === 'zh' ? '）' : ')');
}

export function personCard(app: App, p: Person): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'person-heading' },
    h('h3', { class: 'panel__title', id: 'person-heading' }, t('person.heading')),
    h('dl', { class: 'facts' },
      fact('person.name', zhText(p.name, 'person-name')),
      fact('person.id_number', idText(p.id_number)),
      fact('person.sex', t(`sex.${p.sex}`)),
      fact('person.birth_date', dateText(p.birth_date, p.birth_date_roc)),
      fact('person.birth_place', zhText(p.birth_place)),
      fact('person.relation', p.relation ? relationText(p.relation) : t('person.none')),
      fact('person.father', relative(app, p.father)),
      fact('person.mother', relative(app, p.mother)),
      fact('person.spouse', relative(app, p.spouse)),
      fact('person.indigenous', p.indigenous ? zhText(p.indigenous) : t('person.not_indigenous')),
      fact('person.status', statusBadge(p))));
}
