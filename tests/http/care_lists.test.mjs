// 主動關懷通報 (seed 004 CC1.1) against a real huji on either backend (HUJI_TEST_BACKEND): the
// month's list holds the office's registered marriages with a party of 65 or over and divorces
// of couples with a child under 18, never other marriages nor revoked registrations; each
// case's notification is recorded, corrected and withdrawn (append-only, with reasons); the
// rate 實際通報 ÷ 符合通報條件 against the target of the statutory figures; roles, office
// scope, idempotency, bilingual refusals and the audit of every person listed.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, demoSql, runCli, assertBilingualError, todayTaipei, yearsAgoTaipei, personPicker,
} from './harness.mjs';

const today = todayTaipei;
const yearsAgo = yearsAgoTaipei;
const month = () => today().slice(0, 7);

let demo, server, url;
const tok = {};
const used = new Set();

before(async () => {
  demo = makeDemoDb({ persons: 2000, seed: 14 });
  const [other] = demoSql(demo.db, "SELECT code FROM offices WHERE code <> '63000080' ORDER BY code").map((r) => r[0]);
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk', '--office', other,
    '--password-stdin'], 'far-clerk-demo-pass\n');
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
  tok.far = await login(url, 'far.clerk', 'far-clerk-demo-pass');
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// A person of the demo office not used before (nor anyone of their household).
const pick = (where) => personPicker(demo.db, used)(where);
const single = (sex, from, to) => pick(`p.sex = '${sex}' AND p.spouse_id IS NULL
  AND p.birth_date BETWEEN '${yearsAgo(to)}' AND '${yearsAgo(from)}'`);
const nameOf = (id) => demoSql(demo.db, `SELECT name FROM persons WHERE id_number = '${id}'`)[0][0];

async function post(path, body, token, key = randomUUID()) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });
}

async function registered(body) {
  const r = await post('/api/v1/registrations', body, tok.clerk);
  assert.equal(r.status, 201, r.text);
  const a = r.json.application;
  const review = { decision: 'approve', version: a.version };
  if (a.days_late > 0) review.fine = a.proposed_fine.min;
  const ok = await post(`/api/v1/registrations/${a.id}/review`, review, tok.supervisor);
  assert.equal(ok.status, 200, ok.text);
  return ok.json.application;
}

const marriage = (a, b) => registered({
  type: 'marriage', event_date: today(), subject_id: a, fields: { spouse_id: b },
  applicant: { name: nameOf(a), id_number: a, relation: 'both_parties', identity_check: 'id_card' },
});
const divorce = (a, b, reason = 'agreed', eventDate = today()) => registered({
  type: 'divorce', event_date: eventDate, subject_id: a, fields: { spouse_id: b, reason },
  applicant: { name: nameOf(a), id_number: a, relation: 'both_parties', identity_check: 'id_card' },
});

