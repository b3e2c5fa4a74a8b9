// The counter queue (issue 20) against a real huji on either backend (HUJI_TEST_BACKEND): the
// demo office's services and counters, tickets from the kiosk and the clerk numbered per
// service, call-next by the priority ratio, 204 when nobody waits, the display's replay of
// calls with their sequence numbers, and the queue as committed after kill -9.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { makeDemoDb, startHuji, api, login, assertBilingualError, backend } from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 20 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const take = (body, token) => api(url, '/api/v1/queue/tickets', { method: 'POST', token, body });
const callNext = (counter, token = tok.clerk) =>
  api(url, `/api/v1/queue/counters/${counter}/call-next`, { method: 'POST', token });

test('the demo office has services (public) and counters (staff)', async () => {
  const s = await api(url, '/api/v1/queue/services');
  assert.equal(s.status, 200, s.text);
  const codes = s.json.services.map((x) => x.code);
  assert.ok(codes.includes('transcript') && codes.includes('registration'), codes.join());
  for (const x of s.json.services) assert.ok(x.name_zh && x.name_en && x.code);
  assertBilingualError(await api(url, '/api/v1/queue/counters'), 401, 'auth.required');
  const c = await api(url, '/api/v1/queue/counters', { token: tok.clerk });
  assert.equal(c.status, 200, c.text);
  assert.ok(c.json.counters.length >= 6);
  for (const x of c.json.counters) {
    assert.equal(typeof x.id, 'string');
    assert.ok(x.services.length > 0 && x.services.every((code) => codes.includes(code)));
  }
  assertBilingualError(await api(url, '/api/v1/queue/counters', { token: tok.auditor }), 403, 'auth.forbidden');
});

