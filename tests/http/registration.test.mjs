// The registration workflow (戶籍登記) through real HTTP: entry by a clerk, review by a
// supervisor, documents, households, sampling and the correctness KPI, nationality cases.
// Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, rawRequest, demoSql, motherPicker } from './harness.mjs';

let demo, server, url;
// Married women of 20–40 living with their husband, one per household (harness.mjs).
let nextMother;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 2000, seed: 11 });
  nextMother = motherPicker(demo.db);
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
  tok.chief = await login(url, 'chief');  // the demo's second supervisor: samples what supervisor approved
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// ---- helpers ----

function assertBilingualError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.ok(r.json.error.message_zh.length > 0, 'message_zh');
  assert.ok(r.json.error.message_en.length > 0, 'message_en');
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/, 'message_zh is Chinese');
}

const DAY = 86400e3;
const taipei = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
const today = () => taipei(Date.now());
const daysAgo = (n) => taipei(Date.now() - n * DAY);
const yearsAgo = (n) => `${Number(today().slice(0, 4)) - n}${today().slice(4)}`;
const roc = (iso) => `民國${Number(iso.slice(0, 4)) - 1911}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;
const rocShort = (iso) => `${Number(iso.slice(0, 4)) - 1911}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;
const purpose = encodeURIComponent('登記審核');

// Read-only queries on the demo database, only to pick suitable persons out of the synthetic
// population (the API has no search by design: every lookup names its subject).
const sql = (query) => demoSql(demo.db, query);


