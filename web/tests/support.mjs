// Shared by the browser tests: the real huji to test against, Debian's Chromium (never a
// downloaded browser), axe-core, keyboard helpers, and a small API client for setting up and
// checking what the screens did.
//
//   HUJI_URL        a running huji serving web/dist and /api/v1; HUJI_PERSON_ID then names a
//                   person of its register. Unset: each test file starts its own huji
//                   (HUJI_BIN, default build/release/huji) on a free port, on a demo register
//                   made for it (`huji demo --persons 500 --seed 2`), and takes the demo's
//                   sample person.
//   CHROMIUM        browser binary (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const kAxePath = require.resolve('axe-core/axe.min.js');
export const kOutDir = fileURLToPath(new URL('../test-results/', import.meta.url));

export const kCjk = /[\u3400-\u9fff]/;

const kRepo = fileURLToPath(new URL('../../', import.meta.url));

// The huji binary the tests start.
export function hujiBin() {
  return process.env.HUJI_BIN ?? join(kRepo, 'build/release/huji');
}

// Whether `huji serve` of this build takes an option (a test may turn off what another branch
// adds, when it is there).
export function serveHasOption(name) {
  const help = spawnSync(hujiBin(), ['serve', '--help'], { encoding: 'utf8' });
  return help.stdout.includes(name);
}

// The server under test: { url, personId, db (the SQLite file of a server started here), close() };
// `serveArgs`: more options for `huji serve`. `own`: a server of its own even when the test
// command shares one (HUJI_URL), for a suite whose writes (agencies, registrations approved
// today) would change what the shared server's other suites expect, or that needs its options.
export async function startServer({ serveArgs = [], own = false } = {}) {
  if (process.env.HUJI_URL && !own) {
    assert.ok(process.env.HUJI_PERSON_ID, 'HUJI_URL is set: HUJI_PERSON_ID must name a person of its register');
    return { url: process.env.HUJI_URL.replace(/\/+$/, ''), personId: process.env.HUJI_PERSON_ID, close: async () => {} };
  }
  const bin = hujiBin();
  const dir = await mkdtemp(join(tmpdir(), 'huji-web-test-'));
  const db = join(dir, 'huji.db');
  const demo = spawnSync(bin, ['demo', '--db', db, '--persons', '500', '--seed', '2'], { encoding: 'utf8' });
  assert.equal(demo.status, 0, `${bin} demo: ${demo.error ?? demo.stderr}`);
  const personId = /sample person: (\S+)/.exec(demo.stdout)?.[1];
  assert.ok(personId, `no sample person in: ${demo.stdout}`);
  const server = spawn(bin, ['serve', '--db', db, '--port', '0', '--web', join(kRepo, 'web/dist'),
    '--calendar', join(kRepo, 'data/calendar'), ...serveArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  let closing = false;
  const exited = once(server, 'exit').then(([code]) => {
    if (!closing) throw new Error(`huji serve exited with ${code}`);
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: server.stdout })) {
      const m = /listening on (http:\/\/[^/\s]+)/.exec(line);
      if (m) return m[1];
    }
    throw new Error('huji serve closed its output before listening');
  })();
  const url = await Promise.race([listening, exited]);
  server.stdout.resume();
  return {
    url, personId, db,
    async close() {
      closing = true;
      server.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The office's calendar day (Taiwan time), as the server and the office PCs count days.
export function todayTaipei() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(iso, n) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function yearsBetween(fromIso, toIso) {
  const [y1, m1, d1] = fromIso.split('-').map(Number);
  const [y2, m2, d2] = toIso.split('-').map(Number);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

export async function launch() {
  await mkdir(kOutDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // bypassCSP: the server's Content-Security-Policy would block the injected axe-core.
  // timezoneId: the counter PCs run on Taiwan time, like the server's "today".
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 }, bypassCSP: true, timezoneId: 'Asia/Taipei',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => console.error('page error:', e));
  return { browser, page };
}

export function pageHelpers(page) {
  const h = {
    async axeCheck(label) {
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
        await page.addScriptTag({ path: kAxePath });
      }
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
        }));
      });
      assert.deepEqual(violations, [], `axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
    },
    shot: (name) => page.screenshot({ path: `${kOutDir}${name}.png`, fullPage: true }),
    focusedId: () => page.evaluate(() => document.activeElement?.id ?? ''),
    waitForFocus: (id) => page.waitForFunction((want) => document.activeElement?.id === want, id),
    text: (selector) => page.locator(selector).first().innerText(),
    async typeInto(id, value) {
      await page.focus(`#${id}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      if (value) await page.keyboard.type(value);
    },
    // A date input: typed as the browser's date field expects is locale-dependent, so the
    // value is set the way a date picker does (an input event follows).
    // Types the date as a clerk does, in the ROC calendar (115/12/01), or in one of the other
    // forms the field takes (`form`: 'digits' 1151201, 'dots' 115.12.01, 'iso' 2026-12-01).
    async setDate(id, iso, form = 'slash') {
      const [y, m, d] = iso.split('-');
      const roc = String(Number(y) - 1911);
      const text = form === 'iso' ? iso : form === 'digits' ? `${roc.padStart(3, '0')}${m}${d}`
        : form === 'dots' ? `${roc}.${m}.${d}` : `${roc}/${m}/${d}`;
      await page.focus(`#${id}`);
      await page.fill(`#${id}`, '');
      await page.keyboard.type(text);
    },
    async choose(id, value) {
      await page.focus(`#${id}`);
      await page.selectOption(`#${id}`, value);
    },
    async radio(id) {
      await page.focus(`#${id}`);
      await page.keyboard.press('Space');
      await page.waitForFunction((want) => document.getElementById(want)?.checked === true, id);
    },
    async press(id, key = 'Enter') {
      await page.focus(`#${id}`);
      await page.keyboard.press(key);
    },
    async setLanguage(lang) {
      const want = lang === 'en' ? 'en' : 'zh-Hant-TW';
      if (await page.evaluate(() => document.documentElement.lang) === want) return;
      await h.press('lang-switch');
      await page.waitForFunction((l) => document.documentElement.lang === l, want);
      await h.waitForFocus('lang-switch');
    },
    async signOut() {
      if ((await page.locator('#logout').count()) === 0) return;
      await h.press('logout');
      await page.waitForFunction(() => location.hash === '#/login');
      await h.waitForFocus('page-title');
    },
    // Signs in with the keyboard and waits for the landing page.
    async signIn(baseUrl, username, password) {
      if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/#/login`);
      await page.waitForSelector('h1#page-title');
      await h.signOut();
      await h.typeInto('username', username);
      await h.typeInto('password', password);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash !== '#/login' && document.querySelector('#logout'));
      await h.waitForFocus('page-title');
    },
    // Follows a navigation link with the keyboard.
    async navigate(route) {
      if (await page.evaluate((r) => location.hash.startsWith(`#/${r}`), route)) {
        // Already there: following the link changes nothing; reload the page's data instead.
        await page.goto(`${page.url().split('#')[0]}#/lookup`);
        await page.waitForSelector('#nav-lookup');
      }
      await h.press(`nav-${route}`);
      await page.waitForFunction((r) => location.hash.startsWith(`#/${r}`), route);
      await h.waitForFocus('page-title');
    },
    navItems: () => page.locator('.site-nav a').evaluateAll((as) => as.map((a) => a.id.replace('nav-', ''))),
  };
  return h;
}

