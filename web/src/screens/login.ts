// Screen 1: sign in. Server errors (wrong password, too many attempts) are shown in the
// current language from the server's message_zh / message_en. The one-time code field
// appears once the server asks for it (auth.otp_required).

import { errorSummary } from '../components/error_summary';
import { field } from '../components/field';
import { pageFrame } from '../components/layout';
import { h } from '../dom';
import type { LoginFlow } from '../flows/login';
import { t } from '../i18n';
import { errorFor, msgText } from '../messages';
import type { Shell } from '../shell';

export function renderLogin(shell: Shell, s: LoginFlow): Node[] {

  const username = h('input', {
    id: 'username', name: 'username', type: 'text', autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', required: true, value: s.username,
    class: 'input',
    oninput: (ev) => { s.username = (ev.target as HTMLInputElement).value; },
  });
  const password = h('input', {
    id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, class: 'input',
    oninput: (ev) => { s.password = (ev.target as HTMLInputElement).value; },
  });
  password.value = s.password;
  const otp = s.otpNeeded
    ? h('input', {
      id: 'otp', name: 'otp', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code',
      pattern: '[0-9]*', maxlength: '6', required: true, class: 'input input--id', value: s.otp,
      oninput: (ev) => { s.otp = (ev.target as HTMLInputElement).value; },
    })
    : null;

  let summary: HTMLElement | null = null;
  if (s.failure) {
    summary = errorSummary(t('login.failed'), [{ text: msgText(s.failure) }]);
  } else if (s.errors.length) {
    summary = errorSummary(t('error.summary_title'),
      s.errors.map((e) => ({ text: msgText(e.msg), field: e.field })));
  }

  const form = h('form', {
    class: 'form', novalidate: true,
    onsubmit: (ev) => { ev.preventDefault(); void s.submit(); },
  },
  field({ label: t('login.username'), control: username, error: errorFor(s.errors, 'username') }),
  field({ label: t('login.password'), control: password, error: errorFor(s.errors, 'password') }),
  otp ? field({ label: t('login.otp'), control: otp, error: errorFor(s.errors, 'otp') }) : null,
  h('div', { class: 'form__actions' },
    h('button', { type: 'submit', class: 'button button--primary button--wide', id: 'login-submit' },
      t('login.submit'))));

  const card = h('div', { class: 'login-card' },
    h('h1', { id: 'page-title', class: 'page-title', tabindex: '-1' }, t('login.title')),
    s.notice
      ? h('p', { class: 'notice', id: 'notice', tabindex: '-1' }, t(s.notice))
      : null,
    summary,
    h('p', { class: 'lead' }, t('login.intro')),
    form);

  return pageFrame(shell, [h('div', { class: 'login-layout' }, card)]);
}
