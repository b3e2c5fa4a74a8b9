// Browser test of 我的案件 and of what the reviewer sees (issue 17 items 3 and 4), in zh-TW and
// English, each screen checked with axe-core: the clerk's cases by state with a returned
// case's reason and next step, a supporting document uploaded on a case page; the supervisor's
// queue with names, a name change's old and new name, and their own case marked and not
// approvable (four eyes).
//
// It runs on a real huji (HUJI_URL and HUJI_PERSON_ID, or one started for this file: see
// support.mjs); the persons are found through the API from the start person.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Api, exploreRegister, launch, pageHelpers, populate, startServer, todayTaipei, yearsBetween,
} from './support.mjs';

const kClerk = ['clerk', 'clerk-demo-pass'];
const kSupervisor = ['supervisor', 'supervisor-demo-pass'];
const kReason = '改名理由證明文件不足';
const kPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let server = null;
let browser = null;
let page = null;
let baseUrl = '';
let api = null;
let ui = null;
const today = todayTaipei();
// The applications set up: returned (rejected), pending, the supervisor's own.
const made = { returned: null, returnedPerson: null, pending: null, own: null, person: null };

function adults(records) {
  return [...records.values()].map((r) => r.person)
    .filter((p) => p.status === 'active' && yearsBetween(p.birth_date, today) >= 20);
}

function rename(p, newName) {
  return {
    type: 'name_change', event_date: today, subject_id: p.id_number,
    fields: { new_name: newName, reason: 'vulgar_or_special' },
    applicant: { name: p.name, id_number: p.id_number, relation: 'self', identity_check: 'id_card' },
  };
}

