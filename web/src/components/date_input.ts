// One date field for every date on the staff screens: a text input that takes the date as
// clerks type it (115/12/01, 1151201, 115.12.01, 115-12-01 or 2026-12-01; dates.ts
// parseDateText), one Tab stop, and beside it the whole date in words in the page's language
// (民國115年12月1日（星期二） / Tuesday 1 December 2026 (ROC 115)), said by screen readers as it
// changes (aria-live polite). Leaving the field checks it (an impossible day, a year before
// 民國元年, a day that `when` rules out) and says what is wrong in the same place; the form's own
// check on submit reports the same message in its error summary. The flow keeps the text as
// typed; it sends the ISO date (messages.ts checkDateField).

import { dateWords, parseDateText } from '../dates';
import { h } from '../dom';
import type { Attrs } from '../dom';
import { lang, t } from '../i18n';
import { dateMsg, msgText } from '../messages';
import type { DateWhen } from '../messages';

// Returns the input and its echo; pass `echo` as the field's `after` (field.ts adds it to the
// input's description).
export function dateInput(id: string, value: string, set: (v: string) => void,
  when: DateWhen = 'any', attrs: Attrs = {}): { input: HTMLInputElement; echo: HTMLElement } {
  const echo = h('span', { class: 'date-echo', id: `${id}-words`, 'aria-live': 'polite' });
  const show = (text: string, blurred: boolean): void => {
    const r = parseDateText(text);
    const problem = blurred ? dateMsg(text, false, when) : null;
    echo.classList.toggle('date-echo--error', problem !== null);
    if (problem) {
      echo.textContent = `${t('error.prefix')}${msgText(problem)}`;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    if (blurred && !input.closest('.field--error')) input.removeAttribute('aria-invalid');
    // While typing, an incomplete date shows the example rather than a premature complaint.
    echo.textContent = r?.ok ? dateWords(r.iso, lang()) : t('date.example');
  };
  const input = h('input', {
    id, name: id, type: 'text', class: 'input input--date', value, maxlength: '16',
    autocomplete: 'off', spellcheck: 'false',
    oninput: (ev) => {
      const v = (ev.target as HTMLInputElement).value;
      set(v);
      show(v, false);
    },
    onblur: (ev) => show((ev.target as HTMLInputElement).value, true),
    ...attrs,
  });
  show(value, false);
  return { input, echo };
}
