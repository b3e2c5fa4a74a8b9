// 印鑑 (#/seals): the person's registered seal, its register/change/abolish forms, the
// comparison of the application's impression with it (side by side, the overlay with the
// differences coloured, the verdict), and the seal certificate issued after the clerk confirms.

import type { Seal, SealComparison } from '../api';
import { fact } from '../components/application';
import { idInput, radioGroup, textInput } from '../components/controls';
import { dateText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { SealsFlow } from '../flows/seals';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

// The form's refusal by the server, or its fields' errors, as an error summary (or nothing).
function formErrors(s: SealsFlow, labels: Record<string, string>, id: string): HTMLElement | null {
  if (s.failure) return errorSummary(t('seals.failed'), [{ text: msgText(s.failure) }], id);
  if (!s.errors.length) return null;
  return errorSummary(t('error.summary_title'), s.errors.map((e) => ({
    text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
  })), id);
}

function statusBadge(s: Seal): HTMLElement {
  const cls = s.status === 'current' ? 'badge--active' : s.status === 'changed' ? 'badge--pending' : 'badge--removed';
  return h('span', { class: `badge ${cls}` }, t(`seals.status.${s.status}` as MessageKey));
}

function findForm(s: SealsFlow): HTMLElement {
  return h('form', { class: 'section-head', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); void s.find(); } },
    field({ label: t('seals.id'), hint: t('seals.id_hint'),
      error: s.loadFailure && !s.personId ? msgText(s.loadFailure) : undefined,
      control: idInput('seal-id', s.idNumber, (v) => { s.idNumber = v; }) }),
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'seal-find' }, t('seals.find'))));
}

function sealTable(s: SealsFlow): HTMLElement {
  if (!s.seals.length) return h('p', { class: 'empty', id: 'seal-none' }, t('seals.none'));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'seal-person-title' },
    h('table', { class: 'table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('seals.number')),
        h('th', { scope: 'col' }, t('seals.status')),
        h('th', { scope: 'col' }, t('seals.registered_on')),
        h('th', { scope: 'col' }, t('seals.applicant')),
        h('th', { scope: 'col' }, t('seals.ended_on')))),
      h('tbody', null, s.seals.map((x) => h('tr', null,
        h('th', { scope: 'row' }, `#${x.id}`),
        h('td', null, statusBadge(x)),
        h('td', null, dateText(x.registered_on)),
        h('td', null, x.applicant.kind === 'agent' ? t('seals.agent_named', { name: x.applicant.name ?? '' }) : t('seals.self')),
        h('td', null, x.ended_on ? [dateText(x.ended_on), x.end_reason ? ` ${x.end_reason}` : ''] : '—'))))));
}

function actionButtons(s: SealsFlow): HTMLElement {
  const button = (action: 'register' | 'change' | 'abolish' | 'compare', cls: string) =>
    h('button', { type: 'button', class: `button ${cls}`, id: `seal-${action}`, onclick: () => s.open(action) },
      t(`seals.action.${action}` as MessageKey));
  return h('div', { class: 'form__actions form__actions--tight' }, s.current
    ? [button('compare', 'button--primary'), ' ', button('change', 'button--secondary'), ' ',
      button('abolish', 'button--secondary')]
    : button('register', 'button--primary'));
}

function personSection(s: SealsFlow): HTMLElement | null {
  if (!s.personId) return null;
  const cur = s.current;
  return h('section', { class: 'section', 'aria-labelledby': 'seal-person-title' },
    h('h2', { class: 'section-title', id: 'seal-person-title', tabindex: '-1' }, t('seals.person_title', { id: s.personId })),
    s.loadFailure ? h('p', { class: 'field__error', id: 'seal-failure' }, msgText(s.loadFailure)) : null,
    cur && s.sealImageUrl
      ? h('figure', { class: 'seal-figure' },
        h('img', { src: s.sealImageUrl, alt: t('seals.registered_alt', { n: cur.id }), id: 'seal-current-image', class: 'seal-image' }),
        h('figcaption', null, t('seals.registered_caption', { n: cur.id })))
      : null,
    sealTable(s),
    s.loadFailure ? null : actionButtons(s));
}

