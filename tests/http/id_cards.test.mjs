// 國民身分證 and 戶口名簿 (issue 18 items 3–4) against a real huji on either backend
// (HUJI_TEST_BACKEND): first issue only from 14, each issue consuming one blank card and one
// laminate by serial, the stock invariant received = issued + spoiled + voided + defective + on
// hand, the monthly count and a physical count that does not reconcile, loss report and its
// revocation (never once replaced), the school visit's batch, cancellation in error and the
// indicators, and booklets refused to an unrelated person.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  makeDemoDb, startHuji, api, rawRequest, login, demoSql, assertBilingualError, todayTaipei, yearsAgoTaipei,
} from './harness.mjs';
import { makePng } from './png.mjs';

let demo, server, url;
const tok = {};
const used = new Set();
const month = () => todayTaipei().slice(0, 7);

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 18 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

// An active person of the demo office not used before whose birth date is in [from, to].
function person(from, to) {
  const rows = demoSql(demo.db, `SELECT p.id_number FROM persons p JOIN households h ON h.household_no = p.household_no
    WHERE h.office_code = '63000080' AND p.status = 'active' AND p.birth_date BETWEEN '${from}' AND '${to}'
    ORDER BY p.id_number`).map((r) => r[0]);
  const id = rows.find((r) => !used.has(r));
  assert.ok(id, `a person born ${from}..${to}`);
  used.add(id);
  return id;
}
const adult = () => person(yearsAgoTaipei(60), yearsAgoTaipei(20));
const child = () => person(yearsAgoTaipei(13), yearsAgoTaipei(6));

const post = (path, body, token = tok.clerk, key = randomUUID()) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });

// Uploads bytes as a photo file of `personId` (JSON answer parsed).
async function upload(personId, bytes, type) {
  const r = await rawRequest(url, `/api/v1/id-cards/photos?person_id=${personId}`, {
    method: 'POST', body: bytes,
    headers: { Authorization: `Bearer ${tok.clerk}`, 'Content-Type': type, 'Idempotency-Key': randomUUID() },
  });
  const text = r.bytes.toString('utf8');
  return { status: r.status, text, json: JSON.parse(text) };
}

async function photo(personId) {
  const r = await upload(personId, makePng(), 'image/png');
  assert.equal(r.status, 201, r.text);
  return r.json.photo.id;
}

let serial = 0;
const cardSerial = (n) => `AC${String(n).padStart(7, '0')}`;
const laminateSerial = (n) => `LM${String(n).padStart(7, '0')}`;
const nextSerials = () => { serial += 1; return { card_serial: cardSerial(serial), laminate_serial: laminateSerial(serial) }; };

async function issue(personId, kind = 'first', extra = {}) {
  return post('/api/v1/id-cards', {
    person_id: personId, kind, ...nextSerials(), photo_id: await photo(personId),
    applicant_name: '本人', applicant_id: personId, applicant_relation: 'self', identity_check: 'household_booklet', ...extra,
  });
}

async function stock() {
  const r = await api(url, '/api/v1/id-card-stock', { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.items.map((i) => [i.item, i]));
}

function assertInvariant(s) {
  for (const i of Object.values(s)) {
    assert.equal(i.received, i.issued + i.spoiled + i.voided + i.defective + i.on_hand, JSON.stringify(i));
    assert.equal(i.balances, true);
  }
}

describe('stock', () => {
  test('serial ranges are received once', async () => {
    for (const [item, first, last] of [['card', cardSerial(1), cardSerial(60)], ['laminate', laminateSerial(1), laminateSerial(60)]]) {
      const r = await post('/api/v1/id-card-stock/receipts', { item, first, last });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.received, 60);
    }
    const again = await post('/api/v1/id-card-stock/receipts', { item: 'card', first: cardSerial(50), last: cardSerial(70) });
    assertBilingualError(again, 409, 'id_card_stock.duplicate');
    assertBilingualError(await post('/api/v1/id-card-stock/receipts', { item: 'card', first: 'X9', last: 'X1' }), 400, 'id_card_stock.range');
    const s = await stock();
    assert.equal(s.card.on_hand, 60);
    assert.deepEqual(s.card.on_hand_runs, [{ first: cardSerial(1), last: cardSerial(60), count: 60 }]);
    assertInvariant(s);
  });
});

