// 戶政事務所 (#/offices): the offices the system knows, read only (they are configuration:
// loaded with the demo or the district data), the admin's own marked.

import { listSection } from '../components/list_section';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { OfficesFlow } from '../flows/offices';
import { t } from '../i18n';
import type { Shell } from '../shell';

function officesTable(s: OfficesFlow): HTMLElement {
  const offices = s.offices;
  return listSection({
    id: 'offices-title', title: t('offices.list'), failedTitle: t('offices.failed'), failure: s.failure,
    table: offices && (() => h('table', { class: 'table', id: 'offices-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('offices.code')),
        h('th', { scope: 'col' }, t('offices.name')),
        h('th', { scope: 'col' }, t('offices.area')),
        h('th', { scope: 'col' }, t('offices.address')))),
      h('tbody', null, offices.map((o) => h('tr', { class: o.own ? 'is-selected' : null },
        h('th', { scope: 'row' }, o.code),
        h('td', null, h('span', { lang: 'zh-TW' }, o.name), ' ',
          o.own ? h('span', { class: 'badge badge--active office-own' }, t('offices.own')) : null),
        h('td', { lang: 'zh-TW' }, `${o.county}${o.district}`),
        h('td', { lang: 'zh-TW' }, o.address)))))),
  });
}

export function renderOffices(shell: Shell, s: OfficesFlow): Node[] {
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('offices.title')),
      h('p', { class: 'lead' }, t('offices.intro'))),
    officesTable(s),
  ]);
}
