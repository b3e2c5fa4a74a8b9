// Who may apply (申請人, 戶籍法 §29–§47) through real HTTP: the capacities per type the entry
// form offers, and the check of the chosen capacity against the register at entry and again
// at approval. Refusals are 422 with zh/en messages that name no person.
// Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, demoSql, taipeiDate, daysAgoTaipei, yearsAgoTaipei } from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 16 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const sql = (query) => demoSql(demo.db, query);
const taipei = taipeiDate;
const daysAgo = daysAgoTaipei;
const yearsAgo = yearsAgoTaipei;

const post = (path, body, token = tok.clerk) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });
const capacities = (type) =>
  api(url, `/api/v1/registrations/applicant-capacities?type=${encodeURIComponent(type)}`, { token: tok.clerk });

// A refusal: status, code, zh/en messages, and no name, ID number or household number of
// anyone the application names.
function assertRefused(r, status, code, persons) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  const { message_zh: zh, message_en: en } = r.json.error;
  assert.match(zh, /[\u4e00-\u9fff]/);
  assert.ok(en.length > 0);
  for (const p of persons) {
    for (const v of [p.id, p.name, p.household].filter(Boolean)) {
      assert.ok(!zh.includes(v) && !en.includes(v), `the refusal names no one: ${zh} / ${en}`);
    }
  }
}

// Married couples living together with the wife 20–40, one per household.
let couples;
function nextCouple() {
  couples ??= (() => {
    const rows = sql(`SELECT w.id_number, w.name, w.household_no, h.id_number, h.name FROM persons w
      JOIN persons h ON h.id_number = w.spouse_id
      WHERE w.status = 'active' AND w.sex = 'F' AND h.status = 'active' AND h.household_no = w.household_no
        AND w.birth_date BETWEEN '${yearsAgo(40)}' AND '${yearsAgo(20)}' AND h.birth_date <= '${yearsAgo(20)}'
      ORDER BY w.id_number DESC`);
    const seen = new Set();
    return rows.filter(([, , hh]) => !seen.has(hh) && seen.add(hh))
      .map(([id, name, household, hid, hname]) => ({
        mother: { id, name, household }, father: { id: hid, name: hname, household } }));
  })();
  const c = couples.shift();
  assert.ok(c, 'the demo population has enough couples');
  return c;
}
const headOf = (household) => {
  const [[id, name]] = sql(`SELECT p.id_number, p.name FROM households h JOIN persons p ON p.id_number = h.head_id
    WHERE h.household_no = '${household}'`);
  return { id, name, household };
};
const stranger = () => {
  const [[id, name, household]] = sql(`SELECT id_number, name, household_no FROM persons WHERE status = 'active'
    AND birth_date <= '${yearsAgo(30)}' ORDER BY id_number LIMIT 1`);
  return { id, name, household };
};

function birth(c, applicant) {
  return {
    type: 'birth', event_date: daysAgo(3),
    fields: { name: '林申請', sex: 'F', place: '臺北市', mother_id: c.mother.id, father_id: c.father.id },
    applicant: { identity_check: 'id_card', ...applicant },
  };
}

describe('GET /api/v1/registrations/applicant-capacities', () => {
  test('lists the capacities 戶籍法 §29 allows for a birth, each with labels and its article', async () => {
    const r = await capacities('birth');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.type, 'birth');
    assert.equal(r.json.article, '戶籍法 §29');
    const codes = r.json.capacities.map((c) => c.code);
    for (const c of ['father', 'mother', 'grandparent', 'head', 'cohabitant', 'carer', 'agent']) {
      assert.ok(codes.includes(c), c);
    }
    assert.ok(!codes.includes('self') && !codes.includes('spouse'));
    for (const c of r.json.capacities) {
      assert.match(c.cite, /§/);
      assert.match(c.label_zh, /[\u4e00-\u9fff]/);
      assert.ok(c.label_en.length > 0);
    }
    assert.equal(r.json.capacities.find((c) => c.code === 'agent').needs_principal, true);
    assert.equal(r.json.capacities.find((c) => c.code === 'carer').needs_interest, true);
  });

  test('marriage is by both parties (§33); a divorce by either only after a judgment (§34)', async () => {
    const m = await capacities('marriage');
    assert.deepEqual(m.json.capacities.map((c) => c.code), ['both_parties', 'agent']);
    const d = await capacities('divorce');
    const when = Object.fromEntries(d.json.capacities.map((c) => [c.code, c.when]));
    assert.equal(when.both_parties, 'agreed_divorce');
    assert.equal(when.self, 'court_divorce');
    assert.equal(when.spouse, 'court_divorce');
  });

  test('an unknown or missing type is 400; without a session 401', async () => {
    assert.equal((await capacities('teleportation')).status, 400);
    assert.equal((await api(url, '/api/v1/registrations/applicant-capacities', { token: tok.clerk })).status, 400);
    assert.equal((await api(url, '/api/v1/registrations/applicant-capacities?type=birth')).status, 401);
  });
});

