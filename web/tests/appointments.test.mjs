// Browser test of appointments (issue 20) in Debian's Chromium on a real huji of its own: the
// citizens' booking page (/book, no login) on a phone-sized screen — a service, a day, a slot,
// the details, the reference and code shown; lookup and cancel by both; a home-visit request;
// zh-TW and English — and the staff screen #/appointments: a day's bookings, check-in at the
// counter giving a ticket. axe-core on every state; keyboard only.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, login } from '../../tests/http/harness.mjs';
import { kCjk, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;

before(async () => {
  server = await startServer({ own: true });
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const taipeiDate = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);

async function bookableSlot(service) {
  for (let i = 1; i <= 10; i++) {
    const day = taipeiDate(Date.now() + i * 86400e3);
    const r = await api(server.url, `/api/v1/appointments/slots?day=${day}&service=${service}`);
    const open = r.json.slots.find((s) => s.bookable && s.remaining > 0);
    if (open) return { day, start: open.start };
  }
  throw new Error('no bookable slot');
}

test('a citizen books on a phone, looks the booking up and cancels it', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${server.url}/book`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
  await page.waitForSelector('#f-service option[value="seal"]', { state: 'attached' });
  assert.match(await ui.text('h1'), kCjk);
  await ui.axeCheck('/book (zh-TW, phone)');
  const slot = await bookableSlot('seal');
  await ui.choose('f-service', 'seal');
  await page.focus('#f-day');
  await page.fill('#f-day', slot.day);
  const slotId = `slot-${slot.start.replace(':', '')}`;
  await page.waitForSelector(`#${slotId}`);
  await ui.radio(slotId);
  await ui.typeInto('f-name', '林小華');
  await ui.typeInto('f-id_number', 'A123456789');
  await ui.typeInto('f-phone', '0912345678');
  await ui.axeCheck('/book with slots');
  await ui.press('book-submit');
  await ui.waitForFocus('result-title');
  const reference = (await ui.text('#result-reference')).trim();
  const code = (await ui.text('#result-code')).trim();
  assert.match(reference, /^A[0-9A-Z]{9}$/);
  assert.match(code, /^[0-9A-Z]{8}$/);
  assert.match(await ui.text(`label:has(#${slotId})`), /尚餘 1 位/, 'what remains after the booking');
  await ui.axeCheck('/book booked');
  await ui.shot('book-booked-phone');

  await ui.typeInto('f-ref', reference);
  await ui.typeInto('f-secret', code);
  await ui.press('lookup-submit');
  await page.waitForSelector('#cancel-booking');
  assert.match(await ui.text('.book-result'), /已預約/);
  await ui.press('cancel-booking');
  await page.waitForFunction(() => document.querySelector('.book-result')?.textContent.includes('已取消'));

  await ui.typeInto('f-secret', 'WRONG000');
  await ui.press('lookup-submit');
  await ui.waitForFocus('lookup-error');
  await ui.axeCheck('/book lookup error');

  await ui.setLanguage('en');
  assert.equal(await ui.text('h1'), 'Book an appointment');
  await ui.typeInto('f-v_name', 'Lin Hsiao-hua');
  await ui.typeInto('f-v_id', 'A123456789');
  await ui.typeInto('f-v_phone', '0912345678');
  await ui.typeInto('f-v_address', '臺北市中正區重慶南路一段122號');
  await ui.choose('f-v_reason', 'seriously_ill');
  await ui.typeInto('f-v_detail', 'ID card');
  await ui.press('visit-submit');
  await ui.waitForFocus('result-title');
  assert.match(await ui.text('#result-reference'), /^H[0-9A-Z]{9}$/);
  await ui.axeCheck('/book home visit (English)');
});

test('the staff screen lists a day and checks a booking in as a ticket', async () => {
  const token = await login(server.url, 'clerk');
  const slot = await bookableSlot('transcript');
  const made = await api(server.url, '/api/v1/appointments', { method: 'POST', token,
    body: { service: 'transcript', ...slot, name: '陳大文', id_number: 'B123456780', phone: '0223456789' } });
  assert.equal(made.status, 201, made.text);
  // Today, its slot now: ready to check in.
  const now = Date.now();
  const today = taipeiDate(now);
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', server.db,
    `UPDATE appointments SET day = '${today}', slot_ms = ${now}, slot_end_ms = ${now + 1800e3} WHERE id = ${made.json.appointment.id}`]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}/#/login`);
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  await ui.setLanguage('zh');
  await ui.navigate('appointments');
  await page.waitForSelector(`#appt-${made.json.appointment.id}-checkin`);
  assert.match(await ui.text('#appt-list-title'), /1 筆/);
  await ui.axeCheck('#/appointments');
  await ui.press(`appt-${made.json.appointment.id}-checkin`);
  await ui.waitForFocus('appt-status');
  assert.match(await ui.text('#appt-status'), /陳大文 已報到，號碼 2\d{3}/);
  assert.match(await ui.text('#appt-list-title'), /1 筆/);
  await ui.axeCheck('#/appointments checked in');
  await ui.shot('appointments-staff');
});
