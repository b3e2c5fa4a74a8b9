// Household transcripts (戶籍謄本, issue 18 item 1) through real HTTP on either backend
// (HUJI_TEST_BACKEND, see harness.mjs): 現戶/除戶, 全戶/部分, 詳細/省略記事, Chinese and English;
// who may obtain one; idempotent issue; the PDF (rendered to PNG with pdftoppm, kept under
// build/test-artefacts/http/); one audit entry per person printed.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, rawRequest, demoSql, assertBilingualError, backend, root,
} from './harness.mjs';

let demo, server, url;
const tok = {};
// A household with a member who died there (so on 現戶 and 除戶), its members, and a person
// of another household (an unrelated applicant).
let household, members, deceased, stranger;

const artefacts = join(root, 'build/test-artefacts/http');

// The fees in force today, from the shipped schedule (data/fees/schedule.txt): its last block.
function feesToday() {
  const text = readFileSync(join(root, 'data/fees/schedule.txt'), 'utf8');
  const last = text.split(/^effective /m).pop();
  const item = (code) => {
    const m = new RegExp(`^item ${code} (\\d+)(?: extra (\\d+))?`, 'm').exec(last);
    return { first: Number(m[1]), extra: Number(m[2] ?? m[1]) };
  };
  return { sheet: item('transcript_sheet'), english: item('transcript_en') };
}
const kCheckCode = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

