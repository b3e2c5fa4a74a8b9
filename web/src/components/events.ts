// 戶籍記事: the person's register entries in order, in the interface language.

import type { RegisterEvent } from '../api';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { zhText } from './data';

// The transcript's wording from the server (describe_zh / describe_en), oldest first.
export function eventsList(events: RegisterEvent[]): HTMLElement {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return sorted.length
    ? h('ol', { class: 'events' }, sorted.map((e) =>
        h('li', { class: 'events__item' },
          lang() === 'en' && e.text_en ? e.text_en : zhText(e.text_zh))))
    : h('p', null, t('events.none'));
}

export function eventsPanel(events: RegisterEvent[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'events-heading' },
    h('h3', { class: 'panel__title', id: 'events-heading' }, t('events.heading')),
    eventsList(events));
}