// A raw (binary) request body: harness.api() would encode a Buffer as JSON.
async function postBytes(path, bytes, type, token, key = randomUUID()) {
  const headers = { 'Content-Type': type, Authorization: `Bearer ${token}` };
  if (key) headers['Idempotency-Key'] = key;
  const res = await rawRequest(url, path, { method: 'POST', headers, body: bytes });
  const text = res.bytes.toString('utf8');
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

async function post(path, body, token, key = randomUUID()) {
  return api(url, path, { method: 'POST', token, body, headers: key ? { 'Idempotency-Key': key } : {} });
}

function birthBody(mother, name, eventDate = daysAgo(3)) {
  return {
    type: 'birth', event_date: eventDate,
    fields: { name, sex: 'M', place: '臺北市', mother_id: mother.id, father_id: mother.spouse },
    applicant: { name: mother.name, id_number: mother.id, relation: '母', identity_check: 'id_card' },
  };
}

async function submit(body, token = tok.clerk, key = randomUUID()) {
  const r = await post('/api/v1/registrations', body, token, key);
  assert.equal(r.status, 201, r.text);
  return r.json.application;
}

async function review(app, decision = 'approve', extra = {}, token = tok.supervisor, key = randomUUID()) {
  return post(`/api/v1/registrations/${app.id}/review`, { decision, version: app.version, ...extra }, token, key);
}

async function person(id, token = tok.clerk) {
  const r = await api(url, `/api/v1/persons/${id}?purpose=${purpose}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const APPLICATION_KEYS = ['id', 'office_code', 'type', 'status', 'subject_id', 'event_date', 'fields', 'applicant',
  'entered_by', 'entered_at_ms', 'deadline', 'deadline_provisional', 'deadline_basis', 'days_late', 'proposed_fine', 'fine_decided', 'reviewed_by',
  'review_note', 'registered_on', 'event_seqs', 'result_subject_id', 'revoked_by', 'revoked_cause', 'sample', 'version'];

// ---- tests ----

describe('a birth, entered by a clerk and approved by a supervisor', () => {
  let mother, entered, registered, key;

  test('entry: 201 with a pending application', async () => {
    mother = nextMother();
    key = randomUUID();
    const t0 = Date.now();
    const r = await post('/api/v1/registrations', birthBody(mother, '林小寶'), tok.clerk, key);
    assert.equal(r.status, 201, r.text);
    entered = r.json.application;
    assert.deepEqual(Object.keys(entered).sort(), [...APPLICATION_KEYS].sort());
    assert.ok(Number.isInteger(entered.id) && entered.id > 0);
    assert.equal(entered.office_code, '63000080');
    assert.equal(entered.type, 'birth');
    assert.equal(entered.status, 'pending_review');
    assert.equal(entered.subject_id, null);
    assert.equal(entered.event_date, daysAgo(3));
    assert.deepEqual(entered.fields, birthBody(mother, '林小寶').fields);
    // The older relation word is read as its capacity and stored as the code.
    assert.deepEqual(entered.applicant, { name: mother.name, id_number: mother.id, relation: 'mother', identity_check: 'id_card',
      interest: null, principal_id: null, principal_relation: null });
    assert.equal(entered.entered_by, 'clerk');
    assert.ok(entered.entered_at_ms >= t0 - 5000 && entered.entered_at_ms <= Date.now() + 5000);
    assert.match(entered.deadline, /^\d{4}-\d\d-\d\d$/);
    assert.ok(entered.deadline >= taipei(Date.parse(daysAgo(3)) + 60 * DAY), entered.deadline);
    assert.equal(entered.days_late, 0);
    assert.deepEqual(entered.proposed_fine, { min: 0, max: 0 });
    assert.equal(entered.fine_decided, null);
    assert.equal(entered.reviewed_by, null);
    assert.equal(entered.review_note, '');
    assert.equal(entered.registered_on, null);
    assert.deepEqual(entered.event_seqs, []);
    assert.equal(entered.result_subject_id, null);
    assert.equal(entered.sample, null);
    assert.equal(entered.version, 1);
  });

  test('the review queue lists it; GET returns it', async () => {
    const q = await api(url, '/api/v1/registrations?status=pending_review', { token: tok.supervisor });
    assert.equal(q.status, 200, q.text);
    assert.ok(q.json.applications.some((a) => a.id === entered.id));
    assert.ok(q.json.applications.every((a) => a.status === 'pending_review'));
    const byDay = await api(url, `/api/v1/registrations?day=${today()}`, { token: tok.clerk });
    assert.ok(byDay.json.applications.some((a) => a.id === entered.id));
    const g = await api(url, `/api/v1/registrations/${entered.id}`, { token: tok.clerk });
    assert.equal(g.status, 200, g.text);
    // GET adds what a reader needs (names, changes, entries, documents …) to the same fields.
    const { names, entered_by_name, reviewed_by_name, own, changes, entries, documents, preview_refused, ...same } =
      g.json.application;
    assert.deepEqual(same, entered);
    assert.equal(own, true, 'the clerk entered it');
    assert.ok(entered_by_name && reviewed_by_name === null && names && changes && entries && documents);
    assert.equal(preview_refused, null);
  });

  test('a retried entry with the same key returns the same application', async () => {
    const r = await post('/api/v1/registrations', birthBody(mother, '林小寶'), tok.clerk, key);
    assert.ok(r.status === 201 || r.status === 200, r.text);
    assert.equal(r.json.application.id, entered.id);
    const all = await api(url, '/api/v1/registrations?status=pending_review', { token: tok.clerk });
    assert.equal(all.json.applications.filter((a) => a.fields.mother_id === mother.id).length, 1);
  });

  test('the same key with a different body is 422 idempotency.key_reused', async () => {
    const r = await post('/api/v1/registrations', birthBody(mother, '林小玉'), tok.clerk, key);
    assertBilingualError(r, 422, 'idempotency.key_reused');
  });

  test('approval: 200, registered, a valid new ID number', async () => {
    const reviewKey = randomUUID();
    const r = await review(entered, 'approve', { note: '' }, tok.supervisor, reviewKey);
    assert.equal(r.status, 200, r.text);
    registered = r.json.application;
    assert.deepEqual(Object.keys(registered).sort(), [...APPLICATION_KEYS].sort());
    assert.equal(registered.id, entered.id);
    assert.equal(registered.status, 'registered');
    assert.equal(registered.reviewed_by, 'supervisor');
    assert.equal(registered.registered_on, today());
    assert.equal(registered.version, 2);
    assert.equal(registered.event_seqs.length, 2);
    assert.ok(registered.event_seqs[0] > 0 && registered.event_seqs[1] >= registered.event_seqs[0]);
    const id = registered.result_subject_id;
    assert.match(id, /^A1\d{8}$/, 'a male born in 臺北市');
    const check = await api(url, `/api/v1/id-numbers/${id}`);
    assert.equal(check.json.valid, true, check.text);
    assert.equal(check.json.sex, 'M');

    // A retried approval returns the same result and registers nothing more.
    const again = await review(entered, 'approve', { note: '' }, tok.supervisor, reviewKey);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.application.result_subject_id, id);
    assert.deepEqual(again.json.application.event_seqs, registered.event_seqs);
    // A second approval with a new key is a conflict.
    const twice = await review(entered, 'approve');
    assertBilingualError(twice, 409, 'registration.not_pending');
  });

  test('the newborn is in the mother\'s household, with 稱謂 and the transcript 記事', async () => {
    const v = await person(registered.result_subject_id);
    assert.equal(v.person.name, '林小寶');
    assert.equal(v.person.sex, 'M');
    assert.equal(v.person.birth_date, daysAgo(3));
    assert.equal(v.person.birth_place, '臺北市');
    assert.equal(v.person.mother.id_number, mother.id);
    assert.equal(v.person.father.id_number, mother.spouse);
    assert.equal(v.household.household_no, mother.household);
    assert.ok(v.person.relation.length > 0);
    assert.equal(v.events.length, 1);
    const e = v.events[0];
    assert.equal(e.type, 'birth');
    assert.equal(e.seq, registered.event_seqs[0]);
    assert.equal(e.text_zh, `${roc(daysAgo(3))}在臺北市出生 ${rocShort(today())}登記`);
    assert.match(e.text_en, /registered/);

    const h = await api(url, `/api/v1/households/${mother.household}?purpose=${purpose}`, { token: tok.clerk });
    assert.equal(h.status, 200, h.text);
    const hh = h.json.household;
    for (const k of ['household_no', 'office_code', 'head_id_number', 'established', 'door_plate_id', 'address', 'version', 'members']) {
      assert.ok(k in hh, k);
    }
    assert.equal(hh.household_no, mother.household);
    const heads = hh.members.filter((m) => m.relation === '戶長');
    assert.equal(heads.length, 1);
    assert.equal(heads[0].id_number, hh.head_id_number);
    assert.equal(hh.members[0].relation, '戶長', 'head first');
    const child = hh.members.find((m) => m.id_number === registered.result_subject_id);
    assert.ok(child, 'the newborn is a member');
    assert.equal(child.relation, v.person.relation);
    assert.match(child.relation, /子$|女$|^孫/, child.relation);
    assert.match(child.birth_date_roc, /^民國\d+年\d\d月\d\d日$/);
    for (const m of hh.members) {
      assert.ok(m.relation.length > 0, `${m.id_number} has a 稱謂`);
      assert.equal(m.status, 'active');
      // Every member's 記事 are in transcript wording: 「民國…日… YYY年MM月DD日登記」.
      const mv = await person(m.id_number);
      assert.ok(mv.events.length >= 1);
      for (const ev of mv.events) assert.match(ev.text_zh, /^民國\d+年\d\d月\d\d日.+ \d+年\d\d月\d\d日登記$/, ev.text_zh);
    }
    // The mother's 記事 did not change: her history is hers.
    const mine = await person(mother.id);
    assert.ok(!mine.events.some((ev) => ev.seq === registered.event_seqs[0]));
  });

  test('the audit trail shows entry and review with their purposes', async () => {
    const a = await api(url, '/api/v1/audit?user=supervisor&limit=1000', { token: tok.auditor });
    assert.equal(a.status, 200, a.text);
    const reg = a.json.entries.find((e) => e.action === 'registration.register' && e.purpose.includes(`#${entered.id}`));
    assert.ok(reg, 'the approval is audited');
    assert.equal(reg.subject_id, registered.result_subject_id);
    const c = await api(url, '/api/v1/audit?user=clerk&limit=1000', { token: tok.auditor });
    assert.ok(c.json.entries.some((e) => e.action === 'registration.submit' && e.purpose.includes(`#${entered.id}`)));
  });
});

