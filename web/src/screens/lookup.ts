// Screen 2: the clerk's person lookup. ID number (checked on the client first) and a required
// purpose (查詢事由), then the person card, the household and the 記事 list.

import { idInput } from '../components/controls';
import { zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { eventsPanel } from '../components/events';
import { field } from '../components/field';
import { householdPanel } from '../components/household';
import { pageFrame } from '../components/layout';
import { personCard } from '../components/person_card';
import { purposePicker, purposeRecorded } from '../components/purpose_picker';
import { h } from '../dom';
import type { LookupFlow } from '../flows/lookup';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function searchForm(s: LookupFlow): HTMLElement {
  const id = idInput('id-number', s.idNumber, (v) => { s.idNumber = v; });
  id.name = 'id_number';
  id.required = true;
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-label': t('lookup.form_label'),
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  h('div', { class: 'search__fields' },
    field({
      label: t('lookup.id_label'), hint: t('lookup.id_hint'), control: id,
      error: errorFor(s.errors, 'id-number'), class: 'field--id',
    }),
    purposePicker(s.choice, s.errors),
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'lookup-submit' },
        t('lookup.submit')))));
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

export function renderLookup(shell: Shell, s: LookupFlow): Node[] {
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('lookup.failed'), [{
      text: msgText(s.failure),
      field: s.errors.find((e) => e.field === 'id-number') ? 'id-number' : undefined,
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
    resultSection(s),
  ].filter((n): n is HTMLElement => n !== null));
}
