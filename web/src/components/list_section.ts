// A titled section whose table is fetched when the screen opens: 載入中… until it arrives, the
// failure when it did not, else the table in a scrollable region that the keyboard reaches.

import { errorSummary } from './error_summary';
import { h } from '../dom';
import { t } from '../i18n';
import { msgText } from '../messages';
import type { Msg } from '../messages';

export interface ListSection {
  id: string;           // the title's id; the region is labelled by it
  title: string;
  failedTitle: string;  // the error summary's title when the list could not be fetched
  failure: Msg | null;
  table: (() => HTMLElement) | null;  // null: not fetched yet
}

export function listSection(o: ListSection): HTMLElement {
  const title = h('h2', { class: 'section-title', id: o.id }, o.title);
  const body = o.table
    ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': o.id }, o.table())
    : o.failure ? errorSummary(o.failedTitle, [{ text: msgText(o.failure) }])
      : h('p', { class: 'muted' }, t('common.loading'));
  return h('section', { class: 'section', 'aria-labelledby': o.id }, title, body);
}
