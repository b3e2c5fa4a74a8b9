// Computes one year's government office calendar in the format of data/calendar/YYYY.txt
// (src/core/calendar.h) from the holiday rules, with the lunar dates computed (lunar-javascript,
// China Standard Time = Taiwan's UTC+8, so the lunar days are Taiwan's):
//
//   cd scripts/calendar && npm ci && node make_year.mjs 2027 > ../../data/calendar/2027.txt
//
// The rules (紀念日及節日實施條例, as amended and in force from 2025-05-31):
//   放假 (days off): 開國紀念日 1/1, 和平紀念日 2/28, 兒童節 4/4, 民族掃墓節 (the 清明 solar
//   term), 勞動節 5/1, 端午節 (lunar 5/5), 中秋節 (lunar 8/15), 孔子誕辰紀念日 (教師節) 9/28,
//   國慶日 10/10, 臺灣光復暨金門古寧頭大捷紀念日 10/25, 行憲紀念日 12/25, 農曆除夕前一日,
//   農曆除夕, 春節 (lunar 1/1–1/3). 原住民族歲時祭儀 are days off for indigenous people only
//   and are not in the general calendar.
//   補假 (observed days): a day off on a Saturday is made up on the working day before it, on a
//   Sunday on the working day after it; the days off of 除夕前一日, 除夕 and 春節 that fall on a
//   weekend are all made up on the working days after the holiday. When 兒童節 and 民族掃墓節
//   are the same day, the day before is off (the day after when the day before is a Thursday).
//   No bridge days (調整放假 with a make-up Saturday): none since the 2025 amendment
//   (115年 has none either).
// The output is marked provisional: it is checked by hand against the 辦公日曆表 that
// 行政院人事行政總處 publishes, and the marker is removed then.
//
// Check: `node make_year.mjs 2026 --final | diff - ../../data/calendar/2026.txt` shows only
// the header comments (2026.txt is the published table).

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Lunar, Solar } = require("lunar-javascript");

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const utc = (y, m, d) => Date.UTC(y, m - 1, d);
const weekday = (t) => new Date(t).getUTCDay(); // 0 Sunday … 6 Saturday
const isWeekend = (t) => weekday(t) === 0 || weekday(t) === 6;
const fromSolar = (s) => utc(s.getYear(), s.getMonth(), s.getDay());

// The days off a year's rules give, each { t, name, group } (group "spring" for 除夕前一日,
// 除夕 and 春節: their weekend days are made up after the holiday).
function daysOff(year) {
  const out = [];
  const add = (t, name, group = "") => out.push({ t, name, group });
  add(utc(year, 1, 1), "開國紀念日");
  add(utc(year, 2, 28), "和平紀念日");
  const qingming = fromSolar(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]);
  const children = utc(year, 4, 4);
  if (qingming === children) {
    // The day before is off instead; when that is a Thursday, the day after.
    const before = children - DAY;
    add(weekday(before) === 4 ? children + DAY : before, "兒童節");
    add(qingming, "民族掃墓節");
  } else {
    add(children, "兒童節");
    add(qingming, "民族掃墓節");
  }
  add(utc(year, 5, 1), "勞動節");
  add(fromSolar(Lunar.fromYmd(year, 5, 5).getSolar()), "端午節");
  add(fromSolar(Lunar.fromYmd(year, 8, 15).getSolar()), "中秋節");
  add(utc(year, 9, 28), "教師節");
  add(utc(year, 10, 10), "國慶日");
  add(utc(year, 10, 25), "臺灣光復暨金門古寧頭大捷紀念日");
  add(utc(year, 12, 25), "行憲紀念日");
  // The lunar new year that starts in this Gregorian year, and its eve(s), which may fall in
  // the year before (the next year's are added by the caller's range).
  const newYear = fromSolar(Lunar.fromYmd(year, 1, 1).getSolar());
  add(newYear - 2 * DAY, "農曆除夕前一日", "spring");
  add(newYear - DAY, "農曆除夕", "spring");
  add(newYear, "春節（初一）", "spring");
  add(newYear + DAY, "春節（初二）", "spring");
  add(newYear + 2 * DAY, "春節（初三）", "spring");
  return out;
}

// Every holiday entry (weekday days off and their made-up days) of the years around `year`.
function entries(year) {
  const rules = [year - 1, year, year + 1].flatMap(daysOff).sort((a, b) => a.t - b.t);
  const off = new Map(); // t → description
  for (const d of rules) {
    if (!isWeekend(d.t)) off.set(d.t, d.name);
  }
  const taken = (t) => isWeekend(t) || off.has(t);
  for (const d of rules) {
    if (!isWeekend(d.t)) continue;
    const backwards = d.group !== "spring" && weekday(d.t) === 6;
    let t = d.t;
    do t += backwards ? -DAY : DAY;
    while (taken(t));
    off.set(t, d.group === "spring" ? "春節補假" : `${d.name}補假`);
  }
  return [...off.entries()]
    .filter(([t]) => new Date(t).getUTCFullYear() === year)
    .sort((a, b) => a[0] - b[0]);
}

const year = Number(process.argv[2]);
if (!Number.isInteger(year) || year < 2026 || year > 2100) {
  console.error("usage: node make_year.mjs YEAR [--final]   (YEAR from 2026, the 2025 rules)");
  process.exit(2);
}
const final = process.argv.includes("--final");
const roc = year - 1911;
const lines = [
  `# ${roc}年（${year}）政府行政機關辦公日曆表，依紀念日及節日實施條例（2025 年修正）計算`,
];
if (!final) {
  lines.push(
    "# 暫定：由 scripts/calendar/make_year.mjs 計算（農曆日期以 lunar-javascript 推算），",
    "# 尚未與行政院人事行政總處公布之辦公日曆表核對；核對無誤後刪除下一行的 provisional。",
    "provisional",
  );
}
lines.push(
  "# 只列週一至週五的放假日與週六日的補行上班日；一般週六、週日本來就放假，不必列出。",
  "# 本年無補行上班日。",
  "# 格式：YYYY-MM-DD holiday|workday 說明",
);
for (const [t, name] of entries(year)) lines.push(`${iso(t)} holiday ${name}`);
console.log(lines.join("\n"));
