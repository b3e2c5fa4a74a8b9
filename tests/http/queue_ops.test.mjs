// The counter queue's operations (issue 20) against a real huji on either backend
// (HUJI_TEST_BACKEND): a chosen call out of order, recall after the pause, no-show and return
// within the grace, transfer keeping the place, finish with a link, cancel, the board, the
// office's scope, the configuration of services, counters and the policy, the limit on public
// tickets per client address, and a sequence cut by kill -9 that goes on after the restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  makeDemoDb, startHuji, api, login, demoSql, runCli, assertBilingualError,
} from './harness.mjs';

let demo, server, url;
const tok = {};
let otherOffice = '';

async function signIn() {
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
  tok.far = await login(url, 'far.clerk', 'far-clerk-demo-pass');
}

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 30 });
  [otherOffice] = demoSql(demo.db, "SELECT code FROM offices WHERE code <> '63000080' ORDER BY code").map((r) => r[0]);
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk', '--office', otherOffice,
    '--password-stdin'], 'far-clerk-demo-pass\n');
  server = await startHuji(demo.db, ['--queue-public-limit', '2']);
  url = server.url;
  await signIn();
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const take = (service, extra = {}) =>
  api(url, '/api/v1/queue/tickets', { method: 'POST', token: tok.clerk, body: { service, priority: false, ...extra } });
const ticketOf = async (service) => {
  const r = await take(service);
  assert.equal(r.status, 201, r.text);
  return r.json.ticket;
};
const op = (id, step, body, token = tok.clerk) =>
  api(url, `/api/v1/queue/tickets/${id}/${step}`, { method: 'POST', token, body });
const call = (counter, body, token = tok.clerk) =>
  api(url, `/api/v1/queue/counters/${counter}/call`, { method: 'POST', token, body });
const callNext = (counter) =>
  api(url, `/api/v1/queue/counters/${counter}/call-next`, { method: 'POST', token: tok.clerk });
// The staff's view of a ticket (the public one has no version, overtaken, link).
const get = async (id) => (await api(url, `/api/v1/queue/tickets/${id}`, { token: tok.clerk })).json.ticket;
const policy = (body) => api(url, '/api/v1/queue/policy', { method: 'PUT', token: tok.admin, body });
const calls = async (after) => (await api(url, `/api/v1/queue/display/events?after=${after}`)).json.calls;
const lastSeq = async () => (await calls(0)).at(-1)?.seq ?? 0;

