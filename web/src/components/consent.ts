// The consent checklist of the registration form (跨機關通報): the agencies that receive the
// chosen type as checkboxes, each with "notified another way", and 民眾不同意通報; and the
// choice as the check step shows it.

import type { Agency } from '../api';
import { h } from '../dom';
import { elsewhereId, kDeclinedId, notifyId } from '../flows/consent';
import type { ConsentChoice, Elsewhere } from '../flows/consent';
import { lang, t } from '../i18n';
import { fieldError } from './error_summary';

export function agencyName(a: Pick<Agency, 'name_zh' | 'name_en'> | undefined, code: string): string {
  if (!a) return code;
  return lang() === 'zh' ? a.name_zh : a.name_en;
}

function checkbox(id: string, checked: boolean, label: string, set: (on: boolean) => void,
  describedBy: string | null): HTMLElement {
  return h('div', { class: 'checkbox checkbox--tight' },
    h('input', {
      type: 'checkbox', class: 'checkbox__input', id, checked, 'aria-describedby': describedBy,
      onchange: (ev) => set((ev.target as HTMLInputElement).checked),
    }),
    h('label', { class: 'checkbox__label', for: id }, label));
}

function agencyRow(c: ConsentChoice, a: Agency, change: (f: (c: ConsentChoice) => void) => void,
  describedBy: string | null): HTMLElement {
  const how = c.elsewhere[a.code] ?? '';
  const list = h('select', {
    id: elsewhereId(a.code), class: 'select select--small',
    onchange: (ev) => {
      const v = (ev.target as HTMLSelectElement).value as Elsewhere | '';
      change((x) => x.setElsewhere(a.code, v));
    },
  },
  h('option', { value: '', selected: how === '' }, t('notify.elsewhere_none')),
  h('option', { value: 'other', selected: how === 'other' }, t('notify.channel.other')),
  h('option', { value: 'office', selected: how === 'office' }, t('notify.channel.office')));
  return h('li', { class: 'consent__agency' },
    checkbox(notifyId(a.code), c.notify.has(a.code), agencyName(a, a.code),
      (on) => change((x) => x.toggle(a.code, on)), describedBy),
    h('div', { class: 'consent__elsewhere' },
      h('label', { class: 'small', for: elsewhereId(a.code) },
        t('notify.elsewhere'), h('span', { class: 'visually-hidden' }, `（${agencyName(a, a.code)}）`)),
      list));
}

// The checklist on the form; null when no agency receives the type.
export function consentSection(c: ConsentChoice, type: string, error: string | undefined,
  change: (f: (c: ConsentChoice) => void) => void): HTMLElement | null {
  if (c.failed) {
    return h('div', { class: 'panel form-section' },
      h('p', { class: 'notice notice--warn', id: 'notify-unavailable' }, t('notify.unavailable')));
  }
  const receivers = c.receivers(type);
  if (!receivers.length) return null;
  const errorId = 'notify-error';
  const describedBy = ['notify-hint', c.defaultsOf ? 'notify-defaults' : '', error ? errorId : '']
    .filter(Boolean).join(' ');
  return h('fieldset', {
    class: ['panel form-section consent', error ? 'field--error' : ''].filter(Boolean).join(' '),
    id: 'notify-section',
  },
  h('legend', { class: 'form-section__legend' }, t('notify.legend')),
  h('p', { class: 'field__hint', id: 'notify-hint' }, t('notify.hint')),
  c.defaultsOf
    ? h('p', { class: 'notice', id: 'notify-defaults' }, t('notify.defaults_from_last'))
    : null,
  error ? fieldError(errorId, error) : null,
  h('ul', { class: 'consent__list', 'aria-label': t('notify.agencies') },
    receivers.map((a) => agencyRow(c, a, change, describedBy))),
  checkbox(kDeclinedId, c.declined, t('notify.declined'), (on) => change((x) => x.setDeclined(on)),
    describedBy));
}

// The choice in words, for the check step: the agencies, each notified another way, or declined.
export function consentAnswer(c: ConsentChoice, type: string): string {
  if (c.declined) return t('notify.declined');
  const parts = c.chosen(type).map((a) => agencyName(a, a.code));
  for (const e of c.elsewhereOf(type)) {
    parts.push(t('notify.by_elsewhere', { agency: agencyName(e.agency, e.agency.code), how: t(`notify.channel.${e.how}`) }));
  }
  return parts.join(t('notify.sep'));
}
