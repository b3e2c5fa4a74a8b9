// Disclosure (issue 15, item 2): a refused registration tells nothing of the register, every
// person a staff screen shows is audited under their own ID number, and the statistics withhold
// small cells. Against a real `huji` on either backend (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, demoSql, othersShown } from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 2000, seed: 15 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'chief', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const DAY = 86400e3;
const taipei = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
const today = () => taipei(Date.now());
const daysAgo = (n) => taipei(Date.now() - n * DAY);
const yearsAgo = (n) => `${Number(today().slice(0, 4)) - n}${today().slice(4)}`;
const dayBefore = (iso) => taipei(Date.parse(`${iso}T00:00:00+08:00`) - 8 * 3600e3 - 1);
const purpose = encodeURIComponent('戶籍資料查核');

// Read-only queries on the demo database, to pick persons out of the synthetic population.
const sql = (query) => demoSql(demo.db, query);
const one = (query) => {
  const rows = sql(`${query} LIMIT 1`);
  assert.ok(rows.length === 1, `the demo population has one for: ${query}`);
  return rows[0];
};

async function post(path, body, token) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });
}

function application(type, subject, fields, eventDate = daysAgo(2), applicant = subject, relation = 'self') {
  return {
    type, event_date: eventDate, subject_id: subject, fields,
    applicant: { name: '申請人', id_number: applicant ?? '', relation, identity_check: 'id_card' },
  };
}

const active = `status = 'active'`;
const adult = `birth_date <= '${yearsAgo(25)}'`;

// Every rule refusal the demo population lets us provoke, each built from real persons.
function refusals() {
  const [married, spouseOfMarried] = one(`SELECT id_number, spouse_id FROM persons WHERE ${active} AND spouse_id IS NOT NULL AND ${adult} ORDER BY id_number`);
  const [single] = one(`SELECT id_number FROM persons WHERE ${active} AND spouse_id IS NULL AND sex = 'F' AND ${adult} ORDER BY id_number`);
  const [single2] = one(`SELECT id_number FROM persons WHERE ${active} AND spouse_id IS NULL AND sex = 'M' AND ${adult} ORDER BY id_number`);
  const [child, childBirth] = one(`SELECT id_number, birth_date FROM persons WHERE ${active} AND spouse_id IS NULL AND birth_date > '${yearsAgo(10)}' ORDER BY id_number`);
  const [girl] = one(`SELECT id_number FROM persons WHERE ${active} AND sex = 'F' AND birth_date > '${yearsAgo(10)}' ORDER BY id_number`);
  const [dead] = one(`SELECT id_number FROM persons WHERE status <> 'active' AND removal_reason = 'death' ORDER BY id_number`);
  const [emigrant] = one(`SELECT id_number FROM persons WHERE status <> 'active' AND removal_reason = 'emigration' ORDER BY id_number`);
  const [head] = one(`SELECT p.id_number FROM persons p JOIN households h ON h.head_id = p.id_number WHERE p.${active} ORDER BY p.id_number`);
  const [withFather, father, fatherBirth] = one(`SELECT c.id_number, c.father_id, f.birth_date FROM persons c JOIN persons f ON f.id_number = c.father_id WHERE c.${active} ORDER BY c.id_number`);
  const [mother, motherBirth] = one(`SELECT id_number, birth_date FROM persons WHERE ${active} AND sex = 'F' AND ${adult} ORDER BY id_number`);
  const [member, memberHousehold] = one(`SELECT p.id_number, p.household_no FROM persons p JOIN households h ON h.household_no = p.household_no WHERE p.${active} AND h.head_id <> p.id_number ORDER BY p.id_number`);
  const [stranger] = one(`SELECT id_number FROM persons WHERE ${active} AND household_no <> '${memberHousehold}' ORDER BY id_number`);
  const [plate] = one(`SELECT door_plate_id FROM households ORDER BY household_no`);
  return [
    ['not_married', application('divorce', married, { spouse_id: single, reason: 'agreed' })],
    ['already_married', application('marriage', married, { spouse_id: single })],
    ['spouse_already_married', application('marriage', single, { spouse_id: married })],
    ['underage', application('marriage', single2, { spouse_id: girl })],
    ['spouse_deceased', application('marriage', single, { spouse_id: dead })],
    ['subject_deceased', application('death', dead, {})],
    ['subject_deceased', application('move_in', dead, { from: '美國', door_plate_id: plate })],
    ['subject_deceased', application('restoration', dead, { door_plate_id: plate })],
    ['same_district', application('move_in', married, { from: '臺中市', door_plate_id: plate })],
    ['not_removed', application('restoration', married, { door_plate_id: plate })],
    ['already_head', application('head_change', head, {})],
    ['already_has_father', application('acknowledgement', withFather, { father_id: single2 })],
    ['already_in_household', application('address_change', member, { household_no: memberHousehold, relation: '子' })],
    ['member_invalid', application('household_split', member, { door_plate_id: plate, members: stranger })],
    ['not_adopted', application('adoption_termination', child, { adopter_id: married })],
    ['before_birth', application('death', child, {}, dayBefore(childBirth))],
    ['child_older_than_parent', application('birth', '', { name: '王小明', sex: 'M', place: '臺北市', mother_id: mother }, dayBefore(motherBirth), mother)],
    ['child_older_than_parent', application('birth_date_correction', withFather, { new_date: dayBefore(fatherBirth), reason: '誤植' })],
    ['parent_too_young', application('birth', '', { name: '王小明', sex: 'M', place: '臺北市', mother_id: girl }, daysAgo(1), null)],
    ['mother_sex', application('birth', '', { name: '王小明', sex: 'M', place: '臺北市', mother_id: father }, daysAgo(1), null)],
    ['spouse_not_found', application('marriage', single, { spouse_id: 'A123456789' })],
    ['new_head_invalid', application('death', head, { new_head_id: stranger })],
    ['household_not_found', application('address_change', member, { household_no: 'F9999999', relation: '子' })],
    ['not_married', application('divorce', spouseOfMarried, { spouse_id: single2, reason: 'court' })],
    ['subject_removed', application('head_change', emigrant, {})],
    ['spouse_removed', application('marriage', single, { spouse_id: emigrant })],
  ].map(([code, body]) => ({ code, body }));
}