test('a chosen ticket is called out of order, overtaking earlier ones, and shown on the display', async () => {
  const [a, b, c] = [await ticketOf('seal'), await ticketOf('seal'), await ticketOf('seal')];
  const seq = await lastSeq();
  const r = await call('1', { ticket_id: c.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ticket.id, c.id);
  assert.equal(r.json.ticket.status, 'called');
  assert.equal(r.json.ticket.counter, '1');
  assert.equal((await get(a.id)).overtaken, 1);
  assert.equal((await get(b.id)).overtaken, 1);
  const shown = await calls(seq);
  assert.equal(shown.length, 1);
  assert.deepEqual([shown[0].seq, shown[0].ticket_id, shown[0].number, shown[0].recall], [seq + 1, c.id, c.number, false]);
  // The next call finishes the counter's ticket, as call-next does.
  const next = await callNext('1');
  assert.equal(next.json.ticket.id, a.id);
  assert.equal((await get(c.id)).status, 'done');
  assertBilingualError(await call('7', { ticket_id: b.id }), 409, 'queue.not_served');
  assertBilingualError(await call('1', { ticket_id: a.id }), 409, 'queue.wrong_status');
  assertBilingualError(await call('1', {}), 400, 'queue.ticket_required');
  assertBilingualError(await call('1', { ticket_id: 999999 }), 404, 'queue.no_ticket');
  assertBilingualError(await call('1', { ticket_id: b.id, version: b.version + 5 }), 409, 'queue.changed');
  assertBilingualError(await call('1', { ticket_id: b.id }, tok.auditor), 403, 'auth.forbidden');
  const fresh = await get(b.id);
  assert.equal((await call('1', { ticket_id: b.id, version: fresh.version })).status, 200);
  assert.equal((await op(b.id, 'finish', { outcome: 'seal', link: '' })).status, 200);
  assert.equal((await get(a.id)).status, 'done');
});

test('a recall waits for the pause and goes to the display with "recall": true', async () => {
  assert.equal((await policy({ recall_pause_s: 20 })).status, 200);
  const t = await ticketOf('certificate');
  const called = await call('7', { ticket_id: t.id });
  assert.equal(called.status, 200, called.text);
  assertBilingualError(await op(t.id, 'recall'), 409, 'queue.recall_too_soon');
  assert.equal((await policy({ recall_pause_s: 0 })).status, 200);
  const seq = await lastSeq();
  const r = await op(t.id, 'recall', {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ticket.calls, 2);
  const shown = await calls(seq);
  assert.equal(shown.length, 1);
  assert.deepEqual([shown[0].seq, shown[0].ticket_id, shown[0].counter, shown[0].recall], [seq + 1, t.id, '7', true]);
  const waiting = await ticketOf('certificate');
  assertBilingualError(await op(waiting.id, 'recall'), 409, 'queue.wrong_status');
  assert.equal((await op(waiting.id, 'cancel')).status, 200);
  assert.equal((await op(t.id, 'finish', { outcome: 'certificate', link: '' })).status, 200);
});

test('a no-show returns to its place within the grace, not after it', async () => {
  assert.equal((await policy({ no_show_grace_min: 5 })).status, 200);
  const first = await ticketOf('nationality');
  const later = await ticketOf('nationality');
  assert.equal((await call('6', { ticket_id: first.id })).status, 200);
  assertBilingualError(await op(later.id, 'no-show'), 409, 'queue.wrong_status');
  const gone = await op(first.id, 'no-show');
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.json.ticket.status, 'no_show');
  const back = await op(first.id, 'return');
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.ticket.status, 'waiting');
  assert.equal(back.json.ticket.arrived_at_ms, first.arrived_at_ms);
  // Its place: it is called before the later ticket.
  assert.equal((await callNext('6')).json.ticket.id, first.id);
  assert.equal((await policy({ no_show_grace_min: 0 })).status, 200);
  assert.equal((await op(first.id, 'no-show')).status, 200);
  assertBilingualError(await op(first.id, 'return'), 409, 'queue.grace_over');
  assert.equal((await policy({ no_show_grace_min: 5 })).status, 200);
  assert.equal((await callNext('6')).json.ticket.id, later.id);
  assert.equal((await op(later.id, 'finish', { outcome: 'nationality', link: '' })).status, 200);
});

test('a transfer keeps the number and the place; a called ticket goes back to waiting', async () => {
  const moved = await ticketOf('id_card');
  const r1 = await ticketOf('registration');
  const t = await op(moved.id, 'transfer', { service: 'registration' });
  assert.equal(t.status, 200, t.text);
  assert.deepEqual([t.json.ticket.number, t.json.ticket.arrived_at_ms, t.json.ticket.service, t.json.ticket.issued_service],
    [moved.number, moved.arrived_at_ms, 'registration', 'id_card']);
  assertBilingualError(await op(moved.id, 'transfer', { service: 'registration' }), 400, 'queue.same_service');
  assertBilingualError(await op(moved.id, 'transfer', { service: 'nope' }), 404, 'queue.unknown_service');
  const next = await callNext('6');
  assert.equal(next.json.ticket.id, moved.id);
  const back = await op(moved.id, 'transfer', { service: 'nationality' });
  assert.equal(back.json.ticket.status, 'waiting');
  assert.equal((await callNext('6')).json.ticket.id, moved.id);  // still ahead of r1
  assert.equal((await callNext('6')).json.ticket.id, r1.id);
  assert.equal((await get(moved.id)).status, 'done');
  assert.equal((await op(r1.id, 'finish', { outcome: 'registration', link: '' })).status, 200);
  assertBilingualError(await op(r1.id, 'transfer', { service: 'seal' }), 409, 'queue.wrong_status');
});

