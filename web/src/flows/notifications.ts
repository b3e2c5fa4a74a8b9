// 跨機關通報 board (#/notifications, supervisors and admins): the office's notifications by
// status (dead letters first) and agency, newest first, a page at a time (`before`: the last
// id shown); a dead letter is replayed (back to pending, attempts from zero), a pending one
// tried again now; each row's ledger of attempts is read when opened.

import * as api from '../api';
import type { Agency, AgencyNotification, DeliveryAttempt, NotificationStatus } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

const kPageSize = 50;

export class NotificationsFlow {
  status: NotificationStatus = 'dead';
  agency = '';
  agencies: Agency[] = [];
  items: AgencyNotification[] | null = null;
  more = false;  // a further page may follow
  busy = false;
  failure: Msg | null = null;
  // The outcome of the last replay or retry, shown above the list.
  notice: Msg | null = null;
  // Rows whose ledger is open, and the ledgers read.
  open = new Set<number>();
  ledgers = new Map<number, DeliveryAttempt[]>();
  acting: number | null = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.agencies = await api.listAgencies(this.shell.token);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
    }
    await this.load();
  }

  setStatus(status: NotificationStatus): void {
    this.status = status;
    this.notice = null;
    void this.load();
  }

  setAgency(agency: string): void {
    this.agency = agency;
    this.notice = null;
    void this.load();
  }

  // The first page (more: the next one, appended).
  async load(more = false): Promise<void> {
    if (!this.shell.session || this.busy) return;
    this.busy = true;
    this.failure = null;
    const q: api.NotificationQuery = { status: this.status, limit: kPageSize };
    if (this.agency) q.agency = this.agency;
    const last = this.items?.[this.items.length - 1];
    if (more && last) q.before = last.id;
    if (!more) {
      this.items = null;
      this.open.clear();
    }
    this.shell.show(null);
    try {
      const page = await api.listNotifications(this.shell.token, q);
      this.busy = false;
      const first = more ? page[0] : undefined;
      this.items = more ? [...(this.items ?? []), ...page] : page;
      this.more = page.length === kPageSize;
      this.shell.show(first ? `notification-${first.id}` : null);
      this.shell.announce(t('board.loaded', { n: this.items.length }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('board-failed');
    }
  }

  // Opens or closes a row's ledger (read from the server each time it is opened).
  async toggleLedger(id: number): Promise<void> {
    if (this.open.has(id)) {
      this.open.delete(id);
      this.shell.show(`ledger-toggle-${id}`);
      return;
    }
    this.open.add(id);
    this.shell.show(`ledger-toggle-${id}`);
    try {
      const n = await api.getNotification(this.shell.token, id);
      this.ledgers.set(id, n.ledger ?? []);
      this.replace(n);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.ledgers.set(id, []);
    }
    this.shell.show(`ledger-toggle-${id}`);
  }

  // Replay (dead) or retry now (pending).
  async reschedule(n: AgencyNotification): Promise<void> {
    if (this.acting !== null || !this.shell.session) return;
    const action = n.status === 'dead' ? 'replay' : 'retry';
    this.acting = n.id;
    this.notice = null;
    this.shell.show(`${action}-${n.id}`);
    try {
      const updated = await api.rescheduleNotification(this.shell.token, n.id, action);
      this.acting = null;
      this.replace(updated);
      this.notice = { key: action === 'replay' ? 'board.replayed' : 'board.retried', params: { id: n.id } };
      this.shell.show('board-notice');
      this.shell.announce(t(action === 'replay' ? 'board.replayed' : 'board.retried', { id: n.id }));
    } catch (err) {
      this.acting = null;
      if (this.shell.sessionLost(err)) return;
      this.notice = failureOf(err);
      this.shell.show('board-notice');
    }
  }

  private replace(n: AgencyNotification): void {
    if (!this.items) return;
    this.items = this.items.map((x) => (x.id === n.id ? { ...x, ...n, ledger: undefined } : x));
  }
}
