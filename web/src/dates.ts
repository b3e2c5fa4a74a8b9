// Calendar days as the counter sees them: the browser's local date (the office's PCs run on
// Taiwan time), always as ISO text, the form the API speaks.

function iso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function todayIso(now: Date = new Date()): string {
  return iso(now);
}

export function addDaysIso(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return iso(new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
}

export function monthStartIso(now: Date = new Date()): string {
  return iso(new Date(now.getFullYear(), now.getMonth(), 1));
}

// A real calendar date written YYYY-MM-DD (2024-02-30 is not).
export function isIsoDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  return y >= 1900 && date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d;
}
