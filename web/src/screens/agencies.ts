// 通報機關 (#/agencies): the agencies with their channel, types, state and keys; a form that
// adds one or changes one; enable / disable, rotate the secret, end the rotation.

import type { Agency } from '../api';
import { agencyName } from '../components/consent';
import { radioGroup, textInput } from '../components/controls';
import { errorSummary, fieldError } from '../components/error_summary';
import type { SummaryItem } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kNotifiableTypes, kPayloadFields } from '../flows/agencies';
import type { AgenciesFlow } from '../flows/agencies';
import { t, typeName } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function stateBadge(a: Agency): HTMLElement {
  if (!a.active) {
    return h('span', { class: 'badge badge--removed' },
      t(a.disabled_reason === 'gone' ? 'agencies.disabled_gone' : 'agencies.state_disabled'));
  }
  return h('span', { class: 'badge badge--active' }, t('agencies.state_active'));
}

function agencyRow(s: AgenciesFlow, a: Agency): HTMLElement {
  const button = (id: string, label: MessageKey, on: () => void) => h('button', {
    type: 'button', class: 'button button--secondary button--small', id,
    'aria-disabled': s.busy ? 'true' : null, onclick: on,
  }, t(label), h('span', { class: 'visually-hidden' }, ` ${agencyName(a, a.code)}`));
  return h('tr', { id: `agency-${a.code}` },
    h('th', { scope: 'row' }, h('code', null, a.code)),
    h('td', null, h('span', { lang: 'zh-Hant-TW' }, a.name_zh), h('br'), h('span', { lang: 'en', class: 'small' }, a.name_en)),
    h('td', { class: 'small' }, t(`agencies.channel.${a.channel}`), h('br'), h('span', { class: 'break' }, a.url)),
    h('td', { class: 'small' }, a.types.map((x) => typeName(x as never)).join('、')),
    h('td', null, stateBadge(a)),
    h('td', { class: 'small' },
      h('code', null, a.secret_hint),
      a.rotating ? [h('br'), h('span', { class: 'badge badge--pending' }, t('agencies.rotating'))] : null,
      a.public_key ? [h('br'), t('agencies.public_key'), h('br'), h('code', { class: 'break', id: `public-key-${a.code}` }, a.public_key)] : null),
    h('td', { class: 'table__action' },
      button(`edit-${a.code}`, 'agencies.edit', () => s.edit(a.code)),
      a.active
        ? button(`disable-${a.code}`, 'agencies.disable', () => void s.setActive(a, false))
        : button(`enable-${a.code}`, 'agencies.enable', () => void s.setActive(a, true)),
      button(`rotate-${a.code}`, 'agencies.rotate', () => void s.rotate(a)),
      a.rotating ? button(`end-rotation-${a.code}`, 'agencies.end_rotation', () => void s.endRotation(a)) : null));
}

function table(s: AgenciesFlow): HTMLElement {
  const title = h('h2', { class: 'section-title', id: 'agencies-title' }, t('agencies.list'));
  if (s.agencies === null) {
    return h('section', { class: 'section', 'aria-labelledby': 'agencies-title' }, title,
      s.listFailure ? errorSummary(t('agencies.load_failed'), [{ text: msgText(s.listFailure) }])
        : h('p', { class: 'muted', role: 'status' }, t('common.loading')));
  }
  if (!s.agencies.length) {
    return h('section', { class: 'section', 'aria-labelledby': 'agencies-title' }, title,
      h('p', { class: 'muted', id: 'agencies-empty' }, t('agencies.none')));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'agencies-title' }, title,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'agencies-title' },
      h('table', { class: 'table', id: 'agencies' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('agencies.code')),
          h('th', { scope: 'col' }, t('agencies.name')),
          h('th', { scope: 'col' }, t('agencies.channel')),
          h('th', { scope: 'col' }, t('agencies.types')),
          h('th', { scope: 'col' }, t('agencies.state')),
          h('th', { scope: 'col' }, t('agencies.keys')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('agencies.actions'))))),
        h('tbody', null, s.agencies.map((a) => agencyRow(s, a))))));
}

// A fieldset of checkboxes (types, fields), its error on the fieldset.
function checkboxes(s: AgenciesFlow, set: 'types' | 'fields', legend: string, values: readonly string[],
  label: (v: string) => string): HTMLElement {
  const prefix = set === 'types' ? 'agency-type' : 'agency-field';
  const error = errorFor(s.errors, `${prefix}-${values[0]}`);
  return h('fieldset', { class: ['fieldset field--wide', error ? 'field--error' : ''].filter(Boolean).join(' '),
    'aria-describedby': error ? `${prefix}-error` : null },
  h('legend', { class: 'fieldset__legend' }, legend),
  error ? fieldError(`${prefix}-error`, error) : null,
  h('div', { class: 'checkbox-grid' }, values.map((v) => h('div', { class: 'checkbox checkbox--tight' },
    h('input', {
      type: 'checkbox', class: 'checkbox__input', id: `${prefix}-${v}`, checked: s.form[set].has(v),
      onchange: (ev) => s.toggle(set, v, (ev.target as HTMLInputElement).checked),
    }),
    h('label', { class: 'checkbox__label', for: `${prefix}-${v}` }, label(v))))));
}

