// Browser test of cross-agency notification (跨機關通報, issue 19) in Debian's Chromium on a
// real huji: the admin adds an agency (a refusal shown beside the form in the chosen
// language, a generated whsec_ secret, a v1a key); the clerk's consent checklist on a
// notifiable registration (a choice is required; the check step shows it); the supervisor
// approves and the case page shows each agency's delivery as pending (no delivery worker
// runs here); a second registration of the same person starts from the citizen's last choice;
// the board lists a dead letter (made dead by SQL on the test's database), shows its ledger,
// replays it and retries it. axe-core on every screen, zh-TW and English. The delivery worker
// (where this build has one) is turned off: what the screens show is then what the test made.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Api, launch, pageHelpers, serveHasOption, startServer, todayTaipei } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let subject = null;  // the demo's sample person
const made = {};

// secret_hint: a SHA-256 fingerprint of the secret, never any part of it.
const fingerprint = (secret) => `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;

before(async () => {
  server = await startServer({
    own: true,
    serveArgs: serveHasOption('--notify-worker') ? ['--notify-worker', 'false'] : [],
  });
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  api = new Api(server.url);
  for (const u of ['clerk', 'supervisor', 'admin']) await api.login(u, `${u}-demo-pass`);
  subject = (await api.person('clerk', server.personId)).person;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Ticks or unticks a checkbox with the keyboard.
async function tick(id, on = true) {
  await page.focus(`#${id}`);
  if ((await page.isChecked(`#${id}`)) !== on) await page.keyboard.press('Space');
  await page.waitForFunction(([i, want]) => document.getElementById(i)?.checked === want, [id, on]);
}

async function startNameChange() {
  await ui.navigate('register');
  if ((await page.locator('#register-another').count()) > 0) {
    await ui.press('register-another');
    await ui.waitForFocus('page-title');
  }
  await ui.radio('type-name_change');
  await ui.press('type-continue');
  await ui.waitForFocus('form-title');
  await page.waitForSelector('#notify-section');
  await ui.typeInto('subject-id', subject.id_number);
  await page.waitForFunction(() => /（/.test(document.getElementById('subject-id-who')?.textContent ?? ''));
}

