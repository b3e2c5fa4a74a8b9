// The public booking page's words (/book, no login), in Traditional Chinese and English; the
// page stands alone as /verify does, sharing the clerks' language switch and <html lang>.

import { lang } from '../i18n';

const words = {
  'title': { zh: '線上預約', en: 'Book an appointment' },
  'brand': { zh: '戶政事務所', en: 'Household Registration Office' },
  'skip': { zh: '跳到主要內容', en: 'Skip to main content' },
  'lang': { zh: 'English', en: '中文' },
  'lang.label': { zh: 'Switch to English', en: '切換為中文' },
  'intro': {
    zh: '可預約 1 至 7 天後的時段，須於前一日下午 3 時前完成；每人每日限預約一個時段。逾時 15 分鐘以現場抽號辦理；預約未到超過 3 次將停止預約 6 個月。',
    en: 'Book a slot 1 to 7 days ahead, by 3 pm the day before; one slot per person per day. More than 15 minutes late, you take an ordinary ticket; more than 3 missed appointments suspend booking for 6 months.',
  },
  'book.title': { zh: '預約臨櫃服務或與民有約', en: 'Book a counter service or a meeting with the director' },
  'kind.legend': { zh: '預約項目', en: 'What to book' },
  'kind.counter': { zh: '臨櫃服務', en: 'A counter service' },
  'kind.director': { zh: '與民有約（與主任面談）', en: 'Meet the director (與民有約)' },
  'service.label': { zh: '1. 服務項目', en: '1. Service' },
  'day.label': { zh: '2. 日期', en: '2. Day' },
  'day.hint': { zh: '選擇日期後顯示可預約時段', en: 'Choose a day to see its slots' },
  'slot.legend': { zh: '3. 時段', en: '3. Time' },
  'slot.none': { zh: '此日無可預約時段，請改選其他日期', en: 'No slots can be booked on this day; please choose another' },
  'slot.left': { zh: '尚餘 {n} 位', en: '{n} left' },
  'slot.full': { zh: '額滿', en: 'full' },
  'details.legend': { zh: '4. 預約人資料', en: '4. Your details' },
  'name': { zh: '姓名', en: 'Name' },
  'id_number': { zh: '身分證統一編號', en: 'National ID number' },
  'id_number.hint': { zh: '例如 A123456789', en: 'e.g. A123456789' },
  'phone': { zh: '聯絡電話', en: 'Phone' },
  'email': { zh: '電子郵件（選填，前一日寄送提醒）', en: 'E-mail (optional: a reminder the day before)' },
  'topic': { zh: '陳述事項', en: 'What you wish to discuss' },
  'confirm': { zh: '5. 確認預約', en: '5. Confirm the booking' },
  'booked.title': { zh: '預約完成', en: 'Booked' },
  'booked.keep': {
    zh: '請記下預約編號與密碼：查詢或取消時需要兩者；報到時請出示預約編號及身分證。',
    en: 'Note the reference and the code: you need both to look up or cancel the booking; check in with the reference and your ID.',
  },
  'reference': { zh: '預約編號', en: 'Reference' },
  'code': { zh: '密碼', en: 'Code' },
  'when': { zh: '時間', en: 'When' },
  'what': { zh: '項目', en: 'What' },
  'status': { zh: '狀態', en: 'Status' },
  'status.booked': { zh: '已預約', en: 'Booked' },
  'status.checked_in': { zh: '已報到', en: 'Checked in' },
  'status.cancelled': { zh: '已取消', en: 'Cancelled' },
  'status.no_show': { zh: '未到', en: 'Missed' },
  'status.walk_in': { zh: '逾時改現場抽號', en: 'Late: ordinary ticket' },
  'lookup.title': { zh: '查詢或取消預約', en: 'Look up or cancel a booking' },
  'lookup.submit': { zh: '查詢', en: 'Look up' },
  'cancel.submit': { zh: '取消此預約', en: 'Cancel this booking' },
  'cancel.done': { zh: '預約已取消', en: 'The booking is cancelled' },
  'visit.title': { zh: '申請到宅服務', en: 'Ask for a home visit (到宅服務)' },
  'visit.intro': {
    zh: '身心障礙、65 歲以上行動不便或重病者無法親自到所，可申請戶政人員到宅服務，每案以 2 次為限。',
    en: 'If you are disabled, 65 or older with limited mobility, or seriously ill, and cannot come to the office, a clerk can visit you at home (at most 2 visits per case).',
  },
  'address': { zh: '到宅地址', en: 'Address' },
  'reason': { zh: '申請原因', en: 'Reason' },
  'reason.disabled': { zh: '身心障礙', en: 'Disabled' },
  'reason.elderly_65_limited_mobility': { zh: '65 歲以上行動不便', en: '65 or older with limited mobility' },
  'reason.seriously_ill': { zh: '重病', en: 'Seriously ill' },
  'detail': { zh: '申辦事項', en: 'What is to be done' },
  'visit.submit': { zh: '送出申請', en: 'Send the request' },
  'visit.done': { zh: '已收到您的到宅服務申請，本所將以電話聯絡您', en: 'We have your request and will call you' },
  'required': { zh: '請填寫{field}', en: 'Please fill in {field}' },
  'failed': { zh: '目前無法連線，請稍後再試', en: 'Could not connect; please try again later' },
} as const;

export type WordKey = keyof typeof words;

export function w(key: WordKey, params: Record<string, string | number> = {}): string {
  return words[key][lang()].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function statusText(status: string): string {
  const key = `status.${status}`;
  return key in words ? w(key as WordKey) : status;
}
