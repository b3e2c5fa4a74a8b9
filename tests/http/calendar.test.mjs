// Loading next year's government office calendar through the API (issue 15, item 8), against
// a real huji whose data/calendar lacks 2027: a nationality case whose registration deadline
// reaches into 2027 is refused until an admin loads 2027 (a proof-of-loss due date there is
// provisional instead), which then survives a restart and is seen by a
// second server on the same database.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, root, backend } from './harness.mjs';

let demo;
let server;
let calendarDir;
let tok;

const shipped2027 = readFileSync(join(root, 'data/calendar/2027.txt'), 'utf8');
const taipeiToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

before(async () => {
  // The shipped files without 2027, as a server had them before 2027.txt was written.
  calendarDir = mkdtempSync(join(tmpdir(), 'huji-calendar-'));
  for (const y of ['2024', '2025', '2026']) copyFileSync(join(root, `data/calendar/${y}.txt`), join(calendarDir, `${y}.txt`));
  demo = makeDemoDb({ persons: 200, seed: 27 });
  server = await startHuji(demo.db, ['--calendar', calendarDir, '--calendar-refresh-s', '1']);
  tok = {};
  for (const u of ['admin', 'clerk', 'auditor']) tok[u] = await login(server.url, u);
});

after(async () => {
  await server?.stop();
  demo?.cleanup();
  rmSync(calendarDir, { recursive: true, force: true });
});

function assertRefused(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/, 'message_zh is Chinese');
  assert.ok(r.json.error.message_en.length > 0);
}

const putYear = (url, year, text, token = tok.admin, type = 'text/plain; charset=utf-8') =>
  api(url, `/api/v1/admin/calendar/${year}`, { method: 'PUT', token, body: text, headers: { 'Content-Type': type } });

// A naturalization approved by a letter of 2026-11-20: 30 working days later is in 2027.
const openCase = (url) => api(url, '/api/v1/nationality-cases', {
  method: 'POST', token: tok.clerk, headers: { 'Idempotency-Key': randomUUID() },
  body: { kind: 'naturalization', person_name: '阮氏梅', approval_letter_date: '2026-11-20' },
});

// A naturalization approved on 2026-06-09: its proof of loss is due 2027-06-09, 端午節.
const openProofCase = (url) => api(url, '/api/v1/nationality-cases', {
  method: 'POST', token: tok.clerk, headers: { 'Idempotency-Key': randomUUID() },
  body: { kind: 'naturalization', person_name: '黎氏蘭', approval_letter_date: '2026-06-09' },
});
let proofCaseId;

// Whether a list taken today must warn that next year is missing (from October 1, Taipei).
function expectWarning(years) {
  const today = taipeiToday();
  const next = Number(today.slice(0, 4)) + 1;
  return Number(today.slice(5, 7)) >= 10 && !years.some((y) => y.year === next);
}

