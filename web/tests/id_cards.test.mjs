// Browser test of the ID-card counter (#/id-cards) and its blank stock (#/id-cards/stock) in
// Debian's Chromium on a real huji: a clerk receives a range of blank cards and laminates,
// spoils one, reads the month's count and enters a physical count that misses a serial (the
// differences are shown); then issues a first card with a photo file to an adult and reports
// it lost, and issues a household booklet — with the keyboard, in zh-TW, then the stock in
// English. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, addDays, exploreRegister, launch, pageHelpers, registerApproved, startServer, todayTaipei } from './support.mjs';
import { makePng } from '../../tests/http/png.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let adult = null;
let household = null;
let others = [];
const today = todayTaipei();

before(async () => {
  server = await startServer();
  const api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  const seen = await exploreRegister(api, 'clerk', server.personId, 400);
  const cutoff = `${Number(today.slice(0, 4)) - 20}${today.slice(4)}`;
  const record = [...seen.values()].find((r) => r.person.status === 'active' && r.person.birth_date < cutoff && r.household);
  assert.ok(record, 'an adult in the register');
  adult = record.person;
  household = record.household;
  // A child of 10 new to the register (初設戶籍) in the adult's household: refused at the school visit.
  await api.login('supervisor', 'supervisor-demo-pass');
  const child = await registerApproved(api, {
    type: 'first_registration', event_date: addDays(today, -3), subject_id: '',
    fields: { name: '林小安', sex: 'F', birth_date: addDays(today, -3700), birth_place: '日本', from: '日本',
      household_no: household.household_no, relation: '同居人' },
    applicant: { name: household.members.find((m) => m.id_number === household.head_id_number)?.name ?? '戶長',
      id_number: household.head_id_number, relation: 'head', identity_check: 'id_card' },
  });
  const grown = await registerApproved(api, {
    type: 'first_registration', event_date: addDays(today, -3), subject_id: '',
    fields: { name: '林大同', sex: 'M', birth_date: addDays(today, -9000), birth_place: '日本', from: '日本',
      household_no: household.household_no, relation: '同居人' },
    applicant: { name: '林大同', id_number: '', relation: '本人', identity_check: 'passport' },
  });
  others = [{ id_number: grown.result_subject_id }, { id_number: child.result_subject_id }];
  assert.ok(others[0] && others[1].id_number, 'another adult and a child under 14');
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

test('a clerk receives blanks, spoils one and finds a count that does not reconcile (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('id-cards'));
  await ui.navigate('id-cards');
  await ui.press('idc-switch');
  await page.waitForFunction(() => location.hash === '#/id-cards/stock');
  await page.waitForSelector('#stock-table');
  await ui.axeCheck('stock (zh)');
  for (const [item, first, last] of [['card', 'WB0000001', 'WB0000010'], ['laminate', 'WL0000001', 'WL0000010']]) {
    await ui.choose('stock-receive-item', item);
    await ui.typeInto('stock-first', first);
    await ui.typeInto('stock-last', last);
    await ui.press('stock-receive-submit');
    await ui.waitForFocus('idc-notice');
    assert.match(await ui.text('#idc-notice'), /已領入 10 號/);
  }
  await ui.typeInto('stock-serial', 'WB0000010');
  await ui.choose('stock-removal', 'spoiled');
  await ui.typeInto('stock-reason', '印製失敗');
  await ui.press('stock-remove-submit');
  await ui.waitForFocus('idc-notice');
  const card = page.locator('#stock-table tbody tr', { hasText: '空白國民身分證' });
  assert.match(await card.innerText(), /10\s+0\s+1\s+0\s+0\s+9\s+WB0000001–WB0000009 \(9\)/);
  assert.match(await ui.text('#stock-monthly'), /空白國民身分證\s+0\s+10\s+0\s+1\s+0\s+9\s+未點存/);
  assert.match(await ui.text('#stock-due'), /應陳報日期/);
  await ui.axeCheck('stock: received (zh)');

  await ui.typeInto('stock-count-serials', ['WB0000001', 'WB0000002', 'WB0000003', 'WB0000004', 'WB0000005',
    'WB0000006', 'WB0000007', 'WB0000008', 'WB0009999'].join('\n'));
  await ui.press('stock-count-submit');
  await ui.waitForFocus('stock-count-result');
  const result = await ui.text('#stock-count-result');
  assert.match(result, /帳面 9，實點 9，不符/);
  assert.match(result, /短少：\s*WB0000009/);
  assert.match(result, /帳外：\s*WB0009999/);
  assert.match(await ui.text('#stock-monthly'), /不符/);
  await ui.axeCheck('stock: count does not reconcile (zh)');
  await ui.shot('id-card-stock-zh');
});

test('a first card with its photo, its loss report, and a booklet (zh-TW)', async () => {
  await page.goto(`${server.url}/#/id-cards`);
  await ui.waitForFocus('page-title');
  await ui.typeInto('idc-person', adult.id_number);
  await ui.press('idc-lookup-submit');
  await ui.waitForFocus('idc-person-title');
  assert.match(await ui.text('#idc-person-title'), new RegExp(adult.id_number));
  await ui.axeCheck('id cards: person (zh)');
  await ui.typeInto('idc-card-serial', 'WB0000001');
  await ui.typeInto('idc-laminate-serial', 'WL0000001');
  await page.setInputFiles('#idc-photo', { name: 'photo.png', mimeType: 'image/png', buffer: makePng() });
  await ui.press('idc-issue-submit');
  await ui.waitForFocus('idc-notice');
  assert.match(await ui.text('#idc-notice'), /已核發，證號 WB0000001，規費 50 元/);
  assert.match(await page.locator('tbody tr', { hasText: 'WB0000001' }).innerText(), /初領.*有效/s);
  const lossButton = await page.locator('tbody tr', { hasText: 'WB0000001' }).locator('button').getAttribute('id');
  await ui.press(lossButton);
  await ui.waitForFocus('idc-notice');
  assert.match(await ui.text('#idc-notice'), /已辦理掛失/);
  assert.match(await page.locator('tbody tr', { hasText: 'WB0000001' }).innerText(), /已掛失/);
  await ui.axeCheck('id cards: lost (zh)');

  await ui.typeInto('idc-household', household.household_no);
  await ui.typeInto('idc-booklet-applicant', 'Z299999992');
  await ui.press('idc-booklet-submit');
  await ui.waitForFocus('idc-failure');
  assert.match(await ui.text('#idc-failure'), /非戶長或戶內人口/);
  await ui.axeCheck('id cards: booklet refused (zh)');
  await ui.typeInto('idc-booklet-applicant', household.head_id_number);
  await ui.press('idc-booklet-submit');
  await ui.waitForFocus('idc-notice');
  assert.match(await ui.text('#idc-notice'), /戶口名簿已核發，規費 30 元/);
  await ui.shot('id-cards-zh');
});

test('a school visit: each student issued or refused on their own (zh-TW)', async () => {
  await page.waitForSelector('#idc-school');
  await ui.typeInto('idc-school', '景美國中');
  await ui.typeInto('idc-batch-lines', `${others[0].id_number} WB0000002 WL0000002\n${others[1].id_number}, WB0000003, WL0000003`);
  await page.setInputFiles('#idc-batch-photos', [1, 2].map((n) => ({ name: `s${n}.png`, mimeType: 'image/png', buffer: makePng() })));
  await ui.press('idc-batch-submit');
  await ui.waitForFocus('idc-batch-result');
  const result = await ui.text('#idc-batch-result');
  assert.match(result, /核發 1 名，未核發 1 名/);
  assert.match(result, new RegExp(`${others[0].id_number}：已核發，證號 WB0000002`));
  assert.match(result, /初領國民身分證須年滿 14 歲/);
  await ui.axeCheck('id cards: school visit (zh)');
});

test('the stock in English', async () => {
  await page.goto(`${server.url}/#/id-cards/stock`);
  await ui.waitForFocus('page-title');
  await ui.setLanguage('en');
  await page.waitForSelector('#stock-table');
  assert.match(await ui.text('#page-title'), /Blank cards and laminates/);
  assert.match(await ui.text('#stock-table'), /Blank ID card/);
  assert.match(await ui.text('#stock-monthly'), /Does not reconcile/);
  assert.match(await page.locator('#stock-table tbody tr', { hasText: 'Blank ID card' }).innerText(), /10\s+2\s+1/);
  await ui.axeCheck('stock (en)');
  await ui.shot('id-card-stock-en');
  await ui.setLanguage('zh');
});
