// Wait estimates and crowd dispersion (issue 20 item 4) against a real huji on either backend
// (HUJI_TEST_BACKEND): each waiting ticket's estimate as a value and a range from the queue
// and the counters that serve it, and GET /api/v1/queue/advice telling the supervisor which
// counter to re-assign when a service's predicted wait passes the target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login, assertBilingualError } from './harness.mjs';

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

const take = (service) =>
  api(url, '/api/v1/queue/tickets', { method: 'POST', body: { service, priority: false } });
const advice = (token) => api(url, '/api/v1/queue/advice', { token });

test('the advice needs a clerk or a supervisor', async () => {
  assertBilingualError(await advice(undefined), 401, 'auth.required');
  assertBilingualError(await advice(tok.auditor), 403, 'auth.forbidden');
  const r = await advice(tok.clerk);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.office, '63000080');
});

test('an empty queue is within the target everywhere', async () => {
  const r = await advice(tok.supervisor);
  assert.equal(r.status, 200, r.text);
  const codes = r.json.services.map((s) => s.service);
  assert.ok(codes.includes('nationality') && codes.includes('transcript'), codes.join());
  for (const s of r.json.services) {
    assert.equal(s.waiting, 0);
    assert.equal(s.target_wait_min, 20);
    assert.equal(s.over_target, false);
    assert.equal(s.advice, null);
    assert.ok(s.name_zh && s.name_en);
  }
});

test('each ticket is quoted a value and a range that grow with the queue', async () => {
  // Only counter 6 serves nationality: each ticket waits one more service than the last.
  const made = [];
  for (let i = 0; i < 3; i++) {
    const r = await take('nationality');
    assert.equal(r.status, 201, r.text);
    made.push(r.json.ticket);
  }
  for (const t of made) {
    assert.ok(t.estimate_low_min <= t.estimated_wait_min && t.estimated_wait_min <= t.estimate_high_min,
      JSON.stringify(t));
    assert.equal(t.quoted_wait_min, t.estimated_wait_min);
  }
  assert.equal(made[0].estimated_wait_min, 0);
  assert.deepEqual(made.map((t) => t.position), [0, 1, 2]);
  assert.ok(made[1].estimated_wait_min > made[0].estimated_wait_min);
  assert.ok(made[2].estimated_wait_min > made[1].estimated_wait_min);
  assert.ok(made[2].estimate_high_min - made[2].estimate_low_min >
    made[0].estimate_high_min - made[0].estimate_low_min);
  // The holder's page shows the estimate now; after a call, the next in line is nearer.
  const before = await api(url, `/api/v1/queue/tickets/${made[2].id}`);
  assert.equal(before.json.ticket.estimated_wait_min, made[2].estimated_wait_min);
  const called = await api(url, '/api/v1/queue/counters/6/call-next', { method: 'POST', token: tok.clerk });
  assert.equal(called.status, 200, called.text);
  assert.equal(called.json.ticket.id, made[0].id);
  const after = await api(url, `/api/v1/queue/tickets/${made[2].id}`);
  assert.equal(after.json.ticket.position, 1);
  assert.ok(after.json.ticket.estimated_wait_min <= made[2].estimated_wait_min, after.text);
});

test('past the target the supervisor is told which counter to re-assign', async () => {
  let last;
  for (let i = 0; i < 8; i++) last = (await take('nationality')).json.ticket;
  const r = await advice(tok.supervisor);
  assert.equal(r.status, 200, r.text);
  const nat = r.json.services.find((s) => s.service === 'nationality');
  assert.ok(nat.waiting >= 9, JSON.stringify(nat));
  assert.ok(nat.last_wait_min > 20 && nat.last_wait_min >= last.estimated_wait_min, JSON.stringify(nat));
  assert.equal(nat.over_target, true);
  // Every demo counter is open: one of another service is moved, and the others keep within
  // the target.
  assert.equal(nat.advice.action, 'reassign', JSON.stringify(nat.advice));
  assert.notEqual(nat.advice.counter, '6');
  assert.ok(nat.advice.from_services.length > 0 && !nat.advice.from_services.includes('nationality'));
  assert.ok(nat.advice.wait_after_min < nat.last_wait_min, JSON.stringify(nat.advice));
  assert.match(nat.advice.text_zh, new RegExp(`${nat.advice.counter} 號櫃台`));
  assert.match(nat.advice.text_en, new RegExp(`re-assign counter ${nat.advice.counter} `));
  for (const s of r.json.services) {
    if (s.service !== 'nationality') assert.equal(s.advice, null, JSON.stringify(s));
  }
  // The clerks may read it too.
  assert.equal((await advice(tok.clerk)).json.services.find((s) => s.service === 'nationality').over_target, true);
});

test('with its only counter closed, the advice is to open it', async () => {
  const counters = (await api(url, '/api/v1/queue/counters', { token: tok.supervisor })).json.counters;
  const six = counters.find((c) => c.id === '6');
  const put = (open) => api(url, '/api/v1/queue/counters/6', {
    method: 'PUT', token: tok.supervisor,
    body: { name_zh: six.name_zh, name_en: six.name_en, services: six.services, open, sort: six.sort },
  });
  const closed = await put(false);
  assert.equal(closed.status, 200, closed.text);
  try {
    const nat = (await advice(tok.supervisor)).json.services.find((s) => s.service === 'nationality');
    assert.equal(nat.over_target, true, JSON.stringify(nat));
    assert.equal(nat.advice.action, 'open', JSON.stringify(nat.advice));
    assert.equal(nat.advice.counter, '6');
    assert.deepEqual(nat.advice.from_services, []);
    assert.match(nat.advice.text_en, /open counter 6 /);
    assert.match(nat.advice.text_zh, /請開啟/);
  } finally {
    assert.equal((await put(true)).status, 200);
  }
});
