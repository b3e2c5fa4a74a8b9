// 規費收納 screens: the cashier (#/cashier), the day's receipts (#/receipts), a counter's daily
// close (#/daily-close) and the fee schedule (#/fees). Keyboard first: every action is a
// button or a form, errors link to their fields, results take the focus.

import type { DailyClose, FeeItem, PaymentMethod, Receipt, ReceiptLine } from '../api';
import { selectInput, textArea, textInput } from '../components/controls';
import { dateText } from '../components/data';
import { dateInput } from '../components/date_input';
import { isoOfText } from '../dates';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { CashierFlow, DailyCloseFlow, FeesFlow, ReceiptsFlow } from '../flows/cashier';
import { formatDate, formatDateTime, lang, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

const money = (n: number): string => t('cashier.money', { n: n.toLocaleString('en-US') });
const nameOf = (x: { name_zh: string; name_en: string }): string => (lang() === 'zh' ? x.name_zh : x.name_en);
const waiverOf = (l: ReceiptLine): string | null => (l.waiver_zh ? (lang() === 'zh' ? l.waiver_zh : l.waiver_en) : null);
const kMethods: readonly PaymentMethod[] = ['cash', 'stored_value', 'transfer'];
// A close's difference: balanced, or the amount with its sign (+ more cash than expected).
const differenceText = (d: number): string => (d === 0 ? t('close.balanced') : `${d > 0 ? '+' : '−'}${money(Math.abs(d))}`);

function head(title: MessageKey, intro: MessageKey): HTMLElement {
  return h('div', { class: 'page-head' },
    h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t(title)),
    h('p', { class: 'lead' }, t(intro)));
}

function summary(id: string, title: MessageKey, errors: readonly FieldError[], failure: Msg | null,
  fallbackField: string): HTMLElement | null {
  const items = errors.map((e) => ({ text: msgText(e.msg), href: `#${e.field}` }));
  if (failure) items.push({ text: msgText(failure), href: `#${fallbackField}` });
  return items.length ? errorSummary(t(title), items, id) : null;
}

function emailBadge(r: Receipt): HTMLElement | null {
  if (!r.email_status) return null;
  const cls = r.email_status === 'sent' ? 'badge--active' : r.email_status === 'failed' ? 'badge--late' : 'badge--pending';
  return h('span', { class: `badge ${cls}` }, t(`cashier.email_${r.email_status}`));
}

// ---- #/cashier ------------------------------------------------------------------------------

function chargesTable(s: CashierFlow): HTMLElement {
  const title = h('h2', { class: 'section-title', id: 'charges-title', tabindex: '-1' }, t('cashier.open'));
  let body: HTMLElement;
  if (s.charges === null) {
    body = h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'));
  } else if (!s.charges.length) {
    body = h('p', { class: 'empty' }, t('cashier.none'));
  } else {
    body = h('fieldset', { class: 'fieldset', id: 'charges' },
      h('legend', { class: 'visually-hidden' }, t('cashier.pick')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('cashier.pick')),
          h('th', { scope: 'col' }, t('cashier.item')),
          h('th', { scope: 'col' }, t('cashier.quantity')),
          h('th', { scope: 'col' }, t('cashier.amount')),
          h('th', { scope: 'col' }, t('cashier.charged_by')))),
        h('tbody', null, s.charges.map((c) => {
          const id = `charge-${c.charge_id}`;
          const box = h('input', { type: 'checkbox', class: 'checkbox__input', id, checked: s.selected.has(c.charge_id),
            onchange: (ev) => s.toggle(c.charge_id, (ev.target as HTMLInputElement).checked) });
          return h('tr', null,
            h('td', null, h('div', { class: 'checkbox' }, box,
              h('label', { class: 'checkbox__label', for: id },
                h('span', { class: 'visually-hidden' }, `${t('cashier.pick')} ${nameOf(c)}`)))),
            h('th', { scope: 'row' }, nameOf(c), waiverOf(c) ? h('span', { class: 'muted small' }, ` ${t('cashier.waived', { why: waiverOf(c)! })}`) : null),
            h('td', null, String(c.quantity)),
            h('td', null, money(c.amount)),
            h('td', null, c.charged_by));
        })))));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'charges-title' }, title, body);
}

