// Public verification of issued documents (issue 18 item 2) against a real huji on either
// backend (HUJI_TEST_BACKEND): GET /api/v1/verify/{code} without a login answers what the
// document printed and its status; wrong and malformed codes 404 {"valid": false}; a revoked
// document shows as revoked at once; guessing is throttled per client address (429 with
// Retry-After); a PDF matches only byte for byte; every check is in the audit trail; the
// published key checks a QR text offline (huji verify-qr). Documents are written straight into
// issued_documents (issued_documents.mjs), signed with the key the server is given.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  makeDemoDb, startHuji, api, rawRequest, login, demoSql, bin, backend, assertBilingualError, todayTaipei,
} from './harness.mjs';
import { documentKey, insertDocument, samplePdf, stampDocument } from './issued_documents.mjs';

let demo, server, url, key;
const tok = {};
let office;
let clientNo = 0;

// Each test checks from an address of its own (the server trusts 127.0.0.1 as a proxy), so
// that one test's misses do not throttle another.
const newClient = () => `203.0.113.${++clientNo}`;
const verify = (code, client) => api(url, `/api/v1/verify/${encodeURIComponent(code)}`,
  { headers: { 'X-Forwarded-For': client } });
const verifyPdf = (bytes, client, code) => rawRequest(url, code ? `/api/v1/verify/${code}/pdf` : '/api/v1/verify/pdf',
  { method: 'POST', headers: { 'Content-Type': 'application/pdf', 'X-Forwarded-For': client }, body: bytes })
  .then((r) => ({ status: r.status, json: JSON.parse(r.bytes.toString('utf8')), headers: r.headers }));

function issue(printed, label = randomUUID()) {
  const d = stampDocument(key, { office, issuedOn: todayTaipei(), printed, pdf: samplePdf(label) });
  insertDocument(backend, demo.db, d);
  return d;
}

const kPrinted = [['戶號', 'F1234567'], ['戶長', '王小明'], ['記事', '民國115年12月5日申請\n（第二行）']];