async function list(token = tok.clerk, m = month()) {
  const r = await api(url, `/api/v1/care-lists?month=${m}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
const caseOf = (l, id) => l.cases.find((c) => c.registration_id === id);

const reg = {};

describe('which registrations qualify', () => {
  test('an empty month has no rate (not 100 %) and the target comes from the statutory figures', async () => {
    const l = await list(tok.clerk, '1999-01');
    assert.deepEqual({ ...l, target: undefined }, {
      month: '1999-01', office_code: '63000080', eligible: 0, notified: 0, rate: null, target: undefined, cases: [],
    });
    assert.equal(l.target, 1);
  });

  test('a marriage with a party of 65 or over is listed; two 40-year-olds are not (老人福利法 §2)', async () => {
    const elder = single('M', 66, 85);
    const bride = single('F', 50, 64);
    reg.elderly = await marriage(elder, bride);
    reg.young = await marriage(single('M', 38, 42), single('F', 38, 42));
    const l = await list();
    const c = caseOf(l, reg.elderly.id);
    assert.ok(c, JSON.stringify(l));
    assert.equal(c.reason, 'elderly_marriage');
    assert.equal(c.type, 'marriage');
    assert.equal(c.registered_on, today());
    assert.equal(c.notification, null);
    assert.deepEqual(c.persons.map((p) => p.id_number), [elder, bride]);
    assert.ok(c.persons[0].age >= 65 && c.persons[1].age < 65, JSON.stringify(c.persons));
    assert.equal(c.persons[0].name, nameOf(elder));
    assert.equal(caseOf(l, reg.young.id), undefined, 'two 40-year-olds do not qualify');
  });

  test('a divorce of a couple with a child under 18 is listed with the count of children', async () => {
    const [[father, mother]] = demoSql(demo.db, `SELECT f.id_number, f.spouse_id FROM persons f
      JOIN persons c ON c.father_id = f.id_number AND c.mother_id = f.spouse_id
      JOIN persons m ON m.id_number = f.spouse_id
      JOIN households h ON h.household_no = f.household_no
      WHERE h.office_code = '63000080' AND f.status = 'active' AND m.status = 'active' AND m.spouse_id = f.id_number
        AND c.birth_date > '${yearsAgo(16)}' ORDER BY f.id_number LIMIT 1`);
    used.add(father);
    used.add(mother);
    reg.divorce = await divorce(father, mother);
    const c = caseOf(await list(), reg.divorce.id);
    assert.ok(c);
    assert.equal(c.reason, 'divorce_with_minor_children');
    assert.equal(c.divorce_kind, 'agreed');
    assert.ok(c.minor_children >= 1);
  });

  test('a revoked registration drops out of the list', async () => {
    const revoked = await marriage(single('M', 66, 85), single('F', 30, 50));
    assert.ok(caseOf(await list(), revoked.id));
    await registered({
      type: 'revocation', event_date: today(),
      fields: { application_id: String(revoked.id), reason: '登記錯誤', initiated_by: 'office', cause: 'office_error' },
      applicant: { name: '承辦人', id_number: '', relation: 'office', identity_check: 'id_card' },
    });
    assert.equal(caseOf(await list(), revoked.id), undefined);
    assertBilingualError(await post(`/api/v1/care-lists/${revoked.id}/notifications`,
      { sent_on: today(), agency: '臺北市政府社會局', channel: 'official_letter', replaces: 0 }, tok.clerk),
    422, 'care_list.not_eligible');
  });
});

describe('notifications and the rate', () => {
  test('recording one notification of two cases gives 50 %; idempotent by key', async () => {
    const before = await list();
    assert.equal(before.eligible, 2);
    assert.equal(before.notified, 0);
    assert.equal(before.rate, 0);
    const body = { sent_on: today(), agency: '臺北市政府社會局', channel: 'official_letter', reference: '北市戶字第1150001號', replaces: 0 };
    const key = randomUUID();
    const r = await post(`/api/v1/care-lists/${reg.elderly.id}/notifications`, body, tok.clerk, key);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.case.notification.agency, '臺北市政府社會局');
    assert.equal(r.json.case.notification.recorded_by, 'clerk');
    const again = await post(`/api/v1/care-lists/${reg.elderly.id}/notifications`, body, tok.clerk, key);
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.case.history.length, 1, 'the same key records once');
    assertBilingualError(await post(`/api/v1/care-lists/${reg.elderly.id}/notifications`,
      { ...body, reference: 'other' }, tok.clerk, key), 422, 'idempotency.key_reused');
    const l = await list(tok.supervisor);
    assert.equal(l.notified, 1);
    assert.equal(l.rate, 0.5);
  });

  test('a correction needs its reason and the newest entry; a withdrawal appends, never overwrites', async () => {
    const first = caseOf(await list(), reg.elderly.id).notification;
    const url0 = `/api/v1/care-lists/${reg.elderly.id}/notifications`;
    const fix = { sent_on: today(), agency: '臺北市政府社會局', channel: 'system', reference: 'A-2', replaces: first.id };
    assertBilingualError(await post(url0, fix, tok.clerk), 400, 'care_list.reason');
    assertBilingualError(await post(url0, { ...fix, replaces: 0, reason: '文號誤植' }, tok.clerk), 409, 'care_list.stale');
    const fixed = await post(url0, { ...fix, reason: '文號誤植' }, tok.supervisor);
    assert.equal(fixed.status, 201, fixed.text);
    assert.equal(fixed.json.case.notification.reference, 'A-2');
    assert.equal(fixed.json.case.notification.replaces, first.id);
    const withdrawn = await post(url0, { action: 'withdrawn', reason: '誤登於他案', replaces: fixed.json.case.notification.id }, tok.clerk);
    assert.equal(withdrawn.status, 201, withdrawn.text);
    assert.equal(withdrawn.json.case.notification, null);
    assert.deepEqual(withdrawn.json.case.history.map((n) => n.action), ['notified', 'notified', 'withdrawn']);
    assert.equal((await list()).notified, 0);
    assertBilingualError(await post(url0, { action: 'withdrawn', reason: 'again', replaces: withdrawn.json.case.history[2].id },
      tok.clerk), 422, 'care_list.nothing_to_withdraw');
    // Notified again after the withdrawal; then both cases are: 100 % against a target of 100 %.
    const again = await post(url0, { sent_on: today(), agency: '臺北市政府社會局', channel: 'official_letter',
      replaces: withdrawn.json.case.history[2].id }, tok.clerk);
    assert.equal(again.status, 201, again.text);
    const d = await post(`/api/v1/care-lists/${reg.divorce.id}/notifications`,
      { sent_on: today(), agency: '臺北市政府社會局', channel: 'email', replaces: 0 }, tok.clerk);
    assert.equal(d.status, 201, d.text);
    const l = await list();
    assert.deepEqual([l.eligible, l.notified, l.rate, l.target], [2, 2, 1, 1]);
  });

  test('bad input is refused with a code and both languages', async () => {
    assertBilingualError(await api(url, '/api/v1/care-lists?month=2026-13', { token: tok.clerk }), 400, 'care_list.month');
    assertBilingualError(await api(url, '/api/v1/care-lists', { token: tok.clerk }), 400, 'care_list.month');
    const p = `/api/v1/care-lists/${reg.divorce.id}/notifications`;
    const ok = { sent_on: today(), agency: '社會局', channel: 'fax', replaces: 0 };
    assertBilingualError(await post(p, { ...ok, sent_on: '2999-01-01' }, tok.clerk), 400, 'care_list.sent_on');
    assertBilingualError(await post(p, { ...ok, sent_on: '2000-01-01' }, tok.clerk), 400, 'care_list.sent_on');
    assertBilingualError(await post(p, { ...ok, agency: '' }, tok.clerk), 400, 'care_list.agency');
    assertBilingualError(await post(p, { ...ok, channel: '' }, tok.clerk), 400, 'care_list.channel');
    assertBilingualError(await post(p, { ...ok, action: 'deleted' }, tok.clerk), 400, 'care_list.action');
    assertBilingualError(await post(p, { ...ok, extra: 1 }, tok.clerk), 400, 'http.unknown_field');
    assertBilingualError(await post(`/api/v1/care-lists/${reg.young.id}/notifications`, ok, tok.clerk), 422, 'care_list.not_eligible');
    assertBilingualError(await post('/api/v1/care-lists/99999999/notifications', ok, tok.clerk), 404, 'registration.not_found');
    assertBilingualError(await api(url, p, { method: 'POST', token: tok.clerk, body: ok }), 400, 'idempotency.key_required');
  });
});

describe('the file for the social-welfare office', () => {
  test('CSV: one row per party with the notification, a byte-order mark, formulas defused; audited', async () => {
    const id = reg.divorce.id;
    const c = caseOf(await list(), id);
    const fix = await post(`/api/v1/care-lists/${id}/notifications`, { sent_on: today(), agency: '=HYPERLINK("x")',
      channel: 'email', reference: '北市文戶字第1150009號', reason: '機關名稱更正', replaces: c.history.at(-1).id }, tok.clerk);
    assert.equal(fix.status, 201, fix.text);
    const r = await fetch(`${url}/api/v1/care-lists.csv?month=${month()}`, { headers: { Authorization: `Bearer ${tok.supervisor}` } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    assert.match(lines[0], /^案號,登記類別,事件日期,登記日期,通報原因,當事人統一編號/);
    const rows = lines.slice(1).filter((l) => l.startsWith(`${id},`));
    assert.equal(rows.length, 2, 'one row per party');
    assert.ok(rows.every((l) => l.includes(',兩願離婚,') && l.includes(`"'=HYPERLINK(""x"")"`)), rows.join('\n'));
    assert.equal(lines.length - 1, 4, 'two cases of two parties');
    assertBilingualError(await api(url, '/api/v1/care-lists.csv?month=11-2026', { token: tok.clerk }), 400, 'care_list.month');
    assertBilingualError(await api(url, `/api/v1/care-lists.csv?month=${month()}`, { token: tok.auditor }), 403, 'auth.forbidden');
    const audit = await api(url, `/api/v1/audit?subject=${c.persons[0].id_number}`, { token: tok.auditor });
    assert.ok(audit.json.entries.some((e) => e.action === 'care_list.export' && e.purpose.includes(`主動關懷通報匯出 ${month()} #${id}`)), audit.text);
  });
});

describe('roles, office scope and audit', () => {
  test('an auditor may not read the list; another office sees its own (empty) list and may not record ours', async () => {
    assertBilingualError(await api(url, `/api/v1/care-lists?month=${month()}`, { token: tok.auditor }), 403, 'auth.forbidden');
    const far = await list(tok.far);
    assert.notEqual(far.office_code, '63000080');
    assert.equal(caseOf(far, reg.elderly.id), undefined);
    assertBilingualError(await post(`/api/v1/care-lists/${reg.divorce.id}/notifications`,
      { sent_on: today(), agency: '社會局', channel: 'fax', replaces: 0 }, tok.far), 403, 'auth.office_scope');
  });

  test('every person listed is audited with the purpose', async () => {
    const l = await list();
    const c = caseOf(l, reg.elderly.id);
    const auditor = await api(url, `/api/v1/audit?subject=${c.persons[1].id_number}`, { token: tok.auditor });
    assert.equal(auditor.status, 200, auditor.text);
    const entries = auditor.json.entries.filter((e) => e.action === 'care_list.list');
    assert.ok(entries.length > 0, auditor.text);
    assert.match(entries[0].purpose, new RegExp(`^work_queue 主動關懷通報 ${month()} #${reg.elderly.id}$`));
  });
});