describe('retries and races', () => {
  test('concurrent retries with one Idempotency-Key enter and register once', async () => {
    const m = nextMother();
    const body = birthBody(m, '林雙擊');
    const key = randomUUID();
    const entries = await Promise.all(Array.from({ length: 6 }, () => post('/api/v1/registrations', body, tok.clerk, key)));
    for (const r of entries) assert.ok(r.status === 201 || r.status === 200, r.text);
    const ids = new Set(entries.map((r) => r.json.application.id));
    assert.equal(ids.size, 1, 'one application');
    const app = entries[0].json.application;
    const reviewKey = randomUUID();
    const reviews = await Promise.all(Array.from({ length: 6 }, () => review(app, 'approve', {}, tok.supervisor, reviewKey)));
    for (const r of reviews) assert.equal(r.status, 200, r.text);
    assert.equal(new Set(reviews.map((r) => r.json.application.result_subject_id)).size, 1, 'one newborn');
    const h = await api(url, `/api/v1/households/${m.household}?purpose=${purpose}`, { token: tok.clerk });
    assert.equal(h.json.household.members.filter((x) => x.name === '林雙擊').length, 1, 'registered once');
  });

  test('two supervisors approving applications on one household at once: one wins, one is 409', async () => {
    const m = nextMother();
    const a = await submit(birthBody(m, '黃甲'));
    const b = await submit(birthBody(m, '黃乙'));
    const chief = await login(url, 'supervisor');
    const [ra, rb] = await Promise.all([review(a), review(b, 'approve', {}, chief)]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [200, 409], `${ra.text} ${rb.text}`);
    const loser = ra.status === 409 ? ra : rb;
    assert.equal(loser.json.error.code, 'registration.concurrent_change');
  });
});

describe('a move-in of an emigrated person', () => {
  test('is registered into a new household at a door plate of the district', async () => {
    let row = sql(`SELECT id_number, name FROM persons WHERE status = 'removed' AND removal_reason = 'emigration' ORDER BY id_number LIMIT 1`)[0];
    if (!row) {
      // This population has no emigrant today: let one emigrate first (registered move-out abroad).
      const [id, name] = sql(`SELECT id_number, name FROM persons WHERE status = 'active' AND relation <> '戶長'
        AND birth_date <= '${yearsAgo(25)}' ORDER BY id_number LIMIT 1`)[0];
      const out = await submit({ type: 'move_out', event_date: daysAgo(10), subject_id: id, fields: { to: '美國' },
        applicant: { name, id_number: id, relation: '本人', identity_check: 'id_card' } });
      assert.equal((await review(out)).status, 200);
      row = [id, name];
    }
    const [id, name] = row;
    const before = await person(id);
    assert.equal(before.person.status, 'removed');
    assert.equal(before.person.removal_reason, 'emigration');
    assert.equal(before.household, null);

    const plate = (await api(url, `/api/v1/households/${nextMother().household}?purpose=${purpose}`, { token: tok.clerk }))
      .json.household.door_plate_id;
    const moveDate = daysAgo(5);
    const app = await submit({
      type: 'move_in', event_date: moveDate, subject_id: id,
      fields: { from: '美國', door_plate_id: String(plate) },
      applicant: { name, id_number: id, relation: '本人', identity_check: 'passport' },
    });
    assert.equal(app.subject_id, id);
    assert.equal(app.days_late, 0);
    const r = await review(app);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.application.status, 'registered');
    assert.equal(r.json.application.result_subject_id, id);

    const after = await person(id);
    assert.equal(after.person.status, 'active');
    assert.equal(after.person.removal_reason, '');
    assert.equal(after.person.relation, '戶長');
    assert.equal(after.household.head_id_number, id);
    assert.equal(after.household.office_code, '63000080');
    assert.equal(after.household.established, moveDate);
    assert.deepEqual(after.household.members.map((m) => m.id_number), [id]);
    const last = after.events[after.events.length - 1];
    assert.equal(last.type, 'move_in');
    assert.equal(last.text_zh, `${roc(moveDate)}由美國遷入 ${rocShort(today())}登記`);
    const h = await api(url, `/api/v1/households/${after.household.household_no}?purpose=${purpose}`, { token: tok.clerk });
    assert.equal(h.status, 200, h.text);
    assert.equal(h.json.household.door_plate_id, plate);
    assert.equal(h.json.household.members[0].relation, '戶長');
  });
});

