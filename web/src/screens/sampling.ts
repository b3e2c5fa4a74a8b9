// 抽核 (#/sampling): this month's registration correctness against the yearly target, the
// day's sample, and a correct / erroneous mark on each sampled case.

import type { Application } from '../api';
import { fact, statusText } from '../components/application';
import { radioGroup, textArea, textInput } from '../components/controls';
import { dateInput } from '../components/date_input';
import { dateText, idText, zhText } from '../components/data';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { markIds } from '../flows/sampling';
import type { SamplingFlow } from '../flows/sampling';
import { formatPercent, t, typeName } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

function kpiPanel(s: SamplingFlow): HTMLElement {
  const k = s.kpi;
  const title = h('h2', { class: 'panel__title', id: 'kpi-title' }, t('kpi.title'));
  if (!k) {
    return h('section', { class: 'panel kpi', 'aria-labelledby': 'kpi-title' }, title,
      s.kpiFailure
        ? h('p', { class: 'field__error' }, msgText(s.kpiFailure))
        : h('p', { class: 'muted' }, t('common.loading')));
  }
  // The target is the server's (StatutoryRules, raised to the prior years' average when
  // configured so), never a number of the client's own.
  const rate = k.rate * 100;
  const target = k.target * 100;
  const met = k.met;
  // Nothing sampled and no office error revoked: the formula gives 100 % of nothing checked,
  // which is no measurement (issue 17: no 「100 % 達成目標」 when nothing was sampled).
  const measured = k.sampled > 0 || k.revoked_office_errors > 0;
  const verdict = !measured ? 'badge--removed' : met ? 'badge--active' : 'badge--late';
  return h('section', { class: 'panel kpi', 'aria-labelledby': 'kpi-title' }, title,
    h('div', { class: 'kpi__body' },
      h('div', { class: 'kpi__figure' },
        h('p', { class: 'kpi__label' }, t('kpi.actual')),
        h('p', { class: `kpi__value ${!measured ? '' : met ? 'kpi__value--met' : 'kpi__value--missed'}`, id: 'kpi-rate' },
          measured ? formatPercent(rate) : '—'),
        h('p', null, h('span', { class: `badge ${verdict}`, id: 'kpi-verdict' },
          t(!measured ? 'kpi.unmeasured' : met ? 'kpi.met' : 'kpi.missed')))),
      h('div', { class: 'kpi__figure' },
        h('p', { class: 'kpi__label' }, t('kpi.target_label')),
        h('p', { class: 'kpi__value kpi__value--target', id: 'kpi-target' },
          `≥ ${formatPercent(target)}`),
        h('p', { class: 'muted small' }, k.prior_average === null
          ? t('kpi.target_note')
          : t('kpi.target_prior', { n: k.prior_years, avg: formatPercent(k.prior_average * 100) }))),
      h('div', { class: 'kpi__meter', 'aria-hidden': 'true' },
        h('div', { class: 'kpi__track' },
          h('div', { class: `kpi__bar ${met ? '' : 'kpi__bar--missed'}`, style: `width: ${measured ? Math.max(0, Math.min(100, rate)) : 0}%` }),
          h('div', { class: 'kpi__mark', style: `left: ${Math.max(0, Math.min(100, target))}%` })),
        h('div', { class: 'kpi__scale' }, h('span', null, '0 %'), h('span', null, '100 %')))),
    h('dl', { class: 'facts facts--kpi' },
      fact(t('kpi.period'), [dateText(s.kpiPeriod.from), ' – ', dateText(s.kpiPeriod.to)]),
      fact(t('kpi.received'), t('kpi.cases', { n: k.received })),
      fact(t('kpi.sampled'), t('kpi.cases', { n: k.sampled })),
      fact(t('kpi.erroneous'), t('kpi.cases', { n: k.erroneous })),
      fact(t('kpi.citizen_excluded'), t('kpi.cases', { n: k.citizen_errors_excluded })),
      fact(t('kpi.formula'), t('kpi.formula_text'), 'facts__item--wide')));
}

function drawForm(s: SamplingFlow): HTMLElement {
  const d = dateInput('sampling-day', s.day, (v) => { s.setDay(v); }, 'past');
  return h('form', {
    class: 'panel search', novalidate: true, 'aria-labelledby': 'draw-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.draw(); },
  },
  h('h2', { class: 'panel__title', id: 'draw-title' }, t('sampling.draw_title')),
  h('div', { class: 'search__fields' },
    field({ label: t('sampling.day'), hint: t('sampling.day_hint'), control: d.input, after: d.echo, class: 'field--date',
      error: errorFor(s.errors, 'sampling-day') }),
    field({
      label: t('sampling.percent'), hint: t('sampling.percent_hint'), class: 'field--percent',
      error: errorFor(s.errors, 'sampling-percent'),
      control: textInput('sampling-percent', s.percent, (v) => { s.percent = v; },
        { inputmode: 'numeric', maxlength: '3', class: 'input input--id' }),
    }),
    h('div', { class: 'search__actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'sampling-submit',
        'aria-disabled': s.busy ? 'true' : null }, t('sampling.submit')))));
}

