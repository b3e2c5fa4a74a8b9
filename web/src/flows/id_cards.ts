// 國民身分證 at the counter (#/id-cards): a person's cards, an issue (初領/換領/補領) with its
// photo file and the serials of the blank card and laminate, loss reports and their revocation,
// and a household's 戶口名簿; and the blank stock (#/id-cards/stock): serial ranges received,
// serials spoiled, voided or returned as defective, the month's count (月報) and a physical
// count reconciled serial by serial. The rules (ages, which kind, the invariant) are the
// server's; this flow only gathers input and shows the answers.

import * as api from '../api';
import type { IdCardBatchResult, IdCardHolder, MonthlyStockCount, StockCount, StockItem } from '../api';
import { todayIso } from '../dates';
import { saveBlob } from '../dom';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

export const kIdCardKinds: readonly string[] = ['first', 'renewal', 'replacement'];
export const kIdentityChecks: readonly string[] = ['household_booklet', 'id_card', 'passport', 'student_id'];
export const kStockRemovals: readonly string[] = ['spoiled', 'voided', 'defective'];

// The serials a clerk typed or scanned for a count: one per line (or separated by spaces or
// commas), upper-cased, blanks dropped.
export function parseSerials(text: string): string[] {
  return text.split(/[\s,，、]+/).map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
}

// A school visit's students as the clerk types them: one a line, the ID number, the blank
// card's serial and the laminate's, separated by spaces or commas.
export interface BatchLine {
  personId: string;
  cardSerial: string;
  laminateSerial: string;
}
export function parseBatchLines(text: string): BatchLine[] | null {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const out: BatchLine[] = [];
  for (const line of lines) {
    const [personId, cardSerial, laminateSerial, ...rest] = parseSerials(line);
    if (!personId || !cardSerial || !laminateSerial || rest.length) return null;
    out.push({ personId, cardSerial, laminateSerial });
  }
  return out.length ? out : null;
}

export interface IssueForm {
  kind: string;
  cardSerial: string;
  laminateSerial: string;
  applicantName: string;
  identityCheck: string;
  waiver: string;
}

export class IdCardsFlow {
  view: 'counter' | 'stock' = 'counter';
  personId = '';
  holder: IdCardHolder | null = null;
  issue: IssueForm = { kind: 'first', cardSerial: '', laminateSerial: '', applicantName: '', identityCheck: 'household_booklet', waiver: '' };
  photo: File | null = null;
  booklet = { householdNo: '', kind: 'issue', applicantId: '', principalId: '', reason: '' };
  lossReason = '';
  batch = { school: '', lines: '' };
  batchPhotos: File[] = [];
  batchResult: IdCardBatchResult | null = null;
  notice: Msg | null = null;
  failure: Msg | null = null;
  busy = false;

  stock: StockItem[] = [];
  month = todayIso().slice(0, 7);
  monthly: MonthlyStockCount | null = null;
  receive = { item: 'card', first: '', last: '' };
  removal = { item: 'card', serial: '', status: 'spoiled', reason: '' };
  count = { item: 'card', serials: '' };
  lastCount: StockCount | null = null;

  constructor(private readonly shell: Shell) {}

  enter(param: string): void {
    this.view = param === 'stock' ? 'stock' : 'counter';
    this.notice = null;
    this.failure = null;
    if (this.view === 'stock') void this.loadStock(null);
  }

