// 登記申請 (#/register): choose the registration type, fill in the form the type's table row
// describes, submit; then the application number, its status and its deadline.

import { applicationFacts, deadlineText, fact, lateBadge, panel } from '../components/application';
import { idInput, radioGroup, selectInput, textArea, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { combobox } from '../components/combobox';
import { consentAnswer, consentSection } from '../components/consent';
import { kDeclinedId, notifyId } from '../flows/consent';
import { birthWords, kRelationWords, placeChoices } from '../choices';
import type { Choice } from '../choices';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { fieldId, placementId, registerHash } from '../flows/register';
import type { RegisterFlow } from '../flows/register';
import { capacityText, formatDateTime, identityCheckText, lang, moneyRange, relationText, t, typeName } from '../i18n';
import { dateWords, isoOfText } from '../dates';
import type { Child } from '../dom';
import { errorFor, msgText } from '../messages';
import { kIdentityChecks, kPlacements, kTypeCodes, kTypeGroups, kTypeSpecs, kRegistrationTypes } from '../registration_types';
import type { FieldSpec, RegistrationType, TypeSpec } from '../registration_types';
import type { Shell } from '../shell';
import type { ApplicantCapacity } from '../api';

// The type search: typing a name or the function code narrows the list below it; Enter takes
// the first type still shown and goes on to its form.
function typeSearch(s: RegisterFlow, groups: HTMLElement[]): HTMLElement {
  const count = h('p', { class: 'field__hint', id: 'type-search-count', 'aria-live': 'polite' });
  const narrow = (): void => {
    const shown = new Set(s.matchingTypes());
    for (const g of groups) {
      let any = false;
      for (const el of g.querySelectorAll<HTMLElement>('.type-option')) {
        el.hidden = !shown.has(el.dataset.code as RegistrationType);
        any ||= !el.hidden;
      }
      g.hidden = !any;
    }
    count.textContent = s.typeQuery.trim() === '' ? '' : t('register.type_matches', { n: shown.size });
  };
  const input = textInput('type-search', s.typeQuery, (v) => { s.searchTypes(v); narrow(); }, {
    class: 'input', maxlength: '20', spellcheck: 'false', 'aria-controls': 'type-groups',
    onkeydown: (ev: Event) => {
      if ((ev as KeyboardEvent).key !== 'Enter') return;
      ev.preventDefault();
      s.chooseFirstMatch();
    },
  });
  narrow();
  return field({
    label: t('register.type_search'), hint: t('register.type_search_hint'), control: input,
    after: count, class: 'field--wide',
  });
}

function chooser(s: RegisterFlow): Node[] {
  const where = s.chooseError && 'key' in s.chooseError && s.chooseError.key === 'register.type_not_found'
    ? 'type-search' : 'type-birth';
  const summary = s.chooseError
    ? errorSummary(t('error.summary_title'), [{ text: msgText(s.chooseError), field: where }])
    : null;
  const groups = kTypeGroups.map((g) => {
    const types = kRegistrationTypes.filter((c) => kTypeSpecs[c].group === g.group);
    return h('fieldset', { class: 'type-group' },
      h('legend', { class: 'type-group__legend' }, t(g.label)),
      h('div', { class: 'type-group__options' }, types.map((code) => {
        const spec = kTypeSpecs[code];
        return h('div', { class: 'type-option', 'data-code': code },
          h('input', {
            type: 'radio', class: 'type-option__input', name: 'reg-type', id: `type-${code}`,
            value: code, checked: s.type === code,
            'aria-describedby': `type-${code}-hint`,
            onchange: () => s.choose(code),
          }),
          h('label', { class: 'type-option__label', for: `type-${code}` },
            h('span', { class: 'type-option__name' },
              h('span', { class: 'type-option__code' },
                h('span', { class: 'visually-hidden' }, `${t('register.type_code')} `), kTypeCodes[code]),
              typeName(code)),
            h('span', { class: 'type-option__hint', id: `type-${code}-hint` }, t(spec.deadline))));
      })));
  });
  const form = h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'choose-title',
    onsubmit: (ev) => { ev.preventDefault(); s.continueToForm(); },
  },
  h('h2', { class: 'panel__title', id: 'choose-title' }, t('register.choose_title')),
  h('fieldset', {
    class: ['fieldset', s.chooseError ? 'field--error' : ''].filter(Boolean).join(' '),
    'aria-describedby': s.chooseError ? 'reg-type-error' : null,
  },
  h('legend', { class: 'visually-hidden' }, t('register.type_legend')),
  typeSearch(s, groups),
  s.chooseError ? h('p', { class: 'field__error', id: 'reg-type-error' },
    h('span', { class: 'visually-hidden' }, t('error.prefix')), msgText(s.chooseError)) : null,
  h('div', { class: 'type-groups', id: 'type-groups' }, groups)),
  h('div', { class: 'form__actions form__actions--end' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'type-continue' },
      t('register.continue'))));
  return [summary, form].filter((n): n is HTMLElement => n !== null);
}

