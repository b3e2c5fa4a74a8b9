// 外機關通報 (issue 19 item 5) against a real huji on either backend (HUJI_TEST_BACKEND): an
// immigration file uploaded turns each record into a clerk case of the office holding the
// person's household with its 5-working-day limit; the last line about a person wins; records
// that match nobody are anomalies; the same file again changes nothing, by the API and by
// `huji import`; a re-entry closes the abroad case; a case closes by naming its registration
// (the ex officio move-out, 戶籍法施行細則 §5) or with a note; the KPI; roles, office scope,
// bilingual refusals and the audit of every person listed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  makeDemoDb, startHuji, api, login, demoSql, runCli, assertBilingualError, todayTaipei, daysAgoTaipei,
  yearsAgoTaipei,
} from './harness.mjs';

const kHeader = 'record_id,id_number,name,event,event_date,reference';
let demo, server, url, dir;
const tok = {};
let locals = [];
let otherOffice = '';

before(async () => {
  demo = makeDemoDb({ persons: 800, seed: 19 });
  dir = mkdtempSync(join(tmpdir(), 'huji-inbound-'));
  [otherOffice] = demoSql(demo.db, "SELECT code FROM offices WHERE code <> '63000080' ORDER BY code").map((r) => r[0]);
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk', '--office', otherOffice,
    '--password-stdin'], 'far-clerk-demo-pass\n');
  const adults = (office) => demoSql(demo.db, `SELECT p.id_number, p.name FROM persons p
    JOIN households h ON h.household_no = p.household_no
    WHERE h.office_code = '${office}' AND p.status = 'active' AND p.birth_date < '${yearsAgoTaipei(25)}'
    ORDER BY p.id_number`).map(([id, name]) => ({ id, name }));
  locals = adults('63000080').slice(0, 9);
  assert.equal(locals.length, 9);
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
  tok.far = await login(url, 'far.clerk', 'far-clerk-demo-pass');
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const line = (id, p, event, name = p.name, date = daysAgoTaipei(10)) => `${id},${p.id},${name},${event},${date},移署字第${id}號`;
const file = (...lines) => `${kHeader}\n${lines.join('\n')}\n`;
const upload = (feed, text, token = tok.clerk, type = 'text/csv') => api(url, `/api/v1/inbound/${feed}?filename=nia.csv`,
  { method: 'POST', token, body: text, headers: { 'Content-Type': type } });
const openCases = async (token = tok.clerk) => {
  const r = await api(url, '/api/v1/inbound/cases?status=open', { token });
  assert.equal(r.status, 200, r.text);
  return r.json.cases;
};
async function post(path, body, token, key = randomUUID()) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });
}