function chargeForm(s: CashierFlow): HTMLElement {
  return h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'charge-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.addCharge(); } },
  h('h2', { class: 'panel__title', id: 'charge-title' }, t('cashier.add_title')),
  summary('charge-errors', 'cashier.refused', s.errors.filter((e) => e.field.startsWith('charge-')), null, 'charge-item'),
  field({ label: t('cashier.item'), error: errorFor(s.errors, 'charge-item'),
    control: selectInput('charge-item', s.items.map((i) => ({ value: i.code, label: nameOf(i) })), s.item,
      (v) => { s.item = v; }, t('cashier.choose')) }),
  field({ label: t('cashier.quantity'), error: errorFor(s.errors, 'charge-quantity'),
    control: textInput('charge-quantity', s.quantity, (v) => { s.quantity = v; }, { inputmode: 'numeric', class: 'input input--short' }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--secondary', id: 'charge-submit' }, t('cashier.add'))));
}

function payForm(s: CashierFlow): HTMLElement {
  const cash = s.method === 'cash';
  return h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'pay-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.pay(); } },
  h('h2', { class: 'panel__title', id: 'pay-title' }, t('cashier.pay_title')),
  summary('pay-errors', 'cashier.refused', s.errors.filter((e) => !e.field.startsWith('charge-')), s.failure, 'pay-counter'),
  field({ label: t('cashier.counter'), error: errorFor(s.errors, 'pay-counter'),
    control: textInput('pay-counter', s.counter, (v) => { s.counter = v; }, { class: 'input input--short' }) }),
  field({ label: t('cashier.method'),
    control: selectInput('pay-method', kMethods.map((m) => ({ value: m, label: t(`cashier.method_${m}`) })), s.method,
      (v) => s.setMethod(v as PaymentMethod)) }),
  cash
    ? field({ label: t('cashier.tendered'), hint: t('cashier.tendered_hint'), error: errorFor(s.errors, 'pay-tendered'),
      control: textInput('pay-tendered', s.tendered, (v) => { s.tendered = v; }, { inputmode: 'numeric', class: 'input input--short' }) })
    : field({ label: t('cashier.reference'), hint: t(s.method === 'stored_value' ? 'cashier.reference_card' : 'cashier.reference_transfer'),
      error: errorFor(s.errors, 'pay-reference'),
      control: textInput('pay-reference', s.reference, (v) => { s.reference = v; }) }),
  field({ label: t('cashier.payer'), optional: t('form.optional'),
    control: textInput('pay-payer', s.payerName, (v) => { s.payerName = v; }) }),
  field({ label: t('cashier.email'), optional: t('form.optional'), hint: t('cashier.email_hint'),
    control: textInput('pay-email', s.payerEmail, (v) => { s.payerEmail = v; }, { type: 'email', autocomplete: 'off' }) }),
  s.preview ? previewPanel(s) : null,
  h('div', { class: 'form__actions' },
    h('button', { type: 'button', class: 'button button--secondary', id: 'pay-preview', onclick: () => void s.previewReceipt() },
      t('cashier.preview')),
    h('button', { type: 'submit', class: 'button button--primary', id: 'pay-submit', 'aria-disabled': s.busy ? 'true' : null },
      t('cashier.take'))));
}

function linesTable(lines: readonly ReceiptLine[], total: number, caption: string): HTMLElement {
  return h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('cashier.item')),
      h('th', { scope: 'col' }, t('cashier.quantity')),
      h('th', { scope: 'col' }, t('cashier.amount')))),
    h('tbody', null, lines.map((l) => h('tr', null,
      h('th', { scope: 'row' }, nameOf(l), waiverOf(l) ? h('span', { class: 'muted small' }, ` ${t('cashier.waived', { why: waiverOf(l)! })}`) : null),
      h('td', null, String(l.quantity)),
      h('td', null, money(l.amount))))),
    h('tfoot', null, h('tr', null,
      h('th', { scope: 'row', colspan: '2' }, t('cashier.total')),
      h('td', null, h('strong', null, money(total))))));
}

