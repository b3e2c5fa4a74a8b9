// Cross-agency notification's foundation (issue 19) against a real huji on either backend
// (HUJI_TEST_BACKEND): agencies as configuration (admin only, validated, the secret never
// shown back, rotation, optimistic versions); the citizen's consent recorded with the
// application and checked against the agencies; approval writing one outbox row per agreed
// agency in the registering transaction, each payload minimised to the agency's fields; a
// revocation telling the same agencies; declined and absent consent writing none; office
// scope, roles, replay/retry rules and bilingual refusals. Delivery itself is
// notify_delivery.test.mjs's.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeDemoDb, startHuji, api, login, demoSql, runCli, assertBilingualError, todayTaipei, yearsAgoTaipei,
} from './harness.mjs';

const today = todayTaipei;
let demo, server, url;
const tok = {};
const used = new Set();
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 19 });
  const [other] = demoSql(demo.db, "SELECT code FROM offices WHERE code <> '63000080' ORDER BY code").map((r) => r[0]);
  runCli(['user', 'add', '--db', demo.db, '--username', 'far.clerk', '--role', 'clerk', '--office', other,
    '--password-stdin'], 'far-clerk-demo-pass\n');
  // The delivery worker (when there is one) has nowhere to deliver to: rows stay pending.
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
  tok.far = await login(url, 'far.clerk', 'far-clerk-demo-pass');
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const post = (path, body, token, key = randomUUID()) =>
  api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': key } });
const put = (path, body, token) => api(url, path, { method: 'PUT', token, body });
const get = (path, token) => api(url, path, { token });

function pick(where) {
  const rows = demoSql(demo.db, `SELECT p.id_number, p.name FROM persons p JOIN households h ON h.household_no = p.household_no
    WHERE h.office_code = '63000080' AND p.status = 'active' AND ${where} ORDER BY p.id_number`);
  for (const [id, name] of rows) {
    if (used.has(id)) continue;
    used.add(id);
    return { id, name };
  }
  assert.fail(`no person where ${where}`);
}
const adult = () => pick(`p.birth_date < '${yearsAgoTaipei(25)}'`);
const single = (sex) => pick(`p.sex = '${sex}' AND p.spouse_id IS NULL AND p.birth_date BETWEEN '${yearsAgoTaipei(45)}' AND '${yearsAgoTaipei(25)}'`);
const self = (p) => ({ name: p.name, id_number: p.id, relation: 'self', identity_check: 'id_card' });

const agency = (code, over = {}) => ({
  code, name_zh: `${code} 機關`, name_en: `${code} agency`, url: `http://127.0.0.1:9/${code}`, secret: SECRET,
  types: ['name_change', 'marriage', 'move_in', 'address_change', 'death'], fields: ['id_number', 'name'], ...over,
});

const nameChange = (p, extra = {}) => ({
  type: 'name_change', event_date: today(), subject_id: p.id,
  fields: { new_name: `${p.name.slice(0, 1)}同新`, reason: 'vulgar_or_special' }, applicant: self(p), ...extra,
});

async function approve(app) {
  const r = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'approve', version: app.version }, tok.supervisor);
  assert.equal(r.status, 200, r.text);
  return r.json.application;
}
async function submit(body) {
  const r = await post('/api/v1/registrations', body, tok.clerk);
  assert.equal(r.status, 201, r.text);
  return r.json.application;
}
const payloads = (appId) => demoSql(demo.db, `SELECT agency, payload FROM notifications WHERE application_id = ${appId} ORDER BY id`)
  .map(([a, p]) => [a, JSON.parse(p)]);

