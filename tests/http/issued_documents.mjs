// Issued documents for tests of public verification, made without the use cases that issue
// them: the row of issued_documents written with SQL on either backend, signed as
// service::DocumentSigner signs (document_registry.h) with an Ed25519 key file that huji serve
// is then given (--document-key). Its QR text verifies offline like a real one.
import { createHash, createPrivateKey, createPublicKey, randomInt, sign } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const kAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// PKCS #8 wrapping of a raw 32-byte Ed25519 seed.
const kPkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// A key file in `dir` (huji audit keygen writes the same format) and what signs with it.
export function documentKey(bin, dir) {
  const path = join(dir, 'document.key');
  execFileSync(bin, ['audit', 'keygen', '--audit-key', path], { encoding: 'utf8' });
  return documentKeyFromFile(path);
}

// An existing key file (hex of a 64-byte libsodium secret key).
export function documentKeyFromFile(path) {
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  const privateKey = createPrivateKey({ key: Buffer.concat([kPkcs8Prefix, secret.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
  const publicRaw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  return { path, privateKey, publicHex: publicRaw.toString('hex'), keyId: sha256(publicRaw).slice(0, 16) };
}

const escape = (s) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/=/g, '\\=');

// canonical_printed() of a draft.
export function canonicalPrinted({ kind, office, issuedOn, printed }) {
  return [escape(kind), escape(office), issuedOn, ...printed.map(([k, v]) => `${escape(k)}=${escape(v)}`)]
    .map((l) => `${l}\n`).join('');
}

export const groupCode = (code) => code.match(/.{4}/g).join('-');

// A fresh document: its stamp and row, not yet stored.
export function stampDocument(key, { kind = 'transcript', office, issuedOn, printed, pdf }) {
  let code = '';
  for (let i = 0; i < 20; i++) code += kAlphabet[randomInt(32)];
  const canonical = canonicalPrinted({ kind, office, issuedOn, printed });
  const digest = sha256(canonical);
  const signedPart = `HJ1:${code}:${kind}:${office}:${issuedOn.replace(/-/g, '')}:${digest}`;
  const signature = sign(null, Buffer.from(signedPart), key.privateKey).toString('base64url');
  return { code, grouped: groupCode(code), kind, office, issuedOn, printed, canonical, digest,
    signature, qrText: `${signedPart}:${signature}`, pdf, pdfSha256: sha256(pdf), keyId: key.keyId };
}

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

// Writes SQL on a demo database (its `db` from makeDemoDb) of either backend.
export function writeSql(backend, db, query) {
  if (backend === 'postgres') {
    execFileSync('psql', [db, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
  } else {
    execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, query], { encoding: 'utf8' });
  }
}

// The INSERT of the stamped document `d` as record_document() would store it.
export function rowSql(backend, d, { issuedBy = 'clerk', issuedMs = Date.now() } = {}) {
  const blob = backend === 'postgres' ? `decode('${d.pdf.toString('hex')}', 'hex')` : `X'${d.pdf.toString('hex')}'`;
  return 'INSERT INTO issued_documents (check_code, kind, office_code, issued_on, printed, '
    + 'digest, signature, key_id, pdf_sha256, status, status_reason, status_ms, issued_by, issued_ms, pdf) VALUES ('
    + [d.code, d.kind, d.office, d.issuedOn, d.canonical, d.digest, d.signature, d.keyId, d.pdfSha256,
      'valid', '', 0, issuedBy, issuedMs].map((v) => (typeof v === 'number' ? String(v) : quote(v))).join(', ')
    + `, ${blob})`;
}

// Stores the stamped document `d` as record_document() would.
export function insertDocument(backend, db, d, options = {}) {
  writeSql(backend, db, rowSql(backend, d, options));
}

// A small but real PDF (one empty page), different for each `label`.
export function samplePdf(label) {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n`
    + `2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n`
    + `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n`
    + `% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'utf8');
}
