// KPIs and audit of cross-agency notification (issue 19 item 6) against a real huji on either
// backend (HUJI_TEST_BACKEND): agencies created by the admin, registrations submitted with
// "notify" / "notify_declined" / "notify_elsewhere" and approved, then the notification rate
// under both formulas (北斗 and 大同 weighted) with Wenshan's counting rule (two land offices
// count as one agency), a revoked registration dropping out; the weekly review sample of last
// week's notification cases with the supervisor's findings; the monthly anomaly log (JSON and
// CSV) with its sign-off; roles and bilingual refusals.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  makeDemoDb, startHuji, api, login, demoSql, backend, assertBilingualError, todayTaipei, yearsAgoTaipei, taipeiDate, personPicker,
} from './harness.mjs';

const today = todayTaipei;
const yearsAgo = yearsAgoTaipei;

let demo, server, url;
const tok = {};
const used = new Set();

before(async () => {
  demo = makeDemoDb({ persons: 2000, seed: 25 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// The server has no injectable clock: a case is moved into last week by its registration day,
// written straight into the database (the only write this test makes behind the API).
function backdate(applicationId, day) {
  const sql = `UPDATE applications SET registered_on = '${day}' WHERE id = ${Number(applicationId)}`;
  if (backend === 'postgres') execFileSync('psql', [demo.db, '-X', '-qc', sql]);
  else execFileSync('sqlite3', ['-cmd', '.timeout 5000', demo.db, sql]);
}

const pick = (where) => personPicker(demo.db, used)(where);
const single = (sex) => pick(`p.sex = '${sex}' AND p.spouse_id IS NULL
  AND p.birth_date BETWEEN '${yearsAgo(50)}' AND '${yearsAgo(25)}'`);
const nameOf = (id) => demoSql(demo.db, `SELECT name FROM persons WHERE id_number = '${id}'`)[0][0];

const post = (path, body, token) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });

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

const applicant = (a) => ({ name: nameOf(a), id_number: a, relation: 'both_parties', identity_check: 'id_card' });
const marriage = (extra) => {
  const a = single('M');
  const b = single('F');
  return registered({ type: 'marriage', event_date: today(), subject_id: a, fields: { spouse_id: b }, applicant: applicant(a), ...extra });
};
const divorce = async () => {
  const m = await marriage({});
  return registered({
    type: 'divorce', event_date: today(), subject_id: m.subject_id,
    fields: { spouse_id: m.fields.spouse_id, reason: 'agreed' }, applicant: applicant(m.subject_id),
  });
};

const rate = async (from = today(), to = today(), token = tok.supervisor) => {
  const r = await api(url, `/api/v1/kpi/notification-rate?from=${from}&to=${to}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.json;
};

const mondayOf = (iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return taipeiDate(d.getTime() - 8 * 3600e3 - ((d.getUTCDay() + 6) % 7) * 86400e3);
};
const lastMonday = () => taipeiDate(new Date(`${mondayOf(today())}T00:00:00Z`).getTime() - 8 * 3600e3 - 7 * 86400e3);
const previousMonth = () => {
  const [y, m] = today().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

const reg = {};

describe('the notification rate', () => {
  test('agencies: tax, vehicles and two land offices of one group', async () => {
    const secret = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`;
    for (const [code, group] of [['tax', ''], ['vehicles', ''], ['land_a', 'land'], ['land_b', 'land']]) {
      const r = await post('/api/v1/agencies', {
        code, name_zh: `機關${code}`, name_en: `Agency ${code}`, group, url: 'http://127.0.0.1:9/hook', secret,
        types: ['marriage'], fields: ['id_number', 'name'],
      }, tok.admin);
      assert.equal(r.status, 201, r.text);
    }
  });

  test('nothing registered: no 北斗 rate, no 大同 rate, the targets of the statutory figures', async () => {
    const k = await rate();
    assert.equal(k.beidou.notifiable, 0);
    assert.equal(k.beidou.rate, null);
    assert.equal(k.datong.registrations, 0);
    assert.equal(k.datong.rate, null);
    assert.equal(k.beidou.target, 0.96);
    assert.equal(k.datong.target, 0.8);
    assert.deepEqual(k.months, []);
  });

  test('both formulas over a notified, a declined and a divorce, worked by hand', async () => {
    // #1 marriage: tax, land_a, land_b through the system (land_a + land_b = one agency:
    //    2 units), vehicles outside it (1 unit "other").
    reg.notified = await marriage({
      notify: ['tax', 'land_a', 'land_b'], notify_elsewhere: [{ agency: 'vehicles', channel: 'other' }],
    });
    // #2 marriage: the citizen declined. #3 a marriage without consent and its divorce.
    reg.declined = await marriage({ notify_declined: true });
    reg.divorce = await divorce();
    const k = await rate();
    // 北斗: notified 2 system units ÷ notifiable 3 (three marriages; a divorce is not
    // notifiable) = 66.67 %, below 96 %.
    assert.equal(k.beidou.notifiable, 3);
    assert.equal(k.beidou.notified, 2);
    assert.ok(Math.abs(k.beidou.rate - 2 / 3) < 1e-9);
    assert.equal(k.beidou.met, false);
    // 大同: (2 × 0.65 + 1 × 0.30 + 0 × 0.05 + 1 declined) ÷ 4 registrations = 2.6 ÷ 4 = 65 %.
    assert.equal(k.datong.system, 2);
    assert.equal(k.datong.other, 1);
    assert.equal(k.datong.office, 0);
    assert.equal(k.datong.declined, 1);
    assert.ok(Math.abs(k.datong.numerator - 2.6) < 1e-9);
    assert.equal(k.datong.registrations, 4);
    assert.ok(Math.abs(k.datong.rate - 0.65) < 1e-9);
    assert.equal(k.datong.met, false);
    assert.equal(k.months.length, 1);
    assert.equal(k.months[0].month, today().slice(0, 7));
    assert.equal(k.months[0].datong.registrations, 4);
  });

  test('a revoked registration drops out of both rates', async () => {
    reg.revocation = await registered({
      type: 'revocation', event_date: today(),
      fields: { application_id: String(reg.notified.id), reason: '登記錯誤', initiated_by: 'office', cause: 'office_error' },
      applicant: { name: '承辦人', id_number: '', relation: 'office', identity_check: 'id_card' },
    });
    const k = await rate();
    // 北斗 0 ÷ 2; 大同 (declined 1) ÷ 3 registrations.
    assert.equal(k.beidou.notifiable, 2);
    assert.equal(k.beidou.notified, 0);
    assert.equal(k.beidou.rate, 0);
    assert.equal(k.datong.registrations, 3);
    assert.ok(Math.abs(k.datong.rate - 1 / 3) < 1e-9);
  });

  test('roles and ranges', async () => {
    assertBilingualError(await api(url, `/api/v1/kpi/notification-rate?from=${today()}&to=${today()}`, { token: tok.clerk }),
      403, 'auth.forbidden');
    assert.equal((await rate(today(), today(), tok.auditor)).beidou.notifiable, 2);
    assert.equal((await rate(today(), today(), tok.admin)).beidou.notifiable, 2);
    assertBilingualError(await api(url, '/api/v1/kpi/notification-rate?from=2026-02-01&to=2026-01-01', { token: tok.supervisor }),
      400, 'kpi.range');
    assertBilingualError(await api(url, '/api/v1/kpi/notification-rate?from=2024-01-01&to=2026-01-01', { token: tok.supervisor }),
      400, 'kpi.range');
  });
});

