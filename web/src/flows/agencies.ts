// 通報機關 (#/agencies, admins): the partner agencies of cross-agency notification as
// configuration. The list; a form that creates one or edits one (PUT with its version: a
// change made meanwhile by someone else is refused; a secret left blank keeps the stored
// one); enable / disable; rotate the secret (both sign until the rotation ends) and end the
// rotation. The server checks everything and answers a 4xx in both languages, shown beside
// the form. A new secret can be generated here, in the browser (crypto.getRandomValues).

import * as api from '../api';
import type { Agency, AgencyChannel, AgencyInput } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

// The registration types an agency can receive (domain/notify/agency.cc notifiable_types()).
export const kNotifiableTypes = [
  'move_in', 'address_change', 'birth_date_correction', 'id_number_change', 'name_change',
  'name_correction', 'birth', 'death', 'first_registration', 'marriage',
] as const;

// The person fields an agency may be given (payload_fields()), in that order.
export const kPayloadFields = [
  'id_number', 'previous_id_number', 'name', 'previous_name', 'sex', 'birth_date', 'birth_place',
  'address', 'previous_address', 'household_no', 'status', 'removal_reason', 'death_date',
  'spouse_id', 'spouse_name', 'father_id', 'mother_id', 'father_name', 'mother_name', 'relation',
  'birth_date_roc', 'birth_order', 'indigenous', 'event_date',
] as const;

// A Standard Webhooks secret: whsec_ and the base64 of 32 random bytes.
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

// The control a server refusal names (agency.* codes of domain/notify/agency.cc).
const kServerField: Readonly<Record<string, string>> = {
  'agency.code': 'agency-code', 'agency.exists': 'agency-code', 'agency.group': 'agency-group',
  'agency.name': 'agency-name-zh', 'agency.channel': 'agency-channel-webhook', 'agency.url': 'agency-url',
  'agency.secret': 'agency-secret', 'agency.types': `agency-type-${kNotifiableTypes[0]}`,
  'agency.fields': `agency-field-${kPayloadFields[0]}`,
};

export interface AgencyForm {
  code: string;
  nameZh: string;
  nameEn: string;
  group: string;
  channel: AgencyChannel;
  url: string;
  secret: string;
  signingKey: boolean;  // create: generate a v1a (Ed25519) key
  types: Set<string>;
  fields: Set<string>;
}

const emptyForm = (): AgencyForm => ({
  code: '', nameZh: '', nameEn: '', group: '', channel: 'webhook', url: '', secret: '',
  signingKey: false, types: new Set(), fields: new Set(['id_number', 'name']),
});

export class AgenciesFlow {
  agencies: Agency[] | null = null;
  listFailure: Msg | null = null;
  // The agency being edited (null: a new one).
  editing: Agency | null = null;
  form: AgencyForm = emptyForm();
  errors: FieldError[] = [];
  failure: Msg | null = null;
  notice: Msg | null = null;
  busy = false;
  private pending: api.PendingPost = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.agencies = await api.listAgencies(this.shell.token);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  edit(code: string): void {
    const a = this.agencies?.find((x) => x.code === code);
    if (!a) return;
    this.editing = a;
    this.form = {
      code: a.code, nameZh: a.name_zh, nameEn: a.name_en, group: a.group === a.code ? '' : a.group,
      channel: a.channel, url: a.url, secret: '', signingKey: a.public_key !== '',
      types: new Set(a.types), fields: new Set(a.fields),
    };
    this.errors = [];
    this.failure = null;
    this.notice = null;
    this.shell.show('agency-form-title');
  }

  startNew(): void {
    this.editing = null;
    this.form = emptyForm();
    this.errors = [];
    this.failure = null;
    this.shell.show('agency-form-title');
  }

  redraw(): void {
    this.shell.show(null);
  }

  generate(): void {
    this.form.secret = generateSecret();
    this.shell.show('agency-secret');
    this.shell.announce(t('agencies.secret_generated'));
  }

  toggle(set: 'types' | 'fields', value: string, on: boolean): void {
    if (on) this.form[set].add(value); else this.form[set].delete(value);
  }

