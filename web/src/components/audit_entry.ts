// One audit entry as the auditor reads it: words for the action and the result (never the
// server's codes), the staff member's name, username and office, the purpose as the clerk
// gave it, and whom it concerned.

import type { AuditEntry } from '../api';
import { h } from '../dom';
import { formatDate, hasMessage, t } from '../i18n';
import { idText, zhText } from './data';

// person.read → 查詢個人戶籍資料; an action without words of its own takes its family's
// (nationality.open → 國籍案件作業), else 其他作業.
export function actionText(code: string): string {
  const own = `act.${code}`;
  if (hasMessage(own)) return t(own);
  const family = `act.${code.slice(0, code.indexOf('.') + 1)}`;
  return hasMessage(family) ? t(family) : t('act.other');
}

export function outcomeText(code: string): string {
  const key = `outcome.${code}`;
  return hasMessage(key) ? t(key) : t('outcome.other');
}

// The purpose as logged: the clerk's Chinese wording, kept in its language; the work lists'
// fixed purpose and the audit's own searches in words.
export function purposeNode(purpose: string): Node {
  const fixed: [string, 'audit.work_queue' | 'audit.by_audit' | 'audit.by_export'][] = [
    ['work_queue', 'audit.work_queue'], ['audit export by ', 'audit.by_export'],
    ['audit by ', 'audit.by_audit']];
  for (const [prefix, key] of fixed) {
    if (purpose.startsWith(prefix)) {
      const rest = prefix === 'work_queue' ? purpose.slice(prefix.length).trim() : '';
      return h('span', null, t(key), rest ? ['：', zhText(rest)] : null);
    }
  }
  return purpose ? zhText(purpose) : document.createTextNode(t('audit.nobody'));
}

// An ID number, or 戶號 / 門牌 for a household or door plate read, or — for none.
export function subjectNode(subject: string): Node {
  if (subject.startsWith('戶:')) return document.createTextNode(t('audit.household', { no: subject.slice(2) }));
  if (subject.startsWith('門牌:')) return document.createTextNode(t('audit.door_plate', { no: subject.slice(3) }));
  return subject ? idText(subject) : document.createTextNode(t('audit.nobody'));
}

export function whoNode(e: AuditEntry): HTMLElement {
  return h('span', { class: 'audit-who' },
    e.display_name ? zhText(e.display_name) : null,
    h('span', { class: 'audit-who__user' }, e.username),
    e.office_name ? h('span', { class: 'audit-who__office' }, zhText(e.office_name))
      : h('span', { class: 'muted small' }, e.display_name ? '' : t('audit.not_staff')));
}

// To the second, in the office's local time: 民國115年12月04日 09:05:07.
export function whenNode(e: AuditEntry): HTMLElement {
  const d = new Date(e.at_ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return h('time', { datetime: d.toISOString() },
    `${formatDate(day)} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`);
}

export function outcomeNode(e: AuditEntry): HTMLElement {
  const ok = e.outcome === 'ok';
  return h('span', { class: `badge ${ok ? 'badge--active' : 'badge--late'}` }, outcomeText(e.outcome));
}
