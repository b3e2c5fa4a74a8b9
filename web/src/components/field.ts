// A labelled form field: label, optional hint, optional error, then the control. The hint and
// error are tied to the control with aria-describedby; an error sets aria-invalid.

import { h } from '../dom';
import type { Child } from '../dom';
import { fieldError } from './error_summary';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldOptions {
  label: string;
  control: Control;
  hint?: string | undefined;
  error?: string | undefined;
  class?: string;
  // Shown after the control, on the same line (the ROC date beside a date input); an element
  // with an id is added to the control's description.
  after?: HTMLElement;
  optional?: string;  // e.g. （選填）, appended to the label
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
  if (o.after?.id) described.push(o.after.id);
  if (described.length) o.control.setAttribute('aria-describedby', described.join(' '));
  const classes = ['field', o.class, error ? 'field--error' : ''].filter(Boolean).join(' ');
  const label: Child[] = [o.label,
    o.optional ? h('span', { class: 'field__optional' }, o.optional) : null];
  return h('div', { class: classes },
    h('label', { class: 'field__label', for: id }, label), hint, error,
    o.after ? h('div', { class: 'field__row' }, o.control, o.after) : o.control);
}