// Every name, ID number and household number in the register: none may appear in an answer
// that did not come from the request itself.
function registerStrings() {
  const out = new Set();
  for (const [id, name, household] of sql('SELECT id_number, name, household_no FROM persons')) {
    for (const s of [id, name, household]) if (s && s.length >= 2) out.add(s);
  }
  for (const [no] of sql('SELECT household_no FROM households')) out.add(no);
  return out;
}

test('a refused registration names no one: no name, ID number or household of the register in the answer', async () => {
  const cases = refusals();
  const known = registerStrings();
  const leaks = [];
  const codes = new Set();
  for (const { code, body } of cases) {
    const r = await post('/api/v1/registrations', body, tok.clerk);
    assert.ok(r.status >= 400 && r.status < 500, `${code}: ${r.status} ${r.text}`);
    assert.equal(r.json?.error?.code, `registration.${code}`, `${JSON.stringify(body)} → ${r.text}`);
    codes.add(r.json.error.code);
    assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/);
    assert.ok(r.json.error.message_en.length > 0);
    const sent = JSON.stringify(body);
    for (const s of known) {
      if (r.text.includes(s) && !sent.includes(s)) leaks.push(`${r.json.error.code}: ${s} in ${r.text}`);
    }
    // Not even the ID numbers the clerk typed are echoed.
    for (const id of new Set(sent.match(/[A-Z][0-9]{9}/g) ?? [])) {
      if (r.text.includes(id)) leaks.push(`${r.json.error.code}: echoes ${id}`);
    }
  }
  assert.ok(codes.size >= 20, `distinct refusals probed: ${[...codes].join(', ')}`);
  assert.deepEqual(leaks, []);
});

test('a refusal that tells of a person (their code) is audited under that person', async () => {
  const [single] = one(`SELECT id_number FROM persons WHERE ${active} AND spouse_id IS NULL AND sex = 'F' AND ${adult} ORDER BY id_number DESC`);
  const [dead] = one(`SELECT id_number FROM persons WHERE status <> 'active' AND removal_reason = 'death' ORDER BY id_number DESC`);
  const r = await post('/api/v1/registrations', application('marriage', single, { spouse_id: dead }), tok.clerk);
  assert.equal(r.json?.error?.code, 'registration.spouse_deceased', r.text);
  const requestId = r.headers.get('x-request-id');
  const a = await api(url, `/api/v1/audit?subject=${dead}`, { token: tok.auditor });
  assert.equal(a.status, 200, a.text);
  const hit = a.json.entries.find((e) => e.request_id === requestId);
  assert.ok(hit, `the refusal is in ${dead}'s trail: ${a.text}`);
  assert.equal(hit.action, 'registration.submit');
  assert.equal(hit.outcome, 'rejected');
  assert.match(hit.purpose, /spouse_deceased/);
});

