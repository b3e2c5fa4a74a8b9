// The register's rules as tables anyone can extend without C++ (issue 16): every file in
// tests/rules/applications/*.json is a list of cases, each an application (and what comes
// before it) against a real huji on the demo register, with the answer the law expects and
// the statute that says so. Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
//
// A case:
//   {"name": "…", "cite": "戶籍法 §48",
//    "persons": {"a": "single_man", "b": "spouse_of:a"},       picked fresh per case
//    "before": [{"submit": {…}, "approve": true}],             optional, each must succeed
//    "submit": {"type": …, "event_date": "today-30", "subject_id": "$a", "fields": {…},
//               "applicant": {"name": "$a.name", "id_number": "$a", "relation": "本人",
//                             "identity_check": "id_card"}},
//    "approve": true,                                          optional
//    "expect": {"status": 201, "error": "registration.x", "deadline": "today+30",
//               "days_late": 0, "fine_min": 0, "fine_max": 0, "approve_status": 200,
//               "approve_error": "registration.y"}}
// A case may also issue a written reminder (催告, reminders.json) after `before`:
//    "remind": {"type": "birth", "subject_id": "$m", "event_date": "today-120",
//               "served_on": "today-30", "addressees": [{"id_number": "$m", "relation": "母"}]}
// alone (then "expect" checks its "status", "error", "reminder_state" and "due") or before
// "submit" (it must then be issued, and "expect" may check "reminder_state" after the
// application); "false_application": {"grade", "reason"} fines the application under §76
// (by the supervisor); "expect": {"penalties": [{"kind": "after_reminder", "amount": 900}]}
// checks the application's penalty ledger (amount: the decided one, else the proposed one);
// "reject": "<note>" instead of "approve" rejects the application (by the supervisor).
// "expect": {"care_list": "elderly_marriage" | "divorce_with_minor_children" | null} checks the
// application's place on the proactive-care list of this month (care.json; null: not on it).
// Strings: "$a" is person a's ID number, "$a.name" the name, "$a.household" the household
// number; "today", "today-30", "today+7" are Taipei dates. Selectors are the SQL queries in
// SELECTORS below (one query each: add one when a case needs a kind of person not there).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, demoSql, root, taipeiDate, todayTaipei, yearsAgoTaipei } from './harness.mjs';

const DAY = 86400e3;
const taipei = taipeiDate;
const today = todayTaipei;
const yearsAgo = yearsAgoTaipei;

