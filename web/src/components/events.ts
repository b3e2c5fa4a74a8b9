// 戶籍記事: the person's register entries in order, in the interface language.

import type { RegisterEvent } from '../api';
import { h } from '../dom';
import { formatDate, lang, t } from '../i18n';
import { zhText } from './data';

// The server's English wording writes its dates in ISO ("2024-05-01 Moved in from …, registered
// 2024-05-03", describe_en in src/domain/register/model.cc); the page writes them its own way
// (1 May 2024). A text not in that shape is shown as it came. The Chinese wording already
// writes 民國 dates, as the page does.
export function eventTextEn(e: RegisterEvent): string {
  const head = `${e.event_date} `;
  const tail = `, registered ${e.registered_on}`;
  if (!e.text_en.startsWith(head) || !e.text_en.endsWith(tail)) return e.text_en;
  const body = e.text_en.slice(head.length, e.text_en.length - tail.length);
  return `${formatDate(e.event_date)}: ${body}; registered ${formatDate(e.registered_on)}`;
}

// The transcript's wording from the server (describe_zh / describe_en), oldest first.
export function eventsList(events: RegisterEvent[]): HTMLElement {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return sorted.length
    ? h('ol', { class: 'events' }, sorted.map((e) =>
        h('li', { class: 'events__item' },
          lang() === 'en' && e.text_en ? eventTextEn(e) : zhText(e.text_zh))))
    : h('p', null, t('events.none'));
}

export function eventsPanel(events: RegisterEvent[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': 'events-heading' },
    h('h3', { class: 'panel__title', id: 'events-heading' }, t('events.heading')),
    eventsList(events));
}
