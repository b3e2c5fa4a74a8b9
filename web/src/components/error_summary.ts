// GOV.UK-style error summary: a titled box at the top of the form, focused after a failed
// submit, each problem linking to its field.

import { h, focusElement } from '../dom';
import { t } from '../i18n';

export interface SummaryItem {
  text: string;
  field?: string;  // id of the control to focus
}

export function errorSummary(title: string, items: SummaryItem[]): HTMLElement {
  return h('div', {
    class: 'error-summary',
    id: 'error-summary',
    role: 'alert',
    tabindex: '-1',
    'aria-labelledby': 'error-summary-title',
  },
  h('h2', { class: 'error-summary__title', id: 'error-summary-title' }, title),
  h('ul', { class: 'error-summary__list' },
    items.map((item) => h('li', null, item.field
      ? h('a', {
          href: `#${item.field}`,
          onclick: (ev) => {
            ev.preventDefault();
            focusElement(document.getElementById(item.field ?? ''));
          },
        }, item.text)
      : item.text))));
}

// The inline message under a field's label, linked to the control with aria-describedby.
export function fieldError(id: string, text: string): HTMLElement {
  return h('p', { class: 'field__error', id },
    h('span', { class: 'visually-hidden' }, t('error.prefix')), text);
}
