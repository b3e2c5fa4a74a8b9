// Form controls used by the registration screens. Each writes what the user types straight
// into the screen's state (`set`), so a re-render shows the same values.

import { h } from '../dom';
import type { Attrs } from '../dom';
import { fieldError } from './error_summary';

export function textInput(id: string, value: string, set: (v: string) => void,
  attrs: Attrs = {}): HTMLInputElement {
  return h('input', {
    id, name: id, type: 'text', class: 'input', value, autocomplete: 'off',
    oninput: (ev) => set((ev.target as HTMLInputElement).value),
    ...attrs,
  });
}

export function textArea(id: string, value: string, set: (v: string) => void,
  attrs: Attrs = {}): HTMLTextAreaElement {
  const el = h('textarea', {
    id, name: id, class: 'input textarea', rows: 3,
    oninput: (ev) => set((ev.target as HTMLTextAreaElement).value),
    ...attrs,
  });
  el.value = value;
  return el;
}

// An ID number (or 戶號): upper-cased as typed, the caret kept in place.
export function idInput(id: string, value: string, set: (v: string) => void,
  maxlength = 10): HTMLInputElement {
  return h('input', {
    id, name: id, type: 'text', class: 'input input--id', value, maxlength: String(maxlength),
    autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    oninput: (ev) => {
      const el = ev.target as HTMLInputElement;
      if (!(ev as InputEvent).isComposing) {
        const pos = el.selectionStart;
        el.value = el.value.toUpperCase();
        if (pos !== null) el.setSelectionRange(pos, pos);
      }
      set(el.value);
    },
  });
}

export interface Option {
  value: string;
  label: string;
  lang?: string;  // when the label is in another language than the interface
}

export function selectInput(id: string, options: readonly Option[], value: string,
  set: (v: string) => void, placeholder?: string): HTMLSelectElement {
  const el = h('select', { id, name: id, class: 'select' },
    placeholder !== undefined ? h('option', { value: '', selected: value === '' }, placeholder) : null,
    options.map((o) => h('option', { value: o.value, selected: o.value === value, lang: o.lang ?? null },
      o.label)));
  const on = (): void => set(el.value);
  el.addEventListener('change', on);
  el.addEventListener('input', on);
  return el;
}

export interface Radio {
  id: string;
  value: string;
  label: string;
  hint?: string;
}

// A fieldset of radio buttons (one name). The error is tied to the fieldset's legend group;
// the first radio carries the error's id so the error summary can link to it.
export function radioGroup(o: {
  name: string; legend: string; radios: readonly Radio[]; value: string;
  set: (v: string) => void; error?: string | undefined; hint?: string; class?: string;
  legendClass?: string;
}): HTMLElement {
  const errorId = `${o.name}-error`;
  const hintId = `${o.name}-hint`;
  const described = [o.hint ? hintId : '', o.error ? errorId : ''].filter(Boolean).join(' ');
  return h('fieldset', {
    class: ['fieldset', o.class, o.error ? 'field--error' : ''].filter(Boolean).join(' '),
    'aria-describedby': described || null,
  },
  h('legend', { class: o.legendClass ?? 'fieldset__legend' }, o.legend),
  o.hint ? h('p', { class: 'field__hint', id: hintId }, o.hint) : null,
  o.error ? fieldError(errorId, o.error) : null,
  h('div', { class: 'radios' }, o.radios.map((r) => h('div', { class: 'radio' },
    h('input', {
      type: 'radio', class: 'radio__input', id: r.id, name: o.name, value: r.value,
      checked: r.value === o.value,
      onchange: (ev) => { if ((ev.target as HTMLInputElement).checked) o.set(r.value); },
    }),
    h('label', { class: 'radio__label', for: r.id }, r.label,
      r.hint ? h('span', { class: 'radio__hint' }, r.hint) : null)))));
}
