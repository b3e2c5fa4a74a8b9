// The registration types and each type's input fields, in ONE table, so that it can be lined
// up with the domain rules: the `fields` keys are those read by src/domain/register/
// registration.h (and stored as Event data by projector.h). A field added there is a row
// here plus its label in i18n.ts; the form, the client-side checks and the review screen's
// details all follow from this table.

import type { MessageKey } from './i18n';

export const kRegistrationTypes = [
  'birth', 'death', 'marriage', 'divorce', 'move_in', 'move_out', 'address_change',
  'household_split', 'household_merge', 'head_change', 'name_change', 'name_correction',
  'birth_date_correction', 'id_number_change', 'first_registration', 'acknowledgement',
  'adoption', 'adoption_termination', 'guardianship', 'loss_of_nationality', 'restoration',
  'ex_officio_move_in', 'revocation',
] as const;
export type RegistrationType = (typeof kRegistrationTypes)[number];

// text: free text; name: a person's name; id: an ID number (checked like the lookup's);
// id_list: ID numbers separated by commas or spaces (sent comma-separated); date: ISO date
// (ROC shown beside); select: one of `options`; household_no: 戶號 (a letter and 7 digits);
// door_plate: the register's door plate number (digits).
export type FieldKind = 'text' | 'name' | 'id' | 'id_list' | 'date' | 'select' | 'household_no' |
  'door_plate';

// Where the subject goes (registration.h "household_no + relation (join) or door_plate_id
// (new household)"): the form asks which, then shows only that mode's fields.
export type Placement = 'join' | 'new';
export const kPlacements: readonly Placement[] = ['join', 'new'];

export interface FieldOption {
  value: string;  // what the server receives
  label: MessageKey;
}

export interface FieldSpec {
  key: string;      // key in the request's `fields` (registration.h)
  kind: FieldKind;
  required: boolean;
  label: MessageKey;
  hint?: MessageKey;
  options?: readonly FieldOption[];
  // A date that may not lie in the future (a corrected birth date …).
  past?: boolean;
  // Shown and sent only when the clerk chose this placement; `required` applies then.
  mode?: Placement;
}

export type TypeGroup = 'status' | 'residence' | 'change' | 'nationality';

export interface TypeSpec {
  code: RegistrationType;
  group: TypeGroup;
  // 'none': the subject has no ID number yet (a newborn, a first registration): the server
  // allocates it on approval and reports it as result_subject_id. 'from_application': the
  // server takes it from the application named (a revocation's).
  subject: 'required' | 'none' | 'from_application';
  eventDate: MessageKey;  // what the event date is called for this type
  deadline: MessageKey;   // the statutory period in words (the server computes the date)
  // The type places the subject in a household: joining one or founding one (see Placement).
  placement?: boolean;
  fields: readonly FieldSpec[];
}

const sexOptions: readonly FieldOption[] = [
  { value: 'M', label: 'sex.M' },
  { value: 'F', label: 'sex.F' },
];
const divorceKinds: readonly FieldOption[] = [
  { value: 'agreed', label: 'regopt.agreed' },
  { value: 'court', label: 'regopt.court' },
];
// Who starts a revocation: a citizen's application has the 30-day period (戶籍法 §48), the
// office's own does not.
const initiators: readonly FieldOption[] = [
  { value: 'citizen', label: 'regopt.initiated_citizen' },
  { value: 'office', label: 'regopt.initiated_office' },
];

// 改名 grounds (姓名條例 §9 ¶1; src/domain/register/name_change.h): only ground 6 counts
// toward the cap of three changes (§9 ¶2).
const nameChangeGrounds: readonly FieldOption[] = [
  { value: 'same_name_workplace', label: 'regopt.name_same_workplace' },
  { value: 'same_name_ancestor', label: 'regopt.name_same_ancestor' },
  { value: 'same_name_district', label: 'regopt.name_same_district' },
  { value: 'same_name_wanted', label: 'regopt.name_same_wanted' },
  { value: 'filiation', label: 'regopt.name_filiation' },
  { value: 'vulgar_or_special', label: 'regopt.name_vulgar_or_special' },
];

// Whose error a revocation corrects (revocation.h): only an office error counts against
// registration correctness.
const revocationCauses: readonly FieldOption[] = [
  { value: 'office_error', label: 'regopt.office_error' },
  { value: 'citizen_error', label: 'regopt.citizen_error' },
];