describe('ID cards', () => {
  test('a first issue under 14 is refused, from 14 it consumes one card and one laminate', async () => {
    const young = child();
    const refused = await issue(young);
    assertBilingualError(refused, 422, 'id_card.under_age');
    const before = await stock();
    const id = adult();
    const r = await issue(id);
    assert.equal(r.status, 201, r.text);
    const card = r.json.card;
    assert.equal(card.kind, 'first');
    assert.equal(card.status, 'valid');
    assert.equal(card.fee, 50, 'id_card_first in data/fees/schedule.txt');
    const after = await stock();
    assert.equal(after.card.issued, before.card.issued + 1);
    assert.equal(after.laminate.on_hand, before.laminate.on_hand - 1);
    assertInvariant(after);
    // The same serial twice: refused.
    const other = adult();
    const twice = await post('/api/v1/id-cards', {
      person_id: other, kind: 'first', card_serial: card.card_serial, laminate_serial: laminateSerial(59),
      photo_id: await photo(other), applicant_name: '本人', identity_check: 'household_booklet',
    });
    assertBilingualError(twice, 409, 'id_card_stock.used');
    // A second first issue: refused; the card and its loss history read back.
    assertBilingualError(await issue(id), 422, 'id_card.already_issued');
    const read = await api(url, `/api/v1/id-cards?person_id=${id}`, { token: tok.clerk });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.cards.length, 1);
    const audit = demoSql(demo.db, `SELECT action FROM audit WHERE subject_id = '${id}' AND action LIKE 'id_card.%'`).map((x) => x[0]);
    assert.ok(audit.includes('id_card.issue') && audit.includes('id_card.read'), audit.join());
  });

  test('a photo must be a PNG or JPEG of card size', async () => {
    const id = adult();
    const send = (body, type) => upload(id, body, type);
    assertBilingualError(await send(makePng(), 'image/jpeg'), 400, 'id_card.photo_type');
    assertBilingualError(await send(Buffer.from('%PDF-1.4 not a photo'), 'image/png'), 400, 'id_card.photo_type');
    assertBilingualError(await send(makePng(50, 60), 'image/png'), 400, 'id_card.photo_size');
    const ok = await send(makePng(), 'image/png');
    assert.equal(ok.status, 201, ok.text);
    const back = await api(url, `/api/v1/id-cards/photos/${ok.json.photo.id}`, { token: tok.clerk });
    assert.equal(back.status, 200);
    assert.equal(back.headers.get('content-type'), 'image/png');
  });

  test('loss report, its revocation, and no revocation once replaced', async () => {
    const id = adult();
    const first = (await issue(id)).json.card;
    const lost = await post(`/api/v1/id-cards/${first.id}/loss`, { reason: '遺失於捷運' });
    assert.equal(lost.status, 200, lost.text);
    assert.equal(lost.json.card.status, 'lost');
    assertBilingualError(await issue(id, 'renewal'), 422, 'id_card.lost');
    const found = await post(`/api/v1/id-cards/${first.id}/loss-revocation`, { reason: '已尋獲' });
    assert.equal(found.status, 200, found.text);
    assert.equal(found.json.card.status, 'valid');
    assertBilingualError(await post(`/api/v1/id-cards/${first.id}/loss-revocation`, { reason: '' }), 422, 'id_card.not_lost');
    assertBilingualError(await issue(id, 'replacement'), 422, 'id_card.not_lost');
    assert.equal((await post(`/api/v1/id-cards/${first.id}/loss`, { reason: '再度遺失' })).status, 200);
    const replaced = await issue(id, 'replacement');
    assert.equal(replaced.status, 201, replaced.text);
    assert.equal(replaced.json.card.previous_id, first.id);
    assert.equal(replaced.json.card.fee, 200, 'id_card_replacement');
    const charged = demoSql(demo.db, `SELECT item, amount FROM charges WHERE ref_kind = 'id_card' AND ref_id = ${replaced.json.card.id}`);
    assert.deepEqual(charged, [['id_card_replacement', '200']]);
    const read = await api(url, `/api/v1/id-cards?person_id=${id}`, { token: tok.clerk });
    assert.deepEqual(read.json.cards.map((c) => c.status), ['superseded', 'valid']);
    assert.deepEqual(read.json.losses.map((l) => l.action), ['reported', 'revoked', 'reported']);
    assertBilingualError(await post(`/api/v1/id-cards/${first.id}/loss-revocation`, { reason: '找到了' }), 422, 'id_card.replaced');
    // A renewal of the valid replacement supersedes it.
    const renewed = await issue(id, 'renewal', { waiver: 'reorganisation' });
    assert.equal(renewed.status, 201, renewed.text);
    assert.equal(renewed.json.card.fee, 0, 'waived: district re-organisation');
    assert.equal(renewed.json.card.waiver, 'reorganisation');
    assertBilingualError(await issue(id, 'renewal', { waiver: 'official_use' }), 400, 'fee.waiver_item');
  });

  test('the school visit: each student its own issue and result', async () => {
    const [a, b] = [person(yearsAgoTaipei(15), yearsAgoTaipei(14)), child()];
    const students = [];
    for (const pid of [a, b]) {
      students.push({ person_id: pid, ...nextSerials(), photo_id: await photo(pid), applicant_name: '學生本人', identity_check: 'student_id' });
    }
    const r = await post('/api/v1/id-cards/batches', { school: '景美國中', students });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.issued, 1);
    assert.equal(r.json.refused, 1);
    assert.equal(r.json.results[0].card.school, '景美國中');
    assert.equal(r.json.results[1].error.code, 'id_card.under_age');
    assertInvariant(await stock());
  });

  test('cancellation in error counts against issue correctness; clerks may not cancel', async () => {
    const id = adult();
    const card = (await issue(id)).json.card;
    assertBilingualError(await post(`/api/v1/id-cards/${card.id}/cancel`, { reason: '誤植', version: card.version }), 403, 'auth.forbidden');
    const year = todayTaipei().slice(0, 4);
    const before = await api(url, `/api/v1/id-cards/kpis?year=${year}`, { token: tok.supervisor });
    assert.equal(before.status, 200, before.text);
    const c = await post(`/api/v1/id-cards/${card.id}/cancel`, { reason: '誤植出生地', attributable: true, version: card.version }, tok.supervisor);
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.card.status, 'cancelled');
    const after = await api(url, `/api/v1/id-cards/kpis?year=${year}`, { token: tok.supervisor });
    const k = after.json.issue_correctness;
    assert.equal(k.in_error, before.json.issue_correctness.in_error + 1);
    assert.equal(k.rate, (k.issued - k.in_error) / k.issued);
    assert.equal(after.json.cross_district.issued, 0, 'all issues here are for the office\'s own households');
    // With the card cancelled, the person may have a first card again.
    assert.equal((await issue(id)).status, 201);
    assertBilingualError(await api(url, `/api/v1/id-cards/kpis?year=${year}`, { token: tok.clerk }), 403, 'auth.forbidden');
  });
});