test('the admin adds an agency: a refusal beside the form in either language, a generated secret', async () => {
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  const nav = await ui.navItems();
  assert.ok(nav.includes('agencies') && nav.includes('notifications'), nav.join(' '));
  await ui.navigate('agencies');
  await page.waitForSelector('#agencies-empty');
  await ui.axeCheck('agencies: none yet');

  await ui.press('agency-save');
  await ui.waitForFocus('agency-errors');
  assert.match(await ui.text('#agency-code-error'), /機關代碼/);
  assert.match(await ui.text('#agency-secret-error'), /金鑰/);
  assert.match(await ui.text('#agency-errors'), /接收之登記類別/);

  await ui.typeInto('agency-code', 'tax');
  await ui.typeInto('agency-name-zh', '財政部臺北國稅局');
  await ui.typeInto('agency-name-en', 'Taipei National Tax Administration');
  await ui.typeInto('agency-url', 'ftp://tax.example/hook');
  await ui.press('agency-generate');
  await ui.waitForFocus('agency-secret');
  const secret = await page.inputValue('#agency-secret');
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'whsec_ and the base64 of 32 random bytes');
  await tick('agency-type-name_change');
  await tick('agency-type-address_change');
  await tick('agency-field-birth_date');
  await tick('agency-signing-key');
  // The server refuses the URL: its message beside the field, in the chosen language.
  await ui.press('agency-save');
  await ui.waitForFocus('agency-errors');
  assert.match(await ui.text('#agency-url-error'), /通報網址須為 http:\/\/ 或 https:\/\//);
  await ui.axeCheck('agencies: refused (zh)');
  await ui.setLanguage('en');
  assert.match(await ui.text('#agency-url-error'), /url must be an http:\/\/ or https:\/\/ address/);
  await ui.axeCheck('agencies: refused (en)');
  await ui.shot('n01-agency-refused-en');
  await ui.setLanguage('zh');

  await ui.typeInto('agency-url', 'http://127.0.0.1:9/hook');
  await ui.press('agency-save');
  await ui.waitForFocus('agencies-notice');
  assert.match(await ui.text('#agencies-notice'), /已新增通報機關 tax/);
  const row = await ui.text('#agency-tax');
  assert.match(row, /財政部臺北國稅局/);
  assert.match(row, /姓名變更登記/);
  assert.match(row, /啟用/);
  assert.match(await ui.text('#public-key-tax'), /^whpk_/);
  const { agency } = await api.get('admin', '/agencies/tax');
  assert.deepEqual(agency.types, ['address_change', 'name_change']);
  assert.deepEqual(agency.fields, ['id_number', 'name', 'birth_date']);
  assert.equal(agency.secret_hint, fingerprint(secret));

  // Edit with the secret left blank: kept; rotate and end the rotation.
  await ui.press('edit-tax');
  await ui.waitForFocus('agency-form-title');
  assert.equal(await page.inputValue('#agency-secret'), '');
  await ui.typeInto('agency-name-zh', '財政部臺北國稅局大安分局');
  await ui.press('agency-save');
  await ui.waitForFocus('agencies-notice');
  assert.match(await ui.text('#agency-tax'), /大安分局/);
  assert.equal((await api.get('admin', '/agencies/tax')).agency.secret_hint, fingerprint(secret));
  await ui.press('rotate-tax');
  await ui.waitForFocus('agencies-notice');
  assert.match(await ui.text('#agency-tax'), /換鑰中/);
  // The new secret is made here and shown once, to hand to the agency; it is the one stored.
  const shown = /whsec_[A-Za-z0-9+/=]+/.exec(await ui.text('#agencies-notice'))?.[0];
  assert.ok(shown, 'the new secret is shown');
  assert.equal((await api.get('admin', '/agencies/tax')).agency.secret_hint, fingerprint(shown));
  await ui.press('end-rotation-tax');
  await ui.waitForFocus('agencies-notice');
  assert.doesNotMatch(await ui.text('#agency-tax'), /換鑰中/);
  await ui.press('disable-tax');
  await ui.waitForFocus('agencies-notice');
  assert.match(await ui.text('#agency-tax'), /停用/);
  assert.equal((await api.get('admin', '/agencies/tax')).agency.active, false);
  await ui.press('enable-tax');
  await ui.waitForFocus('agencies-notice');
  assert.equal((await api.get('admin', '/agencies/tax')).agency.active, true);
  await ui.axeCheck('agencies: added');
  await ui.shot('n02-agencies');

  // A second agency receiving the type (the land office), by the API.
  await api.post('admin', '/agencies', {
    code: 'land_daan', name_zh: '臺北市大安地政事務所', name_en: 'Daan Land Office', group: 'land',
    url: 'http://127.0.0.1:9/land', secret: `whsec_${Buffer.alloc(32, 9).toString('base64')}`,
    types: ['name_change'], fields: ['id_number', 'name'],
  }, 201);
});