function applicantFields(s: SealsFlow): HTMLElement[] {
  const out: HTMLElement[] = [radioGroup({
    name: 'seal-applicant', legend: t('seals.applicant'), value: s.applicant.kind,
    radios: [{ id: 'seal-applicant-self', value: 'self', label: t('seals.self') },
      { id: 'seal-applicant-agent', value: 'agent', label: t('seals.agent') }],
    set: (v) => s.setApplicantKind(v === 'agent' ? 'agent' : 'self'),
  })];
  if (s.applicant.kind === 'agent') {
    out.push(h('div', { class: 'form-grid form-grid--pair' },
      field({ label: t('seals.agent_name'), error: errorFor(s.errors, 'seal-agent-name'),
        control: textInput('seal-agent-name', s.applicant.name, (v) => { s.applicant.name = v; }, { maxlength: '50' }) }),
      field({ label: t('seals.agent_id'), error: errorFor(s.errors, 'seal-agent-id'),
        control: idInput('seal-agent-id', s.applicant.idNumber, (v) => { s.applicant.idNumber = v; }) })));
  }
  return out;
}

function actionForm(s: SealsFlow): HTMLElement | null {
  const a = s.action;
  if (!a) return null;
  const labels: Record<string, string> = {
    'seal-file': t(a === 'compare' ? 'seals.file_application' : 'seals.file'),
    'seal-agent-name': t('seals.agent_name'), 'seal-agent-id': t('seals.agent_id'), 'seal-reason': t('seals.reason'),
  };
  const summary = formErrors(s, labels, 'seal-errors');
  const file = h('input', { type: 'file', id: 'seal-file', name: 'seal-file', class: 'input', accept: 'image/png',
    onchange: (ev) => { s.file = (ev.target as HTMLInputElement).files?.[0] ?? null; } });
  return h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'seal-form-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); } },
  h('h2', { class: 'panel__title', id: 'seal-form-title', tabindex: '-1' }, t(`seals.form.${a}` as MessageKey)),
  summary,
  a === 'abolish' ? null : field({ label: labels['seal-file'] ?? '', hint: t('seals.file_hint'), control: file,
    error: errorFor(s.errors, 'seal-file') }),
  ...(a === 'compare' ? [] : applicantFields(s)),
  a === 'abolish' ? field({ label: labels['seal-reason'] ?? '', optional: t('form.optional'), error: errorFor(s.errors, 'seal-reason'),
    control: textInput('seal-reason', s.reason, (v) => { s.reason = v; }, { maxlength: '200' }) }) : null,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'seal-submit', 'aria-disabled': s.busy ? 'true' : null },
      t(`seals.submit.${a}` as MessageKey)),
    h('button', { type: 'button', class: 'button button--secondary', id: 'seal-cancel',
      onclick: () => s.cancel() }, t('seals.cancel'))));
}

function verdictBadge(c: SealComparison): HTMLElement {
  const cls = c.verdict === 'match' ? 'badge--active' : c.verdict === 'no_match' ? 'badge--removed' : 'badge--pending';
  return h('span', { class: `badge ${cls}`, id: 'seal-verdict' }, t(`seals.verdict.${c.verdict}` as MessageKey));
}

