// Appointments (issue 20) against a real huji on either backend (HUJI_TEST_BACKEND): the
// booking rules and slots, public booking with a reference and secret code (lookup, cancel,
// no enumeration, throttling), phone booking by a clerk, check-in turning a booking into a
// ticket that call-next calls at its slot time, late check-in as a walk-in, no-shows and the
// suspension after the 4th, director meetings, home visits, the reminder e-mail (a local SMTP
// sink) and the bookings as committed after kill -9.
//
// The server's clock is real: bookings are made for the first day the slots route says is
// bookable, and the tests that need a slot today move the booking's slot by SQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, assertBilingualError, demoSql, backend, todayTaipei, taipeiDate } from './harness.mjs';
import { writeSql } from './issued_documents.mjs';
import { freePort, startSmtpSink } from './smtp_sink.mjs';

let demo, server, url, sink, mailDir, smtpArgs;
const tok = {};

before(async () => {
  mailDir = mkdtempSync(join(tmpdir(), 'huji-appt-mail-'));
  const port = await freePort();
  sink = await startSmtpSink(port, mailDir);
  smtpArgs = ['--smtp', `smtp://127.0.0.1:${port}`, '--smtp-from', 'appointments@office.example'];
  demo = makeDemoDb({ persons: 100, seed: 28 });
  server = await startHuji(demo.db, smtpArgs);
  url = server.url;
  for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] = await login(url, who);
});
after(async () => {
  await server?.stop();
  await sink?.stop();
  demo?.cleanup();
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

// A valid ID number (身分證統一編號) for test person n: letter A, sex digit 1 or 2.
const LETTER_A = 10;
function idNumber(n) {
  const digits = [1 + (n % 2), ...String(3000000 + n).padStart(7, '0').slice(-7).split('').map(Number)];
  let sum = Math.floor(LETTER_A / 10) + (LETTER_A % 10) * 9;
  digits.forEach((d, i) => { sum += d * (8 - i); });
  const check = (10 - (sum % 10)) % 10;
  return `A${digits.join('')}${check}`;
}

const sql = (query) => writeSql(backend, demo.db, query);
const post = (path, body, token) => api(url, path, { method: 'POST', body, token });
const person = (n, extra = {}) => ({ name: `測試者${n}`, id_number: idNumber(n), phone: '02-2345-6789', ...extra });

// The first day from tomorrow on with a bookable slot of `service` (kind counter or director).
async function bookableSlot(service, kind = 'counter', skip = 0) {
  for (let i = 1; i <= 10; i++) {
    const day = taipeiDate(Date.now() + i * 86400e3);
    const r = await api(url, `/api/v1/appointments/slots?day=${day}&service=${service}&kind=${kind}`);
    assert.equal(r.status, 200, r.text);
    const open = r.json.slots.filter((s) => s.bookable && s.remaining > 0);
    if (open.length > skip) return { day, start: open[skip].start };
  }
  throw new Error(`no bookable ${kind} slot for ${service}`);
}

async function book(n, service = 'seal', extra = {}, token) {
  const slot = await bookableSlot(service);
  const r = await post('/api/v1/appointments', { service, ...slot, ...person(n), ...extra }, token);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// Moves a booking to today with its slot starting `fromNowMs` from now (30 minutes long).
function moveSlot(id, fromNowMs) {
  const start = Date.now() + fromNowMs;
  sql(`UPDATE appointments SET day = '${todayTaipei()}', slot_ms = ${start}, slot_end_ms = ${start + 1800e3} WHERE id = ${id}`);
}

async function counterFor(service) {
  const c = await api(url, '/api/v1/queue/counters', { token: tok.clerk });
  return c.json.counters.find((x) => x.open && x.services.includes(service)).id;
}

const callNext = (counter) => post(`/api/v1/queue/counters/${counter}/call-next`, undefined, tok.clerk);
async function drain(counter) {
  for (let i = 0; i < 50 && (await callNext(counter)).status === 200; i++);
}

test('the rules and the slots of a day are public; an admin edits the rules', async () => {
  const r = await api(url, '/api/v1/appointments/rules');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rules.slot_min, 30);
  assert.equal(r.json.rules.cutoff_min, 900);
  assert.equal(r.json.rules.max_days_ahead, 7);
  assert.equal(r.json.rules.wedding_min_working_days, 3);
  assert.equal(r.json.rules.max_no_shows, 3);
  assert.equal(r.json.rules.late_min, 15);
  const { day } = await bookableSlot('seal');
  const before = await api(url, `/api/v1/appointments/slots?day=${day}&service=seal`);
  assert.equal(before.json.day_kind, 'working');
  assert.equal(before.json.slots.length, 18);
  assertBilingualError(await api(url, '/api/v1/appointments/rules', { method: 'PUT', body: { slot_min: 15 }, token: tok.clerk }), 403, 'auth.forbidden');
  assertBilingualError(await api(url, '/api/v1/appointments/rules', { method: 'PUT', body: { slot_min: 1 }, token: tok.admin }), 400, 'appointment.rules');
  assertBilingualError(await api(url, '/api/v1/appointments/rules', { method: 'PUT', body: { nonsense: 1 }, token: tok.admin }), 400, 'http.unknown_field');
  const put = await api(url, '/api/v1/appointments/rules', { method: 'PUT', body: { lunch_service: false, capacities: { seal: 3 } }, token: tok.admin });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.rules.lunch_service, false);
  const after = await api(url, `/api/v1/appointments/slots?day=${day}&service=seal`);
  assert.equal(after.json.slots.length, 15);
  assert.equal(after.json.slots[0].capacity, 3);
  const back = await api(url, '/api/v1/appointments/rules', { method: 'PUT', body: { lunch_service: true, capacities: {} }, token: tok.admin });
  assert.equal(back.status, 200, back.text);
  // Closed days offer nothing; a bad day is refused.
  const sunday = [...Array(8).keys()].map((i) => taipeiDate(Date.now() + i * 86400e3)).find((d) => new Date(d).getUTCDay() === 0);
  const closed = await api(url, `/api/v1/appointments/slots?day=${sunday}&service=seal`);
  assert.equal(closed.json.day_kind, 'closed');
  assert.equal(closed.json.slots.length, 0);
});

test('a public booking gives a reference and a code; lookup and cancel need both', async () => {
  const made = await book(1);
  const a = made.appointment;
  assert.match(a.reference, /^A[0-9A-Z]{9}$/);
  assert.match(made.code, /^[0-9A-Z]{8}$/);
  assert.equal(a.status, 'booked');
  assert.equal(a.source, 'web');
  assertBilingualError(await post('/api/v1/appointments/lookup', { reference: a.reference, code: 'WRONG123' }), 404, 'appointment.not_found');
  assertBilingualError(await post('/api/v1/appointments/lookup', { reference: 'A000000000', code: made.code }), 404, 'appointment.not_found');
  const seen = await post('/api/v1/appointments/lookup', { reference: a.reference.toLowerCase(), code: made.code });
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json.appointment.id_number, idNumber(1));
  // One per person per day; bad input is refused.
  assertBilingualError(await post('/api/v1/appointments', { service: 'seal', day: a.day, start: a.start, ...person(1) }), 409, 'appointment.one_per_day');
  assertBilingualError(await post('/api/v1/appointments', { service: 'seal', day: a.day, start: a.start, ...person(2, { id_number: 'A123456788' }) }), 400, 'appointment.id_number');
  assertBilingualError(await post('/api/v1/appointments', { service: 'seal', day: a.day, start: '9:00', ...person(2) }), 400, 'appointment.start');
  assertBilingualError(await post('/api/v1/appointments', { service: 'nope', day: a.day, start: a.start, ...person(2) }), 404, 'queue.unknown_service');
  const today = await post('/api/v1/appointments', { service: 'seal', day: todayTaipei(), start: '09:00', ...person(2) });
  assertBilingualError(today, 409, today.json?.error?.code === 'appointment.closed' ? 'appointment.closed' : 'appointment.too_late');
  // The public cannot list bookings.
  assertBilingualError(await api(url, `/api/v1/appointments?day=${a.day}`), 401, 'auth.required');
  const cancelled = await post('/api/v1/appointments/cancel', { reference: a.reference, code: made.code });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.json.appointment.status, 'cancelled');
  assertBilingualError(await post('/api/v1/appointments/cancel', { reference: a.reference, code: made.code }), 409, 'appointment.not_booked');
  // Each read and write of the booking's personal data is audited, the public as (public).
  const audit = demoSql(demo.db, `SELECT username, action, purpose FROM audit WHERE subject_id = '${idNumber(1)}' ORDER BY seq`);
  const actions = audit.map((r) => r[1]);
  assert.ok(actions.includes('appointment.book') && actions.includes('appointment.read') && actions.includes('appointment.cancel'), actions.join());
  assert.ok(audit.every((r) => r[0] === '(public)' && r[2] === 'self'), JSON.stringify(audit));
  // Booking again after cancelling is allowed.
  await book(1);
});

