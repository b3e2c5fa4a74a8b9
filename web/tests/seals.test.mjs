// Browser test of the seal screen (#/seals, 印鑑) in Debian's Chromium on a real huji: a clerk
// finds a person with the keyboard, registers their seal from a PNG, compares a genuine
// impression from an application (the two side by side, the overlay, 相符), is refused the
// certificate until they tick their own confirmation, then issues it (check code, fee, PDF);
// in English a forged impression answers "No match" and offers no certificate; the seal is
// then abolished. axe-core on every state, in zh-TW and English.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch, pageHelpers, startServer } from './support.mjs';

const fixture = (name) => fileURLToPath(new URL(`../../tests/http/fixtures/seal-${name}.png`, import.meta.url));

let server = null;
let browser = null;
let page = null;
let ui = null;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${server.url}/#/login`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function findPerson() {
  await ui.typeInto('seal-id', server.personId);
  await page.keyboard.press('Enter');
  await ui.waitForFocus('seal-person-title');
}

test('a clerk registers a seal, compares a genuine impression and issues the certificate (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('seals'));
  await ui.navigate('seals');
  await ui.axeCheck('seals, empty');
  await findPerson();
  await page.waitForSelector('#seal-none');
  await ui.axeCheck('seals, no seal');

  await ui.press('seal-register');
  await ui.waitForFocus('seal-form-title');
  await ui.press('seal-submit');
  await page.waitForSelector('#seal-errors');
  assert.match(await ui.text('#seal-errors'), /請選擇印鑑影像檔/);
  await page.setInputFiles('#seal-file', fixture('registered'));
  await ui.press('seal-submit');
  await ui.waitForFocus('seal-notice');
  await page.waitForSelector('#seal-current-image');
  assert.match(await ui.text('tbody'), /登記中/);
  await ui.axeCheck('seals, registered');

  await ui.press('seal-compare');
  await ui.waitForFocus('seal-form-title');
  await page.setInputFiles('#seal-file', fixture('genuine'));
  await ui.press('seal-submit');
  await ui.waitForFocus('seal-compare-title');
  assert.equal(await ui.text('#seal-verdict'), '相符');
  for (const id of ['seal-compare-registered', 'seal-compare-application', 'seal-overlay']) {
    await page.waitForFunction((x) => document.getElementById(x)?.naturalWidth > 0, id);
  }
  await ui.axeCheck('seals, compared');

  await ui.typeInto('seal-purpose', '不動產登記');
  await ui.press('seal-issue');
  await page.waitForSelector('#seal-cert-errors');
  assert.match(await ui.text('#seal-cert-errors'), /請勾選確認/);
  await ui.axeCheck('seals, certificate refused');
  await ui.radio('seal-confirm');
  await ui.press('seal-issue');
  await ui.waitForFocus('seal-certificate-title');
  assert.match(await ui.text('#seal-check-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  await ui.axeCheck('seals, certificate issued');
  await ui.shot('seals-certificate-zh');
  const download = page.waitForEvent('download');
  await ui.press('seal-pdf');
  const pdf = await download;
  assert.match(pdf.suggestedFilename(), /^seal-certificate-\d+\.pdf$/);
});

test('a forged impression answers no match and no certificate; the seal is abolished (English)', async () => {
  await ui.setLanguage('en');
  await ui.navigate('seals');
  await findPerson();
  await ui.press('seal-compare');
  await ui.waitForFocus('seal-form-title');
  await page.setInputFiles('#seal-file', fixture('forged'));
  await ui.press('seal-submit');
  await ui.waitForFocus('seal-compare-title');
  assert.equal(await ui.text('#seal-verdict'), 'No match');
  await page.waitForSelector('#seal-no-certificate');
  assert.equal(await page.locator('#seal-issue').count(), 0);
  await ui.axeCheck('seals, no match (en)');
  await ui.shot('seals-no-match-en');

  await ui.press('seal-abolish');
  await ui.waitForFocus('seal-form-title');
  await ui.typeInto('seal-reason', 'Seal lost');
  await ui.press('seal-submit');
  await ui.waitForFocus('seal-notice');
  assert.match(await ui.text('tbody'), /Abolished/);
  assert.equal(await page.locator('#seal-register').count(), 1);
  await ui.axeCheck('seals, abolished (en)');
});