before(async () => {
  server = await startServer();
  baseUrl = server.url;
  api = new Api(baseUrl);
  await api.login(...kClerk);
  await api.login(...kSupervisor);
  let records = await exploreRegister(api, 'clerk', server.personId);
  if (adults(records).length < 3) {
    await populate(api, records.get(server.personId));
    records = await exploreRegister(api, 'clerk', server.personId);
  }
  const [a, b, c] = adults(records);
  assert.ok(c, `three adults near ${server.personId}`);
  const returned = (await api.post('clerk', '/registrations', rename(a, '林退件'), 201)).application;
  made.returned = (await api.post('supervisor', `/registrations/${returned.id}/review`,
    { decision: 'reject', note: kReason, version: returned.version })).application;
  made.returnedPerson = a;
  made.pending = (await api.post('clerk', '/registrations', rename(b, '林新名'), 201)).application;
  made.person = b;
  made.own = (await api.post('supervisor', '/registrations', rename(c, '林自受'), 201)).application;

  ({ browser, page } = await launch());
  ui = pageHelpers(page);
  await page.goto(`${baseUrl}/#/login`);
  await page.evaluate(() => localStorage.setItem('huji.lang', 'zh'));
  await page.reload();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const kWords = {
  zh: { needs: '需補正', next: '補正後重新送件', sent: '送審中', uploaded: '已附上', own: '本人受理', fourEyes: '四眼原則', refuse: '駁回', reason: '駁回理由' },
  en: { needs: 'Needs changes', next: 'Correct it and submit a new application', sent: 'Sent for review', uploaded: 'was attached', own: 'Entered by you', fourEyes: 'four-eyes rule', refuse: 'Refuse', reason: 'Reason for refusal' },
};

for (const lang of ['zh', 'en']) {
  const w = kWords[lang];

  test(`${lang}: my cases shows a returned case with its reason and next step, and takes a document`, async () => {
    await ui.signIn(baseUrl, ...kClerk);
    await ui.setLanguage(lang);
    assert.ok((await ui.navItems()).includes('my-cases'));
    await ui.navigate('my-cases');
    const row = `#case-${made.returned.id}`;
    await page.waitForSelector(row);
    assert.equal(await page.getAttribute(row, 'data-state'), 'needs_changes');
    const text = await ui.text(row);
    assert.ok(text.includes(w.needs), text);
    assert.ok((await ui.text('#cases thead')).includes(w.reason), 'a formal refusal is 駁回 (issue 17 item 9)');
    assert.ok(text.includes(kReason), text);
    assert.ok(text.includes(w.next), text);
    assert.ok(text.includes(made.returnedPerson.name), 'the subject by name');
    assert.ok((await ui.text(`#case-${made.pending.id}`)).includes(w.sent));
    assert.equal(await page.locator(`#case-${made.own.id}`).count(), 0, "the supervisor's case is not the clerk's");
    await ui.axeCheck(`${lang}: my cases`);

    await ui.press('filter-rejected');
    await page.waitForFunction(() => document.querySelector('#filter-rejected')?.getAttribute('aria-pressed') === 'true' &&
      document.querySelector('#cases tbody'));
    await page.waitForSelector(`#case-${made.pending.id}`, { state: 'detached' });
    const states = await page.locator('#cases tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.state));
    assert.ok(states.length > 0 && states.every((s) => s === 'needs_changes'), String(states));
    await ui.press('filter-all');
    await page.waitForSelector(`#case-link-${made.pending.id}`);

    await ui.press(`case-link-${made.pending.id}`);
    await page.waitForSelector('#case-title');
    assert.ok((await ui.text('#case-state')).includes(w.sent));
    assert.ok((await ui.text('#changes')).includes('林新名'));
    await ui.axeCheck(`${lang}: case page`);
    const name = `改名證明-${lang}.pdf`;
    await page.setInputFiles('#case-document', { name, mimeType: 'application/pdf', buffer: kPdf });
    await ui.press('upload-submit');
    await ui.waitForFocus('upload-done');
    assert.ok((await ui.text('#upload-done')).includes(w.uploaded));
    assert.ok((await ui.text('#documents')).includes(name));
    await ui.axeCheck(`${lang}: case page after upload`);
    await ui.shot(`my-cases-${lang}`);

    await page.goto(`${baseUrl}/#/my-cases/${made.returned.id}`);
    await page.waitForSelector('#case-reason');
    assert.ok((await ui.text('#case-reason')).includes(kReason));
    assert.ok((await ui.text('#case-state')).includes(w.next));
    assert.equal(await page.locator('#upload-closed').count(), 1, 'a reviewed case takes no documents');
    await ui.axeCheck(`${lang}: returned case`);
  });

  test(`${lang}: the reviewer sees names, the old and new name, and cannot approve their own case`, async () => {
    await ui.signIn(baseUrl, ...kSupervisor);
    await ui.setLanguage(lang);
    await ui.navigate('review');
    await page.waitForSelector(`#queue-${made.pending.id}`);
    assert.ok((await ui.text(`#queue-${made.pending.id}`)).includes(made.person.name));
    assert.ok((await ui.text(`#own-${made.own.id}`)).includes(w.own));
    await ui.axeCheck(`${lang}: review queue`);

    await ui.press(`open-${made.pending.id}`);
    await ui.waitForFocus('detail-title');
    const change = page.locator('#changes tr[data-field="name"]');
    assert.equal(await change.locator('.change-before').innerText(), made.person.name);
    assert.equal(await change.locator('.change-after').innerText(), '林新名');
    assert.ok((await ui.text('#entries')).length > 0);
    assert.equal((await ui.text('label[for="decision-reject"]')).trim(), w.refuse, 'a formal refusal is 駁回 (issue 17 item 9)');
    assert.ok((await ui.text('#documents')).includes('改名證明-zh.pdf'));
    assert.equal(await page.locator(`#person-link-${made.person.id_number}`).count(), 1);
    await ui.axeCheck(`${lang}: review detail with changes`);
    await ui.shot(`review-changes-${lang}`);
    await ui.press('back-to-queue');
    await page.waitForSelector(`#open-${made.own.id}`);

    await ui.press(`open-${made.own.id}`);
    await ui.waitForFocus('detail-title');
    assert.ok((await ui.text('#four-eyes-reason')).includes(w.fourEyes));
    assert.equal(await page.isDisabled('#review-submit'), true);
    assert.equal(await page.locator('#decision-approve').count(), 0);
    await ui.axeCheck(`${lang}: own case`);
    await ui.shot(`review-own-${lang}`);
    await ui.press('back-to-queue');
  });
}