test('finish records the service done and a link that exists; cancel withdraws a waiting ticket', async () => {
  const [app] = demoSql(demo.db, "SELECT id FROM applications WHERE office_code = '63000080' ORDER BY id LIMIT 1").map((r) => r[0]);
  const t = await ticketOf('transcript');
  assertBilingualError(await op(t.id, 'finish', { outcome: 'transcript' }), 409, 'queue.wrong_status');
  assert.equal((await call('5', { ticket_id: t.id })).status, 200);
  assertBilingualError(await op(t.id, 'finish', { outcome: 'nope' }), 404, 'queue.unknown_service');
  assertBilingualError(await op(t.id, 'finish', { outcome: 'transcript', link: 'person:A1' }), 400, 'queue.link');
  assertBilingualError(await op(t.id, 'finish', { outcome: 'transcript', link: 'application:999999' }), 404, 'queue.no_link');
  assertBilingualError(await op(t.id, 'finish', { outcome: 'transcript', link: 'document:ABCD-EFGH-JKMN-PQRS-TVWX' }), 404,
    'queue.no_link');
  if (app) {
    const done = await op(t.id, 'finish', { outcome: 'registration', link: `application:${app}` });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual([done.json.ticket.status, done.json.ticket.outcome, done.json.ticket.link],
      ['done', 'registration', `application:${app}`]);
  } else {
    assert.equal((await op(t.id, 'finish', { outcome: 'registration', link: '' })).status, 200);
  }
  const w = await ticketOf('transcript');
  const gone = await op(w.id, 'cancel');
  assert.equal(gone.json.ticket.status, 'cancelled');
  assertBilingualError(await op(w.id, 'cancel'), 409, 'queue.wrong_status');
  assertBilingualError(await op(w.id, 'cancel', { version: 1 }), 409, 'queue.changed');
});

test('the board shows each counter\'s ticket and each service\'s waiting tickets (staff only)', async () => {
  const w = await ticketOf('english');
  const p = await take('english', { priority: true, priority_reason: 'pregnant' });
  const serving = await ticketOf('english');
  assert.equal((await call('8', { ticket_id: serving.id })).status, 200);
  const b = await api(url, '/api/v1/queue/board', { token: tok.supervisor });
  assert.equal(b.status, 200, b.text);
  const c8 = b.json.counters.find((c) => c.id === '8');
  assert.equal(c8.serving.id, serving.id);
  assert.ok(c8.name_zh && c8.name_en && c8.services.includes('english') && c8.open === true);
  assert.equal(b.json.counters.find((c) => c.id === '3').serving, null);
  const english = b.json.services.find((s) => s.code === 'english');
  assert.deepEqual([english.waiting, english.priority_waiting], [2, 1]);
  assertBilingualError(await api(url, '/api/v1/queue/board', { token: tok.auditor }), 403, 'auth.forbidden');
  assertBilingualError(await api(url, '/api/v1/queue/board'), 401, 'auth.required');
  for (const id of [w.id, p.json.ticket.id]) assert.equal((await op(id, 'cancel')).status, 200);
  assert.equal((await op(serving.id, 'finish', { outcome: 'english', link: '' })).status, 200);
});

