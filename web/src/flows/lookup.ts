// 個人戶籍資料查詢: an ID number and a purpose, then the person, the household and the 記事.
// The number is checked here first (the clerk learns the reason at once, the server is spared
// an obviously wrong number); the server decides.

import * as api from '../api';
import type { PersonRecord } from '../api';
import { t } from '../i18n';
import { checkIdNumber } from '../id_number';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import { checkPurpose, emptyPurpose, purposeText } from '../purpose';
import type { ChosenPurpose, PurposeChoice } from '../purpose';
import type { Shell } from '../shell';

export class LookupFlow {
  idNumber = '';
  choice: PurposeChoice = emptyPurpose();
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  result: PersonRecord | null = null;
  // The purpose of the lookup that produced the result, as the server recorded it.
  resultPurpose: ChosenPurpose | null = null;

  constructor(private readonly shell: Shell) {}

  async submit(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.errors = [];
    const id = checkIdNumber(this.idNumber);
    this.idNumber = id.value;
    if (!id.valid) {
      this.errors.push({ field: 'id-number', msg: { key: `id.${id.reason}`, params: { n: id.value.length } } });
    }
    const chosen = checkPurpose(this.choice, this.errors);
    if (!id.valid || !chosen) {
      this.result = null;
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.shell.announce(t('lookup.busy'));
    try {
      const record = await api.lookupPerson(this.shell.token, id.value, purposeText(chosen));
      this.busy = false;
      this.result = record;
      this.resultPurpose = chosen;
      this.shell.show('result-title');
      this.shell.announce(t('lookup.loaded', { name: record.person.name }));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.result = null;
      this.failure = failureOf(err);
      if (err instanceof api.ApiError && err.body?.code.startsWith('id_number.')) {
        this.errors.push({ field: 'id-number', msg: { server: err.body } });
      }
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }

  // A relative or household member, with the purpose already chosen.
  lookupRelated(idNumber: string): Promise<void> {
    this.idNumber = idNumber;
    return this.submit();
  }

  // The household of the result, read with the purpose of this lookup.
  openHousehold(no: string): void {
    this.shell.openHousehold(no, this.resultPurpose);
  }
}
