// Security soak (issue #15): a real huji under a mix of hostile and ordinary traffic for a few
// minutes, while /healthz and person lookups are timed. Hostile traffic:
//   - slow clients (slowloris): connections that send a header byte every few seconds;
//   - long paths: GETs with a 48 KB target, and over-long headers;
//   - a login flood: wrong passwords for a known account, many at once;
//   - idle connections opened and dropped.
// Ordinary traffic: a clerk's person lookups (with a purpose, audited) and /healthz probes.
// Prints p50/p99/max per window for both and ends non-zero when any window's p99 is over the
// bound or a probe failed.
//
// usage: node bench/soak.mjs URL [minutes=3] [p99-bound-ms=50]
//   URL is a huji started on a demo database (bench/soak.sh starts one and calls this).
//   SOAK_PERSONS: a file of ID numbers to look up (one per line; else the demo sample person).
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [url, minutesArg = '3', boundArg = '50'] = process.argv.slice(2);
if (!url) { console.error('usage: node bench/soak.mjs URL [minutes] [p99-bound-ms]'); process.exit(2); }
const { hostname: host, port } = new URL(url);
const durationMs = Number(minutesArg) * 60_000;
const boundMs = Number(boundArg);
const windowMs = 15_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function request(path, { method = 'GET', headers = {}, body, keepAlive = true } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host, port, path, method, headers, agent: keepAlive ? agent : false, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, text: String(e) }));
    if (body) req.write(body);
    req.end();
  });
}

const json = (o) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = Date.now() + durationMs;
const running = () => Date.now() < deadline;

const loginRes = await request('/api/v1/auth/login', { method: 'POST', ...json({ username: 'clerk', password: 'clerk-demo-pass' }) });
if (loginRes.status !== 200) { console.error('login failed', loginRes.status, loginRes.text); process.exit(1); }
const token = JSON.parse(loginRes.text).token;
let persons = [];
if (process.env.SOAK_PERSONS) persons = readFileSync(process.env.SOAK_PERSONS, 'utf8').split('\n').filter(Boolean);
if (!persons.length) persons = [process.env.SOAK_PERSON || 'A123456789'];

// Timings per window: name -> [{ms, ok}]
const windows = [];
let current = { start: Date.now(), samples: { healthz: [], lookup: [] }, hostile: { slow: 0, longpath: 0, login: 0, idle: 0 }, statuses: {} };
windows.push(current);
const rotate = setInterval(() => {
  current = { start: Date.now(), samples: { healthz: [], lookup: [] }, hostile: { slow: 0, longpath: 0, login: 0, idle: 0 }, statuses: {} };
  windows.push(current);
}, windowMs);

function note(kind, status) {
  const key = `${kind}:${status}`;
  current.statuses[key] = (current.statuses[key] || 0) + 1;
}

async function probeHealth() {
  while (running()) {
    const r = await request('/healthz', { keepAlive: false });
    current.samples.healthz.push({ ms: r.ms, ok: r.status === 200 });
    await sleep(100);
  }
}

async function lookups() {
  let i = 0;
  while (running()) {
    const id = persons[i++ % persons.length];
    const r = await request(`/api/v1/persons/${id}?view=summary&purpose=${encodeURIComponent('臨櫃身分核對')}`, { headers: { Authorization: `Bearer ${token}` } });
    current.samples.lookup.push({ ms: r.ms, ok: r.status === 200 });
    await sleep(20);
  }
}

// Slowloris: keeps `count` connections each sending one header byte every 5 s.
async function slowClients(count) {
  const sockets = new Set();
  const open = () => {
    const s = net.connect({ host, port });
    s.on('error', () => {});
    s.on('close', () => { sockets.delete(s); if (running()) setTimeout(open, 500); });
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    sockets.add(s);
    current.hostile.slow++;
  };
  for (let i = 0; i < count; i++) open();
  const drip = setInterval(() => { for (const s of sockets) s.write('a'); }, 5000);
  while (running()) await sleep(1000);
  clearInterval(drip);
  for (const s of sockets) s.destroy();
}

async function longPaths() {
  while (running()) {
    const r = await request('/api/v1/persons/' + 'A'.repeat(48 * 1024), { keepAlive: false });
    note('longpath', r.status);
    const h = await request('/healthz', { keepAlive: false, headers: { 'X-Big': 'b'.repeat(64 * 1024) } });
    note('bigheader', h.status);
    current.hostile.longpath += 2;
    await sleep(50);
  }
}

async function loginFlood(parallel) {
  const one = async () => {
    while (running()) {
      const r = await request('/api/v1/auth/login', { method: 'POST', keepAlive: false, ...json({ username: 'supervisor', password: 'wrong-password-123' }) });
      note('login', r.status);
      current.hostile.login++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
}

async function idleChurn() {
  while (running()) {
    const batch = Array.from({ length: 50 }, () => { const s = net.connect({ host, port }); s.on('error', () => {}); return s; });
    await sleep(1000);
    for (const s of batch) s.destroy();
    current.hostile.idle += 50;
  }
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

await Promise.all([probeHealth(), lookups(), slowClients(200), longPaths(), loginFlood(8), idleChurn()]);
clearInterval(rotate);
agent.destroy();

let bad = false;
console.log('window  healthz n/p50/p99/max(ms) fail | lookup n/p50/p99/max(ms) fail | hostile slow/long/login/idle | statuses');
windows.forEach((w, i) => {
  if (!w.samples.healthz.length && !w.samples.lookup.length) return;
  const row = [];
  for (const name of ['healthz', 'lookup']) {
    const ms = w.samples[name].map((s) => s.ms);
    const fails = w.samples[name].filter((s) => !s.ok).length;
    const p99 = pct(ms, 99);
    if (ms.length && (p99 > boundMs || fails)) bad = true;
    row.push(`${ms.length}/${pct(ms, 50).toFixed(1)}/${p99.toFixed(1)}/${Math.max(...ms, 0).toFixed(1)} ${fails}`);
  }
  const h = w.hostile;
  console.log(`${String(i).padStart(3)}     ${row[0].padEnd(28)} | ${row[1].padEnd(27)} | ${h.slow}/${h.longpath}/${h.login}/${h.idle} | ${JSON.stringify(w.statuses)}`);
});
console.log(bad ? `FAIL: a window's p99 was over ${boundMs} ms or a probe failed` : `ok: every window's p99 under ${boundMs} ms, no probe failed`);
process.exit(bad ? 1 : 0);
