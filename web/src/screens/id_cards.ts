// 國民身分證 (#/id-cards: a person's cards, issue, loss report and revocation, 戶口名簿) and its
// blank stock (#/id-cards/stock: receive, spoil/void/defective, the month's count and a
// physical count with its differences). Keyboard first: every action is a form or a button.

import type { IdCard, StockItem } from '../api';
import { fact } from '../components/application';
import { idInput, selectInput, textArea, textInput } from '../components/controls';
import { dateText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { Child } from '../dom';
import { kIdCardKinds, kIdentityChecks, kStockRemovals } from '../flows/id_cards';
import type { IdCardsFlow } from '../flows/id_cards';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { msgText } from '../messages';
import type { Shell } from '../shell';

const tk = (prefix: string, code: string): string => t(`${prefix}.${code}` as MessageKey);
const options = (prefix: string, codes: readonly string[]) => codes.map((c) => ({ value: c, label: tk(prefix, c) }));

function form(id: string, title: MessageKey, submit: () => void, ...children: Child[]): HTMLElement {
  return h('form', { class: 'panel', novalidate: true, 'aria-labelledby': `${id}-title`,
    onsubmit: (ev) => { ev.preventDefault(); submit(); } },
  h('h2', { class: 'panel__title', id: `${id}-title`, tabindex: '-1' }, t(title)), ...children);
}

function submitButton(id: string, label: MessageKey, busy: boolean): HTMLElement {
  return h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id, 'aria-disabled': busy ? 'true' : null }, t(label)));
}

function messages(s: IdCardsFlow): Child[] {
  return [
    s.notice ? h('p', { class: 'notice notice--ok', id: 'idc-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    s.failure ? errorSummary(t('idc.failed'), [{ text: msgText(s.failure) }], 'idc-failure') : null,
  ];
}

function cardRow(s: IdCardsFlow, c: IdCard): HTMLElement {
  const action = c.status === 'valid' || c.status === 'lost'
    ? h('button', { type: 'button', class: 'button button--secondary button--small', id: `idc-${c.id}-loss`,
      onclick: () => void s.changeLoss(c.id, c.status === 'lost') },
    t(c.status === 'lost' ? 'idc.revoke_loss' : 'idc.report_loss'), h('span', { class: 'visually-hidden' }, ` ${c.card_serial}`))
    : null;
  return h('tr', null,
    h('th', { scope: 'row' }, h('span', { class: 'id-number' }, c.card_serial)),
    h('td', null, tk('idc.kind', c.kind)),
    h('td', null, dateText(c.issued_on)),
    h('td', null, h('span', { class: `badge ${c.status === 'valid' ? 'badge--active' : 'badge--pending'}` }, tk('idc.status', c.status)),
      c.lost_on ? [' ', dateText(c.lost_on)] : null),
    h('td', null, t('idc.fee_amount', { fee: c.fee })),
    h('td', { class: 'table__action' }, action));
}

function counter(s: IdCardsFlow): Child[] {
  const holder = s.holder;
  const lookup = form('idc-lookup', 'idc.lookup', () => void s.lookup(),
    field({ label: t('idc.person_id'), control: idInput('idc-person', s.personId, (v) => { s.personId = v; }) }),
    submitButton('idc-lookup-submit', 'idc.lookup_submit', s.busy));
  if (!holder) return [lookup];
  const p = holder.person;
  const f = s.issue;
  const photo = h('input', { id: 'idc-photo', name: 'idc-photo', type: 'file', class: 'input', accept: 'image/png,image/jpeg',
    onchange: (ev) => { s.photo = (ev.target as HTMLInputElement).files?.[0] ?? null; } });
  return [
    lookup,
    h('section', { class: 'panel', 'aria-labelledby': 'idc-person-title' },
      h('h2', { class: 'panel__title', id: 'idc-person-title', tabindex: '-1' }, zhText(p.name), ' ', h('span', { class: 'id-number' }, p.id_number)),
      h('dl', { class: 'facts' },
        fact(t('idc.birth_date'), dateText(p.birth_date)),
        fact(t('idc.age'), t('idc.age_years', { n: p.age }))),
      holder.cards.length
        ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'idc-person-title' },
          h('table', { class: 'table' },
            h('thead', null, h('tr', null, ['idc.serial', 'idc.kind_label', 'idc.issued_on', 'idc.status_label', 'idc.fee', 'idc.actions']
              .map((k) => h('th', { scope: 'col' }, t(k as MessageKey))))),
            h('tbody', null, holder.cards.map((c) => cardRow(s, c)))))
        : h('p', { class: 'empty' }, t('idc.no_cards')),
      field({ label: t('idc.loss_reason'), optional: t('form.optional'),
        control: textInput('idc-loss-reason', s.lossReason, (v) => { s.lossReason = v; }, { maxlength: '200' }) })),
    form('idc-issue', 'idc.issue', () => void s.submitIssue(),
      field({ label: t('idc.kind_label'), control: selectInput('idc-kind', options('idc.kind', kIdCardKinds), f.kind, (v) => { f.kind = v; }) }),
      h('div', { class: 'form-grid form-grid--pair' },
        field({ label: t('idc.card_serial'), control: idInput('idc-card-serial', f.cardSerial, (v) => { f.cardSerial = v; }, 16) }),
        field({ label: t('idc.laminate_serial'), control: idInput('idc-laminate-serial', f.laminateSerial, (v) => { f.laminateSerial = v; }, 16) })),
      field({ label: t('idc.photo'), hint: t('idc.photo_hint'), control: photo }),
      field({ label: t('idc.applicant_name'), optional: t('form.optional'),
        control: textInput('idc-applicant', f.applicantName, (v) => { f.applicantName = v; }, { maxlength: '200' }) }),
      field({ label: t('idc.identity_check'), control: selectInput('idc-identity', options('idc.check', kIdentityChecks), f.identityCheck, (v) => { f.identityCheck = v; }) }),
      field({ label: t('idc.waiver'), control: selectInput('idc-waiver', [{ value: 'reorganisation', label: t('idc.waiver.reorganisation') }],
        f.waiver, (v) => { f.waiver = v; }, t('idc.no_waiver')) }),
      submitButton('idc-issue-submit', 'idc.issue_submit', s.busy)),
  ];
}

