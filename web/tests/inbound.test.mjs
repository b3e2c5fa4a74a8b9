// Browser test of inbound notices (#/inbound, 外機關通報) in Debian's Chromium on a real huji: a
// clerk uploads an immigration file (refused first without a file, then with a bad line named),
// sees the new case with its 5-working-day limit and the anomaly of a stranger, uploads the same
// file again (nothing changes), and closes the case with a note (refused first without one); a
// supervisor reads the abroad-2-years completion in English. axe-core on every state, in zh-TW
// and English.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer, todayTaipei, addDays } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let person = null;
const kHeader = 'record_id,id_number,name,event,event_date,reference';

before(async () => {
  server = await startServer({ own: true });
  const api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  person = (await api.person('clerk', server.personId)).person;
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

const csv = (...lines) => Buffer.from(`${kHeader}\n${lines.join('\n')}\n`, 'utf8');
const choose = (buffer) => page.setInputFiles('#inbound-file', { name: 'nia-202612.csv', mimeType: 'text/csv', buffer });
const eventDate = addDays(todayTaipei(), -3);
const good = () => csv(`NIA-1,${person.id_number},${person.name},abroad_2y,${eventDate},移署字第1號`,
  `NIA-2,A123456789,查無此人,abroad_2y,${eventDate},移署字第2號`);

test('a clerk imports an immigration file, sees its case and anomaly, and closes the case (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('inbound'));
  await ui.navigate('inbound');
  await page.waitForSelector('#inbound-upload-title');
  assert.match(await ui.text('main'), /沒有待辦的通報案件/);
  await ui.axeCheck('inbound (zh)');

  await ui.press('inbound-submit');
  await ui.waitForFocus('inbound-upload-errors');
  assert.match(await ui.text('#inbound-upload-errors'), /請選擇通報檔/);
  await ui.axeCheck('inbound: no file (zh)');

  await choose(csv(`NIA-9,A12345678,王,abroad_2y,${eventDate},`));
  await ui.press('inbound-submit');
  await ui.waitForFocus('inbound-upload-errors');
  assert.match(await ui.text('#inbound-upload-errors'), /第 2 行：統一編號錯誤/);
  await ui.axeCheck('inbound: bad line (zh)');

  await choose(good());
  await ui.press('inbound-submit');
  await ui.waitForFocus('inbound-result');
  assert.match(await ui.text('#inbound-result'), /新案件 1 件.*異常 1 筆/);
  const row = page.locator('#inbound-cases tbody tr', { hasText: person.id_number });
  assert.match(await row.innerText(), /出境滿二年未入境/);
  assert.match(await row.innerText(), /移署字第1號/);
  assert.doesNotMatch(await row.innerText(), /逾期/);
  const anomaly = page.locator('#inbound-anomalies tbody tr', { hasText: 'A123456789' });
  assert.match(await anomaly.innerText(), /查無此統一編號/);
  await ui.axeCheck('inbound: imported (zh)');

  await ui.press('inbound-submit');
  await ui.waitForFocus('inbound-result');
  assert.match(await ui.text('#inbound-result'), /先前已匯入，未變更任何資料/);
  assert.equal(await page.locator('#inbound-cases tbody tr').count(), 1);

  const id = (await row.locator('th').innerText()).trim();
  await ui.press(`inbound-${id}-close`);
  await ui.waitForFocus('inbound-close-title');
  assert.match(await ui.text('#inbound-close-title'), new RegExp(person.id_number));
  await ui.press('inbound-close-submit');
  await ui.waitForFocus('inbound-close-errors');
  assert.match(await ui.text('#inbound-close-errors'), /請填寫登記案號或說明理由/);
  await ui.axeCheck('inbound: close refused (zh)');
  await ui.typeInto('inbound-note', '已再入境，免逕遷');
  await ui.press('inbound-close-submit');
  await ui.waitForFocus('inbound-notice');
  assert.match(await ui.text('#inbound-notice'), new RegExp(`案號 ${id} 已結案`));
  assert.match(await ui.text('main'), /沒有待辦的通報案件/);
  await ui.axeCheck('inbound: closed (zh)');
  await ui.shot('inbound-zh');
});

test('a supervisor reads the abroad-2-years completion in English', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.setLanguage('en');
  await ui.navigate('inbound');
  await page.waitForSelector('#inbound-kpi');
  assert.match(await ui.text('#inbound-kpi'), /abroad-2-years completion 100\.0 % \(1 counted, 0 in progress/);
  assert.match(await ui.text('#inbound-anomalies'), /No such ID number in the register/);
  await ui.axeCheck('inbound (en)');
  await ui.shot('inbound-en');
});
