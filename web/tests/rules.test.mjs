// Browser test of the statutory figures screen (#/rules) in Debian's Chromium on a real huji:
// an admin reads the versions and their figures, is refused a bad text with the line named,
// loads a later version with the keyboard; a supervisor reads the figures without the form;
// a clerk is not offered the screen. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, launch, pageHelpers, startServer, todayTaipei } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('an admin reads the figures in force, by the law that sets them', async () => {
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  assert.ok((await ui.navItems()).includes('rules'), 'the admin is offered 法規數值');
  await ui.navigate('rules');
  await page.waitForSelector('#figures-title');
  const table = await ui.text('table');
  assert.match(table, /2015/);
  assert.match(table, /現行/);
  const figures = await ui.text('.facts');
  assert.match(figures, /出生登記期限\s*60 日/);
  assert.match(figures, /31–180 日 700 元/);
  assert.match(figures, /181 日以上 900 元/);
  assert.match(figures, /登記正確率目標\s*≥ 97/);
  assert.match(figures, /主動關懷通報條件[^\n]*\s*結婚當事人 65 歲以上；離婚當事人育有未滿 18 歲子女/);
  await ui.axeCheck('rules (admin)');
  await ui.shot('rules-admin');
});

test('a bad text is refused with its line; nothing is loaded', async () => {
  const draft = await page.inputValue('#rules-text');
  assert.match(draft, new RegExp(`^effective ${addDays(todayTaipei(), 1)}$`, 'm'), 'the draft starts tomorrow');
  await ui.typeInto('rules-text', draft.replace('deadline.birth_days 60', 'deadline.birth_days sixty'));
  await ui.press('rules-submit');
  await page.waitForSelector('#rules-errors');
  await ui.waitForFocus('rules-errors');
  assert.match(await ui.text('#rules-errors'), /rules:\d+|第 \d+ 行|:\d+/);
  assert.equal(await page.locator('tbody tr').count(), 2);
  await ui.axeCheck('rules: refused');
});

test('a later version is loaded with the keyboard and shown as upcoming', async () => {
  const next = addDays(todayTaipei(), 30);
  const draft = await page.inputValue('#rules-text');
  await ui.typeInto('rules-text', draft.replace('deadline.birth_days sixty', 'deadline.birth_days 90')
    .replace(/^effective .*$/m, `effective ${next}`));
  await ui.press('rules-submit');
  await page.waitForSelector('#rules-notice');
  await ui.waitForFocus('rules-notice');
  assert.match(await ui.text('#rules-notice'), new RegExp(next));
  assert.equal(await page.locator('tbody tr').count(), 3);
  assert.match(await ui.text('tbody tr:nth-child(3)'), /將施行/);
  assert.match(await ui.text('tbody tr:nth-child(3)'), /admin/);
  assert.match(await ui.text('.facts'), /出生登記期限\s*90 日/);
  await ui.press(`show-2015-01-22`);
  await ui.waitForFocus('figures-title');
  assert.match(await ui.text('.facts'), /出生登記期限\s*60 日/);
  assert.match(await ui.text('.facts'), /成年年齡（民法第12條）\s*20 歲/, 'before 2023 of age at 20');
  assert.match(await ui.text('.facts'), /男 18 歲、女 16 歲/);
  await ui.axeCheck('rules: loaded');
  await ui.shot('rules-loaded');
});

test('a supervisor reads the figures but has no form; a clerk is not offered the screen', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.navigate('rules');
  await page.waitForSelector('#figures-title');
  assert.equal(await page.locator('#rules-text').count(), 0);
  await ui.setLanguage('en');
  assert.match(await ui.text('.facts'), /Birth registration period\s*60 days/);
  await ui.axeCheck('rules (supervisor, en)');
  await ui.setLanguage('zh');
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok(!(await ui.navItems()).includes('rules'));
});
