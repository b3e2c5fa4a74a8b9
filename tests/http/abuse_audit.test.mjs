// Issue 15, items 4 and 5, against a real huji on either backend:
// - the audit trail is tamper-evident beyond the database: someone with write access to the
//   database deletes the newest entries, or deletes one person's entries and recomputes the
//   chain with the public formula, and `huji audit verify` reports it from the signed
//   checkpoints;
// - faults heal: a full audit journal fails lookups (503) and /readyz, and both recover
//   without a restart once space is back; an unreachable PostgreSQL makes /readyz answer 503
//   and lookups work again once it is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, bin, backend } from './harness.mjs';

const pg = backend === 'postgres';

// `huji …`: its exit status and output, whatever the status.
function huji(args) {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

// One SQL statement run past huji, as an operator with psql or sqlite3 could.
function sql(db, text) {
  return pg
    ? execFileSync('psql', [db, '-v', 'ON_ERROR_STOP=1', '-Atqc', text], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db, text], { encoding: 'utf8' });
}

// Drops the append-only guard, as whoever owns the tables can.
function unguard(db) {
  sql(db, pg ? 'ALTER TABLE audit DISABLE TRIGGER USER' : 'DROP TRIGGER IF EXISTS audit_no_delete');
}

const columns = ['seq', 'at_ms', 'username', 'role', 'office_code', 'action', 'subject_id', 'purpose',
  'request_id', 'outcome', 'prev_hash', 'hash'];

function auditRows(db) {
  const text = pg
    ? sql(db, 'SELECT COALESCE(json_agg(a ORDER BY seq), \'[]\') FROM audit a')
    : sql(db, `SELECT json_group_array(json_object(${columns.map((c) => `'${c}', ${c}`).join(', ')})) FROM (SELECT * FROM audit ORDER BY seq)`);
  return JSON.parse(text.trim());
}

// service/audit.cc's audit_hash: SHA-256 over length-prefixed fields. It is public.
function auditHash(e) {
  const field = (v) => { const s = String(v); return `${Buffer.byteLength(s)}:${s};`; };
  const canon = ['huji-audit-v1', e.prev_hash, e.seq, e.at_ms, e.username, e.role, e.office_code,
    e.action, e.subject_id, e.purpose, e.request_id, e.outcome].map(field).join('');
  return createHash('sha256').update(canon).digest('hex');
}

// Deletes `subject`'s entries and writes the rest again, renumbered and re-chained.
function deleteAndRechain(db, subject) {
  const kept = auditRows(db).filter((e) => e.subject_id !== subject);
  let prev = '';
  kept.forEach((e, i) => {
    e.seq = i + 1;
    e.prev_hash = prev;
    e.hash = prev = auditHash(e);
  });
  const quote = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  const values = kept.map((e) => `(${columns.map((c) => quote(e[c])).join(', ')})`).join(',\n');
  unguard(db);
  sql(db, `BEGIN; DELETE FROM audit; INSERT INTO audit (${columns.join(', ')}) VALUES ${values}; COMMIT;`);
}

