// Unit tests of the front end's pure modules (ID number check, i18n, dates, registration
// types), imported from their TypeScript sources (ts_hooks.mjs), so no browser and no build
// are needed. id_number.test.mjs checks the client against the server's own verdict.
//
//   npm test

import './ts_hooks.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// i18n sets <html lang>; Node has no DOM and no localStorage (so it starts in Chinese).
globalThis.document = { documentElement: { lang: '' } };

const { checkIdNumber } = await import('../src/id_number.ts');
const i18n = await import('../src/i18n.ts');

// value → expected verdict (DOMAIN §2). Add a row for every number a clerk reports.
const kCases = [
  ['A123456789', { valid: true, kind: 'citizen', sex: 'M' }],  // DOMAIN's own example
  ['A123456788', { valid: false, reason: 'checksum' }],
  ['A120394853', { valid: true, kind: 'citizen', sex: 'M' }],
  ['F226813578', { valid: true, kind: 'citizen', sex: 'F' }],
  ['Z100000002', { valid: true, kind: 'citizen', sex: 'M' }],
  ['I200000005', { valid: true, kind: 'citizen', sex: 'F' }],  // I = 34, out of order
  ['A800000014', { valid: true, kind: 'resident', sex: 'M' }],  // since 2021-01-02
  ['B901234562', { valid: true, kind: 'resident', sex: 'F' }],
  ['AC01234567', { valid: true, kind: 'resident', sex: 'M' }],  // legacy, two letters
  ['FB12345672', { valid: true, kind: 'resident', sex: 'F' }],
  ['FB12345673', { valid: false, reason: 'checksum' }],
  [' a123456789 ', { valid: true, kind: 'citizen', sex: 'M', value: 'A123456789' }],
  ['', { valid: false, reason: 'empty' }],
  ['   ', { valid: false, reason: 'empty' }],
  ['1234567890', { valid: false, reason: 'letter' }],
  ['臺123456789', { valid: false, reason: 'letter' }],
  ['A12345', { valid: false, reason: 'length' }],
  ['A1234567890', { valid: false, reason: 'length' }],
  ['A323456789', { valid: false, reason: 'second' }],
  ['AE23456789', { valid: false, reason: 'second' }],
  ['A1234B6789', { valid: false, reason: 'digits' }],
];

test('ID numbers: check digit, kind, sex and the reason for a rejection', () => {
  for (const [input, want] of kCases) {
    const got = checkIdNumber(input);
    for (const [k, v] of Object.entries(want)) {
      assert.equal(got[k], v, `${JSON.stringify(input)}: ${k}`);
    }
  }
});

test('i18n: parameters, server messages, relations, <html lang>', () => {
  for (const lang of ['zh', 'en']) {
    i18n.setLang(lang);
    for (const key of ['app.name', 'lookup.title', 'id.checksum', 'household.caption']) {
      assert.ok(i18n.t(key, { n: 3 }).length > 0, `${lang} ${key}`);
    }
  }
  i18n.setLang('zh');
  assert.equal(document.documentElement.lang, 'zh-Hant-TW');
  assert.equal(i18n.t('id.length', { n: 6 }), '統一編號應為 10 碼，目前輸入 6 碼');
  i18n.setLang('en');
  assert.equal(document.documentElement.lang, 'en');
  assert.equal(i18n.t('id.length', { n: 6 }), 'An ID number has 10 characters; you entered 6');
  assert.equal(i18n.localized({ message_zh: '錯', message_en: 'Wrong' }), 'Wrong');
  assert.equal(i18n.relationText('長子'), 'Eldest son');
  assert.equal(i18n.relationText('外曾孫'), '外曾孫', 'unknown relations stay as written');
  i18n.setLang('zh');
});

test('dates: ROC in Chinese, day month year in English', () => {
  i18n.setLang('zh');
  assert.equal(i18n.formatDate('1990-03-02'), '民國79年03月02日');
  assert.equal(i18n.formatDate('1990-03-02', '民國79年03月02日'), '民國79年03月02日');
  assert.equal(i18n.formatDate('1912-01-01'), '民國1年01月01日');
  assert.equal(i18n.formatDate('1911-12-31'), '民國前1年12月31日');
  assert.equal(i18n.formatDate('2024-05-01'), '民國113年05月01日');
  i18n.setLang('en');
  assert.equal(i18n.formatDate('1990-03-02', '民國79年03月02日'), '2 March 1990');
  assert.equal(i18n.formatDate('not a date'), 'not a date');
  i18n.setLang('zh');
});