describe('the applicant of a birth (戶籍法 §29)', () => {
  test('the recorded mother, the father, the head or a household member is accepted; the code is stored', async () => {
    const c = nextCouple();
    const r = await post('/api/v1/registrations', birth(c, { name: c.mother.name, id_number: c.mother.id, relation: 'mother' }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.application.applicant.relation, 'mother');
    const c2 = nextCouple();
    const head = headOf(c2.mother.household);
    const r2 = await post('/api/v1/registrations', birth(c2, { name: head.name, id_number: head.id, relation: 'head' }));
    assert.equal(r2.status, 201, r2.text);
    const c3 = nextCouple();
    const r3 = await post('/api/v1/registrations', birth(c3, { name: c3.father.name, id_number: c3.father.id, relation: 'cohabitant' }));
    assert.equal(r3.status, 201, r3.text);
  });

  test('someone else named as the mother is 422 registration.applicant_mismatch, naming no one', async () => {
    const c = nextCouple();
    const s = stranger();
    const r = await post('/api/v1/registrations', birth(c, { name: s.name, id_number: s.id, relation: 'mother' }));
    assertRefused(r, 422, 'registration.applicant_mismatch', [c.mother, c.father, s]);
    const old = await post('/api/v1/registrations', birth(c, { name: s.name, id_number: s.id, relation: '母' }));
    assertRefused(old, 422, 'registration.applicant_mismatch', [c.mother, c.father, s]);
  });

  test('a capacity the law does not list is 422 registration.applicant_not_allowed citing §29', async () => {
    const c = nextCouple();
    const r = await post('/api/v1/registrations', birth(c, { name: c.mother.name, id_number: c.mother.id, relation: 'spouse' }));
    assertRefused(r, 422, 'registration.applicant_not_allowed', [c.mother, c.father]);
    assert.match(r.json.error.message_zh, /戶籍法 §29/);
    assert.match(r.json.error.message_en, /戶籍法 §29/);
  });

  test('an unknown capacity is 400 registration.applicant_capacity', async () => {
    const c = nextCouple();
    const r = await post('/api/v1/registrations', birth(c, { name: c.mother.name, id_number: c.mother.id, relation: 'neighbour' }));
    assertRefused(r, 400, 'registration.applicant_capacity', [c.mother]);
  });

  test('an agent needs a power of attorney from a person allowed to apply (戶籍法 §47)', async () => {
    const c = nextCouple();
    const s = stranger();
    const agent = { name: s.name, id_number: s.id, relation: 'agent', principal_id: c.mother.id, principal_relation: 'mother' };
    const noProxy = await post('/api/v1/registrations', birth(c, agent));
    assertRefused(noProxy, 422, 'registration.applicant_mismatch', [c.mother, s]);
    const ok = await post('/api/v1/registrations', birth(c, { ...agent, identity_check: 'power_of_attorney' }));
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.application.applicant.principal_id, c.mother.id);
    assert.equal(ok.json.application.applicant.principal_relation, 'mother');
    const wrongPrincipal = await post('/api/v1/registrations',
      birth(c, { ...agent, identity_check: 'power_of_attorney', principal_id: s.id }));
    assertRefused(wrongPrincipal, 422, 'registration.applicant_mismatch', [c.mother, s]);
  });
});

describe('other types', () => {
  test('a marriage is by both parties (戶籍法 §33); 本人 alone is not allowed', async () => {
    const [[man]] = sql(`SELECT id_number FROM persons WHERE status = 'active' AND sex = 'M' AND spouse_id IS NULL
      AND birth_date BETWEEN '${yearsAgo(50)}' AND '${yearsAgo(25)}' ORDER BY id_number LIMIT 1`);
    const [[woman]] = sql(`SELECT id_number FROM persons WHERE status = 'active' AND sex = 'F' AND spouse_id IS NULL
      AND birth_date BETWEEN '${yearsAgo(50)}' AND '${yearsAgo(25)}' ORDER BY id_number LIMIT 1`);
    const body = (relation, id = man) => ({
      type: 'marriage', event_date: daysAgo(0), subject_id: man, fields: { spouse_id: woman },
      applicant: { name: '申請人', id_number: id, relation, identity_check: 'id_card' },
    });
    assertRefused(await post('/api/v1/registrations', body('self')), 422, 'registration.applicant_not_allowed', []);
    assertRefused(await post('/api/v1/registrations', body('both_parties', stranger().id)), 422,
      'registration.applicant_mismatch', []);
    const ok = await post('/api/v1/registrations', body('both_parties', woman));
    assert.equal(ok.status, 201, ok.text);
  });

  test('a minor moves through the legal representative, not as 本人 (民法 §12, §1086)', async () => {
    const [child, father] = sql(`SELECT c.id_number, c.father_id FROM persons c
      JOIN persons f ON f.id_number = c.father_id JOIN households h ON h.household_no = c.household_no
      WHERE c.status = 'active' AND f.status = 'active' AND c.birth_date > '${yearsAgo(15)}'
        AND h.office_code = '63000080' ORDER BY c.id_number LIMIT 1`)[0] ?? [];
    assert.ok(child, 'the demo population has a child with a father in the register');
    const body = (relation, id) => ({
      type: 'move_out', event_date: daysAgo(1), subject_id: child, fields: { to: '日本' },
      applicant: { name: '申請人', id_number: id, relation, identity_check: 'id_card' },
    });
    assertRefused(await post('/api/v1/registrations', body('self', child)), 422, 'registration.applicant_mismatch', []);
    assertRefused(await post('/api/v1/registrations', body('legal_representative', stranger().id)), 422,
      'registration.applicant_mismatch', []);
    const ok = await post('/api/v1/registrations', body('legal_representative', father));
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.application.applicant.relation, 'legal_representative');
  });
});
