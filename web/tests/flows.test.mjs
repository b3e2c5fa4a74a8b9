// Unit tests of the screens' flows (src/flows/) and the routes table, on their TypeScript
// sources: each flow gets a fake Shell and a stand-in for fetch that answers as the API does,
// so what a flow sends, keeps and shows can be checked without a server or a browser.
//
//   npm test

import './ts_hooks.mjs';
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

// No DOM and no storage in Node: i18n writes <html lang>, the household flow names the
// household in the address.
globalThis.document = { documentElement: { lang: '' } };
globalThis.location = { hash: '' };
globalThis.history = { replaceState: (_s, _t, hash) => { globalThis.location.hash = hash; } };

const api = await import('../src/api.ts');
const i18n = await import('../src/i18n.ts');
const { LoginFlow } = await import('../src/flows/login.ts');
const { LookupFlow } = await import('../src/flows/lookup.ts');
const { HouseholdFlow } = await import('../src/flows/household.ts');
const { ReviewFlow } = await import('../src/flows/review.ts');
const myCases = await import('../src/flows/my_cases.ts');
const { purposeText } = await import('../src/purpose.ts');
const routes = await import('../src/routes.ts');
const care = await import('../src/flows/care_lists.ts');
const seals = await import('../src/flows/seals.ts');

const kToken = 'token-1';
const kPerson = {
  person: { id_number: 'A123456789', name: '王小明', sex: 'M' },
  household: { household_no: 'F1234567', members: [] }, events: [],
};

// What fetch was asked, and the answers it gives in turn (a path prefix → status and body).
let requests = [];
let answers = [];
globalThis.fetch = async (url, init = {}) => {
  const u = new URL(url, 'http://huji.test');
  requests.push({ method: init.method ?? 'GET', path: u.pathname, query: u.searchParams,
    headers: init.headers ?? {}, body: init.body ? JSON.parse(init.body) : undefined });
  const i = answers.findIndex((a) => u.pathname.startsWith(a.path));
  if (i < 0) throw new TypeError(`no answer for ${u.pathname}`);
  const [a] = answers.splice(i, 1);
  return new Response(a.status === 204 ? null : JSON.stringify(a.body), { status: a.status });
};
const answer = (path, status, body) => answers.push({ path, status, body });
const serverError = (code, zh, en) => ({ error: { code, message_zh: zh, message_en: en } });

// The Shell as App implements it, recording what the flow asked of it.
function fakeShell({ signedIn = true } = {}) {
  const shell = {
    session: signedIn ? { token: kToken, user: { role: 'clerk' } } : null,
    get token() { return this.session?.token ?? ''; },
    role: 'clerk',
    shown: [],
    announced: [],
    calls: [],
    show(id) { this.shown.push(id); },
    announce(text) {
      this.announced.push(text);
      for (const w of this.waiting.filter((x) => x.text === text)) w.resolve();
    },
    waiting: [],
    // Resolves when the flow announces this text (the end of its asynchronous work).
    announcement(text) {
      return new Promise((resolve) => this.waiting.push({ text, resolve }));
    },
    sessionLost(err) {
      const lost = err instanceof api.ApiError && err.status === 401;
      if (lost) this.calls.push(['sessionLost']);
      return lost;
    },
    signedIn(session) { this.calls.push(['signedIn', session]); },
    lookupFrom(id, purpose) { this.calls.push(['lookupFrom', id, purpose]); return Promise.resolve(); },
    openHousehold(no, purpose) { this.calls.push(['openHousehold', no, purpose]); },
    navItems: () => [],
    switchLanguage() {},
    logout: () => Promise.resolve(),
  };
  return shell;
}

beforeEach(() => {
  requests = [];
  answers = [];
  i18n.setLang('zh');
});

test('purpose: the server is sent the Chinese wording in either language', () => {
  for (const l of ['zh', 'en']) {
    i18n.setLang(l);
    assert.equal(purposeText({ purpose: 'application', other: '' }), '受理申請');
    assert.equal(purposeText({ purpose: 'other', other: '法院函查' }), '其他：法院函查');
  }
});

test('lookup: an invalid number and a missing purpose are explained without a request', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.idNumber = ' a123456788 ';
  await s.submit();
  assert.deepEqual(s.errors.map((e) => [e.field, e.msg.key]),
    [['id-number', 'id.checksum'], ['purpose', 'lookup.purpose_required']]);
  assert.equal(s.idNumber, 'A123456788', 'the number is shown normalized');
  assert.deepEqual(shell.shown, ['error-summary']);
  assert.equal(requests.length, 0);

  s.idNumber = 'A123456789';
  s.choice = { purpose: 'other', other: '   ' };
  await s.submit();
  assert.deepEqual(s.errors.map((e) => e.field), ['purpose-other']);
  assert.equal(requests.length, 0);
});

test('lookup: the person is read with the purpose, which is kept with the result', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.idNumber = 'A123456789';
  s.choice = { purpose: 'other', other: ' 法院函查 ' };
  answer('/api/v1/persons/', 200, kPerson);
  i18n.setLang('en');
  await s.submit();
  assert.equal(requests.length, 1);
  assert.equal(requests[0].path, '/api/v1/persons/A123456789');
  assert.equal(requests[0].query.get('purpose'), '其他：法院函查');
  assert.equal(requests[0].headers.Authorization, `Bearer ${kToken}`);
  assert.equal(s.result.person.name, '王小明');
  assert.deepEqual(s.resultPurpose, { purpose: 'other', other: '法院函查' });
  assert.deepEqual(shell.shown, ['result-title']);
  assert.match(shell.announced.at(-1), /王小明/);
  assert.equal(s.busy, false);

  // A relative with the same purpose; the household with the purpose of this lookup.
  answer('/api/v1/persons/', 200, kPerson);
  await s.lookupRelated('F226813578');
  assert.equal(requests[1].path, '/api/v1/persons/F226813578');
  assert.equal(requests[1].query.get('purpose'), '其他：法院函查');
  s.openHousehold('F1234567');
  assert.deepEqual(shell.calls.at(-1), ['openHousehold', 'F1234567', { purpose: 'other', other: '法院函查' }]);
});

