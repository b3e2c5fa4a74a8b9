// 印鑑 (#/seals): find a person, see their registered seal, register, change or abolish it,
// compare the impression on an application with it (side by side, the overlay, the verdict),
// and issue a seal certificate once the clerk has looked and confirms. The comparison and its
// verdict are the server's; it assists the clerk and never decides alone.

import * as api from '../api';
import type { Seal, SealApplicant, SealCertificate, SealComparison } from '../api';
import { saveBlob } from '../dom';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import type { Shell } from '../shell';

export type SealAction = 'register' | 'change' | 'abolish' | 'compare';

export interface ApplicantForm {
  kind: 'self' | 'agent';
  name: string;
  idNumber: string;
}

export function applicantOf(f: ApplicantForm): SealApplicant {
  return f.kind === 'agent' ? { kind: 'agent', name: f.name.trim(), id_number: f.idNumber.trim() } : { kind: 'self' };
}

// A PNG file's bytes as base64 (what the API takes).
export async function pngBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// Errors of a form before anything is sent (field ids of the screen).
export function checkSealForm(action: SealAction, file: File | null, applicant: ApplicantForm,
  reason: string): FieldError[] {
  const errors: FieldError[] = [];
  if (action !== 'abolish' && !file) errors.push({ field: 'seal-file', msg: { key: 'seals.file_required' } });
  if (file && file.type && file.type !== 'image/png') errors.push({ field: 'seal-file', msg: { key: 'seals.png_only' } });
  if (action !== 'compare' && applicant.kind === 'agent') {
    if (!applicant.name.trim()) errors.push({ field: 'seal-agent-name', msg: { key: 'register.field_required' } });
    if (!applicant.idNumber.trim()) errors.push({ field: 'seal-agent-id', msg: { key: 'register.field_required' } });
  }
  if (action === 'abolish' && reason.length > 200) errors.push({ field: 'seal-reason', msg: { key: 'seals.reason_long' } });
  return errors;
}

export class SealsFlow {
  idNumber = '';
  personId = '';
  seals: Seal[] = [];
  sealImageUrl = '';
  loadFailure: Msg | null = null;

  action: SealAction | null = null;
  file: File | null = null;
  applicant: ApplicantForm = { kind: 'self', name: '', idNumber: '' };
  reason = '';
  errors: FieldError[] = [];
  failure: Msg | null = null;
  notice: Msg | null = null;
  busy = false;

  candidateUrl = '';
  candidatePng = '';
  comparison: SealComparison | null = null;
  purpose = '';
  sheets = '1';
  confirmed = false;
  certificate: SealCertificate | null = null;
  private pending: api.PendingPost = null;

  constructor(private readonly shell: Shell) {}

  get current(): Seal | undefined {
    return this.seals.find((s) => s.status === 'current');
  }

  async find(): Promise<void> {
    if (!this.shell.session) return;
    const id = this.idNumber.trim().toUpperCase();
    this.reset();
    if (!/^[A-Z][0-9A-Z][0-9]{8}$/.test(id)) {
      this.loadFailure = { key: 'seals.id_invalid' };
      this.shell.show('seal-id');
      return;
    }
    this.personId = id;
    await this.reload('seal-person-title');
  }

  private reset(): void {
    this.personId = '';
    this.seals = [];
    this.loadFailure = null;
    this.notice = null;
    this.closeAction();
    this.clearComparison();
  }

  private async reload(focusId: string | null): Promise<void> {
    try {
      this.seals = await api.personSeals(this.shell.token, this.personId);
      this.loadFailure = null;
      if (this.sealImageUrl) URL.revokeObjectURL(this.sealImageUrl);
      this.sealImageUrl = '';
      const cur = this.current;
      if (cur) this.sealImageUrl = URL.createObjectURL(await api.sealImage(this.shell.token, cur));
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.seals = [];
      this.loadFailure = failureOf(err);
    }
    this.shell.show(focusId);
  }

