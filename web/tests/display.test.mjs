// Browser test of the lobby display (/display, no login; issue 20 items 5 and 7) in Debian's
// Chromium on a real huji, with two browser contexts: the clerk's (calling through the API with
// the clerk's token, as the counter panel does) and the lobby's. A call shows on the display
// within one second; the display, cut off while the server is killed (-9) and restarted and
// calls are made meanwhile, reconnects by itself and shows and announces each missed call
// exactly once, in order; a reload announces nothing again. The display runs under the
// server's own Content-Security-Policy (WebSocket and audio from 'self'); axe-core is clean.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { bin, login, makeDemoDb, root } from '../../tests/http/harness.mjs';
import { launch, pageHelpers } from './support.mjs';

let demo = null;
let server = null;
let port = 0;
let browser = null;
let axePage = null;
let lobby = null;
let display = null;
let clerk = null;
let clerkToken = '';
const cspErrors = [];

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});

// huji on a fixed port, so that the display finds it again after a restart.
async function startOn(p) {
  const proc = spawn(bin, ['serve', '--db', demo.db, '--port', String(p), '--calendar',
    join(root, 'data/calendar'), '--web', join(root, 'web/dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('huji did not start')), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      if (/listening on http/.test(out)) { clearTimeout(timer); resolve(); }
    });
    proc.stderr.resume();
  });
  return proc;
}

const url = () => `http://127.0.0.1:${port}`;

// The clerk's context: tickets and calls through the API, as the counter panel makes them.
async function clerkCalls(counter) {
  const t = await clerk.request.post(`${url()}/api/v1/queue/tickets`, {
    data: { service: 'transcript', priority: false },
  });
  assert.equal(t.status(), 201, await t.text());
  const r = await clerk.request.post(`${url()}/api/v1/queue/counters/${counter}/call-next`, {
    headers: { Authorization: `Bearer ${clerkToken}` },
  });
  assert.equal(r.status(), 200, await r.text());
  return (await r.json()).ticket;
}

const announced = () => display.evaluate(() => window.__announced);

before(async () => {
  demo = makeDemoDb({ persons: 50, seed: 20 });
  port = await freePort();
  server = await startOn(port);
  clerkToken = await login(url(), 'clerk');
  let page;
  ({ browser, page } = await launch());
  axePage = page;
  // The lobby's context keeps the server's CSP (no bypass): what is blocked shows as an error.
  lobby = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Asia/Taipei' });
  display = await lobby.newPage();
  display.setDefaultTimeout(10_000);
  display.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  display.on('pageerror', (e) => console.error('display page error:', e));
  clerk = await browser.newContext();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  demo?.cleanup();
});

test('a call shows on the display within a second', async () => {
  await display.goto(`${url()}/display`);
  await display.waitForSelector('.state.ok');
  const t0 = Date.now();
  const ticket = await clerkCalls('2');
  await display.waitForFunction((n) => window.__announced.some((a) => a.number === n), ticket.number,
    { timeout: 1000 });
  const shown = Date.now() - t0;
  assert.ok(shown < 1000, `shown after ${shown} ms`);
  assert.equal(await display.locator('.big-number').innerText(), String(ticket.number));
  assert.equal(await display.locator('li[data-counter="2"] .number').innerText(), String(ticket.number));
  assert.match(await display.locator('#announce-live').innerText(), new RegExp(`${ticket.number}.*Number ${ticket.number}`, 's'));
  assert.deepEqual(cspErrors, []);
});

test('cut off across kill -9 and a restart, it replays each missed call once', async () => {
  const before = await announced();
  const lastSeq = before.at(-1).seq;
  await lobby.setOffline(true);
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  await display.waitForSelector('.state.down');
  server = await startOn(port);
  const missed = [];
  for (const c of ['1', '3', '5']) missed.push((await clerkCalls(c)).number);
  await lobby.setOffline(false);
  await display.waitForFunction((n) => window.__announced.length >= n, before.length + 3, { timeout: 20_000 });
  await display.waitForSelector('.state.ok');
  // A moment for anything doubled to arrive.
  await display.waitForTimeout(500);
  const got = (await announced()).slice(before.length);
  assert.deepEqual(got.map((a) => a.seq), [lastSeq + 1, lastSeq + 2, lastSeq + 3]);
  assert.deepEqual(got.map((a) => a.number), missed);
  assert.equal(await display.locator('li[data-counter="5"] .number').innerText(), String(missed[2]));
  // A reload resumes after the last call shown: nothing is announced again.
  await display.reload();
  await display.waitForSelector('.state.ok');
  await display.waitForTimeout(500);
  assert.deepEqual(await announced(), []);
  const next = await clerkCalls('4');
  await display.waitForFunction((n) => window.__announced.some((a) => a.number === n), next.number);
  assert.deepEqual((await announced()).map((a) => a.seq), [lastSeq + 4]);
  assert.deepEqual(cspErrors, []);
});

test('sound can be turned on and off from the keyboard; axe-core is clean', async () => {
  await display.focus('button.sound');
  assert.equal(await display.getAttribute('button.sound', 'aria-pressed'), 'false');
  await display.keyboard.press('Enter');
  await display.waitForFunction(() => document.querySelector('button.sound')?.getAttribute('aria-pressed') === 'true');
  assert.equal(await display.evaluate(() => document.activeElement?.classList.contains('sound')), true);
  // An announcement's WAV comes from the server under the page's CSP.
  const wav = await display.evaluate(async () => {
    const r = await fetch('/api/v1/queue/announcements/cmn/2001/3.wav');
    return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 4)) };
  });
  assert.deepEqual(wav, { status: 200, type: 'audio/wav', head: 'RIFF' });
  await display.keyboard.press('Enter');
  await display.waitForFunction(() => document.querySelector('button.sound')?.getAttribute('aria-pressed') === 'false');
  // axe on the same page state in the context that may inject it.
  await axePage.setViewportSize({ width: 1920, height: 1080 });
  await axePage.goto(`${url()}/display`);
  await axePage.waitForSelector('.state.ok');
  await clerkCalls('8');
  await axePage.waitForSelector('.big-number');
  await pageHelpers(axePage).axeCheck('lobby display');
  await pageHelpers(axePage).shot('display');
});