describe('the weekly review sample', () => {
  test('at least 5 % of last week\'s cases, at least one, drawn once per week', async () => {
    // The declined marriage becomes last week's only notification case.
    backdate(reg.declined.id, lastMonday());
    assertBilingualError(await post('/api/v1/notification-reviews', {}, tok.clerk), 403, 'auth.forbidden');
    assertBilingualError(await post('/api/v1/notification-reviews', { week: today() }, tok.supervisor),
      422, 'notification_review.week_open');
    const r = await post('/api/v1/notification-reviews', {}, tok.supervisor);
    assert.equal(r.status, 201, r.text);
    const s = r.json.sample;
    assert.equal(s.week_start, lastMonday());
    assert.equal(s.population, 1);
    assert.equal(s.size, 1);
    assert.match(s.seed, /^\d+$/);
    assert.deepEqual(s.items.map((i) => i.application_id), [reg.declined.id]);
    assert.equal(s.items[0].finding, null);
    assert.equal(s.completed_at_ms, null);
    reg.sample = s.id;
    assertBilingualError(await post('/api/v1/notification-reviews', {}, tok.supervisor), 409, 'notification_review.exists');
  });

  test('findings: an erroneous one needs a note; the sample completes', async () => {
    const path = `/api/v1/notification-reviews/${reg.sample}/findings`;
    assertBilingualError(await post(path, { application_id: reg.declined.id, finding: 'erroneous', note: ' ' }, tok.supervisor),
      400, 'notification_review.note');
    assertBilingualError(await post(path, { application_id: reg.declined.id, finding: 'maybe' }, tok.supervisor),
      400, 'notification_review.finding');
    assertBilingualError(await post(path, { application_id: 999999, finding: 'correct' }, tok.supervisor),
      404, 'notification_review.item_not_found');
    const r = await post(path, { application_id: reg.declined.id, finding: 'erroneous', note: '未勾選不同意通報欄' }, tok.supervisor);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.sample.items[0].finding, 'erroneous');
    assert.equal(r.json.sample.items[0].recorded_by, 'supervisor');
    assert.ok(r.json.sample.completed_at_ms > 0);
    const list = await api(url, '/api/v1/notification-reviews', { token: tok.auditor });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.samples.map((x) => x.id), [reg.sample]);
    const one = await api(url, `/api/v1/notification-reviews/${reg.sample}`, { token: tok.supervisor });
    assert.equal(one.json.sample.items[0].note, '未勾選不同意通報欄');
    assertBilingualError(await api(url, '/api/v1/notification-reviews/999999', { token: tok.supervisor }),
      404, 'notification_review.not_found');
  });
});

