// GOV.UK-style error summary: a titled box at the top of the form, focused after a failed
// submit, each problem linking to its field.

import { h, focusElement } from '../dom';
import type { Child } from '../dom';
import { t } from '../i18n';

export interface SummaryItem {
  text: string;
  field?: string | undefined;  // id of the control to focus
}

export function errorSummary(title: string, items: SummaryItem[], id = 'error-summary',
  extra?: Child): HTMLElement {
  const titleId = `${id}-title`;
  return h('div', {
    class: 'error-summary',
    id,
    role: 'alert',
    tabindex: '-1',
    'aria-labelledby': titleId,
  },
  h('h2', { class: 'error-summary__title', id: titleId }, title),
  h('ul', { class: 'error-summary__list' },
    items.map((item) => h('li', null, item.field
      ? h('a', {
          href: `#${item.field}`,
          onclick: (ev) => {
            ev.preventDefault();
            focusElement(document.getElementById(item.field ?? ''));
          },
        }, item.text)
      : item.text))),
  extra);
}

// The inline message under a field's label, linked to the control with aria-describedby.
export function fieldError(id: string, text: string): HTMLElement {
  return h('p', { class: 'field__error', id },
    h('span', { class: 'visually-hidden' }, t('error.prefix')), text);
}
