// Counting that matches the seeds (#16 item 5), through real HTTP on either backend:
// registration correctness (received = every application entered, revocations apart; errors =
// sampled errors plus office errors revoked; citizen-caused errors left out; the target from
// the statutory figures), the name-change cap of 姓名條例 §9 ¶2, and sampling independent of
// entry and review.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, demoSql, motherPicker, assertBilingualError, todayTaipei, daysAgoTaipei, yearsAgoTaipei,
} from './harness.mjs';

let demo, server, url;
// Married women of 20–40 living with their husband, one per household (harness.mjs).
let nextMother;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 23 });
  nextMother = motherPicker(demo.db);
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'admin']) tok[who] = await login(url, who);
  tok.chief = await login(url, 'chief');  // the demo's second supervisor
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const today = todayTaipei;
const daysAgo = daysAgoTaipei;
const yearsAgo = yearsAgoTaipei;


const post = (path, body, token) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });

function birthBody(mother, name) {
  return {
    type: 'birth', event_date: daysAgo(3),
    fields: { name, sex: 'M', place: '臺北市', mother_id: mother.id, father_id: mother.spouse },
    applicant: { name: mother.name, id_number: mother.id, relation: '母', identity_check: 'id_card' },
  };
}

async function submit(body, token = tok.clerk) {
  const r = await post('/api/v1/registrations', body, token);
  assert.equal(r.status, 201, r.text);
  return r.json.application;
}

async function approve(app, token = tok.supervisor) {
  const r = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: app.version }, token);
  assert.equal(r.status, 200, r.text);
  return r.json.application;
}

const kpi = async (token = tok.supervisor) => {
  const r = await api(url, `/api/v1/kpi/registration-correctness?from=${today()}&to=${today()}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
};

function revocationBody(target, fields) {
  return {
    type: 'revocation', event_date: today(),
    fields: { application_id: String(target.id), reason: '登記錯誤', initiated_by: 'office', ...fields },
    applicant: { name: '承辦人', id_number: '', relation: 'office', identity_check: 'id_card' },
  };
}

describe('sampling independent of entry and review', () => {
  test('the approver may not sample the case (403) and their draw leaves it out', async () => {
    const reg = await approve(await submit(birthBody(nextMother(), '鄭抽核')));
    assertBilingualError(await post(`/api/v1/registrations/${reg.id}/sample`, { result: 'correct', version: reg.version }, tok.supervisor),
      403, 'registration.sample_independence');
    const mine = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=100`, { token: tok.supervisor });
    assert.equal(mine.status, 200, mine.text);
    assert.ok(!mine.json.applications.some((a) => a.id === reg.id), 'not in the approver\'s draw');
    const theirs = await api(url, `/api/v1/registrations/sampling?day=${today()}&percent=100`, { token: tok.chief });
    assert.ok(theirs.json.applications.some((a) => a.id === reg.id), 'in another supervisor\'s draw');
    const ok = await post(`/api/v1/registrations/${reg.id}/sample`, { result: 'correct', version: reg.version }, tok.chief);
    assert.equal(ok.status, 200, ok.text);
  });

  test('a supervisor who entered the case may not sample it either', async () => {
    const reg = await approve(await submit(birthBody(nextMother(), '鄭自收'), tok.chief));
    assertBilingualError(await post(`/api/v1/registrations/${reg.id}/sample`, { result: 'correct', version: reg.version }, tok.chief),
      403, 'registration.sample_independence');
  });
});

describe('registration correctness', () => {
  test('received counts pending and rejected; office errors revoked count, citizen-caused ones do not', async () => {
    const k0 = await kpi();
    const regs = [];
    for (const name of ['鄭計一', '鄭計二', '鄭計三']) regs.push(await approve(await submit(birthBody(nextMother(), name))));
    await submit(birthBody(nextMother(), '鄭待審'));
    const rejected = await submit(birthBody(nextMother(), '鄭退件'));
    const rej = await post(`/api/v1/registrations/${rejected.id}/review`,
      { decision: 'reject', note: '證件不符', version: rejected.version }, tok.supervisor);
    assert.equal(rej.status, 200, rej.text);

    // A revocation entered from now on records whose error it was.
    assertBilingualError(await post('/api/v1/registrations', revocationBody(regs[0], {}), tok.clerk),
      400, 'registration.revocation_cause');
    assertBilingualError(await post('/api/v1/registrations', revocationBody(regs[0], { cause: 'nobody' }), tok.clerk),
      400, 'registration.revocation_cause');
    await approve(await submit(revocationBody(regs[0], { cause: 'office_error' })));
    await approve(await submit(revocationBody(regs[1], { cause: 'citizen_error' })));
    const revoked = await api(url, `/api/v1/registrations/${regs[1].id}`, { token: tok.clerk });
    assert.equal(revoked.json.application.revoked_cause, 'citizen_error');

    const k = await kpi();
    assert.equal(k.received - k0.received, 5, 'three registered, one pending, one rejected; revocations apart');
    assert.equal(k.revoked_office_errors - k0.revoked_office_errors, 1);
    assert.equal(k.citizen_errors_excluded - k0.citizen_errors_excluded, 1);
    assert.equal(k.erroneous - k0.erroneous, 1);
    assert.equal(k.erroneous, k.sampled_errors + k.revoked_office_errors);
    assert.ok(Math.abs(k.rate - (k.received - k.erroneous) / k.received) < 1e-12);
    // The target is the configured one (北斗 97 % by default), never a client's literal.
    assert.equal(k.configured_target, 0.97);
    assert.equal(k.target, 0.97);
    assert.equal(k.prior_years, 0);
    assert.equal(k.prior_average, null);
    assert.equal(k.met, k.rate >= k.target);
  });
});

