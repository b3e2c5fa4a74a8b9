// 我的案件 (#/my-cases, #/my-cases/<案號>): the applications the signed-in clerk entered, by
// state, newest first, a page at a time; one case with its review note, the next step and its
// supporting documents (uploaded here). The server keeps no drafts: a form not yet sent is the
// registration screen's own.

import * as api from '../api';
import { DeliveriesOf } from './deliveries';
import type { Application, ApplicationStatus, PendingPost } from '../api';
import { t } from '../i18n';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

// What the clerk sees a case as: the server's status in the counter's words.
export type CaseState = 'sent' | 'needs_changes' | 'registered' | 'revoked';
export type CaseFilter = 'all' | ApplicationStatus;

export const kCaseFilters: readonly CaseFilter[] = ['all', 'pending_review', 'rejected', 'registered'];
const kPageSize = 20;
const kMaxDocumentBytes = 5 * 1024 * 1024;
const kDocumentTypes = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function caseState(a: Pick<Application, 'status' | 'revoked_by'>): CaseState {
  if (a.revoked_by) return 'revoked';
  if (a.status === 'rejected') return 'needs_changes';
  return a.status === 'registered' ? 'registered' : 'sent';
}

// The subject's name, else the person the registration created, else nothing.
export function subjectName(a: Application): string {
  const id = a.subject_id ?? a.result_subject_id;
  return id ? a.names?.[id] ?? '' : '';
}

// A document the clerk picked, checked before sending (the server checks again).
export function documentProblem(file: { size: number; type: string } | null): Msg | null {
  if (!file) return { key: 'cases.upload_choose' };
  if (!kDocumentTypes.has(file.type)) return { key: 'cases.upload_type' };
  if (file.size === 0 || file.size > kMaxDocumentBytes) return { key: 'cases.upload_size' };
  return null;
}

export class MyCasesFlow {
  filter: CaseFilter = 'all';
  items: Application[] | null = null;
  nextBefore: number | null = null;
  busy = false;
  failure: Msg | null = null;

  current: Application | null = null;
  caseFailure: Msg | null = null;
  // 跨機關通報: the consent recorded and each agency's delivery.
  readonly deliveries: DeliveriesOf;
  file: File | null = null;
  uploadError: Msg | null = null;
  uploading = false;
  uploaded = '';  // the file name last attached, for the confirmation
  private pendingUpload: PendingPost = null;

  constructor(private readonly shell: Shell) {
    this.deliveries = new DeliveriesOf(shell);
  }

  // #/my-cases: the list; #/my-cases/<id>: that case.
  enter(param: string): void {
    const id = /^\d+$/.test(param) ? Number(param) : null;
    if (id !== null) {
      void this.open(id);
    } else {
      this.current = null;
      void this.load();
    }
  }

  setFilter(filter: CaseFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    void this.load();
  }

  // The first page (more: the next page, appended).
  async load(more = false): Promise<void> {
    if (!this.shell.session || this.busy) return;
    this.busy = true;
    this.failure = null;
    const query: api.PageQuery = { mine: true, limit: kPageSize };
    if (this.filter !== 'all') query.status = this.filter;
    if (more && this.nextBefore !== null) query.before = this.nextBefore;
    if (!more) this.items = null;
    try {
      const page = await api.registrationPage(this.shell.token, query);
      this.busy = false;
      const first = more ? this.items?.length ?? 0 : 0;
      this.items = more ? [...(this.items ?? []), ...page.applications] : page.applications;
      this.nextBefore = page.next_before;
      const next = more ? this.items[first] : null;
      this.shell.show(next ? `case-link-${next.id}` : null);
      this.shell.announce(t('cases.loaded', { n: this.items.length }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('error-summary');
    }
  }

  async open(id: number): Promise<void> {
    if (!this.shell.session) return;
    if (this.current?.id !== id) {
      this.current = null;
      this.file = null;
      this.uploadError = null;
      this.uploaded = '';
      this.pendingUpload = null;
    }
    this.caseFailure = null;
    try {
      this.current = await api.getRegistration(this.shell.token, id);
      this.shell.show(null);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.caseFailure = failureOf(err);
      this.shell.show('error-summary');
      return;
    }
    await this.deliveries.load(id);
  }

  chooseFile(file: File | null): void {
    this.file = file;
    this.uploadError = null;
    this.uploaded = '';
  }

  async upload(): Promise<void> {
    const a = this.current;
    if (!a || this.uploading || !this.shell.session) return;
    this.uploadError = documentProblem(this.file);
    const file = this.file;
    if (this.uploadError || !file) {
      this.shell.show('case-document');
      return;
    }
    this.pendingUpload = api.keyFor(this.pendingUpload, [a.id, file.name, file.size, file.lastModified]);
    this.uploading = true;
    this.shell.show(null);
    try {
      await api.attachDocument(this.shell.token, a.id, file, this.pendingUpload.key);
      this.uploading = false;
      this.pendingUpload = null;
      this.file = null;
      this.uploaded = file.name;
      this.current = await api.getRegistration(this.shell.token, a.id);
      this.shell.show('upload-done');
      this.shell.announce(t('cases.uploaded', { name: file.name }));
    } catch (err) {
      this.uploading = false;
      if (this.shell.sessionLost(err)) return;
      this.uploadError = failureOf(err);
      this.shell.show('case-document');
    }
  }
}
