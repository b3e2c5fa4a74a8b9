// The registration types added by issue 16 (death declaration, indigenous status, assistance,
// custody, general correction, ex officio address change and move-out, revocation of a
// household registration, abolition for loss of status, same-sex joint adoption), each
// entered by a clerk and approved by a supervisor through real HTTP, then `register rebuild
// --check`: the projections equal the replay of the event log. Runs on both backends
// (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, demoSql, runCli, root, taipeiDate, todayTaipei, daysAgoTaipei, yearsAgoTaipei } from './harness.mjs';

const OFFICE = '63000080';
let demo, server, url;
const tok = {};

before(async () => {
  demo = makeDemoDb({ persons: 1500, seed: 16 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const purpose = encodeURIComponent('登記審核');
const taipei = taipeiDate;
const today = todayTaipei;
const daysAgo = daysAgoTaipei;
const yearsAgo = yearsAgoTaipei;

// Read-only queries on the demo database, only to pick persons (the API has no search).
const sql = (query) => demoSql(demo.db, query);
const used = new Set();
function take(rows) {
  const row = rows.find(([id]) => !used.has(id));
  assert.ok(row, 'the demo population has enough persons of this kind');
  used.add(row[0]);
  return row;
}
const inOffice = `p.status = 'active' AND h.office_code = '${OFFICE}'`;
const fromPersons = 'FROM persons p JOIN households h ON h.household_no = p.household_no';
// An adult of this office, not its household's head, between `young` and `old` years old.
function adult({ young = 25, old = 60, sex, single = false } = {}) {
  const [id, name, household] = take(sql(`SELECT p.id_number, p.name, p.household_no ${fromPersons}
    WHERE ${inOffice} AND h.head_id <> p.id_number AND p.indigenous = ''
      AND p.birth_date BETWEEN '${yearsAgo(old)}' AND '${yearsAgo(young)}'
      ${sex ? `AND p.sex = '${sex}'` : ''} ${single ? 'AND p.spouse_id IS NULL' : ''}
    ORDER BY p.id_number`));
  return { id, name, household };
}
// A child of 5–15 of this office with both parents registered.
function minor() {
  const [id, name, household, motherId] = take(sql(`SELECT p.id_number, p.name, p.household_no, p.mother_id ${fromPersons}
    WHERE ${inOffice} AND p.father_id IS NOT NULL AND p.mother_id IS NOT NULL
      AND p.birth_date BETWEEN '${yearsAgo(15)}' AND '${yearsAgo(5)}' ORDER BY p.id_number`));
  const [[motherName]] = sql(`SELECT name FROM persons WHERE id_number = '${motherId}'`);
  return { id, name, household, mother: { id: motherId, name: motherName } };
}

async function post(path, body, token) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });
}
// `who` applies (default the subject) in the capacity `relation` (戶籍法 §29–§47).
function body(type, subject, fields, eventDate = daysAgo(3), relation = '本人', who = subject) {
  return {
    type, event_date: eventDate, subject_id: subject.id, fields,
    applicant: relation === '戶政事務所'
      ? { name: '文山區戶政事務所', id_number: '', relation, identity_check: 'household_certificate' }
      : { name: who.name, id_number: who.id, relation, identity_check: 'id_card',
        ...(relation === '利害關係人' ? { interest: '聲請人或受指定之人' } : {}) },
  };
}
// Entered by the clerk, approved by the supervisor: the registered application.
async function register(b) {
  const r = await post('/api/v1/registrations', b, tok.clerk);
  assert.equal(r.status, 201, r.text);
  const app = r.json.application;
  const extra = app.days_late > 0 ? { fine: app.proposed_fine.min } : {};
  const v = await post(`/api/v1/registrations/${app.id}/review`,
    { decision: 'approve', version: app.version, ...extra }, tok.supervisor);
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.application.status, 'registered', v.text);
  return v.json.application;
}
// A refusal at entry: 422 (a rule) or 400 (a malformed field) with the code, bilingual,
// naming none of `persons`.
async function refused(b, code, persons, status = 422) {
  const r = await post('/api/v1/registrations', b, tok.clerk);
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  assert.match(r.json.error.message_zh, /[\u4e00-\u9fff]/);
  assert.ok(r.json.error.message_en.length > 0);
  const text = r.json.error.message_zh + r.json.error.message_en;
  for (const p of persons) {
    for (const shown of [p.id, p.name, p.household]) {
      assert.ok(!text.includes(shown), `the refusal shows ${shown}: ${text}`);
    }
  }
}
async function view(id) {
  const r = await api(url, `/api/v1/persons/${id}?purpose=${purpose}`, { token: tok.clerk });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('the new registration types, end to end', () => {
  test('死亡宣告 removes the person as declared dead', async () => {
    const p = adult();
    await refused(body('death_declaration', p, { court: '臺灣臺北地方法院', judgment_date: daysAgo(30) },
      daysAgo(10)), 'registration.judgment_before_death', [p]);
    await register(body('death_declaration', p, { court: '臺灣臺北地方法院', judgment_date: daysAgo(3) },
      daysAgo(10), '利害關係人'));
    const v = await view(p.id);
    assert.equal(v.person.status, 'removed');
    assert.equal(v.person.removal_reason, 'death_declared');
  });

  test('原住民身分 acquired, its people changed, then lost', async () => {
    const p = adult();
    await refused(body('indigenous_acquisition', p, { tribe: '平埔族', kind: 'plains' }),
      'registration.tribe', [p], 400);
    await register(body('indigenous_acquisition', p, { tribe: '阿美族', kind: 'mountain' }));
    assert.equal((await view(p.id)).person.indigenous, '阿美族');
    await register(body('indigenous_change', p, { tribe: '撒奇萊雅族' }));
    assert.equal((await view(p.id)).person.indigenous, '撒奇萊雅族');
    await register(body('indigenous_loss', p, { reason: '申請喪失' }));
    assert.equal((await view(p.id)).person.indigenous, '');
    await refused(body('indigenous_loss', p, { reason: '申請喪失' }), 'registration.not_indigenous', [p]);
  });

  test('輔助 names the assistant', async () => {
    const p = adult();
    const helper = adult();
    await register(body('assistance', p,
      { assistant_id: helper.id, court: '臺灣臺北地方法院', reason: '輔助宣告' }, daysAgo(3), '輔助人', helper));
    const v = await view(p.id);
    assert.ok(v.events.some((e) => e.type === 'assistance'), 'the 記事 lists the assistance');
  });

  test('未成年子女權利義務行使負擔 for a minor, by agreement or by the court', async () => {
    const child = minor();
    const stranger = adult();
    await refused(body('custody', child, { holder: 'other', holder_id: stranger.id, basis: 'agreement' }),
      'registration.holder_by_court', [child, stranger]);
    await register(body('custody', child, { holder: 'mother', basis: 'agreement' }, daysAgo(3), '母', child.mother));
    await register(body('custody', child,
      { holder: 'other', holder_id: stranger.id, basis: 'court', court: '臺灣臺北地方法院' }, daysAgo(2),
      '利害關係人', stranger));
    const grown = adult();
    await refused(body('custody', grown, { holder: 'mother', basis: 'agreement' }), 'registration.not_minor',
      [grown]);
  });

  test('更正 of a named field, unknown fields refused', async () => {
    const p = adult();
    await refused(body('correction', p, { field: 'sex', new_value: 'F', evidence: '出生證明書' }),
      'registration.correction_field', [p], 400);
    const before = (await view(p.id)).person.birth_place;
    const place = before === '花蓮縣' ? '臺東縣' : '花蓮縣';
    await register(body('correction', p, { field: 'birth_place', new_value: place, evidence: '出生證明書' }));
    assert.equal((await view(p.id)).person.birth_place, place);
  });

  test('逕為住址變更 moves the person within the district', async () => {
    const p = adult();
    const host = adult();
    await refused(body('ex_officio_address_change', p, { household_no: host.household, relation: '同居人' },
      daysAgo(3), '戶政事務所'), 'registration.field_required', [p, host], 400);
    await register(body('ex_officio_address_change', p,
      { household_no: host.household, relation: '同居人', reason: '未申報住址變更' }, daysAgo(3), '戶政事務所'));
    const v = await view(p.id);
    assert.equal(v.household.household_no, host.household);
  });

  test('逕為遷出 only after two years abroad', async () => {
    const p = adult();
    await refused(body('ex_officio_move_out', p, { exit_date: daysAgo(400) }, daysAgo(3), '戶政事務所'),
      'registration.abroad_too_short', [p]);
    await register(body('ex_officio_move_out', p, { exit_date: yearsAgo(3), reason: '出境滿二年' }, daysAgo(3),
      '戶政事務所'));
    const v = await view(p.id);
    assert.equal(v.person.status, 'removed');
    assert.equal(v.person.removal_reason, 'emigration');
  });

  test('撤銷戶籍 removes the person; revoking it puts the person back', async () => {
    const p = adult();
    const app = await register(body('registration_cancellation', p, { reason: '虛偽設籍', letter_no: '北市文戶字第1號' },
      daysAgo(3), '戶政事務所'));
    assert.equal((await view(p.id)).person.removal_reason, 'registration_revoked');
    await register({
      type: 'revocation', event_date: today(), fields: { application_id: String(app.id), reason: '誤辦', cause: 'office_error' },
      applicant: { name: '文山區戶政事務所', id_number: '', relation: '戶政事務所', identity_check: 'household_certificate' },
    });
    const v = await view(p.id);
    assert.equal(v.person.status, 'active');
    assert.equal(v.household.household_no, p.household);
  });

  test('廢止戶籍 for the loss of status keeps its reason', async () => {
    const p = adult();
    await refused(body('loss_of_nationality', p, { letter_no: '台內移字第1號', reason: 'moved' }),
      'registration.reason', [p], 400);
    await register(body('loss_of_nationality', p, { letter_no: '台內移字第1號', reason: 'loss_of_status' }));
    assert.equal((await view(p.id)).person.removal_reason, 'loss_of_status');
  });

  test('two women married to each other adopt a child jointly', async () => {
    const a = adult({ young: 40, old: 55, sex: 'F', single: true });
    const b = adult({ young: 40, old: 55, sex: 'F', single: true });
    const child = minor();
    await register(body('marriage', a, { spouse_id: b.id }, today(), 'both_parties'));
    await register(body('adoption', child, { adopter_id: a.id, adopter2_id: b.id }, daysAgo(1), '收養人', a));
    const v = await view(child.id);
    const parents = [v.person.father?.id_number, v.person.mother?.id_number].sort();
    assert.deepEqual(parents, [a.id, b.id].sort());
  });
});

test('register rebuild --check holds after the new types', async () => {
  await server.stop();
  server = null;
  const out = runCli(['register', 'rebuild', '--check', '--db', demo.db, '--calendar', join(root, 'data/calendar')]);
  assert.match(out, /projections equal the replay of the event log/);
});