test('a clerk books by phone and lists the day; others may not', async () => {
  const made = await book(3, 'transcript', {}, tok.clerk);
  assert.equal(made.appointment.source, 'phone');
  const list = await api(url, `/api/v1/appointments?day=${made.appointment.day}`, { token: tok.clerk });
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.appointments.some((x) => x.id === made.appointment.id && x.name === '測試者3'));
  assertBilingualError(await api(url, `/api/v1/appointments?day=${made.appointment.day}`, { token: tok.auditor }), 403, 'auth.forbidden');
  const audit = demoSql(demo.db, `SELECT username, action FROM audit WHERE subject_id = '${idNumber(3)}' ORDER BY seq`);
  assert.deepEqual(audit.slice(0, 2), [['clerk', 'appointment.book'], ['clerk', 'appointment.list']]);
});

test('check-in makes a ticket that call-next calls at its slot time, not before', async () => {
  const counter = await counterFor('seal');
  await drain(counter);
  const made = await book(4);
  const a = made.appointment;
  const early = await post('/api/v1/queue/tickets', { service: 'seal', priority: false });
  const other = await post('/api/v1/queue/tickets', { service: 'seal', priority: false });
  assert.equal(other.status, 201, other.text);
  assertBilingualError(await post('/api/v1/appointments/check-in', { reference: a.reference, id_number: idNumber(4) }), 409, 'appointment.not_today');
  moveSlot(a.id, 2500);
  assertBilingualError(await post('/api/v1/appointments/check-in', { reference: a.reference, id_number: idNumber(5) }), 404, 'appointment.not_found');
  const ci = await post('/api/v1/appointments/check-in', { reference: a.reference, id_number: idNumber(4) });
  assert.equal(ci.status, 201, ci.text);
  assert.equal(ci.json.appointment.status, 'checked_in');
  const t = ci.json.ticket;
  assert.equal(t.source, 'appointment');
  assert.equal(t.appointment_id, a.id);
  assert.ok(t.ready_at_ms > Date.now() - 1000, 'ready at the slot');
  assert.equal(Math.floor(t.number / 1000), Math.floor(early.json.ticket.number / 1000), 'numbered with the service');
  const first = await callNext(counter);
  assert.equal(first.json.ticket.id, early.json.ticket.id, 'the slot has not come: the earliest ordinary ticket');
  await new Promise((r) => setTimeout(r, Math.max(0, t.ready_at_ms - Date.now() + 50)));
  const second = await callNext(counter);
  assert.equal(second.status, 200, second.text);
  assert.equal(second.json.ticket.id, t.id, 'at its slot the appointment goes before an earlier ordinary ticket');
  assertBilingualError(await post('/api/v1/appointments/check-in', { reference: a.reference, id_number: idNumber(4) }), 409, 'appointment.not_booked');
  await drain(counter);
});