function typeField(s: RegisterFlow, f: FieldSpec): HTMLElement {
  const id = fieldId(f.key);
  const value = s.fields[f.key] ?? '';
  const set = (v: string): void => { s.fields[f.key] = v; };
  const common = {
    label: t(f.label),
    hint: f.hint ? t(f.hint) : undefined,
    error: errorFor(s.errors, id),
    optional: f.required ? undefined : t('form.optional'),
  };
  switch (f.kind) {
    case 'id':
      return field({
        ...common, class: 'field--id',
        control: idInput(id, value, (v) => { set(v); s.confirm(id, v); }), after: confirmation(s, id),
      });
    case 'relation':
    case 'place': {
      const c = combobox({
        id, value, set, choices: f.kind === 'relation' ? relationChoices() : placeChoices(),
        listLabel: t(f.kind === 'relation' ? 'register.relation_list' : 'register.place_list'),
        maxlength: f.kind === 'relation' ? 10 : 100,
      });
      return field({ ...common, control: c.input, after: c.popup, class: 'field--combobox' });
    }
    case 'id_list':
      return field({
        ...common, class: 'field--wide',
        control: textArea(id, value, set, { rows: 2, maxlength: '400', spellcheck: 'false', class: 'input textarea input--id' }),
      });
    case 'household_no':
      return field({ ...common, control: idInput(id, value, set, 8), class: 'field--id' });
    case 'door_plate':
      return field({
        ...common, class: 'field--short',
        control: textInput(id, value, set, { inputmode: 'numeric', maxlength: '12', class: 'input input--id' }),
      });
    case 'date': {
      const d = dateInput(id, value, set, f.past ? 'past' : 'any');
      return field({ ...common, control: d.input, after: d.echo, class: 'field--date' });
    }
    case 'select':
      return field({
        ...common, class: 'field--short',
        control: selectInput(id, (f.options ?? []).map((o) => ({ value: o.value, label: t(o.label) })),
          value, set, t('form.choose')),
      });
    case 'name':
      return field({ ...common, control: textInput(id, value, set, { maxlength: '40' }), class: 'field--name' });
    case 'text':
      return field({ ...common, control: textInput(id, value, set, { maxlength: '100' }), class: 'field--wide' });
  }
}

// 稱謂 as choices: the word, and in English its meaning too (both find it).
function relationChoices(): Choice[] {
  const zh = lang() === 'zh';
  return kRelationWords.map((w) => {
    const en = relationText(w);
    return { value: w, label: zh || en === w ? w : `${w} (${en})`, keys: en === w ? [] : [en] };
  });
}

// Beside an ID number: whom it names in the register, 「王小明（民國79年3月2日生）」.
function confirmation(s: RegisterFlow, control: string): HTMLElement {
  const c = s.confirmations[control];
  let text = '';
  if (c?.state === 'pending') text = t('confirm.pending');
  else if (c?.state === 'not_found') text = t('confirm.not_found');
  else if (c?.state === 'found') {
    text = t(c.active ? 'confirm.person' : 'confirm.person_removed',
      { name: c.name, date: birthWords(c.birthDate, lang()) });
  }
  return h('p', {
    class: `id-confirm${c?.state === 'not_found' ? ' id-confirm--none' : ''}`,
    id: `${control}-who`, 'aria-live': 'polite',
  }, text);
}

// Join a household or found one: the choice, then only that choice's fields.
function placementChoice(s: RegisterFlow): HTMLElement {
  return radioGroup({
    name: 'placement', legend: t('register.placement'), value: s.placement,
    error: errorFor(s.errors, placementId('join')), class: 'radios--inline field--wide',
    set: (v) => s.choosePlacement(v as 'join' | 'new'),
    radios: kPlacements.map((p) => ({ id: placementId(p), value: p, label: t(`register.placement_${p}`) })),
  });
}

