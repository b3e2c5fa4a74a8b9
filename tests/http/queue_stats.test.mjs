// The lobby's statistics (issue 20 item 6) against a real huji on either backend
// (HUJI_TEST_BACKEND): after tickets are issued and called, GET /api/v1/queue/statistics
// counts them as the ticket rows show them (recomputed from the history), per service, counter
// and clerk, against the office's target; the CSV export says the same in a spreadsheet's
// format; who may read it; bad ranges are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login, assertBilingualError, todayTaipei, daysAgoTaipei } from './harness.mjs';

let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 150, seed: 31 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const take = (body) => api(url, '/api/v1/queue/tickets', { method: 'POST', body: { source: 'kiosk', ...body } });
const callNext = (counter) =>
  api(url, `/api/v1/queue/counters/${counter}/call-next`, { method: 'POST', token: tok.clerk });
const stats = (query = '', token = tok.supervisor) => api(url, `/api/v1/queue/statistics${query}`, { token });

test('an empty day has nothing to measure', async () => {
  const r = await stats();
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.from, todayTaipei());
  assert.equal(r.json.to, todayTaipei());
  assert.equal(r.json.issued, 0);
  assert.equal(r.json.wait.median_min, null);
  assert.equal(r.json.target.share, null);
  assert.equal(r.json.target.met, false);
  assert.deepEqual(r.json.target, { wait_min: 20, share_pct: 80, within: 0, share: null, met: false });
  assert.equal(r.json.arrivals_by_hour.length, 24);
});

test('tickets issued and called are counted as their rows show them', async () => {
  const counters = (await api(url, '/api/v1/queue/counters', { token: tok.clerk })).json.counters;
  const seal = counters.find((c) => c.services.includes('seal'));
  const made = [];
  for (const body of [{ service: 'seal' }, { service: 'seal' }, { service: 'seal', priority: true, priority_reason: 'elderly' }]) {
    const r = await take(body);
    assert.equal(r.status, 201, r.text);
    made.push(r.json.ticket);
  }
  // Three calls at one counter: the first two are finished by the next call, the third is
  // being served.
  for (let i = 0; i < 3; i++) assert.equal((await callNext(seal.id)).status, 200);
  const rows = (await api(url, '/api/v1/queue/tickets', { token: tok.clerk })).json.tickets;
  const r = await stats(`?from=${todayTaipei()}&to=${todayTaipei()}`);
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.equal(s.issued, rows.length);
  assert.equal(s.called, rows.filter((t) => t.calls > 0).length);
  assert.equal(s.served, rows.filter((t) => t.status === 'done').length);
  assert.equal(s.called, 3);
  assert.equal(s.served, 2);
  assert.equal(s.no_shows.count, 0);
  assert.equal(s.no_shows.share, 0);
  assert.equal(s.wait.count, 3);
  assert.ok(s.wait.median_min >= 0 && s.wait.median_min <= s.wait.p90_min, r.text);
  assert.equal(s.service_time.count, 2);
  // Called within seconds: all within the 20-minute target, which is met.
  assert.equal(s.target.within, 3);
  assert.equal(s.target.share, 1);
  assert.equal(s.target.met, true);
  assert.equal(s.arrivals_by_hour.reduce((a, b) => a + b, 0), rows.length);
  const hour = (Math.floor((made[0].arrived_at_ms + 8 * 3600e3) / 3600e3)) % 24;
  assert.ok(s.arrivals_by_hour[hour] >= 1);
  const bySeal = s.by_service.find((g) => g.service === 'seal');
  assert.equal(bySeal.called, 3);
  assert.deepEqual(s.by_counter.map((g) => g.counter), [seal.id]);
  assert.deepEqual(s.by_clerk.map((g) => [g.clerk, g.called]), [['clerk', 3]]);
  assert.equal(s.appointments.called, 0);
  assert.equal(s.appointments.share, null);
  assert.equal(s.appointments.within_min, 5);

  // A range ending today counts the same; one of earlier days has nothing.
  const week = await stats(`?from=${daysAgoTaipei(6)}&to=${todayTaipei()}`);
  assert.equal(week.json.called, 3);
  const past = await stats(`?from=${daysAgoTaipei(6)}&to=${daysAgoTaipei(1)}`);
  assert.equal(past.json.issued, 0);
});

test('the CSV export: UTF-8 with a byte-order mark, one row per group', async () => {
  const r = await api(url, `/api/v1/queue/statistics.csv?from=${todayTaipei()}`, { token: tok.supervisor });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.ok(r.text.startsWith('\uFEFF'), 'BOM');
  const lines = r.text.slice(1).split('\r\n');
  assert.match(lines[0], /^分組,項目,叫號數,等候中位數\(分\)/);
  assert.match(lines[1], new RegExp(`^全部,${todayTaipei()}~${todayTaipei()},3,`));
  assert.ok(lines.some((l) => l.startsWith('服務,seal,3,')), r.text);
  assert.ok(lines.some((l) => l.startsWith('承辦人,clerk,3,')), r.text);
  assert.ok(lines.some((l) => l.startsWith('目標,80% 於 20 分內,達成')), r.text);
});

test('supervisors read the statistics, admins may; others may not; bad ranges are refused', async () => {
  assert.equal((await stats('', tok.admin)).status, 200);
  assertBilingualError(await stats('', tok.clerk), 403, 'auth.forbidden');
  assertBilingualError(await stats('', tok.auditor), 403, 'auth.forbidden');
  assertBilingualError(await api(url, '/api/v1/queue/statistics'), 401, 'auth.required');
  assertBilingualError(await api(url, '/api/v1/queue/statistics.csv', { token: tok.clerk }), 403, 'auth.forbidden');
  assertBilingualError(await stats(`?from=${todayTaipei()}&to=${daysAgoTaipei(1)}`), 400, 'queue.range');
  assertBilingualError(await stats('?from=2024-01-01&to=2025-12-31'), 400, 'queue.range');
  assertBilingualError(await stats('?punctual_min=x'), 400, 'queue.punctual_min');
  assertBilingualError(await stats('?punctual_min=121'), 400, 'queue.punctual_min');
  assert.equal((await stats('?from=2026-13-01')).status, 400);
});