async function trailOf(id) {
  const a = await api(url, `/api/v1/audit?subject=${encodeURIComponent(id)}&limit=1000`, { token: tok.auditor });
  assert.equal(a.status, 200, a.text);
  return a.json.entries;
}

test('a household view is audited under every member shown, with its purpose and request id', async () => {
  const [no] = one(`SELECT household_no FROM persons WHERE ${active} GROUP BY household_no HAVING COUNT(*) >= 3 ORDER BY household_no`);
  const h = await api(url, `/api/v1/households/${no}?purpose=${purpose}`, { token: tok.clerk });
  assert.equal(h.status, 200, h.text);
  const requestId = h.headers.get('x-request-id');
  const members = h.json.household.members.map((m) => m.id_number);
  assert.ok(members.length >= 3);
  for (const id of members) {
    const hit = (await trailOf(id)).find((e) => e.request_id === requestId);
    assert.ok(hit, `the household view is in ${id}'s trail`);
    assert.equal(hit.action, 'household.read');
    assert.equal(hit.purpose, '戶籍資料查核');
    assert.equal(hit.username, 'clerk');
    assert.equal(hit.outcome, 'ok');
  }
  // Still under the household number too.
  const byHousehold = await trailOf(`戶:${no}`);
  assert.ok(byHousehold.some((e) => e.request_id === requestId));
});

test('a full person lookup is audited under everyone it shows: parents, spouse, household', async () => {
  const [id, father, mother, spouse] = one(`SELECT c.id_number, c.father_id, c.mother_id, c.spouse_id FROM persons c
    WHERE c.${active} AND c.father_id IS NOT NULL AND c.mother_id IS NOT NULL AND c.spouse_id IS NOT NULL
      AND (SELECT COUNT(*) FROM persons m WHERE m.household_no = c.household_no
           AND m.id_number NOT IN (c.id_number, c.spouse_id, c.father_id, c.mother_id)) >= 1
    ORDER BY c.id_number`);
  const r = await api(url, `/api/v1/persons/${id}?purpose=${purpose}`, { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  const requestId = r.headers.get('x-request-id');
  const p = r.json.person;
  assert.deepEqual([p.father.id_number, p.mother.id_number, p.spouse.id_number], [father, mother, spouse]);
  const shown = othersShown(r.json);
  assert.ok(shown.some((m) => ![father, mother, spouse].includes(m)), 'a member besides parents and spouse');
  for (const other of shown) {
    const hits = (await trailOf(other)).filter((e) => e.request_id === requestId);
    assert.equal(hits.length, 1, `the lookup is in ${other}'s trail once`);
    assert.equal(hits[0].action, 'person.read_related');
    assert.equal(hits[0].purpose, '戶籍資料查核');
    assert.equal(hits[0].username, 'clerk');
    assert.equal(hits[0].outcome, 'ok');
  }
  const own = (await trailOf(id)).filter((e) => e.request_id === requestId);
  assert.deepEqual(own.map((e) => e.action), ['person.read']);

  // The summary shows the person alone; a refused lookup shows no one: nothing under the others.
  const summary = await api(url, `/api/v1/persons/${id}?purpose=${purpose}&view=summary`, { token: tok.clerk });
  assert.equal(summary.status, 200, summary.text);
  const refused = await api(url, `/api/v1/persons/${id}?purpose=${purpose}`, { token: tok.auditor });
  assert.equal(refused.status, 403, refused.text);
  for (const answer of [summary, refused]) {
    const rid = answer.headers.get('x-request-id');
    assert.deepEqual((await trailOf(id)).filter((e) => e.request_id === rid).length, 1);
    for (const other of shown) {
      assert.ok(!(await trailOf(other)).some((e) => e.request_id === rid), `nothing under ${other}`);
    }
  }
});

test('work lists are audited per person shown: the review queue and the sampling draw', async () => {
  const [mother, father, householdNo] = one(`SELECT w.id_number, w.spouse_id, w.household_no FROM persons w JOIN persons h ON h.id_number = w.spouse_id
    WHERE w.${active} AND w.sex = 'F' AND h.${active} AND h.household_no = w.household_no
      AND w.birth_date BETWEEN '${yearsAgo(40)}' AND '${yearsAgo(20)}' ORDER BY w.id_number DESC`);
  assert.ok(householdNo);
  const body = application('birth', '', { name: '林小安', sex: 'F', place: '臺北市', mother_id: mother, father_id: father }, daysAgo(3), mother, 'mother');
  const entered = await post('/api/v1/registrations', body, tok.clerk);
  assert.equal(entered.status, 201, entered.text);

  const queue = await api(url, '/api/v1/registrations?status=pending_review', { token: tok.supervisor });
  assert.equal(queue.status, 200, queue.text);
  const listed = queue.headers.get('x-request-id');
  assert.ok(queue.json.applications.some((a) => a.id === entered.json.application.id));
  for (const id of [mother, father]) {
    const hit = (await trailOf(id)).find((e) => e.request_id === listed);
    assert.ok(hit, `the review queue is in ${id}'s trail`);
    assert.equal(hit.action, 'registration.list');
    assert.match(hit.purpose, new RegExp(`^work_queue .*#${entered.json.application.id}$`));
    assert.equal(hit.username, 'supervisor');
  }

  const app = entered.json.application;
  const approved = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: app.version }, tok.supervisor);
  assert.equal(approved.status, 200, approved.text);
  const child = approved.json.application.result_subject_id;
  // Drawn by another supervisor: the approver's draw leaves out what they approved.
  const drawn = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=100`, { token: tok.chief });
  assert.equal(drawn.status, 200, drawn.text);
  assert.ok(drawn.json.applications.some((a) => a.id === app.id));
  const sampled = drawn.headers.get('x-request-id');
  for (const id of [mother, father, child]) {
    const hit = (await trailOf(id)).find((e) => e.request_id === sampled);
    assert.ok(hit, `the sampling draw is in ${id}'s trail`);
    assert.match(hit.purpose, /^work_queue 抽核抽樣/);
  }
});

