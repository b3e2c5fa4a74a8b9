// Browser test of the supervisor's view of the queue (#/queue-supervisor; issue 20) in Debian's
// Chromium on a real huji: the board shows what each counter serves and how many wait per
// service; today's statistics are the API's; a chosen range; the CSV download; the advice
// area; in English; an admin may read it, a clerk is not offered it. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Api, addDays, launch, pageHelpers, startServer, todayTaipei } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let called = null;
const today = todayTaipei();

before(async () => {
  server = await startServer({ own: true });
  api = new Api(server.url);
  for (const who of ['clerk', 'supervisor']) await api.login(who, `${who}-demo-pass`);
  for (const service of ['transcript', 'transcript', 'id_card', 'id_card', 'id_card']) {
    await api.post(null, '/queue/tickets', { service, priority: false, source: 'kiosk' }, 201);
  }
  await api.post('clerk', '/queue/counters/5/call-next', {});
  called = (await api.post('clerk', '/queue/counters/5/call-next', {})).ticket;
  await api.post('clerk', '/queue/counters/7/call-next', {});
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${server.url}/#/login`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the supervisor sees the board and today\'s statistics (zh-TW)', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  assert.ok((await ui.navItems()).includes('queue-supervisor'));
  await ui.navigate('queue-supervisor');
  await page.waitForSelector('#qs-summary');
  await page.waitForSelector('#qs-serving-5');
  assert.match(await ui.text('#qs-serving-5'), new RegExp(`^${called.number}（謄本申請`));
  assert.equal(await ui.text('#qs-waiting-id_card'), '2');
  assert.equal(await ui.text('#qs-waiting-transcript'), '0');
  const st = await api.get('supervisor', `/queue/statistics?from=${today}&to=${today}`);
  assert.equal(st.called, 3);
  assert.equal(await ui.text('#qs-issued'), String(st.issued));
  assert.equal(await ui.text('#qs-called'), '3');
  assert.equal(await ui.text('#qs-served'), String(st.served));
  assert.match(await ui.text('#qs-within'), /80% 於 20 分鐘內叫號/);
  assert.match(await ui.text('#qs-within'), /達成目標/);
  assert.match(await ui.text('#qs-by-service'), /謄本申請/);
  assert.match(await ui.text('#qs-by-clerk'), /clerk/);
  assert.match(await ui.text('#qs-advice'), /調度建議/);
  await ui.axeCheck('queue supervisor (zh)');
});

test('a chosen range, and its CSV', async () => {
  await page.fill('#qs-from', addDays(today, -6));
  await page.dispatchEvent('#qs-from', 'input');
  await ui.press('qs-show');
  await page.waitForFunction((from) => document.getElementById('qs-stats-title')?.textContent?.includes(from), addDays(today, -6));
  assert.equal(await ui.text('#qs-called'), '3');
  const [download] = await Promise.all([page.waitForEvent('download'), ui.press('qs-csv')]);
  assert.equal(download.suggestedFilename(), `queue-statistics-${addDays(today, -6)}-${today}.csv`);
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF分組,項目,叫號數'), text.slice(0, 40));
  assert.match(text, /\r\n全部,[^,]+,3,/);
  // A range that ends before it starts is refused on the page.
  await page.fill('#qs-to', addDays(today, -7));
  await page.dispatchEvent('#qs-to', 'input');
  await ui.press('qs-show');
  await page.waitForSelector('#qs-stats-failure');
  await ui.press('qs-today');
  await page.waitForSelector('#qs-summary');
});

test('in English; an admin may read it, a clerk is not offered it', async () => {
  await ui.setLanguage('en');
  assert.equal(await ui.text('#qs-board-title'), 'Now');
  assert.match(await ui.text('#qs-within'), /80% called within 20 minutes/);
  await ui.axeCheck('queue supervisor (en)');
  await ui.setLanguage('zh');
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  assert.ok((await ui.navItems()).includes('queue-supervisor'));
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok(!(await ui.navItems()).includes('queue-supervisor'));
  assert.ok((await ui.navItems()).includes('counter'));
});
