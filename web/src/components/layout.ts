// The page frame shared by every screen: skip link, header (office, user, language, sign-out,
// and the role's navigation), <main> and footer.

import { h, focusElement } from '../dom';
import { formatDateTime, htmlLang, otherLang, t } from '../i18n';
import type { Shell } from '../shell';

export function pageFrame(shell: Shell, content: Node[]): Node[] {
  const skip = h('a', {
    class: 'skip-link',
    href: '#main',
    // Hash routing owns location.hash: move focus instead of following the fragment.
    onclick: (ev) => {
      ev.preventDefault();
      focusElement(document.getElementById('main'));
    },
  }, t('app.skip'));
  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' }, ...content);
  const footer = h('footer', { class: 'site-footer' },
    h('div', { class: 'site-footer__inner' }, h('p', null, t('app.footer'))));
  const printed = printHeader(shell);
  return [skip, ...(printed ? [printed] : []), header(shell), main, footer, printFooter()];
}

// Only on paper (@media print): the office, when, by whom and for what the page was printed,
// and, at the foot, that it is not a transcript. The time is set again as printing starts.
function printHeader(shell: Shell): HTMLElement | null {
  const user = shell.session?.user;
  if (!user) return null;
  const p = shell.printPurpose?.() ?? null;
  const purpose = p ? `${t(`purpose.${p.purpose}`)}${p.other ? `${t('print.other_sep')}${p.other}` : ''}` : null;
  return h('div', { class: 'print-only print-header', id: 'print-header' },
    h('p', { class: 'print-header__office' }, user.office_name),
    h('p', null,
      t('print.printed'), h('span', { 'data-print-time': '' }, formatDateTime(Date.now())), '　',
      t('print.by'), t('case.staff', { name: user.display_name, username: user.username }),
      purpose ? ['　', t('print.purpose'), purpose] : null));
}

function printFooter(): HTMLElement {
  return h('p', { class: 'print-only print-footer', id: 'print-footer' }, t('print.not_transcript'));
}

// Called on the browser's beforeprint: the header's time is the time of printing.
export function stampPrintTime(): void {
  for (const el of document.querySelectorAll('[data-print-time]')) el.textContent = formatDateTime(Date.now());
}

function header(shell: Shell): HTMLElement {
  const user = shell.session?.user;
  const langButton = h('button', {
    type: 'button',
    id: 'lang-switch',
    class: 'button button--header',
    lang: htmlLang(otherLang()),
    onclick: () => shell.switchLanguage(),
  }, t('lang.switch'));

  const brand = h('div', { class: 'brand' },
    h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '戶'),
    h('div', { class: 'brand__text' },
      h('p', { class: 'brand__name' }, t('app.name')),
      user ? h('p', { class: 'brand__office' }, user.office_name) : null));

  const account = h('div', { class: 'account' },
    user
      ? h('p', { class: 'account__user' },
          h('span', { class: 'visually-hidden' }, t('header.signed_in_as')),
          h('span', { class: 'account__name' }, user.display_name),
          h('span', { class: 'account__role' }, t(`role.${user.role}`)))
      : null,
    langButton,
    user
      ? h('button', {
          type: 'button',
          id: 'logout',
          class: 'button button--header',
          onclick: () => void shell.logout(),
        }, t('header.logout'))
      : null);

  return h('header', { class: 'site-header' },
    h('div', { class: 'site-header__inner' }, brand, account),
    user ? navigation(shell) : null);
}

// The screens this role may use; the current one is marked with aria-current.
function navigation(shell: Shell): HTMLElement {
  const items = shell.navItems();
  return h('nav', { class: 'site-nav', 'aria-label': t('nav.label') },
    h('ul', { class: 'site-nav__list' }, items.map((i) => h('li', { class: 'site-nav__item' },
      h('a', {
        class: 'site-nav__link',
        href: `#/${i.route}`,
        id: `nav-${i.route}`,
        'aria-current': i.current ? 'page' : null,
      }, t(i.label))))));
}