describe('the monthly anomaly log', () => {
  test('the erroneous finding and the revocation notices of the month, in JSON and CSV', async () => {
    const month = today().slice(0, 7);
    const r = await api(url, `/api/v1/notification-anomalies?month=${month}`, { token: tok.supervisor });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.month, month);
    const kinds = r.json.entries.map((e) => e.kind).sort();
    // The revoked marriage had notified tax, land_a and land_b through the system.
    assert.deepEqual(kinds, ['review_error', 'revocation', 'revocation', 'revocation']);
    const err = r.json.entries.find((e) => e.kind === 'review_error');
    assert.equal(err.application_id, reg.declined.id);
    assert.equal(err.detail, '未勾選不同意通報欄');
    assert.equal(err.sample_id, reg.sample);
    const rev = r.json.entries.filter((e) => e.kind === 'revocation');
    assert.deepEqual(rev.map((e) => e.agency).sort(), ['land_a', 'land_b', 'tax']);
    // Filed under the revocation that wrote them (their payloads name the revoked registration).
    assert.ok(rev.every((e) => e.application_id === reg.revocation.id && e.handling === 'pending'));
    assert.equal(r.json.signoff, null);
    const csv = await api(url, `/api/v1/notification-anomalies.csv?month=${month}`, { token: tok.auditor });
    assert.equal(csv.status, 200);
    assert.match(csv.text, /審核發現錯漏/);
    assert.match(csv.text, /撤銷登記之通報/);
    assertBilingualError(await api(url, '/api/v1/notification-anomalies?month=2026-13', { token: tok.supervisor }),
      400, 'notification_anomaly.month');
    assertBilingualError(await api(url, `/api/v1/notification-anomalies?month=${month}`, { token: tok.clerk }),
      403, 'auth.forbidden');
  });

  test('the supervisor signs off a month that has ended, once', async () => {
    assertBilingualError(await post('/api/v1/notification-anomalies/sign', { month: today().slice(0, 7) }, tok.supervisor),
      422, 'notification_anomaly.month_open');
    assertBilingualError(await post('/api/v1/notification-anomalies/sign', { month: previousMonth() }, tok.auditor),
      403, 'auth.forbidden');
    const r = await post('/api/v1/notification-anomalies/sign', { month: previousMonth(), note: '本月無異常' }, tok.supervisor);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.signoff.signed_by, 'supervisor');
    assert.equal(r.json.signoff.note, '本月無異常');
    assert.equal(r.json.signoff.entries, r.json.entries.length);
    assertBilingualError(await post('/api/v1/notification-anomalies/sign', { month: previousMonth() }, tok.supervisor),
      409, 'notification_anomaly.signed');
    const log = await api(url, `/api/v1/notification-anomalies?month=${previousMonth()}`, { token: tok.auditor });
    assert.equal(log.json.signoff.note, '本月無異常');
  });
});