const dates = await import('../src/dates.ts');
const messages = await import('../src/messages.ts');

// Typed text → the ISO date it means, or why it is none (dates.ts parseDateText). A clerk's
// report of a date the field misread becomes a row here.
const kTypedDates = [
  ['115/12/01', '2026-12-01'],
  ['1151201', '2026-12-01'],
  ['115.12.01', '2026-12-01'],
  ['115-12-01', '2026-12-01'],
  ['115/12/1', '2026-12-01'],
  ['115年12月1日', '2026-12-01'],
  ['民國115年12月1日', '2026-12-01'],
  ['民國115/12/01', '2026-12-01'],
  [' １１５／１２／０１ ', '2026-12-01'],  // a Chinese input method's full-width digits
  ['115。12。01', '2026-12-01'],
  ['2026-12-01', '2026-12-01'],
  ['2026/12/01', '2026-12-01'],
  ['20261201', '2026-12-01'],
  ['0790302', '1990-03-02'],
  ['790302', '1990-03-02'],  // 6 digits: a two-digit 民國 year
  ['79/3/2', '1990-03-02'],
  ['1/1/1', '1912-01-01'],   // 民國元年元旦, the first day there is
  ['113/02/29', '2024-02-29'],
  ['999/12/31', '2910-12-31'],
  ['115/02/30', { problem: 'day', year: 2026, month: 2, day: 30 }],
  ['114/02/29', { problem: 'day' }],
  ['1150230', { problem: 'day' }],
  ['115/13/01', { problem: 'month', month: 13 }],
  ['115/00/01', { problem: 'month' }],
  ['115/12/00', { problem: 'day' }],
  ['0/12/01', { problem: 'before_roc' }],
  ['民國前1年12月31日', { problem: 'before_roc' }],
  ['1911-12-31', { problem: 'before_roc' }],
  ['19111231', { problem: 'before_roc' }],
  ['3000-01-01', { problem: 'too_late' }],
  ['115/12-01', { problem: 'format' }],   // two different separators
  ['11512', { problem: 'format' }],
  ['115120', { problem: 'month' }],       // 6 digits read as 民國11年51月20日
  ['12/01', { problem: 'format' }],
  ['民國2026年12月1日', { problem: 'format' }],
  ['tomorrow', { problem: 'format' }],
];

test('dates: typed ROC and ISO dates, and why one is refused', () => {
  for (const [text, want] of kTypedDates) {
    const got = dates.parseDateText(text);
    if (typeof want === 'string') {
      assert.deepEqual(got, { ok: true, iso: want }, text);
    } else {
      assert.equal(got?.ok, false, text);
      for (const [k, v] of Object.entries(want)) assert.equal(got[k], v, `${text}: ${k}`);
    }
  }
  assert.equal(dates.parseDateText('   '), null);
  assert.equal(dates.isoOfText('1151201'), '2026-12-01');
  assert.equal(dates.isoOfText('115/02/30'), '');
  assert.equal(dates.rocSlash('2026-12-01'), '115/12/01');
});

test('dates: the whole date in words, as echoed beside the field', () => {
  assert.equal(dates.dateWords('2026-12-01', 'zh'), '民國115年12月1日（星期二）');
  assert.equal(dates.dateWords('2026-12-01', 'en'), 'Tuesday 1 December 2026 (ROC 115)');
  assert.equal(dates.dateWords('1912-01-01', 'zh'), '民國1年1月1日（星期一）');
  assert.equal(dates.dateWords('2024-02-29', 'en'), 'Thursday 29 February 2024 (ROC 113)');
});

test('dates: the messages a field shows on leaving it and a form on submitting', () => {
  const text = (m) => (m ? messages.msgText(m) : null);
  i18n.setLang('zh');
  assert.equal(text(messages.dateMsg('115/02/30', true)), '民國115年2月沒有30日');
  assert.equal(text(messages.dateMsg('', true)), '請輸入日期');
  assert.equal(messages.dateMsg('', false), null);
  assert.equal(text(messages.dateMsg('115/12/05', true, 'past', '2026-12-04')), '日期不得晚於今日');
  assert.equal(messages.dateMsg('115/12/04', true, 'past', '2026-12-04'), null);
  assert.equal(text(messages.dateMsg('115/12/04', true, 'future', '2026-12-04')), '日期須晚於今日');
  assert.match(text(messages.dateMsg('12/01', true)), /115\/12\/01、1151201/);
  i18n.setLang('en');
  assert.equal(text(messages.dateMsg('115/02/30', true)), 'February 2026 has no day 30');
  assert.equal(text(messages.dateMsg('115/13/01', true)), 'The month must be 1 to 12 (you typed 13)');
  assert.match(text(messages.dateMsg('0/1/1', true)), /before 1 January 1912/);
  const errors = [];
  assert.equal(messages.checkDateField(errors, 'event-date', '1151201', true), '2026-12-01');
  assert.equal(messages.checkDateField(errors, 'event-date', '115/02/30', true), '');
  assert.deepEqual(errors.map((e) => [e.field, e.msg.key]), [['event-date', 'date.day']]);
  i18n.setLang('zh');
});

