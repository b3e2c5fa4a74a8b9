// 登記申請: the clerk chooses a registration type (#/register), fills in the event, the subject,
// the type's fields (registration_types.ts) and the applicant (#/register/<type>), checks what
// will be sent (#/register/<type>/check: the answers with a 變更 link each, the 記事 that will be
// written, the deadline, days late and proposed fine, from POST /registrations/preview), and
// sends it (#/register/<type>/done). Each step has its address, so the browser's Back moves
// between them. Obvious mistakes are caught here in the clerk's language; the server validates
// against the register and has the last word (422 registration.*). A submission keeps its
// Idempotency-Key until it succeeds or its content changes, so a double click or a retry after a
// network failure never registers twice.
//
// What the clerk typed is kept as a draft (drafts.ts: this tab, this user, today) on every
// change, so a reload or an expired session loses nothing. A draft read back from storage is
// never used silently: it is shown as a draft with its date, and the clerk continues with it or
// discards it (取消) before the form comes back.

import * as api from '../api';
import type {
  Application, ApplicantCapacity, IdentityCheck, RegistrationInput, RegistrationPreview,
} from '../api';
import { clearDraft, loadDraft, saveDraft } from '../drafts';
import { ConsentChoice, kDeclinedId, notifyId } from './consent';
import type { ConsentDraft } from './consent';
import { failureOf } from '../messages';
import { purposeText } from '../purpose';
import { checkDateField } from '../messages';
import type { FieldError, Msg } from '../messages';
import { isoOfText } from '../dates';
import { t } from '../i18n';
import { checkIdNumber, normalizeIdNumber } from '../id_number';
import { fieldOfError, kIdentityChecks, kRegistrationTypes, kTypeCodes, typeSpec } from '../registration_types';
import { filterChoices } from '../choices';
import type { Choice } from '../choices';
import type { MessageKey } from '../i18n';
import { tIn } from '../i18n';
import type { FieldSpec, Placement, RegistrationType, TypeSpec } from '../registration_types';
import type { Shell } from '../shell';

export type RegisterStep = 'choose' | 'form' | 'check' | 'done';

// The address of a step: #/register, #/register/<type>, #/register/<type>/check …
export function registerHash(type: RegistrationType | '', step: RegisterStep): string {
  if (!type || step === 'choose') return '#/register';
  return step === 'form' ? `#/register/${type}` : `#/register/${type}/${step}`;
}

// What a draft keeps: the form as typed.
interface DraftData {
  type: RegistrationType;
  eventDate: string;
  subjectId: string;
  placement: Placement | '';
  fields: Record<string, string>;
  applicant: ApplicantState;
  consent?: ConsentDraft;
}

const kDraft = 'register';

export interface ApplicantState {
  name: string;
  idNumber: string;
  relation: string;  // a capacity code
  check: IdentityCheck | '';
  interest: string;
  principalId: string;
  principalRelation: string;
}

// Who an ID number typed on the form belongs to (looked up with the purpose 受理申請, audited):
// shown beside the field, 「王小明（民國79年3月2日生）」.
export type Confirmation =
  | { id: string; state: 'pending' }
  | { id: string; state: 'not_found' }
  | { id: string; state: 'found'; name: string; birthDate: string; active: boolean;
      householdNo: string; relation: string };

