// The purpose picker (查詢事由) of every audited read: a required choice and, for 其他, a
// description shown only then. Writes the choice into `choice` as the clerk picks. Control
// ids: `purpose` and `purpose-other` (the fields of checkPurpose's errors).

import { h } from '../dom';
import { lang, t } from '../i18n';
import type { FieldError } from '../messages';
import { errorFor } from '../messages';
import { kPurposes } from '../purpose';
import type { ChosenPurpose, PurposeChoice } from '../purpose';
import { field } from './field';

// The select's field and the description's field, in that order.
export function purposePicker(choice: PurposeChoice, errors: readonly FieldError[]): HTMLElement[] {
  const otherInput = h('input', {
    id: 'purpose-other', name: 'purpose_other', type: 'text', class: 'input',
    maxlength: '100', autocomplete: 'off', required: true, value: choice.other,
    oninput: (ev) => { choice.other = (ev.target as HTMLInputElement).value; },
  });
  const other = field({
    label: t('lookup.other_label'), control: otherInput,
    error: errorFor(errors, 'purpose-other'), class: 'field--other',
  });
  other.hidden = choice.purpose !== 'other';

  const select = h('select', { id: 'purpose', name: 'purpose', class: 'select', required: true },
    h('option', { value: '', selected: choice.purpose === '' }, t('lookup.purpose_placeholder')),
    kPurposes.map((p) => h('option', { value: p, selected: choice.purpose === p }, t(`purpose.${p}`))));
  const onChange = (): void => {
    choice.purpose = select.value as PurposeChoice['purpose'];
    other.hidden = choice.purpose !== 'other';
  };
  select.addEventListener('change', onChange);
  select.addEventListener('input', onChange);

  return [
    field({
      label: t('lookup.purpose_label'), control: select,
      error: errorFor(errors, 'purpose'), class: 'field--purpose',
    }),
    other,
  ];
}

// 查詢事由：… under a result: the purpose the read was recorded with.
export function purposeRecorded(p: ChosenPurpose | null): HTMLElement | null {
  if (!p) return null;
  const zh = lang() === 'zh';
  return h('p', { class: 'result__meta' }, t('result.purpose'), t(`purpose.${p.purpose}`),
    p.other ? [zh ? '（' : ' (', p.other, zh ? '）' : ')'] : null);
}
