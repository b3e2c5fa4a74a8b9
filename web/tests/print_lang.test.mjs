// Browser test in Debian's Chromium on a real huji (issue 17, items 9 and 10): a household or
// person page printed (print media) shows the office, the time, who printed it and the
// purpose, and the note that it is not a transcript, without the navigation, buttons or
// instructions; the language is each user's on a shared PC (the sign-in page keeps the
// browser's), and a switch is announced in the new language. zh-TW and English, axe-core.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api, launch, pageHelpers, startServer } from './support.mjs';

let server = null;
let browser = null;
let page = null;
let ui = null;
let person = null;

before(async () => {
  server = await startServer();
  const api = new Api(server.url);
  await api.login('clerk', 'clerk-demo-pass');
  person = await api.person('clerk', server.personId);
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

const visible = (selector) => page.locator(selector).first().isVisible();

// The page as printed, then back on screen.
async function checkPrinted(words) {
  assert.equal(await visible('#print-header'), false, 'not on screen');
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await visible('#print-header'), true);
    const head = await ui.text('#print-header');
    for (const w of words.header) assert.ok(head.includes(w), `${w} in: ${head}`);
    assert.match(head, /\d{1,2}:\d{2}/, 'the time of printing');
    assert.ok((await ui.text('#print-footer')).includes(words.footer));
    assert.equal(await visible('nav.site-nav'), false, 'no navigation');
    assert.equal(await visible('#lang-switch'), false, 'no buttons');
    assert.equal(await visible('form.search'), false, 'no form with its instructions');
    assert.equal(await visible('#result-title'), true, 'the record itself');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

const kWords = {
  zh: { purpose: '受理申請', footer: '非戶籍謄本', printedBy: '列印人：' },
  en: { purpose: 'Processing an application', footer: 'not a transcript', printedBy: 'by ' },
};

for (const lang of ['zh', 'en']) {
  const w = kWords[lang];

  test(`${lang}: a household page prints with the office, the time, who and why, and no buttons`, async () => {
    await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
    await ui.setLanguage(lang);
    const office = (await ui.text('.brand__office')).trim();
    const no = person.household.household_no;
    await page.goto(`${server.url}/#/household/${no}`);
    await page.waitForSelector('#household-no');
    await ui.typeInto('household-no', no);
    await ui.choose('purpose', 'application');
    await ui.press('household-submit');
    await ui.waitForFocus('result-title');
    await checkPrinted({ header: [office, w.purpose, w.printedBy, 'clerk'], footer: w.footer });
    await ui.axeCheck(`${lang}: household with its print header`);
  });

  test(`${lang}: a person page prints the same way`, async () => {
    const office = (await ui.text('.brand__office')).trim();
    await ui.navigate('lookup');
    await ui.typeInto('id-number', server.personId);
    await ui.choose('purpose', 'application');
    await ui.press('lookup-submit');
    await ui.waitForFocus('result-title');
    await checkPrinted({ header: [office, w.purpose, 'clerk'], footer: w.footer });
    await ui.axeCheck(`${lang}: person with its print header`);
  });
}

test('the language is each user\'s; a switch is announced in the new language', async () => {
  const lang = () => page.evaluate(() => document.documentElement.lang);
  const said = (text) => page.waitForFunction((t) => document.getElementById('live-status')?.textContent === t, text);
  await ui.signOut();
  assert.equal(await lang(), 'zh-Hant-TW', 'the sign-in page keeps the browser\'s, not the clerk\'s English');
  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.equal(await lang(), 'en', 'the clerk chose English in the tests above');
  await ui.setLanguage('zh');
  await said('已切換為中文介面');
  await ui.setLanguage('en');
  await said('The screens are now in English');
  await ui.axeCheck('clerk in English');

  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  assert.equal(await lang(), 'zh-Hant-TW', 'the next user is not given the clerk\'s');
  await ui.setLanguage('en');
  await ui.setLanguage('zh');

  await ui.signIn(server.url, 'clerk', 'clerk-demo-pass');
  assert.equal(await lang(), 'en', 'the clerk gets English back');
  assert.match(await ui.text('h1'), /[A-Za-z]/);
  await page.reload();
  await page.waitForSelector('#logout');
  assert.equal(await lang(), 'en', 'and keeps it on reload');
  await ui.signIn(server.url, 'supervisor', 'supervisor-demo-pass');
  assert.equal(await lang(), 'zh-Hant-TW', 'the supervisor\'s own Chinese');
  await ui.signOut();
});
