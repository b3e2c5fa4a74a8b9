// A labelled form field: label, optional hint, optional error, then the control. The hint and
// error are tied to the control with aria-describedby; an error sets aria-invalid.

import { h } from '../dom';
import { fieldError } from './error_summary';

export interface FieldOptions {
  label: string;
  control: HTMLInputElement | HTMLSelectElement;
  hint?: string;
  error?: string | undefined;
  class?: string;
}

export function field(o: FieldOptions): HTMLElement {
  const id = o.control.id;
  const described: string[] = [];
  const hint = o.hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, o.hint) : null;
  if (hint) described.push(hint.id);
  const error = o.error ? fieldError(`${id}-error`, o.error) : null;
  if (error) {
    described.push(error.id);
    o.control.setAttribute('aria-invalid', 'true');
  }
  if (described.length) o.control.setAttribute('aria-describedby', described.join(' '));
  const classes = ['field', o.class, error ? 'field--error' : ''].filter(Boolean).join(' ');
  return h('div', { class: classes },
    h('label', { class: 'field__label', for: id }, o.label), hint, error, o.control);
}