test('tickets are numbered per service; bad input is refused', async () => {
  const a = await take({ service: 'seal', priority: false });
  assert.equal(a.status, 201, a.text);
  const b = await take({ service: 'seal', priority: false });
  assert.equal(b.json.ticket.number, a.json.ticket.number + 1);
  assert.equal(a.json.ticket.service, 'seal');
  assert.equal(typeof a.json.ticket.estimated_wait_min, 'number');
  assert.ok(b.json.ticket.estimated_wait_min >= a.json.ticket.estimated_wait_min);
  const other = await take({ service: 'transcript', priority: false });
  assert.notEqual(Math.floor(other.json.ticket.number / 1000), Math.floor(a.json.ticket.number / 1000));
  assertBilingualError(await take({ service: 'nope', priority: false }), 404, 'queue.unknown_service');
  assertBilingualError(await take({ service: 'seal', priority: false, priority_reason: 'elderly' }), 400,
    'queue.priority_reason');
  assertBilingualError(await take({ service: 'seal', source: 'phone' }), 400, 'queue.source');
  const byClerk = await take({ service: 'seal', priority: true, priority_reason: 'elderly' }, tok.clerk);
  assert.equal(byClerk.status, 201, byClerk.text);
  assert.equal(byClerk.json.ticket.source, 'clerk');
  const seen = await api(url, `/api/v1/queue/tickets/${a.json.ticket.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.ticket.status, 'waiting');
  // Drain what this test left, so that the next tests start from an empty seal queue.
  for (let i = 0; i < 10 && (await callNext('1')).status === 200; i++);
  assert.equal((await callNext('1')).status, 204);
});

test('call-next follows the ratio 2 priority : 1 ordinary and says 204 when nobody waits', async () => {
  const made = [];
  for (const priority of [false, false, true, true, true]) {
    const r = await take({ service: 'id_card', priority });
    assert.equal(r.status, 201, r.text);
    made.push(r.json.ticket);
  }
  const order = [];
  for (;;) {
    const r = await callNext('2');
    if (r.status === 204) break;
    assert.equal(r.status, 200, r.text);
    order.push(r.json.ticket.number);
  }
  const n = made.map((t) => t.number);
  // Two priority tickets, one ordinary, the last priority, the last ordinary.
  assert.deepEqual(order, [n[2], n[3], n[0], n[4], n[1]]);
  assertBilingualError(await callNext('99'), 404, 'queue.no_counter');
  assertBilingualError(await callNext('2', tok.auditor), 403, 'auth.forbidden');
});

test('the display replays calls in sequence; the queue survives kill -9', async () => {
  const before = await api(url, '/api/v1/queue/display/events?after=0');
  assert.equal(before.status, 200);
  const last = before.json.calls.at(-1)?.seq ?? 0;
  const t = await take({ service: 'transcript', priority: false });
  const waiting = await take({ service: 'transcript', priority: false });
  const called = await callNext('5');
  assert.equal(called.status, 200);
  const after = await api(url, `/api/v1/queue/display/events?after=${last}`);
  assert.equal(after.json.calls.length, 1);
  const m = after.json.calls[0];
  assert.equal(m.type, 'call');
  assert.equal(m.seq, last + 1);
  assert.equal(m.counter, '5');
  assert.equal(m.number, called.json.ticket.number);
  assert.ok([t.json.ticket.number].includes(m.number) || m.number < t.json.ticket.number);

  await server.stop('SIGKILL');
  server = await startHuji(demo.db);
  url = server.url;
  tok.clerk = await login(url, 'clerk');
  const still = await api(url, `/api/v1/queue/tickets/${waiting.json.ticket.id}`);
  assert.equal(still.json.ticket.status, 'waiting');
  const replay = await api(url, `/api/v1/queue/display/events?after=${last}`);
  assert.equal(replay.json.calls.length, 1);
  const next = await callNext('5');
  assert.equal(next.status, 200);
  assert.equal(next.json.ticket.id, waiting.json.ticket.id);
  const again = await api(url, `/api/v1/queue/display/events?after=${last + 1}`);
  assert.equal(again.json.calls[0].seq, last + 2);
});

function writeSql(sql) {
  if (backend === 'postgres') execFileSync('psql', [demo.db, '-X', '-q', '-c', sql]);
  else execFileSync('sqlite3', [demo.db, sql]);
}

test('the public sees a ticket without its staff fields; old tickets are over; bad input is refused', async () => {
  tok.clerk = await login(url, 'clerk');
  tok.admin = await login(url, 'admin');
  const drawn = await take({ service: 'certificate', priority: true, priority_reason: 'disabled' });
  assert.equal(drawn.status, 201, drawn.text);
  assert.equal(drawn.json.ticket.priority_reason, 'disabled', 'the one drawing it sees the reason given');
  const called = await callNext('7');
  assert.equal(called.json.ticket.id, drawn.json.ticket.id);
  const id = drawn.json.ticket.id;
  const done = await api(url, `/api/v1/queue/tickets/${id}/finish`, { method: 'POST', token: tok.clerk,
    body: { outcome: 'certificate', link: '' } });
  assert.equal(done.status, 200, done.text);
  const seen = await api(url, `/api/v1/queue/tickets/${id}`);
  assert.equal(seen.status, 200);
  for (const field of ['link', 'outcome', 'priority_reason', 'version', 'called_by']) {
    assert.ok(!(field in seen.json.ticket), `${field} is not public`);
  }
  const staff = await api(url, `/api/v1/queue/tickets/${id}`, { token: tok.clerk });
  assert.equal(staff.json.ticket.priority_reason, 'disabled');
  assert.equal(staff.json.ticket.outcome, 'certificate');

  // A ticket left waiting yesterday reads expired and takes no step but cancel or finish.
  const old = await take({ service: 'certificate', priority: false });
  writeSql(`UPDATE queue_tickets SET day = '2020-01-02' WHERE id = ${old.json.ticket.id}`);
  const expired = await api(url, `/api/v1/queue/tickets/${old.json.ticket.id}`);
  assert.equal(expired.json.ticket.status, 'expired');
  assert.equal(expired.json.ticket.estimated_wait_min, 0);
  assertBilingualError(await api(url, `/api/v1/queue/tickets/${old.json.ticket.id}/transfer`,
    { method: 'POST', token: tok.clerk, body: { service: 'seal' } }), 409, 'queue.not_today');
  assert.equal((await api(url, `/api/v1/queue/tickets/${old.json.ticket.id}/cancel`,
    { method: 'POST', token: tok.clerk, body: {} })).status, 200);

  // Numbers drawn today stay unique: a number base moves only on a day without tickets.
  const services = await api(url, '/api/v1/queue/services?all=true', { token: tok.admin });
  const cert = services.json.services.find((x) => x.code === 'certificate');
  const moved = await api(url, '/api/v1/queue/services/certificate', { method: 'PUT', token: tok.admin,
    body: { name_zh: cert.name_zh, name_en: cert.name_en, number_base: 9000, sort: cert.sort ?? 6, active: true } });
  assertBilingualError(moved, 409, 'queue.number_base_in_use');

  assertBilingualError(await api(url, '/api/v1/queue/display/events?after=-1'), 400, 'queue.after');
  assertBilingualError(await api(url, '/api/v1/queue/display/events?after=x'), 400, 'queue.after');
});
