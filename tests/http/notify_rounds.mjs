// The kill-and-restart proof of cross-agency notification (issue 19), shared by the test
// command (tests/http/notify_exactly_once.test.mjs, a few rounds) and the soak
// (bench/notify_soak.sh, hundreds): `huji serve` and `huji agency-sim` (with injected
// failures and a delay) both killed with SIGKILL at random points while registrations that
// notify two agencies are approved, then restarted on the same database and the same file;
// after each round, once everything is delivered, the file proves exactly-once delivery.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, demoSql, todayTaipei } from './harness.mjs';
import { startAgencySim, newSecret, jsonLines } from './agency_sim.mjs';

const OFFICE = '63000080';
const AGENCIES = ['tax', 'nhi'];

// A small seeded generator (mulberry32): the same choices for the same seed.
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Everything one run needs: a demo database, a server, a simulator, two agencies, and persons
// (heads of their households) with two door plates each to move between.
export async function setUp({ persons = 4, seed = 19, failRate = 0.15, delayMs = 10, log = () => {} } = {}) {
  const demo = makeDemoDb({ persons: 400, seed });
  const dir = mkdtempSync(join(tmpdir(), 'huji-notify-'));
  const out = join(dir, 'received.jsonl');
  const secret = newSecret();
  // The worker looks often, a killed server's lease ends at its shortest (16 s), and the retry
  // schedule and back-off run a thousand times faster (5 ms, 300 ms, 1.8 s …).
  const serveArgs = (process.env.HUJI_NOTIFY_SERVE_ARGS ??
    '--notify-poll-ms 200 --notify-lease-ms 16000 --notify-retry-scale 0.001').split(' ').filter(Boolean);
  const simArgs = ['--secret', secret, '--fail-rate', String(failRate), '--fail-status', '429,500,502',
    '--delay-ms', String(delayMs)];
  const run = {
    demo, dir, out, secret, log,
    server: await startHuji(demo.db, serveArgs),
    sim: null,
    tok: {},
    kills: { server: 0, sim: 0 },
    approvals: new Map(),  // registration id → when its approval was answered (ms)
  };
  run.sim = await startAgencySim(out, ['--port', '0', ...simArgs]);
  const simPort = run.sim.port;
  run.restartSim = (downMs) => {
    run.simRestart = (async () => {
      await run.sim.stop('SIGKILL');
      run.kills.sim += 1;
      await sleep(downMs);
      run.sim = await startAgencySim(out, ['--port', String(simPort), ...simArgs]);
    })();
    return run.simRestart;
  };
  run.restartServer = async () => {
    await run.server.stop('SIGKILL');
    run.kills.server += 1;
    run.server = await startHuji(demo.db, serveArgs);
    await run.login();
  };
  run.login = async () => {
    for (const who of ['admin', 'clerk', 'supervisor']) run.tok[who] = await login(run.server.url, who);
  };
  await run.login();
  for (const code of AGENCIES) {
    const r = await api(run.server.url, '/api/v1/agencies', {
      method: 'POST', token: run.tok.admin,
      body: {
        code, name_zh: `${code} 測試機關`, name_en: `${code} test agency`, url: `${run.sim.url}/${code}`,
        secret, types: ['address_change', 'name_change'], fields: ['id_number', 'name', 'address'],
      },
    });
    assert.equal(r.status, 201, r.text);
  }
  const heads = demoSql(demo.db, `SELECT p.id_number, p.name, h.door_plate_id FROM persons p
    JOIN households h ON h.household_no = p.household_no
    WHERE p.status = 'active' AND h.head_id = p.id_number AND h.office_code = '${OFFICE}'
      AND p.birth_date <= '1990-01-01'
    ORDER BY p.id_number LIMIT ${persons}`);
  assert.equal(heads.length, persons, 'the demo population has enough household heads');
  const free = demoSql(demo.db, `SELECT id FROM door_plates WHERE office_code = '${OFFICE}'
    AND NOT abolished AND id NOT IN (SELECT door_plate_id FROM households WHERE door_plate_id IS NOT NULL)
    ORDER BY id LIMIT ${persons}`).map(([id]) => id);
  assert.equal(free.length, persons, 'the demo office has enough free door plates');
  // Each person moves back and forth between a free plate and home (free once they left).
  run.persons = heads.map(([id, name, home], i) => ({ id, name, plates: [free[i], home], moves: 0 }));
  run.cleanup = async () => {
    await run.simRestart?.catch(() => {});  // a simulator being restarted is stopped too
    await run.server?.stop('SIGKILL');
    await run.sim?.stop('SIGKILL');
    demo.cleanup();
    rmSync(dir, { recursive: true, force: true });
  };
  return run;
}

// Entered by the clerk with the citizen's consent to notify both agencies, approved by the
// supervisor; returns the registration's id.
async function registerMove(run, p) {
  const url = run.server.url;
  const body = {
    type: 'address_change', event_date: todayTaipei(), subject_id: p.id,
    fields: { door_plate_id: String(p.plates[p.moves % 2]) },
    applicant: { name: p.name, id_number: p.id, relation: '本人', identity_check: 'id_card' },
    notify: AGENCIES,
  };
  const entry = await api(url, '/api/v1/registrations', {
    method: 'POST', token: run.tok.clerk, body, headers: { 'Idempotency-Key': randomUUID() },
  });
  assert.equal(entry.status, 201, entry.text);
  const app = entry.json.application;
  const review = await api(url, `/api/v1/registrations/${app.id}/review`, {
    method: 'POST', token: run.tok.supervisor, body: { decision: 'approve', version: app.version },
    headers: { 'Idempotency-Key': randomUUID() },
  });
  assert.equal(review.status, 200, review.text);
  assert.equal(review.json.application.status, 'registered', review.text);
  run.approvals.set(app.id, Date.now());
  p.moves += 1;
  return app.id;
}

