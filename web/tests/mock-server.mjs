// A stand-in for huji: serves web/dist (index.html for unknown non-/api paths) and the
// /api/v1 contract of docs/API.md that the front end uses, on a small in-memory register of
// two households. For front-end work and the browser tests when no real server is given
// (HUJI_URL unset). It follows the real server where the front end can tell: status codes,
// error codes, the 記事 wording (describe_zh / describe_en), Idempotency-Key replays, the
// deadlines on the government calendar (data/calendar/), four eyes, versions.
//
//   node tests/mock-server.mjs [port]        # default 8080, prints the URL
//
// Users (as in `huji demo`): clerk / clerk-demo-pass, supervisor / supervisor-demo-pass,
// auditor / auditor-demo-pass (403 on person lookups), admin / admin-demo-pass. Five wrong
// passwords in a row lock the account (423).

import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kDefaultDist = resolve(here, '..', 'dist');
const kCalendarDir = resolve(here, '..', '..', 'data', 'calendar');

export const kDemoPersonId = 'A120394853';

const kOffice = { office_code: '63000080', office_name: '臺北市文山區戶政事務所' };

const kUsers = {
  clerk: { password: 'clerk-demo-pass', display_name: '戶政人員（示範）', role: 'clerk' },
  supervisor: { password: 'supervisor-demo-pass', display_name: '股長（示範）', role: 'supervisor' },
  auditor: { password: 'auditor-demo-pass', display_name: '稽核人員（示範）', role: 'auditor' },
  admin: { password: 'admin-demo-pass', display_name: '系統管理者（示範）', role: 'admin' },
};

// role_has() of src/domain/access/role.cc.
const kPermissions = {
  readPerson: ['clerk', 'supervisor'],
  register: ['clerk', 'supervisor'],
  review: ['supervisor'],
  sample: ['supervisor'],
  readKpi: ['supervisor', 'admin'],
};

const kLetterCodes = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

// The same rule as src/core (DOMAIN §2), written again here so the mock stays independent.
export function checkId(value) {
  const bad = (code, zh, en) => ({ valid: false, kind: null, sex: null,
    reason: { code, message_zh: zh, message_en: en } });
  if (!/^[A-Z]([1289]|[A-D])\d{8}$/.test(value)) {
    return bad('id_number.format', '統一編號格式錯誤：應為英文字母 1 碼加數字 9 碼。',
      'Malformed ID number: one letter followed by nine digits expected.');
  }
  const c = kLetterCodes[value[0]];
  const second = value[1];
  const d1 = /\d/.test(second) ? Number(second) : kLetterCodes[second] % 10;
  const digits = [d1, ...value.slice(2).split('').map(Number)];
  const w = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  let sum = Math.floor(c / 10) + (c % 10) * 9;
  digits.forEach((d, i) => { sum += d * w[i]; });
  if (sum % 10 !== 0) {
    return bad('id_number.checksum', '統一編號檢查碼錯誤。', 'The ID number\'s check digit is wrong.');
  }
  const citizen = /[12]/.test(second);
  const male = ['1', '8', 'A', 'C'].includes(second);
  return { valid: true, kind: citizen ? 'citizen' : 'resident', sex: male ? 'M' : 'F', reason: null };
}

// ---- dates and the government calendar -----------------------------------------------------

const kDayMs = 86_400_000;
const kTaipeiOffsetMs = 8 * 3600 * 1000;

const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso, n) => isoOf(msOf(iso) + n * kDayMs);
const daysBetween = (a, b) => Math.round((msOf(b) - msOf(a)) / kDayMs);  // b − a
const todayTaipei = () => isoOf(Date.now() + kTaipeiOffsetMs);
const taipeiDayStartMs = (iso) => msOf(iso) - kTaipeiOffsetMs;

function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return isoOf(Date.UTC(ny, nm, Math.min(d, last)));
}

function isIso(v) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  return !Number.isNaN(msOf(v)) && isoOf(msOf(v)) === v;
}

// 民國113年05月01日 (to_roc) and 113年05月01日 (to_roc_short).
function rocShort(iso) {
  const [y, m, d] = iso.split('-');
  return `${Number(y) - 1911}年${m}月${d}日`;
}
const roc = (iso) => `民國${rocShort(iso)}`;

function loadCalendar(dir) {
  const years = new Set();
  const holidays = new Set();
  const workdays = new Set();
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => /^\d{4}\.txt$/.test(f));
  } catch {
    files = [];
  }
  for (const f of files) {
    years.add(Number(f.slice(0, 4)));
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const m = /^(\d{4}-\d{2}-\d{2})\s+(holiday|workday)\b/.exec(line.trim());
      if (m) (m[2] === 'holiday' ? holidays : workdays).add(m[1]);
    }
  }
  const yearOf = (iso) => Number(iso.slice(0, 4));
  const has = (iso) => years.has(yearOf(iso));
  const working = (iso) => {
    if (!has(iso)) {
      throw apiError(422, 'calendar.year_not_loaded',
        `尚未載入${yearOf(iso)}年（民國${yearOf(iso) - 1911}年）的政府行政機關辦公日曆表，無法計算上班日`,
        `the government office calendar for ${yearOf(iso)} is not loaded, so working days cannot be computed`);
    }
    if (holidays.has(iso)) return false;
    if (workdays.has(iso)) return true;
    const dow = new Date(msOf(iso)).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
  return {
    has,
    working,
    // 行政程序法 §48: from + days, moved to the next working day.
    deadline(from, days) {
      let d = addDays(from, days);
      while (!working(d)) d = addDays(d, 1);
      return d;
    },
    // The Nth working day after `from` (not counted).
    dueDate(from, n) {
      let d = from;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (working(d)) left--;
      }
      return d;
    },
  };
}

// ---- errors -------------------------------------------------------------------------------

class ApiFailure extends Error {
  constructor(status, code, zh, en) {
    super(code);
    this.status = status;
    this.body = { error: { code, message_zh: zh, message_en: en } };
  }
}
const apiError = (status, code, zh, en) => new ApiFailure(status, code, zh, en);

const kErrors = {
  unauthenticated: () => apiError(401, 'auth.required', '請先登入，或登入已逾時',
    'log in first, or your session has expired'),
  badCredentials: () => apiError(401, 'auth.invalid_credentials', '帳號或密碼錯誤。',
    'Incorrect username or password.'),
  locked: () => apiError(423, 'auth.locked', '密碼錯誤次數過多，帳號已暫時鎖定，請 15 分鐘後再試。',
    'Too many wrong passwords: the account is locked. Try again in 15 minutes.'),
  forbidden: (what) => apiError(403, 'auth.forbidden', `您的角色無權執行此作業（${what}）`,
    `your role may not do this (${what})`),
  purposeRequired: () => apiError(400, 'person.purpose_required', '請填寫查詢事由。',
    'A purpose of lookup is required.'),
  notFound: (id) => apiError(404, 'person.not_found', `查無此統一編號之戶籍資料：${id}`,
    `no one with ID number ${id} is in the register`),
  noRoute: () => apiError(404, 'http.not_found', '查無此功能。', 'No such API endpoint.'),
  badJson: () => apiError(400, 'http.bad_json', '請求格式錯誤。', 'Malformed request.'),
  badDate: (v) => apiError(400, 'date.invalid', `日期格式錯誤或不存在：${v}`, `invalid date: ${v}`),
  officeScope: () => apiError(403, 'auth.office_scope', '此申請案屬於其他戶政事務所',
    'this application belongs to another office'),
};

const invalid = (code, zh, en) => apiError(400, code, zh, en);
const unprocessable = (code, zh, en) => apiError(422, code, zh, en);
const conflict = (code, zh, en) => apiError(409, code, zh, en);

// ---- the register -------------------------------------------------------------------------

