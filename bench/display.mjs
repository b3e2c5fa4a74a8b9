// Lobby display figures for docs/PERFORMANCE.md (issue 20), all in one run against one
// `huji serve` (SQLite) with N WebSocket displays connected (default 500):
//   0. raw: a plain public read (GET /api/v1/queue/services, on the I/O thread) in a loop on
//      8 keep-alive connections — the HTTP ceiling in the same run;
//   1. issue: tickets issued through HTTP, 8 clients at once;
//   2. call-next as fast as 8 counters can (each counter one request after another);
//   3. paced calls (20/s, a busy lobby makes a call every few seconds): the delay from the
//      call's at_ms (the server's clock when it made the call, before the commit) to its
//      arrival at each display, p50/p99 over every (call, display);
//   4. replay: one display away for M calls (default 300), then reconnecting with ?after=:
//      the time from its connect to the last missed call received.
// usage: node bench/display.mjs [displays=500] [missed=300]
//   HUJI_BIN   the huji binary (default build/release/huji)
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.HUJI_BIN ||= join(root, 'build/release/huji');
process.env.HUJI_TEST_BACKEND ||= 'sqlite';
const { startHuji, login } = await import('../tests/http/harness.mjs');
const { default: WebSocket } = await import('../web/node_modules/ws/wrapper.mjs');

const nDisplays = Number(process.argv[2] || 500);
const nMissed = Number(process.argv[3] || 300);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (values) => {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] };
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
function request(url, path, { method = 'GET', token, body } = {}) {
  return new Promise((resolveReq, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (data) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(data); }
    const req = http.request(url + path, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveReq({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// Runs `fn` `total` times on `workers` loops; returns the rate per second.
async function rate(total, workers, fn) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (next < total) { const i = next++; await fn(i, w); }
  }));
  return total / ((performance.now() - t0) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), 'huji-display-bench-'));
const db = join(dir, 'huji.db');
execFileSync(process.env.HUJI_BIN, ['demo', '--db', db, '--persons', '500', '--seed', '20']);
let server;
const displays = [];
try {
  const results = {
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model, mem_gib: Math.round(totalmem() / 2 ** 30), load_before: loadavg() },
    displays: nDisplays,
  };
  server = await startHuji(db, ['--max-connections', String(nDisplays * 2 + 200)]);
  const url = server.url;
  const clerk = await login(url, 'clerk');
  const wsUrl = url.replace(/^http/, 'ws') + '/api/v1/queue/display';

  // 0. the plain read's rate.
  results.raw_read_per_s = Math.round(await rate(20000, 8, async () => {
    const r = await request(url, '/api/v1/queue/services');
    if (r.status !== 200) throw new Error(r.text);
  }));

  // The displays: arrival times by seq.
  const latencies = [];
  let measuring = false;
  let received = 0;
  for (let i = 0; i < nDisplays; i++) {
    const ws = new WebSocket(wsUrl);
    ws.on('message', (data) => {
      const now = Date.now();
      const m = JSON.parse(data);
      if (m.type !== 'call') return;
      received++;
      if (measuring) latencies.push(now - m.at_ms);
    });
    displays.push(ws);
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  }

  // 1. tickets.
  const nTickets = 3000;
  const services = ['registration', 'transcript', 'id_card', 'seal', 'certificate'];
  results.tickets_per_s = Math.round(await rate(nTickets, 8, async (i) => {
    const r = await request(url, '/api/v1/queue/tickets', { method: 'POST', body: { service: services[i % services.length], priority: i % 5 === 0 } });
    if (r.status !== 201) throw new Error(r.text);
  }));

  // 2. calls as fast as 8 counters go (every display receiving each).
  const callOnce = async (counter) => {
    const r = await request(url, `/api/v1/queue/counters/${counter}/call-next`, { method: 'POST', token: clerk });
    if (r.status !== 200 && r.status !== 204) throw new Error(r.text);
  };
  const nFast = 1000;
  received = 0;
  results.calls_per_s = Math.round(await rate(nFast, 8, (_, w) => callOnce(String(w + 1))));
  const deadline = Date.now() + 30000;
  while (received < nFast * nDisplays && Date.now() < deadline) await sleep(50);
  results.fast_calls_delivered = `${received} of ${nFast * nDisplays}`;

  // 3. paced calls: delivery latency to every display.
  await sleep(500);
  measuring = true;
  const nPaced = 200;
  for (let i = 0; i < nPaced; i++) {
    await callOnce(String((i % 8) + 1));
    await sleep(50);
  }
  const until = Date.now() + 10000;
  while (latencies.length < nPaced * nDisplays && Date.now() < until) await sleep(50);
  measuring = false;
  results.paced_calls = nPaced;
  results.call_to_display_ms = summary(latencies);

  // 4. replay: one display away for nMissed calls.
  const away = displays.pop();
  const lastSeen = await new Promise((r) => {
    const probe = new WebSocket(wsUrl);
    probe.on('message', (d) => { const m = JSON.parse(d); if (m.type === 'snapshot') { r(m.seq); probe.close(); } });
  });
  away.terminate();
  for (let i = 0; i < nMissed; i++) await callOnce(String((i % 8) + 1));
  const t0 = performance.now();
  const back = new WebSocket(`${wsUrl}?after=${lastSeen}`);
  let snapshotMs = 0;
  const replay = await new Promise((r) => {
    let got = 0;
    back.on('message', (d) => {
      const m = JSON.parse(d);
      if (m.type === 'snapshot') { snapshotMs = performance.now() - t0; return; }
      if (++got === nMissed) r({ calls: got, last_seq: m.seq, expected_last: lastSeen + nMissed });
    });
  });
  results.replay = { ...replay, snapshot_ms: +snapshotMs.toFixed(1), caught_up_ms: +(performance.now() - t0).toFixed(1) };
  displays.push(back);
  results.machine.load_after = loadavg();
  console.log(JSON.stringify(results, null, 2));
} finally {
  for (const d of displays) d.terminate();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
