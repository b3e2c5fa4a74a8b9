// 人員帳號 (#/users): the office's staff accounts in a table, the chosen account's facts and
// actions, a password shown once, and the form to add an account. An admin lands here; a
// warning says when next year's working-day calendar is missing.

import type { StaffUser } from '../api';
import { fact } from '../components/application';
import { selectInput, textInput } from '../components/controls';
import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { listSection } from '../components/list_section';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import { kStaffRoles } from '../flows/users';
import type { UsersFlow } from '../flows/users';
import { formatDateTime, localized, t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

const roleOptions = () => kStaffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }));

function stateBadge(u: StaffUser): HTMLElement {
  const cls = u.state === 'active' ? 'badge--active' : u.state === 'locked' ? 'badge--late' : 'badge--removed';
  return h('span', { class: `badge ${cls}` }, t(`users.state_${u.state}`));
}

const lastLogin = (u: StaffUser) =>
  u.last_login_at ? formatDateTime(Date.parse(u.last_login_at)) : t('users.never');

// Next year's calendar is missing: every admin screen that lands says so, with the way there.
export function calendarBanner(warnings: readonly { message_zh: string; message_en: string }[]):
  HTMLElement | null {
  if (!warnings.length) return null;
  return h('div', { class: 'notice notice--warn', id: 'calendar-warning', role: 'status' },
    warnings.map((w) => h('p', null, localized(w))),
    h('p', null, h('a', { href: '#/calendar', class: 'link' }, t('users.calendar_link'))));
}

function usersTable(s: UsersFlow): HTMLElement {
  const users = s.users;
  return listSection({
    id: 'users-title', title: t('users.list'), failedTitle: t('users.list_failed'), failure: s.listFailure,
    table: users && (() => h('table', { class: 'table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('users.username')),
        h('th', { scope: 'col' }, t('users.name')),
        h('th', { scope: 'col' }, t('users.role')),
        h('th', { scope: 'col' }, t('users.state')),
        h('th', { scope: 'col' }, t('users.last_login')),
        h('th', { scope: 'col' }, t('users.totp')),
        h('th', { scope: 'col' }, t('users.sessions')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('users.manage'))))),
      h('tbody', null, users.map((u) => h('tr', { class: u.username === s.selected ? 'is-selected' : null },
        h('th', { scope: 'row' }, u.username),
        h('td', null, u.display_name),
        h('td', null, t(`role.${u.role}`)),
        h('td', null, stateBadge(u)),
        h('td', null, lastLogin(u)),
        h('td', null, u.totp_enrolled ? t('users.totp_yes') : t('users.totp_no')),
        h('td', null, String(u.active_sessions)),
        h('td', { class: 'table__action' }, h('button', {
          type: 'button', class: 'button button--secondary button--small', id: `manage-${u.username}`,
          'aria-pressed': u.username === s.selected ? 'true' : 'false',
          onclick: () => s.select(u.username),
        }, t('users.manage'), h('span', { class: 'visually-hidden' }, ` ${u.username}`)))))))),
  });
}

function passwordPanel(s: UsersFlow): HTMLElement | null {
  const p = s.password;
  if (!p) return null;
  return h('section', { class: 'panel panel--highlight', 'aria-labelledby': 'password-title' },
    h('h2', { class: 'panel__title', id: 'password-title', tabindex: '-1' },
      t(p.added ? 'users.password_added' : 'users.password_reset', { user: p.username })),
    h('p', null, t('users.password_once')),
    h('p', { class: 'password-once', id: 'shown-password', lang: 'en' }, p.password));
}