describe(`the office calendar loaded by an admin (${backend})`, () => {
  test('before: a deadline into 2027 is refused, and the list warns from October on', async () => {
    assertRefused(await openCase(server.url), 422, 'calendar.year_not_loaded');
    // The registration due in 2026, the proof of loss a year on in 2027: opened all the same,
    // the proof's due date unshifted and provisional (行政程序法 §48 ¶4 needs 2027's days off).
    // Before: refused, calendar.year_not_loaded.
    const proof = await openProofCase(server.url);
    assert.equal(proof.status, 201, proof.text);
    assert.equal(proof.json.case.proof_of_loss_due, '2027-06-09');
    assert.equal(proof.json.case.proof_of_loss_due_provisional, true);
    proofCaseId = proof.json.case.id;
    const list = await api(server.url, '/api/v1/admin/calendar', { token: tok.admin });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.years.map((y) => [y.year, y.source, y.provisional]),
      [[2024, 'file', false], [2025, 'file', false], [2026, 'file', false]]);
    const warned = list.json.warnings.some((w) => w.code === 'calendar.next_year_missing');
    assert.equal(warned, expectWarning(list.json.years), list.text);
    if (warned) assert.match(server.stderr(), /calendar_warning/, 'the warning is logged at start');
  });

  test('only an admin loads or lists, with a token', async () => {
    assertRefused(await putYear(server.url, 2027, shipped2027, tok.clerk), 403, 'auth.forbidden');
    assertRefused(await putYear(server.url, 2027, shipped2027, tok.auditor), 403, 'auth.forbidden');
    assertRefused(await putYear(server.url, 2027, shipped2027, null), 401, 'auth.required');
    assertRefused(await api(server.url, '/api/v1/admin/calendar', { token: tok.clerk }), 403, 'auth.forbidden');
  });

  test('a bad file is refused with its line number, and nothing is loaded', async () => {
    const bad = await putYear(server.url, 2027, '# 2027\n2027-01-01 holiday 開國紀念日\n2027-02-30 holiday 不存在\n');
    assertRefused(bad, 400, 'calendar.file');
    assert.match(bad.json.error.message_en, /:3: /);
    assert.match(bad.json.error.message_zh, /第 3 行/);
    assertRefused(await putYear(server.url, 2027, '2028-01-03 holiday\n'), 400, 'calendar.file');
    assertRefused(await putYear(server.url, 2027, '2027-01-01 holiday\u202e\n'), 400, 'calendar.file');
    assertRefused(await putYear(server.url, 2027, '# nothing but comments\n'), 400, 'calendar.empty');
    assertRefused(await putYear(server.url, 1850, shipped2027), 400, 'calendar.year');
    assertRefused(await putYear(server.url, 2027, shipped2027, tok.admin, 'application/json'), 400, 'calendar.content_type');
    assertRefused(await putYear(server.url, 2027, `${shipped2027}#${'x'.repeat(70 * 1024)}\n`), 413, 'http.body_too_large');
    assertRefused(await openCase(server.url), 422, 'calendar.year_not_loaded');
  });

  test('loading 2027 makes the deadline computable, is audited, and lists as provisional', async () => {
    const r = await putYear(server.url, 2027, shipped2027);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.calendar.year, 2027);
    assert.equal(r.json.calendar.source, 'database');
    assert.equal(r.json.calendar.provisional, true);
    assert.equal(r.json.calendar.loaded_by, 'admin');
    assert.ok(r.json.calendar.loaded_at_ms > 0);

    const c = await openCase(server.url);
    assert.equal(c.status, 201, c.text);
    // 30 working days after 2026-11-20: 12-25 and 2027-01-01 are holidays.
    assert.equal(c.json.case.registration_due, '2027-01-05');
    // The provisional proof-of-loss due date is derived again: moved off 端午節.
    const cases = await api(server.url, '/api/v1/nationality-cases', { token: tok.clerk });
    const proof = cases.json.cases.find((x) => x.id === proofCaseId);
    assert.deepEqual([proof.proof_of_loss_due, proof.proof_of_loss_due_provisional], ['2027-06-10', false]);
    const due = await api(server.url, '/api/v1/calendar/due-date?from=2027-02-03&working-days=1');
    assert.equal(due.json.due, '2027-02-11', '除夕前一日 to the 春節 make-up days are off');

    const list = await api(server.url, '/api/v1/admin/calendar', { token: tok.admin });
    const y2027 = list.json.years.find((y) => y.year === 2027);
    assert.deepEqual([y2027.source, y2027.provisional, y2027.loaded_by], ['database', true, 'admin']);
    assert.equal(list.json.warnings.some((w) => w.code === 'calendar.next_year_missing'), expectWarning(list.json.years));

    const audit = await api(server.url, '/api/v1/audit?user=admin&limit=100', { token: tok.auditor });
    assert.equal(audit.status, 200, audit.text);
    assert.ok(audit.json.entries.some((e) => e.action === 'calendar.load' && e.purpose.includes('2027')), audit.text);
  });

  test('a second server on the same database takes the loaded year in; it survives a restart', async () => {
    // (SQLite: one audit journal per process; this one writes its audit entries directly.)
    const second = await startHuji(demo.db, ['--calendar', calendarDir, '--calendar-refresh-s', '1', '--audit-journal', 'none']);
    try {
      const list = await api(second.url, '/api/v1/admin/calendar', { token: tok.admin });
      assert.equal(list.json.years.find((y) => y.year === 2027)?.source, 'database', list.text);
      assert.equal((await openCase(second.url)).status, 201);
      // A correction loaded on the second server reaches the first within its refresh interval.
      const corrected = shipped2027.replace('provisional\n', '').replace('2027-02-04 holiday', '2027-02-03 holiday');
      assert.equal((await putYear(second.url, 2027, corrected)).status, 200);
      let seen;
      for (let i = 0; i < 50; i++) {
        seen = await api(server.url, '/api/v1/calendar/due-date?from=2027-02-02&working-days=1');
        if (seen.json?.due !== '2027-02-03') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(seen.json.due, '2027-02-04', 'the first server counts with the corrected year');
    } finally {
      await second.stop();
    }
    await server.stop();
    server = await startHuji(demo.db, ['--calendar', calendarDir]);
    const list = await api(server.url, '/api/v1/admin/calendar', { token: tok.admin });
    const y2027 = list.json.years.find((y) => y.year === 2027);
    assert.deepEqual([y2027.source, y2027.provisional], ['database', false]);
    assert.equal((await openCase(server.url)).status, 201);
  });
});