test('the nationality case list is audited under each case\'s ID number', async () => {
  const [someone] = one(`SELECT id_number FROM persons WHERE ${active} AND ${adult} ORDER BY id_number DESC`);
  const opened = await post('/api/v1/nationality-cases', { kind: 'loss', person_name: '某甲', id_number: someone, approval_letter_date: '2026-03-02' }, tok.clerk);
  assert.equal(opened.status, 201, opened.text);
  const list = await api(url, '/api/v1/nationality-cases', { token: tok.clerk });
  assert.equal(list.status, 200, list.text);
  const hit = (await trailOf(someone)).find((e) => e.request_id === list.headers.get('x-request-id'));
  assert.ok(hit, 'the case list is in the person\'s trail');
  assert.equal(hit.action, 'nationality.list');
});

test('age bands withhold cells of 1–2 persons, and no withheld cell follows from its village total', async () => {
  const r = await api(url, '/api/v1/statistics/age-bands', { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.suppressed_below, 3);
  // The true counts, for comparison (the test reads the database; the API never shows them).
  const on = r.json.on;
  let withheld = 0;
  for (const v of r.json.villages) {
    const cells = [...v.male, ...v.female];
    for (const c of cells) {
      assert.ok(c === null || c === 0 || c >= 3, `${v.village}: a cell of ${c}`);
      if (c === null) ++withheld;
    }
    assert.ok(v.total === null || v.total === 0 || v.total >= 3, `${v.village}: total ${v.total}`);
    const hidden = cells.filter((c) => c === null).length;
    assert.equal(v.suppressed, hidden > 0 || v.total === null);
    if (v.total !== null && hidden > 0) {
      const shown = cells.reduce((s, c) => s + (c ?? 0), 0);
      assert.ok(hidden >= 2, `${v.village}: a lone withheld cell is the total minus the rest`);
      assert.ok(v.total - shown > hidden, `${v.village}: withheld cells that must all be 1`);
    }
  }
  assert.ok(withheld > 0, `a demo district of ${on} has small cells`);
  // Another office's figures are withheld alike.
  const [other] = one(`SELECT code FROM offices WHERE code <> '63000080' ORDER BY code`);
  const o = await api(url, `/api/v1/statistics/age-bands?office=${other}`, { token: tok.clerk });
  assert.equal(o.status, 200, o.text);
  for (const v of o.json.villages) for (const c of [...v.male, ...v.female]) assert.ok(c === null || c === 0 || c >= 3);
});
