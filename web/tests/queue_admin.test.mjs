// Browser test of the queue settings (叫號設定, #/queue-admin, issue 20) in Debian's Chromium
// on a real huji, keyboard only: the admin adds a service (a refusal first, beside the field,
// in zh-TW and English), adds a counter that serves it, changes the policy; a supervisor
// closes and opens a counter and has no forms. axe-core on each state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;

before(async () => {
  server = await startServer({ own: true });
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  api = new Api(server.url);
  for (const u of ['supervisor', 'admin']) await api.login(u, `${u}-demo-pass`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function tick(id, on = true) {
  await page.focus(`#${id}`);
  if ((await page.isChecked(`#${id}`)) !== on) await page.keyboard.press('Space');
  await page.waitForFunction(([i, want]) => document.getElementById(i)?.checked === want, [id, on]);
}

test('an admin adds a service and a counter serving it and changes the policy', async () => {
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  assert.ok((await ui.navItems()).includes('queue-admin'));
  await ui.navigate('queue-admin');
  await page.waitForSelector('#qs-table');
  assert.match(await ui.text('#qs-row-transcript'), /謄本/);
  await ui.axeCheck('queue admin (zh)');

  // A number base another service has: refused beside the field.
  await ui.typeInto('qs-code', 'home_visit');
  await ui.typeInto('qs-name-zh', '到宅服務');
  await ui.typeInto('qs-name-en', 'Home visits');
  await ui.typeInto('qs-base', '2000');
  await ui.press('qs-save');
  await ui.waitForFocus('qs-errors');
  assert.match(await ui.text('#qs-base-error'), /2000/);
  await ui.axeCheck('queue admin: refused (zh)');
  await ui.setLanguage('en');
  assert.match(await ui.text('#qs-base-error'), /number_base 2000 is transcript's/);
  await ui.axeCheck('queue admin: refused (en)');
  await ui.setLanguage('zh');
  await ui.typeInto('qs-base', '8000');
  await ui.press('qs-save');
  await ui.waitForFocus('qadmin-notice');
  assert.match(await ui.text('#qadmin-notice'), /home_visit/);
  const services = (await api.get('admin', '/queue/services?all=true')).services;
  assert.deepEqual(services.find((s) => s.code === 'home_visit'),
    { code: 'home_visit', name_zh: '到宅服務', name_en: 'Home visits', number_base: 8000, sort: 0, active: true });

  // A counter: no service ticked is refused, then one that serves the new service.
  await ui.typeInto('qc-id', '9');
  await ui.typeInto('qc-name-zh', '到宅服務櫃台');
  await ui.typeInto('qc-name-en', 'Home visit desk');
  await ui.press('qc-save');
  await ui.waitForFocus('qc-errors');
  await ui.axeCheck('queue admin: counter refused');
  await tick('qc-service-home_visit');
  await tick('qc-service-seal');
  await ui.press('qc-save');
  await ui.waitForFocus('qadmin-notice');
  const counters = (await api.get('admin', '/queue/counters')).counters;
  assert.deepEqual(counters.find((c) => c.id === '9')?.services, ['seal', 'home_visit']);
  assert.match(await ui.text('#qc-row-9'), /到宅服務/);

  // Change a counter: its form filled from the table.
  await ui.press('qc-edit-5');
  await ui.waitForFocus('qc-form-title');
  assert.equal(await page.inputValue('#qc-name-zh'), '謄得快');
  await tick('qc-service-seal');
  await ui.press('qc-save');
  await ui.waitForFocus('qadmin-notice');
  assert.deepEqual((await api.get('admin', '/queue/counters')).counters.find((c) => c.id === '5').services, ['transcript', 'seal']);

  // The policy: a value out of range refused beside its field, then saved.
  await ui.typeInto('qp-cap_min', '1');
  await ui.press('qp-save');
  await ui.waitForFocus('qp-errors');
  assert.match(await ui.text('#qp-cap_min-error'), /cap_min/);
  await ui.typeInto('qp-cap_min', '30');
  await ui.press('qp-save');
  await ui.waitForFocus('qadmin-notice');
  assert.equal((await api.get('admin', '/queue/policy')).policy.cap_min, 30);
  await ui.axeCheck('queue admin: saved');
  await ui.shot('q01-queue-admin');
});

test('a supervisor closes and opens a counter and changes nothing else', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.navigate('queue-admin');
  await page.waitForSelector('#qc-table');
  assert.equal(await page.locator('#qs-form, #qc-form, #qp-save').count(), 0);
  await ui.press('qc-close-3');
  await ui.waitForFocus('qadmin-notice');
  assert.match(await ui.text('#qadmin-notice'), /櫃台 3 已關閉/);
  assert.equal((await api.get('supervisor', '/queue/counters')).counters.find((c) => c.id === '3').open, false);
  await ui.axeCheck('queue admin: supervisor');
  await ui.setLanguage('en');
  await ui.press('qc-open-3');
  await ui.waitForFocus('qadmin-notice');
  assert.match(await ui.text('#qadmin-notice'), /Counter 3 is open/);
  await ui.axeCheck('queue admin: supervisor (en)');
  await ui.setLanguage('zh');
});
