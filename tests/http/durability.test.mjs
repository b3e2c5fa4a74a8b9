// Nothing acknowledged is lost on kill -9, and the operator commands work on the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { makeDemoDb, startHuji, api, login, runCli, root, backend, bin, othersShown, demoSql } from './harness.mjs';

// A person whose full view shows others (father, spouse, household): one entry each.
const withFamily = (db) => demoSql(db, `SELECT id_number FROM persons WHERE status = 'active'
  AND spouse_id IS NOT NULL AND father_id IS NOT NULL ORDER BY id_number LIMIT 1`)[0][0];

test('acknowledged audit entries survive kill -9 and the chain verifies', async () => {
  const demo = makeDemoDb({ persons: 200, seed: 3 });
  try {
    let server = await startHuji(demo.db);
    const token = await login(server.url, 'clerk');
    const ids = [], entries = [];
    const person = withFamily(demo.db);
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      const rid = `kill9-${i}`;
      const r = await api(server.url, `/api/v1/persons/${person}?purpose=durability`, {
        token, headers: { 'X-Request-Id': rid },
      });
      assert.equal(r.status, 200, r.text);
      ids.push(rid);
      // The subject's entry and one under each other person the full view showed.
      for (const id of [person, ...othersShown(r.json)]) entries.push(`${rid} ${id}`);
    }));
    assert.ok(entries.length > ids.length, 'the sample has relatives');
    const { signal } = await server.stop('SIGKILL');
    assert.equal(signal, 'SIGKILL');

    const verify = runCli(['audit', 'verify', '--db', demo.db]);
    assert.match(verify, /audit chain ok: \d+ entries/);

    server = await startHuji(demo.db);
    const auditor = await login(server.url, 'auditor');
    const r = await api(server.url, '/api/v1/audit?user=clerk&limit=1000', { token: auditor });
    assert.equal(r.status, 200, r.text);
    const seen = new Set(r.json.entries.map((e) => `${e.request_id} ${e.subject_id}`));
    for (const entry of entries) assert.ok(seen.has(entry), `acknowledged ${entry} is on disk`);
    await server.stop();
  } finally {
    demo.cleanup();
  }
});

test('huji user add reads the password from stdin; the new user can log in', async () => {
  const demo = makeDemoDb({ persons: 50, seed: 5 });
  try {
    const out = runCli(['user', 'add', '--db', demo.db, '--username', 'wang.clerk', '--role', 'clerk',
      '--office', '63000080', '--display-name', '王承辦'], 'a-long-secret-pass\n');
    assert.match(out, /user wang\.clerk added/);
    assert.throws(() => runCli(['user', 'add', '--db', demo.db, '--username', 'x', '--role', 'boss',
      '--office', '63000080'], 'a-long-secret-pass\n'), /role must be/);
    const server = await startHuji(demo.db);
    const r = await api(server.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'wang.clerk', password: 'a-long-secret-pass' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.user.display_name, '王承辦');
    await server.stop();
  } finally {
    demo.cleanup();
  }
});

test('a database in a missing directory is a clear startup error, not a crash', () => {
  assert.throws(() => runCli(['serve', '--db', '/nonexistent-dir/huji.db', '--port', '0']),
    (e) => e.status === 3 && /does not exist/.test(String(e.stderr)));
});

test('register rebuild --check replays in memory or in a scratch database, which is removed', () => {
  const demo = makeDemoDb({ persons: 300, seed: 8 });
  try {
    const calendar = join(root, 'data/calendar');
    const inMemory = runCli(['register', 'rebuild', '--check', '--db', demo.db, '--calendar', calendar]);
    assert.match(inMemory, /projections equal the replay of the event log/);
    const scratch = mkdtempSync(join(tmpdir(), 'huji-scratch-'));
    try {
      const out = runCli(['register', 'rebuild', '--check', '--db', demo.db, '--calendar', calendar,
        '--scratch', scratch]);
      assert.match(out, /projections equal the replay of the event log/);
      assert.equal(/replayed (\d+) events/.exec(out)[1], /replayed (\d+) events/.exec(inMemory)[1]);
      assert.deepEqual(readdirSync(scratch), [], 'the scratch database is removed afterwards');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    assert.throws(() => runCli(['register', 'rebuild', '--check', '--db', demo.db, '--calendar', calendar,
      '--scratch', '/nonexistent-dir/scratch']),
    (e) => e.status === 2 && /\[cli\.scratch\]/.test(String(e.stderr)));
  } finally {
    demo.cleanup();
  }
});

// Holds the database's write lock from another process until release() is called.
async function holdWriteLock(db) {
  const [cmd, args, begin] = backend === 'postgres'
    ? ['psql', [db, '-qAt'], 'BEGIN; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE;']
    : ['sqlite3', [db], 'BEGIN IMMEDIATE;'];
  const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolveLocked, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; if (out.includes('locked')) resolveLocked(); });
    proc.on('exit', (code) => reject(new Error(`${cmd} exited ${code} before locking`)));
    proc.stdin.write(`${begin}\nSELECT 'locked';\n`);
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.on('exit', r));
  return async () => { proc.stdin.end('COMMIT;\n'); await exited; };
}