const types = await import('../src/registration_types.ts');

// registration.h lists each type's `fields` keys in its header comment; the form's table
// (registration_types.ts) must offer the same keys. Keys the service sets itself are exempt.
test('registration types: the form asks for the fields that registration.h reads', async () => {
  const header = await readFile(new URL('../../src/domain/register/registration.h', import.meta.url), 'utf8')
    .catch(() => null);
  if (header === null) return;  // web/ on its own, without the server's source
  const start = header.indexOf('Registration::fields, per type');
  const end = header.indexOf('// Any type leaving');
  const perType = new Map();
  let current = null;
  for (const line of header.slice(start, end).split('\n').slice(1)) {
    const m = /^\/\/ {3}([a-z_]+)\s{2,}(.*)$/.exec(line);
    if (m) {
      current = m[1];
      perType.set(current, m[2]);
    } else if (current && /^\/\/ {4,}/.test(line)) {
      perType.set(current, `${perType.get(current)} ${line.replace(/^\/\/\s+/, '')}`);
    }
  }
  assert.deepEqual([...perType.keys()].sort(), [...types.kRegistrationTypes].sort());
  const kServerSet = new Set(['office_door_plate_id']);
  // "Any type leaving a household whose head the subject is … (new_head_id, …)".
  const anyType = header.slice(end, header.indexOf('#include', end));
  for (const [code, text] of perType) {
    const ours = types.kTypeSpecs[code].fields.map((f) => f.key);
    for (const key of ours) {
      assert.match(`${text} ${anyType}`, new RegExp(`\\b${key}\\b`), `${code}: ${key} is not in registration.h`);
    }
    // Keys with an underscore are unambiguous in the comment's prose.
    for (const key of text.match(/\b[a-z]+_[a-z0-9_]+\b/g) ?? []) {
      if (!kServerSet.has(key)) assert.ok(ours.includes(key), `${code}: registration.h reads ${key}; the form lacks it`);
    }
  }
});

// The hint beside each type names the period deadline.cc counts: only 遷入 counts from a
// move-in; 遷出 abroad counts 2 years abroad (§16 ¶3), 住址變更 3 months at the new address (§18).
test('registration types: the deadline hint names the period the server counts', async () => {
  const source = await readFile(new URL('../../src/domain/register/deadline.cc', import.meta.url), 'utf8')
    .catch(() => null);
  if (source === null) return;  // web/ on its own, without the server's source
  const rule = new Map();  // type code → the first DeadlineRule its case returns
  let labels = [];
  for (const line of source.split('\n')) {
    for (const m of line.matchAll(/case EventType::k(\w+):/g)) {
      labels.push(m[1].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase());
    }
    const r = /DeadlineRule::k(\w+)/.exec(line);
    if (r && labels.length > 0 && /return/.test(line)) {
      for (const code of labels) if (!rule.has(code)) rule.set(code, r[1]);
      labels = [];
    }
  }
  i18n.setLang('zh');
  for (const [code, spec] of Object.entries(types.kTypeSpecs)) {
    const hint = i18n.t(spec.deadline);
    if (code !== 'move_in') assert.doesNotMatch(hint, /遷入滿/, `${code}: ${hint}`);
    if (rule.get(code) === 'Move') assert.match(hint, /滿 3 個月後 30 日內/, code);
    if (rule.get(code) === 'Abroad') assert.match(hint, /出境滿 2 年後 30 日內/, code);
    if (rule.get(code) === 'OnRegistration') assert.match(hint, /生效/, code);
  }
  assert.equal(rule.get('address_change'), 'Move');
  assert.equal(rule.get('move_out'), 'Abroad');
  assert.match(i18n.t(types.kTypeSpecs.address_change.deadline), /^變更住址滿 3 個月後 30 日內/);
});

