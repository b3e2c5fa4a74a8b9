// Cross-agency notification figures for docs/PERFORMANCE.md (issue 19), all in one run against
// one `huji agency-sim` (no injected faults; each accepted message fdatasync'ed):
//   1. plain: a loop of signed POSTs of a notification's body straight to the simulator, one
//      at a time, on one keep-alive connection (as the worker's pooled libcurl handle) and on
//      a new connection each — the ceiling of one sender;
//   2. backlog: registrations approved while the server runs without its delivery worker
//      (--notify-worker false), then a server with the worker started: notifications
//      delivered per second from the worker's start to the last line in the file;
//   3. steady: registrations approved one after another with the worker running: the delay
//      from commit (the notification's created_ms) to delivery (the simulator's received_ms),
//      p50/p99, and from the approval's answer to delivery.
// usage: node bench/notify.mjs [persons=300]   (each person moves twice: 2 × persons
//        registrations per phase, each notifying two agencies)
//   HUJI_BIN   the huji binary (default build/release/huji)
//   HUJI_SERVE_ARGS  more options for huji serve (e.g. "--notify-poll-ms 100")
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.HUJI_BIN ||= join(root, 'build/release/huji');
process.env.HUJI_TEST_BACKEND ||= 'sqlite';
const { startHuji, api, login, demoSql, todayTaipei } = await import('../tests/http/harness.mjs');
const { startAgencySim, newSecret, signV1, jsonLines } = await import('../tests/http/agency_sim.mjs');

const persons = Number(process.argv[2] || 300);
const OFFICE = '63000080';
const AGENCIES = ['tax', 'nhi'];
const serveExtra = (process.env.HUJI_SERVE_ARGS || '').split(' ').filter(Boolean);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] };
};