function eventSection(s: RegisterFlow, spec: TypeSpec): HTMLElement {
  const d = dateInput('event-date', s.eventDate, (v) => { s.eventDate = v; }, 'past');
  const subject = spec.subject === 'required'
    ? field({
        label: t('register.subject_id'), hint: t('lookup.id_hint'),
        control: idInput('subject-id', s.subjectId, (v) => { s.subjectId = v; s.confirm('subject-id', v); }),
        after: confirmation(s, 'subject-id'),
        error: errorFor(s.errors, 'subject-id'), class: 'field--id',
      })
    : h('p', { class: 'note', id: 'subject-note' }, t('register.subject_none'));
  return h('fieldset', { class: 'panel form-section' },
    h('legend', { class: 'form-section__legend' }, t('register.section_event')),
    h('div', { class: 'form-grid' },
      field({
        label: t(spec.eventDate), control: d.input, after: d.echo,
        error: errorFor(s.errors, 'event-date'), class: 'field--date',
      }),
      subject),
    spec.fields.length
      ? h('div', { class: 'form-grid form-grid--fields' },
          s.visibleFields(spec).filter((f) => !f.mode).map((f) => typeField(s, f)),
          spec.placement ? placementChoice(s) : null,
          s.visibleFields(spec).filter((f) => f.mode).map((f) => typeField(s, f)))
      : null);
}

function applicantSection(s: RegisterFlow): HTMLElement {
  const a = s.applicant;
  const zh = lang() === 'zh';
  const offered = s.offeredCapacities();
  const option = (c: ApplicantCapacity) => ({ value: c.code, label: `${zh ? c.label_zh : c.label_en}（${c.cite}）` });
  const chosen = s.capacity;
  return h('fieldset', { class: 'panel form-section' },
    h('legend', { class: 'form-section__legend' }, t('register.section_applicant')),
    h('div', { class: 'form-grid' },
      field({
        label: t('applicant.relation'), error: errorFor(s.errors, 'applicant-relation'),
        hint: s.capacities.length ? undefined : t('applicant.capacities_loading'),
        control: selectInput('applicant-relation', offered.map(option), a.relation,
          (v) => { void s.chooseRelation(v); }, t('form.choose')),
      }),
      // The check before the name and number: with 本人 or 戶長 those are filled in.
      field({
        label: t('applicant.identity_check'), error: errorFor(s.errors, 'applicant-check'),
        class: 'field--short',
        control: selectInput('applicant-check',
          kIdentityChecks.map((c) => ({ value: c, label: identityCheckText(c) })), a.check,
          (v) => { a.check = v as typeof a.check; }, t('form.choose')),
      }),
      field({
        label: t('applicant.name'), error: errorFor(s.errors, 'applicant-name'), class: 'field--name',
        control: textInput('applicant-name', a.name, (v) => { a.name = v; }, { maxlength: '40' }),
      }),
      field({
        label: t('applicant.id_number'), hint: t('register.applicant_id_hint'),
        error: errorFor(s.errors, 'applicant-id'), class: 'field--id',
        control: idInput('applicant-id', a.idNumber, (v) => { a.idNumber = v; s.confirm('applicant-id', v); }, 20),
        after: confirmation(s, 'applicant-id'),
      }),
      chosen?.needs_interest ? field({
        label: t('applicant.interest'), error: errorFor(s.errors, 'applicant-interest'),
        control: textInput('applicant-interest', a.interest, (v) => { a.interest = v; }, { maxlength: '200' }),
      }) : null,
      chosen?.needs_principal ? field({
        label: t('applicant.principal_id'), error: errorFor(s.errors, 'applicant-principal-id'), class: 'field--id',
        control: idInput('applicant-principal-id', a.principalId, (v) => { a.principalId = v; }, 10),
      }) : null,
      chosen?.needs_principal ? field({
        label: t('applicant.principal_relation'), error: errorFor(s.errors, 'applicant-principal-relation'),
        control: selectInput('applicant-principal-relation',
          offered.filter((c) => c.code !== 'agent' && c.code !== 'office').map(option), a.principalRelation,
          (v) => { a.principalRelation = v; }, t('form.choose')),
      }) : null));
}

