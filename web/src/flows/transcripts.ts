// 戶籍謄本 (#/transcripts): the clerk names the household (a person's ID number or the 戶號),
// picks 現戶/除戶, the persons (部分), 詳細/省略記事 and the language, enters the applicant and
// the purpose, sees the preview exactly as it will print, then issues it: its check code,
// sheets and fee, and the PDF to print. The server decides who may obtain one (an unrelated
// applicant needs a reason), stamps, charges and audits; the preview is audited too.

import * as api from '../api';
import type {
  ApplicantRelation, IssuedTranscript, TranscriptDetail, TranscriptLanguage, TranscriptPreview,
  TranscriptRequest, TranscriptScope,
} from '../api';
import { saveBlob } from '../dom';
import { t } from '../i18n';
import { checkIdNumber, normalizeIdNumber } from '../id_number';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export const kApplicantRelations: readonly (ApplicantRelation | '')[] = ['', '本人', '戶內人口', '利害關係人', '受託人'];

export class TranscriptsFlow {
  subjectId = '';
  householdNo = '';
  scope: TranscriptScope = 'current';
  detail: TranscriptDetail = 'full';
  language: TranscriptLanguage = 'zh';
  members = '';  // ID numbers separated by commas or spaces (部分); empty: 全戶
  copies = '1';
  relation: ApplicantRelation | '' = '';  // '': the office's own use
  applicantName = '';
  applicantId = '';
  reason = '';
  purpose = '';

  preview: TranscriptPreview | null = null;
  issued: IssuedTranscript | null = null;
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  private previewed: string | null = null;  // the request the preview shows
  private pending: api.PendingPost = null;

  constructor(private readonly shell: Shell) {}

  // The request as typed, or null with `errors` set.
  private request(): TranscriptRequest | null {
    const errors: FieldError[] = [];
    const subject = this.subjectId.trim();
    const household = this.householdNo.trim().toUpperCase();
    if ((subject === '') === (household === '')) {
      errors.push({ field: 'tr-subject', msg: { key: 'transcripts.subject_or_household' } });
    } else if (subject !== '') {
      const c = checkIdNumber(subject);
      if (!c.valid) errors.push({ field: 'tr-subject', msg: { key: `id.${c.reason}`, params: { n: c.value.length } } });
    }
    const members = this.members.split(/[\s,，、]+/).filter((m) => m !== '').map(normalizeIdNumber);
    for (const m of members) {
      if (!checkIdNumber(m).valid) {
        errors.push({ field: 'tr-members', msg: { key: 'transcripts.members_invalid', params: { id: m } } });
        break;
      }
    }
    const copies = Number(this.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > 10) {
      errors.push({ field: 'tr-copies', msg: { key: 'transcripts.copies_invalid' } });
    }
    if (this.relation !== '') {
      if (this.applicantName.trim() === '') errors.push({ field: 'tr-applicant-name', msg: { key: 'register.field_required' } });
      const c = checkIdNumber(this.applicantId);
      if (!c.valid) errors.push({ field: 'tr-applicant-id', msg: { key: `id.${c.reason}`, params: { n: c.value.length } } });
    }
    if (this.purpose.trim() === '') errors.push({ field: 'tr-purpose', msg: { key: 'register.field_required' } });
    this.errors = errors;
    if (errors.length) return null;
    const input: TranscriptRequest = {
      scope: this.scope, detail: this.detail, language: this.language, purpose: this.purpose.trim(),
    };
    if (subject !== '') input.subject_id = normalizeIdNumber(subject);
    else input.household_no = household;
    if (members.length) input.members = members;
    if (copies !== 1) input.copies = copies;
    if (this.relation !== '') {
      input.applicant = { name: this.applicantName.trim(), id_number: normalizeIdNumber(this.applicantId),
        relation: this.relation };
    }
    if (this.reason.trim() !== '') input.reason = this.reason.trim();
    return input;
  }

  async showPreview(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.issued = null;
    const input = this.request();
    if (!input) {
      this.shell.show('tr-errors');
      return;
    }
    this.busy = true;
    try {
      this.preview = await api.previewTranscript(this.shell.token, input);
      this.previewed = JSON.stringify(input);
      this.busy = false;
      this.shell.show('tr-preview-title');
      this.shell.announce(t('transcripts.previewed', { sheets: this.preview.sheets, fee: this.preview.fee }));
    } catch (err) {
      this.busy = false;
      this.preview = null;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('tr-errors');
    }
  }

  async issue(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    const input = this.request();
    if (!input) {
      this.shell.show('tr-errors');
      return;
    }
    // What is printed is what the clerk saw: a changed request is previewed again first.
    if (this.previewed !== JSON.stringify(input)) {
      this.errors = [{ field: 'tr-preview', msg: { key: 'transcripts.preview_first' } }];
      this.shell.show('tr-errors');
      return;
    }
    this.pending = api.keyFor(this.pending, input);
    this.busy = true;
    this.shell.show('tr-issue');
    try {
      this.issued = await api.issueTranscript(this.shell.token, input, this.pending.key);
      this.busy = false;
      this.pending = null;
      this.shell.show('tr-issued-title');
      this.shell.announce(t('transcripts.issued', { id: this.issued.id }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('tr-errors');
    }
  }

  // The issued PDF, as a file to open and print (a blob: address: the token stays out of URLs).
  async pdf(): Promise<void> {
    if (!this.issued || !this.shell.session) return;
    try {
      saveBlob(await api.transcriptPdf(this.shell.token, this.issued.id), `transcript-${this.issued.id}.pdf`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('tr-errors');
    }
  }

  // A new request: the form emptied for the next applicant.
  reset(): void {
    Object.assign(this, new TranscriptsFlow(this.shell));
    this.shell.show('tr-subject');
  }
}
