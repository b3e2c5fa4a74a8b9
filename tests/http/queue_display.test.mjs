// The lobby display's WebSocket (issue 20 item 5) against a real huji on either backend
// (HUJI_TEST_BACKEND): the snapshot on connect, calls arriving live with their sequence
// numbers, ?after=N replaying exactly the calls missed, in order, also across kill -9, and
// garbage — frames and handshakes — answered without harm to the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import WebSocket from '../../web/node_modules/ws/wrapper.mjs';
import { makeDemoDb, startHuji, api, login, assertBilingualError } from './harness.mjs';

let demo, server, url, clerk;

before(async () => {
  demo = makeDemoDb({ persons: 50, seed: 29 });
  server = await startHuji(demo.db);
  url = server.url;
  clerk = await login(url, 'clerk');
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const wsUrl = (query = '') => url.replace(/^http/, 'ws') + '/api/v1/queue/display' + query;

// A display: every message it got, in order; next(pred) waits for one to come.
function connect(query = '') {
  const ws = new WebSocket(wsUrl(query));
  const got = [];
  const waiting = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    got.push(m);
    for (const w of [...waiting]) if (w.pred(m)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(m); }
  });
  const opened = new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return {
    ws, got, opened,
    next(pred = () => true, ms = 3000) {
      const found = got.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiting.push(w);
        setTimeout(() => reject(new Error('no such message in time; got ' + JSON.stringify(got))), ms);
      });
    },
    close() { ws.terminate(); },
  };
}

const issue = (service = 'transcript') =>
  api(url, '/api/v1/queue/tickets', { method: 'POST', body: { service, priority: false } });
const callNext = (counter) =>
  api(url, `/api/v1/queue/counters/${counter}/call-next`, { method: 'POST', token: clerk });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function callOne(counter = '1') {
  assert.equal((await issue()).status, 201);
  const r = await callNext(counter);
  assert.equal(r.status, 200, r.text);
  return r.json.ticket;
}

test('a display gets the snapshot, then each call live with its seq', async () => {
  const d = connect();
  await d.opened;
  const snap = await d.next((m) => m.type === 'snapshot');
  assert.equal(typeof snap.seq, 'number');
  assert.ok(Array.isArray(snap.counters) && snap.counters.length >= 6, JSON.stringify(snap));
  assert.ok(snap.counters.every((c) => typeof c.counter === 'string' && typeof c.number === 'number'));
  assert.ok(Array.isArray(snap.recent));
  const t = await callOne('2');
  const call = await d.next((m) => m.type === 'call');
  assert.equal(call.number, t.number);
  assert.equal(call.counter, '2');
  assert.equal(call.seq, snap.seq + 1);
  d.close();
  // The next display's snapshot shows counter 2 serving that number.
  const e = connect();
  const snap2 = await e.next((m) => m.type === 'snapshot');
  assert.equal(snap2.seq, call.seq);
  assert.equal(snap2.counters.find((c) => c.counter === '2').number, t.number);
  assert.equal(snap2.recent.at(-1).seq, call.seq);
  e.close();
});

test('?after=N replays exactly the calls missed, in order, then goes on live', async () => {
  const d = connect();
  const snap = await d.next((m) => m.type === 'snapshot');
  d.close();
  const missed = [];
  for (let i = 0; i < 5; i++) missed.push((await callOne(String(1 + (i % 3)))).number);
  const r = connect(`?after=${snap.seq}`);
  await r.next((m) => m.type === 'call' && m.seq === snap.seq + 5);
  const t = await callOne('4');
  await r.next((m) => m.type === 'call' && m.number === t.number);
  await sleep(200);
  const calls = r.got.filter((m) => m.type === 'call');
  assert.deepEqual(calls.map((m) => m.seq), [1, 2, 3, 4, 5, 6].map((i) => snap.seq + i));
  assert.deepEqual(calls.map((m) => m.number), [...missed, t.number]);
  assert.equal(r.got[0].type, 'snapshot');
  r.close();
  // After what it has seen already: nothing replayed.
  const s = connect(`?after=${snap.seq + 6}`);
  await s.next((m) => m.type === 'snapshot');
  await sleep(200);
  assert.equal(s.got.filter((m) => m.type === 'call').length, 0);
  s.close();
});