function form(s: AgenciesFlow): HTMLElement {
  const f = s.form;
  const editing = s.editing;
  const labels: Record<string, string> = {
    'agency-code': t('agencies.code'), 'agency-name-zh': t('agencies.name_zh'),
    'agency-name-en': t('agencies.name_en'), 'agency-group': t('agencies.group'),
    'agency-channel-webhook': t('agencies.channel'), 'agency-url': t('agencies.url'),
    'agency-secret': t('agencies.secret'), [`agency-type-${kNotifiableTypes[0]}`]: t('agencies.types'),
    [`agency-field-${kPayloadFields[0]}`]: t('agencies.fields'),
  };
  const items: SummaryItem[] = s.errors.map((e) => ({
    text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
  }));
  if (s.failure && !s.errors.some((e) => 'server' in e.msg)) items.push({ text: msgText(s.failure) });
  const secret = textInput('agency-secret', f.secret, (v) => { f.secret = v; },
    { maxlength: '206', spellcheck: 'false', class: 'input input--code', autocomplete: 'off' });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'agency-form-title', id: 'agency-form',
    onsubmit: (ev) => { ev.preventDefault(); void s.save(); },
  },
  h('h2', { class: 'panel__title', id: 'agency-form-title', tabindex: '-1' },
    editing ? t('agencies.edit_title', { name: agencyName(editing, editing.code) }) : t('agencies.new_title')),
  items.length ? errorSummary(t('agencies.refused'), items, 'agency-errors') : null,
  h('div', { class: 'form-grid' },
    field({
      label: t('agencies.code'), hint: t('agencies.code_hint'), error: errorFor(s.errors, 'agency-code'),
      class: 'field--short',
      control: textInput('agency-code', f.code, (v) => { f.code = v; },
        { maxlength: '32', spellcheck: 'false', readonly: editing !== null, class: 'input input--code' }),
    }),
    field({
      label: t('agencies.name_zh'), error: errorFor(s.errors, 'agency-name-zh'),
      control: textInput('agency-name-zh', f.nameZh, (v) => { f.nameZh = v; }, { maxlength: '100', lang: 'zh-Hant-TW' }),
    }),
    field({
      label: t('agencies.name_en'), error: errorFor(s.errors, 'agency-name-en'),
      control: textInput('agency-name-en', f.nameEn, (v) => { f.nameEn = v; }, { maxlength: '100', lang: 'en' }),
    }),
    field({
      label: t('agencies.group'), hint: t('agencies.group_hint'), error: errorFor(s.errors, 'agency-group'),
      optional: t('form.optional'), class: 'field--short',
      control: textInput('agency-group', f.group, (v) => { f.group = v; }, { maxlength: '32', spellcheck: 'false' }),
    }),
    radioGroup({
      name: 'agency-channel', legend: t('agencies.channel'), value: f.channel, class: 'radios--inline field--wide',
      error: errorFor(s.errors, 'agency-channel-webhook'),
      set: (v) => { f.channel = v === 'file' ? 'file' : 'webhook'; s.redraw(); },
      radios: [
        { id: 'agency-channel-webhook', value: 'webhook', label: t('agencies.channel.webhook') },
        { id: 'agency-channel-file', value: 'file', label: t('agencies.channel.file') },
      ],
    }),
    field({
      label: f.channel === 'file' ? t('agencies.directory') : t('agencies.url'),
      hint: t(f.channel === 'file' ? 'agencies.directory_hint' : 'agencies.url_hint'),
      error: errorFor(s.errors, 'agency-url'), class: 'field--wide',
      control: textInput('agency-url', f.url, (v) => { f.url = v; }, { maxlength: '2000', spellcheck: 'false', class: 'input input--code' }),
    }),
    h('div', { class: 'field--wide secret-row' },
      field({
        label: t('agencies.secret'), hint: t(editing ? 'agencies.secret_keep_hint' : 'agencies.secret_hint'),
        error: errorFor(s.errors, 'agency-secret'), class: 'field--wide',
        optional: editing ? t('form.optional') : undefined, control: secret,
      }),
      h('button', { type: 'button', class: 'button button--secondary', id: 'agency-generate',
        onclick: () => s.generate() }, t('agencies.generate'))),
    editing ? null : h('div', { class: 'checkbox field--wide' },
      h('input', { type: 'checkbox', class: 'checkbox__input', id: 'agency-signing-key', checked: f.signingKey,
        onchange: (ev) => { f.signingKey = (ev.target as HTMLInputElement).checked; } }),
      h('label', { class: 'checkbox__label', for: 'agency-signing-key' }, t('agencies.signing_key'))),
    editing?.public_key ? h('p', { class: 'field--wide small' }, t('agencies.public_key'), ' ',
      h('code', { class: 'break' }, editing.public_key)) : null,
    checkboxes(s, 'types', t('agencies.types'), kNotifiableTypes, (v) => typeName(v as never)),
    checkboxes(s, 'fields', t('agencies.fields'), kPayloadFields, (v) => t(`afield.${v}` as MessageKey))),
  h('div', { class: 'form__actions' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'agency-save',
      'aria-disabled': s.busy ? 'true' : null }, t(editing ? 'agencies.save' : 'agencies.create')),
    editing ? h('button', { type: 'button', class: 'button button--secondary', id: 'agency-cancel',
      onclick: () => s.startNew() }, t('agencies.cancel')) : null));
}

export function renderAgencies(shell: Shell, s: AgenciesFlow): Node[] {
  const notice = s.notice
    ? h('p', { class: `notice ${'server' in s.notice ? 'notice--warn' : 'notice--ok'}`, id: 'agencies-notice', tabindex: '-1', role: 'status' },
      msgText(s.notice))
    : null;
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('agencies.title')),
      h('p', { class: 'lead' }, t('agencies.intro'))),
    notice,
    table(s),
    form(s),
  ].filter((n): n is HTMLElement => n !== null));
}
