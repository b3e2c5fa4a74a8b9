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

// ---------------------------------------------------------------------------------------------
// Dates as clerks type them (one text field, see components/date_field.ts). The register's own
// rules (src/core/date.h Date::parse_roc): 民國 year = Western year − 1911, written with 1 to 3
// digits; "1151201" is 民國115年12月01日. Accepted here, with or without 民國 in front:
//   115/12/01  115.12.01  115-12-01  115年12月1日   (any one separator, month and day 1–2 digits)
//   1151201 (7 digits: yyy mm dd)   991201 (6 digits: yy mm dd, 民國 1–99)
//   2026-12-01  2026/12/01  20261201 (a 4-digit year is always Western)
// Full-width digits and separators (a Chinese input method's) count as their ASCII twins.
// Dates before 民國元年 (1912-01-01) are refused: the register has none (conversion entries
// start in 民國), and 民國前 years would be typed as a negative ROC year.

export const kFirstRocDay = '1912-01-01';
export const kLastRocDay = '2910-12-31';  // 民國999年, the last a 3-digit ROC year can write

// Why a typed date is not one: not a date form, month not 1–12, no such day in the month,
// before 民國元年, after 民國999年.
export type DateProblem = 'format' | 'month' | 'day' | 'before_roc' | 'too_late';

export type DateReading =
  | { ok: true; iso: string }
  | { ok: false; problem: DateProblem; year?: number; month?: number; day?: number };

const kFullWidth = /[\uFF01-\uFF5E]/g;
// A Chinese IME's 。 and 、 typed for a separator.
const kIdeographicSeparators = /[。、]/g;

export function parseDateText(text: string): DateReading | null {
  const s = text.replace(kFullWidth, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(kIdeographicSeparators, '.').replace(/\s+/g, '');
  if (s === '') return null;
  if (/^民國前/.test(s)) return { ok: false, problem: 'before_roc' };
  const bare = s.replace(/^民國/, '');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(bare)) || (m = /^(\d{4})()(\d{2})(\d{2})$/.exec(bare))) {
    if (bare !== s) return { ok: false, problem: 'format' };  // 民國2026年: not a ROC year
    return fromYmd(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  if ((m = /^(\d{1,3})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(bare)) ||
      (m = /^(\d{1,3})(年)(\d{1,2})月(\d{1,2})日?$/.exec(bare)) ||
      (m = /^(\d{2,3})()(\d{2})(\d{2})$/.exec(bare))) {
    const roc = Number(m[1]);
    if (roc < 1) return { ok: false, problem: 'before_roc' };
    return fromYmd(roc + 1911, Number(m[3]), Number(m[4]));
  }
  return { ok: false, problem: 'format' };
}

function fromYmd(year: number, month: number, day: number): DateReading {
  if (month < 1 || month > 12) return { ok: false, problem: 'month', year, month, day };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'day', year, month, day };
  const p = (n: number) => String(n).padStart(2, '0');
  const iso = `${String(year).padStart(4, '0')}-${p(month)}-${p(day)}`;
  if (iso < kFirstRocDay) return { ok: false, problem: 'before_roc', year, month, day };
  if (iso > kLastRocDay) return { ok: false, problem: 'too_late', year, month, day };
  return { ok: true, iso };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The ISO date a typed text means, or '' when it is none (what a form sends).
export function isoOfText(text: string): string {
  const r = parseDateText(text);
  return r?.ok ? r.iso : '';
}

// The way the register writes a date short (113/05/01), for a field filled in by the program.
export function rocSlash(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y) - 1911}/${m}/${d}`;
}

const kWeekdaysZh = ['日', '一', '二', '三', '四', '五', '六'];
const kWeekdaysEn = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const kMonthsEn = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

// The whole date in words, echoed beside the field so that the clerk sees what was understood:
// 民國115年12月1日（星期二） / Tuesday 1 December 2026 (ROC 115).
export function dateWords(iso: string, lang: 'zh' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (lang === 'zh') return `民國${y - 1911}年${m}月${d}日（星期${kWeekdaysZh[wd]}）`;
  return `${kWeekdaysEn[wd]} ${d} ${kMonthsEn[m - 1]} ${y} (ROC ${y - 1911})`;
}