describe('a revocation (撤銷登記)', () => {
  test('revokes a registered birth through entry and review; the register is as before', async () => {
    const mother = nextMother();
    const before = await api(url, `/api/v1/households/${mother.household}?purpose=${purpose}`, { token: tok.clerk });
    assert.equal(before.status, 200, before.text);
    const birth = await review(await submit(birthBody(mother, '林重報')));
    assert.equal(birth.status, 200, birth.text);
    const child = birth.json.application.result_subject_id;
    assert.equal(birth.json.application.revoked_by, null);

    const body = {
      type: 'revocation', event_date: today(),
      fields: { application_id: String(birth.json.application.id), reason: '重複申報', cause: 'citizen_error' },
      applicant: { name: mother.name, id_number: mother.id, relation: 'legal_representative', identity_check: 'id_card' },
    };
    const entered = await submit(body);
    assert.equal(entered.subject_id, child);
    const done = await review(entered);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.application.status, 'registered');

    const v = await person(child);
    assert.equal(v.person.status, 'removed');
    assert.equal(v.events.length, 2);
    assert.equal(v.events[1].type, 'revocation');
    assert.equal(v.events[1].text_zh,
      `${roc(today())}撤銷第${birth.json.application.event_seqs[0]}號記事（重複申報） ${rocShort(today())}登記`);
    const after = await api(url, `/api/v1/households/${mother.household}?purpose=${purpose}`, { token: tok.clerk });
    assert.deepEqual(after.json.household.members.map((m) => [m.id_number, m.relation]),
      before.json.household.members.map((m) => [m.id_number, m.relation]));
    assert.ok(after.json.household.version > before.json.household.version);

    const revoked = await api(url, `/api/v1/registrations/${birth.json.application.id}`, { token: tok.clerk });
    assert.equal(revoked.json.application.revoked_by, entered.id);
    const again = await post('/api/v1/registrations', body, tok.clerk);
    assertBilingualError(again, 422, 'registration.already_revoked');
  });

  test('is refused once a later registration changed the same person', async () => {
    const mother = nextMother();
    const rename = (name) => ({
      type: 'name_change', event_date: today(), subject_id: mother.id,
      fields: { new_name: name, reason: 'vulgar_or_special' },
      applicant: { name: mother.name, id_number: mother.id, relation: '本人', identity_check: 'id_card' },
    });
    const first = await review(await submit(rename('林改甲')));
    assert.equal(first.status, 200, first.text);
    assert.equal((await review(await submit(rename('林改乙')))).status, 200);
    const r = await post('/api/v1/registrations', {
      type: 'revocation', event_date: today(),
      fields: { application_id: String(first.json.application.id), reason: '誤辦', cause: 'office_error' },
      applicant: { name: mother.name, id_number: mother.id, relation: '本人', identity_check: 'id_card' },
    }, tok.clerk);
    assertBilingualError(r, 422, 'registration.revocation_superseded');
  });
});

describe('a marriage of an already married person', () => {
  test('is refused at entry (422, zh/en) and nothing is registered', async () => {
    const [married, spouse] = sql(`SELECT p.id_number, p.spouse_id FROM persons p JOIN persons q ON q.id_number = p.spouse_id
      WHERE p.status = 'active' AND q.status = 'active' AND p.sex = 'M' ORDER BY p.id_number LIMIT 1`)[0];
    const [single] = sql(`SELECT id_number FROM persons WHERE status = 'active' AND sex = 'F' AND spouse_id IS NULL
      AND birth_date BETWEEN '${yearsAgo(50)}' AND '${yearsAgo(25)}' ORDER BY id_number LIMIT 1`)[0];
    const before = await api(url, '/api/v1/registrations', { token: tok.clerk });
    const [a0, b0] = [await person(married), await person(single)];
    const r = await post('/api/v1/registrations', {
      type: 'marriage', event_date: daysAgo(1), subject_id: married, fields: { spouse_id: single },
      applicant: { name: '申請人', id_number: married, relation: '本人', identity_check: 'id_card' },
    }, tok.clerk);
    assertBilingualError(r, 422, 'registration.already_married');
    assert.match(r.json.error.message_zh, /重婚|配偶/);
    assert.match(r.json.error.message_en, /married/);
    const a = await person(married);
    assert.equal(a.person.spouse.id_number, spouse);
    assert.deepEqual(a.person, a0.person);
    assert.deepEqual(a.events, a0.events);
    const b = await person(single);
    assert.equal(b.person.spouse, null);
    assert.deepEqual(b.person, b0.person);
    assert.deepEqual(b.events, b0.events);
    const after = await api(url, '/api/v1/registrations', { token: tok.clerk });
    assert.equal(after.json.applications.length, before.json.applications.length, 'no application was stored');
  });
});

describe('review conflicts', () => {
  test('a stale version is 409 registration.stale', async () => {
    const app = await submit(birthBody(nextMother(), '王小明'));
    const r = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: app.version + 3 }, tok.supervisor);
    assertBilingualError(r, 409, 'registration.stale');
    const none = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve' }, tok.supervisor);
    assertBilingualError(none, 409, 'registration.stale');
    const g = await api(url, `/api/v1/registrations/${app.id}`, { token: tok.clerk });
    assert.equal(g.json.application.status, 'pending_review');
    assert.equal(g.json.application.version, 1);
  });

  test('a supervisor cannot review their own entry (403 registration.four_eyes)', async () => {
    const app = await submit(birthBody(nextMother(), '王小華'), tok.supervisor);
    assert.equal(app.entered_by, 'supervisor');
    assertBilingualError(await review(app), 403, 'registration.four_eyes');
  });

  test('two applications on one household: the second approval is 409 registration.concurrent_change', async () => {
    const m = nextMother();
    const first = await submit(birthBody(m, '張大寶'));
    const second = await submit(birthBody(m, '張二寶'));
    assert.equal((await review(first)).status, 200);
    const r = await review(second);
    assertBilingualError(r, 409, 'registration.concurrent_change');
    const h = await api(url, `/api/v1/households/${m.household}?purpose=${purpose}`, { token: tok.clerk });
    assert.ok(!h.json.household.members.some((x) => x.name === '張二寶'));
    // Rejecting it, with a note, closes it.
    assertBilingualError(await review(second, 'reject'), 400, 'registration.note_required');
    const rej = await review(second, 'reject', { note: '請重新受理' });
    assert.equal(rej.status, 200, rej.text);
    assert.equal(rej.json.application.status, 'rejected');
    assert.equal(rej.json.application.review_note, '請重新受理');
    assert.equal(rej.json.application.result_subject_id, null);
  });

  test('a late application needs a fine within the proposed range', async () => {
    const app = await submit(birthBody(nextMother(), '陳遲報', daysAgo(120)));
    assert.ok(app.days_late > 0, JSON.stringify(app));
    assert.ok(app.proposed_fine.min >= 300 && app.proposed_fine.max === 900, JSON.stringify(app.proposed_fine));
    assertBilingualError(await review(app), 400, 'registration.fine_required');
    assertBilingualError(await review(app, 'approve', { fine: 50 }), 422, 'registration.fine_out_of_range');
    assertBilingualError(await review(app, 'approve', { fine: 0 }), 422, 'registration.fine_out_of_range');
    // 2^32 + 700 must not wrap round to a fine in the range; a fine is a whole number.
    assertBilingualError(await review(app, 'approve', { fine: 4294967996 }), 400, 'registration.fine_invalid');
    assertBilingualError(await review(app, 'approve', { fine: String(app.proposed_fine.min) }), 400, 'registration.fine_invalid');
    assertBilingualError(await review(app, 'approve', { fine: 700.5 }), 400, 'registration.fine_invalid');
    const ok = await review(app, 'approve', { fine: app.proposed_fine.min });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.application.fine_decided, app.proposed_fine.min);
  });
});

