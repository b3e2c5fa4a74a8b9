// An admin's management of their office's staff accounts through the API (issue 17, item 6):
// the list with each account's state, adding an account with a generated initial password,
// changing a role (which signs the account out), disabling (the account can no longer sign
// in), the office's last admin kept, another office's staff out of reach, every change in the
// audit trail; the offices list and a calendar year's days.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login, runCli, demoSql, assertBilingualError, backend } from './harness.mjs';

let demo;
let server;
let tok;
let ownOffice;
let otherOffice;

before(async () => {
  demo = makeDemoDb({ persons: 150, seed: 17 });
  ownOffice = demoSql(demo.db, "SELECT office_code FROM users WHERE username = 'admin'")[0][0];
  otherOffice = demoSql(demo.db, `SELECT code FROM offices WHERE code <> '${ownOffice}' ORDER BY code LIMIT 1`)[0][0];
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.admin', '--role', 'admin',
    '--office', otherOffice, '--password-stdin'], 'a far away admin phrase\n');
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk',
    '--office', otherOffice, '--password-stdin'], 'a far away clerk phrase\n');
  server = await startHuji(demo.db);
  tok = {};
  for (const u of ['admin', 'clerk', 'auditor']) tok[u] = await login(server.url, u);
  tok.far = await login(server.url, 'far.admin', 'a far away admin phrase');
});

after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const users = async (token = tok.admin) => {
  const r = await api(server.url, '/api/v1/admin/users', { token });
  assert.equal(r.status, 200, r.text);
  return r.json.users;
};
const post = (path, body, token = tok.admin) => api(server.url, path, { method: 'POST', token, body });
const auditOf = async (username) =>
  (await api(server.url, `/api/v1/audit?user=${username}`, { token: tok.auditor })).json.entries;

