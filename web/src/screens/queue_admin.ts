// 叫號設定 (#/queue-admin): the office's services (number base, order, active), its counters
// with the services each serves (open or closed), and the calling policy. Admins edit all
// three; a supervisor opens or closes counters.

import type { QueueCounterConfig, QueueServiceConfig } from '../api';
import { textInput } from '../components/controls';
import { errorSummary, fieldError } from '../components/error_summary';
import type { SummaryItem } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kPolicyKeys } from '../flows/queue_admin';
import type { QueueAdminFlow } from '../flows/queue_admin';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

function summary(id: string, errors: FieldError[], failure: Msg | null, labels: Record<string, string>): HTMLElement | null {
  const items: SummaryItem[] = errors.map((e) => ({
    text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
  }));
  if (failure && !errors.some((e) => 'server' in e.msg)) items.push({ text: msgText(failure) });
  return items.length ? errorSummary(t('qadmin.refused'), items, id) : null;
}

function smallButton(s: QueueAdminFlow, id: string, label: MessageKey, hidden: string, on: () => void): HTMLElement {
  return h('button', {
    type: 'button', class: 'button button--secondary button--small', id,
    'aria-disabled': s.busy ? 'true' : null, onclick: on,
  }, t(label), h('span', { class: 'visually-hidden' }, ` ${hidden}`));
}

function names(zh: string, en: string): HTMLElement[] {
  return [h('span', { lang: 'zh-Hant-TW' }, zh), h('br'), h('span', { lang: 'en', class: 'small' }, en)];
}

function servicesTable(s: QueueAdminFlow, list: QueueServiceConfig[]): HTMLElement {
  return h('section', { class: 'section', 'aria-labelledby': 'qs-title' },
    h('h2', { class: 'section-title', id: 'qs-title' }, t('qadmin.services')),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'qs-title' },
      h('table', { class: 'table', id: 'qs-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('qadmin.code')),
          h('th', { scope: 'col' }, t('qadmin.name')),
          h('th', { scope: 'col' }, t('qadmin.number_base')),
          h('th', { scope: 'col' }, t('qadmin.sort')),
          h('th', { scope: 'col' }, t('qadmin.state')),
          s.admin ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('qadmin.actions'))) : null)),
        h('tbody', null, list.map((x) => h('tr', { id: `qs-row-${x.code}` },
          h('th', { scope: 'row' }, h('code', null, x.code)),
          h('td', null, names(x.name_zh, x.name_en)),
          h('td', null, String(x.number_base + 1)),
          h('td', null, String(x.sort)),
          h('td', null, x.active ? h('span', { class: 'badge badge--active' }, t('qadmin.active'))
            : h('span', { class: 'badge badge--removed' }, t('qadmin.inactive'))),
          s.admin ? h('td', { class: 'table__action' },
            smallButton(s, `qs-edit-${x.code}`, 'qadmin.edit', x.name_zh, () => s.editService(x.code))) : null))))));
}

function countersTable(s: QueueAdminFlow, list: QueueCounterConfig[], services: QueueServiceConfig[]): HTMLElement {
  const serviceName = (code: string) => services.find((x) => x.code === code)?.name_zh ?? code;
  return h('section', { class: 'section', 'aria-labelledby': 'qc-title' },
    h('h2', { class: 'section-title', id: 'qc-title' }, t('qadmin.counters')),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'qc-title' },
      h('table', { class: 'table', id: 'qc-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('qadmin.counter')),
          h('th', { scope: 'col' }, t('qadmin.name')),
          h('th', { scope: 'col' }, t('qadmin.serves')),
          h('th', { scope: 'col' }, t('qadmin.state')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('qadmin.actions'))))),
        h('tbody', null, list.map((c) => h('tr', { id: `qc-row-${c.id}` },
          h('th', { scope: 'row' }, c.id),
          h('td', null, names(c.name_zh, c.name_en)),
          h('td', { class: 'small', lang: 'zh-Hant-TW' }, c.services.map(serviceName).join('、')),
          h('td', null, c.open ? h('span', { class: 'badge badge--active' }, t('qadmin.open'))
            : h('span', { class: 'badge badge--removed' }, t('qadmin.closed_state'))),
          h('td', { class: 'table__action' },
            c.open ? smallButton(s, `qc-close-${c.id}`, 'qadmin.close', c.name_zh, () => void s.setOpen(c, false))
              : smallButton(s, `qc-open-${c.id}`, 'qadmin.open_it', c.name_zh, () => void s.setOpen(c, true)),
            s.admin ? smallButton(s, `qc-edit-${c.id}`, 'qadmin.edit', c.name_zh, () => s.editCounter(c.id)) : null)))))));
}