const kTypeNamesZh = {
  birth: '出生', death: '死亡', marriage: '結婚', divorce: '離婚', move_in: '遷入', move_out: '遷出',
  address_change: '住址變更', household_split: '分戶', household_merge: '合戶', head_change: '戶長變更',
  name_change: '更改姓名', name_correction: '更正姓名', birth_date_correction: '更正出生日期',
  id_number_change: '統一編號變更', first_registration: '初設戶籍', acknowledgement: '認領',
  adoption: '收養', adoption_termination: '終止收養', guardianship: '監護',
  loss_of_nationality: '喪失國籍', restoration: '回復國籍', ex_officio_move_in: '逕為遷入',
};
const kTypes = Object.keys(kTypeNamesZh);

// describe_zh / describe_en of src/domain/register/model.cc, for the types the mock registers.
function bodyZh(e) {
  const g = (k) => e.data[k] ?? '';
  switch (e.type) {
    case 'birth': return g('place') ? `在${g('place')}出生` : '出生';
    case 'death': return g('place') ? `在${g('place')}死亡` : '死亡';
    case 'marriage': return g('spouse_name') ? `與${g('spouse_name')}結婚` : '結婚';
    case 'divorce': {
      const kind = g('reason') === 'court' ? '判決離婚' : g('reason') === 'agreed' ? '兩願離婚' : '離婚';
      return g('spouse_name') ? `與${g('spouse_name')}${kind}` : kind;
    }
    case 'move_in': return g('from') ? `由${g('from')}遷入` : '遷入';
    case 'move_out':
      if (!g('to')) return '遷出';
      return g('to') === '國外' ? '遷出國外' : `遷出至${g('to')}`;
    case 'address_change': return '住址變更';
    case 'head_change': return g('old_head_name') ? `戶長變更，原戶長${g('old_head_name')}` : '戶長變更';
    case 'name_change': return g('old_name') && g('new_name') ? `姓名由${g('old_name')}變更為${g('new_name')}` : '姓名變更';
    case 'first_registration': return g('from') ? `由${g('from')}入境初設戶籍` : '初設戶籍';
    default: return kTypeNamesZh[e.type] ?? '登記';
  }
}

function bodyEn(e) {
  const g = (k) => e.data[k] ?? '';
  const w = (what, key, joiner) => (g(key) ? `${what}${joiner}${g(key)}` : what);
  switch (e.type) {
    case 'birth': return w('Born', 'place', ' in ');
    case 'death': return w('Died', 'place', ' in ');
    case 'marriage': return w('Married', 'spouse_name', ' ');
    case 'divorce': {
      const kind = g('reason') === 'court' ? 'Divorced by court judgment'
        : g('reason') === 'agreed' ? 'Divorced by mutual consent' : 'Divorced';
      return w(kind, 'spouse_name', ' from ');
    }
    case 'move_in': return w('Moved in', 'from', ' from ');
    case 'move_out': return g('to') === '國外' ? 'Moved abroad' : w('Moved out', 'to', ' to ');
    case 'address_change': return 'Address changed';
    case 'head_change': return w('Head of household changed', 'old_head_name', ', formerly ');
    case 'name_change': return g('old_name') && g('new_name')
      ? `Name changed from ${g('old_name')} to ${g('new_name')}` : 'Name changed';
    case 'first_registration': return w('First household registration', 'from', ' on entry from ');
    default: return 'Registered';
  }
}

const describeZh = (e) => `${roc(e.event_date)}${bodyZh(e)} ${rocShort(e.registered_on)}登記`;
const describeEn = (e) => `${e.event_date} ${bodyEn(e)}, registered ${e.registered_on}`;

function demoRegister() {
  const plates = new Map([
    [101, '臺北市文山區萬芳里12鄰萬芳路45巷6號3樓'],
    [102, '臺北市文山區萬芳里12鄰萬芳路45巷6號4樓'],
    [103, '臺北市文山區萬芳里12鄰萬芳路45巷8號2樓'],
  ]);
  const households = new Map();
  const H = (household_no, door_plate_id, head_id, established) => households.set(household_no,
    { household_no, office_code: kOffice.office_code, head_id, established, door_plate_id, version: 1 });
  H('A1056789', 101, 'A102938473', '2012-09-01');
  H('A1056790', 102, 'A118475629', '2016-03-15');

  const persons = new Map();
  const P = (p) => persons.set(p.id_number, {
    indigenous: '', status: 'active', removal_reason: '', birth_order: 1, father_id: null,
    father_name: '', mother_id: null, mother_name: '', spouse_id: null, household_no: '', version: 1,
    ...p,
  });
  // Household order as on a transcript: head first.
  P({ id_number: 'A102938473', name: '陳志明', sex: 'M', birth_date: '1962-08-15', birth_place: '臺南市',
    relation: '戶長', household_no: 'A1056789', father_name: '陳金水', mother_id: 'A293847569',
    mother_name: '陳王秀英', spouse_id: 'A218374656' });
  P({ id_number: 'A218374656', name: '林美玲', sex: 'F', birth_date: '1964-11-03', birth_place: '臺北市',
    relation: '配偶', birth_order: 2, household_no: 'A1056789', spouse_id: 'A102938473',
    father_name: '林清木', mother_name: '林陳阿滿' });
  P({ id_number: kDemoPersonId, name: '陳冠宇', sex: 'M', birth_date: '1990-03-02', birth_place: '臺北市',
    relation: '長子', household_no: 'A1056789', father_id: 'A102938473', father_name: '陳志明',
    mother_id: 'A218374656', mother_name: '林美玲', spouse_id: 'F226813578' });
  P({ id_number: 'F226813578', name: '黃詩涵', sex: 'F', birth_date: '1991-05-18', birth_place: '花蓮縣',
    relation: '媳', indigenous: '阿美族', household_no: 'A1056789', spouse_id: kDemoPersonId,
    father_name: '黃文雄', mother_name: '潘秀美' });
  P({ id_number: 'A220475864', name: '陳怡君', sex: 'F', birth_date: '1993-07-21', birth_place: '臺北市',
    relation: '長女', household_no: 'A1056789', father_id: 'A102938473', father_name: '陳志明',
    mother_id: 'A218374656', mother_name: '林美玲' });
  P({ id_number: 'A127384953', name: '林志偉', sex: 'M', birth_date: '1994-06-12', birth_place: '新北市',
    relation: '同居人', household_no: 'A1056789', father_name: '林清山', mother_name: '林吳玉蘭' });
  P({ id_number: 'A293847569', name: '陳王秀英', sex: 'F', birth_date: '1935-01-12', birth_place: '臺南市',
    relation: '母', status: 'removed', removal_reason: 'death' });
  P({ id_number: 'A118475629', name: '王建華', sex: 'M', birth_date: '1985-04-09', birth_place: '高雄市',
    relation: '戶長', household_no: 'A1056790', father_name: '王德明', mother_id: 'A228475615',
    mother_name: '王林素珠' });
  P({ id_number: 'A228475615', name: '王林素珠', sex: 'F', birth_date: '1958-12-30', birth_place: '高雄市',
    relation: '母', household_no: 'A1056790', father_name: '林添財', mother_name: '林黃月娥' });
  P({ id_number: 'A229384757', name: '陳怡安', sex: 'F', birth_date: '1996-02-14', birth_place: '臺北市',
    relation: '次女', status: 'removed', removal_reason: 'emigration', father_id: 'A102938473',
    father_name: '陳志明', mother_id: 'A218374656', mother_name: '林美玲' });

  const events = [];
  const E = (subject_id, type, event_date, registered_on, data = {}, household_no = '') =>
    events.push({ seq: events.length + 1, subject_id, type, event_date, registered_on,
      office_code: kOffice.office_code, corrects_seq: null, household_no, data });
  E(kDemoPersonId, 'birth', '1990-03-02', '1990-03-20', { place: '臺北市' });
  E('A102938473', 'birth', '1962-08-15', '1962-08-30', { place: '臺南市' });
  E('A102938473', 'move_in', '2012-09-01', '2012-09-05', { from: '新北市板橋區' }, 'A1056789');
  E('A218374656', 'move_in', '2012-09-01', '2012-09-05', { from: '新北市板橋區' }, 'A1056789');
  E(kDemoPersonId, 'move_in', '2012-09-01', '2012-09-05', { from: '新北市板橋區' }, 'A1056789');
  E('A220475864', 'move_in', '2012-09-01', '2012-09-05', { from: '新北市板橋區' }, 'A1056789');
  E('A229384757', 'move_in', '2012-09-01', '2012-09-05', { from: '新北市板橋區' }, 'A1056789');
  E('A127384953', 'move_in', '2019-02-11', '2019-02-15', { from: '新北市新莊區' }, 'A1056789');
  E('A118475629', 'move_in', '2016-03-15', '2016-03-18', { from: '高雄市苓雅區' }, 'A1056790');
  E('A228475615', 'move_in', '2016-03-15', '2016-03-18', { from: '高雄市苓雅區' }, 'A1056790');
  E('A293847569', 'death', '2020-06-30', '2020-07-02', { place: '臺北市' });
  E(kDemoPersonId, 'marriage', '2021-10-10', '2021-10-12', { spouse_name: '黃詩涵' });
  E('F226813578', 'marriage', '2021-10-10', '2021-10-12', { spouse_name: '陳冠宇' });
  E('F226813578', 'move_in', '2021-10-10', '2021-10-12', { from: '花蓮縣吉安鄉' }, 'A1056789');
  E('A229384757', 'move_out', '2019-08-01', '2019-08-06', { to: '國外' });
  return { plates, households, persons, events };
}