test('a clerk of another office cannot touch this office\'s tickets', async () => {
  const t = await ticketOf('seal');
  for (const [step, body] of [['cancel', {}], ['transfer', { service: 'transcript' }], ['no-show', {}], ['recall', {}],
    ['return', {}], ['finish', { outcome: 'seal' }]]) {
    assertBilingualError(await op(t.id, step, body, tok.far), 403, 'queue.other_office');
  }
  assertBilingualError(await call('1', { ticket_id: t.id }, tok.far), 404, 'queue.no_counter');
  const b = await api(url, '/api/v1/queue/board', { token: tok.far });
  assert.deepEqual([b.json.counters, b.json.services], [[], []]);
  assert.equal((await get(t.id)).status, 'waiting');
  assert.equal((await op(t.id, 'cancel')).status, 200);
});

test('configuration: admin sets services, counters and the policy; a supervisor only opens or closes', async () => {
  const svc = (code, body, token = tok.admin) => api(url, `/api/v1/queue/services/${code}`, { method: 'PUT', token, body });
  const ctr = (id, body, token = tok.admin) => api(url, `/api/v1/queue/counters/${id}`, { method: 'PUT', token, body });
  const made = await svc('household_visit', { name_zh: '到宅服務', name_en: 'Home visits', number_base: 8000, sort: 9, active: true });
  assert.equal(made.status, 200, made.text);
  assert.deepEqual(made.json.service, { code: 'household_visit', name_zh: '到宅服務', name_en: 'Home visits', number_base: 8000, sort: 9, active: true });
  assertBilingualError(await svc('other', { name_zh: '其他', name_en: 'Other', number_base: 8000 }), 409, 'queue.number_base_taken');
  assertBilingualError(await svc('Bad-Code', { name_zh: '其他', name_en: 'Other', number_base: 9000 }), 400, 'queue.service_code');
  assertBilingualError(await svc('other', { name_zh: '其他', name_en: 'Other', number_base: 9000 }, tok.supervisor), 403, 'auth.forbidden');
  const listed = await api(url, '/api/v1/queue/services', { token: tok.clerk });
  assert.ok(listed.json.services.some((s) => s.code === 'household_visit'));
  const v = await take('household_visit');
  assert.equal(v.json.ticket.number, 8001);
  assert.equal((await op(v.json.ticket.id, 'cancel')).status, 200);
  assert.equal((await svc('household_visit', { name_zh: '到宅服務', name_en: 'Home visits', number_base: 8000, sort: 9, active: false })).status, 200);
  assert.ok(!(await api(url, '/api/v1/queue/services')).json.services.some((s) => s.code === 'household_visit'));
  assert.ok((await api(url, '/api/v1/queue/services?all=true', { token: tok.admin })).json.services.some((s) => s.code === 'household_visit' && !s.active));

  const nine = { name_zh: '櫃台 9', name_en: 'Counter 9', services: ['transcript', 'seal'], open: true, sort: 9 };
  const c9 = await ctr('9', nine);
  assert.equal(c9.status, 200, c9.text);
  assert.deepEqual(c9.json.counter, { id: '9', ...nine });
  assertBilingualError(await ctr('9', { ...nine, services: ['nope'] }), 400, 'queue.unknown_service');
  assertBilingualError(await ctr('9', { ...nine, services: [] }), 400, 'queue.counter_services');
  const closed = await ctr('9', { ...nine, open: false }, tok.supervisor);
  assert.equal(closed.status, 200, closed.text);
  assertBilingualError(await callNext('9'), 409, 'queue.counter_closed');
  assertBilingualError(await ctr('9', { ...nine, services: ['seal'] }, tok.supervisor), 403, 'queue.open_only');
  assertBilingualError(await ctr('10', { ...nine, id: undefined }, tok.supervisor), 404, 'queue.no_counter');
  assertBilingualError(await ctr('9', nine, tok.clerk), 403, 'auth.forbidden');
  assert.ok((await api(url, '/api/v1/queue/counters', { token: tok.clerk })).json.counters.some((c) => c.id === '9' && !c.open));

  const p = await api(url, '/api/v1/queue/policy', { token: tok.clerk });
  assert.equal(p.status, 200);
  assert.deepEqual(Object.keys(p.json.policy).sort(), ['cap_min', 'max_overtaken', 'no_show_grace_min', 'priority_ratio',
    'recall_pause_s', 'target_share_pct', 'target_wait_min']);
  assertBilingualError(await policy({ cap_min: 1 }), 400, 'queue.policy');
  assertBilingualError(await api(url, '/api/v1/queue/policy', { method: 'PUT', token: tok.supervisor, body: { cap_min: 30 } }), 403,
    'auth.forbidden');
  const changed = await policy({ cap_min: 30 });
  assert.equal(changed.json.policy.cap_min, 30);
  assert.equal(changed.json.policy.priority_ratio, p.json.policy.priority_ratio);  // kept
  assert.equal((await policy({ cap_min: 40 })).status, 200);
  const audited = demoSql(demo.db, "SELECT action FROM audit WHERE action LIKE 'queue.%' ORDER BY seq").map((r) => r[0]);
  for (const a of ['queue.service', 'queue.counter', 'queue.policy']) assert.ok(audited.includes(a), a);
});