function previewPanel(s: CashierFlow): HTMLElement {
  const p = s.preview!;
  return h('section', { class: 'panel panel--inset', 'aria-labelledby': 'preview-title' },
    h('h3', { class: 'panel__title', id: 'preview-title', tabindex: '-1' }, t('cashier.preview_title')),
    linesTable(p.lines, p.total, t('cashier.preview_title')),
    p.change !== null ? h('p', { id: 'preview-change' }, t('cashier.change', { amount: money(p.change) })) : null);
}

function receiptPanel(s: CashierFlow): HTMLElement | null {
  const r = s.receipt;
  if (!r) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'receipt-title' },
    h('h2', { class: 'panel__title', id: 'receipt-title', tabindex: '-1' }, t('cashier.receipt', { number: r.number })),
    h('p', null, t('cashier.receipt_line', { amount: money(r.amount), method: t(`cashier.method_${r.method}`), counter: r.counter }),
      r.change !== null ? ` ${t('cashier.change', { amount: money(r.change) })}` : null),
    h('p', null, t('cashier.check_code'), h('span', { class: 'id-number', id: 'receipt-code' }, r.check_code)),
    r.email_status ? h('p', { id: 'receipt-email' }, t('cashier.email_to', { to: r.payer.email ?? '' }), ' ', emailBadge(r),
      r.email_error ? h('span', { class: 'muted small' }, ` ${r.email_error}`) : null) : null,
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'button', class: 'button button--primary', id: 'receipt-pdf', onclick: () => void s.pdf() }, t('cashier.print')),
      r.email_status ? h('button', { type: 'button', class: 'button button--secondary', id: 'receipt-refresh',
        onclick: () => void s.refreshReceipt() }, t('cashier.email_refresh')) : null));
}

export function renderCashier(shell: Shell, s: CashierFlow): Node[] {
  return pageFrame(shell, [head('cashier.title', 'cashier.intro'), receiptPanel(s), chargesTable(s), payForm(s), chargeForm(s)]
    .filter((n): n is HTMLElement => n !== null));
}

// ---- #/receipts -----------------------------------------------------------------------------

function refundForm(s: ReceiptsFlow, r: Receipt): HTMLElement {
  return h('form', { class: 'panel panel--inset', novalidate: true, 'aria-labelledby': 'refund-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.refund(); } },
  h('h3', { class: 'panel__title', id: 'refund-title', tabindex: '-1' }, t('receipts.refund_title', { number: r.number })),
  summary('refund-errors', 'receipts.refund_refused', s.errors, s.failure, 'refund-reason'),
  field({ label: t('receipts.reason'), error: errorFor(s.errors, 'refund-reason'),
    control: textArea('refund-reason', s.reason, (v) => { s.reason = v; }) }),
  field({ label: t('receipts.amount'), optional: t('form.optional'),
    hint: t('receipts.amount_hint', { amount: money(r.amount - r.refunded) }), error: errorFor(s.errors, 'refund-amount'),
    control: textInput('refund-amount', s.amount, (v) => { s.amount = v; }, { inputmode: 'numeric', class: 'input input--short' }) }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--warning', id: 'refund-submit' }, t('receipts.refund')),
    h('button', { type: 'button', class: 'button button--secondary', id: 'refund-cancel', onclick: () => s.cancelRefund() },
      t('receipts.cancel'))));
}

export function renderReceipts(shell: Shell, s: ReceiptsFlow): Node[] {
  const supervisor = shell.session?.user.role === 'supervisor';
  const { input, echo } = dateInput('receipts-date', s.date, (v) => { s.date = isoOfText(v) || v; }, 'past');
  const rows = s.receipts ?? [];
  const title = h('h2', { class: 'section-title', id: 'receipts-title', tabindex: '-1' }, t('receipts.count', { n: rows.length }));
  const table = s.receipts === null
    ? h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'))
    : !rows.length ? h('p', { class: 'empty' }, t('receipts.none'))
      : h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'receipts-title' },
        h('table', { class: 'table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('receipts.number')),
            h('th', { scope: 'col' }, t('cashier.counter')),
            h('th', { scope: 'col' }, t('cashier.method')),
            h('th', { scope: 'col' }, t('cashier.amount')),
            h('th', { scope: 'col' }, t('receipts.refunded')),
            h('th', { scope: 'col' }, t('col.status')),
            h('th', { scope: 'col' }, t('receipts.actions')))),
          h('tbody', null, rows.map((r) => h('tr', null,
            h('th', { scope: 'row' }, h('span', { class: 'id-number' }, r.number)),
            h('td', null, r.counter),
            h('td', null, t(`cashier.method_${r.method}`)),
            h('td', null, money(r.amount)),
            h('td', null, r.refunded ? money(r.refunded) : '—'),
            h('td', null, h('span', { class: `badge ${r.document_status === 'valid' ? 'badge--active' : 'badge--removed'}` },
              t(r.document_status === 'valid' ? 'receipts.valid' : 'receipts.void')), ' ', emailBadge(r)),
            h('td', { class: 'table__action' },
              h('button', { type: 'button', class: 'button button--secondary button--small', id: `pdf-${r.id}`,
                onclick: () => void s.pdf(r) }, t('cashier.print'), h('span', { class: 'visually-hidden' }, ` ${r.number}`)),
              supervisor && r.refunded < r.amount ? h('button', { type: 'button', class: 'button button--secondary button--small',
                id: `refund-${r.id}`, onclick: () => s.startRefund(r.id) }, t('receipts.refund'),
              h('span', { class: 'visually-hidden' }, ` ${r.number}`)) : null))))));
  const refunding = rows.find((r) => r.id === s.refunding);
  return pageFrame(shell, [
    head('receipts.title', 'receipts.intro'),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'receipts-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    s.refunding === null ? summary('receipts-errors', 'receipts.pdf_failed', [], s.failure, 'receipts-date') : null,
    h('form', { class: 'form form--inline', novalidate: true, 'aria-label': t('receipts.day'),
      onsubmit: (ev) => { ev.preventDefault(); void s.enter(); } },
    field({ label: t('receipts.day'), control: input, after: echo }),
    h('button', { type: 'submit', class: 'button button--secondary', id: 'receipts-show' }, t('receipts.show'))),
    h('section', { class: 'section', 'aria-labelledby': 'receipts-title' }, title, table),
    refunding ? refundForm(s, refunding) : null,
  ].filter((n): n is HTMLElement => n !== null));
}