test('search: by name with birth date and household, the purpose sent; a pick looks the person up', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.setMode('name');
  await s.submit();
  assert.equal(requests.length, 0, 'no request without a name and a purpose');
  assert.deepEqual(s.errors.map((e) => e.field), ['search-name', 'purpose']);

  s.name = ' 王小明 ';
  s.birthDate = '79/01/02';
  s.householdNo = 'F1234567';
  s.choice = { purpose: 'application', other: '' };
  const match = { ...kPerson.person, birth_date: '1990-01-02', status: 'active', household_no: 'F1234567' };
  answer('/api/v1/persons', 200, { persons: [match], truncated: false });
  await s.submit();
  assert.equal(requests[0].path, '/api/v1/persons');
  assert.equal(requests[0].query.get('name'), '王小明');
  assert.equal(requests[0].query.get('birth_date'), '1990-01-02');
  assert.equal(requests[0].query.get('household_no'), 'F1234567');
  assert.equal(requests[0].query.get('purpose'), '受理申請');
  assert.deepEqual(s.persons, [match]);
  assert.equal(shell.shown.at(-1), 'matches-title');

  answer('/api/v1/persons/', 200, kPerson);
  await s.lookupRelated('A123456789');
  assert.equal(requests[1].path, '/api/v1/persons/A123456789');
  assert.equal(requests[1].query.get('purpose'), '受理申請');
  assert.equal(s.result.person.name, '王小明');
  assert.equal(s.persons, null);
});

test('search: by address, the door plates listed; a household opened with the purpose', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.setMode('address');
  s.address = '台北市文山區興隆路三段10號';
  s.choice = { purpose: 'verification', other: '' };
  const plate = { id: 3, address: '臺北市文山區興隆路三段10號', office_code: '63000080', abolished: false, household_nos: ['F1234567'] };
  answer('/api/v1/door-plates', 200, { door_plates: [plate], truncated: false });
  await s.submit();
  assert.equal(requests[0].query.get('address'), '台北市文山區興隆路三段10號');
  assert.deepEqual(s.plates, [plate]);
  s.openHousehold('F1234567');
  assert.deepEqual(shell.calls.at(-1), ['openHousehold', 'F1234567', { purpose: 'verification', other: '' }]);

  answer('/api/v1/door-plates', 422, serverError('address.county', '地址錯誤', 'invalid address'));
  s.address = 'abc';
  await s.submit();
  assert.equal(s.errors[0].field, 'search-address');
  assert.equal(shell.shown.at(-1), 'error-summary');
});

test('lookup: the server\'s refusal is shown in its words; an ID number error also at the field', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.idNumber = 'A123456789';
  s.choice = { purpose: 'verification', other: '' };
  answer('/api/v1/persons/', 404, serverError('person.not_found', '查無此人', 'no one with ID number A123456789'));
  await s.submit();
  assert.equal(requests[0].query.get('purpose'), '戶籍資料核對');
  assert.equal(s.result, null);
  assert.equal(s.failure.server.code, 'person.not_found');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(shell.shown, ['error-summary']);

  answer('/api/v1/persons/', 422, serverError('id_number.checksum', '檢查碼錯誤', 'check digit'));
  await s.submit();
  assert.deepEqual(s.errors.map((e) => [e.field, e.msg.server.code]), [['id-number', 'id_number.checksum']]);
});

test('lookup: a 401 hands over to the shell (back to sign-in)', async () => {
  const shell = fakeShell();
  const s = new LookupFlow(shell);
  s.idNumber = 'A123456789';
  s.choice = { purpose: 'application', other: '' };
  answer('/api/v1/persons/', 401, serverError('auth.required', '請重新登入', 'Sign in again'));
  await s.submit();
  assert.deepEqual(shell.calls, [['sessionLost']]);
  assert.deepEqual(shell.shown, [], 'the flow shows nothing itself');

  const signedOut = new LookupFlow(fakeShell({ signedIn: false }));
  signedOut.idNumber = 'A123456789';
  await signedOut.submit();
  assert.equal(requests.length, 1, 'no request without a session');
});

test('household: opened from a lookup it is read at once, then each member\'s 記事 with the same purpose', async () => {
  const shell = fakeShell();
  const s = new HouseholdFlow(shell);
  const members = [{ id_number: 'A123456789', name: '王小明' }, { id_number: 'F226813578', name: '王小華' }];
  answer('/api/v1/households/', 200, { household: { household_no: 'F1234567', head_id_number: 'A123456789', members } });
  answer('/api/v1/persons/A123456789', 200, { ...kPerson, events: [{ text_zh: '出生' }] });
  answer('/api/v1/persons/F226813578', 403, serverError('auth.forbidden', '無權', 'Not allowed'));
  const loaded = shell.announcement(i18n.t('hh.events_loaded'));
  s.prepare('f1234567', { purpose: 'audit', other: '' });
  s.enter('f1234567');
  await loaded;
  assert.deepEqual(requests.map((r) => [r.path, r.query.get('purpose')]), [
    ['/api/v1/households/F1234567', '稽核'],
    ['/api/v1/persons/A123456789', '稽核'],
    ['/api/v1/persons/F226813578', '稽核'],
  ]);
  assert.equal(location.hash, '#/household/F1234567', 'the address names the household shown');
  assert.deepEqual(s.memberEvents.get('A123456789'), [{ text_zh: '出生' }]);
  assert.equal(s.memberEvents.get('F226813578').server.code, 'auth.forbidden');
  assert.equal(shell.shown[0], 'result-title');

  await s.lookUp('F226813578');
  assert.deepEqual(shell.calls.at(-1), ['lookupFrom', 'F226813578', { purpose: 'audit', other: '' }]);
});