describe(`an admin manages their office's staff (${backend})`, () => {
  test('the list: the office\'s accounts with role, state, last sign-in, one-time codes, sessions', async () => {
    const list = await users();
    const names = list.map((u) => u.username);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('clerk') && names.includes('admin'));
    assert.ok(!names.includes('far.clerk'), 'another office\'s staff are not listed');
    const clerk = list.find((u) => u.username === 'clerk');
    assert.equal(clerk.role, 'clerk');
    assert.equal(clerk.office_code, ownOffice);
    assert.equal(clerk.state, 'active');
    assert.equal(clerk.totp_enrolled, false);
    assert.ok(clerk.active_sessions >= 1);
    assert.match(clerk.last_login_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(list.find((u) => u.username === 'supervisor').last_login_at, null);
    for (const u of list) assert.equal(u.password_hash, undefined);
    assertBilingualError(await api(server.url, '/api/v1/admin/users', { token: tok.clerk }), 403, 'auth.forbidden');
  });

  test('adding an account: a generated initial password, answered once, that signs in', async () => {
    const r = await post('/api/v1/admin/users', { username: 'lin.clerk', display_name: '林小華', role: 'clerk' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.user.username, 'lin.clerk');
    assert.equal(r.json.user.office_code, ownOffice);
    assert.equal(r.json.user.state, 'active');
    assert.match(r.json.initial_password, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    await login(server.url, 'lin.clerk', r.json.initial_password);
    assert.equal((await users()).find((u) => u.username === 'lin.clerk').display_name, '林小華');

    assertBilingualError(await post('/api/v1/admin/users', { username: 'lin.clerk', display_name: 'x', role: 'clerk' }),
      409, 'user.exists');
    assertBilingualError(await post('/api/v1/admin/users', { username: 'x', display_name: 'x', role: 'boss' }),
      400, 'user.role');
    assertBilingualError(await post('/api/v1/admin/users',
      { username: 'weak', display_name: 'x', role: 'clerk', password: 'Password2024!' }), 400, 'user.password_common');
    assertBilingualError(await post('/api/v1/admin/users',
      { username: 'elsewhere', display_name: 'x', role: 'clerk', office_code: otherOffice }), 403, 'auth.office_scope');
    assertBilingualError(await post('/api/v1/admin/users', { username: 'y', display_name: 'y', role: 'clerk' }, tok.clerk),
      403, 'auth.forbidden');
    assert.ok((await auditOf('admin')).some((e) => e.action === 'user.add' && /lin\.clerk/.test(e.purpose)));
  });

  test('a role change signs the account out; the new role holds from the next sign-in', async () => {
    const before = await login(server.url, 'lin.clerk', await resetPassword('lin.clerk'));
    const r = await api(server.url, '/api/v1/admin/users/lin.clerk/role',
      { method: 'PUT', token: tok.admin, body: { role: 'supervisor' } });
    assert.equal(r.status, 204, r.text);
    assert.equal((await api(server.url, '/api/v1/auth/me', { token: before })).status, 401);
    assert.equal((await users()).find((u) => u.username === 'lin.clerk').role, 'supervisor');
    assert.ok((await auditOf('admin')).some((e) => e.action === 'user.role' && /lin\.clerk clerk -> supervisor/.test(e.purpose)));
  });

  test('a disabled account cannot sign in; enabled, it can again', async () => {
    const password = await resetPassword('lin.clerk');
    assert.equal((await post('/api/v1/admin/users/lin.clerk/disable')).status, 204);
    assert.equal((await users()).find((u) => u.username === 'lin.clerk').state, 'disabled');
    const refused = await api(server.url, '/api/v1/auth/login',
      { method: 'POST', body: { username: 'lin.clerk', password } });
    assertBilingualError(refused, 401, 'auth.invalid_credentials');
    assert.equal((await post('/api/v1/admin/users/lin.clerk/enable')).status, 204);
    await login(server.url, 'lin.clerk', password);
  });

  test('the office\'s last admin cannot be disabled; no admin changes their own role', async () => {
    assertBilingualError(await post('/api/v1/admin/users/admin/disable'), 409, 'user.last_admin');
    assertBilingualError(await api(server.url, '/api/v1/admin/users/admin/role',
      { method: 'PUT', token: tok.admin, body: { role: 'supervisor' } }), 403, 'user.self_role');
    assert.equal((await users()).find((u) => u.username === 'admin').state, 'active');
    assert.equal((await api(server.url, '/api/v1/auth/me', { token: tok.admin })).status, 200, 'still signed in');
  });

  test('another office\'s staff are out of reach, as if they did not exist', async () => {
    for (const verb of ['disable', 'unlock', 'revoke-sessions', 'reset']) {
      assertBilingualError(await post(`/api/v1/admin/users/far.clerk/${verb}`, {}), 404, 'user.not_found');
    }
    assertBilingualError(await api(server.url, '/api/v1/admin/users/far.clerk/role',
      { method: 'PUT', token: tok.admin, body: { role: 'admin' } }), 404, 'user.not_found');
    assert.deepEqual((await users(tok.far)).map((u) => u.username), ['far.admin', 'far.clerk']);
  });

  test('a reset without a password answers a generated one; with one, 204', async () => {
    const r = await post('/api/v1/admin/users/lin.clerk/reset', { password: 'a chosen new phrase' });
    assert.equal(r.status, 204, r.text);
    await login(server.url, 'lin.clerk', 'a chosen new phrase');
  });

  test('the offices: every office the system knows, the admin\'s own marked', async () => {
    const r = await api(server.url, '/api/v1/admin/offices', { token: tok.admin });
    assert.equal(r.status, 200, r.text);
    const own = r.json.offices.filter((o) => o.own);
    assert.deepEqual(own.map((o) => o.code), [ownOffice]);
    assert.ok(own[0].name.endsWith('戶政事務所'));
    assert.ok(r.json.offices.some((o) => o.code === otherOffice));
    assertBilingualError(await api(server.url, '/api/v1/admin/offices', { token: tok.clerk }), 403, 'auth.forbidden');
  });

  test('a calendar year\'s days: holidays and make-up working days, by date', async () => {
    const r = await api(server.url, '/api/v1/admin/calendar/2026', { token: tok.admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.year, 2026);
    assert.deepEqual(r.json.days[0], { date: '2026-01-01', kind: 'holiday', description: '開國紀念日' });
    const dates = r.json.days.map((d) => d.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.ok(dates.every((d) => d.startsWith('2026-')));
    assertBilingualError(await api(server.url, '/api/v1/admin/calendar/1999', { token: tok.admin }),
      422, 'calendar.year_not_loaded');
    assertBilingualError(await api(server.url, '/api/v1/admin/calendar/2026', { token: tok.clerk }), 403, 'auth.forbidden');
  });
});

async function resetPassword(username) {
  const r = await post(`/api/v1/admin/users/${username}/reset`, {});
  assert.equal(r.status, 200, r.text);
  return r.json.password;
}