function checkbox(id: string, label: string, checked: boolean, set: (on: boolean) => void): HTMLElement {
  return h('div', { class: 'checkbox checkbox--tight' },
    h('input', { type: 'checkbox', class: 'checkbox__input', id, checked,
      onchange: (ev) => set((ev.target as HTMLInputElement).checked) }),
    h('label', { class: 'checkbox__label', for: id }, label));
}

function actions(s: QueueAdminFlow, save: string, saveLabel: MessageKey, cancel: (() => void) | null, cancelId: string): HTMLElement {
  return h('div', { class: 'form__actions' },
    h('button', { type: 'submit', class: 'button button--primary', id: save,
      'aria-disabled': s.busy ? 'true' : null }, t(saveLabel)),
    cancel ? h('button', { type: 'button', class: 'button button--secondary', id: cancelId, onclick: cancel },
      t('qadmin.cancel')) : null);
}

function serviceForm(s: QueueAdminFlow): HTMLElement {
  const f = s.serviceForm;
  const e = s.errors.service;
  const labels: Record<string, string> = {
    'qs-code': t('qadmin.code'), 'qs-name-zh': t('qadmin.name_zh'), 'qs-name-en': t('qadmin.name_en'),
    'qs-base': t('qadmin.number_base'), 'qs-sort': t('qadmin.sort'),
  };
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'qs-form-title', id: 'qs-form',
    onsubmit: (ev) => { ev.preventDefault(); void s.saveService(); },
  },
  h('h2', { class: 'panel__title', id: 'qs-form-title', tabindex: '-1' },
    s.editingService ? t('qadmin.edit_service', { code: s.editingService }) : t('qadmin.new_service')),
  summary('qs-errors', e, s.failure.service, labels),
  h('div', { class: 'form-grid' },
    field({ label: labels['qs-code']!, hint: t('qadmin.code_hint'), error: errorFor(e, 'qs-code'), class: 'field--short',
      control: textInput('qs-code', f.code, (v) => { f.code = v; },
        { maxlength: '32', spellcheck: 'false', readonly: s.editingService !== null, class: 'input input--code' }) }),
    field({ label: labels['qs-name-zh']!, error: errorFor(e, 'qs-name-zh'),
      control: textInput('qs-name-zh', f.nameZh, (v) => { f.nameZh = v; }, { maxlength: '120', lang: 'zh-Hant-TW' }) }),
    field({ label: labels['qs-name-en']!, error: errorFor(e, 'qs-name-en'),
      control: textInput('qs-name-en', f.nameEn, (v) => { f.nameEn = v; }, { maxlength: '120', lang: 'en' }) }),
    field({ label: labels['qs-base']!, hint: t('qadmin.number_base_hint'), error: errorFor(e, 'qs-base'), class: 'field--short',
      control: textInput('qs-base', f.base, (v) => { f.base = v; }, { inputmode: 'numeric', maxlength: '4' }) }),
    field({ label: labels['qs-sort']!, error: errorFor(e, 'qs-sort'), class: 'field--short',
      control: textInput('qs-sort', f.sort, (v) => { f.sort = v; }, { inputmode: 'numeric', maxlength: '4' }) }),
    h('div', { class: 'field--wide' }, checkbox('qs-active', t('qadmin.active_label'), f.active, (on) => { f.active = on; }))),
  actions(s, 'qs-save', 'qadmin.save_service', s.editingService ? () => s.newService() : null, 'qs-cancel'));
}

