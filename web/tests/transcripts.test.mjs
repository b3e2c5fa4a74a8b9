// Browser test of the transcript screen (#/transcripts, 戶籍謄本) in Debian's Chromium on a real
// huji: a clerk requests a transcript with the keyboard for the person themself (本人), sees
// the preview drawn as the transcript's tables, issues it and gets its check code, sheets and
// fee; its PDF is fetched, rendered to PNG with pdftoppm into web/test-results/ and checked
// not blank. In English, an unrelated applicant without a reason is refused. axe-core on every
// state, in zh-TW and English.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api, kOutDir, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let api = null;
let person = null;

before(async () => {
  server = await startServer();
  api = new Api(server.url);
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

// The share of dark pixels of page 1 of `pdf`, rendered by pdftoppm (the PNG is kept).
function darkShare(pdf, name) {
  mkdirSync(kOutDir, { recursive: true });
  const file = join(kOutDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(kOutDir, name)]);
  const pgm = execFileSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '1', '-singlefile', file]);
  const [, w, h] = pgm.subarray(0, 40).toString('latin1').split(/\s+/).map(Number);
  const pixels = pgm.subarray(pgm.length - w * h);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

test('a clerk previews and issues a transcript for the person themself; its PDF is not blank (zh-TW)', async () => {
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.ok((await ui.navItems()).includes('transcripts'));
  await ui.navigate('transcripts');
  await page.waitForSelector('#tr-form-title');
  await ui.axeCheck('transcripts (zh)');

  await ui.press('tr-preview-button');
  await ui.waitForFocus('tr-errors');
  assert.match(await ui.text('#tr-errors'), /統一編號或戶號/);
  await ui.axeCheck('transcripts: refused (zh)');

  await ui.typeInto('tr-subject', server.personId);
  await ui.choose('tr-relation', '本人');
  await ui.typeInto('tr-applicant-name', person.name);
  await ui.typeInto('tr-applicant-id', person.id_number);
  await ui.typeInto('tr-purpose', '辦理繼承');
  await ui.press('tr-preview-button');
  await ui.waitForFocus('tr-preview-title');
  assert.match(await ui.text('.transcript__title'), /戶籍謄本（現戶全部）詳細記事/);
  assert.match(await ui.text('#tr-preview-summary'), /共 \d+ 張，1 份，規費 \d+ 元/);
  assert.match(await ui.text('.transcript__paper'), new RegExp(person.id_number));
  await ui.axeCheck('transcripts: preview (zh)');

  await ui.press('tr-issue');
  await ui.waitForFocus('tr-issued-title');
  const heading = await ui.text('#tr-issued-title');
  const id = Number(/#(\d+)/.exec(heading)?.[1]);
  assert.ok(id > 0, heading);
  assert.match(await ui.text('#tr-check-code'), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  assert.match(await ui.text('#tr-fee'), /新臺幣 \d+ 元/);
  await ui.axeCheck('transcripts: issued (zh)');
  await ui.shot('transcripts-issued-zh');

  const token = api.tokens.get('clerk');
  const res = await fetch(`${server.url}/api/v1/transcripts/${id}/pdf`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/pdf/);
  const share = darkShare(Buffer.from(await res.arrayBuffer()), 'transcript-issued-zh');
  assert.ok(share > 0.01 && share < 0.5, `page 1 is neither blank nor filled (${share})`);
});

test('in English, an unrelated applicant without a reason is refused', async () => {
  await ui.setLanguage('en');
  await ui.press('tr-new');
  await ui.waitForFocus('tr-subject');
  await ui.typeInto('tr-subject', server.personId);
  await ui.radio('tr-language-en');
  await ui.choose('tr-relation', '利害關係人');
  await ui.typeInto('tr-applicant-name', 'Someone Else');
  await ui.typeInto('tr-applicant-id', 'A123456789');
  await ui.typeInto('tr-purpose', 'debt collection');
  await ui.press('tr-preview-button');
  await ui.waitForFocus('tr-errors');
  assert.match(await ui.text('#tr-errors'), /reason/);
  await ui.axeCheck('transcripts: unrelated refused (en)');

  await ui.typeInto('tr-reason', 'Creditor: court order to produce the debtor\'s transcript');
  await ui.press('tr-preview-button');
  await ui.waitForFocus('tr-preview-title');
  assert.match(await ui.text('.transcript__title'), /^Household Registration Transcript/);
  assert.match(await ui.text('#tr-preview-summary'), /sheet\(s\), 1 copy\(ies\), fee NT\$\d+/);
  await ui.axeCheck('transcripts: preview (en)');
  await ui.shot('transcripts-preview-en');
});
