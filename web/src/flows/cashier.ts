// 規費收納: the cashier (#/cashier: the office's open charges of the day, pick, preview the
// receipt, choose the method, take payment, the receipt's PDF and e-mail status), the day's
// receipts (#/receipts, refunds with a reason), a counter's daily close (#/daily-close) and the
// fee schedule (#/fees; admins store a later version). No DOM here.

import * as api from '../api';
import type { DailyClose, FeeSchedule, FeeVersion, PaymentInput, PaymentMethod, PaymentPreview,
  PendingPost, Receipt, ReceiptLine } from '../api';
import { addDaysIso, todayIso } from '../dates';
import { saveBlob } from '../dom';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

// A whole number of NT$ typed at the counter ("1,000" and full-width digits too), or null.
export function amountOf(text: string): number | null {
  const plain = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,\s]/g, '');
  return /^\d{1,9}$/.test(plain) ? Number(plain) : null;
}

const kCounterKey = 'huji.counter';

export class CashierFlow {
  charges: ReceiptLine[] | null = null;
  listFailure: Msg | null = null;
  selected = new Set<number>();
  method: PaymentMethod = 'cash';
  tendered = '';
  reference = '';
  counter = localStorage.getItem(kCounterKey) ?? '';
  payerName = '';
  payerEmail = '';
  item = '';
  quantity = '1';
  items: { code: string; name_zh: string; name_en: string }[] = [];
  preview: PaymentPreview | null = null;
  receipt: Receipt | null = null;
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  private pending: PendingPost = null;
  private pendingCharge: PendingPost = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.charges = await api.openCharges(this.shell.token);
      this.listFailure = null;
      for (const id of [...this.selected]) {
        if (!this.charges.some((c) => c.charge_id === id)) this.selected.delete(id);
      }
      if (this.items.length === 0) {
        const s = await api.feeSchedule();
        this.items = s.items.map((i) => ({ code: i.code, name_zh: i.name_zh, name_en: i.name_en }));
      }
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  setMethod(m: PaymentMethod): void {
    if (m === this.method) return;
    this.method = m;
    this.preview = null;
    this.shell.show('pay-method');
  }

  toggle(id: number, on: boolean): void {
    if (on) this.selected.add(id); else this.selected.delete(id);
    this.preview = null;
  }

  private input(): PaymentInput | null {
    this.errors = [];
    if (this.selected.size === 0) this.errors.push({ field: 'charges', msg: { key: 'cashier.pick_required' } });
    if (this.counter.trim() === '') this.errors.push({ field: 'pay-counter', msg: { key: 'cashier.counter_required' } });
    const body: PaymentInput = { charges: [...this.selected], method: this.method, counter: this.counter.trim() };
    if (this.method === 'cash') {
      if (this.tendered.trim() !== '') {
        const n = amountOf(this.tendered);
        if (n === null) this.errors.push({ field: 'pay-tendered', msg: { key: 'cashier.amount_invalid' } });
        else body.tendered = n;
      }
    } else if (this.reference.trim() === '') {
      this.errors.push({ field: 'pay-reference', msg: { key: 'cashier.reference_required' } });
    } else {
      body.reference = this.reference.trim();
    }
    if (this.payerName.trim() || this.payerEmail.trim()) {
      body.payer = { name: this.payerName.trim() };
      if (this.payerEmail.trim()) body.payer.email = this.payerEmail.trim();
    }
    return this.errors.length ? null : body;
  }

  async previewReceipt(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    const body = this.input();
    if (!body) { this.shell.show('pay-errors'); return; }
    try {
      this.preview = await api.previewPayment(this.shell.token, body);
      this.shell.show('preview-title');
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('pay-errors');
    }
  }

  async pay(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    const body = this.input();
    if (!body) { this.shell.show('pay-errors'); return; }
    this.pending = api.keyFor(this.pending, body);
    this.busy = true;
    this.shell.show('pay-submit');
    try {
      this.receipt = await api.takePayment(this.shell.token, body, this.pending.key);
      localStorage.setItem(kCounterKey, body.counter);
      this.busy = false;
      this.pending = null;
      this.selected.clear();
      this.preview = null;
      this.tendered = '';
      this.reference = '';
      this.payerName = '';
      this.payerEmail = '';
      this.shell.announce(t('cashier.paid', { number: this.receipt.number }));
      await this.enter();
      this.shell.show('receipt-title');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('pay-errors');
    }
  }

  async refreshReceipt(): Promise<void> {
    if (!this.receipt || !this.shell.session) return;
    try {
      this.receipt = await api.getReceipt(this.shell.token, this.receipt.id);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
    }
    this.shell.show('receipt-refresh');
  }

