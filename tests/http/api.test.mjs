// HTTP-level tests against a real huji process (see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, rawRequest } from './harness.mjs';

let demo, server, url;

before(async () => {
  demo = makeDemoDb({ persons: 400, seed: 11 });
  server = await startHuji(demo.db);
  url = server.url;
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

function assertBilingualError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code);
  assert.ok(r.json.error.message_zh.length > 0, 'message_zh');
  assert.ok(r.json.error.message_en.length > 0, 'message_en');
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/, 'message_zh is Chinese');
}

describe('health and public endpoints', () => {
  test('healthz answers with the schema version and a request id', async () => {
    const r = await api(url, '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ok');
    assert.ok(r.json.schema_version >= 1);
    assert.ok(r.headers.get('x-request-id'));
  });

  test('a client request id is echoed back', async () => {
    const r = await api(url, '/healthz', { headers: { 'X-Request-Id': 'counter3-0001' } });
    assert.equal(r.headers.get('x-request-id'), 'counter3-0001');
  });

  test('valid citizen ID number', async () => {
    const r = await api(url, '/api/v1/id-numbers/A123456789');
    assert.equal(r.status, 200);
    assert.deepEqual({ valid: r.json.valid, kind: r.json.kind, sex: r.json.sex, reason: r.json.reason },
      { valid: true, kind: 'citizen', sex: 'M', reason: null });
  });

  test('female citizen, resident certificate, and a bad check digit', async () => {
    const f = await api(url, '/api/v1/id-numbers/B223456782');
    assert.deepEqual([f.json.valid, f.json.kind, f.json.sex], [true, 'citizen', 'F']);
    const res = await api(url, '/api/v1/id-numbers/F901234566');
    assert.deepEqual([res.json.valid, res.json.kind, res.json.sex], [true, 'resident', 'F']);
    const r = await api(url, '/api/v1/id-numbers/A123456788');
    assert.equal(r.status, 200);
    assert.equal(r.json.valid, false);
    assert.equal(r.json.reason.code, 'id_number.checksum');
    assert.ok(r.json.reason.message_zh && r.json.reason.message_en);
  });

  test('malformed ID number explains why', async () => {
    for (const bad of ['A12345', '1234567890', 'A323456789', 'AB', '%E7%8E%8B']) {
      const r = await api(url, `/api/v1/id-numbers/${bad}`);
      assert.equal(r.status, 200, bad);
      assert.equal(r.json.valid, false, bad);
      assert.match(r.json.reason.code, /^id_number\./, bad);
    }
  });

  test('address parser splits a full address', async () => {
    const text = encodeURIComponent('臺北市文山區萬芳里5鄰興隆路三段115巷3弄10之1號5樓');
    const r = await api(url, `/api/v1/addresses/parse?text=${text}`);
    assert.equal(r.status, 200, r.text);
    const { county, district, village, neighborhood, road, section, lane, alley, number, floor } = r.json;
    assert.deepEqual({ county, district, village, neighborhood, road, section, lane, alley, number, floor }, {
      county: '臺北市', district: '文山區', village: '萬芳里', neighborhood: '5', road: '興隆路', section: '3',
      lane: '115', alley: '3', number: '10之1', floor: '5',
    });
  });

  test('absent address parts are null', async () => {
    const r = await api(url, `/api/v1/addresses/parse?text=${encodeURIComponent('台北市信義區市府路1號')}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.county, '臺北市');
    assert.equal(r.json.road, '市府路');
    assert.equal(r.json.section, null);
    assert.equal(r.json.village, null);
    assert.equal(r.json.number, '1');
  });

  test('a garbage address is rejected with a reason', async () => {
    const r = await api(url, `/api/v1/addresses/parse?text=${encodeURIComponent('我家門前有小河')}`);
    assertBilingualError(r, 422, r.json?.error?.code);
    assert.match(r.json.error.code, /^address\./);
    const missing = await api(url, '/api/v1/addresses/parse');
    assertBilingualError(missing, 400, 'address.text_required');
  });

  test('due date counts working days across Lunar New Year', async () => {
    const r = await api(url, '/api/v1/calendar/due-date?from=2024-02-07&working-days=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.due, '2024-02-15');
    const makeup = await api(url, '/api/v1/calendar/due-date?from=2024-02-16&working-days=1');
    assert.equal(makeup.json.due, '2024-02-17', 'make-up Saturday is a working day');
  });

  test('deadline moves off a holiday (行政程序法 §48)', async () => {
    // 2024-01-09 + 30 days = 2024-02-08, a holiday; the next working day is 2024-02-15.
    const r = await api(url, '/api/v1/calendar/deadline?from=2024-01-09&days=30');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.due, '2024-02-15');
    const plain = await api(url, '/api/v1/calendar/deadline?from=2024-05-01&days=30');
    assert.equal(plain.json.due, '2024-05-31');
  });

  test('calendar input errors are 400/422 with codes', async () => {
    assertBilingualError(await api(url, '/api/v1/calendar/due-date?from=2024-13-01&working-days=3'), 400, 'date.invalid');
    assertBilingualError(await api(url, '/api/v1/calendar/due-date?from=2024-01-01&working-days=x'), 400, 'calendar.count');
    assertBilingualError(await api(url, '/api/v1/calendar/deadline?days=3'), 400, 'calendar.params');
    const far = await api(url, '/api/v1/calendar/due-date?from=2031-01-01&working-days=3');
    assertBilingualError(far, 422, 'calendar.year_not_loaded');
  });

  test('unknown API path is a JSON 404', async () => {
    assertBilingualError(await api(url, '/api/v1/nope'), 404, 'http.not_found');
  });

  // Requests are first routed by the segment after /api/v1/; whatever that segment's routes
  // do not take must still get the complete router's answer.
  // The express router's std::regex recursed once per character of the path: a GET of ~48 KB
  // overflowed the stack (issue #15). Routing is by segments now.
  test('routing: very long paths are answered and the server stays up', async () => {
    for (const path of ['/api/v1/persons/' + 'A'.repeat(48 * 1024), '/api/v1/' + 'x/'.repeat(24 * 1024),
      '/' + 'a'.repeat(60 * 1024)]) {
      assertBilingualError(await api(url, path), 414, 'http.uri_too_long');
    }
    assert.equal((await api(url, '/api/v1/persons/' + 'A'.repeat(7 * 1024))).status, 401);
    assert.equal((await api(url, '/healthz')).status, 200);
  });

  test('routing: a known segment without a matching route, another method, a trailing slash', async () => {
    assertBilingualError(await api(url, '/api/v1/households'), 404, 'http.not_found');  // /persons is the name search
    assertBilingualError(await api(url, '/api/v1/persons/A123456789', { method: 'POST' }), 404, 'http.not_found');
    assertBilingualError(await api(url, '/api/v1/calendar/nothing'), 404, 'http.not_found');
    const slash = await api(url, '/api/v1/id-numbers/A123456789/');
    assert.equal(slash.status, 200);
    assert.equal(slash.json.valid, true);
    // RESTinio decodes %69 ("i") before matching: the group is not known, the complete
    // router takes it.
    const encoded = await api(url, '/api/v1/%69d-numbers/A123456789');
    assert.equal(encoded.status, 200);
    assert.equal(encoded.json.valid, true);
  });
});

// Sends raw bytes on a connection of its own; resolves with what came back (maybe nothing).
function rawBytes(base, bytes) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const sock = connect(Number(port), hostname, () => sock.end(bytes));
    let got = Buffer.alloc(0);
    sock.on('data', (d) => { got = Buffer.concat([got, d]); });
    sock.on('close', () => resolve(got.toString('latin1')));
    sock.on('error', () => resolve(got.toString('latin1')));
  });
}

describe('malformed requests', () => {
  test('a path that is not UTF-8 is answered (or closed) and the server stays up', async () => {
    for (const path of ['/api/v1/households/', '/api/v1/door-plates/', '/api/v1/persons/', '/api/v1/registrations/']) {
      const head = Buffer.from(`GET ${path}`, 'latin1');
      const tail = Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1');
      const reply = await rawBytes(url, Buffer.concat([head, Buffer.from([0xff, 0xfe]), tail]));
      if (reply) assert.match(reply, /^HTTP\/1\.1 [45]\d\d /, reply);
    }
    const health = await api(url, '/healthz');
    assert.equal(health.status, 200, health.text);
  });

  test('access log lines are JSON: a path is escaped, masked, and bytes that are not UTF-8 replaced', async () => {
    const small = makeDemoDb({ persons: 20, seed: 3 });  // its own: the journal is the first server's
    const own = await startHuji(small.db);
    try {
      const send = (bytes) => rawBytes(own.url, Buffer.concat([
        Buffer.from('GET ', 'latin1'), bytes,
        Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'latin1')]));
      await send(Buffer.from('/api/v1/id-numbers/A123456789"x\\y', 'latin1'));
      await send(Buffer.concat([Buffer.from('/api/v1/id-numbers/B2', 'latin1'), Buffer.from([0xff]), Buffer.from('z', 'latin1')]));
    } finally {
      await own.stop();  // flushes the log
      small.cleanup();
    }
    const lines = own.stderr().split('\n').filter((l) => l.includes('"method"'));
    const paths = lines.map((l) => JSON.parse(l.slice(l.indexOf('{'))).path);
    assert.ok(paths.includes('/api/v1/id-numbers/**********"x\\y'), paths.join(' | '));
    assert.ok(paths.includes('/api/v1/id-numbers/B2\ufffdz'), paths.join(' | '));
  });
});

describe('authentication', () => {
  test('login returns a bearer token and the user', async () => {
    const r = await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'clerk', password: 'clerk-demo-pass' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(typeof r.json.token, 'string');
    assert.equal(r.json.user.role, 'clerk');
    assert.equal(r.json.user.office_code, '63000080');
    const me = await api(url, '/api/v1/auth/me', { token: r.json.token });
    assert.equal(me.status, 200);
    assert.equal(me.json.user.username, 'clerk');
  });

  test('wrong password is 401 with a bilingual message', async () => {
    const r = await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'supervisor', password: 'wrong' } });
    assertBilingualError(r, 401, 'auth.invalid_credentials');
  });

  test('malformed login bodies are 400', async () => {
    assertBilingualError(await api(url, '/api/v1/auth/login', { method: 'POST', body: '{not json' }), 400, 'http.bad_json');
    assertBilingualError(await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 3 } }), 400, 'auth.bad_request');
    assertBilingualError(await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'clerk' } }), 400, 'auth.bad_request');
    assertBilingualError(await api(url, '/api/v1/auth/login',
      { method: 'POST', body: { username: 'clerk', password: 'clerk-demo-pass', remember: true } }), 400, 'http.unknown_field');
    assertBilingualError(await api(url, '/api/v1/auth/login',
      { method: 'POST', body: '{"username":"nobody","username":"clerk","password":"clerk-demo-pass"}' }), 400, 'http.duplicate_key');
  });

  test('an oversized body is 413', async () => {
    const r = await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'clerk', password: 'x'.repeat(100 * 1024) } });
    assertBilingualError(r, 413, 'http.body_too_large');
  });

  test('a missing or bad token is 401', async () => {
    assertBilingualError(await api(url, '/api/v1/persons/A123456789?purpose=x'), 401, 'auth.required');
    assertBilingualError(await api(url, '/api/v1/auth/me', { token: 'forged' }), 401, 'auth.required');
  });

  test('logout revokes the token', async () => {
    const token = await login(url, 'clerk');
    const out = await api(url, '/api/v1/auth/logout', { method: 'POST', token });
    assert.equal(out.status, 204);
    assertBilingualError(await api(url, '/api/v1/auth/me', { token }), 401, 'auth.required');
  });

  // No lock any more (issue 15): repeated failures make this address wait for the account,
  // a doubling delay; tests/http/abuse_login.test.mjs covers the rest.
  test('repeated failures throttle the address for the account (429 with Retry-After)', async () => {
    let r;
    for (let i = 0; i < 10; i++) {
      r = await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'admin', password: 'wrong-' + i } });
      if (r.status === 429) break;
      assert.equal(r.status, 401);
    }
    assertBilingualError(r, 429, 'auth.throttled');
    assert.ok(Number(r.headers.get('retry-after')) >= 1, r.headers.get('retry-after'));
  });
});

describe('persons and audit', () => {
  test('a clerk looks a person up with a purpose; the auditor sees who and why', async () => {
    const clerk = await login(url, 'clerk');
    const id = demo.sample;
    assert.ok(id, 'demo printed a sample person');
    const r = await api(url, `/api/v1/persons/${id}?purpose=${encodeURIComponent('受理申請')}`, {
      token: clerk, headers: { 'X-Request-Id': 'lookup-req-1' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.person.id_number, id);
    assert.match(r.json.person.birth_date_roc, /^民國\d+年\d\d月\d\d日$/);
    assert.ok(r.json.household.members.some((m) => m.id_number === id));
    assert.ok(r.json.household.address.length > 5);
    assert.ok(r.json.events.length >= 1);
    assert.match(r.json.events[0].text_zh, /登記/);
    assert.equal(r.headers.get('cache-control'), 'no-store');

    const auditor = await login(url, 'auditor');
    const a = await api(url, `/api/v1/audit?subject=${id}`, { token: auditor });
    assert.equal(a.status, 200, a.text);
    const entry = a.json.entries.find((e) => e.request_id === 'lookup-req-1');
    assert.ok(entry, 'the lookup is in the audit trail');
    assert.equal(entry.username, 'clerk');
    assert.equal(entry.role, 'clerk');
    assert.equal(entry.purpose, '受理申請');
    assert.equal(entry.action, 'person.read');
    assert.equal(entry.outcome, 'ok');

    const byUser = await api(url, '/api/v1/audit?user=clerk', { token: auditor });
    assert.ok(byUser.json.entries.some((e) => e.request_id === 'lookup-req-1'));
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const byDay = await api(url, `/api/v1/audit?day=${today}`, { token: auditor });
    assert.ok(byDay.json.entries.some((e) => e.request_id === 'lookup-req-1'));
    // Paging backwards by seq: beyond 9 digits too (a national trail passes 10^9 entries).
    const newest = byUser.json.entries[0].seq;
    const older = await api(url, `/api/v1/audit?user=clerk&before=${newest}`, { token: auditor });
    assert.ok(older.json.entries.every((e) => e.seq < newest));
    const far = await api(url, '/api/v1/audit?user=clerk&before=10000000000', { token: auditor });
    assert.equal(far.status, 200);
    assert.equal(far.json.entries[0].seq, newest);
    assertBilingualError(await api(url, '/api/v1/audit?before=12x', { token: auditor }), 400, 'audit.before');
  });

  test('a summary lookup shows only the person\'s own row and is audited as a summary', async () => {
    const clerk = await login(url, 'clerk');
    const id = demo.sample;
    const r = await api(url, `/api/v1/persons/${id}?view=summary&purpose=${encodeURIComponent('臨櫃身分核對')}`, {
      token: clerk, headers: { 'X-Request-Id': 'summary-req-1' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.view, 'summary');
    assert.equal(r.json.person.id_number, id);
    assert.match(r.json.person.household_no, /^[A-Z]\d{7}$/);
    assert.equal(r.json.household, undefined);
    assert.equal(r.json.events, undefined);
    assert.equal(r.json.person.father, undefined);
    assert.equal(r.headers.get('cache-control'), 'no-store');

    const auditor = await login(url, 'auditor');
    const a = await api(url, `/api/v1/audit?subject=${id}`, { token: auditor });
    const entry = a.json.entries.find((e) => e.request_id === 'summary-req-1');
    assert.ok(entry, 'the summary lookup is in the audit trail');
    assert.equal(entry.action, 'person.read_summary');
    assert.equal(entry.purpose, '臨櫃身分核對');

    const full = await api(url, `/api/v1/persons/${id}?view=full&purpose=x`, { token: clerk });
    assert.equal(full.status, 200, full.text);
    assert.equal(full.json.view, 'full');
    assertBilingualError(await api(url, `/api/v1/persons/${id}?view=everything&purpose=x`, { token: clerk }),
      400, 'person.view_invalid');
  });

  test('purpose is required', async () => {
    const clerk = await login(url, 'clerk');
    assertBilingualError(await api(url, `/api/v1/persons/${demo.sample}`, { token: clerk }), 400, 'person.purpose_required');
  });

  test('a malformed ID number is 422, an unknown one 404', async () => {
    const clerk = await login(url, 'clerk');
    assertBilingualError(await api(url, '/api/v1/persons/A123456788?purpose=x', { token: clerk }), 422, 'id_number.checksum');
    assertBilingualError(await api(url, '/api/v1/persons/Z199999990?purpose=x', { token: clerk }), 404, 'person.not_found');
  });

  test('roles are enforced by the server: auditors cannot read persons, clerks cannot read audit', async () => {
    const auditor = await login(url, 'auditor');
    assertBilingualError(await api(url, `/api/v1/persons/${demo.sample}?purpose=x`, { token: auditor }), 403, 'auth.forbidden');
    const clerk = await login(url, 'clerk');
    assertBilingualError(await api(url, `/api/v1/audit?subject=${demo.sample}`, { token: clerk }), 403, 'auth.forbidden');
  });
});

describe('static files', () => {
  // The root check compared characters: with --web /x/dist, /../dist-secret/… was inside it.
  test('a sibling folder whose name starts with the web root\'s is not served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huji-web-'));
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'dist-secret'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'dist', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'dist-secret', 'key.txt'), 'the-secret');
    const web = await startHuji(demo.db, ['--web', join(dir, 'dist'), '--audit-journal', 'none']);
    try {
      const ok = await rawRequest(web.url, '/app.js');
      assert.equal(ok.status, 200);
      assert.equal(ok.bytes.toString(), 'console.log(1)');
      // Sent as typed on a socket: a URL object would resolve the dots away.
      const { hostname, port } = new URL(web.url);
      const send = (path) => new Promise((done, fail) => {
        const sock = connect(Number(port), hostname, () => {
          sock.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        });
        let text = '';
        sock.on('data', (d) => { text += d; });
        sock.on('end', () => done(text));
        sock.on('error', fail);
      });
      for (const path of ['/../dist-secret/key.txt', '/app.js/../../dist-secret/key.txt', '/%2e%2e/dist-secret/key.txt']) {
        const text = await send(path);
        assert.match(text, /^HTTP\/1\.1 /, path);
        assert.ok(!text.includes('the-secret'), `${path} served the sibling's file`);
      }
      assert.ok((await send('/app.js')).includes('console.log(1)'));
    } finally {
      await web.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
