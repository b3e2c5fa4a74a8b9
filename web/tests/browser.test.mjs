// Browser test of the clerk's screens in Debian's Chromium (never a downloaded browser), on a
// real huji (HUJI_URL and HUJI_PERSON_ID, or one started for this file: see support.mjs).
//
//   HUJI_USER       demo clerk (default clerk), HUJI_PASSWORD (default clerk-demo-pass)
//
// Every screen is checked with axe-core against WCAG 2.0/2.1 A and AA; screenshots go to
// web/test-results/. The steps run in order on one page, like a clerk's morning.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, kCjk, launch, pageHelpers, populate, startServer } from './support.mjs';

const kUser = process.env.HUJI_USER ?? 'clerk';
const kPassword = process.env.HUJI_PASSWORD ?? 'clerk-demo-pass';

let server = null;
let kPersonId = '';
let browser = null;
let page = null;
let ui = null;
let api = null;
let baseUrl = '';
let absentId = '';  // a valid ID number of no one in the register
const requests = [];  // every URL the page asked for, to prove what was not sent

before(async () => {
  server = await startServer();
  baseUrl = server.url;
  kPersonId = server.personId;
  api = new Api(baseUrl);
  await api.login('clerk', 'clerk-demo-pass');
  await api.login('supervisor', 'supervisor-demo-pass');
  // The lookup of a relative needs one: the demo's sample person may live alone.
  const start = await api.person('clerk', kPersonId);
  const p = start.person;
  if (![p.father, p.mother, p.spouse].some((r) => r?.id_number)) await populate(api, start);
  for (const id of ['A123456789', 'F226813578', 'Z100000002', 'I200000005']) {
    if ((await api.raw('GET', `/persons/${id}?purpose=${encodeURIComponent('受理申請')}`, 'clerk')).status === 404) {
      absentId = id;
      break;
    }
  }
  assert.ok(absentId, 'a valid ID number that is in no one\'s hands');
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  page.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// ---- helpers ------------------------------------------------------------------------------

const focusedId = () => ui.focusedId();
const waitForFocus = (id) => ui.waitForFocus(id);
const axeCheck = (label) => ui.axeCheck(label);
const shot = (name) => ui.shot(name);
const text = (selector) => ui.text(selector);
const typeInto = (id, value) => ui.typeInto(id, value);

// Presses Tab until the element with this id has focus; fails if it takes more than `max`.
async function tabTo(id, max = 12) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedId();
    seen.push(now || '(no id)');
    if (now === id) return;
  }
  assert.fail(`Tab never reached #${id}; went through ${seen.join(' → ')}`);
}

const htmlLang = () => page.evaluate(() => document.documentElement.lang);
const personRequests = () => requests.filter((u) => u.includes('/api/v1/persons/'));

async function switchLanguage(expected) {
  await page.focus('#lang-switch');
  await page.keyboard.press('Enter');
  await page.waitForFunction((l) => document.documentElement.lang === l, expected);
  await waitForFocus('lang-switch');  // focus stays on the switch after re-rendering
}

// ---- the steps ----------------------------------------------------------------------------

test('login page: Chinese by default, skip link first, no axe violations', async () => {
  await page.goto(`${baseUrl}/`);
  await page.waitForSelector('h1#page-title');
  assert.equal(await htmlLang(), 'zh-Hant-TW');
  assert.equal(await text('h1'), '登入');
  assert.match(await page.title(), /登入/);
  assert.equal(await page.getAttribute('#username', 'autocomplete'), 'username');
  assert.equal(await page.getAttribute('#password', 'type'), 'password');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  await waitForFocus('main');

  await axeCheck('login page');
  await shot('01-login');
});

