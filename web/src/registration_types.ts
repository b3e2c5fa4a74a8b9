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
  'ex_officio_move_in', 'death_declaration', 'indigenous_acquisition', 'indigenous_loss',
  'indigenous_change', 'assistance', 'custody', 'correction', 'ex_officio_address_change',
  'ex_officio_move_out', 'registration_cancellation', 'revocation',
] as const;
export type RegistrationType = (typeof kRegistrationTypes)[number];

// The office's function code (功能代碼) of each type: what a clerk types into the type search
// (「04」 for 離婚) instead of finding the type in the list. Two digits, in the order of the
// list above; an office whose system numbers them otherwise changes this one table.
export const kTypeCodes: Readonly<Record<RegistrationType, string>> = {
  birth: '01',
  death: '02',
  marriage: '03',
  divorce: '04',
  move_in: '05',
  move_out: '06',
  address_change: '07',
  household_split: '08',
  household_merge: '09',
  head_change: '10',
  name_change: '11',
  name_correction: '12',
  birth_date_correction: '13',
  id_number_change: '14',
  first_registration: '15',
  acknowledgement: '16',
  adoption: '17',
  adoption_termination: '18',
  guardianship: '19',
  loss_of_nationality: '20',
  restoration: '21',
  ex_officio_move_in: '22',
  death_declaration: '23',
  indigenous_acquisition: '24',
  indigenous_loss: '25',
  indigenous_change: '26',
  assistance: '27',
  custody: '28',
  correction: '29',
  ex_officio_address_change: '30',
  ex_officio_move_out: '31',
  registration_cancellation: '32',
  revocation: '33',
};

// text: free text; name: a person's name; id: an ID number (checked like the lookup's);
// id_list: ID numbers separated by commas or spaces (sent comma-separated); date: ISO date
// (ROC shown beside); select: one of `options`; household_no: 戶號 (a letter and 7 digits);
// door_plate: the register's door plate number (digits); relation: a 稱謂, chosen from the
// register's words (choices.ts); place: a county or district chosen from the table
// (places.ts), or a place abroad typed.
export type FieldKind = 'text' | 'name' | 'id' | 'id_list' | 'date' | 'select' | 'household_no' |
  'door_plate' | 'relation' | 'place';

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