describe('the name-change cap (姓名條例 §9 ¶2)', () => {
  test('counts only changes on ground 6; other grounds stay open; the reason is a code', async () => {
    const [[id, name]] = demoSql(demo.db, `SELECT id_number, name FROM persons WHERE status = 'active'
      AND birth_date <= '${yearsAgo(30)}' AND id_number NOT IN (SELECT subject_id FROM events WHERE type = 'name_change')
      ORDER BY id_number DESC LIMIT 1`);
    const rename = (newName, reason) => ({
      type: 'name_change', event_date: today(), subject_id: id,
      fields: { new_name: newName, reason },
      applicant: { name, id_number: id, relation: '本人', identity_check: 'id_card' },
    });
    assertBilingualError(await post('/api/v1/registrations', rename('鄭新名', '不雅'), tok.clerk),
      400, 'registration.name_change_reason');
    await approve(await submit(rename('鄭甲', 'vulgar_or_special')));
    await approve(await submit(rename('鄭乙', 'same_name_ancestor')));
    await approve(await submit(rename('鄭丙', 'vulgar_or_special')));
    await approve(await submit(rename('鄭丁', 'vulgar_or_special')));
    assertBilingualError(await post('/api/v1/registrations', rename('鄭戊', 'vulgar_or_special'), tok.clerk),
      422, 'registration.name_change_limit');
    // Four changes, three on ground 6: a change on another ground is still open.
    await approve(await submit(rename('鄭戊', 'filiation')));
  });
});

describe('nationality cases linked to registrations', () => {
  test('the approved registration registers the case; the notice and the checklist are recorded', async () => {
    const opened = await post('/api/v1/nationality-cases',
      { kind: 'naturalization', person_name: '阮氏秋', approval_letter_date: daysAgo(10) }, tok.clerk);
    assert.equal(opened.status, 201, opened.text);
    const c = opened.json.case;
    assert.equal(c.registered_by_application, null);
    assert.equal(c.notice_sent, null);
    assert.ok(c.checklist.some((i) => i.item === 'marriage_genuine' && i.group === 'investigation' && i.by === null));
    assertBilingualError(await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'registered', on: today(), version: 1 }, tok.clerk),
      422, 'nationality.registered_by_registration');

    const host = nextMother();
    const first = {
      type: 'first_registration', event_date: today(),
      fields: { name: '阮氏秋', sex: 'F', birth_date: '1996-02-03', birth_place: '越南', household_no: host.household,
        relation: '同居人', nationality_case_id: String(c.id) },
      applicant: { name: '阮氏秋', id_number: '', relation: '本人', identity_check: 'residence_permit' },
    };
    assertBilingualError(await post('/api/v1/registrations', { ...first, fields: { ...first.fields, nationality_case_id: '999999' } }, tok.clerk),
      422, 'registration.nationality_case');
    assertBilingualError(await post('/api/v1/registrations', { ...first, type: 'restoration', subject_id: host.id,
      fields: { household_no: host.household, relation: '同居人', nationality_case_id: String(c.id) } }, tok.clerk),
    422, 'registration.nationality_case_type');
    const reg = await approve(await submit(first));
    const list = await api(url, '/api/v1/nationality-cases', { token: tok.clerk });
    const after = list.json.cases.find((x) => x.id === c.id);
    assert.equal(after.registered_on, today());
    assert.equal(after.registered_by_application, reg.id);

    const notice = await post(`/api/v1/nationality-cases/${c.id}/record`, { what: 'notice_sent', on: today(), version: after.version }, tok.clerk);
    assert.equal(notice.status, 200, notice.text);
    assert.deepEqual(notice.json.case.notice_sent, { on: today(), by: 'clerk' });
    const tick = await post(`/api/v1/nationality-cases/${c.id}/record`,
      { what: 'check', item: 'criminal_record', on: today(), version: notice.json.case.version }, tok.supervisor);
    assert.equal(tick.status, 200, tick.text);
    const item = tick.json.case.checklist.find((i) => i.item === 'criminal_record');
    assert.equal(item.by, 'supervisor');
    assert.ok(item.at_ms > 0);
    assertBilingualError(await post(`/api/v1/nationality-cases/${c.id}/record`,
      { what: 'check', item: 'criminal_record', on: today(), version: tick.json.case.version }, tok.clerk),
    409, 'nationality.already_checked');
  });

  test('revocation kinds need the revoked decision and are barred after five years (國籍法 §19)', async () => {
    const open = (extra) => post('/api/v1/nationality-cases',
      { kind: 'naturalization_revoked', person_name: '王五', approval_letter_date: daysAgo(5), ...extra }, tok.clerk);
    assertBilingualError(await open({}), 400, 'nationality.original_decision_date');
    assertBilingualError(await open({ original_decision_date: yearsAgo(6) }), 422, 'nationality.revocation_time_barred');
    const sham = await open({ original_decision_date: yearsAgo(6), sham_by_court_judgment: true });
    assert.equal(sham.status, 201, sham.text);
    assert.equal(sham.json.case.original_decision_date, yearsAgo(6));
  });
});