test('the clerk records the citizen\'s choice: required, shown on the check step, sent with the application', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  await startNameChange();
  assert.equal(await page.locator('#notify-defaults').count(), 0, 'no earlier choice: nothing pre-ticked');
  assert.match(await ui.text('#notify-section'), /臺北市大安地政事務所[\s\S]*財政部臺北國稅局大安分局[\s\S]*民眾不同意通報/);
  await ui.setDate('event-date', todayTaipei());
  made.newName = `${[...subject.name][0]}安和`;
  await ui.typeInto('f-new-name', made.newName);
  await ui.choose('f-reason', 'same_name_district');
  await ui.choose('applicant-relation', 'self');
  await page.waitForFunction((i) => document.getElementById('applicant-id')?.value === i, subject.id_number);
  await ui.choose('applicant-check', 'id_card');

  await ui.press('register-continue');
  await ui.waitForFocus('error-summary');
  assert.match(await ui.text('#notify-error'), /請勾選民眾同意通報之機關/);
  assert.match(await ui.text('#error-summary'), /跨機關通報/);
  await ui.axeCheck('register: consent required');
  await ui.shot('n03-consent-required');

  // Declining and ticking exclude each other.
  await tick('notify-declined');
  await tick('notify-tax');
  assert.equal(await page.isChecked('#notify-declined'), false);
  await ui.choose('notify-elsewhere-land_daan', 'office');
  await ui.setLanguage('en');
  assert.match(await ui.text('#notify-section'), /Daan Land Office[\s\S]*Taipei National Tax Administration[\s\S]*Citizen declines notification/);
  await ui.axeCheck('register: consent (en)');
  await ui.setLanguage('zh');

  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/registrations/preview'));
  await ui.press('register-continue');
  assert.equal((await response).status(), 200);
  await ui.waitForFocus('check-title');
  assert.equal(await ui.text('#check-notify'), '財政部臺北國稅局大安分局、臺北市大安地政事務所（本所另行通報）');
  await ui.axeCheck('register: check with consent');
  await ui.shot('n04-check-consent');
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/registrations') && r.request().method() === 'POST');
  await ui.press('register-submit');
  const res = await sent;
  assert.equal(res.status(), 201, await res.text());
  const body = JSON.parse(res.request().postData());
  assert.deepEqual(body.notify, ['tax']);
  assert.deepEqual(body.notify_elsewhere, [{ agency: 'land_daan', channel: 'office' }]);
  assert.equal(body.notify_declined, undefined);
  await ui.waitForFocus('result-title');
  made.id = Number(await ui.text('#application-number'));
  const recorded = await api.get('clerk', `/registrations/${made.id}/notifications`);
  assert.deepEqual(recorded.consents.map((c) => [c.agency, c.channel]).sort(), [['land_daan', 'office'], ['tax', 'system']]);
  assert.deepEqual(recorded.notifications, [], 'nothing is written before approval');
  await ui.press('register-another');
  await ui.waitForFocus('page-title');
});

test('the supervisor sees the consent while reviewing and approves; the case page shows each delivery as pending', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.navigate('review');
  await page.waitForSelector(`#open-${made.id}`);
  await ui.press(`open-${made.id}`);
  await ui.waitForFocus('detail-title');
  await page.waitForSelector('#delivery-consent');
  assert.match(await ui.text('#delivery-consent'), /財政部臺北國稅局大安分局、臺北市大安地政事務所（本所另行通報）/);
  assert.match(await ui.text('#delivery-none'), /登記完成後產生/);
  await ui.axeCheck('review: consent');
  await ui.radio('decision-approve');
  await ui.press('review-submit');
  await ui.waitForFocus('decided-title');
  await page.goto(`${server.url}/#/my-cases/${made.id}`);
  await page.waitForSelector('#deliveries');
  assert.match(await ui.text('#delivery-consent'), /財政部臺北國稅局大安分局、臺北市大安地政事務所（本所另行通報）/);
  const row = await ui.text('#deliveries tr[data-agency="tax"]');
  assert.match(row, /財政部臺北國稅局大安分局\s+登記\s+待送達\s+0/);
  assert.equal(await page.locator('#deliveries tr.delivery-row').count(), 1, 'the office-notified agency gets no message');
  const details = page.locator('#deliveries details summary').first();
  await details.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#deliveries details[open]');
  assert.match(await ui.text('#deliveries details[open]'), /尚未傳送/);
  await ui.axeCheck('case: deliveries');
  await ui.shot('n05-case-deliveries');
  await ui.setLanguage('en');
  assert.match(await ui.text('#deliveries tr[data-agency="tax"]'), /Pending/);
  await ui.axeCheck('case: deliveries (en)');
  await ui.setLanguage('zh');
});

