// 外機關通報 (#/inbound): files other agencies send — immigration's 出境滿2年 and 再入境 lists,
// death reports, court decisions — uploaded, each record a case of the office with a limit of
// 5 working days. The clerk closes a case by the registration number that followed it up, or
// with a note why none was needed; records that match nobody are listed as anomalies. The
// server parses the file, keeps it from being imported twice and checks the registration.

import * as api from '../api';
import type { InboundCase, InboundFeed, InboundImport, InboundKpi, InboundRecord } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kInboundFeeds: readonly InboundFeed[] = ['immigration', 'death', 'court'];

export class InboundFlow {
  cases: InboundCase[] | null = null;
  anomalies: InboundRecord[] | null = null;
  kpi: InboundKpi | null = null;
  listFailure: Msg | null = null;

  feed: InboundFeed = 'immigration';
  filename = '';
  text = '';
  result: InboundImport | null = null;
  uploadErrors: FieldError[] = [];
  uploadFailure: Msg | null = null;
  busy = false;

  closing: InboundCase | null = null;  // the case whose close form is open
  registration = '';
  note = '';
  closeErrors: FieldError[] = [];
  closeFailure: Msg | null = null;
  notice: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    await this.load(null);
  }

  async load(focusId: string | null): Promise<void> {
    if (!this.shell.session) return;
    try {
      const token = this.shell.token;
      [this.cases, this.anomalies, this.kpi] = await Promise.all([
        api.inboundCases(token, 'open'), api.inboundAnomalies(token),
        api.inboundKpi(token, new Date().getFullYear())]);
      this.listFailure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.listFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  fileRead(name: string, text: string): void {
    this.filename = name;
    this.text = text;
  }

  async upload(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.result = null;
    this.uploadFailure = null;
    this.notice = null;
    this.uploadErrors = this.text === '' ? [{ field: 'inbound-file', msg: { key: 'inbound.file_required' } }] : [];
    if (this.uploadErrors.length) {
      this.shell.show('inbound-upload-errors');
      return;
    }
    this.busy = true;
    this.shell.show('inbound-submit');
    try {
      this.result = await api.importInbound(this.shell.token, this.feed, this.filename, this.text);
      this.busy = false;
      this.shell.announce(t(this.result.repeated ? 'inbound.repeated' : 'inbound.imported', this.counts()));
      await this.load('inbound-result');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.uploadFailure = failureOf(err);
      this.shell.show('inbound-upload-errors');
    }
  }

  counts(): Record<string, number> {
    const f = this.result?.file;
    return { cases: f?.new_cases ?? 0, unchanged: f?.unchanged ?? 0, superseded: f?.superseded ?? 0,
      anomalies: f?.anomalies ?? 0, closed: f?.closed ?? 0 };
  }

  startClose(c: InboundCase): void {
    this.closing = c;
    this.result = null;  // the last upload's outcome is not about this case
    this.registration = '';
    this.note = '';
    this.closeErrors = [];
    this.closeFailure = null;
    this.notice = null;
    this.shell.show('inbound-close-title');
  }

  cancelClose(): void {
    const id = this.closing?.id;
    this.closing = null;
    this.shell.show(id ? `inbound-${id}-close` : null);
  }

  async close(): Promise<void> {
    const c = this.closing;
    if (this.busy || !c || !this.shell.session) return;
    this.closeFailure = null;
    const errors: FieldError[] = [];
    const reg = this.registration.trim();
    if (reg !== '' && !/^[1-9]\d{0,11}$/.test(reg)) {
      errors.push({ field: 'inbound-registration', msg: { key: 'inbound.registration_number' } });
    }
    if (reg === '' && this.note.trim() === '') {
      errors.push({ field: 'inbound-note', msg: { key: 'inbound.note_required' } });
    }
    this.closeErrors = errors;
    if (errors.length) {
      this.shell.show('inbound-close-errors');
      return;
    }
    const input: { application_id?: number; note: string; version: number } = { note: this.note.trim(), version: c.version };
    if (reg !== '') input.application_id = Number(reg);
    this.busy = true;
    try {
      const closed = await api.closeInboundCase(this.shell.token, c.id, input);
      this.busy = false;
      this.closing = null;
      this.notice = { key: 'inbound.closed_notice', params: { id: closed.id } };
      this.shell.announce(t('inbound.closed_notice', { id: closed.id }));
      await this.load('inbound-notice');
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.closeFailure = failureOf(err);
      this.shell.show('inbound-close-errors');
    }
  }
}