test('household: the number and the purpose are checked before a request', async () => {
  const shell = fakeShell();
  const s = new HouseholdFlow(shell);
  s.enter('');
  s.no = 'F12';
  await s.submit();
  assert.deepEqual(s.errors.map((e) => [e.field, e.msg.key]),
    [['household-no', 'register.household_no_invalid'], ['purpose', 'lookup.purpose_required']]);
  s.no = '';
  s.choice = { purpose: 'application', other: '' };
  await s.submit();
  assert.deepEqual(s.errors.map((e) => e.msg.key), ['hh.no_required']);
  assert.equal(requests.length, 0);
});

test('login: missing entries, a refusal (password cleared), and a session handed to the shell', async () => {
  const shell = fakeShell({ signedIn: false });
  const s = new LoginFlow(shell);
  s.notice = 'notice.logged_out';
  await s.submit();
  assert.deepEqual(s.errors.map((e) => e.field), ['username', 'password']);
  assert.equal(requests.length, 0);
  assert.equal(s.notice, 'notice.logged_out', 'kept until a real attempt');

  s.username = ' clerk ';
  s.password = 'wrong';
  answer('/api/v1/auth/login', 401, serverError('auth.invalid_credentials', '帳號或密碼錯誤', 'Incorrect username or password'));
  await s.submit();
  assert.deepEqual(requests[0].body, { username: 'clerk', password: 'wrong' });
  assert.equal(s.failure.server.message_en, 'Incorrect username or password');
  assert.equal(s.password, '');
  assert.equal(s.notice, null);
  assert.deepEqual(shell.shown, ['error-summary', 'error-summary']);
  assert.deepEqual(shell.calls, [], 'a wrong password is no lost session');

  const session = { token: 't', expires_at: '2099-01-01T00:00:00Z', user: { role: 'clerk' } };
  s.password = 'clerk-demo-pass';
  answer('/api/v1/auth/login', 200, session);
  await s.submit();
  assert.deepEqual(shell.calls, [['signedIn', session]]);
});

test('login: a one-time code when the server asks for one; throttling shows the server words', async () => {
  const shell = fakeShell({ signedIn: false });
  const s = new LoginFlow(shell);
  s.username = 'chief';
  s.password = 'right password here';
  answer('/api/v1/auth/login', 401, serverError('auth.otp_required', '請輸入驗證器上的 6 位數一次性密碼', 'enter the 6-digit one-time code from your authenticator'));
  await s.submit();
  assert.deepEqual(requests[0].body, { username: 'chief', password: 'right password here' });
  assert.equal(s.otpNeeded, true);
  assert.equal(s.password, 'right password here', 'kept: it was right');
  await s.submit();
  assert.deepEqual(s.errors.map((e) => [e.field, e.msg.key]), [['otp', 'login.otp_required']]);
  assert.equal(requests.length, 1);

  s.otp = '123456';
  answer('/api/v1/auth/login', 429, serverError('auth.throttled', '登入失敗次數過多，請 4 秒後再試', 'too many failed logins; try again in 4 seconds'));
  await s.submit();
  assert.deepEqual(requests[1].body, { username: 'chief', password: 'right password here', otp: '123456' });
  assert.equal(s.failure.server.code, 'auth.throttled');
  assert.equal(s.password, '');
  assert.equal(s.otp, '');
});

test('review: a late approval needs a fine in the range, or 0 with a good cause', () => {
  const s = new ReviewFlow(fakeShell());
  const late = { days_late: 12, proposed_fine: { min: 300, max: 900 } };
  const codes = () => s.validate(late).map((e) => [e.field, e.msg.key]);
  assert.deepEqual(codes(), [['decision-approve', 'review.decision_required']]);
  s.decision = 'approve';
  assert.deepEqual(codes(), [['review-fine', 'review.fine_required']]);
  s.fine = '12.5';
  assert.deepEqual(codes(), [['review-fine', 'review.fine_number']]);
  s.fine = '1000';
  assert.deepEqual(codes(), [['review-fine', 'review.fine_range']]);
  s.fine = '0';
  assert.deepEqual(codes(), [['review-note', 'review.good_cause_required']]);
  s.note = '天災';
  assert.deepEqual(codes(), []);
  s.fine = '300';
  assert.deepEqual(s.validate({ ...late, days_late: 0 }), []);
  s.decision = 'reject';
  s.note = ' ';
  assert.deepEqual(codes(), [['review-note', 'review.note_required']]);
});

test('my cases: the server\'s status in the counter\'s words, and documents checked before sending', () => {
  assert.equal(myCases.caseState({ status: 'pending_review', revoked_by: null }), 'sent');
  assert.equal(myCases.caseState({ status: 'rejected', revoked_by: null }), 'needs_changes');
  assert.equal(myCases.caseState({ status: 'registered', revoked_by: null }), 'registered');
  assert.equal(myCases.caseState({ status: 'registered', revoked_by: 9 }), 'revoked');
  assert.equal(myCases.documentProblem(null).key, 'cases.upload_choose');
  assert.equal(myCases.documentProblem({ size: 10, type: 'text/plain' }).key, 'cases.upload_type');
  assert.equal(myCases.documentProblem({ size: 0, type: 'application/pdf' }).key, 'cases.upload_size');
  assert.equal(myCases.documentProblem({ size: 6 * 1024 * 1024, type: 'image/png' }).key, 'cases.upload_size');
  assert.equal(myCases.documentProblem({ size: 1000, type: 'image/jpeg' }), null);
});