// Waits (up to 20 s) until the checkpoint file has a checkpoint of entry `seq` or later.
async function signedThrough(file, seq) {
  for (let i = 0; i < 200; ++i) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trim().split('\n').some((l) => l && JSON.parse(l).seq >= seq)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no checkpoint of entry ${seq} in ${file}`);
}

// A demo database, served with signed checkpoints every 5 entries, `lookups` made and the
// server stopped cleanly (the stop signs the final head). After `pauseAfter` lookups the test
// waits for the checkpointer (it looks at the chain's head every second) to sign the head
// those lookups made.
async function trailWithCheckpoints(lookups, pauseAfter = -1) {
  const demo = makeDemoDb({ persons: 60, seed: 15 });
  const key = join(demo.dir, 'audit-key');
  const signing = ['--audit-key', key, '--audit-checkpoints', join(demo.dir, 'checkpoints')];
  const server = await startHuji(demo.db, [...signing, '--audit-checkpoint-entries', '5']);
  try {
    const token = await login(server.url, 'clerk');
    for (const [i, id] of lookups.entries()) {
      if (i === pauseAfter) await signedThrough(join(demo.dir, 'checkpoints'), auditRows(demo.db).length);
      const r = await api(server.url, `/api/v1/persons/${id}?purpose=${encodeURIComponent('受理申請')}`, { token });
      assert.ok(r.status === 200 || r.status === 404, r.text);
    }
  } finally {
    const { code } = await server.stop();
    assert.equal(code, 0, server.stderr());
  }
  assert.match(server.stderr(), /"event":"audit_signing_key_created"/);
  const verify = huji(['audit', 'verify', '--db', demo.db, ...signing]);
  assert.equal(verify.status, 0, verify.out);
  assert.match(verify.out, /audit chain ok: \d+ entries\ncheckpoints ok: [2-9]\d* signed checkpoints/);
  const lines = readFileSync(join(demo.dir, 'checkpoints'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const newest = lines.at(-1);
  assert.equal(newest.seq, auditRows(demo.db).length, 'the clean stop signed the head');
  return { demo, signing, key };
}

test('deleting the newest audit entries is reported as truncation', async () => {
  const { demo, signing } = await trailWithCheckpoints(Array(8).fill(null).map(() => 'A123456789'));
  try {
    const before = auditRows(demo.db).length;
    unguard(demo.db);
    sql(demo.db, `DELETE FROM audit WHERE seq > ${before - 3}`);
    const chainOnly = huji(['audit', 'verify', '--db', demo.db, '--audit-key', 'none']);
    assert.equal(chainOnly.status, 0, 'the hash chain alone still verifies');
    const v = huji(['audit', 'verify', '--db', demo.db, ...signing]);
    assert.equal(v.status, 1, v.out);
    assert.match(v.out, new RegExp(`audit trail TRUNCATED: the trail ends at entry ${before - 3} .* entries ${before - 2} to ${before} were deleted`));
  } finally {
    demo.cleanup();
  }
});

test('deleting one person\'s audit entries and recomputing the chain is reported', async (t) => {
  const { demo, signing, key } = await trailWithCheckpoints([
    'A123456789', 'A123456789', 'F131104093', 'A123456789', 'F131104093', 'A123456789', 'A123456789',
    'A123456789', 'A123456789', 'A123456789', 'A123456789', 'A123456789'], 7);
  try {
    deleteAndRechain(demo.db, 'F131104093');
    const chainOnly = huji(['audit', 'verify', '--db', demo.db, '--audit-key', 'none']);
    assert.equal(chainOnly.status, 0, `the recomputed chain verifies alone: ${chainOnly.out}`);
    const v = huji(['audit', 'verify', '--db', demo.db, ...signing]);
    assert.equal(v.status, 1, v.out);
    assert.match(v.out, /audit trail REWRITTEN at entry \d+: .*removed or rewritten and the chain recomputed/);

    await t.test('the public key alone verifies; another key is refused', () => {
      const pub = huji(['audit', 'public-key', '--audit-key', key]).out.trim();
      assert.match(pub, /^[0-9a-f]{64}$/);
      const checkpoints = signing.slice(2);
      const byPub = huji(['audit', 'verify', '--db', demo.db, '--audit-key', 'x-absent', ...checkpoints, '--audit-public-key', pub]);
      assert.match(byPub.out, /REWRITTEN/);
      const other = join(demo.dir, 'other-key');
      assert.match(huji(['audit', 'keygen', '--audit-key', other]).out, /public key: [0-9a-f]{64}/);
      const otherPub = huji(['audit', 'public-key', '--audit-key', other]).out.trim();
      const refused = huji(['audit', 'verify', '--db', demo.db, ...checkpoints, '--audit-public-key', otherPub]);
      assert.equal(refused.status, 1);
      assert.match(refused.out, /audit checkpoint REFUSED .*untrusted key/);
      assert.match(huji(['audit', 'keygen', '--audit-key', other]).out, /already exists/);
    });
  } finally {
    demo.cleanup();
  }
});

// Faults heal. The journal's writes fail as on a full disk while the fault file exists
// (HUJI_TEST_JOURNAL_FAULT, the fault-injection seam of huji serve): no root, no tmpfs.
test('a full audit journal fails lookups and /readyz, and both recover without a restart', async () => {
  const demo = makeDemoDb({ persons: 60, seed: 16 });
  const fault = join(demo.dir, 'disk-full');
  process.env.HUJI_TEST_JOURNAL_FAULT = fault;
  let server;
  try {
    server = await startHuji(demo.db, ['--audit-journal', join(demo.dir, 'journal'), '--audit-key', 'none']);
  } finally {
    delete process.env.HUJI_TEST_JOURNAL_FAULT;
  }
  try {
    const token = await login(server.url, 'clerk');
    const lookup = () => api(server.url, `/api/v1/persons/${demo.sample}?purpose=fault`, { token });
    assert.equal((await lookup()).status, 200);
    let ready = await api(server.url, '/readyz');
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(ready.json, { status: 'ready', checks: { audit_journal: 'ok', listener: 'ok', database: 'ok' } });

    writeFileSync(fault, '');
    const refused = await lookup();
    assert.equal(refused.status, 503, refused.text);
    assert.equal(refused.json.error.code, 'audit.journal_write');
    assert.ok(!refused.text.includes(demo.sample), 'nothing of the person is sent');
    ready = await api(server.url, '/readyz');
    assert.equal(ready.status, 503);
    assert.equal(ready.json.status, 'not_ready');
    assert.equal(ready.json.checks.audit_journal, 'failing');
    assert.equal(ready.json.error.code, 'health.not_ready');
    assert.match(ready.json.error.message_en, /audit_journal/);
    const health = await api(server.url, '/healthz');
    assert.equal(health.status, 200, 'liveness: a restart would not free the disk');
    assert.equal(health.json.status, 'degraded');
    assert.equal(health.json.checks.audit_journal, 'failing');

    rmSync(fault);
    // The journal is probed by itself (backoff up to 2 s): no lookup is needed to heal it.
    for (let i = 0; i < 100 && ready.status !== 200; ++i) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await api(server.url, '/readyz');
    }
    assert.equal(ready.status, 200, ready.text);
    assert.equal((await api(server.url, '/healthz')).json.status, 'ok');
    const ok = await lookup();
    assert.equal(ok.status, 200, ok.text);
    assert.match(server.stderr(), /"event":"audit_journal_failed","code":"audit.journal_write"/);
    assert.match(server.stderr(), /"event":"audit_journal_recovered","refused":[1-9]/);

    const auditor = await login(server.url, 'auditor');
    const trail = await api(server.url, `/api/v1/audit?subject=${demo.sample}&limit=1000`, { token: auditor });
    assert.equal(trail.json.entries.filter((e) => e.purpose === 'fault').length, 2, 'the acknowledged lookups, not the refused one');
  } finally {
    await server.stop();
    demo.cleanup();
  }
  assert.equal(huji(['audit', 'verify', '--db', demo.db, '--audit-key', 'none']).status === 0 || !existsSync(demo.dir), true);
});

test('an unreachable PostgreSQL: /readyz 503, then 200 and lookups again without a restart', { skip: !pg && 'PostgreSQL only' }, async () => {
  const demo = makeDemoDb({ persons: 60, seed: 17 });
  const name = new URL(demo.db).pathname.slice(1);
  const admin = process.env.HUJI_TEST_PG_URL;
  const server = await startHuji(demo.db, ['--audit-key', 'none']);
  try {
    const token = await login(server.url, 'clerk');
    const lookup = () => api(server.url, `/api/v1/persons/${demo.sample}?purpose=outage`, { token });
    assert.equal((await lookup()).status, 200);
    // The database refuses connections and the open ones are ended: unreachable to huji.
    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    sql(admin, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}'`);
    const ready = await api(server.url, '/readyz');
    assert.equal(ready.status, 503, ready.text);
    assert.equal(ready.json.checks.database, 'failing');
    assert.match(ready.json.error.message_en, /database/);
    assert.equal((await lookup()).status, 503);
    assert.equal((await api(server.url, '/healthz')).status, 200, 'liveness does not depend on the database');

    sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    assert.equal((await api(server.url, '/readyz')).status, 200);
    const ok = await lookup();
    assert.equal(ok.status, 200, ok.text);
  } finally {
    try { sql(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`); } catch { /* already */ }
    await server.stop();
    demo.cleanup();
  }
});

// Role separation: the tables belong to an owner role that migrates them; huji serve logs in
// as an application role that may only append to and read the audit trail.
test('PostgreSQL: served by a role without UPDATE/DELETE/TRUNCATE on the audit table', { skip: !pg && 'PostgreSQL only' }, async () => {
  const admin = process.env.HUJI_TEST_PG_URL;
  const name = `roles_${process.pid}`;
  const owner = `${name}_owner`, app = `${name}_app`;
  const as = (role) => { const u = new URL(admin); u.username = role; u.pathname = `/${name}`; return u.toString(); };
  sql(admin, `CREATE ROLE ${owner} LOGIN`);
  sql(admin, `CREATE ROLE ${app} LOGIN`);
  sql(admin, `CREATE DATABASE ${name} OWNER ${owner}`);
  let server;
  try {
    const demo = huji(['demo', '--db', as(owner), '--persons', '60', '--seed', '18']);
    assert.equal(demo.status, 0, demo.out);
    const sample = /sample person: (\S+)/.exec(demo.out)[1];
    const migrate = huji(['migrate', '--db', as(owner), '--app-role', app]);
    assert.equal(migrate.status, 0, migrate.out);
    assert.match(migrate.out, new RegExp(`granted ${app} INSERT and SELECT on audit`));

    server = await startHuji(as(app), ['--audit-key', 'none']);
    const token = await login(server.url, 'clerk');
    const r = await api(server.url, `/api/v1/persons/${sample}?purpose=roles`, { token });
    assert.equal(r.status, 200, r.text);
    assert.equal((await api(server.url, '/readyz')).status, 200);
    const auditor = await login(server.url, 'auditor');
    const trail = await api(server.url, `/api/v1/audit?subject=${sample}`, { token: auditor });
    assert.ok(trail.json.entries.some((e) => e.purpose === 'roles'), 'the lookup was audited');

    for (const text of ['DELETE FROM audit', 'TRUNCATE audit', "UPDATE audit SET purpose = 'x'"]) {
      assert.throws(() => sql(as(app), text), /permission denied for table audit/, text);
    }
    assert.throws(() => sql(as(app), 'ALTER TABLE audit DISABLE TRIGGER USER'), /must be owner/);
    await server.stop();
    server = null;
    const verify = huji(['audit', 'verify', '--db', as(app), '--audit-key', 'none']);
    assert.equal(verify.status, 0, verify.out);
  } finally {
    if (server) await server.stop();
    sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    sql(admin, `DROP ROLE IF EXISTS ${app}`);
    sql(admin, `DROP ROLE IF EXISTS ${owner}`);
  }
});