// The REST API as a test uses it to set up data and to check results (Idempotency-Key on
// every POST, as the server requires).
export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.tokens = new Map();
  }

  async login(username, password) {
    const r = await this.raw('POST', '/auth/login', null, { username, password });
    assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.body)}`);
    this.tokens.set(username, r.body.token);
    return r.body.token;
  }

  async raw(method, path, username, body) {
    const headers = { Accept: 'application/json' };
    const token = username ? this.tokens.get(username) : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = randomUUID();
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }

  async get(username, path) {
    const r = await this.raw('GET', path, username);
    assert.equal(r.status, 200, `GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async post(username, path, body, status = 200) {
    const r = await this.raw('POST', path, username, body);
    assert.equal(r.status, status, `POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  person(username, id) {
    return this.get(username, `/persons/${encodeURIComponent(id)}?purpose=${encodeURIComponent('受理申請')}`);
  }
}

// Walks the register from one person through household members, parents and spouses, as a
// clerk would, to find people a test can use (no ID numbers are hard-coded for the real
// server). Returns the person records seen, by ID number.
export async function exploreRegister(api, username, startId, max = 80) {
  const seen = new Map();
  const queue = [startId];
  const queued = new Set(queue);
  while (queue.length && seen.size < max) {
    const id = queue.shift();
    const r = await api.raw('GET', `/persons/${encodeURIComponent(id)}?purpose=${encodeURIComponent('受理申請')}`, username);
    if (r.status !== 200) continue;
    seen.set(id, r.body);
    const p = r.body.person;
    const next = [p.father?.id_number, p.mother?.id_number, p.spouse?.id_number,
      ...(r.body.household?.members ?? []).map((m) => m.id_number)];
    for (const n of next) {
      if (n && !queued.has(n)) {
        queued.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

// Registers (clerk) and approves (supervisor) through the API; returns the registered
// application. Both users must have signed in on `api`.
export async function registerApproved(api, body) {
  const { application } = await api.post('clerk', '/registrations', body, 201);
  const decision = { decision: 'approve', note: '', version: application.version };
  if (application.days_late > 0) decision.fine = application.proposed_fine.min;
  const { application: done } = await api.post('supervisor', `/registrations/${application.id}/review`, decision);
  assert.equal(done.status, 'registered', JSON.stringify(done));
  return done;
}

// Gives the start person company when the register has too little around them (the demo's
// sample person lives alone): a foreign woman and man registered into their household as
// lodgers (初設戶籍) and, unless already married, a marriage to one of them, each approved.
export async function populate(api, start) {
  assert.ok(start?.household, `the start person ${start?.person.id_number} has no household`);
  const today = todayTaipei();
  const household_no = start.household.household_no;
  const arrive = (name, sex, years, from) => registerApproved(api, {
    type: 'first_registration', event_date: addDays(today, -5), subject_id: '',
    fields: { name, sex, birth_date: addDays(today, -Math.round(years * 365.25)), birth_place: from, from,
      household_no, relation: '同居人' },
    applicant: { name, id_number: '', relation: '本人', identity_check: 'passport' },
  });
  const woman = await arrive('阮氏香', 'F', 30, '越南');
  const man = await arrive('佐藤健', 'M', 41, '日本');
  const p = start.person;
  if (!p.spouse) {
    await registerApproved(api, {
      type: 'marriage', event_date: addDays(today, -3), subject_id: p.id_number,
      fields: { spouse_id: (p.sex === 'M' ? woman : man).result_subject_id },
      applicant: { name: p.name, id_number: p.id_number, relation: 'both_parties', identity_check: 'id_card' },
    });
  }
}