function batchForm(s: IdCardsFlow): HTMLElement {
  const photos = h('input', { id: 'idc-batch-photos', name: 'idc-batch-photos', type: 'file', class: 'input', multiple: true,
    accept: 'image/png,image/jpeg',
    onchange: (ev) => { s.batchPhotos = Array.from((ev.target as HTMLInputElement).files ?? []); } });
  const r = s.batchResult;
  const result = r ? h('div', { id: 'idc-batch-result', tabindex: '-1', class: 'notice notice--ok' },
    h('p', null, t('idc.batch_done', { issued: r.issued, refused: r.refused })),
    h('ul', null, r.results.map((x) => h('li', null, h('span', { class: 'id-number' }, x.person_id), '：',
      x.card ? t('idc.batch_issued', { serial: x.card.card_serial }) : x.error ? msgText({ server: x.error }) : ''))))
    : null;
  return form('idc-batch', 'idc.batch', () => void s.submitBatch(),
    field({ label: t('idc.school'), control: textInput('idc-school', s.batch.school, (v) => { s.batch.school = v; }, { maxlength: '200' }) }),
    field({ label: t('idc.batch_lines'), hint: t('idc.batch_lines_hint'),
      control: textArea('idc-batch-lines', s.batch.lines, (v) => { s.batch.lines = v; }, { rows: 5 }) }),
    field({ label: t('idc.batch_photos'), hint: t('idc.batch_photos_hint'), control: photos }),
    submitButton('idc-batch-submit', 'idc.batch_submit', s.busy), result);
}

