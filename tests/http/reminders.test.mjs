// Written reminders (催告, 戶籍法 §48 ¶3), the office's own registration after them (§48-2),
// and the penalty ledger (§79 after a reminder, §76 false applications) through real HTTP,
// with the letters as PDF. Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, rawRequest, motherPicker, taipeiDate, daysAgoTaipei, yearsAgoTaipei,
} from './harness.mjs';

let demo, server, url;
// Married women of 20–40 living with their husband, one per household (harness.mjs).
let nextMother;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 600, seed: 17 });
  nextMother = motherPicker(demo.db);
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});


const taipei = taipeiDate;
const daysAgo = daysAgoTaipei;
const yearsAgo = yearsAgoTaipei;

const post = (path, body, token, key = randomUUID()) =>
  api(url, path, { method: 'POST', token, body, headers: key ? { 'Idempotency-Key': key } : {} });

function reminderBody(mother, { bornDaysAgo = 120, servedDaysAgo = 0 } = {}) {
  return {
    type: 'birth', subject_id: mother.id, event_date: daysAgo(bornDaysAgo), served_on: daysAgo(servedDaysAgo),
    source: '醫院出生通報',
    addressees: [{ id_number: mother.id, relation: '母' }, { id_number: mother.spouse, relation: '父' }],
  };
}

async function issue(body, key = randomUUID()) {
  const r = await post('/api/v1/reminders', body, tok.clerk, key);
  assert.equal(r.status, 201, r.text);
  return r.json.reminder;
}

async function submitBirth(mother, bornDaysAgo = 120) {
  const r = await post('/api/v1/registrations', {
    type: 'birth', event_date: daysAgo(bornDaysAgo),
    fields: { name: '林小安', sex: 'F', place: '臺北市', mother_id: mother.id, father_id: mother.spouse },
    applicant: { name: mother.name, id_number: mother.id, relation: '母', identity_check: 'id_card' },
  }, tok.clerk);
  assert.equal(r.status, 201, r.text);
  return r.json.application;
}

const approve = (app) => post(`/api/v1/registrations/${app.id}/review`,
  { decision: 'approve', version: app.version, ...(app.days_late > 0 ? { fine: app.proposed_fine.min } : {}) },
  tok.supervisor);

const reminder = async (id) => (await api(url, `/api/v1/reminders/${id}`, { token: tok.clerk })).json.reminder;

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/);
  assert.ok(r.json.error.message_en.length > 0);
}

// The PDF's text as pdftotext reads it, or null without poppler-utils.
function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'huji-pdf-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pdf(path) {
  const r = await rawRequest(url, path, { headers: { Authorization: `Bearer ${tok.clerk}` } });
  assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  return r.bytes;
}

