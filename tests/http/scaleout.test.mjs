// Scale-out on PostgreSQL (OPERATIONS.md "Several huji processes on one database"): two
// `huji serve` processes on one database take registrations and lookups at once, each
// application entered through one process and approved through the other; afterwards nothing
// acknowledged is missing or doubled, no ID number or household number was handed out twice,
// the audit chain is one line (`huji audit verify`) and the projections equal the replay of
// the event log (`huji register rebuild --check`). PostgreSQL only: a SQLite file belongs to
// one process.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, runCli, backend, bin, root, othersShown } from './harness.mjs';

const OFFICE = '63000080';
const BIRTHS = 40;
const MOVES = 24;  // address changes founding a household at another door plate
const EMIGRATIONS = 12;
const RACED_BIRTHS = 4;  // each request sent to both processes at once with one Idempotency-Key
const LOOKUPS = 1000;
const IN_FLIGHT = 8;  // registrations in flight at once, and as many lookups

const DAY = 86400e3;
const taipei = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
const daysAgo = (n) => taipei(Date.now() - n * DAY);
const yearsAgo = (n) => `${Number(taipei(Date.now()).slice(0, 4)) - n}${taipei(Date.now()).slice(4)}`;
const purpose = encodeURIComponent('登記審核');
// A newborn's given name unique within the test (names allow no digits).
const stems = '甲乙丙丁戊己庚辛壬癸';
const given = (i) => stems[Math.floor(i / 10) % 10] + stems[i % 10];

// Runs `jobs` (functions returning promises) with at most `width` in flight.
async function pool(jobs, width) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }));
  return results;
}