function form(s: RegisterFlow, spec: TypeSpec): Node[] {
  const labels = new Map<string, string>([
    ['event-date', t(spec.eventDate)],
    ['subject-id', t('register.subject_id')],
    ['applicant-name', t('applicant.name')],
    ['applicant-id', t('applicant.id_number')],
    ['applicant-relation', t('applicant.relation')],
    ['applicant-check', t('applicant.identity_check')],
    ['applicant-interest', t('applicant.interest')],
    ['applicant-principal-id', t('applicant.principal_id')],
    ['applicant-principal-relation', t('applicant.principal_relation')],
    [placementId('join'), t('register.placement')],
    [kDeclinedId, t('notify.legend')],
    ...s.consent.receivers(spec.code).map((a): [string, string] => [notifyId(a.code), t('notify.legend')]),
    ...spec.fields.map((f): [string, string] => [fieldId(f.key), t(f.label)]),
  ]);
  const items = s.errors.map((e) => ({
    text: t('form.labelled', { label: labels.get(e.field) ?? '', message: msgText(e.msg) }),
    field: e.field,
  }));
  let summary: HTMLElement | null = null;
  if (s.failure) {
    const linked = s.errors.find((e) => 'server' in e.msg);
    summary = errorSummary(t('register.failed'), [{ text: msgText(s.failure), field: linked?.field }]);
  } else if (items.length) {
    summary = errorSummary(t('error.summary_title'), items);
  }
  const head = h('div', { class: 'form-head' },
    h('h2', { class: 'form-head__title', id: 'form-title', tabindex: '-1' },
      t('register.form_title', { type: typeName(spec.code) })),
    h('button', { type: 'button', class: 'button button--secondary', id: 'change-type',
      onclick: () => s.changeType() }, t('register.change_type')));
  const f = h('form', {
    class: 'reg-form', novalidate: true, 'aria-labelledby': 'form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.toCheck(); },
    // Enter in a list (a select) goes on to the check step too, as it does in a text field.
    onkeydown: (ev) => {
      const k = ev as KeyboardEvent;
      if (k.key !== 'Enter' || !(k.target instanceof HTMLSelectElement) || k.altKey || k.ctrlKey) return;
      k.preventDefault();
      void s.toCheck();
    },
    // What is typed is kept as a draft as it is typed.
    oninput: () => s.saveDraft(),
    onchange: () => s.saveDraft(),
  },
  eventSection(s, spec),
  consentSection(s.consent, spec.code, consentError(s, spec), (f) => s.changeConsent(f)),
  applicantSection(s),
  h('div', { class: 'form__actions form__actions--bar' },
    h('button', {
      type: 'submit', class: 'button button--primary', id: 'register-continue',
      'aria-disabled': s.busy ? 'true' : null,
    }, s.busy ? t('register.checking') : t('register.continue_check'))));
  return [draftBanner(s), head, summary, f].filter((n): n is HTMLElement => n !== null);
}

// The checklist's error (a missing choice, or the server's refusal of it), under any of its ids.
function consentError(s: RegisterFlow, spec: TypeSpec): string | undefined {
  const ids = [kDeclinedId, ...s.consent.receivers(spec.code).map((a) => notifyId(a.code))];
  for (const id of ids) {
    const e = errorFor(s.errors, id);
    if (e) return e;
  }
  return undefined;
}

// The draft being typed: that nothing is sent yet, when it was saved, and 取消.
function draftBanner(s: RegisterFlow): HTMLElement | null {
  if (s.draftSavedAt === null) return null;
  return h('div', { class: 'draft-banner', id: 'draft-banner' },
    h('strong', { class: 'draft-banner__tag' }, t('draft.tag')),
    h('p', { class: 'draft-banner__text' }, t('draft.unsent', { time: formatDateTime(s.draftSavedAt) })),
    h('button', { type: 'button', class: 'button button--secondary', id: 'draft-discard',
      onclick: () => s.discardDraft() }, t('draft.discard')));
}

