// Browser test of the cashier's screens (issue 18 items 6–7) in Debian's Chromium on a real
// huji: a clerk picks today's open charges, previews the receipt, takes a cash payment with
// the keyboard and sees the numbered receipt (its PDF rendered to PNG among the test results
// and checked not blank); a supervisor refunds a receipt with its reason and closes the
// counter's day with the difference shown; the fee schedule in force. zh-TW and English,
// axe-core on every state.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Api, kOutDir, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
// A counter of this run's own (the browser suite may share one server).
const counter = `W${process.pid % 1000}`;
let receiptId = 0;

before(async () => {
  server = await startServer();
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  await api.login('supervisor', 'supervisor-demo-pass');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a clerk takes a cash payment for today\'s charges with the keyboard and gets the receipt', async () => {
  const a = (await api.post('clerk', '/charges', { item: 'transcript_sheet', quantity: 2 }, 201)).charge;
  const b = (await api.post('clerk', '/charges', { item: 'register_viewing' }, 201)).charge;
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  await ui.setLanguage('zh');
  await ui.navigate('cashier');
  await page.waitForSelector(`#charge-${a.id}`);
  assert.match(await ui.text('#charges'), /戶籍謄本（每張）/);
  await ui.axeCheck('cashier (zh)');

  // Refused without a counter; the summary links to the field.
  await ui.press(`charge-${a.id}`, 'Space');
  await ui.press(`charge-${b.id}`, 'Space');
  await ui.typeInto('pay-counter', '');
  await ui.press('pay-preview');
  await ui.waitForFocus('pay-errors');
  assert.match(await ui.text('#pay-errors'), /請填寫櫃檯/);
  await ui.axeCheck('cashier: refused');

  await ui.typeInto('pay-counter', counter);
  await ui.typeInto('pay-tendered', '100');
  await ui.press('pay-preview');
  await ui.waitForFocus('preview-title');
  const preview = await ui.text('#preview-title >> xpath=..');
  assert.match(preview, /合計\s*45 元/);
  assert.match(preview, /找零 55 元/);
  await ui.axeCheck('cashier: preview');
  await ui.shot('cashier-preview');

  await ui.press('pay-submit');
  await ui.waitForFocus('receipt-title');
  const title = await ui.text('#receipt-title');
  const number = /收據 (\d{3}-\d{6})/.exec(title)?.[1];
  assert.ok(number, title);
  assert.match(await ui.text('#receipt-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  await ui.axeCheck('cashier: receipt');
  await ui.shot('cashier-receipt');

  // The receipt's PDF, as the print button fetches it: rendered to PNG, not blank.
  const list = await api.get('clerk', '/receipts');
  const receipt = list.receipts.find((r) => r.number === number);
  receiptId = receipt.id;
  const res = await fetch(`${server.url}${receipt.pdf_url}`, { headers: { Authorization: `Bearer ${api.tokens.get('clerk')}` } });
  assert.equal(res.status, 200);
  const pdf = `${kOutDir}receipt.pdf`;
  writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, `${kOutDir}receipt`]);
  assert.ok(readFileSync(`${kOutDir}receipt.png`).length > 5000);
  const pgm = execFileSync('pdftoppm', ['-r', '30', '-gray', '-singlefile', pdf]);
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const pixels = pgm.subarray(pgm.length - Number(header[1]) * Number(header[2]));
  const dark = pixels.filter((p) => p < 128).length / pixels.length;
  assert.ok(dark > 0.005 && dark < 0.5, `dark share ${dark}`);

  await ui.setLanguage('en');
  await page.waitForSelector('#pay-title');
  assert.match(await ui.text('#pay-title'), /Take payment/);
  await ui.axeCheck('cashier (en)');
  await ui.setLanguage('zh');
});

test('a supervisor refunds a receipt with its reason and closes the counter', async () => {
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  await ui.setLanguage('zh');
  await ui.navigate('receipts');
  await page.waitForSelector(`#refund-${receiptId}`);
  await ui.axeCheck('receipts (zh)');
  await ui.press(`refund-${receiptId}`);
  await ui.waitForFocus('refund-title');
  await ui.press('refund-submit');
  await ui.waitForFocus('refund-errors');
  assert.match(await ui.text('#refund-errors'), /請填寫退費原因/);
  await ui.axeCheck('receipts: refund refused');
  await ui.typeInto('refund-reason', '申請人撤回申請');
  await ui.press('refund-submit');
  await ui.waitForFocus('receipts-notice');
  assert.match(await ui.text('#receipts-notice'), /已退費/);
  assert.match(await ui.text('table'), /作廢/);
  await ui.axeCheck('receipts: refunded');

  await ui.navigate('daily-close');
  await ui.typeInto('close-counter', counter);
  await ui.typeInto('close-counted', '10');
  await ui.press('close-submit');
  await ui.waitForFocus('close-result');
  const facts = await ui.text('.facts');
  assert.match(facts, /應有現金\s*0 元/);
  assert.match(facts, /差額\s*\+10 元/);
  assert.match(facts, /缺號\s*無/);
  await ui.axeCheck('daily close (zh)');
  await ui.shot('daily-close');
  await ui.press('close-submit');
  await ui.waitForFocus('close-errors');
  await ui.setLanguage('en');
  await page.waitForSelector('#close-title');
  assert.match(await ui.text('#close-title'), /Close a counter/);
  await ui.axeCheck('daily close (en)');
  await ui.setLanguage('zh');
});

test('the fee schedule in force, in zh-TW and English', async () => {
  await ui.navigate('fees');
  await page.waitForSelector('#schedule-title');
  assert.match(await ui.text('#schedule-title'), /現行規費/);
  assert.match(await ui.text('table'), /戶籍謄本（每張）\s*15 元/);
  assert.equal(await page.locator('#fees-text').count(), 0, 'only an admin stores a version');
  await ui.axeCheck('fees (zh)');
  await ui.setLanguage('en');
  await page.waitForSelector('#schedule-title');
  assert.match(await ui.text('table'), /Household transcript \(per sheet\)\s*NT\$15/);
  await ui.axeCheck('fees (en)');
  await ui.setLanguage('zh');
});

test('an admin stores a later fee version from the pre-filled text; a bad one is refused', async () => {
  await ui.signIn(server.url, 'admin', 'admin-demo-pass');
  await ui.navigate('fees');
  await page.waitForSelector('#fees-text');
  const draft = await page.inputValue('#fees-text');
  assert.match(draft, /^effective \d{4}-\d{2}-\d{2}$/m);
  await ui.typeInto('fees-text', 'effective 2099-01-01\nitem broken\n');
  await ui.press('fees-submit');
  await ui.waitForFocus('fees-errors');
  assert.match(await ui.text('#fees-errors'), /第 2 行/);
  await ui.axeCheck('fees: refused');
  await page.fill('#fees-text', draft.replace(/^item transcript_sheet 15 /m, 'item transcript_sheet 20 '));
  await page.dispatchEvent('#fees-text', 'input');
  await ui.press('fees-submit');
  await ui.waitForFocus('fees-notice');
  assert.match(await ui.text('#fees-notice'), /已載入/);
  assert.match(await ui.text('#fee-versions-title >> xpath=..'), /admin/);
  await ui.axeCheck('fees: stored');
});
