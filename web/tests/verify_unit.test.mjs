// Unit tests of the public verification page's logic (src/verify/check.ts) in Node: codes as
// typed, and the offline QR check with Node's WebCrypto Ed25519 against texts signed as
// service::DocumentSigner signs them (tests/http/issued_documents.mjs).
//
//   node --test tests/verify_unit.test.mjs

import './ts_hooks.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash, sign } from 'node:crypto';

const { normalizeCode, groupCode, verifyQrOffline, checkCode } = await import('../src/verify/check.ts');

function signer() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const key = { key_id: createHash('sha256').update(raw).digest('hex').slice(0, 16), algorithm: 'Ed25519', public_key: raw.toString('hex') };
  const qr = (code, kind = 'transcript', office = '63000080', date = '20261205') => {
    const m = `HJ1:${code}:${kind}:${office}:${date}:${'ab'.repeat(32)}`;
    return `${m}:${sign(null, Buffer.from(m), privateKey).toString('base64url')}`;
  };
  return { key, qr };
}

test('codes as typed or read aloud normalise as on the server', () => {
  assert.equal(normalizeCode('abcd-efgh-jkmn-pqrs-tvwx'), 'ABCDEFGHJKMNPQRSTVWX');
  assert.equal(normalizeCode('ABCD EFGH JKMN PQRS TV0O'), 'ABCDEFGHJKMNPQRSTV00');
  assert.equal(normalizeCode('ABCDEFGHJKMNPQRSTVIL'), 'ABCDEFGHJKMNPQRSTV11');
  assert.equal(normalizeCode('ABCDEFGHJKMNPQRSTVW'), null);
  assert.equal(normalizeCode('ABCDEFGHJKMNPQRSTVWU'), null);
  assert.equal(normalizeCode('../etc/passwd'), null);
  assert.equal(groupCode('ABCDEFGHJKMNPQRSTVWX'), 'ABCD-EFGH-JKMN-PQRS-TVWX');
});

test('a QR text signed with a published key verifies offline; any change or another key fails', async () => {
  const { key, qr } = signer();
  const other = signer();
  const text = qr('ABCDEFGHJKMNPQRSTVWX');
  const content = await verifyQrOffline(text, [other.key, key]);
  assert.deepEqual(content, { checkCode: 'ABCD-EFGH-JKMN-PQRS-TVWX', document: 'transcript', officeCode: '63000080',
    issuedOn: '2026-12-05', digest: 'ab'.repeat(32), keyId: key.key_id });
  assert.equal(await verifyQrOffline(text, [other.key]), null);
  for (let i = 4; i < text.length; i += 9) {
    const altered = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
    assert.equal(await verifyQrOffline(altered, [key]), null, `position ${i}`);
  }
  assert.equal(await verifyQrOffline('', [key]), null);
  assert.equal(await verifyQrOffline('HJ1:', [key]), null);
  assert.equal((await verifyQrOffline(`  ${text}\n`, [key]))?.checkCode, 'ABCD-EFGH-JKMN-PQRS-TVWX');
});

test('the answers of a check: found, not found, throttled, failed', async () => {
  const reply = (status, body, headers = {}) => async () => new Response(JSON.stringify(body), { status, headers });
  assert.equal((await checkCode('X', reply(200, { valid: true }))).kind, 'found');
  assert.equal((await checkCode('X', reply(404, { valid: false }))).kind, 'not_found');
  assert.deepEqual(await checkCode('X', reply(429, {}, { 'Retry-After': '42' })), { kind: 'throttled', retryAfter: 42 });
  assert.equal((await checkCode('X', reply(503, {}))).kind, 'failed');
  assert.equal((await checkCode('X', async () => { throw new Error('offline'); })).kind, 'failed');
});