// The Nth working day after `from` on the shipped calendar, read through the admin's API.
async function workingDaysAfter(from, n) {
  const days = new Map();
  for (const y of [Number(from.slice(0, 4)), Number(from.slice(0, 4)) + 1]) {
    const r = await api(url, `/api/v1/admin/calendar/${y}`, { token: tok.admin });
    assert.equal(r.status, 200, r.text);
    for (const d of r.json.days) days.set(d.date, d.kind === 'workday');
  }
  let d = new Date(`${from}T00:00:00Z`);
  for (let left = n; left > 0;) {
    d = new Date(d.getTime() + 86400e3);
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    if (days.has(iso) ? days.get(iso) : weekday) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

let first = null;

test('an immigration file opens cases with their limit; the last line wins; strangers are anomalies', async () => {
  const [a, b, c] = locals;
  const text = file(
    line('NIA-1', a, 'abroad_2y'),
    line('NIA-2', b, 'abroad_2y'),
    line('NIA-3', b, 'reentry'),
    line('NIA-4', { id: 'A123456789', name: '查無此人' }, 'abroad_2y'),
    line('NIA-5', c, 'abroad_2y', '王錯名'));
  const r = await upload('immigration', text);
  assert.equal(r.status, 201, r.text);
  first = r.json;
  assert.equal(r.json.repeated, false);
  assert.match(r.json.file.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual([r.json.file.records, r.json.file.new_cases, r.json.file.superseded, r.json.file.anomalies],
    [5, 2, 1, 2]);
  const due = await workingDaysAfter(todayTaipei(), 5);
  assert.deepEqual(r.json.cases.map((x) => [x.id_number, x.event]), [[a.id, 'abroad_2y'], [b.id, 'reentry']]);
  for (const x of r.json.cases) {
    assert.equal(x.due_on, due);
    assert.equal(x.status, 'open');
    assert.equal(x.office_code, '63000080');
  }
  assert.deepEqual(r.json.anomalies.map((x) => [x.record_id, x.anomaly]),
    [['NIA-4', 'no_such_person'], ['NIA-5', 'name_mismatch']]);

  const open = await openCases();
  assert.deepEqual(open.map((x) => x.record_id).sort(), ['NIA-1', 'NIA-3']);
  assert.ok(open.every((x) => x.overdue === false));
  // Imported by another office, a case is the office's that holds the person's household.
  const far = await upload('immigration', file(line('FAR-1', locals[8], 'abroad_2y')), tok.far);
  assert.equal(far.status, 201, far.text);
  assert.equal(far.json.cases[0].office_code, '63000080');
  assert.deepEqual(await openCases(tok.far), []);
  const farCase = (await openCases()).find((x) => x.record_id === 'FAR-1');
  const shut = await api(url, `/api/v1/inbound/cases/${farCase.id}/close`,
    { method: 'POST', token: tok.clerk, body: { note: '已查明，當事人仍在國內', version: farCase.version } });
  assert.equal(shut.status, 200, shut.text);
  const anomalies = await api(url, '/api/v1/inbound/anomalies', { token: tok.clerk });
  assert.equal(anomalies.status, 200);
  assert.deepEqual(anomalies.json.anomalies.map((x) => x.record_id).sort(), ['NIA-4', 'NIA-5']);

  // Every person the list showed is in the audit trail.
  for (const p of [a, b]) {
    const audit = await api(url, `/api/v1/audit?subject=${p.id}&action=inbound.`, { token: tok.auditor });
    assert.equal(audit.status, 200, audit.text);
    const actions = audit.json.entries.map((e) => e.action);
    assert.ok(actions.includes('inbound.import') && actions.includes('inbound.cases'), audit.text);
  }
});

test('the same file again changes nothing, by the API and by huji import', async () => {
  const text = file(line('NIA-1', locals[0], 'abroad_2y'), line('NIA-2', locals[1], 'abroad_2y'),
    line('NIA-3', locals[1], 'reentry'), line('NIA-4', { id: 'A123456789', name: '查無此人' }, 'abroad_2y'),
    line('NIA-5', locals[2], 'abroad_2y', '王錯名'));
  const before = await openCases();
  const r = await upload('immigration', text);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.repeated, true);
  assert.equal(r.json.file.id, first.file.id);
  assert.deepEqual(r.json.cases, []);
  assert.deepEqual(await openCases(), before);

  // A resend with one more record, imported by the operator: only the new record counts.
  const path = join(dir, 'nia-resend.csv');
  writeFileSync(path, file(line('NIA-1', locals[0], 'abroad_2y'), line('NIA-7', locals[3], 'abroad_2y')));
  const out = JSON.parse(runCli(['import', 'immigration', path, '--db', demo.db, '--office', '63000080']));
  assert.deepEqual([out.repeated, out.unchanged, out.new_cases], [false, 1, 1]);
  const again = JSON.parse(runCli(['import', 'immigration', path, '--db', demo.db, '--office', '63000080']));
  assert.equal(again.repeated, true);
  assert.equal(again.file_id, out.file_id);
  assert.deepEqual((await openCases()).map((x) => x.record_id).sort(), ['NIA-1', 'NIA-3', 'NIA-7']);
  const files = await api(url, '/api/v1/inbound/files', { token: tok.clerk });
  assert.equal(files.status, 200);
  assert.equal(files.json.files[0].imported_by, 'operator-cli');
  assert.equal(files.json.files[0].filename, 'nia-resend.csv');
});

test('a bad file is refused whole, naming its lines; roles and feeds are checked', async () => {
  const bad = file(line('NIA-8', locals[4], 'abroad_2y'), 'NIA-9,A12345678,x,abroad_2y,2024-01-01,', line('NIA-10', locals[4], 'death'));
  const r = await upload('immigration', bad);
  assertBilingualError(r, 400, 'inbound.file');
  assert.match(r.json.error.message_en, /line 3: bad id_number/);
  assert.match(r.json.error.message_en, /line 4: event "death"/);
  assert.match(r.json.error.message_zh, /第 3 行/);
  assert.ok(!(await openCases()).some((x) => x.record_id === 'NIA-8'));
  assertBilingualError(await upload('immigration', 'id,name\n'), 400, 'inbound.file');
  assertBilingualError(await upload('passports', file()), 404, 'inbound.feed');
  assertBilingualError(await upload('immigration', file(), tok.clerk, 'application/json'), 400, 'inbound.content_type');
  assertBilingualError(await upload('immigration', file(), tok.auditor), 403, 'auth.forbidden');
  assertBilingualError(await api(url, '/api/v1/inbound/cases?status=maybe', { token: tok.clerk }), 400, 'inbound.status');
  assert.throws(() => runCli(['import', 'court', join(dir, 'missing.csv'), '--db', demo.db, '--office', '63000080']));
});

test('a re-entry closes the abroad case; a case closes by its registration or with a note', async () => {
  // locals[0]'s abroad case (NIA-1): the clerk checks the record and registers the ex officio
  // move-out (戶籍法施行細則 §5), then closes the case naming it.
  const [a, , , d] = locals;
  const caseOf = async (recordId) => (await openCases()).find((x) => x.record_id === recordId);
  const c1 = await caseOf('NIA-1');
  assert.deepEqual(c1.registration_types, ['ex_officio_move_out', 'move_out']);
  const entered = await post('/api/v1/registrations', {
    type: 'ex_officio_move_out', event_date: daysAgoTaipei(1), subject_id: a.id,
    fields: { exit_date: yearsAgoTaipei(3), reason: '出境滿二年' },
    applicant: { name: '文山區戶政事務所', id_number: '', relation: '戶政事務所', identity_check: 'household_certificate' },
  }, tok.clerk);
  assert.equal(entered.status, 201, entered.text);
  const app = entered.json.application;
  const close = (c, body, token = tok.clerk) => api(url, `/api/v1/inbound/cases/${c.id}/close`,
    { method: 'POST', token, body: { version: c.version, ...body } });
  assertBilingualError(await close(c1, { application_id: app.id }), 422, 'inbound.registration_not_registered');
  const reviewed = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: app.version },
    tok.supervisor);
  assert.equal(reviewed.status, 200, reviewed.text);
  const c7 = await caseOf('NIA-7');
  assertBilingualError(await close(c7, { application_id: app.id }), 422, 'inbound.registration_person');
  assertBilingualError(await close(c1, {}), 400, 'inbound.note');
  assertBilingualError(await close({ ...c1, version: 99 }, { application_id: app.id }), 409, 'inbound.stale');
  assertBilingualError(await close(c1, { application_id: app.id }, tok.far), 404, 'inbound.not_found');
  const ok = await close(c1, { application_id: app.id });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.case.status, 'closed');
  assert.equal(ok.json.case.closed_by_application, app.id);
  assertBilingualError(await close(ok.json.case, { note: 'again' }), 409, 'inbound.closed');

  // NIA-3 (a re-entry with nothing open): closed with a note.
  const c3 = await caseOf('NIA-3');
  const noted = await close(c3, { note: '已電話通知當事人辦理遷入' });
  assert.equal(noted.status, 200, noted.text);
  assert.equal(noted.json.case.close_note, '已電話通知當事人辦理遷入');
  assert.equal(noted.json.case.closed_by_application, null);

  // NIA-7 (abroad) is cancelled by a later re-entry record, which closes itself.
  const back = await upload('immigration', file(line('NIA-11', d, 'reentry', d.name, daysAgoTaipei(2))));
  assert.equal(back.status, 201, back.text);
  assert.deepEqual(back.json.closed.map((x) => x.record_id), ['NIA-7']);
  assert.match(back.json.closed[0].close_note, /再入境/);
  assert.equal(back.json.cases[0].status, 'closed');
  assert.deepEqual(await openCases(), []);
  const closed = await api(url, '/api/v1/inbound/cases?status=closed&feed=immigration', { token: tok.clerk });
  assert.deepEqual(closed.json.cases.map((x) => x.record_id).sort(), ['FAR-1', 'NIA-1', 'NIA-11', 'NIA-3', 'NIA-7']);
});

