// 登記申請: the clerk chooses a registration type, fills in the event, the subject, the type's
// fields (registration_types.ts) and the applicant, and submits. Obvious mistakes are caught
// here in the clerk's language; the server validates against the register and has the last
// word (422 registration.*). A submission keeps its Idempotency-Key until it succeeds or its
// content changes, so a double click or a retry after a network failure never registers twice.

import * as api from '../api';
import type { Application, ApplicantCapacity, IdentityCheck, RegistrationInput } from '../api';
import { failureOf } from '../messages';
import { purposeText } from '../purpose';
import { checkDateField } from '../messages';
import type { FieldError, Msg } from '../messages';
import { isoOfText } from '../dates';
import { t } from '../i18n';
import { checkIdNumber, normalizeIdNumber } from '../id_number';
import { fieldOfError, kIdentityChecks, typeSpec } from '../registration_types';
import type { FieldSpec, Placement, RegistrationType, TypeSpec } from '../registration_types';
import type { Shell } from '../shell';

export type RegisterStep = 'choose' | 'form' | 'done';

export interface ApplicantState {
  name: string;
  idNumber: string;
  relation: string;  // a capacity code
  check: IdentityCheck | '';
  interest: string;
  principalId: string;
  principalRelation: string;
}

const emptyApplicant = (): ApplicantState =>
  ({ name: '', idNumber: '', relation: '', check: '', interest: '', principalId: '', principalRelation: '' });

// The control id of a type field.
export const fieldId = (key: string): string => `f-${key.replace(/_/g, '-')}`;

// The ids of the placement radios (join a household / found one).
export const placementId = (p: Placement): string => `placement-${p}`;

const kHouseholdNo = /^[A-Z]\d{7}$/;
const kDoorPlate = /^\d{1,12}$/;
const kPassport = /^[A-Z0-9]{5,20}$/;
const kMaxName = 40;

export class RegisterFlow {
  step: RegisterStep = 'choose';
  type: RegistrationType | '' = '';
  chooseError: Msg | null = null;
  eventDate = '';
  subjectId = '';
  placement: Placement | '' = '';
  fields: Record<string, string> = {};
  applicant: ApplicantState = emptyApplicant();
  // Who may apply for the chosen type, as the server lists them (GET …/applicant-capacities).
  capacities: ApplicantCapacity[] = [];
  errors: FieldError[] = [];
  failure: Msg | null = null;  // the server's verdict on the whole submission
  busy = false;
  result: Application | null = null;
  private pending: { key: string; content: string } | null = null;

  constructor(private readonly shell: Shell) {}

  get spec(): TypeSpec | null {
    return this.type ? typeSpec(this.type) : null;
  }

  // The type's fields the form shows now: those of the chosen placement only.
  visibleFields(spec: TypeSpec): FieldSpec[] {
    return spec.fields.filter((f) => !f.mode || f.mode === this.placement);
  }

  choosePlacement(p: Placement): void {
    this.placement = p;
    this.shell.show(null);  // shows that placement's fields; focus stays on the radio
  }

  choose(type: RegistrationType): void {
    this.type = type;
  }

  continueToForm(): void {
    if (!this.type) {
      this.chooseError = { key: 'register.type_required' };
      this.shell.show('error-summary');
      return;
    }
    this.chooseError = null;
    // Keep what was typed when the clerk comes back with the same type.
    const spec = this.spec;
    if (spec) {
      const keep: Record<string, string> = {};
      for (const f of spec.fields) keep[f.key] = this.fields[f.key] ?? '';
      this.fields = keep;
      if (this.capacitiesType !== spec.code) {
        this.capacities = [];
        void this.loadCapacities(spec.code);
      }
    }
    this.errors = [];
    this.failure = null;
    this.step = 'form';
    this.shell.show('form-title');
  }

  private capacitiesType = '';

  private async loadCapacities(type: RegistrationType): Promise<void> {
    this.capacitiesType = type;
    try {
      const list = await api.applicantCapacities(this.shell.token, type);
      if (this.capacitiesType !== type) return;
      this.capacities = list;
      if (!list.some((c) => c.code === this.applicant.relation)) this.applicant.relation = '';
      this.shell.show(null);
    } catch (err) {
      this.capacitiesType = '';
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show(null);
    }
  }

