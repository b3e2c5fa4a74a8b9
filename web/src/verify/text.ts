// The public verification page's words, in Traditional Chinese and English. The page stands
// alone (verify.html, no login): its words are here rather than in the clerks' i18n.ts, whose
// language switch and <html lang> it shares.

import { lang } from '../i18n';

const words = {
  'title': { zh: '戶政文件查驗', en: 'Verify a household registration document' },
  'brand': { zh: '戶政資訊系統', en: 'Household Registration System' },
  'skip': { zh: '跳到主要內容', en: 'Skip to main content' },
  'lang': { zh: 'English', en: '中文' },
  'lang.label': { zh: 'Switch to English', en: '切換為中文' },
  'intro': {
    zh: '戶籍謄本、印鑑證明、收據等文件均印有檢查碼及 QR 碼。輸入檢查碼、上傳文件 PDF 檔，或貼上 QR 碼內容，即可確認文件是否由戶政事務所核發、內容是否未經變更。無須登入。',
    en: 'Transcripts, seal certificates, receipts and other documents carry a check code and a QR code. Enter the check code, upload the document\'s PDF, or paste the QR code\'s text to confirm that a registration office issued it and that it has not been altered. No sign-in needed.',
  },
  'code.title': { zh: '以檢查碼查驗', en: 'Check by check code' },
  'code.label': { zh: '檢查碼', en: 'Check code' },
  'code.hint': {
    zh: '印於文件上，共 20 個英數字，每 4 個一組，例如 7KQ2-M9XD-4T8B-WH3N-C5RA；大小寫、橫線皆可。',
    en: 'Printed on the document: 20 letters and digits in groups of four, e.g. 7KQ2-M9XD-4T8B-WH3N-C5RA; any case, with or without dashes.',
  },
  'code.invalid': {
    zh: '檢查碼應為 20 個英數字（不含 U），請對照文件重新輸入',
    en: 'A check code has 20 letters and digits (no U); please copy it again from the document',
  },
  'code.submit': { zh: '查驗', en: 'Check' },
  'pdf.title': { zh: '以 PDF 檔查驗', en: 'Check a PDF file' },
  'pdf.label': { zh: '選擇文件的 PDF 檔', en: 'Choose the document\'s PDF file' },
  'pdf.hint': {
    zh: '或將檔案拖放到此區。檔案只用來計算雜湊值比對，任何一個位元組不同都不會相符。',
    en: 'Or drop the file here. The file is only hashed and compared: a single changed byte will not match.',
  },
  'pdf.not_pdf': { zh: '請選擇 PDF 檔', en: 'Please choose a PDF file' },
  'pdf.too_large': { zh: '檔案超過 5 MB，不是本所核發之文件', en: 'The file is over 5 MB: not a document issued here' },
  'qr.title': { zh: '離線驗證 QR 碼', en: 'Verify a QR code offline' },
  'qr.label': { zh: 'QR 碼內容', en: 'QR code text' },
  'qr.hint': {
    zh: '以掃描程式讀取文件上的 QR 碼後貼上（以 HJ1: 開頭）。本項在瀏覽器內以戶政事務所公開金鑰驗證簽章，不需連線；是否已註銷須連線查驗。',
    en: 'Scan the document\'s QR code and paste its text (it starts with HJ1:). The signature is checked in this browser with the office\'s published key, without going online; whether the document was revoked needs an online check.',
  },
  'qr.submit': { zh: '驗證簽章', en: 'Verify signature' },
  'qr.no_keys': {
    zh: '尚未取得戶政事務所公開金鑰，請連線後重新整理本頁',
    en: 'The office\'s public key has not been loaded yet; go online and reload this page',
  },
  'result.title': { zh: '查驗結果', en: 'Result' },
  'result.checking': { zh: '查驗中…', en: 'Checking…' },
  'result.valid': { zh: '有效：本文件由戶政事務所核發', en: 'Valid: this document was issued by a registration office' },
  'result.revoked': { zh: '已註銷：本文件已作廢或已換發，不具效力', en: 'Revoked: this document was voided or replaced and is no longer valid' },
  'result.not_found': {
    zh: '查無此文件：檢查碼或檔案與核發紀錄不符',
    en: 'Not found: the check code or file matches no issued document',
  },
  'result.not_found_hint': {
    zh: '請核對檢查碼是否輸入正確；PDF 檔經過任何修改亦會查無資料。',
    en: 'Check that the code was typed correctly; a PDF changed in any way is not found either.',
  },
  'result.throttled': {
    zh: '查驗次數過多，請於 {s} 秒後再試',
    en: 'Too many checks; please try again in {s} seconds',
  },
  'result.failed': { zh: '目前無法連線查驗，請稍後再試', en: 'The check could not be made now; please try again later' },
  'result.qr_valid': {
    zh: '簽章正確：QR 碼內容由戶政事務所簽發，未經變更',
    en: 'Signature valid: the QR code was signed by the registration office and not altered',
  },
  'result.qr_invalid': {
    zh: '簽章不符：QR 碼內容不完整、遭變更，或非本所簽發',
    en: 'Signature does not match: the QR text is incomplete, altered, or not signed by this office',
  },
  'result.qr_online': { zh: '連線查驗是否已註銷', en: 'Check online whether it was revoked' },
  'field.document': { zh: '文件種類', en: 'Document' },
  'field.check_code': { zh: '檢查碼', en: 'Check code' },
  'field.issued_on': { zh: '核發日期', en: 'Issued on' },
  'field.office': { zh: '核發機關', en: 'Issuing office' },
  'field.revoked_on': { zh: '註銷日期', en: 'Revoked on' },
  'field.sha256': { zh: 'PDF 檔雜湊值（SHA-256）', en: 'PDF file digest (SHA-256)' },
  'field.digest': { zh: '記載事項雜湊值', en: 'Digest of the printed fields' },
  'field.key': { zh: '簽章金鑰', en: 'Signing key' },
  'printed.caption': { zh: '文件記載事項', en: 'What the document printed' },
  'printed.key': { zh: '項目', en: 'Item' },
  'printed.value': { zh: '內容', en: 'Content' },
  'kind.transcript': { zh: '戶籍謄本', en: 'Household registration transcript' },
  'kind.seal_certificate': { zh: '印鑑證明', en: 'Seal certificate' },
  'kind.receipt': { zh: '規費收據', en: 'Fee receipt' },
  'kind.temporary_certificate': { zh: '臨時身分證明書', en: 'Temporary identity certificate' },
  'kind.other': { zh: '戶政文件', en: 'Registration document' },
} as const;

export type WordKey = keyof typeof words;

export function w(key: WordKey, params: Record<string, string | number> = {}): string {
  return words[key][lang()].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

// A document kind in words (never the server's code).
export function kindText(kind: string): string {
  const key = `kind.${kind}`;
  return key in words ? w(key as WordKey) : w('kind.other');
}