describe('stock count', () => {
  test('spoiled, voided and defective serials leave the stock; the invariant holds', async () => {
    const s0 = await stock();
    const onHand = s0.card.on_hand_runs[0].first;
    for (const [status, reason] of [['spoiled', '印製失敗'], ['defective', '膠膜氣泡']]) {
      const r = await post('/api/v1/id-card-stock/removals', { item: status === 'defective' ? 'laminate' : 'card', serial: status === 'defective' ? s0.laminate.on_hand_runs[0].first : onHand, status, reason });
      assert.equal(r.status, 200, r.text);
    }
    assertBilingualError(await post('/api/v1/id-card-stock/removals', { item: 'card', serial: onHand, status: 'voided', reason: '再作廢' }), 409, 'id_card_stock.used');
    const s1 = await stock();
    assert.equal(s1.card.spoiled, s0.card.spoiled + 1);
    assert.equal(s1.laminate.defective, s0.laminate.defective + 1);
    assertInvariant(s1);
  });

  test('the monthly count, and a physical count that does not reconcile is reported', async () => {
    const s = await stock();
    const onHand = [];
    for (const run of s.card.on_hand_runs) {
      for (let n = Number(run.first.slice(2)); n <= Number(run.last.slice(2)); n++) onHand.push(cardSerial(n));
    }
    const counted = onHand.slice(1).concat(['AC9999999']);
    const off = await post('/api/v1/id-card-stock/counts', { month: month(), item: 'card', serials: counted });
    assert.equal(off.status, 201, off.text);
    assert.equal(off.json.count.reconciled, false);
    assert.deepEqual(off.json.count.missing, [onHand[0]]);
    assert.deepEqual(off.json.count.unexpected, ['AC9999999']);
    const short = await post('/api/v1/id-card-stock/counts', { month: month(), item: 'laminate', count: s.laminate.on_hand - 2 });
    assert.equal(short.json.count.reconciled, false);
    assert.equal(short.json.count.difference, -2);
    assertBilingualError(await post('/api/v1/id-card-stock/counts', { month: month(), item: 'card', count: 3, serials: [] }), 400, 'id_card_stock.count');

    let m = await api(url, `/api/v1/id-card-stock/monthly-count?month=${month()}`, { token: tok.clerk });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.reconciled, false);
    const card = m.json.items.find((i) => i.item === 'card');
    assert.equal(card.figures.balances, true);
    assert.equal(card.figures.received, 60);
    assert.equal(card.figures.on_hand, s.card.on_hand);
    assert.equal(card.figures.issued, s.card.issued);
    assert.equal(card.count.missing[0], onHand[0]);
    assert.ok(m.json.lost >= 2, 'the cards reported lost this month');
    assert.match(m.json.due_on, /^\d{4}-\d{2}-0[5-9]$/);

    const good = await post('/api/v1/id-card-stock/counts', { month: month(), item: 'card', serials: onHand });
    assert.equal(good.json.count.reconciled, true);
    await post('/api/v1/id-card-stock/counts', { month: month(), item: 'laminate', count: s.laminate.on_hand });
    m = await api(url, `/api/v1/id-card-stock/monthly-count?month=${month()}`, { token: tok.clerk });
    assert.equal(m.json.reconciled, true);
    const csv = await api(url, `/api/v1/id-card-stock/monthly-count.csv?month=${month()}`, { token: tok.clerk });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /text\/csv/);
    assert.match(csv.text, /核發/);
    assert.match(csv.text, /遺失/);
    assertBilingualError(await api(url, '/api/v1/id-card-stock/monthly-count?month=2026-13', { token: tok.clerk }), 400, 'id_card_stock.month');
    assertBilingualError(await api(url, '/api/v1/id-card-stock', { token: tok.auditor }), 403, 'auth.forbidden');
  });
});

