// docs/openapi.yaml against the server it describes: a well-formed OpenAPI 3.1 document, the
// same routes as `huji routes`, examples that validate, real answers of a running huji that
// validate against the documented schema for their status, and the file served as it is.
// Runs on both backends (HUJI_TEST_BACKEND, see harness.mjs).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeDemoDb, startHuji, api, login, backend, bin, rawRequest, root, runCli } from './harness.mjs';
import { documentKey, insertDocument, samplePdf, stampDocument, writeSql } from './issued_documents.mjs';

// The validators are the web front end's dev dependencies (web/package.json).
const requireWeb = createRequire(new URL('../../web/package.json', import.meta.url));
function require(name) {
  try {
    return requireWeb(name);
  } catch (e) {
    throw new Error(`${name} is not installed: run \`npm ci\` in web/ (${e.message})`);
  }
}
const YAML = require('yaml');
const Ajv2020 = require('ajv/dist/2020.js');
const addFormats = require('ajv-formats');

const docPath = join(root, 'docs/openapi.yaml');
const docBytes = readFileSync(docPath);
const doc = YAML.parse(docBytes.toString('utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Every operation: [method, path, operation, path item].
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => [m, path, item[m], item]));

function pointer(ref) {
  assert.ok(ref.startsWith('#/'), `only local references: ${ref}`);
  return ref.slice(2).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => (node === undefined ? undefined : node[key]), doc);
}
const deref = (node) => (node?.$ref ? deref(pointer(node.$ref)) : node);

// The document's schemas as one JSON Schema (draft 2020-12), refs pointing into its $defs.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const rewriteRefs = (node) => JSON.parse(JSON.stringify(node), (k, v) =>
  (k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'openapi#/$defs/') : v));
ajv.addSchema({ $id: 'openapi', $defs: rewriteRefs(doc.components?.schemas ?? {}) });
const compiled = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewriteRefs(schema)));
  return compiled.get(key);
}
function assertValid(schema, value, where) {
  const validate = validator(schema);
  const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  assert.ok(validate(value), `${where}:\n  ${errors().join('\n  ')}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
}

describe('the document', () => {
  test('is OpenAPI 3.1 with title, version and paths', () => {
    assert.match(String(doc.openapi), /^3\.1\.\d+$/);
    assert.ok(doc.info?.title && doc.info?.version, 'info.title and info.version');
    assert.ok(operations.length > 0, 'paths');
    for (const path of Object.keys(doc.paths)) assert.match(path, /^\//, path);
  });

  test('every $ref resolves', () => {
    const missing = [];
    (function walk(node, at) {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string' && pointer(node.$ref) === undefined) missing.push(`${at}: ${node.$ref}`);
        for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
      }
    })(doc, '#');
    assert.deepEqual(missing, []);
  });

  test('every path parameter is declared, required, and in its path', () => {
    for (const [method, path, op, item] of operations) {
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
      const inPath = params.filter((p) => p.in === 'path');
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      assert.deepEqual(inPath.map((p) => p.name).sort(), [...templated].sort(), `${method} ${path}`);
      for (const p of inPath) assert.equal(p.required, true, `${method} ${path}: {${p.name}} required`);
      for (const p of params) {
        assert.ok(['path', 'query', 'header', 'cookie'].includes(p.in), `${method} ${path}: ${p.name} in ${p.in}`);
        assert.ok(p.schema, `${method} ${path}: ${p.name} has a schema`);
      }
    }
  });

  test('operations: unique ids, responses with descriptions, known security schemes', () => {
    const ids = operations.map(([, , op]) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationId unique');
    const schemes = Object.keys(doc.components?.securitySchemes ?? {});
    for (const [method, path, op] of operations) {
      assert.ok(op.operationId, `${method} ${path}: operationId`);
      const responses = Object.entries(op.responses ?? {});
      assert.ok(responses.some(([s]) => /^2\d\d$/.test(s)), `${method} ${path}: a 2xx response`);
      for (const [status, r] of responses) {
        assert.match(status, /^[1-5]\d\d$/, `${method} ${path}: status ${status}`);
        assert.ok(deref(r).description, `${method} ${path} ${status}: description`);
      }
      for (const req of [...(doc.security ?? []), ...(op.security ?? [])]) {
        for (const name of Object.keys(req)) assert.ok(schemes.includes(name), `${method} ${path}: ${name}`);
      }
    }
  });

  test('every schema compiles', () => {
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      assert.doesNotThrow(() => validator({ $ref: `#/components/schemas/${name}` }), name);
    }
  });

  test('every example validates against its schema', () => {
    let checked = 0;
    const checkMedia = (content, where, exampleRequired) => {
      for (const [type, media] of Object.entries(content ?? {})) {
        const examples = media.example !== undefined ? { example: { value: media.example } } : {};
        for (const [name, ex] of Object.entries(media.examples ?? {})) examples[name] = deref(ex);
        for (const [name, ex] of Object.entries(examples)) {
          assertValid(media.schema, ex.value, `${where} ${type} ${name}`);
          checked++;
        }
        if (type === 'application/json' && exampleRequired) {
          assert.ok(Object.keys(examples).length > 0, `${where}: has an example`);
        }
      }
    };
    for (const [method, path, op, item] of operations) {
      for (const [status, r] of Object.entries(op.responses)) {
        checkMedia(deref(r).content, `${method} ${path} ${status}`, status.startsWith('2'));
      }
      if (op.requestBody) checkMedia(deref(op.requestBody).content, `${method} ${path} request`, true);
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) {
        if (p.example !== undefined) {
          assertValid(p.schema, p.in === 'path' || p.in === 'query' ? coerce(p.schema, p.example) : p.example,
            `${method} ${path} parameter ${p.name}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 40, `examples checked: ${checked}`);
  });
});

// A query or path parameter's example as the value it stands for ("3" for an integer is 3).
function coerce(schema, value) {
  return deref(schema).type === 'integer' && typeof value === 'string' ? Number(value) : value;
}

describe('the routes', () => {
  test('are those `huji routes` prints, no more and no fewer', () => {
    let out;
    try {
      out = runCli(['routes']);
    } catch (e) {
      assert.fail(`\`huji routes\` failed: this huji does not print its route table (${String(e.stderr || e.message).trim()})`);
    }
    const served = JSON.parse(out).routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    const documented = operations.map(([m, p]) => `${m.toUpperCase()} ${p}`).sort();
    assert.deepEqual({
      undocumented: served.filter((r) => !documented.includes(r)),
      not_served: documented.filter((r) => !served.includes(r)),
    }, { undocumented: [], not_served: [] });
  });
});

