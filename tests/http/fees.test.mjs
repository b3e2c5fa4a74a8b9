// The fee schedule as configuration with effective dates (issue 18 item 6), through a real huji
// on either backend: GET /api/v1/fees (public), a version stored by an admin that applies from
// its date (today's quote unchanged, tomorrow's new), refusals, and a second server taking it in.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, backend, taipeiDate, todayTaipei, assertBilingualError } from './harness.mjs';

let demo, server;
const tok = {};
const DAY = 86400e3;
const tomorrow = () => taipeiDate(Date.now() + DAY);

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 18 });
  server = await startHuji(demo.db, ['--calendar-refresh-s', '1']);
  for (const who of ['clerk', 'supervisor', 'admin', 'auditor']) tok[who] = await login(server.url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const fees = (url, query = '') => api(url, `/api/v1/fees${query}`);
const store = (text, token = tok.admin, type = 'text/plain') =>
  api(server.url, '/api/v1/admin/fees', { method: 'PUT', token, body: text, headers: { 'Content-Type': type } });

describe(`fee schedule (${backend})`, () => {
  let shipped;

  test('the schedule in force is public: items, waivers, effective date and source', async () => {
    const r = await fees(server.url);
    assert.equal(r.status, 200, r.text);
    const s = r.json.schedule;
    assert.equal(s.effective, '2011-05-01');
    assert.equal(s.on, todayTaipei());
    assert.match(s.source, /戶政規費收費標準/);
    const sheet = s.items.find((i) => i.code === 'transcript_sheet');
    assert.deepEqual(sheet, { code: 'transcript_sheet', name_zh: '戶籍謄本（每張）', name_en: 'Household transcript (per sheet)', amount: 15, extra_amount: null });
    assert.equal(s.items.find((i) => i.code === 'transcript_en').extra_amount, 15);
    assert.ok(s.waivers.find((w) => w.code === 'reorganisation').items.includes('id_card_first'));
    assert.deepEqual(s.versions.map((v) => v.effective), ['2005-07-01', '2011-05-01']);
    // Another day: the version in force then.
    const old = await fees(server.url, '?on=2010-01-01');
    assert.equal(old.json.schedule.effective, '2005-07-01');
    assert.equal(old.json.schedule.items.find((i) => i.code === 'transcript_sheet').amount, 20);
    assertBilingualError(await fees(server.url, '?on=2001-01-01'), 404, 'fees.none');
    assert.equal((await fees(server.url, '?on=yesterday')).status, 400);
    const admin = await api(server.url, '/api/v1/admin/fees', { token: tok.admin });
    assert.equal(admin.status, 200, admin.text);
    shipped = admin.json.versions.find((v) => v.effective === '2011-05-01').text;
    assert.deepEqual(admin.json.versions.map((v) => [v.effective, v.origin, v.in_force]),
      [['2005-07-01', 'file', false], ['2011-05-01', 'file', true]]);
  });

  test('a fee that changes on a date applies from that date', async () => {
    const next = shipped.replace(/^effective .*$/m, `effective ${tomorrow()}`)
      .replace(/^item transcript_sheet 15 /m, 'item transcript_sheet 20 ');
    const r = await store(next);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.versions[0].origin, 'database');
    assert.equal(r.json.versions[0].loaded_by, 'admin');
    // Today's quote unchanged, tomorrow's new.
    const now = await fees(server.url);
    assert.equal(now.json.schedule.items.find((i) => i.code === 'transcript_sheet').amount, 15);
    const later = await fees(server.url, `?on=${tomorrow()}`);
    assert.equal(later.json.schedule.effective, tomorrow());
    assert.equal(later.json.schedule.items.find((i) => i.code === 'transcript_sheet').amount, 20);
    // A charge made today costs today's fee.
    const charge = await api(server.url, '/api/v1/charges', {
      method: 'POST', token: tok.clerk, headers: { 'Idempotency-Key': randomUUID() },
      body: { item: 'transcript_sheet', quantity: 2 },
    });
    assert.equal(charge.status, 201, charge.text);
    assert.equal(charge.json.charge.amount, 30);
    // Audited.
    const audit = await api(server.url, '/api/v1/audit?user=admin&limit=100', { token: tok.auditor });
    assert.equal(audit.status, 200, audit.text);
    assert.ok(audit.json.entries.some((e) => e.action === 'fees.load' && e.purpose.includes(tomorrow())), audit.text);
  });

  test('refusals: today or before, a bad line, the wrong type, not an admin', async () => {
    const today = shipped.replace(/^effective .*$/m, `effective ${todayTaipei()}`);
    assertBilingualError(await store(today), 422, 'fees.retroactive');
    const bad = await store(`effective ${taipeiDate(Date.now() + 5 * DAY)}\nitem broken\n`);
    assertBilingualError(bad, 400, 'fees.file');
    assert.match(bad.json.error.message_en, /line 2/);
    assertBilingualError(await store(shipped, tok.admin, 'application/json'), 400, 'fees.content_type');
    assertBilingualError(await store(shipped.replace(/^effective .*$/m, `effective ${taipeiDate(Date.now() + 9 * DAY)}`), tok.clerk), 403, 'auth.forbidden');
    assertBilingualError(await api(server.url, '/api/v1/admin/fees', { token: tok.auditor }), 403, 'auth.forbidden');
    assert.equal((await api(server.url, '/api/v1/admin/fees')).status, 401);
  });

  test('a second server on the same database takes the stored version in; it survives a restart', async () => {
    const later = taipeiDate(Date.now() + 3 * DAY);
    const second = await startHuji(demo.db, ['--calendar-refresh-s', '1', '--audit-journal', 'none']);
    try {
      const seen = await fees(second.url, `?on=${tomorrow()}`);
      assert.equal(seen.json.schedule.effective, tomorrow(), 'stored before the second server started');
      const next = shipped.replace(/^effective .*$/m, `effective ${later}`)
        .replace(/^item register_viewing 15 /m, 'item register_viewing 25 ');
      const r = await api(second.url, '/api/v1/admin/fees', { method: 'PUT', token: tok.admin, body: next, headers: { 'Content-Type': 'text/plain' } });
      assert.equal(r.status, 200, r.text);
      // The first server takes it in within its refresh interval (1 s here).
      let amount;
      for (let i = 0; i < 50; i++) {
        const s = await fees(server.url, `?on=${later}`);
        amount = s.json.schedule.items.find((x) => x.code === 'register_viewing').amount;
        if (amount === 25) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      assert.equal(amount, 25, 'the first server quotes the version stored on the second');
    } finally {
      await second.stop();
    }
    await server.stop();
    server = await startHuji(demo.db);
    const after = await fees(server.url, `?on=${later}`);
    assert.equal(after.json.schedule.items.find((x) => x.code === 'register_viewing').amount, 25);
  });
});
