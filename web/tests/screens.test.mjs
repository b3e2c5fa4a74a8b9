// Unit tests of screens and components (src/screens/, src/components/) in happy-dom: a screen
// is a function of its flow's state, so it is drawn from a flow set up by hand and checked
// for what a clerk and a screen reader get (texts, ids, aria-invalid, links, hidden fields).
// The browser tests run the same screens in Chromium on a real huji.
//
//   npm test

import './ts_hooks.mjs';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';

const window = new Window({ url: 'http://huji.test/' });
globalThis.document = window.document;
globalThis.localStorage = window.localStorage;

const i18n = await import('../src/i18n.ts');
const { LookupFlow } = await import('../src/flows/lookup.ts');
const { HouseholdFlow } = await import('../src/flows/household.ts');
const { renderLookup } = await import('../src/screens/lookup.ts');
const { renderHousehold } = await import('../src/screens/household.ts');
const { renderForbidden } = await import('../src/screens/forbidden.ts');
const { LoginFlow } = await import('../src/flows/login.ts');
const { renderLogin } = await import('../src/screens/login.ts');
const { UsersFlow } = await import('../src/flows/users.ts');
const { renderUsers } = await import('../src/screens/users.ts');

function fakeShell(role = 'clerk') {
  return {
    session: { token: 't', user: { role, display_name: '王承辦', office_name: '臺北市文山區戶政事務所' } },
    token: 't',
    role,
    show() {},
    announce() {},
    sessionLost: () => false,
    signedIn() {},
    lookupFrom: () => Promise.resolve(),
    openHousehold() {},
    navItems: () => [
      { route: 'lookup', label: 'nav.lookup', current: true },
      { route: 'household', label: 'nav.household', current: false },
    ],
    switchLanguage() {},
    logout: () => Promise.resolve(),
  };
}

// Draws the screen into the document, as App.render does.
function draw(nodes) {
  document.body.replaceChildren(...nodes);
  return (selector) => document.querySelector(selector);
}

const change = (el, value) => {
  el.value = value;
  el.dispatchEvent(new window.Event('change'));
};
const input = (el, value) => {
  el.value = value;
  el.dispatchEvent(new window.Event('input'));
};

const kRecord = {
  person: {
    id_number: 'A123456789', name: '王小明', sex: 'M', birth_date: '1990-03-02',
    birth_date_roc: '民國79年03月02日', birth_place: '臺北市', status: 'active', removal_reason: '',
    indigenous: '', relation: '戶長', birth_order: 1, father: null, mother: null,
    spouse: { id_number: 'F226813578', name: '林美麗' },
  },
  household: {
    household_no: 'F1234567', address: '臺北市文山區木柵路一段1號', head_id_number: 'A123456789',
    members: [
      { id_number: 'A123456789', name: '王小明', relation: '戶長', sex: 'M', birth_date: '1990-03-02',
        birth_date_roc: '民國79年03月02日', status: 'active' },
      { id_number: 'F226813578', name: '林美麗', relation: '配偶', sex: 'F', birth_date: '1991-05-06',
        birth_date_roc: '民國80年05月06日', status: 'active' },
    ],
  },
  events: [{ seq: 1, text_zh: '民國79年03月02日出生', text_en: '1990-03-02 Born' }],
};

beforeEach(() => i18n.setLang('zh'));

test('page frame: the role\'s navigation with the current page marked, the user and sign-out', () => {
  const $ = draw(renderLookup(fakeShell(), new LookupFlow(fakeShell())));
  const links = [...document.querySelectorAll('.site-nav a')];
  assert.deepEqual(links.map((a) => [a.id, a.getAttribute('href'), a.textContent]),
    [['nav-lookup', '#/lookup', i18n.t('nav.lookup')], ['nav-household', '#/household', i18n.t('nav.household')]]);
  assert.equal(links[0].getAttribute('aria-current'), 'page');
  assert.equal(links[1].getAttribute('aria-current'), null);
  assert.match($('.site-header').textContent, /王承辦/);
  assert.ok($('#logout'));
  assert.equal($('a.skip-link').getAttribute('href'), '#main');
});

