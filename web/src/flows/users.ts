// 人員帳號 (#/users): an admin's list of their office's staff accounts, adding one, and the
// changes to one account (role, disable/enable, unlock, a new password, ending its sessions).
// A password the server generates is shown once, until the next action; it is never fetched
// again. The server enforces the rules (office scope, the office's last admin, the password
// rules) and audits every change; this flow only reports its answers.

import * as api from '../api';
import type { ErrorBody, Role, StaffAction, StaffUser } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kStaffRoles: readonly Role[] = ['clerk', 'supervisor', 'auditor', 'admin'];

// A password handed over once: after adding an account or resetting its password.
export interface ShownPassword {
  username: string;
  password: string;
  added: boolean;
}

const kUsername = /^[a-z0-9._-]{1,64}$/;

export class UsersFlow {
  users: StaffUser[] | null = null;
  listFailure: Msg | null = null;
  // From GET /admin/calendar: next year's calendar is missing (shown to admins on landing).
  calendarWarnings: ErrorBody[] = [];

  selected: string | null = null;  // the account whose actions are shown
  role: Role = 'clerk';             // the selected account's role as chosen in its form
  notice: Msg | null = null;
  actionFailure: Msg | null = null;
  password: ShownPassword | null = null;
  busy = false;

  // The form to add an account.
  username = '';
  displayName = '';
  newRole: Role = 'clerk';
  errors: FieldError[] = [];
  addFailure: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      const [users, calendar] = await Promise.all([
        api.listStaff(this.shell.token), api.calendarOverview(this.shell.token)]);
      this.users = users;
      this.calendarWarnings = calendar.warnings;
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  get current(): StaffUser | null {
    return this.users?.find((u) => u.username === this.selected) ?? null;
  }

  select(username: string): void {
    this.selected = username;
    this.role = this.current?.role ?? 'clerk';
    this.clearMessages();
    this.shell.show('account-title');
  }

  async act(action: StaffAction): Promise<void> {
    const user = this.current;
    if (!user) return;
    const done: Record<StaffAction, Msg> = {
      disable: { key: 'users.done_disable', params: { user: user.username } },
      enable: { key: 'users.done_enable', params: { user: user.username } },
      unlock: { key: 'users.done_unlock', params: { user: user.username } },
      'revoke-sessions': { key: 'users.done_revoke', params: { user: user.username } },
    };
    await this.run(() => api.manageStaff(this.shell.token, user.username, action), done[action]);
  }

  async changeRole(): Promise<void> {
    const user = this.current;
    if (!user || this.role === user.role) return;
    const role = this.role;
    await this.run(() => api.setStaffRole(this.shell.token, user.username, role),
      { key: 'users.done_role', params: { user: user.username, role: t(`role.${role}`) } });
  }

  async resetPassword(): Promise<void> {
    const user = this.current;
    if (!user) return;
    await this.run(async () => {
      const password = await api.resetStaffPassword(this.shell.token, user.username);
      this.password = { username: user.username, password, added: false };
    }, { key: 'users.done_reset', params: { user: user.username } });
  }

  async add(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.clearMessages();
    this.errors = [];
    this.username = this.username.trim();
    this.displayName = this.displayName.trim();
    if (!kUsername.test(this.username)) {
      this.errors.push({ field: 'new-username', msg: { key: 'users.username_invalid' } });
    }
    if (this.displayName === '') {
      this.errors.push({ field: 'new-name', msg: { key: 'users.name_required' } });
    }
    if (this.errors.length) {
      this.shell.show('add-errors');
      return;
    }
    this.busy = true;
    this.shell.show('add-submit');
    try {
      const added = await api.addStaff(this.shell.token,
        { username: this.username, display_name: this.displayName, role: this.newRole });
      this.busy = false;
      this.password = { username: added.user.username, password: added.initial_password, added: true };
      this.username = '';
      this.displayName = '';
      this.newRole = 'clerk';
      await this.enter();
      this.shell.show('password-title');
      this.shell.announce(t('users.added', { user: added.user.username }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.addFailure = failureOf(err);
      this.shell.show('add-errors');
    }
  }

  // One change to the selected account, then the list again; the outcome is announced.
  private async run(change: () => Promise<void>, done: Msg): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.clearMessages();
    this.busy = true;
    this.shell.show(null);
    try {
      await change();
      this.busy = false;
      this.notice = done;
      await this.enter();
      this.role = this.current?.role ?? this.role;
      this.shell.show(this.password ? 'password-title' : 'account-notice');
      this.shell.announce('key' in done ? t(done.key, done.params) : '');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.actionFailure = failureOf(err);
      this.shell.show('account-errors');
    }
  }

  private clearMessages(): void {
    this.notice = null;
    this.actionFailure = null;
    this.addFailure = null;
    this.password = null;
  }
}
