// Cross-agency notifications as the case page and the delivery board show them: the status
// badge, the attempts ledger (expandable, a <details> the keyboard opens), and a registration's
// consent and deliveries.

import type { Agency, AgencyNotification, DeliveryAttempt, NotificationStatus, RegistrationNotifications } from '../api';
import { h } from '../dom';
import type { DeliveriesOf } from '../flows/deliveries';
import { formatDateTime, t } from '../i18n';
import { msgText } from '../messages';
import { panel } from './application';
import { agencyName } from './consent';

export function deliveryBadge(status: NotificationStatus): HTMLElement {
  const cls = status === 'delivered' ? 'badge--active' : status === 'dead' ? 'badge--late' : 'badge--pending';
  return h('span', { class: `badge ${cls}` }, t(`delivery.status.${status}`));
}

// The last attempt's answer: the HTTP status and the error, or a dash.
export function lastError(n: AgencyNotification): string {
  const parts = [n.last_http_status > 0 ? `HTTP ${n.last_http_status}` : '', n.last_error].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

function attemptRow(a: DeliveryAttempt): HTMLElement {
  return h('tr', null,
    h('th', { scope: 'row' }, String(a.attempt)),
    h('td', null, formatDateTime(a.started_ms)),
    h('td', null, a.finished_ms ? formatDateTime(a.finished_ms) : '—'),
    h('td', null, a.http_status > 0 ? String(a.http_status) : '—'),
    h('td', null, a.outcome),
    h('td', { class: 'small' }, a.error || '—'),
    h('td', null, a.by || '—'));
}

// The append-only ledger of attempts, in a table.
export function ledgerTable(ledger: readonly DeliveryAttempt[], id: string): HTMLElement {
  if (!ledger.length) return h('p', { class: 'muted small', id }, t('delivery.no_attempts'));
  return h('div', { class: 'table-wrap', id },
    h('table', { class: 'table table--compact' },
      h('caption', { class: 'visually-hidden' }, t('delivery.ledger')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('delivery.attempt')),
        h('th', { scope: 'col' }, t('delivery.started')),
        h('th', { scope: 'col' }, t('delivery.finished')),
        h('th', { scope: 'col' }, t('delivery.http_status')),
        h('th', { scope: 'col' }, t('delivery.outcome')),
        h('th', { scope: 'col' }, t('delivery.error')),
        h('th', { scope: 'col' }, t('delivery.by')))),
      h('tbody', null, ledger.map(attemptRow))));
}

function consentText(d: RegistrationNotifications, agencies: readonly Agency[]): string {
  if (d.declined) return t('notify.declined');
  if (!d.consents.length) return t('delivery.no_consent');
  const name = (code: string) => agencyName(agencies.find((a) => a.code === code), code);
  // As the check step said it: those the system notifies, then those notified another way.
  const ordered = [...d.consents].sort((x, y) => Number(x.channel !== 'system') - Number(y.channel !== 'system'));
  return ordered.map((c) => (c.channel === 'system' ? name(c.agency)
    : t('notify.by_elsewhere', { agency: name(c.agency), how: t(`notify.channel.${c.channel === 'office' ? 'office' : 'other'}`) })))
    .join(t('notify.sep'));
}

// The case page's section: the consent recorded and each agency's delivery.
export function deliveriesView(d: RegistrationNotifications, agencies: readonly Agency[]): HTMLElement {
  const consent = h('p', { id: 'delivery-consent' }, h('strong', null, t('delivery.consent'), t('notify.colon')),
    consentText(d, agencies));
  if (!d.notifications.length) {
    return h('div', null, consent, h('p', { class: 'muted', id: 'delivery-none' }, t('delivery.none')));
  }
  const name = (code: string) => agencyName(agencies.find((a) => a.code === code), code);
  return h('div', null, consent,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'delivery-caption' },
      h('table', { class: 'table', id: 'deliveries' },
        h('caption', { class: 'visually-hidden', id: 'delivery-caption' }, t('delivery.title')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('delivery.agency')),
          h('th', { scope: 'col' }, t('delivery.kind')),
          h('th', { scope: 'col' }, t('delivery.status')),
          h('th', { scope: 'col' }, t('delivery.attempts')),
          h('th', { scope: 'col' }, t('delivery.delivered_at')),
          h('th', { scope: 'col' }, t('delivery.last_error')))),
        h('tbody', null, d.notifications.map((n) => [
          h('tr', { 'data-agency': n.agency, class: 'delivery-row' },
            h('th', { scope: 'row' }, name(n.agency)),
            h('td', null, t(`delivery.kind.${n.kind}`)),
            h('td', null, deliveryBadge(n.status)),
            h('td', null, String(n.attempts)),
            h('td', null, n.delivered_at_ms ? formatDateTime(n.delivered_at_ms) : '—'),
            h('td', { class: 'small' }, lastError(n))),
          h('tr', { class: 'delivery-ledger' },
            h('td', { colspan: '6' },
              h('details', { id: `ledger-${n.id}` },
                h('summary', null, t('delivery.ledger_of', { agency: name(n.agency), n: n.ledger?.length ?? 0 })),
                ledgerTable(n.ledger ?? [], `ledger-table-${n.id}`)))),
        ])))));
}

// The panel of a case: loading, the deliveries, or why they could not be read.
export function deliveriesPanel(d: DeliveriesOf): HTMLElement {
  return panel('delivery-title', t('delivery.title'), d.failure
    ? h('p', { class: 'notice notice--warn', id: 'delivery-failed' }, msgText(d.failure))
    : d.data ? deliveriesView(d.data, d.agencies)
      : h('p', { class: 'muted', role: 'status' }, t('common.loading')));
}
