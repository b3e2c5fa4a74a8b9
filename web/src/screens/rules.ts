// 法規數值 (#/rules): the versions of the statutory figures by effective date, the figures of
// the one chosen, and (admins) a form to load a later version from its text.

import type { RuleFigures, RuleVersion } from '../api';
import { fact } from '../components/application';
import { textArea } from '../components/controls';
import { dateText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { RulesFlow } from '../flows/rules';
import { formatDate, formatDateTime, formatPercent, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function status(v: RuleVersion, versions: readonly RuleVersion[]): HTMLElement {
  if (v.in_force) return h('span', { class: 'badge badge--active' }, t('rules.in_force'));
  const current = versions.find((x) => x.in_force);
  return current && v.effective_from > current.effective_from
    ? h('span', { class: 'badge badge--pending' }, t('rules.upcoming'))
    : h('span', { class: 'badge badge--removed' }, t('rules.superseded'));
}

function versionsTable(s: RulesFlow): HTMLElement {
  const list = s.versions ?? [];
  const title = h('h2', { class: 'section-title', id: 'versions-title' }, t('rules.versions'));
  if (s.versions === null) {
    return h('section', { class: 'section', 'aria-labelledby': 'versions-title' }, title,
      s.listFailure ? errorSummary(t('rules.load_failed'), [{ text: msgText(s.listFailure) }])
        : h('p', { class: 'muted' }, t('common.loading')));
  }
  return h('section', { class: 'section', 'aria-labelledby': 'versions-title' }, title,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'versions-title' },
      h('table', { class: 'table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('rules.effective_from')),
          h('th', { scope: 'col' }, t('rules.status')),
          h('th', { scope: 'col' }, t('rules.source')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('rules.show'))))),
        h('tbody', null, list.map((v) => h('tr', { class: v.effective_from === s.shown ? 'is-selected' : null },
          h('th', { scope: 'row' }, dateText(v.effective_from)),
          h('td', null, status(v, list)),
          h('td', null, v.source === 'file' ? t('rules.source_file')
            : t('rules.source_database', { by: v.loaded_by ?? '', at: formatDateTime(v.loaded_at_ms ?? 0) })),
          h('td', { class: 'table__action' }, h('button', {
            type: 'button', class: 'button button--secondary button--small',
            id: `show-${v.effective_from}`, 'aria-pressed': v.effective_from === s.shown ? 'true' : 'false',
            onclick: () => s.show(v.effective_from),
          }, t('rules.show'), h('span', { class: 'visually-hidden' }, ` ${v.effective_from}`)))))))));
}

const days = (n: number) => t('rules.days', { n });

function figureRows(f: RuleFigures): [MessageKey, string][] {
  const bands = f.fine_bands.map((b, i) => {
    const from = i === 0 ? 1 : f.fine_bands[i - 1]!.up_to_days + 1;
    return t('rules.band', { from, to: b.up_to_days, amount: b.amount });
  });
  const last = f.fine_bands[f.fine_bands.length - 1];
  bands.push(t('rules.band_beyond', { from: (last?.up_to_days ?? 0) + 1, amount: f.fine_beyond }));
  return [
    ['rules.fig.birth', days(f.birth_days)],
    ['rules.fig.general', days(f.general_days)],
    ['rules.fig.move', t('rules.move', { months: f.move_stay_months, days: f.move_days })],
    ['rules.fig.abroad', t('rules.years', { n: f.abroad_years })],
    ['rules.fig.marriage', formatDate(f.marriage_by_registration_since)],
    ['rules.fig.divorce', formatDate(f.agreed_divorce_by_registration_since)],
    ['rules.fig.bands', bands.join('；')],
    ['rules.fig.max', t('rules.money', { n: f.fine_statutory_max })],
    ['rules.fig.after_reminder', t('rules.money', { n: f.fine_after_reminder })],
    ['rules.fig.false', f.false_application_fines.map((n) => t('rules.money', { n })).join(' / ')],
    ['rules.fig.reminder', days(f.reminder_days)],
    ['rules.fig.nationality', t('rules.working_days', { n: f.nationality_registration_working_days })],
    ['rules.fig.proof', t('rules.years', { n: f.proof_of_loss_years })],
    ['rules.fig.proof_reminder', days(f.proof_reminder_days)],
    ['rules.fig.name_cap', t('rules.times', { n: f.name_change_cap })],
    ['rules.fig.majority', t('rules.age', { n: f.age_of_majority })],
    ['rules.fig.marriage_age', t('rules.marriage_ages', { man: f.marriage_min_age_man, woman: f.marriage_min_age_woman })],
    ['rules.fig.correctness', `≥ ${formatPercent(f.target_registration_correctness * 100)}`
      + (f.target_correctness_prior_years > 0
        ? t('rules.prior_years', { n: f.target_correctness_prior_years }) : '')],
    ['rules.fig.care_ages', t('rules.care_ages', { elderly: f.care_elderly_age, child: f.care_child_age })],
    ['rules.fig.care', `≥ ${formatPercent(f.target_care_list_rate * 100)}`],
    ['rules.fig.notify_beidou', `≥ ${formatPercent(f.target_notification_rate_beidou * 100)}`],
    ['rules.fig.notify_datong', `≥ ${formatPercent(f.target_notification_rate_datong * 100)}`],
  ];
}

function figuresPanel(s: RulesFlow): HTMLElement | null {
  const v = s.versions?.find((x) => x.effective_from === s.shown);
  if (!v) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'figures-title' },
    h('h2', { class: 'panel__title', id: 'figures-title', tabindex: '-1' },
      t('rules.figures_of', { date: formatDate(v.effective_from) })),
    h('p', { class: 'muted small rules-statutes' }, t('rules.statutes'), v.statutes),
    h('dl', { class: 'facts' }, figureRows(v.figures).map(([label, value]) => fact(t(label), value))));
}

function loadForm(s: RulesFlow): HTMLElement {
  const labels: Record<string, string> = { 'rules-text': t('rules.text') };
  const items = s.errors.map((e) => ({ text: msgText(e.msg), href: `#${e.field}` }));
  if (s.failure) items.push({ text: msgText(s.failure), href: '#rules-text' });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'load-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.load(); },
  },
  h('h2', { class: 'panel__title', id: 'load-title' }, t('rules.load_title')),
  items.length ? errorSummary(t('rules.load_refused'), items, 'rules-errors') : null,
  field({
    label: labels['rules-text']!, hint: t('rules.text_hint'), error: errorFor(s.errors, 'rules-text'),
    control: textArea('rules-text', s.text, (v) => { s.text = v; },
      { rows: 16, spellcheck: 'false', class: 'input textarea textarea--code' }),
  }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'rules-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('rules.load_submit'))));
}

export function renderRules(shell: Shell, s: RulesFlow): Node[] {
  const admin = shell.session?.user.role === 'admin';
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('rules.title')),
      h('p', { class: 'lead' }, t('rules.intro'))),
    s.notice ? h('p', { class: 'notice notice--ok', id: 'rules-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    versionsTable(s),
    figuresPanel(s),
    admin ? loadForm(s) : null,
  ].filter((n): n is HTMLElement => n !== null));
}
