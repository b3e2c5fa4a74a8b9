// Browser test of the clerk's counter panel (#/counter; issue 20) in Debian's Chromium on a real
// huji: the clerk picks a counter (remembered on this PC), presses the one key (F2) and the
// ticket the server calls appears as being served with its service and wait; the waiting list
// by service; the button does the same; in English. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let counter = null;
const made = [];

before(async () => {
  server = await startServer({ own: true });
  api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  counter = (await api.get('clerk', '/queue/counters')).counters.find((c) => c.open && c.services.includes('seal'));
  for (let i = 0; i < 3; i++) {
    made.push((await api.post(null, '/queue/tickets', { service: 'seal', priority: false, source: 'kiosk' }, 201)).ticket);
  }
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${server.url}/#/login`);
  await page.evaluate(() => { localStorage.setItem('huji.lang', 'zh'); localStorage.removeItem('huji.queue.counter'); });
  await page.reload();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const servingNumber = () => ui.text('#qc-serving-number');

test('the clerk picks a counter and one key calls the next ticket (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('counter'));
  await ui.navigate('counter');
  await page.waitForSelector('#qc-counter option[value="1"]', { state: 'attached' });
  assert.match(await ui.text('.lead'), /F2/);
  assert.equal(await page.locator('#qc-serving-none').count(), 1);
  await ui.choose('qc-counter', counter.id);
  assert.equal(await page.evaluate(() => localStorage.getItem('huji.queue.counter')), counter.id);
  // The waiting list shows the three seal tickets.
  await page.waitForSelector('#qc-waiting-seal');
  assert.match(await ui.text('#qc-waiting-seal'), /3 人/);
  await ui.axeCheck('counter panel, nobody served (zh)');

  await page.keyboard.press('F2');
  await ui.waitForFocus('qc-serving-title');
  assert.equal(await servingNumber(), String(made[0].number));
  const t = await api.get(null, `/queue/tickets/${made[0].id}`);
  assert.equal(t.ticket.status, 'called');
  assert.equal(t.ticket.counter, counter.id);
  assert.match(await ui.text('#qc-serving-service'), /印鑑/);
  assert.match(await ui.text('#qc-serving-waited'), /^\d+ 分鐘$/);
  assert.match(await ui.text('#qc-notice'), new RegExp(`已叫 ${made[0].number} 號至 ${counter.id} 號櫃台`));
  assert.match(await ui.text('#qc-waiting-seal'), /2 人/);
  assert.equal(await page.getAttribute('#qc-next', 'aria-keyshortcuts'), 'F2');
  await ui.axeCheck('counter panel, serving (zh)');
});

test('the counter is remembered; the button calls the next and finishes the one served', async () => {
  await page.reload();
  await page.waitForSelector('#qc-serving-number');
  assert.equal(await page.inputValue('#qc-counter'), counter.id);
  assert.equal(await servingNumber(), String(made[0].number));
  await ui.press('qc-next');
  await page.waitForFunction((n) => document.getElementById('qc-serving-number')?.textContent === n, String(made[1].number));
  assert.equal((await api.get(null, `/queue/tickets/${made[0].id}`)).ticket.status, 'done');
});

test('in English', async () => {
  await ui.setLanguage('en');
  assert.equal(await ui.text('#qc-serving-title'), 'Now serving');
  assert.match(await ui.text('#qc-next'), /Call next\s*\(F2\)/);
  assert.match(await ui.text('#qc-waiting-title'), /Waiting \(1\)/);
  await ui.axeCheck('counter panel (en)');
  await page.keyboard.press('F2');
  await page.waitForFunction((n) => document.getElementById('qc-serving-number')?.textContent === n, String(made[2].number));
  await page.keyboard.press('F2');
  await page.waitForFunction(() => document.getElementById('qc-notice')?.textContent === 'Nobody is waiting.');
  await ui.setLanguage('zh');
});