function counterForm(s: QueueAdminFlow, services: QueueServiceConfig[]): HTMLElement {
  const f = s.counterForm;
  const e = s.errors.counter;
  const first = services[0]?.code ?? '';
  const labels: Record<string, string> = {
    'qc-id': t('qadmin.counter'), 'qc-name-zh': t('qadmin.name_zh'), 'qc-name-en': t('qadmin.name_en'),
    [`qc-service-${first}`]: t('qadmin.serves'), 'qc-sort': t('qadmin.sort'),
  };
  const servesError = errorFor(e, `qc-service-${first}`);
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'qc-form-title', id: 'qc-form',
    onsubmit: (ev) => { ev.preventDefault(); void s.saveCounter(); },
  },
  h('h2', { class: 'panel__title', id: 'qc-form-title', tabindex: '-1' },
    s.editingCounter ? t('qadmin.edit_counter', { id: s.editingCounter }) : t('qadmin.new_counter')),
  summary('qc-errors', e, s.failure.counter, labels),
  h('div', { class: 'form-grid' },
    field({ label: labels['qc-id']!, hint: t('qadmin.counter_hint'), error: errorFor(e, 'qc-id'), class: 'field--short',
      control: textInput('qc-id', f.id, (v) => { f.id = v; },
        { maxlength: '8', spellcheck: 'false', readonly: s.editingCounter !== null }) }),
    field({ label: labels['qc-name-zh']!, error: errorFor(e, 'qc-name-zh'),
      control: textInput('qc-name-zh', f.nameZh, (v) => { f.nameZh = v; }, { maxlength: '120', lang: 'zh-Hant-TW' }) }),
    field({ label: labels['qc-name-en']!, error: errorFor(e, 'qc-name-en'),
      control: textInput('qc-name-en', f.nameEn, (v) => { f.nameEn = v; }, { maxlength: '120', lang: 'en' }) }),
    field({ label: labels['qc-sort']!, error: errorFor(e, 'qc-sort'), class: 'field--short',
      control: textInput('qc-sort', f.sort, (v) => { f.sort = v; }, { inputmode: 'numeric', maxlength: '4' }) }),
    h('fieldset', { class: ['fieldset field--wide', servesError ? 'field--error' : ''].filter(Boolean).join(' '),
      'aria-describedby': servesError ? 'qc-services-error' : null },
    h('legend', { class: 'fieldset__legend' }, t('qadmin.serves')),
    servesError ? fieldError('qc-services-error', servesError) : null,
    h('div', { class: 'checkbox-grid' }, services.map((x) => checkbox(`qc-service-${x.code}`, x.name_zh,
      f.services.has(x.code), (on) => s.toggleService(x.code, on))))),
    h('div', { class: 'field--wide' }, checkbox('qc-open', t('qadmin.open_label'), f.open, (on) => { f.open = on; }))),
  actions(s, 'qc-save', 'qadmin.save_counter', s.editingCounter ? () => s.newCounter() : null, 'qc-cancel'));
}

function policyForm(s: QueueAdminFlow): HTMLElement {
  const e = s.errors.policy;
  const labels = Object.fromEntries(kPolicyKeys.map((k) => [`qp-${k}`, t(`qadmin.p.${k}` as MessageKey)]));
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'qp-title', id: 'qp-form',
    onsubmit: (ev) => { ev.preventDefault(); void s.savePolicy(); },
  },
  h('h2', { class: 'panel__title', id: 'qp-title', tabindex: '-1' }, t('qadmin.policy')),
  h('p', { class: 'muted small' }, t('qadmin.policy_intro')),
  summary('qp-errors', e, s.failure.policy, labels),
  h('div', { class: 'form-grid' }, kPolicyKeys.map((k) => field({
    label: labels[`qp-${k}`]!, hint: t(`qadmin.h.${k}` as MessageKey), error: errorFor(e, `qp-${k}`), class: 'field--short',
    control: textInput(`qp-${k}`, s.policyForm[k], (v) => { s.policyForm[k] = v; },
      { inputmode: 'numeric', maxlength: '4', readonly: !s.admin }),
  }))),
  s.admin ? actions(s, 'qp-save', 'qadmin.save_policy', null, '') : null);
}

export function renderQueueAdmin(shell: Shell, s: QueueAdminFlow): Node[] {
  const head = h('div', { class: 'page-head' },
    h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('qadmin.title')),
    h('p', { class: 'lead' }, t('qadmin.intro')));
  const notice = s.notice
    ? h('p', { class: `notice ${'server' in s.notice ? 'notice--warn' : 'notice--ok'}`, id: 'qadmin-notice', tabindex: '-1', role: 'status' },
      msgText(s.notice))
    : null;
  if (!s.services || !s.counters) {
    return pageFrame(shell, [head, s.listFailure
      ? errorSummary(t('qadmin.load_failed'), [{ text: msgText(s.listFailure) }])
      : h('p', { class: 'muted', role: 'status' }, t('common.loading'))]);
  }
  return pageFrame(shell, [
    head,
    notice,
    servicesTable(s, s.services),
    s.admin ? serviceForm(s) : null,
    countersTable(s, s.counters, s.services),
    s.admin ? counterForm(s, s.services) : null,
    policyForm(s),
  ].filter((n): n is HTMLElement => n !== null));
}
