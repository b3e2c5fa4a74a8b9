// 國民身分證統一編號 / 居留證統一證號: the client-side check that spares the server an obviously
// mistyped number and tells the clerk why. The server's check is the authority.
//
// One letter + 9 digits. Letter → code A10 B11 … (DOMAIN §2); with the code's digits c1 c2
// and the digits d1..d9: c1·1 + c2·9 + d1·8 + d2·7 + … + d8·1 + d9·1 ≡ 0 (mod 10).
// d1 is 1/2 (citizen, male/female) or 8/9 (resident certificate since 2021-01-02). Legacy
// resident numbers have a second letter A–D whose code counts (mod 10) in place of d1.

const kLetterCodes: Readonly<Record<string, number>> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

export type IdReason = 'empty' | 'letter' | 'length' | 'second' | 'digits' | 'checksum';

export type IdCheck =
  | { valid: true; value: string; kind: 'citizen' | 'resident'; sex: 'M' | 'F' }
  | { valid: false; value: string; reason: IdReason };

// What the clerk typed, as the register writes it: no surrounding spaces, upper case.
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function checkIdNumber(raw: string): IdCheck {
  const value = normalizeIdNumber(raw);
  const fail = (reason: IdReason): IdCheck => ({ valid: false, value, reason });
  if (value === '') return fail('empty');
  const first = kLetterCodes[value.charAt(0)];
  if (first === undefined) return fail('letter');
  if (value.length !== 10) return fail('length');

  const second = value.charAt(1);
  let d1: number;
  let kind: 'citizen' | 'resident';
  let sex: 'M' | 'F';
  if (/^[1289]$/.test(second)) {
    d1 = Number(second);
    kind = d1 <= 2 ? 'citizen' : 'resident';
    sex = d1 === 1 || d1 === 8 ? 'M' : 'F';
  } else if (/^[A-D]$/.test(second)) {
    d1 = (kLetterCodes[second] ?? 0) % 10;
    kind = 'resident';
    sex = second === 'A' || second === 'C' ? 'M' : 'F';
  } else {
    return fail('second');
  }
  const rest = value.slice(2);
  if (!/^\d{8}$/.test(rest)) return fail('digits');

  const digits = [d1, ...Array.from(rest, Number)];
  const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  let sum = Math.floor(first / 10) + (first % 10) * 9;
  digits.forEach((d, i) => {
    sum += d * (weights[i] ?? 0);
  });
  if (sum % 10 !== 0) return fail('checksum');
  return { valid: true, value, kind, sex };
}