// A draft read back from this tab's storage (a reload, signing in again): shown as a draft
// with its date, used only when the clerk says so.
function restoredDraft(s: RegisterFlow, spec: TypeSpec): Node[] {
  const time = s.draftSavedAt === null ? '' : formatDateTime(s.draftSavedAt);
  return [h('section', { class: 'panel draft-restored', 'aria-labelledby': 'draft-title' },
    h('h2', { class: 'panel__title', id: 'draft-title', tabindex: '-1' }, t('draft.restored_title')),
    h('p', { id: 'draft-restored-text' }, t('draft.restored', { time, type: typeName(spec.code) })),
    h('div', { class: 'form__actions' },
      h('button', { type: 'button', class: 'button button--primary', id: 'draft-continue',
        onclick: () => s.useDraft() }, t('draft.continue')),
      h('button', { type: 'button', class: 'button button--secondary', id: 'draft-discard',
        onclick: () => s.discardDraft() }, t('draft.discard'))))];
}

// The typed date of a date control, in words.
function dateAnswer(text: string): string {
  const iso = isoOfText(text);
  return iso ? dateWords(iso, lang()) : text;
}

// The answers as they will be sent, in the form's three parts (type, event, applicant), each
// with one 變更 that leads back to its first control (three Tab stops, not one per answer).
function answers(s: RegisterFlow, spec: TypeSpec): HTMLElement[] {
  const part = (id: string, title: string, control: string | null, rows: [string, Child][]): HTMLElement =>
    h('div', { class: 'summary-part', 'aria-labelledby': `${id}-title`, role: 'group' },
      h('div', { class: 'summary-part__head' },
        h('h4', { class: 'summary-part__title', id: `${id}-title` }, title),
        h('a', {
          href: control ? registerHash(s.type, 'form') : '#/register', class: 'link', id: `change-${id}`,
          onclick: (ev) => {
            ev.preventDefault();
            if (control) s.change(control); else s.changeType();
          },
        }, t('check.change'), h('span', { class: 'visually-hidden' }, ` ${title}`))),
      h('dl', { class: 'facts summary-list' }, rows.map(([label, value]) => fact(label, value))));
  const event: [string, Child][] = [[t(spec.eventDate), dateAnswer(s.eventDate)]];
  if (spec.subject === 'required') event.push([t('register.subject_id'), s.subjectId.trim().toUpperCase()]);
  if (spec.placement && s.placement) event.push([t('register.placement'), t(`register.placement_${s.placement}`)]);
  for (const f of s.visibleFields(spec)) {
    const v = (s.fields[f.key] ?? '').trim();
    if (v === '') continue;
    const shown = f.kind === 'date' ? dateAnswer(v)
      : f.kind === 'select' ? t(f.options?.find((o) => o.value === v)?.label ?? f.label)
        : f.key === 'relation' ? relationText(v) : v;
    event.push([t(f.label), shown]);
  }
  const a = s.applicant;
  const applicant: [string, Child][] = [
    [t('applicant.relation'), capacityText(a.relation)],
    [t('applicant.name'), a.name.trim()],
    [t('applicant.id_number'), a.idNumber.trim().toUpperCase()],
    [t('applicant.identity_check'), identityCheckText(a.check)],
  ];
  if (s.capacity?.needs_interest) applicant.push([t('applicant.interest'), a.interest.trim()]);
  if (s.capacity?.needs_principal) {
    applicant.push([t('applicant.principal_id'), a.principalId.trim().toUpperCase()],
      [t('applicant.principal_relation'), capacityText(a.principalRelation)]);
  }
  const parts = [
    part('type', t('check.type'), null, [[t('check.type'), typeName(spec.code)]]),
    part('event', t('register.section_event'), 'event-date', event),
  ];
  const receivers = s.consent.receivers(spec.code);
  if (receivers.length) {
    parts.push(part('notify', t('notify.legend'), notifyId(receivers[0]!.code),
      [[t('notify.choice'), h('span', { id: 'check-notify' }, consentAnswer(s.consent, spec.code))]]));
  }
  parts.push(part('applicant', t('register.section_applicant'), 'applicant-relation', applicant));
  return parts;
}