function accountPanel(s: UsersFlow, self: string): HTMLElement | null {
  const u = s.current;
  if (!u) return null;
  const busy = s.busy ? 'true' : null;
  const button = (id: string, label: string, run: () => void, primary = false) => h('button', {
    type: 'button', id, class: `button ${primary ? 'button--primary' : 'button--secondary'}`,
    'aria-disabled': busy, onclick: () => { if (!s.busy) run(); },
  }, label);
  const items = s.actionFailure ? [{ text: msgText(s.actionFailure) }] : [];
  return h('section', { class: 'panel', 'aria-labelledby': 'account-title' },
    h('h2', { class: 'panel__title', id: 'account-title', tabindex: '-1' },
      t('users.account_of', { user: u.username, name: u.display_name })),
    items.length ? errorSummary(t('users.action_refused'), items, 'account-errors') : null,
    s.notice ? h('p', { class: 'notice notice--ok', id: 'account-notice', tabindex: '-1' }, msgText(s.notice)) : null,
    h('dl', { class: 'facts' },
      fact(t('users.state'), stateBadge(u)),
      fact(t('users.recent_failures'), String(u.recent_failures)),
      fact(t('users.last_login'), lastLogin(u)),
      fact(t('users.sessions'), String(u.active_sessions)),
      fact(t('users.totp'), u.totp_enrolled ? t('users.totp_yes') : t('users.totp_no')),
      fact(t('users.created'), formatDateTime(Date.parse(u.created_at)))),
    h('form', {
      class: 'form__actions form__actions--tight', novalidate: true,
      onsubmit: (ev) => { ev.preventDefault(); void s.changeRole(); },
    },
    field({
      label: t('users.role'), hint: u.username === self ? t('users.role_self_hint') : undefined,
      control: selectInput('account-role', roleOptions(), s.role, (v) => { s.role = v as typeof s.role; }),
    }),
    h('button', { type: 'submit', id: 'account-role-submit', class: 'button button--secondary',
      'aria-disabled': busy }, t('users.change_role'))),
    h('div', { class: 'form__actions form__actions--tight' },
      u.state === 'disabled'
        ? button('account-enable', t('users.enable'), () => void s.act('enable'), true)
        : button('account-disable', t('users.disable'), () => void s.act('disable')),
      u.state === 'locked' ? button('account-unlock', t('users.unlock'), () => void s.act('unlock'), true) : null,
      button('account-reset', t('users.reset'), () => void s.resetPassword()),
      u.active_sessions > 0
        ? button('account-revoke', t('users.revoke'), () => void s.act('revoke-sessions')) : null),
    h('p', { class: 'muted small' }, t('users.actions_hint')));
}

function addForm(s: UsersFlow, office: string): HTMLElement {
  const items = s.errors.map((e) => ({ text: msgText(e.msg), field: e.field }));
  if (s.addFailure) items.push({ text: msgText(s.addFailure), field: 'new-username' });
  return h('form', {
    class: 'panel', novalidate: true, 'aria-labelledby': 'add-title',
    onsubmit: (ev) => { ev.preventDefault(); void s.add(); },
  },
  h('h2', { class: 'panel__title', id: 'add-title' }, t('users.add_title')),
  h('p', { class: 'muted small' }, t('users.add_intro', { office })),
  items.length ? errorSummary(t('users.add_refused'), items, 'add-errors') : null,
  field({
    label: t('users.username'), hint: t('users.username_hint'), error: errorFor(s.errors, 'new-username'),
    control: textInput('new-username', s.username, (v) => { s.username = v; },
      { spellcheck: 'false', autocapitalize: 'none', lang: 'en' }),
  }),
  field({
    label: t('users.name'), error: errorFor(s.errors, 'new-name'),
    control: textInput('new-name', s.displayName, (v) => { s.displayName = v; }),
  }),
  field({
    label: t('users.role'),
    control: selectInput('new-role', roleOptions(), s.newRole, (v) => { s.newRole = v as typeof s.newRole; }),
  }),
  h('div', { class: 'form__actions form__actions--tight' },
    h('button', { type: 'submit', class: 'button button--primary', id: 'add-submit',
      'aria-disabled': s.busy ? 'true' : null }, t('users.add_submit'))));
}

export function renderUsers(shell: Shell, s: UsersFlow): Node[] {
  const user = shell.session?.user;
  return pageFrame(shell, [
    h('div', { class: 'page-head' },
      h('h1', { class: 'page-title', id: 'page-title', tabindex: '-1' }, t('users.title')),
      h('p', { class: 'lead' }, t('users.intro', { office: user?.office_name || user?.office_code || '' }))),
    calendarBanner(s.calendarWarnings),
    passwordPanel(s),
    usersTable(s),
    accountPanel(s, user?.username ?? ''),
    addForm(s, user?.office_name || user?.office_code || ''),
  ].filter((n): n is HTMLElement => n !== null));
}
