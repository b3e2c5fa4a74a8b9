// What an application does to people, for the clerk's case page and the reviewer: the persons
// it names (by name, with a way to their record), the before and after of what it changes, the
// 記事 it writes, and its supporting documents.

import * as api from '../api';
import type { Application, ApplicationChange } from '../api';
import { h } from '../dom';
import type { Child } from '../dom';
import { formatDateTime, lang, relationText, removalText, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { failureOf, msgText } from '../messages';
import { typeSpec } from '../registration_types';
import type { Shell } from '../shell';
import { dateText, idText, zhText } from './data';

// A person's name and ID number ("王小明 A123456789"), the ID alone when the register has no name.
export function personText(a: Application, id: string): HTMLElement {
  const name = a.names?.[id];
  return h('span', { class: 'person-ref' }, name ? zhText(name) : null, name ? ' ' : null, idText(id));
}

// The staff member's name with the username ("林承辦（clerk1）").
export function staffText(name: string | null | undefined, username: string): string {
  return name ? t('case.staff', { name, username }) : username;
}

// Who the application names, in its order: subject, the person it created, each ID among the
// type's fields (spouse, parents, adopter …), the applicant, an agent's principal.
export function partiesOf(a: Application): { label: string; id: string }[] {
  const out: { label: string; id: string }[] = [];
  const add = (label: string, id: string | null | undefined): void => {
    if (id && !out.some((p) => p.id === id)) out.push({ label, id });
  };
  add(t('app.subject'), a.subject_id);
  add(t('case.result_subject'), a.result_subject_id);
  for (const f of typeSpec(a.type)?.fields ?? []) {
    if (f.kind === 'id') for (const id of (a.fields[f.key] ?? '').split(',')) add(t(f.label), id.trim());
  }
  add(t('review.applicant'), a.applicant.id_number);
  add(t('case.principal'), a.applicant.principal_id);
  return out;
}

// The parties with a link to each one's record (opened on the lookup page).
export function partiesList(a: Application, lookUp: (id: string) => void): HTMLElement {
  const parties = partiesOf(a);
  if (!parties.length) return h('p', { class: 'muted' }, t('case.no_parties'));
  return h('dl', { class: 'facts' }, parties.map((p) => h('div', { class: 'facts__item' },
    h('dt', null, p.label),
    h('dd', null, personText(a, p.id), ' ',
      h('a', {
        href: '#/lookup', class: 'small', id: `person-link-${p.id}`,
        onclick: (ev) => { ev.preventDefault(); lookUp(p.id); },
      }, t('case.person_link'), h('span', { class: 'visually-hidden' }, ` ${a.names?.[p.id] ?? p.id}`))))));
}

const kFieldLabels: Record<string, MessageKey> = {
  person: 'change.person', name: 'change.name', sex: 'change.sex', birth_date: 'change.birth_date',
  birth_place: 'change.birth_place', father: 'change.father', mother: 'change.mother',
  spouse: 'change.spouse', indigenous: 'change.indigenous', status: 'change.status',
  removal_reason: 'change.removal_reason', address: 'change.address', relation: 'change.relation',
};

function changeValue(field: string, value: string): Child {
  if (value === '') return h('span', { class: 'muted' }, t('change.none'));
  switch (field) {
    case 'birth_date': return dateText(value);
    case 'sex': return t(value === 'F' ? 'sex.F' : 'sex.M');
    case 'status': return t(value === 'removed' ? 'status.removed' : 'status.active');
    case 'removal_reason': return removalText(value);
    case 'relation': return relationText(value);
    default: return zhText(value);
  }
}

// 異動前後: one row per field that changes.
export function changesTable(a: Application): HTMLElement {
  const changes: ApplicationChange[] = a.changes ?? [];
  if (a.preview_refused) {
    return h('div', { class: 'warning warning--compact', id: 'preview-refused' },
      h('strong', { class: 'warning__tag' }, t('case.preview_refused')),
      h('p', null, msgText({ server: a.preview_refused })));
  }
  if (!changes.length) {
    return h('p', { class: 'muted' },
      t(a.status === 'pending_review' ? 'case.no_changes' : 'case.changes_pending_only'));
  }
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'changes-caption' },
    h('table', { class: 'table', id: 'changes' },
      h('caption', { id: 'changes-caption', class: 'visually-hidden' }, t('case.changes')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('case.change_person')),
        h('th', { scope: 'col' }, t('case.change_field')),
        h('th', { scope: 'col' }, t('case.before')),
        h('th', { scope: 'col' }, t('case.after')))),
      h('tbody', null, changes.map((c) => h('tr', { 'data-field': c.field },
        h('td', null, personText(a, c.person_id)),
        h('th', { scope: 'row' }, t(kFieldLabels[c.field] ?? 'change.other')),
        h('td', { class: 'change-before' }, changeValue(c.field, c.before)),
        h('td', { class: 'change-after' }, changeValue(c.field, c.after)))))));
}

// 記事: those a pending application will write, or those a registered one wrote.
export function entriesList(a: Application): HTMLElement {
  const entries = a.entries ?? [];
  if (!entries.length) return h('p', { class: 'muted' }, t('case.no_entries'));
  return h('ol', { class: 'entries', id: 'entries' }, entries.map((e) => h('li', null,
    personText(a, e.person_id), h('br'),
    lang() === 'zh' ? e.text_zh : h('span', null, e.text_en, h('br'), zhText(e.text_zh, 'muted small')))));
}

// Fetches a document with the session and hands it to the browser to save.
async function saveDocument(shell: Shell, a: Application, doc: api.ApplicationDocument): Promise<void> {
  try {
    const blob = await api.fetchDocument(shell.token, a.id, doc.id);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = doc.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    if (shell.sessionLost(err)) return;
    shell.announce(msgText(failureOf(err)));
  }
}

export function documentsList(shell: Shell, a: Application): HTMLElement {
  const docs = a.documents ?? [];
  if (!docs.length) return h('p', { class: 'muted', id: 'documents-none' }, t('case.no_documents'));
  return h('ul', { class: 'documents', id: 'documents' }, docs.map((d) => h('li', null,
    h('a', {
      href: `/api/v1/registrations/${a.id}/documents/${d.id}`, id: `document-${d.id}`,
      onclick: (ev) => { ev.preventDefault(); void saveDocument(shell, a, d); },
    }, d.filename),
    ' ', h('span', { class: 'muted small' },
      t('case.document_meta', { kb: Math.max(1, Math.round(d.size / 1024)), at: formatDateTime(d.uploaded_at_ms) })))));
}