test('my cases: the list asks for the reader\'s own cases by state, and the next page below the last', async () => {
  const shell = fakeShell();
  const flow = new myCases.MyCasesFlow(shell);
  const row = (id) => ({ id, status: 'rejected', revoked_by: null });
  answer('/api/v1/registrations', 200, { applications: [row(9), row(8)], next_before: 8 });
  flow.filter = 'rejected';
  await flow.load();
  assert.equal(requests[0].query.get('mine'), 'true');
  assert.equal(requests[0].query.get('status'), 'rejected');
  assert.equal(requests[0].query.get('before'), null);
  answer('/api/v1/registrations', 200, { applications: [row(5)], next_before: null });
  await flow.load(true);
  assert.equal(requests[1].query.get('before'), '8');
  assert.deepEqual(flow.items.map((a) => a.id), [9, 8, 5]);
  assert.equal(flow.nextBefore, null);
  assert.equal(shell.shown.at(-1), 'case-link-5', 'focus goes to the first row loaded');
});

test('routes: addresses, roles and the navigation come from the one table', () => {
  assert.deepEqual(routes.parseHash('#/household/F1234567'), { route: 'household', param: 'F1234567' });
  assert.deepEqual(routes.parseHash('#/review/7'), { route: 'review', param: '' });
  assert.deepEqual(routes.parseHash('#/my-cases/12'), { route: 'my-cases', param: '12' });
  assert.deepEqual(routes.parseHash('#/nowhere'), { route: 'lookup', param: '' });
  assert.deepEqual(routes.parseHash('#/care-lists'), { route: 'care-lists', param: '' });
  assert.deepEqual(routes.parseHash('#/inbound'), { route: 'inbound', param: '' });
  assert.deepEqual(routes.parseHash('#/queue-admin'), { route: 'queue-admin', param: '' });
  assert.deepEqual(routes.parseHash('#/notification-kpi'), { route: 'notification-kpi', param: '' });
  assert.deepEqual(routes.parseHash('#/counter'), { route: 'counter', param: '' });
  assert.deepEqual(routes.parseHash('#/queue-supervisor'), { route: 'queue-supervisor', param: '' });
  assert.deepEqual(routes.parseHash('#/id-cards/stock'), { route: 'id-cards', param: 'stock' });
  assert.deepEqual(routes.parseHash(''), { route: 'lookup', param: '' });
  assert.equal(routes.hashOf({ route: 'household', param: '' }), '#/household/');
  assert.equal(routes.hashOf({ route: 'sampling', param: '' }), '#/sampling');
  const nav = (role) => routes.kRoutes.filter((r) => r.nav && routes.routeAllowed(r.name, role)).map((r) => r.name);
  assert.deepEqual(nav('clerk'), ['lookup', 'household', 'register', 'my-cases', 'nationality', 'transcripts', 'seals', 'reminders', 'appointments', 'cashier', 'receipts', 'daily-close', 'id-cards', 'care-lists', 'inbound', 'counter', 'fees']);
  assert.deepEqual(nav('supervisor'), ['lookup', 'household', 'register', 'my-cases', 'review', 'sampling', 'nationality', 'transcripts', 'seals', 'reminders', 'appointments', 'cashier', 'receipts', 'daily-close', 'queue-admin', 'notifications', 'id-cards', 'care-lists', 'inbound', 'notification-kpi', 'rules', 'counter', 'queue-supervisor', 'fees']);
  assert.deepEqual(nav('auditor'), ['audit', 'samples', 'notification-kpi']);
  assert.equal(routes.landingRoute('auditor'), 'audit');
  // A system administrator reads no personal data: no lookup; lands on the staff accounts.
  assert.deepEqual(nav('admin'), ['users', 'calendar', 'offices', 'queue-admin', 'notifications', 'agencies', 'notification-kpi', 'rules', 'queue-supervisor', 'fees']);
  assert.equal(routes.landingRoute('admin'), 'users');
  assert.equal(routes.landingRoute('clerk'), 'lookup');
  assert.equal(routes.landingRoute('supervisor'), 'lookup');
  assert.equal(routes.routeAllowed('login', undefined), true);
  assert.equal(routes.routeAllowed('lookup', undefined), false);
  // Each role lands on the first screen it may use, never on a refusal.
  assert.equal(routes.landingRoute('clerk'), 'lookup');
  assert.equal(routes.landingRoute('auditor'), 'audit');
  assert.equal(routes.routeAllowed('lookup', 'auditor'), false);
  assert.deepEqual(routes.parseHash('#/audit/day'), { route: 'audit', param: 'day' });
  assert.deepEqual(routes.parseHash('#/samples/3'), { route: 'samples', param: '3' });
  for (const r of routes.kRoutes) {
    assert.ok(i18n.t(r.title) !== r.title, `${r.name}: title ${r.title} is in the i18n table`);
    if (r.nav) assert.ok(i18n.t(r.nav) !== r.nav, `${r.name}: nav ${r.nav} is in the i18n table`);
  }
});

// Drafts (drafts.ts) in a stand-in for the tab's sessionStorage.
function memoryStorage() {
  const m = new Map();
  return {
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
  };
}