// Active persons of the demo office, each kind one query returning id_number rows.
const ACTIVE = "p.status = 'active'";
const SELECTORS = {
  adult: () => `SELECT p.id_number FROM persons p WHERE ${ACTIVE} AND p.birth_date <= '${yearsAgo(20)}'
    AND p.birth_date > '${yearsAgo(80)}'`,
  // An adult whose name was never changed (the name-change cap counts from zero).
  adult_never_renamed: () => `SELECT p.id_number FROM persons p WHERE ${ACTIVE}
    AND p.birth_date <= '${yearsAgo(20)}' AND p.birth_date > '${yearsAgo(80)}'
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_id = p.id_number AND e.type = 'name_change')`,
  single_man: () => `SELECT p.id_number FROM persons p WHERE ${ACTIVE} AND p.sex = 'M' AND p.spouse_id IS NULL
    AND p.birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(25)}'`,
  single_woman: () => `SELECT p.id_number FROM persons p WHERE ${ACTIVE} AND p.sex = 'F' AND p.spouse_id IS NULL
    AND p.birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(25)}'`,
  // Married, living with the spouse, both adults.
  married_woman: () => `SELECT p.id_number FROM persons p JOIN persons h ON h.id_number = p.spouse_id
    WHERE ${ACTIVE} AND p.sex = 'F' AND h.status = 'active' AND h.household_no = p.household_no
      AND p.birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(20)}' AND h.birth_date <= '${yearsAgo(20)}'`,
  married_man: () => `SELECT p.id_number FROM persons p JOIN persons w ON w.id_number = p.spouse_id
    WHERE ${ACTIVE} AND p.sex = 'M' AND w.status = 'active' AND w.household_no = p.household_no
      AND p.birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(20)}' AND w.birth_date <= '${yearsAgo(20)}'`,
  // Under 18 with both parents in the register and active.
  child: () => `SELECT p.id_number FROM persons p JOIN persons f ON f.id_number = p.father_id
    JOIN persons m ON m.id_number = p.mother_id
    WHERE ${ACTIVE} AND f.status = 'active' AND m.status = 'active' AND p.birth_date > '${yearsAgo(18)}'`,
  // A man of 66 to 90 who is not married (the proactive-care list's elderly person).
  elderly_single_man: () => `SELECT p.id_number FROM persons p WHERE ${ACTIVE} AND p.sex = 'M' AND p.spouse_id IS NULL
    AND p.birth_date BETWEEN '${yearsAgo(90)}' AND '${yearsAgo(66)}'`,
  // A married man living with his wife, the two parents of a child under 16.
  father_of_minor: () => `SELECT p.id_number FROM persons p JOIN persons w ON w.id_number = p.spouse_id
    WHERE ${ACTIVE} AND w.status = 'active' AND w.spouse_id = p.id_number AND w.household_no = p.household_no
      AND EXISTS (SELECT 1 FROM persons c WHERE c.father_id = p.id_number AND c.mother_id = w.id_number
                  AND c.birth_date > '${yearsAgo(16)}')`,
  // A married man living with his wife, neither a parent of anyone under 20.
  married_man_no_minor: () => `SELECT p.id_number FROM persons p JOIN persons w ON w.id_number = p.spouse_id
    WHERE ${ACTIVE} AND p.sex = 'M' AND w.status = 'active' AND w.spouse_id = p.id_number
      AND w.household_no = p.household_no AND p.birth_date BETWEEN '${yearsAgo(60)}' AND '${yearsAgo(20)}'
      AND NOT EXISTS (SELECT 1 FROM persons c WHERE (c.father_id IN (p.id_number, w.id_number)
                      OR c.mother_id IN (p.id_number, w.id_number)) AND c.birth_date > '${yearsAgo(20)}')`,
  // The head of a household with at least one other member.
  head: () => `SELECT p.id_number FROM persons p JOIN households h ON h.head_id = p.id_number
    WHERE ${ACTIVE} AND p.birth_date <= '${yearsAgo(20)}'
      AND (SELECT COUNT(*) FROM persons o WHERE o.household_no = h.household_no AND o.status = 'active') > 1`,
  // A member who is not the head of a household of several.
  member: () => `SELECT p.id_number FROM persons p JOIN households h ON h.household_no = p.household_no
    WHERE ${ACTIVE} AND h.head_id <> p.id_number AND p.birth_date <= '${yearsAgo(20)}'`,
};
const RELATIONS = {
  spouse_of: (id) => `SELECT spouse_id FROM persons WHERE id_number = '${id}'`,
  father_of: (id) => `SELECT father_id FROM persons WHERE id_number = '${id}'`,
  mother_of: (id) => `SELECT mother_id FROM persons WHERE id_number = '${id}'`,
  head_of: (id) => `SELECT h.head_id FROM persons p JOIN households h ON h.household_no = p.household_no
    WHERE p.id_number = '${id}'`,
};

const tableDir = join(root, 'tests/rules/applications');
const tables = readdirSync(tableDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(tableDir, f), 'utf8')) }));

let demo, server, url;
const tok = {};
const used = new Set();  // every person a case picked: no two cases share one
const pools = {};

before(async () => {
  demo = makeDemoDb({ persons: 3000, seed: 16 });
  server = await startHuji(demo.db);
  url = server.url;
  for (const who of ['clerk', 'supervisor']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  demo?.cleanup();
});

const sql = (q) => demoSql(demo.db, q).map((r) => r[0]);

function pick(selector, picked) {
  const [kind, of] = selector.split(':');
  if (of !== undefined) {
    const query = RELATIONS[kind];
    assert.ok(query, `unknown relation ${kind}`);
    assert.ok(picked[of], `${selector}: ${of} is not picked before it`);
    const [id] = sql(query(picked[of].id));
    assert.ok(id, `${selector}: the register has none`);
    used.add(id);
    return id;
  }
  assert.ok(SELECTORS[kind], `unknown selector ${kind}`);
  pools[kind] ??= sql(`${SELECTORS[kind]()} ORDER BY 1`);
  // Skip persons an earlier case used, or who share a household with one.
  for (;;) {
    const id = pools[kind].shift();
    assert.ok(id, `the demo register has no more persons of kind ${kind}`);
    if (used.has(id)) continue;
    const mates = sql(`SELECT o.id_number FROM persons o JOIN persons p ON p.household_no = o.household_no
      WHERE p.id_number = '${id}'`);
    if (mates.some((m) => used.has(m))) continue;
    for (const m of mates) used.add(m);
    return id;
  }
}

function personsOf(spec = {}) {
  const picked = {};
  for (const [name, selector] of Object.entries(spec)) {
    const id = pick(selector, picked);
    const [[pname, household]] = demoSql(demo.db,
      `SELECT name, household_no FROM persons WHERE id_number = '${id}'`);
    picked[name] = { id, name: pname, household };
  }
  return picked;
}

function dateOf(text) {
  const m = /^today(?:([+-])(\d+))?$/.exec(text);
  if (!m) return text;
  const n = m[1] ? Number(m[2]) * (m[1] === '-' ? -1 : 1) : 0;
  return taipei(Date.now() + n * DAY);
}

// Substitutes persons and dates in every string of a value.
function fill(value, picked) {
  if (typeof value === 'string') {
    const person = /^\$(\w+)(?:\.(name|household))?$/.exec(value);
    if (person) {
      const p = picked[person[1]];
      assert.ok(p, `unknown person ${value}`);
      return person[2] ? p[person[2]] : p.id;
    }
    return dateOf(value);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, picked));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, picked)]));
  }
  return value;
}

