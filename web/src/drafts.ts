// Drafts of a form the clerk has not sent yet, kept so that a reload or an expired session
// does not lose the work (issue 17 item 2). They hold personal data (ID numbers, names), so:
// - sessionStorage, not localStorage: gone when the tab or browser closes, never seen by the
//   next day's visit (the bug this replaces: a half-filled form silently came back on a later
//   visit and was filed with the wrong date);
// - keyed by the username: on a shared counter PC, one clerk never gets another's draft;
// - a draft from an earlier day (Taiwan date of the counter PC) is dropped unread: its dates
//   and lateness were judged on another day;
// - cleared when it is sent, discarded (取消), or the clerk signs out (signing out is the
//   clerk leaving the counter; an expired session is not, so the draft survives that).
// The form decides what goes in `data`; nothing here knows its shape.

import { todayIso } from './dates';

export interface Draft<T> {
  savedAt: number;  // ms since the epoch
  data: T;
}

const kPrefix = 'huji.draft.';

function store(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;  // storage disabled: drafts last as long as the page
  }
}

const keyOf = (form: string, user: string): string => `${kPrefix}${form}.${user}`;

export function saveDraft<T>(form: string, user: string, data: T, now = Date.now()): void {
  try {
    store()?.setItem(keyOf(form, user), JSON.stringify({ savedAt: now, data }));
  } catch {
    // Full or disabled: the draft is not kept.
  }
}

export function loadDraft<T>(form: string, user: string, now = new Date()): Draft<T> | null {
  const s = store();
  const raw = s?.getItem(keyOf(form, user));
  if (!s || !raw) return null;
  try {
    const d = JSON.parse(raw) as Draft<T>;
    if (typeof d.savedAt === 'number' && todayIso(new Date(d.savedAt)) === todayIso(now)) return d;
  } catch {
    // Not ours: dropped below.
  }
  s.removeItem(keyOf(form, user));
  return null;
}

export function clearDraft(form: string, user: string): void {
  store()?.removeItem(keyOf(form, user));
}

// Signing out: every draft of this user.
export function clearDraftsOf(user: string): void {
  const s = store();
  if (!s) return;
  const suffix = `.${user}`;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(kPrefix) && k.endsWith(suffix)) keys.push(k);
  }
  for (const k of keys) s.removeItem(k);
}