// ---- #/daily-close --------------------------------------------------------------------------

function closeFacts(c: DailyClose): HTMLElement {
  const rows: [MessageKey, string][] = [
    ['close.receipts', c.receipts ? `${c.receipts}（${c.first_number} – ${c.last_number}）` : '0'],
    ['close.cash_payments', money(c.cash_payments)],
    ['close.cash_refunds', money(c.cash_refunds)],
    ['close.cash_expected', money(c.cash_expected)],
    ['close.cash_counted', money(c.cash_counted)],
    ['close.difference', differenceText(c.difference)],
    ['close.stored_value', money(c.non_cash.stored_value)],
    ['close.transfer', money(c.non_cash.transfer)],
    ['close.gaps', c.gaps.length ? c.gaps.join('、') : t('close.no_gaps')],
    ['close.voids', c.voids.length ? c.voids.join('、') : '—'],
  ];
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, t(k)), h('dd', null, v)]));
}

export function renderDailyClose(shell: Shell, s: DailyCloseFlow): Node[] {
  const { input, echo } = dateInput('close-date', s.date, (v) => { s.date = isoOfText(v) || v; }, 'past');
  const list = s.closes ?? [];
  return pageFrame(shell, [
    head('close.title', 'close.intro'),
    s.closed ? h('section', { class: 'panel', 'aria-labelledby': 'close-result' },
      h('h2', { class: 'panel__title', id: 'close-result', tabindex: '-1' },
        t('close.done', { counter: s.closed.counter, date: formatDate(s.closed.date) })),
      closeFacts(s.closed)) : null,
    h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'close-title',
      onsubmit: (ev) => { ev.preventDefault(); void s.close(); } },
    h('h2', { class: 'panel__title', id: 'close-title' }, t('close.form')),
    summary('close-errors', 'close.refused', s.errors, s.failure, 'close-counter'),
    field({ label: t('receipts.day'), control: input, after: echo }),
    field({ label: t('cashier.counter'), error: errorFor(s.errors, 'close-counter'),
      control: textInput('close-counter', s.counter, (v) => { s.counter = v; }, { class: 'input input--short' }) }),
    field({ label: t('close.cash_counted'), hint: t('close.counted_hint'), error: errorFor(s.errors, 'close-counted'),
      control: textInput('close-counted', s.counted, (v) => { s.counted = v; }, { inputmode: 'numeric', class: 'input input--short' }) }),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'close-submit' }, t('close.submit')))),
    h('section', { class: 'section', 'aria-labelledby': 'closes-title' },
      h('h2', { class: 'section-title', id: 'closes-title' }, t('close.list')),
      s.closes === null ? h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'))
        : !list.length ? h('p', { class: 'empty' }, t('close.none'))
          : h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'closes-title' },
            h('table', { class: 'table' },
              h('thead', null, h('tr', null,
                h('th', { scope: 'col' }, t('cashier.counter')),
                h('th', { scope: 'col' }, t('close.cash_expected')),
                h('th', { scope: 'col' }, t('close.cash_counted')),
                h('th', { scope: 'col' }, t('close.difference')),
                h('th', { scope: 'col' }, t('close.closed_by')))),
              h('tbody', null, list.map((c) => h('tr', { class: c.difference !== 0 ? 'is-late' : null },
                h('th', { scope: 'row' }, c.counter),
                h('td', null, money(c.cash_expected)),
                h('td', null, money(c.cash_counted)),
                h('td', null, differenceText(c.difference)),
                h('td', null, c.closed_by))))))),
  ].filter((n): n is HTMLElement => n !== null));
}