const f = (key: string, kind: FieldKind, required: boolean, label: MessageKey,
  extra: Partial<FieldSpec> = {}): FieldSpec => ({ key, kind, required, label, ...extra });

// Frequently repeated rows.
const householdNo = (required: boolean, hint: MessageKey = 'reghint.household_no') =>
  f('household_no', 'household_no', required, 'regfield.household_no', { hint });
const doorPlate = (required: boolean, hint: MessageKey = 'reghint.door_plate_id') =>
  f('door_plate_id', 'door_plate', required, 'regfield.door_plate_id', { hint });
const relation = (required: boolean) =>
  f('relation', 'text', required, 'regfield.relation', { hint: 'reghint.relation' });
const reason = (required: boolean) => f('reason', 'text', required, 'regfield.reason');
// The nationality case (國籍案件) a follow-up registration registers when approved.
const nationalityCase = () =>
  f('nationality_case_id', 'text', false, 'regfield.nationality_case_id', { hint: 'reghint.nationality_case_id' });
// The placement rows: join a household (its number and the 稱謂 there) or found one.
const placementRows: readonly FieldSpec[] = [
  f('household_no', 'household_no', true, 'regfield.household_no',
    { hint: 'reghint.household_no', mode: 'join' }),
  f('relation', 'text', true, 'regfield.relation', { hint: 'reghint.relation', mode: 'join' }),
  f('door_plate_id', 'door_plate', true, 'regfield.door_plate_id',
    { hint: 'reghint.new_household_plate', mode: 'new' }),
];

