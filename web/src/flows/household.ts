// 戶籍資料 (#/household/<戶號>): one household with its address and members. Like a person
// lookup, every read is audited with a purpose; coming from a lookup result, the purpose of
// that lookup is used, otherwise the clerk chooses one.

import * as api from '../api';
import type { HouseholdDetail, RegisterEvent } from '../api';
import { t } from '../i18n';
import { normalizeIdNumber } from '../id_number';
import { failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import { checkPurpose, emptyPurpose, purposeText } from '../purpose';
import type { ChosenPurpose, PurposeChoice } from '../purpose';
import type { Shell } from '../shell';

const kHouseholdNo = /^[A-Z]\d{7}$/;

export class HouseholdFlow {
  no = '';
  choice: PurposeChoice = emptyPurpose();
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  result: HouseholdDetail | null = null;
  resultPurpose: ChosenPurpose | null = null;
  // Each member's 記事, read one by one with the household's purpose (each read audited).
  memberEvents = new Map<string, RegisterEvent[] | Msg>();
  private autoLoad = false;

  constructor(private readonly shell: Shell) {}

  // Called before navigating here from a lookup result: read at once with that purpose.
  prepare(no: string, purpose: ChosenPurpose | null): void {
    this.no = no;
    this.choice = purpose ? { ...purpose } : emptyPurpose();
    this.result = null;
    this.errors = [];
    this.failure = null;
    this.autoLoad = purpose !== null;
  }

  enter(no: string): void {
    if (no !== this.no || (this.result && this.result.household_no !== no)) {
      this.no = no;
      this.result = null;
      this.memberEvents = new Map();
      this.errors = [];
      this.failure = null;
    }
    if (this.autoLoad) {
      this.autoLoad = false;
      void this.submit();
    }
  }

  async submit(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.errors = [];
    this.failure = null;
    const no = normalizeIdNumber(this.no);
    this.no = no;
    if (no === '') this.errors.push({ field: 'household-no', msg: { key: 'hh.no_required' } });
    else if (!kHouseholdNo.test(no)) this.errors.push({ field: 'household-no', msg: { key: 'register.household_no_invalid' } });
    const purpose = checkPurpose(this.choice, this.errors);
    if (this.errors.length || !purpose) {
      this.result = null;
      this.shell.show('error-summary');
      return;
    }
    // The URL names the household shown.
    const hash = `#/household/${encodeURIComponent(no)}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    this.busy = true;
    this.shell.announce(t('lookup.busy'));
    try {
      const hh = await api.lookupHousehold(this.shell.token, no, purposeText(purpose));
      this.busy = false;
      this.result = hh;
      this.memberEvents = new Map();
      this.resultPurpose = purpose;
      this.shell.show('result-title');
      this.shell.announce(t('hh.loaded', { no: hh.household_no, n: hh.members.length }));
      void this.loadMemberEvents(hh, purposeText(purpose));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.result = null;
      this.failure = failureOf(err);
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }

  private async loadMemberEvents(hh: HouseholdDetail, purpose: string): Promise<void> {
    for (const m of hh.members) {
      if (this.result !== hh) return;  // another household was opened meanwhile
      try {
        const record = await api.lookupPerson(this.shell.token, m.id_number, purpose);
        if (this.result !== hh) return;
        this.memberEvents.set(m.id_number, record.events);
      } catch (err) {
        if (this.shell.sessionLost(err)) return;
        if (this.result !== hh) return;
        this.memberEvents.set(m.id_number, failureOf(err));
      }
      this.shell.show(null);
    }
    this.shell.announce(t('hh.events_loaded'));
  }

  // A member's own record, with the purpose this household was read for.
  lookUp(idNumber: string): Promise<void> {
    return this.shell.lookupFrom(idNumber, this.resultPurpose ?? { purpose: 'application', other: '' });
  }
}
