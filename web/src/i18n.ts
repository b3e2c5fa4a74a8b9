// Every piece of interface text, in Traditional Chinese (the default) and English.
// Register data (names, addresses, 記事) comes from the server and is not translated here,
// except for closed code lists (sex, status, removal reasons, relations) whose codes we know.

export type Lang = 'zh' | 'en';

interface Entry {
  zh: string;
  en: string;
}

const messages = {
  'app.name': { zh: '戶政資訊系統', en: 'Household Registration System' },
  'app.skip': { zh: '跳到主要內容', en: 'Skip to main content' },
  'app.footer': {
    zh: '個人資料查詢均記錄查詢人員、時間及事由，僅限執行公務使用（個人資料保護法）。',
    en: 'Every lookup of personal data is logged with the officer, time and purpose. For official use only (Personal Data Protection Act).',
  },
  'lang.switch': { zh: 'English', en: '中文' },
  'header.signed_in_as': { zh: '登入者：', en: 'Signed in as ' },
  'header.logout': { zh: '登出', en: 'Sign out' },

  'role.clerk': { zh: '承辦人', en: 'Clerk' },
  'role.supervisor': { zh: '主管', en: 'Supervisor' },
  'role.auditor': { zh: '稽核人員', en: 'Auditor' },
  'role.admin': { zh: '系統管理員', en: 'Administrator' },

  'login.title': { zh: '登入', en: 'Sign in' },
  'login.intro': {
    zh: '請以戶政人員帳號登入。連續輸入錯誤密碼，帳號將暫時鎖定。',
    en: 'Sign in with your registration office staff account. Repeated wrong passwords lock the account for a while.',
  },
  'login.username': { zh: '帳號', en: 'Username' },
  'login.password': { zh: '密碼', en: 'Password' },
  'login.submit': { zh: '登入', en: 'Sign in' },
  'login.busy': { zh: '登入中，請稍候…', en: 'Signing in…' },
  'login.failed': { zh: '登入失敗', en: 'Sign-in failed' },
  'login.username_required': { zh: '請輸入帳號', en: 'Enter your username' },
  'login.password_required': { zh: '請輸入密碼', en: 'Enter your password' },
  'notice.session_expired': {
    zh: '登入已逾時或失效，請重新登入。',
    en: 'Your session has expired. Please sign in again.',
  },
  'notice.logged_out': { zh: '您已登出。', en: 'You have signed out.' },

  'error.summary_title': { zh: '請修正下列問題', en: 'There is a problem' },
  'error.prefix': { zh: '錯誤：', en: 'Error: ' },
  'error.network': {
    zh: '無法連線至伺服器，請確認網路後再試一次。',
    en: 'Cannot reach the server. Check the connection and try again.',
  },
  'error.unexpected': {
    zh: '伺服器回應異常（HTTP {status}），請稍後再試。',
    en: 'Unexpected response from the server (HTTP {status}). Please try again later.',
  },

  'lookup.title': { zh: '個人戶籍資料查詢', en: 'Person lookup' },
  'lookup.intro': {
    zh: '輸入國民身分證統一編號並選擇查詢事由。每次查詢均留存紀錄備查。',
    en: 'Enter the national ID number and choose the purpose of the lookup. Every lookup is logged.',
  },
  'lookup.form_label': { zh: '查詢條件', en: 'Search' },
  'lookup.id_label': { zh: '統一編號', en: 'National ID number' },
  'lookup.id_hint': {
    zh: '英文字母 1 碼加數字 9 碼，例：A123456789',
    en: 'One letter and nine digits, e.g. A123456789',
  },
  'lookup.purpose_label': { zh: '查詢事由', en: 'Purpose of lookup' },
  'lookup.purpose_placeholder': { zh: '請選擇', en: 'Choose a purpose' },
  'lookup.other_label': { zh: '其他事由說明', en: 'Describe the purpose' },
  'lookup.submit': { zh: '查詢', en: 'Look up' },
  'lookup.busy': { zh: '查詢中，請稍候…', en: 'Looking up…' },
  'lookup.failed': { zh: '查詢失敗', en: 'Lookup failed' },
  'lookup.loaded': { zh: '已載入{name}的戶籍資料。', en: 'Register data for {name} loaded.' },
  'lookup.purpose_required': { zh: '請選擇查詢事由', en: 'Choose the purpose of the lookup' },
  'lookup.other_required': { zh: '請說明查詢事由', en: 'Describe the purpose of the lookup' },

  'purpose.application': { zh: '受理申請', en: 'Processing an application' },
  'purpose.verification': { zh: '戶籍資料核對', en: 'Verifying register data' },
  'purpose.notification': { zh: '通報業務', en: 'Agency notification' },
  'purpose.audit': { zh: '稽核', en: 'Audit' },
  'purpose.other': { zh: '其他', en: 'Other' },

  'id.empty': { zh: '請輸入統一編號', en: 'Enter the ID number' },
  'id.letter': {
    zh: '統一編號第 1 碼應為英文字母（A–Z）',
    en: 'The first character of an ID number must be a letter (A–Z)',
  },
  'id.length': {
    zh: '統一編號應為 10 碼，目前輸入 {n} 碼',
    en: 'An ID number has 10 characters; you entered {n}',
  },
  'id.second': {
    zh: '統一編號第 2 碼應為 1 或 2（國民）、8 或 9（居留證），或 A–D（舊式居留證）',
    en: 'The second character must be 1 or 2 (citizen), 8 or 9 (resident certificate), or A–D (old resident certificate)',
  },
  'id.digits': {
    zh: '統一編號第 3 至 10 碼應為數字',
    en: 'Characters 3 to 10 of an ID number must be digits',
  },
  'id.checksum': {
    zh: '統一編號檢查碼不符，請核對是否輸入錯誤',
    en: 'The check digit does not match; check the number for a typing error',
  },

  'result.title': { zh: '查詢結果：', en: 'Result: ' },
  'result.purpose': { zh: '查詢事由：', en: 'Purpose recorded: ' },
  'person.heading': { zh: '個人資料', en: 'Personal details' },
  'person.name': { zh: '姓名', en: 'Name' },
  'person.id_number': { zh: '統一編號', en: 'ID number' },
  'person.sex': { zh: '性別', en: 'Sex' },
  'person.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'person.birth_place': { zh: '出生地', en: 'Place of birth' },
  'person.relation': { zh: '稱謂', en: 'Relation to head' },
  'person.father': { zh: '父', en: 'Father' },
  'person.mother': { zh: '母', en: 'Mother' },
  'person.spouse': { zh: '配偶', en: 'Spouse' },
  'person.indigenous': { zh: '原住民身分', en: 'Indigenous status' },
  'person.status': { zh: '狀態', en: 'Status' },
  'person.not_indigenous': { zh: '非原住民', en: 'Not indigenous' },
  'person.none': { zh: '無資料', en: 'None recorded' },
  'person.lookup_relative': { zh: '查詢', en: 'Look up' },
  'sex.M': { zh: '男', en: 'Male' },
  'sex.F': { zh: '女', en: 'Female' },
  'status.active': { zh: '現住', en: 'Resident' },
  'status.removed': { zh: '除戶', en: 'Removed' },
  'status.removed_reason': { zh: '除戶（{reason}）', en: 'Removed ({reason})' },
  'removal.death': { zh: '死亡', en: 'death' },
  'removal.death_declared': { zh: '死亡宣告', en: 'declared dead' },
  'removal.emigration': { zh: '遷出國外', en: 'emigration' },
  'removal.loss_of_nationality': { zh: '喪失國籍', en: 'loss of nationality' },

  'household.heading': { zh: '戶籍資料', en: 'Household' },
  'household.no': { zh: '戶號', en: 'Household no.' },
  'household.address': { zh: '住址', en: 'Address' },
  'household.caption': { zh: '戶內人口（共 {n} 人）', en: 'Household members ({n})' },
  'household.none': { zh: '此人目前未設戶籍。', en: 'This person has no current household.' },
  'household.this_person': { zh: '本次查詢對象', en: 'Person looked up' },
  'col.relation': { zh: '稱謂', en: 'Relation' },
  'col.name': { zh: '姓名', en: 'Name' },
  'col.id_number': { zh: '統一編號', en: 'ID number' },
  'col.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'col.status': { zh: '狀態', en: 'Status' },

  'events.heading': { zh: '戶籍記事', en: 'Register entries' },
  'events.none': { zh: '無記事。', en: 'No entries.' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;
export type Params = Record<string, string | number>;

// 稱謂 (relation to the head of household) as the register writes them, with English.
const relations: Record<string, string> = {
  戶長: 'Head of household',
  配偶: 'Spouse',
  父: 'Father',
  母: 'Mother',
  子: 'Son',
  女: 'Daughter',
  長子: 'Eldest son',
  次子: 'Second son',
  三子: 'Third son',
  長女: 'Eldest daughter',
  次女: 'Second daughter',
  三女: 'Third daughter',
  孫: 'Grandson',
  孫子: 'Grandson',
  孫女: 'Granddaughter',
  媳: 'Daughter-in-law',
  婿: 'Son-in-law',
  兄: 'Elder brother',
  弟: 'Younger brother',
  姊: 'Elder sister',
  妹: 'Younger sister',
  祖父: 'Grandfather',
  祖母: 'Grandmother',
  同居人: 'Co-resident',
};

const monthsEn = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const kStorageKey = 'huji.lang';
const kHtmlLang: Record<Lang, string> = { zh: 'zh-Hant-TW', en: 'en' };

function storedLang(): Lang {
  try {
    return localStorage.getItem(kStorageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';  // storage disabled: fall back to the default
  }
}

let current: Lang = storedLang();

export function lang(): Lang {
  return current;
}

export function htmlLang(l: Lang = current): string {
  return kHtmlLang[l];
}

export function otherLang(): Lang {
  return current === 'zh' ? 'en' : 'zh';
}

// Switches the interface language, remembers it and updates <html lang>.
export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(kStorageKey, l);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
  applyHtmlLang();
}

export function applyHtmlLang(): void {
  document.documentElement.lang = kHtmlLang[current];
}

export function t(key: MessageKey, params?: Params): string {
  return tIn(current, key, params);
}

// The text in a given language, whatever the interface shows (e.g. the purpose the server logs).
export function tIn(l: Lang, key: MessageKey, params?: Params): string {
  let text: string = messages[key][l];
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]) : m);
  }
  return text;
}

// A message the server sent in both languages.
export interface ServerMessage {
  message_zh: string;
  message_en: string;
}

export function localized(m: ServerMessage): string {
  return current === 'zh' ? m.message_zh : m.message_en || m.message_zh;
}

export function relationText(relation: string): string {
  if (current === 'zh') return relation;
  return relations[relation] ?? relation;
}

export function removalText(code: string): string {
  const key = `removal.${code}`;
  return key in messages ? t(key as MessageKey) : code;
}

// Dates: ISO in, 民國79年03月02日 or "2 March 1990" out. The server's ROC text wins when given.
export function formatDate(iso: string, rocFromServer?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return rocFromServer ?? iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (current === 'zh') return rocFromServer || rocDate(Number(y), mo, d);
  return `${Number(d)} ${monthsEn[Number(mo) - 1] ?? mo} ${y}`;
}

// 民國 year = AD year − 1911; years before 1912 are written 民國前N年.
export function rocDate(year: number, month: string, day: string): string {
  const roc = year - 1911;
  const y = roc > 0 ? `民國${roc}年` : `民國前${1 - roc}年`;
  return `${y}${month}月${day}日`;
}