  private async run(focus: string, work: () => Promise<Msg | null>): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.busy = true;
    this.failure = null;
    this.notice = null;
    try {
      this.notice = await work();
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    } finally {
      this.busy = false;
    }
    this.shell.show(this.failure ? 'idc-failure' : focus);
  }

  lookup(): Promise<void> {
    return this.run('idc-person-title', async () => {
      this.holder = await api.idCardHolder(this.shell.token, this.personId.trim().toUpperCase());
      return null;
    });
  }

  submitIssue(): Promise<void> {
    return this.run('idc-notice', async () => {
      const holder = this.holder;
      if (!holder) return null;
      if (!this.photo) return { key: 'idc.photo_required' };
      const id = holder.person.id_number;
      const photoId = await api.uploadIdCardPhoto(this.shell.token, id, this.photo, api.newIdempotencyKey());
      const f = this.issue;
      const card = await api.issueIdCard(this.shell.token, {
        person_id: id, kind: f.kind, card_serial: f.cardSerial.trim().toUpperCase(),
        laminate_serial: f.laminateSerial.trim().toUpperCase(), photo_id: photoId,
        applicant_name: f.applicantName.trim() || holder.person.name, applicant_relation: 'self',
        identity_check: f.identityCheck, ...(f.waiver ? { waiver: f.waiver } : {}),
      }, api.newIdempotencyKey());
      this.holder = await api.idCardHolder(this.shell.token, id);
      this.issue.cardSerial = '';
      this.issue.laminateSerial = '';
      return { key: 'idc.issued', params: { serial: card.card_serial, fee: card.fee } };
    });
  }

  changeLoss(cardId: number, revoke: boolean): Promise<void> {
    return this.run('idc-notice', async () => {
      const holder = this.holder;
      if (!holder) return null;
      await api.changeIdCardLoss(this.shell.token, cardId, revoke, this.lossReason.trim(), api.newIdempotencyKey());
      this.holder = await api.idCardHolder(this.shell.token, holder.person.id_number);
      return { key: revoke ? 'idc.loss_revoked' : 'idc.loss_reported' };
    });
  }

  // 到校服務: each student's photo in the order of the lines, then one batch; each student's
  // result is shown (the server issues each on its own).
  submitBatch(): Promise<void> {
    return this.run('idc-batch-result', async () => {
      const lines = parseBatchLines(this.batch.lines);
      if (!lines) return { key: 'idc.batch_lines_invalid' };
      if (lines.length !== this.batchPhotos.length) return { key: 'idc.batch_photos_mismatch' };
      const students = [];
      for (const [i, l] of lines.entries()) {
        const file = this.batchPhotos[i];
        if (!file) return { key: 'idc.batch_photos_mismatch' };
        const photoId = await api.uploadIdCardPhoto(this.shell.token, l.personId, file, api.newIdempotencyKey());
        students.push({ person_id: l.personId, card_serial: l.cardSerial, laminate_serial: l.laminateSerial,
          photo_id: photoId, applicant_name: '學生本人', applicant_relation: 'self', identity_check: 'student_id' });
      }
      this.batchResult = await api.issueIdCardBatch(this.shell.token, this.batch.school.trim(), students, api.newIdempotencyKey());
      return null;
    });
  }

  submitBooklet(): Promise<void> {
    return this.run('idc-notice', async () => {
      const b = this.booklet;
      const issued = await api.issueBooklet(this.shell.token, {
        household_no: b.householdNo.trim().toUpperCase(), kind: b.kind, applicant_id: b.applicantId.trim().toUpperCase(),
        ...(b.principalId ? { principal_id: b.principalId.trim().toUpperCase(), reason: b.reason.trim() } : {}),
      }, api.newIdempotencyKey());
      return { key: 'idc.booklet_issued', params: { no: issued.household_no, fee: issued.fee } };
    });
  }

  async loadStock(focus: string | null): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.stock = (await api.idCardStock(this.shell.token)).items;
      this.monthly = await api.monthlyStockCount(this.shell.token, this.month);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    }
    this.shell.show(this.failure ? 'idc-failure' : focus);
  }

  submitReceive(): Promise<void> {
    return this.run('idc-notice', async () => {
      const r = this.receive;
      const done = await api.receiveIdCardStock(this.shell.token,
        { item: r.item, first: r.first.trim().toUpperCase(), last: r.last.trim().toUpperCase() }, api.newIdempotencyKey());
      await this.refresh();
      return { key: 'stock.received', params: { n: done.received } };
    });
  }

  submitRemoval(): Promise<void> {
    return this.run('idc-notice', async () => {
      const r = this.removal;
      const done = await api.removeIdCardStock(this.shell.token,
        { item: r.item, serial: r.serial.trim().toUpperCase(), status: r.status, reason: r.reason.trim() });
      await this.refresh();
      return { key: 'stock.removed', params: { serial: done.serial } };
    });
  }

  showMonth(): Promise<void> {
    return this.run('stock-month-title', async () => {
      this.monthly = await api.monthlyStockCount(this.shell.token, this.month);
      return null;
    });
  }

  submitCount(): Promise<void> {
    return this.run('stock-count-result', async () => {
      this.lastCount = await api.enterStockCount(this.shell.token,
        { month: this.month, item: this.count.item, serials: parseSerials(this.count.serials) }, api.newIdempotencyKey());
      await this.refresh();
      return null;
    });
  }

  async download(): Promise<void> {
    if (!this.shell.session) return;
    try {
      saveBlob(await api.monthlyStockCountCsv(this.shell.token, this.month), `id-card-stock-${this.month}.csv`);
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      this.shell.show('idc-failure');
    }
  }

  private async refresh(): Promise<void> {
    this.stock = (await api.idCardStock(this.shell.token)).items;
    this.monthly = await api.monthlyStockCount(this.shell.token, this.month);
  }
}