test('over 15 minutes late is a walk-in; past the slot and grace a no-show', async () => {
  const late = (await book(6)).appointment;
  moveSlot(late.id, -16 * 60e3);
  const ci = await post(`/api/v1/appointments/${late.id}/check-in`, undefined, tok.clerk);
  assert.equal(ci.status, 201, ci.text);
  assert.equal(ci.json.appointment.status, 'walk_in');
  assert.equal(ci.json.ticket.source, 'clerk');
  assert.equal(ci.json.ticket.appointment_id, 0);
  assert.ok(Math.abs(ci.json.ticket.ready_at_ms - Date.now()) < 10000, 'ready now');

  const gone = (await book(7)).appointment;
  moveSlot(gone.id, -60 * 60e3);  // ended 30 minutes ago: past the 15-minute grace
  assertBilingualError(await post(`/api/v1/appointments/${gone.id}/check-in`, undefined, tok.clerk), 409, 'appointment.no_show');
  const list = await api(url, `/api/v1/appointments?day=${todayTaipei()}`, { token: tok.clerk });
  assert.equal(list.json.appointments.find((x) => x.id === gone.id).status, 'no_show');

  const marked = (await book(8)).appointment;
  assertBilingualError(await post(`/api/v1/appointments/${marked.id}/no-show`, undefined, tok.clerk), 409, 'appointment.not_due');
  moveSlot(marked.id, -20 * 60e3);
  const ns = await post(`/api/v1/appointments/${marked.id}/no-show`, undefined, tok.clerk);
  assert.equal(ns.status, 200, ns.text);
  assert.equal(ns.json.appointment.status, 'no_show');
  const staffCancel = (await book(9)).appointment;
  const c = await post(`/api/v1/appointments/${staffCancel.id}/cancel`, undefined, tok.supervisor);
  assert.equal(c.json.appointment.status, 'cancelled');
  await drain(await counterFor('seal'));
});