  async pdf(): Promise<void> {
    if (!this.receipt || !this.shell.session) return;
    try {
      saveBlob(await api.receiptPdf(this.shell.token, this.receipt.id), `receipt-${this.receipt.number}.pdf`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('pay-errors');
    }
  }

  async addCharge(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    const quantity = amountOf(this.quantity);
    if (this.item === '') this.errors.push({ field: 'charge-item', msg: { key: 'cashier.item_required' } });
    if (quantity === null || quantity < 1) this.errors.push({ field: 'charge-quantity', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length || quantity === null) { this.shell.show('charge-errors'); return; }
    const body = { item: this.item, quantity };
    this.pendingCharge = api.keyFor(this.pendingCharge, body);
    try {
      await api.addCharge(this.shell.token, body, this.pendingCharge.key);
      this.pendingCharge = null;
      this.item = '';
      this.quantity = '1';
      await this.enter();
      this.shell.show('charges-title');
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('charge-errors');
    }
  }
}

export class ReceiptsFlow {
  date = todayIso();
  receipts: Receipt[] | null = null;
  listFailure: Msg | null = null;
  refunding: number | null = null;
  reason = '';
  amount = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  notice: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.receipts = await api.listReceipts(this.shell.token, this.date);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  async pdf(r: Receipt): Promise<void> {
    if (!this.shell.session) return;
    try {
      saveBlob(await api.receiptPdf(this.shell.token, r.id), `receipt-${r.number}.pdf`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
      this.shell.show(null);
    }
  }

  startRefund(id: number): void {
    this.refunding = id;
    this.reason = '';
    this.amount = '';
    this.errors = [];
    this.failure = null;
    this.shell.show('refund-title');
  }

  cancelRefund(): void {
    const id = this.refunding;
    this.refunding = null;
    this.shell.show(id ? `refund-${id}` : null);
  }

  async refund(): Promise<void> {
    if (this.busy || this.refunding === null || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    if (this.reason.trim() === '') this.errors.push({ field: 'refund-reason', msg: { key: 'receipts.reason_required' } });
    const amount = this.amount.trim() === '' ? undefined : amountOf(this.amount);
    if (amount === null) this.errors.push({ field: 'refund-amount', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length) { this.shell.show('refund-errors'); return; }
    this.busy = true;
    try {
      const r = await api.refundReceipt(this.shell.token, this.refunding, {
        reason: this.reason.trim(), ...(amount === undefined || amount === null ? {} : { amount }) });
      this.busy = false;
      this.refunding = null;
      this.notice = { key: 'receipts.refunded_notice', params: { number: r.number } };
      await this.enter();
      this.shell.show('receipts-notice');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('refund-errors');
    }
  }
}

export class DailyCloseFlow {
  date = todayIso();
  counter = localStorage.getItem(kCounterKey) ?? '';
  counted = '';
  closes: DailyClose[] | null = null;
  listFailure: Msg | null = null;
  closed: DailyClose | null = null;
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.closes = await api.listCloses(this.shell.token, this.date);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  async close(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    if (this.counter.trim() === '') this.errors.push({ field: 'close-counter', msg: { key: 'cashier.counter_required' } });
    const counted = amountOf(this.counted);
    if (counted === null) this.errors.push({ field: 'close-counted', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length || counted === null) { this.shell.show('close-errors'); return; }
    this.busy = true;
    try {
      this.closed = await api.closeCounter(this.shell.token,
        { date: this.date, counter: this.counter.trim(), cash_counted: counted });
      this.busy = false;
      this.counted = '';
      await this.enter();
      this.shell.show('close-result');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('close-errors');
    }
  }
}

export class FeesFlow {
  schedule: FeeSchedule | null = null;
  versions: FeeVersion[] | null = null;
  listFailure: Msg | null = null;
  text = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  notice: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.schedule = await api.feeSchedule();
      this.versions = await api.listFeeVersions(this.shell.token);
      this.listFailure = null;
      const inForce = this.versions.find((v) => v.in_force);
      if (this.text === '' && inForce) {
        this.text = inForce.text.replace(/^effective .*$/m, `effective ${addDaysIso(todayIso(), 1)}`);
      }
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  async store(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    this.notice = null;
    if (this.text.trim() === '') {
      this.errors.push({ field: 'fees-text', msg: { key: 'fees.text_required' } });
      this.shell.show('fees-errors');
      return;
    }
    this.busy = true;
    try {
      const stored = await api.storeFeeVersions(this.shell.token, this.text);
      this.busy = false;
      const dates = stored.map((v) => v.effective).join(', ');
      this.notice = { key: 'fees.stored', params: { dates } };
      await this.enter();
      this.shell.show('fees-notice');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('fees-errors');
    }
  }
}
