// Browser test of the lobby kiosk (/kiosk, no login; issue 20) in Debian's Chromium on a real
// huji: a priority ticket issued with the keyboard shows its number, service, estimated wait as
// a value and a range, and the people ahead, as the API has it; printing shows the ticket
// alone; the kiosk returns to the start by itself (and to Chinese); in English; the ticket's
// progress page (/kiosk#ticket=ID) follows it to its call. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let services = [];

before(async () => {
  server = await startServer({ own: true });
  api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  services = (await api.get(null, '/queue/services')).services;
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${server.url}/kiosk`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
  await page.waitForSelector('#service-transcript');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const nameOf = (code, lang = 'zh') => services.find((s) => s.code === code)[lang === 'zh' ? 'name_zh' : 'name_en'];
const byNumber = async (number) => (await api.get('clerk', '/queue/tickets')).tickets.find((t) => t.number === number);

test('a priority ticket issued with the keyboard shows its number, service, wait and place (zh-TW)', async () => {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant-TW');
  assert.equal(await ui.text('#page-title'), '抽號碼牌');
  await ui.axeCheck('kiosk start (zh)');
  // One ordinary ticket first, so that the next has someone ahead of it... of its own kind.
  await api.post(null, '/queue/tickets', { service: 'transcript', priority: false, source: 'kiosk' }, 201);
  await ui.radio('priority-elderly');
  await ui.press('service-transcript');
  await ui.waitForFocus('ticket-title');
  const number = Number(await ui.text('#ticket-number'));
  const t = await byNumber(number);
  assert.ok(t, `ticket ${number} is in the office's list`);
  assert.equal(t.service, 'transcript');
  assert.equal(t.source, 'kiosk');
  assert.equal(t.priority, true);
  assert.equal(t.priority_reason, 'elderly');
  assert.equal(await ui.text('#ticket-service'), nameOf('transcript'));
  const seen = await api.get(null, `/queue/tickets/${t.id}`);
  assert.equal(await ui.text('#ticket-wait'),
    `約 ${seen.ticket.estimated_wait_min} 分鐘（${seen.ticket.estimate_low_min}–${seen.ticket.estimate_high_min} 分鐘）`);
  assert.equal(await ui.text('#ticket-position'), `${seen.ticket.position} 人`);
  assert.match(await ui.text('.kiosk-ticket'), /長者/);
  assert.match(await ui.text('.kiosk-ticket__follow'), new RegExp(`/kiosk#ticket=${t.id}$`));
  await ui.axeCheck('kiosk ticket (zh)');

  // Printed: the ticket alone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#ticket-number').isVisible(), true);
  assert.equal(await page.locator('#ticket-print').isVisible(), false);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });

  await ui.press('ticket-done');
  await ui.waitForFocus('page-title');
  await page.waitForSelector('#service-transcript');
  assert.equal(await page.locator('#priority-none').isChecked(), true, 'the priority choice is reset');
});

test('the kiosk returns to the start by itself, and to Chinese; in English', async () => {
  await page.goto(`${server.url}/kiosk?reset=2`);
  await page.waitForSelector('#service-seal');
  await ui.setLanguage('en');
  assert.equal(await ui.text('#page-title'), 'Take a queue ticket');
  assert.equal(await ui.text('#service-seal'), nameOf('seal', 'en'));
  await ui.axeCheck('kiosk start (en)');
  await ui.press('service-seal');
  await ui.waitForFocus('ticket-title');
  assert.equal(await ui.text('#ticket-title'), 'Your number');
  assert.match(await ui.text('#ticket-wait'), /^About \d+ minutes \(\d+–\d+ minutes\)$/);
  assert.match(await ui.text('#ticket-position'), /^\d+ people$/);
  await ui.axeCheck('kiosk ticket (en)');
  await page.waitForSelector('#service-seal', { timeout: 5000 });
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant-TW');
  assert.equal(await ui.text('#page-title'), '抽號碼牌');
});

test('a ticket\'s progress page follows it to its call', async () => {
  const made = await api.post(null, '/queue/tickets', { service: 'certificate', priority: false, source: 'web' }, 201);
  const id = made.ticket.id;
  await page.goto(`${server.url}/kiosk#ticket=${id}`);
  await ui.waitForFocus('progress-title');
  assert.equal(await ui.text('#progress-number'), String(made.ticket.number));
  assert.equal(await ui.text('#progress-status'), '等候中');
  await ui.axeCheck('kiosk progress (zh)');
  const counters = (await api.get('clerk', '/queue/counters')).counters;
  const counter = counters.find((c) => c.services.includes('certificate') && c.open);
  const called = await api.post('clerk', `/queue/counters/${counter.id}/call-next`, {});
  assert.equal(called.ticket.id, id);
  await ui.press('progress-refresh');
  await page.waitForFunction(() => document.getElementById('progress-status')?.textContent?.includes('櫃台'));
  assert.equal(await ui.text('#progress-status'), `請至 ${counter.id} 號櫃台`);
  await ui.axeCheck('kiosk progress called (zh)');
  await page.goto(`${server.url}/kiosk#ticket=999999`);
  await ui.waitForFocus('progress-title');
  assert.match(await ui.text('.kiosk-failure'), /查無此號碼牌/);
});
