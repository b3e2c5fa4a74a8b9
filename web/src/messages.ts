// A message shown to the user: from our table, or from the server in both languages, so it
// follows a language switch after it was received.

import { ApiError } from './api';
import type { ErrorBody } from './api';
import { kMonthsEn, parseDateText, todayIso } from './dates';
import { localized, t } from './i18n';
import type { MessageKey, Params } from './i18n';

export type Msg = { key: MessageKey; params?: Params } | { server: ErrorBody };

export function msgText(m: Msg): string {
  return 'server' in m ? localized(m.server) : t(m.key, m.params);
}

export interface FieldError {
  field: string;  // id of the control the message belongs to
  msg: Msg;
}

export function errorFor(errors: readonly FieldError[], id: string): string | undefined {
  const e = errors.find((x) => x.field === id);
  return e ? msgText(e.msg) : undefined;
}

// What went wrong with a request, for an error summary: the server's own words when it gave
// them, else a network or unexpected-status message.
export function failureOf(err: unknown): Msg {
  if (err instanceof ApiError && err.body) return { server: err.body };
  if (err instanceof ApiError && err.status === 0) return { key: 'error.network' };
  const status = err instanceof ApiError ? err.status : 0;
  return { key: 'error.unexpected', params: { status } };
}

export function serverCode(err: unknown): string {
  return err instanceof ApiError ? err.body?.code ?? '' : '';
}

// When a typed date may fall: any day, not after today (an event that happened), or after today
// (an appointment).
export type DateWhen = 'any' | 'past' | 'future';

// What is wrong with a typed date (see dates.ts parseDateText), or null when it is a date that
// fits `when`. An empty text is wrong only when `required`.
export function dateMsg(text: string, required: boolean, when: DateWhen = 'any',
  today: string = todayIso()): Msg | null {
  const r = parseDateText(text);
  if (r === null) return required ? { key: 'register.date_required' } : null;
  if (!r.ok) {
    const { year = 0, month = 0, day = 0 } = r;
    const params = { roc: year - 1911, year, month, day, month_en: kMonthsEn[month - 1] ?? '' };
    return { key: `date.${r.problem}`, params };
  }
  if (when === 'past' && r.iso > today) return { key: 'register.date_future' };
  if (when === 'future' && r.iso <= today) return { key: 'date.not_future' };
  return null;
}

// A flow's check of a typed date field: records its error under `field` and returns the ISO date
// the form sends ('' when there is none).
export function checkDateField(errors: FieldError[], field: string, text: string, required: boolean,
  when: DateWhen = 'any'): string {
  const msg = dateMsg(text, required, when);
  if (msg) errors.push({ field, msg });
  const r = parseDateText(text);
  return r?.ok ? r.iso : '';
}
