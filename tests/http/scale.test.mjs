// Scale operations through HTTP: persons at one address (audited per person shown) and
// age-band counts per village.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login } from './harness.mjs';

let demo, server, clerk, auditor;
before(async () => {
  demo = makeDemoDb({ persons: 600, seed: 21 });
  server = await startHuji(demo.db);
  clerk = await login(server.url, 'clerk');
  auditor = await login(server.url, 'auditor');
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

test('persons at one address: the households at the plate, each read audited per person', async () => {
  const p = await api(server.url, `/api/v1/persons/${demo.sample}?purpose=${encodeURIComponent('同址查詢')}`, { token: clerk });
  assert.equal(p.status, 200);
  const plate = p.json.household.door_plate_id;
  assert.ok(Number.isInteger(plate) && plate > 0);
  const r = await api(server.url, `/api/v1/door-plates/${plate}/persons?purpose=${encodeURIComponent('同址人口查詢')}`, { token: clerk });
  assert.equal(r.status, 200);
  assert.equal(r.json.door_plate_id, plate);
  const numbers = r.json.households.map((h) => h.household_no);
  assert.ok(numbers.includes(p.json.household.household_no));
  for (const h of r.json.households) {
    assert.equal(h.door_plate_id, plate);
    assert.ok(h.members.length >= 1);
    assert.equal(h.address, p.json.household.address);
  }
  const a = await api(server.url, `/api/v1/audit?subject=${demo.sample}`, { token: auditor });
  assert.equal(a.status, 200);
  const hit = a.json.entries.find((e) => e.action === 'door_plate.read' && e.purpose === '同址人口查詢');
  assert.ok(hit, 'the address lookup is in the sample person\'s audit trail');
  assert.equal(hit.username, 'clerk');
});

test('persons at one address: purpose required, unknown plate 404, auditor refused', async () => {
  let r = await api(server.url, '/api/v1/door-plates/1/persons', { token: clerk });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'person.purpose_required');
  r = await api(server.url, '/api/v1/door-plates/999999/persons?purpose=x', { token: clerk });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'person.door_plate_not_found');
  assert.match(r.json.error.message_zh, /門牌/);
  r = await api(server.url, '/api/v1/door-plates/1/persons?purpose=x', { token: auditor });
  assert.equal(r.status, 403);
  r = await api(server.url, '/api/v1/door-plates/abc/persons?purpose=x', { token: clerk });
  assert.equal(r.status, 400);
  r = await api(server.url, '/api/v1/door-plates/1/persons?purpose=x');
  assert.equal(r.status, 401);
});

test('age bands per village: 21 five-year bands, totals add up, a date moves everyone', async () => {
  const r = await api(server.url, '/api/v1/statistics/age-bands?on=2026-01-01', { token: clerk });
  assert.equal(r.status, 200);
  assert.equal(r.json.office_code, '63000080');
  assert.equal(r.json.bands.length, 21);
  assert.equal(r.json.bands[0], '0-4');
  assert.equal(r.json.bands[20], '100+');
  assert.equal(r.json.suppressed_below, 3);
  assert.ok(r.json.villages.length > 10);
  // Small cells are withheld (null): the counts shown add up to at most the total.
  let total = 0;
  for (const v of r.json.villages) {
    const cells = [...v.male, ...v.female];
    const sum = cells.reduce((x, y) => x + (y ?? 0), 0);
    if (v.total === null) {
      assert.ok(v.suppressed);
      continue;
    }
    assert.equal(sum === v.total, !cells.includes(null));
    assert.ok(sum <= v.total);
    total += v.total;
  }
  assert.ok(total > 300 && total <= 600, `active persons counted: ${total}`);
  const later = await api(server.url, '/api/v1/statistics/age-bands?on=2046-01-01', { token: clerk });
  // Under 5: a count, or withheld (some, but 1–2).
  const young = (j) => j.villages.filter((v) => v.male[0] !== 0 || v.female[0] !== 0).length;
  assert.equal(young(later.json), 0, 'twenty years on, nobody of today is under 5');
  assert.ok(young(r.json) > 0);
});

test('age bands: bad date 400, unknown office 404, no token 401', async () => {
  let r = await api(server.url, '/api/v1/statistics/age-bands?on=2026-13-01', { token: clerk });
  assert.equal(r.status, 400);
  r = await api(server.url, '/api/v1/statistics/age-bands?office=99999999', { token: clerk });
  assert.equal(r.status, 404);
  r = await api(server.url, '/api/v1/statistics/age-bands');
  assert.equal(r.status, 401);
});