test('the fourth no-show suspends booking (409 appointment.suspended)', async () => {
  // Three no-shows do not suspend; the fourth does.
  for (let i = 0; i < 4; i++) {
    const made = await book(10);
    sql(`UPDATE appointments SET status = 'no_show' WHERE id = ${made.appointment.id}`);
  }
  const slot = await bookableSlot('seal');
  const r = await post('/api/v1/appointments', { service: 'seal', ...slot, ...person(10) });
  assertBilingualError(r, 409, 'appointment.suspended');
  assert.match(r.json.error.message_en, /until \d{4}-\d{2}-\d{2}/);
});

test('director meetings (與民有約) in the published slots, one person each', async () => {
  const slot = await bookableSlot('', 'director');
  const made = await post('/api/v1/appointments', { kind: 'director', ...slot, ...person(11), topic: '門牌整編建議' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.appointment.kind, 'director');
  assertBilingualError(await post('/api/v1/appointments', { kind: 'director', ...slot, ...person(12), topic: '其他' }), 409, 'appointment.full');
  assertBilingualError(await post('/api/v1/appointments', { kind: 'director', ...slot, ...person(12) }), 400, 'appointment.topic');
  assertBilingualError(await post(`/api/v1/appointments/${made.json.appointment.id}/check-in`, undefined, tok.clerk), 409, 'appointment.not_counter');
});

test('home visits (到宅服務): requested by the public, at most two visits per case', async () => {
  const body = { ...person(13), address: '臺北市中正區重慶南路一段122號', reason: 'elderly_65_limited_mobility', detail: '換發身分證' };
  assertBilingualError(await post('/api/v1/home-visits', { ...body, reason: 'busy' }), 400, 'home_visit.reason');
  const made = await post('/api/v1/home-visits', body);
  assert.equal(made.status, 201, made.text);
  const h = made.json.home_visit;
  assert.equal(h.status, 'requested');
  const seen = await post('/api/v1/home-visits/lookup', { reference: h.reference, code: made.json.code });
  assert.equal(seen.json.home_visit.address, body.address);
  assertBilingualError(await post('/api/v1/home-visits/lookup', { reference: h.reference, code: 'X' }), 404, 'home_visit.not_found');
  const list = await api(url, '/api/v1/home-visits?status=requested', { token: tok.clerk });
  assert.ok(list.json.home_visits.some((x) => x.id === h.id));
  const step = (action, extra = {}) => post(`/api/v1/home-visits/${h.id}/step`, { action, ...extra }, tok.clerk);
  for (let visit = 1; visit <= 2; visit++) {
    const s = await step('schedule', { at_ms: Date.now() + 86400e3, note: `第 ${visit} 次` });
    assert.equal(s.json.home_visit.status, 'scheduled', s.text);
    const done = await step('complete');
    assert.equal(done.json.home_visit.visits, visit);
  }
  assertBilingualError(await step('schedule', { at_ms: Date.now() + 86400e3 }), 409, 'home_visit.max_visits');
  assertBilingualError(await step('decline'), 409, 'home_visit.not_requested');
});

test('a booking with an e-mail gets its reminder through the SMTP server', async () => {
  const made = await book(14, 'seal', { email: 'citizen@example.test' });
  assert.equal(made.appointment.reminder_status, 'pending');
  sql(`UPDATE appointments SET reminder_due_ms = 0 WHERE id = ${made.appointment.id}`);
  let text = '';
  for (let i = 0; i < 100 && !text; i++) {
    await new Promise((r) => setTimeout(r, 100));
    for (const f of readdirSync(mailDir).filter((x) => x.endsWith('.eml'))) {
      // The subject is UTF-8 in an encoded word (RFC 2047), base64.
      const t = readFileSync(join(mailDir, f), 'utf8');
      const subject = [...t.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('');
      if (subject.includes(made.appointment.reference)) text = `${subject}\n${t}`;
    }
  }
  assert.ok(text, 'the reminder arrived');
  assert.match(text, /citizen@example\.test/);
  const seen = await post('/api/v1/appointments/lookup', { reference: made.appointment.reference, code: made.code });
  assert.equal(seen.json.appointment.reminder_status, 'sent');
});

test('bookings and check-in tickets survive kill -9', async () => {
  const counter = await counterFor('seal');
  await drain(counter);
  const made = await book(15);
  moveSlot(made.appointment.id, -60e3);
  const ci = await post('/api/v1/appointments/check-in', { reference: made.appointment.reference, id_number: idNumber(15) });
  assert.equal(ci.status, 201, ci.text);
  const kept = await book(16);
  const { signal } = await server.stop('SIGKILL');
  assert.equal(signal, 'SIGKILL');
  server = await startHuji(demo.db, smtpArgs);
  url = server.url;
  tok.clerk = await login(url, 'clerk');
  const seen = await post('/api/v1/appointments/lookup', { reference: kept.appointment.reference, code: kept.code });
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.json.appointment.status, 'booked');
  const called = await callNext(counter);
  assert.equal(called.status, 200, called.text);
  assert.equal(called.json.ticket.id, ci.json.ticket.id);
  assert.equal(called.json.ticket.appointment_id, made.appointment.id);
});

test('guessing references and codes is throttled per address (429)', async () => {
  let last;
  for (let i = 0; i < 70; i++) {
    last = await post('/api/v1/appointments/lookup', { reference: `A00000000${i % 10}`, code: 'GUESS000' });
    if (last.status === 429) break;
  }
  assertBilingualError(last, 429, 'appointment.rate_limited');
  assert.ok(Number(last.headers.get('retry-after')) > 0);
});
