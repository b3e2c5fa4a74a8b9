// Browser test of the clerk's counter panel (#/counter; issue 20) in Debian's Chromium on a real
// huji: the clerk picks a counter (remembered on this PC), presses the one key (F2) and the
// ticket the server calls appears as being served with its service and wait; the waiting list
// by service; the button does the same; in English; then a chosen ticket called out of order,
// recall (F4), no-show (F8), transfer, a refused link and finish (F9) with the service done,
// against the queue-operations routes. axe-core on every state.

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
  for (const who of ['clerk', 'admin']) await api.login(who, `${who}-demo-pass`);
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

test('recall, no-show, transfer and finish from the panel; a chosen ticket called out of order', async () => {
  // Recall at once (the policy's pause is for a real lobby).
  const r = await api.raw('PUT', '/queue/policy', 'admin', { recall_pause_s: 0 });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const t = [];
  for (let i = 0; i < 3; i++) {
    t.push((await api.post(null, '/queue/tickets', { service: 'id_card', priority: false, source: 'kiosk' }, 201)).ticket);
  }
  await ui.press('qc-refresh');
  await page.waitForSelector(`#qc-call-${t[2].id}`);
  await ui.axeCheck('counter panel, three waiting (zh)');
  // The last one, out of order.
  await ui.press(`qc-call-${t[2].id}`);
  await page.waitForFunction((n) => document.getElementById('qc-serving-number')?.textContent === n, String(t[2].number));
  assert.equal((await api.get(null, `/queue/tickets/${t[2].id}`)).ticket.status, 'called');
  await page.keyboard.press('F4');
  await page.waitForFunction((n) => document.getElementById('qc-notice')?.textContent === `已重呼 ${n} 號`, t[2].number);
  assert.equal((await api.get(null, `/queue/tickets/${t[2].id}`)).ticket.calls, 2);
  await page.keyboard.press('F8');
  await page.waitForFunction((n) => document.getElementById('qc-notice')?.textContent === `${n} 號已過號`, t[2].number);
  assert.equal((await api.get(null, `/queue/tickets/${t[2].id}`)).ticket.status, 'no_show');
  assert.equal(await page.locator('#qc-serving-none').count(), 1);

  await page.keyboard.press('F2');
  await page.waitForFunction((n) => document.getElementById('qc-serving-number')?.textContent === n, String(t[0].number));
  await ui.choose('qc-transfer-to', 'seal');
  await ui.press('qc-transfer');
  await page.waitForFunction(() => document.getElementById('qc-notice')?.textContent?.includes('已轉至'));
  const moved = (await api.get(null, `/queue/tickets/${t[0].id}`)).ticket;
  assert.equal(moved.service, 'seal');
  assert.equal(moved.status, 'waiting');

  await page.keyboard.press('F2');
  await page.waitForSelector('#qc-outcome');
  const served = Number(await ui.text('#qc-serving-number'));
  const id = [t[0], t[1]].find((x) => x.number === served).id;
  // A link that is neither an application nor a document is refused in the server's words.
  await ui.typeInto('qc-link', 'xyz');
  await ui.press('qc-finish-submit');
  await page.waitForSelector('#qc-failure');
  assert.match(await ui.text('#qc-failure'), /application/);
  await ui.axeCheck('counter panel, a refused link (zh)');
  await ui.typeInto('qc-link', '');
  await ui.choose('qc-outcome', 'transcript');
  await page.keyboard.press('F9');
  await page.waitForFunction((n) => document.getElementById('qc-notice')?.textContent === `${n} 號已完成`, served);
  // The outcome and link are the staff's: the clerk's view of the ticket.
  const done = (await api.get('clerk', `/queue/tickets/${id}`)).ticket;
  assert.equal(done.status, 'done');
  assert.equal(done.outcome, 'transcript');
});