function comparisonSection(s: SealsFlow): HTMLElement | null {
  const c = s.comparison;
  if (!c) return null;
  const figure = (id: string, src: string, caption: MessageKey) => h('figure', { class: 'seal-figure' },
    h('img', { src, alt: t(caption), id, class: 'seal-image' }), h('figcaption', null, t(caption)));
  return h('section', { class: 'section', 'aria-labelledby': 'seal-compare-title' },
    h('h2', { class: 'section-title', id: 'seal-compare-title', tabindex: '-1' }, t('seals.compare_title')),
    h('dl', { class: 'facts' },
      fact(t('seals.verdict'), verdictBadge(c)),
      fact(t('seals.score'), h('span', { id: 'seal-score' }, `${Math.round(c.score * 100)} / 100`)),
      fact(t('seals.coverage'), `${Math.round(c.coverage * 100)} %`)),
    h('p', { class: 'muted' }, t(`seals.verdict_help.${c.verdict}` as MessageKey)),
    h('div', { class: 'seal-compare' },
      figure('seal-compare-registered', s.sealImageUrl, 'seals.fig_registered'),
      figure('seal-compare-application', s.candidateUrl, 'seals.fig_application'),
      figure('seal-overlay', `data:image/png;base64,${c.overlay_png}`, 'seals.fig_overlay')),
    h('ul', { class: 'seal-legend' },
      h('li', null, h('span', { class: 'seal-swatch seal-swatch--both', 'aria-hidden': 'true' }), t('seals.legend_both')),
      h('li', null, h('span', { class: 'seal-swatch seal-swatch--registered', 'aria-hidden': 'true' }), t('seals.legend_registered')),
      h('li', null, h('span', { class: 'seal-swatch seal-swatch--application', 'aria-hidden': 'true' }), t('seals.legend_application'))),
    certificateForm(s, c));
}

function certificateForm(s: SealsFlow, c: SealComparison): HTMLElement {
  if (s.certificate) {
    const cert = s.certificate;
    return h('section', { class: 'panel', 'aria-labelledby': 'seal-certificate-title' },
      h('h2', { class: 'panel__title', id: 'seal-certificate-title', tabindex: '-1' }, t('seals.issued_title', { n: cert.id })),
      h('dl', { class: 'facts' },
        fact(t('seals.check_code'), h('span', { class: 'id-number', id: 'seal-check-code' }, cert.check_code)),
        fact(t('seals.sheets'), String(cert.sheets)),
        fact(t('seals.fee'), cert.fee === undefined ? '—' : t('seals.fee_amount', { n: cert.fee }))),
      h('button', { type: 'button', class: 'button button--primary', id: 'seal-pdf', onclick: () => void s.downloadPdf() },
        t('seals.download_pdf')));
  }
  if (c.verdict === 'no_match') return h('p', { class: 'notice', id: 'seal-no-certificate' }, t('seals.no_certificate'));
  const labels: Record<string, string> = {
    'seal-purpose': t('seals.purpose'), 'seal-sheets': t('seals.sheets'), 'seal-confirm': t('seals.confirm'),
  };
  const summary = formErrors(s, labels, 'seal-cert-errors');
  const confirm = h('input', { type: 'checkbox', class: 'checkbox__input', id: 'seal-confirm', checked: s.confirmed,
    'aria-invalid': errorFor(s.errors, 'seal-confirm') ? 'true' : null,
    onchange: (ev) => { s.confirmed = (ev.target as HTMLInputElement).checked; } });
  return h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'seal-cert-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.issue(); } },
  h('h2', { class: 'panel__title', id: 'seal-cert-title' }, t('seals.cert_title')),
  summary,
  field({ label: labels['seal-purpose'] ?? '', hint: t('seals.purpose_hint'), error: errorFor(s.errors, 'seal-purpose'),
    control: textInput('seal-purpose', s.purpose, (v) => { s.purpose = v; }, { maxlength: '200' }) }),
  field({ label: labels['seal-sheets'] ?? '', error: errorFor(s.errors, 'seal-sheets'), class: 'field--narrow',
    control: textInput('seal-sheets', s.sheets, (v) => { s.sheets = v; }, { inputmode: 'numeric', maxlength: '2' }) }),
  h('div', { class: 'checkbox' }, confirm,
    h('label', { for: 'seal-confirm' }, t('seals.confirm'))),
  errorFor(s.errors, 'seal-confirm') ? h('p', { class: 'field__error' }, errorFor(s.errors, 'seal-confirm') ?? '') : null,
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'seal-issue', 'aria-disabled': s.busy ? 'true' : null },
      t('seals.issue'))));
}

export function renderSeals(shell: Shell, s: SealsFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('seals.title')),
      h('p', { class: 'lead' }, t('seals.intro'))),
    findForm(s),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'seal-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    personSection(s),
    actionForm(s),
    comparisonSection(s),
  ].filter((n): n is HTMLElement => n !== null));
}