test('a second registration of the same person starts from the citizen\'s last choice', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  await startNameChange();
  await page.waitForSelector('#notify-defaults');
  assert.match(await ui.text('#notify-defaults'), /上次登記/);
  assert.equal(await page.isChecked('#notify-tax'), true);
  assert.equal(await page.inputValue('#notify-elsewhere-land_daan'), 'office');
  assert.equal(await page.isChecked('#notify-declined'), false);
  await ui.axeCheck('register: defaults');
  await ui.shot('n06-consent-defaults');
  // A change by the clerk: no longer said to be the last choice.
  await tick('notify-tax', false);
  assert.equal(await page.locator('#notify-defaults').count(), 0);
  await ui.press('draft-discard');
  await ui.waitForFocus('page-title');
});

test('the board: a dead letter with its ledger is replayed, a pending one retried', async () => {
  const { notifications: [n] } = await api.get('supervisor', `/registrations/${made.id}/notifications`);
  const now = Date.now();
  execFileSync('sqlite3', [server.db, `
    UPDATE notifications SET status = 'dead', attempts = 2, last_http_status = 503,
      last_error = 'Service Unavailable', version = version + 1 WHERE id = ${n.id};
    INSERT INTO notification_attempts (notification_id, attempt, started_ms, finished_ms, http_status,
      outcome, error, response, receipt, by_whom) VALUES
      (${n.id}, 1, ${now - 60000}, ${now - 59900}, 503, 'retry', 'Service Unavailable', '', '', 'worker'),
      (${n.id}, 2, ${now - 1000}, ${now - 900}, 503, 'dead', 'Service Unavailable', '', '', 'worker');`]);

  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  assert.ok((await ui.navItems()).includes('notifications'));
  assert.ok(!(await ui.navItems()).includes('agencies'), 'agencies are the admin\'s');
  await ui.navigate('notifications');
  await page.waitForSelector(`#notification-${n.id}`);
  const row = await ui.text(`#notification-${n.id}`);
  assert.match(row, /停止重試/);
  assert.match(row, /HTTP 503 · Service Unavailable/);
  await ui.press(`ledger-toggle-${n.id}`);
  await page.waitForSelector(`#ledger-table-${n.id} table`);
  assert.equal(await page.getAttribute(`#ledger-toggle-${n.id}`, 'aria-expanded'), 'true');
  assert.equal(await page.locator(`#ledger-table-${n.id} tbody tr`).count(), 2);
  await ui.axeCheck('board: dead letter with ledger');
  await ui.shot('n07-board-dead');
  await ui.setLanguage('en');
  assert.match(await ui.text(`#notification-${n.id}`), /Dead letter/);
  await ui.axeCheck('board (en)');
  await ui.setLanguage('zh');

  await ui.press(`replay-${n.id}`);
  await ui.waitForFocus('board-notice');
  assert.match(await ui.text('#board-notice'), new RegExp(`通報 #${n.id} 已排入重送`));
  assert.match(await ui.text(`#notification-${n.id}`), /待送達/);
  let stored = (await api.get('supervisor', `/notifications/${n.id}`)).notification;
  assert.equal(stored.status, 'pending');
  assert.equal(stored.attempts, 0);

  await ui.choose('board-status', 'pending');
  await page.waitForSelector(`#retry-${n.id}`);
  await ui.press(`retry-${n.id}`);
  await ui.waitForFocus('board-notice');
  assert.match(await ui.text('#board-notice'), /將立即重試/);
  stored = (await api.get('supervisor', `/notifications/${n.id}`)).notification;
  assert.equal(stored.status, 'pending');
  assert.ok(stored.next_attempt_ms <= Date.now());
  await ui.axeCheck('board: retried');
  await ui.shot('n08-board-pending');

  // A clerk is not offered the board.
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok(!(await ui.navItems()).includes('notifications'));
});