const dir = mkdtempSync(join(tmpdir(), 'huji-notify-bench-'));
const db = join(dir, 'huji.db');
const out = join(dir, 'received.jsonl');
const secret = newSecret();
execFileSync(process.env.HUJI_BIN, ['demo', '--db', db, '--persons', String(Math.max(3000, persons * 60)), '--seed', '19']);
const sim = await startAgencySim(out, ['--port', '0', '--secret', secret, '--threads', '2']);
let server;
try {
  const results = { machine: { nproc: cpus().length, cpu: cpus()[0]?.model, load_before: loadavg() }, persons };

  // 1. The plain loop: the same body, signed, one POST at a time.
  async function plainLoop(n, agent, tag) {
    const body = JSON.stringify({
      type: 'registration.address_change', timestamp: new Date().toISOString(),
      data: { registration_id: 1, office: OFFICE, event_type: 'address_change', registered_on: todayTaipei(),
        person: { id_number: 'A123456789', name: '王小明', address: '臺北市文山區木柵路一段1號' } },
    });
    const latencies = [];
    const t0 = performance.now();
    for (let i = 0; i < n; ++i) {
      const id = `plain_${tag}_${i}`;
      const ts = Math.floor(Date.now() / 1000);
      const started = performance.now();
      await new Promise((ok, fail) => {
        const req = http.request(`${sim.url}/plain`, {
          method: 'POST', agent,
          headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signV1(secret, id, ts, body) },
        }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? ok() : fail(new Error(`plain ${res.statusCode}`))));
        });
        req.on('error', fail);
        req.end(body);
      });
      latencies.push(performance.now() - started);
    }
    const seconds = (performance.now() - t0) / 1000;
    return { posts: n, per_second: Math.round(n / seconds), latency_ms: summary(latencies.map((x) => +x.toFixed(2))) };
  }
  const n = persons * 2 * AGENCIES.length;
  results.plain_keepalive = await plainLoop(n, new http.Agent({ keepAlive: true, maxSockets: 1 }), 'ka');
  results.plain_new_connection = await plainLoop(n, false, 'nc');

  // The agencies, persons (heads of households) and their moves.
  server = await startHuji(db, ['--notify-worker', 'false', ...serveExtra]);
  let tok = {};
  const logAll = async () => { for (const who of ['admin', 'clerk', 'supervisor']) tok[who] = await login(server.url, who); };
  await logAll();
  for (const code of AGENCIES) {
    const r = await api(server.url, '/api/v1/agencies', {
      method: 'POST', token: tok.admin,
      body: { code, name_zh: `${code} 機關`, name_en: `${code} agency`, url: `${sim.url}/${code}`, secret,
        types: ['address_change'], fields: ['id_number', 'name', 'address'] },
    });
    if (r.status !== 201) throw new Error(r.text);
  }
  const heads = demoSql(db, `SELECT p.id_number, p.name, h.door_plate_id FROM persons p
    JOIN households h ON h.household_no = p.household_no
    WHERE p.status = 'active' AND h.head_id = p.id_number AND h.office_code = '${OFFICE}'
    ORDER BY p.id_number LIMIT ${persons * 2}`);
  const free = demoSql(db, `SELECT id FROM door_plates WHERE office_code = '${OFFICE}'
    AND NOT abolished AND id NOT IN (SELECT door_plate_id FROM households WHERE door_plate_id IS NOT NULL)
    ORDER BY id LIMIT ${persons * 2}`).map(([id]) => id);
  if (heads.length < persons * 2 || free.length < persons * 2) throw new Error(`the demo has ${heads.length} heads, ${free.length} free plates`);
  // Each person moves to a free plate and back home: two registrations.
  const people = heads.map(([id, name, home], i) => ({ id, name, plates: [free[i], home] }));

  async function move(p, plate) {
    const entry = await api(server.url, '/api/v1/registrations', {
      method: 'POST', token: tok.clerk, headers: { 'Idempotency-Key': randomUUID() },
      body: { type: 'address_change', event_date: todayTaipei(), subject_id: p.id, fields: { door_plate_id: String(plate) },
        applicant: { name: p.name, id_number: p.id, relation: '本人', identity_check: 'id_card' }, notify: AGENCIES },
    });
    if (entry.status !== 201) throw new Error(entry.text);
    const app = entry.json.application;
    const review = await api(server.url, `/api/v1/registrations/${app.id}/review`, {
      method: 'POST', token: tok.supervisor, headers: { 'Idempotency-Key': randomUUID() },
      body: { decision: 'approve', version: app.version },
    });
    if (review.status !== 200) throw new Error(review.text);
    return { id: app.id, answered: Date.now() };
  }
  async function notifications() {
    const all = [];
    let before = '';
    for (;;) {
      const r = await api(server.url, `/api/v1/notifications?limit=500${before}`, { token: tok.supervisor });
      all.push(...r.json.notifications);
      if (r.json.notifications.length < 500) return all;
      before = `&before=${Math.min(...r.json.notifications.map((x) => x.id))}`;
    }
  }
  async function waitDelivered(ids) {
    for (;;) {
      const have = new Set(jsonLines(out).map((l) => l.id));
      if (ids.every((id) => have.has(id))) return;
      await sleep(50);
    }
  }

  // 2. The backlog.
  const backlogPeople = people.slice(0, persons);
  const t0 = Date.now();
  for (const p of backlogPeople) await move(p, p.plates[0]);
  for (const p of backlogPeople) await move(p, p.plates[1]);
  results.registrations_per_second_without_worker = +((backlogPeople.length * 2) / ((Date.now() - t0) / 1000)).toFixed(1);
  const backlog = (await notifications()).map((x) => x.message_id);
  await server.stop('SIGTERM');
  const workerStart = Date.now();
  server = await startHuji(db, serveExtra);
  await logAll();
  await waitDelivered(backlog);
  const backlogLines = jsonLines(out).filter((l) => backlog.includes(l.id));
  const first = Math.min(...backlogLines.map((l) => l.received_ms));
  const last = Math.max(...backlogLines.map((l) => l.received_ms));
  results.backlog = {
    notifications: backlog.length,
    per_second_from_start: Math.round(backlog.length / ((last - workerStart) / 1000)),
    per_second_first_to_last: Math.round(backlog.length / ((last - first) / 1000)),
  };

  // 3. Steady: one registration after another, the worker running.
  const steadyPeople = people.slice(persons, persons * 2);
  const answered = new Map();
  const t1 = Date.now();
  for (const p of steadyPeople) { const r = await move(p, p.plates[0]); answered.set(r.id, r.answered); }
  for (const p of steadyPeople) { const r = await move(p, p.plates[1]); answered.set(r.id, r.answered); }
  results.steady_registrations_per_second = +((steadyPeople.length * 2) / ((Date.now() - t1) / 1000)).toFixed(1);
  const steady = (await notifications()).filter((x) => answered.has(x.registration_id));
  await waitDelivered(steady.map((x) => x.message_id));
  const received = new Map(jsonLines(out).map((l) => [l.id, l.received_ms]));
  results.steady = {
    notifications: steady.length,
    commit_to_delivery_ms: summary(steady.map((x) => received.get(x.message_id) - x.created_ms)),
    answer_to_delivery_ms: summary(steady.map((x) => received.get(x.message_id) - answered.get(x.registration_id))),
  };
  results.sim_stats = JSON.parse(await new Promise((ok) => http.get(`${sim.url}/stats`, (res) => {
    let t = ''; res.on('data', (d) => { t += d; }); res.on('end', () => ok(t));
  })));
  results.machine.load_after = loadavg();
  results.ratio_backlog_to_plain_keepalive = +(results.backlog.per_second_first_to_last / results.plain_keepalive.per_second).toFixed(2);
  console.log(JSON.stringify(results, null, 2));
} finally {
  await server?.stop('SIGTERM');
  await sim.stop('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
