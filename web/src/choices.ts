// Choices instead of typing (issue 17 item 8): the lists a form offers and how typing narrows
// them. Pure logic, no DOM (components/combobox.ts draws a list; screens/register.ts the type
// search).

import { kMonthsEn } from './dates';
import { kCounties } from './places';

export interface Choice {
  value: string;   // what the field receives
  label: string;   // what the list shows
  keys?: readonly string[];  // further words that find it (an English name, a code)
}

// 台 typed for 臺, full-width letters and digits from an input method, case: all the same.
export function normalizeQuery(text: string): string {
  return text.normalize('NFKC').trim().replace(/台/g, '臺').toLowerCase();
}

// The choices that contain what was typed (in the label, the value or a key): the one that is
// exactly it first, then those that begin with it, then the rest, each group in the list's
// order. Nothing typed: all of them.
export function filterChoices<C extends Choice>(choices: readonly C[], typed: string): C[] {
  const q = normalizeQuery(typed);
  if (q === '') return [...choices];
  const tiers: C[][] = [[], [], []];
  for (const c of choices) {
    const words = [c.label, c.value, ...(c.keys ?? [])].map(normalizeQuery);
    const tier = words.includes(q) ? 0 : words.some((w) => w.startsWith(q)) ? 1
      : words.some((w) => w.includes(q)) ? 2 : -1;
    if (tier >= 0) tiers[tier]!.push(c);
  }
  return tiers.flat();
}

// 稱謂 as the register writes them: the words src/domain/register/registration.cc
// derive_relation() gives a member (with birth_order_prefix() for children), less 戶長 (a
// household has one; joining one never makes a head). web/tests/unit.test.mjs checks that they
// agree with the C++.
const kOrdinals = ['長', '次', '三', '四', '五', '六', '七', '八', '九', '十'];
export const kRelationWords: readonly string[] = [
  '配偶',
  ...kOrdinals.map((o) => `${o}子`), '子',
  ...kOrdinals.map((o) => `${o}女`), '女',
  '父', '母', '孫', '孫女', '媳', '婿', '兄', '弟', '姊', '妹',
  '配偶之子', '配偶之女', '配偶之父', '配偶之母', '同居人',
];

// Every place on the county/district table as one choice each: the county alone (臺北市) and
// each district with its county (臺北市中正區), so that typing 中正 or 北斗 finds it.
export function placeChoices(): Choice[] {
  const out: Choice[] = [];
  for (const [county, districts] of kCounties) {
    out.push({ value: county, label: county });
    for (const d of districts) out.push({ value: `${county}${d}`, label: `${county}${d}`, keys: [d] });
  }
  return out;
}

// A birth date as the confirmation beside an ID number says it: 民國79年3月2日 / 2 March 1990.
export function birthWords(iso: string, lang: 'zh' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return lang === 'zh' ? `民國${y - 1911}年${m}月${d}日` : `${d} ${kMonthsEn[m - 1]} ${y}`;
}
