// 跨機關通報 at the counter (戶政 N 合一): for a registration type some agency receives, the
// clerk records which agencies the citizen agreed to have notified, or that the citizen
// declined, before the registration is sent. The agencies are configuration (GET /agencies:
// each lists the types it receives); the ticks start from the citizen's last choice (GET
// /persons/{id}/notify-defaults) once the subject is known, said so on screen, and the clerk
// changes them as the citizen says.
//
// An agency may instead be marked as notified another way (民眾自行通報 'other', 本所另行通報
// 'office'): it is recorded, and the system sends it nothing.

import * as api from '../api';
import type { Agency, Consent, RegistrationInput } from '../api';

export type Elsewhere = 'other' | 'office';

// What a draft keeps of the choice.
export interface ConsentDraft {
  notify: string[];
  declined: boolean;
  elsewhere: Record<string, Elsewhere>;
}

// The control ids: one checkbox per agency, its "notified another way" list, and 民眾不同意通報.
export const notifyId = (code: string): string => `notify-${code}`;
export const elsewhereId = (code: string): string => `notify-elsewhere-${code}`;
export const kDeclinedId = 'notify-declined';

export class ConsentChoice {
  // Every agency (null: not loaded yet; failed: could not be read, the form goes on without).
  agencies: Agency[] | null = null;
  failed = false;
  notify = new Set<string>();
  declined = false;
  elsewhere: Record<string, Elsewhere> = {};
  // The person whose last choice the ticks came from, when they did (and the clerk has not
  // changed them since).
  defaultsOf: string | null = null;
  // The clerk changed the ticks: the citizen's last choice no longer replaces them.
  touched = false;
  private defaultsAsked = '';
  private loading: Promise<void> | null = null;

  // The active agencies that receive `type`, in the configuration's order.
  receivers(type: string): Agency[] {
    return (this.agencies ?? []).filter((a) => a.active && a.types.includes(type));
  }

  notifiable(type: string): boolean {
    return this.receivers(type).length > 0;
  }

  // Loads the agencies once per session; `redraw` when they arrive.
  load(token: string, redraw: () => void): Promise<void> {
    if (this.agencies !== null) return Promise.resolve();
    this.loading ??= api.listAgencies(token).then((list) => {
      this.agencies = list;
      this.failed = false;
      redraw();
    }, () => {
      this.failed = true;
      this.loading = null;
      redraw();
    });
    return this.loading;
  }

  // The subject's ID number is known: their last choice, unless the clerk has chosen already.
  async defaults(token: string, idNumber: string, type: string): Promise<boolean> {
    if (this.touched || this.defaultsAsked === idNumber || !this.notifiable(type)) return false;
    this.defaultsAsked = idNumber;
    let last: Consent[];
    try {
      last = await api.notifyDefaults(token, idNumber);
    } catch {
      return false;  // no defaults: the clerk asks the citizen
    }
    if (this.touched || this.defaultsAsked !== idNumber) return false;
    if (last.length === 0) {
      // Another person with no earlier choice: the ticks of the one typed before go.
      if (this.defaultsOf === null) return false;
      this.notify = new Set();
      this.elsewhere = {};
      this.declined = false;
      this.defaultsOf = null;
      return true;
    }
    const offered = new Set(this.receivers(type).map((a) => a.code));
    this.notify = new Set(last.filter((c) => c.channel === 'system' && offered.has(c.agency)).map((c) => c.agency));
    this.elsewhere = {};
    for (const c of last) {
      if ((c.channel === 'other' || c.channel === 'office') && offered.has(c.agency)) this.elsewhere[c.agency] = c.channel;
    }
    this.declined = last.some((c) => c.channel === 'declined');
    this.defaultsOf = idNumber;
    return true;
  }

  toggle(code: string, on: boolean): void {
    this.touched = true;
    this.defaultsOf = null;
    if (on) {
      this.notify.add(code);
      delete this.elsewhere[code];
      this.declined = false;
    } else {
      this.notify.delete(code);
    }
  }

  setElsewhere(code: string, how: Elsewhere | ''): void {
    this.touched = true;
    this.defaultsOf = null;
    if (how === '') {
      delete this.elsewhere[code];
      return;
    }
    this.elsewhere[code] = how;
    this.notify.delete(code);
    this.declined = false;
  }

  setDeclined(on: boolean): void {
    this.touched = true;
    this.defaultsOf = null;
    this.declined = on;
    if (on) {
      this.notify.clear();
      this.elsewhere = {};
    }
  }

  // A notifiable type needs a choice: at least one agency (by the system or another way), or
  // declined. Types no agency receives, and agencies that could not be read, need none.
  missing(type: string): boolean {
    if (!this.notifiable(type)) return false;
    return !this.declined && this.chosen(type).length === 0 && this.elsewhereOf(type).length === 0;
  }

  // The ticked agencies that receive the type, in the configuration's order.
  chosen(type: string): Agency[] {
    return this.receivers(type).filter((a) => this.notify.has(a.code));
  }

  elsewhereOf(type: string): { agency: Agency; how: Elsewhere }[] {
    return this.receivers(type).flatMap((a) => {
      const how = this.elsewhere[a.code];
      return how ? [{ agency: a, how }] : [];
    });
  }

  // The request's part: nothing for a type no agency receives.
  fields(type: string): Pick<RegistrationInput, 'notify' | 'notify_declined' | 'notify_elsewhere'> {
    if (!this.notifiable(type)) return {};
    if (this.declined) return { notify_declined: true };
    const out: Pick<RegistrationInput, 'notify' | 'notify_declined' | 'notify_elsewhere'> = {
      notify: this.chosen(type).map((a) => a.code),
    };
    const elsewhere = this.elsewhereOf(type).map((e) => ({ agency: e.agency.code, channel: e.how }));
    if (elsewhere.length) out.notify_elsewhere = elsewhere;
    return out;
  }

  draft(): ConsentDraft {
    return { notify: [...this.notify], declined: this.declined, elsewhere: { ...this.elsewhere } };
  }

  restore(d: ConsentDraft | undefined): void {
    if (!d) return;
    this.notify = new Set(d.notify ?? []);
    this.declined = d.declined ?? false;
    this.elsewhere = { ...(d.elsewhere ?? {}) };
    // A draft with a choice keeps it; an empty one still takes the citizen's last choice.
    this.touched = this.declined || this.notify.size > 0 || Object.keys(this.elsewhere).length > 0;
  }

  // A new application: the choice is asked again (the agencies stay loaded).
  reset(): void {
    this.notify = new Set();
    this.declined = false;
    this.elsewhere = {};
    this.defaultsOf = null;
    this.touched = false;
    this.defaultsAsked = '';
  }
}
