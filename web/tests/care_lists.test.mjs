// Browser test of the proactive-care lists (#/care-lists, 主動關懷通報) in Debian's Chromium on a
// real huji: a clerk reads this month's list (a marriage of a man of 70, registered for the
// test), records its notification with the keyboard (refused first without the agency) and
// downloads the CSV for the social-welfare office; a supervisor corrects it in English
// (refused first without a reason), and an empty month shows no rate. axe-core on every
// state, in zh-TW and English.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, addDays, launch, pageHelpers, registerApproved, startServer, todayTaipei } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let marriage = null;
const today = todayTaipei();

before(async () => {
  server = await startServer();
  const api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  await api.login('supervisor', 'supervisor-demo-pass');
  const start = await api.person('clerk', server.personId);
  const household_no = start.household.household_no;
  // Two persons new to the register (初設戶籍), then their marriage: he is 70 on its date.
  const arrive = (name, sex, years) => registerApproved(api, {
    type: 'first_registration', event_date: addDays(today, -5), subject_id: '',
    fields: { name, sex, birth_date: addDays(today, -Math.round(years * 365.25)), birth_place: '日本', from: '日本',
      household_no, relation: '同居人' },
    applicant: { name, id_number: '', relation: '本人', identity_check: 'passport' },
  });
  const groom = await arrive('山田太郎', 'M', 70);
  const bride = await arrive('鈴木花子', 'F', 58);
  marriage = await registerApproved(api, {
    type: 'marriage', event_date: today, subject_id: groom.result_subject_id,
    fields: { spouse_id: bride.result_subject_id },
    applicant: { name: '山田太郎', id_number: groom.result_subject_id, relation: 'both_parties', identity_check: 'id_card' },
  });
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

const row = () => page.locator('tbody tr', { hasText: `#${marriage.id}` });

test('a clerk sees the month\'s elderly marriage and records its notification (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('care-lists'));
  await ui.navigate('care-lists');
  await page.waitForSelector('#care-title');
  assert.equal(await page.inputValue('#care-month'), today.slice(0, 7));
  assert.match(await row().innerText(), /年長者結婚/);
  assert.match(await row().innerText(), /山田太郎\s*70 歲/);
  assert.match(await row().innerText(), /尚未通報/);
  assert.match(await ui.text('#care-target'), /100 %/);
  await ui.axeCheck('care lists (zh)');

  await ui.press(`care-${marriage.id}-record`);
  await ui.waitForFocus('care-form-title');
  assert.equal(await page.inputValue('#care-sent-on'), `${Number(today.slice(0, 4)) - 1911}/${today.slice(5, 7)}/${today.slice(8)}`);
  await ui.press('care-submit');
  await ui.waitForFocus('care-errors');
  assert.match(await ui.text('#care-errors'), /受通報機關/);
  await ui.axeCheck('care lists: refused (zh)');
  await ui.typeInto('care-agency', '臺北市政府社會局');
  await ui.choose('care-channel', 'official_letter');
  await ui.typeInto('care-reference', '北市文戶字第1150001號');
  await ui.press('care-submit');
  await ui.waitForFocus('care-notice');
  assert.match(await ui.text('#care-notice'), new RegExp(`#${marriage.id}`));
  assert.match(await row().innerText(), /已通報/);
  assert.match(await row().innerText(), /臺北市政府社會局/);
  await ui.axeCheck('care lists: recorded (zh)');
  const [download] = await Promise.all([page.waitForEvent('download'), ui.press('care-download')]);
  assert.equal(download.suggestedFilename(), `care-list-${today.slice(0, 7)}.csv`);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  const csv = Buffer.concat(chunks).toString('utf8');
  assert.match(csv, /^\uFEFF案號,登記類別/);
  assert.match(csv, new RegExp(`${marriage.id},結婚,.*山田太郎,70,.*臺北市政府社會局`));
  await ui.shot('care-lists-zh');
});

test('a supervisor corrects the notification in English; an empty month has no rate', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.setLanguage('en');
  await ui.navigate('care-lists');
  await page.waitForSelector('#care-title');
  assert.match(await row().innerText(), /Marriage of an elderly person/);
  assert.match(await row().innerText(), /Notified/);
  await ui.axeCheck('care lists (en)');
  await ui.press(`care-${marriage.id}-correct`);
  await ui.waitForFocus('care-form-title');
  assert.equal(await page.inputValue('#care-agency'), '臺北市政府社會局');
  await ui.typeInto('care-reference', '北市文戶字第1150002號');
  await ui.press('care-submit');
  await ui.waitForFocus('care-errors');
  assert.match(await ui.text('#care-errors'), /Reason for the correction/);
  await ui.axeCheck('care lists: correction refused (en)');
  await ui.typeInto('care-reason', '文號誤植');
  await ui.press('care-submit');
  await ui.waitForFocus('care-notice');
  assert.match(await row().innerText(), /1150002/);

  await page.focus('#care-month');
  await page.fill('#care-month', '1999-01');
  await ui.press('care-show');
  await ui.waitForFocus('care-title');
  assert.match(await ui.text('#care-rate'), /no rate/);
  assert.match(await ui.text('main'), /No case qualified/);
  await ui.axeCheck('care lists: empty month (en)');
  await ui.shot('care-lists-en');
  await ui.setLanguage('zh');
});

test('an auditor is not offered the screen', async () => {
  await ui.signIn(server.url, 'auditor', 'auditor-demo-pass');
  assert.ok(!(await ui.navItems()).includes('care-lists'));
});