test('a wrong password shows the server\'s message in Chinese and in English', async () => {
  await tabTo('username');
  await page.keyboard.type(kUser);
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'password');
  await page.keyboard.type('definitely-not-the-password');
  await page.keyboard.press('Enter');

  await waitForFocus('error-summary');
  assert.equal(await page.getAttribute('#error-summary', 'role'), 'alert');
  const zh = await text('#error-summary');
  assert.match(zh, /登入失敗/);
  assert.match(zh.replace('登入失敗', ''), kCjk, `expected the server's message_zh, got: ${zh}`);
  assert.match(zh, /帳號或密碼錯誤/);
  assert.equal(await page.inputValue('#password'), '', 'the wrong password is cleared');
  await axeCheck('login error (zh)');
  await shot('02-login-error-zh');

  await switchLanguage('en');
  const en = await text('#error-summary');
  assert.match(en, /Sign-in failed/);
  assert.doesNotMatch(en, kCjk, `expected the server's message_en, got: ${en}`);
  assert.match(en, /wrong username or password/);
  assert.equal(await text('label[for=username]'), 'Username');
  assert.equal(await page.evaluate(() => localStorage.getItem('huji.lang')), 'en');
  await axeCheck('login error (en)');
  await shot('03-login-error-en');

  await switchLanguage('zh-Hant-TW');
  assert.equal(await text('label[for=username]'), '帳號');
});

test('signs in with the keyboard and lands on the lookup page', async () => {
  assert.equal(await page.inputValue('#username'), kUser, 'the username is kept after an error');
  await tabTo('password');
  await page.keyboard.type(kPassword);
  await page.keyboard.press('Enter');

  await page.waitForFunction(() => location.hash === '#/lookup');
  await waitForFocus('page-title');
  assert.equal(await text('h1'), '個人戶籍資料查詢');
  const header = await text('.site-header');
  assert.match(header, /登出/);
  assert.match(header, /承辦人|主管/, 'role shown in the header');
  assert.match(header, /戶政事務所/, 'office name shown in the header');
  assert.equal(await page.getAttribute('#id-number', 'maxlength'), '10');
  await axeCheck('lookup page');
  await shot('04-lookup');
});

test('looks up the person with Tab and Enter only', async () => {
  const before = personRequests().length;
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'id-number', 'the ID field follows the page heading');
  await page.keyboard.type(kPersonId.toLowerCase());  // upper-cased as typed
  assert.equal(await page.inputValue('#id-number'), kPersonId);
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'purpose');
  await page.keyboard.press('ArrowDown');  // 受理申請
  assert.equal(await page.inputValue('#purpose'), 'application');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'lookup-submit', '其他事由 stays hidden for other purposes');
  await page.keyboard.press('Enter');

  await waitForFocus('result-title');
  const sent = personRequests().slice(before);
  assert.equal(sent.length, 1);
  const url = new URL(sent[0]);
  assert.equal(url.pathname, `/api/v1/persons/${kPersonId}`);
  assert.equal(url.searchParams.get('purpose'), '受理申請');

  const title = await text('#result-title');
  assert.match(title, /^查詢結果：\S+/);
  const name = title.replace('查詢結果：', '').trim();
  const card = await text('#person-heading + dl');
  assert.ok(card.includes(name) && card.includes(kPersonId), `person card: ${card}`);
  assert.match(card, /出生日期\s*民國\d+年\d{2}月\d{2}日/);
  assert.match(await page.getAttribute('#person-heading + dl time', 'datetime'), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(card, /狀態\s*(現住|除戶)/);

  assert.equal(await text('#household-heading'), '戶籍資料');
  assert.match(await text('.facts--household'), /戶號\s*\S+/);
  assert.match(await text('table caption'), /戶內人口/);
  const marked = await text('tr.is-subject');
  assert.ok(marked.includes(kPersonId) && marked.includes('本次查詢對象'), marked);
  assert.equal(await page.locator('table thead th').count(), 5);

  assert.equal(await text('#events-heading'), '戶籍記事');
  const events = await page.locator('ol.events > li').allInnerTexts();
  assert.ok(events.length > 0, 'at least one 記事');
  assert.match(events[0], kCjk);

  await axeCheck('lookup result (zh)');
  await shot('05-result-zh');
});