test('calls racing a connecting display are neither lost nor doubled', async () => {
  const d = connect();
  const snap = await d.next((m) => m.type === 'snapshot');
  d.close();
  for (let i = 0; i < 4; i++) assert.equal((await issue()).status, 201);
  // Calls go on while displays resume.
  const calling = (async () => { for (const c of ['1', '2', '3', '5']) await callNext(c); })();
  const displays = [];
  for (let i = 0; i < 4; i++) { displays.push(connect(`?after=${snap.seq}`)); await sleep(5); }
  await calling;
  for (const x of displays) {
    await x.next((m) => m.type === 'call' && m.seq === snap.seq + 4);
    await sleep(100);
    const seqs = x.got.filter((m) => m.type === 'call').map((m) => m.seq);
    assert.deepEqual(seqs, [1, 2, 3, 4].map((i) => snap.seq + i));
    x.close();
  }
});

test('resuming after kill -9 replays without duplicates', async () => {
  const d = connect();
  const snap = await d.next((m) => m.type === 'snapshot');
  await callOne('1');
  const seen = await d.next((m) => m.type === 'call');
  await server.stop('SIGKILL');
  server = await startHuji(demo.db);
  url = server.url;
  clerk = await login(url, 'clerk');
  const after2 = [];
  for (let i = 0; i < 2; i++) after2.push((await callOne('3')).number);
  const r = connect(`?after=${seen.seq}`);
  await r.next((m) => m.type === 'call' && m.seq === seen.seq + 2);
  await sleep(200);
  const calls = r.got.filter((m) => m.type === 'call');
  assert.deepEqual(calls.map((m) => m.seq), [seen.seq + 1, seen.seq + 2]);
  assert.deepEqual(calls.map((m) => m.number), after2);
  assert.ok(seen.seq > snap.seq);
  r.close();
});

test('bad queries, plain GETs and garbage frames are refused without harm', async () => {
  const refused = (query) => new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(query));
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode); ws.terminate(); });
    ws.on('open', () => { resolve('open'); ws.terminate(); });
    ws.on('error', () => {});
  });
  assert.equal(await refused('?after=-1'), 400);
  assert.equal(await refused('?after=12x'), 400);
  assert.equal(await refused('?office=abc'), 400);
  assert.equal(await refused('?office=99999999'), 404);
  // Without the upgrade it is no endpoint.
  assertBilingualError(await api(url, '/api/v1/queue/display'), 404, 'http.not_found');

  // Raw bytes: a handshake, then a frame with a reserved opcode, an unmasked frame, and junk.
  const raw = (bytes) => new Promise((resolve) => {
    const host = new URL(url);
    const s = net.connect(Number(host.port), host.hostname);
    let got = '';
    s.on('data', (b) => {
      got += b.toString('latin1');
      if (got.includes('\r\n\r\n') && !s.sent) { s.sent = true; s.write(bytes); }
    });
    s.on('close', () => resolve(got));
    s.on('error', () => {});
    s.write('GET /api/v1/queue/display HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n' +
      'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    setTimeout(() => s.destroy(), 1500);
  });
  for (const junk of [Buffer.from([0x83, 0x80, 1, 2, 3, 4]), Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]),
    Buffer.from('GET / HTTP/1.1\r\n\r\n'), Buffer.alloc(70000, 0xff)]) {
    const got = await raw(junk);
    assert.match(got, /^HTTP\/1\.1 101 /, got.slice(0, 200));
  }
  // A handshake missing its key.
  const noKey = await api(url, '/api/v1/queue/display', { headers: { Upgrade: 'websocket', Connection: 'Upgrade' } });
  assert.equal(noKey.status, 400, noKey.text);
  // The server is fine.
  const d = connect();
  await d.next((m) => m.type === 'snapshot');
  d.close();
  assert.equal((await api(url, '/api/v1/queue/services')).status, 200);
});