test('register: each step has its address; a draft comes back only to its user, as a draft', async () => {
  const { RegisterFlow, registerHash } = await import('../src/flows/register.ts');
  const drafts = await import('../src/drafts.ts');
  assert.equal(registerHash('', 'choose'), '#/register');
  assert.equal(registerHash('move_in', 'form'), '#/register/move_in');
  assert.equal(registerHash('move_in', 'check'), '#/register/move_in/check');
  assert.deepEqual(routes.parseHash('#/register/move_in/check'), { route: 'register', param: 'move_in/check' });
  assert.equal(routes.hashOf({ route: 'register', param: 'move_in/check' }), '#/register/move_in/check');
  assert.equal(routes.hashOf({ route: 'register', param: '' }), '#/register');

  globalThis.sessionStorage = memoryStorage();
  try {
    const shellOf = (username) => {
      const shell = fakeShell();
      shell.session = { token: kToken, user: { role: 'clerk', username } };
      shell.navigate = (hash, focus) => shell.calls.push(['navigate', hash, focus]);
      return shell;
    };
    answer('/api/v1/registrations/applicant-capacities', 200, { capacities: [] });
    const a = new RegisterFlow(shellOf('clerk'));
    a.enter('');
    a.choose('death');
    a.continueToForm();
    assert.equal(a.step, 'form');
    a.eventDate = '1151201';
    a.subjectId = 'A123456789';
    a.saveDraft();

    // Another clerk at the same PC: nothing.
    const b = new RegisterFlow(shellOf('clerk2'));
    b.enter('death');
    assert.equal(b.restored, false);
    assert.equal(b.subjectId, '');

    // The same clerk after signing in again: the draft, restored but not yet confirmed.
    answer('/api/v1/registrations/applicant-capacities', 200, { capacities: [] });
    const shell = shellOf('clerk');
    const c = new RegisterFlow(shell);
    c.enter('death/check');
    assert.equal(c.restored, true);
    assert.equal(c.type, 'death');
    assert.deepEqual([c.eventDate, c.subjectId], ['1151201', 'A123456789']);
    c.useDraft();
    assert.equal(c.restored, false);
    assert.deepEqual(shell.calls.at(-1), ['navigate', '#/register/death', 'form-title']);
    c.discardDraft();
    assert.equal(drafts.loadDraft('register', 'clerk'), null, 'discarded');

    // A draft from yesterday is dropped unread.
    drafts.saveDraft('register', 'clerk', { type: 'death' }, Date.now() - 86400e3 * 1.5);
    assert.equal(drafts.loadDraft('register', 'clerk'), null);
    drafts.saveDraft('register', 'clerk', { type: 'death' });
    drafts.saveDraft('register', 'clerk2', { type: 'birth' });
    drafts.clearDraftsOf('clerk');
    assert.equal(drafts.loadDraft('register', 'clerk'), null, 'signing out clears the user\'s drafts');
    assert.equal(drafts.loadDraft('register', 'clerk2')?.data.type, 'birth', 'and no one else\'s');
  } finally {
    delete globalThis.sessionStorage;
  }
});

// Issue 17 item 8: the type search takes the first match; an ID number typed is confirmed by a
// summary lookup with the purpose 受理申請; 戶長 fills the applicant from the subject's household;
// the new head is asked for only when the subject is the head.
test('register: type search, ID numbers confirmed, 戶長 filled from the register', async () => {
  const { RegisterFlow } = await import('../src/flows/register.ts');
  const shell = fakeShell();
  shell.session = { token: kToken, user: { role: 'clerk', username: 'clerk' } };
  shell.navigate = (hash, focus) => shell.calls.push(['navigate', hash, focus]);
  globalThis.sessionStorage = memoryStorage();
  try {
    const s = new RegisterFlow(shell);
    s.enter('');
    s.searchTypes('nothing-like-it');
    s.chooseFirstMatch();
    assert.deepEqual(s.chooseError, { key: 'register.type_not_found' });
    answer('/api/v1/registrations/applicant-capacities', 200, { capacities: [] });
    s.searchTypes('02');
    s.chooseFirstMatch();
    assert.equal(s.type, 'death');
    assert.deepEqual(shell.calls.at(-1), ['navigate', '#/register/death', 'form-title']);
    assert.ok(s.visibleFields(s.spec).some((f) => f.key === 'new_head_id'), 'not known yet: asked for');

    requests = [];
    answer('/api/v1/persons/', 200, { view: 'summary', person: {
      id_number: 'A123456789', name: '王小明', sex: 'M', birth_date: '1990-03-02', status: 'active',
      household_no: 'F1234567', relation: '長子' } });
    s.subjectId = 'A123456789';
    s.confirm('subject-id', 'a123456789');
    s.confirm('subject-id', 'A123456789');  // the same number: asked once
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(requests.length, 1);
    assert.equal(requests[0].query.get('view'), 'summary');
    assert.equal(requests[0].query.get('purpose'), purposeText({ purpose: 'application', other: '' }));
    assert.equal(s.confirmations['subject-id'].name, '王小明');
    assert.ok(!s.visibleFields(s.spec).some((f) => f.key === 'new_head_id'), 'not the head: not asked for');

    answer('/api/v1/households/', 200, { household: { household_no: 'F1234567', head_id_number: 'B120000003',
      members: [{ id_number: 'B120000003', name: '王大明', relation: '戶長', birth_date: '1960-01-01', status: 'active' }] } });
    await s.chooseRelation('head');
    assert.deepEqual([s.applicant.name, s.applicant.idNumber], ['王大明', 'B120000003']);
    assert.equal(s.confirmations['applicant-id'].name, '王大明');
    assert.equal(requests.at(-1).path, '/api/v1/households/F1234567');

    // 本人: the subject, with no further lookup.
    const asked = requests.length;
    await s.chooseRelation('self');
    assert.deepEqual([s.applicant.name, s.applicant.idNumber], ['王小明', 'A123456789']);
    assert.equal(requests.length, asked);

    // A number no one has.
    answer('/api/v1/persons/', 404, serverError('person.not_found', '查無此人', 'not found'));
    s.confirm('applicant-id', 'F131104093');
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(s.confirmations['applicant-id'].state, 'not_found');
  } finally {
    delete globalThis.sessionStorage;
  }
});