before(async () => {
  demo = makeDemoDb({ persons: 600, seed: 17 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'auditor', 'supervisor']) tok[who] = await login(url, who);
  const rows = demoSql(demo.db, `SELECT e.household_no, e.subject_id FROM events e
    JOIN persons p ON p.id_number = e.subject_id
    JOIN households h ON h.household_no = e.household_no
    WHERE p.status = 'removed' AND p.removal_reason = 'death' AND e.type = 'death'
    ORDER BY e.household_no LIMIT 1`);
  assert.ok(rows.length, 'the demo register has a death in a household that still exists');
  [[household, deceased]] = rows;
  members = demoSql(demo.db, `SELECT id_number, name FROM persons WHERE household_no = '${household}'
    AND status = 'active' ORDER BY id_number`).map(([id, name]) => ({ id, name }));
  assert.ok(members.length >= 1);
  [[stranger]] = demoSql(demo.db, `SELECT id_number FROM persons WHERE status = 'active'
    AND household_no <> '${household}' ORDER BY id_number LIMIT 1`);
  mkdirSync(artefacts, { recursive: true });
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const post = (path, body, { key = randomUUID(), requestId } = {}) => {
  const headers = key ? { 'Idempotency-Key': key } : {};
  if (requestId) headers['X-Request-Id'] = requestId;
  return api(url, path, { method: 'POST', token: tok.clerk, body, headers });
};
const get = (path, token = tok.clerk) => api(url, path, { token });
const auditOf = async (subject) =>
  (await get(`/api/v1/audit?subject=${encodeURIComponent(subject)}`, tok.auditor)).json.entries;

async function issue(body, options) {
  const r = await post('/api/v1/transcripts', body, options);
  assert.equal(r.status, 201, r.text);
  const t = r.json.transcript;
  for (const k of ['id', 'check_code', 'sheets', 'fee', 'pdf_url']) assert.ok(k in t, k);
  assert.ok(t.sheets >= 1);
  return t;
}

async function pdfOf(t, name) {
  const r = await rawRequest(url, t.pdf_url, { headers: { Authorization: `Bearer ${tok.clerk}` } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/pdf/);
  assert.equal(r.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(artefacts, `transcript-${backend}-${name}.pdf`);
  writeFileSync(file, r.bytes);
  return { bytes: r.bytes, file, text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s/g, '') };
}

// The PNG of page 1 (kept for a look by eye) and the share of its dark pixels.
function darkShare(file) {
  const base = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', file, base]);
  readFileSync(`${base}.png`);
  const pgm = execFileSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '1', '-singlefile', file]);
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - w * h);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe(`transcripts (${backend})`, () => {
  test('現戶全部 詳細記事 in Chinese: members and the one who died there; PDF with the text', async () => {
    const pre = await post('/api/v1/transcripts/preview', { subject_id: members[0].id, purpose: '辦理繼承' }, { key: null });
    assert.equal(pre.status, 200, pre.text);
    const content = pre.json.preview.content;
    assert.equal(content.title, '戶籍謄本（現戶全部）詳細記事');
    assert.equal(content.household.household_no, household);
    const ids = content.persons.map((p) => p.id_number);
    for (const m of members) assert.ok(ids.includes(m.id), `member ${m.id} printed`);
    assert.ok(ids.includes(deceased), 'the one who died here is on 現戶');
    assert.equal(content.persons.find((p) => p.id_number === deceased).removal, '死亡');
    assert.match(content.persons[0].birth_date_text, /^民國\d+年\d\d月\d\d日$/);
    assert.ok(content.persons[0].entries.length > 0);
    assert.equal(content.labels.relation, '稱謂');

    const t = await issue({ subject_id: members[0].id, scope: 'current', detail: 'full', language: 'zh', purpose: '辦理繼承' });
    assert.equal(t.sheets, pre.json.preview.sheets);
    assert.match(t.check_code, kCheckCode);
    // A clerk's request with a purpose and no applicant is charged the schedule's fee (it
    // was free before: the waiver must be asked for, never the default).
    assert.equal(t.fee, feesToday().sheet.first * t.sheets, 'no applicant: charged per sheet');
    const own = await issue({ subject_id: members[0].id, scope: 'current', detail: 'full', language: 'zh',
      purpose: '機關公務使用', waiver: 'official_use' });
    assert.equal(own.fee, 0, "the office's own use, asked for as the official_use waiver, is free");
    assert.equal(t.pdf_url, `/api/v1/transcripts/${t.id}/pdf`);
    const pdf = await pdfOf(t, 'current-zh');
    for (const s of ['戶籍謄本（現戶全部）詳細記事', household, members[0].id, members[0].name, '第1頁共', t.check_code]) {
      assert.ok(pdf.text.includes(s), s);
    }
    const share = darkShare(pdf.file);
    assert.ok(share > 0.01 && share < 0.5, `page 1 is neither blank nor filled (${share})`);

    const got = await get(`/api/v1/transcripts/${t.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.transcript.content.title, content.title);
    assert.deepEqual(got.json.transcript.content.persons.map((p) => p.id_number), ids);
  });

  test('除戶 by household number prints the one who died there; 部分 only those asked for', async () => {
    const removed = await issue({ household_no: household, scope: 'removed', purpose: '辦理繼承' });
    const c1 = (await get(`/api/v1/transcripts/${removed.id}`)).json.transcript.content;
    assert.equal(c1.title, '戶籍謄本（除戶全部）詳細記事');
    assert.ok(c1.persons.some((p) => p.id_number === deceased));
    assert.ok(c1.persons.every((p) => !members.some((m) => m.id === p.id_number)), 'no current member on 除戶');

    const partial = await issue({ household_no: household, members: [members[0].id], purpose: '辦理繼承' });
    const c2 = (await get(`/api/v1/transcripts/${partial.id}`)).json.transcript.content;
    assert.equal(c2.title, '戶籍謄本（現戶部分）詳細記事');
    assert.deepEqual(c2.persons.map((p) => p.id_number), [members[0].id]);

    const outside = await post('/api/v1/transcripts', { household_no: household, members: [stranger], purpose: '辦理繼承' });
    assertBilingualError(outside, 400, 'transcript.member_not_printable');
  });

  test('省略記事 prints no more entries than 詳細記事; English has English headings and dates', async () => {
    const full = (await post('/api/v1/transcripts/preview', { subject_id: members[0].id, purpose: '核對' }, { key: null })).json.preview.content;
    const short = await issue({ subject_id: members[0].id, detail: 'short', purpose: '核對' });
    const cs = (await get(`/api/v1/transcripts/${short.id}`)).json.transcript.content;
    assert.equal(cs.title, '戶籍謄本（現戶全部）省略記事');
    cs.persons.forEach((p, i) => assert.ok(p.entries.length <= full.persons[i].entries.length));

    const self = { name: members[0].name, id_number: members[0].id, relation: '本人' };
    const en = await issue({ subject_id: members[0].id, language: 'en', copies: 2, purpose: 'visa application',
      applicant: self });
    const fees = feesToday();
    assert.equal(en.fee, fees.english.first + fees.english.extra, 'English: per copy, not per sheet');
    const zh = await issue({ subject_id: members[0].id, copies: 3, purpose: '申辦', applicant: self });
    assert.equal(zh.fee, fees.sheet.first * zh.sheets * 3, 'Chinese: per sheet and copy');
    // Each is charged, and kept as an issued document with its PDF's digest.
    for (const [t, item, quantity] of [[en, 'transcript_en', 2], [zh, 'transcript_sheet', zh.sheets * 3]]) {
      const charges = demoSql(demo.db, `SELECT item, quantity, amount FROM charges
        WHERE ref_kind = 'transcript' AND ref_id = ${t.id}`);
      assert.deepEqual(charges, [[item, String(quantity), String(t.fee)]]);
      const docs = demoSql(demo.db, `SELECT kind, pdf_sha256 FROM issued_documents
        WHERE check_code = '${t.check_code.replaceAll('-', '')}'`);
      assert.deepEqual(docs, [['transcript', t.pdf_sha256]]);
    }
    const ce = (await get(`/api/v1/transcripts/${en.id}`)).json.transcript.content;
    assert.match(ce.title, /^Household Registration Transcript/);
    assert.match(ce.persons[0].birth_date_text, /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.equal(ce.labels.id_number, 'ID No.');
    const pdf = await pdfOf(en, 'current-en');
    assert.ok(pdf.text.includes('HouseholdRegistrationTranscript'));
    assert.ok(pdf.text.includes('Page1of'));
    assert.ok(pdf.text.includes(members[0].id));
  });

  test('who may obtain one: an unrelated applicant needs a reason; 本人 and 戶內人口 are checked', async () => {
    const unrelated = { name: '路人甲', id_number: stranger, relation: '利害關係人' };
    const refused = await post('/api/v1/transcripts', { subject_id: members[0].id, purpose: '債權', applicant: unrelated },
      { requestId: 'transcript-refused-1' });
    assertBilingualError(refused, 403, 'transcript.unrelated');
    const denied = (await auditOf(`戶:${household}`)).find((e) => e.request_id === 'transcript-refused-1');
    assert.ok(denied, 'the refusal is audited');
    assert.equal(denied.outcome, 'denied');

    const withReason = await issue({ subject_id: members[0].id, purpose: '債權', applicant: unrelated,
      reason: '債權人聲請強制執行，法院命補正債務人戶籍謄本' });
    assert.ok(withReason.id > 0);

    const falseSelf = await post('/api/v1/transcripts', { subject_id: members[0].id, purpose: '債權',
      applicant: { ...unrelated, relation: '本人' } });
    assertBilingualError(falseSelf, 403, 'transcript.relation_mismatch');
    const falseMember = await post('/api/v1/transcripts', { subject_id: members[0].id, purpose: '債權',
      applicant: { ...unrelated, relation: '戶內人口' } });
    assertBilingualError(falseMember, 403, 'transcript.relation_mismatch');
    const english = await post('/api/v1/transcripts', { subject_id: members[0].id, language: 'en', purpose: 'visa',
      applicant: unrelated });
    assertBilingualError(english, 403, 'transcript.unrelated');

    const member = members[members.length - 1];
    await issue({ subject_id: members[0].id, purpose: '申辦', applicant: { name: member.name, id_number: member.id, relation: '戶內人口' } });
  });

  test('bad input is a 400 with a code; nothing is written', async () => {
    const cases = [
      [{ subject_id: members[0].id }, 'transcript.purpose_required'],
      [{ purpose: 'x' }, 'transcript.subject_required'],
      [{ subject_id: members[0].id, household_no: household, purpose: 'x' }, 'transcript.subject_required'],
      [{ subject_id: 'A123456788', purpose: 'x' }, 'transcript.subject_id'],
      [{ subject_id: members[0].id, scope: 'all', purpose: 'x' }, 'transcript.scope'],
      [{ subject_id: members[0].id, detail: 'long', purpose: 'x' }, 'transcript.detail'],
      [{ subject_id: members[0].id, language: 'fr', purpose: 'x' }, 'transcript.language'],
      [{ subject_id: members[0].id, copies: 0, purpose: 'x' }, 'transcript.copies'],
      [{ subject_id: members[0].id, purpose: 'x', applicant: { name: 'a', id_number: stranger, relation: '朋友' } }, 'transcript.applicant_relation'],
    ];
    for (const [body, code] of cases) assertBilingualError(await post('/api/v1/transcripts', body), 400, code);
    assertBilingualError(await post('/api/v1/transcripts', { subject_id: members[0].id, purpose: 'x' }, { key: null }),
      400, 'idempotency.key_required');
    assert.equal((await post('/api/v1/transcripts', { subject_id: members[0].id, purpose: 'x', extra: 1 })).status, 400);
    assert.equal((await get('/api/v1/transcripts/999999')).status, 404);
  });

  test('a retry with the same key answers the same transcript; another body with it is refused', async () => {
    const key = randomUUID();
    const body = { subject_id: members[0].id, purpose: '重送測試' };
    const first = await issue(body, { key });
    const again = await issue(body, { key });
    assert.deepEqual(again, first);
    const other = await post('/api/v1/transcripts', { ...body, detail: 'short' }, { key });
    assertBilingualError(other, 422, 'idempotency.key_reused');
  });

  test('every person printed has an audit entry with the purpose', async () => {
    const t = await issue({ subject_id: members[0].id, purpose: '稽核測試' }, { requestId: 'transcript-audit-1' });
    const printed = (await get(`/api/v1/transcripts/${t.id}`)).json.transcript.content.persons.map((p) => p.id_number);
    for (const id of printed) {
      const entry = (await auditOf(id)).find((e) => e.request_id === 'transcript-audit-1');
      assert.ok(entry, `an entry under ${id}`);
      assert.equal(entry.action, 'transcript.issue');
      assert.match(entry.purpose, /^稽核測試/);
      assert.equal(entry.username, 'clerk');
    }
    const hh = (await auditOf(`戶:${household}`)).find((e) => e.request_id === 'transcript-audit-1');
    assert.equal(hh?.action, 'transcript.issue');
  });

  test('anyone verifies an issued transcript by its code and its PDF; a revocation shows at once', async () => {
    const t = await issue({ subject_id: members[0].id, scope: 'current', detail: 'full', language: 'zh', purpose: '驗證' });
    const pdf = await pdfOf(t, 'verify');
    const v = await api(url, `/api/v1/verify/${encodeURIComponent(t.check_code.toLowerCase())}`);
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.valid, true);
    assert.equal(v.json.document, 'transcript');
    assert.equal(v.json.status, 'valid');
    assert.equal(v.json.sha256, createHash('sha256').update(pdf.bytes).digest('hex'));
    // What the paper printed, every line of it: the address and each person's 記事 too.
    const printed = v.json.printed.map((f) => f.value);
    assert.ok(printed.includes(members[0].id));
    assert.ok(v.json.printed.some((f) => f.key === 'address' && f.value.length > 0));
    assert.ok(v.json.printed.some((f) => f.key === 'person.entry'));
    const byPdf = await rawRequest(url, '/api/v1/verify/pdf', { method: 'POST', body: pdf.bytes,
      headers: { 'Content-Type': 'application/pdf' } });
    assert.equal(byPdf.status, 200);
    const altered = Buffer.from(pdf.bytes);
    altered[altered.length - 20] ^= 1;
    const bad = await rawRequest(url, '/api/v1/verify/pdf', { method: 'POST', body: altered,
      headers: { 'Content-Type': 'application/pdf' } });
    assert.equal(bad.status, 404);
    const revoked = await api(url, `/api/v1/documents/${t.check_code}/revoke`, { method: 'POST',
      token: tok.supervisor, body: { reason: '換發' }, headers: { 'Idempotency-Key': randomUUID() } });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal((await api(url, `/api/v1/verify/${t.check_code}`)).json.status, 'revoked');
  });

  test('an auditor may not issue one', async () => {
    const r = await api(url, '/api/v1/transcripts', { method: 'POST', token: tok.auditor,
      body: { subject_id: members[0].id, purpose: 'x' }, headers: { 'Idempotency-Key': randomUUID() } });
    assertBilingualError(r, 403, 'auth.forbidden');
  });
});
