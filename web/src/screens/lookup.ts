// Screen 2: the clerk's person lookup. ID number (checked on the client first) and a required
// purpose (查詢事由), then the person card, the household and the 記事 list. Or a search by
// name or by address, whose matches are a list of buttons (Tab between them, Enter picks)
// leading to the person or the household.

import { idInput, radioGroup, textInput } from '../components/controls';
import { dateText, idText, statusBadge, zhText } from '../components/data';
import { dateInput } from '../components/date_input';
import { errorSummary } from '../components/error_summary';
import { eventsPanel } from '../components/events';
import { field } from '../components/field';
import { householdPanel } from '../components/household';
import { pageFrame } from '../components/layout';
import { personCard } from '../components/person_card';
import { purposePicker, purposeRecorded } from '../components/purpose_picker';
import { h } from '../dom';
import type { LookupFlow, SearchMode } from '../flows/lookup';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

// The fields of the chosen way of searching.
function modeFields(s: LookupFlow): HTMLElement[] {
  if (s.mode === 'name') {
    const name = textInput('search-name', s.name, (v) => { s.name = v; }, { maxlength: '40' });
    name.required = true;
    const birth = dateInput('search-birth', s.birthDate, (v) => { s.birthDate = v; }, 'past');
    const household = idInput('search-household', s.householdNo, (v) => { s.householdNo = v; }, 16);
    return [
      field({ label: t('search.name_label'), hint: t('search.name_hint'), control: name,
        error: errorFor(s.errors, 'search-name') }),
      field({ label: t('search.birth_label'), control: birth.input, after: birth.echo,
        optional: t('search.optional'), error: errorFor(s.errors, 'search-birth') }),
      field({ label: t('search.household_label'), control: household,
        optional: t('search.optional') }),
    ];
  }
  if (s.mode === 'address') {
    const address = textInput('search-address', s.address, (v) => { s.address = v; },
      { maxlength: '100', class: 'input input--wide' });
    address.required = true;
    return [field({ label: t('search.address_label'), hint: t('search.address_hint'),
      control: address, error: errorFor(s.errors, 'search-address') })];
  }
  const id = idInput('id-number', s.idNumber, (v) => { s.idNumber = v; });
  id.name = 'id_number';
  id.required = true;
  return [field({
    label: t('lookup.id_label'), hint: t('lookup.id_hint'), control: id,
    error: errorFor(s.errors, 'id-number'), class: 'field--id',
  })];
}

function searchForm(s: LookupFlow): HTMLElement {
  const modes: SearchMode[] = ['id', 'name', 'address'];
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-label': t('lookup.form_label'),
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  h('div', { class: 'search__fields' },
    ...modeFields(s),
    purposePicker(s.choice, s.errors),
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'lookup-submit' },
        t('lookup.submit')))),
  // After the fields: a lookup by ID number, the counter's usual case, keeps its keystrokes.
  radioGroup({
    name: 'search-mode', legend: t('search.by_legend'), value: s.mode,
    radios: modes.map((m) => ({ id: `search-by-${m}`, value: m, label: t(`search.by_${m}`) })),
    set: (v) => s.setMode(v as SearchMode), class: 'radios--inline',
  }));
}

function resultSection(s: LookupFlow): HTMLElement | null {
  const r = s.result;
  if (!r) return null;
  return h('section', { class: 'result', 'aria-labelledby': 'result-title' },
    h('div', { class: 'result__head' },
      h('h2', { class: 'result__title', id: 'result-title', tabindex: '-1' },
        t('result.title'), zhText(r.person.name)),
      purposeRecorded(s.resultPurpose)),
    personCard(r.person, (id) => void s.lookupRelated(id)),
    householdPanel(r.household, r.person.id_number, {
      lookUp: (id) => void s.lookupRelated(id),
      open: (no) => s.openHousehold(no),
    }),
    eventsPanel(r.events));
}

function truncatedNote(s: LookupFlow): HTMLElement | null {
  return s.truncated ? h('p', { class: 'field__hint' }, t('search.truncated', { n: 50 })) : null;
}

// The matches of a search: each a button (the list is walked with Tab, Enter picks).
function matchesSection(s: LookupFlow): HTMLElement | null {
  const persons = s.persons;
  const plates = s.plates;
  if (!persons && !plates) return null;
  const n = persons ? persons.length : plates?.length ?? 0;
  const title = h('h2', { class: 'result__title', id: 'matches-title', tabindex: '-1' },
    t(persons ? 'search.persons_title' : 'search.plates_title', { n }));
  if (n === 0) {
    return h('section', { class: 'result', 'aria-labelledby': 'matches-title' }, title,
      h('p', {}, t('search.none')));
  }
  const items = persons
    ? persons.map((p) => h('li', { class: 'matches__item' },
      h('button', {
        type: 'button', class: 'button button--secondary matches__pick',
        'aria-label': `${t('search.pick_person', { name: p.name })} ${p.id_number}`,
        onclick: () => void s.lookupRelated(p.id_number),
      }, zhText(p.name), ' ', idText(p.id_number)),
      ' ', dateText(p.birth_date, p.birth_date_roc), ' ', statusBadge(p),
      ' ', t('search.household', { no: p.household_no })))
    : (plates ?? []).map((d) => h('li', { class: 'matches__item' },
      zhText(d.address),
      d.abolished ? h('span', { class: 'badge badge--removed' }, t('search.abolished')) : null,
      d.household_nos.length
        ? d.household_nos.map((no) => h('button', {
          type: 'button', class: 'button button--secondary matches__pick',
          onclick: () => s.openHousehold(no),
        }, t('search.household', { no })))
        : h('span', { class: 'field__hint' }, t('search.no_household'))));
  return h('section', { class: 'result', 'aria-labelledby': 'matches-title' }, title,
    truncatedNote(s), h('ul', { class: 'matches' }, items));
}

export function renderLookup(shell: Shell, s: LookupFlow): Node[] {
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('lookup.failed'), [{
      text: msgText(s.failure),
      field: s.errors[0]?.field,
    }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('lookup.title')),
      h('p', { class: 'lead' }, t('lookup.intro'))),
    summary,
    searchForm(s),
    matchesSection(s),
    resultSection(s),
  ].filter((n): n is HTMLElement => n !== null));
}