describe('agencies', () => {
  test('an admin adds one; the secret is never shown back; staff list them', async () => {
    const r = await post('/api/v1/agencies', agency('tax', { types: ['name_change', 'move_in', 'address_change', 'death'] }), tok.admin);
    assert.equal(r.status, 201, r.text);
    const a = r.json.agency;
    assert.equal(a.code, 'tax');
    assert.equal(a.version, 1);
    assert.equal(a.active, true);
    assert.equal(a.group, 'tax');
    assert.ok(!JSON.stringify(r.json).includes(SECRET), 'secret echoed');
    assert.equal(a.secret_hint, 'whsec_MfKQ…');
    const l = await get('/api/v1/agencies', tok.clerk);
    assert.equal(l.status, 200);
    assert.deepEqual(l.json.agencies.map((x) => x.code), ['tax']);
    assert.ok(!l.text.includes(SECRET));
  });

  test('only an admin configures; an auditor does not read them', async () => {
    for (const who of ['clerk', 'supervisor']) {
      const r = await post('/api/v1/agencies', agency(`x_${who}`), tok[who]);
      assert.equal(r.status, 403, who);
    }
    assert.equal((await get('/api/v1/agencies', tok.auditor)).status, 403);
  });

  test('bad configurations are refused in both languages, and a taken code is a conflict', async () => {
    const cases = [
      [{ code: 'A!' }, 'agency.code'],
      [{ secret: 'not-a-secret' }, 'agency.secret'],
      [{ secret: 'whsec_c2hvcnQ=' }, 'agency.secret'],
      [{ url: 'ftp://x.example/a' }, 'agency.url'],
      [{ types: ['teleport'] }, 'agency.types'],
      [{ types: [] }, 'agency.types'],
      [{ fields: ['password'] }, 'agency.fields'],
      [{ name_zh: '' }, 'agency.name'],
    ];
    for (const [over, code] of cases) {
      const r = await post('/api/v1/agencies', agency('bad_one', over), tok.admin);
      assert.equal(r.status, 400, `${JSON.stringify(over)} ${r.text}`);
      assertBilingualError(r, 400, code);
    }
    const dup = await post('/api/v1/agencies', agency('tax'), tok.admin);
    assert.equal(dup.status, 409);
    assertBilingualError(dup, 409, 'agency.exists');
    assert.equal((await get('/api/v1/agencies/bad_one', tok.admin)).status, 404);
  });

  test('an update needs the version read; a secret left empty is kept; rotation keeps two secrets until ended', async () => {
    const before = (await get('/api/v1/agencies/tax', tok.admin)).json.agency;
    const body = { ...agency('tax', { types: before.types }), secret: '', version: before.version, name_en: 'Taipei Revenue Service' };
    delete body.code;
    const ok = await put('/api/v1/agencies/tax', body, tok.admin);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.agency.version, before.version + 1);
    assert.equal(ok.json.agency.secret_hint, before.secret_hint);
    const stale = await put('/api/v1/agencies/tax', body, tok.admin);
    assert.equal(stale.status, 409);
    assertBilingualError(stale, 409, 'agency.stale');
    const rot = await post('/api/v1/agencies/tax/rotate-secret', { secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' }, tok.admin);
    assert.equal(rot.status, 200, rot.text);
    assert.equal(rot.json.agency.rotating, true);
    assert.equal(rot.json.agency.secret_hint, 'whsec_C2FV…');
    const stored = demoSql(demo.db, "SELECT secret, previous_secret FROM agencies WHERE code = 'tax'")[0];
    assert.deepEqual(stored, ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', SECRET]);
    const end = await post('/api/v1/agencies/tax/end-rotation', {}, tok.admin);
    assert.equal(end.json.agency.rotating, false);
  });

  test('a generated v1a key publishes its whpk_ public key', async () => {
    const r = await post('/api/v1/agencies', { ...agency('nhi', { fields: ['id_number', 'name', 'spouse_id', 'spouse_name', 'birth_date'] }), generate_signing_key: true }, tok.admin);
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.agency.public_key, /^whpk_[A-Za-z0-9+/=]{40,}$/);
    const land = await post('/api/v1/agencies', agency('land_daan', { group: 'land', fields: ['id_number', 'address'] }), tok.admin);
    assert.equal(land.status, 201, land.text);
    assert.equal(land.json.agency.group, 'land');
  });
});

describe('consent and the outbox', () => {
  test('approval writes one pending notification per agreed agency, in the contract shape', async () => {
    const p = adult();
    const app = await submit(nameChange(p, { notify: ['tax', 'nhi'] }));
    assert.deepEqual(payloads(app.id), [], 'nothing before approval');
    const done = await approve(app);
    const r = await get(`/api/v1/registrations/${done.id}/notifications`, tok.clerk);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.notifications.map((n) => [n.agency, n.kind, n.status]).sort(),
      [['nhi', 'registration', 'pending'], ['tax', 'registration', 'pending']]);
    for (const n of r.json.notifications) {
      assert.equal(typeof n.attempts, 'number');
      assert.ok('delivered_at_ms' in n);
      assert.equal(n.message_id, `msg_${done.id}_${n.agency}_registration`);
    }
    assert.deepEqual(r.json.consents.map((c) => [c.agency, c.channel]), [['nhi', 'system'], ['tax', 'system']]);
    assert.equal(r.json.declined, false);
    const [[, body]] = payloads(done.id).filter(([a]) => a === 'tax');
    assert.equal(body.type, 'registration.name_change');
    assert.equal(body.data.registration_id, done.id);
    assert.deepEqual(Object.keys(body.data.person).sort(), ['id_number', 'name']);
    assert.equal(body.data.person.name, `${p.name.slice(0, 1)}同新`);
  });

  test('data minimisation: the land office gets no spouse; NHI gets what it may see', async () => {
    const a = single('M');
    const b = single('F');
    const app = await submit({
      type: 'marriage', event_date: today(), subject_id: a.id, fields: { spouse_id: b.id },
      applicant: { name: a.name, id_number: a.id, relation: 'both_parties', identity_check: 'id_card' },
      notify: ['nhi', 'land_daan'],
    });
    await approve(app);
    const byAgency = Object.fromEntries(payloads(app.id));
    assert.deepEqual(Object.keys(byAgency.land_daan.data.person).sort(), ['address', 'id_number']);
    assert.equal(byAgency.nhi.data.person.spouse_id, b.id);
    assert.equal(byAgency.nhi.data.person.spouse_name, b.name);
    assert.ok(!JSON.stringify(byAgency.land_daan).includes(b.name), 'spouse leaked to the land office');
  });

  test('a refused consent enters nothing: unknown agency, one that does not receive the type, both notify and declined', async () => {
    const p = adult();
    const refused = [
      [{ notify: ['nobody'] }, 422, 'notification.unknown_agency'],
      [{ notify: ['tax'], notify_declined: true }, 400, 'notification.conflict'],
      [{ notify: ['tax', 'tax'] }, 400, 'notification.duplicate'],
      [{ notify_elsewhere: [{ agency: 'tax', channel: 'carrier_pigeon' }] }, 400, 'notification.channel'],
    ];
    for (const [extra, status, code] of refused) {
      const r = await post('/api/v1/registrations', nameChange(p, extra), tok.clerk);
      assert.equal(r.status, status, `${JSON.stringify(extra)} ${r.text}`);
      assertBilingualError(r, status, code);
    }
    // The check-your-answers preview refuses the same way, entering nothing either.
    const preview = await post('/api/v1/registrations/preview', nameChange(p, { notify: ['nobody'] }), tok.clerk);
    assertBilingualError(preview, 422, 'notification.unknown_agency');
    // A move-out is no notifiable type.
    const out = await post('/api/v1/registrations', {
      type: 'move_out', event_date: today(), subject_id: p.id, fields: { to: '美國' }, applicant: self(p), notify: ['tax'],
    }, tok.clerk);
    assert.equal(out.status, 422, out.text);
    assertBilingualError(out, 422, 'notification.not_notifiable');
    const pending = demoSql(demo.db, `SELECT COUNT(*) FROM applications WHERE subject_id = '${p.id}'`)[0][0];
    assert.equal(pending, '0', 'a refused submission left an application');
  });

  test('declined and absent consent write no notification; declined is shown', async () => {
    const declined = await approve(await submit(nameChange(adult(), { notify_declined: true })));
    const r = await get(`/api/v1/registrations/${declined.id}/notifications`, tok.clerk);
    assert.deepEqual(r.json.notifications, []);
    assert.equal(r.json.declined, true);
    assert.deepEqual(r.json.consents.map((c) => [c.agency, c.channel]), [['', 'declined']]);
    const none = await approve(await submit(nameChange(adult())));
    const n = await get(`/api/v1/registrations/${none.id}/notifications`, tok.clerk);
    assert.deepEqual([n.json.notifications, n.json.consents, n.json.declined], [[], [], false]);
  });

  test('a rejected application notifies no one', async () => {
    const app = await submit(nameChange(adult(), { notify: ['tax'] }));
    const r = await post(`/api/v1/registrations/${app.id}/review`, { decision: 'reject', note: '資料不全', version: app.version }, tok.supervisor);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(payloads(app.id), []);
  });

  test('the counter defaults come from the person\'s last consent', async () => {
    const p = adult();
    await approve(await submit(nameChange(p, { notify: ['tax'], notify_elsewhere: [{ agency: 'land_daan', channel: 'office' }] })));
    const r = await get(`/api/v1/persons/${p.id}/notify-defaults`, tok.clerk);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.consents.map((c) => [c.agency, c.channel]), [['land_daan', 'office'], ['tax', 'system']]);
    assert.deepEqual((await get(`/api/v1/persons/${adult().id}/notify-defaults`, tok.clerk)).json.consents, []);
    assert.equal((await get(`/api/v1/persons/${p.id}/notify-defaults`, tok.auditor)).status, 403);
  });

  test('a revocation tells the same agencies, with the revoked registration\'s message named', async () => {
    const done = await approve(await submit(nameChange(adult(), { notify: ['tax', 'nhi'] })));
    const rev = await submit({
      type: 'revocation', event_date: today(),
      fields: { application_id: String(done.id), reason: '登記錯誤', initiated_by: 'office', cause: 'office_error' },
      applicant: { name: '承辦人', id_number: '', relation: 'office', identity_check: 'id_card' },
    });
    await approve(rev);
    const r = await get(`/api/v1/registrations/${done.id}/notifications`, tok.clerk);
    const kinds = r.json.notifications.map((n) => [n.agency, n.kind]).sort();
    assert.deepEqual(kinds, [['nhi', 'registration'], ['nhi', 'revocation'], ['tax', 'registration'], ['tax', 'revocation']]);
    const revoked = payloads(done.id).filter(([, b]) => b.type === 'registration.revoked');
    assert.equal(revoked.length, 2);
    for (const [a, b] of revoked) {
      assert.equal(b.data.revocation_id, rev.id);
      assert.equal(b.data.revoked_message_id, `msg_${done.id}_${a}_registration`);
    }
  });
});