describe('edge cases of the registration routes', () => {
  test('400s', async () => {
    const body = birthBody(nextMother(), '李小明');
    assertBilingualError(await post('/api/v1/registrations', body, tok.clerk, null), 400, 'idempotency.key_required');
    assertBilingualError(await post('/api/v1/registrations', body, tok.clerk, 'k'.repeat(129)), 400, 'idempotency.key_required');
    assertBilingualError(await post('/api/v1/registrations', '{nope', tok.clerk), 400, 'http.bad_json');
    assertBilingualError(await post('/api/v1/registrations', '[1,2]', tok.clerk), 400, 'http.bad_json');
    assertBilingualError(await post('/api/v1/registrations', { ...body, fields: 'x' }, tok.clerk), 400, 'registration.fields');
    assertBilingualError(await post('/api/v1/registrations', { ...body, fields: { name: { a: 1 } } }, tok.clerk), 400, 'registration.fields');
    // Bodies are read strictly: no member the route does not know, no key twice, no number or
    // boolean taken for text — and nothing is written.
    const before = (await api(url, '/api/v1/registrations', { token: tok.clerk })).json.applications.length;
    const unknown = await post('/api/v1/registrations', { ...body, subjectid: 'A123456789' }, tok.clerk);
    assertBilingualError(unknown, 400, 'http.unknown_field');
    assert.match(unknown.json.error.message_en, /subjectid/);
    assertBilingualError(await post('/api/v1/registrations', { ...body, applicant: { ...body.applicant, phone: '02' } }, tok.clerk),
      400, 'http.unknown_field');
    const twice = JSON.stringify(body).replace('{', '{"type":"death",');
    assertBilingualError(await post('/api/v1/registrations', twice, tok.clerk), 400, 'http.duplicate_key');
    assertBilingualError(await post('/api/v1/registrations', { ...body, fields: { ...body.fields, sex: true } }, tok.clerk),
      400, 'registration.fields');
    assertBilingualError(await post('/api/v1/registrations', { ...body, event_date: 20240101 }, tok.clerk), 400, 'http.wrong_type');
    assertBilingualError(await post('/api/v1/registrations', { ...body, applicant: 'me' }, tok.clerk), 400, 'http.wrong_type');
    assert.equal((await api(url, '/api/v1/registrations', { token: tok.clerk })).json.applications.length, before);
    assertBilingualError(await post('/api/v1/registrations', { ...body, event_date: '2024-02-30' }, tok.clerk), 400, 'date.invalid');
    assertBilingualError(await post('/api/v1/registrations', { ...body, type: 'teleport' }, tok.clerk), 400, 'registration.type');
    assertBilingualError(await post('/api/v1/registrations', { ...body, applicant: undefined }, tok.clerk), 400, 'registration.applicant');
    assertBilingualError(await post('/api/v1/registrations', { ...body, applicant: { ...body.applicant, identity_check: 'face' } }, tok.clerk),
      400, 'registration.identity_check');
    assertBilingualError(await post('/api/v1/registrations', { ...body, fields: { ...body.fields, name: '' } }, tok.clerk),
      400, 'registration.field_required');
    assertBilingualError(await api(url, '/api/v1/registrations?status=maybe', { token: tok.clerk }), 400, 'registration.status');
    assertBilingualError(await api(url, '/api/v1/registrations?day=yesterday', { token: tok.clerk }), 400, 'date.invalid');
    const app = await submit(body);
    assertBilingualError(await post(`/api/v1/registrations/${app.id}/review`, { decision: 'maybe', version: 1 }, tok.supervisor),
      400, 'registration.decision');
    assertBilingualError(await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: 1 }, tok.supervisor, null),
      400, 'idempotency.key_required');
    assertBilingualError(await post(`/api/v1/registrations/${app.id}/review`, '{', tok.supervisor), 400, 'http.bad_json');
    assertBilingualError(await api(url, '/api/v1/registrations/1234567890', { token: tok.clerk }), 400, 'http.bad_id');
    assertBilingualError(await api(url, '/api/v1/registrations/sampling?percent=10', { token: tok.supervisor }), 400, 'date.invalid');
    assertBilingualError(await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=0`, { token: tok.supervisor }),
      400, 'registration.percent');
    assertBilingualError(await api(url, `/api/v1/kpi/registration-correctness?from=${today()}`, { token: tok.supervisor }), 400, 'date.invalid');
    assertBilingualError(await api(url, `/api/v1/households/${nextMother().household}`, { token: tok.clerk }), 400, 'person.purpose_required');
  });

  test('a future event date is 422 registration.future_date', async () => {
    const body = birthBody(nextMother(), '李未來', taipei(Date.now() + 3 * DAY));
    assertBilingualError(await post('/api/v1/registrations', body, tok.clerk), 422, 'registration.future_date');
  });

  test('401 without or with a bad token', async () => {
    const paths = [
      ['POST', '/api/v1/registrations'], ['GET', '/api/v1/registrations'], ['GET', '/api/v1/registrations/1'],
      ['POST', '/api/v1/registrations/1/review'], ['POST', '/api/v1/registrations/1/sample'],
      ['GET', `/api/v1/registrations/sampling?day=${today()}`], ['POST', '/api/v1/registrations/1/documents?filename=a.pdf'],
      ['GET', '/api/v1/registrations/1/documents/1'], ['GET', `/api/v1/households/F0000001?purpose=x`],
      ['GET', `/api/v1/kpi/registration-correctness?from=${today()}&to=${today()}`],
      ['GET', '/api/v1/nationality-cases'], ['POST', '/api/v1/nationality-cases'], ['POST', '/api/v1/nationality-cases/1/record'],
      ['GET', '/api/v1/naturalization-tests'], ['POST', '/api/v1/naturalization-tests'],
    ];
    for (const [method, path] of paths) {
      const body = method === 'POST' ? {} : undefined;
      assertBilingualError(await api(url, path, { method, body, headers: { 'Idempotency-Key': 'x' } }), 401, 'auth.required');
      assertBilingualError(await api(url, path, { method, body, token: 'forged' }), 401, 'auth.required');
    }
  });

  test('403 for roles that may not', async () => {
    const body = birthBody(nextMother(), '李小華');
    assertBilingualError(await post('/api/v1/registrations', body, tok.auditor), 403, 'auth.forbidden');
    assertBilingualError(await post('/api/v1/registrations', body, tok.admin), 403, 'auth.forbidden');
    assertBilingualError(await api(url, '/api/v1/registrations', { token: tok.auditor }), 403, 'auth.forbidden');
    const app = await submit(body);
    assertBilingualError(await api(url, `/api/v1/registrations/${app.id}`, { token: tok.auditor }), 403, 'auth.forbidden');
    assertBilingualError(await review(app, 'approve', {}, tok.clerk), 403, 'auth.forbidden');
    assertBilingualError(await review(app, 'approve', {}, tok.auditor), 403, 'auth.forbidden');
    assertBilingualError(await post(`/api/v1/registrations/${app.id}/sample`, { result: 'correct', version: 1 }, tok.clerk), 403, 'auth.forbidden');
    assertBilingualError(await api(url, `/api/v1/registrations/sampling?day=${today()}`, { token: tok.clerk }), 403, 'auth.forbidden');
    assertBilingualError(await api(url, `/api/v1/kpi/registration-correctness?from=${today()}&to=${today()}`, { token: tok.clerk }),
      403, 'auth.forbidden');
    assertBilingualError(await api(url, `/api/v1/households/${nextMother().household}?purpose=x`, { token: tok.auditor }), 403, 'auth.forbidden');
    assertBilingualError(await api(url, '/api/v1/nationality-cases', { token: tok.auditor }), 403, 'auth.forbidden');
  });

  test('404s', async () => {
    assertBilingualError(await api(url, '/api/v1/registrations/999999', { token: tok.clerk }), 404, 'registration.not_found');
    assertBilingualError(await post('/api/v1/registrations/999999/review', { decision: 'approve', version: 1 }, tok.supervisor),
      404, 'registration.not_found');
    assertBilingualError(await post('/api/v1/registrations/999999/sample', { result: 'correct', version: 1 }, tok.supervisor),
      404, 'registration.not_found');
    assertBilingualError(await api(url, '/api/v1/registrations/999999/documents/1', { token: tok.clerk }), 404, 'registration.not_found');
    assertBilingualError(await api(url, '/api/v1/registrations/abc', { token: tok.clerk }), 404, 'http.not_found');
    assertBilingualError(await api(url, '/api/v1/registrations/1/nothing', { method: 'POST', token: tok.clerk }), 404, 'http.not_found');
    assertBilingualError(await api(url, `/api/v1/households/Z9999999?purpose=x`, { token: tok.clerk }), 404, 'household.not_found');
    assertBilingualError(await post('/api/v1/nationality-cases/999999/record', { what: 'notice_sent', on: today(), version: 1 }, tok.clerk),
      404, 'nationality.not_found');
  });

  test('413 for an oversized JSON body or document', async () => {
    const body = birthBody(nextMother(), '李大');
    body.fields.note = 'x'.repeat(70 * 1024);
    assertBilingualError(await post('/api/v1/registrations', body, tok.clerk), 413, 'http.body_too_large');
    const app = await submit(birthBody(nextMother(), '李二'));
    const big = Buffer.alloc((5 << 20) + 1, 0x25);
    const r = await postBytes(`/api/v1/registrations/${app.id}/documents?filename=big.pdf`, big, 'application/pdf', tok.clerk);
    assertBilingualError(r, 413, 'http.body_too_large');
  });
});

describe('documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082', 'hex');
  const upload = (id, filename, bytes, type, key = randomUUID(), token = tok.clerk) =>
    postBytes(`/api/v1/registrations/${id}/documents?filename=${encodeURIComponent(filename)}`, bytes, type, token, key);
  const sha = (b) => createHash('sha256').update(b).digest('hex');

  test('PDF and PNG upload and download byte for byte, before review only', async () => {
    const app = await submit(birthBody(nextMother(), '周小寶'));
    const key = randomUUID();
    const a = await upload(app.id, '出生證明書.pdf', pdf, 'application/pdf', key);
    assert.equal(a.status, 201, a.text);
    const doc = a.json.document;
    assert.ok(doc.id > 0);
    assert.equal(doc.filename, '出生證明書.pdf');
    assert.equal(doc.mime, 'application/pdf');
    assert.equal(doc.size, pdf.length);
    assert.equal(doc.sha256, sha(pdf));
    const retry = await upload(app.id, '出生證明書.pdf', pdf, 'application/pdf', key);
    assert.equal(retry.json.document.id, doc.id, 'a retried upload stores nothing twice');
    const b = await upload(app.id, 'photo.png', png, 'image/png');
    assert.equal(b.status, 201, b.text);
    assert.equal(b.json.document.mime, 'image/png');

    for (const [d, bytes, type] of [[doc, pdf, 'application/pdf'], [b.json.document, png, 'image/png']]) {
      const res = await rawRequest(url, `/api/v1/registrations/${app.id}/documents/${d.id}`, {
        headers: { Authorization: `Bearer ${tok.supervisor}` },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const got = res.bytes;
      assert.ok(got.equals(bytes), 'same bytes back');
    }
    assertBilingualError(await upload(app.id, 'notes.txt', Buffer.from('hi'), 'text/plain'), 422, 'document.type');
    assertBilingualError(await upload(app.id, 'empty.pdf', Buffer.alloc(0), 'application/pdf'), 422, 'document.empty');
    assertBilingualError(await upload(app.id, 'x.pdf', pdf, 'application/pdf', null), 400, 'idempotency.key_required');
    assertBilingualError(await upload(app.id, 'a.pdf', pdf, 'application/pdf', null, tok.auditor), 403, 'auth.forbidden');
    assertBilingualError(await upload(999999, 'a.pdf', pdf, 'application/pdf'), 404, 'registration.not_found');
    assertBilingualError(await api(url, `/api/v1/registrations/${app.id}/documents/999999`, { token: tok.clerk }), 404, 'document.not_found');

    assert.equal((await review(app)).status, 200);
    assertBilingualError(await upload(app.id, 'late.pdf', pdf, 'application/pdf'), 409, 'registration.not_pending');

    const audit = await api(url, '/api/v1/audit?user=supervisor&limit=1000', { token: tok.auditor });
    assert.ok(audit.json.entries.some((e) => e.action === 'registration.document' && e.purpose.includes('出生證明書.pdf')),
      'a download is audited');
  });
});

describe('sampling and the correctness KPI', () => {
  test('sampling a registered case, once; KPI = (received − erroneous) ÷ received', async () => {
    const regs = [];
    for (const name of ['吳一', '吳二']) {
      const r = await review(await submit(birthBody(nextMother(), name)));
      assert.equal(r.status, 200, r.text);
      regs.push(r.json.application);
    }
    const pending = await submit(birthBody(nextMother(), '吳三'));
    assertBilingualError(await post(`/api/v1/registrations/${pending.id}/sample`, { result: 'correct', version: 1 }, tok.chief),
      409, 'registration.not_registered');

    const s = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=100`, { token: tok.chief });
    assert.equal(s.status, 200, s.text);
    const ids = s.json.applications.map((a) => a.id);
    for (const r of regs) assert.ok(ids.includes(r.id));
    assert.ok(s.json.applications.every((a) => a.status === 'registered'));
    const ten = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=10`, { token: tok.chief });
    assert.ok(ten.json.applications.length >= 1);
    const tenAgain = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=10`, { token: tok.chief });
    assert.deepEqual(tenAgain.json.applications.map((a) => a.id), ten.json.applications.map((a) => a.id), 'reproducible');

    const kpi0 = await api(url, `/api/v1/kpi/registration-correctness?from=${today()}&to=${today()}`, { token: tok.chief });
    assert.equal(kpi0.status, 200, kpi0.text);

    const [a, b] = regs;
    assertBilingualError(await post(`/api/v1/registrations/${a.id}/sample`, { result: 'erroneous', version: a.version }, tok.chief),
      400, 'registration.reason_required');
    assertBilingualError(await post(`/api/v1/registrations/${a.id}/sample`, { result: 'correct', version: a.version - 1 }, tok.chief),
      409, 'registration.stale');
    const bad = await post(`/api/v1/registrations/${a.id}/sample`, { result: 'erroneous', reason: '出生地誤植', version: a.version }, tok.chief);
    assert.equal(bad.status, 200, bad.text);
    assert.equal(bad.json.application.sample.result, 'erroneous');
    assert.equal(bad.json.application.sample.reason, '出生地誤植');
    assert.equal(bad.json.application.sample.by, 'chief');
    assert.ok(bad.json.application.sample.at_ms > 0);
    assert.equal(bad.json.application.version, a.version + 1);
    assertBilingualError(await post(`/api/v1/registrations/${a.id}/sample`, { result: 'correct', version: a.version + 1 }, tok.chief),
      409, 'registration.already_sampled');
    const good = await post(`/api/v1/registrations/${b.id}/sample`, { result: 'correct', version: b.version }, tok.chief);
    assert.equal(good.status, 200, good.text);

    for (const token of [tok.supervisor, tok.admin]) {
      const k = await api(url, `/api/v1/kpi/registration-correctness?from=${today()}&to=${today()}`, { token });
      assert.equal(k.status, 200, k.text);
      assert.deepEqual(Object.keys(k.json).sort(), ['citizen_errors_excluded', 'configured_target', 'erroneous', 'from', 'met',
        'prior_average', 'prior_years', 'rate', 'received', 'revoked_office_errors', 'sampled', 'sampled_errors', 'target', 'to']);
      assert.equal(k.json.received, kpi0.json.received);
      assert.equal(k.json.sampled, kpi0.json.sampled + 2);
      assert.equal(k.json.erroneous, kpi0.json.erroneous + 1);
      assert.ok(k.json.received >= 2);
      assert.ok(Math.abs(k.json.rate - (k.json.received - k.json.erroneous) / k.json.received) < 1e-12, JSON.stringify(k.json));
    }
    assertBilingualError(await api(url, `/api/v1/kpi/registration-correctness?from=${today()}&to=${daysAgo(1)}`, { token: tok.chief }),
      400, 'kpi.range');
    const empty = await api(url, '/api/v1/kpi/registration-correctness?from=2024-01-01&to=2024-01-31', { token: tok.chief });
    assert.deepEqual([empty.json.received, empty.json.rate], [0, 1]);
  });
});

