// Search (issue 17, item 7): persons by exact name (narrowed by birth date or household), door
// plates by a typed address (parsed, then matched) with the households registered there.
// A purpose is required; every search is audited with it (the search itself, and each person
// shown under their ID number); the register is national, so a clerk of another office finds
// the same; a role that does not read persons is refused, and the refusal audited.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login, runCli, demoSql, assertBilingualError, backend } from './harness.mjs';

let demo;
let server;
let tok;
let person;  // [id_number, name, birth_date, household_no]
let plate;   // [id, full_text, household_no, floor]

const purpose = encodeURIComponent('受理申請');
const get = (path, token = tok.clerk, headers = {}) => api(server.url, path, { token, headers });
const auditOf = async (subject) =>
  (await get(`/api/v1/audit?subject=${encodeURIComponent(subject)}`, tok.auditor)).json.entries;

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 21 });
  person = demoSql(demo.db, "SELECT id_number, name, birth_date, household_no FROM persons WHERE status = 'active' ORDER BY id_number LIMIT 1")[0];
  plate = demoSql(demo.db, `SELECT dp.id, dp.full_text, h.household_no, dp.floor FROM door_plates dp
    JOIN households h ON h.door_plate_id = dp.id ORDER BY dp.id LIMIT 1`)[0];
  const own = demoSql(demo.db, "SELECT office_code FROM users WHERE username = 'clerk'")[0][0];
  const other = demoSql(demo.db, `SELECT code FROM offices WHERE code <> '${own}' ORDER BY code LIMIT 1`)[0][0];
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk',
    '--office', other, '--password-stdin'], 'a far away clerk phrase\n');
  server = await startHuji(demo.db);
  tok = {};
  for (const u of ['clerk', 'auditor', 'admin']) tok[u] = await login(server.url, u);
  tok.far = await login(server.url, 'far.clerk', 'a far away clerk phrase');
});

after(async () => {
  await server?.stop();
  demo?.cleanup();
});

describe(`search by name and by address (${backend})`, () => {
  test('by name: the person found, narrowed by birth date and household; audited', async () => {
    const [id, name, birth, household] = person;
    const r = await get(`/api/v1/persons?name=${encodeURIComponent(name)}&purpose=${purpose}`,
      tok.clerk, { 'X-Request-Id': 'search-name-1' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.truncated, false);
    const found = r.json.persons.find((p) => p.id_number === id);
    assert.ok(found, 'the person is among the matches');
    assert.equal(found.name, name);
    assert.equal(found.status, 'active');
    assert.equal(found.household_no, household);
    assert.ok(r.json.persons.every((p) => p.name === name), 'exact name only');
    assert.equal(r.headers.get('cache-control'), 'no-store');

    const narrowed = await get(`/api/v1/persons?name=${encodeURIComponent(name)}&birth_date=${birth}&household_no=${household}&purpose=${purpose}`);
    assert.equal(narrowed.status, 200, narrowed.text);
    assert.deepEqual(narrowed.json.persons.map((p) => p.id_number), [id]);
    const otherDay = await get(`/api/v1/persons?name=${encodeURIComponent(name)}&birth_date=1800-01-01&purpose=${purpose}`);
    assert.deepEqual(otherDay.json.persons, []);

    const search = (await auditOf(`姓名:${name}`)).find((e) => e.request_id === 'search-name-1');
    assert.ok(search, 'the search itself is audited under what was asked');
    assert.equal(search.action, 'person.search');
    assert.equal(search.purpose, '受理申請');
    assert.equal(search.username, 'clerk');
    const shown = (await auditOf(id)).find((e) => e.request_id === 'search-name-1');
    assert.ok(shown, 'each person shown has an entry of their own');
    assert.equal(shown.action, 'person.search');
    assert.equal(shown.purpose, '受理申請');
  });

  test('by address: the door plate with its households; no floor gives every floor', async () => {
    const [id, text, household, floor] = plate;
    const r = await get(`/api/v1/door-plates?address=${encodeURIComponent(text)}&purpose=${purpose}`,
      tok.clerk, { 'X-Request-Id': 'search-address-1' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.truncated, false);
    const match = r.json.door_plates.find((p) => String(p.id) === id);
    assert.ok(match, r.text);
    assert.equal(match.address, text);
    assert.ok(match.household_nos.includes(household));
    assert.equal(r.json.address.number.length > 0, true);
    // Written the way people write it: 台 for 臺, full-width digits.
    const loose = text.replace('臺', '台').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const again = await get(`/api/v1/door-plates?address=${encodeURIComponent(loose)}&purpose=${purpose}`);
    assert.ok(again.json.door_plates.some((p) => String(p.id) === id), again.text);
    if (floor) {
      const building = text.replace(/[^號]*$/, '');
      const all = await get(`/api/v1/door-plates?address=${encodeURIComponent(building)}&purpose=${purpose}`);
      assert.ok(all.json.door_plates.some((p) => String(p.id) === id), all.text);
    }
    const entry = (await auditOf(`地址:${text}`)).find((e) => e.request_id === 'search-address-1');
    assert.ok(entry, 'the address search is audited');
    assert.equal(entry.action, 'door_plate.search');
    assert.equal(entry.purpose, '受理申請');
  });

  test('a clerk of another office searches the national register too', async () => {
    const [id, name] = person;
    const r = await get(`/api/v1/persons?name=${encodeURIComponent(name)}&purpose=${purpose}`, tok.far);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.persons.some((p) => p.id_number === id));
    const a = await get(`/api/v1/door-plates?address=${encodeURIComponent(plate[1])}&purpose=${purpose}`, tok.far);
    assert.equal(a.status, 200, a.text);
  });

  test('a purpose is required; bad input is refused; a role without person reads is refused and audited', async () => {
    const name = encodeURIComponent(person[1]);
    assertBilingualError(await get(`/api/v1/persons?name=${name}`), 400, 'person.purpose_required');
    assertBilingualError(await get(`/api/v1/door-plates?address=${encodeURIComponent(plate[1])}`), 400, 'person.purpose_required');
    assertBilingualError(await get(`/api/v1/persons?purpose=${purpose}`), 400, 'search.name_required');
    assertBilingualError(await get(`/api/v1/persons?name=${name}&birth_date=1990-13-40&purpose=${purpose}`), 400, 'search.birth_date');
    assertBilingualError(await get(`/api/v1/persons?name=${'王'.repeat(60)}&purpose=${purpose}`), 400, 'search.name_too_long');
    assertBilingualError(await get(`/api/v1/door-plates?purpose=${purpose}`), 400, 'search.address_required');
    const bad = await get(`/api/v1/door-plates?address=${encodeURIComponent('火星市某區1號')}&purpose=${purpose}`);
    assert.equal(bad.status, 422, bad.text);
    assert.match(bad.json.error.code, /^address\./);
    const none = await get(`/api/v1/persons?name=${name}&purpose=${purpose}`);
    assert.equal(none.status, 200);
    assert.equal((await get(`/api/v1/persons?name=${name}&purpose=${purpose}`, null)).status, 401);

    const refused = await get(`/api/v1/persons?name=${name}&purpose=${purpose}`, tok.admin,
      { 'X-Request-Id': 'search-denied-1' });
    assertBilingualError(refused, 403, 'auth.forbidden');
    const entry = (await auditOf(`姓名:${person[1]}`)).find((e) => e.request_id === 'search-denied-1');
    assert.ok(entry, 'the refused search is audited');
    assert.equal(entry.outcome, 'denied');
  });
});
