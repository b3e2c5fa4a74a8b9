// The statutory figures as configuration with effective dates (issue 16, item 6), through a
// real huji on either backend: the shipped version, loading a later one, refusals, and an
// application judged by the version in force on its event date.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, demoSql, backend, taipeiDate, todayTaipei } from './harness.mjs';

let demo, server;
const tok = {};
const DAY = 86400e3;
const taipei = taipeiDate;
const today = todayTaipei;
const tomorrow = () => taipei(Date.now() + DAY);

before(async () => {
  demo = makeDemoDb({ persons: 600, seed: 23 });
  server = await startHuji(demo.db);
  for (const who of ['clerk', 'supervisor', 'admin']) tok[who] = await login(server.url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const rules = (token = tok.admin) => api(server.url, '/api/v1/admin/rules', { token });
const load = (text, token = tok.admin, type = 'text/plain') =>
  api(server.url, '/api/v1/admin/rules', { method: 'PUT', token, body: text, headers: { 'Content-Type': type } });

function refused(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/);
  assert.ok(r.json.error.message_en.length > 0);
}

// The shipped version's text with one line replaced and a new effective date.
function variant(shipped, effective, key, value) {
  return shipped.replace(/^effective .*$/m, `effective ${effective}`)
    .replace(new RegExp(`^${key.replace('.', '\\.')} .*$`, 'm'), `${key} ${value}`);
}

// Members (not heads) of distinct households, with their head: a death the head reports.
function deaths(n) {
  const rows = demoSql(demo.db, `SELECT p.id_number, h.head_id, q.name FROM persons p
    JOIN households h ON h.household_no = p.household_no JOIN persons q ON q.id_number = h.head_id
    WHERE p.status = 'active' AND h.head_id <> p.id_number ORDER BY p.id_number`);
  const seen = new Set();
  return rows.filter(([, head]) => !seen.has(head) && seen.add(head)).slice(0, n)
    .map(([id, head, headName]) => ({ id, head, headName }));
}

function death(p, eventDate) {
  return api(server.url, '/api/v1/registrations', {
    method: 'POST', token: tok.clerk, headers: { 'Idempotency-Key': randomUUID() },
    body: {
      type: 'death', event_date: eventDate, subject_id: p.id, fields: { place: '臺北市' },
      applicant: { name: p.headName, id_number: p.head, relation: '戶長', identity_check: 'id_card' },
    },
  });
}

describe(`statutory figures by effective date (${backend})`, () => {
  let shipped;

  test('the shipped version is in force and shown to admins and supervisors', async () => {
    const r = await rules();
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.versions.map((x) => [x.effective_from, x.source, x.in_force]),
      [['2015-01-22', 'file', false], ['2023-01-01', 'file', true]]);
    // 民法 §12 and §980 as amended in force 2023-01-01: of age at 18, not 20; women marry at 18.
    assert.equal(r.json.versions[0].figures.age_of_majority, 20);
    assert.equal(r.json.versions[0].figures.marriage_min_age_woman, 16);
    const v = r.json.versions[1];
    assert.equal(v.figures.age_of_majority, 18);
    assert.equal(v.figures.marriage_min_age_woman, 18);
    assert.equal(v.figures.birth_days, 60);
    assert.deepEqual(v.figures.fine_bands, [
      { up_to_days: 15, amount: 300 }, { up_to_days: 30, amount: 500 }, { up_to_days: 180, amount: 700 }]);
    assert.equal(v.figures.target_registration_correctness, 0.97);
    assert.match(v.statutes, /戶籍法/);
    shipped = v.text;
    assert.equal((await rules(tok.supervisor)).status, 200);
    refused(await rules(tok.clerk), 403, 'auth.forbidden');
  });

  test('refusals: retroactive, a bad line, the wrong type, not an admin', async () => {
    const yesterday = taipei(Date.now() - DAY);
    refused(await load(variant(shipped, yesterday, 'deadline.general_days', '45')), 422, 'rules.retroactive');
    // Nor today: applications entered earlier today would be reviewed with other figures.
    refused(await load(variant(shipped, today(), 'deadline.general_days', '45')), 422, 'rules.retroactive');
    const bad = await load(variant(shipped, tomorrow(), 'deadline.general_days', 'forty'));
    refused(bad, 400, 'rules.file');
    assert.match(bad.json.error.message_en, /rules:\d+/);
    refused(await load(variant(shipped, tomorrow(), 'deadline.general_days', '45'), tok.admin, 'application/json'),
      400, 'rules.content_type');
    refused(await load(variant(shipped, tomorrow(), 'deadline.general_days', '45'), tok.supervisor), 403, 'auth.forbidden');
    assert.equal((await rules()).json.versions.length, 2, 'nothing was loaded');
  });

  test('a version loaded for tomorrow is upcoming; today\'s applications keep the figures in force', async () => {
    const r = await load(variant(shipped, tomorrow(), 'deadline.general_days', '45'));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.versions[0].effective_from, tomorrow());
    assert.equal(r.json.versions[0].source, 'database');
    assert.equal(r.json.versions[0].loaded_by, 'admin');
    assert.equal(r.json.versions[0].in_force, false);
    const [a] = deaths(1);
    const now = await death(a, today());
    assert.equal(now.status, 201, now.text);
    assert.ok(now.json.application.deadline < taipei(Date.now() + 40 * DAY), now.json.application.deadline);
    assert.equal(now.json.application.deadline_basis, '戶籍法 §48 ¶1');
  });

  test('a loaded version survives a restart', async () => {
    await server.stop();
    server = await startHuji(demo.db);
    for (const who of ['clerk', 'supervisor', 'admin']) tok[who] = await login(server.url, who);
    const r = await rules();
    assert.deepEqual(r.json.versions.map((v) => [v.effective_from, v.source, v.in_force]),
      [['2015-01-22', 'file', false], ['2023-01-01', 'file', true], [tomorrow(), 'database', false]]);
    assert.equal(r.json.versions[2].figures.general_days, 45);
  });
});
