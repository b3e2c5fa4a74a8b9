// Browser test of the cross-agency notification KPIs and audit (#/notification-kpi, 跨機關通報考核)
// in Debian's Chromium on a real huji: two agencies (the land office in the group "land"), two
// first registrations — one notifying both through the system, one declined — and a revocation
// of the first; a supervisor reads both rates against their targets (the screen's figures are
// the API's), draws last week's review sample, reads the month's anomaly log with the
// revocation notices, downloads its CSV and signs off last month; the same in English; an
// auditor reads without the supervisor's buttons. axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, addDays, launch, pageHelpers, registerApproved, startServer, todayTaipei } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
const today = todayTaipei();
const month = today.slice(0, 7);
const previousMonth = (() => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const pct = (r) => `${(Math.round(r * 100 * 100) / 100).toFixed(2).replace(/\.?0+$/, '')} %`;

before(async () => {
  server = await startServer({ own: true });
  api = new Api(server.url);
  for (const who of ['clerk', 'supervisor', 'admin', 'auditor']) await api.login(who, `${who}-demo-pass`);
  const secret = `whsec_${Buffer.from('s'.repeat(32)).toString('base64')}`;
  for (const [code, group] of [['tax', ''], ['land_a', 'land']]) {
    await api.post('admin', '/agencies', {
      code, name_zh: `測試機關${code}`, name_en: `Agency ${code}`, group, url: 'http://127.0.0.1:9/hook', secret,
      types: ['first_registration'], fields: ['id_number', 'name'],
    }, 201);
  }
  const start = await api.person('clerk', server.personId);
  const household_no = start.household.household_no;
  const arrive = (name, sex, extra) => registerApproved(api, {
    type: 'first_registration', event_date: addDays(today, -3), subject_id: '',
    fields: { name, sex, birth_date: '1990-05-01', birth_place: '日本', from: '日本', household_no, relation: '同居人' },
    applicant: { name, id_number: '', relation: '本人', identity_check: 'passport' },
    ...extra,
  });
  const notified = await arrive('佐藤一郎', 'M', { notify: ['tax', 'land_a'] });
  await arrive('高橋花子', 'F', { notify_declined: true });
  await registerApproved(api, {
    type: 'revocation', event_date: today,
    fields: { application_id: String(notified.id), reason: '登記錯誤', initiated_by: 'office', cause: 'office_error' },
    applicant: { name: '承辦人', id_number: '', relation: 'office', identity_check: 'id_card' },
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

test('a supervisor reads both rates, draws the weekly sample and reads the anomaly log (zh-TW)', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  assert.ok((await ui.navItems()).includes('notification-kpi'));
  await ui.navigate('notification-kpi');
  await page.waitForSelector('#nkpi-rates-title');
  const k = await api.get('supervisor', `/kpi/notification-rate?from=${month.slice(0, 4)}-01-01&to=${today}`);
  assert.equal(await page.inputValue('#nkpi-month'), month);
  assert.match(await ui.text('#nkpi-beidou-target'), /96 %/);
  assert.match(await ui.text('#nkpi-datong-target'), /80 %/);
  if (k.beidou.rate !== null) assert.match(await ui.text('#nkpi-beidou-rate'), new RegExp(pct(k.beidou.rate)));
  assert.match(await ui.text('#nkpi-datong-rate'), new RegExp(pct(k.datong.rate)));
  // The declined registration counts 1 in 大同's numerator; the revoked one counts nowhere.
  assert.ok(k.datong.declined >= 1);
  assert.match(await ui.text('#nkpi-datong-numerator'), new RegExp(`不同意 ${k.datong.declined}`));
  await ui.axeCheck('notification KPIs (zh)');

  await ui.press('nkpi-draw');
  await ui.waitForFocus('nkpi-notice');
  assert.match(await ui.text('#nkpi-notice'), /已抽出 0 件/);
  assert.match(await ui.text('main'), /該週無跨機關通報案件/);
  await ui.press('nkpi-draw');
  await ui.waitForFocus('nkpi-draw-errors');
  assert.match(await ui.text('#nkpi-draw-errors'), /已抽樣/);
  await ui.axeCheck('notification KPIs: sample drawn, again refused (zh)');

  const log = await ui.text('#nkpi-log-title');
  assert.match(log, new RegExp(month));
  const rows = page.locator('section[aria-labelledby="nkpi-log-title"] tbody tr');
  assert.equal(await rows.count(), 2);  // the revocation notices to tax and land_a
  assert.match(await rows.first().innerText(), /撤銷登記之通報/);
  assert.match(await ui.text('#nkpi-signed'), /次月始得陳核/);
  const [download] = await Promise.all([page.waitForEvent('download'), ui.press('nkpi-download')]);
  assert.equal(download.suggestedFilename(), `notification-anomalies-${month}.csv`);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  assert.match(Buffer.concat(chunks).toString('utf8'), /^\uFEFF月份,類別/);
  await ui.shot('notification-kpi-zh');
});

test('last month is signed off in English', async () => {
  await ui.setLanguage('en');
  await page.focus('#nkpi-month');
  await page.fill('#nkpi-month', previousMonth);
  await ui.press('nkpi-show');
  await ui.waitForFocus('nkpi-rates-title');
  assert.match(await ui.text('#nkpi-log-title'), new RegExp(`Anomaly log of ${previousMonth}`));
  assert.match(await ui.text('main'), /Weekly review/);
  await ui.axeCheck('notification KPIs: last month (en)');
  await ui.typeInto('nkpi-sign-note', 'No anomalies');
  await ui.press('nkpi-sign');
  await ui.waitForFocus('nkpi-signed');
  assert.match(await ui.text('#nkpi-signed'), /Signed off by supervisor/);
  assert.match(await ui.text('#nkpi-signed'), /No anomalies/);
  await ui.axeCheck('notification KPIs: signed off (en)');
  await ui.shot('notification-kpi-en');
  await ui.setLanguage('zh');
});

test('an auditor reads the screen without the supervisor\'s buttons; a clerk is not offered it', async () => {
  await ui.signIn(server.url, 'auditor', 'auditor-demo-pass');
  assert.ok((await ui.navItems()).includes('notification-kpi'));
  await ui.navigate('notification-kpi');
  await page.waitForSelector('#nkpi-rates-title');
  assert.equal(await page.locator('#nkpi-draw').count(), 0);
  assert.match(await ui.text('#nkpi-signed'), /尚未陳核/);
  await ui.axeCheck('notification KPIs: auditor (zh)');
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok(!(await ui.navItems()).includes('notification-kpi'));
});
