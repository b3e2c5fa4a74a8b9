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