describe('a reminder of a late birth', () => {
  test('is issued with a new period, listed, retried by key, and refused twice', async () => {
    const mother = nextMother();
    const key = randomUUID();
    const r = await issue(reminderBody(mother), key);
    assert.equal(r.state, 'open');
    assert.equal(r.type, 'birth');
    assert.equal(r.addressees.length, 2);
    assert.equal(r.addressees[0].name, mother.name);
    assert.ok(r.addressees[0].address.length > 0, 'the letter has an address');
    // 7 days from today, later only when the 7th is a day off (行政程序法 §48).
    assert.ok(r.due >= daysAgo(-7) && r.due <= daysAgo(-12), r.due);
    assert.equal((await issue(reminderBody(mother), key)).id, r.id);
    assertError(await post('/api/v1/reminders', reminderBody(mother), tok.clerk), 409, 'reminder.already_open');
    const open = await api(url, '/api/v1/reminders?status=open', { token: tok.clerk });
    assert.ok(open.json.reminders.some((x) => x.id === r.id));
    const lapsed = await api(url, '/api/v1/reminders?status=lapsed', { token: tok.clerk });
    assert.ok(!lapsed.json.reminders.some((x) => x.id === r.id));
  });

  test('is refused while the statutory period runs, and for unknown persons or states', async () => {
    const mother = nextMother();
    assertError(await post('/api/v1/reminders', reminderBody(mother, { bornDaysAgo: 10 }), tok.clerk), 422, 'reminder.not_late');
    const stranger = { ...reminderBody(mother), addressees: [{ id_number: 'A100000001', relation: '母' }] };
    assertError(await post('/api/v1/reminders', stranger, tok.clerk), 422, 'reminder.addressee_unknown');
    assertError(await post('/api/v1/reminders', { ...reminderBody(mother), addressees: [] }, tok.clerk), 400, 'reminder.addressees');
    assertError(await post('/api/v1/reminders', reminderBody(mother), tok.auditor), 403, 'auth.forbidden');
    assertError(await post('/api/v1/reminders', reminderBody(mother), tok.clerk, null), 400, 'idempotency.key_required');
    assertError(await api(url, '/api/v1/reminders?status=closed', { token: tok.clerk }), 400, 'reminder.status');
    assertError(await api(url, '/api/v1/reminders/999999', { token: tok.clerk }), 404, 'reminder.not_found');
  });

  test('is complied with by an application filed in the new period, once it is registered', async () => {
    const mother = nextMother();
    const r = await issue(reminderBody(mother));
    const app = await submitBirth(mother);
    assert.equal((await reminder(r.id)).state, 'open', 'filing alone closes nothing');
    assert.equal((await approve(app)).status, 200);
    const after = await reminder(r.id);
    assert.equal(after.state, 'complied');
    assert.equal(after.application_id, app.id);
    const p = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(p.json.penalties, []);
  });

  test('takes the fields its deadline rests on: a court divorce, a 死亡宣告 from its judgment', async () => {
    const mother = nextMother();
    const divorce = {
      type: 'divorce', subject_id: mother.id, event_date: daysAgo(90),
      addressees: [{ id_number: mother.id, relation: '本人' }, { id_number: mother.spouse, relation: '配偶' }],
    };
    // 兩願離婚 takes effect by registration (民法 §1050): no period, no reminder.
    assertError(await post('/api/v1/reminders', divorce, tok.clerk), 422, 'reminder.not_late');
    // 判決離婚: 30 days from the judgment becoming final (戶籍法 §48).
    const court = await issue({ ...divorce, fields: { reason: 'court' } });
    assert.equal(court.state, 'open');
    const death = {
      type: 'death_declaration', subject_id: mother.spouse, event_date: yearsAgo(8),
      addressees: [{ id_number: mother.id, relation: '配偶' }],
    };
    assertError(await post('/api/v1/reminders', death, tok.clerk), 400, 'reminder.judgment_date');
    assertError(await post('/api/v1/reminders', { ...death, fields: { judgment_date: daysAgo(10) } }, tok.clerk), 422, 'reminder.not_late');
    assert.equal((await issue({ ...death, fields: { judgment_date: daysAgo(60) } })).state, 'open');
    assertError(await post('/api/v1/reminders', { ...death, fields: { court: '臺北地院' } }, tok.clerk), 400, 'reminder.fields');
  });

  test('stores ID numbers as the register writes them, and audits refusals about unknown persons', async () => {
    const mother = nextMother();
    const typed = (id) => ` ${id.toLowerCase()} `;
    const r = await issue({ ...reminderBody(mother), subject_id: typed(mother.id),
      addressees: [{ id_number: typed(mother.id), relation: '母' }] });
    assert.equal(r.subject_id, mother.id);
    assert.equal(r.addressees[0].id_number, mother.id);
    assertError(await post('/api/v1/reminders', reminderBody(mother), tok.clerk), 409, 'reminder.already_open');
    const nobody = 'A100000001';
    assertError(await post('/api/v1/reminders', { ...reminderBody(nextMother()), subject_id: nobody }, tok.clerk), 422, 'reminder.subject_unknown');
    const audit = await api(url, '/api/v1/audit?user=clerk&limit=1000', { token: tok.auditor });
    assert.ok(audit.json.entries.some((e) => e.action === 'reminder.issue' && e.subject_id === nobody && e.outcome === 'not_found'),
      'the refused attempt is audited under the ID number asked for');
  });

  test('prints the 催告書 as a PDF, one page per addressee, with the new period in it', async () => {
    const mother = nextMother();
    const r = await issue(reminderBody(mother));
    const bytes = await pdf(`/api/v1/reminders/${r.id}/letter.pdf`);
    const text = pdfText(bytes);
    if (text === null) return;  // no pdftotext on this machine
    const roc = (iso) => `民國${Number(iso.slice(0, 4)) - 1911}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;
    for (const s of ['催告書', mother.name, '戶籍法第48條第3項', roc(r.due), '第 1 頁，共 2 頁', '第 2 頁，共 2 頁']) {
      assert.ok(text.includes(s), `${s} in the letter`);
    }
  });
});

describe('a reminder let lapse', () => {
  test('filed late proposes the §79 fine after a reminder; a supervisor decides it; the office registers on its own', async () => {
    const mother = nextMother();
    const r = await issue(reminderBody(mother, { servedDaysAgo: 30 }));
    assert.equal(r.state, 'lapsed');
    const lapsed = await api(url, '/api/v1/reminders?status=lapsed', { token: tok.clerk });
    assert.ok(lapsed.json.reminders.some((x) => x.id === r.id));
    assertError(await post(`/api/v1/reminders/${r.id}/ex-officio`, { application_id: 1, version: r.version }, tok.clerk), 403, 'auth.forbidden');

    const app = await submitBirth(mother);
    assert.equal((await reminder(r.id)).state, 'lapsed', 'filing alone closes nothing');
    const none = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(none.json.penalties, [], 'the fine is proposed when it is registered');
    const approved = await approve(app);
    assert.equal(approved.status, 200, approved.text);
    const filed = await reminder(r.id);
    assert.equal(filed.state, 'filed_after_lapse');
    const list = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.penalties.length, 1);
    const p = list.json.penalties[0];
    assert.equal(p.kind, 'after_reminder');
    assert.equal(p.amount_proposed, 900);
    assert.equal(p.status, 'proposed');
    assert.equal(p.reminder_id, r.id);
    assertError(await api(url, `/api/v1/penalties/${p.id}/letter.pdf`, { token: tok.clerk }), 409, 'penalty.not_decided');
    assertError(await post(`/api/v1/penalties/${p.id}/decision`, { amount: 700, version: p.version }, tok.supervisor, null), 422, 'penalty.amount_out_of_range');
    const decided = await post(`/api/v1/penalties/${p.id}/decision`, { amount: 900, version: p.version }, tok.supervisor, null);
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.json.penalty.amount_decided, 900);
    assert.equal(decided.json.penalty.decided_by, 'supervisor');
    assertError(await post(`/api/v1/penalties/${p.id}/decision`, { amount: 900, version: 2 }, tok.supervisor, null), 409, 'penalty.already_decided');
    const text = pdfText(await pdf(`/api/v1/penalties/${p.id}/letter.pdf`));
    if (text !== null) assert.ok(text.includes('罰鍰處分書') && text.includes('新臺幣900元'), text.slice(0, 500));

    // The office's own registration: the registration recorded on the reminder.
    const key = randomUUID();
    const done = await post(`/api/v1/reminders/${r.id}/ex-officio`, { application_id: app.id, version: filed.version }, tok.supervisor, key);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.reminder.state, 'registered_ex_officio');
    const again = await post(`/api/v1/reminders/${r.id}/ex-officio`, { application_id: app.id, version: filed.version }, tok.supervisor, key);
    assert.equal(again.json.reminder.version, done.json.reminder.version, 'retried by key');
    const after = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.equal(after.json.penalties.length, 1, 'the fine after a reminder is proposed once');
  });

  test('a rejected application leaves it open; the one filed again and registered closes it, fined once', async () => {
    const mother = nextMother();
    const r = await issue(reminderBody(mother, { servedDaysAgo: 30 }));
    const first = await submitBirth(mother);
    const rejected = await post(`/api/v1/registrations/${first.id}/review`,
      { decision: 'reject', version: first.version, note: '出生證明書影本不清' }, tok.supervisor);
    assert.equal(rejected.status, 200, rejected.text);
    const still = await reminder(r.id);
    assert.equal(still.state, 'lapsed');
    assert.equal(still.application_id, null);
    const none = await api(url, `/api/v1/registrations/${first.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(none.json.penalties, []);
    const again = await submitBirth(mother);
    assert.equal((await approve(again)).status, 200);
    const closed = await reminder(r.id);
    assert.equal(closed.state, 'filed_after_lapse');
    assert.equal(closed.application_id, again.id);
    const fines = await api(url, `/api/v1/registrations/${again.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(fines.json.penalties.map((p) => [p.kind, p.amount_proposed]), [['after_reminder', 900]]);
  });

  test('an open reminder is not registered ex officio', async () => {
    const r = await issue(reminderBody(nextMother()));
    assertError(await post(`/api/v1/reminders/${r.id}/ex-officio`, { application_id: 1, version: r.version }, tok.supervisor), 409, 'reminder.not_lapsed');
  });
});

describe('a false application (§76)', () => {
  test('is fined by grade by a supervisor other than its clerk, once, audited', async () => {
    const mother = nextMother();
    const app = await submitBirth(mother, 5);
    const body = { grade: 'reported_by_others', reason: '經民眾檢舉，出生事實不實' };
    assertError(await post(`/api/v1/registrations/${app.id}/false-application-fine`, body, tok.clerk), 403, 'auth.forbidden');
    assertError(await post(`/api/v1/registrations/${app.id}/false-application-fine`, { ...body, grade: 'rumour' }, tok.supervisor), 400, 'penalty.grade');
    assertError(await post(`/api/v1/registrations/${app.id}/false-application-fine`, { ...body, reason: '' }, tok.supervisor), 400, 'penalty.reason_required');
    const r = await post(`/api/v1/registrations/${app.id}/false-application-fine`, body, tok.supervisor);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.penalty.amount_decided, 9000);
    assert.equal(r.json.penalty.status, 'decided');
    assertError(await post(`/api/v1/registrations/${app.id}/false-application-fine`, { ...body, grade: 'found_by_staff' }, tok.supervisor), 409, 'penalty.already_decided');
    const list = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(list.json.penalties.map((p) => [p.kind, p.grade, p.amount_decided]), [['false_application', 'reported_by_others', 9000]]);
    const text = pdfText(await pdf(`/api/v1/penalties/${r.json.penalty.id}/letter.pdf`));
    if (text !== null) assert.ok(text.includes('戶籍法第76條') && text.includes(mother.name), text.slice(0, 500));
    const audit = await api(url, '/api/v1/audit?user=supervisor&limit=1000', { token: tok.auditor });
    assert.ok(audit.json.entries.some((e) => e.action === 'penalty.false_application' && e.subject_id === mother.id));
    const clerk = await api(url, '/api/v1/audit?user=clerk&limit=1000', { token: tok.auditor });
    assert.ok(clerk.json.entries.some((e) => e.action === 'reminder.issue'));
  });
});
