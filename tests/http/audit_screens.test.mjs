// What the auditor's screens ask of the API (issue 17 item 5): who read a person (with the
// person's name and the readers' names and offices), what a user read in a date range, a day's
// reads, narrowed by action, purpose and refusal, paged, exported as CSV (the export audited);
// and the weekly audit sample (DOMAIN §10) with its findings. Office scope throughout.
// Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { makeDemoDb, startHuji, api, login, runCli, demoSql, assertBilingualError, todayTaipei } from './harness.mjs';

let demo, server, url, office, otherOffice;
const tok = {};
const enc = encodeURIComponent;

before(async () => {
  demo = makeDemoDb({ persons: 300, seed: 23 });
  // A second auditor of the demo office, and a clerk and an auditor of another office.
  const code = (sql) => demoSql(demo.db, sql)[0][0];
  office = code("SELECT office_code FROM users WHERE username = 'auditor'");
  otherOffice = code(`SELECT code FROM offices WHERE code <> '${office}' ORDER BY code LIMIT 1`);
  const add = (username, role, where) => runCli(['user', 'add', '--db', demo.db, '--username', username,
    '--role', role, '--office', where, '--display-name', `${username} 測試`, '--password-stdin'],
  'quiet harbour audit lamp\n');
  add('auditor.two', 'auditor', office);
  add('far.clerk', 'clerk', otherOffice);
  add('far.auditor', 'auditor', otherOffice);
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] = await login(url, who);
  for (const who of ['auditor.two', 'far.clerk', 'far.auditor']) {
    tok[who] = await login(url, who, 'quiet harbour audit lamp');
  }
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const read = (who, id, purpose) => api(url, `/api/v1/persons/${id}?purpose=${enc(purpose)}`, { token: tok[who] });
const audit = (who, query) => api(url, `/api/v1/audit?${query}`, { token: tok[who] });

describe('who read a person, what a user read, a day\'s reads', () => {
  test('the auditor sees who read a person, by name, username and office, with the purpose', async () => {
    const person = (await read('clerk', demo.sample, '受理申請')).json.person;
    assert.equal((await read('far.clerk', demo.sample, '通報業務')).status, 200);
    const r = await audit('auditor', `subject=${demo.sample}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.subject, { id_number: demo.sample, name: person.name });
    const e = r.json.entries.find((x) => x.action === 'person.read');
    assert.equal(e.username, 'clerk');
    assert.equal(e.purpose, '受理申請');
    assert.equal(e.outcome, 'ok');
    assert.match(e.display_name, /\S/);
    assert.match(e.office_name, /戶政事務所/);
    // The other office's read is not this auditor's to see; it is that office's auditor's.
    assert.ok(!r.json.entries.some((x) => x.username === 'far.clerk'));
    const far = await audit('far.auditor', `subject=${demo.sample}`);
    assert.ok(far.json.entries.some((x) => x.username === 'far.clerk' && x.purpose === '通報業務'));
    assert.ok(!far.json.entries.some((x) => x.username === 'clerk'));
  });

  test('filters: action family, purpose, refusals, dates; the office is the auditor\'s own', async () => {
    await read('clerk', demo.sample, '其他：法院函查');
    assert.equal((await read('auditor.two', demo.sample, '稽核')).status, 403);  // refused, and audited
    const today = todayTaipei();
    const byAction = await audit('auditor', `user=clerk&from=${today}&to=${today}&action=person.read`);
    assert.ok(byAction.json.entries.length >= 2);
    assert.ok(byAction.json.entries.every((x) => x.action.startsWith('person.read')));
    const byPurpose = await audit('auditor', `user=clerk&from=${today}&to=${today}&purpose=${enc('其他')}`);
    // The lookup, and the relatives it showed, under the same purpose; nothing else.
    assert.ok(byPurpose.json.entries.some((x) => x.action === 'person.read'));
    assert.ok(byPurpose.json.entries.every((x) => x.purpose === '其他：法院函查'));
    const refused = await audit('auditor', `day=${today}&outcome=denied`);
    assert.ok(refused.json.entries.some((x) => x.username === 'auditor.two' && x.action === 'person.read'));
    assert.ok(refused.json.entries.every((x) => x.outcome === 'denied'));
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86400e3).toISOString().slice(0, 10);
    assert.deepEqual((await audit('auditor', `user=clerk&from=${yesterday}&to=${yesterday}`)).json.entries, []);
    assert.equal((await audit('auditor', `day=${today}&office=${office}`)).status, 200);
    assertBilingualError(await audit('auditor', `day=${today}&office=${otherOffice}`), 403, 'audit.office_scope');
    assertBilingualError(await audit('auditor', `day=${today}&from=${today}`), 400, 'audit.range');
    assertBilingualError(await audit('auditor', `user=clerk&from=${today}&to=${yesterday}`), 400, 'audit.range');
    assertBilingualError(await audit('clerk', `day=${today}`), 403, 'auth.forbidden');
  });

  test('pages follow one another through next_before, without repeats', async () => {
    const first = await audit('auditor', 'user=clerk&limit=1');
    assert.equal(first.json.entries.length, 1);
    assert.equal(first.json.next_before, first.json.entries[0].seq);
    const second = await audit('auditor', `user=clerk&limit=1&before=${first.json.next_before}`);
    assert.ok(second.json.entries[0].seq < first.json.entries[0].seq);
    const all = await audit('auditor', 'user=clerk&limit=1000');
    assert.equal(all.json.next_before, null);
  });

});

describe('the weekly audit sample', () => {
  let sample;

  test('the auditor draws the week\'s reads with a recorded seed; never their own', async () => {
    const r = await api(url, '/api/v1/audit/samples', { method: 'POST', token: tok.auditor, body: { size: 200 } });
    assert.equal(r.status, 201, r.text);
    sample = r.json.sample;
    assert.match(sample.seed, /^\d+$/);
    assert.equal(sample.size, 200);
    assert.ok(sample.population >= 3);
    assert.equal(sample.items.length, sample.population);  // all of a small week
    assert.equal(sample.completed_at_ms, null);
    for (const i of sample.items) {
      assert.ok(['person.read', 'person.read_summary', 'household.read', 'door_plate.read'].includes(i.entry.action));
      assert.notEqual(i.entry.username, 'auditor');
      assert.notEqual(i.entry.username, 'far.clerk');  // another office's
      assert.equal(i.finding, null);
    }
    const monday = new Date(Date.parse(`${todayTaipei()}T00:00:00Z`));
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    assert.equal(sample.week_start, monday.toISOString().slice(0, 10));

    assertBilingualError(await api(url, '/api/v1/audit/samples', { method: 'POST', token: tok['auditor.two'], body: {} }), 409, 'audit.sample_exists');
    const nextWeek = new Date(Date.now() + 8 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10);
    assertBilingualError(await api(url, '/api/v1/audit/samples', { method: 'POST', token: tok.auditor, body: { week: nextWeek } }), 422, 'audit.sample_future');
    assertBilingualError(await api(url, '/api/v1/audit/samples', { method: 'POST', token: tok.auditor, body: { size: 0 } }), 400, 'audit.sample_size');
    assertBilingualError(await api(url, '/api/v1/audit/samples', { method: 'POST', token: tok.clerk, body: {} }), 403, 'auth.forbidden');
  });

  test('findings are recorded per read, with a note where one is owed, and complete the sample', async () => {
    const path = `/api/v1/audit/samples/${sample.id}/findings`;
    const post = (who, body) => api(url, path, { method: 'POST', token: tok[who], body });
    const [first, ...rest] = sample.items;
    assertBilingualError(await post('auditor', { seq: first.seq, finding: 'violation', note: ' ' }), 400, 'audit.finding_note');
    assertBilingualError(await post('auditor', { seq: first.seq, finding: 'fine' }), 400, 'audit.finding');
    assertBilingualError(await post('auditor', { seq: 1, finding: 'normal' }), 404, 'audit.sample_item_not_found');
    assertBilingualError(await post('far.auditor', { seq: first.seq, finding: 'normal' }), 404, 'audit.sample_not_found');
    // auditor.two's own refused read is in the sample: not theirs to judge.
    const own = sample.items.find((i) => i.entry.username === 'auditor.two');
    assert.ok(own, 'auditor.two\'s read was drawn');
    assertBilingualError(await post('auditor.two', { seq: own.seq, finding: 'normal' }), 403, 'audit.own_read');

    let r = await post('auditor', { seq: first.seq, finding: 'explain', note: '請說明查詢事由' });
    assert.equal(r.status, 200, r.text);
    const done = r.json.sample.items.find((i) => i.seq === first.seq);
    assert.equal(done.finding, 'explain');
    assert.equal(done.note, '請說明查詢事由');
    assert.equal(done.recorded_by, 'auditor');
    for (const i of rest) r = await post('auditor', { seq: i.seq, finding: 'normal' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.sample.completed_at_ms > 0);
    assert.equal(r.json.sample.counts.recorded, sample.items.length);
    assert.equal(r.json.sample.counts.explain, 1);

    const list = await api(url, '/api/v1/audit/samples', { token: tok.auditor });
    assert.equal(list.status, 200);
    assert.equal(list.json.samples[0].id, sample.id);
    assert.equal(list.json.samples[0].counts.normal, sample.items.length - 1);
    assert.deepEqual((await api(url, '/api/v1/audit/samples', { token: tok['far.auditor'] })).json.samples, []);
    const one = await api(url, `/api/v1/audit/samples/${sample.id}`, { token: tok.auditor });
    assert.equal(one.json.sample.seed, sample.seed);
    assert.equal(one.json.sample.items[0].entry.seq, first.seq);
    assertBilingualError(await api(url, `/api/v1/audit/samples/${sample.id}`, { token: tok['far.auditor'] }), 404, 'audit.sample_not_found');

    // Every step is in the trail: the draw, the reads of the sample, each finding.
    const trail = await audit('auditor', 'user=auditor&action=audit.&limit=1000');
    const actions = trail.json.entries.map((e) => e.action);
    for (const a of ['audit.sample_draw', 'audit.sample_list', 'audit.sample_read', 'audit.finding']) {
      assert.ok(actions.includes(a), `${a} is audited`);
    }
    const finding = trail.json.entries.find((e) => e.action === 'audit.finding');
    assert.match(finding.purpose, new RegExp(`#${sample.id}`));
  });
});

// After the sample: the reads made here would crowd the week's draw.
describe('the export', () => {
  test('the export is a CSV of the whole selection, and is itself audited', async () => {
    // More than a page (200) of reads of the person: the export has them all.
    for (let i = 0; i < 205; i++) {
      assert.equal((await api(url, `/api/v1/persons/${demo.sample}?purpose=${enc('受理申請')}&view=summary`, { token: tok.clerk })).status, 200);
    }
    const r = await api(url, `/api/v1/audit/export.csv?subject=${demo.sample}`, { token: tok.auditor });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.ok(lines.filter((l) => l.includes('person.read_summary')).length >= 205, `${lines.length} lines`);
    assert.equal(lines[0], 'seq,at,username,display_name,office_code,office_name,role,action,subject_id,purpose,outcome,request_id');
    assert.ok(lines.some((l) => l.includes(',clerk,') && l.includes('受理申請')));
    assert.ok(lines.some((l) => l.includes('"其他：法院函查"') || l.includes('其他：法院函查')));
    const mine = await audit('auditor', 'user=auditor&action=audit.export');
    assert.equal(mine.json.entries[0].subject_id, demo.sample);
    assertBilingualError(await api(url, `/api/v1/audit/export.csv?subject=${demo.sample}`, { token: tok.clerk }), 403, 'auth.forbidden');
  });
});
