// 戶籍記事: the person's register entries in order, in the interface language.

import type { RegisterEvent } from '../api';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { zhText } from './data';

export function eventsPanel(events: RegisterEvent[]): HTMLElement {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return h('section', { class: 'panel', 'aria-labelledby': 'events-heading' },
    h('h3', { class: 'panel__title', id: 'events-heading' }, t('events.heading')),
    sorted.length
      ? h('ol', { class: 'events' }, sorted.map((e) =>
          h('li', { class: 'events__item' },
            lang() === 'en' && e.text_en ? e.text_en : zhText(e.text_zh))))
      : h('p', null, t('events.none')));
}