async function post(path, body, token) {
  return api(url, path, { method: 'POST', token, body, headers: { 'Idempotency-Key': randomUUID() } });
}

async function approve(app) {
  const body = { decision: 'approve', version: app.version };
  if (app.days_late > 0) body.fine = app.proposed_fine.min;
  return post(`/api/v1/registrations/${app.id}/review`, body, tok.supervisor);
}

async function runCase(c) {
  const picked = personsOf(c.persons);
  for (const [i, step] of (c.before ?? []).entries()) {
    const r = await post('/api/v1/registrations', fill(step.submit, picked), tok.clerk);
    assert.equal(r.status, 201, `before[${i}]: ${r.text}`);
    if (step.approve) {
      const a = await approve(r.json.application);
      assert.equal(a.status, 200, `before[${i}] approval: ${a.text}`);
    }
  }
  const e = fill(c.expect ?? {}, picked);
  let reminder = null;
  if (c.remind) {
    const r = await post('/api/v1/reminders', fill(c.remind, picked), tok.clerk);
    const why = `${c.name} (${c.cite}): ${r.text}`;
    if (!c.submit) {
      assert.equal(r.status, e.status ?? 201, why);
      if (e.error !== undefined) assert.equal(r.json?.error?.code, e.error, why);
      if (e.reminder_state !== undefined) assert.equal(r.json.reminder.state, e.reminder_state, why);
      if (e.due !== undefined) assert.equal(r.json.reminder.due, e.due, why);
      return;
    }
    assert.equal(r.status, 201, `remind: ${why}`);
    reminder = r.json.reminder;
  }
  const r = await post('/api/v1/registrations', fill(c.submit, picked), tok.clerk);
  const why = `${c.name} (${c.cite}): ${r.text}`;
  assert.equal(r.status, e.status ?? 201, why);
  if (e.error !== undefined) assert.equal(r.json?.error?.code, e.error, why);
  if (r.status !== 201) return;
  const app = r.json.application;
  if (e.deadline !== undefined) assert.equal(app.deadline, e.deadline, why);
  if (e.days_late !== undefined) assert.equal(app.days_late, e.days_late, why);
  if (e.fine_min !== undefined) assert.equal(app.proposed_fine.min, e.fine_min, why);
  if (e.fine_max !== undefined) assert.equal(app.proposed_fine.max, e.fine_max, why);
  if (c.approve) {
    const a = await approve(app);
    assert.equal(a.status, e.approve_status ?? 200, `${c.name} approval: ${a.text}`);
    if (e.approve_error !== undefined) assert.equal(a.json?.error?.code, e.approve_error, why);
  }
  if (c.reject) {
    const j = await post(`/api/v1/registrations/${app.id}/review`,
      { decision: 'reject', version: app.version, note: c.reject }, tok.supervisor);
    assert.equal(j.status, 200, `${c.name} rejection: ${j.text}`);
  }
  if (reminder && e.reminder_state !== undefined) {
    const now = await api(url, `/api/v1/reminders/${reminder.id}`, { token: tok.clerk });
    assert.equal(now.json?.reminder?.state, e.reminder_state, `${why} ${now.text}`);
  }
  if (c.false_application) {
    const f = await post(`/api/v1/registrations/${app.id}/false-application-fine`, c.false_application, tok.supervisor);
    assert.equal(f.status, 201, `${c.name} §76 fine: ${f.text}`);
  }
  if (e.care_list !== undefined) {
    const l = await api(url, `/api/v1/care-lists?month=${today().slice(0, 7)}`, { token: tok.clerk });
    assert.equal(l.status, 200, l.text);
    const found = l.json.cases.find((x) => x.registration_id === app.id);
    assert.equal(found?.reason ?? null, e.care_list, `${why} ${JSON.stringify(found)}`);
  }
  if (e.penalties !== undefined) {
    const p = await api(url, `/api/v1/registrations/${app.id}/penalties`, { token: tok.clerk });
    assert.deepEqual(p.json?.penalties?.map((x) => ({ kind: x.kind, amount: x.amount_decided ?? x.amount_proposed })),
      e.penalties, `${why} ${p.text}`);
  }
}

for (const t of tables) {
  describe(`rule table ${t.file}`, () => {
    for (const c of t.cases) {
      assert.ok(c.name && c.cite, `${t.file}: every case has a name and cites its statute`);
      test(`${c.name} — ${c.cite}`, () => runCase(c));
    }
  });
}
