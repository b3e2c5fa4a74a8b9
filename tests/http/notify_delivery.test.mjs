// Cross-agency notification delivery (issue 19) through a real `huji serve` and a receiver
// written here with node:crypto: the receiver checks each Standard Webhooks v1 signature
// itself (HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with the whsec_ key), so
// a pass proves interoperability with the specification, not agreement with our own code.
// The worker runs with its retry schedule shrunk (--notify-retry-scale) so that ten attempts
// take seconds, not three days.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, motherPicker, todayTaipei } from './harness.mjs';

// How each agency's endpoint answers: 'fail' (500), 'ok' (200 with a signed receipt),
// 'gone' (410).
const behaviour = {};
const secrets = {};
const received = [];  // every request: { agency, id, ts, body, valid, contentType }

function verifyV1(secret, id, ts, body, header) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64');
  return (header ?? '').split(' ').includes(`v1,${expected}`);
}

const receiver = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const agency = req.url.slice(1);
    const body = Buffer.concat(chunks);
    const id = req.headers['webhook-id'];
    const ts = req.headers['webhook-timestamp'];
    const valid = Boolean(secrets[agency]) && verifyV1(secrets[agency], id, ts, body, req.headers['webhook-signature'])
      && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
    received.push({ agency, id, ts: Number(ts), body: body.toString('utf8'), valid, contentType: req.headers['content-type'] });
    if (!valid) { res.writeHead(401); res.end('bad signature'); return; }
    const mode = behaviour[agency] ?? 'fail';
    if (mode === 'ok') {
      const receipt = createHmac('sha256', 'receiver-key').update(id).digest('base64');
      res.writeHead(200, { 'content-type': 'application/json', 'webhook-receipt': `v1,${receipt}` });
      res.end(JSON.stringify({ received: id }));
    } else if (mode === 'gone') {
      res.writeHead(410);
      res.end('gone');
    } else {
      res.writeHead(500);
      res.end('try later');
    }
  });
});

let demo, server, tok, hook, nextPerson;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(path, body, token) {
  return api(server.url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });
}

async function createAgency(code, { types = ['name_change'], fields = ['id_number', 'name'], mode = 'fail', dir } = {}) {
  secrets[code] = `whsec_${randomBytes(32).toString('base64')}`;
  behaviour[code] = mode;
  const r = await post('/api/v1/agencies', {
    code, name_zh: `測試機關${code}`, name_en: `Test agency ${code}`, url: dir ?? `${hook}/${code}`,
    secret: secrets[code], types, fields, ...(dir ? { channel: 'file' } : {}),
  }, tok.admin);
  assert.equal(r.status, 201, r.text);
  return r.json.agency;
}

// A name change of a new person, notified to `agencies`, entered and approved: its id.
async function registerNotified(agencies) {
  const p = nextPerson();
  const entered = await post('/api/v1/registrations', {
    type: 'name_change', event_date: todayTaipei(), subject_id: p.id,
    fields: { new_name: '林通報', reason: 'vulgar_or_special' },
    applicant: { name: p.name, id_number: p.id, relation: '本人', identity_check: 'id_card' },
    notify: agencies,
  }, tok.clerk);
  assert.equal(entered.status, 201, entered.text);
  const a = entered.json.application;
  const approved = await post(`/api/v1/registrations/${a.id}/review`, { decision: 'approve', version: a.version }, tok.supervisor);
  assert.equal(approved.status, 200, approved.text);
  return { id: a.id, person: p.id };
}