function bookletForm(s: IdCardsFlow): HTMLElement {
  const b = s.booklet;
  return form('idc-booklet', 'idc.booklet', () => void s.submitBooklet(),
    h('div', { class: 'form-grid form-grid--pair' },
      field({ label: t('idc.household_no'), control: idInput('idc-household', b.householdNo, (v) => { b.householdNo = v; }, 8) }),
      field({ label: t('idc.booklet_kind'), control: selectInput('idc-booklet-kind',
        [{ value: 'issue', label: t('idc.booklet.issue') }, { value: 'replacement', label: t('idc.booklet.replacement') }],
        b.kind, (v) => { b.kind = v; }) })),
    field({ label: t('idc.booklet_applicant'), hint: t('idc.booklet_applicant_hint'),
      control: idInput('idc-booklet-applicant', b.applicantId, (v) => { b.applicantId = v; }) }),
    h('div', { class: 'form-grid form-grid--pair' },
      field({ label: t('idc.principal'), optional: t('form.optional'), control: idInput('idc-principal', b.principalId, (v) => { b.principalId = v; }) }),
      field({ label: t('idc.agent_reason'), optional: t('form.optional'),
        control: textInput('idc-agent-reason', b.reason, (v) => { b.reason = v; }, { maxlength: '200' }) })),
    submitButton('idc-booklet-submit', 'idc.booklet_submit', s.busy));
}

function stockTable(items: StockItem[]): HTMLElement {
  const cols: MessageKey[] = ['stock.item', 'stock.received_n', 'stock.issued_n', 'stock.spoiled_n', 'stock.voided_n',
    'stock.defective_n', 'stock.on_hand_n', 'stock.on_hand_runs'];
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stock-title' },
    h('table', { class: 'table', id: 'stock-table' },
      h('thead', null, h('tr', null, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, items.map((i) => h('tr', null,
        h('th', { scope: 'row' }, tk('stock.item', i.item)),
        h('td', null, i.received), h('td', null, i.issued), h('td', null, i.spoiled), h('td', null, i.voided),
        h('td', null, i.defective), h('td', null, i.on_hand),
        h('td', null, i.on_hand_runs.map((r, n) => [n ? h('br') : null,
          h('span', { class: 'id-number' }, r.first === r.last ? r.first : `${r.first}–${r.last}`), ` (${r.count})`])))))));
}

function monthlyPanel(s: IdCardsFlow): HTMLElement {
  const m = s.monthly;
  const input = h('input', { id: 'stock-month', name: 'stock-month', type: 'month', class: 'input input--date', value: s.month,
    oninput: (ev) => { s.month = (ev.target as HTMLInputElement).value; } });
  const rows: MessageKey[] = ['stock.opening', 'stock.received_n', 'stock.issued_n', 'stock.void_total', 'stock.defective_n', 'stock.on_hand_n'];
  return h('section', { class: 'panel', 'aria-labelledby': 'stock-month-title' },
    h('h2', { class: 'panel__title', id: 'stock-month-title', tabindex: '-1' }, t('stock.monthly')),
    h('form', { class: 'section-head', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); void s.showMonth(); } },
      field({ label: t('stock.month'), control: input }),
      h('div', { class: 'form__actions form__actions--tight' },
        h('button', { type: 'submit', class: 'button button--secondary', id: 'stock-month-show' }, t('stock.show')),
        h('button', { type: 'button', class: 'button button--secondary', id: 'stock-download', onclick: () => void s.download() }, t('stock.download')))),
    m ? [
      h('p', { class: 'lead', id: 'stock-due' }, t('stock.due'), dateText(m.due_on)),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stock-month-title' },
        h('table', { class: 'table', id: 'stock-monthly' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('stock.item')), rows.map((k) => h('th', { scope: 'col' }, t(k))),
            h('th', { scope: 'col' }, t('stock.count_state')))),
          h('tbody', null, m.items.map((i) => h('tr', null,
            h('th', { scope: 'row' }, tk('stock.item', i.item)),
            [i.figures.opening, i.figures.received, i.figures.issued, i.figures.spoiled + i.figures.voided, i.figures.defective,
              i.figures.on_hand].map((n) => h('td', null, n)),
            h('td', null, i.count === null ? t('stock.not_counted') : t(i.count.reconciled ? 'stock.reconciled' : 'stock.not_reconciled'))))))),
      h('p', null, t('stock.lost', { n: m.lost })),
    ] : null);
}