test('audit: each question sends its filters; mistakes are named before asking', async () => {
  const { auditParams, checkFilters, emptyFilters } = await import('../src/flows/audit.ts');
  const person = { ...emptyFilters('person', '2026-12-04'), subject: ' a123456789 ', refused: true,
    purpose: '受理申請', action: 'person.read' };
  assert.equal(auditParams(person).toString(),
    new URLSearchParams({ subject: 'A123456789', action: 'person.read', purpose: '受理申請',
      outcome: 'denied', limit: '50' }).toString());
  const user = { ...emptyFilters('user', '2026-12-04'), user: 'clerk', from: '2026-12-01' };
  assert.equal(auditParams(user, 99).toString(),
    'user=clerk&from=2026-12-01&to=2026-12-04&limit=50&before=99');
  assert.equal(auditParams(emptyFilters('day', '2026-12-04')).toString(), 'day=2026-12-04&limit=50');
  const codes = (f) => checkFilters(f, '2026-12-04').map((e) => [e.field, e.msg.key]);
  assert.deepEqual(codes(emptyFilters('person', '2026-12-04')), [['audit-subject', 'audit.subject_required']]);
  assert.deepEqual(codes({ ...user, from: '2026-12-05', to: '2026-12-03' }),
    [['audit-from', 'register.date_future'], ['audit-to', 'audit.range_invalid']]);
  assert.deepEqual(codes({ ...emptyFilters('day', '2026-12-04'), day: '115/02/30' }),
    [['audit-day', 'date.day']]);
  assert.equal(auditParams({ ...emptyFilters('day', '2026-12-04'), day: '1151203' }).get('day'), '2026-12-03');
});

test('audit sample: a finding is chosen, and 需說明 or 違規 says why', async () => {
  const { checkFinding } = await import('../src/flows/audit_samples.ts');
  const f = (finding, note = '') => checkFinding({ finding, note, errors: [], failure: null, busy: false }, 7)
    .map((e) => [e.field, e.msg.key]);
  assert.deepEqual(f(''), [['finding-7-normal', 'samples.finding_required']]);
  assert.deepEqual(f('normal'), []);
  assert.deepEqual(f('violation', '  '), [['finding-7-note', 'samples.note_required']]);
  assert.deepEqual(f('explain', '請說明'), []);
});

test('audit entries read in words, never in codes', async () => {
  const { actionText, outcomeText } = await import('../src/components/audit_entry.ts');
  i18n.setLang('zh');
  assert.equal(actionText('person.read'), '查詢個人戶籍資料');
  assert.equal(actionText('nationality.open'), '國籍案件作業');
  assert.equal(actionText('something.new'), '其他作業');
  assert.equal(outcomeText('denied'), '拒絕（無權限）');
  assert.equal(outcomeText('otp_failed'), '未完成');
});

test('care lists: a notification needs its date, agency and channel; a correction or withdrawal its reason', () => {
  const form = { sentOn: '2026-12-02', agency: '臺北市政府社會局', channel: 'official_letter', reference: '', reason: '' };
  assert.deepEqual(care.checkCareForm('record', form), { errors: [], sentOn: '2026-12-02' });
  assert.equal(care.checkCareForm('record', { ...form, sentOn: '115/12/02' }).sentOn, '2026-12-02', 'as the register writes it');
  const fields = (mode, f) => care.checkCareForm(mode, f).errors.map((e) => e.field);
  assert.deepEqual(fields('record', { ...form, sentOn: '', agency: ' ', channel: '' }),
    ['care-sent-on', 'care-agency', 'care-channel']);
  assert.deepEqual(fields('record', { ...form, sentOn: '2999-01-01' }), ['care-sent-on'], 'not after today');
  assert.deepEqual(fields('correct', form), ['care-reason']);
  assert.deepEqual(fields('withdraw', { ...form, sentOn: '', agency: '' }), ['care-reason']);
  assert.ok(care.isMonth('2026-11'));
  for (const bad of ['2026-13', '2026-1', '', '2026-11-01']) assert.ok(!care.isMonth(bad), bad);
});

test('seals: the forms refuse a missing or non-PNG file and an agent without name or ID; the applicant sent', () => {
  const png = { type: 'image/png' };
  const self = { kind: 'self', name: '', idNumber: '' };
  const fields = (errs) => errs.map((e) => e.field);
  assert.deepEqual(fields(seals.checkSealForm('register', null, self, '')), ['seal-file']);
  assert.deepEqual(fields(seals.checkSealForm('compare', { type: 'image/jpeg' }, self, '')), ['seal-file']);
  assert.deepEqual(fields(seals.checkSealForm('register', png, { kind: 'agent', name: ' ', idNumber: '' }, '')),
    ['seal-agent-name', 'seal-agent-id']);
  assert.deepEqual(fields(seals.checkSealForm('abolish', null, self, '')), []);
  assert.deepEqual(fields(seals.checkSealForm('abolish', null, self, 'x'.repeat(201))), ['seal-reason']);
  assert.deepEqual(seals.applicantOf(self), { kind: 'self' });
  assert.deepEqual(seals.applicantOf({ kind: 'agent', name: ' 王大明 ', idNumber: 'A123456789' }),
    { kind: 'agent', name: '王大明', id_number: 'A123456789' });
});