test('a parent, spouse or member is looked up with the same purpose', async () => {
  const relative = page.locator('#person-heading + dl button[data-id-number]').first();
  assert.equal(await relative.count(), 1, 'the person has a relative in the register');
  const id = await relative.getAttribute('data-id-number');
  const before = personRequests().length;
  await relative.focus();
  await page.keyboard.press('Enter');
  // Either the relative's record, or the server's reason (a parent may not be on file).
  await page.waitForFunction((want) => {
    const focused = document.activeElement?.id;
    if (focused === 'error-summary') return true;
    return focused === 'result-title' &&
      document.querySelector('#person-heading + dl')?.textContent?.includes(want);
  }, id);
  const url = new URL(personRequests().slice(before)[0]);
  assert.equal(url.pathname, `/api/v1/persons/${id}`);
  assert.equal(url.searchParams.get('purpose'), '受理申請');
  assert.equal(await page.inputValue('#id-number'), id, 'the form shows whom we looked up');
  assert.equal(await focusedId(), 'result-title');
});

test('an invalid ID number is explained on the client, without asking the server', async () => {
  const before = personRequests().length;
  const cases = [
    ['A123456788', /檢查碼不符/],
    ['A12345', /應為 10 碼，目前輸入 6 碼/],
    ['1234567890', /第 1 碼應為英文字母/],
    ['A323456789', /第 2 碼應為 1 或 2/],
    ['', /請輸入統一編號/],
  ];
  for (const [value, reason] of cases) {
    await typeInto('id-number', value);
    await page.keyboard.press('Enter');
    await waitForFocus('error-summary');
    assert.match(await text('#error-summary'), reason, `summary for "${value}"`);
    assert.match(await text('#id-number-error'), reason, `inline error for "${value}"`);
    assert.equal(await page.getAttribute('#id-number', 'aria-invalid'), 'true');
    const described = (await page.getAttribute('#id-number', 'aria-describedby')).split(' ');
    assert.ok(described.includes('id-number-error'), `aria-describedby: ${described}`);
    assert.equal(await page.locator('#result-title').count(), 0, 'the old result is cleared');
  }
  await typeInto('id-number', 'A123456788');
  await page.keyboard.press('Enter');
  await waitForFocus('error-summary');
  assert.equal(personRequests().length, before, 'no lookup request for an invalid number');

  // The summary's link takes the clerk to the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForFocus('id-number');

  await axeCheck('invalid ID number');
  await shot('06-invalid-id');
});

test('其他 needs a description of the purpose', async () => {
  await typeInto('id-number', kPersonId);
  await page.focus('#purpose');
  await page.selectOption('#purpose', 'other');
  assert.equal(await page.isVisible('#purpose-other'), true);
  await typeInto('purpose-other', '');
  await page.keyboard.press('Enter');
  await waitForFocus('error-summary');
  assert.match(await text('#error-summary'), /請說明查詢事由/);
  assert.equal(await page.getAttribute('#purpose-other', 'aria-invalid'), 'true');
  await axeCheck('purpose other');
  await page.focus('#purpose');
  await page.selectOption('#purpose', 'application');
  assert.equal(await page.isVisible('#purpose-other'), false);
});