before(async () => {
  demo = makeDemoDb({ persons: 300, seed: 18 });
  key = documentKey(bin, demo.dir);
  server = await startHuji(demo.db, ['--document-key', key.path, '--trusted-proxy', '127.0.0.1',
    '--verify-misses', '5']);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
  office = (await api(url, '/api/v1/auth/me', { token: tok.supervisor })).json.user.office_code;
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

describe('a check by code', () => {
  test('no login: the document as printed, its PDF digest and the key that signed it', async () => {
    const d = issue(kPrinted);
    for (const code of [d.grouped, d.code, d.grouped.toLowerCase(), d.code.replace(/0/g, 'O').replace(/1/g, 'I')]) {
      const r = await verify(code, newClient());
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.valid, true);
      assert.equal(r.json.status, 'valid');
      assert.equal(r.json.document, 'transcript');
      assert.equal(r.json.issued_on, todayTaipei());
      assert.equal(r.json.office_code, office);
      assert.match(r.json.office_name, /戶政事務所/);
      assert.equal(r.json.sha256, d.pdfSha256);
      assert.equal(r.json.digest, d.digest);
      assert.equal(r.json.key_id, key.keyId);
      assert.equal(r.json.check_code, d.grouped);
      assert.deepEqual(r.json.printed, kPrinted.map(([k, v]) => ({ key: k, value: v })));
      // Nothing the paper did not show: who issued it, the database id, the reason of a status.
      for (const hidden of ['id', 'issued_by', 'status_reason', 'pdf', 'signature']) assert.ok(!(hidden in r.json), hidden);
    }
  });

  test('wrong and malformed codes: 404 {"valid": false} with a bilingual error', async () => {
    const client = newClient();
    for (const code of ['ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'ABC', 'ÄÖÜ-not-a-code', '%2e%2e%2fetc']) {
      const r = await verify(code, client);
      assertBilingualError(r, 404, 'document.not_found');
      assert.equal(r.json.valid, false);
    }
  });

  test('a revoked document shows as revoked within a second', async () => {
    const d = issue(kPrinted);
    const idem = randomUUID();
    const revoke = (token, body = { reason: '已換發新謄本' }, k = idem) => api(url, `/api/v1/documents/${d.grouped}/revoke`,
      { method: 'POST', token, body, headers: { 'Idempotency-Key': k } });
    assertBilingualError(await revoke(tok.clerk), 403, 'document.revoke_forbidden');
    assertBilingualError(await revoke(tok.supervisor, { reason: '' }), 400, 'document.reason_required');
    assertBilingualError(await revoke(tok.supervisor, undefined, ''), 400, 'idempotency.key_required');
    assert.equal((await revoke(undefined)).status, 401);
    const t0 = Date.now();
    const r = await revoke(tok.supervisor);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.document.status, 'revoked');
    const v = await verify(d.code, newClient());
    assert.ok(Date.now() - t0 < 1000, 'revoked and checked within a second');
    assert.equal(v.status, 200);
    assert.equal(v.json.valid, true);
    assert.equal(v.json.status, 'revoked');
    assert.equal(v.json.revoked_on, todayTaipei());
    assert.ok(!('status_reason' in v.json), 'the reason was not printed');
    assert.equal((await revoke(tok.supervisor)).status, 200, 'the same request again');
    assertBilingualError(await revoke(tok.supervisor, undefined, randomUUID()), 409, 'document.already_revoked');
  });

  test('guessing is throttled per client address: 429 with Retry-After, and others go on', async () => {
    const d = issue(kPrinted);
    const guesser = newClient();
    for (let i = 0; i < 5; i++) assert.equal((await verify(`ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`, guesser)).status, 404);
    const r = await verify(d.code, guesser);
    assertBilingualError(r, 429, 'verify.rate_limited');
    const wait = Number(r.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= 121, `Retry-After ${wait}`);
    assert.equal((await verify(d.code, newClient())).status, 200);
  });

  test('every check is in the audit trail, under the issuing office for its auditors', async () => {
    const d = issue(kPrinted);
    const client = newClient();
    assert.equal((await verify(d.grouped, client)).status, 200);
    assert.equal((await verify('QQQQ-WWWW-EEEE-RRRR-TTTT', client)).status, 404);
    const today = todayTaipei();
    // The queue writes entries before the answer leaves; the journal moves them within 200 ms.
    let entries = [];
    for (let i = 0; i < 20 && !entries.some((e) => e.purpose.includes(d.code)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const r = await api(url, `/api/v1/audit?user=${encodeURIComponent('(public)')}&from=${today}&to=${today}&action=document.`,
        { token: tok.auditor });
      assert.equal(r.status, 200, r.text);
      entries = r.json.entries;
    }
    const mine = entries.find((e) => e.purpose === `code ${d.code} from ${client}`);
    assert.ok(mine, JSON.stringify(entries.slice(0, 3)));
    assert.equal(mine.action, 'document.verify');
    assert.equal(mine.outcome, 'valid');
    // A miss names no office: it is in the trail with the code's first characters only.
    const misses = demoSql(demo.db, `SELECT purpose, outcome, office_code FROM audit WHERE action = 'document.verify' AND purpose LIKE '%${client}'`);
    assert.ok(misses.some(([p, o]) => p === `code QQQQ… from ${client}` && o === 'not_found'), JSON.stringify(misses));
    assert.ok(!misses.some(([p]) => p.includes('WWWW')), 'no more than the first characters of a miss');
  });
});

describe('a check by PDF', () => {
  test('the issued PDF matches; one altered byte, one byte more or another code does not', async () => {
    const d = issue(kPrinted);
    const r = await verifyPdf(d.pdf, newClient());
    assert.equal(r.status, 200);
    assert.equal(r.json.valid, true);
    assert.equal(r.json.check_code, d.grouped);
    assert.equal(r.json.sha256, d.pdfSha256);
    assert.equal((await verifyPdf(d.pdf, newClient(), d.code)).json.valid, true);
    const other = issue(kPrinted);
    const wrong = await verifyPdf(d.pdf, newClient(), other.code);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.json.valid, false);
    for (const at of [0, Math.floor(d.pdf.length / 2), d.pdf.length - 1]) {
      const altered = Buffer.from(d.pdf);
      altered[at] ^= 0x01;
      const a = await verifyPdf(altered, newClient());
      assert.equal(a.status, 404, `byte ${at}`);
      assert.equal(a.json.valid, false);
    }
    assert.equal((await verifyPdf(Buffer.concat([d.pdf, Buffer.from('\n')]), newClient())).status, 404);
  });

  test('only application/pdf, within the document size limit, without a login', async () => {
    const r = await rawRequest(url, '/api/v1/verify/pdf', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    assert.equal(r.status, 415);
    const big = await rawRequest(url, '/api/v1/verify/pdf',
      { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: Buffer.alloc(6 << 20) });
    assert.equal(big.status, 413);
  });
});

describe('offline', () => {
  test('the published key checks the QR text (huji verify-qr), an altered one fails', async () => {
    const d = issue(kPrinted);
    const keys = await api(url, '/api/v1/verify/keys');
    assert.equal(keys.status, 200);
    assert.deepEqual(keys.json.keys, [{ key_id: key.keyId, algorithm: 'Ed25519', public_key: key.publicHex }]);
    const ok = spawnSync(bin, ['verify-qr', '--public-key', keys.json.keys[0].public_key, d.qrText], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const content = JSON.parse(ok.stdout);
    assert.equal(content.check_code, d.grouped);
    assert.equal(content.digest, d.digest);
    const altered = d.qrText.replace(`:${d.office}:`, ':63000010:');
    const bad = spawnSync(bin, ['verify-qr', '--public-key', key.publicHex, altered], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /document\.qr_invalid/);
  });
});