// ---- HTTP plumbing ------------------------------------------------------------------------

const kMimeTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

function send(res, status, body, headers = {}) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    ...headers,
  });
  res.end(data);
}

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const text = (v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export async function startMockServer({ port = 0, host = '127.0.0.1', distDir = kDefaultDist,
  calendarDir = kCalendarDir } = {}) {
  const sessions = new Map();    // token → username
  const failures = new Map();    // username → consecutive wrong passwords
  const accessLog = [];          // {username, id_number, purpose, at}: what huji audits
  const reg = demoRegister();
  const calendar = loadCalendar(calendarDir);
  const applications = [];       // newest last
  const idempotency = new Map(); // `${user}|${key}` → {operation, fingerprint, id}
  const nationalityCases = [];
  const bookings = [];

  const user = (name) => ({ username: name, display_name: kUsers[name].display_name,
    role: kUsers[name].role, ...kOffice });

  function authed(req) {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const name = m ? sessions.get(m[1]) ?? null : null;
    if (!name) throw kErrors.unauthenticated();
    return { username: name, role: kUsers[name].role };
  }

  function allow(actor, permission, what) {
    if (!kPermissions[permission].includes(actor.role)) throw kErrors.forbidden(what);
  }

  // ---- register views ----

  const plateAddress = (id) => reg.plates.get(Number(id)) ?? '';
  const member = (p) => ({ id_number: p.id_number, name: p.name, relation: p.relation, sex: p.sex,
    birth_date: p.birth_date, birth_date_roc: roc(p.birth_date), status: p.status });
  const membersOf = (no) => [...reg.persons.values()].filter((p) => p.household_no === no);

  function personView(p) {
    const ref = (id, fallback) => {
      if (!id) return fallback ? { id_number: null, name: fallback } : null;
      return { id_number: id, name: reg.persons.get(id)?.name ?? fallback };
    };
    const hh = p.household_no ? reg.households.get(p.household_no) : null;
    return {
      person: {
        id_number: p.id_number, name: p.name, sex: p.sex, birth_date: p.birth_date,
        birth_date_roc: roc(p.birth_date), birth_place: p.birth_place, status: p.status,
        removal_reason: p.removal_reason, indigenous: p.indigenous, relation: p.relation,
        birth_order: p.birth_order, father: ref(p.father_id, p.father_name),
        mother: ref(p.mother_id, p.mother_name), spouse: ref(p.spouse_id, ''),
      },
      household: hh ? {
        household_no: hh.household_no, office_code: hh.office_code, head_id_number: hh.head_id,
        established: hh.established, address: plateAddress(hh.door_plate_id),
        members: membersOf(hh.household_no).map(member),
      } : null,
      events: reg.events.filter((e) => e.subject_id === p.id_number).map((e) => ({
        seq: e.seq, type: e.type, event_date: e.event_date, registered_on: e.registered_on,
        office_code: e.office_code, corrects_seq: e.corrects_seq, text_zh: describeZh(e),
        text_en: describeEn(e),
      })),
    };
  }

  function householdView(hh) {
    return {
      household_no: hh.household_no, office_code: hh.office_code, head_id_number: hh.head_id,
      established: hh.established, door_plate_id: hh.door_plate_id,
      address: plateAddress(hh.door_plate_id), version: hh.version,
      members: membersOf(hh.household_no).map(member),
    };
  }

  // ---- registration rules: the part of src/domain/register/registration.cc that the
  // front end exercises (birth, death, marriage, divorce, move-in, move-out), the same codes
  // and statuses; other types are only checked for an active subject.

  const rej = (reason, zh, en) => unprocessable(`registration.${reason}`, zh, en);
  const missing = (field, label) => invalid('registration.field_required', `請填寫「${label}」（${field}）`,
    `the field ${field} is required`);
  const yearsUntil = (from, to) => {
    const [y1, m1, d1] = from.split('-').map(Number);
    const [y2, m2, d2] = to.split('-').map(Number);
    return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
  };
  const validName = (n) => n.length > 0 && n.trim() === n && !/[\d<>"&;/\u0000-\u001f\u007f]/.test(n);
  const kCounties = ['臺北市', '新北市', '桃園市', '臺中市', '臺南市', '高雄市', '基隆市', '新竹市', '嘉義市',
    '新竹縣', '苗栗縣', '彰化縣', '南投縣', '雲林縣', '嘉義縣', '屏東縣', '宜蘭縣', '花蓮縣', '臺東縣', '澎湖縣',
    '金門縣', '連江縣'];

  // derive_relation() of registration.cc: 稱謂 of `m` in a household headed by `head`.
  function deriveRelation(head, m) {
    const female = m.sex === 'F';
    const get = (id) => (id ? reg.persons.get(id) : undefined);
    if (m.id_number === head.id_number) return '戶長';
    if (m.spouse_id === head.id_number || head.spouse_id === m.id_number) return '配偶';
    if (m.father_id === head.id_number || m.mother_id === head.id_number) {
      return `${['', '長', '次', '三', '四', '五', '六', '七', '八', '九', '十'][m.birth_order] ?? ''}${female ? '女' : '子'}`;
    }
    if (head.spouse_id && (m.father_id === head.spouse_id || m.mother_id === head.spouse_id)) {
      return female ? '配偶之女' : '配偶之子';
    }
    if (head.father_id === m.id_number) return '父';
    if (head.mother_id === m.id_number) return '母';
    for (const parent of [get(m.father_id), get(m.mother_id)]) {
      if (parent && (parent.father_id === head.id_number || parent.mother_id === head.id_number)) {
        return female ? '孫女' : '孫';
      }
    }
    const spouse = get(m.spouse_id);
    if (spouse && (spouse.father_id === head.id_number || spouse.mother_id === head.id_number)) {
      return female ? '媳' : '婿';
    }
    if ((head.father_id && head.father_id === m.father_id) || (head.mother_id && head.mother_id === m.mother_id)) {
      const older = m.birth_date < head.birth_date;
      return female ? (older ? '姊' : '妹') : (older ? '兄' : '弟');
    }
    return '同居人';
  }

  function newId(sex) {
    for (;;) {
      const body = `A${sex === 'F' ? '2' : '1'}${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      for (let d = 0; d < 10; d++) {
        const id = body + d;
        if (checkId(id).valid && !reg.persons.has(id)) return id;
      }
    }
  }

  function newHouseholdNo() {
    for (let n = 1056791; ; n++) {
      const no = `A${n}`;
      if (!reg.households.has(no)) return no;
    }
  }

  // Checks an application against the register as it is (Planner::run). Returns the events to
  // append, each with `apply` (the projector) and the households it touches.
  function plan(a, today) {
    const f = a.fields;
    const field = (k) => text(f[k]);
    const events = [];
    const touched = new Set();
    const push = (e) => { if (e.household_no) touched.add(e.household_no); events.push(e); };
    const required = (k, label) => {
      if (!field(k)) throw missing(k, label);
      return field(k);
    };
    const idField = (k, label) => {
      const v = required(k, label);
      const c = checkId(v);
      if (!c.valid) {
        throw invalid('registration.id_invalid', `${label}之統一編號不正確：${c.reason.message_zh}`,
          `${k} is not a valid ID number: ${c.reason.message_en}`);
      }
      return v;
    };
    const find = (id, code, zh, en) => {
      const p = reg.persons.get(id);
      if (!p) throw rej(code, `${zh} ${id} 不在戶籍資料中`, `${en} ${id} is not in the register`);
      return p;
    };
    const active = (id, role, zh, en) => {
      const p = find(id, `${role}_not_found`, zh, en);
      if (p.status !== 'active') {
        if (p.removal_reason === 'death') throw rej(`${role}_deceased`, `${zh} ${p.name} 已死亡除戶`, `${en} ${id} is deceased`);
        throw rej(`${role}_removed`, `${zh} ${p.name} 已除戶（${p.removal_reason}）`,
          `${en} ${id} is removed from the register (${p.removal_reason})`);
      }
      return p;
    };
    const subject = () => {
      if (!a.subject_id) throw missing('subject_id', '當事人統一編號');
      return find(a.subject_id, 'subject_not_found', '當事人', 'the subject');
    };
    const activeSubject = () => {
      if (!a.subject_id) throw missing('subject_id', '當事人統一編號');
      return active(a.subject_id, 'subject', '當事人', 'the subject');
    };
    const notBeforeBirth = (p) => {
      if (a.event_date < p.birth_date) {
        throw rej('before_birth', `發生日期早於 ${p.name} 之出生日期`, `the event date is before ${p.id_number}'s birth`);
      }
    };
    const event = (type, subjectId, householdNo, data, apply) =>
      ({ type, subject_id: subjectId, household_no: householdNo, data, apply });
    // Where the subject goes: a household of this office (with 稱謂) or a new one at a plate.
    const target = (subjectId) => {
      const no = field('household_no');
      if (no) {
        const hh = reg.households.get(no);
        if (!hh) throw rej('household_not_found', `查無戶號 ${no}`, `no household ${no}`);
        if (subjectId && reg.persons.get(subjectId)?.household_no === no) {
          throw rej('already_in_household', `當事人已在戶號 ${no} 內`, `the subject is already in household ${no}`);
        }
        const relation = field('relation');
        if (!relation) throw missing('relation', '稱謂');
        if (relation === '戶長' || relation.length > 10) {
          throw rej('relation_invalid', '稱謂不正確（戶長已有其人）', 'invalid relation to the head (the household has a head)');
        }
        return { household_no: no, relation };
      }
      if (field('door_plate_id')) {
        const v = field('door_plate_id');
        if (!/^\d+$/.test(v) || Number(v) <= 0) {
          throw invalid('registration.door_plate_invalid', '門牌編號須為正整數', 'door_plate_id must be a positive integer');
        }
        if (!reg.plates.has(Number(v))) throw rej('door_plate_not_found', `查無門牌編號 ${v}`, `no door plate ${v}`);
        return { household_no: newHouseholdNo(), new_household: true, door_plate_id: Number(v), relation: '戶長' };
      }
      throw rej('destination_required', '請填寫欲入之戶號，或新立戶之門牌編號',
        'give the household to join (household_no) or a door plate for a new one (door_plate_id)');
    };
    const place = (p, t) => () => {
      if (t.new_household && !reg.households.has(t.household_no)) {
        reg.households.set(t.household_no, { household_no: t.household_no, office_code: kOffice.office_code,
          head_id: p.id_number, established: a.event_date, door_plate_id: t.door_plate_id, version: 0 });
      }
      const hh = reg.households.get(t.household_no);
      hh.version++;
      Object.assign(p, { status: 'active', removal_reason: '', household_no: t.household_no, relation: t.relation });
      p.version++;
    };
    // The head leaves and others stay: the head change first (spouse, else the eldest).
    const succession = (p) => {
      const hh = p.household_no ? reg.households.get(p.household_no) : null;
      if (!hh || hh.head_id !== p.id_number) return;
      const staying = membersOf(hh.household_no).filter((m) => m.id_number !== p.id_number);
      if (!staying.length) return;
      let next = field('new_head_id') ? staying.find((m) => m.id_number === field('new_head_id')) : null;
      if (field('new_head_id') && !next) {
        throw rej('new_head_invalid', '新戶長須為留在本戶之現住人口', 'the new head must be a current member staying in the household');
      }
      next ??= staying.find((m) => m.id_number === p.spouse_id) ??
        [...staying].sort((x, y) => (x.birth_date + x.id_number).localeCompare(y.birth_date + y.id_number))[0];
      push(event('head_change', next.id_number, hh.household_no, { old_head_name: p.name }, () => {
        hh.head_id = next.id_number;
        hh.version++;
        for (const m of membersOf(hh.household_no)) m.relation = deriveRelation(next, m);
      }));
    };
    const remove = (p, reason) => () => {
      const hh = reg.households.get(p.household_no);
      if (hh) hh.version++;
      if (reason === 'death' && p.spouse_id) {
        const spouse = reg.persons.get(p.spouse_id);
        if (spouse) spouse.spouse_id = null;
        p.spouse_id = null;
      }
      Object.assign(p, { status: 'removed', removal_reason: reason, household_no: '' });
      p.version++;
    };

    if (a.event_date > today) throw rej('future_date', '發生日期不得晚於今日', 'the event date may not be in the future');
    if (a.event_date < '1900-01-01') throw rej('event_date', '發生日期不正確', 'the event date is out of range');
    switch (a.type) {
      case 'birth': {
        const name = required('name', '出生者姓名');
        if (!validName(name)) throw rej('name_invalid', '姓名含不允許之字元', 'the name contains characters not allowed');
        const sex = field('sex');
        if (sex !== 'M' && sex !== 'F') throw invalid('registration.sex', '性別須為 M（男）或 F（女）', 'sex must be M or F');
        const where = required('place', '出生地');
        let father = null;
        let mother = null;
        if (field('father_id')) {
          father = find(idField('father_id', '父'), 'father_not_found', '父', 'the father');
          if (father.sex !== 'M') throw rej('father_sex', '父之性別登記為女', 'the father is registered as female');
        }
        if (field('mother_id')) {
          mother = find(idField('mother_id', '母'), 'mother_not_found', '母', 'the mother');
          if (mother.sex !== 'F') throw rej('mother_sex', '母之性別登記為男', 'the mother is registered as male');
          if (mother.status !== 'active' && mother.removal_reason !== 'death') {
            throw rej('mother_removed', '母已除戶', 'the mother is removed from the register');
          }
        }
        if (!father && !mother && !field('household_no')) {
          throw rej('parent_required', '請填寫父或母之統一編號，或出生者入籍之戶號',
            'give the father\'s or mother\'s ID number, or the household to register in');
        }
        for (const parent of [father, mother]) {
          if (!parent) continue;
          if (parent.birth_date >= a.event_date) {
            throw rej('child_older_than_parent', `出生者不得年長於父母（${parent.name}）`,
              `the child cannot be older than the parent ${parent.id_number}`);
          }
          if (yearsUntil(parent.birth_date, a.event_date) < 12) {
            throw rej('parent_too_young', `${parent.name} 於子女出生時未滿 12 歲`,
              `the parent ${parent.id_number} was under 12 at the birth`);
          }
        }
        const no = field('household_no') || mother?.household_no || father?.household_no || '';
        if (!no) {
          throw rej('household_required', '父母均未設籍，請填寫出生者入籍之戶號',
            'neither parent has a household: give the household to register in');
        }
        const hh = reg.households.get(no);
        if (!hh) throw rej('household_not_found', `查無戶號 ${no}`, `no household ${no}`);
        let order = 1;
        for (const m of membersOf(no)) {
          const sibling = (mother && m.mother_id === mother.id_number) || (!mother && father && m.father_id === father.id_number);
          if (!sibling) continue;
          if (m.name === name && m.birth_date === a.event_date) {
            throw rej('duplicate', `同一父母已登記同名同日出生之子女 ${m.id_number}，疑為重複申請`,
              `a child of these parents with this name and birth date is already registered (${m.id_number}): a duplicate application`);
          }
          if (m.sex === sex && m.birth_date <= a.event_date) order++;
        }
        push(event('birth', '', no, { name, sex, place: where }, () => {
          const id = newId(sex);
          const child = {
            id_number: id, name, sex, birth_date: a.event_date, birth_place: where, status: 'active',
            removal_reason: '', indigenous: mother?.indigenous || father?.indigenous || '', relation: '',
            birth_order: order, father_id: father?.id_number ?? null, father_name: father?.name ?? '',
            mother_id: mother?.id_number ?? null, mother_name: mother?.name ?? '', spouse_id: null,
            household_no: no, version: 1,
          };
          const head = reg.persons.get(hh.head_id);
          child.relation = head ? deriveRelation(head, child) : '同居人';
          reg.persons.set(id, child);
          hh.version++;
          return id;
        }));
        break;
      }
      case 'death': {
        const p = activeSubject();
        notBeforeBirth(p);
        succession(p);
        push(event('death', p.id_number, p.household_no, { place: field('place'), removal: 'death' }, remove(p, 'death')));
        break;
      }
      case 'marriage': {
        const p = activeSubject();
        const spouseId = idField('spouse_id', '配偶');
        if (spouseId === p.id_number) throw rej('same_person', '當事人不得與自己結婚', 'a person cannot marry themself');
        const q = active(spouseId, 'spouse', '配偶', 'the spouse');
        if (p.spouse_id) {
          throw rej('already_married', `${p.name} 現有配偶，不得重婚（民法第985條）`,
            `${p.id_number} is married: bigamy is void (Civil Code art. 985)`);
        }
        if (q.spouse_id) {
          throw rej('spouse_already_married', `${q.name} 現有配偶，不得重婚（民法第985條）`,
            `${q.id_number} is married: bigamy is void (Civil Code art. 985)`);
        }
        for (const x of [p, q]) {
          notBeforeBirth(x);
          if (yearsUntil(x.birth_date, a.event_date) < 18) {
            throw rej('underage', `${x.name} 結婚時未滿 18 歲（民法第980條）`,
              `${x.id_number} was under 18 at the marriage (Civil Code art. 980)`);
          }
        }
        const kin = p.father_id === q.id_number || p.mother_id === q.id_number || q.father_id === p.id_number ||
          q.mother_id === p.id_number || (p.father_id && p.father_id === q.father_id) ||
          (p.mother_id && p.mother_id === q.mother_id);
        if (kin) {
          throw rej('prohibited_kin', '直系血親或旁系二親等不得結婚（民法第983條）',
            'relatives in the direct line or siblings may not marry (Civil Code art. 983)');
        }
        push(event('marriage', p.id_number, p.household_no, { spouse_id: q.id_number, spouse_name: q.name },
          () => { p.spouse_id = q.id_number; p.version++; }));
        push(event('marriage', q.id_number, q.household_no, { spouse_id: p.id_number, spouse_name: p.name },
          () => { q.spouse_id = p.id_number; q.version++; }));
        break;
      }
      case 'divorce': {
        const p = activeSubject();
        const spouseId = idField('spouse_id', '配偶');
        if (p.spouse_id !== spouseId) {
          throw rej('not_married', `${p.name} 與 ${spouseId} 並無婚姻關係`, `${p.id_number} is not married to ${spouseId}`);
        }
        const reason = field('reason');
        if (reason !== 'agreed' && reason !== 'court') {
          throw invalid('registration.divorce_reason', '離婚種類須為 agreed（兩願）或 court（判決）', 'reason must be agreed or court');
        }
        const q = find(spouseId, 'spouse_not_found', '配偶', 'the spouse');
        push(event('divorce', p.id_number, p.household_no, { spouse_id: q.id_number, spouse_name: q.name, reason },
          () => { p.spouse_id = null; p.version++; }));
        if (q.status === 'active') {
          push(event('divorce', q.id_number, q.household_no, { spouse_id: p.id_number, spouse_name: p.name, reason },
            () => { q.spouse_id = null; q.version++; }));
        }
        break;
      }
      case 'move_in': {
        const p = subject();
        const from = required('from', '遷入前住址或國家');
        if (p.status !== 'active') {
          if (p.removal_reason === 'death') throw rej('subject_deceased', `${p.name} 已死亡除戶`, `${p.id_number} is deceased`);
          if (p.removal_reason === 'loss_of_nationality') {
            throw rej('use_restoration', `${p.name} 已喪失國籍廢止戶籍，請辦理恢復戶籍`,
              `${p.id_number} lost nationality: register a restoration instead`);
          }
          if (p.removal_reason !== 'emigration') {
            throw rej('subject_removed', `${p.name} 已除戶（${p.removal_reason}）`, `${p.id_number} is removed (${p.removal_reason})`);
          }
        } else {
          throw rej('same_district', `${p.name} 已設籍本區，區內遷移請辦理住址變更`,
            `${p.id_number} already lives in this district: register an address change`);
        }
        const t = target(p.id_number);
        push(event('move_in', p.id_number, t.household_no, { from, relation: t.relation }, place(p, t)));
        break;
      }
      case 'move_out': {
        const p = activeSubject();
        const to = required('to', '遷往地');
        if (kCounties.some((c) => to.startsWith(c))) {
          throw rej('move_out_domestic', '國內遷徙由遷入地戶政事務所辦理遷入登記，遷出登記一併完成',
            'a move within Taiwan is registered as a move-in at the new district, which also writes the move-out');
        }
        notBeforeBirth(p);
        succession(p);
        push(event('move_out', p.id_number, p.household_no, { to, removal: 'emigration' }, remove(p, 'emigration')));
        break;
      }
      case 'first_registration': {
        const name = required('name', '姓名');
        if (!validName(name)) throw rej('name_invalid', '姓名含不允許之字元', 'the name contains characters not allowed');
        const sex = field('sex');
        if (sex !== 'M' && sex !== 'F') throw invalid('registration.sex', '性別須為 M（男）或 F（女）', 'sex must be M or F');
        const birth = required('birth_date', '出生日期');
        if (!isIso(birth)) throw invalid('registration.birth_date', '出生日期格式須為 YYYY-MM-DD', 'birth_date must be YYYY-MM-DD');
        if (birth > a.event_date) throw rej('before_birth', '出生日期晚於初設戶籍日期', 'the birth date is after the registration event');
        const birthPlace = required('birth_place', '出生地');
        const t = target('');
        const data = { name, sex, birth_date: birth, birth_place: birthPlace, relation: t.relation };
        if (field('from')) data.from = field('from');
        push(event('first_registration', '', t.household_no, data, () => {
          const id = newId(sex);
          const p = {
            id_number: id, name, sex, birth_date: birth, birth_place: birthPlace, status: 'removed',
            removal_reason: '', indigenous: '', relation: '', birth_order: 0, father_id: null,
            father_name: '', mother_id: null, mother_name: '', spouse_id: null, household_no: '', version: 0,
          };
          reg.persons.set(id, p);
          place(p, t)();
          return id;
        }));
        break;
      }
      default: {
        const p = activeSubject();
        push(event(a.type, p.id_number, p.household_no, { ...f }, () => { p.version++; }));
      }
    }
    return { events, touched: [...touched] };
  }

  // ---- applications ----

  function applicationJson(a) {
    return {
      id: a.id, office_code: a.office_code, type: a.type, status: a.status,
      subject_id: a.subject_id || null, event_date: a.event_date, fields: { ...a.fields },
      applicant: { ...a.applicant }, entered_by: a.entered_by, entered_at_ms: a.entered_at_ms,
      deadline: a.deadline, days_late: a.days_late,
      proposed_fine: { min: a.fine_min, max: a.fine_max }, fine_decided: a.fine_decided,
      reviewed_by: a.reviewed_by || null, review_note: a.review_note,
      registered_on: a.registered_on || null,
      event_seqs: a.first_event_seq ? [a.first_event_seq, a.last_event_seq] : [],
      result_subject_id: a.result_subject_id || null,
      revoked_by: a.revoked_by || null,
      sample: a.sample ? { ...a.sample } : null, version: a.version,
    };
  }

  // deadline.cc: birth 60 days; move-in/out and address change 3 months + 30 days; else 30.
  function lateness(type, eventDate, filed) {
    if (type === 'ex_officio_move_in') return { deadline: filed, days_late: 0, fine_min: 0, fine_max: 0 };
    let start = eventDate;
    let days = 30;
    if (type === 'birth') days = 60;
    else if (['move_in', 'move_out', 'address_change'].includes(type)) start = addMonths(eventDate, 3);
    const raw = addDays(start, days);
    let deadline = raw;
    if (calendar.has(raw)) {
      try {
        deadline = calendar.deadline(start, days);
      } catch {
        deadline = raw;
      }
    }
    const late = daysBetween(deadline, filed);
    if (late <= 0) return { deadline, days_late: 0, fine_min: 0, fine_max: 0 };
    const fine = late <= 15 ? 300 : late <= 30 ? 500 : late <= 180 ? 700 : 900;
    return { deadline, days_late: late, fine_min: fine, fine_max: Math.max(fine, 900) };
  }

  function idemKey(req) {
    const key = text(req.headers['idempotency-key']);
    if (key.length < 1 || key.length > 128) {
      throw invalid('idempotency.key_required', '請以 Idempotency-Key 標頭提供 1–128 字元的請求識別碼',
        'an Idempotency-Key header of 1-128 characters is required');
    }
    return key;
  }

  function replay(actor, key, operation, print) {
    const prior = idempotency.get(`${actor.username}|${key}`);
    if (!prior) return null;
    if (prior.operation !== operation || prior.fingerprint !== print) {
      throw unprocessable('idempotency.key_reused', '此 Idempotency-Key 已用於內容不同的請求',
        'this Idempotency-Key was already used for a different request');
    }
    return applications.find((a) => a.id === prior.id) ?? null;
  }

  function findApplication(actor, id) {
    const a = applications.find((x) => x.id === id);
    if (!a) {
      throw apiError(404, 'registration.not_found', `查無此登記申請案 #${id}`,
        `no registration application #${id}`);
    }
    if (a.office_code !== kOffice.office_code) throw kErrors.officeScope();
    return a;
  }

  function submit(actor, body, key) {
    allow(actor, 'register', 'registration.submit');
    const type = text(body.type);
    if (!kTypes.includes(type)) {
      throw invalid('registration.type', `不支援的登記類別：${type}`, `unknown registration type: ${type}`);
    }
    const eventDate = text(body.event_date);
    if (!isIso(eventDate)) throw kErrors.badDate(eventDate);
    if (body.fields !== undefined && (typeof body.fields !== 'object' || body.fields === null || Array.isArray(body.fields))) {
      throw invalid('registration.fields', 'fields 須為物件', 'fields must be an object');
    }
    const fields = {};
    for (const [k, v] of Object.entries(body.fields ?? {})) {
      if (typeof v !== 'string' && typeof v !== 'number') {
        throw invalid('registration.fields', `欄位 ${k} 須為文字或數字`, `field ${k} must be text or a number`);
      }
      fields[k] = String(v);
    }
    const ap = body.applicant && typeof body.applicant === 'object' ? body.applicant : {};
    const applicant = { name: text(ap.name), id_number: text(ap.id_number), relation: text(ap.relation),
      identity_check: text(ap.identity_check) };
    if (!applicant.name || !applicant.relation) {
      throw invalid('registration.applicant', '請填寫申請人姓名及與當事人之關係',
        'the applicant\'s name and relation to the subject are required');
    }
    if (!['id_card', 'passport', 'residence_permit', 'citizen_certificate', 'power_of_attorney',
      'household_certificate'].includes(applicant.identity_check)) {
      throw invalid('registration.identity_check', '請記錄申請人身分核對方式（身分證、護照、居留證、自然人憑證、委託書、戶口名簿）',
        'record how the applicant\'s identity was checked');
    }
    const subject = text(body.subject_id);
    const print = sha256(JSON.stringify([type, eventDate, subject, Object.entries(fields).sort(), applicant]));
    const prior = replay(actor, key, 'registration.submit', print);
    if (prior) return prior;
    const today = todayTaipei();
    const a = {
      id: applications.length + 1, office_code: kOffice.office_code, type, status: 'pending_review',
      subject_id: subject, event_date: eventDate, fields, applicant, entered_by: actor.username,
      entered_at_ms: Date.now(), fine_decided: null, reviewed_by: '', review_note: '',
      registered_on: '', first_event_seq: 0, last_event_seq: 0, result_subject_id: '', sample: null,
      version: 1, expected: {},
    };
    const p = plan(a, today);
    for (const no of p.touched) a.expected[no] = reg.households.get(no)?.version;
    Object.assign(a, lateness(type, eventDate, today));
    applications.push(a);
    idempotency.set(`${actor.username}|${key}`, { operation: 'registration.submit', fingerprint: print, id: a.id });
    return a;
  }

  function review(actor, id, body, key) {
    allow(actor, 'review', 'registration.review');
    const decision = text(body.decision);
    if (decision !== 'approve' && decision !== 'reject') {
      throw invalid('registration.decision', 'decision 須為 approve 或 reject', 'decision must be approve or reject');
    }
    const note = text(body.note);
    const fine = Number.isInteger(body.fine) ? body.fine : null;
    const version = Number.isInteger(body.version) ? body.version : -1;
    const print = sha256(JSON.stringify([id, decision, note, fine, version]));
    const prior = replay(actor, key, 'registration.review', print);
    if (prior) return prior;
    const a = findApplication(actor, id);
    if (a.status !== 'pending_review') {
      throw conflict('registration.not_pending', '此申請案已審核完畢', 'this application has already been reviewed');
    }
    if (version !== a.version) {
      throw conflict('registration.stale', '申請案已被他人更新，請重新整理後再審核',
        'the application changed since you opened it; reload and review again');
    }
    if (a.entered_by === actor.username) {
      throw apiError(403, 'registration.four_eyes', '不得審核自己受理的案件', 'you may not review an application you entered');
    }
    const today = todayTaipei();
    const next = { reviewed_by: actor.username, review_note: note, version: a.version + 1 };
    if (decision === 'reject') {
      if (!note) throw invalid('registration.note_required', '退件須註明理由', 'a reason is required to reject an application');
      Object.assign(a, next, { status: 'rejected' });
    } else {
      if (a.days_late > 0) {
        if (fine === null) {
          throw invalid('registration.fine_required',
            `逾期申請，請裁定罰鍰金額（建議 ${a.fine_min}–${a.fine_max} 元）`,
            `the application is late: decide the fine (proposed NT$${a.fine_min}-${a.fine_max})`);
        }
        const waived = fine === 0 && note !== '';
        if (!waived && (fine < a.fine_min || fine > a.fine_max)) {
          throw unprocessable('registration.fine_out_of_range',
            `罰鍰須介於 ${a.fine_min} 與 ${a.fine_max} 元之間，或註明正當理由免罰`,
            `the fine must be NT$${a.fine_min}-${a.fine_max}, or 0 with a note giving the good cause`);
        }
        next.fine_decided = fine;
      }
      for (const [no, v] of Object.entries(a.expected)) {
        if (reg.households.get(no)?.version !== v) {
          throw conflict('registration.concurrent_change', `戶 ${no} 於受理後已有其他登記異動，請重新受理`,
            `household ${no} changed after this application was entered; enter it again`);
        }
      }
      const p = plan(a, today);
      for (const e of p.events) {
        const seq = reg.events.length + 1;
        const allocated = e.apply();
        const subject = e.subject_id || allocated;
        reg.events.push({ seq, subject_id: subject, type: e.type, event_date: a.event_date,
          registered_on: today, office_code: a.office_code, corrects_seq: null,
          household_no: e.household_no, data: { ...e.data } });
        if (!next.first_event_seq) {
          next.first_event_seq = seq;
          next.result_subject_id = subject;
        }
        next.last_event_seq = seq;
      }
      Object.assign(a, next, { status: 'registered', registered_on: today });
    }
    idempotency.set(`${actor.username}|${key}`, { operation: 'registration.review', fingerprint: print, id: a.id });
    return a;
  }

  function sample(actor, id, body) {
    allow(actor, 'sample', 'registration.sample');
    const result = text(body.result);
    const reason = text(body.reason);
    if (result !== 'correct' && result !== 'erroneous') {
      throw invalid('registration.sample_result', '抽核結果須為 correct（正確）或 erroneous（誤辦）',
        'the sampling result must be correct or erroneous');
    }
    if (result === 'erroneous' && !reason) {
      throw invalid('registration.reason_required', '誤辦須註明原因', 'an erroneous case needs a reason');
    }
    const a = findApplication(actor, id);
    if (a.status !== 'registered') {
      throw conflict('registration.not_registered', '僅能抽核已登記之案件', 'only registered cases can be sampled');
    }
    if (a.sample) throw conflict('registration.already_sampled', '此案件已抽核', 'this case was already sampled');
    const version = Number.isInteger(body.version) ? body.version : -1;
    if (version !== a.version) {
      throw conflict('registration.stale', '申請案已被他人更新，請重新整理', 'the application changed since you opened it; reload');
    }
    a.sample = { result, reason, by: actor.username, at_ms: Date.now() };
    a.version++;
    return a;
  }

  function listApplications(status, day) {
    if (status && !['pending_review', 'registered', 'rejected'].includes(status)) {
      throw invalid('registration.status', '狀態須為 pending_review、registered 或 rejected',
        'status must be pending_review, registered or rejected');
    }
    const from = day ? taipeiDayStartMs(day) : -Infinity;
    return applications.filter((a) => (!status || a.status === status) &&
      a.entered_at_ms >= from && a.entered_at_ms < (day ? from + kDayMs : Infinity))
      .sort((x, y) => y.id - x.id);
  }

  // ---- nationality ----

  function caseJson(c) {
    const t = todayTaipei();
    let state;
    if (!c.registered_on) state = t > c.registration_due ? 'registration_overdue' : 'awaiting_registration';
    else if (c.proof_of_loss_due && !c.proof_of_loss_received) {
      state = t > c.proof_of_loss_due ? 'proof_overdue' : 'awaiting_proof_of_loss';
    } else state = 'closed';
    const reminder = Boolean(c.proof_of_loss_due && !c.proof_of_loss_received &&
      daysBetween(t, c.proof_of_loss_due) <= 60);
    return {
      id: c.id, kind: c.kind, person_name: c.person_name, id_number: c.id_number || null,
      approval_letter_date: c.approval_letter_date, registration_due: c.registration_due,
      registered_on: c.registered_on || null, proof_of_loss_due: c.proof_of_loss_due || null,
      proof_of_loss_received: c.proof_of_loss_received || null, state, reminder_due: reminder,
      version: c.version,
    };
  }

  function openCase(actor, b) {
    allow(actor, 'register', 'nationality.open');
    const kind = text(b.kind);
    if (!['naturalization', 'restoration', 'loss', 'renunciation'].includes(kind)) {
      throw invalid('nationality.kind', '案件類別須為歸化、回復、喪失或放棄國籍',
        'kind must be naturalization, restoration, loss or renunciation');
    }
    const name = text(b.person_name);
    if (!name) throw invalid('nationality.name', '請填寫當事人姓名', 'the person\'s name is required');
    const id = text(b.id_number);
    if (id) {
      const c = checkId(id);
      if (!c.valid) throw unprocessable(c.reason.code, c.reason.message_zh, c.reason.message_en);
    }
    const letter = text(b.approval_letter_date);
    if (!isIso(letter)) throw kErrors.badDate(letter);
    if (letter > todayTaipei()) {
      throw unprocessable('nationality.future_letter', '核准函日期不得晚於今日', 'the approval letter cannot be dated in the future');
    }
    const due = calendar.dueDate(letter, 30);
    const [y, m, d] = letter.split('-');
    const c = {
      id: nationalityCases.length + 1, kind, person_name: name, id_number: id,
      approval_letter_date: letter, registration_due: due, registered_on: '',
      proof_of_loss_due: kind === 'naturalization' ? (m === '02' && d === '29' ? `${Number(y) + 1}-02-28` : `${Number(y) + 1}-${m}-${d}`) : '',
      proof_of_loss_received: '', version: 1,
    };
    nationalityCases.push(c);
    return c;
  }

  function recordCase(actor, id, b) {
    allow(actor, 'register', 'nationality.record');
    const what = text(b.what);
    if (what !== 'registered' && what !== 'proof_received') {
      throw invalid('nationality.record', '紀錄項目須為 registered 或 proof_received', 'what must be registered or proof_received');
    }
    const on = text(b.on);
    if (!isIso(on)) throw kErrors.badDate(on);
    const c = nationalityCases.find((x) => x.id === id);
    if (!c) throw apiError(404, 'nationality.not_found', '查無此國籍案件', 'no such nationality case');
    const version = Number.isInteger(b.version) ? b.version : -1;
    if (c.version !== version) {
      throw conflict('nationality.stale', '案件已被他人更新，請重新整理', 'the case changed since you opened it; reload');
    }
    if (on > todayTaipei() || on < c.approval_letter_date) {
      throw unprocessable('nationality.date', '日期須介於核准函日期與今日之間', 'the date must lie between the approval letter and today');
    }
    if (what === 'registered') c.registered_on = on;
    else {
      if (!c.proof_of_loss_due) {
        throw unprocessable('nationality.no_proof_needed', '此類案件無須喪失原國籍證明', 'this kind of case needs no proof of loss');
      }
      c.proof_of_loss_received = on;
    }
    c.version++;
    return c;
  }

  function bookTest(actor, b) {
    allow(actor, 'register', 'nationality.test');
    const slot = text(b.slot_time);
    if (!['09:00', '10:30', '14:00', '15:30'].includes(slot)) {
      throw invalid('nationality.slot_time', '測試時段須為 09:00、10:30、14:00 或 15:30', 'the slot must be 09:00, 10:30, 14:00 or 15:30');
    }
    const name = text(b.candidate_name);
    if (!name) throw invalid('nationality.name', '請填寫應試者姓名', 'the candidate\'s name is required');
    const day = text(b.slot_date);
    if (!isIso(day)) throw kErrors.badDate(day);
    if (day <= todayTaipei()) throw unprocessable('nationality.slot_past', '測試日期須晚於今日', 'the test date must be after today');
    if (!calendar.working(day)) throw unprocessable('nationality.slot_holiday', '測試日期須為上班日', 'tests are held on working days only');
    if (bookings.filter((x) => x.slot_date === day && x.slot_time === slot).length >= 10) {
      throw conflict('nationality.slot_full', '該時段已額滿', 'that slot is full');
    }
    const caseId = Number.isInteger(b.case_id) ? b.case_id : null;
    if (caseId !== null && !nationalityCases.some((c) => c.id === caseId)) {
      throw apiError(404, 'nationality.not_found', '查無此國籍案件', 'no such nationality case');
    }
    const booking = { id: bookings.length + 1, case_id: caseId, candidate_name: name, slot_date: day,
      slot_time: slot, booked_by: actor.username };
    bookings.push(booking);
    return booking;
  }

  // ---- routes ----

  async function api(req, res, url) {
    const path = url.pathname.slice('/api/v1'.length);
    const q = url.searchParams;
    const ok = (body, status = 200) => send(res, status, body);
    const body = async () => {
      const b = await readJson(req);
      if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) throw kErrors.badJson();
      return b;
    };
    const get = req.method === 'GET';
    const post = req.method === 'POST';
    let m;

    if (post && path === '/auth/login') {
      const b = await body();
      if (typeof b.username !== 'string' || typeof b.password !== 'string') throw kErrors.badJson();
      const u = kUsers[b.username];
      if ((failures.get(b.username) ?? 0) >= 5) throw kErrors.locked();
      if (!u || u.password !== b.password) {
        failures.set(b.username, (failures.get(b.username) ?? 0) + 1);
        throw kErrors.badCredentials();
      }
      failures.delete(b.username);
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, b.username);
      const expires_at = new Date(Date.now() + 8 * 3600 * 1000).toISOString();
      return ok({ token, expires_at, user: user(b.username) });
    }
    if (post && path === '/auth/logout') {
      const t = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      if (!t || !sessions.delete(t[1])) throw kErrors.unauthenticated();
      return send(res, 204);
    }
    if (get && path === '/auth/me') return ok({ user: user(authed(req).username) });
    if (get && (m = /^\/id-numbers\/([^/]+)$/.exec(path))) {
      return ok(checkId(decodeURIComponent(m[1]).toUpperCase()));
    }
    if (get && path === '/calendar/due-date') {
      const from = q.get('from') ?? '';
      if (!isIso(from)) throw kErrors.badDate(from);
      const n = Number(q.get('working-days'));
      if (!Number.isInteger(n) || n < 0 || n > 3660) throw invalid('calendar.count', '天數錯誤', 'bad count');
      const due = calendar.dueDate(from, n);
      return ok({ due, due_roc: roc(due) });
    }
    if (get && (m = /^\/persons\/([^/]+)$/.exec(path))) {
      const actor = authed(req);
      allow(actor, 'readPerson', 'person.read');
      const purpose = (q.get('purpose') ?? '').trim();
      if (!purpose) throw kErrors.purposeRequired();
      const id = decodeURIComponent(m[1]).toUpperCase();
      const check = checkId(id);
      if (!check.valid) throw unprocessable(check.reason.code, check.reason.message_zh, check.reason.message_en);
      accessLog.push({ username: actor.username, id_number: id, purpose, at: new Date().toISOString() });
      const found = reg.persons.get(id);
      if (!found) throw kErrors.notFound(id);
      return ok(personView(found));
    }
    if (get && (m = /^\/households\/([^/]+)$/.exec(path))) {
      const actor = authed(req);
      allow(actor, 'readPerson', 'household.read');
      const purpose = (q.get('purpose') ?? '').trim();
      if (!purpose) throw kErrors.purposeRequired();
      const no = decodeURIComponent(m[1]).toUpperCase();
      accessLog.push({ username: actor.username, household_no: no, purpose, at: new Date().toISOString() });
      const hh = reg.households.get(no);
      if (!hh) throw apiError(404, 'household.not_found', `查無此戶號：${no}`, `no household numbered ${no}`);
      return ok({ household: householdView(hh) });
    }
    if (path === '/registrations') {
      const actor = authed(req);
      if (post) {
        const b = await body();
        const key = idemKey(req);
        const a = submit(actor, b, key);
        return ok({ application: applicationJson(a) }, 201);
      }
      if (get) {
        allow(actor, 'register', 'registration.list');
        const day = q.get('day');
        if (day !== null && !isIso(day)) throw kErrors.badDate(day);
        return ok({ applications: listApplications(q.get('status'), day).map(applicationJson) });
      }
    }
    if (get && path === '/registrations/sampling') {
      const actor = authed(req);
      const day = q.get('day') ?? '';
      if (!isIso(day)) throw kErrors.badDate(day);
      const percent = Number(q.get('percent') ?? '10');
      allow(actor, 'sample', 'registration.sample');
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
        throw invalid('registration.percent', '抽核比例須為 1–100', 'percent must be 1-100');
      }
      const all = listApplications('registered', day);
      const keyed = all.map((a) => [sha256(`${kOffice.office_code}|${day}|${a.id}`), a])
        .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      const n = all.length ? Math.max(1, Math.ceil(all.length * percent / 100)) : 0;
      return ok({ applications: keyed.slice(0, n).map(([, a]) => applicationJson(a)) });
    }
    if ((m = /^\/registrations\/(\d+)$/.exec(path)) && get) {
      const actor = authed(req);
      allow(actor, 'register', 'registration.read');
      return ok({ application: applicationJson(findApplication(actor, Number(m[1]))) });
    }
    if ((m = /^\/registrations\/(\d+)\/review$/.exec(path)) && post) {
      const actor = authed(req);
      const b = await body();
      const key = idemKey(req);
      return ok({ application: applicationJson(review(actor, Number(m[1]), b, key)) });
    }
    if ((m = /^\/registrations\/(\d+)\/sample$/.exec(path)) && post) {
      const actor = authed(req);
      const b = await body();
      return ok({ application: applicationJson(sample(actor, Number(m[1]), b)) });
    }
    if (get && path === '/kpi/registration-correctness') {
      const actor = authed(req);
      const from = q.get('from') ?? '';
      const to = q.get('to') ?? '';
      if (!isIso(from)) throw kErrors.badDate(from);
      if (!isIso(to)) throw kErrors.badDate(to);
      allow(actor, 'readKpi', 'kpi.read');
      if (to < from) throw invalid('kpi.range', '起日不得晚於迄日', 'from must not be after to');
      const start = taipeiDayStartMs(from);
      const end = taipeiDayStartMs(to) + kDayMs;
      const apps = applications.filter((a) => a.status === 'registered' && a.entered_at_ms >= start &&
        a.entered_at_ms < end);
      const erroneous = apps.filter((a) => a.sample?.result === 'erroneous').length;
      return ok({ from, to, received: apps.length, sampled: apps.filter((a) => a.sample).length, erroneous,
        rate: apps.length ? (apps.length - erroneous) / apps.length : 1 });
    }
    if (path === '/nationality-cases') {
      const actor = authed(req);
      if (post) return ok({ case: caseJson(openCase(actor, await body())) }, 201);
      if (get) {
        allow(actor, 'register', 'nationality.list');
        return ok({ cases: [...nationalityCases].reverse().map(caseJson) });
      }
    }
    if ((m = /^\/nationality-cases\/(\d+)\/record$/.exec(path)) && post) {
      const actor = authed(req);
      return ok({ case: caseJson(recordCase(actor, Number(m[1]), await body())) });
    }
    if (path === '/naturalization-tests') {
      const actor = authed(req);
      if (post) return ok({ booking: bookTest(actor, await body()) }, 201);
      if (get) {
        allow(actor, 'register', 'nationality.test');
        const today = todayTaipei();
        return ok({ bookings: bookings.filter((x) => x.slot_date >= today)
          .sort((x, y) => (x.slot_date + x.slot_time).localeCompare(y.slot_date + y.slot_time)) });
      }
    }
    throw kErrors.noRoute();
  }

  async function staticFile(req, res, url) {
    let rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = resolve(distDir, rel);
    if (!file.startsWith(distDir + sep) && file !== distDir) return send(res, 403, undefined);
    let info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) {
      // SPA fallback: unknown non-/api paths get index.html.
      rel = 'index.html';
      file = join(distDir, rel);
      info = await stat(file).catch(() => null);
    }
    if (!info) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('web/dist is missing: run `npm run build` first.\n');
    }
    const type = kMimeTypes[extname(file)] ?? 'application/octet-stream';
    const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') return res.end();
    return res.end(await readFile(file));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = url.pathname.startsWith('/api/') ? api : staticFile;
    handler(req, res, url).catch((e) => {
      if (e instanceof ApiFailure) return send(res, e.status, e.body);
      console.error(e);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message_zh: '系統錯誤。', message_en: 'Internal error.' } });
      else res.end();
    });
  });
  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, host, ok);
  });
  const addr = server.address();
  return {
    url: `http://${host}:${addr.port}`,
    accessLog,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const s = await startMockServer({ port });
  console.log(`huji mock server at ${s.url} (users clerk, supervisor, auditor, admin with <name>-demo-pass; person ${kDemoPersonId})`);
}
