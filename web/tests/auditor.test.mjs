// Browser test of the auditor's screens (#/audit, #/samples) in Debian's Chromium on a real
// huji: a clerk looks a person up with a purpose, the auditor lands on 存取紀錄查詢 (not a
// refusal), finds who read that person — the clerk, with name, office and purpose, in words
// not codes — exports it, asks a day's refusals, draws the weekly audit sample and records a
// finding (需說明 with a note). Both languages; axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let personName = '';

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  api = new Api(server.url);
  await api.login('auditor', 'auditor-demo-pass');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a clerk looks a person up with a purpose', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  await ui.typeInto('id-number', server.personId);
  await ui.choose('purpose', 'application');
  await ui.press('lookup-submit');
  await ui.waitForFocus('result-title');
  personName = (await ui.text('#result-title')).replace('查詢結果：', '').trim();
  assert.ok(personName);
});

test('the auditor lands on a screen they may use, with only their screens in the menu', async () => {
  await ui.signIn(server.url, 'auditor', 'auditor-demo-pass');
  assert.equal(await page.evaluate(() => location.hash), '#/audit/');
  assert.equal(await ui.text('#page-title'), '存取紀錄查詢');
  assert.deepEqual(await ui.navItems(), ['audit', 'samples', 'notification-kpi']);
  await ui.axeCheck('audit: landing (zh)');
});

test('the auditor finds who read the person: the clerk, when, from which office, why', async () => {
  // Keyboard: the ID field follows the question tabs.
  await ui.typeInto('audit-subject', server.personId.toLowerCase());
  assert.equal(await page.inputValue('#audit-subject'), server.personId);
  await page.keyboard.press('Enter');
  await ui.waitForFocus('results-title');
  const who = await ui.text('#audit-subject-name');
  assert.ok(who.includes(personName) && who.includes(server.personId), who);
  const row = await ui.text('tbody tr:first-child');
  assert.match(row, /查詢個人戶籍資料/);
  assert.match(row, /受理申請/);
  assert.match(row, /clerk/);
  assert.match(row, /戶政人員（示範）/);
  assert.match(row, /戶政事務所/);
  assert.match(row, /完成/);
  assert.match(row, /民國\d+年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}/);
  assert.doesNotMatch(await ui.text('main'), /person\.read|work_queue|\bok\b/, 'no internal codes on screen');
  await ui.axeCheck('audit: who read a person (zh)');
  await ui.shot('audit-person-zh');

  // The export downloads a CSV, and the server records it.
  const [download] = await Promise.all([page.waitForEvent('download'), ui.press('audit-export')]);
  assert.match(download.suggestedFilename(), /^audit-person-\d{4}-\d{2}-\d{2}\.csv$/);
  const trail = await api.get('auditor', `/audit?user=auditor&action=${encodeURIComponent('audit.export')}`);
  assert.equal(trail.entries[0].subject_id, server.personId);
});

test('a day\'s reads, narrowed to refusals, in English', async () => {
  await ui.setLanguage('en');
  await ui.press('audit-mode-day');
  await page.waitForFunction(() => location.hash === '#/audit/day');
  await page.waitForSelector('#audit-day');
  assert.equal(await ui.text('#page-title'), 'Access records');
  await ui.press('audit-refused', 'Space');
  assert.equal(await page.isChecked('#audit-refused'), true);
  await ui.press('audit-submit');
  await ui.waitForFocus('results-title');
  // The auditor's own lookups were never made; the clerk's was not refused: nothing matches.
  assert.match(await ui.text('main'), /Nothing matches\./);
  await ui.press('audit-refused', 'Space');
  await ui.choose('audit-action', 'person.read');
  await ui.press('audit-submit');
  await page.waitForSelector('tbody tr');
  const row = await ui.text('tbody tr:first-child');
  assert.match(row, /Read a person’s record/);
  assert.match(row, /受理申請/);  // the purpose as the clerk gave it
  assert.match(row, /Done/);
  assert.equal(await page.getAttribute('tbody tr:first-child td:nth-child(5) span[lang]', 'lang'), 'zh-Hant-TW');
  await ui.axeCheck('audit: a day (en)');
  await ui.shot('audit-day-en');
  await ui.setLanguage('zh');
});

test('the auditor draws the weekly sample and records a finding', async () => {
  await ui.press('nav-samples');
  await page.waitForFunction(() => location.hash === '#/samples/');
  await ui.waitForFocus('page-title');
  await page.waitForSelector('#samples-title');
  assert.match(await ui.text('main'), /尚未抽樣/);
  await ui.axeCheck('samples: none yet (zh)');
  await ui.typeInto('samples-size', '5');
  await page.keyboard.press('Enter');
  await ui.waitForFocus('sample-title');
  assert.match(await page.evaluate(() => location.hash), /^#\/samples\/\d+$/);
  const facts = await ui.text('main dl');
  assert.match(facts, /亂數種子（可重現抽樣）\s*\d+/);
  const first = page.locator('ol.cases > li').first();
  assert.match(await first.innerText(), /查詢個人戶籍資料/);
  const seq = (await first.locator('h3').getAttribute('id')).match(/finding-(\d+)-title/)[1];

  // 需說明 without a note is refused in the browser, then saved with one.
  await ui.radio(`finding-${seq}-explain`);
  await ui.press(`finding-${seq}-submit`);
  await ui.waitForFocus(`finding-${seq}-errors`);
  assert.match(await ui.text(`#finding-${seq}-errors`), /須寫明理由/);
  await ui.axeCheck('samples: a finding refused (zh)');
  await ui.typeInto(`finding-${seq}-note`, '請說明查詢事由');
  await ui.press(`finding-${seq}-submit`);
  await page.waitForSelector(`#finding-${seq}-badge`);
  assert.equal(await ui.text(`#finding-${seq}-badge`), '需說明');
  assert.match(await first.innerText(), /請說明查詢事由/);
  await ui.axeCheck('samples: a finding recorded (zh)');
  await ui.shot('samples-finding-zh');

  const id = Number((await page.evaluate(() => location.hash)).split('/')[2]);
  const { sample } = await api.get('auditor', `/audit/samples/${id}`);
  assert.equal(sample.items.find((i) => String(i.seq) === seq).finding, 'explain');

  // The week's list, in English.
  await ui.setLanguage('en');
  await ui.press('samples-back', 'Enter');
  await page.waitForSelector('#samples-title');
  await page.waitForSelector('tbody tr');
  const week = await ui.text('tbody tr:first-child');
  assert.match(week, /1 to explain/);
  assert.match(week, /In progress|Complete/);
  assert.equal(await ui.text('#page-title'), 'Weekly audit sample');
  await ui.axeCheck('samples: the weeks (en)');
  await ui.shot('samples-weeks-en');
});