describe('booklets', () => {
  function household() {
    const [no, head] = demoSql(demo.db, `SELECT h.household_no, h.head_id FROM households h
      WHERE h.office_code = '63000080' AND (SELECT COUNT(*) FROM persons p WHERE p.household_no = h.household_no AND p.status = 'active') >= 2
      ORDER BY h.household_no LIMIT 1`)[0];
    const member = demoSql(demo.db, `SELECT id_number FROM persons WHERE household_no = '${no}' AND status = 'active' AND id_number <> '${head}' ORDER BY id_number LIMIT 1`)[0][0];
    const stranger = demoSql(demo.db, `SELECT id_number FROM persons WHERE household_no <> '${no}' AND status = 'active' ORDER BY id_number LIMIT 1`)[0][0];
    return { no, head, member, stranger };
  }

  test('an unrelated person is refused; the head issues, a member replaces, an agent with a reason', async () => {
    const h = household();
    const refused = await post('/api/v1/booklets', { household_no: h.no, kind: 'issue', applicant_id: h.stranger });
    assertBilingualError(refused, 403, 'booklet.unrelated');
    assertBilingualError(await post('/api/v1/booklets', { household_no: h.no, kind: 'replacement', applicant_id: h.head }), 422, 'booklet.none');
    const first = await post('/api/v1/booklets', { household_no: h.no, kind: 'issue', applicant_id: h.head });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.booklet.capacity, 'head');
    assert.equal(first.json.booklet.fee, 30, 'booklet in data/fees/schedule.txt');
    assertBilingualError(await post('/api/v1/booklets', { household_no: h.no, kind: 'issue', applicant_id: h.member }), 422, 'booklet.already_issued');
    const again = await post('/api/v1/booklets', { household_no: h.no, kind: 'replacement', applicant_id: h.member });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.booklet.previous_id, first.json.booklet.id);
    assertBilingualError(await post('/api/v1/booklets', { household_no: h.no, kind: 'replacement', applicant_id: h.stranger, principal_id: h.head }), 400, 'booklet.reason');
    const agent = await post('/api/v1/booklets', { household_no: h.no, kind: 'replacement', applicant_id: h.stranger, principal_id: h.head, reason: '戶長住院' });
    assert.equal(agent.status, 201, agent.text);
    assert.equal(agent.json.booklet.capacity, 'agent');
    const list = await api(url, `/api/v1/booklets?household_no=${h.no}`, { token: tok.clerk });
    assert.deepEqual(list.json.booklets.map((b) => b.status), ['superseded', 'superseded', 'valid']);
    const audited = demoSql(demo.db, `SELECT COUNT(*) FROM audit WHERE action = 'booklet.issue' AND subject_id = '${h.member}'`)[0][0];
    assert.equal(Number(audited), 3);
  });
});