describe('nationality cases', () => {
  test('a naturalization: registration due 30 working days after the letter, proof of loss within a year', async () => {
    const letter = '2026-03-02';
    const due = await api(url, `/api/v1/calendar/due-date?from=${letter}&working-days=30`);
    assert.equal(due.status, 200, due.text);
    const r = await post('/api/v1/nationality-cases', { kind: 'naturalization', person_name: '阮氏梅', approval_letter_date: letter }, tok.clerk);
    assert.equal(r.status, 201, r.text);
    const c = r.json.case;
    for (const k of ['id', 'kind', 'person_name', 'id_number', 'approval_letter_date', 'registration_due', 'registered_on',
      'proof_of_loss_due', 'proof_of_loss_received', 'state', 'reminder_due', 'version']) assert.ok(k in c, k);
    assert.equal(c.kind, 'naturalization');
    assert.equal(c.registration_due, due.json.due);
    assert.equal(c.registration_due, '2026-04-15');  // 4/3 and 4/6 are holidays
    assert.equal(c.proof_of_loss_due, '2027-03-02');
    assert.equal(c.state, today() > c.registration_due ? 'registration_overdue' : 'awaiting_registration');
    assert.equal(c.version, 1);

    const list = await api(url, '/api/v1/nationality-cases', { token: tok.supervisor });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.cases.some((x) => x.id === c.id));

    // "Registered" comes from the registration (counting.test.mjs); here the notice and the proof.
    assertBilingualError(await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'registered', on: '2026-04-01', version: 1 }, tok.clerk),
      422, 'nationality.registered_by_registration');
    const rec = await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'notice_sent', on: '2026-04-01', version: 1 }, tok.clerk);
    assert.equal(rec.status, 200, rec.text);
    assert.deepEqual(rec.json.case.notice_sent, { on: '2026-04-01', by: 'clerk' });
    assert.equal(rec.json.case.registered_on, null);
    assert.equal(rec.json.case.version, 2);
    const proofDue = Date.parse('2027-03-02');
    const now = Date.parse(today());
    assert.equal(rec.json.case.reminder_due, (proofDue - now) / DAY <= 60);
    assertBilingualError(await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'proof_received', on: '2026-04-02', version: 1 }, tok.clerk),
      409, 'nationality.stale');
    const proof = await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'proof_received', on: '2026-04-02', version: 2 }, tok.clerk);
    assert.equal(proof.status, 200, proof.text);
    assert.equal(proof.json.case.proof_of_loss_received, '2026-04-02');
    assert.equal(proof.json.case.state, today() > c.registration_due ? 'registration_overdue' : 'awaiting_registration');
    assert.equal(proof.json.case.reminder_due, false);
  });

  test('input errors', async () => {
    assertBilingualError(await post('/api/v1/nationality-cases', { kind: 'marriage', person_name: 'x', approval_letter_date: '2026-03-02' }, tok.clerk),
      400, 'nationality.kind');
    assertBilingualError(await post('/api/v1/nationality-cases', { kind: 'loss', person_name: 'x', approval_letter_date: taipei(Date.now() + 2 * DAY) }, tok.clerk),
      422, 'nationality.future_letter');
    assertBilingualError(await post('/api/v1/nationality-cases', { kind: 'loss', person_name: 'x', id_number: 'A123456788', approval_letter_date: '2026-03-02' }, tok.clerk),
      422, 'id_number.checksum');
    assertBilingualError(await post('/api/v1/nationality-cases', '{', tok.clerk), 400, 'http.bad_json');
    const loss = await post('/api/v1/nationality-cases', { kind: 'loss', person_name: '李四', id_number: 'A123456789', approval_letter_date: '2026-03-02' }, tok.clerk);
    assert.equal(loss.status, 201, loss.text);
    assert.equal(loss.json.case.proof_of_loss_due, null);
    assert.equal(loss.json.case.id_number, 'A123456789');
    assertBilingualError(await post(`/api/v1/nationality-cases/${loss.json.case.id}/record`, { what: 'proof_received', on: '2026-04-02', version: 1 }, tok.clerk),
      422, 'nationality.no_proof_needed');
    assertBilingualError(await post(`/api/v1/nationality-cases/${loss.json.case.id}/record`, { what: 'lunch', on: '2026-04-02', version: 1 }, tok.clerk),
      400, 'nationality.record');
  });

  test('naturalization test booking on a future working day', async (t) => {
    const next = await api(url, `/api/v1/calendar/due-date?from=${today()}&working-days=2`);
    if (next.status !== 200) {
      t.skip(`no calendar data for the coming days: ${next.json?.error?.code}`);
      return;
    }
    const day = next.json.due;
    const r = await post('/api/v1/naturalization-tests', { candidate_name: '阮氏梅', slot_date: day, slot_time: '09:00' }, tok.clerk);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.json.booking).sort(), ['booked_by', 'candidate_name', 'case_id', 'id', 'slot_date', 'slot_time']);
    assert.equal(r.json.booking.slot_date, day);
    assert.equal(r.json.booking.booked_by, 'clerk');
    const list = await api(url, '/api/v1/naturalization-tests', { token: tok.supervisor });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.bookings.some((b) => b.id === r.json.booking.id));
    assertBilingualError(await post('/api/v1/naturalization-tests', { candidate_name: '阮氏梅', slot_date: day, slot_time: '09:00' }, tok.clerk),
      409, 'nationality.test_slot_taken');
    assertBilingualError(await post('/api/v1/naturalization-tests', { candidate_name: 'x', slot_date: day, slot_time: '12:00' }, tok.clerk),
      400, 'nationality.slot_time');
    assertBilingualError(await post('/api/v1/naturalization-tests', { candidate_name: 'x', slot_date: today(), slot_time: '09:00' }, tok.clerk),
      422, 'nationality.slot_past');
    for (let i = 0; i < 9; i++) {
      const ok = await post('/api/v1/naturalization-tests', { candidate_name: `應試者${i}`, slot_date: day, slot_time: '09:00' }, tok.clerk);
      assert.equal(ok.status, 201, ok.text);
    }
    assertBilingualError(await post('/api/v1/naturalization-tests', { candidate_name: '第十一位', slot_date: day, slot_time: '09:00' }, tok.clerk),
      409, 'nationality.slot_full');
  });
});
