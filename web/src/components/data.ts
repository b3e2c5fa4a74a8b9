// Register data as shown inside the interface: Chinese names and addresses keep their language
// when the interface is in English (WCAG 3.1.2), dates show ISO in <time datetime>.

import type { HouseholdMember, Person } from '../api';
import { h } from '../dom';
import { formatDate, htmlLang, lang, removalText, t } from '../i18n';

export function zhText(text: string, cls?: string): Node {
  if (lang() === 'zh' && !cls) return document.createTextNode(text);
  return h('span', { lang: lang() === 'zh' ? null : htmlLang('zh'), class: cls ?? null }, text);
}

export function idText(id: string): HTMLElement {
  return h('span', { class: 'id-number' }, id);
}

export function dateText(iso: string, roc?: string): HTMLElement {
  return h('time', { datetime: iso }, formatDate(iso, roc));
}

export function statusBadge(p: Pick<Person, 'status'> & { removal_reason?: string }): HTMLElement {
  const removed = p.status === 'removed';
  const text = !removed
    ? t('status.active')
    : p.removal_reason
      ? t('status.removed_reason', { reason: removalText(p.removal_reason) })
      : t('status.removed');
  return h('span', { class: `badge ${removed ? 'badge--removed' : 'badge--active'}` }, text);
}

export function memberStatus(m: HouseholdMember): HTMLElement {
  return statusBadge({ status: m.status });
}