test('a write waiting for the database does not hold up the I/O thread', async () => {
  const demo = makeDemoDb({ persons: 50, seed: 9 });
  // One worker, one I/O thread: before handlers that use the store ran on workers, a login
  // waiting for the write lock held the only thread and nothing else was answered.
  const server = await startHuji(demo.db, ['--threads', '1', '--io-threads', '1']);
  let release = async () => {};
  try {
    release = await holdWriteLock(demo.db);
    let loginDone = false;
    const pending = api(server.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'clerk', password: 'clerk-demo-pass' } })
      .then((r) => { loginDone = true; return r; });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const health = await api(server.url, '/healthz');
    const id = await api(server.url, '/api/v1/id-numbers/A123456789');
    assert.equal(health.status, 200, health.text);
    assert.equal(id.status, 200, id.text);
    assert.ok(Date.now() - t0 < 2000, `answered in ${Date.now() - t0} ms while the write waited`);
    assert.equal(loginDone, false, 'the login was still waiting for the lock');
    await release();
    release = async () => {};
    const login = await pending;
    assert.equal(login.status, 200, login.text);
    assert.ok(login.json.token);
  } finally {
    await release();
    await server.stop();
    demo.cleanup();
  }
});

test('SIGTERM while a write waits: the write is answered before the server stops', async () => {
  const demo = makeDemoDb({ persons: 50, seed: 11 });
  const server = await startHuji(demo.db);
  let release = async () => {};
  try {
    release = await holdWriteLock(demo.db);
    const pending = api(server.url, '/api/v1/auth/login', { method: 'POST', body: { username: 'clerk', password: 'clerk-demo-pass' } });
    await new Promise((r) => setTimeout(r, 300));
    const stopped = server.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await release();
    release = async () => {};
    const login = await pending;
    assert.equal(login.status, 200, login.text);
    assert.ok(login.json.token);
    const { code } = await stopped;
    assert.equal(code, 0);
  } finally {
    await release();
    await server.stop();
    demo.cleanup();
  }
});

