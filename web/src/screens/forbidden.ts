// A screen the signed-in role may not use (reached by typing its address): its title and a
// plain statement, no data. The server refuses these requests anyway.

import type { App, Route } from '../app';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';

const kTitles: Partial<Record<Route, MessageKey>> = {
  register: 'register.title', review: 'review.title', sampling: 'sampling.title',
  nationality: 'nationality.title', household: 'hh.title',
};

export function renderForbidden(app: App, route: Route): Node[] {
  const role = app.role;
  return pageFrame(app, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t(kTitles[route] ?? 'app.name')),
      h('p', { class: 'notice', id: 'notice' },
        t('forbidden.text', { role: role ? t(`role.${role}`) : '' })),
      h('p', null, h('a', { href: '#/lookup', class: 'link' }, t('forbidden.back')))),
  ]);
}
