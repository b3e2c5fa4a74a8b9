// The public verification page's logic, without the DOM: the check code as typed, the calls to
// /api/v1/verify/…, and the offline check of a QR text with the office's published Ed25519 key
// (WebCrypto: Chromium, Firefox and Safari verify Ed25519 natively, so no library is shipped).
// The QR text is HJ1:<code>:<kind>:<office>:<YYYYMMDD>:<digest>:<signature>, the signature over
// everything before its last ':' (service/document_registry.h).

export interface PrintedField {
  key: string;
  value: string;
}

export interface Verification {
  valid: true;
  status: 'valid' | 'revoked';
  revoked_on?: string;
  document: string;
  check_code: string;
  issued_on: string;
  office_code: string;
  office_name: string;
  printed: PrintedField[];
  digest: string;
  key_id: string;
  sha256: string;
}

export interface PublicKey {
  key_id: string;
  algorithm: string;
  public_key: string;
}

// What a check came to: the document, none, or a wait (seconds) before checking again.
export type CheckResult =
  | { kind: 'found'; doc: Verification }
  | { kind: 'not_found' }
  | { kind: 'throttled'; retryAfter: number }
  | { kind: 'failed' };

export interface QrContent {
  checkCode: string;  // grouped
  document: string;
  officeCode: string;
  issuedOn: string;   // YYYY-MM-DD
  digest: string;
  keyId: string;
}

const kAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// The stored form of a code as typed or read aloud (case, dashes, spaces, O→0, I/L→1), or null
// when it cannot be one — as normalize_check_code on the server.
export function normalizeCode(input: string): string | null {
  let out = '';
  for (let c of input.toUpperCase()) {
    if (c === '-' || c === ' ') continue;
    if (c === 'O') c = '0';
    if (c === 'I' || c === 'L') c = '1';
    if (!kAlphabet.includes(c)) return null;
    out += c;
  }
  return out.length === 20 ? out : null;
}

export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? '';
}

async function answer(res: Response): Promise<CheckResult> {
  if (res.status === 200) return { kind: 'found', doc: await res.json() as Verification };
  if (res.status === 404) return { kind: 'not_found' };
  if (res.status === 429) return { kind: 'throttled', retryAfter: Number(res.headers.get('Retry-After') ?? '60') || 60 };
  return { kind: 'failed' };
}

export async function checkCode(code: string, fetcher: typeof fetch = fetch): Promise<CheckResult> {
  try {
    return await answer(await fetcher(`/api/v1/verify/${encodeURIComponent(code)}`));
  } catch {
    return { kind: 'failed' };
  }
}

export async function checkPdf(bytes: ArrayBuffer, fetcher: typeof fetch = fetch): Promise<CheckResult> {
  try {
    return await answer(await fetcher('/api/v1/verify/pdf',
      { method: 'POST', headers: { 'Content-Type': 'application/pdf' }, body: bytes }));
  } catch {
    return { kind: 'failed' };
  }
}

export async function publishedKeys(fetcher: typeof fetch = fetch): Promise<PublicKey[]> {
  const res = await fetcher('/api/v1/verify/keys');
  if (!res.ok) throw new Error(`keys: ${res.status}`);
  return ((await res.json()) as { keys: PublicKey[] }).keys;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function base64urlBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(new ArrayBuffer(bin.length));
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

// The QR text's content when one of `keys` signed it, else null (malformed, altered, or signed
// by a key not published here).
export async function verifyQrOffline(text: string, keys: PublicKey[],
  subtle: SubtleCrypto = crypto.subtle): Promise<QrContent | null> {
  const qr = text.trim();
  const last = qr.lastIndexOf(':');
  if (!qr.startsWith('HJ1:') || last < 0) return null;
  const signed = qr.slice(0, last);
  const parts = signed.split(':');
  const sig = base64urlBytes(qr.slice(last + 1));
  const [, code, kind, office, d, digest] = parts;
  if (parts.length !== 6 || code === undefined || kind === undefined || office === undefined
    || d === undefined || digest === undefined || !sig || sig.length !== 64 || !/^\d{8}$/.test(d)) return null;
  const message = new TextEncoder().encode(signed);
  for (const k of keys) {
    const raw = hexBytes(k.public_key);
    if (k.algorithm !== 'Ed25519' || !raw || raw.length !== 32) continue;
    try {
      const key = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      if (await subtle.verify({ name: 'Ed25519' }, key, sig, message)) {
        return { checkCode: groupCode(code), document: kind, officeCode: office,
          issuedOn: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, digest, keyId: k.key_id };
      }
    } catch {
      // A browser without Ed25519, or a key it refuses: not verified with this key.
    }
  }
  return null;
}