// A POST of a public ticket from a client address of our choosing (127.0.0.2 is this machine
// too, but not one of the default kiosk addresses).
function takeFrom(localAddress, service) {
  const body = JSON.stringify({ service, priority: false, source: 'web' });
  const u = new URL('/api/v1/queue/tickets', url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('one client address holds at most --queue-public-limit waiting tickets of a service; kiosks are exempt', async () => {
  const a = await takeFrom('127.0.0.2', 'id_card');
  assert.equal(a.status, 201, a.text);
  assert.equal((await takeFrom('127.0.0.2', 'id_card')).status, 201);
  assertBilingualError(await takeFrom('127.0.0.2', 'id_card'), 429, 'queue.too_many');
  assert.equal((await takeFrom('127.0.0.2', 'seal')).status, 201);  // another service
  assert.equal((await takeFrom('127.0.0.3', 'id_card')).status, 201);  // another address
  assert.equal((await op(a.json.ticket.id, 'cancel')).status, 200);  // no longer waiting
  assert.equal((await takeFrom('127.0.0.2', 'id_card')).status, 201);
  for (let i = 0; i < 3; i++) assert.equal((await takeFrom('127.0.0.1', 'id_card')).status, 201);  // the kiosk
  const waiting = (await api(url, '/api/v1/queue/tickets?status=waiting', { token: tok.clerk })).json.tickets;
  for (const t of waiting) assert.equal((await op(t.id, 'cancel')).status, 200);
});

test('a sequence cut by kill -9 goes on from what was committed', async () => {
  const first = await ticketOf('transcript');
  const second = await ticketOf('transcript');
  assert.equal((await call('5', { ticket_id: second.id })).status, 200);
  assert.equal((await op(second.id, 'no-show')).status, 200);
  const seq = await lastSeq();
  await server.stop('SIGKILL');
  server = await startHuji(demo.db, ['--queue-public-limit', '2']);
  url = server.url;
  await signIn();
  assert.equal((await get(second.id)).status, 'no_show');
  assert.equal((await get(first.id)).overtaken, 1);
  const back = await op(second.id, 'return');
  assert.equal(back.status, 200, back.text);
  assert.equal((await callNext('5')).json.ticket.id, first.id);  // the earlier arrival
  assert.equal((await callNext('5')).json.ticket.id, second.id);
  assert.equal((await policy({ recall_pause_s: 0 })).status, 200);
  assert.equal((await op(second.id, 'recall')).status, 200);
  assert.deepEqual((await calls(seq)).map((c) => [c.seq, c.ticket_id, c.recall]),
    [[seq + 1, first.id, false], [seq + 2, second.id, false], [seq + 3, second.id, true]]);
  assert.equal((await op(second.id, 'finish', { outcome: 'transcript', link: '' })).status, 200);
  assert.equal((await get(first.id)).status, 'done');
});
