// Browser test of search on the lookup screen (issue 17, item 7) in Debian's Chromium on a real
// huji: a clerk searches by name and picks the demo person from the matches, then searches by
// address and opens the household at the door plate found; in zh-TW and English, with the
// keyboard, axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let sample = null;  // the demo's sample person, as the API shows them

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  const api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  sample = await api.person('clerk', server.personId);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function searchByName(lang) {
  await ui.radio('search-by-name');
  await ui.typeInto('search-name', sample.person.name);
  await ui.choose('purpose', 'application');
  await ui.press('lookup-submit');
  await ui.waitForFocus('matches-title');
  const list = await ui.text('.matches');
  assert.ok(list.includes(sample.person.id_number), list);
  await ui.axeCheck(`search by name (${lang})`);
  await ui.shot(`search-name-${lang}`);
  // Tab from the title reaches the first match; the demo person is picked with Enter.
  const pick = page.locator('.matches__pick', { hasText: sample.person.id_number });
  await pick.focus();
  await page.keyboard.press('Enter');
  await ui.waitForFocus('result-title');
  assert.ok((await ui.text('#result-title')).includes(sample.person.name));
}

async function searchByAddress(lang) {
  const household = sample.household;
  await ui.radio('search-by-address');
  await ui.typeInto('search-address', household.address);
  await ui.choose('purpose', 'application');
  await ui.press('lookup-submit');
  await ui.waitForFocus('matches-title');
  const list = await ui.text('.matches');
  assert.ok(list.includes(household.address), list);
  await ui.axeCheck(`search by address (${lang})`);
  await ui.shot(`search-address-${lang}`);
  const pick = page.locator('.matches__pick', { hasText: household.household_no });
  await pick.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((no) => location.hash.startsWith(`#/household/${no}`), household.household_no);
}

test('zh-TW: a clerk finds the demo person by name and their household by address', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.equal(await page.evaluate(() => location.hash), '#/lookup');
  assert.equal(await ui.text('label[for=search-by-name]'), '姓名');
  await ui.radio('search-by-name');
  await ui.press('lookup-submit');
  await ui.waitForFocus('error-summary');
  assert.match(await ui.text('#error-summary'), /請輸入姓名/);
  await ui.axeCheck('search refused (zh)');
  await searchByName('zh');
  await searchByAddress('zh');
  await ui.shot('search-household');
});

test('English: the same searches, in English', async () => {
  await ui.navigate('lookup');
  await ui.setLanguage('en');
  assert.equal(await ui.text('label[for=search-by-address]'), 'Address');
  await searchByName('en');
  assert.match(await ui.text('h1'), /Person lookup/);
  await searchByAddress('en');
});
