// 法規數值 (#/rules): the statutory figures the rules count with, by effective date. Admins and
// supervisors see every version and its figures; an admin loads a later version from its text
// (the server checks it whole and refuses one that would apply before today).

import * as api from '../api';
import type { RuleVersion } from '../api';
import { addDaysIso, todayIso } from '../dates';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export class RulesFlow {
  versions: RuleVersion[] | null = null;
  listFailure: Msg | null = null;
  shown: string | null = null;  // effective_from of the version whose figures are shown
  notice: Msg | null = null;

  text = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.versions = await api.listRuleVersions(this.shell.token);
      this.listFailure = null;
      const inForce = this.versions.find((v) => v.in_force) ?? this.versions[0];
      this.shown ??= inForce?.effective_from ?? null;
      // A draft of the next version: the one in force, from tomorrow.
      if (this.text === '' && inForce) {
        this.text = inForce.text.replace(/^effective .*$/m, `effective ${addDaysIso(todayIso(), 1)}`);
      }
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(null);
  }

  show(effectiveFrom: string): void {
    this.shown = effectiveFrom;
    this.shell.show('figures-title');
  }

  async load(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    this.notice = null;
    if (this.text.trim() === '') {
      this.errors.push({ field: 'rules-text', msg: { key: 'rules.text_required' } });
      this.shell.show('rules-errors');
      return;
    }
    this.busy = true;
    this.shell.show('rules-submit');
    try {
      const loaded = await api.loadRuleVersions(this.shell.token, this.text);
      this.busy = false;
      const dates = loaded.map((v) => v.effective_from).join(', ');
      this.notice = { key: 'rules.loaded', params: { dates } };
      this.shown = loaded[0]?.effective_from ?? this.shown;
      await this.enter();
      this.shell.show('rules-notice');
      this.shell.announce(t('rules.loaded', { dates }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('rules-errors');
    }
  }
}