describe('two huji processes on one PostgreSQL database', { skip: backend !== 'postgres' && 'PostgreSQL only' }, () => {
  let demo, a, b;
  const tok = {};

  function sql(query) {
    const out = execFileSync('psql', [demo.db, '-X', '-A', '-t', '-F', '\t', '-c', query], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
  }

  before(async () => {
    demo = makeDemoDb({ persons: 3000, seed: 14 });
    // The demo's second supervisor (chief) approves too: two people as well as two processes.
    [a, b] = await Promise.all([startHuji(demo.db), startHuji(demo.db)]);
    // Each token is issued by one process and used on both: sessions live in the database.
    tok.clerk = await login(a.url, 'clerk');
    tok.supervisor = await login(b.url, 'supervisor');
    tok.chief = await login(a.url, 'chief', 'chief-demo-pass');
    tok.auditor = await login(b.url, 'auditor');
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    demo?.cleanup();
  });

  test('a token issued by one process works on the other; a logout on one is refused by the other', async () => {
    const t = await login(a.url, 'clerk');
    const onB = await api(b.url, '/api/v1/auth/me', { token: t });
    assert.equal(onB.status, 200, onB.text);
    const fresh = await login(b.url, 'clerk');
    const out = await api(b.url, '/api/v1/auth/logout', { method: 'POST', token: fresh });
    assert.equal(out.status, 204, out.text);
    // `a` never saw this token, so it has nothing remembered: the database's revocation holds.
    const onA = await api(a.url, '/api/v1/auth/me', { token: fresh });
    assert.equal(onA.status, 401, onA.text);
  });

  test('concurrent registrations and lookups through both: nothing lost, nothing doubled', async () => {
    // Work on disjoint households, so that no approval meets another's change (that is a
    // 409 registration.concurrent_change by design, tested in registration.test.mjs).
    const used = new Set();
    const fresh = (rows) => rows.filter(([, hh]) => !used.has(hh) && used.add(hh));
    const mothers = fresh(sql(`SELECT w.id_number, w.household_no, w.spouse_id, w.name FROM persons w
      JOIN persons h ON h.id_number = w.spouse_id
      WHERE w.status = 'active' AND w.sex = 'F' AND h.status = 'active' AND h.household_no = w.household_no
        AND w.birth_date BETWEEN '${yearsAgo(40)}' AND '${yearsAgo(20)}' AND h.birth_date <= '${yearsAgo(20)}'
      ORDER BY w.id_number`)).slice(0, BIRTHS + RACED_BIRTHS);
    assert.equal(mothers.length, BIRTHS + RACED_BIRTHS, 'enough mothers in the demo population');
    const members = fresh(sql(`SELECT p.id_number, p.household_no, p.name FROM persons p
      JOIN households h ON h.household_no = p.household_no
      WHERE p.status = 'active' AND h.head_id <> p.id_number AND p.birth_date <= '${yearsAgo(25)}'
        AND h.office_code = '${OFFICE}'
      ORDER BY p.id_number`)).slice(0, MOVES + EMIGRATIONS);
    assert.equal(members.length, MOVES + EMIGRATIONS, 'enough adult members in the demo population');
    const plates = sql(`SELECT id FROM door_plates WHERE office_code = '${OFFICE}' ORDER BY id LIMIT 200`).map(([id]) => id);
    const subjects = sql(`SELECT id_number FROM persons WHERE status = 'active' ORDER BY id_number LIMIT 100`).map(([id]) => id);

    const servers = [a.url, b.url];
    const post = (url, path, body, token, key = randomUUID()) =>
      api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });
    const applicant = (p) => ({ name: p.name, id_number: p.id, relation: '本人', identity_check: 'id_card' });

    const bodies = [];
    mothers.slice(0, BIRTHS).forEach(([id, , spouse, name], i) => bodies.push({
      type: 'birth', event_date: daysAgo(3),
      fields: { name: `擴${given(i)}`, sex: i % 2 ? 'F' : 'M', place: '臺北市', mother_id: id, father_id: spouse },
      applicant: { name, id_number: id, relation: '母', identity_check: 'id_card' },
    }));
    const moves = members.slice(0, MOVES).map(([id, household, name], i) => ({
      id, household, body: {
        type: 'address_change', event_date: daysAgo(2), subject_id: id,
        fields: { door_plate_id: String(plates[(i * 7) % plates.length]) }, applicant: applicant({ id, name }),
      },
    }));
    bodies.push(...moves.map((m) => m.body));
    members.slice(MOVES).forEach(([id, , name]) => bodies.push({
      type: 'move_out', event_date: daysAgo(4), subject_id: id, fields: { to: '日本' }, applicant: applicant({ id, name }),
    }));

    // Entered through one process by the clerk, approved through the other by a supervisor
    // (two supervisors in turn).
    const register = (body, i) => async () => {
      const entry = await post(servers[i % 2], '/api/v1/registrations', body, tok.clerk);
      assert.equal(entry.status, 201, `${body.type}: ${entry.text}`);
      const app = entry.json.application;
      const reviewer = i % 3 ? tok.supervisor : tok.chief;
      const r = await post(servers[(i + 1) % 2], `/api/v1/registrations/${app.id}/review`,
        { decision: 'approve', version: app.version }, reviewer);
      assert.equal(r.status, 200, `${body.type} #${app.id}: ${r.text}`);
      return r.json.application;
    };
    // The same entry, then the same approval, sent to both processes at once (a client
    // retrying through the proxy): one application, one newborn.
    const raced = ([id, , spouse, name], i) => async () => {
      const body = {
        type: 'birth', event_date: daysAgo(5),
        fields: { name: `重${given(i)}`, sex: 'M', place: '臺北市', mother_id: id, father_id: spouse },
        applicant: { name, id_number: id, relation: '母', identity_check: 'id_card' },
      };
      const key = randomUUID();
      const entries = await Promise.all(servers.map((url) => post(url, '/api/v1/registrations', body, tok.clerk, key)));
      for (const r of entries) assert.ok(r.status === 201 || r.status === 200, r.text);
      assert.equal(entries[0].json.application.id, entries[1].json.application.id, 'one application');
      const app = entries[0].json.application;
      const reviewKey = randomUUID();
      const reviews = await Promise.all(servers.map((url) => post(url, `/api/v1/registrations/${app.id}/review`,
        { decision: 'approve', version: app.version }, tok.supervisor, reviewKey)));
      for (const r of reviews) assert.equal(r.status, 200, r.text);
      assert.equal(reviews[0].json.application.result_subject_id, reviews[1].json.application.result_subject_id);
      return reviews[0].json.application;
    };
    const lookup = (i) => async () => {
      const rid = `scaleout-${i}`;
      const view = i % 2 ? '&view=summary' : '';
      const subject = subjects[i % subjects.length];
      const r = await api(servers[(i >> 1) % 2], `/api/v1/persons/${subject}?purpose=${purpose}${view}`, {
        token: tok.clerk, headers: { 'X-Request-Id': rid },
      });
      assert.equal(r.status, 200, r.text);
      return { rid, others: othersShown(r.json) };
    };

    const t0 = Date.now();
    const [registered, lookedUp] = await Promise.all([
      pool([...bodies.map(register), ...mothers.slice(BIRTHS).map(raced)], IN_FLIGHT),
      pool(Array.from({ length: LOOKUPS }, (_, i) => lookup(i)), IN_FLIGHT),
    ]);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`${registered.length} registrations (each 2 requests) and ${lookedUp.length} lookups through 2 processes in ${seconds.toFixed(1)} s`);

    // Every approval is in the database once, as acknowledged.
    const ids = registered.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'distinct applications');
    const stored = sql(`SELECT id, status, first_event_seq, last_event_seq, result_subject_id FROM applications
      WHERE id IN (${ids.join(',')}) ORDER BY id`);
    assert.equal(stored.length, ids.length);
    for (const [id, status, first, last, subject] of stored) {
      const acked = registered.find((x) => x.id === Number(id));
      assert.equal(status, 'registered', `#${id}`);
      assert.deepEqual([Number(first), Number(last)], [acked.event_seqs[0], acked.event_seqs.at(-1)], `#${id}`);
      assert.equal(subject, acked.result_subject_id, `#${id}`);
    }
    // No event written twice or lost: each approval's events (event_seqs: its first and last
    // seq) are a run of the log no other approval shares, and all of them are stored.
    const runs = registered.map((x) => x.event_seqs).sort((p, q) => p[0] - q[0]);
    runs.forEach(([first, last], i) => {
      assert.ok(first <= last && (i === 0 || first > runs[i - 1][1]), `events ${first}–${last} are one approval's`);
    });
    const inRuns = runs.map(([first, last]) => `seq BETWEEN ${first} AND ${last}`).join(' OR ');
    assert.equal(Number(sql(`SELECT count(*) FROM events WHERE ${inRuns}`)[0][0]),
      runs.reduce((n, [first, last]) => n + last - first + 1, 0));

    // ID numbers: each newborn got a new one, none given twice.
    const births = registered.filter((x) => x.type === 'birth');
    assert.equal(births.length, BIRTHS + RACED_BIRTHS);
    const born = births.map((x) => x.result_subject_id);
    assert.equal(new Set(born).size, born.length, 'no ID number handed out twice');
    const names = births.map((x) => `'${x.fields.name}'`).join(',');
    const rows = sql(`SELECT name, count(*) FROM persons WHERE name IN (${names}) GROUP BY name`);
    assert.equal(rows.length, born.length, 'every newborn registered');
    for (const [name, n] of rows) assert.equal(n, '1', `${name} registered once`);

    // Household numbers: each move founded a household of its own.
    const movers = moves.map((m) => `'${m.id}'`).join(',');
    const homes = sql(`SELECT household_no FROM persons WHERE id_number IN (${movers})`).map(([hh]) => hh);
    assert.equal(homes.length, MOVES);
    assert.equal(new Set(homes).size, MOVES, 'no household number handed out twice');
    for (const m of moves) assert.ok(!homes.includes(m.household), 'moved out of the old household');
    const heads = sql(`SELECT count(*) FROM households WHERE household_no IN (${homes.map((h) => `'${h}'`).join(',')})
      AND head_id IN (${movers})`);
    assert.equal(Number(heads[0][0]), MOVES, 'each founded household is headed by its mover');

    // Audit: each entry and approval once, each acknowledged lookup once, and the trail's
    // seq one line with no gap or repeat.
    const audited = new Map(sql(`SELECT action || ' ' || substring(purpose from '#([0-9]+)$'), count(*) FROM audit
      WHERE action IN ('registration.submit', 'registration.register') GROUP BY 1`));
    for (const id of ids) {
      assert.equal(audited.get(`registration.submit ${id}`), '1', `entry of #${id} audited once`);
      assert.equal(audited.get(`registration.register ${id}`), '1', `approval of #${id} audited once`);
    }
    // A full view's entries are its subject's and one per other person it shows.
    const reads = new Map(sql(`SELECT request_id, count(*) FROM audit WHERE request_id LIKE 'scaleout-%'
      AND action IN ('person.read', 'person.read_summary') GROUP BY 1`));
    assert.equal(reads.size, LOOKUPS, 'every lookup audited');
    for (const { rid } of lookedUp) assert.equal(reads.get(rid), '1', `${rid} audited once`);
    const related = new Map(sql(`SELECT request_id || ' ' || subject_id, count(*) FROM audit
      WHERE request_id LIKE 'scaleout-%' AND action = 'person.read_related' GROUP BY 1`));
    const shown = lookedUp.flatMap(({ rid, others }) => others.map((id) => `${rid} ${id}`));
    assert.ok(shown.length > 0, 'the full views showed relatives');
    assert.equal(related.size, shown.length, 'no one audited who was not shown');
    for (const key of shown) assert.equal(related.get(key), '1', `${key} audited once`);
    const [[count, max, distinct]] = sql('SELECT count(*), max(seq), count(DISTINCT seq) FROM audit');
    assert.equal(count, max, 'audit seq without gaps');
    assert.equal(count, distinct);
  });

  test('after both stop: the audit chain verifies and the projections equal the replay', async () => {
    const stops = await Promise.all([a.stop(), b.stop()]);
    for (const s of stops) assert.deepEqual(s, { code: 0, signal: null });
    a = b = null;
    const [[entries]] = sql('SELECT count(*) FROM audit');
    const verify = runCli(['audit', 'verify', '--db', demo.db]);
    assert.match(verify, new RegExp(`audit chain ok: ${entries} entries`));
    const rebuild = execFileSync(bin, ['register', 'rebuild', '--check', '--db', demo.db, '--calendar',
      join(root, 'data/calendar')], { encoding: 'utf8' });
    assert.match(rebuild, /projections equal the replay of the event log/);
  });
});
