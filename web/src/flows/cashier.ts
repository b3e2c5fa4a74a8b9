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

// What the four screens share: a list loaded when the screen opens (its failure shown in its
// place), and forms whose request runs once at a time (its refusal kept for the error summary).
abstract class CounterScreen {
  listFailure: Msg | null = null;
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;

  constructor(protected readonly shell: Shell) {}

  protected async load(get: () => Promise<void>): Promise<void> {
    if (!this.shell.session) return;
    try {
      await get();
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  // `run` sends the request and shows its result; a refusal focuses `errorsId`.
  protected async submit(errorsId: string, run: () => Promise<void>): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.busy = true;
    try {
      await run();
      this.busy = false;
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show(errorsId);
    }
  }

  protected async savePdf(r: Receipt, errorsId: string): Promise<void> {
    await this.submit(errorsId, async () => {
      saveBlob(await api.receiptPdf(this.shell.token, r.id), `receipt-${r.number}.pdf`);
    });
  }
}

export class CashierFlow extends CounterScreen {
  charges: ReceiptLine[] | null = null;
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
  private pending: PendingPost = null;
  private pendingCharge: PendingPost = null;

  async enter(): Promise<void> {
    await this.load(async () => {
      this.charges = await api.openCharges(this.shell.token);
      for (const id of [...this.selected]) {
        if (!this.charges.some((c) => c.charge_id === id)) this.selected.delete(id);
      }
      if (this.items.length === 0) {
        const s = await api.feeSchedule();
        this.items = s.items.map((i) => ({ code: i.code, name_zh: i.name_zh, name_en: i.name_en }));
      }
    });
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

  // The payment as typed, or null with the errors of its fields.
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
    if (!this.errors.length) return body;
    this.failure = null;
    this.shell.show('pay-errors');
    return null;
  }

  async previewReceipt(): Promise<void> {
    const body = this.input();
    if (!body) return;
    await this.submit('pay-errors', async () => {
      this.preview = await api.previewPayment(this.shell.token, body);
      this.shell.show('preview-title');
    });
  }

  async pay(): Promise<void> {
    const body = this.input();
    if (!body) return;
    this.pending = api.keyFor(this.pending, body);
    const key = this.pending.key;
    await this.submit('pay-errors', async () => {
      this.shell.show('pay-submit');
      this.receipt = await api.takePayment(this.shell.token, body, key);
      localStorage.setItem(kCounterKey, body.counter);
      this.pending = null;
      this.selected.clear();
      this.preview = null;
      this.tendered = this.reference = this.payerName = this.payerEmail = '';
      this.shell.announce(t('cashier.paid', { number: this.receipt.number }));
      this.busy = false;
      await this.enter();
      this.shell.show('receipt-title');
    });
  }

  async refreshReceipt(): Promise<void> {
    const r = this.receipt;
    if (!r) return;
    await this.submit('pay-errors', async () => {
      this.receipt = await api.getReceipt(this.shell.token, r.id);
      this.shell.show('receipt-refresh');
    });
  }

  async pdf(): Promise<void> {
    if (this.receipt) await this.savePdf(this.receipt, 'pay-errors');
  }

  async addCharge(): Promise<void> {
    this.errors = [];
    const quantity = amountOf(this.quantity);
    if (this.item === '') this.errors.push({ field: 'charge-item', msg: { key: 'cashier.item_required' } });
    if (quantity === null || quantity < 1) this.errors.push({ field: 'charge-quantity', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length || quantity === null) { this.failure = null; this.shell.show('charge-errors'); return; }
    const body = { item: this.item, quantity };
    this.pendingCharge = api.keyFor(this.pendingCharge, body);
    const key = this.pendingCharge.key;
    await this.submit('charge-errors', async () => {
      await api.addCharge(this.shell.token, body, key);
      this.pendingCharge = null;
      this.item = '';
      this.quantity = '1';
      this.busy = false;
      await this.enter();
      this.shell.show('charges-title');
    });
  }
}

export class ReceiptsFlow extends CounterScreen {
  date = todayIso();
  receipts: Receipt[] | null = null;
  refunding: number | null = null;
  reason = '';
  amount = '';
  notice: Msg | null = null;

  async enter(): Promise<void> {
    await this.load(async () => { this.receipts = await api.listReceipts(this.shell.token, this.date); });
  }

  async pdf(r: Receipt): Promise<void> {
    await this.savePdf(r, 'receipts-errors');
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
    const id = this.refunding;
    if (id === null) return;
    this.errors = [];
    if (this.reason.trim() === '') this.errors.push({ field: 'refund-reason', msg: { key: 'receipts.reason_required' } });
    const amount = this.amount.trim() === '' ? undefined : amountOf(this.amount);
    if (amount === null) this.errors.push({ field: 'refund-amount', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length || amount === null) { this.failure = null; this.shell.show('refund-errors'); return; }
    const body = { reason: this.reason.trim(), ...(amount === undefined ? {} : { amount }) };
    await this.submit('refund-errors', async () => {
      const r = await api.refundReceipt(this.shell.token, id, body);
      this.refunding = null;
      this.notice = { key: 'receipts.refunded_notice', params: { number: r.number } };
      this.busy = false;
      await this.enter();
      this.shell.show('receipts-notice');
    });
  }
}

export class DailyCloseFlow extends CounterScreen {
  date = todayIso();
  counter = localStorage.getItem(kCounterKey) ?? '';
  counted = '';
  closes: DailyClose[] | null = null;
  closed: DailyClose | null = null;

  async enter(): Promise<void> {
    await this.load(async () => { this.closes = await api.listCloses(this.shell.token, this.date); });
  }

  async close(): Promise<void> {
    this.errors = [];
    if (this.counter.trim() === '') this.errors.push({ field: 'close-counter', msg: { key: 'cashier.counter_required' } });
    const counted = amountOf(this.counted);
    if (counted === null) this.errors.push({ field: 'close-counted', msg: { key: 'cashier.amount_invalid' } });
    if (this.errors.length || counted === null) { this.failure = null; this.shell.show('close-errors'); return; }
    const body = { date: this.date, counter: this.counter.trim(), cash_counted: counted };
    await this.submit('close-errors', async () => {
      this.closed = await api.closeCounter(this.shell.token, body);
      this.counted = '';
      this.busy = false;
      await this.enter();
      this.shell.show('close-result');
    });
  }
}

export class FeesFlow extends CounterScreen {
  schedule: FeeSchedule | null = null;
  versions: FeeVersion[] | null = null;
  text = '';
  notice: Msg | null = null;

  async enter(): Promise<void> {
    await this.load(async () => {
      this.schedule = await api.feeSchedule();
      this.versions = await api.listFeeVersions(this.shell.token);
      const inForce = this.versions.find((v) => v.in_force);
      // A draft of the next version: the one in force, from tomorrow.
      if (this.text === '' && inForce) {
        this.text = inForce.text.replace(/^effective .*$/m, `effective ${addDaysIso(todayIso(), 1)}`);
      }
    });
  }

  async store(): Promise<void> {
    this.errors = [];
    this.notice = null;
    if (this.text.trim() === '') {
      this.errors.push({ field: 'fees-text', msg: { key: 'fees.text_required' } });
      this.failure = null;
      this.shell.show('fees-errors');
      return;
    }
    await this.submit('fees-errors', async () => {
      const stored = await api.storeFeeVersions(this.shell.token, this.text);
      this.notice = { key: 'fees.stored', params: { dates: stored.map((v) => v.effective).join(', ') } };
      this.busy = false;
      await this.enter();
      this.shell.show('fees-notice');
    });
  }
}
