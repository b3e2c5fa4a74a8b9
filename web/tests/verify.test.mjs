// Browser test of the public verification page (/verify, no login) in Debian's Chromium on a
// real huji: a check code typed as printed (valid), one from the address (#code=, revoked), a
// wrong and a malformed code; the issued PDF uploaded (valid) and one altered byte (not found);
// the QR text verified offline in the browser (WebCrypto Ed25519, the network cut off) and an
// altered one refused. zh-TW and English, axe-core on every state, and on a phone-sized screen.
// Documents are written straight into issued_documents (tests/http/issued_documents.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { api, backend, bin, login, makeDemoDb, root, startHuji, todayTaipei } from '../../tests/http/harness.mjs';
import { documentKey, insertDocument, samplePdf, stampDocument } from '../../tests/http/issued_documents.mjs';
import { launch, pageHelpers } from './support.mjs';

let demo = null;
let server = null;
let browser = null;
let page = null;
let ui = null;
let valid = null;
let revoked = null;
const printed = [['戶號', 'F1234567'], ['戶長', '王小明'], ['記事', '民國115年12月5日申請\n第二行']];

before(async () => {
  demo = makeDemoDb({ persons: 200, seed: 5 });
  const key = documentKey(bin, demo.dir);
  server = await startHuji(demo.db, ['--web', join(root, 'web/dist'), '--document-key', key.path]);
  const issue = (label) => {
    const d = stampDocument(key, { office: '63000080', issuedOn: todayTaipei(), printed, pdf: samplePdf(label) });
    insertDocument(backend, demo.db, d);
    return d;
  };
  valid = issue('valid');
  revoked = issue('revoked');
  const token = await login(server.url, 'supervisor');
  const r = await api(server.url, `/api/v1/documents/${revoked.code}/revoke`,
    { method: 'POST', token, body: { reason: '已換發' }, headers: { 'Idempotency-Key': randomUUID() } });
  assert.equal(r.status, 200, r.text);
  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${server.url}/verify`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
  await page.waitForSelector('#check-code');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  demo?.cleanup();
});

const status = () => ui.text('#result-status');
async function checkCode(code) {
  await ui.typeInto('check-code', code);
  await page.keyboard.press('Enter');
  await ui.waitForFocus('result-status');
  await page.waitForFunction(() => !document.querySelector('.verify-status--info'));
}

test('a check code as printed shows the document valid, with what it printed (zh-TW)', async () => {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant-TW');
  await ui.axeCheck('the verification page (zh-TW)');
  await checkCode(valid.grouped.toLowerCase());
  assert.match(await status(), /✓\s*有效/);
  const result = await ui.text('.verify-result');
  assert.match(result, /戶籍謄本/);
  assert.match(result, /F1234567/);
  assert.match(result, /王小明/);
  assert.match(result, new RegExp(valid.pdfSha256));
  assert.match(result, /民國\d+年/);
  await ui.axeCheck('a valid document (zh-TW)');
  await ui.shot('verify-valid-zh');
});

test('a revoked document from the address, a wrong and a malformed code', async () => {
  await page.goto(`${server.url}/verify#code=${revoked.grouped}`);
  await page.reload();
  await ui.waitForFocus('result-status');
  assert.match(await status(), /✗\s*已註銷/);
  assert.match(await ui.text('.verify-result'), /註銷日期/);
  await ui.axeCheck('a revoked document');
  await checkCode('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  assert.match(await status(), /查無此文件/);
  await ui.axeCheck('not found');
  await ui.typeInto('check-code', 'ABCD-123');
  await page.keyboard.press('Enter');
  await ui.waitForFocus('check-code');
  assert.match(await ui.text('#check-code-error'), /20 個英數字/);
  assert.equal(await page.getAttribute('#check-code', 'aria-invalid'), 'true');
  await ui.axeCheck('a malformed code');
});

test('the issued PDF is valid; one altered byte is not found', async () => {
  await page.setInputFiles('#pdf-file', { name: 'transcript.pdf', mimeType: 'application/pdf', buffer: valid.pdf });
  await ui.waitForFocus('result-status');
  await page.waitForFunction(() => !document.querySelector('.verify-status--info'));
  assert.match(await status(), /有效/);
  assert.match(await ui.text('.verify-result'), new RegExp(valid.grouped));
  const altered = Buffer.from(valid.pdf);
  altered[20] ^= 1;
  await page.setInputFiles('#pdf-file', { name: 'altered.pdf', mimeType: 'application/pdf', buffer: altered });
  await page.waitForFunction(() => /查無/.test(document.getElementById('result-status')?.textContent ?? ''));
});

test('the QR text verifies offline in the browser; an altered one does not (English)', async () => {
  await ui.setLanguage('en');
  assert.match(await ui.text('#page-title'), /Verify a household registration document/);
  await ui.axeCheck('the verification page (English)');
  await page.context().setOffline(true);
  try {
    await ui.typeInto('qr-text', valid.qrText);
    await page.click('button:has-text("Verify signature")');
    await ui.waitForFocus('result-status');
    assert.match(await status(), /Signature valid/);
    const result = await ui.text('.verify-result');
    assert.match(result, new RegExp(valid.grouped));
    assert.match(result, /Household registration transcript/);
    await ui.axeCheck('a QR verified offline (English)');
    await ui.shot('verify-qr-en');
    await ui.typeInto('qr-text', valid.qrText.replace(':63000080:', ':63000010:'));
    await page.click('button:has-text("Verify signature")');
    await page.waitForFunction(() => /does not match/.test(document.getElementById('result-status')?.textContent ?? ''));
  } finally {
    await page.context().setOffline(false);
  }
  // Online again: from the QR's code to the document's status.
  await ui.typeInto('qr-text', revoked.qrText);
  await page.click('button:has-text("Verify signature")');
  await page.waitForFunction(() => document.getElementById('qr-online'));
  await ui.press('qr-online');
  await page.waitForFunction(() => /Revoked/.test(document.getElementById('result-status')?.textContent ?? ''));
  await ui.axeCheck('a revoked document (English)');
});

test('phone-sized: the page fits and stays accessible', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await checkCode(valid.code);
  assert.match(await status(), /Valid/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await ui.axeCheck('a phone-sized screen');
  await ui.shot('verify-phone-en');
  await ui.setLanguage('zh');
  await ui.axeCheck('a phone-sized screen (zh-TW)');
});
