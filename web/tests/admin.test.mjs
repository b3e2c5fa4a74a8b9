// Browser test of the system administrator's screens in Debian's Chromium on a real huji
// (issue 17, items 6 and 9): an admin lands on the staff accounts, is offered only their own
// screens, adds an account (its initial password shown once), disables a clerk (who can then
// no longer sign in), loads a calendar year from a file and sees it listed, and reads the
// offices; in zh-TW and English, with the keyboard, axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const calendar2031 = [
  '# 120年（2031）測試用辦公日曆',
  '2031-01-01 holiday 開國紀念日',
  '2031-01-18 workday 補行上班',
  '',
].join('\n');

test('an admin lands on the staff accounts and is offered only their own screens', async () => {
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  assert.equal(await page.evaluate(() => location.hash), '#/users');
  assert.deepEqual(await ui.navItems(), ['users', 'calendar', 'offices', 'queue-admin', 'notifications', 'agencies', 'notification-kpi', 'rules', 'queue-supervisor', 'fees']);
  await page.waitForSelector('#manage-clerk');
  const table = await ui.text('table');
  assert.match(table, /clerk/);
  assert.match(table, /系統管理員/);
  assert.match(table, /使用中/);
  assert.doesNotMatch(await ui.text('main'), /系統管理者|Administrator\b/);
  await ui.axeCheck('users (zh)');
  await ui.shot('admin-users');
});