  private validate(): FieldError[] {
    const f = this.form;
    const errors: FieldError[] = [];
    if (!this.editing && !/^[a-z0-9_]{2,32}$/.test(f.code)) {
      errors.push({ field: 'agency-code', msg: { key: 'agencies.code_invalid' } });
    }
    if (f.nameZh.trim() === '') errors.push({ field: 'agency-name-zh', msg: { key: 'agencies.name_required' } });
    if (f.nameEn.trim() === '') errors.push({ field: 'agency-name-en', msg: { key: 'agencies.name_required' } });
    if (f.url.trim() === '') errors.push({ field: 'agency-url', msg: { key: 'agencies.url_required' } });
    if (!this.editing && f.secret.trim() === '') {
      errors.push({ field: 'agency-secret', msg: { key: 'agencies.secret_required' } });
    }
    if (f.types.size === 0) errors.push({ field: `agency-type-${kNotifiableTypes[0]}`, msg: { key: 'agencies.types_required' } });
    if (f.fields.size === 0) errors.push({ field: `agency-field-${kPayloadFields[0]}`, msg: { key: 'agencies.fields_required' } });
    return errors;
  }

  input(): AgencyInput {
    const f = this.form;
    const input: AgencyInput = {
      code: f.code.trim(), name_zh: f.nameZh.trim(), name_en: f.nameEn.trim(), group: f.group.trim(),
      channel: f.channel, url: f.url.trim(), secret: f.secret.trim(),
      types: kNotifiableTypes.filter((x) => f.types.has(x)),
      fields: kPayloadFields.filter((x) => f.fields.has(x)),
    };
    if (this.editing) {
      input.version = this.editing.version;
      input.active = this.editing.active;
    } else if (f.signingKey) {
      input.generate_signing_key = true;
    }
    return input;
  }

  async save(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.notice = null;
    this.errors = this.validate();
    if (this.errors.length) {
      this.shell.show('agency-errors');
      return;
    }
    const input = this.input();
    this.busy = true;
    this.shell.show('agency-save');
    try {
      let saved: Agency;
      if (this.editing) {
        saved = await api.updateAgency(this.shell.token, input);
      } else {
        this.pending = api.keyFor(this.pending, input);
        saved = await api.createAgency(this.shell.token, input, this.pending.key);
        this.pending = null;
      }
      this.busy = false;
      this.done(saved, this.editing ? 'agencies.updated' : 'agencies.created');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      const field = err instanceof api.ApiError && err.body ? kServerField[err.body.code] : undefined;
      if (field && err instanceof api.ApiError && err.body) this.errors = [{ field, msg: { server: err.body } }];
      this.shell.show('agency-errors');
    }
  }

  // Enable or disable (a PUT of the agency as stored, with `active` changed).
  async setActive(a: Agency, active: boolean): Promise<void> {
    await this.act(() => api.updateAgency(this.shell.token, {
      code: a.code, name_zh: a.name_zh, name_en: a.name_en, group: a.group === a.code ? '' : a.group,
      channel: a.channel, url: a.url, secret: '', types: a.types, fields: a.fields, active, version: a.version,
    }), active ? 'agencies.enabled' : 'agencies.disabled');
  }

  // A new secret generated by the server (the old one signs too until the rotation ends).
  rotate(a: Agency): Promise<void> {
    return this.act(() => api.rotateAgencySecret(this.shell.token, a.code, ''), 'agencies.rotated');
  }

  endRotation(a: Agency): Promise<void> {
    return this.act(() => api.endAgencyRotation(this.shell.token, a.code), 'agencies.rotation_ended');
  }

  private async act(call: () => Promise<Agency>, done: 'agencies.enabled' | 'agencies.disabled' |
    'agencies.rotated' | 'agencies.rotation_ended'): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.busy = true;
    this.notice = null;
    this.failure = null;
    try {
      const saved = await call();
      this.busy = false;
      this.done(saved, done);
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.notice = failureOf(err);
      this.shell.show('agencies-notice');
    }
  }

  private done(saved: Agency, key: 'agencies.created' | 'agencies.updated' | 'agencies.enabled' |
    'agencies.disabled' | 'agencies.rotated' | 'agencies.rotation_ended'): void {
    const list = this.agencies ?? [];
    this.agencies = list.some((x) => x.code === saved.code)
      ? list.map((x) => (x.code === saved.code ? saved : x)) : [...list, saved];
    if (this.editing?.code === saved.code || key === 'agencies.created') {
      this.editing = null;
      this.form = emptyForm();
    }
    this.errors = [];
    this.notice = { key, params: { code: saved.code } };
    this.shell.show('agencies-notice');
    this.shell.announce(t(key, { code: saved.code }));
  }
}
