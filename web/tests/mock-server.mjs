// A stand-in for huji: serves web/dist (index.html for unknown non-/api paths) and the
// /api/v1 contract the front end uses, with one demo household. For front-end work and the
// browser test when no real server is given (HUJI_URL unset).
//
//   node tests/mock-server.mjs [port]        # default 8080, prints the URL
//
// Users: clerk / clerk-demo-pass (clerk), auditor / auditor-demo-pass (auditor: 403 on
// person lookups). Five wrong passwords in a row lock the account (423).

import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kDefaultDist = resolve(here, '..', 'dist');

export const kDemoPersonId = 'A120394853';

const kOffice = { office_code: '63000080', office_name: '臺北市文山區戶政事務所' };

const kUsers = {
  clerk: { password: 'clerk-demo-pass', display_name: '林雅婷', role: 'clerk' },
  auditor: { password: 'auditor-demo-pass', display_name: '張志豪', role: 'auditor' },
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

function roc(iso) {
  const [y, m, d] = iso.split('-');
  return `民國${Number(y) - 1911}年${m}月${d}日`;
}

const kHousehold = {
  household_no: 'A1056789',
  address: '臺北市文山區萬芳里12鄰萬芳路45巷6號3樓',
};

const P = (p) => ({
  indigenous: '', status: 'active', removal_reason: '', birth_order: 1, father: null,
  mother: null, spouse: null, household_no: kHousehold.household_no, ...p,
  birth_date_roc: roc(p.birth_date),
});

// Household order as on a transcript: head first, the removed grandmother last.
const kPersons = [
  P({ id_number: 'A102938473', name: '陳志明', sex: 'M', birth_date: '1962-08-15',
    birth_place: '臺南市', relation: '戶長',
    father: { id_number: '', name: '陳金水' },
    mother: { id_number: 'A293847569', name: '陳王秀英' },
    spouse: { id_number: 'A218374656', name: '林美玲' } }),
  P({ id_number: 'A218374656', name: '林美玲', sex: 'F', birth_date: '1964-11-03',
    birth_place: '臺北市', relation: '配偶', birth_order: 2,
    spouse: { id_number: 'A102938473', name: '陳志明' } }),
  P({ id_number: kDemoPersonId, name: '陳冠宇', sex: 'M', birth_date: '1990-03-02',
    birth_place: '臺北市', relation: '長子',
    father: { id_number: 'A102938473', name: '陳志明' },
    mother: { id_number: 'A218374656', name: '林美玲' },
    spouse: { id_number: 'F226813578', name: '黃詩涵' } }),
  P({ id_number: 'F226813578', name: '黃詩涵', sex: 'F', birth_date: '1991-05-18',
    birth_place: '花蓮縣', relation: '媳', indigenous: '阿美族',
    spouse: { id_number: kDemoPersonId, name: '陳冠宇' } }),
  P({ id_number: 'A220475864', name: '陳怡君', sex: 'F', birth_date: '1993-07-21',
    birth_place: '臺北市', relation: '長女',
    father: { id_number: 'A102938473', name: '陳志明' },
    mother: { id_number: 'A218374656', name: '林美玲' } }),
  P({ id_number: 'A293847569', name: '陳王秀英', sex: 'F', birth_date: '1935-01-12',
    birth_place: '臺南市', relation: '母', status: 'removed', removal_reason: 'death' }),
];

let seq = 100;
const E = (type, event_date, registered_on, text_zh, text_en) =>
  ({ seq: ++seq, type, event_date, registered_on, text_zh, text_en });

const kEvents = {
  [kDemoPersonId]: [
    E('birth', '1990-03-02', '1990-03-20',
      '民國79年03月02日在臺北市出生 民國79年03月20日登記',
      'Born in Taipei City on 2 March 1990; registered on 20 March 1990'),
    E('move_in', '2012-09-01', '2012-09-05',
      '民國101年09月01日由新北市板橋區遷入 民國101年09月05日登記',
      'Moved in from Banqiao District, New Taipei City on 1 September 2012; registered on 5 September 2012'),
    E('marriage', '2021-10-10', '2021-10-12',
      '民國110年10月10日與黃詩涵（F226813578）結婚 民國110年10月12日登記',
      'Married 黃詩涵 (F226813578) on 10 October 2021; registered on 12 October 2021'),
  ],
  A102938473: [
    E('birth', '1962-08-15', '1962-08-30', '民國51年08月15日在臺南市出生 民國51年08月30日登記',
      'Born in Tainan City on 15 August 1962; registered on 30 August 1962'),
    E('move_in', '2012-09-01', '2012-09-05',
      '民國101年09月01日由新北市板橋區遷入 民國101年09月05日登記',
      'Moved in from Banqiao District, New Taipei City on 1 September 2012; registered on 5 September 2012'),
  ],
  A293847569: [
    E('death', '2020-06-30', '2020-07-02', '民國109年06月30日死亡 民國109年07月02日登記',
      'Died on 30 June 2020; registered on 2 July 2020'),
  ],
};

const err = (status, code, message_zh, message_en) =>
  ({ status, body: { error: { code, message_zh, message_en } } });

const kErrors = {
  unauthenticated: err(401, 'auth.unauthenticated', '尚未登入或登入已逾時，請重新登入。',
    'You are not signed in or your session has expired. Please sign in again.'),
  badCredentials: err(401, 'auth.invalid_credentials', '帳號或密碼錯誤。',
    'Incorrect username or password.'),
  locked: err(423, 'auth.locked', '密碼錯誤次數過多，帳號已暫時鎖定，請 15 分鐘後再試。',
    'Too many wrong passwords: the account is locked. Try again in 15 minutes.'),
  forbidden: err(403, 'auth.forbidden', '您的角色無權查詢個人戶籍資料。',
    'Your role is not allowed to look up personal register data.'),
  purposeRequired: err(400, 'person.purpose_required', '請填寫查詢事由。',
    'A purpose of lookup is required.'),
  notFound: err(404, 'person.not_found', '查無此統一編號之戶籍資料。',
    'No register record was found for this ID number.'),
  noRoute: err(404, 'http.not_found', '查無此功能。', 'No such API endpoint.'),
  badJson: err(400, 'http.bad_request', '請求格式錯誤。', 'Malformed request.'),
};

const kTypes = {
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

export async function startMockServer({ port = 0, host = '127.0.0.1', distDir = kDefaultDist } = {}) {
  const sessions = new Map();    // token → username
  const failures = new Map();    // username → consecutive wrong passwords
  const accessLog = [];          // {username, id_number, purpose, at}: what huji audits

  const user = (name) => ({ username: name, display_name: kUsers[name].display_name,
    role: kUsers[name].role, ...kOffice });

  function authed(req) {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    return m ? sessions.get(m[1]) ?? null : null;
  }

  async function api(req, res, url) {
    const path = url.pathname.slice('/api/v1'.length);
    const fail = (e) => send(res, e.status, e.body);

    if (req.method === 'POST' && path === '/auth/login') {
      const body = await readJson(req);
      if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') {
        return fail(kErrors.badJson);
      }
      const u = kUsers[body.username];
      if ((failures.get(body.username) ?? 0) >= 5) return fail(kErrors.locked);
      if (!u || u.password !== body.password) {
        failures.set(body.username, (failures.get(body.username) ?? 0) + 1);
        return fail(kErrors.badCredentials);
      }
      failures.delete(body.username);
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, body.username);
      const expires_at = new Date(Date.now() + 8 * 3600 * 1000).toISOString();
      return send(res, 200, { token, expires_at, user: user(body.username) });
    }
    if (req.method === 'POST' && path === '/auth/logout') {
      const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      if (!m || !sessions.delete(m[1])) return fail(kErrors.unauthenticated);
      return send(res, 204);
    }
    if (req.method === 'GET' && path === '/auth/me') {
      const name = authed(req);
      if (!name) return fail(kErrors.unauthenticated);
      return send(res, 200, { user: user(name) });
    }
    let m = /^\/id-numbers\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      return send(res, 200, checkId(decodeURIComponent(m[1]).toUpperCase()));
    }
    m = /^\/persons\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const name = authed(req);
      if (!name) return fail(kErrors.unauthenticated);
      if (!['clerk', 'supervisor'].includes(kUsers[name].role)) return fail(kErrors.forbidden);
      const purpose = (url.searchParams.get('purpose') ?? '').trim();
      if (!purpose) return fail(kErrors.purposeRequired);
      const id = decodeURIComponent(m[1]).toUpperCase();
      const check = checkId(id);
      if (!check.valid) return send(res, 422, { error: check.reason });
      accessLog.push({ username: name, id_number: id, purpose, at: new Date().toISOString() });
      const found = kPersons.find((p) => p.id_number === id);
      if (!found) return fail(kErrors.notFound);
      const { household_no, ...person } = found;
      const household = household_no && found.status === 'active' ? {
        ...kHousehold,
        members: kPersons.map((p) => ({
          id_number: p.id_number, name: p.name, relation: p.relation, sex: p.sex,
          birth_date: p.birth_date, birth_date_roc: p.birth_date_roc, status: p.status,
        })),
      } : null;
      return send(res, 200, { person, household, events: kEvents[id] ?? [] });
    }
    return fail(kErrors.noRoute);
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
    const type = kTypes[extname(file)] ?? 'application/octet-stream';
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
  console.log(`huji mock server at ${s.url} (users clerk/clerk-demo-pass, auditor/auditor-demo-pass; person ${kDemoPersonId})`);
}