// One round: `changes` moves of every person, in turns; the simulator and the server are each
// killed after one registration chosen at random, and after any other with probability
// `killRate` / 2 each; then waits until everything is delivered.
export async function round(run, random, { changes = 3, killRate = 0.15, deadlineMs = 90000 } = {}) {
  const total = changes * run.persons.length;
  const simAt = Math.floor(random() * total);
  const serverAt = Math.floor(random() * total);
  let simDown = Promise.resolve();
  for (let i = 0; i < total; ++i) {
    await registerMove(run, run.persons[i % run.persons.length]);
    const dice = random();
    if (i === simAt || dice < killRate / 2) {
      await simDown;  // one simulator restart at a time
      // Killed now, restarted after 0–1.5 s while registrations go on.
      simDown = run.restartSim(Math.floor(random() * 1500));
    }
    if (i === serverAt || (dice >= killRate / 2 && dice < killRate)) {
      // A moment later: while the worker is sending what the approval just wrote.
      await sleep(Math.floor(random() * 60));
      await run.restartServer();
    }
  }
  await simDown;
  return waitAllDelivered(run, deadlineMs);
}

// Every notification the server lists (all pages).
export async function allNotifications(run) {
  const all = [];
  let before = '';
  for (;;) {
    const r = await api(run.server.url, `/api/v1/notifications?limit=500${before}`, { token: run.tok.supervisor });
    assert.equal(r.status, 200, r.text);
    all.push(...r.json.notifications);
    if (r.json.notifications.length < 500) return all;
    before = `&before=${Math.min(...r.json.notifications.map((n) => n.id))}`;
  }
}

// Waits until no notification is pending; a row left waiting for a later retry (after an
// injected 500 the schedule's next attempt may be minutes away) is forced now, as an admin
// would from the board.
async function waitAllDelivered(run, deadlineMs) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const all = await allNotifications(run);
    const open = all.filter((n) => n.status !== 'delivered');
    if (open.length === 0) return all;
    const dead = open.filter((n) => n.status === 'dead');
    assert.deepEqual(dead, [], 'no notification is a dead letter');
    if (Date.now() > end) {
      assert.fail(`not delivered after ${deadlineMs} ms: ${JSON.stringify(open.slice(0, 5))}`);
    }
    for (const n of open) {
      if (n.next_attempt_ms !== null && n.next_attempt_ms > Date.now() + 3000) {
        const r = await api(run.server.url, `/api/v1/notifications/${n.id}/retry`, {
          method: 'POST', token: run.tok.supervisor, headers: { 'Idempotency-Key': randomUUID() },
        });
        assert.ok(r.status === 200 || r.status === 409, r.text);
      }
    }
    await sleep(250);
  }
}

// The proof, from the simulator's file: every message id exactly once, every notification the
// server lists there (and nothing else), every duplicate delivery carrying an id already
// written with a byte-identical body, and per (agency, person) the messages in the order of
// the registrations. Returns the figures of the run so far.
export function prove(run, notifications) {
  const lines = jsonLines(run.out);
  const count = new Map();
  for (const l of lines) count.set(l.id, (count.get(l.id) ?? 0) + 1);
  const twice = [...count].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], 'each message id is written once');
  const listed = new Map(notifications.map((n) => [n.message_id, n]));
  for (const n of notifications) {
    assert.equal(n.status, 'delivered', JSON.stringify(n));
    assert.ok(count.has(n.message_id), `${n.message_id} reached the agency`);
  }
  for (const l of lines) assert.ok(listed.has(l.id), `${l.id} is a notification of the server`);
  assert.equal(lines.length, notifications.length);

  const duplicates = jsonLines(`${run.out}.duplicates`);
  for (const d of duplicates) {
    assert.ok(count.has(d.id), `the duplicate ${d.id} carries an id already delivered`);
    assert.equal(d.same_body, true, `the duplicate ${d.id} has the first delivery's body`);
  }

  const lastOf = new Map();  // agency|person → [notification id, registration id] of the last line
  for (const l of lines) {
    const n = listed.get(l.id);
    const agency = l.path.slice(1);
    assert.equal(agency, n.agency, `${l.id} went to its agency's URL`);
    assert.equal(l.body.data.registration_id, n.registration_id);
    assert.ok(l.received_ms >= n.created_ms, `${l.id} was received after it was committed`);
    const key = `${agency}|${l.body.data.person.id_number}`;
    const previous = lastOf.get(key);
    if (previous) {
      assert.ok(n.id > previous[0] && n.registration_id > previous[1],
        `per agency and person in the order of the registrations: ${key} got ${n.registration_id} after ${previous[1]}`);
    }
    lastOf.set(key, [n.id, n.registration_id]);
  }
  return { messages: lines.length, duplicates: duplicates.length, lines: lastOf.size };
}