// ---- #/fees ---------------------------------------------------------------------------------

function feeRow(i: FeeItem): HTMLElement {
  return h('tr', null,
    h('th', { scope: 'row' }, nameOf(i)),
    h('td', null, money(i.amount)),
    h('td', null, i.extra_amount === null ? '—' : money(i.extra_amount)));
}

export function renderFees(shell: Shell, s: FeesFlow): Node[] {
  const admin = shell.session?.user.role === 'admin';
  const sch = s.schedule;
  return pageFrame(shell, [
    head('fees.title', 'fees.intro'),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'fees-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    h('section', { class: 'section', 'aria-labelledby': 'schedule-title' },
      h('h2', { class: 'section-title', id: 'schedule-title' },
        sch ? t('fees.in_force', { date: formatDate(sch.effective) }) : t('fees.schedule')),
      !sch ? h('p', { class: 'muted' }, s.listFailure ? msgText(s.listFailure) : t('common.loading'))
        : h('div', null, h('p', { class: 'muted small' }, sch.source),
          h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'schedule-title' },
            h('table', { class: 'table' },
              h('thead', null, h('tr', null,
                h('th', { scope: 'col' }, t('cashier.item')),
                h('th', { scope: 'col' }, t('fees.amount')),
                h('th', { scope: 'col' }, t('fees.extra')))),
              h('tbody', null, sch.items.map(feeRow)))),
          h('h3', { class: 'section-subtitle' }, t('fees.waivers')),
          h('ul', { class: 'list' }, sch.waivers.map((w) => h('li', null, nameOf(w))))),
    ),
    h('section', { class: 'section', 'aria-labelledby': 'fee-versions-title' },
      h('h2', { class: 'section-title', id: 'fee-versions-title' }, t('fees.versions')),
      h('ul', { class: 'list' }, (s.versions ?? []).map((v) => h('li', null, dateText(v.effective), ' ',
        v.in_force ? h('span', { class: 'badge badge--active' }, t('rules.in_force')) : null, ' ',
        v.origin === 'file' ? t('rules.source_file')
          : t('rules.source_database', { by: v.loaded_by ?? '', at: formatDateTime(v.loaded_at_ms ?? 0) }))))),
    admin ? h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'fees-load-title',
      onsubmit: (ev) => { ev.preventDefault(); void s.store(); } },
    h('h2', { class: 'panel__title', id: 'fees-load-title' }, t('fees.load_title')),
    summary('fees-errors', 'fees.refused', s.errors, s.failure, 'fees-text'),
    field({ label: t('fees.text'), hint: t('fees.text_hint'), error: errorFor(s.errors, 'fees-text'),
      control: textArea('fees-text', s.text, (v) => { s.text = v; }, { rows: 16, spellcheck: 'false', class: 'input textarea textarea--code' }) }),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'fees-submit' }, t('fees.submit')))) : null,
  ].filter((n): n is HTMLElement => n !== null));
}
