// Sign-in: username and password checked for presence here, then by the server. A failure
// (wrong password, locked account) clears the password and shows the server's words.

import * as api from '../api';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export class LoginFlow {
  username = '';
  password = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  // Why the sign-in page is shown (signed out, session expired); gone at the next attempt.
  notice: MessageKey | null = null;

  constructor(private readonly shell: Shell) {}

  async submit(): Promise<void> {
    if (this.busy) return;
    this.failure = null;
    this.errors = [];
    if (this.username.trim() === '') this.errors.push({ field: 'username', msg: { key: 'login.username_required' } });
    if (this.password === '') this.errors.push({ field: 'password', msg: { key: 'login.password_required' } });
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.notice = null;
    this.shell.announce(t('login.busy'));
    try {
      const session = await api.login(this.username.trim(), this.password);
      this.shell.announce('');
      this.shell.signedIn(session);
    } catch (err) {
      this.busy = false;
      this.password = '';
      this.failure = failureOf(err);
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }
}
