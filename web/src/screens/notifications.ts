// 跨機關通報 board (#/notifications): filters (status, agency), the office's notifications with
// their status, attempts and last answer, replay / retry now, and each row's ledger.

import type { AgencyNotification, NotificationStatus } from '../api';
import { agencyName } from '../components/consent';
import { selectInput } from '../components/controls';
import { deliveryBadge, lastError, ledgerTable } from '../components/delivery';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { NotificationsFlow } from '../flows/notifications';
import { formatDateTime, t, typeName } from '../i18n';
import { msgText } from '../messages';
import { kRegistrationTypes } from '../registration_types';
import type { Shell } from '../shell';

const kStatuses: readonly NotificationStatus[] = ['dead', 'pending', 'delivered'];

function filters(s: NotificationsFlow): HTMLElement {
  return h('form', {
    class: 'panel filters', novalidate: true, 'aria-label': t('board.filters'),
    onsubmit: (ev) => { ev.preventDefault(); void s.load(); },
  },
  h('div', { class: 'form-grid' },
    field({
      label: t('delivery.status'), class: 'field--short',
      control: selectInput('board-status', kStatuses.map((v) => ({ value: v, label: t(`delivery.status.${v}`) })),
        s.status, (v) => { if (v !== s.status) s.setStatus(v as NotificationStatus); }),
    }),
    field({
      label: t('delivery.agency'), class: 'field--short',
      control: selectInput('board-agency', s.agencies.map((a) => ({ value: a.code, label: agencyName(a, a.code) })),
        s.agency, (v) => { if (v !== s.agency) s.setAgency(v); }, t('board.all_agencies')),
    })));
}

function eventName(code: string): string {
  return (kRegistrationTypes as readonly string[]).includes(code) ? typeName(code as never) : code;
}

function row(shell: Shell, s: NotificationsFlow, n: AgencyNotification): HTMLElement[] {
  const agency = agencyName(s.agencies.find((a) => a.code === n.agency), n.agency);
  const open = s.open.has(n.id);
  const action = n.status === 'dead' ? 'replay' : n.status === 'pending' ? 'retry' : null;
  const main = h('tr', { id: `notification-${n.id}`, tabindex: '-1', 'data-status': n.status },
    h('th', { scope: 'row' }, `#${n.id}`),
    // The case page is the counter's (an admin reads no personal data): a link for them only.
    h('td', null, shell.role === 'admin' ? `#${n.registration_id}`
      : h('a', { href: `#/my-cases/${n.registration_id}`, class: 'link' }, `#${n.registration_id}`), h('br'), h('span', { class: 'small muted' }, eventName(n.event_type))),
    h('td', null, agency, h('br'), h('span', { class: 'small muted' }, t(`delivery.kind.${n.kind}`))),
    h('td', null, deliveryBadge(n.status)),
    h('td', null, String(n.attempts)),
    h('td', { class: 'small' }, formatDateTime(n.created_ms),
      n.status === 'pending' && n.next_attempt_ms
        ? [h('br'), t('board.next', { at: formatDateTime(n.next_attempt_ms) })] : null,
      n.delivered_at_ms ? [h('br'), t('board.delivered', { at: formatDateTime(n.delivered_at_ms) })] : null),
    h('td', { class: 'small' }, lastError(n)),
    h('td', { class: 'table__action' },
      action ? h('button', {
        type: 'button', class: 'button button--secondary button--small', id: `${action}-${n.id}`,
        'aria-disabled': s.acting === n.id ? 'true' : null,
        onclick: () => void s.reschedule(n),
      }, t(`board.${action}`), h('span', { class: 'visually-hidden' }, ` #${n.id} ${agency}`)) : null,
      h('button', {
        type: 'button', class: 'button button--secondary button--small', id: `ledger-toggle-${n.id}`,
        'aria-expanded': open ? 'true' : 'false', 'aria-controls': `board-ledger-${n.id}`,
        onclick: () => void s.toggleLedger(n.id),
      }, t('board.ledger'), h('span', { class: 'visually-hidden' }, ` #${n.id}`))));
  const ledger = h('tr', { id: `board-ledger-${n.id}`, hidden: !open, class: 'delivery-ledger' },
    h('td', { colspan: '8' }, open
      ? (s.ledgers.has(n.id) ? ledgerTable(s.ledgers.get(n.id) ?? [], `ledger-table-${n.id}`)
        : h('p', { class: 'muted small', role: 'status' }, t('common.loading')))
      : null));
  return [main, ledger];
}

function list(shell: Shell, s: NotificationsFlow): HTMLElement {
  const title = h('h2', { class: 'section-title', id: 'board-list-title' }, t('board.list'));
  if (s.failure) {
    return h('section', { class: 'section', 'aria-labelledby': 'board-list-title' }, title,
      errorSummary(t('board.load_failed'), [{ text: msgText(s.failure) }], 'board-failed'));
  }
  if (s.items === null) {
    return h('section', { class: 'section', 'aria-labelledby': 'board-list-title' }, title,
      h('p', { class: 'muted', role: 'status' }, t('common.loading')));
  }
  if (!s.items.length) {
    return h('section', { class: 'section', 'aria-labelledby': 'board-list-title' }, title,
      h('p', { class: 'muted', id: 'board-empty' }, t(`board.empty.${s.status}`)));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'board-list-title' }, title,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'board-list-title' },
      h('table', { class: 'table', id: 'board' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('board.id')),
          h('th', { scope: 'col' }, t('board.registration')),
          h('th', { scope: 'col' }, t('delivery.agency')),
          h('th', { scope: 'col' }, t('delivery.status')),
          h('th', { scope: 'col' }, t('delivery.attempts')),
          h('th', { scope: 'col' }, t('board.times')),
          h('th', { scope: 'col' }, t('delivery.last_error')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('board.actions'))))),
        h('tbody', null, s.items.map((n) => row(shell, s, n))))),
    s.more ? h('div', { class: 'form__actions' }, h('button', {
      type: 'button', class: 'button button--secondary', id: 'board-more',
      'aria-disabled': s.busy ? 'true' : null, onclick: () => void s.load(true),
    }, t('board.more'))) : null);
}

export function renderNotifications(shell: Shell, s: NotificationsFlow): Node[] {
  const notice = s.notice
    ? h('p', { class: `notice ${'server' in s.notice ? 'notice--warn' : 'notice--ok'}`, id: 'board-notice', tabindex: '-1', role: 'status' },
      msgText(s.notice))
    : null;
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('board.title')),
      h('p', { class: 'lead' }, t('board.intro'))),
    filters(s),
    notice,
    list(shell, s),
  ].filter((n): n is HTMLElement => n !== null));
}
