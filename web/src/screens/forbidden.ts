// A screen the signed-in role may not use (reached by typing its address): its title and a
// plain statement, no data. The server refuses these requests anyway.

import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { landingRoute } from '../routes';
import type { Shell } from '../shell';

export function renderForbidden(shell: Shell, title: MessageKey): Node[] {
  const role = shell.role;
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t(title)),
      h('p', { class: 'notice', id: 'notice' },
        t('forbidden.text', { role: role ? t(`role.${role}`) : '' })),
      h('p', null, h('a', { href: `#/${landingRoute(role)}`, class: 'link' }, t('forbidden.back')))),
  ]);
}