describe('real answers validate against the document', () => {
  let demo, server, url;
  const tok = {};
  const exercised = new Set();
  const DAY = 86400e3;
  const taipei = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
  const today = () => taipei(Date.now());
  const purpose = encodeURIComponent('登記審核');

  // Checks the answer `r` to METHOD `template` against the document and returns it.
  function conforms(method, template, r) {
    const op = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(op, `${method} ${template} is documented`);
    const documented = op.responses[String(r.status)];
    assert.ok(documented, `${method} ${template}: status ${r.status} is documented (${r.text?.slice(0, 300)})`);
    exercised.add(`${method} ${template}`);
    const content = deref(documented).content;
    if (!content) {
      assert.equal(r.text ?? '', '', `${method} ${template} ${r.status}: no body`);
      return r;
    }
    const type = String(r.headers.get('content-type')).split(';')[0].trim();
    assert.ok(content[type], `${method} ${template} ${r.status}: content type ${type} is documented`);
    if (type === 'application/json') assertValid(content[type].schema, r.json, `${method} ${template} ${r.status}`);
    return r;
  }
  const get = async (template, path, token) => conforms('GET', template, await api(url, path, { token }));
  const post = async (template, path, body, token, key = randomUUID()) => conforms('POST', template,
    await api(url, path, { method: 'POST', token, body, headers: key ? { 'Idempotency-Key': key } : {} }));

  // A married woman of 20–40 living with her husband, to register a birth (read-only SQL on
  // the demo database: the API has no search by design).
  function mother(offset = 0) {
    const q = `SELECT w.id_number, w.spouse_id, w.name FROM persons w JOIN persons h ON h.id_number = w.spouse_id
      WHERE w.status = 'active' AND w.sex = 'F' AND h.status = 'active' AND h.household_no = w.household_no
        AND w.birth_date BETWEEN '${taipei(Date.now() - 40 * 365 * DAY)}' AND '${taipei(Date.now() - 20 * 365 * DAY)}'
      ORDER BY w.id_number LIMIT 1 OFFSET ${offset}`;
    const out = backend === 'postgres'
      ? execFileSync('psql', [demo.db, '-X', '-A', '-t', '-F', '\t', '-c', q], { encoding: 'utf8' })
      : execFileSync('sqlite3', ['-readonly', '-separator', '\t', demo.db, q], { encoding: 'utf8' });
    const [id, spouse, name] = out.trim().split('\t');
    assert.ok(id && spouse, 'the demo population has a young mother');
    return { id, spouse, name };
  }

  before(async () => {
    demo = makeDemoDb({ persons: 600, seed: 11 });
    server = await startHuji(demo.db);
    url = server.url;
  });
  after(async () => {
    await server?.stop();
    demo?.cleanup();
  });

  test('the served document is docs/openapi.yaml, byte for byte', async () => {
    const r = await rawRequest(url, '/api/v1/openapi.yaml');
    assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
    assert.equal(String(r.headers.get('content-type')).split(';')[0], 'application/yaml');
    assert.ok(r.bytes.equals(docBytes), 'GET /api/v1/openapi.yaml differs from docs/openapi.yaml: rebuild huji');
    exercised.add('GET /api/v1/openapi.yaml');
  });

  test('login, who am I, logout', async () => {
    for (const who of ['clerk', 'supervisor', 'chief', 'auditor', 'admin']) {
      const r = await post('/api/v1/auth/login', '/api/v1/auth/login', { username: who, password: `${who}-demo-pass` });
      assert.equal(r.status, 200, r.text);
      tok[who] = r.json.token;
      assert.equal((await get('/api/v1/auth/me', '/api/v1/auth/me', tok[who])).status, 200);
    }
    assert.equal((await post('/api/v1/auth/login', '/api/v1/auth/login', { username: 'clerk', password: 'nope' })).status, 401);
    assert.equal((await post('/api/v1/auth/login', '/api/v1/auth/login', { username: 'clerk' })).status, 400);
    assert.equal((await get('/api/v1/auth/me', '/api/v1/auth/me')).status, 401);
    const spare = await login(url, 'admin');
    assert.equal((await post('/api/v1/auth/logout', '/api/v1/auth/logout', undefined, spare, null)).status, 204);
    assert.equal((await get('/api/v1/auth/me', '/api/v1/auth/me', spare)).status, 401);
  });

  test('public checks', async () => {
    assert.equal((await get('/healthz', '/healthz')).status, 200);
    assert.equal((await get('/readyz', '/readyz')).status, 200);
    const idn = '/api/v1/id-numbers/{value}';
    assert.equal((await get(idn, '/api/v1/id-numbers/A123456789')).json.valid, true);
    assert.equal((await get(idn, '/api/v1/id-numbers/FB12345672')).json.valid_until, '2030-12-31');
    assert.equal((await get(idn, '/api/v1/id-numbers/A123456788')).json.valid, false);
    assert.equal((await get(idn, '/api/v1/id-numbers/12')).json.valid, false);
    const addr = '/api/v1/addresses/parse';
    const text = encodeURIComponent('臺北市文山區萬芳里5鄰興隆路三段10之1號5樓之2');
    assert.equal((await get(addr, `${addr}?text=${text}`)).status, 200);
    assert.equal((await get(addr, `${addr}?text=abc`)).status, 422);
    assert.equal((await get(addr, addr)).status, 400);
    for (const [route, n] of [['/api/v1/calendar/due-date', 'working-days'], ['/api/v1/calendar/deadline', 'days']]) {
      assert.equal((await get(route, `${route}?from=2026-03-02&${n}=30`)).status, 200);
      assert.equal((await get(route, `${route}?from=2026-03-02`)).status, 400);
      assert.equal((await get(route, `${route}?from=1900-01-02&${n}=3`)).status, 422);
    }
  });

  test('the register: a person, a household, a door plate; the audit trail', async () => {
    const person = '/api/v1/persons/{id}';
    const full = await get(person, `/api/v1/persons/${demo.sample}?purpose=${purpose}`, tok.clerk);
    assert.equal(full.status, 200, full.text);
    assert.equal((await get(person, `/api/v1/persons/${demo.sample}?purpose=${purpose}&view=summary`, tok.supervisor)).status, 200);
    assert.equal((await get(person, `/api/v1/persons/${demo.sample}?purpose=${purpose}&view=brief`, tok.clerk)).status, 400);
    assert.equal((await get(person, `/api/v1/persons/${demo.sample}`, tok.clerk)).status, 400);
    assert.equal((await get(person, `/api/v1/persons/Z299999992?purpose=${purpose}`, tok.clerk)).status, 404);
    assert.equal((await get(person, `/api/v1/persons/A123456788?purpose=${purpose}`, tok.clerk)).status, 422);
    assert.equal((await get(person, `/api/v1/persons/${demo.sample}?purpose=${purpose}`, tok.auditor)).status, 403);
    assert.equal((await get(person, `/api/v1/persons/${demo.sample}?purpose=${purpose}`)).status, 401);

    const { household_no: no, door_plate_id: plate } = full.json.household;
    const hh = '/api/v1/households/{no}';
    assert.equal((await get(hh, `/api/v1/households/${no}?purpose=${purpose}`, tok.clerk)).status, 200);
    assert.equal((await get(hh, `/api/v1/households/Z9999999?purpose=${purpose}`, tok.clerk)).status, 404);
    const dp = '/api/v1/door-plates/{id}/persons';
    assert.equal((await get(dp, `/api/v1/door-plates/${plate}/persons?purpose=${purpose}`, tok.supervisor)).status, 200);
    assert.equal((await get(dp, `/api/v1/door-plates/x/persons?purpose=${purpose}`, tok.supervisor)).status, 400);
    assert.equal((await get(dp, `/api/v1/door-plates/999999/persons?purpose=${purpose}`, tok.supervisor)).status, 404);
    const byName = '/api/v1/persons';
    const name = encodeURIComponent(full.json.person.name);
    assert.equal((await get(byName, `${byName}?name=${name}&purpose=${purpose}`, tok.clerk)).status, 200);
    assert.equal((await get(byName, `${byName}?name=${name}`, tok.clerk)).status, 400);
    assert.equal((await get(byName, `${byName}?name=${name}&purpose=${purpose}`, tok.auditor)).status, 403);
    const byAddress = '/api/v1/door-plates';
    const address = encodeURIComponent(full.json.household.address);
    assert.equal((await get(byAddress, `${byAddress}?address=${address}&purpose=${purpose}`, tok.clerk)).status, 200);
    assert.equal((await get(byAddress, `${byAddress}?address=abc&purpose=${purpose}`, tok.clerk)).status, 422);
    assert.equal((await get(byAddress, `${byAddress}?purpose=${purpose}`, tok.clerk)).status, 400);

    const audit = '/api/v1/audit';
    const entries = await get(audit, `${audit}?user=clerk&limit=50`, tok.auditor);
    assert.ok(entries.json.entries.length > 0, entries.text);
    assert.equal((await get(audit, `${audit}?subject=${demo.sample}&day=${today()}`, tok.auditor)).status, 200);
    assert.equal((await get(audit, audit, tok.auditor)).status, 400);
    assert.equal((await get(audit, `${audit}?user=clerk`, tok.clerk)).status, 403);
    assert.equal((await get(audit, `${audit}?day=${today()}&to=${today()}`, tok.auditor)).status, 400);
    const csv = '/api/v1/audit/export.csv';
    assert.equal((await get(csv, `${csv}?subject=${demo.sample}`, tok.auditor)).status, 200);
    assert.equal((await get(csv, `${csv}?user=clerk`, tok.clerk)).status, 403);

    const samples = '/api/v1/audit/samples';
    const drawn = await post(samples, samples, { size: 5 }, tok.auditor);
    assert.equal(drawn.status, 201, drawn.text);
    assert.equal((await post(samples, samples, { size: 5 }, tok.auditor)).status, 409);
    assert.equal((await post(samples, samples, { size: 500 }, tok.auditor)).status, 400);
    assert.equal((await post(samples, samples, { week: taipei(Date.now() + 8 * DAY) }, tok.auditor)).status, 422);
    assert.equal((await get(samples, samples, tok.auditor)).status, 200);
    assert.equal((await get(samples, samples, tok.clerk)).status, 403);
    const one = `${samples}/{id}`;
    const id = drawn.json.sample.id;
    assert.equal((await get(one, `${samples}/${id}`, tok.auditor)).status, 200);
    assert.equal((await get(one, `${samples}/999`, tok.auditor)).status, 404);
    const findings = `${samples}/{id}/findings`;
    const seq = drawn.json.sample.items[0]?.seq ?? 0;
    assert.equal((await post(findings, `${samples}/${id}/findings`, { seq, finding: 'violation' }, tok.auditor)).status, 400);
    assert.equal((await post(findings, `${samples}/${id}/findings`, { seq, finding: 'explain', note: '請說明' }, tok.auditor)).status,
      seq ? 200 : 404);
    assert.equal((await post(findings, `${samples}/999/findings`, { seq, finding: 'normal' }, tok.auditor)).status, 404);
  });

  test('a registration: entry, documents, review, sampling, the KPI', async () => {
    const m = mother();
    const body = {
      type: 'birth', event_date: taipei(Date.now() - 3 * DAY),
      fields: { name: '莊承恩', sex: 'M', place: '臺北市', mother_id: m.id, father_id: m.spouse },
      applicant: { name: m.name, id_number: m.id, relation: '母', identity_check: 'id_card' },
    };
    const regs = '/api/v1/registrations';
    assert.equal((await post(regs, regs, body, tok.clerk, null)).status, 400);
    assert.equal((await post(regs, regs, { ...body, nickname: 'x' }, tok.clerk)).status, 400);
    assert.equal((await post(regs, regs, { ...body, event_date: taipei(Date.now() + 3 * DAY) }, tok.clerk)).status, 422);
    assert.equal((await post(regs, regs, body, tok.auditor)).status, 403);
    const entered = await post(regs, regs, body, tok.clerk);
    assert.equal(entered.status, 201, entered.text);
    const app = entered.json.application;

    const docs = '/api/v1/registrations/{id}/documents';
    const pdf = Buffer.from('%PDF-1.4\n% 出生證明\n');
    const up = await rawRequest(url, `${regs}/${app.id}/documents?filename=${encodeURIComponent('出生證明.pdf')}`, {
      method: 'POST', body: pdf,
      headers: { Authorization: `Bearer ${tok.clerk}`, 'Content-Type': 'application/pdf', 'Idempotency-Key': randomUUID() },
    });
    const upText = up.bytes.toString('utf8');
    conforms('POST', docs, { ...up, text: upText, json: JSON.parse(upText) });
    assert.equal(up.status, 201, upText);
    const docId = JSON.parse(upText).document.id;
    const bytes = await rawRequest(url, `${regs}/${app.id}/documents/${docId}`, { headers: { Authorization: `Bearer ${tok.clerk}` } });
    conforms('GET', '/api/v1/registrations/{id}/documents/{doc}', { ...bytes, text: '' });
    assert.ok(bytes.bytes.equals(pdf));
    assert.equal((await get('/api/v1/registrations/{id}/documents/{doc}', `${regs}/${app.id}/documents/999999`, tok.clerk)).status, 404);

    assert.equal((await get(regs, `${regs}?status=pending_review`, tok.clerk)).status, 200);
    assert.equal((await get(regs, `${regs}?day=${today()}`, tok.supervisor)).status, 200);
    assert.equal((await get(regs, `${regs}?day=yesterday`, tok.supervisor)).status, 400);
    const one = '/api/v1/registrations/{id}';
    assert.equal((await get(one, `${regs}/${app.id}`, tok.clerk)).status, 200);
    assert.equal((await get(one, `${regs}/999999`, tok.clerk)).status, 404);

    const review = '/api/v1/registrations/{id}/review';
    assert.equal((await post(review, `${regs}/${app.id}/review`, { decision: 'approve', version: 1 }, tok.clerk)).status, 403);
    assert.equal((await post(review, `${regs}/${app.id}/review`, { decision: 'maybe', version: 1 }, tok.supervisor)).status, 400);
    assert.equal((await post(review, `${regs}/${app.id}/review`, { decision: 'approve', version: 9 }, tok.supervisor)).status, 409);
    const approved = await post(review, `${regs}/${app.id}/review`, { decision: 'approve', note: '', version: app.version }, tok.supervisor);
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json.application.status, 'registered');
    assert.equal((await post(review, `${regs}/999999/review`, { decision: 'approve', version: 1 }, tok.supervisor)).status, 404);
    const newborn = approved.json.application.result_subject_id;
    assert.equal((await get('/api/v1/persons/{id}', `/api/v1/persons/${newborn}?purpose=${purpose}`, tok.clerk)).status, 200);

    const capacities = '/api/v1/registrations/applicant-capacities';
    const allowed = await get(capacities, `${capacities}?type=birth`, tok.clerk);
    assert.equal(allowed.status, 200, allowed.text);
    assert.equal((await get(capacities, `${capacities}?type=teleportation`, tok.clerk)).status, 400);

    const sampling = '/api/v1/registrations/sampling';
    const candidates = await get(sampling, `${sampling}?day=${today()}&percent=100`, tok.chief);
    assert.ok(candidates.json.applications.some((a) => a.id === app.id), candidates.text);
    assert.equal((await get(sampling, `${sampling}?day=${today()}&percent=0`, tok.chief)).status, 400);
    // Cases registered today only: no earlier day to open the sampling screen on.
    const day = await get('/api/v1/registrations/sampling-day', '/api/v1/registrations/sampling-day', tok.chief);
    assert.equal(day.status, 200, day.text);
    assert.ok(day.json.day === null || day.json.day < today(), day.text);
    const sample = '/api/v1/registrations/{id}/sample';
    // The supervisor who approved it may not sample it (chief, the demo's second supervisor, may).
    assert.equal((await post(sample, `${regs}/${app.id}/sample`,
      { result: 'correct', version: approved.json.application.version }, tok.supervisor, null)).status, 403);
    const sampled = await post(sample, `${regs}/${app.id}/sample`,
      { result: 'erroneous', reason: '出生地誤植', version: approved.json.application.version }, tok.chief, null);
    assert.equal(sampled.status, 200, sampled.text);
    assert.equal((await post(sample, `${regs}/${app.id}/sample`,
      { result: 'correct', version: sampled.json.application.version }, tok.chief, null)).status, 409);

    const kpi = '/api/v1/kpi/registration-correctness';
    for (const who of ['supervisor', 'admin']) {
      const k = await get(kpi, `${kpi}?from=${today()}&to=${today()}`, tok[who]);
      assert.ok(k.json.erroneous >= 1, k.text);
    }
    assert.equal((await get(kpi, `${kpi}?from=${today()}`, tok.supervisor)).status, 400);
    assert.equal((await get(kpi, `${kpi}?from=${today()}&to=${today()}`, tok.clerk)).status, 403);
    const bands = '/api/v1/statistics/age-bands';
    assert.equal((await get(bands, bands, tok.clerk)).status, 200);
    assert.equal((await get(bands, `${bands}?office=63000080&on=2026-01-01`, tok.admin)).status, 200);
    assert.equal((await get(bands, `${bands}?office=99999999`, tok.admin)).status, 404);
    assert.equal((await get(bands, bands, tok.auditor)).status, 403);
  });

  test('a nationality case and a naturalization test booking', async (t) => {
    const cases = '/api/v1/nationality-cases';
    const opened = await post(cases, cases, { kind: 'naturalization', person_name: '阮氏梅', approval_letter_date: '2026-03-02' }, tok.clerk);
    assert.equal(opened.status, 201, opened.text);
    const loss = await post(cases, cases, { kind: 'loss', person_name: '李四', id_number: 'A123456789', approval_letter_date: '2026-03-02' }, tok.clerk);
    assert.equal(loss.status, 201, loss.text);
    assert.equal((await post(cases, cases, { kind: 'marriage', person_name: 'x', approval_letter_date: '2026-03-02' }, tok.clerk)).status, 400);
    assert.equal((await post(cases, cases, { kind: 'loss', person_name: 'x', id_number: 'A123456788', approval_letter_date: '2026-03-02' }, tok.clerk)).status, 422);
    assert.equal((await get(cases, cases, tok.supervisor)).json.cases.length, 2);
    assert.equal((await get(cases, cases, tok.auditor)).status, 403);
    const record = '/api/v1/nationality-cases/{id}/record';
    const c = opened.json.case;
    const rec = await post(record, `${cases}/${c.id}/record`, { what: 'notice_sent', on: '2026-04-01', version: c.version }, tok.clerk, null);
    assert.equal(rec.status, 200, rec.text);
    assert.equal((await post(record, `${cases}/${c.id}/record`, { what: 'notice_sent', on: '2026-04-01', version: c.version }, tok.clerk, null)).status, 409);
    assert.equal((await post(record, `${cases}/999999/record`, { what: 'notice_sent', on: '2026-04-01', version: 1 }, tok.clerk, null)).status, 404);
    // The registration records "registered", never a hand record.
    assert.equal((await post(record, `${cases}/${c.id}/record`, { what: 'registered', on: '2026-04-01', version: 2 }, tok.clerk, null)).status, 422);

    const tests = '/api/v1/naturalization-tests';
    assert.equal((await get(tests, tests, tok.clerk)).status, 200);
    const next = await get('/api/v1/calendar/due-date', `/api/v1/calendar/due-date?from=${today()}&working-days=2`);
    if (next.status !== 200) {
      t.skip(`no calendar data for the coming days: ${next.json?.error?.code}`);
      return;
    }
    const slot = { case_id: c.id, candidate_name: '阮氏梅', slot_date: next.json.due, slot_time: '09:00' };
    const booked = await post(tests, tests, slot, tok.clerk);
    assert.equal(booked.status, 201, booked.text);
    assert.equal((await post(tests, tests, slot, tok.clerk)).status, 409);
    assert.equal((await post(tests, tests, { ...slot, slot_time: '12:00' }, tok.clerk)).status, 400);
    assert.equal((await post(tests, tests, { ...slot, slot_date: today() }, tok.clerk)).status, 422);
    assert.equal((await get(tests, tests, tok.supervisor)).json.bookings.length, 1);
  });

  test('reminders (催告) and the penalty ledger', async () => {
    const m = mother(7);
    const daysAgo = (n) => taipei(Date.now() - n * DAY);
    const reminders = '/api/v1/reminders';
    const body = { type: 'birth', subject_id: m.id, event_date: daysAgo(120), served_on: daysAgo(30),
      addressees: [{ id_number: m.id, relation: '母' }] };
    const issued = await post(reminders, reminders, body, tok.clerk);
    assert.equal(issued.status, 201, issued.text);
    assert.equal((await post(reminders, reminders, { ...body, event_date: daysAgo(5), served_on: daysAgo(0) }, tok.clerk)).status, 422);
    assert.equal((await post(reminders, reminders, body, tok.clerk)).status, 409);
    assert.equal((await post(reminders, reminders, { ...body, addressees: [] }, tok.clerk)).status, 400);
    const court = { ...body, type: 'divorce', event_date: daysAgo(90), served_on: daysAgo(0), fields: { reason: 'court' } };
    assert.equal((await post(reminders, reminders, court, tok.clerk)).status, 201);
    assert.equal((await post(reminders, reminders, { ...court, fields: { court: 'x' } }, tok.clerk)).status, 400);
    assert.equal((await get(reminders, `${reminders}?status=lapsed`, tok.clerk)).json.reminders.length, 1);
    const one = '/api/v1/reminders/{id}';
    const r = (await get(one, `${reminders}/${issued.json.reminder.id}`, tok.clerk)).json.reminder;
    assert.equal((await get(one, `${reminders}/999999`, tok.clerk)).status, 404);
    assert.equal((await get(`${one}/letter.pdf`, `${reminders}/${r.id}/letter.pdf`, tok.clerk)).status, 200);
    const exOfficio = `${one}/ex-officio`;
    assert.equal((await post(exOfficio, `${reminders}/${r.id}/ex-officio`, { application_id: 1, version: r.version }, tok.clerk)).status, 403);

    const lateBirth = {
      type: 'birth', event_date: daysAgo(120),
      fields: { name: '林小安', sex: 'F', place: '臺北市', mother_id: m.id, father_id: m.spouse },
      applicant: { name: m.name, id_number: m.id, relation: '母', identity_check: 'id_card' },
    };
    const preview = '/api/v1/registrations/preview';
    const seen = (await post(preview, preview, lateBirth, tok.clerk, null)).json.preview;
    assert.ok(seen.days_late > 0, JSON.stringify(seen));
    assert.equal((await post(preview, preview, { ...lateBirth, event_date: daysAgo(-2) }, tok.clerk, null)).status, 422);
    assert.equal((await post(preview, preview, { ...lateBirth, type: 'x' }, tok.clerk, null)).status, 400);
    assert.equal((await post(preview, preview, lateBirth, tok.auditor, null)).status, 403);
    const app = (await post('/api/v1/registrations', '/api/v1/registrations', lateBirth, tok.clerk)).json.application;
    // The fine after a reminder is proposed when the registration is approved.
    const approved = await api(url, `/api/v1/registrations/${app.id}/review`, { method: 'POST', token: tok.supervisor,
      body: { decision: 'approve', version: app.version, fine: app.proposed_fine.min }, headers: { 'Idempotency-Key': randomUUID() } });
    assert.equal(approved.status, 200, approved.text);
    const penalties = '/api/v1/registrations/{id}/penalties';
    const [p] = (await get(penalties, `/api/v1/registrations/${app.id}/penalties`, tok.clerk)).json.penalties;
    assert.equal(p.amount_proposed, 900);
    const letter = '/api/v1/penalties/{id}/letter.pdf';
    assert.equal((await get(letter, `/api/v1/penalties/${p.id}/letter.pdf`, tok.clerk)).status, 409);
    const decision = '/api/v1/penalties/{id}/decision';
    assert.equal((await post(decision, `/api/v1/penalties/${p.id}/decision`, { amount: 700, version: 1 }, tok.supervisor, null)).status, 422);
    assert.equal((await post(decision, `/api/v1/penalties/${p.id}/decision`, { amount: 900, version: 1 }, tok.supervisor, null)).status, 200);
    assert.equal((await post(decision, `/api/v1/penalties/999999/decision`, { amount: 900, version: 1 }, tok.supervisor, null)).status, 404);
    assert.equal((await get(letter, `/api/v1/penalties/${p.id}/letter.pdf`, tok.clerk)).status, 200);
    const now = (await get(one, `${reminders}/${r.id}`, tok.clerk)).json.reminder;
    assert.equal((await post(exOfficio, `${reminders}/${r.id}/ex-officio`, { application_id: app.id, version: now.version }, tok.supervisor)).status, 200);

    const fine = '/api/v1/registrations/{id}/false-application-fine';
    const path = `/api/v1/registrations/${app.id}/false-application-fine`;
    assert.equal((await post(fine, path, { grade: 'x', reason: 'y' }, tok.supervisor)).status, 400);
    assert.equal((await post(fine, path, { grade: 'self_corrected', reason: '自行申請更正' }, tok.supervisor)).status, 201);
    assert.equal((await post(fine, path, { grade: 'self_corrected', reason: '再次' }, tok.supervisor)).status, 409);
    assert.equal((await get(penalties, `/api/v1/registrations/${app.id}/penalties`, tok.clerk)).json.penalties.length, 2);
  });

  test('household transcripts (戶籍謄本)', async () => {
    const { id } = mother();
    const path = '/api/v1/transcripts';
    const body = { subject_id: id, purpose: '辦理繼承' };
    const preview = await post(`${path}/preview`, `${path}/preview`, body, tok.clerk, null);
    assert.equal(preview.status, 200, preview.text);
    const issued = await post(path, path, body, tok.clerk);
    assert.equal(issued.status, 201, issued.text);
    assert.equal((await post(path, path, { purpose: 'x' }, tok.clerk)).status, 400);
    assert.equal((await post(path, path, body, tok.auditor)).status, 403);
    assert.equal((await post(path, path, { ...body, subject_id: 'Z999999996' }, tok.clerk)).status, 404);
    const one = '/api/v1/transcripts/{id}';
    assert.equal((await get(one, `${path}/${issued.json.transcript.id}`, tok.clerk)).status, 200);
    assert.equal((await get(one, `${path}/999999`, tok.clerk)).status, 404);
    const pdf = await get(`${one}/pdf`, issued.json.transcript.pdf_url, tok.clerk);
    assert.equal(pdf.status, 200);
  });

  test('proactive-care lists (主動關懷通報)', async () => {
    const lists = '/api/v1/care-lists';
    const empty = await get(lists, `${lists}?month=1999-01`, tok.clerk);
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.json.rate, null);
    assert.equal((await get(lists, `${lists}?month=1999-1`, tok.clerk)).status, 400);
    assert.equal((await get(lists, `${lists}?month=1999-01`, tok.auditor)).status, 403);
    const csv = '/api/v1/care-lists.csv';
    const file = await get(csv, `${csv}?month=1999-01`, tok.clerk);
    assert.equal(file.status, 200);
    assert.equal((await get(csv, `${csv}?month=x`, tok.clerk)).status, 400);
    const notify = '/api/v1/care-lists/{id}/notifications';
    const body = { sent_on: '2026-01-02', agency: '社會局', channel: 'fax', replaces: 0 };
    assert.equal((await post(notify, `${lists}/999999/notifications`, body, tok.clerk)).status, 404);
    assert.equal((await post(notify, `${lists}/999999/notifications`, { ...body, action: 'x' }, tok.clerk)).status, 400);
  });

  test('inbound feeds (外機關通報): import, cases, close, anomalies, files, KPI', async () => {
    const q = `SELECT p.id_number, p.name FROM persons p JOIN households h ON h.household_no = p.household_no
      WHERE h.office_code = '63000080' AND p.status = 'active' ORDER BY p.id_number DESC LIMIT 1`;
    const out = backend === 'postgres'
      ? execFileSync('psql', [demo.db, '-X', '-A', '-t', '-F', '\t', '-c', q], { encoding: 'utf8' })
      : execFileSync('sqlite3', ['-readonly', '-separator', '\t', demo.db, q], { encoding: 'utf8' });
    const [id, name] = out.trim().split('\t');
    const text = `record_id,id_number,name,event,event_date,reference\nOA-1,${id},${name},abroad_2y,${today()},\nOA-2,A123456789,某,abroad_2y,${today()},\n`;
    const upload = async (feed, body, type = 'text/csv') => conforms('POST', '/api/v1/inbound/{feed}',
      await api(url, `/api/v1/inbound/${feed}?filename=oa.csv`, { method: 'POST', token: tok.clerk, body, headers: { 'Content-Type': type } }));
    const first = await upload('immigration', text);
    assert.equal(first.status, 201, first.text);
    assert.equal((await upload('immigration', text)).status, 200);
    assert.equal((await upload('immigration', 'bad\n')).status, 400);
    assert.equal((await upload('nowhere', text)).status, 404);
    const cases = await get('/api/v1/inbound/cases', '/api/v1/inbound/cases?status=open', tok.clerk);
    assert.equal(cases.status, 200, cases.text);
    assert.equal((await get('/api/v1/inbound/cases', '/api/v1/inbound/cases?status=x', tok.clerk)).status, 400);
    const c = cases.json.cases[0];
    const close = '/api/v1/inbound/cases/{id}/close';
    assert.equal((await post(close, `/api/v1/inbound/cases/${c.id}/close`, { note: '', version: c.version }, tok.clerk)).status, 400);
    assert.equal((await post(close, `/api/v1/inbound/cases/${c.id}/close`, { application_id: 999999, version: c.version }, tok.clerk)).status, 422);
    assert.equal((await post(close, '/api/v1/inbound/cases/999999/close', { note: 'x', version: 1 }, tok.clerk)).status, 404);
    const done = await post(close, `/api/v1/inbound/cases/${c.id}/close`, { note: '已再入境', version: c.version }, tok.clerk);
    assert.equal(done.status, 200, done.text);
    assert.equal((await post(close, `/api/v1/inbound/cases/${c.id}/close`, { note: 'x', version: 2 }, tok.clerk)).status, 409);
    assert.equal((await get('/api/v1/inbound/anomalies', '/api/v1/inbound/anomalies', tok.clerk)).json.anomalies.length, 1);
    assert.equal((await get('/api/v1/inbound/anomalies', '/api/v1/inbound/anomalies', tok.auditor)).status, 403);
    assert.equal((await get('/api/v1/inbound/files', '/api/v1/inbound/files', tok.clerk)).json.files.length, 1);
    const kpi = await get('/api/v1/inbound/kpi', `/api/v1/inbound/kpi?year=${today().slice(0, 4)}`, tok.supervisor);
    assert.equal(kpi.json.abroad_2y.completion, 1);
    assert.equal((await get('/api/v1/inbound/kpi', '/api/v1/inbound/kpi?year=x', tok.supervisor)).status, 400);
  });

  test('cross-agency notification KPIs, weekly review and anomaly log', async () => {
    const rate = '/api/v1/kpi/notification-rate';
    const k = await get(rate, `${rate}?from=${today()}&to=${today()}`, tok.auditor);
    assert.equal(k.status, 200, k.text);
    assert.equal((await get(rate, `${rate}?from=${today()}`, tok.supervisor)).status, 400);
    assert.equal((await get(rate, `${rate}?from=${today()}&to=${today()}`, tok.clerk)).status, 403);
    const reviews = '/api/v1/notification-reviews';
    const drawn = await post(reviews, reviews, {}, tok.supervisor);
    assert.equal(drawn.status, 201, drawn.text);
    assert.equal((await post(reviews, reviews, {}, tok.supervisor)).status, 409);
    assert.equal((await post(reviews, reviews, { week: today() }, tok.supervisor)).status, 422);
    assert.equal((await post(reviews, reviews, { week: 'x' }, tok.supervisor)).status, 400);
    assert.equal((await post(reviews, reviews, {}, tok.clerk)).status, 403);
    assert.equal((await get(reviews, reviews, tok.auditor)).status, 200);
    const one = '/api/v1/notification-reviews/{id}';
    assert.equal((await get(one, `${reviews}/${drawn.json.sample.id}`, tok.supervisor)).status, 200);
    assert.equal((await get(one, `${reviews}/999999`, tok.supervisor)).status, 404);
    const findings = '/api/v1/notification-reviews/{id}/findings';
    assert.equal((await post(findings, `${reviews}/${drawn.json.sample.id}/findings`,
      { application_id: 1, finding: 'x' }, tok.supervisor)).status, 400);
    assert.equal((await post(findings, `${reviews}/999999/findings`,
      { application_id: 1, finding: 'correct' }, tok.supervisor)).status, 404);
    const log = '/api/v1/notification-anomalies';
    const month = today().slice(0, 7);
    assert.equal((await get(log, `${log}?month=${month}`, tok.supervisor)).status, 200);
    assert.equal((await get(log, `${log}?month=x`, tok.supervisor)).status, 400);
    const csv = '/api/v1/notification-anomalies.csv';
    assert.equal((await get(csv, `${csv}?month=${month}`, tok.auditor)).status, 200);
    assert.equal((await get(csv, `${csv}?month=x`, tok.auditor)).status, 400);
    const sign = '/api/v1/notification-anomalies/sign';
    assert.equal((await post(sign, sign, { month }, tok.supervisor)).status, 422);
    assert.equal((await post(sign, sign, { month: '2020-01', note: '無異常' }, tok.supervisor)).status, 200);
    assert.equal((await post(sign, sign, { month: '2020-01' }, tok.supervisor)).status, 409);
    assert.equal((await post(sign, sign, { month: '2020-01' }, tok.auditor)).status, 403);
  });

  test('ID cards, their blank stock and booklets', async () => {
    const stock = '/api/v1/id-card-stock';
    assert.equal((await post(`${stock}/receipts`, `${stock}/receipts`, { item: 'card', first: 'OA0000001', last: 'OA0000005' }, tok.clerk)).status, 201);
    assert.equal((await post(`${stock}/receipts`, `${stock}/receipts`, { item: 'laminate', first: 'OL0000001', last: 'OL0000005' }, tok.clerk)).status, 201);
    assert.equal((await post(`${stock}/receipts`, `${stock}/receipts`, { item: 'card', first: 'OA0000005', last: 'OA0000006' }, tok.clerk)).status, 409);
    assert.equal((await post(`${stock}/receipts`, `${stock}/receipts`, { item: 'disk', first: 'OA1', last: 'OA2' }, tok.clerk)).status, 400);
    assert.equal((await post(`${stock}/removals`, `${stock}/removals`, { item: 'card', serial: 'OA0000005', status: 'spoiled', reason: '印製失敗' }, tok.clerk, null)).status, 200);
    assert.equal((await post(`${stock}/removals`, `${stock}/removals`, { item: 'card', serial: 'OA0000005', status: 'voided', reason: '再' }, tok.clerk, null)).status, 409);
    assert.equal((await post(`${stock}/removals`, `${stock}/removals`, { item: 'card', serial: 'ZZ0000005', status: 'voided', reason: '無' }, tok.clerk, null)).status, 404);
    assert.equal((await get(stock, stock, tok.clerk)).status, 200);
    assert.equal((await get(stock, stock, tok.auditor)).status, 403);
    const person = demo.sample;
    const photos = '/api/v1/id-cards/photos';
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'),
      Buffer.from([0, 0, 1, 0x9d, 0, 0, 2, 0x13, 8, 0, 0, 0, 0])]);
    const upload = async (bytes, type) => {
      const r = await rawRequest(url, `${photos}?person_id=${person}`, {
        method: 'POST', body: bytes, headers: { Authorization: `Bearer ${tok.clerk}`, 'Content-Type': type, 'Idempotency-Key': randomUUID() },
      });
      const text = r.bytes.toString('utf8');
      return conforms('POST', photos, { status: r.status, text, json: JSON.parse(text), headers: r.headers });
    };
    const photo = await upload(png, 'image/png');
    assert.equal(photo.status, 201, photo.text);
    assert.equal((await upload(png, 'image/jpeg')).status, 400);
    const shown = await rawRequest(url, `${photos}/${photo.json.photo.id}`, { headers: { Authorization: `Bearer ${tok.clerk}` } });
    conforms('GET', `${photos}/{id}`, { status: shown.status, text: '', headers: shown.headers });
    assert.equal((await get(`${photos}/{id}`, `${photos}/999999`, tok.clerk)).status, 404);
    const cards = '/api/v1/id-cards';
    const body = { person_id: person, kind: 'renewal', card_serial: 'OA0000001', laminate_serial: 'OL0000001', photo_id: photo.json.photo.id,
      applicant_name: '本人', identity_check: 'household_booklet' };
    assert.equal((await post(cards, cards, body, tok.clerk)).status, 422);
    const issued = await post(cards, cards, { ...body, kind: 'first' }, tok.clerk);
    assert.ok([201, 422].includes(issued.status), issued.text);
    assert.equal((await post(cards, cards, { ...body, kind: 'x' }, tok.clerk)).status, 400);
    assert.equal((await post(cards, cards, { ...body, person_id: 'Z299999992' }, tok.clerk)).status, 404);
    assert.equal((await get(cards, `${cards}?person_id=${person}`, tok.clerk)).status, 200);
    assert.equal((await get(cards, `${cards}?person_id=Z299999992`, tok.clerk)).status, 404);
    const batch = await post(`${cards}/batches`, `${cards}/batches`, { school: '景美國中', students: [{ ...body, kind: undefined, card_serial: 'OA0000002', laminate_serial: 'OL0000002' }] }, tok.clerk);
    assert.equal(batch.status, 200, batch.text);
    assert.equal((await post(`${cards}/batches`, `${cards}/batches`, { school: '', students: [] }, tok.clerk)).status, 400);
    if (issued.status === 201) {
      const id = issued.json.card.id;
      assert.equal((await post(`${cards}/{id}/loss`, `${cards}/${id}/loss`, { reason: '遺失' }, tok.clerk)).status, 200);
      assert.equal((await post(`${cards}/{id}/loss`, `${cards}/${id}/loss`, { reason: '遺失' }, tok.clerk)).status, 422);
      assert.equal((await post(`${cards}/{id}/loss-revocation`, `${cards}/${id}/loss-revocation`, { reason: '尋獲' }, tok.clerk)).status, 200);
      assert.equal((await post(`${cards}/{id}/cancel`, `${cards}/${id}/cancel`, { reason: '誤植', version: 1 }, tok.supervisor, null)).status, 409);
      assert.equal((await post(`${cards}/{id}/cancel`, `${cards}/${id}/cancel`, { reason: '誤植', version: 3 }, tok.supervisor, null)).status, 200);
    }
    assert.equal((await post(`${cards}/{id}/loss`, `${cards}/999999/loss`, { reason: '' }, tok.clerk)).status, 404);
    const certificates = `${cards}/temporary-certificates`;
    const cert = await post(certificates, certificates, { person_id: person, reason: '製證系統停機' }, tok.clerk);
    assert.equal(cert.status, 201, cert.text);
    assert.equal((await post(certificates, certificates, { person_id: person, reason: '' }, tok.clerk)).status, 400);
    const certPdf = await rawRequest(url, cert.json.certificate.pdf_url, { headers: { Authorization: `Bearer ${tok.clerk}` } });
    conforms('GET', `${certificates}/{code}/pdf`, { status: certPdf.status, text: '', headers: certPdf.headers });
    assert.equal((await get(`${certificates}/{code}/pdf`, `${certificates}/XXXX/pdf`, tok.clerk)).status, 404);
    assert.equal((await post(`${cards}/{id}/cancel`, `${cards}/999999/cancel`, { reason: '' }, tok.supervisor, null)).status, 400);
    const kpis = `${cards}/kpis`;
    assert.equal((await get(kpis, `${kpis}?year=${today().slice(0, 4)}`, tok.supervisor)).status, 200);
    assert.equal((await get(kpis, `${kpis}?year=x`, tok.supervisor)).status, 400);
    const month = today().slice(0, 7);
    const counts = `${stock}/counts`;
    assert.equal((await post(counts, counts, { month, item: 'card', serials: ['OA0000003', 'OA9999999'] }, tok.clerk)).status, 201);
    assert.equal((await post(counts, counts, { month, item: 'card' }, tok.clerk)).status, 400);
    const monthly = `${stock}/monthly-count`;
    assert.equal((await get(monthly, `${monthly}?month=${month}`, tok.clerk)).status, 200);
    assert.equal((await get(monthly, `${monthly}?month=x`, tok.clerk)).status, 400);
    assert.equal((await get(`${monthly}.csv`, `${monthly}.csv?month=${month}`, tok.clerk)).status, 200);
    const booklets = '/api/v1/booklets';
    const household = (await api(url, `/api/v1/persons/${person}?purpose=${purpose}`, { token: tok.clerk })).json.household;
    const no = household.household_no;
    const head = household.head_id_number;
    assert.equal((await post(booklets, booklets, { household_no: no, kind: 'issue', applicant_id: head }, tok.clerk)).status, 201);
    assert.equal((await post(booklets, booklets, { household_no: no, kind: 'issue', applicant_id: head }, tok.clerk)).status, 422);
    assert.equal((await post(booklets, booklets, { household_no: no, kind: 'issue', applicant_id: 'Z299999992' }, tok.clerk)).status, 403);
    assert.equal((await post(booklets, booklets, { household_no: 'Z9999999', kind: 'issue', applicant_id: head }, tok.clerk)).status, 404);
    assert.equal((await post(booklets, booklets, { household_no: no, kind: 'x', applicant_id: head }, tok.clerk)).status, 400);
    assert.equal((await get(booklets, `${booklets}?household_no=${no}`, tok.clerk)).status, 200);
    assert.equal((await get(booklets, `${booklets}?household_no=Z9999999`, tok.clerk)).status, 404);
  });

  test('the office calendar: list, load a year, a bad file', async () => {
    const list = '/api/v1/admin/calendar';
    const listed = await get(list, list, tok.admin);
    assert.equal(listed.status, 200, listed.text);
    assert.equal((await get(list, list, tok.clerk)).status, 403);
    const load = '/api/v1/admin/calendar/{year}';
    const put = async (path, text, token = tok.admin) => conforms('PUT', load, await api(url, path, {
      method: 'PUT', token, body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    }));
    const text = readFileSync(join(root, 'data/calendar/2027.txt'), 'utf8');
    const loaded = await put('/api/v1/admin/calendar/2027', text);
    assert.equal(loaded.status, 200, loaded.text);
    assert.equal((await put('/api/v1/admin/calendar/2027', '2027-02-30 holiday\n')).status, 400);
    assert.equal((await put('/api/v1/admin/calendar/2027', text, tok.clerk)).status, 403);
    assert.equal((await put('/api/v1/admin/calendar/2027', `${text}#${'x'.repeat(70 * 1024)}`)).status, 413);
    assert.ok((await get(list, list, tok.admin)).json.years.some((y) => y.year === 2027 && y.source === 'database'));
  });

  test('the statutory figures: list, load a version, a bad text', async () => {
    const path = '/api/v1/admin/rules';
    const listed = await get(path, path, tok.admin);
    assert.equal(listed.status, 200, listed.text);
    assert.equal((await get(path, path, tok.clerk)).status, 403);
    const put = async (text, token = tok.admin) => conforms('PUT', path, await api(url, path, {
      method: 'PUT', token, body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    }));
    const next = `${Number(today().slice(0, 4)) + 1}-07-01`;
    const text = listed.json.versions[0].text.replace(/^effective .*$/m, `effective ${next}`);
    const loaded = await put(text);
    assert.equal(loaded.status, 200, loaded.text);
    assert.equal((await put(text.replace('deadline.birth_days 60', 'deadline.birth_days x'))).status, 400);
    assert.equal((await put(text.replace(/^effective .*$/m, 'effective 2020-01-01'))).status, 422);
    assert.equal((await put(text, tok.clerk)).status, 403);
    assert.ok((await get(path, path, tok.admin)).json.versions.some((v) => v.effective_from === next && v.source === 'database'));
  });

  test('account management by an admin', async () => {
    runCli(['user', 'add', '--db', demo.db, '--username', 'api.clerk', '--role', 'clerk', '--office', '63000080'],
      'a river ledger for docs\n');
    const users = '/api/v1/admin/users/{username}';
    const path = (verb, who = 'api.clerk') => `/api/v1/admin/users/${who}/${verb}`;
    for (const verb of ['disable', 'enable', 'unlock', 'revoke-sessions']) {
      assert.equal((await post(`${users}/${verb}`, path(verb), undefined, tok.admin, null)).status, 204);
    }
    assert.equal((await post(`${users}/disable`, path('disable', 'nobody'), undefined, tok.admin, null)).status, 404);
    assert.equal((await post(`${users}/disable`, path('disable'), undefined, tok.clerk, null)).status, 403);
    assert.equal((await post(`${users}/reset`, path('reset'), { password: 'short' }, tok.admin, null)).status, 400);
    assert.equal((await post(`${users}/reset`, path('reset'), { password: 'another river ledger' }, tok.admin, null)).status, 204);
    const enrolled = await post(`${users}/totp`, path('totp'), undefined, tok.admin, null);
    assert.equal(enrolled.status, 200, enrolled.text);
    assert.equal((await post(`${users}/reset`, path('reset'), {}, tok.admin, null)).status, 200);

    const list = '/api/v1/admin/users';
    assert.equal((await get(list, list, tok.admin)).status, 200);
    assert.equal((await get(list, list, tok.clerk)).status, 403);
    assert.equal((await post(list, list, { username: 'api.new', display_name: '新進', role: 'clerk' }, tok.admin, null)).status, 201);
    assert.equal((await post(list, list, { username: 'api.new', display_name: '新進', role: 'clerk' }, tok.admin, null)).status, 409);
    assert.equal((await post(list, list, { username: 'api.x', role: 'boss' }, tok.admin, null)).status, 400);
    const role = `${users}/role`;
    const put = async (who, body, token = tok.admin) => conforms('PUT', role,
      await api(url, path('role', who), { method: 'PUT', token, body }));
    assert.equal((await put('api.new', { role: 'supervisor' })).status, 204);
    assert.equal((await put('api.new', { role: 'boss' })).status, 400);
    assert.equal((await put('nobody', { role: 'clerk' })).status, 404);
    assert.equal((await put('admin', { role: 'clerk' })).status, 403);  // user.self_role
    assert.equal((await post(`${users}/disable`, path('disable', 'admin'), undefined, tok.admin, null)).status, 409);

    const offices = '/api/v1/admin/offices';
    assert.equal((await get(offices, offices, tok.admin)).status, 200);
    assert.equal((await get(offices, offices, tok.clerk)).status, 403);
    const year = '/api/v1/admin/calendar/{year}';
    assert.equal((await get(year, '/api/v1/admin/calendar/2026', tok.admin)).status, 200);
    assert.equal((await get(year, '/api/v1/admin/calendar/1999', tok.admin)).status, 422);
  });

  test('public checks of issued documents, and a revocation', async () => {
    const d = stampDocument(documentKey(bin, demo.dir), { office: '63000080', issuedOn: today(),
      printed: [['戶號', 'F1234567']], pdf: samplePdf('openapi') });
    insertDocument(backend, demo.db, d);
    assert.equal((await get('/api/v1/verify/keys', '/api/v1/verify/keys')).status, 200);
    const code = '/api/v1/verify/{code}';
    assert.equal((await get(code, `/api/v1/verify/${d.grouped}`)).json.status, 'valid');
    assert.equal((await get(code, '/api/v1/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ')).json.valid, false);
    const pdf = (template, path, bytes, type = 'application/pdf') => rawRequest(url, path, { method: 'POST', headers: { 'Content-Type': type }, body: bytes })
      .then((r) => conforms('POST', template, { status: r.status, headers: r.headers, text: r.bytes.toString('utf8'), json: JSON.parse(r.bytes.toString('utf8')) }));
    assert.equal((await pdf('/api/v1/verify/pdf', '/api/v1/verify/pdf', d.pdf)).status, 200);
    assert.equal((await pdf('/api/v1/verify/pdf', '/api/v1/verify/pdf', samplePdf('other'))).status, 404);
    assert.equal((await pdf('/api/v1/verify/{code}/pdf', `/api/v1/verify/${d.code}/pdf`, d.pdf)).status, 200);
    assert.equal((await pdf('/api/v1/verify/pdf', '/api/v1/verify/pdf', 'x', 'text/plain')).status, 415);
    const revoke = '/api/v1/documents/{code}/revoke';
    assert.equal((await post(revoke, `/api/v1/documents/${d.code}/revoke`, { reason: '已換發新謄本' }, tok.clerk)).status, 403);
    assert.equal((await post(revoke, `/api/v1/documents/${d.code}/revoke`, { reason: '已換發新謄本' }, tok.supervisor)).status, 200);
    assert.equal((await get(code, `/api/v1/verify/${d.code}`)).json.status, 'revoked');
  });

  test('fees, payments, receipts, refunds and the daily close', async () => {
    const fees = '/api/v1/fees';
    assert.equal((await get(fees, fees)).status, 200);
    assert.equal((await get(fees, `${fees}?on=2001-01-01`)).status, 404);
    assert.equal((await get(fees, `${fees}?on=x`)).status, 400);
    const admin = '/api/v1/admin/fees';
    const listed = await get(admin, admin, tok.admin);
    assert.equal(listed.status, 200, listed.text);
    assert.equal((await get(admin, admin, tok.auditor)).status, 403);
    const put = async (text, token = tok.admin) => conforms('PUT', admin, await api(url, admin, {
      method: 'PUT', token, body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    }));
    const next = `${Number(today().slice(0, 4)) + 1}-07-01`;
    const text = listed.json.versions.at(-1).text.replace(/^effective .*$/m, `effective ${next}`);
    assert.equal((await put(text)).status, 200);
    assert.equal((await put('effective x\n')).status, 400);
    assert.equal((await put(text.replace(/^effective .*$/m, 'effective 2020-01-01'))).status, 422);
    assert.equal((await put(text, tok.clerk)).status, 403);

    const charges = '/api/v1/charges';
    const a = await post(charges, charges, { item: 'transcript_sheet', quantity: 2 }, tok.clerk);
    assert.equal(a.status, 201, a.text);
    assert.equal((await post(charges, charges, { item: 'no_such_item' }, tok.clerk)).status, 400);
    assert.equal((await post(charges, charges, { item: 'transcript_sheet' }, tok.auditor)).status, 403);
    assert.equal((await get(charges, charges, tok.clerk)).status, 200);
    const body = { charges: [a.json.charge.id], method: 'cash', tendered: 100, counter: '9', payer: { name: '陳大文' } };
    const preview = '/api/v1/payments/preview';
    assert.equal((await post(preview, preview, body, tok.clerk, null)).status, 200);
    assert.equal((await post(preview, preview, { ...body, charges: [999999] }, tok.clerk, null)).status, 404);
    const payments = '/api/v1/payments';
    const paid = await post(payments, payments, body, tok.clerk);
    assert.equal(paid.status, 201, paid.text);
    assert.equal((await post(payments, payments, body, tok.clerk)).status, 409);
    assert.equal((await post(payments, payments, { ...body, method: 'x' }, tok.clerk)).status, 400);
    assert.equal((await post(payments, payments, { ...body, charges: [999998] }, tok.clerk)).status, 404);
    const id = paid.json.receipt.id;
    const receipt = '/api/v1/receipts/{id}';
    assert.equal((await get(receipt, `/api/v1/receipts/${id}`, tok.clerk)).status, 200);
    assert.equal((await get(receipt, '/api/v1/receipts/999999', tok.clerk)).status, 404);
    assert.equal((await get(receipt, `/api/v1/receipts/${id}`, tok.auditor)).status, 403);
    const list = '/api/v1/receipts';
    assert.equal((await get(list, `${list}?date=${today()}`, tok.clerk)).status, 200);
    const pdf = '/api/v1/receipts/{id}/receipt.pdf';
    assert.equal((await get(pdf, `/api/v1/receipts/${id}/receipt.pdf`, tok.clerk)).status, 200);
    const refund = '/api/v1/receipts/{id}/refund';
    assert.equal((await post(refund, `/api/v1/receipts/${id}/refund`, { reason: '撤回' }, tok.clerk, null)).status, 403);
    assert.equal((await post(refund, `/api/v1/receipts/${id}/refund`, { reason: '' }, tok.supervisor, null)).status, 400);
    assert.equal((await post(refund, `/api/v1/receipts/${id}/refund`, { reason: '撤回' }, tok.supervisor, null)).status, 201);
    assert.equal((await post(refund, `/api/v1/receipts/${id}/refund`, { reason: '撤回' }, tok.supervisor, null)).status, 409);
    const closes = '/api/v1/daily-closes';
    assert.equal((await post(closes, closes, { counter: '9', cash_counted: 0 }, tok.clerk, null)).status, 201);
    assert.equal((await post(closes, closes, { counter: '9', cash_counted: 0 }, tok.clerk, null)).status, 409);
    assert.equal((await post(closes, closes, { counter: '9' }, tok.clerk, null)).status, 400);
    assert.equal((await get(closes, `${closes}?date=${today()}`, tok.clerk)).status, 200);
  });

  test('cross-agency notification: agencies, consent, the outbox and the board', async () => {
    const agencies = '/api/v1/agencies';
    const body = { code: 'oa_tax', name_zh: '稅捐處', name_en: 'Revenue Service', url: 'http://127.0.0.1:9/hook',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', types: ['name_change'], fields: ['id_number', 'name'] };
    assert.equal((await post(agencies, agencies, body, tok.admin, null)).status, 201);
    assert.equal((await post(agencies, agencies, body, tok.admin, null)).status, 409);
    assert.equal((await post(agencies, agencies, { ...body, code: 'oa_x', secret: 'x' }, tok.admin, null)).status, 400);
    assert.equal((await post(agencies, agencies, { ...body, code: 'oa_y' }, tok.clerk, null)).status, 403);
    assert.equal((await get(agencies, agencies, tok.clerk)).status, 200);
    const one = '/api/v1/agencies/{code}';
    assert.equal((await get(one, `${agencies}/oa_tax`, tok.clerk)).status, 200);
    assert.equal((await get(one, `${agencies}/nobody`, tok.clerk)).status, 404);
    const put = async (path, b, token = tok.admin) => conforms('PUT', one, await api(url, path, { method: 'PUT', token, body: b }));
    const { code, ...rest } = body;
    assert.equal((await put(`${agencies}/${code}`, { ...rest, secret: '', version: 1 })).status, 200);
    assert.equal((await put(`${agencies}/${code}`, { ...rest, version: 1 })).status, 409);
    assert.equal((await put(`${agencies}/nobody`, { ...rest, version: 1 })).status, 404);
    assert.equal((await put(`${agencies}/${code}`, { ...rest, url: 'x', version: 2 })).status, 400);
    assert.equal((await put(`${agencies}/${code}`, { ...rest, version: 2 }, tok.clerk)).status, 403);
    const rotate = '/api/v1/agencies/{code}/rotate-secret';
    assert.equal((await post(rotate, `${agencies}/oa_tax/rotate-secret`, {}, tok.admin, null)).status, 200);
    assert.equal((await post(rotate, `${agencies}/oa_tax/rotate-secret`, { secret: 'bad' }, tok.admin, null)).status, 400);
    assert.equal((await post(rotate, `${agencies}/nobody/rotate-secret`, {}, tok.admin, null)).status, 404);
    const end = '/api/v1/agencies/{code}/end-rotation';
    assert.equal((await post(end, `${agencies}/oa_tax/end-rotation`, {}, tok.admin, null)).status, 200);
    assert.equal((await post(end, `${agencies}/nobody/end-rotation`, {}, tok.clerk, null)).status, 403);

    const m = mother(3);
    const submitted = await post('/api/v1/registrations', '/api/v1/registrations', {
      type: 'name_change', event_date: today(), subject_id: m.id, fields: { new_name: '林新名', reason: 'vulgar_or_special' },
      applicant: { name: m.name, id_number: m.id, relation: 'self', identity_check: 'id_card' }, notify: ['oa_tax'],
    }, tok.clerk);
    assert.equal(submitted.status, 201, submitted.text);
    const app = submitted.json.application;
    const reviewed = await post('/api/v1/registrations/{id}/review', `/api/v1/registrations/${app.id}/review`,
      { decision: 'approve', version: app.version }, tok.supervisor);
    assert.equal(reviewed.status, 200, reviewed.text);
    const of = '/api/v1/registrations/{id}/notifications';
    const listed = await get(of, `/api/v1/registrations/${app.id}/notifications`, tok.clerk);
    assert.equal(listed.status, 200);
    assert.equal(listed.json.notifications.length, 1);
    assert.equal((await get(of, '/api/v1/registrations/999999/notifications', tok.clerk)).status, 404);
    assert.equal((await get(of, `/api/v1/registrations/${app.id}/notifications`, tok.auditor)).status, 403);
    const defaults = '/api/v1/persons/{id}/notify-defaults';
    assert.equal((await get(defaults, `/api/v1/persons/${m.id}/notify-defaults`, tok.clerk)).status, 200);
    assert.equal((await get(defaults, `/api/v1/persons/${m.id}/notify-defaults`, tok.auditor)).status, 403);
    const board = '/api/v1/notifications';
    assert.equal((await get(board, board, tok.supervisor)).status, 200);
    assert.equal((await get(board, `${board}?status=x`, tok.supervisor)).status, 400);
    assert.equal((await get(board, board, tok.clerk)).status, 403);
    const id = listed.json.notifications[0].id;
    const single = '/api/v1/notifications/{id}';
    assert.equal((await get(single, `${board}/${id}`, tok.supervisor)).status, 200);
    assert.equal((await get(single, `${board}/999999`, tok.supervisor)).status, 404);
    assert.equal((await get(single, `${board}/${id}`, tok.clerk)).status, 403);
    const replay = '/api/v1/notifications/{id}/replay';
    const retry = '/api/v1/notifications/{id}/retry';
    const status = listed.json.notifications[0].status;
    assert.equal((await post(status === 'dead' ? retry : replay, `${board}/${id}/${status === 'dead' ? 'retry' : 'replay'}`, {}, tok.supervisor, null)).status, 409);
    assert.equal((await post(replay, `${board}/999999/replay`, {}, tok.supervisor, null)).status, 404);
    assert.equal((await post(retry, `${board}/999999/retry`, {}, tok.supervisor, null)).status, 404);
    assert.equal((await post(replay, `${board}/${id}/replay`, {}, tok.clerk, null)).status, 403);
    assert.equal((await post(retry, `${board}/${id}/retry`, {}, tok.clerk, null)).status, 403);
    // A dead letter made by hand (no agency listens at port 9): replayed, then due again.
    const sql = `UPDATE notifications SET status = 'dead' WHERE id = ${id}`;
    if (backend === 'postgres') execFileSync('psql', [demo.db, '-X', '-q', '-c', sql]);
    else execFileSync('sqlite3', [demo.db, sql]);
    assert.equal((await post(replay, `${board}/${id}/replay`, {}, tok.supervisor, null)).status, 200);
    assert.equal((await post(retry, `${board}/${id}/retry`, {}, tok.supervisor, null)).status, 200);
  });

  test('the counter queue: services, counters, tickets, calls and the display replay', async () => {
    for (const who of ['clerk', 'auditor']) tok[who] ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: who, password: `${who}-demo-pass` } })).json.token;
    assert.equal((await get('/api/v1/queue/services', '/api/v1/queue/services')).status, 200);
    assert.equal((await get('/api/v1/queue/services', '/api/v1/queue/services?office=00000000')).status, 404);
    assert.equal((await get('/api/v1/queue/counters', '/api/v1/queue/counters', tok.clerk)).status, 200);
    assert.equal((await get('/api/v1/queue/counters', '/api/v1/queue/counters', tok.auditor)).status, 403);
    const tickets = '/api/v1/queue/tickets';
    const made = await post(tickets, tickets, { service: 'nationality', priority: false }, undefined, null);
    assert.equal(made.status, 201);
    assert.equal((await post(tickets, tickets, { service: 'nope' }, undefined, null)).status, 404);
    assert.equal((await post(tickets, tickets, { service: 'seal', source: 'x' }, undefined, null)).status, 400);
    assert.equal((await get(tickets, tickets, tok.clerk)).status, 200);
    const one = '/api/v1/queue/tickets/{id}';
    assert.equal((await get(one, `${tickets}/${made.json.ticket.id}`)).status, 200);
    assert.equal((await get(one, `${tickets}/999999`)).status, 404);
    const call = '/api/v1/queue/counters/{counter}/call-next';
    assert.equal((await post(call, '/api/v1/queue/counters/6/call-next', {}, tok.clerk, null)).status, 200);
    assert.equal((await post(call, '/api/v1/queue/counters/6/call-next', {}, tok.clerk, null)).status, 204);
    assert.equal((await post(call, '/api/v1/queue/counters/zz/call-next', {}, tok.clerk, null)).status, 404);
    assert.equal((await post(call, '/api/v1/queue/counters/6/call-next', {}, tok.auditor, null)).status, 403);
    const events = '/api/v1/queue/display/events';
    const shown = await get(events, `${events}?after=0`);
    assert.equal(shown.status, 200);
    assert.ok(shown.json.calls.some((c) => c.number === made.json.ticket.number));
  });

  test('the queue statistics and their CSV', async () => {
    for (const who of ['supervisor', 'clerk']) tok[who] ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: who, password: `${who}-demo-pass` } })).json.token;
    const stats = '/api/v1/queue/statistics';
    const r = await get(stats, `${stats}?from=2026-01-01&to=2026-12-31`, tok.supervisor);
    assert.equal(r.status, 200, r.text);
    assert.equal((await get(stats, stats, tok.supervisor)).status, 200);
    assert.equal((await get(stats, `${stats}?from=2026-02-01&to=2026-01-01`, tok.supervisor)).status, 400);
    assert.equal((await get(stats, stats, tok.clerk)).status, 403);
    const csv = '/api/v1/queue/statistics.csv';
    assert.equal((await get(csv, `${csv}?from=2026-12-01`, tok.supervisor)).status, 200);
    assert.equal((await get(csv, `${csv}?punctual_min=-1`, tok.supervisor)).status, 400);
  });

  test('the counter queue: a chosen call, recall, no-show, return, transfer, finish, cancel, the board and the configuration', async () => {
    for (const who of ['clerk', 'supervisor', 'auditor', 'admin']) tok[who] ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: who, password: `${who}-demo-pass` } })).json.token;
    const put = async (template, path, body, token = tok.admin) => conforms('PUT', template, await api(url, path, { method: 'PUT', token, body }));
    const policy = '/api/v1/queue/policy';
    assert.equal((await get(policy, policy, tok.clerk)).status, 200);
    assert.equal((await get(policy, policy, tok.auditor)).status, 403);
    assert.equal((await put(policy, policy, { recall_pause_s: 0, no_show_grace_min: 5 })).status, 200);
    assert.equal((await put(policy, policy, { cap_min: 1 })).status, 400);
    assert.equal((await put(policy, policy, { cap_min: 40 }, tok.clerk)).status, 403);
    const svc = '/api/v1/queue/services/{code}';
    const s1 = { name_zh: '到宅服務', name_en: 'Home visits', number_base: 8000, sort: 9, active: true };
    assert.equal((await put(svc, '/api/v1/queue/services/household_visit', s1)).status, 200);
    assert.equal((await put(svc, '/api/v1/queue/services/other_visit', s1)).status, 409);
    assert.equal((await put(svc, '/api/v1/queue/services/Bad', s1)).status, 400);
    assert.equal((await put(svc, '/api/v1/queue/services/household_visit', s1, tok.clerk)).status, 403);
    const ctr = '/api/v1/queue/counters/{counter}';
    const c9 = { name_zh: '櫃台 9', name_en: 'Counter 9', services: ['household_visit', 'seal'], open: true, sort: 9 };
    assert.equal((await put(ctr, '/api/v1/queue/counters/9', c9)).status, 200);
    assert.equal((await put(ctr, '/api/v1/queue/counters/9', { ...c9, services: ['nope'] })).status, 400);
    assert.equal((await put(ctr, '/api/v1/queue/counters/9', { ...c9, sort: 1 }, tok.supervisor)).status, 403);
    assert.equal((await put(ctr, '/api/v1/queue/counters/10', c9, tok.supervisor)).status, 404);

    const tickets = '/api/v1/queue/tickets';
    const take = async () => (await api(url, tickets, { method: 'POST', token: tok.clerk, body: { service: 'household_visit' } })).json.ticket;
    const [a, b] = [await take(), await take()];
    const chosen = '/api/v1/queue/counters/{counter}/call';
    assert.equal((await post(chosen, '/api/v1/queue/counters/9/call', { ticket_id: b.id }, tok.clerk, null)).status, 200);
    assert.equal((await post(chosen, '/api/v1/queue/counters/9/call', {}, tok.clerk, null)).status, 400);
    assert.equal((await post(chosen, '/api/v1/queue/counters/9/call', { ticket_id: b.id }, tok.auditor, null)).status, 403);
    assert.equal((await post(chosen, '/api/v1/queue/counters/zz/call', { ticket_id: a.id }, tok.clerk, null)).status, 404);
    assert.equal((await post(chosen, '/api/v1/queue/counters/9/call', { ticket_id: b.id }, tok.clerk, null)).status, 409);
    const step = (name) => `/api/v1/queue/tickets/{id}/${name}`;
    const at = (id, name) => `/api/v1/queue/tickets/${id}/${name}`;
    assert.equal((await post(step('recall'), at(b.id, 'recall'), {}, tok.clerk, null)).status, 200);
    assert.equal((await post(step('recall'), at(a.id, 'recall'), {}, tok.clerk, null)).status, 409);
    assert.equal((await post(step('recall'), at(999999, 'recall'), {}, tok.clerk, null)).status, 404);
    assert.equal((await post(step('recall'), at(b.id, 'recall'), { version: 'x' }, tok.clerk, null)).status, 400);
    assert.equal((await post(step('recall'), at(b.id, 'recall'), {}, tok.auditor, null)).status, 403);
    assert.equal((await post(step('no-show'), at(b.id, 'no-show'), {}, tok.clerk, null)).status, 200);
    const bodies = { 'no-show': {}, return: {}, cancel: {}, transfer: { service: 'seal' }, finish: { outcome: 'seal' } };
    for (const [name, body] of Object.entries(bodies)) {
      assert.equal((await post(step(name), at(999999, name), body, tok.clerk, null)).status, 404);
      assert.equal((await post(step(name), at(b.id, name), { ...body, version: 1 }, tok.clerk, null)).status, 409);
      assert.equal((await post(step(name), at(b.id, name), { nope: 1 }, tok.clerk, null)).status, 400);
      assert.equal((await post(step(name), at(b.id, name), {}, tok.auditor, null)).status, 403);
    }
    assert.equal((await post(step('return'), at(b.id, 'return'), {}, tok.clerk, null)).status, 200);
    assert.equal((await post(step('transfer'), at(b.id, 'transfer'), { service: 'seal' }, tok.clerk, null)).status, 200);
    assert.equal((await post(chosen, '/api/v1/queue/counters/9/call', { ticket_id: b.id }, tok.clerk, null)).status, 200);
    assert.equal((await post(step('finish'), at(b.id, 'finish'), { outcome: 'seal', link: '' }, tok.clerk, null)).status, 200);
    assert.equal((await post(step('cancel'), at(a.id, 'cancel'), {}, tok.clerk, null)).status, 200);
    const board = '/api/v1/queue/board';
    assert.equal((await get(board, board, tok.supervisor)).status, 200);
    assert.equal((await get(board, board, tok.auditor)).status, 403);
    assert.equal((await put(ctr, '/api/v1/queue/counters/9', { ...c9, open: false }, tok.supervisor)).status, 200);
  });

  test('the counter queue: crowd dispersion advice', async () => {
    for (const who of ['clerk', 'supervisor', 'auditor']) tok[who] ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: who, password: `${who}-demo-pass` } })).json.token;
    const advice = '/api/v1/queue/advice';
    const tickets = '/api/v1/queue/tickets';
    for (let i = 0; i < 10; i++) await post(tickets, tickets, { service: 'nationality', priority: false }, undefined, null);
    const r = await get(advice, advice, tok.supervisor);
    assert.equal(r.status, 200);
    assert.ok(r.json.services.some((s) => s.advice !== null), r.text);
    assert.equal((await get(advice, advice, tok.clerk)).status, 200);
    assert.equal((await get(advice, advice, tok.auditor)).status, 403);
  });

  test('the lobby\'s voice: announcements and recorded clips', async () => {
    tok.admin ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: 'admin', password: 'admin-demo-pass' } })).json.token;
    const raw = async (method, template, path, { token, body } = {}) => {
      const headers = token ? { Authorization: `Bearer ${token}` } : {};
      if (body) headers['Content-Type'] = 'audio/wav';
      const r = await rawRequest(url, path, { method, headers, body });
      const text = r.headers.get('content-type')?.startsWith('application/json') ? r.bytes.toString() : '';
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
      return conforms(method, template, { status: r.status, json, text, headers: r.headers });
    };
    const said = '/api/v1/queue/announcements/{lang}/{number}/{file}';
    assert.equal((await raw('GET', said, '/api/v1/queue/announcements/en/2001/3.wav')).status, 200);
    assert.equal((await raw('GET', said, '/api/v1/queue/announcements/en/2001/3.mp3')).status, 400);
    assert.equal((await raw('GET', said, '/api/v1/queue/announcements/nan/2001/3.wav')).status, 404);
    const clips = '/api/v1/queue/voice-clips';
    const one = '/api/v1/queue/voice-clips/{lang}/{phrase}';
    const pcm = Buffer.alloc(44 + 400);
    pcm.write('RIFF', 0); pcm.writeUInt32LE(36 + 400, 4); pcm.write('WAVEfmt ', 8); pcm.writeUInt32LE(16, 16);
    pcm.writeUInt16LE(1, 20); pcm.writeUInt16LE(1, 22); pcm.writeUInt32LE(22050, 24); pcm.writeUInt32LE(44100, 28);
    pcm.writeUInt16LE(2, 32); pcm.writeUInt16LE(16, 34); pcm.write('data', 36); pcm.writeUInt32LE(400, 40);
    assert.equal((await raw('PUT', one, `${clips}/nan/please`, { token: tok.admin, body: pcm })).status, 204);
    assert.equal((await raw('PUT', one, `${clips}/nan/hello`, { token: tok.admin, body: pcm })).status, 400);
    assert.equal((await raw('PUT', one, `${clips}/nan/please`, { token: tok.clerk, body: pcm })).status, 403);
    assert.equal((await raw('PUT', one, `${clips}/nan/please`, { token: tok.admin, body: Buffer.alloc((1 << 20) + 1) })).status, 413);
    assert.equal((await raw('GET', one, `${clips}/nan/please`, { token: tok.admin })).status, 200);
    assert.equal((await raw('GET', one, `${clips}/nan/number`, { token: tok.admin })).status, 404);
    assert.equal((await get(clips, clips, tok.admin)).json.clips.length, 1);
    assert.equal((await get(clips, `${clips}?lang=xx`, tok.admin)).status, 400);
    assert.equal((await get(clips, clips, tok.clerk)).status, 403);
    assert.equal((await raw('DELETE', one, `${clips}/nan/please`, { token: tok.admin })).status, 204);
    assert.equal((await raw('DELETE', one, `${clips}/nan/please`, { token: tok.admin })).status, 404);
  });

  test('appointments: rules, slots, bookings, check-in, no-shows and home visits', async () => {
    for (const who of ['clerk', 'admin', 'auditor']) tok[who] ??= (await api(url, '/api/v1/auth/login', { method: 'POST', body: { username: who, password: `${who}-demo-pass` } })).json.token;
    const rulesPath = '/api/v1/appointments/rules';
    assert.equal((await get(rulesPath, rulesPath)).status, 200);
    const put = async (body, token) => conforms('PUT', rulesPath, await api(url, rulesPath, { method: 'PUT', token, body }));
    assert.equal((await put({ capacities: { seal: 3 } }, tok.admin)).status, 200);
    assert.equal((await put({ slot_min: 1 }, tok.admin)).status, 400);
    assert.equal((await put({ slot_min: 15 }, tok.clerk)).status, 403);
    const slotsPath = '/api/v1/appointments/slots';
    let slot;
    for (let i = 1; i <= 10 && !slot; i++) {
      const day = taipei(Date.now() + i * DAY);
      const r = await get(slotsPath, `${slotsPath}?day=${day}&service=seal`);
      assert.equal(r.status, 200);
      const open = r.json.slots.find((x) => x.bookable);
      if (open) slot = { day, start: open.start };
    }
    assert.equal((await get(slotsPath, `${slotsPath}?day=1999-01-01&service=seal`)).status, 422);
    const list = '/api/v1/appointments';
    const who = { name: '王小明', id_number: 'A123456789', phone: '0223456789', email: 'a@example.test' };
    const made = await post(list, list, { service: 'seal', ...slot, ...who }, undefined, null);
    assert.equal(made.status, 201);
    assert.equal((await post(list, list, { service: 'seal', ...slot, ...who }, undefined, null)).status, 409);
    assert.equal((await post(list, list, { service: 'seal', ...slot, ...who, id_number: 'A1' }, undefined, null)).status, 400);
    const byPhone = await post(list, list, { service: 'seal', ...slot, ...who, id_number: 'B123456780' }, tok.clerk, null);
    assert.equal(byPhone.status, 201);
    assert.equal((await get(list, `${list}?day=${slot.day}`, tok.clerk)).status, 200);
    assert.equal((await get(list, `${list}?day=${slot.day}`, tok.auditor)).status, 403);
    const secret = { reference: made.json.appointment.reference, code: made.json.code };
    const lookup = '/api/v1/appointments/lookup';
    assert.equal((await post(lookup, lookup, secret, undefined, null)).status, 200);
    assert.equal((await post(lookup, lookup, { ...secret, code: 'NOPE' }, undefined, null)).status, 404);
    const kiosk = '/api/v1/appointments/check-in';
    assert.equal((await post(kiosk, kiosk, { reference: secret.reference, id_number: who.id_number }, undefined, null)).status, 409);
    assert.equal((await post(kiosk, kiosk, { reference: secret.reference, id_number: 'C123456781' }, undefined, null)).status, 404);
    const cancelOwn = '/api/v1/appointments/cancel';
    assert.equal((await post(cancelOwn, cancelOwn, secret, undefined, null)).status, 200);
    assert.equal((await post(cancelOwn, cancelOwn, secret, undefined, null)).status, 409);
    // The phone booking moved to now: checked in at the counter, then another marked a no-show.
    const id = byPhone.json.appointment.id;
    const now = Date.now();
    writeSql(backend, demo.db, `UPDATE appointments SET day = '${today()}', slot_ms = ${now}, slot_end_ms = ${now + 1800e3} WHERE id = ${id}`);
    const checkIn = '/api/v1/appointments/{id}/check-in';
    const ci = await post(checkIn, `${list}/${id}/check-in`, {}, tok.clerk, null);
    assert.equal(ci.status, 201);
    assert.equal(ci.json.ticket.appointment_id, id);
    assert.equal((await post(checkIn, `${list}/${id}/check-in`, {}, tok.clerk, null)).status, 409);
    assert.equal((await post(checkIn, `${list}/999999/check-in`, {}, tok.clerk, null)).status, 404);
    const other = await post(list, list, { service: 'seal', ...slot, ...who, id_number: 'D123456782' }, undefined, null);
    const noShow = '/api/v1/appointments/{id}/no-show';
    assert.equal((await post(noShow, `${list}/${other.json.appointment.id}/no-show`, {}, tok.clerk, null)).status, 409);
    writeSql(backend, demo.db, `UPDATE appointments SET day = '${today()}', slot_ms = ${now - 1200e3}, slot_end_ms = ${now + 600e3} WHERE id = ${other.json.appointment.id}`);
    assert.equal((await post(noShow, `${list}/${other.json.appointment.id}/no-show`, {}, tok.clerk, null)).status, 200);
    const third = await post(list, list, { service: 'seal', ...slot, ...who, id_number: 'E123456783' }, undefined, null);
    const cancel = '/api/v1/appointments/{id}/cancel';
    assert.equal((await post(cancel, `${list}/${third.json.appointment.id}/cancel`, {}, tok.clerk, null)).status, 200);
    assert.equal((await post(cancel, `${list}/${third.json.appointment.id}/cancel`, {}, tok.auditor, null)).status, 403);
    const visits = '/api/v1/home-visits';
    const hv = await post(visits, visits, { ...who, address: '臺北市中正區重慶南路一段122號', reason: 'seriously_ill', detail: '死亡登記' }, undefined, null);
    assert.equal(hv.status, 201);
    assert.equal((await post(visits, visits, { ...who, address: 'x', reason: 'busy', detail: 'x' }, undefined, null)).status, 400);
    const hvLookup = '/api/v1/home-visits/lookup';
    assert.equal((await post(hvLookup, hvLookup, { reference: hv.json.home_visit.reference, code: hv.json.code }, undefined, null)).status, 200);
    assert.equal((await get(visits, `${visits}?status=requested`, tok.clerk)).status, 200);
    const step = '/api/v1/home-visits/{id}/step';
    const stepPath = `${visits}/${hv.json.home_visit.id}/step`;
    assert.equal((await post(step, stepPath, { action: 'schedule', at_ms: Date.now() + DAY }, tok.clerk, null)).status, 200);
    assert.equal((await post(step, stepPath, { action: 'decline' }, tok.clerk, null)).status, 409);
    assert.equal((await post(step, stepPath, { action: 'fly' }, tok.clerk, null)).status, 400);
  });

  test('a route that needs a login answers 401 without one; a public route does not', async () => {
    for (const [method, path, op] of operations) {
      const needsLogin = (op.security ?? doc.security).some((req) => 'bearerAuth' in req);
      const concrete = path.replace(/\{[^}]+\}/g, '1');
      const r = await api(url, concrete, { method: method.toUpperCase(), body: method === 'post' ? {} : undefined });
      if (needsLogin) conforms(method.toUpperCase(), path, r);
      assert.equal(r.status === 401, needsLogin, `${method} ${path} without a token: ${r.status} ${r.text.slice(0, 200)}`);
    }
  });

  test('every documented route was exercised', () => {
    const all = operations.map(([m, p]) => `${m.toUpperCase()} ${p}`);
    assert.deepEqual(all.filter((r) => !exercised.has(r)), []);
  });
});