test('lookup: errors in the summary, linked to their fields, and on the fields', () => {
  const s = new LookupFlow(fakeShell());
  s.idNumber = 'A123456788';
  s.errors = [
    { field: 'id-number', msg: { key: 'id.checksum' } },
    { field: 'purpose', msg: { key: 'lookup.purpose_required' } },
  ];
  const $ = draw(renderLookup(fakeShell(), s));
  const links = [...document.querySelectorAll('#error-summary a')].map((a) => [a.getAttribute('href'), a.textContent]);
  assert.deepEqual(links, [['#id-number', i18n.t('id.checksum')], ['#purpose', i18n.t('lookup.purpose_required')]]);
  assert.equal($('#error-summary').getAttribute('role'), 'alert');
  for (const id of ['id-number', 'purpose']) {
    assert.equal($(`#${id}`).getAttribute('aria-invalid'), 'true', id);
    assert.ok($(`#${id}`).getAttribute('aria-describedby').split(' ').includes(`${id}-error`), id);
  }
  assert.equal($('#id-number').value, 'A123456788');
  assert.equal($('#id-number').getAttribute('maxlength'), '10');
  assert.equal($('#purpose-other').closest('.field').hidden, true, '其他事由 hidden until 其他 is chosen');
  assert.equal($('#result-title'), null);
});

test('purpose picker: 其他 shows the description, and the choice is written into the flow', () => {
  for (const [render, flow] of [[renderLookup, new LookupFlow(fakeShell())], [renderHousehold, new HouseholdFlow(fakeShell())]]) {
    const $ = draw(render(fakeShell(), flow));
    const options = [...$('#purpose').options].map((o) => o.value);
    assert.deepEqual(options, ['', 'application', 'verification', 'notification', 'audit', 'other']);
    change($('#purpose'), 'other');
    assert.equal(flow.choice.purpose, 'other');
    assert.equal($('#purpose-other').closest('.field').hidden, false);
    input($('#purpose-other'), '法院函查');
    assert.equal(flow.choice.other, '法院函查');
    change($('#purpose'), 'audit');
    assert.equal($('#purpose-other').closest('.field').hidden, true);
    assert.equal($('label[for=purpose]').textContent, '查詢事由');
  }
});

test('lookup result: the purpose recorded, the person, the household and the 記事, in zh and en', () => {
  const s = new LookupFlow(fakeShell());
  const related = [];
  const households = [];
  s.lookupRelated = (id) => { related.push(id); return Promise.resolve(); };
  s.openHousehold = (no) => households.push(no);
  s.result = kRecord;
  s.resultPurpose = { purpose: 'other', other: '法院函查' };
  let $ = draw(renderLookup(fakeShell(), s));
  assert.equal($('#result-title').textContent, '查詢結果：王小明');
  assert.equal($('.result__meta').textContent, '查詢事由：其他（法院函查）');
  assert.equal($('tr.is-subject th').textContent, '王小明本次查詢對象');
  assert.equal(document.querySelectorAll('table tbody tr').length, 2);
  assert.equal($('ol.events li').textContent, '民國79年03月02日出生');

  $('#person-heading + dl button[data-id-number]').click();
  $('tr:not(.is-subject) button.link-button').click();
  assert.deepEqual(related, ['F226813578', 'F226813578'], 'spouse and member looked up');
  $('#household-link').dispatchEvent(new window.MouseEvent('click', { cancelable: true }));
  assert.deepEqual(households, ['F1234567']);

  i18n.setLang('en');
  $ = draw(renderLookup(fakeShell(), s));
  assert.equal($('.result__meta').textContent, 'Purpose recorded: Other (法院函查)');
  assert.equal($('ol.events li').textContent, '1990-03-02 Born');
  assert.equal($('.person-name').getAttribute('lang'), 'zh-Hant-TW');
});

test('forbidden: the screen\'s title and the role, no data', () => {
  const $ = draw(renderForbidden(fakeShell('auditor'), 'review.title'));
  assert.equal($('h1').textContent, '審核');
  assert.match($('#notice').textContent, /稽核人員/);
  assert.equal($('table'), null);
  // The way back leads to a screen the role may use.
  assert.equal($('a.link').getAttribute('href'), '#/audit/');
  assert.equal($('a.link').textContent, '回到存取紀錄查詢');
});

