// `huji agency-sim` on its own, with deliveries signed here as a Standard Webhooks sender signs
// them: signatures (v1, v1a, rotation), the timestamp's tolerance, de-duplication by webhook-id
// across kill -9, and the injected faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify as edVerify, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest } from './harness.mjs';
import { startAgencySim, newSecret, signV1, newSigningKey, jsonLines } from './agency_sim.mjs';

const now = () => Math.floor(Date.now() / 1000);

async function deliver(url, { id, body, secret, signature, timestamp = now(), path = '/hook' }) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp) };
  headers['webhook-signature'] = signature ?? signV1(secret, id, timestamp, text);
  const r = await rawRequest(url, path, { method: 'POST', headers, body: text });
  return { status: r.status, json: JSON.parse(r.bytes.toString('utf8') || 'null'), headers: r.headers };
}

// Runs `fn` with a simulator started with `args` on a file of its own.
async function withSim(args, fn) {
  const { out, cleanup } = scratch();
  const sim = await startAgencySim(out, ['--port', '0', ...args]);
  try {
    await fn(sim, out);
  } finally {
    await sim.stop();
    cleanup();
  }
}

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'huji-agency-sim-'));
  return { out: join(dir, 'received.jsonl'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a signed message is written once; a duplicate is answered 2xx, noted and not written again', async () => {
  const secret = newSecret();
  await withSim(['--secret', secret], async (sim, out) => {
    const body = { type: 'registration.approved', person: { id_number: 'A123456789' } };
    const first = await deliver(sim.url, { id: 'msg_1', body, secret });
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, { id: 'msg_1', duplicate: false });
    const lines = jsonLines(out);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].id, 'msg_1');
    assert.equal(lines[0].path, '/hook');
    assert.deepEqual(lines[0].body, body);
    assert.ok(Math.abs(lines[0].received_ms - Date.now()) < 10000);

    const again = await deliver(sim.url, { id: 'msg_1', body, secret });
    assert.equal(again.status, 200);
    assert.equal(again.json.duplicate, true);
    const changed = await deliver(sim.url, { id: 'msg_1', body: { ...body, changed: true }, secret });
    assert.equal(changed.status, 200);
    assert.equal(jsonLines(out).length, 1, 'a duplicate is not written again');
    assert.deepEqual(jsonLines(`${out}.duplicates`).map((d) => [d.id, d.same_body]), [['msg_1', true], ['msg_1', false]]);

    const stats = await rawRequest(sim.url, '/stats');
    assert.deepEqual(JSON.parse(stats.bytes.toString()), { messages: 1, duplicates: 2, rejected: 0, failed: 0 });
  });
});

test('a bad or missing signature, or a timestamp outside the tolerance, is refused with 401 and not written', async () => {
  const secret = newSecret();
  await withSim(['--secret', secret, '--tolerance-s', '60'], async (sim, out) => {
    const body = '{"a":1}';
    const cases = [
      [{ id: 'm', body, secret: newSecret() }, 'webhook.signature_invalid'],
      [{ id: 'm', body, signature: signV1(secret, 'other', now(), body) }, 'webhook.signature_invalid'],
      [{ id: 'm', body, signature: 'v1,' }, 'webhook.signature_invalid'],
      [{ id: 'm', body, signature: '' }, 'webhook.headers_missing'],
      [{ id: 'm', body, secret, timestamp: now() - 120 }, 'webhook.timestamp_tolerance'],
      [{ id: 'm', body, secret, timestamp: now() + 120 }, 'webhook.timestamp_tolerance'],
      [{ id: 'm', body, secret, timestamp: 'soon' }, 'webhook.timestamp_invalid'],
    ];
    for (const [request, code] of cases) {
      const r = await deliver(sim.url, request);
      assert.equal(r.status, 401, code);
      assert.equal(r.json.error.code, code);
      assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/);
    }
    // The body signed is the body checked: one changed byte fails.
    const ts = now();
    const tampered = await deliver(sim.url, { id: 'm', body: '{"a":2}', signature: signV1(secret, 'm', ts, body), timestamp: ts });
    assert.equal(tampered.status, 401);
    assert.deepEqual(jsonLines(out), []);
    const ok = await deliver(sim.url, { id: 'm', body, secret, timestamp: now() - 30 });
    assert.equal(ok.status, 200, 'within the tolerance');
  });
});

test('rotation (two secrets) and v1a Ed25519 signatures are accepted', async () => {
  const [oldSecret, newer] = [newSecret(), newSecret()];
  const key = newSigningKey();
  await withSim(['--secret', oldSecret, '--secret', newer, '--public-key', key.whpk], async (sim, out) => {
    const body = '{"n":1}';
    assert.equal((await deliver(sim.url, { id: 'old', body, secret: oldSecret })).status, 200);
    assert.equal((await deliver(sim.url, { id: 'new', body, secret: newer })).status, 200);
    const ts = now();
    // While rotating the sender signs with both; an unknown first signature does not matter.
    const both = `${signV1(newSecret(), 'both', ts, body)} ${signV1(newer, 'both', ts, body)}`;
    assert.equal((await deliver(sim.url, { id: 'both', body, signature: both, timestamp: ts })).status, 200);
    assert.equal((await deliver(sim.url, { id: 'ed', body, signature: key.signV1a('ed', ts, body), timestamp: ts })).status, 200);
    const other = newSigningKey();
    assert.equal((await deliver(sim.url, { id: 'ed2', body, signature: other.signV1a('ed2', ts, body), timestamp: ts })).status, 401);
    assert.deepEqual(jsonLines(out).map((l) => l.id), ['old', 'new', 'both', 'ed']);
  });
});

