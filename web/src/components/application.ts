// An application (登記申請案) as the clerk and the supervisor see it: its facts, the type's
// fields labelled from registration_types.ts, the applicant, and the lateness.

import type { Application } from '../api';
import { h } from '../dom';
import type { Child } from '../dom';
import { capacityText, formatDateTime, identityCheckText, moneyRange, relationText, t, typeName } from '../i18n';
import { typeSpec } from '../registration_types';
import { personText, staffText } from './case_view';
import { dateText, idText, zhText } from './data';

export function fact(label: string, value: Child, cls?: string): HTMLElement {
  return h('div', { class: cls ? `facts__item ${cls}` : 'facts__item' },
    h('dt', null, label), h('dd', null, value));
}

export function statusText(a: Pick<Application, 'status' | 'revoked_by'>): HTMLElement {
  if (a.revoked_by) {
    return h('span', { class: 'badge badge--removed' }, t('appstatus.revoked', { id: a.revoked_by }));
  }
  const cls = a.status === 'registered' ? 'badge--active'
    : a.status === 'rejected' ? 'badge--removed' : 'badge--pending';
  return h('span', { class: `badge ${cls}` }, t(`appstatus.${a.status}`));
}

export function lateBadge(days: number): HTMLElement {
  return days > 0
    ? h('span', { class: 'badge badge--late' }, t('app.late_badge'), ' ', t('app.days_late', { n: days }))
    : h('span', { class: 'badge badge--active' }, t('app.on_time'));
}

// The statutory deadline, or that there is none, with the statute it rests on.
export function deadlineText(a: Pick<Application, 'deadline' | 'deadline_provisional' | 'deadline_basis'>): HTMLElement {
  if (a.deadline === null) {
    return h('span', null, t('app.no_deadline'),
      a.deadline_basis ? h('span', { class: 'muted small' }, `（${a.deadline_basis}）`) : null);
  }
  return h('span', null, dateText(a.deadline),
    a.deadline_provisional ? h('span', { class: 'muted small' }, t('app.deadline_provisional')) : null,
    a.deadline_basis ? h('span', { class: 'muted small' }, ` ${a.deadline_basis}`) : null);
}

// 登記事項: type, event date, subject, deadline and lateness.
export function applicationFacts(a: Application): HTMLElement {
  const spec = typeSpec(a.type);
  const subject = a.subject_id ? personText(a, a.subject_id)
    : h('span', { class: 'muted' }, t('app.subject_allocated'));
  return h('dl', { class: 'facts' },
    fact(t('app.type'), typeName(a.type)),
    fact(spec ? t(spec.eventDate) : t('regdate.event'), dateText(a.event_date)),
    fact(t('app.subject'), subject),
    fact(t('app.deadline'), deadlineText(a)),
    fact(t('app.lateness'), lateBadge(a.days_late)),
    a.days_late > 0
      ? fact(t('app.proposed_fine'), moneyRange(a.proposed_fine.min, a.proposed_fine.max))
      : null,
    fact(t('app.status'), statusText(a)));
}

// 登記內容: the type's fields in the table's order, then any field the table does not know.
export function applicationFields(a: Application): HTMLElement {
  const spec = typeSpec(a.type);
  const known = new Set<string>();
  const items: HTMLElement[] = [];
  for (const f of spec?.fields ?? []) {
    known.add(f.key);
    const v = a.fields[f.key];
    if (v === undefined || v === '') continue;
    let shown: Child = zhText(v);
    if (f.kind === 'id' || f.kind === 'household_no' || f.kind === 'door_plate') shown = idText(v);
    else if (f.kind === 'date') shown = dateText(v);
    else if (f.kind === 'select') {
      const o = f.options?.find((x) => x.value === v);
      shown = o ? t(o.label) : v;
    } else if (f.key === 'relation') shown = relationText(v);
    items.push(fact(t(f.label), shown));
  }
  for (const [k, v] of Object.entries(a.fields)) {
    if (!known.has(k) && v !== '') items.push(fact(k, zhText(v)));
  }
  return items.length
    ? h('dl', { class: 'facts' }, items)
    : h('p', { class: 'muted' }, t('app.no_fields'));
}

export function applicantFacts(a: Application): HTMLElement {
  const p = a.applicant;
  return h('dl', { class: 'facts' },
    fact(t('applicant.name'), zhText(p.name)),
    fact(t('applicant.id_number'), p.id_number ? idText(p.id_number) : t('person.none')),
    fact(t('applicant.relation'), capacityText(p.relation)),
    fact(t('applicant.identity_check'), identityCheckText(p.identity_check)));
}

export function entryFacts(a: Application): HTMLElement {
  return h('dl', { class: 'facts' },
    fact(t('app.entered_by'), staffText(a.entered_by_name, a.entered_by)),
    fact(t('app.entered_at'), formatDateTime(a.entered_at_ms)),
    a.reviewed_by ? fact(t('app.reviewed_by'), staffText(a.reviewed_by_name, a.reviewed_by)) : null,
    a.registered_on ? fact(t('app.registered_on'), dateText(a.registered_on)) : null,
    a.fine_decided !== null ? fact(t('app.fine_decided'), moneyRange(a.fine_decided, a.fine_decided)) : null,
    a.review_note ? fact(t('app.review_note'), a.review_note, 'facts__item--wide') : null);
}

export function panel(titleId: string, title: string, ...content: Child[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-labelledby': titleId },
    h('h3', { class: 'panel__title', id: titleId }, title), ...content);
}