// Lookups' audit entries go to the audit journal first (on PostgreSQL when --audit-journal
// names one). With moves far apart, a kill -9 leaves them only there: the next server moves
// them into the trail before it answers anyone. (kill -9 keeps the page cache, so this tests
// recovery, not the fdatasync before each answer: that needs a power cut.)
test('lookups acknowledged before kill -9 are moved from the audit journal by the next server', async () => {
  const demo = makeDemoDb({ persons: 200, seed: 4 });
  const journal = backend === 'postgres' ? ['--audit-journal', join(demo.dir, 'audit')] : [];
  try {
    let server = await startHuji(demo.db, [...journal, '--audit-move-ms', '3600000']);
    const token = await login(server.url, 'clerk');
    // Summaries (one entry each) and full views (one more per relative shown).
    const entries = [];
    const person = withFamily(demo.db);
    for (let i = 0; i < 30; ++i) {
      const rid = `journal-${i}`;
      const view = i % 2 ? 'summary' : 'full';
      const r = await api(server.url, `/api/v1/persons/${person}?purpose=journal&view=${view}`, {
        token, headers: { 'X-Request-Id': rid },
      });
      assert.equal(r.status, 200, r.text);
      for (const id of [person, ...othersShown(r.json)]) entries.push(`${rid} ${id}`);
    }
    assert.ok(entries.length > 30, 'the sample has relatives');
    await server.stop('SIGKILL');
    const inTrail = backend === 'postgres'
      ? execFileSync('psql', [demo.db, '-Atc', "SELECT count(*) FROM audit WHERE request_id LIKE 'journal-%'"], { encoding: 'utf8' })
      : execFileSync('sqlite3', [demo.db, "SELECT count(*) FROM audit WHERE request_id LIKE 'journal-%'"], { encoding: 'utf8' });
    assert.equal(inTrail.trim(), '0', 'not moved before the kill: only in the journal');

    server = await startHuji(demo.db, journal);
    // The start-up log line is flushed just after "listening on" is printed.
    const recovered = new RegExp(`"event":"audit_journal".*"recovered":${entries.length}[,}]`);
    for (let i = 0; i < 50 && !recovered.test(server.stderr()); ++i) await new Promise((r) => setTimeout(r, 50));
    assert.match(server.stderr(), recovered);
    const auditor = await login(server.url, 'auditor');
    const r = await api(server.url, '/api/v1/audit?user=clerk&limit=1000', { token: auditor });
    assert.equal(r.status, 200, r.text);
    const seen = new Set(r.json.entries.map((e) => `${e.request_id} ${e.subject_id}`));
    for (const entry of entries) assert.ok(seen.has(entry), `acknowledged ${entry} is in the trail`);
    // An auditor sees a lookup answered a moment ago, though moves are 200 ms apart.
    const fresh = await api(server.url, `/api/v1/persons/${demo.sample}?purpose=fresh&view=summary`, {
      token: await login(server.url, 'clerk'), headers: { 'X-Request-Id': 'journal-fresh' },
    });
    assert.equal(fresh.status, 200, fresh.text);
    const after = await api(server.url, `/api/v1/audit?subject=${demo.sample}&limit=5`, { token: auditor });
    assert.equal(after.json.entries[0].request_id, 'journal-fresh');
    await server.stop();
    const verify = runCli(['audit', 'verify', '--db', demo.db, ...journal]);
    assert.match(verify, /audit chain ok: \d+ entries/);
  } finally {
    demo.cleanup();
  }
});

test('a second server on the same audit journal is refused with a clear error', async () => {
  const demo = makeDemoDb({ persons: 50, seed: 6 });
  const journal = ['--audit-journal', join(demo.dir, 'audit')];
  const server = await startHuji(demo.db, journal);
  try {
    // A timeout rather than a hang should the second server start after all.
    assert.throws(() => execFileSync(bin, ['serve', '--db', demo.db, '--port', '0', ...journal],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10000 }),
      (e) => e.status === 3 && /audit\.journal_locked/.test(String(e.stderr)));
  } finally {
    await server.stop();
    demo.cleanup();
  }
});

// A database file removed and made anew: the audit journal the old one left beside it is moved
// aside (kept), and the new database starts with a journal of its own.
test('a new database where an old one was removed moves the old audit journal aside', async () => {
  if (backend === 'postgres') return;  // a journal beside a file is SQLite's default
  const demo = makeDemoDb({ persons: 50, seed: 12 });
  try {
    let server = await startHuji(demo.db, ['--audit-move-ms', '3600000']);
    const token = await login(server.url, 'clerk');
    const r = await api(server.url, `/api/v1/persons/${demo.sample}?purpose=old&view=summary`, { token });
    assert.equal(r.status, 200, r.text);
    await server.stop('SIGKILL');
    for (const f of ['', '-wal', '-shm']) rmSync(demo.db + f, { force: true });
    const out = execFileSync(bin, ['demo', '--db', demo.db, '--persons', '50', '--seed', '12'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /sample person/);
    const aside = readdirSync(demo.dir).filter((f) => f.startsWith('huji.db.audit.orphaned-'));
    assert.equal(aside.length, 1, 'the old journal is kept, moved aside');
    server = await startHuji(demo.db);
    const again = await api(server.url, `/api/v1/persons/${demo.sample}?purpose=new&view=summary`, {
      token: await login(server.url, 'clerk'),
    });
    assert.equal(again.status, 200, again.text);
    await server.stop();
    // The old database's signed checkpoints went aside too: they would call the new trail
    // rewritten.
    assert.equal(readdirSync(demo.dir).filter((f) => f.startsWith('huji.db.audit-checkpoints.orphaned-')).length, 1);
    assert.match(execFileSync(bin, ['audit', 'verify', '--db', demo.db], { encoding: 'utf8' }), /checkpoints ok/);
  } finally {
    demo.cleanup();
  }
});