test('sign-in: the one-time code field appears only once the server asks for it', () => {
  const s = new LoginFlow(fakeShell());
  let $ = draw(renderLogin(fakeShell(), s));
  assert.equal($('#otp'), null);
  s.otpNeeded = true;
  s.errors = [{ field: 'otp', msg: { key: 'login.otp_required' } }];
  $ = draw(renderLogin(fakeShell(), s));
  const otp = $('#otp');
  assert.ok(otp);
  assert.equal(otp.getAttribute('autocomplete'), 'one-time-code');
  assert.equal(otp.getAttribute('inputmode'), 'numeric');
  assert.equal($('label[for=otp]').textContent.includes('一次性密碼'), true);
  assert.equal(otp.getAttribute('aria-invalid'), 'true');
  input(otp, '123456');
  assert.equal(s.otp, '123456');
});

// An admin lands on 人員帳號: when next year's calendar is missing the page says so first,
// with the way to the calendar; a generated password is shown once, above the list.
test('staff accounts: the missing-calendar warning and a password shown once', () => {
  const s = new UsersFlow(fakeShell('admin'));
  s.users = [{ username: 'clerk', display_name: '王承辦', role: 'clerk', office_code: '63000080', state: 'locked',
    recent_failures: 12, last_login_at: null, totp_enrolled: false, active_sessions: 0, created_at: '2026-12-01T00:00:00Z' }];
  let $ = draw(renderUsers(fakeShell('admin'), s));
  assert.equal($('#calendar-warning'), null);
  assert.match($('tbody tr').textContent, /登入失敗過多/);
  assert.match($('tbody tr').textContent, /從未登入/);
  s.calendarWarnings = [{ code: 'calendar.next_year_missing', message_zh: '尚未載入2027年辦公日曆表', message_en: 'The 2027 calendar is not loaded' }];
  s.password = { username: 'lin.clerk', password: 'abcd-efgh-ijkm-npqr-stuv', added: true };
  $ = draw(renderUsers(fakeShell('admin'), s));
  assert.match($('#calendar-warning').textContent, /尚未載入2027年/);
  assert.equal($('#calendar-warning a').getAttribute('href'), '#/calendar');
  assert.match($('#password-title').textContent, /lin\.clerk/);
  assert.equal($('#shown-password').textContent, 'abcd-efgh-ijkm-npqr-stuv');
  i18n.setLang('en');
  $ = draw(renderUsers(fakeShell('admin'), s));
  assert.match($('#calendar-warning').textContent, /2027 calendar is not loaded/);
  assert.match($('tbody tr').textContent, /Locked/);
  i18n.setLang('zh');
});

test('記事: English dates in the page\'s style, not ISO; Chinese as the server writes them', async () => {
  const { eventsList } = await import('../src/components/events.ts');
  const e = { seq: 1, type: 'move_in', event_date: '2024-05-01', registered_on: '2024-05-03',
    text_zh: '民國113年05月01日由臺北市大安區遷入 113年05月03日登記',
    text_en: '2024-05-01 Moved in from 臺北市大安區, registered 2024-05-03' };
  i18n.setLang('en');
  assert.equal(eventsList([e]).textContent, '1 May 2024: Moved in from 臺北市大安區; registered 3 May 2024');
  assert.equal(eventsList([{ ...e, text_en: 'Converted' }]).textContent, 'Converted', 'another shape as it came');
  i18n.setLang('zh');
  assert.equal(eventsList([e]).textContent, e.text_zh);
});

// ---- 跨機關通報: the consent checklist, a case's deliveries, the agencies form ----

const { ConsentChoice } = await import('../src/flows/consent.ts');
const { consentSection, consentAnswer } = await import('../src/components/consent.ts');
const { deliveriesView } = await import('../src/components/delivery.ts');
const { AgenciesFlow } = await import('../src/flows/agencies.ts');
const { renderAgencies } = await import('../src/screens/agencies.ts');

const kAgencies = [
  { code: 'land', name_zh: '大安地政事務所', name_en: 'Daan Land Office', active: true, types: ['name_change'] },
  { code: 'tax', name_zh: '國稅局', name_en: 'Tax Administration', active: true, types: ['name_change'] },
];