// Check your answers (GOV.UK pattern): what will be sent, the 記事 it will write, and its
// deadline, lateness and proposed fine, before anything is sent.
function check(s: RegisterFlow, spec: TypeSpec): Node[] {
  const p = s.preview;
  if (!p) return [];
  const zh = lang() === 'zh';
  const late = p.days_late > 0;
  const head = h('div', { class: 'form-head' },
    h('h2', { class: 'form-head__title', id: 'check-title', tabindex: '-1' }, t('check.title')));
  return [draftBanner(s), head,
    h('p', { class: 'lead', id: 'check-intro' }, t('check.intro')),
    panel('check-answers-title', t('check.answers'), h('div', { id: 'check-answers' }, answers(s, spec))),
    panel('check-entries-title', t('check.entries'),
      h('ol', { class: 'entries', id: 'check-entries' },
        p.entries.map((e) => h('li', { lang: zh ? null : 'en' }, zh ? e.text_zh : e.text_en))),
      h('p', { class: 'muted small' }, t('check.entries_note'))),
    panel('check-lateness-title', t('check.lateness'),
      h('dl', { class: 'facts', id: 'check-lateness' },
        fact(t('check.deadline'), p.deadline === null ? t('check.no_deadline') : deadlineText(p)),
        fact(t('check.days_late'), late ? lateBadge(p.days_late) : t('check.not_late')),
        fact(t('check.fine'), late ? h('strong', { id: 'check-fine' }, moneyRange(p.proposed_fine.min, p.proposed_fine.max))
          : t('check.no_fine')))),
    h('form', {
      class: 'form__actions form__actions--bar', novalidate: true, 'aria-labelledby': 'check-title',
      onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
    },
    h('p', { class: 'form__note' }, t('register.submit_note')),
    h('button', {
      type: 'submit', class: 'button button--primary', id: 'register-submit',
      'aria-disabled': s.busy ? 'true' : null,
    }, s.busy ? t('register.busy') : t('check.submit')))].filter((n): n is HTMLElement => n !== null);
}

function done(s: RegisterFlow, shell: Shell): Node[] {
  const a = s.result;
  if (!a) return [];
  const late = a.days_late > 0;
  return [h('section', { class: 'confirmation', 'aria-labelledby': 'result-title' },
    h('div', { class: 'confirmation__head' },
      h('h2', { class: 'confirmation__title', id: 'result-title', tabindex: '-1' }, t('register.received_title')),
      h('p', { class: 'confirmation__number' },
        h('span', { class: 'confirmation__label' }, t('app.number')),
        h('strong', { class: 'confirmation__value', id: 'application-number' }, String(a.id))),
      h('p', { class: 'confirmation__status' }, t('register.received_status'))),
    late
      ? h('div', { class: 'warning', id: 'late-warning' },
          h('strong', { class: 'warning__tag' }, t('app.late_badge')),
          h('p', null, t('register.late_text', { n: a.days_late }), ' ',
            t('register.late_fine'), moneyRange(a.proposed_fine.min, a.proposed_fine.max),
            t('register.late_decided')))
      : null,
    panel('received-facts', t('register.received_facts'), applicationFacts(a)),
    h('div', { class: 'form__actions' },
      h('button', { type: 'button', class: 'button button--primary', id: 'register-another',
        onclick: () => s.startAnother() }, t('register.another')),
      shell.role === 'supervisor'
        ? h('a', { class: 'button button--secondary', href: '#/review' }, t('nav.review'))
        : null))];
}

// Where the clerk is: 1 type, 2 form, 3 check, 4 received.
function steps(step: RegisterFlow['step']): HTMLElement {
  const order: RegisterFlow['step'][] = ['choose', 'form', 'check', 'done'];
  const at = order.indexOf(step);
  const labels = ['register.step_type', 'register.step_form', 'register.step_check', 'register.step_done'] as const;
  return h('ol', { class: 'steps', 'aria-label': t('register.steps') },
    labels.map((label, i) => h('li', {
      class: `steps__item${i < at ? ' steps__item--done' : ''}${i === at ? ' steps__item--current' : ''}`,
      'aria-current': i === at ? 'step' : null,
    }, h('span', { class: 'steps__n', 'aria-hidden': 'true' }, String(i + 1)), t(label))));
}

export function renderRegister(shell: Shell, s: RegisterFlow): Node[] {
  const spec = s.spec;
  const body = s.restored && spec ? restoredDraft(s, spec)
    : s.step === 'done' ? done(s, shell)
      : s.step === 'check' && spec && s.preview ? check(s, spec)
        : s.step !== 'choose' && spec ? form(s, spec)
          : chooser(s);
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('register.title')),
      h('p', { class: 'lead' }, t('register.intro')),
      steps(s.step)),
    ...body,
  ]);
}