test('switches to English: labels, messages and 記事 follow, and the choice is remembered', async () => {
  await typeInto('id-number', 'A123456788');
  await page.keyboard.press('Enter');
  await waitForFocus('error-summary');

  await switchLanguage('en');
  assert.equal(await text('h1'), 'Person lookup');
  assert.equal(await text('label[for=id-number]'), 'National ID number');
  assert.equal(await text('label[for=purpose]'), 'Purpose of lookup');
  assert.equal(await text('#lookup-submit'), 'Look up');
  assert.match(await text('#error-summary'), /check digit does not match/);
  assert.match(await text('#logout'), /Sign out/);
  await axeCheck('lookup error (en)');

  await typeInto('id-number', kPersonId);
  await page.keyboard.press('Enter');
  await waitForFocus('result-title');
  assert.match(await text('#result-title'), /^Result: /);
  assert.equal(await text('#person-heading'), 'Personal details');
  assert.equal(await text('#household-heading'), 'Household');
  assert.equal(await text('#events-heading'), 'Register entries');
  assert.match(await text('#person-heading + dl'), /Date of birth\s*\d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.match(await text('table caption'), /Household members/);
  const events = await page.locator('ol.events > li').allInnerTexts();
  assert.match(events[0], /[A-Za-z]{3}/, `English 記事: ${events[0]}`);
  const first = (await api.person('clerk', kPersonId)).events.sort((x, y) => x.seq - y.seq)[0];
  // The server's English wording, with its ISO dates written the page's way (issue 17 item 9).
  const body = first.text_en.slice(first.event_date.length + 1, first.text_en.lastIndexOf(', registered '));
  assert.ok(events[0].includes(body), `the server's English wording of the first 記事: ${events[0]}`);
  assert.doesNotMatch(events[0], /\d{4}-\d{2}-\d{2}/, 'no ISO date in an English 記事');
  assert.match(events[0], /^\d{1,2} [A-Z][a-z]+ \d{4}: /);
  // Chinese register data keeps its language for screen readers.
  assert.equal(await page.getAttribute('.person-name', 'lang'), 'zh-Hant-TW');
  await axeCheck('lookup result (en)');
  await shot('07-result-en');

  // Reflow (WCAG 1.4.10): the same result on a phone-sized screen.
  await page.setViewportSize({ width: 375, height: 812 });
  assert.ok(await page.evaluate(() =>
    document.documentElement.scrollWidth <= document.documentElement.clientWidth),
  'no horizontal scrolling of the page at 375 px');
  await axeCheck('lookup result (en, narrow)');
  await shot('07b-result-en-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.reload();
  await page.waitForSelector('h1#page-title');
  assert.equal(await htmlLang(), 'en', 'language remembered across reloads');
  assert.equal(await text('h1'), 'Person lookup', 'still signed in after a reload');
  assert.equal(await page.inputValue('#id-number'), '', 'no personal data kept across reloads');
});

test('a 404 comes back as the server\'s message', async () => {
  await typeInto('id-number', absentId);  // valid, not in the register
  await page.focus('#purpose');
  await page.selectOption('#purpose', 'verification');
  await page.focus('#id-number');
  await page.keyboard.press('Enter');
  await waitForFocus('error-summary');
  assert.match(await text('#error-summary'), /Lookup failed\s*no one with that ID number is in the register/);
  await axeCheck('not found (en)');
  await shot('08-not-found-en');
});

test('an expired session goes back to the login page with a message', async () => {
  // End the session behind the page's back, as an expiry or a server restart would.
  const status = await page.evaluate(async () => {
    const { token } = JSON.parse(sessionStorage.getItem('huji.session'));
    const r = await fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    return r.status;
  });
  assert.equal(status, 204);
  await typeInto('id-number', kPersonId);
  await page.focus('#purpose');
  await page.selectOption('#purpose', 'application');
  await page.focus('#id-number');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/login');
  await waitForFocus('notice');
  assert.match(await text('#notice'), /session has expired/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('huji.session')), null);
  await axeCheck('session expired (en)');
  await shot('09-session-expired-en');
});

test('signs in again and signs out', async () => {
  await typeInto('username', kUser);
  await typeInto('password', kPassword);
  await page.keyboard.press('Enter');
  await waitForFocus('page-title');
  assert.equal(await text('h1'), 'Person lookup');
  await switchLanguage('zh-Hant-TW');

  await page.focus('#logout');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/login');
  await waitForFocus('page-title');
  assert.match(await text('#notice'), /您已登出/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('huji.session')), null);
  await axeCheck('signed out');
  await shot('10-signed-out');

  // The old token no longer works and the lookup page is not reachable.
  await page.goto(`${baseUrl}/#/lookup`);
  await page.waitForFunction(() => location.hash === '#/login');
});

test('an auditor lands on a screen they may use; the lookup is not theirs', async () => {
  await typeInto('username', 'auditor');
  await typeInto('password', 'auditor-demo-pass');
  await page.keyboard.press('Enter');
  await waitForFocus('page-title');
  assert.match(await text('.site-header'), /稽核人員/);
  assert.equal(await page.evaluate(() => location.hash), '#/audit/');
  assert.match(await text('#page-title'), /存取紀錄查詢/);
  assert.equal(await page.locator('#nav-lookup').count(), 0, 'no menu entry the auditor may not use');
  await page.goto(`${baseUrl}/#/lookup`);
  await page.waitForSelector('#id-number', { state: 'detached' });
  assert.doesNotMatch(await text('main'), /統一編號.*查詢事由/s);
  await axeCheck('auditor on the lookup address');
  await page.focus('#logout');
  await page.keyboard.press('Enter');
  await waitForFocus('page-title');
});
