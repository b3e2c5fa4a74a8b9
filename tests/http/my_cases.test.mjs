// A clerk's own cases and what a reviewer sees of an application (issue 17 items 3 and 4):
// GET /registrations?mine=&status=&before=&limit= pages one clerk's applications with the
// names behind their ID numbers; GET /registrations/{id} adds the before and after of what a
// pending application changes, the 記事 it writes, its documents and whether it is the
// reader's own (four eyes). Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, rawRequest, demoSql, assertBilingualError, todayTaipei as today,
  yearsAgoTaipei as yearsAgo,
} from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 23 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const sql = (query) => demoSql(demo.db, query);

// Adults who are not a household's head, each in a household of their own among these.
let adultPool;
function nextAdult() {
  adultPool ??= sql(`SELECT id_number, name, household_no FROM persons WHERE status = 'active'
    AND relation <> '戶長' AND birth_date <= '${yearsAgo(25)}' AND birth_date >= '${yearsAgo(60)}'
    ORDER BY id_number`).map(([id, name, household]) => ({ id, name, household }));
  const p = adultPool.shift();
  assert.ok(p, 'the demo population has enough adults');
  return p;
}

async function post(path, body, token, key = randomUUID()) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });
}

const self = (p) => ({ name: p.name, id_number: p.id, relation: 'self', identity_check: 'id_card' });

function renameBody(p, newName) {
  return {
    type: 'name_change', event_date: today(), subject_id: p.id,
    fields: { new_name: newName, reason: 'vulgar_or_special' }, applicant: self(p),
  };
}

async function submit(body, token = tok.clerk) {
  const r = await post('/api/v1/registrations', body, token);
  assert.equal(r.status, 201, r.text);
  return r.json.application;
}

async function decide(app, decision, note = '') {
  const r = await post(`/api/v1/registrations/${app.id}/review`,
    { decision, note, version: app.version }, tok.supervisor);
  assert.equal(r.status, 200, r.text);
  return r.json.application;
}

const read = (id, token) => api(url, `/api/v1/registrations/${id}`, { token });

describe('what a reviewer sees of an application', () => {
  test('a name change shows the old and the new name, the entry, the names and the clerk', async () => {
    const p = nextAdult();
    const app = await submit(renameBody(p, '林新名'));
    const r = await read(app.id, tok.supervisor);
    assert.equal(r.status, 200, r.text);
    const a = r.json.application;
    assert.equal(a.status, 'pending_review');
    assert.equal(a.names[p.id], p.name, 'the subject by name');
    assert.deepEqual(a.changes.filter((c) => c.field === 'name'),
      [{ person_id: p.id, field: 'name', before: p.name, after: '林新名' }]);
    assert.ok(a.entries.length >= 1, r.text);
    assert.ok(a.entries.some((e) => e.person_id === p.id && e.text_zh.includes('林新名')), JSON.stringify(a.entries));
    assert.ok(a.entries.every((e) => e.text_en.length > 0));
    assert.ok(a.entered_by_name, 'the clerk by name');
    assert.equal(a.entered_by, 'clerk');
    assert.equal(a.own, false);
    assert.deepEqual(a.documents, []);
    assert.equal(a.preview_refused, null);
    assert.equal(a.version, app.version, 'the fields the review sends are kept');

    // Nothing was written: the person still has the old name.
    const person = await api(url, `/api/v1/persons/${p.id}?purpose=${encodeURIComponent('登記審核')}`, { token: tok.supervisor });
    assert.equal(person.json.person.name, p.name);

    // The read is audited under the review's purpose, for the subject.
    const audit = await api(url, '/api/v1/audit?user=supervisor&limit=1000', { token: tok.auditor });
    assert.ok(audit.json.entries.some((e) => e.action === 'registration.read' && e.subject_id === p.id &&
      e.purpose === `審核登記申請 #${app.id}`), 'audited as a review');
  });

  test('a move shows the old and the new address', async () => {
    const p = nextAdult();
    const other = nextAdult();
    const plate = (await api(url, `/api/v1/households/${other.household}?purpose=${encodeURIComponent('登記審核')}`,
      { token: tok.clerk })).json.household;
    const app = await submit({
      type: 'address_change', event_date: today(), subject_id: p.id,
      fields: { door_plate_id: String(plate.door_plate_id) }, applicant: self(p),
    });
    const a = (await read(app.id, tok.supervisor)).json.application;
    const move = a.changes.find((c) => c.person_id === p.id && c.field === 'address');
    assert.ok(move, JSON.stringify(a.changes));
    assert.ok(move.before.length > 0 && move.after.length > 0);
    assert.notEqual(move.before, move.after);
    assert.equal(move.after, plate.address);
  });

  test("the supervisor's own case is marked and cannot be approved", async () => {
    const p = nextAdult();
    const app = await submit(renameBody(p, '林自受'), tok.supervisor);
    const a = (await read(app.id, tok.supervisor)).json.application;
    assert.equal(a.own, true);
    assert.equal((await read(app.id, tok.clerk)).json.application.own, false);
    const queue = await api(url, '/api/v1/registrations?status=pending_review', { token: tok.supervisor });
    const row = queue.json.applications.find((x) => x.id === app.id);
    assert.equal(row.own, true);
    assert.equal(row.names[p.id], p.name);
    assert.ok(row.entered_by_name);
    assert.equal(row.changes, undefined, 'the list leaves the detail out');
    const r = await post(`/api/v1/registrations/${app.id}/review`,
      { decision: 'approve', note: '', version: a.version }, tok.supervisor);
    assertBilingualError(r, 403, 'registration.four_eyes');
  });

  test('documents are listed with the application', async () => {
    const p = nextAdult();
    const app = await submit(renameBody(p, '林附件'));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const res = await rawRequest(url, `/api/v1/registrations/${app.id}/documents?filename=${encodeURIComponent('改名申請書.pdf')}`, {
      method: 'POST', body: pdf,
      headers: { 'Content-Type': 'application/pdf', Authorization: `Bearer ${tok.clerk}`, 'Idempotency-Key': randomUUID() },
    });
    assert.equal(res.status, 201);
    const a = (await read(app.id, tok.clerk)).json.application;
    assert.deepEqual(a.documents.map((d) => [d.filename, d.size]), [['改名申請書.pdf', pdf.length]]);
  });
});

