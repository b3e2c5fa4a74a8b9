// Payments, receipts, refunds and the daily close (issue 18 item 6), through a real huji on
// either backend, with receipts e-mailed to a local SMTP sink (Debian's python3-aiosmtpd)
// started here: counter charges, the receipt preview, cash / stored-value / transfer payments,
// gap-free numbers, the receipt PDF (rendered to PNG in build/test-artefacts/http/), the e-mail
// with the PDF attached (and its retry while the server is down), refunds and the close.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, rawRequest, backend, root, todayTaipei, assertBilingualError } from './harness.mjs';
import { freePort, startSmtpSink } from './smtp_sink.mjs';

const artefacts = join(root, 'build/test-artefacts/http');
let demo, server, sink, mailDir, smtpPort;
const tok = {};

const startSink = () => startSmtpSink(smtpPort, mailDir);

before(async () => {
  mkdirSync(artefacts, { recursive: true });
  mailDir = mkdtempSync(join(tmpdir(), 'huji-mail-'));
  smtpPort = await freePort();
  sink = await startSink();
  demo = makeDemoDb({ persons: 200, seed: 19 });
  server = await startHuji(demo.db, ['--smtp', `smtp://127.0.0.1:${smtpPort}`, '--smtp-from', 'receipts@office.example']);
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(server.url, who);
});
after(async () => {
  await server?.stop();
  await sink?.stop();
  demo?.cleanup();
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

const post = (path, body, { token = tok.clerk, key = randomUUID() } = {}) =>
  api(server.url, path, { method: 'POST', token, body, headers: key ? { 'Idempotency-Key': key } : {} });
const get = (path, token = tok.clerk) => api(server.url, path, { token });

async function charge(item, quantity = 1, waiver) {
  const r = await post('/api/v1/charges', { item, quantity, ...(waiver ? { waiver } : {}) });
  assert.equal(r.status, 201, r.text);
  return r.json.charge;
}

const serial = (number) => Number(number.split('-')[1]);

async function until(what, check, tries = 100) {
  let last;
  for (let i = 0; i < tries; i++) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

// The PNG of the receipt (kept for a look by eye) and the share of its dark pixels.
function darkShare(file) {
  const base = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, base]);
  assert.ok(readFileSync(`${base}.png`).length > 1000);
  const pgm = execFileSync('pdftoppm', ['-r', '40', '-gray', '-singlefile', file]);
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - w * h);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe(`payments and receipts (${backend})`, () => {
  let first;

  test('counter charges at today\'s fee, the preview writes nothing, a cash payment e-mails its receipt', async () => {
    const a = await charge('register_viewing');
    const b = await charge('transcript_sheet', 2);
    const c = await charge('id_card_first', 1, 'reorganisation');
    assert.equal(a.amount, 15);
    assert.equal(b.amount, 30);
    assert.equal(c.amount, 0);
    const open = await get('/api/v1/charges');
    assert.equal(open.status, 200, open.text);
    assert.deepEqual(open.json.charges.map((x) => x.charge_id), [a.id, b.id, c.id]);
    assert.equal(open.json.charges[2].waiver_zh, '行政區域調整或門牌整編換發');

    const body = { charges: [a.id, b.id, c.id], method: 'cash', tendered: 100, counter: '1', payer: { name: '陳大文', email: 'chen@example.tw' } };
    const pre = await post('/api/v1/payments/preview', body, { key: null });
    assert.equal(pre.status, 200, pre.text);
    assert.equal(pre.json.preview.total, 45);
    assert.equal(pre.json.preview.change, 55);
    assert.equal((await get('/api/v1/charges')).json.charges.length, 3, 'the preview wrote nothing');

    const key = randomUUID();
    const paid = await post('/api/v1/payments', body, { key });
    assert.equal(paid.status, 201, paid.text);
    first = paid.json.receipt;
    assert.match(first.number, new RegExp(`^${Number(todayTaipei().slice(0, 4)) - 1911}-\\d{6}$`));
    assert.equal(first.amount, 45);
    assert.equal(first.change, 55);
    assert.equal(paid.json.payment.change, 55);
    assert.equal(first.lines.length, 3);
    assert.match(first.check_code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    assert.equal(first.document_status, 'valid');
    assert.equal((await get('/api/v1/charges')).json.charges.length, 0);
    // The same request again answers the same receipt.
    const again = await post('/api/v1/payments', body, { key });
    assert.equal(again.json.receipt.id, first.id);

    // The PDF: one A4 page, not blank, rendered to PNG among the artefacts.
    const pdf = await rawRequest(server.url, first.pdf_url, { headers: { Authorization: `Bearer ${tok.clerk}` } });
    assert.equal(pdf.status, 200);
    assert.match(pdf.headers.get('content-type'), /^application\/pdf/);
    const file = join(artefacts, `receipt-${backend}.pdf`);
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    assert.ok(text.includes(first.number), 'the number is printed');
    assert.ok(text.includes('戶籍謄本'), 'the items are printed in Chinese');
    assert.ok(text.includes(first.check_code), 'the check code is printed');
    const share = darkShare(file);
    assert.ok(share > 0.005 && share < 0.5, `dark share ${share}`);

    // The e-mail reaches the sink with the PDF attached, and the receipt says it was sent.
    const files = await until('the e-mail', () => {
      const kept = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      return kept.length ? kept : null;
    });
    const mail = readFileSync(join(mailDir, files[0]), 'latin1');
    assert.match(mail, /^To: chen@example\.tw/m);
    assert.match(mail, /^From: receipts@office\.example/m);
    assert.match(mail, /Content-Type: application\/pdf/);
    assert.ok(mail.includes(`filename="receipt-${first.number}.pdf"`), mail.slice(0, 2000));
    const part = mail.split(/Content-Type: application\/pdf/)[1];
    // The part's body: after its headers, up to the next MIME boundary line ("--…"; node's
    // base64 decoder would read a boundary's dashes as data).
    const pdfPart = part.split(/\r?\n\r?\n/).slice(1).join('\n\n');
    const b64 = pdfPart.split(/\r?\n--/)[0].replace(/\s/g, '');
    assert.deepEqual(Buffer.from(b64, 'base64'), pdf.bytes, 'the attachment is the receipt PDF');
    const sent = await until('email_status sent', async () => {
      const r = await get(`/api/v1/receipts/${first.id}`);
      return r.json.receipt.email_status === 'sent' && r.json.receipt;
    });
    assert.equal(sent.email_error, null);
  });

  test('numbers are gap-free; a paid charge refuses a payment; non-cash needs a reference', async () => {
    const a = await charge('register_viewing');
    const paidAlready = first.lines[0].charge_id;
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id, paidAlready], method: 'cash', tendered: 100, counter: '1' }), 409, 'charge.paid');
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id], method: 'cash', tendered: 10, counter: '1' }), 400, 'payment.tendered');
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id], method: 'stored_value', counter: '2' }), 400, 'payment.reference');
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id], method: 'cheque', counter: '2' }), 400, 'payment.method');
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id], method: 'cash', counter: '1' }, { key: null }), 400, 'idempotency.key_required');
    const card = await post('/api/v1/payments', { charges: [a.id], method: 'stored_value', reference: '末四碼 4321', counter: '2' });
    assert.equal(card.status, 201, card.text);
    assert.equal(serial(card.json.receipt.number), serial(first.number) + 1, 'no gap after the refused payments');
    assert.equal(card.json.receipt.tendered, null);
    assert.equal(card.json.receipt.email_status, null);
    const b = await charge('transcript_sheet');
    const transfer = await post('/api/v1/payments', { charges: [b.id], method: 'transfer', reference: 'TX-20261205-9', counter: '2' });
    assert.equal(transfer.status, 201, transfer.text);
    assert.equal(serial(transfer.json.receipt.number), serial(first.number) + 2);
    const list = await get(`/api/v1/receipts?date=${todayTaipei()}`);
    assert.deepEqual(list.json.receipts.map((r) => r.number).slice(0, 3),
      [first.number, card.json.receipt.number, transfer.json.receipt.number]);
    assertBilingualError(await get('/api/v1/receipts/999999'), 404, 'receipt.not_found');
    assert.equal((await get(`/api/v1/receipts/${first.id}`, tok.auditor)).status, 403);
  });

  test('an e-mail waits while the SMTP server is down and goes once it is back', async () => {
    await sink.stop();
    const before = readdirSync(mailDir).length;
    const a = await charge('register_viewing');
    const paid = await post('/api/v1/payments', { charges: [a.id], method: 'cash', tendered: 15, counter: '3', payer: { name: '林', email: 'lin@example.tw' } });
    assert.equal(paid.status, 201, paid.text);
    assert.equal(paid.json.receipt.email_status, 'pending');
    const failed = await until('a failed attempt', async () => {
      const r = (await get(`/api/v1/receipts/${paid.json.receipt.id}`)).json.receipt;
      return r.email_attempts >= 1 && r;
    });
    assert.equal(failed.email_status, 'pending');
    assert.ok(failed.email_error, 'the last error is shown');
    sink = await startSink();
    await until('the retried e-mail', async () =>
      (await get(`/api/v1/receipts/${paid.json.receipt.id}`)).json.receipt.email_status === 'sent', 200);
    assert.equal(readdirSync(mailDir).filter((f) => f.endsWith('.eml')).length, before + 1);
  });

  test('refunds: a supervisor\'s, with a reason; a full one revokes the receipt\'s document', async () => {
    const path = `/api/v1/receipts/${first.id}/refund`;
    assertBilingualError(await post(path, { reason: '多收' }), 403, 'auth.forbidden');
    assertBilingualError(await post(path, {}, { token: tok.supervisor }), 400, 'refund.reason');
    assertBilingualError(await post(path, { amount: 46, reason: '多收' }, { token: tok.supervisor }), 400, 'refund.amount');
    const part = await post(path, { amount: 15, reason: '閱覽未使用' }, { token: tok.supervisor });
    assert.equal(part.status, 201, part.text);
    assert.equal(part.json.receipt.refunded, 15);
    assert.equal(part.json.receipt.document_status, 'valid');
    const rest = await post(path, { reason: '申請人撤回' }, { token: tok.supervisor });
    assert.equal(rest.status, 201, rest.text);
    assert.equal(rest.json.receipt.refunded, 45);
    assert.equal(rest.json.receipt.amount, 45, 'the receipt is unchanged');
    assert.deepEqual(rest.json.receipt.refunds.map((f) => [f.amount, f.full, f.reason]), [[15, false, '閱覽未使用'], [30, true, '申請人撤回']]);
    assert.equal(rest.json.receipt.document_status, 'revoked');
    assertBilingualError(await post(path, { reason: 'again' }, { token: tok.supervisor }), 409, 'refund.nothing_left');
  });

  test('the daily close of a counter reconciles cash, lists voids, and closes the counter', async () => {
    const close = (body, token = tok.clerk) => post('/api/v1/daily-closes', body, { token, key: null });
    assertBilingualError(await close({ counter: '1' }), 400, 'close.cash_counted');
    // Counter 1: one cash receipt of 45, refunded in full (cash expected 0); 20 counted.
    const r = await close({ date: todayTaipei(), counter: '1', cash_counted: 20 });
    assert.equal(r.status, 201, r.text);
    const c = r.json.close;
    assert.equal(c.receipts, 1);
    assert.equal(c.cash_payments, 45);
    assert.equal(c.cash_refunds, 45);
    assert.equal(c.cash_expected, 0);
    assert.equal(c.difference, 20);
    assert.deepEqual(c.gaps, []);
    assert.deepEqual(c.voids, [first.number]);
    assertBilingualError(await close({ counter: '1', cash_counted: 0 }, tok.supervisor), 409, 'close.exists');
    // Counter 2 (stored value 15, transfer 15) closed by a supervisor.
    const two = await close({ counter: '2', cash_counted: 0 }, tok.supervisor);
    assert.equal(two.status, 201, two.text);
    assert.deepEqual(two.json.close.non_cash, { stored_value: 15, transfer: 15 });
    assert.equal(two.json.close.difference, 0);
    // After the close the counter takes no payment that day.
    const a = await charge('register_viewing');
    assertBilingualError(await post('/api/v1/payments', { charges: [a.id], method: 'cash', tendered: 15, counter: '1' }), 409, 'payment.closed');
    const list = await get(`/api/v1/daily-closes?date=${todayTaipei()}`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.closes.map((x) => [x.counter, x.difference]), [['1', 20], ['2', 0]]);
  });
});
