// 查詢事由: every read of personal data (a person, a household) is audited with a purpose.
// The clerk picks one of a closed list, or 其他 with a description; the server is sent the
// Chinese wording whatever the interface language, so the audit log reads the same for every
// clerk (for example 受理申請, or 其他：法院函查).

import { tIn } from './i18n';
import type { FieldError } from './messages';

export const kPurposes = ['application', 'verification', 'notification', 'audit', 'other'] as const;
export type Purpose = (typeof kPurposes)[number];

// What the form holds while the clerk chooses.
export interface PurposeChoice {
  purpose: Purpose | '';
  other: string;
}

// A complete choice, as a read was made with it: `other` is the trimmed description for
// 其他 and empty for every other purpose.
export interface ChosenPurpose {
  purpose: Purpose;
  other: string;
}

export function emptyPurpose(): PurposeChoice {
  return { purpose: '', other: '' };
}

// The choice, complete; or null after adding the reasons to `errors` (fields `purpose` and
// `purpose-other`, the ids of the purpose picker's controls).
export function checkPurpose(c: PurposeChoice, errors: FieldError[]): ChosenPurpose | null {
  const other = c.other.trim();
  if (c.purpose === '') {
    errors.push({ field: 'purpose', msg: { key: 'lookup.purpose_required' } });
    return null;
  }
  if (c.purpose === 'other' && other === '') {
    errors.push({ field: 'purpose-other', msg: { key: 'lookup.other_required' } });
    return null;
  }
  return { purpose: c.purpose, other: c.purpose === 'other' ? other : '' };
}

// The purpose as the server logs it: always the Chinese wording.
export function purposeText(c: ChosenPurpose): string {
  const label = tIn('zh', `purpose.${c.purpose}`);
  return c.purpose === 'other' ? `${label}：${c.other}` : label;
}
