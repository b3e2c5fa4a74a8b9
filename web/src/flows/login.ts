// Sign-in: username and password checked for presence here, then by the server. A failure
// (wrong password, too many attempts: 429 auth.throttled) clears the password and shows the
// server's words. An account with one-time codes answers auth.otp_required to the right
// password: the password is kept and a field for the code appears.

import * as api from '../api';
import { t } from '../i18n';
import type { MessageKey } from '../i18n';
import { failureOf, serverCode } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export class LoginFlow {
  username = '';
  password = '';
  otp = '';
  // The server asked for a one-time code: the form shows its field from then on.
  otpNeeded = false;
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
    if (this.otpNeeded && !/^\d{6}$/.test(this.otp.trim())) {
      this.errors.push({ field: 'otp', msg: { key: 'login.otp_required' } });
    }
    if (this.errors.length) {
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.notice = null;
    this.shell.announce(t('login.busy'));
    try {
      const session = await api.login(this.username.trim(), this.password, this.otpNeeded ? this.otp.trim() : '');
      this.shell.announce('');
      this.shell.signedIn(session);
    } catch (err) {
      this.busy = false;
      if (serverCode(err) === 'auth.otp_required') {
        this.otpNeeded = true;
      } else {
        this.password = '';
      }
      this.otp = '';
      this.failure = failureOf(err);
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }
}
