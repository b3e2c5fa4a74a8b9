// 個人戶籍資料查詢: an ID number and a purpose, then the person, the household and the 記事.
// The number is checked here first (the clerk learns the reason at once, the server is spared
// an obviously wrong number); the server decides. Or a search (issue 17 item 7): by name
// (narrowed by birth date or household) for a list of persons to pick from, or by address
// for the door plates there and their households; the search is audited with its purpose too.

import * as api from '../api';
import type { DoorPlateMatch, PersonMatch, PersonRecord } from '../api';
import { t } from '../i18n';
import { checkIdNumber } from '../id_number';
import { checkDateField, failureOf } from '../messages';
import type { FieldError, Msg } from '../messages';
import { checkPurpose, emptyPurpose, purposeText } from '../purpose';
import type { ChosenPurpose, PurposeChoice } from '../purpose';
import type { Shell } from '../shell';

export type SearchMode = 'id' | 'name' | 'address';

export class LookupFlow {
  mode: SearchMode = 'id';
  idNumber = '';
  name = '';
  birthDate = '';  // as typed
  householdNo = '';
  address = '';
  // The last search's matches (null: none made, or a lookup shown instead).
  persons: PersonMatch[] | null = null;
  plates: DoorPlateMatch[] | null = null;
  truncated = false;
  choice: PurposeChoice = emptyPurpose();
  errors: FieldError[] = [];
  failure: Msg | null = null;
  busy = false;
  result: PersonRecord | null = null;
  // The purpose of the lookup that produced the result, as the server recorded it.
  resultPurpose: ChosenPurpose | null = null;

  constructor(private readonly shell: Shell) {}

  setMode(mode: SearchMode): void {
    this.mode = mode;
    this.errors = [];
    this.failure = null;
    this.shell.show(null);
  }

  submit(): Promise<void> {
    return this.mode === 'id' ? this.lookUp() : this.search();
  }

  private async lookUp(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.errors = [];
    this.persons = null;
    this.plates = null;
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

  private async search(): Promise<void> {
    if (this.busy || !this.shell.session) return;
    this.failure = null;
    this.errors = [];
    const byName = this.mode === 'name';
    let birthDate = '';
    if (byName) {
      this.name = this.name.trim();
      if (this.name === '') this.errors.push({ field: 'search-name', msg: { key: 'search.name_required' } });
      birthDate = checkDateField(this.errors, 'search-birth', this.birthDate, false, 'past');
      this.householdNo = this.householdNo.trim();
    } else {
      this.address = this.address.trim();
      if (this.address === '') this.errors.push({ field: 'search-address', msg: { key: 'search.address_required' } });
    }
    const chosen = checkPurpose(this.choice, this.errors);
    if (this.errors.length || !chosen) {
      this.shell.show('error-summary');
      return;
    }
    this.busy = true;
    this.shell.announce(t('lookup.busy'));
    try {
      const token = this.shell.token;
      const purpose = purposeText(chosen);
      let n: number;
      if (byName) {
        const r = await api.searchPersons(token,
          { name: this.name, birthDate, householdNo: this.householdNo }, purpose);
        this.persons = r.persons;
        this.plates = null;
        this.truncated = r.truncated;
        n = r.persons.length;
      } else {
        const r = await api.searchDoorPlates(token, this.address, purpose);
        this.plates = r.door_plates;
        this.persons = null;
        this.truncated = r.truncated;
        n = r.door_plates.length;
      }
      this.busy = false;
      this.result = null;
      this.resultPurpose = chosen;
      this.shell.show('matches-title');
      this.shell.announce(n ? t('search.found', { n }) : t('search.none'));
    } catch (err) {
      this.busy = false;
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
      if (err instanceof api.ApiError && err.body?.code.startsWith('address.')) {
        this.errors.push({ field: 'search-address', msg: { server: err.body } });
      }
      this.shell.announce('');
      this.shell.show('error-summary');
    }
  }

  // A relative or household member, or a person picked from a search's matches, with the
  // purpose already chosen.
  lookupRelated(idNumber: string): Promise<void> {
    this.mode = 'id';
    this.idNumber = idNumber;
    if (this.resultPurpose && this.choice.purpose === '') this.choice = { ...this.resultPurpose };
    return this.lookUp();
  }

  // The household of the result, read with the purpose of this lookup.
  openHousehold(no: string): void {
    this.shell.openHousehold(no, this.resultPurpose);
  }
}