  open(action: SealAction): void {
    this.action = action;
    this.file = null;
    this.applicant = { kind: 'self', name: '', idNumber: '' };
    this.reason = '';
    this.errors = [];
    this.failure = null;
    this.notice = null;
    this.shell.show('seal-form-title');
  }

  setApplicantKind(kind: 'self' | 'agent'): void {
    this.applicant.kind = kind;
    this.shell.show(`seal-applicant-${kind}`);
  }

  cancel(): void {
    this.closeAction();
    this.shell.show('seal-person-title');
  }

  closeAction(): void {
    this.action = null;
    this.errors = [];
    this.failure = null;
  }

  clearComparison(): void {
    if (this.candidateUrl) URL.revokeObjectURL(this.candidateUrl);
    this.candidateUrl = '';
    this.candidatePng = '';
    this.comparison = null;
    this.certificate = null;
    this.confirmed = false;
    this.purpose = '';
    this.sheets = '1';
  }

  async submit(): Promise<void> {
    const action = this.action;
    const seal = this.current;
    if (!action || this.busy) return;
    this.errors = checkSealForm(action, this.file, this.applicant, this.reason);
    this.failure = null;
    if (this.errors.length) {
      this.shell.show('seal-errors');
      return;
    }
    this.busy = true;
    try {
      const png = this.file ? await pngBase64(this.file) : '';
      const applicant = applicantOf(this.applicant);
      if (action === 'compare' && seal && this.file) {
        this.clearComparison();
        this.candidatePng = png;
        this.candidateUrl = URL.createObjectURL(this.file);
        this.comparison = await api.compareWithSeal(this.shell.token, seal.id, png);
        this.action = null;
        this.busy = false;
        this.shell.show('seal-compare-title');
        return;
      }
      const input = { action, png, applicant, reason: this.reason, seal: seal?.id ?? 0 };
      this.pending = api.keyFor(this.pending, input);
      const key = this.pending.key;
      if (action === 'register') await api.registerSeal(this.shell.token, this.personId, png, applicant, key);
      else if (action === 'change' && seal) await api.changeSeal(this.shell.token, seal.id, png, applicant, key);
      else if (action === 'abolish' && seal) await api.abolishSeal(this.shell.token, seal.id, applicant, this.reason, key);
      this.pending = null;
      this.notice = { key: `seals.done.${action}` };
      this.action = null;
      this.clearComparison();
      this.busy = false;
      await this.reload('seal-notice');
      return;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    }
    this.busy = false;
    this.shell.show('seal-errors');
  }

  async issue(): Promise<void> {
    const seal = this.current;
    if (!seal || !this.comparison || this.busy) return;
    this.errors = [];
    this.failure = null;
    if (!this.purpose.trim()) this.errors.push({ field: 'seal-purpose', msg: { key: 'register.field_required' } });
    const sheets = Number(this.sheets);
    if (!Number.isInteger(sheets) || sheets < 1 || sheets > 10) this.errors.push({ field: 'seal-sheets', msg: { key: 'seals.sheets_range' } });
    if (!this.confirmed) this.errors.push({ field: 'seal-confirm', msg: { key: 'seals.confirm_required' } });
    if (this.errors.length) {
      this.shell.show('seal-cert-errors');
      return;
    }
    this.busy = true;
    try {
      const input = { candidate: this.candidatePng, purpose: this.purpose.trim(), sheets,
        applicant: applicantOf(this.applicant), confirmed: true };
      this.pending = api.keyFor(this.pending, input);
      this.certificate = await api.issueSealCertificate(this.shell.token, seal.id, input, this.pending.key);
      this.pending = null;
      this.busy = false;
      this.shell.show('seal-certificate-title');
      return;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    }
    this.busy = false;
    this.shell.show('seal-cert-errors');
  }

  async downloadPdf(): Promise<void> {
    const c = this.certificate;
    if (!c) return;
    try {
      saveBlob(await api.sealCertificatePdf(this.shell.token, c.id), `seal-certificate-${c.id}.pdf`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('seal-cert-errors');
    }
  }
}
