// Text and files that would mislead a reader or a backend, against a real huji (issue 15,
// item 7): bidi overrides and zero-width characters in names, addresses and reasons; NUL,
// which PostgreSQL refuses in text and SQLite stored, refused alike on both backends before
// storage; uploaded bytes that are not what their declared type says.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { makeDemoDb, startHuji, api, login, rawRequest, backend } from './harness.mjs';

let demo;
let server;
let url;
let clerk;

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 15 });
  server = await startHuji(demo.db);
  url = server.url;
  clerk = await login(url, 'clerk');
});

after(async () => {
  await server?.stop();
  demo?.cleanup();
});

function assertRefused(r, status, code, mentions = []) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/, 'message_zh is Chinese');
  for (const m of mentions) {
    assert.ok(r.json.error.message_en.includes(m), `${m} in ${r.json.error.message_en}`);
  }
}

const post = (path, body, token = clerk) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });

function birth(fields) {
  return {
    type: 'birth', event_date: '2026-11-02',
    fields: { name: '林小寶', sex: 'M', place: '臺北市', mother_id: 'A200000001', ...fields },
    applicant: { name: '林美麗', id_number: 'A200000001', relation: '母', identity_check: 'id_card' },
  };
}

describe(`forbidden characters (${backend})`, () => {
  test('a bidi override or a zero-width character in a name is refused, naming the member', async () => {
    // "陳\u202E文大" shows as 陳大文 while it is stored in another order.
    assertRefused(await post('/api/v1/registrations', birth({ name: '陳\u202e文大' })), 400,
      'input.forbidden_character', ['fields.name', 'U+202E']);
    assertRefused(await post('/api/v1/registrations', birth({ name: '陳\u200b大文' })), 400,
      'input.forbidden_character', ['U+200B']);
    const applicant = birth({});
    applicant.applicant.name = '林\u2066美麗';
    assertRefused(await post('/api/v1/registrations', applicant), 400, 'input.forbidden_character',
      ['applicant.name', 'U+2066']);
    assertRefused(await post('/api/v1/nationality-cases', {
      kind: 'naturalization', person_name: 'Nguyen\u200dThi', approval_letter_date: '2026-11-02',
    }), 400, 'input.forbidden_character', ['person_name', 'U+200D']);
  });

  test('an address or a reason with hidden characters is refused', async () => {
    assertRefused(await post('/api/v1/registrations', birth({ address: '臺北市信義區\u202e號1路義信' })), 400,
      'input.forbidden_character', ['fields.address']);
    assertRefused(await post('/api/v1/registrations', birth({ note: '\ufeff補件' })), 400,
      'input.forbidden_character', ['U+FEFF']);
    const r = await api(url, '/api/v1/registrations/1/review', {
      method: 'POST', token: await login(url, 'supervisor'),
      body: { decision: 'reject', note: '資料不符\u061c', version: 1 }, headers: { 'Idempotency-Key': randomUUID() },
    });
    assertRefused(r, 400, 'input.forbidden_character', ['note', 'U+061C']);
  });

  test('NUL is refused before storage on both backends, in a body and in a query', async () => {
    // SQLite stored "a\0b" and PostgreSQL failed on it: now both answer the same 400.
    assertRefused(await post('/api/v1/registrations', birth({ note: 'a\u0000b' })), 400,
      'input.forbidden_character', ['fields.note', 'U+0000']);
    assertRefused(await post('/api/v1/registrations', birth({ name: '林\u0000' })), 400,
      'input.forbidden_character', ['U+0000']);
    assertRefused(await api(url, `/api/v1/persons/A123456789?purpose=${encodeURIComponent('查詢\u0000')}`, { token: clerk }),
      400, 'input.forbidden_character', ['purpose', 'U+0000']);
    assertRefused(await api(url, '/api/v1/persons/A123456789?purpose=%E2%80%AE', { token: clerk }),
      400, 'input.forbidden_character', ['U+202E']);
    // C1 controls too (U+0085, NEL), and a key of the fields object.
    assertRefused(await post('/api/v1/registrations', birth({ 'x\u0085': '1' })), 400,
      'input.forbidden_character', ['U+0085']);
    // Nothing was stored: the clerk's list has no application with such text.
    const list = await api(url, '/api/v1/registrations?status=pending_review', { token: clerk });
    assert.equal(list.status, 200, list.text);
    assert.ok(!list.text.includes('\\u0000'), 'no NUL stored');
  });

  test('CJK names with variation sequences, Ext. B and line breaks in a note pass the check', async () => {
    // 辻 + U+E0100 (an ideographic variation sequence) and 𡃁 (Ext. B) are names' 難字; the
    // request then fails for its own reasons (no such mother), not for a character.
    const r = await post('/api/v1/registrations', birth({ name: '辻\u{e0100}𡃁', note: '第一行\n第二行' }));
    assert.notEqual(r.json?.error?.code, 'input.forbidden_character', r.text);
    assert.notEqual(r.status, 500, r.text);
  });
});

describe(`uploads are checked against their declared type (${backend})`, () => {
  const upload = (bytes, type, filename = 'x.pdf') => rawRequest(url,
    `/api/v1/registrations/999999/documents?filename=${encodeURIComponent(filename)}`, {
      method: 'POST', body: bytes,
      headers: { Authorization: `Bearer ${clerk}`, 'Content-Type': type, 'Idempotency-Key': randomUUID() },
    }).then((res) => {
    const text = res.bytes.toString('utf8');
    return { status: res.status, text, json: JSON.parse(text) };
  });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  test('bytes that are not a PDF, a JPEG or a PNG as declared are refused', async () => {
    assertRefused(await upload(Buffer.from('<html><script>alert(1)</script>'), 'application/pdf'), 422,
      'upload.type_mismatch', ['application/pdf']);
    assertRefused(await upload(png, 'image/jpeg', 'x.jpg'), 422, 'upload.type_mismatch', ['image/jpeg']);
    assertRefused(await upload(Buffer.from('%PDF-1.7\n'), 'image/png', 'x.png'), 422, 'upload.type_mismatch');
    assertRefused(await upload(Buffer.from('MZ\x90\x00'), 'image/png', 'x.png'), 422, 'upload.type_mismatch');
  });

  test('matching bytes go on to the next check (here: no such registration)', async () => {
    for (const [bytes, type] of [[Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf'], [png, 'image/png'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg']]) {
      assertRefused(await upload(bytes, type), 404, 'registration.not_found');
    }
  });

  test('a file name with a bidi override is refused ("cod.exe" shown as "exe.doc")', async () => {
    assertRefused(await upload(Buffer.from('%PDF-1.4\n'), 'application/pdf', 'x\u202efdp.exe'), 400,
      'input.forbidden_character', ['filename', 'U+202E']);
  });
});