function countPanel(s: IdCardsFlow): HTMLElement {
  const c = s.lastCount;
  const result = c ? h('div', { id: 'stock-count-result', tabindex: '-1',
    class: `notice ${c.reconciled ? 'notice--ok' : 'notice--warning'}` },
  h('p', null, t(c.reconciled ? 'stock.count_ok' : 'stock.count_off', { expected: c.expected, counted: c.counted })),
  c.missing.length ? h('p', null, t('stock.missing'), ' ', h('span', { class: 'id-number' }, c.missing.join('、'))) : null,
  c.unexpected.length ? h('p', null, t('stock.unexpected'), ' ', h('span', { class: 'id-number' }, c.unexpected.join('、'))) : null)
    : null;
  return form('stock-count', 'stock.count', () => void s.submitCount(),
    field({ label: t('stock.item'), control: selectInput('stock-count-item', options('stock.item', ['card', 'laminate']), s.count.item, (v) => { s.count.item = v; }) }),
    field({ label: t('stock.counted_serials'), hint: t('stock.counted_hint'),
      control: textArea('stock-count-serials', s.count.serials, (v) => { s.count.serials = v; }, { rows: 5 }) }),
    submitButton('stock-count-submit', 'stock.count_submit', s.busy), result);
}

function stock(s: IdCardsFlow): Child[] {
  const r = s.receive;
  const x = s.removal;
  const items = options('stock.item', ['card', 'laminate']);
  return [
    h('section', { class: 'section', 'aria-labelledby': 'stock-title' },
      h('h2', { class: 'section-title', id: 'stock-title', tabindex: '-1' }, t('stock.title_now')), stockTable(s.stock)),
    form('stock-receive', 'stock.receive', () => void s.submitReceive(),
      field({ label: t('stock.item'), control: selectInput('stock-receive-item', items, r.item, (v) => { r.item = v; }) }),
      h('div', { class: 'form-grid form-grid--pair' },
        field({ label: t('stock.first'), control: idInput('stock-first', r.first, (v) => { r.first = v; }, 16) }),
        field({ label: t('stock.last'), control: idInput('stock-last', r.last, (v) => { r.last = v; }, 16) })),
      submitButton('stock-receive-submit', 'stock.receive_submit', s.busy)),
    form('stock-remove', 'stock.remove', () => void s.submitRemoval(),
      h('div', { class: 'form-grid form-grid--pair' },
        field({ label: t('stock.item'), control: selectInput('stock-remove-item', items, x.item, (v) => { x.item = v; }) }),
        field({ label: t('stock.serial'), control: idInput('stock-serial', x.serial, (v) => { x.serial = v; }, 16) })),
      field({ label: t('stock.removal'), control: selectInput('stock-removal', options('stock.status', kStockRemovals), x.status, (v) => { x.status = v; }) }),
      field({ label: t('stock.reason'), control: textInput('stock-reason', x.reason, (v) => { x.reason = v; }, { maxlength: '200' }) }),
      submitButton('stock-remove-submit', 'stock.remove_submit', s.busy)),
    monthlyPanel(s),
    countPanel(s),
  ];
}

export function renderIdCards(shell: Shell, s: IdCardsFlow): Node[] {
  const onStock = s.view === 'stock';
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t(onStock ? 'stock.title' : 'idc.title')),
      h('p', { class: 'lead' }, t(onStock ? 'stock.intro' : 'idc.intro')),
      h('p', null, h('a', { href: onStock ? '#/id-cards' : '#/id-cards/stock', id: 'idc-switch' },
        t(onStock ? 'idc.title' : 'stock.title')))),
    ...messages(s),
    ...(onStock ? stock(s) : [...counter(s), batchForm(s), bookletForm(s)]),
  ].flat().filter((n): n is HTMLElement => n instanceof HTMLElement));
}
