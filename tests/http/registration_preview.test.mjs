// POST /api/v1/registrations/preview: the clerk's "check your answers" step. The same checks,
// errors and lateness assessment as POST /registrations, the 記事 registering would write, and
// nothing entered, no Idempotency-Key used; audited as a read of the persons it shows.
// Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, demoSql, assertBilingualError, daysAgoTaipei, yearsAgoTaipei,
} from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 600, seed: 17 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// Married couples of adults living together, wife first: one is the subject of a death, the
// other applies as the spouse (戶籍法 §50).
const couples = () => demoSql(demo.db, `SELECT w.id_number, w.name, h.id_number, h.name FROM persons w
  JOIN persons h ON h.id_number = w.spouse_id
  WHERE w.status = 'active' AND h.status = 'active' AND h.household_no = w.household_no
    AND w.sex = 'F' AND w.birth_date <= '${yearsAgoTaipei(30)}' ORDER BY w.id_number`);

const death = (subject, spouse, eventDate) => ({
  type: 'death', event_date: eventDate, subject_id: subject[0], fields: { place: '臺北市' },
  applicant: { name: spouse[1], id_number: spouse[0], relation: 'spouse', identity_check: 'id_card' },
});

const preview = (body, token = tok.clerk, headers = {}) =>
  api(url, '/api/v1/registrations/preview', { method: 'POST', token, body, headers });
const submit = (body, key = randomUUID()) =>
  api(url, '/api/v1/registrations', { method: 'POST', token: tok.clerk, body, headers: { 'Idempotency-Key': key } });
const entered = async () => {
  const r = await api(url, '/api/v1/registrations', { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  return r.json.applications.length;
};

test('a late death: the 記事, deadline, days late and fine, and nothing entered', async () => {
  const [w, wName, h, hName] = couples()[0];
  const body = death([h, hName], [w, wName], daysAgoTaipei(90));
  const before = await entered();
  const r = await preview(body);
  assert.equal(r.status, 200, r.text);
  const p = r.json.preview;
  assert.equal(p.type, 'death');
  assert.equal(p.subject_id, h);
  assert.equal(p.event_date, body.event_date);
  assert.ok(p.deadline < daysAgoTaipei(0), p.deadline);
  assert.ok(p.days_late > 0, `days late: ${p.days_late}`);
  assert.ok(p.proposed_fine.min > 0 && p.proposed_fine.max >= p.proposed_fine.min, JSON.stringify(p.proposed_fine));
  assert.match(p.deadline_basis, /戶籍法/);
  assert.equal(p.entries.length >= 1, true);
  const own = p.entries.find((e) => e.subject_id === h);
  assert.ok(own, JSON.stringify(p.entries));
  assert.match(own.text_zh, /死亡/);
  assert.match(own.text_zh, /登記$/);
  assert.match(own.text_en, /Died/);
  assert.equal(await entered(), before, 'a preview enters nothing');

  // Submitting the same content gives what the preview said.
  const s = await submit(body);
  assert.equal(s.status, 201, s.text);
  const a = s.json.application;
  assert.deepEqual([a.deadline, a.days_late, a.proposed_fine], [p.deadline, p.days_late, p.proposed_fine]);
  assert.equal(await entered(), before + 1);
});

test('the preview uses no Idempotency-Key: the key then enters the application once', async () => {
  const [w, wName, h, hName] = couples()[1];
  const body = death([w, wName], [h, hName], daysAgoTaipei(3));
  const key = randomUUID();
  const p1 = await preview(body, tok.clerk, { 'Idempotency-Key': key });
  assert.equal(p1.status, 200, p1.text);
  assert.equal(p1.json.preview.days_late, 0);
  assert.deepEqual(p1.json.preview.proposed_fine, { min: 0, max: 0 });
  const p2 = await preview(body);
  assert.deepEqual(p2.json.preview, p1.json.preview, 'a preview is repeatable');
  const s = await submit(body, key);
  assert.equal(s.status, 201, s.text);
  const again = await submit(body, key);
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.application.id, s.json.application.id, 'the key replays');
});

test('the same refusals as a submission, in both languages', async () => {
  const [w, wName, h, hName] = couples()[2];
  const ok = death([w, wName], [h, hName], daysAgoTaipei(1));
  assertBilingualError(await preview({ ...ok, event_date: daysAgoTaipei(-3) }), 422, 'registration.future_date');
  assertBilingualError(await preview({ ...ok, type: 'coronation' }), 400, 'registration.type');
  assertBilingualError(await preview({ ...ok, event_date: '115/12/01' }), 400, 'date.invalid');
  const r = await preview(ok, tok.auditor);
  assert.equal(r.status, 403, r.text);
  const anon = await preview(ok, '');
  assert.equal(anon.status, 401, anon.text);
});

test('a preview is audited as a read of each person it shows', async () => {
  const [w, wName, h, hName] = couples()[3];
  const r = await preview(death([w, wName], [h, hName], daysAgoTaipei(2)));
  assert.equal(r.status, 200, r.text);
  const requestId = r.headers.get('x-request-id');
  for (const id of [w, h]) {
    const a = await api(url, `/api/v1/audit?subject=${id}&limit=1000`, { token: tok.auditor });
    assert.equal(a.status, 200, a.text);
    const hit = a.json.entries.find((e) => e.request_id === requestId);
    assert.ok(hit, `the preview is in ${id}'s trail`);
    assert.equal(hit.action, 'registration.preview');
    assert.match(hit.purpose, /受理death登記/);
  }
});