test('cashier: amounts typed at the counter', async () => {
  const { amountOf } = await import('../src/flows/cashier.ts');
  assert.equal(amountOf('1,000'), 1000);
  assert.equal(amountOf('１００'), 100);
  assert.equal(amountOf('12.5'), null);
  assert.equal(amountOf(''), null);
});

// ---- 跨機關通報: the consent checklist's state (flows/consent.ts) and the agencies' secret ----

const consent = await import('../src/flows/consent.ts');
const agencies = await import('../src/flows/agencies.ts');

const kAgency = (code, types, active = true) => ({ code, name_zh: code, name_en: code, active, types });

test('consent: the receivers of a type, a required choice, and the request\'s part', async () => {
  requests = [];
  answers = [];
  const c = new consent.ConsentChoice();
  answer('/api/v1/agencies', 200, { agencies: [kAgency('land', ['name_change']), kAgency('tax', ['name_change', 'marriage']),
    kAgency('nhi', ['name_change'], false)] });
  let redrawn = 0;
  await c.load(kToken, () => { redrawn += 1; });
  await c.load(kToken, () => { redrawn += 1; });
  assert.equal(redrawn, 1, 'the agencies are read once');
  assert.deepEqual(c.receivers('name_change').map((a) => a.code), ['land', 'tax'], 'a disabled agency is not offered');
  assert.equal(c.notifiable('divorce'), false);
  assert.equal(c.missing('divorce'), false, 'a type no agency receives needs no choice');
  assert.deepEqual(c.fields('divorce'), {});
  assert.equal(c.missing('name_change'), true);

  c.toggle('tax', true);
  c.setElsewhere('land', 'office');
  assert.equal(c.missing('name_change'), false);
  assert.deepEqual(c.fields('name_change'), { notify: ['tax'], notify_elsewhere: [{ agency: 'land', channel: 'office' }] });
  assert.deepEqual(c.fields('marriage'), { notify: ['tax'] }, 'only the agencies that receive the type');
  // Declining clears the ticks; a tick clears declining; another way replaces the tick.
  c.setDeclined(true);
  assert.deepEqual(c.fields('name_change'), { notify_declined: true });
  c.toggle('land', true);
  assert.equal(c.declined, false);
  c.setElsewhere('land', 'other');
  assert.deepEqual(c.fields('name_change'), { notify: [], notify_elsewhere: [{ agency: 'land', channel: 'other' }] });
});

test('consent: the citizen\'s last choice pre-ticks, once, and never over the clerk\'s own', async () => {
  requests = [];
  answers = [];
  const c = new consent.ConsentChoice();
  answer('/api/v1/agencies', 200, { agencies: [kAgency('land', ['name_change']), kAgency('tax', ['name_change'])] });
  await c.load(kToken, () => {});
  answer('/api/v1/persons/A123456789/notify-defaults', 200, { consents: [
    { agency: 'tax', channel: 'system', recorded_by: 'clerk', recorded_ms: 1 },
    { agency: 'land', channel: 'office', recorded_by: 'clerk', recorded_ms: 1 },
    { agency: 'gone', channel: 'system', recorded_by: 'clerk', recorded_ms: 1 }] });
  assert.equal(await c.defaults(kToken, 'A123456789', 'name_change'), true);
  assert.equal(c.defaultsOf, 'A123456789');
  assert.deepEqual([...c.notify], ['tax'], 'an agency no longer offered is not ticked');
  assert.deepEqual(c.elsewhere, { land: 'office' });
  assert.equal(await c.defaults(kToken, 'A123456789', 'name_change'), false, 'asked once per person');
  // Another person typed instead, with no earlier choice: nothing of the first stays ticked.
  const other = new consent.ConsentChoice();
  other.agencies = c.agencies;
  answer('/api/v1/persons/A123456789/notify-defaults', 200, { consents: [{ agency: 'tax', channel: 'system' }] });
  await other.defaults(kToken, 'A123456789', 'name_change');
  answer('/api/v1/persons/B123456780/notify-defaults', 200, { consents: [] });
  assert.equal(await other.defaults(kToken, 'B123456780', 'name_change'), true);
  assert.deepEqual([...other.notify], []);
  assert.equal(other.defaultsOf, null);
  c.toggle('tax', false);
  assert.equal(c.defaultsOf, null, 'changed by the clerk: no longer the last choice');
  assert.equal(await c.defaults(kToken, 'B123456780', 'name_change'), false, 'the clerk\'s choice stands');
  assert.equal(requests.filter((r) => r.path === '/api/v1/persons/A123456789/notify-defaults').length, 2,
    'once for each of the two choices');
  c.reset();
  assert.equal(c.touched, false);
  assert.equal(c.missing('name_change'), true);
  // A draft read back: its choice stands; an empty one leaves room for the last choice.
  c.restore({ notify: [], declined: false, elsewhere: {} });
  assert.equal(c.touched, false);
  c.restore({ notify: ['land'], declined: false, elsewhere: {} });
  assert.equal(c.touched, true);
  assert.deepEqual(c.fields('name_change'), { notify: ['land'] });
});

test('agencies: a generated secret is whsec_ and the base64 of 32 random bytes', () => {
  const a = agencies.generateSecret();
  const b = agencies.generateSecret();
  assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.equal(Buffer.from(a.slice(6), 'base64').length, 32);
  assert.notEqual(a, b);
});