// registration.h kIndigenousPeoples: the 16 recognised peoples, sent as the register writes them.
const tribes: readonly FieldOption[] = ([
  ['阿美族', 'tribe.amis'], ['泰雅族', 'tribe.atayal'], ['排灣族', 'tribe.paiwan'],
  ['布農族', 'tribe.bunun'], ['卑南族', 'tribe.puyuma'], ['魯凱族', 'tribe.rukai'],
  ['鄒族', 'tribe.tsou'], ['賽夏族', 'tribe.saisiyat'], ['雅美族', 'tribe.yami'],
  ['邵族', 'tribe.thao'], ['噶瑪蘭族', 'tribe.kavalan'], ['太魯閣族', 'tribe.truku'],
  ['撒奇萊雅族', 'tribe.sakizaya'], ['賽德克族', 'tribe.seediq'], ['拉阿魯哇族', 'tribe.hlaalua'],
  ['卡那卡那富族', 'tribe.kanakanavu'],
] as const).map(([value, label]) => ({ value, label }));
const indigenousKinds: readonly FieldOption[] = [
  { value: 'plains', label: 'regopt.plains' },
  { value: 'mountain', label: 'regopt.mountain' },
];
const custodyHolders: readonly FieldOption[] = [
  { value: 'father', label: 'regopt.holder_father' },
  { value: 'mother', label: 'regopt.holder_mother' },
  { value: 'both', label: 'regopt.holder_both' },
  { value: 'other', label: 'regopt.holder_other' },
];
const custodyBases: readonly FieldOption[] = [
  { value: 'agreement', label: 'regopt.agreement' },
  { value: 'court', label: 'regopt.by_court' },
];
// registration.h kCorrectableFields.
const correctableFields: readonly FieldOption[] = [
  { value: 'birth_place', label: 'regopt.field_birth_place' },
  { value: 'father_name', label: 'regopt.field_father_name' },
  { value: 'mother_name', label: 'regopt.field_mother_name' },
];
const abolitionReasons: readonly FieldOption[] = [
  { value: 'loss_of_nationality', label: 'regopt.loss_of_nationality' },
  { value: 'loss_of_status', label: 'regopt.loss_of_status' },
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
  f('relation', 'relation', required, 'regfield.relation', { hint: 'reghint.relation' });
const reason = (required: boolean) => f('reason', 'text', required, 'regfield.reason');
// The nationality case (國籍案件) a follow-up registration registers when approved.
const nationalityCase = () =>
  f('nationality_case_id', 'text', false, 'regfield.nationality_case_id', { hint: 'reghint.nationality_case_id' });
// The placement rows: join a household (its number and the 稱謂 there) or found one.
const placementRows: readonly FieldSpec[] = [
  f('household_no', 'household_no', true, 'regfield.household_no',
    { hint: 'reghint.household_no', mode: 'join' }),
  f('relation', 'relation', true, 'regfield.relation', { hint: 'reghint.relation', mode: 'join' }),
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
      f('place', 'place', true, 'regfield.birth_place', { hint: 'reghint.place_list' }),
      householdNo(false, 'reghint.birth_household'),
    ],
  },
  death: {
    code: 'death', group: 'status', subject: 'required', eventDate: 'regdate.death', deadline: 'regdl.other',
    fields: [
      f('place', 'place', false, 'regfield.death_place', { hint: 'reghint.place_list' }),
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
      f('from', 'place', true, 'regfield.from', { hint: 'reghint.from' }),
      ...placementRows,
    ],
  },
  move_out: {
    code: 'move_out', group: 'residence', subject: 'required', eventDate: 'regdate.move_out', deadline: 'regdl.abroad',
    fields: [
      f('to', 'place', true, 'regfield.to', { hint: 'reghint.to' }),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
    ],
  },
  address_change: {
    code: 'address_change', group: 'residence', subject: 'required', eventDate: 'regdate.move', deadline: 'regdl.address', placement: true,
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
      f('birth_place', 'place', true, 'regfield.birth_place', { hint: 'reghint.place_list' }),
      f('from', 'place', false, 'regfield.from_abroad'),
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
    fields: [
      f('letter_no', 'text', true, 'regfield.letter_no'),
      f('reason', 'select', false, 'regfield.abolition_reason',
        { options: abolitionReasons, hint: 'reghint.abolition_reason' }),
      nationalityCase(),
    ],
  },
  restoration: {
    code: 'restoration', group: 'nationality', subject: 'required', eventDate: 'regdate.event', deadline: 'regdl.restoration', placement: true,
    fields: [
      f('from', 'place', false, 'regfield.from_abroad'),
      nationalityCase(),
      ...placementRows,
    ],
  },
  ex_officio_move_in: {
    code: 'ex_officio_move_in', group: 'residence', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.ex_officio',
    fields: [
      f('from', 'place', true, 'regfield.from'),
      reason(true),
    ],
  },
  death_declaration: {
    code: 'death_declaration', group: 'status', subject: 'required',
    eventDate: 'regdate.presumed_death', deadline: 'regdl.judgment',
   
    fields: [
      f('court', 'text', true, 'regfield.court'),
      f('judgment_date', 'date', true, 'regfield.judgment_date', { past: true }),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
    ],
  },
  indigenous_acquisition: {
    code: 'indigenous_acquisition', group: 'change', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [
      f('tribe', 'select', true, 'regfield.tribe', { options: tribes }),
      f('kind', 'select', true, 'regfield.indigenous_kind', { options: indigenousKinds }),
    ],
  },
  indigenous_loss: {
    code: 'indigenous_loss', group: 'change', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [reason(true)],
  },
  indigenous_change: {
    code: 'indigenous_change', group: 'change', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.none',
    fields: [f('tribe', 'select', true, 'regfield.new_tribe', { options: tribes })],
  },
  assistance: {
    code: 'assistance', group: 'status', subject: 'required', eventDate: 'regdate.court_final',
    deadline: 'regdl.other',
    fields: [
      f('assistant_id', 'id', true, 'regfield.assistant_id'),
      f('court', 'text', true, 'regfield.court'),
      reason(false),
    ],
  },
  custody: {
    code: 'custody', group: 'status', subject: 'required', eventDate: 'regdate.custody',
    deadline: 'regdl.other',
    fields: [
      f('holder', 'select', true, 'regfield.holder', { options: custodyHolders }),
      f('holder_id', 'id', false, 'regfield.holder_id', { hint: 'reghint.holder_id' }),
      f('basis', 'select', true, 'regfield.basis', { options: custodyBases }),
      f('court', 'text', false, 'regfield.court', { hint: 'reghint.court_if_judged' }),
    ],
  },
  correction: {
    code: 'correction', group: 'change', subject: 'required', eventDate: 'regdate.event',
    deadline: 'regdl.none',
    fields: [
      f('field', 'select', true, 'regfield.corrected_field', { options: correctableFields }),
      f('new_value', 'name', true, 'regfield.new_value'),
      f('evidence', 'text', true, 'regfield.evidence', { hint: 'reghint.evidence' }),
    ],
  },
  ex_officio_address_change: {
    code: 'ex_officio_address_change', group: 'residence', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.ex_officio',
    placement: true,
    fields: [reason(true), ...placementRows],
  },
  ex_officio_move_out: {
    code: 'ex_officio_move_out', group: 'residence', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.ex_officio',
    fields: [
      f('exit_date', 'date', true, 'regfield.exit_date', { past: true, hint: 'reghint.exit_date' }),
      reason(false),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
    ],
  },
  registration_cancellation: {
    code: 'registration_cancellation', group: 'nationality', subject: 'required',
    eventDate: 'regdate.event', deadline: 'regdl.ex_officio',
    fields: [
      reason(true),
      f('letter_no', 'text', false, 'regfield.cancellation_letter'),
      f('new_head_id', 'id', false, 'regfield.new_head_id', { hint: 'reghint.new_head' }),
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
  'registration.reason': 'reason',
  'registration.judgment_date': 'judgment_date',
  'registration.judgment_future': 'judgment_date',
  'registration.judgment_before_death': 'judgment_date',
  'registration.tribe': 'tribe',
  'registration.same_tribe': 'tribe',
  'registration.kind': 'kind',
  'registration.already_indigenous': 'subject-id',
  'registration.not_indigenous': 'subject-id',
  'registration.assistant_not_found': 'assistant_id',
  'registration.assistant_deceased': 'assistant_id',
  'registration.assistant_removed': 'assistant_id',
  'registration.assistant_underage': 'assistant_id',
  'registration.holder': 'holder',
  'registration.basis': 'basis',
  'registration.holder_by_court': 'basis',
  'registration.parent_not_registered': 'holder',
  'registration.holder_not_found': 'holder_id',
  'registration.holder_deceased': 'holder_id',
  'registration.holder_removed': 'holder_id',
  'registration.holder_underage': 'holder_id',
  'registration.not_minor': 'subject-id',
  'registration.correction_field': 'field',
  'registration.parent_in_register': 'field',
  'registration.same_value': 'new_value',
  'registration.value_invalid': 'new_value',
  'registration.exit_date': 'exit_date',
  'registration.exit_before_birth': 'exit_date',
  'registration.abroad_too_short': 'exit_date',
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
  if (code.startsWith('notification.')) return 'notify';  // the consent checklist
  return undefined;
}