test('an admin adds an account with the keyboard; its initial password is shown once', async () => {
  await ui.typeInto('new-username', 'Bad Name');
  await ui.typeInto('new-name', '');
  await ui.press('add-submit');
  await ui.waitForFocus('add-errors');
  assert.match(await ui.text('#add-errors'), /帳號須為/);
  assert.match(await ui.text('#add-errors'), /請輸入姓名/);
  await ui.axeCheck('users: add refused');

  await ui.typeInto('new-username', 'lin.clerk');
  await ui.typeInto('new-name', '林小華');
  await ui.choose('new-role', 'supervisor');
  await ui.press('add-submit');
  await ui.waitForFocus('password-title');
  assert.match(await ui.text('#password-title'), /lin\.clerk/);
  const password = (await ui.text('#shown-password')).trim();
  assert.match(password, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  const row = page.locator('tbody tr', { hasText: 'lin.clerk' });
  assert.match(await row.innerText(), /林小華/);
  assert.match(await row.innerText(), /主管/);
  assert.match(await row.innerText(), /從未登入/);
  await ui.axeCheck('users: added');
  // The password signs in (checked through the API, the page stays the admin's).
  await new Api(server.url).login('lin.clerk', password);
});

test('an admin disables a clerk, who can then no longer sign in', async () => {
  await ui.press('manage-clerk');
  await ui.waitForFocus('account-title');
  assert.match(await ui.text('#account-title'), /clerk/);
  await ui.axeCheck('users: account');
  await ui.press('account-disable');
  await ui.waitForFocus('account-notice');
  assert.match(await ui.text('#account-notice'), /已停用帳號 clerk/);
  assert.match(await page.locator('tbody tr', { hasText: '戶政人員' }).first().innerText(), /已停用/);
  assert.ok(await page.locator('#account-enable').count(), 'enable is offered instead');
  await ui.axeCheck('users: disabled');
  await assert.rejects(new Api(server.url).login('clerk', 'clerk-demo-pass'), /401|invalid_credentials/);

  // The admin's own account, the office's last admin, cannot be disabled.
  await ui.press('manage-admin');
  await ui.waitForFocus('account-title');
  await ui.press('account-disable');
  await ui.waitForFocus('account-errors');
  assert.match(await ui.text('#account-errors'), /最後一位系統管理員/);
  await ui.axeCheck('users: last admin refused');
});

test('a reset shows the new password once', async () => {
  // An id with a dot, as usernames may have: not a CSS #selector.
  await page.focus('[id="manage-lin.clerk"]');
  await page.keyboard.press('Enter');
  await ui.waitForFocus('account-title');
  await ui.press('account-reset');
  await ui.waitForFocus('password-title');
  const password = (await ui.text('#shown-password')).trim();
  await new Api(server.url).login('lin.clerk', password);
});

test('an admin views a year of the calendar and loads a year from a file', async () => {
  await ui.navigate('calendar');
  await page.waitForSelector('#show-2026');
  assert.match(await ui.text('#years-table'), /115 年（2026）/);
  await ui.press('show-2026');
  await ui.waitForFocus('days-title');
  assert.match(await ui.text('#days-table'), /開國紀念日/);
  assert.match(await ui.text('#days-table'), /民國115年0?1月0?1日/);
  await ui.axeCheck('calendar: a year');

  await page.setInputFiles('#calendar-file',
    { name: '2031.txt', mimeType: 'text/plain', buffer: Buffer.from(calendar2031, 'utf8') });
  await page.waitForFunction(() => document.querySelector('#calendar-year')?.value === '2031');
  assert.match(await page.inputValue('#calendar-text'), /2031-01-18 workday/);
  await ui.press('calendar-submit');
  await ui.waitForFocus('calendar-notice');
  assert.match(await ui.text('#calendar-notice'), /2031/);
  const row = page.locator('#years-table tbody tr', { hasText: '2031' });
  assert.match(await row.innerText(), /由 admin 於/);
  assert.match(await ui.text('#days-table'), /補行上班/);
  await ui.axeCheck('calendar: loaded');
  await ui.shot('admin-calendar');

  // A bad line is refused with its line number, nothing loaded.
  await ui.typeInto('calendar-year', '2032');
  await ui.typeInto('calendar-text', '2032-01-01 holiday 開國紀念日\n2032-13-01 holiday 不存在');
  await ui.press('calendar-submit');
  await ui.waitForFocus('calendar-errors');
  assert.match(await ui.text('#calendar-errors'), /2/);
  assert.equal(await page.locator('#years-table tbody tr', { hasText: '2032' }).count(), 0);
  await ui.axeCheck('calendar: refused');
});

test('the offices, read only, the admin\'s own marked', async () => {
  await ui.navigate('offices');
  await page.waitForSelector('#offices-table');
  assert.match(await ui.text('#offices-table'), /戶政事務所/);
  assert.equal(await page.locator('#offices-table .office-own').count(), 1);
  await ui.axeCheck('offices (zh)');
});

test('in English: the same screens, one name for the role', async () => {
  await ui.setLanguage('en');
  await ui.navigate('users');
  await page.waitForSelector('#manage-clerk');
  assert.match(await ui.text('h1'), /Staff accounts/);
  assert.match(await ui.text('table'), /System administrator/);
  assert.match(await ui.text('table'), /Disabled/);
  await ui.press('manage-clerk');
  await ui.waitForFocus('account-title');
  await ui.press('account-enable');
  await ui.waitForFocus('account-notice');
  assert.match(await ui.text('#account-notice'), /Account clerk enabled/);
  await ui.axeCheck('users (en)');
  await new Api(server.url).login('clerk', 'clerk-demo-pass');

  await ui.navigate('calendar');
  await page.waitForSelector('#show-2031');
  assert.match(await ui.text('#years-table'), /2031 \(ROC 120\)/);
  await ui.press('show-2031');
  await ui.waitForFocus('days-title');
  assert.match(await ui.text('#days-table'), /Make-up working day/);
  await ui.axeCheck('calendar (en)');
  await ui.navigate('offices');
  await page.waitForSelector('#offices-table');
  assert.match(await ui.text('#offices-table'), /Yours/);
  await ui.axeCheck('offices (en)');
  await ui.setLanguage('zh');
});

test('a clerk is offered none of the admin screens and is refused them by address', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  const nav = await ui.navItems();
  for (const r of ['users', 'calendar', 'offices']) assert.ok(!nav.includes(r), r);
  await page.goto(`${server.url}/#/users`);
  await page.waitForSelector('#notice');
  assert.match(await ui.text('#notice'), /無法使用此功能/);
  assert.equal(await page.locator('#manage-clerk').count(), 0);
});