test('consent checklist: one checkbox per receiving agency, another way, declined; the error on the fieldset', () => {
  i18n.setLang('zh');
  const c = new ConsentChoice();
  c.agencies = kAgencies;
  assert.equal(consentSection(c, 'divorce', undefined, () => {}), null, 'no agency receives a divorce');
  c.defaultsOf = 'A123456789';
  c.notify.add('tax');
  const changes = [];
  const $ = draw([consentSection(c, 'name_change', '請勾選', (f) => { f(c); changes.push(1); })]);
  assert.equal($('#notify-tax').checked, true);
  assert.equal($('label[for="notify-land"]').textContent, '大安地政事務所');
  assert.match($('#notify-defaults').textContent, /上次登記/);
  assert.match($('#notify-error').textContent, /請勾選/);
  assert.ok($('#notify-land').getAttribute('aria-describedby').split(' ').includes('notify-error'));
  assert.ok($('#notify-declined').getAttribute('aria-describedby').split(' ').includes('notify-defaults'));
  change($('#notify-elsewhere-land'), 'other');
  assert.deepEqual(c.elsewhere, { land: 'other' });
  assert.equal(consentAnswer(c, 'name_change'), '國稅局、大安地政事務所（民眾自行通報）');
  $('#notify-declined').checked = true;
  $('#notify-declined').dispatchEvent(new window.Event('change'));
  assert.equal(consentAnswer(c, 'name_change'), '民眾不同意通報');
  assert.equal(changes.length, 2);
  i18n.setLang('en');
  assert.equal(consentAnswer(c, 'name_change'), 'Citizen declines notification');
  i18n.setLang('zh');
});

test('deliveries: the consent as recorded, each agency\'s status, its ledger in a details', () => {
  i18n.setLang('zh');
  const d = {
    declined: false,
    consents: [{ agency: 'land', channel: 'office' }, { agency: 'tax', channel: 'system' }],
    notifications: [{ id: 4, agency: 'tax', kind: 'registration', status: 'dead', attempts: 10, delivered_at_ms: null,
      last_http_status: 410, last_error: 'Gone', ledger: [{ attempt: 1, started_ms: 1, finished_ms: 2, http_status: 410,
        outcome: 'dead', error: 'Gone', response: '', receipt: '', by: 'worker' }] }],
  };
  const $ = draw([deliveriesView(d, kAgencies)]);
  assert.equal($('#delivery-consent').textContent, '民眾同意通報：國稅局、大安地政事務所（本所另行通報）');
  const row = $('#deliveries tr[data-agency="tax"]').textContent;
  assert.match(row, /國稅局登記停止重試10—HTTP 410 · Gone/);
  assert.equal(document.querySelectorAll('#ledger-table-4 tbody tr').length, 1);
  const declined = draw([deliveriesView({ declined: true, consents: [], notifications: [] }, kAgencies)]);
  assert.match(declined('#delivery-consent').textContent, /民眾不同意通報/);
  assert.ok(declined('#delivery-none'));
});

test('agencies: a missing field is named beside it; editing shows the secret blank and the code read-only', async () => {
  i18n.setLang('zh');
  const shell = fakeShell('admin');
  const s = new AgenciesFlow(shell);
  s.agencies = [{ ...kAgencies[1], group: 'tax', channel: 'webhook', url: 'https://tax.example/h', secret_hint: 'whsec_abcd…',
    rotating: true, public_key: 'whpk_xyz', fields: ['id_number'], disabled_reason: '', paused_until_ms: 0, version: 3,
    updated_ms: 1, updated_by: 'admin' }];
  await s.save();
  let $ = draw(renderAgencies(shell, s));
  assert.ok($('#agency-errors'));
  assert.equal($('#agency-code').getAttribute('aria-invalid'), 'true');
  assert.match($('#agency-type-move_in-error, #agency-type-error').textContent, /登記類別/);
  assert.ok($('#end-rotation-tax'), 'a rotating agency offers to end the rotation');
  s.edit('tax');
  $ = draw(renderAgencies(shell, s));
  assert.equal($('#agency-secret').value, '');
  assert.ok($('#agency-code').hasAttribute('readonly'));
  assert.equal($('#agency-type-name_change').checked, true);
  assert.deepEqual(s.input().version, 3);
  assert.equal(s.input().secret, '', 'blank: the stored secret is kept');
});
