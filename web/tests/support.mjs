// Shared by the browser tests: Debian's Chromium (never a downloaded browser), axe-core,
// keyboard helpers, and a small API client for setting up and checking what the screens did.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const kAxePath = require.resolve('axe-core/axe.min.js');
export const kOutDir = fileURLToPath(new URL('../test-results/', import.meta.url));

export const kCjk = /[\u3400-\u9fff]/;

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
    async setDate(id, iso) {
      await page.focus(`#${id}`);
      await page.fill(`#${id}`, iso);
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