test('a death report and a court decision are cases of their feeds', async () => {
  const [, , , , e, f] = locals;
  const death = await upload('death', file(line('H-1', e, 'death')));
  assert.equal(death.status, 201, death.text);
  assert.equal(death.json.cases[0].event_zh, '死亡通報');
  assert.deepEqual(death.json.cases[0].registration_types, ['death']);
  const court = await upload('court', file(line('J-1', f, 'guardianship'), line('J-2', e, 'death_declaration')));
  assert.equal(court.status, 201, court.text);
  assert.equal(court.json.file.new_cases, 2);
  const r = await api(url, '/api/v1/inbound/cases?feed=court', { token: tok.clerk });
  assert.deepEqual(r.json.cases.map((x) => x.event).sort(), ['death_declaration', 'guardianship']);
});

test('the abroad-2-years completion leaves out open cases within their limit', async () => {
  const year = todayTaipei().slice(0, 4);
  // Abroad cases of this office this year: FAR-1, NIA-1 and NIA-7, all closed; an open one
  // within its limit is not counted.
  const open = await upload('immigration', file(line('NIA-12', locals[6], 'abroad_2y')));
  assert.equal(open.status, 201, open.text);
  const r = await api(url, `/api/v1/inbound/kpi?year=${year}`, { token: tok.supervisor });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.abroad_2y, { notified: 3, in_progress: 0, excluded_within_limit: 1, completion: 1 });
  const empty = await api(url, '/api/v1/inbound/kpi?year=2001', { token: tok.supervisor });
  assert.equal(empty.json.abroad_2y.completion, null);
  assertBilingualError(await api(url, '/api/v1/inbound/kpi?year=abc', { token: tok.supervisor }), 400, 'inbound.year');
});
