// Starts real `huji` processes for the HTTP tests: a demo database in a temporary directory,
// `huji serve --port 0`, and the port read from its first line of output.
//
// HUJI_TEST_BACKEND=postgres (with HUJI_TEST_PG_URL, a database URL on the test cluster that
// scripts/pg.sh starts) runs the same tests on PostgreSQL: each demo database is then a fresh
// database on that cluster, dropped by cleanup().
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = process.env.HUJI_BIN || join(root, 'build/release/huji');

export const backend = process.env.HUJI_TEST_BACKEND || 'sqlite';
let pgDatabases = 0;

function freshPgDatabase() {
  const base = process.env.HUJI_TEST_PG_URL;
  if (!base) throw new Error('HUJI_TEST_BACKEND=postgres needs HUJI_TEST_PG_URL');
  const name = `http_${process.pid}_${++pgDatabases}`;
  execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const drop = () => {
    try { execFileSync('psql', [base, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]); } catch { /* best effort */ }
  };
  return { url, drop };
}

export function makeDemoDb({ persons = 300, seed = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'huji-http-'));
  let db = join(dir, 'huji.db');
  let drop = () => {};
  if (backend === 'postgres') ({ url: db, drop } = freshPgDatabase());
  const out = execFileSync(bin, ['demo', '--db', db, '--persons', String(persons), '--seed', String(seed)], { encoding: 'utf8' });
  const sample = /sample person: (\S+)/.exec(out)?.[1];
  return { dir, db, sample, cleanup: () => { drop(); rmSync(dir, { recursive: true, force: true }); } };
}

// Read-only queries on a demo database (its `db` from makeDemoDb), only to pick suitable
// persons out of the synthetic population: rows of tab-separated text fields.
export function demoSql(db, query) {
  const out = backend === 'postgres'
    ? execFileSync('psql', [db, '-X', '-A', '-t', '-F', '\t', '-c', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', ['-readonly', '-separator', '\t', db, query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}

// `shell`: a shell command run before huji in the same process (e.g. 'ulimit -n 64').
export async function startHuji(db, extraArgs = [], { shell } = {}) {
  // The shipped calendar, unless the caller names a directory of its own.
  const calendar = extraArgs.includes('--calendar') ? [] : ['--calendar', join(root, 'data/calendar')];
  const args = ['serve', '--db', db, '--port', '0', ...calendar, ...extraArgs];
  const proc = shell
    ? spawn('sh', ['-c', `${shell} && exec "$0" "$@"`, bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19)); });
  const url = await new Promise((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('huji did not start:\n' + stderr)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) { clearTimeout(timer); resolvePort(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`huji exited ${code}:\n${stderr}`)); });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  return {
    url,
    proc,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') { proc.kill(signal); return exited; },
  };
}

// One request on a connection of its own (no keep-alive pool): servers come and go during the
// tests, and a later one may get a port an earlier one had, where a pooled socket to the dead
// server would swallow the request.
export function rawRequest(url, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode,
          bytes,
          headers: { get: (name) => res.headers[String(name).toLowerCase()] ?? null },
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function api(url, path, { method = 'GET', token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined && typeof body !== 'string') body = JSON.stringify(body);
  // JSON routes read only application/json (415 otherwise); a test of another type says so.
  if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
  const res = await rawRequest(url, path, { method, headers: h, body });
  const text = res.bytes.toString('utf8');
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

export async function login(url, username = 'clerk', password = `${username}-demo-pass`) {
  const r = await api(url, '/api/v1/auth/login', { method: 'POST', body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return r.json.token;
}

export function runCli(args, input) {
  return execFileSync(bin, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

// The ID numbers a person view (GET /api/v1/persons/{id}) shows besides the person's own:
// parents, spouse, household head and members, each once (none in a summary). Each has an
// audit entry of its own (person.read_related) with the lookup's request id.
export function othersShown(view) {
  const p = view.person;
  const ids = [p.father?.id_number, p.mother?.id_number, p.spouse?.id_number,
    view.household?.head_id_number, ...(view.household?.members ?? []).map((m) => m.id_number)];
  return [...new Set(ids.filter((id) => id && id !== p.id_number))];
}

// An error answer: its status, its machine-readable code, and both messages (zh-TW in Chinese).
export function assertBilingualError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/, 'message_zh is Chinese');
  assert.ok(r.json.error.message_en.length > 0, 'message_en');
}

// Taipei dates (ISO): today, n days ago, the same day n years ago.
export const taipeiDate = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
export const todayTaipei = () => taipeiDate(Date.now());
export const daysAgoTaipei = (n) => taipeiDate(Date.now() - n * 86400e3);
export const yearsAgoTaipei = (n) => `${Number(todayTaipei().slice(0, 4)) - n}${todayTaipei().slice(4)}`;

// Married women of 20–40 living with their husband, one per household, in ID-number order
// (read-only SQL on the demo database: the API has no search for this by design). Returns a
// function that hands each out once, for births and the like.
export function motherPicker(db) {
  let pool;
  return () => {
    pool ??= (() => {
      const y = yearsAgoTaipei;
      const rows = demoSql(db, `SELECT w.id_number, w.household_no, w.spouse_id, w.name FROM persons w
        JOIN persons h ON h.id_number = w.spouse_id
        WHERE w.status = 'active' AND w.sex = 'F' AND h.status = 'active' AND h.household_no = w.household_no
          AND w.birth_date BETWEEN '${y(40)}' AND '${y(20)}' AND h.birth_date <= '${y(20)}'
        ORDER BY w.id_number`);
      const seen = new Set();
      return rows.filter(([, hh]) => !seen.has(hh) && seen.add(hh))
        .map(([id, household, spouse, name]) => ({ id, household, spouse, name }));
    })();
    const m = pool.shift();
    assert.ok(m, 'the demo population has enough young mothers');
    return m;
  };
}

// Persons of the demo office matching `where` (SQL on persons p), each handed out once with
// their whole household (nobody of it is handed out again), in ID-number order. `used` is the
// caller's set of ID numbers taken so far.
export function personPicker(db, used = new Set()) {
  return (where) => {
    const ids = demoSql(db, `SELECT p.id_number FROM persons p JOIN households h ON h.household_no = p.household_no
      WHERE h.office_code = '63000080' AND p.status = 'active' AND ${where} ORDER BY p.id_number`).map((r) => r[0]);
    for (const id of ids) {
      if (used.has(id)) continue;
      const mates = demoSql(db, `SELECT o.id_number FROM persons o JOIN persons p ON p.household_no = o.household_no
        WHERE p.id_number = '${id}'`).map((r) => r[0]);
      if (mates.some((m) => used.has(m))) continue;
      for (const m of mates) used.add(m);
      used.add(id);
      return id;
    }
    assert.fail(`no person where ${where}`);
  };
}
