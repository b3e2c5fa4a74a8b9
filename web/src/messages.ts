// A message shown to the user: from our table, or from the server in both languages, so it
// follows a language switch after it was received.

import { ApiError } from './api';
import type { ErrorBody } from './api';
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