// The registration types as choices of the type search: found by their name in either language
// or by the office's function code (kTypeCodes).
export function typeChoices(): (Choice & { value: RegistrationType })[] {
  return kRegistrationTypes.map((code) => {
    const key = `regtype.${code}` as MessageKey;
    return { value: code, label: tIn('zh', key), keys: [kTypeCodes[code], tIn('en', key)] };
  });
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
  // 跨機關通報: the agencies the citizen agreed to have notified, or that they declined.
  readonly consent = new ConsentChoice();
  // The type search on the chooser: what was typed.
  typeQuery = '';
  // Per ID control ('subject-id', 'applicant-id', a type field's id): whom its number names.
  confirmations: Record<string, Confirmation> = {};
  // Who may apply for the chosen type, as the server lists them (GET …/applicant-capacities).
  capacities: ApplicantCapacity[] = [];
  errors: FieldError[] = [];
  failure: Msg | null = null;  // the server's verdict on the whole submission
  busy = false;
  result: Application | null = null;
  // What the server says sending it would do, and the request it was asked about.
  preview: RegistrationPreview | null = null;
  private previewed = '';
  // When the draft was last saved (null: there is none); `restored`: read back from storage
  // and not yet confirmed by the clerk.
  draftSavedAt: number | null = null;
  restored = false;
  private draftUser: string | null = null;  // whose draft was looked for
  private pending: { key: string; content: string } | null = null;

  constructor(private readonly shell: Shell) {}

  get spec(): TypeSpec | null {
    return this.type ? typeSpec(this.type) : null;
  }

  // The type's fields the form shows now: those of the chosen placement only; the new head
  // only when the subject is known to be a household head (they leave the household headless).
  visibleFields(spec: TypeSpec): FieldSpec[] {
    const subject = this.confirmations['subject-id'];
    const notHead = subject?.state === 'found' && subject.relation !== '戶長';
    return spec.fields.filter((f) => (!f.mode || f.mode === this.placement) &&
      !(f.key === 'new_head_id' && notHead));
  }

  // ---- the type search ----

  matchingTypes(): RegistrationType[] {
    return filterChoices(typeChoices(), this.typeQuery).map((c) => c.value);
  }

  searchTypes(q: string): void {
    this.typeQuery = q;
  }

  // Enter in the type search: the first type that matches, and on to its form.
  chooseFirstMatch(): void {
    const first = this.typeQuery.trim() === '' ? undefined : this.matchingTypes()[0];
    if (!first) {
      this.chooseError = { key: 'register.type_not_found' };
      this.shell.show('type-search');
      return;
    }
    this.type = first;
    this.typeQuery = '';
    this.continueToForm();
  }

  // ---- ID numbers confirmed with the person's name ----

  // Called as an ID number is typed into `control`: once it is a valid number, whom it names is
  // looked up (view=summary, purpose 受理申請) and shown beside the field.
  confirm(control: string, raw: string): void {
    const id = normalizeIdNumber(raw);
    if (!checkIdNumber(id).valid) {
      if (this.confirmations[control]) {
        delete this.confirmations[control];
        this.shell.show(null);
      }
      return;
    }
    if (this.confirmations[control]?.id === id) return;
    this.confirmations[control] = { id, state: 'pending' };
    void this.lookUp(control, id);
  }

  private async lookUp(control: string, id: string): Promise<Confirmation | undefined> {
    try {
      const p = await api.lookupPersonSummary(this.shell.token, id, purposeText({ purpose: 'application', other: '' }));
      const c: Confirmation = {
        id, state: 'found', name: p.name, birthDate: p.birth_date, active: p.status === 'active',
        householdNo: p.household_no, relation: p.relation,
      };
      if (this.confirmations[control]?.id === id) this.confirmations[control] = c;
      if (control === 'subject-id') void this.askDefaults();
    } catch (err) {
      if (this.shell.sessionLost(err)) return undefined;
      if (this.confirmations[control]?.id === id) {
        if (err instanceof api.ApiError && err.status === 404) this.confirmations[control] = { id, state: 'not_found' };
        else delete this.confirmations[control];
      }
    }
    this.shell.show(null);
    return this.confirmations[control];
  }

  // The subject as looked up (looking them up now if their number was not yet).
  private async subject(): Promise<Confirmation | undefined> {
    const id = normalizeIdNumber(this.subjectId);
    if (!checkIdNumber(id).valid) return undefined;
    const known = this.confirmations['subject-id'];
    if (known?.id === id && known.state !== 'pending') return known;
    this.confirmations['subject-id'] = { id, state: 'pending' };
    return this.lookUp('subject-id', id);
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
    this.prepareForm();
    this.errors = [];
    this.failure = null;
    this.step = 'form';
    this.saveDraft();
    this.shell.navigate(registerHash(this.type, 'form'), 'form-title');
  }

  // The chosen type's form: what was typed for its fields is kept (the clerk came back with
  // the same type), and who may apply for it is asked for.
  private prepareForm(): void {
    const spec = this.spec;
    if (!spec) return;
    const keep: Record<string, string> = {};
    for (const f of spec.fields) keep[f.key] = this.fields[f.key] ?? '';
    this.fields = keep;
    if (this.capacitiesType !== spec.code) {
      this.capacities = [];
      void this.loadCapacities(spec.code);
    }
    if (this.shell.session) {
      void this.consent.load(this.shell.token, () => {
        this.shell.show(null);
        void this.askDefaults();
      });
    }
  }

  // The subject is known and the type notifiable: the citizen's last choice, said so on screen.
  private async askDefaults(): Promise<void> {
    const spec = this.spec;
    const id = normalizeIdNumber(this.subjectId);
    if (!spec || spec.subject !== 'required' || !checkIdNumber(id).valid || !this.shell.session) return;
    if (!(await this.consent.defaults(this.shell.token, id, spec.code))) return;
    this.saveDraft();
    this.shell.show(null);
    this.shell.announce(t('notify.defaults_applied'));
  }

  // The clerk ticks an agency, marks it notified another way, or records that the citizen
  // declined; the form is drawn again (focus stays on the control).
  changeConsent(change: (c: ConsentChoice) => void): void {
    change(this.consent);
    this.saveDraft();
    this.shell.show(null);
  }

  // The address changed to #/register/<param> (a link, Back or Forward, a reload, signing in
  // again): the step it names, when the state allows it. Called while the page is drawn, so it
  // draws nothing itself.
  enter(param: string): void {
    this.restoreDraft();
    const [code = '', step = ''] = param.split('/');
    const type = kRegistrationTypes.find((c) => c === code);
    if (!type) {
      if (this.step === 'done') this.reset();
      this.step = 'choose';
      return;
    }
    if (step === 'done' && this.result) {
      this.step = 'done';
      return;
    }
    if (this.step === 'done') this.reset();
    if (this.type !== type) {
      this.type = type;
      this.prepareForm();
    } else if (this.capacitiesType !== type) {
      this.prepareForm();
    }
    if (step === 'check' && !this.restored) {
      const input = this.request();
      if (this.preview && input && JSON.stringify(input) === this.previewed) {
        this.step = 'check';
        return;
      }
      // Come back to by a reload or Forward: asked again once the page is drawn.
      this.step = 'form';
      void Promise.resolve().then(() => this.toCheck());
      return;
    }
    this.step = 'form';
  }

  // ---- drafts ----

  private get user(): string {
    return this.shell.session?.user.username ?? '';
  }

  // Once per user and page: a draft of today left in this tab (a reload, an expired session).
  private restoreDraft(): void {
    const user = this.user;
    if (!user || this.draftUser === user) return;
    this.draftUser = user;
    if (this.type) return;  // already working on something
    const d = loadDraft<DraftData>(kDraft, user);
    if (!d || !kRegistrationTypes.includes(d.data.type)) return;
    this.type = d.data.type;
    this.eventDate = d.data.eventDate ?? '';
    this.subjectId = d.data.subjectId ?? '';
    this.placement = d.data.placement ?? '';
    this.fields = { ...d.data.fields };
    this.applicant = { ...emptyApplicant(), ...d.data.applicant };
    this.consent.restore(d.data.consent);
    this.draftSavedAt = d.savedAt;
    this.restored = true;
    this.shell.announce(t('draft.restored_live'));
  }

  // Called on every change to the form: the draft follows what is typed.
  saveDraft(): void {
    if (!this.type || this.restored || this.step === 'done' || this.step === 'choose') return;
    const data: DraftData = {
      type: this.type, eventDate: this.eventDate, subjectId: this.subjectId,
      placement: this.placement, fields: this.fields, applicant: this.applicant,
      consent: this.consent.draft(),
    };
    this.draftSavedAt = Date.now();
    saveDraft(kDraft, this.user, data, this.draftSavedAt);
  }

  // The clerk has seen the restored draft and continues with it.
  useDraft(): void {
    this.restored = false;
    this.step = 'form';
    this.saveDraft();
    this.confirm('subject-id', this.subjectId);
    this.confirm('applicant-id', this.applicant.idNumber);
    this.shell.navigate(registerHash(this.type, 'form'), 'form-title');
  }

  // 取消: the draft is thrown away; nothing was sent.
  discardDraft(): void {
    clearDraft(kDraft, this.user);
    this.reset();
    this.shell.navigate('#/register', 'page-title');
    this.shell.announce(t('draft.discarded'));
  }

  private reset(): void {
    this.step = 'choose';
    this.type = '';
    this.eventDate = '';
    this.subjectId = '';
    this.placement = '';
    this.fields = {};
    this.applicant = emptyApplicant();
    this.consent.reset();
    this.typeQuery = '';
    this.confirmations = {};
    this.errors = [];
    this.failure = null;
    this.result = null;
    this.preview = null;
    this.previewed = '';
    this.pending = null;
    this.draftSavedAt = null;
    this.restored = false;
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

  // 本人: the applicant is the subject; 戶長: the head of the subject's household. Their name
  // and ID number are filled in from the register (read with the purpose 受理申請, audited),
  // one choice instead of typing both again.
  async chooseRelation(code: string): Promise<void> {
    if (code === this.applicant.relation) return;  // the select's input and change events
    this.applicant.relation = code;
    this.shell.show(null);
    if (code !== 'self' && code !== 'head') return;
    const subject = await this.subject();
    if (this.applicant.relation !== code || subject?.state !== 'found') return;
    if (code === 'self') {
      this.fillApplicant(subject);
      return;
    }
    if (subject.relation === '戶長' || subject.householdNo === '') {
      if (subject.relation === '戶長') this.fillApplicant(subject);
      return;
    }
    try {
      const hh = await api.lookupHousehold(this.shell.token, subject.householdNo,
        purposeText({ purpose: 'application', other: '' }));
      const head = hh.members.find((m) => m.id_number === hh.head_id_number);
      if (head && this.applicant.relation === 'head') {
        this.fillApplicant({
          id: head.id_number, state: 'found', name: head.name, birthDate: head.birth_date,
          active: head.status === 'active', householdNo: hh.household_no, relation: head.relation,
        });
      }
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
    }
  }

  private fillApplicant(c: Confirmation & { state: 'found' }): void {
    this.applicant.idNumber = c.id;
    this.applicant.name = c.name;
    this.confirmations['applicant-id'] = c;
    this.saveDraft();
    this.shell.show(null);
  }

  changeType(): void {
    this.step = 'choose';
    this.errors = [];
    this.failure = null;
    this.shell.navigate('#/register', `type-${this.type || 'birth'}`);
  }

  // 變更 on the check step: back to the form, at the control of that answer.
  change(control: string): void {
    this.step = 'form';
    this.shell.navigate(registerHash(this.type, 'form'), control);
  }

  startAnother(): void {
    this.reset();
    this.shell.navigate('#/register', 'page-title');
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
      ...this.consent.fields(spec.code),
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
    if (this.consent.missing(spec.code)) {
      const first = this.consent.receivers(spec.code)[0];
      errors.push({ field: first ? notifyId(first.code) : kDeclinedId, msg: { key: 'notify.choice_required' } });
    }
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
      case 'relation':  // the list offers the register's words; the server has the last word
      case 'place':
        break;
    }
  }

  // The control on this form that a server error names (see fieldOfError), if it is shown.
  controlFor(spec: TypeSpec, name: string | undefined): string | undefined {
    if (!name) return undefined;
    if (name === 'subject_id') name = 'subject-id';
    if (name === 'notify') {
      const first = this.consent.receivers(spec.code)[0];
      return first ? notifyId(first.code) : undefined;
    }
    if (['event-date', 'applicant-name', 'applicant-check'].includes(name)) return name;
    if (name === 'subject-id') return spec.subject === 'required' ? name : undefined;
    if (name === 'placement') return spec.placement ? placementId(this.placement || 'join') : undefined;
    const shown = this.visibleFields(spec).map((f) => f.key);
    const key = name === 'name' && !shown.includes('name') ? 'new_name' : name;
    return shown.includes(key) ? fieldId(key) : undefined;
  }

  // The form's 下一步: checked here, then by the server (POST /registrations/preview, which
  // enters nothing), then the check step shows what sending it would do.
  async toCheck(): Promise<void> {
    const spec = this.spec;
    if (this.busy || !spec || !this.shell.session) return;
    const input = this.checkedInput(spec);
    if (!input) return;
    this.busy = true;
    this.shell.show('register-continue');
    this.shell.announce(t('register.checking'));
    try {
      const preview = await api.previewRegistration(this.shell.token, input);
      this.busy = false;
      this.preview = preview;
      this.previewed = JSON.stringify(input);
      this.step = 'check';
      this.saveDraft();
      this.shell.navigate(registerHash(spec.code, 'check'), 'check-title');
      this.shell.announce(t('check.title'));
    } catch (err) {
      this.busy = false;
      this.refused(spec, err);
    }
  }

  // The check step's 確認送出.
  async submit(): Promise<void> {
    const spec = this.spec;
    if (this.busy || !spec || !this.shell.session) return;
    const input = this.checkedInput(spec);
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
      clearDraft(kDraft, this.user);
      this.draftSavedAt = null;
      // The check step's entry becomes the result's: Back does not lead to sending it again.
      history.replaceState(null, '', registerHash(spec.code, 'done'));
      this.shell.show('result-title');
      this.shell.announce(t('register.received', { id: application.id }));
    } catch (err) {
      this.busy = false;
      this.refused(spec, err);
    }
  }

  // The request, when the form passes the client's checks; else the errors are shown on the
  // form.
  private checkedInput(spec: TypeSpec): RegistrationInput | null {
    this.failure = null;
    this.errors = this.validate(spec);
    if (this.errors.length) {
      this.toForm('error-summary');
      return null;
    }
    if (!kIdentityChecks.includes(this.applicant.check as IdentityCheck)) return null;
    return this.request();
  }

  // The server refused (or could not be reached): the form again, with its verdict.
  private refused(spec: TypeSpec, err: unknown): void {
    if (this.shell.sessionLost(err)) return;
    this.failure = failureOf(err);
    if (err instanceof api.ApiError && err.body) {
      const field = this.controlFor(spec, fieldOfError(err.body.code, err.body.message_en));
      if (field) this.errors = [{ field, msg: { server: err.body } }];
    }
    this.shell.announce('');
    this.toForm('error-summary');
  }

  private toForm(focus: string): void {
    if (this.step === 'form') {
      this.shell.show(focus);
      return;
    }
    this.step = 'form';
    this.shell.navigate(registerHash(this.type, 'form'), focus);
  }
}

// "A123456789, B…" or one per line → ['A123456789', 'B…'], upper-cased.
function splitIds(v: string): string[] {
  return v.split(/[\s,，、;；]+/).filter(Boolean).map(normalizeIdNumber);
}