test('--receipt-key: each 2xx carries a receipt signed over the id, the time and the body\'s SHA-256', async () => {
  const secret = newSecret();
  const receiptKey = newSigningKey();
  await withSim(['--secret', secret, '--receipt-key', receiptKey.whsk], async (sim, out) => {
    const body = '{"r":1}';
    const r = await deliver(sim.url, { id: 'rc', body, secret });
    const m = /^t=(\d+) sha256=([0-9a-f]{64}) v1a,(\S+)$/.exec(r.headers.get('webhook-receipt'));
    assert.ok(m, r.headers.get('webhook-receipt'));
    assert.equal(m[2], createHash('sha256').update(body).digest('hex'));
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(receiptKey.whpk.slice(5), 'base64').toString('base64url') }, format: 'jwk' });
    assert.ok(edVerify(null, Buffer.from(`rc.${m[1]}.${m[2]}`), pub, Buffer.from(m[3], 'base64')));
    assert.equal(jsonLines(out)[0].received_ms, Number(m[1]));
  });
});

test('killed with -9 and restarted on the same file, it still writes each id once; an unfinished last line is cut', async () => {
  const { out, cleanup } = scratch();
  const secret = newSecret();
  let sim = await startAgencySim(out, ['--port', '0', '--secret', secret]);
  try {
    for (let i = 0; i < 5; ++i) assert.equal((await deliver(sim.url, { id: `k${i}`, body: { i }, secret })).status, 200);
    await sim.stop('SIGKILL');
    sim = await startAgencySim(out, ['--port', '0', '--secret', secret]);
    for (let i = 0; i < 7; ++i) {
      const r = await deliver(sim.url, { id: `k${i}`, body: { i }, secret });
      assert.equal(r.status, 200);
      assert.equal(r.json.duplicate, i < 5);
    }
    await sim.stop('SIGKILL');
    assert.deepEqual(jsonLines(out).map((l) => l.id), ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);

    // A line the machine never finished (no newline) was never acknowledged: cut off.
    writeFileSync(out, readFileSync(out, 'utf8') + '{"id":"k7","body"', { flag: 'w' });
    sim = await startAgencySim(out, ['--port', '0', '--secret', secret]);
    assert.match(sim.stderr(), /cut an unfinished last line/);
    assert.equal((await deliver(sim.url, { id: 'k7', body: { i: 7 }, secret })).json.duplicate, false);
    assert.deepEqual(jsonLines(out).map((l) => l.id).slice(-2), ['k6', 'k7']);
  } finally {
    await sim.stop();
    cleanup();
  }
});

test('a file that is not the simulator\'s is refused at start', async () => {
  const { out, cleanup } = scratch();
  try {
    writeFileSync(out, 'not json\n');
    await assert.rejects(startAgencySim(out, ['--port', '0', '--secret', newSecret()]), /exited 2/);
    await assert.rejects(startAgencySim(`${out}.x`, ['--port', '0', '--secret', 'whsec_']), /exited 2/);
    await assert.rejects(startAgencySim(`${out}.x`, ['--port', '0']), /exited 2/);
  } finally {
    cleanup();
  }
});

test('faults: --fail-rate answers 500/502/429 before writing, --answer-status, --delay-ms, --down-for-s', async () => {
  const { out, cleanup } = scratch();
  const secret = newSecret();
  let sim = await startAgencySim(out, ['--port', '0', '--secret', secret, '--fail-rate', '1', '--seed', '3', '--retry-after-s', '2']);
  try {
    const seen = new Set();
    for (let i = 0; i < 20; ++i) {
      const r = await deliver(sim.url, { id: `f${i}`, body: { i }, secret });
      seen.add(r.status);
      if (r.status === 429) assert.equal(r.headers.get('retry-after'), '2');
    }
    assert.deepEqual([...seen].sort(), [429, 500, 502]);
    assert.deepEqual(jsonLines(out), []);
    assert.equal(JSON.parse((await rawRequest(sim.url, '/stats')).bytes.toString()).failed, 20);
    const port = sim.port;
    await sim.stop();

    sim = await startAgencySim(out, ['--port', '0', '--secret', secret, '--fail-rate', '1', '--fail-status', '503,504']);
    for (let i = 0; i < 6; ++i) assert.ok([503, 504].includes((await deliver(sim.url, { id: `f${i}`, body: { i }, secret })).status));
    await sim.stop();

    sim = await startAgencySim(out, ['--port', '0', '--secret', secret, '--answer-status', '410']);
    assert.equal((await deliver(sim.url, { id: 'g', body: {}, secret })).status, 410);
    assert.equal((await deliver(sim.url, { id: 'g', body: {}, secret: newSecret() })).status, 401);
    await sim.stop();
    assert.deepEqual(jsonLines(out), []);

    sim = await startAgencySim(out, ['--port', '0', '--secret', secret, '--delay-ms', '300']);
    const t0 = Date.now();
    assert.equal((await deliver(sim.url, { id: 'd', body: {}, secret })).status, 200);
    assert.ok(Date.now() - t0 >= 290, 'the answer waits --delay-ms');
    await sim.stop();

    const down = startAgencySim(out, ['--port', String(port), '--secret', secret, '--down-for-s', '2']);
    await new Promise((r) => setTimeout(r, 500));
    await assert.rejects(rawRequest(`http://127.0.0.1:${port}`, '/stats'), /ECONNREFUSED/);
    sim = await down;
    assert.ok(sim.startedAfterMs >= 2000, `listened after ${sim.startedAfterMs} ms`);
    assert.equal(sim.port, port);
    assert.equal((await deliver(sim.url, { id: 'd', body: {}, secret })).json.duplicate, true);
  } finally {
    await sim.stop();
    cleanup();
  }
});