describe('the office\'s board', () => {
  test('supervisors list; replay needs a dead letter; retry a pending one; clerks and other offices may not', async () => {
    const l = await get('/api/v1/notifications?status=pending', tok.supervisor);
    assert.equal(l.status, 200, l.text);
    assert.ok(l.json.notifications.length >= 2);
    assert.ok(l.json.notifications.every((n) => n.status === 'pending'));
    assert.ok(!l.text.includes('"payload"'), 'the board shows no payload');
    const id = l.json.notifications[0].id;
    assert.equal((await get('/api/v1/notifications', tok.clerk)).status, 403);
    const notDead = await post(`/api/v1/notifications/${id}/replay`, {}, tok.supervisor);
    assert.equal(notDead.status, 409);
    assertBilingualError(notDead, 409, 'notification.not_dead');
    const retry = await post(`/api/v1/notifications/${id}/retry`, {}, tok.supervisor);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.json.notification.status, 'pending');
    assert.equal((await post(`/api/v1/notifications/${id}/retry`, {}, tok.clerk)).status, 403);
    const one = await get(`/api/v1/notifications/${id}`, tok.supervisor);
    assert.equal(one.status, 200);
    assert.ok(Array.isArray(one.json.notification.ledger));
    const bad = await get('/api/v1/notifications?status=lost', tok.supervisor);
    assert.equal(bad.status, 400);
    assertBilingualError(bad, 400, 'notification.status');
  });

  test('another office sees none of it', async () => {
    const [appId] = demoSql(demo.db, 'SELECT application_id FROM notifications ORDER BY id LIMIT 1')[0];
    const r = await get(`/api/v1/registrations/${appId}/notifications`, tok.far);
    assert.equal(r.status, 404);
  });

  test('reading a registration\'s notifications is audited as a read of its person', async () => {
    const [appId, person] = demoSql(demo.db, 'SELECT application_id, person_id FROM notifications ORDER BY id LIMIT 1')[0];
    await get(`/api/v1/registrations/${appId}/notifications`, tok.clerk);
    const rows = demoSql(demo.db, `SELECT COUNT(*) FROM audit WHERE action = 'notification.read' AND subject_id = '${person}'`);
    assert.ok(Number(rows[0][0]) >= 1);
  });
});