test('the delivery board: dead letters first, the next page by before, replay and retry', async () => {
  requests = [];
  answers = [];
  const { NotificationsFlow } = await import('../src/flows/notifications.ts');
  const shell = fakeShell();
  const board = new NotificationsFlow(shell);
  const row = (id, status) => ({ id, registration_id: 7, agency: 'tax', kind: 'registration', status, attempts: 3,
    created_ms: 1, next_attempt_ms: null, delivered_at_ms: null, last_http_status: 503, last_error: 'down' });
  answer('/api/v1/agencies', 200, { agencies: [kAgency('tax', ['name_change'])] });
  answer('/api/v1/notifications', 200, { notifications: Array.from({ length: 50 }, (_, i) => row(200 - i, 'dead')) });
  await board.enter();
  const first = requests.find((r) => r.path === '/api/v1/notifications');
  assert.equal(first.query.get('status'), 'dead');
  assert.equal(first.query.get('limit'), '50');
  assert.equal(first.query.get('before'), null);
  assert.equal(board.more, true, 'a full page: another may follow');
  answer('/api/v1/notifications', 200, { notifications: [row(150, 'dead')] });
  await board.load(true);
  assert.equal(requests.at(-1).query.get('before'), '151', 'the next page starts below the last id shown');
  assert.equal(board.items.length, 51);
  assert.equal(board.more, false);
  assert.equal(shell.shown.at(-1), 'notification-150', 'focus on the first row of the new page');

  answer('/api/v1/notifications/150/replay', 200, { notification: { ...row(150, 'pending'), attempts: 0 } });
  await board.reschedule(board.items.at(-1));
  assert.equal(requests.at(-1).method, 'POST');
  assert.equal(board.items.at(-1).status, 'pending');
  assert.deepEqual(board.notice, { key: 'board.replayed', params: { id: 150 } });
  answer('/api/v1/notifications/150/retry', 409, serverError('notification.stale', '通報正在傳送中', 'being sent'));
  await board.reschedule(board.items.at(-1));
  assert.equal(requests.at(-1).path, '/api/v1/notifications/150/retry');
  assert.deepEqual(board.notice, { server: { code: 'notification.stale', message_zh: '通報正在傳送中', message_en: 'being sent' } });
  assert.equal(shell.shown.at(-1), 'board-notice');

  answer('/api/v1/notifications', 200, { notifications: [] });
  board.setAgency('tax');
  await shell.announcement('共 0 筆通報');
  assert.equal(requests.at(-1).query.get('agency'), 'tax');
  assert.equal(requests.at(-1).query.get('before'), null, 'a new filter starts from the newest');
  assert.deepEqual(board.items, []);
});

test('the counter panel: F2 calls the next ticket at the chosen counter, only on #/counter', async () => {
  const listeners = [];
  globalThis.document.addEventListener = (type, fn) => listeners.push({ type, fn });
  const { QueueCounterFlow } = await import('../src/flows/queue_counter.ts');
  const shell = fakeShell();
  const flow = new QueueCounterFlow(shell);
  const keydown = listeners.find((l) => l.type === 'keydown').fn;
  const press = (key, mods = {}) => {
    let prevented = false;
    keydown({ key, ...mods, preventDefault: () => { prevented = true; } });
    return prevented;
  };
  flow.chooseCounter('3');
  requests = [];
  answers = [];
  const ticket = { id: 7, number: 4001, service: 'seal', status: 'called', counter: '3', arrived_at_ms: 0, called_at_ms: 0 };
  answer('/api/v1/queue/counters/3/call-next', 200, { ticket });
  answer('/api/v1/queue/counters', 200, { counters: [{ id: '3', name_zh: '櫃台 3', name_en: 'Counter 3', services: ['seal'], open: true }] });
  answer('/api/v1/queue/services', 200, { services: [{ code: 'seal', name_zh: '印鑑', name_en: 'Seals' }] });
  answer('/api/v1/queue/tickets', 200, { tickets: [ticket] });
  location.hash = '#/lookup';
  assert.equal(press('F2'), false, 'not on the counter panel');
  location.hash = '#/counter';
  assert.equal(press('F2', { ctrlKey: true }), false);
  assert.equal(press('F3'), false);
  const called = shell.announcement('已叫 4001 號至 3 號櫃台');
  assert.equal(press('F2'), true);
  await called;
  assert.equal(requests[0].method, 'POST');
  assert.equal(requests[0].path, '/api/v1/queue/counters/3/call-next');
  assert.equal(flow.current?.number, 4001);
  assert.deepEqual(shell.announced, ['已叫 4001 號至 3 號櫃台']);
  assert.equal(shell.shown.at(-1), 'qc-serving-title');
  location.hash = '';
});

test('the supervisor\'s view keeps the estimates\' advice when the server gives it, and none when it does not', async () => {
  const { QueueSupervisorFlow } = await import('../src/flows/queue_supervisor.ts');
  const flow = new QueueSupervisorFlow(fakeShell());
  const board = () => {
    answer('/api/v1/queue/counters', 200, { counters: [] });
    answer('/api/v1/queue/services', 200, { services: [] });
    answer('/api/v1/queue/tickets', 200, { tickets: [] });
  };
  requests = [];
  answers = [];
  board();
  const advice = { service: 'seal', waiting: 9, last_wait_min: 31, target_wait_min: 20, over_target: true,
    advice: { action: 'open', counter: '3', from_services: [], wait_after_min: 16, text_zh: '請開啟 3 號櫃台', text_en: 'Open counter 3' } };
  answer('/api/v1/queue/advice', 200, { office: '63000080', services: [advice] });
  await flow.loadBoard(null);
  assert.deepEqual(flow.advice, [advice]);
  board();
  answer('/api/v1/queue/advice', 404, serverError('route.not_found', '無此路徑', 'no such route'));
  await flow.loadBoard(null);
  assert.equal(flow.advice, null);
  assert.equal(flow.boardFailure, null);
});