export const kTypeSpecs: Readonly<Record<RegistrationType, TypeSpec>> = {
  birth: {
    code: 'birth', group: 'status', subject: 'none', eventDate: 'regdate.birth', deadline: 'regdl.birth',
    fields: [
      f('name', 'name', true, 'regfield.child_name'),
      f('sex', 'select', true, 'regfield.sex', { options: sexOptions }),
      f('father_id', 'id', false, 'regfield.father_id', { hint: 'reghint.parent' }),
      f('mother_id', 'id', false, 'regfield.mother_id', { hint: 'reghint.parent' }),
      f('place', 'text', true, 'regfield.birth_place', { hint: 'reghint.place' }),
      householdNo(false, 'reghint.birth_household'),
    ],
  },
  death: {
    code: 'death', group: 'status', subject: 'required', eventDate: 'regdate.death', deadline: 'regdl.other',
    fields: [
      f('place', 'text', false, 'regfield.death_place', { hint: 'reghint.place' }),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
    ],
  },
  marriage: {
    code: 'marriage', group: 'status', subject: 'required', eventDate: 'regdate.marriage', deadline: 'regdl.on_registration',
    fields: [
      f('spouse_id', 'id', true, 'regfield.spouse_id', { hint: 'reghint.marriage' }),
    ],
  },
  divorce: {
    code: 'divorce', group: 'status', subject: 'required', eventDate: 'regdate.divorce', deadline: 'regdl.divorce',
    fields: [
      f('spouse_id', 'id', true, 'regfield.spouse_id'),
      f('reason', 'select', true, 'regfield.divorce_kind', { options: divorceKinds }),
    ],
  },
  move_in: {
    code: 'move_in', group: 'residence', subject: 'required', eventDate: 'regdate.move_in', deadline: 'regdl.move', placement: true,
    fields: [
      f('from', 'text', true, 'regfield.from', { hint: 'reghint.from' }),
      ...placementRows,
    ],
  },
  move_out: {
    code: 'move_out', group: 'residence', subject: 'required', eventDate: 'regdate.move_out', deadline: 'regdl.abroad',
    fields: [
      f('to', 'text', true, 'regfield.to', { hint: 'reghint.to' }),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
    ],
  },
  address_change: {
    code: 'address_change', group: 'residence', subject: 'required', eventDate: 'regdate.move', deadline: 'regdl.move', placement: true,
    fields: [...placementRows],
  },
  household_split: {
    code: 'household_split', group: 'residence', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [
      doorPlate(true),
      f('members', 'id_list', false, 'regfield.members', { hint: 'reghint.members' }),
    ],
  },
  household_merge: {
    code: 'household_merge', group: 'residence', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [householdNo(true, 'reghint.merge_household'), relation(true)],
  },
  head_change: {
    code: 'head_change', group: 'residence', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [reason(false)],
  },
  name_change: {
    code: 'name_change', group: 'change', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [f('new_name', 'name', true, 'regfield.new_name'), f('reason', 'select', true, 'regfield.name_ground', { options: nameChangeGrounds })],
  },
  name_correction: {
    code: 'name_correction', group: 'change', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [f('new_name', 'name', true, 'regfield.new_name'), reason(true)],
  },
  birth_date_correction: {
    code: 'birth_date_correction', group: 'change', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [f('new_date', 'date', true, 'regfield.new_date', { past: true }), reason(true)],
  },
  id_number_change: {
    code: 'id_number_change', group: 'change', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [reason(true)],
  },
  first_registration: {
    code: 'first_registration', group: 'nationality', subject: 'none',
    eventDate: 'regdate.entry', deadline: 'regdl.other', placement: true,
    fields: [
      f('name', 'name', true, 'regfield.name'),
      f('sex', 'select', true, 'regfield.sex', { options: sexOptions }),
      f('birth_date', 'date', true, 'regfield.birth_date', { past: true }),
      f('birth_place', 'text', true, 'regfield.birth_place', { hint: 'reghint.place' }),
      f('from', 'text', false, 'regfield.from_abroad'),
      nationalityCase(),
      ...placementRows,
    ],
  },
  acknowledgement: {
    code: 'acknowledgement', group: 'status', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [f('father_id', 'id', true, 'regfield.bio_father_id')],
  },
  adoption: {
    code: 'adoption', group: 'status', subject: 'required', eventDate: 'regdate.court', deadline: 'regdl.other',
    fields: [
      f('adopter_id', 'id', true, 'regfield.adopter_id'),
      f('adopter2_id', 'id', false, 'regfield.adopter2_id'),
    ],
  },
  adoption_termination: {
    code: 'adoption_termination', group: 'status', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [f('adopter_id', 'id', true, 'regfield.adopter_id'), reason(false)],
  },
  guardianship: {
    code: 'guardianship', group: 'status', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.other',
    fields: [f('guardian_id', 'id', true, 'regfield.guardian_id'), reason(false)],
  },
  loss_of_nationality: {
    code: 'loss_of_nationality', group: 'nationality', subject: 'required',
    eventDate: 'regdate.approval', deadline: 'regdl.ex_officio',
    fields: [f('letter_no', 'text', true, 'regfield.letter_no'), nationalityCase()],
  },
  restoration: {
    code: 'restoration', group: 'nationality', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.move', placement: true,
    fields: [
      f('from', 'text', false, 'regfield.from_abroad'),
      nationalityCase(),
      ...placementRows,
    ],
  },
  ex_officio_move_in: {
    code: 'ex_officio_move_in', group: 'residence', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.ex_officio',
    fields: [
      f('from', 'text', true, 'regfield.from'),
      reason(true),
    ],
  },
  // 撤銷登記 (revocation.h): puts back what the named registration changed.
  revocation: {
    code: 'revocation', group: 'change', subject: 'from_application',
    eventDate: 'regdate.revocation', deadline: 'regdl.revocation',
    fields: [
      f('application_id', 'text', true, 'regfield.application_id', { hint: 'reghint.application_id' }),
      f('initiated_by', 'select', true, 'regfield.initiated_by', { options: initiators }),
      f('cause', 'select', true, 'regfield.revocation_cause', { options: revocationCauses }),
      reason(true),
    ],
  },
};

export const kTypeGroups: readonly { group: TypeGroup; label: MessageKey }[] = [
  { group: 'status', label: 'reggroup.status' },
  { group: 'residence', label: 'reggroup.residence' },
  { group: 'change', label: 'reggroup.change' },
  { group: 'nationality', label: 'reggroup.nationality' },
];

export function isRegistrationType(v: string): v is RegistrationType {
  return (kRegistrationTypes as readonly string[]).includes(v);
}

export function typeSpec(code: string): TypeSpec | null {
  return isRegistrationType(code) ? kTypeSpecs[code] : null;
}

// 申請人身分核對方式.
export const kIdentityChecks = [
  'id_card', 'passport', 'residence_permit', 'citizen_certificate', 'power_of_attorney',
  'household_certificate',
] as const;