describe("a clerk's own cases", () => {
  test('mine=true lists only the reader\'s applications, by state, a page at a time', async () => {
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await submit(renameBody(nextAdult(), `林頁${'一二三'[i]}`)));
    const theirs = await submit(renameBody(nextAdult(), '林別人'), tok.supervisor);
    const rejected = await decide(mine[0], 'reject', '改名理由證明文件不足');

    const first = await api(url, '/api/v1/registrations?mine=true&limit=2', { token: tok.clerk });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.applications.length, 2);
    assert.ok(first.json.applications.every((a) => a.entered_by === 'clerk'));
    assert.equal(first.json.next_before, first.json.applications[1].id);
    const ids = first.json.applications.map((a) => a.id);
    assert.ok(ids[0] > ids[1], 'newest first');
    const second = await api(url, `/api/v1/registrations?mine=true&limit=2&before=${first.json.next_before}`, { token: tok.clerk });
    assert.ok(second.json.applications.every((a) => a.id < ids[1] && a.entered_by === 'clerk'));
    const all = await api(url, '/api/v1/registrations?mine=true', { token: tok.clerk });
    assert.equal(all.json.next_before, null, 'one page holds them all');
    const allIds = all.json.applications.map((a) => a.id);
    for (const a of mine) assert.ok(allIds.includes(a.id));
    assert.ok(!allIds.includes(theirs.id), "another's case is not mine");

    const needsChanges = await api(url, '/api/v1/registrations?mine=true&status=rejected', { token: tok.clerk });
    const row = needsChanges.json.applications.find((a) => a.id === rejected.id);
    assert.ok(row, needsChanges.text);
    assert.equal(row.review_note, '改名理由證明文件不足');
    assert.equal(row.reviewed_by, 'supervisor');
    assert.ok(row.reviewed_by_name);
    assert.ok(needsChanges.json.applications.every((a) => a.status === 'rejected'));

    const office = await api(url, '/api/v1/registrations', { token: tok.clerk });
    assert.ok(office.json.applications.some((a) => a.id === theirs.id), 'without mine: the office');
  });

  test('bad filters are refused in both languages', async () => {
    assertBilingualError(await api(url, '/api/v1/registrations?mine=yes', { token: tok.clerk }), 400, 'registration.mine');
    assertBilingualError(await api(url, '/api/v1/registrations?limit=0', { token: tok.clerk }), 400, 'registration.limit');
    assertBilingualError(await api(url, '/api/v1/registrations?limit=201', { token: tok.clerk }), 400, 'registration.limit');
    assertBilingualError(await api(url, '/api/v1/registrations?before=abc', { token: tok.clerk }), 400, 'registration.before');
    assertBilingualError(await api(url, '/api/v1/registrations?mine=true', { token: tok.auditor }), 403, 'auth.forbidden');
  });
});
