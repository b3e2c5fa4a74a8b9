// Writes N issued documents into a demo database for bench/verify.sh (SQLite file or
// PostgreSQL URL) and prints their check codes, one a line. Signed as the registry signs, with
// the key file given (tests/http/issued_documents.mjs).
//   node bench/verify_docs.mjs DB KEYFILE N > codes
import { execFileSync } from 'node:child_process';
import { documentKeyFromFile, samplePdf, stampDocument, rowSql } from '../tests/http/issued_documents.mjs';

const [db, keyFile, n] = process.argv.slice(2);
const backend = db.startsWith('postgresql://') ? 'postgres' : 'sqlite';
const key = documentKeyFromFile(keyFile);
const printed = [['戶號', 'F1234567'], ['戶長', '王小明'], ['記事', '民國115年12月5日申請']];
const codes = [];
const rows = [];
for (let i = 0; i < Number(n); i++) {
  const d = stampDocument(key, { office: '63000080', issuedOn: '2026-12-05', printed, pdf: samplePdf(`bench ${i}`) });
  rows.push(rowSql(backend, d));
  codes.push(d.grouped);
}
const sql = `BEGIN;\n${rows.join(';\n')};\nCOMMIT;\n`;
if (backend === 'postgres') execFileSync('psql', [db, '-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: sql });
else execFileSync('sqlite3', [db], { input: sql });
process.stdout.write(`${codes.join('\n')}\n`);