  // The capacities this application may name: a divorce's depend on its kind (戶籍法 §34).
  offeredCapacities(): ApplicantCapacity[] {
    const court = this.fields.reason === 'court';
    return this.capacities.filter((c) => c.when === 'always' ||
      (c.when === 'court_divorce') === court);
  }

  get capacity(): ApplicantCapacity | undefined {
    return this.capacities.find((c) => c.code === this.applicant.relation);
  }

  // 本人: the applicant is the subject, so their ID number (and name, looked up for this
  // application) are filled in from the subject.
  async chooseRelation(code: string): Promise<void> {
    this.applicant.relation = code;
    this.shell.show(null);
    const id = normalizeIdNumber(this.subjectId);
    if (code !== 'self' || !checkIdNumber(id).valid) return;
    this.applicant.idNumber = id;
    try {
      // Audited like any lookup, with the purpose 受理申請.
      const p = await api.lookupPerson(this.shell.token, id, purposeText({ purpose: 'application', other: '' }));
      if (this.applicant.relation === 'self' && normalizeIdNumber(this.subjectId) === id) {
        this.applicant.name = p.person.name;
      }
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
    }
    this.shell.show(null);
  }

  changeType(): void {
    this.step = 'choose';
    this.errors = [];
    this.failure = null;
    this.shell.show(`type-${this.type || 'birth'}`);
  }

  startAnother(): void {
    this.step = 'choose';
    this.type = '';
    this.eventDate = '';
    this.subjectId = '';
    this.placement = '';
    this.fields = {};
    this.applicant = emptyApplicant();
    this.errors = [];
    this.failure = null;
    this.result = null;
    this.pending = null;
    this.shell.show('page-title');
  }

  // The request as the server will receive it (ID numbers normalised, empty fields left out).
  request(): RegistrationInput | null {
    const spec = this.spec;
    if (!spec) return null;
    const fields: Record<string, string> = {};
    for (const f of this.visibleFields(spec)) {
      const raw = (this.fields[f.key] ?? '').trim();
      if (raw === '') continue;
      fields[f.key] = f.kind === 'id' || f.kind === 'household_no' ? normalizeIdNumber(raw)
        : f.kind === 'id_list' ? splitIds(raw).join(',')
          : f.kind === 'date' ? isoOfText(raw) : raw;
    }
    return {
      type: spec.code,
      event_date: isoOfText(this.eventDate),
      subject_id: spec.subject === 'required' ? normalizeIdNumber(this.subjectId) : '',
      fields,
      applicant: {
        name: this.applicant.name.trim(),
        id_number: normalizeIdNumber(this.applicant.idNumber),
        relation: this.applicant.relation,
        identity_check: this.applicant.check as IdentityCheck,
        ...(this.capacity?.needs_interest ? { interest: this.applicant.interest.trim() } : {}),
        ...(this.capacity?.needs_principal ? {
          principal_id: normalizeIdNumber(this.applicant.principalId),
          principal_relation: this.applicant.principalRelation,
        } : {}),
      },
    };
  }

  validate(spec: TypeSpec): FieldError[] {
    const errors: FieldError[] = [];
    const date = (field: string, v: string, past: boolean): void => {
      checkDateField(errors, field, v, true, past ? 'past' : 'any');
    };
    const id = (field: string, v: string, required: boolean): void => {
      if (v.trim() === '' && !required) return;
      const c = checkIdNumber(v);
      if (!c.valid) errors.push({ field, msg: { key: `id.${c.reason}`, params: { n: c.value.length } } });
    };

    date('event-date', this.eventDate, true);
    if (spec.subject === 'required') id('subject-id', this.subjectId, true);
    if (spec.placement && this.placement === '') {
      errors.push({ field: placementId('join'), msg: { key: 'register.placement_required' } });
    }
    for (const f of this.visibleFields(spec)) this.validateField(f, errors, date, id);
    if (this.placement === 'join' && (this.fields.relation ?? '').trim() === '戶長') {
      errors.push({ field: fieldId('relation'), msg: { key: 'register.relation_head' } });
    }

    const a = this.applicant;
    if (a.name.trim() === '') errors.push({ field: 'applicant-name', msg: { key: 'register.applicant_name_required' } });
    if (a.check === 'passport') {
      if (!kPassport.test(normalizeIdNumber(a.idNumber))) {
        errors.push({ field: 'applicant-id', msg: { key: 'register.passport_invalid' } });
      }
    } else {
      id('applicant-id', a.idNumber, true);
    }
    if (a.relation === '') errors.push({ field: 'applicant-relation', msg: { key: 'register.applicant_relation_required' } });
    if (this.capacity?.needs_interest && a.interest.trim() === '') {
      errors.push({ field: 'applicant-interest', msg: { key: 'register.applicant_interest_required' } });
    }
    if (this.capacity?.needs_principal) {
      id('applicant-principal-id', a.principalId, true);
      if (a.principalRelation === '') {
        errors.push({ field: 'applicant-principal-relation', msg: { key: 'register.applicant_relation_required' } });
      }
    }
    if (a.check === '') errors.push({ field: 'applicant-check', msg: { key: 'register.identity_check_required' } });
    return errors;
  }

