// A text field with a list of choices under it (WAI-ARIA combobox, list autocomplete with
// automatic selection): typing narrows the list (choices.ts filterChoices) and marks its first
// entry; ↓/↑ move the mark, Enter or Tab takes the marked choice, Escape closes the list. What
// matches nothing stays as typed (a place abroad, an older 稱謂): the list offers, it does not
// forbid. Used for 稱謂 and places on the registration form.

import { h } from '../dom';
import { filterChoices } from '../choices';
import type { Choice } from '../choices';

interface OpenState {
  open: boolean;
  active: number;
}

// Per control id, so that the page being drawn again (a lookup answering) keeps the list open.
const kState = new Map<string, OpenState>();

export interface Combobox {
  input: HTMLInputElement;
  popup: HTMLElement;  // the list, shown under the field (field()'s `after`)
}

export function combobox(o: {
  id: string; value: string; set: (v: string) => void; choices: readonly Choice[];
  listLabel: string; maxlength?: number;
}): Combobox {
  const listId = `${o.id}-list`;
  // The list stays open only while the field keeps focus across the page being drawn again.
  const kept = kState.get(o.id);
  const state = kept && document.activeElement?.id === o.id ? kept : { open: false, active: -1 };
  kState.set(o.id, state);
  const list = h('ul', { class: 'combobox__list', id: listId, role: 'listbox', 'aria-label': o.listLabel });
  const popup = h('div', { class: 'combobox__popup' }, list);
  const input = h('input', {
    id: o.id, name: o.id, type: 'text', class: 'input combobox__input', value: o.value,
    autocomplete: 'off', spellcheck: 'false', maxlength: String(o.maxlength ?? 100),
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-controls': listId, 'aria-expanded': 'false',
  });
  let matches: Choice[] = [];

  const draw = (): void => {
    matches = state.open ? filterChoices(o.choices, input.value) : [];
    if (state.active >= matches.length) state.active = matches.length - 1;
    const shown = state.open && matches.length > 0;
    input.setAttribute('aria-expanded', String(shown));
    popup.hidden = !shown;
    if (shown && state.active >= 0) input.setAttribute('aria-activedescendant', `${o.id}-opt-${state.active}`);
    else input.removeAttribute('aria-activedescendant');
    list.replaceChildren(...matches.map((c, i) => h('li', {
      id: `${o.id}-opt-${i}`, role: 'option', class: 'combobox__option',
      'aria-selected': String(i === state.active),
      // Keeps focus in the field, so that the click below is not lost to a blur.
      onmousedown: (ev) => ev.preventDefault(),
      onclick: () => take(c),
    }, c.label)));
    list.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  };
  const close = (): void => {
    state.open = false;
    state.active = -1;
    draw();
  };
  const take = (c: Choice): void => {
    input.value = c.value;
    o.set(c.value);
    input.dispatchEvent(new Event('change', { bubbles: true }));  // the draft follows
    close();
  };

  input.addEventListener('input', () => {
    o.set(input.value);
    state.open = input.value.trim() !== '';
    state.active = 0;
    draw();
  });
  input.addEventListener('keydown', (ev) => {
    const open = state.open && matches.length > 0;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!open) {
          state.open = true;
          state.active = 0;
        } else {
          state.active = Math.min(matches.length - 1, state.active + 1);
        }
        draw();
        break;
      case 'ArrowUp':
        if (!open) return;
        ev.preventDefault();
        state.active = Math.max(0, state.active - 1);
        draw();
        break;
      case 'Enter':
        if (!open || state.active < 0) return;  // the form's own Enter
        ev.preventDefault();
        take(matches[state.active]!);
        break;
      case 'Tab':
        if (open && state.active >= 0) take(matches[state.active]!);
        break;
      case 'Escape':
        if (!open) return;
        ev.preventDefault();
        close();
        break;
    }
  });
  input.addEventListener('blur', () => {
    if (state.open) close();
  });
  draw();
  return { input, popup };
}