function caseCard(s: SamplingFlow, a: Application): HTMLElement {
  const ids = markIds(a.id);
  const m = s.mark(a.id);
  const head = h('h3', { class: 'case__title', id: ids.title, tabindex: '-1' },
    t('cases.number', { id: a.id }), ' ', typeName(a.type));
  const facts = h('dl', { class: 'facts facts--compact' },
    fact(t('app.subject'), (a.result_subject_id ?? a.subject_id) ? idText(a.result_subject_id ?? a.subject_id ?? '') : t('person.none')),
    fact(t('app.event_date'), dateText(a.event_date)),
    fact(t('app.registered_on'), a.registered_on ? dateText(a.registered_on) : t('person.none')),
    fact(t('app.entered_by'), a.entered_by),
    fact(t('app.reviewed_by'), a.reviewed_by ?? t('person.none')),
    fact(t('app.status'), statusText(a)));
  let marking: HTMLElement;
  if (a.sample) {
    const ok = a.sample.result === 'correct';
    marking = h('div', { class: 'case__result' },
      h('p', null, t('sampling.result'), ' ',
        h('span', { class: `badge ${ok ? 'badge--active' : 'badge--late'}`, id: `sample-${a.id}-badge` },
          t(ok ? 'sampling.correct' : 'sampling.erroneous'))),
      a.sample.reason ? h('p', null, t('sampling.reason_shown'), zhText(a.sample.reason)) : null,
      h('p', { class: 'muted small' }, t('sampling.by', { by: a.sample.by })));
  } else {
    const labels: Record<string, string> = { [ids.correct]: t('sampling.result'), [ids.reason]: t('sampling.reason') };
    const summary = m.failure
      ? errorSummary(t('sampling.failed'), [{ text: msgText(m.failure) }], ids.summary)
      : m.errors.length
        ? errorSummary(t('error.summary_title'), m.errors.map((e) => ({
            text: t('form.labelled', { label: labels[e.field] ?? '', message: msgText(e.msg) }), field: e.field,
          })), ids.summary)
        : null;
    const reason = field({
      label: t('sampling.reason'), hint: t('sampling.reason_hint'), class: 'field--wide',
      error: errorFor(m.errors, ids.reason),
      control: textArea(ids.reason, m.reason, (v) => { m.reason = v; }, { maxlength: '500', rows: 2 }),
    });
    reason.hidden = m.result !== 'erroneous';
    marking = h('form', {
      class: 'case__form', novalidate: true, 'aria-labelledby': ids.title,
      onsubmit: (ev) => { ev.preventDefault(); void s.record(a); },
    },
    summary,
    radioGroup({
      name: `sample-${a.id}`, legend: t('sampling.result'), value: m.result,
      error: errorFor(m.errors, ids.correct), class: 'radios--inline',
      set: (v) => {
        m.result = v as typeof m.result;
        reason.hidden = m.result !== 'erroneous';
      },
      radios: [
        { id: ids.correct, value: 'correct', label: t('sampling.correct') },
        { id: ids.erroneous, value: 'erroneous', label: t('sampling.erroneous') },
      ],
    }),
    reason,
    h('div', { class: 'form__actions form__actions--tight' },
      h('button', { type: 'submit', class: 'button button--primary button--small', id: ids.submit,
        'aria-disabled': m.busy ? 'true' : null }, t('sampling.save'),
      h('span', { class: 'visually-hidden' }, ` ${t('cases.number', { id: a.id })}`))));
  }
  return h('li', { class: `case ${a.sample ? 'case--done' : ''}` },
    h('article', { class: 'case__inner', 'aria-labelledby': ids.title },
      h('div', { class: 'case__main' }, head, facts),
      h('div', { class: 'case__side' }, marking)));
}

function cases(s: SamplingFlow): HTMLElement | null {
  if (!s.cases || !s.drawn) return null;
  const title = h('h2', { class: 'section-title', id: 'cases-title', tabindex: '-1' },
    t('sampling.cases_title', { n: s.cases.length, percent: s.drawn.percent }), ' ',
    dateText(s.drawn.day));
  return h('section', { class: 'section', 'aria-labelledby': 'cases-title' },
    h('div', { class: 'section-head' }, title),
    s.cases.length
      ? h('ol', { class: 'cases' }, s.cases.map((a) => caseCard(s, a)))
      : h('p', { class: 'empty' }, t('sampling.none')));
}

export function renderSampling(shell: Shell, s: SamplingFlow): Node[] {
  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('sampling.draw_failed'), [{ text: msgText(s.failure) }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  }
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('sampling.title')),
      h('p', { class: 'lead' }, t('sampling.intro'))),
    kpiPanel(s),
    summary,
    drawForm(s),
    cases(s),
  ].filter((n): n is HTMLElement => n !== null));
}
