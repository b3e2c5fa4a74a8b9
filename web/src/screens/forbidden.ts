// A screen the signed-in role may not use (reached by typing its address): its title and a
// plain statement, no data. The server refuses these requests anyway.

import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { hashOf, landingRoute, routeSpec } from '../routes';
import type { Shell } from '../shell';

export function renderForbidden(shell: Shell, title: MessageKey): Node[] {
  const role = shell.role;
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t(title)),
      h('p', { class: 'notice', id: 'notice' },
        t('forbidden.text', { role: role ? t(`role.${role}`) : '' })),
      // Back to the first screen the role may use (an auditor's is not the lookup).
      h('p', null, h('a', { href: hashOf({ route: landingRoute(role), param: '' }), class: 'link' },
        t('forbidden.back', { screen: t(routeSpec(landingRoute(role)).title) })))),
  ]);
}