async function notificationsOf(id) {
  const r = await api(server.url, `/api/v1/registrations/${id}/notifications`, { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  return r.json.notifications;
}

// Polls until `check(notifications)` holds (or fails after `ms`).
async function until(id, check, what, ms = 60000) {
  const end = Date.now() + ms;
  for (;;) {
    const list = await notificationsOf(id);
    if (check(list)) return list;
    if (Date.now() > end) assert.fail(`${what}: ${JSON.stringify(list)}`);
    await sleep(50);
  }
}

let dying;  // registered first: its ten attempts run while the other cases do

describe('notification delivery', () => {
  before(async () => {
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    hook = `http://127.0.0.1:${receiver.address().port}`;
    demo = makeDemoDb();
    nextPerson = motherPicker(demo.db);
    server = await startHuji(demo.db, ['--notify-poll-ms', '100', '--notify-retry-scale', '0.0001']);
    tok = {
      clerk: await login(server.url, 'clerk'),
      supervisor: await login(server.url, 'supervisor'),
      admin: await login(server.url, 'admin'),
    };
    await createAgency('nhi');
    dying = await registerNotified(['nhi']);
  });
  after(async () => {
    await server?.stop();
    demo?.cleanup();
    receiver.close();
  });

  test('pending while the agency fails, then delivered: only a 2xx counts, the ledger keeps every attempt', async () => {
    await createAgency('tax');
    const { id, person } = await registerNotified(['tax']);
    let list = await until(id, (l) => l[0]?.attempts >= 2, 'two failed attempts');
    assert.equal(list.length, 1);
    assert.equal(list[0].agency, 'tax');
    assert.equal(list[0].status, 'pending');
    assert.equal(list[0].last_http_status, 500);
    behaviour.tax = 'ok';
    list = await until(id, (l) => l[0].status === 'delivered', 'delivered');
    const n = list[0];
    assert.ok(n.attempts >= 3, `attempts ${n.attempts}`);
    assert.ok(n.delivered_at_ms > 0);
    assert.equal(n.ledger.length, n.attempts);
    for (const [i, a] of n.ledger.entries()) {
      assert.equal(a.attempt, i + 1);
      assert.equal(a.by, 'worker');
      if (i < n.ledger.length - 1) {
        assert.equal(a.http_status, 500);
        assert.equal(a.outcome, 'retry');
        assert.equal(a.response, 'try later');
      }
    }
    const last = n.ledger.at(-1);
    assert.equal(last.outcome, 'delivered');
    assert.equal(last.http_status, 200);
    assert.match(last.receipt, /^v1,/);
    assert.equal(JSON.parse(last.response).received, n.message_id);
    // The receiver saw the same id and the same bytes every time, each validly signed.
    const seen = received.filter((r) => r.agency === 'tax');
    assert.equal(seen.length, n.attempts);
    for (const r of seen) {
      assert.ok(r.valid);
      assert.equal(r.id, n.message_id);
      assert.equal(r.body, seen[0].body);
      assert.equal(r.contentType, 'application/json');
    }
    const body = JSON.parse(seen[0].body);
    assert.equal(body.type, 'registration.name_change');
    assert.deepEqual(Object.keys(body.data.person).sort(), ['id_number', 'name']);
    assert.equal(body.data.person.id_number, person);
  });

  test('410 Gone disables the agency; enabled again, the message arrives', async () => {
    const created = await createAgency('gone', { mode: 'gone' });
    const { id } = await registerNotified(['gone']);
    let agency;
    for (let i = 0; i < 600; ++i) {
      agency = (await api(server.url, '/api/v1/agencies/gone', { token: tok.admin })).json.agency;
      if (!agency.active) break;
      await sleep(50);
    }
    assert.equal(agency.active, false);
    assert.equal(agency.disabled_reason, 'gone');
    let [n] = await notificationsOf(id);
    assert.equal(n.status, 'pending');
    assert.equal(n.ledger.at(-1).outcome, 'gone');
    assert.equal(n.ledger.at(-1).http_status, 410);
    await sleep(500);
    assert.equal(received.filter((r) => r.agency === 'gone').length, 1, 'nothing more is sent to a disabled agency');
    behaviour.gone = 'ok';
    const put = await api(server.url, '/api/v1/agencies/gone', {
      method: 'PUT', token: tok.admin,
      body: {
        code: 'gone', name_zh: created.name_zh, name_en: created.name_en, url: created.url,
        types: created.types, fields: created.fields, active: true, version: agency.version,
      },
    });
    assert.equal(put.status, 200, put.text);
    [n] = await until(id, (l) => l[0].status === 'delivered', 'delivered after enabling', 20000);
    assert.equal(n.attempts, 2);
  });

  test('a file-drop agency gets one signed file per message, written whole', async () => {
    const dir = join(demo.dir, 'drop');
    mkdirSync(dir);
    await createAgency('land', { dir, fields: ['id_number', 'address'] });
    const { id, person } = await registerNotified(['land']);
    const [n] = await until(id, (l) => l[0]?.status === 'delivered', 'file delivered', 20000);
    assert.equal(n.attempts, 1);
    assert.deepEqual(readdirSync(dir), [`${n.message_id}.json`], 'no temporary file left');
    const envelope = JSON.parse(readFileSync(join(dir, `${n.message_id}.json`), 'utf8'));
    assert.equal(envelope['webhook-id'], n.message_id);
    assert.ok(verifyV1(secrets.land, envelope['webhook-id'], envelope['webhook-timestamp'],
      Buffer.from(envelope.payload, 'utf8'), envelope['webhook-signature']));
    const body = JSON.parse(envelope.payload);
    assert.deepEqual(Object.keys(body.data.person).sort(), ['address', 'id_number']);
    assert.equal(body.data.person.id_number, person);
  });

  test('after ten failed attempts a dead letter; replayed by a supervisor, it arrives', async () => {
    let [n] = await until(dying.id, (l) => l[0].status === 'dead', 'dead letter', 90000);
    assert.equal(n.attempts, 10);
    assert.equal(n.ledger.at(-1).outcome, 'dead');
    const board = await api(server.url, '/api/v1/notifications?status=dead', { token: tok.supervisor });
    assert.equal(board.status, 200, board.text);
    assert.ok(board.json.notifications.some((x) => x.id === n.id));
    assert.match(server.stderr(), /"event":"notification_dead"/);
    behaviour.nhi = 'ok';
    const replay = await post(`/api/v1/notifications/${n.id}/replay`, {}, tok.supervisor);
    assert.equal(replay.status, 200, replay.text);
    [n] = await until(dying.id, (l) => l[0].status === 'delivered', 'delivered after replay', 20000);
    assert.equal(n.ledger.length, 11);
    const bodies = new Set(received.filter((r) => r.agency === 'nhi').map((r) => r.body));
    assert.equal(bodies.size, 1, 'every attempt sent the same bytes');
  });
});