test('idempotent issue: the same key answers the same card', async () => {
  const id = adult();
  const key = randomUUID();
  const body = { person_id: id, kind: 'first', ...nextSerials(), photo_id: await photo(id), applicant_name: '本人', identity_check: 'id_card' };
  const a = await post('/api/v1/id-cards', body, tok.clerk, key);
  const b = await post('/api/v1/id-cards', body, tok.clerk, key);
  assert.equal(a.status, 201, a.text);
  assert.equal(b.json.card.id, a.json.card.id);
  assertBilingualError(await post('/api/v1/id-cards', { ...body, identity_check: 'passport' }, tok.clerk, key), 422, 'idempotency.key_reused');
});

test('a temporary certificate while card production is down: a PDF with its check code', async () => {
  const id = adult();
  const r = await post('/api/v1/id-cards/temporary-certificates', { person_id: id, reason: '製證系統停機', valid_days: 14 });
  assert.equal(r.status, 201, r.text);
  const c = r.json.certificate;
  assert.match(c.check_code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  const from = new Date(`${c.valid_from}T00:00:00Z`);
  assert.equal((new Date(`${c.valid_until}T00:00:00Z`) - from) / 86400e3, 14);
  assertBilingualError(await post('/api/v1/id-cards/temporary-certificates', { person_id: id, reason: '', valid_days: 14 }), 400, 'id_card.reason');
  assertBilingualError(await post('/api/v1/id-cards/temporary-certificates', { person_id: id, reason: '停機', valid_days: 365 }), 400, 'id_card.valid_days');
  const pdf = await rawRequest(url, c.pdf_url, { headers: { Authorization: `Bearer ${tok.clerk}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const stored = demoSql(demo.db, `SELECT kind, status FROM issued_documents WHERE pdf_sha256 = '${c.sha256}'`);
  assert.deepEqual(stored, [['temporary_certificate', 'valid']]);
  // The page as an image among the test's artefacts, and its text in Chinese.
  const dir = process.env.HUJI_TEST_ARTEFACTS || join(tmpdir(), 'huji-test-artefacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `temporary_certificate_http_${process.env.HUJI_TEST_BACKEND || 'sqlite'}.pdf`);
  writeFileSync(file, pdf.bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.match(text, /臨時身分證明書/);
  assert.ok(text.includes(id));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  // Anyone verifies it by its code, without logging in.
  const verified = await api(url, `/api/v1/verify/${c.check_code}`);
  assert.equal(verified.status, 200, verified.text);
  assert.equal(verified.json.valid, true);
  assert.equal(verified.json.document, 'temporary_certificate');
  assert.equal(verified.json.sha256, c.sha256);
  const missing = await api(url, '/api/v1/id-cards/temporary-certificates/0000-0000-0000-0000-0000/pdf', { token: tok.clerk });
  assertBilingualError(missing, 404, 'id_card.certificate_not_found');
});