  private validateField(
    f: FieldSpec, errors: FieldError[],
    date: (field: string, v: string, past: boolean) => void,
    id: (field: string, v: string, required: boolean) => void,
  ): void {
    const field = fieldId(f.key);
    const v = (this.fields[f.key] ?? '').trim();
    if (v === '') {
      if (f.required) {
        errors.push({ field, msg: { key: f.kind === 'select' ? 'register.choose_required' : 'register.field_required' } });
      }
      return;
    }
    switch (f.kind) {
      case 'id': id(field, v, f.required); break;
      case 'id_list': {
        const bad = splitIds(v).find((x) => !checkIdNumber(x).valid);
        if (bad !== undefined) errors.push({ field, msg: { key: 'register.id_list_invalid', params: { id: bad } } });
        break;
      }
      case 'date': date(field, v, f.past ?? false); break;
      case 'household_no':
        if (!kHouseholdNo.test(normalizeIdNumber(v))) errors.push({ field, msg: { key: 'register.household_no_invalid' } });
        break;
      case 'door_plate':
        if (!kDoorPlate.test(v)) errors.push({ field, msg: { key: 'register.door_plate_invalid' } });
        break;
      case 'name':
        if ([...v].length > kMaxName) errors.push({ field, msg: { key: 'register.name_too_long', params: { n: kMaxName } } });
        break;
      case 'select':
        if (!f.options?.some((o) => o.value === v)) errors.push({ field, msg: { key: 'register.choose_required' } });
        break;
      case 'text':
        break;
    }
  }

  // The control on this form that a server error names (see fieldOfError), if it is shown.
  controlFor(spec: TypeSpec, name: string | undefined): string | undefined {
    if (!name) return undefined;
    if (name === 'subject_id') name = 'subject-id';
    if (['event-date', 'applicant-name', 'applicant-check'].includes(name)) return name;
    if (name === 'subject-id') return spec.subject === 'required' ? name : undefined;
    if (name === 'placement') return spec.placement ? placementId(this.placement || 'join') : undefined;
    const shown = this.visibleFields(spec).map((f) => f.key);
    const key = name === 'name' && !shown.includes('name') ? 'new_name' : name;
    return shown.includes(key) ? fieldId(key) : undefined;
  }

  async submit(): Promise<void> {
    const spec = this.spec;
    if (this.busy || !spec || !this.shell.session) return;
    this.failure = null;
    this.errors = this.validate(spec);
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    if (!kIdentityChecks.includes(this.applicant.check as IdentityCheck)) return;
    const input = this.request();
    if (!input) return;
    // Same content as the attempt before (a retry): same key, so the server replays instead
    // of registering again. Different content: a new submission, a new key.
    const content = JSON.stringify(input);
    if (!this.pending || this.pending.content !== content) {
      this.pending = { key: api.newIdempotencyKey(), content };
    }
    const key = this.pending.key;
    this.busy = true;
    this.shell.show('register-submit');
    this.shell.announce(t('register.busy'));
    try {
      const application = await api.submitRegistration(this.shell.token, input, key);
      this.busy = false;
      this.result = application;
      this.pending = null;
      this.step = 'done';
      this.shell.show('result-title');
      this.shell.announce(t('register.received', { id: application.id }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      if (err instanceof api.ApiError && err.body) {
        const field = this.controlFor(spec, fieldOfError(err.body.code, err.body.message_en));
        if (field) this.errors = [{ field, msg: { server: err.body } }];
      }
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }
}

// "A123456789, B…" or one per line → ['A123456789', 'B…'], upper-cased.
function splitIds(v: string): string[] {
  return v.split(/[\s,，、;；]+/).filter(Boolean).map(normalizeIdNumber);
}