test('registration types: a server error is tied to the input it is about', () => {
  const cases = [
    ['registration.already_married', 'x', 'subject-id'],
    ['registration.spouse_already_married', 'x', 'spouse_id'],
    ['registration.future_date', 'x', 'event-date'],
    ['registration.field_required', 'the field place is required', 'place'],
    ['registration.id_invalid', 'mother_id is not a valid ID number: check digit', 'mother_id'],
    ['registration.destination_required', 'x', 'placement'],
    ['id_number.checksum', 'x', 'subject-id'],
    ['registration.concurrent_change', 'x', undefined],
  ];
  for (const [code, en, want] of cases) assert.equal(types.fieldOfError(code, en), want, code);
});

// ---- Choices instead of typing (issue 17 item 8) ----
const choices = await import('../src/choices.ts');
const places = await import('../src/places.ts');

test('choices: typing narrows a list; the exact one first, then those that begin with it; 台 finds 臺', () => {
  const list = [{ value: '長子', label: '長子' }, { value: '子', label: '子' }, { value: '配偶之子', label: '配偶之子' },
    { value: '同居人', label: '同居人', keys: ['Co-resident'] }];
  assert.deepEqual(choices.filterChoices(list, '子').map((c) => c.value), ['子', '長子', '配偶之子']);
  assert.deepEqual(choices.filterChoices(list, '同').map((c) => c.value), ['同居人']);
  assert.deepEqual(choices.filterChoices(list, 'co-RES').map((c) => c.value), ['同居人']);
  assert.equal(choices.filterChoices(list, '  ').length, 4);
  assert.deepEqual(choices.filterChoices(list, '美國'), []);
  const p = choices.placeChoices();
  assert.equal(p.length, 22 + 368);
  assert.equal(choices.filterChoices(p, '台北')[0].value, '臺北市');
  assert.equal(choices.filterChoices(p, '北斗')[0].value, '彰化縣北斗鎮');
  assert.equal(choices.filterChoices(p, '板橋')[0].value, '新北市板橋區');
  assert.equal(choices.birthWords('1990-03-02', 'zh'), '民國79年3月2日');
  assert.equal(choices.birthWords('1990-03-02', 'en'), '2 March 1990');
});

test('choices: the type search finds a type by its name in either language or its function code', async () => {
  const { typeChoices } = await import('../src/flows/register.ts');
  const all = typeChoices();
  const find = (q) => choices.filterChoices(all, q).map((c) => c.value);
  assert.equal(find('死')[0], 'death');
  assert.equal(find('遷')[0], 'move_in');
  assert.equal(find('02')[0], 'death');
  assert.equal(find('death')[0], 'death');
  assert.ok(find('收養').includes('adoption_termination'));
  const codes = Object.values(types.kTypeCodes);
  assert.equal(new Set(codes).size, types.kRegistrationTypes.length, 'one code per type');
  for (const c of codes) assert.match(c, /^\d{2}$/);
});

// The place list is the C++ table the address parser uses, county by county, district by district.
test('choices: the places are src/core/admin_divisions.cc', async () => {
  const cc = await readFile(new URL('../../src/core/admin_divisions.cc', import.meta.url), 'utf8').catch(() => null);
  if (cc === null) return;
  const table = [...cc.matchAll(/\{"([^"]+)", '[A-Z]', \{([^}]*)\}\}/g)]
    .map((m) => [m[1], [...m[2].matchAll(/"([^"]+)"/g)].map((d) => d[1])]);
  assert.deepEqual(places.kCounties.map(([c, ds]) => [c, [...ds]]), table);
});

// The 稱謂 offered are the words derive_relation() writes (less 戶長), and no others.
test('choices: the 稱謂 are those src/domain/register/registration.cc derives', async () => {
  const cc = await readFile(new URL('../../src/domain/register/registration.cc', import.meta.url), 'utf8').catch(() => null);
  if (cc === null) return;
  const body = cc.slice(cc.indexOf('Result<std::string> derive_relation('), cc.indexOf('Result<Plan> plan('));
  const words = new Set([...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  const prefixes = [...cc.slice(cc.indexOf('kPrefix[]'), cc.indexOf('};', cc.indexOf('kPrefix[]')))
    .matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  for (const p of prefixes) { words.add(`${p}子`); words.add(`${p}女`); }
  words.delete('戶長');
  assert.deepEqual([...choices.kRelationWords].sort(), [...words].sort());
});
