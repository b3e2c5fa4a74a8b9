// Screen 2: the clerk's person lookup. ID number (checked on the client first) and a required
// purpose (查詢事由), then the person card, the household and the 記事 list.

import { kPurposes, msgText } from '../app';
import type { App, FieldError, LookupState } from '../app';
import { errorSummary } from '../components/error_summary';
import { eventsPanel } from '../components/events';
import { field } from '../components/field';
import { householdPanel } from '../components/household';
import { pageFrame } from '../components/layout';
import { personCard } from '../components/person_card';
import { zhText } from '../components/data';
import { h } from '../dom';
import { lang, t } from '../i18n';

function errorFor(errors: FieldError[], id: string): string | undefined {
  const e = errors.find((x) => x.field === id);
  return e ? msgText(e.msg) : undefined;
}

function searchForm(app: App, s: LookupState): HTMLElement {
  const idInput = h('input', {
    id: 'id-number', name: 'id_number', type: 'text', class: 'input input--id',
    maxlength: '10', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    required: true, value: s.idNumber,
    oninput: (ev) => {
      const el = ev.target as HTMLInputElement;
      if (!(ev as InputEvent).isComposing) {
        const pos = el.selectionStart;
        el.value = el.value.toUpperCase();
        if (pos !== null) el.setSelectionRange(pos, pos);
      }
      s.idNumber = el.value;
    },
  });

  const otherInput = h('input', {
    id: 'purpose-other', name: 'purpose_other', type: 'text', class: 'input',
    maxlength: '100', required: true, value: s.purposeOther,
    oninput: (ev) => { s.purposeOther = (ev.target as HTMLInputElement).value; },
  });
  const otherField = field({
    label: t('lookup.other_label'), control: otherInput,
    error: errorFor(s.errors, 'purpose-other'), class: 'field--other',
  });
  otherField.hidden = s.purpose !== 'other';

  const purposeSelect = h('select', {
    id: 'purpose', name: 'purpose', class: 'select', required: true,
  },
  h('option', { value: '', selected: s.purpose === '' }, t('lookup.purpose_placeholder')),
  kPurposes.map((p) => h('option', { value: p, selected: s.purpose === p }, t(`purpose.${p}`))));
  const onPurpose = (): void => {
    s.purpose = purposeSelect.value as LookupState['purpose'];
    otherField.hidden = s.purpose !== 'other';
  };
  purposeSelect.addEventListener('change', onPurpose);
  purposeSelect.addEventListener('input', onPurpose);

  return h('form', {
    class: 'panel search', novalidate: true, 'aria-label': t('lookup.form_label'),
    onsubmit: (ev) => { ev.preventDefault(); void app.submitLookup(); },
  },
  h('div', { class: 'search__fields' },
    field({
      label: t('lookup.id_label'), hint: t('lookup.id_hint'), control: idInput,
      error: errorFor(s.errors, 'id-number'), class: 'field--id',
    }),
    field({
      label: t('lookup.purpose_label'), control: purposeSelect,
      error: errorFor(s.errors, 'purpose'), class: 'field--purpose',
    }),
    otherField,
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'lookup-submit' },
        t('lookup.submit')))));
}

function resultSection(app: App, s: LookupState): HTMLElement | null {
  const r = s.result;
  if (!r) return null;
  const rp = s.resultPurpose;
  const purposeShown = rp
    ? [t(`purpose.${rp.purpose}`),
        rp.other ? [lang() === 'zh' ? '（' : ' (', rp.other, lang() === 'zh' ? '）' : ')'] : null]
    : null;
  return h('section', { class: 'result', 'aria-labelledby': 'result-title' },
    h('div', { class: 'result__head' },
      h('h2', { class: 'result__title', id: 'result-title', tabindex: '-1' },
        t('result.title'), zhText(r.person.name)),
      h('p', { class: 'result__meta' },
        t('result.purpose'), purposeShown)),
    personCard(app, r.person),
    householdPanel(app, r.household, r.person.id_number),
    eventsPanel(r.events));
}

export function renderLookup(app: App): Node[] {
  const s = app.lookup;
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
  return pageFrame(app, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('lookup.title')),
      h('p', { class: 'lead' }, t('lookup.intro'))),
    summary,
    searchForm(app, s),
    resultSection(app, s),
  ].filter((n): n is HTMLElement => n !== null));
}