// Server error codes (registration.cc) that belong to one input of the form, so that the
// error summary links to it and the message shows beside it: 'event-date', 'subject-id',
// 'placement' (the join / new choice) or a `fields` key. The rest concern the application as
// a whole. registration.field_required and registration.id_invalid name their key only in
// message_en ("the field X is required", "X is not a valid ID number"): see fieldOfError().
export const kServerErrorField: Readonly<Record<string, string>> = {
  'registration.application_id': 'application_id',
  'registration.revocation_target': 'application_id',
  'registration.revocation_not_registered': 'application_id',
  'registration.already_revoked': 'application_id',
  'registration.revocation_superseded': 'application_id',
  'registration.revocation_unavailable': 'application_id',
  'registration.future_date': 'event-date',
  'registration.event_date': 'event-date',
  'registration.before_birth': 'event-date',
  'registration.child_older_than_parent': 'event-date',
  'registration.mother_deceased': 'event-date',
  'registration.subject_not_found': 'subject-id',
  'registration.subject_deceased': 'subject-id',
  'registration.subject_removed': 'subject-id',
  'registration.already_married': 'subject-id',
  'registration.same_district': 'subject-id',
  'registration.other_district': 'subject-id',
  'registration.use_restoration': 'subject-id',
  'registration.not_removed': 'subject-id',
  'registration.no_household': 'subject-id',
  'registration.head_cannot_split': 'subject-id',
  'registration.not_head': 'subject-id',
  'registration.already_head': 'subject-id',
  'registration.name_change_limit': 'subject-id',
  'registration.name_change_reason': 'reason',
  'registration.revocation_cause': 'cause',
  'registration.nationality_case': 'nationality_case_id',
  'registration.nationality_case_registered': 'nationality_case_id',
  'registration.nationality_case_type': 'nationality_case_id',
  'registration.id_legacy': 'subject-id',
  'registration.same_person': 'subject-id',
  'registration.spouse_not_found': 'spouse_id',
  'registration.spouse_deceased': 'spouse_id',
  'registration.spouse_removed': 'spouse_id',
  'registration.spouse_already_married': 'spouse_id',
  'registration.not_married': 'spouse_id',
  'registration.underage': 'spouse_id',
  'registration.father_not_found': 'father_id',
  'registration.father_sex': 'father_id',
  'registration.already_has_father': 'father_id',
  'registration.mother_not_found': 'mother_id',
  'registration.mother_sex': 'mother_id',
  'registration.mother_removed': 'mother_id',
  'registration.parent_required': 'mother_id',
  'registration.household_required': 'household_no',
  'registration.household_not_found': 'household_no',
  'registration.household_other_office': 'household_no',
  'registration.already_in_household': 'household_no',
  'registration.same_household': 'household_no',
  'registration.relation_invalid': 'relation',
  'registration.destination_required': 'placement',
  'registration.door_plate_invalid': 'door_plate_id',
  'registration.door_plate_not_found': 'door_plate_id',
  'registration.door_plate_abolished': 'door_plate_id',
  'registration.door_plate_other_office': 'door_plate_id',
  'registration.same_address': 'door_plate_id',
  'registration.new_head_invalid': 'new_head_id',
  'registration.move_out_domestic': 'to',
  'registration.member_invalid': 'members',
  'registration.same_name': 'new_name',
  'registration.same_date': 'new_date',
  'registration.adopters_not_spouses': 'adopter2_id',
  'registration.age_gap': 'adopter_id',
  'registration.already_parent': 'adopter_id',
  'registration.not_adopted': 'adopter_id',
  'registration.guardian_underage': 'guardian_id',
  'registration.divorce_reason': 'reason',
  'registration.sex': 'sex',
  'registration.applicant': 'applicant-name',
  'registration.identity_check': 'applicant-check',
};

// The input an error from the server is about (as kServerErrorField names it), or undefined.
export function fieldOfError(code: string, messageEn: string): string | undefined {
  const known = kServerErrorField[code];
  if (known) return known;
  if (code === 'registration.name_invalid') return 'name';
  if (code === 'registration.field_required') return /^the field (\w+) is required/.exec(messageEn)?.[1];
  if (code === 'registration.id_invalid') return /^(\w+) is not a valid ID number/.exec(messageEn)?.[1];
  if (code.startsWith('id_number.')) return 'subject-id';
  return undefined;
}
